/**
 * What obsidian-test-mocks (v3.11) lacks that our glue tests and the browser playground need,
 * filled as narrowly as we can. Each gap below was measured on the raw mock first
 * (tests/obsidian/mock-gaps.test.ts proves every one still exists, so a mock upgrade that fixes
 * one makes that test fail and the patch here can go). docs/obsidian-mock-fidelity.md lists them.
 *
 * | gap | the raw mock | real Obsidian | here |
 * |---|---|---|---|
 * | G1 ribbon | `addRibbonIcon` returns a detached div; its click does nothing | a labelled icon in the left ribbon, removed when the plugin unloads | `Plugin.addRibbonIcon` |
 * | G2 commands | no `app.commands`; `addCommand` keeps the id as given | ids and names prefixed with the plugin's; runnable by id; removed on unload | `app.commands`, `Plugin.addCommand` |
 * | G3 modals | `open()` calls `onOpen`, never enters the document, then closes itself on the next tick | shown in `document.body` until closed (close button, backdrop, Escape) | `Modal.open/close` |
 * | G4 suggest modals | suggestions are never asked for nor drawn; `FuzzySuggestModal` has no `getSuggestions`/`renderSuggestion` | drawn on open and on every keystroke; click, Enter or arrows choose | `SuggestModal.open`, `FuzzySuggestModal` |
 * | G5 input suggest | `AbstractInputSuggest` never shows anything; no `selectSuggestion` | a popover under the input while typing; the first suggestion highlighted, arrows move, Enter chooses | constructor hook, `selectSuggestion`, `close` |
 * | G6 notices | never shown; nothing records them | shown at the top right, hide after a while or on click | constructor hook, `hide`, `noticeMessages()` |
 * | G7 status bar | `addStatusBarItem` returns a detached div that stays after unload | an item in the status bar, removed on unload | `Plugin.addStatusBarItem` |
 * | G8 settings | `addSettingTab` only lists the tab; no `app.setting` | the tab shows in Settings; removed on unload | `app.setting.openTabById`, `Plugin.addSettingTab` |
 * | G9 views | `registerView` is never used; `setViewState` makes no view; `openFile` opens no editor; `getActiveViewOfType` is always null | views are created, opened and closed by the workspace | `Plugin.registerView`, `WorkspaceLeaf`, `Workspace` |
 * | G10 workspace DOM | `workspace.containerEl` is an empty div | ribbon, tab headers, leaf content, status bar | `mountWorkspace` |
 * | G11 frontmatter | see `useCoreFrontmatter` below | | opt-in per app |
 * | G12 cache upkeep | rename and delete leave the cache at the old path; no `deleted` or `resolved` event | cache follows renames, drops deleted files, fires `deleted` and `resolved` | per app |
 * | G13 cache timing | `changed` fires synchronously inside `vault.modify` | later, after the file is re-read | `useAsyncMetadata` (opt-in) |
 * | G14 settings DOM | `Setting` has no Obsidian class names; the control comes before the name | `.setting-item` > `.setting-item-info` + `.setting-item-control` | constructor hook |
 * | G15 plugins | no `app.plugins` | `app.plugins.getPlugin(id)` | filled by the harness' `loadPlugin` |
 * | G16 controls | buttons, text fields, toggles, dropdowns and sliders ignore the user: clicks and typing reach no callback (only `simulateClick__`) | `onClick` / `onChange` run on click, input, change | constructor hooks |
 * | G17 link updating | `fileManager.renameFile` only renames: `[[links]]` to the note keep its old name | with "Automatically update internal links" on, every wiki link to the note (body and properties) is rewritten, heading and alias kept | `FileManager.renameFile` |
 * | G19 open editors | the editor is a string: no unsaved text, no save delay; a transaction applies its changes one by one; a file change replaces the editor's text; popout leaves are root leaves | the editor holds the text and saves it 2 s after its first unsaved change; a file changed under unsaved text is merged (cursor jumps, keystrokes lost); one transaction, one undo step, cursor mapped | `drawEditor`, `Editor.transaction`, `openPopoutLeaf` (merges recorded) |
 * | G20 cold start | the cache is full before any plugin loads; no `resolve` | at layout-ready notes may not be read yet; `resolve` per note, `resolved` once when complete | `useColdCache` (opt-in) |
 * | G18 link lookup cost | `getFirstLinkpathDest` lists every file of the vault for each link not named by its path, so reading n notes that link by name costs n² (a 10,000-note vault took minutes to load) | an index by name | per app, same answers |
 * | G26 note bytes | a note's text and its bytes are two unrelated stores: `readBinary` of a note written as text throws, `read` of bytes written with `createBinary` throws | one file: `read` decodes its bytes as UTF-8, each invalid byte sequence a U+FFFD (never throws); `readBinary` gives the bytes; writing text writes its UTF-8 | `keepNoteBytes`, `writeNoteBytes` |
 * | G24 data.json, G25 local storage | see tests/support/plugin-storage.ts | | `Plugin.loadData/saveData`, `App.loadLocalStorage/saveLocalStorage` |
 *
 * Not filled (tests must not rely on them): `MarkdownRenderer.render` draws nothing;
 * `requestUrl` answers every request with an empty 200 (stub it with `jest.mock("obsidian", …)`;
 * the playground aliases it, see playground/obsidian-shim.ts); the editor is a string buffer
 * with CodeMirror's transaction rules, not CodeMirror; sidebars are not modelled (every leaf is a tab of the one root group).
 */
import type {
  CachedMetadata, Command, EditorPosition, EditorTransaction, FrontmatterLinkCache,
  MarkdownView as MarkdownViewOriginal, PluginSettingTab as PluginSettingTabOriginal, View as ViewOriginal,
  TAbstractFile, ViewCreator, ViewState,
} from "obsidian";
import {
  AbstractInputSuggest, AbstractTextComponent, App, ButtonComponent, Editor, DropdownComponent, ExtraButtonComponent, FileManager, FuzzySuggestModal, MarkdownView, MetadataCache, Modal, Notice, Plugin, prepareFuzzySearch, setIcon,
  Setting, SliderComponent, SuggestModal, TFile, ToggleComponent, Workspace, WorkspaceLeaf,
} from "obsidian-test-mocks/obsidian";
import { type FrontmatterBlock, readFrontmatter } from "../../src/core/frontmatter";
import { readFrontmatterFast } from "../../src/core/frontmatter-fast";
import { installPluginStorage } from "./plugin-storage";
import { applyChanges, mapOffset } from "../../src/core/text-diff";

/** Timers of the in-memory Obsidian itself, taken before any test can spy on or fake them. */
const nativeSetTimeout = window.setTimeout.bind(window);
const nativeClearTimeout = window.clearTimeout.bind(window);

/** Waits for one macrotask of the real clock (fake timers do not stop it). */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => nativeSetTimeout(resolve, 0));
}

// ---------------------------------------------------------------------------------------------
// Per-app state (a symbol-keyed property: the mock's strict proxy lets symbols through, and the
// raw app the workspace holds and the proxied app plugins get are the same object underneath).

interface ViewRegistration { creator: ViewCreator; pluginId: string }

export interface WorkspaceDom {
  /** `app.workspace.containerEl`, classed `workspace`. */
  root: HTMLElement;
  ribbon: HTMLElement;
  tabHeaders: HTMLElement;
  tabContents: HTMLElement;
  statusBar: HTMLElement;
}

export interface CommandRegistry {
  commands: Record<string, Command>;
  /** Runs a command as a hotkey would: false when it is unknown or not available right now. */
  executeCommandById(id: string): boolean;
  findCommand(id: string): Command | undefined;
  listCommands(): Command[];
}

export interface SettingRegistry {
  /** Shows a plugin's settings tab (by plugin id) in a settings modal; false when there is none. */
  openTabById(id: string): boolean;
  close(): void;
  /** The open tab's id, or null. */
  activeTabId(): string | null;
}

export interface PluginRegistry {
  plugins: Record<string, Plugin>;
  enabledPlugins: Set<string>;
  getPlugin(id: string): Plugin | null;
}

interface AppGaps {
  app: App;
  dom: WorkspaceDom;
  views: Map<string, ViewRegistration>;
  settingTabs: Map<string, PluginSettingTabOriginal>;
  openSettings: { id: string; el: HTMLElement } | null;
  metadataPending: () => number;
  /** Stops the deferred metadata updates of a vault a test has finished with. */
  disposed: boolean;
  /** Notes open in editors (G19), by file. */
  docs: Map<TFile, EditorDoc>;
  /** How long an editor waits after the last change before it saves (Obsidian: about 2 s). */
  editorSaveDelayMs: number;
  /** How an editor writes its text to the file (the harness keeps these out of its write spy). */
  saveNote: (file: TFile, text: string) => Promise<void>;
  /** Every time the file changed under an editor holding unsaved text. */
  merges: EditorMerge[];
  /** A cold start's cache fill, waiting for the layout to be ready (G20). */
  coldFill: (() => void) | null;
  coldPending: number;
  /** Link resolutions scheduled after a note was created (G20). */
  linksPending: number;
}

/** The file changed while an editor had unsaved text: Obsidian merges the two. */
export interface EditorMerge {
  path: string;
  /** The editor's unsaved text, and the file's new text. */
  editorText: string;
  diskText: string;
}

/** One note's text in its editors (all views of a note show the same text, as in Obsidian). */
interface EditorDoc {
  file: TFile;
  views: Set<MarkdownView>;
  /** Changed since the last save. */
  dirty: boolean;
  timer: number | null;
  /** The text the last save wrote (its own `modify` event is not a change from outside). */
  saved: string;
}

