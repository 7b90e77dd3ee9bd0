/**
 * The "Cited by" upkeep: every article note's list of the analyses citing it, kept equal to what
 * the metadata cache says, through the plugin's vault index. The text work is the core's
 * (`citedBySection`, `replaceCitedBy`); each changed list is one `writeNote`.
 */
import { type App, Notice, TFile } from "obsidian";
import { type CitingAnalysis, citedBySection, isArticleNote, replaceCitedBy } from "../core/articles";
import { readFrontmatter } from "../core/frontmatter";
import { ANALYSIS_TYPE } from "../core/study";
import { citedPaths, fileAt, frontmatterOf, isAnalysisFile, isArticleFile } from "./articles";
import type { VaultIndex } from "./vault-index";
import { currentText, NOT_UTF8, writeNote } from "./write-note";

interface AnalysisEntry {
  articles: Set<string>;
  /**
   * The path and frontmatter its line in "Cited by" was made from: a change of its name,
   * category or patterns touches its articles. The frontmatter is the cache's object, which a
   * new reading of the note replaces (never changes), so it keeps the values it had.
   */
  shown: { path: string; frontmatter: Record<string, unknown> | null };
}

function hasKeys(record: Record<string, unknown> | undefined): boolean {
  for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key)) return true;
  return false;
}

/** What an analysis shows in "Cited by" (name, category, patterns), to compare before and after a change. */
function shownAs(entry: AnalysisEntry | null | undefined): string | null {
  if (!entry) return null;
  const { path, frontmatter: fm } = entry.shown;
  return JSON.stringify([path, fm?.category ?? null, fm?.patterns ?? null]);
}

export interface CitedByOptions {
  /** How long to wait after the last change before rewriting (changes in between are batched). */
  delayMs: number;
}

/**
 * Keeps every article note's "Cited by" list equal to the analyses citing it. Listens to the
 * metadata cache; after a quiet `delayMs` it rewrites the lists of the articles whose citers
 * changed, one `Vault.process` per article and only when the list's text differs. Article notes
 * with broken frontmatter are reported, never rewritten. Nothing runs while nothing changes.
 */
export class CitedByMaintainer {
  /** Analysis path → what it cites. */
  private readonly analyses = new Map<string, AnalysisEntry>();
  /** Cited note path → the analyses citing it (the reverse of `analyses`). */
  private readonly citers = new Map<string, Set<string>>();
  private readonly pendingAnalyses = new Set<string>();
  private readonly pendingArticles = new Set<string>();
  private readonly reportedBroken = new Set<string>();
  /** Article notes already reported as not UTF-8 (told once, until one is written again). */
  private readonly reportedNotUtf8 = new Set<string>();
  private timer: number | null = null;
  private running: Promise<void> = Promise.resolve();
  private started = false;
  private stopped = false;

  constructor(private readonly app: App, private readonly options: CitedByOptions) {}

  /**
   * Follows the vault through the plugin's vault index: starts when the cache is complete, and
   * looks at an analysis again when its links resolve anew. Returns the unsubscribe function.
   */
  follow(index: VaultIndex): () => void {
    return index.subscribe({
      ready: () => { void this.start(); },
      changed: (file) => this.touch(file),
      resolve: (file) => this.touch(file),
      renamed: (file, oldPath) => { if (file instanceof TFile) this.renamed(file, oldPath); },
      deleted: (file) => this.forget(file.path),
    });
  }

