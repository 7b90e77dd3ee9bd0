/**
 * `use-case-atlas library VAULT …`: the use-case collection of a vault on disk, with which entries
 * are analysed and the coverage (category × industry). The reading is shared with `import` and
 * `new --use-case`: the same core index as the plugin's library view, fed from files.
 */
import { parseArgs } from "node:util";
import { articleFacts, isArticleNote } from "../core/articles";
import { toCsv, toMarkdownTable } from "../core/export";
import { readFrontmatterFast } from "../core/frontmatter-fast";
import {
  citedBy, citingStudies, coverage, detectCollectionFolder, filterLibrary, inCollection, type Library, libraryOf, type LibraryEntry,
  type LibraryFilter, type LibraryTaxonomy, type ListingRow, own, readEntry, resolveCitations, type StudyCitations, type StudyReferences, studyReferences,
} from "../core/library";
import { isStudyType } from "../core/study";
import { type CliIo, UsageError } from "./io";
import { fsProblem } from "./note-file";
import { readText } from "./read-text";
import { openVault, type Vault } from "./vault";

export const LIBRARY_HELP = `Usage: use-case-atlas library VAULT [options]

Lists the vault's use-case collection (the folder of NN_Category/Industry/ notes, as the settings
name it or as found by its layout), which entries an analysis or case study cites, and the
coverage: entries and analysed entries per category × industry.

Options:
  --format markdown|json|csv   output format (default markdown)
  --category X                 only entries of category X
  --industry X                 only entries of industry X ("Others" for those the taxonomy lacks)
  --analysed yes|no            only entries that are (or are not) analysed
  --config-dir DIR             the vault's config folder (default .obsidian)
  --help                       show this help

--format json prints
  {"entries": [{"path", "title", "company", "year", "category", "industry", "industryAsWritten",
    "url", "analysedBy": [paths]}], "coverage": [{"category", "industry", "entries", "analysed"}]}
with entries sorted by path and coverage rows for the cells that hold entries, in taxonomy order;
coverage counts the entries shown.
`;

const FORMATS = ["markdown", "json", "csv"] as const;
type Format = (typeof FORMATS)[number];

function oneOf<T extends string>(verb: string, flag: string, value: string | undefined, allowed: readonly T[], help: string): T | undefined {
  if (value === undefined) return undefined;
  const hit = allowed.find((a) => a === value.trim().toLowerCase());
  if (!hit) throw new UsageError(`${verb}: unknown ${flag} "${value}": use ${allowed.join(", ")}\n\n${help}`);
  return hit;
}

/**
 * A row of the collection as the command prints it, its keys in the order `--format json` gives
 * them (so the rows are written as they are, without a copy each).
 */
export type PrintedRow = Pick<ListingRow, "path" | "title" | "company" | "year" | "category" | "industry" | "industryAsWritten" | "url" | "analysedBy">;

/** The vault's collection as the core's index, read from files. */
export interface VaultLibrary {
  /** The collection's folder, or null when the vault has none. */
  folder: string | null;
  /** The collection as the command prints it (no descriptions or tags: nothing it prints needs them). */
  library: Library<PrintedRow>;
  taxonomy: LibraryTaxonomy;
  /** Notes that could not be read, each with why: skipped, the rest is read. */
  unreadable: { path: string; message: string }[];
}

export function libraryTaxonomy(vault: Vault): LibraryTaxonomy {
  return { categories: vault.settings.taxonomy.categories, industries: vault.settings.taxonomy.industries, industryMap: vault.settings.libraryIndustryMap };
}

/** The collection's folder: the setting's, else the folder found by its layout (null: none). */
export function collectionFolder(vault: Vault): string | null {
  const set = vault.settings.libraryFolder.trim().replace(/\\/g, "/").replace(/^\/+|\/+$/g, "");
  return set !== "" ? set : detectCollectionFolder(vault.notes.map((n) => n.path));
}

const STUDY_KEYS: ReadonlySet<string> = new Set(["type", "url", "articles"]);

/** How many of the collection's notes are read before they are made rows. */
const READ_RUN = 128;

/**
 * Reads the studies' citations and the article notes' addresses, then the collection's entries, a
 * run of notes at a time, each made a row of the library as it is read: neither the entries nor
 * the texts are kept beside the rows (for 10,000 notes, every object kept is copied by each
 * collection of young objects).
 */
