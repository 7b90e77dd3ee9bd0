/**
 * manifest.json's minAppVersion covers every part of Obsidian's API the plugin uses: the
 * `@since` of each name the bundle's code resolves into obsidian.d.ts
 * (scripts/obsidian-api-versions.mjs; run it for the whole table).
 */
import { spawnSync } from "child_process";
import { resolve } from "path";
import manifest from "../../manifest.json";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the script's own CommonJS rules, shared with it
const rules = require("../../scripts/api-version-rules.cjs") as {
  compareVersions(a: string, b: string): number;
  tooNewFor(use: { since: string | null; guard: string | null }, min: string): boolean;
};

const ROOT = resolve(__dirname, "../..");

interface Use { name: string; since: string | null; guard: string | null; at: string }
interface Report { minAppVersion: string; uses: Use[]; tooNew: string[] }

describe("the Obsidian versions the plugin needs", () => {
  let report: Report;
  let status: number | null;
  beforeAll(() => {
    const r = spawnSync("node", ["scripts/obsidian-api-versions.mjs", "--json"], { cwd: ROOT, encoding: "utf8" });
    report = JSON.parse(r.stdout) as Report;
    status = r.status;
  }, 120000);

  it("finds the API the plugin's code uses, with the version each appeared in", () => {
    const since = (name: string): string | null | undefined => report.uses.find((u) => u.name === name)?.since;
    expect(since("Vault.process")).toBe("1.1.0");
    expect(since("Workspace.onLayoutReady")).toBe("0.11.0");
    expect(since("App.loadLocalStorage")).toBe("1.8.7");
    // Only what the bundle holds: main.ts and what it imports, never the command-line tool or tests.
    expect(report.uses.filter((u) => /^(tests|src\/cli|playground|bench)\//.test(u.at))).toEqual([]);
  });

  it("needs nothing newer than manifest.json's minAppVersion", () => {
    expect(report.minAppVersion).toBe(manifest.minAppVersion);
    expect(report.tooNew).toEqual([]);
    expect(status).toBe(0);
  });

  it("would fail for an older minAppVersion, naming what is too new; a requireApiVersion guard lets a use through", () => {
    const tooNew = report.uses.filter((u) => rules.tooNewFor(u, "1.6.6")).map((u) => u.name);
    expect(tooNew).toEqual(expect.arrayContaining(["App.loadLocalStorage", "App.saveLocalStorage"]));
    expect(rules.tooNewFor({ since: "1.7.2", guard: "1.7.2" }, "1.6.6")).toBe(false);
    expect(rules.tooNewFor({ since: "1.7.2", guard: "1.7.0" }, "1.6.6")).toBe(true);
    expect(rules.tooNewFor({ since: null, guard: null }, "0.1.0")).toBe(false);
  });

  it.each([
    ["1.8.7", "1.8.7", 0], ["1.10.0", "1.9.9", 1], ["1.4", "1.4.0", 0], ["0.15.9", "1.0.0", -1],
  ])("compares versions numerically: %s vs %s", (a, b, expected) => {
    expect(rules.compareVersions(a, b)).toBe(expected);
  });
});
