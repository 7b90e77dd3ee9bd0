/**
 * The page bench/load.bench.ts measures plugin loading on: the in-memory Obsidian over a vault of
 * n synthetic, already-synced studies (playground/seed-studies.ts), and no plugin. The bench hands
 * it the text of a built main.js; the steps of `window.loadBench` then do what Obsidian does when
 * it enables a plugin at startup, each timed (the bench calls them one by one):
 *
 * 1. evaluate: main.js as Obsidian evaluates it, the body of a parenthesised
 *    `(function anonymous(require,module,exports){…})` with a `plugin:` source URL, then called,
 *    `require` answering "obsidian" with the in-memory Obsidian;
 * 2. onload: the plugin class constructed and loaded, its (async) `onload` awaited;
 * 3. layout-ready work: the layout set ready and the metadata cache's `resolved` fired, then until
 *    the cache and whatever the plugin started in answer have settled. Work the plugin defers to
 *    the browser's idle time (`requestIdleCallback`) is not in it: each such callback is timed on
 *    its own instead, from its start until the task after it begins (its promises' work
 *    included), and `deferred` lists them.
 *
 * The vault's writes and whole-note reads after layout ready are counted. `?records=1` stores a sync record per study in the vault's local storage first, as on
 * a device where the plugin ran before.
 *
 *   /load/?n=10000            10,000 studies, a device the plugin never ran on
 *   /load/?n=10000&records=1  … where it ran before
 */
import * as obsidian from "obsidian";
import type { Plugin, PluginManifest, TFile } from "obsidian";
import { setup } from "obsidian-test-mocks/setup";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { recordFromProperties } from "../../src/core/sync";
import { createTestVault, MANIFEST } from "../../tests/support/obsidian-env";
import { pendingMetadata } from "../../tests/support/obsidian-gaps";
import { syntheticVault } from "../seed-studies";

/** The steps, each called by the bench on its own (so it can read the browser's CPU figures between them). */
export interface LoadBench {
  /** Evaluates main.js; its wall-clock ms. */
  evaluate(code: string): number;
  /** Constructs and loads the plugin, awaiting its onload; its wall-clock ms. */
  onload(): Promise<number>;
  /** Sets the layout ready and fires `resolved`; the wall-clock ms until settled, and the whole-note reads meanwhile. */
  layoutReady(): Promise<{ ms: number; reads: number }>;
  /** Writes since layout ready, after waiting `ms` more (what a debounce delays counts too) and until no idle callback is waiting. */
  writesAfter(ms: number): Promise<number>;
  /** The wall-clock ms of each idle callback run since layout ready, in order. */
  deferred(): number[];
  /**
   * The baseline for the layout-ready work: one pass over the vault's notes reading each one's
   * frontmatter from the metadata cache (what any plugin that looks at the vault once pays, with
   * this stand-in's costs per call); its wall-clock ms.
   */
  cachePass(): number;
  notes: number;
}

declare global {
  interface Window {
    loadBench?: LoadBench;
  }
}

const query = new URLSearchParams(window.location.search);
const n = Number(query.get("n") ?? "10000");
const withRecords = query.get("records") === "1";

setup();
const files = { "Inbox.md": "Notes for the load bench.\n", ...syntheticVault(Number.isInteger(n) && n >= 0 ? n : 10000) };
const vault = createTestVault(files);
const app = vault.app;

if (withRecords) {
  const records: Record<string, unknown> = {};
  for (const file of app.vault.getMarkdownFiles()) {
    const fm = app.metadataCache.getFileCache(file)?.frontmatter;
    if (fm && typeof fm.type === "string") records[file.path] = recordFromProperties(fm, DEFAULT_SETTINGS.tagPrefix);
  }
  app.saveLocalStorage(`${MANIFEST.id}:syncRecords`, records);
}

/** One hop through the task queue, without setTimeout's clamping. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

/**
 * Waits until the metadata cache has had nothing pending for two hops through the task queue in
 * a row; returns when the first of them ended (the work before it, microtasks included, done).
 */
async function settled(): Promise<number> {
  let end = performance.now();
  for (let quiet = 0, hops = 0; quiet < 2 && hops < 100000; hops++) {
    await nextTask();
    const now = performance.now();
    if (pendingMetadata(vault.mock) !== 0) { quiet = 0; continue; }
    if (quiet === 0) end = now;
    quiet++;
  }
  return end;
}