export function readVaultLibrary(vault: Vault): VaultLibrary {
  const folder = collectionFolder(vault);
  const taxonomy = libraryTaxonomy(vault);
  // What each study cites, read as the note is read (its text is not kept); resolved once every article note is known.
  const studies: { path: string; refs: StudyReferences }[] = [];
  /** Lower-cased path without `.md`, and lower-cased base name → canonical address of the article note. */
  const articleByPath = new Map<string, string>();
  const articleByName = new Map<string, string>();
  // Notes that cannot be read, with their place in the vault's list: said in that order.
  const unreadable: { at: number; path: string; message: string }[] = [];
  const read = (at: number): string | null => {
    const note = vault.notes[at];
    if (note === undefined) return null;
    try {
      return readText(note.abs);
    } catch (e) {
      unreadable.push({ at, path: note.path, message: `cannot be read (${fsProblem(e)})` });
      return null;
    }
  };
  /** The collection's notes, by their place in the vault's list. */
  const collection: number[] = [];
  vault.notes.forEach((note, at) => {
    if (folder !== null && inCollection(note.path, folder)) { collection.push(at); return; }
    const text = read(at);
    if (text === null) return;
    if (!text.startsWith("---") && !text.startsWith("\ufeff---")) return;
    const fm = readFrontmatterFast(text, STUDY_KEYS);
    if (fm.kind !== "ok") return;
    if (isStudyType(fm.data.type)) studies.push({ path: note.path, refs: studyReferences(text) });
    else if (isArticleNote(fm.data)) {
      const found = articleFacts(fm.data).url;
      if (found === null) return;
      // A string of its own: the note's text is not kept while the collection is read.
      const url = own(found);
      const key = note.path.replace(/\.md$/i, "").toLowerCase();
      articleByPath.set(key, url);
      const name = key.slice(key.lastIndexOf("/") + 1);
      if (!articleByName.has(name)) articleByName.set(name, url);
    }
  });
  const articleUrl = (target: string): string | null => {
    const t = target.trim().replace(/\.md$/i, "").toLowerCase();
    return (t.includes("/") ? articleByPath.get(t) : articleByName.get(t)) ?? null;
  };
  const citing = citingStudies(studies.map((s): StudyCitations => ({ path: s.path, urls: resolveCitations(s.refs, articleUrl) })));
  const rows: PrintedRow[] = [];
  if (folder !== null) {
    // Read in runs: a run of notes read, then made rows. Reading a note between two entries' parsing
    // makes the parsing slower (about 7 % of the command for 10,000 notes, bench/library.bench.ts);
    // a run's texts are all that is kept at once.
    const texts: (string | null)[] = [];
    for (let from = 0; from < collection.length; from += READ_RUN) {
      const to = Math.min(from + READ_RUN, collection.length);
      for (let k = from; k < to; k++) texts[k - from] = read(collection[k] ?? -1);
      for (let k = from; k < to; k++) {
        const text = texts[k - from] ?? null;
        texts[k - from] = null;
        // A listing: the command prints neither the description nor the tags.
        const e = text === null ? null : readEntry(vault.notes[collection[k] ?? -1]?.path ?? "", text, folder, taxonomy, false);
        if (e) {
          rows.push({
            path: e.path, title: e.title, company: e.company, year: e.year, category: e.category, industry: e.industry,
            industryAsWritten: e.industryAsWritten, url: e.url, analysedBy: citedBy(e.canonical, citing),
          });
        }
      }
    }
  }
  unreadable.sort((a, b) => a.at - b.at);
  return { folder, library: libraryOf(rows), taxonomy, unreadable: unreadable.map(({ path, message }) => ({ path, message })) };
}

/** `--use-case PATH` values as entries of the vault's collection; a path that is not one is a usage error. */
export function entriesAt(vault: Vault, paths: readonly string[], verb: string): LibraryEntry[] {
  const folder = collectionFolder(vault);
  const taxonomy = libraryTaxonomy(vault);
  return paths.map((raw) => {
    const path = raw.trim().replace(/\\/g, "/").replace(/^\/+/, "");
    const note = vault.notes.find((n) => n.path === path || n.path.toLowerCase() === path.toLowerCase());
    if (!note) throw new UsageError(`${verb}: --use-case ${raw}: no such note in the vault`);
    const entry = folder === null ? null : readEntry(note.path, readText(note.abs), folder, taxonomy);
    if (!entry) {
      throw new UsageError(`${verb}: --use-case ${raw}: not a note of the use-case collection${folder === null ? " (the vault has none)" : ` (${folder}/NN_Category/Industry/…, with a Metadata block and a Link section)`}`);
    }
    return entry;
  });
}

/**
 * `--format json`: the rows as they are (`PrintedRow`: their keys in the documented order, path …
 * analysedBy), then the coverage. Plain objects, without a replacer: `JSON.stringify` has a fast
 * path for them (a key list as the replacer was slower, cold and warm, for 10,000 rows).
 */
