/**
 * `use-case-atlas new VAULT …`: the note the plugin's form creates, written into a vault folder.
 *
 * The same steps as src/obsidian/note-creation.ts, over files instead of Obsidian's vault: the
 * values are checked by the core's planNote, the template is the one the vault's settings name
 * (the bundled one when it is missing, said so), article notes are found by canonical URL or made
 * by the core's newArticleNote, and the note's text is the core's renderNote. Everything that can
 * refuse is checked before the first write; the files are created with O_EXCL (never overwriting),
 * article notes first, and a failure takes away again what this run made.
 */
import { lstat, mkdir, readdir, readFile, realpath, rmdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isArticleNote, articleFacts, newArticleNote, originalHref } from "../core/articles";
import {
  type ArticleLink, type ArticleRequest, type FieldError, type NoteInput, type NoteKind, type NotePlan, planNote, renderNote,
} from "../core/create-note";
import { MAX_NAME_BYTES, MAX_NAME_LENGTH, checkName, uniquePath } from "../core/filename";
import { readFrontmatter } from "../core/frontmatter";
import { baseName } from "../core/links";
import type { AtlasSettings } from "../core/settings";
import { settingsProblems } from "../core/settings-check";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../core/taxonomy";
import { kindOfTemplate } from "../core/study";
import { canonicalUrl } from "../core/url";
import { prefillFromEntries } from "../core/library";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";
import { entriesAt, libraryTaxonomy } from "./library";
import { inside, openVault, type Vault } from "./vault";
import { errorMessage } from "../core/errors";

export const NEW_HELP = `Usage: use-case-atlas new VAULT --template deep-dive|case-study --company NAME --title TITLE [options]

Creates the note the plugin's "New use case analysis" form creates: the template the vault's
settings name (else the bundled one) filled in, filed by the settings' folders and file name
pattern, with one article note per article (an existing note for the same page is reused) listed
under "Use Cases Analyzed". Never overwrites: a name that is taken gets " 2", " 3" …
Prints the path of the new note, then of each new article note, one per line.

Options:
  --template deep-dive|case-study   which template (required)
  --company NAME                    the company (required)
  --title TITLE                     the use case's title (required)
  --year YYYY                       the year, four digits
  --category X                      a category of the vault's taxonomy
  --industry X                      an industry of the vault's taxonomy
  --allow-new-category              use a --category the taxonomy does not have
  --allow-new-industry              use an --industry the taxonomy does not have
  --tag T                           an extra tag (repeat, or separate with commas)
  --article URL[=TITLE]             a source article, with an optional title (repeat, at most 5);
                                    in a URL with a query, the title follows the second "=" of
                                    the last parameter: https://x.example/p?id=7=My title
  --use-case PATH                   a note of the vault's use-case collection (repeat, 3-5 is the
                                    template's advice): its article is listed with its title and
                                    cited in "8.1 Articles Read"; --category, --industry, --year
                                    and --company default to the entries', as the plugin's form does
  --dry-run                         print what would be created; write nothing
  --config-dir DIR                  the vault's config folder (default .obsidian)
  --help                            show this help

Exit code: 0 created, 1 could not create (nothing left behind), 2 bad usage or a refused value.
`;

interface NewArgs {
  vault: string;
  kind: NoteKind;
  company: string;
  title: string;
  year?: string;
  category?: string;
  industry?: string;
  tags: string[];
  articles: ArticleRequest[];
  useCases: string[];
  allowNewCategory: boolean;
  allowNewIndustry: boolean;
  dryRun: boolean;
  configDir: string;
  /** Citations of the --use-case entries, for "8.1 Articles Read". */
  articlesRead?: string[];
}

/**
 * `--use-case` entries fill in what the form would: category, industry, year and company unless
 * given, their articles (with titles) before any --article, their citations. Returns the hints
 * the form shows when the entries disagree (only for values not given).
 */
function prefillFromUseCases(vault: Vault, parsed: NewArgs): string[] {
  const prefill = prefillFromEntries(entriesAt(vault, parsed.useCases, "new"), libraryTaxonomy(vault));
  const hints: string[] = [];
  if (parsed.category === undefined) { parsed.category = prefill.category; if (prefill.categoryHint) hints.push(prefill.categoryHint); }
  if (parsed.industry === undefined) { parsed.industry = prefill.industry; if (prefill.industryHint) hints.push(prefill.industryHint); }
  if (parsed.year === undefined && prefill.year !== "") parsed.year = prefill.year;
  if (parsed.company === "") {
    if (prefill.company === "") throw usage("--company is required: the --use-case entries are of several companies");
    parsed.company = prefill.company;
  }
  parsed.articles = [...prefill.articles, ...parsed.articles];
  parsed.articlesRead = prefill.citations;
  return hints;
}

