/**
 * The in-memory Obsidian for glue tests: obsidian-test-mocks' App with the gaps of
 * tests/support/obsidian-gaps.ts filled, and the handful of helpers glue tests keep needing.
 *
 *   const vault = createTestVault({ "Use cases/A.md": "---\ntype: use-case-analysis\n---\n" });
 *   const plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
 *   await vault.clickRibbon("New use case analysis");
 *   vault.topModal();                       // the form
 *   await vault.write("Use cases/A.md", …); // as the user would; then the cache settles
 *   expect(vault.writes.count("Use cases/A.md", "process")).toBe(1);
 *   vault.destroy();
 *
 * By default the metadata cache reads frontmatter with our core reader (the mock's own
 * frontmatter handling falls short: docs/obsidian-mock-fidelity.md) and updates after a write
 * rather than inside it, as Obsidian does; `await vault.settle()` waits for it. Headings, list
 * items and tags in the cache are the mock's: a glue test that depends on them must say so.
 */
import type {
  App as AppOriginal, CachedMetadata, Command, Component, Editor, MarkdownPostProcessorContext, Plugin as PluginOriginal,
  PluginManifest, TFile as TFileOriginal, WorkspaceLeaf as WorkspaceLeafOriginal,
} from "obsidian";
import { App, MarkdownView, type Modal, TFile } from "obsidian-test-mocks/obsidian";
import manifestJson from "../../manifest.json";
import {
  type EditorMerge, addAppGaps, commandRegistry, disposeAppGaps, editorMerges, saveEditors, setEditorSaveDelay, setEditorSaver, typeInEditor, unsavedEditors, hideNotices, installObsidianGaps, mountWorkspace, nextMacrotask, noticeCount, noticeMessages,
  openModals, pendingMetadata, pluginRegistry, settingRegistry, startColdFill, useAsyncMetadata, useColdCache, useCoreFrontmatter, workspaceDom,
} from "./obsidian-gaps";

export const MANIFEST: PluginManifest = manifestJson;

type PluginClass<P> = new (app: never, manifest: PluginManifest) => P;

export interface TestVaultOptions {
  /** Frontmatter in the metadata cache from our core reader (default true). */
  coreFrontmatter?: boolean;
  /** The metadata cache updates after a write, not inside it (default true). */
  asyncMetadata?: boolean;
  /**
   * Where the workspace (ribbon, tabs, status bar) goes: document.body by default, where it
   * replaces the previous test vault's; null keeps it out of the document.
   */
  mount?: HTMLElement | null;
  /** How long an open editor waits after its first unsaved change before saving (default 2000, as Obsidian). */
  editorSaveDelayMs?: number;
  /**
   * A cold start (G20): the cache holds no note until the layout is ready, then fills in an
   * order shuffled by this seed and fires `resolved` once at the end.
   */
  coldCacheSeed?: number;
}

export type WriteOp = "create" | "modify" | "process" | "append" | "processFrontMatter";

export interface WriteRecord {
  op: WriteOp;
  path: string;
  /** Whether the note's bytes differ afterwards. */
  changed: boolean;
}

/** Every write made through the vault (or `processFrontMatter`) since the spy was last reset. */
export interface WriteSpy {
  readonly log: readonly WriteRecord[];
  /** Writes to `path`, all kinds or one. */
  count(path: string, op?: WriteOp): number;
  /** Writes to `path` that changed its bytes. */
  changes(path: string): number;
  reset(): void;
}

export interface ReadSpy {
  /** Paths read, in order (a path once per read). */
  readonly log: readonly string[];
  reset(): void;
}

export interface RenderedBlock {
  el: HTMLElement;
  /** Unloads what the processor added as children, and removes the element. */
  unload(): void;
}