function asJson(rows: readonly PrintedRow[], taxonomy: LibraryTaxonomy): string {
  const cells = coverage(rows, taxonomy).map((c) => ({ category: c.category, industry: c.industry, entries: c.entries, analysed: c.analysed }));
  return JSON.stringify({ entries: rows, coverage: cells }, null, 2) + "\n";
}

const HEADER = ["Path", "Year", "Company", "Title", "Category", "Industry", "Industry as written", "URL", "Analysed by"];
const cells = (r: PrintedRow): string[] => [r.path, r.year === null ? "" : String(r.year), r.company, r.title, r.category, r.industry, r.industryAsWritten, r.url, r.analysedBy.join("; ")];

/** The coverage as a Markdown heat table: categories × industries, `analysed/entries` per cell. */
export function coverageMarkdown(rows: readonly PrintedRow[], taxonomy: LibraryTaxonomy): string {
  const cellsOf = coverage(rows, taxonomy);
  const categories = [...new Set(cellsOf.map((c) => c.category))];
  const industries = [...new Set(cellsOf.map((c) => c.industry))];
  const order = new Map(taxonomy.industries.map((x, i) => [x, i]));
  industries.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(cellsOf.map((c) => [`${c.category}\u0000${c.industry}`, c]));
  return toMarkdownTable({
    header: ["Category", ...industries],
    rows: categories.map((cat) => [cat, ...industries.map((ind) => {
      const c = at.get(`${cat}\u0000${ind}`);
      return c ? `${c.analysed}/${c.entries}` : "";
    })]),
  });
}

type Options = Record<string, { type: "string" } | { type: "boolean"; short?: string }>;

/**
 * Node's `util.parseArgs`, strict, its errors said as the other verbs say them (exit 2 with the
 * verb's help): "unknown option --x", "--x needs a value".
 */
export function verbArgs<O extends Options>(verb: string, help: string, args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    const said = code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? `unknown option ${flag}`
      : code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" ? `${flag} needs a value` : message;
    throw new UsageError(`${verb}: ${said}\n\n${help}`);
  }
}

export async function libraryVerb(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = verbArgs("library", LIBRARY_HELP, args, {
    format: { type: "string" }, category: { type: "string" }, industry: { type: "string" }, analysed: { type: "string" },
    "config-dir": { type: "string" }, help: { type: "boolean", short: "h" },
  });
  if (values.help) { io.out(LIBRARY_HELP); return 0; }
  if (positionals.length !== 1) throw new UsageError(`library: give exactly one vault folder\n\n${LIBRARY_HELP}`);
  const format: Format = oneOf("library", "--format", values.format, FORMATS, LIBRARY_HELP) ?? "markdown";
  const analysed = oneOf("library", "--analysed", values.analysed, ["yes", "no"] as const, LIBRARY_HELP);
  const filter: LibraryFilter = {};
  if (values.category !== undefined) filter.category = values.category;
  if (values.industry !== undefined) filter.industry = values.industry;
  if (analysed !== undefined) filter.analysed = analysed === "yes";

  const vault = await openVault(positionals[0], io.cwd, values["config-dir"] ?? ".obsidian");
  const { folder, library, taxonomy, unreadable } = readVaultLibrary(vault);
  // Every note that could not be read, one line each; the rest is listed, and the exit code says so.
  for (const u of [...vault.unreadable, ...unreadable.map((u) => ({ path: u.path, message: `skipped, ${u.message}` }))]) io.err(`${u.path}: ${u.message}\n`);
  const failed = vault.unreadable.length > 0 || unreadable.length > 0 ? 1 : 0;
  if (folder === null || library.rows.length === 0) {
    io.err(`library: no use-case collection in ${positionals[0]}${folder === null ? "" : ` (looked in "${folder || "the vault's root"}")`}: set the collection folder in the plugin's settings, or import the database with "use-case-atlas import".\n`);
    return 1;
  }
  for (const [flag, value, list] of [["--category", filter.category, taxonomy.categories], ["--industry", filter.industry, taxonomy.industries]] as const) {
    if (value !== undefined && !list.some((x) => x.toLowerCase() === value.trim().toLowerCase()) && !library.rows.some((r) => (flag === "--category" ? r.category : r.industry).toLowerCase() === value.trim().toLowerCase())) {
      throw new UsageError(`library: ${flag} "${value}" is neither in the taxonomy nor in the collection (${list.join(", ")})`);
    }
  }
  const rows = filterLibrary(library.rows, filter);
  if (format === "json") io.out(asJson(rows, taxonomy));
  else if (format === "csv") io.out(toCsv({ header: HEADER, rows: rows.map(cells) }));
  else {
    io.out(`${toMarkdownTable({ header: HEADER, rows: rows.map(cells) })}\n## Coverage (analysed/entries)\n\n${coverageMarkdown(rows, taxonomy)}`);
  }
  return failed;
}