function usage(message: string): UsageError {
  return new UsageError(`new: ${message}\n\n${NEW_HELP}`);
}

/**
 * `URL[=TITLE]`: where the title starts. Before the query (`?`) the first `=` starts it; in the
 * query each parameter's first `=` is its own, so a second `=` in one parameter starts the title.
 */
export function splitArticleArg(value: string): ArticleRequest {
  let inQuery = false;
  let pairHasEquals = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "?" && !inQuery) { inQuery = true; continue; }
    if (inQuery && c === "&") { pairHasEquals = false; continue; }
    if (c !== "=") continue;
    if (inQuery && !pairHasEquals) { pairHasEquals = true; continue; }
    const title = value.slice(i + 1).trim();
    return title === "" ? { url: value.slice(0, i) } : { url: value.slice(0, i), title };
  }
  return { url: value };
}

function parseNewArgs(args: string[]): NewArgs | "help" {
  const parsed = parseVerbArgs("new", NEW_HELP, args, {
    template: { type: "string" }, company: { type: "string", mayBeEmpty: true }, title: { type: "string", mayBeEmpty: true },
    year: { type: "string", mayBeEmpty: true }, category: { type: "string", mayBeEmpty: true }, industry: { type: "string", mayBeEmpty: true },
    "config-dir": { type: "string", needs: "a folder name" },
    tag: { type: "string", multiple: true, mayBeEmpty: true },
    article: { type: "string", multiple: true, needs: "an address: --article URL[=TITLE]" },
    "use-case": { type: "string", multiple: true, needs: "a collection note's path" },
    "allow-new-category": { type: "boolean" }, "allow-new-industry": { type: "boolean" }, "dry-run": { type: "boolean" },
  });
  if (parsed === "help") return "help";
  const rest = parsed.positionals;
  if (rest.length !== 1) throw usage(rest.length === 0 ? "give the vault folder" : `give exactly one vault folder (got ${rest.length}: ${rest.join(", ")})`);
  const articles = parsed.list("article").map((value) => {
    const article = splitArticleArg(value);
    if (article.url.trim() === "") throw usage(`--article "${value}" has no address: --article URL[=TITLE]`);
    return article;
  });
  const template = parsed.text("template");
  if (template === undefined) throw usage("--template is required: deep-dive or case-study");
  const kind = kindOfTemplate(template.trim().toLowerCase());
  if (!kind) throw new UsageError(`new: unknown --template "${template}": use deep-dive or case-study`);
  const useCases = parsed.list("use-case");
  for (const required of ["company", "title"]) if (parsed.text(required) === undefined && !(required === "company" && useCases.length > 0)) throw usage(`--${required} is required`);
  return {
    vault: rest[0], kind,
    company: parsed.text("company") ?? "", title: parsed.text("title") ?? "",
    year: parsed.text("year"), category: parsed.text("category"), industry: parsed.text("industry"),
    tags: parsed.list("tag").flatMap((t) => t.split(/[\s,]+/)).filter((t) => t !== ""), articles, useCases,
    allowNewCategory: parsed.flag("allow-new-category"), allowNewIndustry: parsed.flag("allow-new-industry"),
    dryRun: parsed.flag("dry-run"), configDir: parsed.text("config-dir") ?? ".obsidian",
  };
}

/** The form's field errors as command-line lines, naming the flag instead of the field. */
function fieldErrorLine(error: FieldError, input: NewArgs, settings: AtlasSettings): string {
  const article = /^article-(\d+)$/.exec(error.field);
  if (article) return `new: --article ${input.articles.filter((a) => a.url.trim() !== "")[Number(article[1]) - 1]?.url ?? ""}: ${error.message}`;
  if (error.field === "category" || error.field === "industry") {
    const list = error.field === "category" ? settings.taxonomy.categories : settings.taxonomy.industries;
    const value = (error.field === "category" ? input.category : input.industry)?.trim() ?? "";
    return `new: --${error.field} "${value}" is not in the taxonomy (${list.join(", ")}); add --allow-new-${error.field} to use it as a new ${error.field}`;
  }
  const flag = error.field === "tags" ? "--tag" : error.field === "articles" ? "--article" : `--${error.field}`;
  return `new: ${flag}: ${error.message}`;
}

