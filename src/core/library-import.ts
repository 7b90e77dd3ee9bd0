/**
 * Importing the public use-case database (a CSV) as the collection's notes: one note per row of
 * the chosen years, filed at `NN_Category/Industry/YYYY_Company_Title.md` by the category rules.
 * A plan, never a write: the plugin and the command-line tool carry it out, creating files only
 * (nothing is ever overwritten). Rows whose address the collection already holds in that category
 * are left alone and reported, so a second import plans nothing.
 */
import { oneLine, originalHref } from "./articles";
import { parseCsv } from "./csv";
import { uniquePath } from "./filename";
import type { CategoryRule } from "./library-rules";
import { canonicalUrl } from "./url";

/** The year the collection starts at: rows before it are not filed unless asked. */
export const COLLECTION_SINCE = 2022;
/** The collection's folder when the settings name none and the vault has none yet. */
export const DEFAULT_COLLECTION_FOLDER = "ML_LLM_Use_Cases_2022+";
const TITLE_PART_MAX = 100;
const FOOTER = "*This use case is part of the ML and LLM Use Cases collection (2022+)*";

const COLUMNS = {
  company: "company",
  industry: "industry",
  description: "short description",
  title: "title",
  tag: "tag",
  year: "year",
  link: "link",
} as const;
type Column = keyof typeof COLUMNS;

export interface ImportOptions {
  /** The collection's folder in the vault ("" for the root). */
  folder: string;
  /** Rows of earlier years are not filed. */
  since: number;
  rules: readonly CategoryRule[];
  /** The taxonomy's categories: a category's folder number is its place there. */
  categories: readonly string[];
}

/** What the collection already holds: its entries' canonical addresses by category, and every path (to avoid). */
export interface ImportExisting {
  entries: readonly { path: string; canonical: string | null; category: string }[];
  /** Whether a path is taken (the caller compares without case, to be safe on every file system). */
  taken(path: string): boolean;
}

export interface PlannedNote {
  /** CSV line the row starts on. */
  line: number;
  path: string;
  text: string;
}

export interface ImportPlan {
  notes: PlannedNote[];
  /** Rows whose address is already in that category: left alone. */
  present: { line: number; path: string; url: string }[];
  /** Rows that cannot be filed, with why. */
  bad: { line: number; message: string }[];
  /** Rows before `since`. */
  older: number;
}

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; message: string };

/** Letters, digits, `_`, `-` and white space stay; every run of white space becomes one `_`. */
function namePart(text: string): string {
  return text.trim().replace(/[^\p{L}\p{M}\p{Nd}_\-\s]/gu, "").trim().replace(/\s+/g, "_");
}

/** Characters no file system takes in a folder name. */
function folderPart(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is dropped
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim();
}

/** `Delivery and mobility,Banking and finance` → `Delivery_and_mobility_Banking_and_finance`. */
export function industryFolder(industry: string): string {
  return folderPart(industry.replace(/,/g, " ").trim()).replace(/\s/g, "_") || "Others";
}

/** `Search and Retrieval` (third in the taxonomy) → `03_Search_and_Retrieval`. */
export function categoryFolder(category: string, options: Pick<ImportOptions, "categories" | "rules">): string {
  const lower = category.toLowerCase();
  let at = options.categories.findIndex((c) => c.toLowerCase() === lower);
  if (at < 0) at = options.rules.findIndex((r) => r.category.toLowerCase() === lower);
  return `${String(at + 1).padStart(2, "0")}_${folderPart(category).replace(/\s+/g, "_")}`;
}

/** The first rule whose tags meet the row's; else the catch-all rule (one without tags). */
export function categoryFor(tagCell: string, rules: readonly CategoryRule[]): string {
  const tags = new Set(tagCell.split(",").map((t) => t.trim().toLowerCase()).filter((t) => t !== ""));
  const hit = rules.find((r) => r.tags.some((t) => tags.has(t.trim().toLowerCase())));
  return (hit ?? rules.find((r) => r.tags.length === 0) ?? { category: "Specialized" }).category;
}

/** `{Year}_{Company}_{Title}`: letters, digits, `_`, `-` only, white space as `_`, the title part at most 100 characters. */
export function entryFileName(year: number, company: string, title: string): string {
  const t = [...namePart(title)].slice(0, TITLE_PART_MAX).join("");
  return `${year}_${namePart(company)}_${t}`;
}

/**
 * A collection note as the collection writes one. `verbatim`: every value exactly as the database
 * holds it (line breaks and trailing spaces kept), as the collection's own generator wrote its
 * notes; else each value on one line, which is what an import writes.
 */