export interface TestVault {
  /** The app as plugin code sees it. */
  app: AppOriginal;
  /** The same app, typed as the mock (for its `__` helpers). */
  mock: App;
  writes: WriteSpy;
  /** Whole-note reads (`vault.read`, `vault.cachedRead`) since the spy was last reset. */
  reads: ReadSpy;
  /** The file at `path`; throws when there is none. */
  file(path: string): TFileOriginal;
  exists(path: string): boolean;
  /** The note's current text. */
  text(path: string): string;
  /** Paths of all files (under `folder` when given), sorted. */
  files(folder?: string): string[];
  /** Creates (with its folders) or overwrites a note, as the user would, then lets the cache settle. Not counted in `writes`. */
  write(path: string, text: string): Promise<TFileOriginal>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** `metadataCache.getCache(path)`. */
  cache(path: string): CachedMetadata | null;
  /** Waits until the metadata cache has caught up with every write (and what listeners did in answer). */
  settle(): Promise<void>;
  loadPlugin<P extends PluginOriginal>(Cls: PluginClass<P>, options?: { data?: unknown; manifest?: PluginManifest }): Promise<P>;
  unloadPlugin(plugin: PluginOriginal): void;
  ribbonIcon(title: string): HTMLElement | null;
  clickRibbon(title: string): Promise<void>;
  /** Runs a command by full id (`plugin-id:command-id`) or by a loaded plugin's own id; false when unavailable. */
  runCommand(id: string): Promise<boolean>;
  commandIds(): string[];
  modals(): Modal[];
  topModal(): Modal | null;
  /** Texts of the notices shown since this vault was made. */
  notices(): string[];
  /** Opens a note in a leaf (the active one, a new tab, or a popout window) and makes it active. */
  openFile(path: string, newLeaf?: boolean | "window"): Promise<WorkspaceLeafOriginal>;
  /** The editor of the first view showing the note (throws when it is open nowhere). */
  editor(path: string): Editor;
  /** The user types `text` at `offset` (default: the cursor) in the note's open editor, over `replacing` characters. */
  type(path: string, text: string, offset?: number, replacing?: number): void;
  /** Saves every open editor's unsaved text now (Ctrl+S), then lets the cache settle. */
  saveEditors(): Promise<void>;
  /** Paths of the notes whose editor holds unsaved text. */
  unsaved(): string[];
  /** Every time a file changed under an editor with unsaved text (Obsidian merges: lost keystrokes). */
  merges(): readonly EditorMerge[];
  activeLeaf(): WorkspaceLeafOriginal | null;
  activeFile(): TFileOriginal | null;
  /** Shows a plugin's settings tab; returns its container. */
  openSettings(pluginId?: string): HTMLElement;
  /** Runs a loaded plugin's code block processor over `source`, as reading view would. */
  renderCodeBlock(language: string, source: string, sourcePath?: string): Promise<RenderedBlock>;
  /** Unloads loaded plugins, closes modals and settings, takes the workspace out of the document. */
  destroy(): void;
}

let mountedInBody: TestVault | null = null;