const GAPS = Symbol.for("use-case-atlas.obsidianGaps");
const LEAF_DOM = Symbol.for("use-case-atlas.leafDom");
const MODAL_OPEN = Symbol.for("use-case-atlas.modalOpen");
const DECORATED = Symbol.for("use-case-atlas.decorated");
const POPOUT = Symbol.for("use-case-atlas.popout");

type WithSymbols = Record<symbol, unknown>;

function gapsOf(app: unknown): AppGaps {
  const state = maybeGaps(app);
  if (!state) throw new Error("addAppGaps(app) was not called for this app");
  return state;
}

/** Apps made without addAppGaps (a raw mock app in the same test file) keep the mock's behaviour. */
function maybeGaps(app: unknown): AppGaps | undefined {
  return (app as WithSymbols)[GAPS] as AppGaps | undefined;
}

/** The raw mock App, typed as the mock (for the `__` helpers). */
type MockApp = App;
/** The mock's members that exist at run time but are private or missing in its typings. */
interface LeafInternals { viewState: ViewState; view: ViewOriginal | null; file__: TFile | null; app__: MockApp }
interface WorkspaceInternals { leaves: WorkspaceLeaf[]; activeLeaf: WorkspaceLeaf | null; activeEditor: unknown }
interface MetadataCacheInternals {
  cache__: Map<string, CachedMetadata>;
  resolvedLinks: Record<string, unknown>;
  unresolvedLinks: Record<string, unknown>;
  fileCache__: Record<string, unknown>;
  parseFileMetadata(file: unknown): void;
  trigger(name: string, ...data: unknown[]): void;
}

/**
 * Adds the per-app parts (commands, settings, plugins, workspace DOM, cache upkeep) to an app.
 * Idempotent. Call `installObsidianGaps()` first (the harness does both).
 */
export function addAppGaps(app: MockApp): void {
  if ((app as unknown as WithSymbols)[GAPS]) return;
  const state: AppGaps = {
    app, dom: buildWorkspaceDom(app), views: new Map(), settingTabs: new Map(), openSettings: null,
    metadataPending: () => 0, disposed: false,
    docs: new Map(), editorSaveDelayMs: 2000, merges: [], coldFill: null, coldPending: 0, linksPending: 0,
    saveNote: async (file, text) => { await app.vault.modify(file, text); },
  };
  (app as unknown as WithSymbols)[GAPS] = state;
  const loose = app as unknown as Record<string, unknown>;
  loose.commands = createCommandRegistry(app);
  loose.setting = createSettingRegistry(state);
  const plugins: PluginRegistry = {
    plugins: {}, enabledPlugins: new Set(),
    getPlugin: (id) => plugins.plugins[id] ?? null,
  };
  loose.plugins = plugins;
  keepCacheInStep(app);
  resolveLinksToNewNotes(state);
  indexLinkTargets(app);
  followDiskInEditors(state);
  keepNoteBytes(app);
}

export function commandRegistry(app: MockApp): CommandRegistry {
  return (app as unknown as { commands: CommandRegistry }).commands;
}

export function pluginRegistry(app: MockApp): PluginRegistry {
  return (app as unknown as { plugins: PluginRegistry }).plugins;
}

export function settingRegistry(app: MockApp): SettingRegistry {
  return (app as unknown as { setting: SettingRegistry }).setting;
}

export function workspaceDom(app: MockApp): WorkspaceDom {
  return gapsOf(app).dom;
}

/** Puts the app's workspace (ribbon, tabs, leaf content, status bar) into `parent`. */
export function mountWorkspace(app: MockApp, parent: HTMLElement): WorkspaceDom {
  const dom = gapsOf(app).dom;
  parent.appendChild(dom.root);
  return dom;
}

/** Ends an app's deferred work (pending metadata updates) so it cannot reach into the next test. */
export function disposeAppGaps(app: MockApp): void {
  gapsOf(app).disposed = true;
}

/** Metadata parses scheduled but not yet run (always 0 without `useAsyncMetadata`). */
export function pendingMetadata(app: MockApp): number {
  const state = gapsOf(app);
  return state.metadataPending() + state.coldPending + state.linksPending;
}

// ---------------------------------------------------------------------------------------------
// G26 note bytes

interface AdapterStores {
  textFiles: Map<string, string>;
  binaryFiles: Map<string, ArrayBuffer>;
  write(path: string, data: string, options?: unknown): Promise<void>;
  append(path: string, data: string, options?: unknown): Promise<void>;
  writeSync__(path: string, data: string, options?: unknown): void;
  readBinary(path: string): Promise<ArrayBuffer>;
}

function adapterStores(app: MockApp): AdapterStores {
  return app.vault.adapter as unknown as AdapterStores;
}

/**
 * One file, two views (as Obsidian's adapter reads the disk): a note's bytes are kept beside its
 * text when they were written as bytes (`writeNoteBytes`); `readBinary` gives them, or the UTF-8
 * of the text; writing text drops them (the file is then the text's UTF-8).
 */
function keepNoteBytes(app: MockApp): void {
  const adapter = adapterStores(app);
  const encoder = new TextEncoder();
  const write = adapter.write.bind(adapter);
  const append = adapter.append.bind(adapter);
  const writeSync = adapter.writeSync__.bind(adapter);
  adapter.write = async (path, data, options) => {
    adapter.binaryFiles.delete(path);
    return write(path, data, options);
  };
  adapter.append = async (path, data, options) => {
    adapter.binaryFiles.delete(path);
    return append(path, data, options);
  };
  adapter.writeSync__ = (path, data, options) => {
    adapter.binaryFiles.delete(path);
    writeSync(path, data, options);
  };
  adapter.readBinary = async (path) => {
    await Promise.resolve();
    const bytes = adapter.binaryFiles.get(path);
    if (bytes) return bytes.slice(0);
    const text = adapter.textFiles.get(path);
    if (text === undefined) throw new Error(`File not found: ${path}`);
    const encoded = encoder.encode(text);
    return encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength);
  };
}

/**
 * Puts `bytes` in the note at `path` (which must exist) as another program would: its text is
 * then what Obsidian's `read` yields for them (lenient UTF-8: U+FFFD for each bad sequence).
 * Writes the store directly: no event, no cache update (call `vault.write` first to create it).
 */
