/** @jest-environment node */
/**
 * The README is the user's manual, assembled from docs/readme/*.md by scripts/readme.mjs: it must
 * be what those sections make (so no feature's documentation is left out or stale), and every
 * image and local file it links to must exist.
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";

const ROOT = resolve(__dirname, "../..");

it("README.md is assembled from docs/readme/ (run `node scripts/readme.mjs` after editing a section)", () => {
  expect(() => execFileSync("node", ["scripts/readme.mjs", "--check"], { cwd: ROOT, stdio: "pipe" })).not.toThrow();
});

it("every image and local link in the README points at a file of the repository", () => {
  const readme = readFileSync(resolve(ROOT, "README.md"), "utf8").replace(/```[\s\S]*?```/g, "");
  const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z][a-z0-9+.-]*:|^#/i.test(t));
  expect(targets.length).toBeGreaterThan(0);
  const missing = targets.filter((t) => !existsSync(resolve(ROOT, decodeURI(t.split("#")[0]))));
  expect(missing).toEqual([]);
});