/** Idle callbacks asked for and not run yet; the durations of those run since layout ready. */
let idleWaiting = 0;
let countIdle = false;
const idleSlices: number[] = [];
const requestIdle = window.requestIdleCallback.bind(window);
const cancelIdle = window.cancelIdleCallback.bind(window);
const idleIds = new Set<number>();
window.requestIdleCallback = (work: IdleRequestCallback, options?: IdleRequestOptions): number => {
  idleWaiting++;
  const id = requestIdle((deadline) => {
    idleIds.delete(id);
    idleWaiting--;
    const t0 = performance.now();
    try {
      work(deadline);
    } finally {
      if (countIdle) void nextTask().then(() => { idleSlices.push(performance.now() - t0); });
    }
  }, options);
  idleIds.add(id);
  return id;
};
window.cancelIdleCallback = (id: number): void => {
  if (idleIds.delete(id)) idleWaiting--;
  cancelIdle(id);
};

let PluginClass: (new (app: never, manifest: PluginManifest) => Plugin) | null = null;

function evaluate(code: string): number {
  const t0 = performance.now();
  const module = { exports: {} as { default?: new (app: never, manifest: PluginManifest) => Plugin } };
  const require = (id: string): unknown => {
    if (id === "obsidian") return obsidian;
    throw new Error(`main.js asked for "${id}", which Obsidian does not provide`);
  };
  // As Obsidian evaluates a plugin (an indirect `window.eval` of
  // `(function anonymous(require,module,exports){…})` with a `plugin:` source URL, then a call),
  // here through an inline script, which compiles in the same global scope (an inline script runs
  // as it is inserted). The parentheses matter: V8 compiles a parenthesised function as it parses
  // it, where one that is not is only skimmed, then parsed again when called (about twice the work).
  const script = createEl("script", { text: `window.loadBenchFactory = (function anonymous(require,module,exports){${code}\n});\n//# sourceURL=plugin:use-case-atlas\n` });
  document.head.appendChild(script);
  script.remove();
  const factory = (window as unknown as { loadBenchFactory: (r: typeof require, m: typeof module, e: unknown) => void }).loadBenchFactory;
  factory(require, module, module.exports);
  const ms = performance.now() - t0;
  PluginClass = module.exports.default ?? null;
  if (!PluginClass) throw new Error("main.js exports no default plugin class");
  return ms;
}

async function onload(): Promise<number> {
  if (!PluginClass) throw new Error("evaluate main.js first");
  const t0 = performance.now();
  const plugin = new PluginClass(app as never, MANIFEST);
  // Obsidian awaits an async onload; Component.load() does not.
  const original = plugin.onload.bind(plugin);
  let done: Promise<void> = Promise.resolve();
  (plugin as unknown as { onload: () => void }).onload = () => { done = Promise.resolve(original()); };
  plugin.load();
  await done;
  return performance.now() - t0;
}

let reads = 0;

async function layoutReady(): Promise<{ ms: number; reads: number }> {
  vault.writes.reset();
  for (const name of ["read", "cachedRead"] as const) {
    const original = app.vault[name].bind(app.vault);
    app.vault[name] = (file: TFile) => { reads++; return original(file); };
  }
  countIdle = true;
  const t0 = performance.now();
  vault.mock.workspace.setLayoutReady__();
  app.metadataCache.trigger("resolved");
  const end = await settled();
  return { ms: end - t0, reads };
}

async function writesAfter(ms: number): Promise<number> {
  await new Promise((resolve) => window.setTimeout(resolve, ms));
  // The idle callbacks still waiting (a busy machine may hold them back up to their timeout).
  for (let waited = 0; idleWaiting > 0 && waited < 10000; waited += 50) await new Promise((resolve) => window.setTimeout(resolve, 50));
  await nextTask();
  return vault.writes.log.length;
}

function cachePass(): number {
  const t0 = performance.now();
  let studies = 0;
  for (const file of app.vault.getMarkdownFiles()) {
    const type: unknown = app.metadataCache.getFileCache(file)?.frontmatter?.type;
    if (typeof type === "string") studies++;
  }
  const ms = performance.now() - t0;
  if (studies === 0 && n > 0) throw new Error("the cache pass found no study");
  return ms;
}

window.loadBench = { evaluate, onload, layoutReady, writesAfter, deferred: () => [...idleSlices], cachePass, notes: app.vault.getMarkdownFiles().length };
document.body.addClass("load-ready");