export function entryNoteText(row: { title: string; company: string; industry: string; year: number; tags: string; description: string; link: string }, verbatim = false): string {
  const v = verbatim ? (s: string): string => s : oneLine;
  const trimmed = row.link.trim();
  const link = verbatim ? row.link : /[\s()<>]/.test(trimmed) ? originalHref(trimmed) : trimmed;
  return [
    `# ${v(row.title)}`,
    "",
    "## Metadata",
    `- **Company**: ${v(row.company)}`,
    `- **Industry**: ${v(row.industry)}`,
    `- **Year**: ${row.year}`,
    `- **Tags**: ${v(row.tags)}`,
    "",
    "## Short Description",
    v(row.description),
    "",
    "## Link",
    `[Read the full article](${link})`,
    "",
    "---",
    FOOTER,
    "",
  ].join("\n");
}

function findColumns(header: readonly string[]): { ok: true; at: Record<Column, number> } | { ok: false; message: string } {
  const names = header.map((h) => h.trim().toLowerCase());
  const at = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [key, name] of Object.entries(COLUMNS) as [Column, string][]) {
    const i = names.findIndex((h) => h === name || (key === "description" && h.startsWith(name)));
    if (i < 0) missing.push(name === "short description" ? "Short Description (< 5 words)" : name[0]?.toUpperCase() + name.slice(1));
    at[key] = i;
  }
  if (missing.length > 0) {
    return { ok: false, message: `the CSV's first line lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected: Company,Industry,Short Description (< 5 words),Title,Tag,Year,Link)` };
  }
  return { ok: true, at };
}

/** What an import of `csvText` would write into the collection; nothing when the CSV itself cannot be read. */
export function planImport(csvText: string, existing: ImportExisting, options: ImportOptions): ImportResult {
  const parsed = parseCsv(csvText);
  if (!parsed.ok) return { ok: false, message: `line ${parsed.line}: ${parsed.message}` };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, message: "the CSV is empty" };
  const columns = findColumns(header.cells);
  if (!columns.ok) return columns;
  const at = columns.at;

  const plan: ImportPlan = { notes: [], present: [], bad: [], older: 0 };
  const inCategory = new Map<string, string>();
  for (const e of existing.entries) if (e.canonical) inCategory.set(`${e.category.toLowerCase()}\u0000${e.canonical}`, e.path);
  const planned = new Set<string>();
  const prefix = options.folder === "" ? "" : `${options.folder}/`;

  for (const row of rows) {
    const cell = (c: Column): string => row.cells[at[c]] ?? "";
    const yearText = cell("year").trim();
    if (!/^\d{4}$/.test(yearText)) { plan.bad.push({ line: row.line, message: `the year "${oneLine(yearText)}" is not a 4-digit year` }); continue; }
    const year = Number(yearText);
    if (year < options.since) { plan.older++; continue; }
    const title = oneLine(cell("title"));
    if (title === "") { plan.bad.push({ line: row.line, message: "the row has no title" }); continue; }
    const link = cell("link").trim();
    const url = canonicalUrl(link);
    if (!url.ok) { plan.bad.push({ line: row.line, message: url.message }); continue; }
    const category = categoryFor(cell("tag"), options.rules);
    const key = `${category.toLowerCase()}\u0000${url.url}`;
    const there = inCategory.get(key);
    if (there !== undefined) { plan.present.push({ line: row.line, path: there, url: link }); continue; }

    const industry = oneLine(cell("industry"));
    const folder = `${prefix}${categoryFolder(category, options)}/${industryFolder(industry)}`;
    const wanted = `${folder}/${entryFileName(year, cell("company"), title)}.md`;
    const path = uniquePath(wanted, (p) => planned.has(p.toLowerCase()) || existing.taken(p));
    planned.add(path.toLowerCase());
    inCategory.set(key, path);
    plan.notes.push({
      line: row.line, path,
      text: entryNoteText({ title, company: cell("company"), industry, year, tags: cell("tag"), description: cell("description"), link }),
    });
  }
  return { ok: true, plan };
}

/**
 * A folder of the vault as the user gives it (`/` or `\\`, `./`, a trailing `/`), vault-relative
 * with `/`; "" the vault's root; null when it leads out of the vault (absolute, a drive, `..`).
 */
export function vaultFolderPath(raw: string): string | null {
  const p = raw.trim().replace(/\\/g, "/").replace(/\/+/g, "/").replace(/^\.\/|\/$/g, "");
  if (p.startsWith("/") || /^[a-z]:/i.test(p) || p.split("/").some((s) => s === "..")) return null;
  return p === "." ? "" : p;
}
