/**
 * `use-case-atlas new VAULT …`: the note the plugin's form creates, written into a vault folder.
 *
 * The arguments become the request of the core's creation flow (src/core/creation.ts, which the
 * plugin's form runs too) over the folder store (note-store.ts); this file reads the arguments
 * and reports the outcome: the new paths on stdout, messages on stderr, and the exit code.
 */
import type { ArticleRequest, FieldError, NoteKind } from "../core/create-note";
import { createNotes, settingsTemplate, undoneSentence } from "../core/creation";
import { prefillFromEntries } from "../core/library";
import type { AtlasSettings } from "../core/settings";
import { settingsProblems } from "../core/settings-check";
import { kindOfTemplate } from "../core/study";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";
import { entriesAt, libraryTaxonomy } from "./library";
import { folderStore } from "./note-store";
import { openVault, type Vault } from "./vault";

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

export async function newVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseNewArgs(args);
  if (parsed === "help") { io.out(NEW_HELP); return 0; }
  const vault = await openVault(parsed.vault, io.cwd, parsed.configDir);
  const settings = vault.settings;
  // Settings edited by hand (or by another version) are refused before the entries are read.
  const problems = settingsProblems(settings);
  if (problems.length > 0) return refusedSettings(problems, io);
  const hints = parsed.useCases.length > 0 ? prefillFromUseCases(vault, parsed) : [];
  if (hints.length > 0) io.err(hints.map((h) => `${h}\n`).join(""));
  const outcome = await createNotes({
    values: {
      kind: parsed.kind, company: parsed.company, title: parsed.title, year: parsed.year, category: parsed.category,
      industry: parsed.industry, tags: parsed.tags, articles: parsed.articles,
      allowNewCategory: parsed.allowNewCategory, allowNewIndustry: parsed.allowNewIndustry, articlesRead: parsed.articlesRead,
    },
    templatePath: settingsTemplate(settings, parsed.kind),
    settings,
    knownPatterns: vault.taxonomy.patterns,
    now: io.now?.() ?? new Date(),
    dryRun: parsed.dryRun,
  }, folderStore(vault));
  if (!outcome.ok) {
    switch (outcome.why) {
      case "settings": return refusedSettings(outcome.problems, io);
      case "invalid": {
        // A template that cannot be used is the vault's problem, not the arguments'.
        const template = outcome.errors.find((e) => e.field === "template");
        if (template) { io.err(`new: ${template.message} Nothing was created.\n`); return 1; }
        io.err(outcome.errors.map((e) => fieldErrorLine(e, parsed, settings) + "\n").join(""));
        return 2;
      }
      case "refused": io.err(`new: ${outcome.message} Nothing was created.\n`); return 1;
      case "failed": io.err(`new: the note could not be created: ${outcome.message}. ${undoneSentence(outcome.left)}\n`); return 1;
    }
  }
  const made = [outcome.path, ...outcome.articles.filter((a) => a.created).map((a) => a.path)];
  const messages = [...outcome.messages];
  for (const a of outcome.articles) if (!a.created) messages.push(`Linked the existing article note "${a.path}" (same page as ${a.url}).`);
  io.out(made.map((p) => `${p}\n`).join(""));
  io.err(messages.map((m) => `${m}\n`).join("") + (parsed.dryRun ? "Dry run: nothing was written.\n" : ""));
  return 0;
}

function refusedSettings(problems: readonly string[], io: CliIo): number {
  io.err(`new: the plugin's settings cannot be used:\n${problems.map((p) => `  ${p}\n`).join("")}Change them in the plugin's settings tab. Nothing was created.\n`);
  return 2;
}
