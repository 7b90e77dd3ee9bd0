/**
 * The use-case library as the plugin keeps it: the collection's notes read (never written) into
 * entries, the analyses' and case studies' citations, and the library built from both. Started by
 * the first thing that needs it, once the metadata cache is complete; follows the vault through the
 * plugin's vault index (a changed collection note or study is read again, alone, then the library is
 * rebuilt once for a burst of changes). No UI here.
 */
import { type App, type Plugin, TFile } from "obsidian";
import { articleFacts, isArticleNote } from "../core/articles";
import { type Library, type LibraryEntry, type LibraryTaxonomy, buildLibrary, detectCollectionFolder, inCollection, readEntry, resolveCitations, type StudyReferences, studyReferences } from "../core/library";
import { isStudyType } from "../core/study";
import type { AtlasContext } from "./context";
import { followVault, VaultIndex, vaultIndexFor } from "./vault-index";

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
  /** Each study's references, read from its text when it changes (the article notes they name are resolved at every build). */
  private readonly studyRefs = new Map<string, StudyReferences>();
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private firstBuild: Promise<void>;
  private builtNow: () => void = () => undefined;
  private folder: string | null = null;
  /** The settings the collection was last read with (`readWithKey`); null: not read yet. */
  private readWith: string | null = null;
  private started = false;
  private stopped = false;
  private built = false;
  private pending: Promise<void> | null = null;
  private readonly dirty = new Set<string>();
  private full = true;

  /** `vaultIndex`: the plugin's (else the service follows the vault through one of its own). */
  constructor(private readonly ctx: AtlasContext, private readonly vaultIndex: VaultIndex | null = null) {
    this.firstBuild = new Promise((done) => { this.builtNow = done; });
  }

  private get app(): App { return this.ctx.app; }

  /** Whether the first build is done. */
  get isReady(): boolean { return this.built; }

  current(): LibraryState { return this.state; }

  /** Calls `listener` after every rebuild; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Resolves when the work asked for so far is done (once started, the first build included). */
  async idle(): Promise<void> {
    if (this.started && !this.built && !this.stopped) await this.firstBuild;
    while (this.pending) await this.pending;
  }

  taxonomy(): LibraryTaxonomy {
    const s = this.ctx.settings();
    return { categories: s.taxonomy.categories, industries: s.taxonomy.industries, industryMap: s.libraryIndustryMap };
  }

  /**
   * Starts reading the collection for the first thing that needs it (the library view, the CSV
   * import): a vault whose library nobody opens costs nothing at startup.
   */
  ensureStarted(): void {
    this.start();
  }

  /**
   * Follows the vault through the vault index: the first build comes when the metadata cache is
   * complete (at once when it already is), never before (a note the cache has not read yet would
   * look like no study).
   */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const touch = (path: string): void => { this.dirty.add(path); this.schedule(); };
    this.unsubscribe = followVault(this.app, this.vaultIndex, {
      ready: () => { this.full = true; this.schedule(); },
      // A note read anew (a new one too); only while no collection is known may it be the first of one.
      changed: (file) => { if (this.folder === null) this.full = true; touch(file.path); },
      deleted: (file) => { this.entries.delete(file.path); this.studyRefs.delete(file.path); touch(file.path); },
      renamed: (file, oldPath) => { this.entries.delete(oldPath); this.studyRefs.delete(oldPath); this.full = true; touch(file.path); },
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listeners.clear();
    this.builtNow();
  }

  /**
   * Reads everything again if the settings the collection was read with (its folder, the taxonomy,
   * the industry map) changed since. Nothing read yet: the first read takes the settings of its time.
   */
  settingsChanged(): void {
    if (this.readWith !== null && this.readWithKey(this.taxonomy()) !== this.readWith) this.rebuild();
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

  private readWithKey(taxonomy: LibraryTaxonomy): string {
    return JSON.stringify([this.ctx.settings().libraryFolder, taxonomy]);
  }

  private collectionFolder(files: readonly TFile[]): string | null {
    const set = this.ctx.settings().libraryFolder.trim().replace(/\\/g, "/").replace(/^\/+|\/+$/g, "");
    return set !== "" ? set : detectCollectionFolder(files.map((f) => f.path));
  }

  private async readAll(files: readonly TFile[], take: (file: TFile, text: string) => void): Promise<void> {
    for (let i = 0; i < files.length && !this.stopped; i += READ_BATCH) {
      const batch = files.slice(i, i + READ_BATCH);
      const texts = await Promise.all(batch.map((file) => this.app.vault.cachedRead(file)));
      batch.forEach((file, k) => take(file, texts[k] ?? ""));
    }
  }

  private async refresh(): Promise<void> {
    const files = this.app.vault.getMarkdownFiles();
    const taxonomy = this.taxonomy();
    const readWith = this.readWithKey(taxonomy);
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
    const entriesToRead: TFile[] = [];
    const studiesToRead: TFile[] = [];
    for (const file of files) {
      if (folder !== null && inCollection(file.path, folder)) {
        keep.add(file.path);
        if (full || dirty.has(file.path) || !this.entries.has(file.path)) entriesToRead.push(file);
        continue;
      }
      const fm = frontmatterOf(this.app, file);
      if (isStudyType(fm?.type)) {
        keep.add(file.path);
        if (full || dirty.has(file.path) || !this.studyRefs.has(file.path)) studiesToRead.push(file);
      } else if (isArticleNote(fm)) {
        const url = articleFacts(fm).url;
        if (url === null) continue;
        const key = file.path.replace(/\.md$/i, "").toLowerCase();
        articleByPath.set(key, url);
        const name = key.slice(key.lastIndexOf("/") + 1);
        if (!articleByName.has(name)) articleByName.set(name, url);
      }
    }
    // The notes are read a batch at a time, the reads of a batch at once: one after the other,
    // 10,000 reads would each wait for the one before.
    await this.readAll(entriesToRead, (file, text) => {
      const entry = folder === null ? null : readEntry(file.path, text, folder, taxonomy);
      if (entry) this.entries.set(file.path, entry);
      else this.entries.delete(file.path);
    });
    await this.readAll(studiesToRead, (file, text) => { this.studyRefs.set(file.path, studyReferences(text)); });
    for (const path of [...this.entries.keys()]) if (!keep.has(path)) this.entries.delete(path);
    for (const path of [...this.studyRefs.keys()]) if (!keep.has(path)) this.studyRefs.delete(path);
    const articleUrl = (target: string): string | null => {
      const t = target.trim().replace(/\.md$/i, "").toLowerCase();
      return (t.includes("/") ? articleByPath.get(t) : articleByName.get(t)) ?? null;
    };
    const citations = [...this.studyRefs].map(([path, refs]) => ({ path, urls: resolveCitations(refs, articleUrl) }));
    this.state = { folder, library: buildLibrary([...this.entries.values()], citations), taxonomy };
    this.built = true;
    this.builtNow();
    for (const listener of [...this.listeners]) listener();
  }
}

/** Notes read at once while the library is built. */
const READ_BATCH = 500;

/** Creates the service (started by the first thing that needs it), rebuilds it when the settings change, stops it on unload. */
export function registerLibraryService(plugin: Plugin, ctx: AtlasContext): LibraryService {
  const service = new LibraryService(ctx, vaultIndexFor(plugin));
  // Not read at registration: the taxonomy would be worked out of the template while the plugin loads.
  plugin.register(ctx.onStudyContextChange(() => service.settingsChanged()));
  plugin.register(() => service.stop());
  return service;
}
