/**
 * Article notes in the vault: found by canonical URL, created once, linked from analyses and
 * unlinked again (their "Cited by" lists are kept in cited-by.ts). The text work is done by
 * src/core/articles.ts; this file reads the metadata cache and writes each changed note once,
 * through `writeNote` (its open editor, else one `Vault.process`).
 */
import { type App, TFile, TFolder, normalizePath } from "obsidian";
import {
  type ArticleFacts, type LinkInAnalysis, articleBaseName, articleFacts, articlesProperty,
  isArticleNote, linkArticleInAnalysis, listedLinkTargets, newArticleNote, oneLine, originalUrlIn, unlinkArticleInAnalysis,
} from "../core/articles";
import { readFrontmatter } from "../core/frontmatter";
import { ANALYSIS_TYPE } from "../core/study";
import { type HttpGet, fetchTitle } from "../core/title";
import { canonicalUrl } from "../core/url";
import { uniquePath } from "../core/filename";
import { editFrontmatter } from "../core/yaml-edit";
import type { AtlasContext } from "./context";
import { currentText, NOT_UTF8, writeNote } from "./write-note";

/** A problem the user can fix; its message says what happened, and nothing was changed. */
export class ArticleError extends Error {
  override name = "ArticleError";
}

export interface ArticleRequest {
  /** The URL as the user typed it (any http/https form; it is canonicalised). */
  url: string;
  title?: string | null;
  company?: string | null;
  year?: number | null;
}

export interface EnsuredArticle {
  file: TFile;
  /** False when an article note for the same canonical URL was already there. */
  created: boolean;
  /** Base names of the analyses citing it (before anything the caller does next). */
  citedBy: string[];
}

export interface AddedArticle {
  article: TFile;
  created: boolean;
  /** Other analyses already citing the article. */
  citedBy: string[];
  /** The analysis already linked it (list and property): nothing was changed. */
  alreadyLinked: boolean;
  /** Whether the analysis has a "Use Cases Analyzed" list (without one only the property is set). */
  listFound: boolean;
}

export function frontmatterOf(app: App, file: TFile): Record<string, unknown> | null {
  return app.metadataCache.getFileCache(file)?.frontmatter ?? null;
}

/** The note at a path, if there is a file there. */
export function fileAt(app: App, path: string): TFile | null {
  return app.vault.getFileByPath(path);
}

export function isAnalysisFile(app: App, file: TFile | null): boolean {
  return file instanceof TFile && file.extension === "md" && frontmatterOf(app, file)?.type === ANALYSIS_TYPE;
}

export function isArticleFile(app: App, file: TFile | null): boolean {
  return file instanceof TFile && file.extension === "md" && isArticleNote(frontmatterOf(app, file));
}

export interface ArticleNoteInfo {
  file: TFile;
  facts: ArticleFacts;
}

/** Every article note the metadata cache knows, with what its frontmatter says. */
export function listArticleNotes(app: App): ArticleNoteInfo[] {
  const out: ArticleNoteInfo[] = [];
  for (const file of app.vault.getMarkdownFiles()) {
    const fm = frontmatterOf(app, file);
    if (isArticleNote(fm)) out.push({ file, facts: articleFacts(fm) });
  }
  return out;
}

/** Notes created here whose frontmatter the metadata cache may not have read yet (canonical URL → path). */
const createdNotes = new WeakMap<App, Map<string, string>>();

/** An article note just created: found by its URL before the metadata cache has read it. */
export function rememberCreatedArticle(app: App, canonical: string, path: string): void {
  let created = createdNotes.get(app);
  if (!created) { created = new Map(); createdNotes.set(app, created); }
  created.set(canonical, path);
}

/** The article note for a canonical URL, wherever it is in the vault. */
export function findArticleByUrl(app: App, canonical: string): TFile | null {
  for (const { file, facts } of listArticleNotes(app)) if (facts.url === canonical) return file;
  const path = createdNotes.get(app)?.get(canonical);
  const recent = path ? fileAt(app, path) : null;
  return recent && frontmatterOf(app, recent) === null ? recent : null;
}