export function writeNoteBytes(app: MockApp, path: string, bytes: Uint8Array): void {
  const adapter = adapterStores(app);
  adapter.textFiles.set(path, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
  adapter.binaryFiles.set(path, bytes.slice().buffer);
}

/** The note's bytes as they are stored (its text's UTF-8 unless `writeNoteBytes` put bytes there). */
export async function noteBytes(app: MockApp, path: string): Promise<Uint8Array> {
  return new Uint8Array(await adapterStores(app).readBinary(path));
}

// ---------------------------------------------------------------------------------------------
// G10 workspace DOM

function buildWorkspaceDom(app: MockApp): WorkspaceDom {
  const root = app.workspace.containerEl;
  root.addClass("workspace");
  const ribbon = root.createDiv({ cls: "workspace-ribbon side-dock-ribbon mod-left" });
  const split = root.createDiv({ cls: "workspace-split mod-vertical mod-root" });
  const tabs = split.createDiv({ cls: "workspace-tabs mod-top" });
  const tabHeaders = tabs.createDiv({ cls: "workspace-tab-header-container" });
  const tabContents = tabs.createDiv({ cls: "workspace-tab-container" });
  const statusBar = root.createDiv({ cls: "status-bar" });
  return { root, ribbon, tabHeaders, tabContents, statusBar };
}

interface LeafDom { content: HTMLElement; header: HTMLElement; title: HTMLElement }

function leafDom(leaf: WorkspaceLeaf, dom: WorkspaceDom, ws: Workspace): LeafDom {
  const existing = (leaf as unknown as WithSymbols)[LEAF_DOM] as LeafDom | undefined;
  if (existing) return existing;
  const header = dom.tabHeaders.createDiv({ cls: "workspace-tab-header" });
  const title = header.createDiv({ cls: "workspace-tab-header-inner-title" });
  header.addEventListener("click", () => ws.setActiveLeaf(leaf));
  const content = dom.tabContents.createDiv({ cls: "workspace-leaf" });
  const made: LeafDom = { content, header, title };
  (leaf as unknown as WithSymbols)[LEAF_DOM] = made;
  return made;
}

/** Redraws tab headers and shows the active leaf; drops the DOM of detached leaves. */
function renderTabs(app: MockApp): void {
  const dom = gapsOf(app).dom;
  const ws = app.workspace as unknown as WorkspaceInternals;
  const live = new Set<LeafDom>();
  for (const leaf of ws.leaves) {
    const ld = leafDom(leaf, dom, app.workspace);
    live.add(ld);
    const active = leaf === ws.activeLeaf;
    ld.title.setText(leaf.getDisplayText() || "New tab");
    ld.header.setAttr("aria-label", leaf.getDisplayText() || "New tab");
    ld.header.toggleClass("is-active", active);
    ld.content.toggleClass("mod-active", active);
  }
  for (const header of Array.from(dom.tabHeaders.children)) {
    if (![...live].some((ld) => ld.header === header)) header.remove();
  }
  for (const content of Array.from(dom.tabContents.children)) {
    if (![...live].some((ld) => ld.content === content)) content.remove();
  }
}

// ---------------------------------------------------------------------------------------------
// Prototype patches (global to this copy of the mock module; Jest loads one copy per test file)

let installed = false;

/** Patches the mock's classes where they fall short of Obsidian. Idempotent. */
export function installObsidianGaps(): void {
  if (installed) return;
  installed = true;
  patchPluginRegistrations();
  patchModals();
  patchSuggestModals();
  patchInputSuggest();
  patchNotice();
  patchSetting();
  patchControls();
  patchWorkspace();
  patchLinkUpdating();
  installPluginStorage();
  patchEditor();
}

/** A method as the prototype holds it now, to call from its replacement. */
function originalOf<F>(proto: object, name: string): F {
  return Reflect.get(proto, name) as F;
}

/** A class prototype as a bag of members, to replace some of them. */
type Proto<T> = Record<string, unknown> & { readonly __class?: T };

function patchPluginRegistrations(): void {
  const proto = Plugin.prototype as unknown as Proto<Plugin>;
  const addCommand = originalOf<(this: Plugin, c: Command) => Command>(proto, "addCommand");
  const removeCommand = originalOf<(this: Plugin, id: string) => void>(proto, "removeCommand");
  const addRibbonIcon = originalOf<(this: Plugin, icon: string, title: string, cb: (evt: MouseEvent) => unknown) => HTMLElement>(proto, "addRibbonIcon");
  const addStatusBarItem = originalOf<(this: Plugin) => HTMLElement>(proto, "addStatusBarItem");
  const addSettingTab = originalOf<(this: Plugin, tab: PluginSettingTabOriginal) => void>(proto, "addSettingTab");
  const registerView = originalOf<(this: Plugin, type: string, creator: ViewCreator) => void>(proto, "registerView");

  // G2: Obsidian prefixes the id and name and removes the command when the plugin unloads.
  proto.addCommand = function (this: Plugin, command: Command): Command {
    addCommand.call(this, command);
    if (!maybeGaps(this.app)) return command;
    const shortId = command.id;
    command.id = `${this.manifest.id}:${shortId}`;
    command.name = `${this.manifest.name}: ${command.name}`;
    const registry = commandRegistry(this.app);
    registry.commands[command.id] = command;
    const id = command.id;
    this.register(() => { if (registry.commands[id] === command) delete registry.commands[id]; });
    return command;
  };
  proto.removeCommand = function (this: Plugin, commandId: string): void {
    removeCommand.call(this, commandId);
    if (maybeGaps(this.app)) delete commandRegistry(this.app).commands[`${this.manifest.id}:${commandId}`];
  };

  // G1: a labelled, clickable icon in the left ribbon, gone when the plugin unloads.
  proto.addRibbonIcon = function (this: Plugin, icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = addRibbonIcon.call(this, icon, title, callback);
    const state = maybeGaps(this.app);
    if (!state) return el;
    el.addClass("side-dock-ribbon-action", "clickable-icon");
    el.setAttr("aria-label", title);
    el.setAttr("data-icon", icon);
    setIcon(el, icon);
    // The mock knows no icon set; show the title's initial so the ribbon is not blank.
    if (el.childElementCount === 0) el.createSpan({ cls: "mock-icon-fallback", text: title.slice(0, 1).toUpperCase() });
    el.addEventListener("click", (evt) => { void callback(evt); });
    state.dom.ribbon.appendChild(el);
    this.register(() => el.remove());
    return el;
  };

  // G7: the status bar item sits in the status bar and leaves with the plugin.
  proto.addStatusBarItem = function (this: Plugin): HTMLElement {
    const el = addStatusBarItem.call(this);
    const state = maybeGaps(this.app);
    if (!state) return el;
    el.addClass("status-bar-item", `plugin-${this.manifest.id.replace(/[^a-z0-9-]/gi, "-")}`);
    state.dom.statusBar.appendChild(el);
    this.register(() => el.remove());
    return el;
  };

  // G8: the tab becomes reachable through app.setting and leaves with the plugin.
  proto.addSettingTab = function (this: Plugin, tab: PluginSettingTabOriginal): void {
    addSettingTab.call(this, tab);
    const state = maybeGaps(this.app);
    if (!state) return;
    const id = this.manifest.id;
    state.settingTabs.set(id, tab);
    this.register(() => {
      if (state.openSettings?.id === id) settingRegistry(state.app).close();
      if (state.settingTabs.get(id) === tab) state.settingTabs.delete(id);
    });
  };

  // G9: views registered with the workspace; on unload their leaves lose the view (Obsidian
  // keeps the leaf so the view can come back when the plugin does).
  proto.registerView = function (this: Plugin, type: string, creator: ViewCreator): void {
    registerView.call(this, type, creator);
    const state = maybeGaps(this.app);
    if (!state) return;
    state.views.set(type, { creator, pluginId: this.manifest.id });
    this.register(() => {
      state.views.delete(type);
      const ws = state.app.workspace as unknown as WorkspaceInternals;
      for (const leaf of ws.leaves) {
        const internals = leaf as unknown as LeafInternals;
        if (internals.viewState.type === type && internals.view) {
          void closeView(internals.view);
          internals.view = null;
        }
      }
      renderTabs(state.app);
    });
  };
}

function createCommandRegistry(app: MockApp): CommandRegistry {
  const registry: CommandRegistry = {
    commands: {},
    findCommand: (id) => registry.commands[id],
    listCommands: () => Object.values(registry.commands),
    executeCommandById(id: string): boolean {
      const cmd = registry.commands[id];
      if (!cmd) return false;
      const view = app.workspace.getActiveViewOfType<MarkdownViewOriginal>(MarkdownView as never);
      const editor = view?.editor;
      if (cmd.editorCheckCallback) {
        if (!view || !editor) return false;
        if (!cmd.editorCheckCallback(true, editor, view)) return false;
        cmd.editorCheckCallback(false, editor, view);
        return true;
      }
      if (cmd.editorCallback) {
        if (!view || !editor) return false;
        void cmd.editorCallback(editor, view);
        return true;
      }
      if (cmd.checkCallback) {
        if (!cmd.checkCallback(true)) return false;
        cmd.checkCallback(false);
        return true;
      }
      if (cmd.callback) {
        void cmd.callback();
        return true;
      }
      return false;
    },
  };
  return registry;
}

function createSettingRegistry(state: AppGaps): SettingRegistry {
  const registry: SettingRegistry = {
    activeTabId: () => state.openSettings?.id ?? null,
    openTabById(id: string): boolean {
      const tab = state.settingTabs.get(id);
      if (!tab) return false;
      registry.close();
      const el = document.body.createDiv({ cls: "modal-container mod-dim mod-settings" });
      el.createDiv({ cls: "modal-bg" }).addEventListener("click", () => registry.close());
      const modal = el.createDiv({ cls: "modal mod-settings" });
      modal.createDiv({ cls: "modal-close-button", attr: { "aria-label": "Close" } })
        .addEventListener("click", () => registry.close());
      const content = modal.createDiv({ cls: "vertical-tab-content-container" });
      tab.containerEl.addClass("vertical-tab-content");
      content.appendChild(tab.containerEl);
      state.openSettings = { id, el };
      // As Obsidian 1.13 does: the declarative settings when the tab has them, else display().
      const drawable = tab as unknown as { update(): void; renderTab__(): void };
      drawable.update();
      drawable.renderTab__();
      return true;
    },
    close(): void {
      const open = state.openSettings;
      if (!open) return;
      state.openSettings = null;
      state.settingTabs.get(open.id)?.hide();
      open.el.remove();
    },
  };
  return registry;
}

// G3: modals live in document.body from open() to close().
const openModalList: Modal[] = [];

/** Modals open right now, oldest first. */
export function openModals(): Modal[] {
  return [...openModalList];
}

function decorateModal(modal: Modal): void {
  const m = modal as unknown as WithSymbols;
  if (m[DECORATED]) return;
  m[DECORATED] = true;
  modal.containerEl.addClass("modal-container", "mod-dim");
  const bg = createDiv({ cls: "modal-bg" });
  modal.containerEl.prepend(bg);
  bg.addEventListener("click", () => modal.close());
  modal.modalEl.addClass("modal");
  modal.titleEl.addClass("modal-title");
  modal.contentEl.addClass("modal-content");
  // The mock builds the content before the title; Obsidian shows the title first.
  const header = createDiv({ cls: "modal-header" });
  header.appendChild(modal.titleEl);
  modal.modalEl.prepend(header);
  const close = createDiv({ cls: "modal-close-button", attr: { "aria-label": "Close" } });
  modal.modalEl.prepend(close);
  close.addEventListener("click", () => modal.close());
}

/** Escape closes the top modal wherever the focus is (Obsidian's keymap scope); listening only while one is open. */
function closeTopModalOnEscape(evt: KeyboardEvent): void {
  if (evt.key !== "Escape") return;
  evt.preventDefault();
  openModalList.at(-1)?.close();
}

function patchModals(): void {
  const proto = Modal.prototype as unknown as Proto<Modal>;
  proto.open = function (this: Modal): void {
    const flags = this as unknown as WithSymbols;
    if (flags[MODAL_OPEN]) return;
    flags[MODAL_OPEN] = true;
    decorateModal(this);
    document.body.appendChild(this.containerEl);
    if (openModalList.length === 0) document.addEventListener("keydown", closeTopModalOnEscape);
    openModalList.push(this);
    void this.onOpen();
  };
  proto.close = function (this: Modal): void {
    const flags = this as unknown as WithSymbols;
    if (!flags[MODAL_OPEN]) return;
    flags[MODAL_OPEN] = false;
    this.containerEl.remove();
    const at = openModalList.indexOf(this);
    if (at >= 0) openModalList.splice(at, 1);
    if (openModalList.length === 0) document.removeEventListener("keydown", closeTopModalOnEscape);
    this.onClose();
    (this as unknown as { closeCallback: (() => unknown) | null }).closeCallback?.();
  };
}

// G4: suggestion lists drawn on open and on typing; click or Enter chooses, arrows move.
interface SuggestState { items: unknown[]; selected: number }
const SUGGEST_STATE = Symbol.for("use-case-atlas.suggestState");

function patchSuggestModals(): void {
  const proto = SuggestModal.prototype as unknown as Proto<SuggestModal<unknown>>;
  const modalOpen = originalOf<(this: Modal) => void>(Modal.prototype, "open");
  proto.open = function (this: SuggestModal<unknown>): void {
    const flags = this as unknown as WithSymbols;
    if (!flags[SUGGEST_STATE]) {
      flags[SUGGEST_STATE] = { items: [], selected: 0 } satisfies SuggestState;
      this.modalEl.addClass("prompt");
      this.inputEl.addClass("prompt-input");
      this.resultContainerEl.addClass("prompt-results");
      this.inputEl.addEventListener("input", () => { void drawSuggestions(this); });
      this.inputEl.addEventListener("keydown", (evt) => onSuggestKey(this, evt));
    }
    modalOpen.call(this);
    void drawSuggestions(this);
  };
  // Obsidian closes the modal before it calls onChooseSuggestion; the mock does the reverse.
  proto.selectSuggestion = function (this: SuggestModal<unknown>, value: unknown, evt: MouseEvent | KeyboardEvent): void {
    this.close();
    this.onChooseSuggestion(value, evt);
  };

  const fuzzy = FuzzySuggestModal.prototype as unknown as Proto<FuzzySuggestModal<unknown>>;
  if (!("getSuggestions" in fuzzy)) {
    fuzzy.getSuggestions = function (this: FuzzySuggestModal<unknown>, query: string) {
      const items = this.getItems();
      if (query.trim() === "") return items.map((item) => ({ item, match: { score: 0, matches: [] } }));
      const search = prepareFuzzySearch(query.trim());
      const found = items
        .map((item) => ({ item, match: search(this.getItemText(item)) }))
        .filter((r): r is { item: unknown; match: NonNullable<typeof r.match> } => r.match !== null);
      return found.sort((a, b) => b.match.score - a.match.score);
    };
  }
  if (!("renderSuggestion" in fuzzy)) {
    fuzzy.renderSuggestion = function (this: FuzzySuggestModal<unknown>, match: { item: unknown }, el: HTMLElement) {
      el.setText(this.getItemText(match.item));
    };
  }
}

async function drawSuggestions(modal: SuggestModal<unknown>): Promise<void> {
  const state = (modal as unknown as WithSymbols)[SUGGEST_STATE] as SuggestState;
  const items = await Promise.resolve(modal.getSuggestions(modal.inputEl.value));
  state.items = items.slice(0, modal.limit);
  state.selected = 0;
  modal.resultContainerEl.empty();
  if (state.items.length === 0) {
    modal.resultContainerEl.createDiv({ cls: "suggestion-empty", text: modal.emptyStateText });
    modal.onNoSuggestion();
    return;
  }
  state.items.forEach((item, i) => {
    const el = modal.resultContainerEl.createDiv({ cls: "suggestion-item" });
    el.toggleClass("is-selected", i === 0);
    modal.renderSuggestion(item, el);
    el.addEventListener("click", (evt) => modal.selectSuggestion(item, evt));
  });
}

function onSuggestKey(modal: SuggestModal<unknown>, evt: KeyboardEvent): void {
  const state = (modal as unknown as WithSymbols)[SUGGEST_STATE] as SuggestState;
  if (state.items.length === 0) return;
  if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
    evt.preventDefault();
    const step = evt.key === "ArrowDown" ? 1 : -1;
    state.selected = (state.selected + step + state.items.length) % state.items.length;
    Array.from(modal.resultContainerEl.children).forEach((el, i) => el.toggleClass("is-selected", i === state.selected));
  } else if (evt.key === "Enter") {
    evt.preventDefault();
    modal.selectSuggestion(state.items[state.selected], evt);
  }
}

