/**
 * A DOM for benchmarks that run the in-memory Obsidian under plain node (bench/run.mjs bundles
 * and runs them without Jest): jsdom's window, its classes as globals, then Obsidian's DOM
 * helpers (createDiv, addClass, …) from obsidian-test-mocks. Import it first: esbuild keeps
 * import order, and the mock reads `document` as its modules load.
 *
 * Both are loaded from node_modules at run time rather than bundled: jsdom cannot be bundled
 * (optional native parts, worker files), and the mock's setup must run after the globals exist.
 */
import type { JSDOM as JSDOMClass } from "jsdom";
import { createRequire } from "node:module";
import { join } from "node:path";

const load = createRequire(join(process.cwd(), "package.json"));
const { JSDOM } = load("jsdom") as { JSDOM: typeof JSDOMClass };
const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", { pretendToBeVisual: true, url: "http://localhost/" });
// Node's global object (this runs under node, never in Obsidian).
const g = global as unknown as Record<string, unknown>;
const w = dom.window as unknown as Record<string, unknown>;
// Node has its own Event classes; DOM code must get jsdom's (dispatchEvent accepts only those).
const replace = new Set(["Event", "EventTarget", "CustomEvent"]);
for (const key of Object.getOwnPropertyNames(w)) {
  if (key in g && !replace.has(key)) continue;
  try { g[key] = w[key]; } catch { /* read-only on node's global */ }
}
g.window = dom.window;
g.document = dom.window.document;
(load("obsidian-test-mocks/setup") as { setup: () => void }).setup();