/** Paths of the notes an analysis cites: its `articles` property's links and its links to article notes. */
export function citedPaths(app: App, analysis: TFile): Set<string> {
  const out = new Set<string>();
  for (const target of articlesProperty(frontmatterOf(app, analysis))) {
    const dest = app.metadataCache.getFirstLinkpathDest(target, analysis.path);
    if (dest) out.add(dest.path);
  }
  for (const dest of Object.keys(app.metadataCache.resolvedLinks[analysis.path] ?? {})) {
    const file = fileAt(app, dest);
    if (isArticleFile(app, file)) out.add(dest);
  }
  return out;
}

/** The analyses citing an article note, by name. */
export function citingAnalyses(app: App, article: TFile): TFile[] {
  return app.vault.getMarkdownFiles()
    .filter((f) => isAnalysisFile(app, f) && citedPaths(app, f).has(article.path))
    .sort((a, b) => (a.basename < b.basename ? -1 : a.basename > b.basename ? 1 : 0));
}

/** Article creation runs one at a time per vault, so two adds of one URL make one note (note creation takes its turn too). */
const queues = new WeakMap<App, Promise<unknown>>();
export function oneAtATime<T>(app: App, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(app) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(app, run.catch(() => undefined));
  return run;
}

function articlesFolder(ctx: AtlasContext): string {
  const raw = ctx.settings().articlesFolder.trim();
  if (raw === "") return "";
  const folder = normalizePath(raw);
  return folder === "/" ? "" : folder;
}

async function ensureFolder(app: App, folder: string): Promise<void> {
  if (folder === "") return;
  const existing = app.vault.getAbstractFileByPath(folder);
  if (existing instanceof TFolder) return;
  if (existing) throw new ArticleError(`The articles folder "${folder}" is a file; choose another folder in the settings. Nothing was changed.`);
  await app.vault.createFolder(folder);
}

function brokenNoteMessage(path: string, problem: string): string {
  return `"${path}" has broken frontmatter (${problem}). Fix it, then try again. Nothing was changed.`;
}

/**
 * The article note for `request.url`: the existing one for the same canonical URL, wherever it
 * is, or a new one in the articles folder (created, with the folder, when missing). Rejects with
 * an {@link ArticleError} (invalid URL, a broken note in the way), having changed nothing.
 */
export function ensureArticleNote(ctx: AtlasContext, request: ArticleRequest): Promise<EnsuredArticle> {
  const { app } = ctx;
  return oneAtATime(app, async () => {
    const canonical = canonicalUrl(request.url);
    if (!canonical.ok) throw new ArticleError(canonical.message);
    const existing = findArticleByUrl(app, canonical.url);
    if (existing) return { file: existing, created: false, citedBy: citingAnalyses(app, existing).map((f) => f.basename) };

    const note = newArticleNote(request, ctx.settings().tagPrefix);
    if (!note.ok) throw new ArticleError(note.message);
    const folder = articlesFolder(ctx);
    const wanted = normalizePath(folder === "" ? `${note.name}.md` : `${folder}/${note.name}.md`);
    const there = app.vault.getAbstractFileByPath(wanted);
    if (there instanceof TFile) {
      // The note by that name may be this article (the cache has not read it yet) or a broken one.
      const fm = readFrontmatter(await app.vault.read(there));
      if (fm.kind === "error") throw new ArticleError(brokenNoteMessage(there.path, fm.message));
      if (fm.kind === "ok" && isArticleNote(fm.data) && articleFacts(fm.data).url === canonical.url) {
        return { file: there, created: false, citedBy: citingAnalyses(app, there).map((f) => f.basename) };
      }
    }
    await ensureFolder(app, folder);
    const path = uniquePath(wanted, (p) => app.vault.getAbstractFileByPath(p) !== null);
    const file = await app.vault.create(path, note.text);
    rememberCreatedArticle(app, canonical.url, file.path);
    return { file, created: true, citedBy: [] };
  });
}

