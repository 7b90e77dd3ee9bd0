/**
 * The browser playground: real plugin code over an in-memory vault, in a page laid out like
 * Obsidian's window — ribbon, tab headers, the open note (a plain-text editor), status bar,
 * modals and notices in document.body — styled by playground/theme.css (Obsidian's CSS
 * variables, light and dark) and the plugin's own styles.css.
 *
 * It is the same in-memory Obsidian the glue tests use (tests/support/obsidian-env.ts and
 * obsidian-gaps.ts), bundled for the browser by playground/build.mjs. Each page in
 * playground/pages/ calls `startPlayground` with its plugin class and files. Nothing here is
 * shipped in the plugin.
 */
import { Notice, type Plugin, type PluginManifest } from "obsidian";
import { setup } from "obsidian-test-mocks/setup";
import { createTestVault, MANIFEST, type TestVault } from "../tests/support/obsidian-env";
import { workspaceDom } from "../tests/support/obsidian-gaps";
import { type CannedResponse, requestedUrls, setCannedResponses } from "./request-url";

export type Theme = "light" | "dark";

export interface PlaygroundOptions<P extends Plugin> {
  /** The plugin class to enable, as Obsidian would (constructor, onload, layout ready). */
  plugin: new (app: never, manifest: PluginManifest) => P;
  /** The vault: path → note text. */
  files: Record<string, string>;
  /** Defaults to this project's manifest.json. */
  manifest?: PluginManifest;
  /** What the plugin's `loadData()` returns. */
  data?: unknown;
  /** The note to open first (default: the first markdown file). */
  open?: string;
  /** Default: `?theme=dark` in the page address, else light. */
  theme?: Theme;
  /** Canned answers for `requestUrl`, by exact URL. */
  responses?: Record<string, CannedResponse>;
  /**
   * At most this many files in the file list (default: all). Obsidian's file explorer draws only
   * what is on screen; a page of 10,000 notes would otherwise spend its frames on the list.
   */
  fileListLimit?: number;
}

export interface Playground<P extends Plugin = Plugin> {
  vault: TestVault;
  plugin: P;
  setTheme(theme: Theme): void;
  /** URLs the plugin asked `requestUrl` for. */
  requestedUrls: readonly string[];
}

declare global {
  interface Window {
    /** The running playground, for the person at the console and for browser tests. */
    playground?: Playground;
  }
}

export async function startPlayground<P extends Plugin>(options: PlaygroundOptions<P>): Promise<Playground<P>> {
  // Obsidian's additions to the DOM (createDiv, addClass, …) and its globals.
  setup();
  setCannedResponses(options.responses ?? {});
  const setTheme = (theme: Theme): void => {
    document.body.toggleClass("theme-dark", theme === "dark");
    document.body.toggleClass("theme-light", theme === "light");
  };
  setTheme(options.theme ?? (new URLSearchParams(window.location.search).get("theme") === "dark" ? "dark" : "light"));

  const manifest = options.manifest ?? MANIFEST;
  const shell = document.body.createDiv({ cls: "app-container" });
  const bar = shell.createDiv({ cls: "playground-bar" });
  bar.createSpan({ cls: "playground-title", text: `${manifest.name} playground` });
  const host = shell.createDiv({ cls: "horizontal-main-container" });
  const vault = createTestVault(options.files, { mount: host });
  // The file list sits where Obsidian's left sidebar does: between the ribbon and the tabs.
  const explorer = createDiv({ cls: "workspace-split mod-left-split playground-files nav-files-container" });
  const dom = workspaceDom(vault.mock);
  dom.root.insertAfter(explorer, dom.ribbon);
  const plugin = await vault.loadPlugin(options.plugin, { data: options.data, manifest });

  addBarButton(bar, "Settings", () => {
    if (!(vault.app as unknown as { setting: { openTabById(id: string): boolean } }).setting.openTabById(manifest.id)) {
      new Notice(`${manifest.name} has no settings tab.`);
    }
  });
  addBarButton(bar, "Light or dark", () => setTheme(document.body.hasClass("theme-dark") ? "light" : "dark"));

  drawFileList(explorer, vault, options.fileListLimit);
  const redraw = (): void => drawFileList(explorer, vault, options.fileListLimit);
  vault.app.vault.on("create", redraw);
  vault.app.vault.on("delete", redraw);
  vault.app.vault.on("rename", redraw);
  const first = options.open ?? vault.files().find((p) => p.endsWith(".md"));
  if (first) await vault.openFile(first);

  const playground: Playground<P> = { vault, plugin, setTheme, requestedUrls };
  window.playground = playground;
  document.body.addClass("playground-ready");
  return playground;
}

function addBarButton(bar: HTMLElement, label: string, onClick: () => void): void {
  const button = bar.createEl("button", { cls: "playground-bar-button", text: label });
  button.addEventListener("click", onClick);
}

/** A flat file list standing in for the file explorer (Obsidian's is a core plugin, not modelled). */
function drawFileList(explorer: HTMLElement, vault: TestVault, limit = Infinity): void {
  explorer.empty();
  explorer.createDiv({ cls: "playground-files-title", text: "Files" });
  const files = vault.files();
  if (files.length > limit) explorer.createDiv({ cls: "playground-files-title", text: `${limit} of ${files.length}` });
  for (const path of files.slice(0, limit)) {
    const item = explorer.createDiv({ cls: "nav-file-title", text: path.replace(/\.md$/, ""), attr: { "data-path": path } });
    item.addEventListener("click", () => { void vault.openFile(path); });
  }
}