/** A template setting as a vault path (as src/obsidian/templates.ts reads it): "" for the bundled one. */
function templatePath(raw: string): string {
  const p = raw.trim().replace(/\\/g, "/").replace(/\/+/g, "/").replace(/^\/|\/$/g, "");
  if (p === "") return "";
  return p.toLowerCase().endsWith(".md") ? p : `${p}.md`;
}

function folderSetting(raw: string): string {
  return raw.trim().replace(/\\/g, "/").replace(/\/+/g, "/").replace(/^\/|\/$/g, "");
}

function abs(vault: Vault, path: string): string {
  return path === "" ? vault.root : join(vault.root, ...path.split("/"));
}

function parentOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

interface LoadedTemplate { text: string; source: string; fallback: string | null }

/** The template the settings name, read only from inside the vault; else the bundled one, said so. */
async function loadTemplate(vault: Vault, kind: NoteKind): Promise<LoadedTemplate> {
  const bundledName = kind === "analysis" ? "bundled deep dive" : "bundled case study";
  const bundled = kind === "analysis" ? BUNDLED_DEEP_DIVE_TEMPLATE : BUNDLED_CASE_STUDY_TEMPLATE;
  const path = templatePath(kind === "analysis" ? vault.settings.deepDiveTemplate : vault.settings.caseStudyTemplate);
  if (path === "") return { text: bundled, source: bundledName, fallback: null };
  const real = await realpath(abs(vault, path)).catch(() => null);
  if (real === null || !inside(vault.root, real)) {
    return { text: bundled, source: bundledName, fallback: `The template "${path}" was not found, so the ${bundledName} template was used. Check the template settings.` };
  }
  try {
    return { text: await readFile(real, "utf8"), source: path, fallback: null };
  } catch (e) {
    return { text: bundled, source: bundledName, fallback: `The template "${path}" could not be read (${errorMessage(e)}), so the ${bundledName} template was used.` };
  }
}

/** Names in a folder on disk (none when it does not exist). */
async function namesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/**
 * The path with each existing folder spelled as the disk spells it ("use cases/x.md" when the
 * vault has "Use cases"), as the plugin does, so no second folder differing only in case is made.
 */
async function existingFolderCase(vault: Vault, path: string): Promise<string> {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const want = parts[i];
    const match = (await namesIn(abs(vault, out.join("/")))).find((n) => n.toLowerCase() === want.toLowerCase());
    if (!match) return [...out, ...parts.slice(i)].join("/");
    out.push(match);
  }
  return [...out, parts[parts.length - 1]].join("/");
}

/**
 * The folders of `folder`'s chain still to make. Refuses a file in the way, and a folder that is
 * (or lies under) a link leading out of the vault.
 */
async function foldersToMake(vault: Vault, folder: string): Promise<string[]> {
  if (folder === "") return [];
  const parts = folder.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    const info = await lstat(abs(vault, path)).catch(() => null);
    if (!info) return parts.slice(i - 1).map((_, j) => parts.slice(0, i + j).join("/"));
    const real = await realpath(abs(vault, path)).catch(() => null);
    if (info.isSymbolicLink() && (real === null || !inside(vault.root, real))) {
      throw new CreationRefused(`"${path}" is a link to a folder outside the vault; the note would be written there. Nothing was created.`);
    }
    if (!(await lstat(real ?? "").catch(() => null))?.isDirectory()) {
      throw new CreationRefused(`"${path}" is a file, so it cannot hold the new note's folder. Rename it or change the folder in the settings. Nothing was created.`);
    }
  }
  return [];
}

/** A refusal found before anything was written: exit 1, one line. */
class CreationRefused extends Error {}

interface ExistingArticle { path: string; url: string }

/** Article notes of the vault by canonical URL (the first by path when two share one: `check` reports those). */
async function articleNotes(vault: Vault): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const note of vault.notes) {
    const text = await readFile(note.abs, "utf8").catch(() => null);
    if (text === null) continue;
    const fm = readFrontmatter(text);
    if (fm.kind !== "ok" || !isArticleNote(fm.data)) continue;
    const url = articleFacts(fm.data).url;
    if (url && !out.has(url)) out.set(url, note.path);
  }
  return out;
}

