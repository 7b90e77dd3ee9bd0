/**
 * Creating an analysis or case study, all or nothing, over a small store: the one creation flow
 * the plugin's form (src/obsidian/note-store.ts, Obsidian's vault) and `use-case-atlas new`
 * (src/cli/note-store.ts, a folder on disk) both run.
 *
 * Everything that can refuse is checked before the first write: the settings, the values
 * (planNote), the template (read, its frontmatter, rendered once), the folders (no file in the
 * way, no link leading out), an article note by the wanted name that cannot be read, and for a
 * case study made from an analysis, the edit that will link it back. Then, in order: the missing
 * folders, the new article notes, the note (each created exclusively, its text complete), and the
 * link in the analysis (one write). If a step fails, what this creation made is taken away again
 * (files, then the folders made for them) and the failure is reported.
 */
import { addCaseStudyLink } from "./case-study-prefill";
import {
  type ArticleLink, type ArticleRequest, type FieldError, type NoteInput, type NotePlan, planNote, renderNote,
} from "./create-note";
import { articleFacts, isArticleNote, newArticleNote, originalHref } from "./articles";
import { MAX_NAME_BYTES, MAX_NAME_LENGTH, checkName, uniquePath, utf8Length } from "./filename";
import { readFrontmatter } from "./frontmatter";
import { baseName } from "./links";
import type { AtlasSettings } from "./settings";
import { checkVaultPath, settingsProblems } from "./settings-check";
import { NOTE_KINDS, type NoteKind } from "./study";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE, type PatternDef } from "./taxonomy";
import type { DateFormatter } from "./template-render";
import { canonicalUrl } from "./url";
import { errorMessage } from "./errors";

/**
 * Where notes are created: Obsidian's vault in the plugin, a folder on disk in the command-line
 * tool. Paths are vault paths (`/`-separated, no leading `/`). A method that finds something the
 * creation must not go through throws a {@link CreationRefused}; any other error is a failure.
 */
export interface NoteStore {
  /** The path with each existing folder spelled as the store spells it ("use cases/x.md" when it has "Use cases"). */
  folderCase(path: string): Promise<string>;
  /** Whether a file or folder has this path, ignoring case (vaults move between systems). */
  taken(path: string): Promise<boolean>;
  /** The folders of `folder`'s chain still to make, outermost first; refuses a file in the way and a link leading out. */
  foldersToMake(folder: string): Promise<string[]>;
  /** The article note for a canonical URL, wherever it is, or null. */
  findArticle(canonicalUrl: string): Promise<string | null>;
  /** Every note whose base name is `name`, ignoring case (how a link by name is told apart). */
  notesNamed(name: string): Promise<string[]>;
  /** A note's text; null when there is none (or it lies outside the vault). Throws when it cannot be read as text. */
  read(path: string): Promise<string | null>;
  makeFolder(path: string): Promise<void>;
  /** Creates a note; fails, writing nothing, when anything is there. `articleUrl` names the page of a new article note. */
  create(path: string, text: string, articleUrl?: string): Promise<void>;
  /** Changes a note in one write; `edit` gives the new text, or throws to refuse. */
  edit(path: string, edit: (text: string) => string): Promise<void>;
  /** Takes away files (last first), then folders (innermost first, only when empty); returns what could not be removed. */
  undo(files: readonly string[], folders: readonly string[]): Promise<string[]>;
}

/** Something found before the first write: nothing was created. */
export class CreationRefused extends Error {
  override name = "CreationRefused";
}

/** Why a folder cannot be made where a file is. */
export function fileInTheWay(path: string): string {
  return `"${path}" is a file, so it cannot hold the new note's folder. Rename it or change the folder in the settings.`;
}

/** The refusal for a note whose bytes are not UTF-8 (read as text, it would lose them). */
export function notUtf8Refusal(path: string): CreationRefused {
  return new CreationRefused(`"${path}" is not UTF-8 text, so Use Case Atlas leaves it alone.`);
}

export type NoteValues = Omit<NoteInput, "templateText" | "analysis" | "knownPatterns">;

export interface CreationRequest {
  values: NoteValues;
  /** The template note (a vault path); null for the bundled template of the kind. */
  templatePath: string | null;
  /** A case study made from this analysis (its path): linked both ways. */
  fromAnalysis?: string;
  settings: AtlasSettings;
  /** The taxonomy's patterns: a case study's `patterns` are written in their order. */
  knownPatterns: readonly PatternDef[];
  now: Date;
  /** Dates in the user's language (the plugin: Obsidian's moment); the core's English by default. */
  formatDate?: DateFormatter;
  /** Whether to report a template's unknown placeholders (the plugin says so once per template). */
  reportUnknown?: (templateSource: string) => boolean;
  /** Plan and check everything, write nothing. */
  dryRun?: boolean;
}