async function readAnalysis(app: App, analysis: TFile): Promise<string> {
  const text = await currentText(app, analysis);
  const fm = readFrontmatter(text);
  if (fm.kind === "error") throw new ArticleError(brokenNoteMessage(analysis.path, fm.message));
  return text;
}

/** Writes the list line and the property in one `Vault.process`; no write when nothing changes. */
async function linkInAnalysis(app: App, analysis: TFile, article: TFile, url: string): Promise<LinkInAnalysis> {
  const link = { linkTarget: app.metadataCache.fileToLinktext(article, analysis.path, true), url };
  const trial = linkArticleInAnalysis(await readAnalysis(app, analysis), link);
  if (!trial.ok) throw new ArticleError(`${analysis.basename}: ${trial.message}. Nothing was changed.`);
  if (!trial.changed) return trial;
  const box: { result?: ReturnType<typeof linkArticleInAnalysis> } = {};
  const written = await writeNote(app, analysis, (text) => {
    box.result = linkArticleInAnalysis(text, link);
    return box.result.ok ? box.result.text : null;
  });
  if (written.notUtf8) throw new ArticleError(`${analysis.basename}: ${NOT_UTF8}. Nothing was changed.`);
  const result = box.result ?? trial;
  if (!result.ok) throw new ArticleError(`${analysis.basename}: ${result.message}. Nothing was changed.`);
  return result;
}

/**
 * Adds an article to an analysis: the article note (reused for the same canonical URL, else
 * created), a line in the "Use Cases Analyzed" list and an `articles` entry, both in one write.
 * An article already linked changes nothing and says so (`alreadyLinked`).
 */
export async function addArticleToAnalysis(ctx: AtlasContext, analysis: TFile, request: ArticleRequest): Promise<AddedArticle> {
  const { app } = ctx;
  const canonical = canonicalUrl(request.url);
  if (!canonical.ok) throw new ArticleError(canonical.message);
  const text = await readAnalysis(app, analysis);
  const others = (file: TFile): string[] => citingAnalyses(app, file).filter((f) => f.path !== analysis.path).map((f) => f.basename);

  // Everything that could refuse is checked before the article note is made.
  const existing = findArticleByUrl(app, canonical.url);
  const name = articleBaseName(request);
  const target = existing ? app.metadataCache.fileToLinktext(existing, analysis.path, true) : name.ok ? name.name : "article";
  const trial = linkArticleInAnalysis(text, { linkTarget: target, url: request.url });
  if (!trial.ok) throw new ArticleError(`${analysis.basename}: ${trial.message}. Nothing was changed.`);
  if (existing && trial.alreadyLinked) {
    return { article: existing, created: false, citedBy: others(existing), alreadyLinked: true, listFound: trial.listFound };
  }

  const ensured = await ensureArticleNote(ctx, request);
  const citedBy = others(ensured.file);
  const linked = await linkInAnalysis(app, analysis, ensured.file, request.url);
  return { article: ensured.file, created: ensured.created, citedBy, alreadyLinked: linked.alreadyLinked, listFound: linked.listFound };
}

/** Links an article note that is already in the vault (the list line gets the URL under its heading, else its `url`). */
export async function linkExistingArticle(ctx: AtlasContext, analysis: TFile, article: TFile): Promise<AddedArticle> {
  const { app } = ctx;
  const facts = articleFacts(frontmatterOf(app, article));
  if (!facts.url) throw new ArticleError(`"${article.path}" has no web address in its url property. Nothing was changed.`);
  const citedBy = citingAnalyses(app, article).filter((f) => f.path !== analysis.path).map((f) => f.basename);
  const linked = await linkInAnalysis(app, analysis, article, originalUrlIn(await app.vault.cachedRead(article), facts.url));
  return { article, created: false, citedBy, alreadyLinked: linked.alreadyLinked, listFound: linked.listFound };
}

/** Link targets in the analysis (property and list) that lead to `article`. */
function targetsLeadingTo(app: App, analysis: TFile, text: string, article: TFile): string[] {
  const fm = readFrontmatter(text);
  const candidates = [...articlesProperty(fm.kind === "ok" ? fm.data : null), ...listedLinkTargets(text)];
  const out = new Set<string>();
  for (const target of candidates) {
    if (app.metadataCache.getFirstLinkpathDest(target, analysis.path)?.path === article.path) out.add(target);
  }
  return [...out];
}

