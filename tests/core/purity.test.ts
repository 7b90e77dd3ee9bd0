/** @jest-environment node */
/** The lint rule that keeps the core pure really fails an import of obsidian (or Node) there. */
import { spawnSync } from "child_process";
import { rmSync, writeFileSync } from "fs";
import { resolve } from "path";

const ROOT = resolve(__dirname, "../..");

/** Lints a short-lived file in the given folder with the project's own ESLint config. */
function lint(folder: string, code: string): Promise<string[]> {
  const file = resolve(ROOT, folder, `zz-purity-probe-${process.pid}.ts`);
  writeFileSync(file, code);
  try {
    const r = spawnSync(process.execPath, [resolve(ROOT, "node_modules/eslint/bin/eslint.js"), "--format", "json", file], { cwd: ROOT, encoding: "utf8" });
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return Promise.resolve((result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`));
  } finally {
    rmSync(file, { force: true });
  }
}

describe("the core's purity rule", () => {
  it("fails an import of obsidian in src/core", async () => {
    const messages = await lint("src/core", 'import { Notice } from "obsidian";\nexport const n = Notice;\n');
    expect(messages.some((m) => m.startsWith("no-restricted-imports") && m.includes("src/core is pure"))).toBe(true);
  }, 60000);

  it("fails a Node API in src/core", async () => {
    const messages = await lint("src/core", 'import { readFileSync } from "fs";\nexport const r = readFileSync;\n');
    expect(messages.some((m) => m.startsWith("no-restricted-imports"))).toBe(true);
  }, 60000);

  it("allows obsidian in the glue", async () => {
    const messages = await lint("src/obsidian", 'import { Notice } from "obsidian";\nexport const n = Notice;\n');
    expect(messages.filter((m) => m.startsWith("no-restricted-imports"))).toEqual([]);
  }, 60000);
});