export interface CreatedArticle {
  path: string;
  /** The canonical URL. */
  url: string;
  /** False for an article note of the same page that was already there (linked as it is). */
  created: boolean;
}

export type CreationOutcome =
  /** Created (or, for a dry run, what would be). `messages` are for the user: replaced characters, template fallbacks … */
  | { ok: true; path: string; text: string; articles: CreatedArticle[]; messages: string[] }
  /** The settings would write outside the vault: nothing was created. */
  | { ok: false; why: "settings"; problems: string[] }
  /** The values were refused (by field, `template` for the template): nothing was created. */
  | { ok: false; why: "invalid"; errors: FieldError[] }
  /** Found before the first write: nothing was created. */
  | { ok: false; why: "refused"; message: string }
  /** A write failed; what this creation had made is gone again, except `left`. */
  | { ok: false; why: "failed"; message: string; left: string[] };

/** A settings path as a vault path ("" for the root), once settingsProblems has accepted the settings. */
function vaultPath(raw: string): string {
  const r = checkVaultPath(raw, "path");
  return r.ok ? r.value : "";
}

/** A template setting as the note it names ("" for none), `.md` optional as the settings tab allows. */
export function templateSettingPath(raw: string): string {
  const p = vaultPath(raw);
  if (p === "") return "";
  return p.toLowerCase().endsWith(".md") ? p : `${p}.md`;
}

/** The template note the settings name for a kind, null for the bundled one. */
export function settingsTemplate(settings: AtlasSettings, kind: NoteKind): string | null {
  return templateSettingPath(settings[NOTE_KINDS[kind].templateSetting]) || null;
}

export interface LoadedTemplate {
  text: string;
  /** What names the template in messages: its path, or "bundled deep dive". */
  source: string;
  /** Set when the template note could not be read and the bundled one was used instead. */
  fallback: string | null;
}

/** The bundled template of a kind, and its name in messages. */
export function bundledTemplate(kind: NoteKind): { text: string; name: string } {
  return kind === "analysis"
    ? { text: BUNDLED_DEEP_DIVE_TEMPLATE, name: "bundled deep dive" }
    : { text: BUNDLED_CASE_STUDY_TEMPLATE, name: "bundled case study" };
}

/** Reads a template; a missing or unreadable note gives the bundled template of the same kind and says why. */
export async function loadTemplate(kind: NoteKind, path: string | null, read: (path: string) => Promise<string | null>): Promise<LoadedTemplate> {
  const bundled = bundledTemplate(kind);
  if (path === null) return { text: bundled.text, source: bundled.name, fallback: null };
  let text: string | null;
  try {
    text = await read(path);
  } catch (e) {
    return { text: bundled.text, source: bundled.name, fallback: `The template "${path}" could not be read (${errorMessage(e)}), so the ${bundled.name} template was used.` };
  }
  if (text === null) {
    return { text: bundled.text, source: bundled.name, fallback: `The template "${path}" was not found, so the ${bundled.name} template was used. Check the template settings.` };
  }
  return { text, source: path, fallback: null };
}

function parentOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

