/** @jest-environment node */
/** `npm version` runs version-bump.mjs, which keeps manifest.json and versions.json in step. */
import { execFileSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

it("writes the new version into manifest.json and maps it to minAppVersion in versions.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "uca-bump-"));
  try {
    for (const f of ["version-bump.mjs", "manifest.json", "versions.json"]) copyFileSync(resolve(__dirname, "../..", f), join(dir, f));
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { minAppVersion: string; version: string };
    writeFileSync(join(dir, "package.json"), "{}");
    execFileSync("node", ["version-bump.mjs"], { cwd: dir, env: { ...process.env, npm_package_version: "9.8.7" } });
    const after = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { version: string; minAppVersion: string };
    const versions = JSON.parse(readFileSync(join(dir, "versions.json"), "utf8")) as Record<string, string>;
    expect(after.version).toBe("9.8.7");
    expect(after.minAppVersion).toBe(manifest.minAppVersion);
    expect(versions["9.8.7"]).toBe(manifest.minAppVersion);
    expect(versions[manifest.version]).toBe(manifest.minAppVersion);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
