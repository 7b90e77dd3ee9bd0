/**
 * The plugin's one subscription to the metadata cache and the vault's renames and deletions:
 * the study index, the pattern sync and the "Cited by" upkeep each subscribe here instead of
 * following the cache themselves.
 *
 * It also says when the cache can be believed. At startup Obsidian may call the layout ready
 * before it has read every note: `getFileCache` returns null for a note not read yet (which is
 * not a note without frontmatter), `resolvedLinks` lacks its links, and the first `resolved`
 * event says the cache is complete. So nothing is told of the cache's `changed` and `resolve`
 * before then, and `ready` comes once, on that first `resolved` — or at layout-ready when the
 * plugin was turned on in an app already running (no `resolved` may come then) and the cache
 * holds every note. The cache's own "resolved" flag, which says the same, is not public API.
 */
import type { App, CachedMetadata, EventRef, Events, Plugin, TAbstractFile, TFile } from "obsidian";

export interface VaultListener {
  /** The cache is complete, the first time (at once on subscribing when it already is). */
  ready?(): void;
  /** A note's cache entry was read anew (after `ready` only). */
  changed?(file: TFile, data: string, cache: CachedMetadata): void;
  /** A note's links were resolved anew: `resolvedLinks[file.path]` may have changed (after `ready` only). */
  resolve?(file: TFile): void;
  /**
   * A file was written (after `ready` only). The cache reads it again later, so `getFileCache`
   * still holds what it held before this change (Obsidian's order: the vault's `modify`, then the
   * cache's `changed`).
   */
  modified?(file: TAbstractFile): void;
  /** A file was created (after `ready` only: Obsidian also reports every file of the vault as created as it loads). */
  created?(file: TAbstractFile): void;
  renamed?(file: TAbstractFile, oldPath: string): void;
  deleted?(file: TAbstractFile): void;
}

export class VaultIndex {
  private readonly listeners = new Set<VaultListener>();
  private readonly refs: { source: Events; ref: EventRef }[] = [];
  private ready = false;
  private started = false;
  /** Whether the layout was ready when the index was made: the plugin was turned on in a running app. */
  private readonly enabledLate: boolean;

  constructor(private readonly app: App) {
    this.enabledLate = app.workspace.layoutReady;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Subscribes `listener`; returns the unsubscribe function. */
  subscribe(listener: VaultListener): () => void {
    this.listeners.add(listener);
    if (this.ready) listener.ready?.();
    return () => { this.listeners.delete(listener); };
  }

  /** Starts following the cache and the vault (idempotent); `stop` ends it. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { metadataCache: cache, vault } = this.app;
    this.refs.push(
      { source: cache, ref: cache.on("resolved", () => this.markReady()) },
      { source: cache, ref: cache.on("changed", (file, data, entry) => { if (this.ready) this.emit((l) => l.changed?.(file, data, entry)); }) },
      { source: cache, ref: cache.on("resolve", (file) => { if (this.ready) this.emit((l) => l.resolve?.(file)); }) },
      { source: vault, ref: vault.on("modify", (file) => { if (this.ready) this.emit((l) => l.modified?.(file)); }) },
      { source: vault, ref: vault.on("create", (file) => { if (this.ready) this.emit((l) => l.created?.(file)); }) },
      { source: vault, ref: vault.on("rename", (file, oldPath) => this.emit((l) => l.renamed?.(file, oldPath))) },
      { source: vault, ref: vault.on("delete", (file) => this.emit((l) => l.deleted?.(file))) },
    );
    this.app.workspace.onLayoutReady(() => {
      if (this.enabledLate && this.everyNoteCached()) this.markReady();
    });
  }

  stop(): void {
    for (const { source, ref } of this.refs) source.offref(ref);
    this.refs.length = 0;
    this.listeners.clear();
  }

  private everyNoteCached(): boolean {
    return this.app.vault.getMarkdownFiles().every((file) => this.app.metadataCache.getFileCache(file) !== null);
  }

  private markReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.emit((l) => l.ready?.());
  }

  private emit(call: (listener: VaultListener) => void): void {
    for (const listener of [...this.listeners]) {
      try { call(listener); } catch (error) { console.error("Use Case Atlas: a vault listener failed", error); }
    }
  }
}

const indexes = new WeakMap<App, VaultIndex>();

/** The plugin's vault index: made and started on first use, stopped when the plugin unloads. */
export function vaultIndexFor(plugin: Plugin): VaultIndex {
  const app = plugin.app;
  let index = indexes.get(app);
  if (!index) {
    const made = new VaultIndex(app);
    indexes.set(app, made);
    made.start();
    plugin.register(() => { made.stop(); if (indexes.get(app) === made) indexes.delete(app); });
    index = made;
  }
  return index;
}

/**
 * Subscribes `listener` to the plugin's vault index when given, else to an index of the
 * listener's own (started here). The function returned unsubscribes, and stops an own index.
 */
export function followVault(app: App, given: VaultIndex | null, listener: VaultListener): () => void {
  if (given) return given.subscribe(listener);
  const own = new VaultIndex(app);
  own.start();
  const off = own.subscribe(listener);
  return () => { off(); own.stop(); };
}
