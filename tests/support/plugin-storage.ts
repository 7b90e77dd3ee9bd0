/**
 * Gaps G24 and G25 of the in-memory Obsidian (docs/obsidian-mock-fidelity.md): where a plugin's
 * data lives.
 *
 * - G24 `data.json`. The mock's `saveData` keeps the very object it was given and `loadData`
 *   hands it back, so a plugin that saved its settings object and changes it later has "saved"
 *   the change too, and nothing can change the file underneath. Obsidian writes JSON to
 *   `<config>/plugins/<id>/data.json` and parses that file anew on every `loadData`; a sync
 *   client (Obsidian Sync, iCloud, git) may rewrite it at any time, after which Obsidian calls
 *   the plugin's `onExternalSettingsChange`. Here: the file is a JSON text per app and plugin;
 *   `changeDataJsonExternally` rewrites it as a sync client does and makes that call.
 * - G25 local storage. The mock's `App.saveLocalStorage` keeps the object itself in a Map.
 *   Obsidian stores `JSON.stringify(data)` in the window's `localStorage` under a per-vault key
 *   (`null` removes the entry), `loadLocalStorage` parses it (null when absent), and a full
 *   storage throws (the quota is the origin's, shared by every vault and plugin of the device).
 *   Here: JSON texts per app, with an optional quota (`setLocalStorageQuota`).
 */
import type { Plugin as PluginOriginal } from "obsidian";
import { App, Plugin } from "obsidian-test-mocks/obsidian";

const FILES = Symbol.for("use-case-atlas.dataJson");
const LOCAL = Symbol.for("use-case-atlas.localStorage");
const QUOTA = Symbol.for("use-case-atlas.localStorageQuota");

type WithSymbols = Record<symbol, unknown>;

function filesOf(app: unknown): Map<string, string> {
  const holder = app as WithSymbols;
  let files = holder[FILES] as Map<string, string> | undefined;
  if (!files) { files = new Map(); holder[FILES] = files; }
  return files;
}

function localOf(app: unknown): Map<string, string> {
  const holder = app as WithSymbols;
  let local = holder[LOCAL] as Map<string, string> | undefined;
  if (!local) { local = new Map(); holder[LOCAL] = local; }
  return local;
}

let installed = false;

/** Patches `Plugin.loadData/saveData` and `App.loadLocalStorage/saveLocalStorage`. Idempotent. */
export function installPluginStorage(): void {
  if (installed) return;
  installed = true;
  const plugin = Plugin.prototype as unknown as Record<string, unknown>;
  plugin.loadData = async function (this: Plugin & { data__: unknown }): Promise<unknown> {
    await Promise.resolve();
    const files = filesOf(this.app);
    let text = files.get(this.manifest.id);
    // What a test handed the harness' loadPlugin as `data` is the file as it was on disk.
    if (text === undefined && this.data__ !== undefined) { text = JSON.stringify(this.data__); files.set(this.manifest.id, text); }
    return text === undefined ? null : JSON.parse(text) as unknown;
  };
  plugin.saveData = async function (this: Plugin & { data__: unknown }, data: unknown): Promise<void> {
    await Promise.resolve();
    const text = JSON.stringify(data, null, 2);
    filesOf(this.app).set(this.manifest.id, text);
    this.data__ = JSON.parse(text) as unknown;
  };
  const app = App.prototype as unknown as Record<string, unknown>;
  app.loadLocalStorage = function (this: App, key: string): unknown {
    const text = localOf(this).get(key);
    if (text === undefined) return null;
    try { return JSON.parse(text) as unknown; } catch { return null; }
  };
  app.saveLocalStorage = function (this: App, key: string, data: unknown): void {
    const local = localOf(this);
    if (data === null || data === undefined) { local.delete(key); return; }
    const text = JSON.stringify(data);
    const quota = (this as unknown as WithSymbols)[QUOTA] as number | undefined;
    if (quota !== undefined) {
      let used = key.length + text.length;
      for (const [k, v] of local) if (k !== key) used += k.length + v.length;
      if (used > quota) throw new DOMException(`Setting the value of '${key}' exceeded the quota.`, "QuotaExceededError");
    }
    local.set(key, text);
  };
}

/** The plugin's data.json as Obsidian would have written it, or null when it was never saved. */
export function dataJson(app: unknown, pluginId: string): string | null {
  return filesOf(app).get(pluginId) ?? null;
}

/** A sync client replaces the plugin's data.json; Obsidian notices and calls `onExternalSettingsChange`. */
export async function changeDataJsonExternally(plugin: PluginOriginal, data: unknown): Promise<void> {
  filesOf(plugin.app).set(plugin.manifest.id, JSON.stringify(data, null, 2));
  await (plugin as PluginOriginal & { onExternalSettingsChange?: () => unknown }).onExternalSettingsChange?.();
}

/** The raw text a key of the vault's local storage holds, or null. */
export function localStorageText(app: unknown, key: string): string | null {
  return localOf(app).get(key) ?? null;
}

/** Local storage of this app throws once its keys and texts hold more than `chars` characters (null: no limit). */
export function setLocalStorageQuota(app: unknown, chars: number | null): void {
  (app as WithSymbols)[QUOTA] = chars ?? undefined;
}
