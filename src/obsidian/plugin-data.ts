/**
 * Where the plugin keeps what it must remember, and why in two places.
 *
 * - **Settings** go to the plugin's `data.json` (`Plugin.saveData`), which travels with
 *   Obsidian Sync, iCloud or git: the user wants the same folders and taxonomy on every device.
 *   The file is written only when a setting changes; when a sync client rewrites it, Obsidian
 *   calls `onExternalSettingsChange` and `reload()` reads it again, so the next save starts
 *   from the other device's settings instead of overwriting them. Keys of `data.json` the
 *   plugin does not know (a newer version's) are written back as they were read.
 * - **State** (each study's last-synced record, today) stays on this device, in the vault's
 *   local storage (`App.saveLocalStorage`, per vault and per device). A record says what this
 *   device last saw of a note, so the sync can tell which side changed since: a note another
 *   device edited arrives with its new text, and is compared with what *this* device saw last.
 *   (Records that travelled with `data.json` arrived before or after the notes they describe,
 *   from a device that may have seen other versions, and were rewritten on every sync.)
 *
 * Older versions kept the state in `data.json`; `load()` moves it here once.
 */
import { Notice, type Plugin } from "obsidian";
import { type AtlasSettings, resolveSettings } from "../core/settings";

interface StoredData {
  settings?: unknown;
  /** Older versions only: the state, now kept in local storage. */
  state?: unknown;
  [key: string]: unknown;
}

export class PluginData {
  /** The current settings. Kept as one object whose contents a reload replaces, so whoever holds it sees the new values. */
  readonly settings: AtlasSettings = resolveSettings(undefined);
  /** `data.json` as last read or written, for the keys this version does not own. */
  private raw: StoredData = {};
  private warnedFull = false;

  constructor(private readonly plugin: Plugin) {}

  /** Reads `data.json`, and moves state an older version kept there to local storage. */
  async load(): Promise<void> {
    this.raw = await this.read();
    this.replaceSettings(resolveSettings(this.raw.settings));
    if (this.raw.state !== undefined) {
      const state = this.raw.state;
      if (state !== null && typeof state === "object") {
        for (const [key, value] of Object.entries(state as Record<string, unknown>)) {
          // This device's own records, if it has any, are the better knowledge.
          if (this.loadState(key) === undefined) this.writeLocal(key, value);
        }
      }
      delete this.raw.state;
      await this.write();
    }
  }

  /** Reads `data.json` again after a sync client changed it; returns whether the settings differ. */
  async reload(): Promise<boolean> {
    const before = JSON.stringify(this.settings);
    this.raw = await this.read();
    // State an older version on another device keeps writing: this device has its own.
    delete this.raw.state;
    this.replaceSettings(resolveSettings(this.raw.settings));
    return JSON.stringify(this.settings) !== before;
  }

  async saveSettings(): Promise<void> {
    await this.write();
  }

  loadState<T>(key: string): T | undefined {
    const value: unknown = this.plugin.app.loadLocalStorage(this.localKey(key));
    return value === null ? undefined : value as T;
  }

  async saveState(key: string, value: unknown): Promise<void> {
    this.writeLocal(key, value);
    return Promise.resolve();
  }

  private localKey(key: string): string {
    return `${this.plugin.manifest.id}:${key}`;
  }

  private writeLocal(key: string, value: unknown): void {
    try {
      this.plugin.app.saveLocalStorage(this.localKey(key), value);
    } catch (error) {
      // Local storage is full (it is shared by every vault and plugin on the device). The sync
      // keeps working from memory; after a restart it starts again from the notes' properties.
      console.error("Use Case Atlas: could not save to this device's local storage", error);
      if (!this.warnedFull) {
        this.warnedFull = true;
        new Notice(`${this.plugin.manifest.name}: this device's local storage is full, so the sync records will not survive a restart (the notes are not affected).`);
      }
    }
  }

  private async read(): Promise<StoredData> {
    const data: unknown = await this.plugin.loadData();
    return data !== null && typeof data === "object" && !Array.isArray(data) ? { ...(data as StoredData) } : {};
  }

  private async write(): Promise<void> {
    this.raw = { ...this.raw, settings: this.settings };
    await this.plugin.saveData(this.raw);
  }

  private replaceSettings(next: AtlasSettings): void {
    const target = this.settings as unknown as Record<string, unknown>;
    for (const key of Object.keys(target)) delete target[key];
    // Descriptors, not values: a default taxonomy not read yet stays unread (see resolveSettings).
    Object.defineProperties(target, Object.getOwnPropertyDescriptors(next));
  }
}