// G5: a popover of suggestions under the input while the user types. As in Obsidian the first
// suggestion is highlighted, the arrow keys move the highlight and Enter chooses it. Obsidian
// does this in a keymap scope of its own; whether its Enter also cancels the key's default
// (a form's submission) is not known, so here it does not: the plugin must not rely on it.
const POPOVER = Symbol.for("use-case-atlas.inputSuggestPopover");
const CHOICES = Symbol.for("use-case-atlas.inputSuggestChoices");
interface PopoverChoices { items: unknown[]; selected: number }
type InputSuggest = AbstractInputSuggest<unknown> & {
  getSuggestions(query: string): unknown[] | Promise<unknown[]>;
  renderSuggestion(value: unknown, el: HTMLElement): void;
  selectSuggestion(value: unknown, evt: MouseEvent | KeyboardEvent): void;
};

function patchInputSuggest(): void {
  const proto = AbstractInputSuggest.prototype as unknown as Proto<InputSuggest>;
  const hook = originalOf<(this: InputSuggest, app: App, el: HTMLInputElement | HTMLDivElement) => void>(proto, "constructor2__");
  proto.constructor2__ = function (this: InputSuggest, app: App, inputEl: HTMLInputElement | HTMLDivElement): void {
    hook.call(this, app, inputEl);
    const show = (): void => { void drawPopover(this); };
    inputEl.addEventListener("input", show);
    inputEl.addEventListener("focus", show);
    inputEl.addEventListener("blur", () => this.close());
    inputEl.addEventListener("keydown", (evt) => onPopoverKey(this, evt as KeyboardEvent));
  };
  if (!("selectSuggestion" in proto)) {
    // Obsidian's default hands the value to the onSelect callback.
    proto.selectSuggestion = function (this: InputSuggest, value: unknown, evt: MouseEvent | KeyboardEvent): void {
      this.onSelectCallback__?.(value, evt);
    };
  }
  const close = originalOf<(this: unknown) => void>(proto, "close");
  proto.close = function (this: InputSuggest): void {
    close.call(this);
    const el = (this as unknown as WithSymbols)[POPOVER] as HTMLElement | undefined;
    el?.remove();
  };
}

function onPopoverKey(suggest: InputSuggest, evt: KeyboardEvent): void {
  const flags = suggest as unknown as WithSymbols;
  const el = flags[POPOVER] as HTMLElement | undefined;
  const choices = flags[CHOICES] as PopoverChoices | undefined;
  if (!el?.isConnected || !choices || choices.items.length === 0 || evt.isComposing) return;
  if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
    evt.preventDefault();
    const n = choices.items.length;
    choices.selected = (choices.selected + (evt.key === "ArrowDown" ? 1 : n - 1)) % n;
    el.querySelectorAll(".suggestion-item").forEach((row, i) => row.toggleClass("is-selected", i === choices.selected));
  } else if (evt.key === "Enter") {
    suggest.selectSuggestion(choices.items[choices.selected], evt);
    suggest.close();
  }
}

async function drawPopover(suggest: InputSuggest): Promise<void> {
  const items = (await Promise.resolve(suggest.getSuggestions(suggest.getValue()))).slice(0, suggest.limit);
  const flags = suggest as unknown as WithSymbols;
  let el = flags[POPOVER] as HTMLElement | undefined;
  if (items.length === 0) { suggest.close(); return; }
  if (!el) {
    el = createDiv({ cls: "suggestion-container" });
    flags[POPOVER] = el;
  }
  el.empty();
  flags[CHOICES] = { items, selected: 0 } satisfies PopoverChoices;
  const list = el.createDiv({ cls: "suggestion" });
  for (const item of items) {
    const row = list.createDiv({ cls: "suggestion-item" });
    row.toggleClass("is-selected", item === items[0]);
    suggest.renderSuggestion(item, row);
    // mousedown, not click: the input's blur would close the popover before a click lands.
    row.addEventListener("mousedown", (evt) => {
      evt.preventDefault();
      suggest.selectSuggestion(item, evt);
      suggest.close();
    });
  }
  const input = suggest.textInputEl__;
  const box = input.getBoundingClientRect();
  el.setCssProps({ "--mock-suggest-top": `${box.bottom + window.scrollY}px`, "--mock-suggest-left": `${box.left + window.scrollX}px` });
  if (!el.isConnected) document.body.appendChild(el);
  suggest.open();
}

// G6: notices appear in the document and are recorded for tests.
const shownNotices: Notice[] = [];

/** Every notice created in this module copy, oldest first, with its current text. */
export function noticeMessages(since = 0): string[] {
  return shownNotices.slice(since).map((n) => n.messageEl.textContent ?? "");
}

export function noticeCount(): number {
  return shownNotices.length;
}

/** Hides the notices shown since `since` (a test vault tidying up after itself). */
export function hideNotices(since = 0): void {
  for (const notice of shownNotices.slice(since)) notice.hide();
}

const NOTICE_TIMER = Symbol.for("use-case-atlas.noticeTimer");
const DEFAULT_NOTICE_MS = 5000;

function patchNotice(): void {
  const proto = Notice.prototype as unknown as Proto<Notice>;
  const hook = originalOf<(this: Notice, message: string | DocumentFragment, duration?: number) => void>(proto, "constructor__");
  proto.constructor__ = function (this: Notice, message: string | DocumentFragment, duration?: number): void {
    hook.call(this, message, duration);
    shownNotices.push(this);
    this.containerEl.addClass("notice");
    this.messageEl.addClass("notice-message");
    let container = document.body.querySelector<HTMLElement>(":scope > .notice-container");
    if (!container) container = document.body.createDiv({ cls: "notice-container" });
    container.appendChild(this.containerEl);
    this.containerEl.addEventListener("click", () => this.hide());
    const ms = duration ?? DEFAULT_NOTICE_MS;
    if (ms > 0) (this as unknown as WithSymbols)[NOTICE_TIMER] = nativeSetTimeout(() => this.hide(), ms);
  };
  proto.hide = function (this: Notice): void {
    const timer = (this as unknown as WithSymbols)[NOTICE_TIMER] as number | undefined;
    if (timer !== undefined) nativeClearTimeout(timer);
    const container = this.containerEl.parentElement;
    this.containerEl.remove();
    if (container && container.childElementCount === 0) container.remove();
  };
}

