/**
 * Creating an analysis or case study in the vault, all or nothing.
 *
 * Everything that can refuse is checked before the first write: the form's values (planNote),
 * the template (read, rendered once as a trial), and for a case study made from an analysis, the
 * edit that will link it back. Then, in order: the article notes (found by URL or created), the
 * note's folders, the note itself in one `vault.create` (its text complete, so nothing that
 * watches the vault ever sees a half-made note), and the link in the analysis (one
 * `vault.process`). Article notes come before the note because the note's links name them, and
 * a new article note may get a " 2" suffix. If any step fails, what this creation made is moved
 * to the trash again (files, then the folders made for them) and the error is reported.
 */
import { type App, MarkdownView, TFile, moment, normalizePath } from "obsidian";
import { addCaseStudyLink, firstLineToFill } from "../core/case-study-prefill";
import {
  type ArticleLink, type FieldError, type NoteInput, type NoteKind, type NotePlan, planNote, renderNote,
} from "../core/create-note";
import { originalHref } from "../core/articles";
import { uniquePath } from "../core/filename";
import { baseName } from "../core/links";
import { readFrontmatter } from "../core/frontmatter";
import type { DateFormatter } from "../core/template-render";
import { settingsProblems } from "../core/settings-check";
import { canonicalUrl } from "../core/url";
import { ensureArticleNote, findArticleByUrl, type ArticleRequest, type EnsuredArticle } from "./articles";
import type { AtlasContext } from "./context";
import { loadTemplate, type TemplateChoice } from "./templates";
import { ensureFolder, errorMessage, existingFolderCase, folderSetting, pathTaken, undoCreations } from "./vault-files";
import { writeNote } from "./write-note";

/** What the form hands over: the user's values without the template text (read here). */
export type FormValues = Omit<NoteInput, "templateText" | "kind">;

export interface CreationRequest {
  values: FormValues;
  template: TemplateChoice;
  /** A case study made from this analysis: linked both ways. */
  fromAnalysis?: TFile;
}

export type CreationOutcome =
  /** Created. `messages` are for a notice: characters replaced, template fallbacks, unknown placeholders. */
  | { ok: true; file: TFile; text: string; messages: string[] }
  /** The form's values were refused; nothing was written. */
  | { ok: false; errors: FieldError[] }
  /** Creation failed; whatever it had made is gone again. */
  | { ok: false; message: string };

export interface CreationDeps {
  /** The article note for a canonical URL already in the vault, or null. */
  findArticle: (app: App, canonicalUrl: string) => TFile | null;
  /** The article note for a URL: the existing one, else a new one. */
  ensureArticle: (ctx: AtlasContext, request: ArticleRequest) => Promise<EnsuredArticle>;
  now: () => Date;
}

export const DEFAULT_CREATION_DEPS: CreationDeps = { findArticle: findArticleByUrl, ensureArticle: ensureArticleNote, now: () => new Date() };

/**
 * A date in the user's language with Obsidian's `moment` (its locale follows the app's). The
 * obsidian typings declare it as moment's namespace, which TypeScript with esModuleInterop does
 * not let us call; at run time it is moment's function.
 */
const localDate: DateFormatter = (d, format) => (moment as unknown as (d: Date) => { format(f: string): string })(d).format(format);

/** Templates whose unknown placeholders were already reported (once per template and session). */
const warnedTemplates = new WeakMap<App, Set<string>>();

function warnOnce(app: App, source: string): boolean {
  let seen = warnedTemplates.get(app);
  if (!seen) { seen = new Set(); warnedTemplates.set(app, seen); }
  if (seen.has(source)) return false;
  seen.add(source);
  return true;
}

function parentOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

/** The folders of `folder`'s chain that do not exist yet (outermost first). */
function missingFolders(app: App, folder: string): string[] {
  if (folder === "") return [];
  const parts = folder.split("/");
  const out: string[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    if (!app.vault.getAbstractFileByPath(path)) out.push(path);
  }
  return out;
}

/** Where the note goes: the planned path, normalised, existing folders spelled as the vault has them, never an existing file. */
export function notePath(app: App, plan: NotePlan): string {
  return uniquePath(existingFolderCase(app, normalizePath(plan.path)), (p) => pathTaken(app, p));
}

/** Checks the form's values against the settings (no vault access): what the form shows next to its fields. */
export function validate(ctx: AtlasContext, kind: NoteKind, values: FormValues): ReturnType<typeof planNote> {
  return planNote({ ...values, kind, templateText: "" }, ctx.settings());
}

