/**
 * The comparison's options, as the view saves them, a code block writes them and the command line
 * passes them: what to show (the tab), which studies (the filter), and how (group, sort, columns).
 * Parsing accepts its own output and says what would be accepted when it refuses something.
 */
import type { StudyType } from "./study";
import { ANALYSIS_TYPE, CASE_STUDY_TYPE } from "./study";
import { tidy } from "./study-read";

/** Every tab, in the order the view shows them; each has one definition in `tabs/`. */
export const COMPARE_TABS = ["matrix", "pivot", "cooccurrence", "stack", "trends"] as const;
export type CompareTab = (typeof COMPARE_TABS)[number];
export type GroupBy = "category" | "industry" | "year";
export type PivotBy = "industry" | "category" | "year";
export type SortDirection = "asc" | "desc";

export const GROUP_BYS: readonly GroupBy[] = ["category", "industry", "year"];
export const PIVOT_BYS: readonly PivotBy[] = ["industry", "category", "year"];

export interface CompareFilter {
  /** Study's category is one of these (case-insensitive). */
  categories?: string[];
  industries?: string[];
  /** Inclusive year range; a study without a year fails any year bound. */
  yearFrom?: number;
  yearTo?: number;
  /** Substring of the company, case-insensitive. */
  company?: string;
  /** The study has ALL of these patterns (case-insensitive). */
  patterns?: string[];
  types?: StudyType[];
}

export interface SortSpec {
  /**
   * A fixed column id (`name`, `company`, `category`, `industry`, `year`, `completeness`, `type`)
   * or a pattern label (case-insensitive). On a pattern column `asc` puts checked rows first.
   * On the pivot tab: `pattern`, `total` or a column value; on co-occurrence: `pattern`, `count`.
   */
  column: string;
  direction: SortDirection;
}

export interface CompareOptions {
  tab: CompareTab;
  filter: CompareFilter;
  groupBy?: GroupBy | null;
  sort?: SortSpec;
  pivotBy?: PivotBy;
  /**
   * Visible columns: pattern labels or group names (incl. "Other"), and fixed columns by id or
   * label (company, category, industry, year, completeness). Default all; naming any pattern or
   * group shows only those patterns, naming any fixed column shows only those (the study's name
   * always).
   */
  columns?: string[];
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { tab: "matrix", filter: {}, groupBy: null, pivotBy: "industry" };

export type ParseOptionsResult = { ok: true; options: CompareOptions } | { ok: false; message: string };

export type FilterKey = keyof CompareFilter;

/** The fixed columns' ids (`type` sorts but is not shown). */
export const FIXED_IDS: readonly string[] = ["name", "type", "company", "category", "industry", "year", "completeness"];

// ---------------------------------------------------------------------------------------------
// Parsing options (code block YAML, saved view state)

const OPTION_KEYS = ["tab", "filter", "group", "groupBy", "sort", "columns", "pivot", "pivotBy"] as const;
const FILTER_KEYS: Record<string, FilterKey> = {
  category: "categories", categories: "categories",
  industry: "industries", industries: "industries",
  yearfrom: "yearFrom", yearto: "yearTo", year: "yearFrom",
  company: "company",
  pattern: "patterns", patterns: "patterns",
  type: "types", types: "types",
};

export const orList = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

class OptionError extends Error {}

function enumValue<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v !== "string") throw new OptionError(`${what} must be one of ${orList(allowed)}`);
  const t = v.trim().toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === t);
  if (!hit) throw new OptionError(`Unknown ${what} "${v}": use ${orList(allowed)}`);
  return hit;
}

function stringsOf(v: unknown, what: string): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) {
    if (typeof x === "number") out.push(String(x));
    else if (typeof x === "string") { const t = tidy(x); if (t !== "") out.push(t); }
    else throw new OptionError(`${what} must be text or a list of text`);
  }
  return out;
}

function yearValue(v: unknown, what: string): number {
  const n = typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) throw new OptionError(`${what} must be a whole year, e.g. 2024`);
  return n;
}

