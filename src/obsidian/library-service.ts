/**
 * The use-case library as the plugin keeps it: the collection's notes read (never written) into
 * entries, the analyses' and case studies' citations, and the library built from both. Started by
 * the first thing that needs it (after layout ready); follows the vault (a changed collection note or study is read again, alone, then
 * the library is rebuilt once for a burst of changes). No UI here.
 */
import { type App, type EventRef, type Events, type Plugin, TFile } from "obsidian";
import { articleFacts, isArticleNote } from "../core/articles";
import { type Library, type LibraryEntry, type LibraryTaxonomy, buildLibrary, citedAddresses, collectionParts, detectCollectionFolder, readEntry } from "../core/library";
import { isStudyType } from "../core/study";
import type { AtlasContext } from "./context";

export interface LibraryState {
  /** The collection's folder ("" the vault's root), null when the vault has none. */
  folder: string | null;
  library: Library;
  taxonomy: LibraryTaxonomy;
}

function frontmatterOf(app: App, file: TFile): Record<string, unknown> | null {
  return app.metadataCache.getFileCache(file)?.frontmatter ?? null;
}

export class LibraryService {
  private state: LibraryState = { folder: null, library: { rows: [] }, taxonomy: { categories: [], industries: [] } };
  private readonly entries = new Map<string, LibraryEntry>();
  private readonly studyTexts = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private readonly events: { source: Events; ref: EventRef }[] = [];
  private folder: string | null = null;
  private readWith = "";
  private started = false;
  private stopped = false;
  private built = false;
  private pending: Promise<void> | null = null;
  private readonly dirty = new Set<string>();
  private full = true;

  constructor(private readonly ctx: AtlasContext) {}

  private get app(): App { return this.ctx.app; }

  /** Whether the first build is done. */
  get isReady(): boolean { return this.built; }

  current(): LibraryState { return this.state; }

  /** Calls `listener` after every rebuild; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Resolves when the work asked for so far is done. */
  async idle(): Promise<void> {
    while (this.pending) await this.pending;
  }

  taxonomy(): LibraryTaxonomy {
    const s = this.ctx.settings();
    return { categories: s.taxonomy.categories, industries: s.taxonomy.industries, industryMap: s.libraryIndustryMap };
  }

  /**
   * Starts reading the collection once the layout is ready, for the first thing that needs it
   * (the library view, the CSV import): a vault whose library nobody opens costs nothing at startup.
   */
  ensureStarted(): void {
    if (this.started || this.stopped) return;
    this.app.workspace.onLayoutReady(() => this.start());
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const { vault, metadataCache } = this.app;
    const touch = (path: string): void => { this.dirty.add(path); this.schedule(); };
    this.events.push(
      { source: metadataCache, ref: metadataCache.on("changed", (file) => touch(file.path)) },
      // A new note is read alone; only while no collection is known may it be the first of one.
      { source: vault, ref: vault.on("create", (file) => { if (file instanceof TFile && this.folder === null) this.full = true; touch(file.path); }) },
      { source: vault, ref: vault.on("delete", (file) => { this.entries.delete(file.path); this.studyTexts.delete(file.path); touch(file.path); }) },
      { source: vault, ref: vault.on("rename", (file, oldPath) => { this.entries.delete(oldPath); this.studyTexts.delete(oldPath); this.full = true; touch(file.path); }) },
    );
    this.full = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    for (const { source, ref } of this.events) source.offref(ref);
    this.events.length = 0;
    this.listeners.clear();
  }

  /** Reads everything again (settings that change where or how the collection is read). */
  rebuild(): void {
    if (!this.started || this.stopped) return;
    this.full = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.pending || this.stopped) return;
    this.pending = (async () => {
      try {
        // Let a burst of changes gather before reading.
        await Promise.resolve();
        while ((this.full || this.dirty.size > 0) && !this.stopped) await this.refresh();
      } finally {
        this.pending = null;
      }
    })();
  }

  private collectionFolder(files: readonly TFile[]): string | null {
    const set = this.ctx.settings().libraryFolder.trim().replace(/\\/g, "/").replace(/^\/+|\/+$/g, "");
    return set !== "" ? set : detectCollectionFolder(files.map((f) => f.path));
  }

  private async refresh(): Promise<void> {
    const files = this.app.vault.getMarkdownFiles();
    const taxonomy = this.taxonomy();
    const readWith = JSON.stringify(taxonomy);
    const full = this.full || readWith !== this.readWith;
    const dirty = new Set(this.dirty);
    this.full = false;
    this.dirty.clear();
    if (full) {
      this.folder = this.collectionFolder(files);
      this.readWith = readWith;
    }
    const folder = this.folder;
    const keep = new Set<string>();
    const articleByPath = new Map<string, string>();
    const articleByName = new Map<string, string>();
    for (const file of files) {
      const inCollection = folder !== null && collectionParts(file.path, folder) !== null;
      if (inCollection) {
        keep.add(file.path);
        if (full || dirty.has(file.path) || !this.entries.has(file.path)) {
          const entry = readEntry(file.path, await this.app.vault.cachedRead(file), folder, taxonomy);
          if (entry) this.entries.set(file.path, entry);
          else this.entries.delete(file.path);
        }
        continue;
      }
      const fm = frontmatterOf(this.app, file);
      if (isStudyType(fm?.type)) {
        keep.add(file.path);
        if (full || dirty.has(file.path) || !this.studyTexts.has(file.path)) this.studyTexts.set(file.path, await this.app.vault.cachedRead(file));
      } else if (isArticleNote(fm)) {
        const url = articleFacts(fm).url;
        if (url === null) continue;
        const key = file.path.replace(/\.md$/i, "").toLowerCase();
        articleByPath.set(key, url);
        const name = key.slice(key.lastIndexOf("/") + 1);
        if (!articleByName.has(name)) articleByName.set(name, url);
      }
    }
    for (const path of [...this.entries.keys()]) if (!keep.has(path)) this.entries.delete(path);
    for (const path of [...this.studyTexts.keys()]) if (!keep.has(path)) this.studyTexts.delete(path);
    const articleUrl = (target: string): string | null => {
      const t = target.trim().replace(/\.md$/i, "").toLowerCase();
      return (t.includes("/") ? articleByPath.get(t) : articleByName.get(t)) ?? null;
    };
    const citations = [...this.studyTexts].map(([path, text]) => ({ path, urls: citedAddresses(text, articleUrl) }));
    this.state = { folder, library: buildLibrary([...this.entries.values()], citations), taxonomy };
    this.built = true;
    for (const listener of [...this.listeners]) listener();
  }
}

/** Creates the service (started by the first thing that needs it), rebuilds it when the settings change, stops it on unload. */
export function registerLibraryService(plugin: Plugin, ctx: AtlasContext): LibraryService {
  const service = new LibraryService(ctx);
  let readWith = JSON.stringify([ctx.settings().libraryFolder, ctx.settings().libraryIndustryMap, ctx.settings().taxonomy]);
  plugin.register(ctx.onStudyContextChange(() => {
    const now = JSON.stringify([ctx.settings().libraryFolder, ctx.settings().libraryIndustryMap, ctx.settings().taxonomy]);
    if (now === readWith) return;
    readWith = now;
    service.rebuild();
  }));
  plugin.register(() => service.stop());
  return service;
}