/** Whether a file or folder already has this path, ignoring case (as the plugin compares, for vaults that move between systems). */
function takenIn(existing: ReadonlySet<string>, path: string): boolean {
  return existing.has(path.toLowerCase());
}

/** Every path on disk under the folders a creation touches (lower case), plus the planned ones. */
async function addNamesOf(vault: Vault, folder: string, into: Set<string>): Promise<void> {
  for (const n of await namesIn(abs(vault, folder))) into.add((folder === "" ? n : `${folder}/${n}`).toLowerCase());
}

/**
 * How Obsidian links a note from another (fileToLinktext, shortest form): the base name when no
 * other note has it, else the vault path without `.md`.
 */
function linkText(path: string, notes: readonly string[]): string {
  const name = baseName(path).toLowerCase();
  const clash = notes.some((p) => p !== path && baseName(p).toLowerCase() === name);
  return clash ? path.replace(/\.md$/i, "") : baseName(path);
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
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

export async function newVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseNewArgs(args);
  if (parsed === "help") { io.out(NEW_HELP); return 0; }
  const vault = await openVault(parsed.vault, io.cwd, parsed.configDir);
  const settings = vault.settings;
  // Settings edited by hand (or by another version): nothing is written outside the vault.
  const problems = settingsProblems(settings);
  if (problems.length > 0) {
    io.err(`new: the plugin's settings cannot be used:\n${problems.map((p) => `  ${p}\n`).join("")}Change them in the plugin's settings tab. Nothing was created.\n`);
    return 2;
  }
  const hints = parsed.useCases.length > 0 ? prefillFromUseCases(vault, parsed) : [];
  const values: Omit<NoteInput, "templateText"> = {
    kind: parsed.kind, company: parsed.company, title: parsed.title, year: parsed.year, category: parsed.category,
    industry: parsed.industry, tags: parsed.tags, articles: parsed.articles,
    allowNewCategory: parsed.allowNewCategory, allowNewIndustry: parsed.allowNewIndustry, articlesRead: parsed.articlesRead,
  };
  if (hints.length > 0) io.err(hints.map((h) => `${h}\n`).join(""));
  const planned = planNote({ ...values, templateText: "" }, settings);
  if (!planned.ok) {
    io.err(planned.errors.map((e) => fieldErrorLine(e, parsed, settings) + "\n").join(""));
    return 2;
  }
  const plan = planned.plan;
  try {
    return await create(vault, parsed, values, plan, io);
  } catch (e) {
    if (e instanceof CreationRefused) { io.err(`new: ${e.message}\n`); return 1; }
    throw e;
  }
}