function parseFilter(v: unknown): CompareFilter {
  if (v === null || v === undefined) return {};
  if (!isRecord(v)) throw new OptionError("filter must be a map, e.g. filter: {category: Search and Retrieval}");
  const f: CompareFilter = {};
  for (const [rawKey, value] of Object.entries(v)) {
    if (value === null || value === undefined) continue;
    const key = FILTER_KEYS[rawKey.toLowerCase().replace(/[\s_-]/g, "")];
    if (!key) throw new OptionError(`Unknown filter "${rawKey}": use category, industry, year, yearFrom, yearTo, company, pattern or type`);
    if (rawKey.toLowerCase() === "year") {
      // `year: 2024`, `year: 2020-2024`, `year: {from: 2020, to: 2024}`
      if (isRecord(value)) {
        for (const k of Object.keys(value)) if (k !== "from" && k !== "to") throw new OptionError(`Unknown key "${k}" in filter year: use from and to`);
        if (value.from !== undefined && value.from !== null) f.yearFrom = yearValue(value.from, "filter year.from");
        if (value.to !== undefined && value.to !== null) f.yearTo = yearValue(value.to, "filter year.to");
      } else if (typeof value === "string" && /^\s*\d+\s*(-|–|\.\.)\s*\d+\s*$/.test(value)) {
        const [a, b] = value.split(/-|–|\.\./).map((x) => Number(x.trim()));
        f.yearFrom = a; f.yearTo = b;
      } else {
        f.yearFrom = f.yearTo = yearValue(value, "filter year");
      }
      continue;
    }
    switch (key) {
      case "categories": case "industries": case "patterns": {
        const list = stringsOf(value, `filter ${rawKey}`);
        if (list.length > 0) f[key] = list;
        break;
      }
      case "yearFrom": case "yearTo": f[key] = yearValue(value, `filter ${rawKey}`); break;
      case "company": {
        if (typeof value !== "string" && typeof value !== "number") throw new OptionError("filter company must be text");
        const t = tidy(String(value));
        if (t !== "") f.company = t;
        break;
      }
      case "types": {
        const list = stringsOf(value, `filter ${rawKey}`).map((t) => {
          const l = t.toLowerCase();
          if (l === "analysis" || l === ANALYSIS_TYPE) return ANALYSIS_TYPE;
          if (l === CASE_STUDY_TYPE || l === "case study") return CASE_STUDY_TYPE;
          throw new OptionError(`Unknown type "${t}": use ${ANALYSIS_TYPE} or ${CASE_STUDY_TYPE}`);
        });
        if (list.length > 0) f.types = [...new Set(list)];
        break;
      }
    }
  }
  if (f.yearFrom !== undefined && f.yearTo !== undefined && f.yearFrom > f.yearTo) {
    throw new OptionError(`The year range is empty: from ${f.yearFrom} is after to ${f.yearTo}`);
  }
  return f;
}

function parseSort(v: unknown): SortSpec | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") {
    // `year`, `year desc`, `-year` (descending)
    const s = v.trim();
    if (s === "") return undefined;
    const m = /^(.*?)\s+(asc|desc|ascending|descending)$/i.exec(s);
    if (m) return { column: tidy(m[1] ?? ""), direction: (m[2] ?? "").toLowerCase().startsWith("desc") ? "desc" : "asc" };
    if (s.startsWith("-")) return { column: tidy(s.slice(1)), direction: "desc" };
    return { column: tidy(s), direction: "asc" };
  }
  if (!isRecord(v)) throw new OptionError("sort must be a column name, e.g. sort: year desc");
  for (const k of Object.keys(v)) if (k !== "column" && k !== "direction") throw new OptionError(`Unknown key "${k}" in sort: use column and direction`);
  if (typeof v.column !== "string" || tidy(v.column) === "") throw new OptionError("sort needs a column, e.g. sort: {column: year, direction: desc}");
  const direction = v.direction === undefined || v.direction === null ? "asc" : enumValue(v.direction, ["asc", "desc"] as const, "sort direction");
  return { column: tidy(v.column), direction };
}

/**
 * Reads options from a code block's YAML or from saved view state; accepts its own output.
 * Keys: `tab`, `filter` (category, industry, year, yearFrom, yearTo, company, pattern, type),
 * `group` (or `groupBy`), `sort`, `columns`, `pivot` (or `pivotBy`). Unknown keys and values
 * are errors with a message that says what would be accepted.
 */
export function parseCompareOptions(input: unknown): ParseOptionsResult {
  try {
    if (input === null || input === undefined) return { ok: true, options: { ...DEFAULT_COMPARE_OPTIONS, filter: {} } };
    if (!isRecord(input)) return { ok: false, message: "Options must be a map, e.g. tab: matrix" };
    for (const k of Object.keys(input)) {
      if (!(OPTION_KEYS as readonly string[]).includes(k)) {
        return { ok: false, message: `Unknown option "${k}": use tab, filter, group, sort, columns or pivot` };
      }
    }
    const options: CompareOptions = {
      tab: input.tab === undefined || input.tab === null ? "matrix" : enumValue(input.tab, COMPARE_TABS, "tab"),
      filter: parseFilter(input.filter),
      groupBy: null,
      pivotBy: "industry",
    };
    const group = input.group ?? input.groupBy;
    if (group !== undefined && group !== null && group !== "" && group !== "none") options.groupBy = enumValue(group, GROUP_BYS, "group");
    const pivot = input.pivot ?? input.pivotBy;
    if (pivot !== undefined && pivot !== null) options.pivotBy = enumValue(pivot, PIVOT_BYS, "pivot");
    const sort = parseSort(input.sort);
    if (sort) options.sort = sort;
    if (input.columns !== undefined && input.columns !== null) options.columns = stringsOf(input.columns, "columns");
    return { ok: true, options };
  } catch (e) {
    if (e instanceof OptionError) return { ok: false, message: e.message };
    throw e;
  }
}