export async function createNote(ctx: AtlasContext, request: CreationRequest, deps: CreationDeps = DEFAULT_CREATION_DEPS): Promise<CreationOutcome> {
  const { app } = ctx;
  const settings = ctx.settings();
  const kind: NoteKind = request.fromAnalysis ? "case-study" : request.template.kind;
  const planned = validate(ctx, kind, request.values);
  if (!planned.ok) return planned;
  // Settings saved by hand or by another version are checked too: nothing is written outside the vault.
  const problems = settingsProblems(settings);
  if (problems.length > 0) return { ok: false, message: `The settings cannot be used: ${problems.join(" ")} Change them in the settings tab. Nothing was created.` };
  const plan = planned.plan;
  const messages = [...plan.warnings];

  const template = await loadTemplate(app, request.template);
  if (template.fallback) messages.push(template.fallback);
  const input: NoteInput = { ...request.values, kind, templateText: template.text };
  if (request.fromAnalysis) input.analysis = request.fromAnalysis.basename;

  const path = notePath(app, plan);
  const now = deps.now();
  // A template whose frontmatter is broken is refused before anything is written. (Rendering
  // needs the article notes' names, so it comes after them; should it still fail, they go again.)
  const templateFrontmatter = readFrontmatter(template.text);
  if (templateFrontmatter.kind === "error") {
    return { ok: false, errors: [{ field: "template", message: `The template "${template.source}" cannot be used: its frontmatter is broken (${templateFrontmatter.message}).` }] };
  }

  const analysis = request.fromAnalysis;
  if (analysis) {
    const link = addCaseStudyLink(await app.vault.read(analysis), "Case study");
    if (!link.ok) return { ok: false, message: `The case study cannot be linked from "${analysis.basename}": ${link.message}. Fix it, then try again. Nothing was created.` };
    // The analysis' own name as the case study will link it (shortest unambiguous form). A case
    // study usually takes its analysis' name, and once it exists the name alone would be
    // ambiguous (and could resolve to the case study itself): then the link names the path.
    const sameName = baseName(path).toLowerCase() === analysis.basename.toLowerCase();
    input.analysis = sameName ? analysis.path.replace(/\.md$/i, "") : app.metadataCache.fileToLinktext(analysis, path, true);
  }

  const noteFolders = missingFolders(app, parentOf(path));
  const articleFolders = plan.articles.length > 0 ? missingFolders(app, folderSetting(settings.articlesFolder)) : [];
  const createdFiles: TFile[] = [];
  try {
    const links: ArticleLink[] = [];
    const given = asGiven(request.values.articles ?? []);
    for (const article of plan.articles) {
      const url = given.get(article.url) ?? article.url;
      // An existing note is linked as it is (asking ensureArticle would also work out who cites it,
      // which creation does not need). The article's year is its own (publication), not the analysis'.
      let file = deps.findArticle(app, article.url);
      if (!file) {
        const ensured = await deps.ensureArticle(ctx, { url, title: article.title ?? null, company: article.company ?? plan.company, year: article.year ?? null });
        if (ensured.created) createdFiles.push(ensured.file);
        file = ensured.file;
      }
      // Listed with the address as the user gave it (the note's `url` property is the canonical one).
      links.push({ linkTarget: app.metadataCache.fileToLinktext(file, path, true), url: originalHref(url) });
    }
    // Dates in the user's language and Obsidian's moment, as the core Templates plugin writes them.
    const rendered = renderNote({ ...input, knownPatterns: ctx.taxonomy().patterns }, plan, links, settings, now, "\n", localDate);
    if (!rendered.ok) throw new Error(`the template "${template.source}" cannot be used: ${rendered.message}`);
    if (rendered.unknownPlaceholders.length > 0 && warnOnce(app, template.source)) {
      messages.push(`The template "${template.source}" has placeholders Use Case Atlas does not know, left as written: ${rendered.unknownPlaceholders.join(", ")}.`);
    }
    await ensureFolder(app, parentOf(path));
    const file = await app.vault.create(path, rendered.text);
    createdFiles.push(file);
    if (analysis) await linkFromAnalysis(app, analysis, file);
    return { ok: true, file, text: rendered.text, messages };
  } catch (e) {
    const folders = [...new Set([...articleFolders, ...noteFolders])].sort((a, b) => a.length - b.length);
    const left = await undoCreations(app, createdFiles, folders);
    const undone = left.length === 0
      ? "Nothing was kept."
      : `These could not be removed again: ${left.join("; ")}.`;
    return { ok: false, message: `The note could not be created: ${errorMessage(e)}. ${undone}` };
  }
}

/** Canonical URL → the address as the user first typed it. */
function asGiven(articles: readonly { url: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of articles) {
    const c = canonicalUrl(a.url);
    if (c.ok && !out.has(c.url)) out.set(c.url, a.url.trim());
  }
  return out;
}

/** Adds the case study to the analysis' `case_studies` property, in one write (through its editor when it is open). */
async function linkFromAnalysis(app: App, analysis: TFile, caseStudy: TFile): Promise<void> {
  const target = app.metadataCache.fileToLinktext(caseStudy, analysis.path, true);
  let problem: string | null = null;
  await writeNote(app, analysis, (text) => {
    const r = addCaseStudyLink(text, target);
    if (!r.ok) { problem = r.message; return null; }
    return r.text;
  });
  if (problem !== null) throw new Error(`"${analysis.basename}" could not be linked to the case study: ${String(problem)}`);
}

/**
 * Opens the new note in a new tab, with the cursor at the start of the first section to fill.
 * Returns the leaf's view when it is a markdown view (null when the note opened in something else).
 */
export async function openCreatedNote(app: App, file: TFile, text: string): Promise<MarkdownView | null> {
  const leaf = app.workspace.getLeaf("tab");
  // Editing mode whatever the default view is: the note is there to be filled in.
  await leaf.openFile(file, { active: true, state: { mode: "source" } });
  const view = leaf.view;
  if (!(view instanceof MarkdownView)) return null;
  const line = firstLineToFill(text);
  view.editor.setCursor({ line, ch: 0 });
  view.editor.focus();
  return view;
}