// G14: Obsidian's class names and order inside a setting row.
function patchSetting(): void {
  const proto = Setting.prototype as unknown as Proto<Setting>;
  const hook = originalOf<(this: Setting, containerEl: HTMLElement) => void>(proto, "constructor__");
  proto.constructor__ = function (this: Setting, containerEl: HTMLElement): void {
    hook.call(this, containerEl);
    this.settingEl.addClass("setting-item");
    this.infoEl.addClass("setting-item-info");
    this.nameEl.addClass("setting-item-name");
    this.descEl.addClass("setting-item-description");
    this.controlEl.addClass("setting-item-control");
    this.settingEl.prepend(this.infoEl);
  };
}

// G16: what the user does to a control reaches the plugin's callbacks, as in Obsidian.
function patchControls(): void {
  hookConstructor<ButtonComponent>(ButtonComponent.prototype, "constructor2__", (button) => {
    button.buttonEl.addEventListener("click", (evt) => {
      if (!button.disabled) void (button as unknown as { clickHandler?: (evt: MouseEvent) => unknown }).clickHandler?.(evt);
    });
  });
  const setDisabled = originalOf<(this: ButtonComponent, disabled: boolean) => ButtonComponent>(ButtonComponent.prototype, "setDisabled");
  (ButtonComponent.prototype as unknown as Proto<ButtonComponent>).setDisabled = function (this: ButtonComponent, disabled: boolean) {
    this.buttonEl.disabled = disabled;
    return setDisabled.call(this, disabled);
  };
  hookConstructor<ExtraButtonComponent>(ExtraButtonComponent.prototype, "constructor2__", (button) => {
    button.extraSettingsEl.addClass("clickable-icon", "extra-setting-button");
    button.extraSettingsEl.addEventListener("click", () => {
      if (!button.disabled) void (button as unknown as { clickHandler?: () => unknown }).clickHandler?.();
    });
  });
  hookConstructor<AbstractTextComponent<HTMLInputElement>>(AbstractTextComponent.prototype, "constructor3__", (text) => {
    text.inputEl.addEventListener("input", () => {
      (text as unknown as { value: string }).value = text.inputEl.value;
      text.onChanged();
    });
  });
  hookConstructor<ToggleComponent>(ToggleComponent.prototype, "constructor3__", (toggle) => {
    toggle.toggleEl.addClass("checkbox-container");
    toggle.toggleEl.addEventListener("click", () => {
      if (toggle.disabled) return;
      toggle.onClick();
      toggle.toggleEl.toggleClass("is-enabled", toggle.getValue());
    });
  });
  const setToggle = originalOf<(this: ToggleComponent, on: boolean) => ToggleComponent>(ToggleComponent.prototype, "setValue");
  (ToggleComponent.prototype as unknown as Proto<ToggleComponent>).setValue = function (this: ToggleComponent, on: boolean) {
    this.toggleEl.toggleClass("is-enabled", on);
    return setToggle.call(this, on);
  };
  hookConstructor<DropdownComponent>(DropdownComponent.prototype, "constructor3__", (dropdown) => {
    dropdown.selectEl.addClass("dropdown");
    dropdown.selectEl.addEventListener("change", () => dropdown.simulateChange__());
  });
  hookConstructor<SliderComponent>(SliderComponent.prototype, "constructor3__", (slider) => {
    slider.sliderEl.addClass("slider");
    slider.sliderEl.addEventListener("input", () => {
      (slider as unknown as { value: number }).value = Number(slider.sliderEl.value);
      (slider as unknown as { _onChange: ((v: number) => unknown) | null })._onChange?.(slider.getValue());
    });
  });
}

/** Runs `after` at the end of a mock constructor, through the hook the mock calls there. */
function hookConstructor<T>(proto: object, hook: string, after: (instance: T) => void): void {
  const original = originalOf<(this: T, ...args: unknown[]) => void>(proto, hook);
  (proto as Record<string, unknown>)[hook] = function (this: T, ...args: unknown[]): void {
    original.apply(this, args);
    after(this);
  };
}

// G9: views and files opened in leaves, the active view, the active editor.
function patchWorkspace(): void {
  const ws = Workspace.prototype as unknown as Proto<Workspace>;
  const setActiveLeaf = originalOf<(this: Workspace, leaf: WorkspaceLeaf, params?: unknown) => void>(ws, "setActiveLeaf");
  ws.setActiveLeaf = function (this: Workspace, leaf: WorkspaceLeaf, params?: unknown): void {
    setActiveLeaf.call(this, leaf, params);
    const view = (leaf as unknown as LeafInternals).view;
    (this as unknown as WorkspaceInternals).activeEditor = view instanceof MarkdownView ? view : null;
    if (maybeGaps((leaf as unknown as LeafInternals).app__)) renderTabs((leaf as unknown as LeafInternals).app__);
  };
  ws.getActiveViewOfType = function (this: Workspace, type: new (...args: never[]) => unknown) {
    const view = (this as unknown as WorkspaceInternals).activeLeaf
      ? ((this as unknown as WorkspaceInternals).activeLeaf as unknown as LeafInternals).view : null;
    return view instanceof type ? view : null;
  };

  // A popout window's leaves are not in the main window's root split (G19): `iterateRootLeaves`
  // skips them; `iterateAllLeaves` and `getLeavesOfType` find them.
  const openPopoutLeaf = originalOf<(this: Workspace, data?: unknown) => WorkspaceLeaf>(ws, "openPopoutLeaf");
  ws.openPopoutLeaf = function (this: Workspace, data?: unknown): WorkspaceLeaf {
    const made = openPopoutLeaf.call(this, data);
    (made as unknown as WithSymbols)[POPOUT] = true;
    return made;
  };
  ws.iterateRootLeaves = function (this: Workspace, callback: (leaf: WorkspaceLeaf) => unknown): void {
    for (const l of [...(this as unknown as WorkspaceInternals).leaves]) if (!(l as unknown as WithSymbols)[POPOUT]) callback(l);
  };

  const leaf = WorkspaceLeaf.prototype as unknown as Proto<WorkspaceLeaf>;
  const setViewState = originalOf<(this: WorkspaceLeaf, viewState: ViewState, eState?: Record<string, unknown>) => Promise<void>>(leaf, "setViewState");
  const openFile = originalOf<(this: WorkspaceLeaf, file: TFile, openState?: unknown) => Promise<void>>(leaf, "openFile");
  const open = originalOf<(this: WorkspaceLeaf, view: ViewOriginal) => Promise<ViewOriginal>>(leaf, "open");
  const detach = originalOf<(this: WorkspaceLeaf) => void>(leaf, "detach");

  leaf.setViewState = async function (this: WorkspaceLeaf, viewState: ViewState, eState?: Record<string, unknown>): Promise<void> {
    const app = (this as unknown as LeafInternals).app__;
    const state = maybeGaps(app);
    if (!state) return setViewState.call(this, viewState, eState);
    const filePath = (viewState.state as { file?: unknown } | undefined)?.file;
    if (viewState.type === "markdown" && typeof filePath === "string") {
      const file = app.vault.getFileByPath(filePath);
      if (file) {
        await this.openFile(file, { active: viewState.active });
        if (eState) this.setEphemeralState(eState);
        return;
      }
    }
    await setViewState.call(this, viewState, eState);
    const registration = state.views.get(viewState.type);
    if (registration) {
      const view = registration.creator(this.asOriginalType3__());
      await showView(this, view);
      await view.setState(viewState.state ?? {}, { history: false });
    } else {
      const old = (this as unknown as LeafInternals).view;
      if (old) { await closeView(old); (this as unknown as LeafInternals).view = null; }
    }
    if (viewState.active) app.workspace.setActiveLeaf(this);
    renderTabs(app);
  };

  leaf.open = async function (this: WorkspaceLeaf, view: ViewOriginal): Promise<ViewOriginal> {
    if (!maybeGaps((this as unknown as LeafInternals).app__)) return open.call(this, view);
    await showView(this, view);
    await open.call(this, view);
    renderTabs((this as unknown as LeafInternals).app__);
    return view;
  };

  leaf.openFile = async function (this: WorkspaceLeaf, file: TFile, openState?: { active?: boolean }): Promise<void> {
    const app = (this as unknown as LeafInternals).app__;
    if (!maybeGaps(app)) return openFile.call(this, file, openState);
    if (file.extension === "md") {
      const view = MarkdownView.create2__(this);
      view.file = file;
      view.setViewData(await app.vault.read(file), true);
      await showView(this, view.asOriginalType7__());
      drawEditor(view, app);
      (this as unknown as LeafInternals).viewState = { type: "markdown", state: { file: file.path } };
    }
    await openFile.call(this, file, openState);
    const ws = app.workspace as unknown as WorkspaceInternals;
    if (openState?.active || ws.activeLeaf === this || ws.activeLeaf === null) app.workspace.setActiveLeaf(this);
    if (ws.activeLeaf === this) app.workspace.trigger("file-open", file);
    renderTabs(app);
  };

  leaf.detach = function (this: WorkspaceLeaf): void {
    const internals = this as unknown as LeafInternals;
    if (!maybeGaps(internals.app__)) { detach.call(this); return; }
    const view = internals.view;
    if (view) { void closeView(view); internals.view = null; }
    const ld = (this as unknown as WithSymbols)[LEAF_DOM] as LeafDom | undefined;
    ld?.header.remove();
    ld?.content.remove();
    detach.call(this);
    const app = internals.app__;
    const ws = app.workspace as unknown as WorkspaceInternals;
    if (ws.activeLeaf === null && ws.leaves.length > 0) app.workspace.setActiveLeaf(ws.leaves[ws.leaves.length - 1]);
    app.workspace.trigger("layout-change");
    renderTabs(app);
  };
}

