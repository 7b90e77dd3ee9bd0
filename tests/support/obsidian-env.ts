/**
 * The in-memory Obsidian for glue tests: obsidian-test-mocks' App, plus the few things it lacks
 * that our tests need (each gap is written down in docs/obsidian-mock-fidelity.md):
 * - a ribbon icon's click runs its callback and the icon leaves the ribbon on unload;
 * - commands can be run by id, honouring `checkCallback`/`callback`;
 * - listener counts on vault, metadata cache and workspace, to prove a clean unload.
 */
import type { Command, Plugin as PluginOriginal, PluginManifest } from "obsidian";
import { App, Plugin as MockPlugin } from "obsidian-test-mocks/obsidian";
import manifestJson from "../../manifest.json";

export const MANIFEST: PluginManifest = manifestJson;

type PluginClass<P> = new (app: never, manifest: PluginManifest) => P;

let ribbonPatched = false;
/** Real Obsidian puts a clickable icon labelled with its title in the left ribbon and removes it on unload. */
function patchRibbon(): void {
  if (ribbonPatched) return;
  ribbonPatched = true;
  const proto = MockPlugin.prototype as unknown as {
    addRibbonIcon(icon: string, title: string, cb: (evt: MouseEvent) => unknown): HTMLElement;
    ribbonActions__: HTMLElement[];
    register(cb: () => unknown): void;
  };
  proto.addRibbonIcon = function (this: typeof proto, icon: string, title: string, cb: (evt: MouseEvent) => unknown): HTMLElement {
    let ribbon = document.body.querySelector<HTMLElement>(".side-dock-ribbon");
    if (!ribbon) ribbon = document.body.createDiv({ cls: "side-dock-ribbon" });
    const el = ribbon.createDiv({ cls: "side-dock-ribbon-action clickable-icon", attr: { "aria-label": title, "data-icon": icon } });
    el.addEventListener("click", (evt) => { void cb(evt); });
    this.ribbonActions__.push(el);
    this.register(() => el.remove());
    return el;
  };
}

export function createApp(files: Record<string, string> = {}): App {
  patchRibbon();
  // The ribbon is part of the app's window, there before any plugin loads (and after it unloads).
  if (!document.body.querySelector(".side-dock-ribbon")) document.body.createDiv({ cls: "side-dock-ribbon" });
  return App.createConfigured__({ files });
}

export async function loadPlugin<P extends PluginOriginal>(app: App, Cls: PluginClass<P>, data?: unknown): Promise<P> {
  const plugin = new Cls(app.asOriginalType__() as never, MANIFEST);
  if (data !== undefined) (plugin as unknown as { data__: unknown }).data__ = data;
  // Obsidian awaits an async onload before it calls the plugin loaded; Component.load() does not.
  const onload = plugin.onload.bind(plugin);
  let done: Promise<void> = Promise.resolve();
  (plugin as unknown as { onload: () => void }).onload = () => { done = Promise.resolve(onload()); };
  plugin.load();
  await done;
  (app.workspace as unknown as { setLayoutReady__(): void }).setLayoutReady__();
  await flush();
  return plugin;
}

export function unloadPlugin(plugin: PluginOriginal): void {
  plugin.unload();
}

/** Lets pending promises and zero-delay timers run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => window.setTimeout(r, 0));
}

export function commandsOf(plugin: PluginOriginal): Map<string, Command> {
  return (plugin as unknown as { commands__: Map<string, Command> }).commands__;
}

/** Runs a command as the palette would; returns false when it is not available here. */
export function runCommand(plugin: PluginOriginal, id: string): boolean {
  const cmd = commandsOf(plugin).get(id);
  if (!cmd) throw new Error(`no command ${id}; have ${[...commandsOf(plugin).keys()].join(", ")}`);
  if (cmd.checkCallback) {
    if (!cmd.checkCallback(true)) return false;
    cmd.checkCallback(false);
    return true;
  }
  if (cmd.callback) { cmd.callback(); return true; }
  throw new Error(`command ${id} needs an editor`);
}

export function ribbonIcon(title: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(`.side-dock-ribbon [aria-label="${title}"]`);
}

/** Number of listeners registered on an Events object of the mock (vault, metadataCache, workspace). */
export function listenerCount(events: unknown): number {
  const table = (events as { _: Record<string, unknown[]> })._;
  return Object.values(table).reduce((n, list) => n + list.length, 0);
}

export function allListeners(app: App): number {
  return listenerCount(app.vault) + listenerCount(app.metadataCache) + listenerCount(app.workspace);
}