  /**
   * Indexes what every analysis cites (from the cache; no note is read) and brings up to date
   * the "Cited by" lists that may be out of step: an article whose links in the cache are not
   * its citers, or one a citer of which changed after it. An article in step is not read.
   * One pass over the vault's notes; an analysis that cites nothing is not kept.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { app } = this;
    const articles: TFile[] = [];
    const cache = app.metadataCache;
    const { resolvedLinks } = cache;
    for (const file of app.vault.getMarkdownFiles()) {
      const frontmatter = cache.getFileCache(file)?.frontmatter;
      if (!frontmatter) continue;
      if (frontmatter.type === ANALYSIS_TYPE) {
        const path = file.path;
        // Most analyses cite nothing: no `articles` property and no links at all.
        if (frontmatter.articles === undefined && !hasKeys(resolvedLinks[path])) continue;
        this.setEntry(path, { articles: citedPaths(app, file), shown: { path, frontmatter } });
      } else if (isArticleNote(frontmatter)) articles.push(file);
    }
    for (const article of articles) if (this.mayBeOutOfStep(article)) this.pendingArticles.add(article.path);
    // Cited notes that do not read as articles (broken frontmatter, say) are looked at too: reported, never rewritten.
    const articlePaths = new Set(articles.map((a) => a.path));
    for (const path of this.citers.keys()) if (!articlePaths.has(path)) this.pendingArticles.add(path);
    await this.flush();
  }

  private mayBeOutOfStep(article: TFile): boolean {
    const citing = this.citing(article.path);
    const isAnalysis = (p: string): boolean => this.analyses.has(p) || isAnalysisFile(this.app, fileAt(this.app, p));
    const linked = Object.keys(this.app.metadataCache.resolvedLinks[article.path] ?? {}).filter(isAnalysis);
    if (linked.length !== citing.length || !linked.every((p) => citing.includes(p))) return true;
    return citing.some((p) => (fileAt(this.app, p)?.stat.mtime ?? 0) > article.stat.mtime);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Does the waiting work now and resolves when it is done (for callers that must see the result). */
  async idle(): Promise<void> {
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
      this.timer = null;
      await this.flush();
    }
    await this.running;
  }

  /** Analyses citing a note, by path (what the index knows; empty before `start`). */
  citing(path: string): string[] {
    return [...(this.citers.get(path) ?? [])];
  }

  /** Sets what an analysis cites (none: null, or an empty set, and it is not kept). */
  private setEntry(path: string, entry: AnalysisEntry | null): void {
    for (const a of this.analyses.get(path)?.articles ?? []) {
      const set = this.citers.get(a);
      set?.delete(path);
      if (set && set.size === 0) this.citers.delete(a);
    }
    if (!entry || entry.articles.size === 0) { this.analyses.delete(path); return; }
    this.analyses.set(path, entry);
    for (const a of entry.articles) {
      const set = this.citers.get(a) ?? new Set<string>();
      set.add(path);
      this.citers.set(a, set);
    }
  }

  private touch(file: TFile): void {
    if (!this.started) return;
    if (this.analyses.has(file.path) || isAnalysisFile(this.app, file)) this.pendingAnalyses.add(file.path);
    // A cited note is looked at even when it does not read as an article (its frontmatter may have broken).
    if (this.citers.has(file.path) || isArticleFile(this.app, file)) this.pendingArticles.add(file.path);
    if (this.pendingAnalyses.size + this.pendingArticles.size > 0) this.schedule();
  }

  private renamed(file: TFile, oldPath: string): void {
    if (!this.started) return;
    const entry = this.analyses.get(oldPath);
    if (entry) {
      this.setEntry(oldPath, null);
      this.setEntry(file.path, entry);
      this.pendingAnalyses.add(file.path);
    }
    const citing = this.citers.get(oldPath);
    if (citing) {
      for (const analysis of [...citing]) {
        const e = this.analyses.get(analysis);
        if (!e) continue;
        const articles = new Set([...e.articles].map((a) => (a === oldPath ? file.path : a)));
        this.setEntry(analysis, { ...e, articles });
      }
    }
    if (this.pendingArticles.delete(oldPath) || citing || isArticleFile(this.app, file)) this.pendingArticles.add(file.path);
    this.reportedBroken.delete(oldPath);
    this.schedule();
  }

  private forget(path: string): void {
    if (!this.started) return;
    const entry = this.analyses.get(path);
    if (entry) {
      this.setEntry(path, null);
      for (const article of entry.articles) this.pendingArticles.add(article);
    }
    this.pendingArticles.delete(path);
    this.reportedBroken.delete(path);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs);
  }

  private flush(): Promise<void> {
    // One flush at a time; a flush asked for while one runs goes after it.
    this.running = this.running.then(() => this.rewrite()).catch((e: unknown) => {
      console.error("Use Case Atlas: updating cited-by lists failed", e);
    });
    return this.running;
  }

  private async rewrite(): Promise<void> {
    const { app } = this;
    for (const path of [...this.pendingAnalyses]) {
      this.pendingAnalyses.delete(path);
      const file = fileAt(app, path);
      const before = this.analyses.get(path);
      const entry = file && isAnalysisFile(app, file) ? { articles: citedPaths(app, file), shown: { path, frontmatter: frontmatterOf(app, file) } } : null;
      this.setEntry(path, entry);
      const resigned = shownAs(before) !== shownAs(entry);
      for (const a of entry?.articles ?? []) if (resigned || !before?.articles.has(a)) this.pendingArticles.add(a);
      for (const a of before?.articles ?? []) if (!entry?.articles.has(a)) this.pendingArticles.add(a);
    }
    for (const path of [...this.pendingArticles]) {
      this.pendingArticles.delete(path);
      if (this.stopped) return;
      const file = fileAt(app, path);
      if (!file || file.extension !== "md") continue;
      const citing = this.citing(path).map((p) => fileAt(app, p)).filter((f): f is TFile => f !== null);
      await this.rewriteOne(file, citing);
    }
  }

  private async rewriteOne(article: TFile, citing: TFile[]): Promise<void> {
    const { app } = this;
    const text = await currentText(app, article);
    const fm = readFrontmatter(text);
    if (fm.kind === "error") {
      if (!this.reportedBroken.has(article.path)) {
        this.reportedBroken.add(article.path);
        new Notice(`Use Case Atlas: the article note "${article.path}" has broken frontmatter (${fm.message}); its "Cited by" list was not updated. Fix the frontmatter and it will be.`);
      }
      return;
    }
    this.reportedBroken.delete(article.path);
    if (fm.kind !== "ok" || !isArticleNote(fm.data)) return;
    const lines = citedBySection(citing.map((f): CitingAnalysis => {
      const data = frontmatterOf(app, f);
      const patterns = Array.isArray(data?.patterns) ? data.patterns.filter((p): p is string => typeof p === "string") : [];
      return {
        name: app.metadataCache.fileToLinktext(f, article.path, true),
        category: typeof data?.category === "string" ? data.category : null,
        patterns,
      };
    }));
    if (!replaceCitedBy(text, lines).changed) return;
    const written = await writeNote(app, article, (current) => {
      // Checked again on the text being written: never rewrite a note whose frontmatter broke meanwhile.
      if (readFrontmatter(current).kind === "error") return null;
      return replaceCitedBy(current, lines).text;
    });
    if (written.notUtf8) {
      if (!this.reportedNotUtf8.has(article.path)) {
        this.reportedNotUtf8.add(article.path);
        new Notice(`Use Case Atlas: the article note "${article.path}" is ${NOT_UTF8}: its "Cited by" list was not updated. Save it as UTF-8 and it will be.`);
      }
      return;
    }
    this.reportedNotUtf8.delete(article.path);
  }
}