/** The notes an analysis links as its articles (property entries and list links), for the unlink suggester. */
export async function linkedArticles(app: App, analysis: TFile): Promise<TFile[]> {
  const text = await currentText(app, analysis);
  const fm = readFrontmatter(text);
  const fromProperty = articlesProperty(fm.kind === "ok" ? fm.data : null);
  const out = new Map<string, TFile>();
  for (const target of fromProperty) {
    const dest = app.metadataCache.getFirstLinkpathDest(target, analysis.path);
    if (dest) out.set(dest.path, dest);
  }
  for (const target of listedLinkTargets(text)) {
    const dest = app.metadataCache.getFirstLinkpathDest(target, analysis.path);
    if (dest && isArticleFile(app, dest)) out.set(dest.path, dest);
  }
  return [...out.values()];
}

/** Removes the article's list lines and `articles` entries from the analysis; the article note stays. */
export async function unlinkArticle(ctx: AtlasContext, analysis: TFile, article: TFile): Promise<{ changed: boolean }> {
  const { app } = ctx;
  const text = await readAnalysis(app, analysis);
  const targets = targetsLeadingTo(app, analysis, text, article);
  if (targets.length === 0) return { changed: false };
  const unlink = (from: string): ReturnType<typeof unlinkArticleInAnalysis> => {
    let current = from;
    for (const target of targets) {
      const r = unlinkArticleInAnalysis(current, target);
      if (!r.ok) return r;
      current = r.text;
    }
    return { ok: true, text: current, changed: current !== from };
  };
  const trial = unlink(text);
  if (!trial.ok) throw new ArticleError(`${analysis.basename}: ${trial.message}. Nothing was changed.`);
  if (!trial.changed) return { changed: false };
  const box: { result?: ReturnType<typeof unlink> } = {};
  const written = await writeNote(app, analysis, (current) => {
    box.result = unlink(current);
    return box.result.ok ? box.result.text : null;
  });
  if (written.notUtf8) throw new ArticleError(`${analysis.basename}: ${NOT_UTF8}. Nothing was changed.`);
  if (box.result && !box.result.ok) throw new ArticleError(`${analysis.basename}: ${box.result.message}. Nothing was changed.`);
  return { changed: box.result?.ok === true && box.result.changed };
}

/** Fetches the page title for an article note's URL and writes it to its `title` property. */
export async function fetchTitleIntoNote(app: App, article: TFile, get: HttpGet, timeoutMs?: number): Promise<string> {
  const text = await currentText(app, article);
  const fm = readFrontmatter(text);
  if (fm.kind === "error") throw new ArticleError(brokenNoteMessage(article.path, fm.message));
  const facts = articleFacts(fm.kind === "ok" ? fm.data : null);
  if (!facts.url) throw new ArticleError(`"${article.path}" has no web address in its url property.`);
  const fetched = await fetchTitle(originalUrlIn(text, facts.url), get, timeoutMs);
  // The core's messages end by suggesting to type the title in the form; here the note is the form.
  if (!fetched.ok) throw new ArticleError(`Could not fetch the title of ${facts.url}: ${fetched.message.replace(/ — type (?:the title|it) instead\.$/, ".")}`);
  const title = oneLine(fetched.title);
  if (title === "") throw new ArticleError(`The page at ${facts.url} has an empty title.`);
  const box: { message?: string } = {};
  const written = await writeNote(app, article, (text) => {
    const edited = editFrontmatter(text, { set: { title } });
    if (!edited.ok) { box.message = edited.message; return null; }
    return edited.text;
  });
  if (written.notUtf8) throw new ArticleError(`${article.basename}: ${NOT_UTF8}. Nothing was changed.`);
  if (box.message) throw new ArticleError(`${article.basename}: ${box.message}. Nothing was changed.`);
  return title;
}