export function createTestVault(files: Record<string, string> = {}, options: TestVaultOptions = {}): TestVault {
  installObsidianGaps();
  const folders = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join("/")}/`);
  }
  // Folders first (the mock makes them), notes after the covers are on: the mock's own
  // reading of malformed YAML would throw here.
  const mock = App.createConfigured__({ files: Object.fromEntries([...folders].map((f) => [f, ""])) });
  addAppGaps(mock);
  if (options.coreFrontmatter ?? true) useCoreFrontmatter(mock);
  for (const [path, text] of Object.entries(files)) {
    if (!path.endsWith("/")) mock.vault.createSync__(path, text);
  }
  if (options.asyncMetadata ?? true) useAsyncMetadata(mock);
  if (options.coldCacheSeed !== undefined) useColdCache(mock, options.coldCacheSeed);
  const spy = spyOnWrites(mock);
  const reads = spyOnReads(mock);
  // An editor's saves are the user's writes, not the plugin's.
  setEditorSaver(mock, async (file, text) => { await spy.unrecorded(() => mock.vault.modify(file, text)); });
  if (options.editorSaveDelayMs !== undefined) setEditorSaveDelay(mock, options.editorSaveDelayMs);
  const firstNotice = noticeCount();
  const loaded: PluginOriginal[] = [];
  const app = mock.asOriginalType__();

  const fileAt = (path: string): TFile => {
    const f = mock.vault.getFileByPath(path);
    if (!f) throw new Error(`no file ${path}; the vault has ${[...mock.vault.getFiles()].map((x) => x.path).sort().join(", ")}`);
    return f;
  };

  const settle = async (): Promise<void> => {
    for (let round = 0; round < 200; round++) {
      await nextMacrotask();
      if (pendingMetadata(mock) === 0) {
        await nextMacrotask();
        if (pendingMetadata(mock) === 0) return;
      }
    }
    throw new Error("the metadata cache never settled: something keeps writing (a write loop?)");
  };

  const vault: TestVault = {
    app,
    mock,
    writes: spy,
    reads,
    file: (path) => fileAt(path) as unknown as TFileOriginal,
    exists: (path) => mock.vault.getAbstractFileByPath(path) !== null,
    text: (path) => mock.vault.readSync__(fileAt(path)),
    files: (folder) => mock.vault.getFiles().map((f) => f.path)
      .filter((p) => folder === undefined || p.startsWith(`${folder.replace(/\/$/, "")}/`)).sort(),
    async write(path, text) {
      const existing = mock.vault.getFileByPath(path);
      await spy.unrecorded(async () => {
        if (existing) {
          await mock.vault.modify(existing, text);
        } else {
          const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
          if (folder && !mock.vault.getFolderByPath(folder)) await mock.vault.createFolder(folder);
          await mock.vault.create(path, text);
        }
      });
      await settle();
      return fileAt(path) as unknown as TFileOriginal;
    },
    async rename(from, to) {
      await mock.vault.rename(fileAt(from), to);
      await settle();
    },
    async remove(path) {
      await mock.fileManager.trashFile(fileAt(path));
      await settle();
    },
    cache: (path) => mock.metadataCache.getCache(path),
    settle,
    async loadPlugin<P extends PluginOriginal>(Cls: PluginClass<P>, opts: { data?: unknown; manifest?: PluginManifest } = {}) {
      const plugin = await loadPlugin(mock, Cls, opts.data, opts.manifest ?? MANIFEST);
      loaded.push(plugin);
      await settle();
      return plugin;
    },
    unloadPlugin(plugin) {
      unloadPlugin(plugin);
      const at = loaded.indexOf(plugin);
      if (at >= 0) loaded.splice(at, 1);
    },
    ribbonIcon: (title) => workspaceDom(mock).ribbon.querySelector<HTMLElement>(`[aria-label="${attributeValue(title)}"]`),
    async clickRibbon(title) {
      const icon = vault.ribbonIcon(title);
      if (!icon) {
        const have = Array.from(workspaceDom(mock).ribbon.children).map((el) => el.getAttribute("aria-label"));
        throw new Error(`no ribbon icon "${title}"; the ribbon has ${JSON.stringify(have)}`);
      }
      icon.click();
      await settle();
    },
    async runCommand(id) {
      const registry = commandRegistry(mock);
      const fullId = registry.commands[id] ? id
        : loaded.map((p) => `${p.manifest.id}:${id}`).find((candidate) => registry.commands[candidate]);
      if (!fullId) throw new Error(`no command ${id}; have ${Object.keys(registry.commands).join(", ") || "none"}`);
      const ran = registry.executeCommandById(fullId);
      await settle();
      return ran;
    },
    commandIds: () => Object.keys(commandRegistry(mock).commands).sort(),
    modals: () => openModals(),
    topModal: () => openModals().at(-1) ?? null,
    notices: () => noticeMessages(firstNotice),
    async openFile(path, newLeaf = false) {
      const leaf = newLeaf === "window" ? mock.workspace.openPopoutLeaf() : mock.workspace.getLeaf(newLeaf);
      await leaf.openFile(fileAt(path), { active: true });
      await settle();
      return leaf.asOriginalType3__();
    },
    editor(path) {
      let found: Editor | null = null;
      mock.workspace.iterateAllLeaves((leaf) => {
        const view = (leaf as unknown as { view: unknown }).view;
        if (found === null && view instanceof MarkdownView && view.file?.path === path) found = view.editor;
      });
      if (!found) throw new Error(`${path} is not open in an editor`);
      return found;
    },
    type: (path, text, offset, replacing) => typeInEditor(mock, path, text, offset, replacing),
    async saveEditors() {
      await saveEditors(mock);
      await settle();
    },
    unsaved: () => unsavedEditors(mock),
    merges: () => editorMerges(mock),
    activeLeaf: () => mock.workspace.activeLeaf?.asOriginalType3__() ?? null,
    activeFile: () => mock.workspace.getActiveFile() as unknown as TFileOriginal | null,
    openSettings(pluginId = loaded[0]?.manifest.id ?? MANIFEST.id) {
      const settings = settingRegistry(mock);
      if (!settings.openTabById(pluginId)) throw new Error(`plugin ${pluginId} has no settings tab`);
      const el = document.body.querySelector<HTMLElement>(".mod-settings .vertical-tab-content");
      if (!el) throw new Error("settings did not render");
      return el;
    },
    async renderCodeBlock(language, source, sourcePath = "") {
      const plugins = Object.values(pluginRegistry(mock).plugins);
      const handler = plugins.map((p) => p.markdownCodeBlockProcessors__.get(language)).find((h) => h !== undefined);
      if (!handler) throw new Error(`no code block processor for "${language}"`);
      const el = document.body.createDiv({ cls: `block-language-${language}` });
      const children: Component[] = [];
      const ctx = {
        docId: "test-doc",
        sourcePath,
        frontmatter: sourcePath ? mock.metadataCache.getCache(sourcePath)?.frontmatter : undefined,
        addChild: (child: Component) => { children.push(child); child.load(); },
        getSectionInfo: () => null,
      } as unknown as MarkdownPostProcessorContext;
      await handler(source, el, ctx);
      await settle();
      return { el, unload: () => { children.forEach((c) => c.unload()); el.remove(); } };
    },
    destroy() {
      for (const plugin of [...loaded].reverse()) vault.unloadPlugin(plugin);
      settingRegistry(mock).close();
      for (const modal of openModals()) modal.close();
      hideNotices(firstNotice);
      workspaceDom(mock).root.remove();
      disposeAppGaps(mock);
      if (mountedInBody === vault) mountedInBody = null;
    },
  };

  const mount = options.mount === undefined ? document.body : options.mount;
  if (mount === document.body) {
    mountedInBody?.destroy();
    mountedInBody = vault;
  }
  if (mount) mountWorkspace(mock, mount);
  return vault;
}

// ---------------------------------------------------------------------------------------------
// The write spy

function spyOnWrites(mock: App): WriteSpy & { unrecorded<T>(fn: () => Promise<T>): Promise<T> } {
  const log: WriteRecord[] = [];
  let quiet = 0;
  const vault = mock.vault as unknown as Record<WriteOp, (...args: never[]) => Promise<unknown>>;
  const textOf = (path: string): string | null => {
    const f = mock.vault.getFileByPath(path);
    return f ? mock.vault.readSync__(f) : null;
  };
  const wrap = (target: Record<string, unknown>, op: WriteOp, pathOf: (args: unknown[]) => string): void => {
    const original = target[op] as (...args: unknown[]) => Promise<unknown>;
    target[op] = async (...args: unknown[]): Promise<unknown> => {
      const path = pathOf(args);
      const before = textOf(path);
      const recordIt = quiet === 0;
      // processFrontMatter writes through vault.modify in the mock: count the outer call only.
      if (op === "processFrontMatter") quiet++;
      try {
        return await original.apply(target, args);
      } finally {
        if (op === "processFrontMatter") quiet--;
        if (recordIt) log.push({ op, path, changed: textOf(path) !== before });
      }
    };
  };
  const filePath = (args: unknown[]): string => (args[0] as { path: string }).path;
  wrap(vault, "modify", filePath);
  wrap(vault, "process", filePath);
  wrap(vault, "append", filePath);
  wrap(vault, "create", (args) => args[0] as string);
  wrap(mock.fileManager as unknown as Record<string, unknown>, "processFrontMatter", filePath);
  return {
    log,
    count: (path, op) => log.filter((w) => w.path === path && (op === undefined || w.op === op)).length,
    changes: (path) => log.filter((w) => w.path === path && w.changed).length,
    reset: () => { log.length = 0; },
    async unrecorded<T>(fn: () => Promise<T>): Promise<T> {
      quiet++;
      try { return await fn(); } finally { quiet--; }
    },
  };
}

function spyOnReads(mock: App): ReadSpy {
  const log: string[] = [];
  const vault = mock.vault as unknown as Record<"read" | "cachedRead", (file: TFile) => Promise<string>>;
  for (const op of ["read", "cachedRead"] as const) {
    const original = vault[op];
    vault[op] = (file: TFile): Promise<string> => { log.push(file.path); return original.call(mock.vault, file); };
  }
  return { log, reset: () => { log.length = 0; } };
}

// ---------------------------------------------------------------------------------------------
// Plugin loading (also used directly by older tests: createApp + loadPlugin(app, Cls))

/** A test vault's app, mock-typed (kept for tests written before createTestVault). */
export function createApp(files: Record<string, string> = {}, options: TestVaultOptions = {}): App {
  return createTestVault(files, options).mock;
}

/**
 * Enables a plugin as Obsidian does at startup: constructs it, awaits its `onload`, then sets
 * the layout ready and fires the metadata cache's `resolved`. `data` is what `loadData` returns.
 */
export async function loadPlugin<P extends PluginOriginal>(app: App, Cls: PluginClass<P>, data?: unknown, manifest: PluginManifest = MANIFEST): Promise<P> {
  installObsidianGaps();
  addAppGaps(app);
  const plugin = new Cls(app.asOriginalType__() as never, manifest);
  if (data !== undefined) (plugin as unknown as { data__: unknown }).data__ = data;
  // Obsidian awaits an async onload before it calls the plugin loaded; Component.load() does not.
  const onload = plugin.onload.bind(plugin);
  let done: Promise<void> = Promise.resolve();
  (plugin as unknown as { onload: () => void }).onload = () => { done = Promise.resolve(onload()); };
  plugin.load();
  await done;
  const registry = pluginRegistry(app);
  registry.plugins[manifest.id] = plugin as never;
  registry.enabledPlugins.add(manifest.id);
  if (!app.workspace.layoutReady) app.workspace.setLayoutReady__();
  // A cold start's cache fills from here and fires `resolved` when done; a warm one is complete.
  if (!startColdFill(app)) app.metadataCache.trigger("resolved");
  await flush();
  return plugin;
}

/** Disables a plugin: `unload()` runs everything it registered for cleanup, then `onunload`. */
export function unloadPlugin(plugin: PluginOriginal): void {
  plugin.unload();
  const app = (plugin as unknown as { app: App }).app;
  const registry = pluginRegistry(app);
  if (registry.plugins[plugin.manifest.id] === (plugin as never)) delete registry.plugins[plugin.manifest.id];
  registry.enabledPlugins.delete(plugin.manifest.id);
}

/** Lets pending promises and zero-delay timers run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextMacrotask();
}

export function commandsOf(plugin: PluginOriginal): Map<string, Command> {
  return (plugin as unknown as { commands__: Map<string, Command> }).commands__;
}

/** Runs a plugin's command (by its own id) as a hotkey would; false when not available now. */
export function runCommand(plugin: PluginOriginal, id: string): boolean {
  const app = (plugin as unknown as { app: App }).app;
  const fullId = `${plugin.manifest.id}:${id}`;
  const registry = commandRegistry(app);
  if (!registry.commands[fullId]) throw new Error(`no command ${id}; have ${[...commandsOf(plugin).keys()].join(", ")}`);
  return registry.executeCommandById(fullId);
}

/** The ribbon icon with this tooltip in the workspace mounted in the document. */
export function ribbonIcon(title: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(`.side-dock-ribbon [aria-label="${CSS.escape(title)}"]`);
}

// ---------------------------------------------------------------------------------------------
// Leak accounting for load/unload tests

/** Number of listeners registered on an Events object of the mock (vault, metadataCache, workspace). */
export function listenerCount(events: unknown): number {
  const table = (events as { _: Record<string, unknown[]> })._;
  return Object.values(table).reduce((n, list) => n + list.length, 0);
}

export function allListeners(app: App | AppOriginal): number {
  return listenerCount(app.vault) + listenerCount(app.metadataCache) + listenerCount(app.workspace);
}

export interface LeakReport {
  /** Intervals set and not cleared. */
  intervals: number;
  /** Timeouts set, not cleared and not yet run. */
  timeouts: number;
  /** `type` of DOM listeners still attached to window, document or an element in the document. */
  domListeners: string[];
}

/**
 * Watches timers and DOM listeners from now on (through the globals plugin code uses:
 * `window.setTimeout`, `setInterval`, `addEventListener`). Stop it to restore them.
 */
export function watchLeaks(): { report(): LeakReport; stop(): void } {
  const w = window as unknown as Record<string, unknown>;
  const saved = {
    setTimeout: w.setTimeout, clearTimeout: w.clearTimeout, setInterval: w.setInterval, clearInterval: w.clearInterval,
    add: Reflect.get(EventTarget.prototype, "addEventListener"),
    remove: Reflect.get(EventTarget.prototype, "removeEventListener"),
  };
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  type TimerFn = (handler: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => unknown;
  w.setTimeout = (handler: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
    const id = (saved.setTimeout as TimerFn).call(window, (...a: unknown[]) => { timeouts.delete(id); handler(...a); }, ms, ...rest);
    timeouts.add(id);
    return id;
  };
  w.clearTimeout = (id: unknown) => { timeouts.delete(id); (saved.clearTimeout as (i: unknown) => void).call(window, id); };
  w.setInterval = (handler: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
    const id = (saved.setInterval as TimerFn).call(window, handler, ms, ...rest);
    intervals.add(id);
    return id;
  };
  w.clearInterval = (id: unknown) => { intervals.delete(id); (saved.clearInterval as (i: unknown) => void).call(window, id); };

  interface Listening { target: EventTarget; type: string; listener: unknown; capture: boolean }
  const listening: Listening[] = [];
  const captureOf = (options: unknown): boolean => typeof options === "boolean" ? options : Boolean((options as { capture?: boolean } | undefined)?.capture);
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (listener) listening.push({ target: this, type, listener, capture: captureOf(options) });
    saved.add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    const at = listening.findIndex((l) => l.target === this && l.type === type && l.listener === listener && l.capture === captureOf(options));
    if (at >= 0) listening.splice(at, 1);
    saved.remove.call(this, type, listener, options);
  };
  const live = (target: EventTarget): boolean => target === window || target === document || (target instanceof Node && target.isConnected);
  return {
    report: () => ({
      intervals: intervals.size,
      timeouts: timeouts.size,
      domListeners: listening.filter((l) => live(l.target)).map((l) => l.type),
    }),
    stop() {
      Object.assign(w, { setTimeout: saved.setTimeout, clearTimeout: saved.clearTimeout, setInterval: saved.setInterval, clearInterval: saved.clearInterval });
      EventTarget.prototype.addEventListener = saved.add;
      EventTarget.prototype.removeEventListener = saved.remove;
    },
  };
}

/** A string as a quoted CSS attribute value (jsdom has no CSS.escape). */
function attributeValue(text: string): string {
  return text.replace(/["\\]/g, "\\$&");
}

/** True for a mock TFile (re-exported so tests need not import the mock for `instanceof`). */
export function isFile(value: unknown): value is TFileOriginal {
  return value instanceof TFile;
}
