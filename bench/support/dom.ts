/**
 * A DOM for benchmarks that run the in-memory Obsidian under plain node (Jest gives tests
 * one through jsdom; benches are bundled and run with node). Import this first: the mock's
 * modules reach for `document` and friends as they load.
 */
import { createRequire } from "node:module";
import { runInThisContext } from "node:vm";

// Loaded at run time from the repository's node_modules (run.mjs sets NODE_PATH): bundling
// jsdom is neither needed nor reliable.
const load = createRequire(__filename);
const { JSDOM } = load("jsdom") as typeof import("jsdom");
const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", { pretendToBeVisual: true });
// Node's global object (plugin code must use `window`; here there is none until we make it).
const g = runInThisContext("this") as Record<string, unknown>;
const win = dom.window as unknown as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(win)) {
  if (key in g) continue;
  try { g[key] = win[key]; } catch { /* read-only on the node side */ }
}
g.window = dom.window;
g.document = dom.window.document;
(load("obsidian-test-mocks/jest-setup") as unknown);