/** Puts a view into a leaf: the old one is closed, the new one loaded, drawn and opened. */
async function showView(leaf: WorkspaceLeaf, view: ViewOriginal): Promise<void> {
  const internals = leaf as unknown as LeafInternals;
  const app = internals.app__;
  const old = internals.view;
  if (old && old !== view) await closeView(old);
  internals.view = view;
  const ld = leafDom(leaf, gapsOf(app).dom, app.workspace);
  ld.content.empty();
  view.containerEl.addClass("workspace-leaf-content");
  view.containerEl.setAttr("data-type", view.getViewType());
  if ("contentEl" in view) (view as { contentEl: HTMLElement }).contentEl.addClass("view-content");
  ld.content.appendChild(view.containerEl);
  view.load();
  await (view as unknown as { onOpen(): Promise<void> }).onOpen();
}

async function closeView(view: ViewOriginal): Promise<void> {
  if (view instanceof MarkdownView) closeEditor(view);
  view.containerEl.remove();
  await (view as unknown as { onClose(): Promise<void> }).onClose();
  view.unload();
}

/**
 * A markdown view's stand-in editor (G19): a textarea over the editor's text. As in Obsidian,
 * the editor holds the text and saves it to the file `editorSaveDelayMs` after the last change
 * (typing or an `Editor` call); the metadata cache hears of it only after that save. A change of
 * the file made by anyone else shows up in the editor; when the editor had unsaved text, that
 * is a merge: recorded in `merges`, and modelled as Obsidian's worst case (the editor takes the
 * file's text, the unsaved keystrokes are lost, the cursor goes to the start).
 */
function drawEditor(view: MarkdownView, app: MockApp): void {
  const state = gapsOf(app);
  const file = view.file;
  if (!(file instanceof TFile)) return;
  let doc = state.docs.get(file);
  if (!doc) {
    doc = { file, views: new Set(), dirty: false, timer: null, saved: view.getViewData() };
    state.docs.set(file, doc);
  } else {
    // A second pane shows the text the first holds, saved or not.
    const text = [...doc.views][0]?.editor.getValue();
    if (text !== undefined) view.setViewData(text, false);
  }
  doc.views.add(view);
  const opened = doc;
  (view.editor as unknown as WithSymbols)[EDITOR_DOC] = { state, doc: opened, view };
  const host = view.contentEl.createDiv({ cls: "markdown-source-view mod-cm6" });
  const area = host.createEl("textarea", { cls: "mock-editor", attr: { spellcheck: "false", "aria-label": "Note text" } });
  area.value = view.editor.getValue();
  (view as unknown as WithSymbols)[EDITOR_AREA] = area;
  area.addEventListener("input", () => {
    const editor = view.editor as unknown as EditorInternals;
    editor.undoStack.push(editor.content);
    editor.redoStack = [];
    editor.content = area.value;
    editor.setCursor(editor.offsetToPos(area.selectionStart));
    editorChanged(state, opened, view);
  });
}

interface EditorInternals { content: string; undoStack: string[]; redoStack: string[]; setCursor(pos: { line: number; ch: number }): void; offsetToPos(o: number): { line: number; ch: number }; posToOffset(p: { line: number; ch: number }): number }
interface EditorLink { state: AppGaps; doc: EditorDoc; view: MarkdownView }

const EDITOR_DOC = Symbol.for("use-case-atlas.editorDoc");
const EDITOR_AREA = Symbol.for("use-case-atlas.editorArea");

function linkOf(editor: unknown): EditorLink | undefined {
  return (editor as WithSymbols)[EDITOR_DOC] as EditorLink | undefined;
}

/** The editor's text changed (typing or an `Editor` call): other views follow; a save is due. */
function editorChanged(state: AppGaps, doc: EditorDoc, from: MarkdownView): void {
  const text = from.editor.getValue();
  for (const view of doc.views) {
    const editor = view.editor as unknown as EditorInternals;
    if (view !== from && editor.content !== text) editor.content = text;
    (view as unknown as { data: string }).data = text;
    const area = (view as unknown as WithSymbols)[EDITOR_AREA] as HTMLTextAreaElement | undefined;
    if (area && area.value !== text) area.value = text;
  }
  doc.dirty = true;
  // Obsidian's `requestSave` is `debounce(save, 2000)` without resetting the timer: it saves
  // 2 s after the first unsaved change, so a user typing on saves every 2 s.
  doc.timer ??= nativeSetTimeout(() => { void saveDoc(state, doc); }, state.editorSaveDelayMs);
}

/** Writes the editor's text to the file, as Obsidian's save does. */
async function saveDoc(state: AppGaps, doc: EditorDoc): Promise<void> {
  if (doc.timer !== null) { window.clearTimeout(doc.timer); doc.timer = null; }
  if (!doc.dirty || state.disposed) return;
  const view = [...doc.views][0];
  if (!view || state.app.vault.getAbstractFileByPath(doc.file.path) !== doc.file) return;
  const text = view.editor.getValue();
  doc.dirty = false;
  doc.saved = text;
  await state.saveNote(doc.file, text);
}

/** Saves every editor with unsaved text now (what Obsidian does on Ctrl+S or when it closes). */
export async function saveEditors(app: MockApp): Promise<void> {
  const state = gapsOf(app);
  for (const doc of [...state.docs.values()]) await saveDoc(state, doc);
}

/** Editors whose text is not saved yet. */
export function unsavedEditors(app: MockApp): string[] {
  return [...gapsOf(app).docs.values()].filter((d) => d.dirty).map((d) => d.file.path);
}

export function editorMerges(app: MockApp): readonly EditorMerge[] {
  return gapsOf(app).merges;
}

export function setEditorSaveDelay(app: MockApp, ms: number): void {
  gapsOf(app).editorSaveDelayMs = ms;
}

export function setEditorSaver(app: MockApp, save: (file: TFile, text: string) => Promise<void>): void {
  gapsOf(app).saveNote = save;
}

/** The user types `text` at `offset` (default: the cursor) in the note's editor, over `replacing` characters. */
export function typeInEditor(app: MockApp, path: string, text: string, offset?: number, replacing = 0): void {
  const doc = [...gapsOf(app).docs.values()].find((d) => d.file.path === path);
  const view = doc && [...doc.views][0];
  const area = view && (view as unknown as WithSymbols)[EDITOR_AREA] as HTMLTextAreaElement | undefined;
  if (!view || !area) throw new Error(`${path} is not open in an editor`);
  const editor = view.editor as unknown as EditorInternals;
  const at = offset ?? editor.posToOffset(view.editor.getCursor());
  area.value = area.value.slice(0, at) + text + area.value.slice(at + replacing);
  area.setSelectionRange(at + text.length, at + text.length);
  area.dispatchEvent(new Event("input"));
}

/** A view closes: Obsidian saves what it holds first. */
function closeEditor(view: MarkdownView): void {
  const link = linkOf(view.editor);
  if (!link) return;
  void saveDoc(link.state, link.doc).then(() => {
    link.doc.views.delete(view);
    if (link.doc.views.size === 0 && link.state.docs.get(link.doc.file) === link.doc) link.state.docs.delete(link.doc.file);
  });
}

/** A change of a file open in an editor, made by anyone but that editor's save. */
function followDiskInEditors(state: AppGaps): void {
  const app = state.app;
  app.vault.on("modify", (...data: unknown[]) => {
    const file = data[0];
    if (!(file instanceof TFile)) return;
    const doc = state.docs.get(file);
    if (!doc) return;
    const disk = app.vault.readSync__(file);
    const view = [...doc.views][0];
    if (!view || disk === view.editor.getValue()) { doc.saved = disk; return; }
    if (disk === doc.saved) return;
    if (doc.dirty) {
      state.merges.push({ path: file.path, editorText: view.editor.getValue(), diskText: disk });
      doc.dirty = false;
      if (doc.timer !== null) { window.clearTimeout(doc.timer); doc.timer = null; }
    }
    doc.saved = disk;
    for (const v of doc.views) v.setViewData(disk, false);
    for (const v of doc.views) {
      const area = (v as unknown as WithSymbols)[EDITOR_AREA] as HTMLTextAreaElement | undefined;
      if (area) area.value = disk;
    }
  });
}

/**
 * The `Editor` calls a plugin makes, as CodeMirror 6 behind Obsidian's editor does them: a
 * transaction's changes are all in the coordinates of the text before it and make one undo
 * step; the cursor and selection are mapped through the changes (the raw mock applies changes
 * one by one, one undo step each, and puts the cursor after the last).
 */
