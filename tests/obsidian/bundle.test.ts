/**
 * The production bundle (main.js), not just the TypeScript source, loads in the in-memory
 * Obsidian and unloads cleanly. Built here when missing so the test runs on its own too.
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync, statSync } from "fs";
import { resolve } from "path";
import type { Plugin, PluginManifest } from "obsidian";
import { allListeners, createApp, loadPlugin, unloadPlugin } from "../support/obsidian-env";

const ROOT = resolve(__dirname, "../..");
const BUNDLE = resolve(ROOT, "main.js");

beforeAll(() => {
  // Always a fresh build: a stale main.js would test yesterday's code.
  execFileSync("node", ["esbuild.config.mjs", "production"], { cwd: ROOT, stdio: "ignore" });
  if (!existsSync(BUNDLE)) throw new Error("the build wrote no main.js");
}, 60000);

describe("the built plugin bundle", () => {
  it("is CommonJS with obsidian left external and no Node built-ins pulled in", () => {
    const text = readFileSync(BUNDLE, "utf8");
    expect(text).toMatch(/require\("obsidian"\)/);
    for (const mod of ["fs", "path", "child_process", "http", "electron"]) expect(text).not.toMatch(new RegExp(`require\\("(node:)?${mod}"\\)`));
    expect(statSync(BUNDLE).size).toBeGreaterThan(1000);
  });

  it("loads and unloads in the in-memory Obsidian", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built CommonJS bundle as Obsidian does
    const mod = require(BUNDLE) as { default: new (app: never, manifest: PluginManifest) => Plugin };
    const app = createApp({ "A.md": "---\ntype: use-case-analysis\n---\n" });
    const before = allListeners(app);
    const plugin = await loadPlugin(app, mod.default);
    unloadPlugin(plugin);
    expect(allListeners(app)).toBe(before);
  });
});