async function create(vault: Vault, parsed: NewArgs, values: Omit<NoteInput, "templateText">, plan: NotePlan, io: CliIo): Promise<number> {
  const settings = vault.settings;
  const messages = [...plan.warnings];
  const template = await loadTemplate(vault, parsed.kind);
  if (template.fallback) messages.push(template.fallback);
  const templateFrontmatter = readFrontmatter(template.text);
  if (templateFrontmatter.kind === "error") {
    throw new CreationRefused(`The template "${template.source}" cannot be used: its frontmatter is broken (${templateFrontmatter.message}). Nothing was created.`);
  }
  const input: NoteInput = { ...values, templateText: template.text };

  // Where the note goes: folders spelled as the vault has them, never an existing name (any case).
  const taken = new Set<string>();
  const wantedPath = await existingFolderCase(vault, plan.path);
  const noteFolder = parentOf(wantedPath);
  const noteFolders = await foldersToMake(vault, noteFolder);
  await addNamesOf(vault, noteFolder, taken);
  const path = uniquePath(wantedPath, (p) => takenIn(taken, p));
  taken.add(path.toLowerCase());
  const fileName = baseName(path);
  for (const [raw, placeholder] of [[plan.company, "company"], [plan.title, "title"]] as const) {
    if (shortened(raw, fileName, settings.fileNamePattern, placeholder)) {
      messages.push(`The ${placeholder} is longer than a file name may be (${MAX_NAME_LENGTH} characters): the file name was shortened to "${fileName}".`);
      break;
    }
  }

  // The article notes: the existing one for each canonical URL, else a new one in the articles folder.
  const notePaths = vault.notes.map((n) => n.path);
  const byUrl = plan.articles.length > 0 ? await articleNotes(vault) : new Map<string, string>();
  const articleFolder = folderSetting(settings.articlesFolder);
  const articleFolderCased = plan.articles.length > 0 ? parentOf(await existingFolderCase(vault, articleFolder === "" ? "x.md" : `${articleFolder}/x.md`)) : "";
  const articleFolders = plan.articles.some((a) => !byUrl.has(a.url)) ? await foldersToMake(vault, articleFolderCased) : [];
  if (articleFolderCased !== noteFolder) await addNamesOf(vault, articleFolderCased, taken);
  const given = asGiven(parsed.articles);
  const newArticles: { path: string; text: string }[] = [];
  const links: ArticleLink[] = [];
  const reused: ExistingArticle[] = [];
  for (const article of plan.articles) {
    const url = given.get(article.url) ?? article.url;
    let articlePath = byUrl.get(article.url);
    if (articlePath) reused.push({ path: articlePath, url: article.url });
    else {
      const note = newArticleNote({ url, title: article.title ?? null, company: article.company ?? plan.company, year: article.year ?? null }, settings.tagPrefix);
      if (!note.ok) throw new CreationRefused(`--article ${url}: ${note.message}`);
      const wanted = articleFolderCased === "" ? `${note.name}.md` : `${articleFolderCased}/${note.name}.md`;
      const there = vault.notes.find((n) => n.path === wanted);
      if (there) {
        // A note by that name that cannot be read is not silently passed over (the plugin refuses too).
        const fm = readFrontmatter(await readFile(there.abs, "utf8"));
        if (fm.kind === "error") throw new CreationRefused(`"${there.path}" has broken frontmatter (${fm.message}). Fix it, then try again. Nothing was created.`);
      }
      articlePath = uniquePath(wanted, (p) => takenIn(taken, p));
      taken.add(articlePath.toLowerCase());
      newArticles.push({ path: articlePath, text: note.text });
      byUrl.set(article.url, articlePath);
      notePaths.push(articlePath);
    }
    // Listed with the address as the user gave it (the article note's `url` is the canonical one).
    links.push({ linkTarget: linkText(articlePath, notePaths), url: originalHref(url) });
  }

  const rendered = renderNote(input, plan, links, settings, io.now?.() ?? new Date());
  if (!rendered.ok) throw new CreationRefused(`The template "${template.source}" cannot be used: ${rendered.message}. Nothing was created.`);
  if (rendered.unknownPlaceholders.length > 0) {
    messages.push(`The template "${template.source}" has placeholders Use Case Atlas does not know, left as written: ${rendered.unknownPlaceholders.join(", ")}.`);
  }
  for (const r of reused) messages.push(`Linked the existing article note "${r.path}" (same page as ${r.url}).`);

  if (parsed.dryRun) {
    io.out([path, ...newArticles.map((a) => a.path)].map((p) => `${p}\n`).join(""));
    io.err(messages.map((m) => `${m}\n`).join("") + "Dry run: nothing was written.\n");
    return 0;
  }

  // Writing: the folders, the article notes, then the note; on failure what this run made goes again.
  const madeFolders: string[] = [];
  const madeFiles: string[] = [];
  try {
    for (const folder of [...new Set([...articleFolders, ...noteFolders])].sort((a, b) => a.length - b.length)) {
      await mkdir(abs(vault, folder));
      madeFolders.push(folder);
    }
    for (const article of newArticles) {
      await writeFile(abs(vault, article.path), article.text, { encoding: "utf8", flag: "wx" });
      madeFiles.push(article.path);
    }
    await writeFile(abs(vault, path), rendered.text, { encoding: "utf8", flag: "wx" });
    madeFiles.push(path);
  } catch (e) {
    const left: string[] = [];
    for (const f of madeFiles.reverse()) await unlink(abs(vault, f)).catch(() => left.push(f));
    for (const d of madeFolders.reverse()) await rmdir(abs(vault, d)).catch(() => left.push(d));
    const undone = left.length === 0 ? "Nothing was kept." : `These could not be removed again: ${left.join("; ")}.`;
    io.err(`new: the note could not be created: ${errorMessage(e)}. ${undone}\n`);
    return 1;
  }
  io.out([path, ...newArticles.map((a) => a.path)].map((p) => `${p}\n`).join(""));
  io.err(messages.map((m) => `${m}\n`).join(""));
  return 0;
}

/** Canonical URL → the address as the user first typed it. */
function asGiven(articles: readonly ArticleRequest[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of articles) {
    const c = canonicalUrl(a.url);
    if (c.ok && !out.has(c.url)) out.set(c.url, a.url.trim());
  }
  return out;
}