function patchEditor(): void {
  const proto = Editor.prototype as unknown as Proto<Editor>;
  const undo = originalOf<(this: Editor) => void>(proto, "undo");
  const redo = originalOf<(this: Editor) => void>(proto, "redo");
  const replaceRange = originalOf<(this: Editor, text: string, from: EditorPosition, to?: EditorPosition, origin?: string) => void>(proto, "replaceRange");
  proto.transaction = function (this: Editor, tx: EditorTransaction): void {
    const editor = this as unknown as EditorInternals & { anchor: EditorPosition; head: EditorPosition };
    const before = editor.content;
    const changes = (tx.changes ?? []).map((c) => ({ from: editor.posToOffset(c.from), to: editor.posToOffset(c.to ?? c.from), insert: c.text }))
      .sort((x, y) => x.from - y.from);
    changes.forEach((c, i) => { if (i > 0 && changes[i - 1].to > c.from) throw new RangeError("overlapping changes in one transaction"); });
    const after = applyChanges(before, changes);
    if (after !== before) {
      editor.undoStack.push(before);
      editor.redoStack = [];
      editor.content = after;
      editor.anchor = editor.offsetToPos(mapOffset(posToOffsetIn(before, editor.anchor), changes));
      editor.head = editor.offsetToPos(mapOffset(posToOffsetIn(before, editor.head), changes));
    }
    if (tx.selection) this.setSelection(tx.selection.from, tx.selection.to);
    if (tx.selections) this.setSelections(tx.selections.map((sel) => ({ anchor: sel.from, head: sel.to ?? sel.from })));
    const link = linkOf(this);
    if (link && after !== before) editorChanged(link.state, link.doc, link.view);
  };
  const afterEdit = (editor: Editor, before: string): void => {
    const link = linkOf(editor);
    if (link && editor.getValue() !== before) editorChanged(link.state, link.doc, link.view);
  };
  proto.replaceRange = function (this: Editor, text: string, from: EditorPosition, to?: EditorPosition, origin?: string): void {
    const before = this.getValue();
    replaceRange.call(this, text, from, to, origin);
    afterEdit(this, before);
  };
  proto.undo = function (this: Editor): void { const before = this.getValue(); undo.call(this); afterEdit(this, before); };
  proto.redo = function (this: Editor): void { const before = this.getValue(); redo.call(this); afterEdit(this, before); };
}

/** An offset in `text` (the editor's position arithmetic, on a text it no longer holds). */
function posToOffsetIn(text: string, pos: EditorPosition): number {
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < pos.line && i < lines.length; i++) offset += lines[i].length + 1;
  return offset + Math.min(pos.ch, lines[pos.line]?.length ?? 0);
}

// ---------------------------------------------------------------------------------------------
// G12: the cache follows renames, forgets deleted files and says so.

function keepCacheInStep(app: MockApp): void {
  const mc = app.metadataCache as unknown as MetadataCacheInternals;
  const move = (from: string, to: string): void => {
    const entry = mc.cache__.get(from);
    if (!entry) return;
    mc.cache__.delete(from);
    mc.cache__.set(to, entry);
    mc.resolvedLinks[to] = mc.resolvedLinks[from];
    delete mc.resolvedLinks[from];
  };
  app.vault.on("rename", (...data: unknown[]) => {
    const [file, oldPath] = data as [TAbstractFile, string];
    if (file instanceof TFile) { move(oldPath, file.path); return; }
    // A folder: the entries of the notes under it move too, none read again (as in Obsidian,
    // where a rename remaps the cache instead of re-reading: obsidian-api#77).
    const from = `${oldPath}/`;
    for (const path of [...mc.cache__.keys()]) if (path.startsWith(from)) move(path, `${file.path}/${path.slice(from.length)}`);
  });
  app.vault.on("delete", (...data: unknown[]) => {
    const file = data[0];
    if (!(file instanceof TFile)) return;
    const entry = mc.cache__.get(file.path);
    if (!entry) return;
    mc.cache__.delete(file.path);
    delete mc.fileCache__[file.path];
    delete mc.resolvedLinks[file.path];
    delete mc.unresolvedLinks[file.path];
    mc.trigger("deleted", file, entry);
  });
}

// ---------------------------------------------------------------------------------------------
// G17: renaming a note through the file manager updates the wiki links to it, as Obsidian does
// with "Automatically update internal links" on. Wiki links only (`[[target#heading|alias]]`, in
// the body and in properties); Markdown links `[text](path.md)` are left as they are.

const WIKI_LINK = /\[\[([^\]|#\n]+)((?:#[^\]|\n]*)?)((?:\|[^\]\n]*)?)\]\]/g;

function patchLinkUpdating(): void {
  // Obsidian's default "shortest path when possible": the name alone when no other file has it.
  const cacheProto = MetadataCache.prototype as unknown as Proto<MetadataCache>;
  cacheProto.fileToLinktext = function (this: MetadataCache, file: TFile, _sourcePath: string, omitMdExtension?: boolean): string {
    const app = (this as unknown as { app__: MockApp }).app__;
    const md = omitMdExtension !== false && file.extension === "md";
    const name = md ? file.basename : file.name;
    const clash = app.vault.getFiles().some((f) => f !== file && (md ? f.extension === "md" && f.basename === name : f.name === name));
    if (!clash) return name;
    return md ? file.path.slice(0, -3) : file.path;
  };
  const proto = FileManager.prototype as unknown as Proto<FileManager>;
  const rename = originalOf<(this: FileManager, file: unknown, newPath: string) => Promise<void>>(proto, "renameFile");
  proto.renameFile = async function (this: FileManager, file: unknown, newPath: string): Promise<void> {
    const app = (this as unknown as { app: MockApp }).app;
    if (!(file instanceof TFile)) return rename.call(this, file, newPath);
    // The links to update, found before the rename, while they still resolve to the file.
    const linking = new Map<TFile, Set<string>>();
    for (const source of app.vault.getMarkdownFiles()) {
      const text = await app.vault.cachedRead(source);
      for (const m of text.matchAll(WIKI_LINK)) {
        const target = m[1].trim();
        if (app.metadataCache.getFirstLinkpathDest(target, source.path) !== file) continue;
        const targets = linking.get(source) ?? new Set<string>();
        targets.add(target);
        linking.set(source, targets);
      }
    }
    await rename.call(this, file, newPath);
    for (const [source, targets] of linking) {
      await app.vault.process(source, (text) => text.replace(WIKI_LINK, (whole: string, target: string, sub: string, alias: string) => {
        if (!targets.has(target.trim())) return whole;
        return `[[${app.metadataCache.fileToLinktext(file, source.path, true)}${sub}${alias}]]`;
      }));
    }
  };
}

// ---------------------------------------------------------------------------------------------
// G18: link targets found by name without listing the vault.

interface VaultInternals { fileMap__: Record<string, unknown> }
interface LinkResolver { getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null }

/**
 * The mock resolves a link that is not a path by scanning `vault.getFiles()` for the first file
 * whose basename or name matches: every note read costs a pass over the whole vault. Here the
 * vault's file map (every file the mock adds, moves or drops goes through it) keeps an index of
 * files by basename and by name. The answer is the mock's own: none or one candidate is answered
 * from the index, and the rare tie among several is left to the mock's scan (which picks by the
 * map's order).
 */
function indexLinkTargets(app: MockApp): void {
  const vault = app.vault as unknown as VaultInternals;
  const mc = app.metadataCache as unknown as LinkResolver & WithSymbols;
  const FLAG = Symbol.for("use-case-atlas.linkIndex");
  if (mc[FLAG]) return;
  mc[FLAG] = true;
  const byName = new Map<string, Set<TFile>>();
  const keysOf = (file: TFile): string[] => (file.basename === file.name ? [file.name] : [file.basename, file.name]);
  const add = (value: unknown): void => {
    if (!(value instanceof TFile)) return;
    for (const key of keysOf(value)) {
      let set = byName.get(key);
      if (!set) { set = new Set(); byName.set(key, set); }
      set.add(value);
    }
  };
  const remove = (value: unknown): void => {
    if (!(value instanceof TFile)) return;
    for (const key of keysOf(value)) {
      const set = byName.get(key);
      set?.delete(value);
      if (set?.size === 0) byName.delete(key);
    }
  };
  const files = vault.fileMap__;
  for (const value of Object.values(files)) add(value);
  // A file's name changes only on rename, which deletes its entry before renaming it and sets
  // the new entry after: the index drops it under the old name and files it under the new one.
  vault.fileMap__ = new Proxy(files, {
    set(target, key, value: unknown) {
      if (typeof key === "string") remove(target[key]);
      target[key as string] = value;
      add(value);
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key === "string") {
        remove(target[key]);
        delete target[key];
      }
      return true;
    },
  });
  const scan = originalOf<LinkResolver["getFirstLinkpathDest"]>(mc, "getFirstLinkpathDest");
  mc.getFirstLinkpathDest = function (this: LinkResolver, linkpath: string, sourcePath: string): TFile | null {
    const byPath = app.vault.getFileByPath(linkpath) ?? app.vault.getFileByPath(`${linkpath}.md`);
    if (byPath) return byPath;
    const named = byName.get(linkpath);
    if (!named) return null;
    if (named.size === 1) return named.values().next().value ?? null;
    return scan.call(this, linkpath, sourcePath);
  };
}

// ---------------------------------------------------------------------------------------------
// G11: frontmatter as Obsidian reads it.

/**
 * Makes the app's metadata cache take `frontmatter`, `frontmatterPosition` and
 * `frontmatterLinks` from our core reader (src/core/frontmatter.ts, itself checked against
 * the real Obsidian on every captured note). What it fixes, measured on the raw mock:
 * - malformed YAML makes `vault.create`/`modify` throw (the text is written, no `changed`
 *   event fires) and `App.createConfigured__` fail; here the note is cached without frontmatter;
 * - a block holding only comments or blanks gives a strict-mock `{}` that throws on any key read;
 *   Obsidian has no `frontmatter` then;
 * - `frontmatterPosition` ends at the start of the next line, Obsidian's at the end of the
 *   closing `---`; `frontmatterLinks` are missing instead of `[]` and lack `displayText`.
 * Headings, list items, tags, links and sections stay the mock's own.
 * Call before files are added (existing entries are corrected too).
 */
export function useCoreFrontmatter(app: MockApp): void {
  const mc = app.metadataCache as unknown as MetadataCacheInternals & WithSymbols;
  const FLAG = Symbol.for("use-case-atlas.coreFrontmatter");
  if (mc[FLAG]) return;
  mc[FLAG] = true;
  const parse = originalOf<(this: MetadataCacheInternals, file: unknown) => void>(mc, "parseFileMetadata");
  const trigger = originalOf<(this: MetadataCacheInternals, name: string, ...data: unknown[]) => void>(mc, "trigger");
  // Obsidian hands listeners the finished cache; correct it before anyone sees it.
  mc.trigger = function (this: MetadataCacheInternals, name: string, ...data: unknown[]): void {
    if (name === "changed" && typeof data[1] === "string" && data[2]) applyCoreFrontmatter(data[2], data[1]);
    trigger.call(this, name, ...data);
  };
  mc.parseFileMetadata = function (this: MetadataCacheInternals, file: unknown): void {
    try {
      parse.call(this, file);
    } catch (error) {
      // The mock's YAML parser threw. Let it read the rest of the note with the YAML blanked out.
      if (!(file instanceof TFile)) throw error;
      const text = app.vault.readSync__(file);
      const block = readFrontmatter(text).block;
      if (!block) throw error;
      const cache = parseWithBlankYaml(text, block);
      this.cache__.set(file.path, cache);
      this.trigger("changed", file, text, cache);
    }
  };
  for (const file of app.vault.getMarkdownFiles()) {
    const cache = mc.cache__.get(file.path);
    if (cache) applyCoreFrontmatter(cache, app.vault.readSync__(file));
  }
}

function applyCoreFrontmatter(cache: CachedMetadata, text: string): void {
  // The fast reader answers as readFrontmatter does (it defers to it for anything but simple
  // YAML); every note read goes through here, so a 10,000-note test vault loads in seconds.
  const result = readFrontmatterFast(text);
  if (result.kind === "ok") {
    cache.frontmatter = result.data;
    cache.frontmatterPosition = blockPosition(result.block);
    cache.frontmatterLinks = frontmatterLinks(result.data);
  } else {
    delete cache.frontmatter;
    delete cache.frontmatterPosition;
    delete cache.frontmatterLinks;
  }
}

function blockPosition(block: FrontmatterBlock): NonNullable<CachedMetadata["frontmatterPosition"]> {
  return {
    start: { line: 0, col: 0, offset: 0 },
    end: { line: block.closingLine, col: block.fenceEnd - block.yamlEnd, offset: block.fenceEnd },
  };
}

const WIKILINK = /\[\[([^\]|]+?)(?:\|([^\]]*?))?\]\]/g;