function join(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/**
 * How Obsidian links a note from another (`fileToLinktext`, shortest form): the base name when no
 * other note has it, else the vault path without `.md`.
 */
export function shortestLink(path: string, sameNamed: readonly string[]): string {
  const lower = path.toLowerCase();
  return sameNamed.some((p) => p.toLowerCase() !== lower) ? path.replace(/\.md$/i, "") : baseName(path);
}

/** Whether a value the file name pattern uses was cut to fit the name length limits. */
function shortened(raw: string, fileName: string, pattern: string, placeholder: string): boolean {
  const value = raw.trim();
  if (value.length > MAX_NAME_LENGTH || utf8Length(value) > MAX_NAME_BYTES) return true;
  const lastSegment = pattern.split(/[/\\]/).pop() ?? "";
  if (!new RegExp(`\\{\\{\\s*${placeholder}\\s*\\}\\}`, "i").test(lastSegment)) return false;
  const checked = checkName(value, placeholder);
  return checked.ok && !fileName.includes(checked.name);
}

/** Canonical URL → the article as the user first gave it. */
function asGiven(articles: readonly ArticleRequest[]): Map<string, ArticleRequest> {
  const out = new Map<string, ArticleRequest>();
  for (const a of articles) {
    const c = canonicalUrl(a.url);
    if (c.ok && !out.has(c.url)) out.set(c.url, a);
  }
  return out;
}

/** The kind of note a request makes: a case study when it is made from an analysis. */
function kindOf(request: CreationRequest): NoteKind {
  return request.fromAnalysis !== undefined ? "case-study" : request.values.kind;
}

/** Checks the values against the settings (no store access): what a form shows next to its fields. */
export function validate(values: NoteValues, settings: AtlasSettings): ReturnType<typeof planNote> {
  return planNote({ ...values, templateText: "" }, settings);
}

interface Planned {
  path: string;
  text: string;
  folders: string[];
  newArticles: { path: string; text: string; url: string }[];
  articles: CreatedArticle[];
  messages: string[];
}

/** Plans and checks everything; the only store calls are reads. */
async function plan(request: CreationRequest, store: NoteStore, notePlan: NotePlan): Promise<Planned | CreationOutcome> {
  const { settings } = request;
  const kind = kindOf(request);
  const messages = [...notePlan.warnings];
  const template = await loadTemplate(kind, request.templatePath, (p) => store.read(p));
  if (template.fallback) messages.push(template.fallback);
  const templateFrontmatter = readFrontmatter(template.text);
  if (templateFrontmatter.kind === "error") {
    return { ok: false, why: "invalid", errors: [{ field: "template", message: `The template "${template.source}" cannot be used: its frontmatter is broken (${templateFrontmatter.message}).` }] };
  }

  // Where the note goes: folders spelled as the store has them, never a name that is taken (any case).
  const planned = new Set<string>();
  const free = async (p: string): Promise<boolean> => !planned.has(p.toLowerCase()) && !(await store.taken(p));
  const wanted = await store.folderCase(notePlan.path);
  const folders = await store.foldersToMake(parentOf(wanted));
  const path = await uniquePathAsync(wanted, free);
  planned.add(path.toLowerCase());
  const fileName = baseName(path);
  const pattern = settings[NOTE_KINDS[kind].patternSetting];
  for (const [raw, placeholder] of [[notePlan.company, "company"], [notePlan.title, "title"]] as const) {
    if (shortened(raw, fileName, pattern, placeholder)) {
      messages.push(`The ${placeholder} is longer than a file name may be (${MAX_NAME_LENGTH} characters): the file name was shortened to "${fileName}".`);
      break;
    }
  }

  const input: NoteInput = { ...request.values, kind, templateText: template.text, knownPatterns: request.knownPatterns };
  const analysis = request.fromAnalysis;
  if (analysis !== undefined) {
    const text = await store.read(analysis);
    const link = text === null ? { ok: false as const, message: "it is no longer there" } : addCaseStudyLink(text, "Case study");
    if (!link.ok) return { ok: false, why: "refused", message: `The case study cannot be linked from "${baseName(analysis)}": ${link.message}. Fix it, then try again.` };
    // The analysis as the case study will link it. A case study usually takes its analysis' name:
    // then the name alone would be ambiguous, and the link names the path.
    input.analysis = shortestLink(analysis, [...await store.notesNamed(baseName(analysis)), ...(baseName(path).toLowerCase() === baseName(analysis).toLowerCase() ? [path] : [])]);
  }

  // The article notes: the existing one for each canonical URL, else a new one in the articles folder.
  // (New notes: the note itself too, for the links by name, which must stay unambiguous once it exists.)
  const newPaths: string[] = [path];
  const newArticles: Planned["newArticles"] = [];
  const articles: CreatedArticle[] = [];
  const links: ArticleLink[] = [];
  const given = asGiven(request.values.articles ?? []);
  const articleFolder = notePlan.articles.length > 0 ? parentOf(await store.folderCase(join(vaultPath(settings.articlesFolder), "x.md"))) : "";
  for (const article of notePlan.articles) {
    const asked = given.get(article.url);
    const url = asked?.url.trim() ?? article.url;
    let articlePath = await store.findArticle(article.url);
    if (articlePath === null) {
      // The article's year is its own (publication), not the note's.
      const company = asked?.company?.trim() || notePlan.company;
      const note = newArticleNote({ url, title: article.title ?? null, company, year: asked?.year ?? null }, settings.tagPrefix);
      if (!note.ok) return { ok: false, why: "refused", message: note.message };
      const wantedArticle = join(articleFolder, `${note.name}.md`);
      // A note by that name may be this page's (not yet known to the store's index), or one that cannot be read.
      const there = planned.has(wantedArticle.toLowerCase()) ? null : await store.read(wantedArticle);
      const fm = there === null ? null : readFrontmatter(there);
      if (fm?.kind === "error") return { ok: false, why: "refused", message: `"${wantedArticle}" has broken frontmatter (${fm.message}). Fix it, then try again.` };
      if (fm?.kind === "ok" && isArticleNote(fm.data) && articleFacts(fm.data).url === article.url) articlePath = wantedArticle;
      else {
        if (newArticles.length === 0) for (const f of await store.foldersToMake(articleFolder)) if (!folders.includes(f)) folders.push(f);
        articlePath = await uniquePathAsync(wantedArticle, free);
        planned.add(articlePath.toLowerCase());
        newArticles.push({ path: articlePath, text: note.text, url: article.url });
        newPaths.push(articlePath);
      }
    }
    articles.push({ path: articlePath, url: article.url, created: newPaths.includes(articlePath) });
    const name = baseName(articlePath).toLowerCase();
    const sameNamed = [...await store.notesNamed(baseName(articlePath)), ...newPaths.filter((p) => baseName(p).toLowerCase() === name)];
    // Listed with the address as the user gave it (the article note's `url` is the canonical one).
    links.push({ linkTarget: shortestLink(articlePath, sameNamed), url: originalHref(url) });
  }

  const rendered = renderNote(input, notePlan, links, settings, request.now, "\n", request.formatDate);
  if (!rendered.ok) return { ok: false, why: "refused", message: `The template "${template.source}" cannot be used: ${rendered.message}.` };
  if (rendered.unknownPlaceholders.length > 0 && (request.reportUnknown?.(template.source) ?? true)) {
    messages.push(`The template "${template.source}" has placeholders Use Case Atlas does not know, left as written: ${rendered.unknownPlaceholders.join(", ")}.`);
  }
  folders.sort((a, b) => a.length - b.length);
  return { path, text: rendered.text, folders, newArticles, articles, messages };
}

/** Thrown out of uniquePath's synchronous question when the answer is not known yet. */
class Unknown extends Error {
  constructor(readonly path: string) { super(path); }
}

async function uniquePathAsync(path: string, free: (p: string) => Promise<boolean>): Promise<string> {
  // uniquePath asks synchronously: each answer is fetched when it is first needed, then it asks again.
  const answers = new Map<string, boolean>();
  for (;;) {
    try {
      return uniquePath(path, (p) => {
        const known = answers.get(p);
        if (known === undefined) throw new Unknown(p);
        return !known;
      });
    } catch (e) {
      if (!(e instanceof Unknown)) throw e;
      answers.set(e.path, await free(e.path));
    }
  }
}

/** Plans, checks, then writes the note (and its article notes, and the link in its analysis). */
export async function createNotes(request: CreationRequest, store: NoteStore): Promise<CreationOutcome> {
  // Settings saved by hand or by another version are checked too: nothing is written outside the vault.
  const problems = settingsProblems(request.settings);
  if (problems.length > 0) return { ok: false, why: "settings", problems };
  const planned = validate({ ...request.values, kind: kindOf(request) }, request.settings);
  if (!planned.ok) return { ok: false, why: "invalid", errors: planned.errors };
  let ready: Planned | CreationOutcome;
  try {
    ready = await plan(request, store, planned.plan);
  } catch (e) {
    if (e instanceof CreationRefused) return { ok: false, why: "refused", message: e.message };
    throw e;
  }
  if ("ok" in ready) return ready;
  const done: CreationOutcome = { ok: true, path: ready.path, text: ready.text, articles: ready.articles, messages: ready.messages };
  if (request.dryRun) return done;

  const madeFolders: string[] = [];
  const madeFiles: string[] = [];
  try {
    for (const folder of ready.folders) {
      await store.makeFolder(folder);
      madeFolders.push(folder);
    }
    for (const article of ready.newArticles) {
      await store.create(article.path, article.text, article.url);
      madeFiles.push(article.path);
    }
    await store.create(ready.path, ready.text);
    madeFiles.push(ready.path);
    const analysis = request.fromAnalysis;
    if (analysis !== undefined) {
      const target = shortestLink(ready.path, await store.notesNamed(baseName(ready.path)));
      await store.edit(analysis, (text) => {
        const r = addCaseStudyLink(text, target);
        if (!r.ok) throw new Error(`"${baseName(analysis)}" could not be linked to the case study: ${r.message}`);
        return r.text;
      });
    }
    return done;
  } catch (e) {
    const left = await store.undo(madeFiles, madeFolders);
    return { ok: false, why: "failed", message: errorMessage(e), left };
  }
}

/** What a failed creation left behind, as the end of its message. */
export function undoneSentence(left: readonly string[]): string {
  return left.length === 0 ? "Nothing was kept." : `These could not be removed again: ${left.join("; ")}.`;
}