/** Wikilinks in string properties and string list items, keyed `prop` / `prop.<index>`. */
function frontmatterLinks(data: Record<string, unknown>): FrontmatterLinkCache[] {
  const links: FrontmatterLinkCache[] = [];
  const collect = (key: string, value: string): void => {
    for (const m of value.matchAll(WIKILINK)) {
      links.push({ key, link: m[1], original: m[0], displayText: m[2] ?? m[1] });
    }
  };
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === "string") collect(key, value);
    else if (Array.isArray(value)) value.forEach((item, i) => { if (typeof item === "string") collect(`${key}.${i}`, item); });
  }
  return links;
}

/** The mock's reading of a note whose YAML it cannot parse: same offsets, YAML text blanked. */
function parseWithBlankYaml(text: string, block: FrontmatterBlock): CachedMetadata {
  const blanked = text.slice(0, block.yamlStart) + block.yaml.replace(/[^\r\n]/g, " ") + text.slice(block.yamlEnd);
  const scratch = App.createConfigured__({ files: { "scratch.md": blanked } });
  const cache: CachedMetadata = { ...(scratch.metadataCache.getCache("scratch.md") ?? {}) };
  applyCoreFrontmatter(cache, text);
  return cache;
}

// ---------------------------------------------------------------------------------------------
// G13: the cache updates after the write, not inside it.

/**
 * Defers the metadata cache's re-reading of created or modified notes to a later macrotask, as
 * in Obsidian, where `getFileCache` still returns the old entry right after `vault.modify`
 * resolves and `changed` comes later. Several writes to one note before then make one update.
 * `resolved` fires after each batch. Call after the initial files are in (they are read at once,
 * as Obsidian has its cache ready at startup).
 */
export function useAsyncMetadata(app: MockApp): void {
  const mc = app.metadataCache as unknown as MetadataCacheInternals & WithSymbols;
  const FLAG = Symbol.for("use-case-atlas.asyncMetadata");
  if (mc[FLAG]) return;
  mc[FLAG] = true;
  const parseNow = originalOf<(this: MetadataCacheInternals, file: unknown) => void>(mc, "parseFileMetadata");
  const pending = new Map<string, TFile>();
  let timer: number | null = null;
  const state = gapsOf(app);
  const run = (): void => {
    timer = null;
    if (state.disposed) { pending.clear(); return; }
    const files = [...pending.values()];
    pending.clear();
    for (const file of files) {
      if (app.vault.getAbstractFileByPath(file.path) === file) parseNow.call(mc, file);
    }
    mc.trigger("resolved");
  };
  mc.parseFileMetadata = function (file: unknown): void {
    if (!(file instanceof TFile) || file.extension !== "md") return;
    pending.set(file.path, file);
    timer ??= nativeSetTimeout(run, 0);
  };
  state.metadataPending = () => pending.size + (timer === null ? 0 : 1);
}

/**
 * G20: a note is created, and links elsewhere that named it unresolved now resolve to it. As in
 * Obsidian, each note whose links changed gets its `resolvedLinks` entry anew and a `resolve`
 * event, a little later (its own `changed` does not fire: its text did not change).
 */
function resolveLinksToNewNotes(state: AppGaps): void {
  const app = state.app;
  const mc = app.metadataCache as unknown as MetadataCacheInternals & { updateLinks(path: string, cache: CachedMetadata): void };
  app.vault.on("create", () => {
    if (state.linksPending > 0) return; // One pass after a burst of creations.
    state.linksPending++;
    nativeSetTimeout(() => {
      state.linksPending--;
      if (state.disposed) return;
      for (const [source, unresolved] of Object.entries(mc.unresolvedLinks)) {
        const names = Object.keys((unresolved ?? {}));
        if (!names.some((name) => app.metadataCache.getFirstLinkpathDest(name, source) !== null)) continue;
        const cache = mc.cache__.get(source);
        const file = app.vault.getFileByPath(source);
        if (!cache || !file) continue;
        mc.updateLinks(source, cache);
        mc.trigger("resolve", file);
      }
    }, 0);
  });
}

// ---------------------------------------------------------------------------------------------
// G20: a cold start. At layout-ready Obsidian's cache may not have read every note yet:
// `getFileCache` returns null for those, `resolvedLinks` lacks them. Notes are indexed in no
// particular order (`changed` for each), their links resolved (`resolve` for each), and
// `resolved` fires once when all is done.

/**
 * Takes every note's cache entry out (the notes stay in the vault) until `startColdFill`, which
 * puts them back in a shuffled order (seeded), a batch per macrotask: first the entries with a
 * `changed` each, then the links with a `resolve` each, then one `resolved`.
 */
export function useColdCache(app: MockApp, seed: number): void {
  const state = gapsOf(app);
  const mc = app.metadataCache as unknown as MetadataCacheInternals;
  interface Held { file: TFile; cache: CachedMetadata; fileCache: unknown; resolved: unknown; unresolved: unknown }
  const held: Held[] = [];
  for (const file of app.vault.getMarkdownFiles()) {
    const cache = mc.cache__.get(file.path);
    if (!cache) continue;
    held.push({ file, cache, fileCache: mc.fileCache__[file.path], resolved: mc.resolvedLinks[file.path], unresolved: mc.unresolvedLinks[file.path] });
    mc.cache__.delete(file.path);
    delete mc.fileCache__[file.path];
    delete mc.resolvedLinks[file.path];
    delete mc.unresolvedLinks[file.path];
  }
  let random = seed >>> 0 || 1;
  const next = (): number => { random ^= random << 13; random >>>= 0; random ^= random >>> 17; random ^= random << 5; random >>>= 0; return random; };
  const shuffled = (list: Held[]): Held[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) { const j = next() % (i + 1); [out[i], out[j]] = [out[j], out[i]]; }
    return out;
  };
  const BATCH = 97;
  state.coldPending = held.length * 2 + 1;
  state.coldFill = () => {
    state.coldFill = null;
    const steps: (() => void)[] = [];
    for (const h of shuffled(held)) {
      steps.push(() => {
        if (app.vault.getAbstractFileByPath(h.file.path) !== h.file || mc.cache__.has(h.file.path)) return;
        mc.cache__.set(h.file.path, h.cache);
        mc.fileCache__[h.file.path] = h.fileCache;
        mc.trigger("changed", h.file, app.vault.readSync__(h.file), h.cache);
      });
    }
    for (const h of shuffled(held)) {
      steps.push(() => {
        if (app.vault.getAbstractFileByPath(h.file.path) !== h.file) return;
        mc.resolvedLinks[h.file.path] ??= h.resolved;
        mc.unresolvedLinks[h.file.path] ??= h.unresolved;
        mc.trigger("resolve", h.file);
      });
    }
    steps.push(() => mc.trigger("resolved"));
    const run = (): void => {
      if (state.disposed) { state.coldPending = 0; return; }
      for (const step of steps.splice(0, BATCH)) { step(); state.coldPending--; }
      if (steps.length > 0) nativeSetTimeout(run, 0);
    };
    nativeSetTimeout(run, 0);
  };
}

/** Starts a cold start's cache fill (at layout-ready); false when the cache was warm. */
export function startColdFill(app: MockApp): boolean {
  const fill = gapsOf(app).coldFill;
  if (!fill) return false;
  fill();
  return true;
}
