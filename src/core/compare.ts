/**
 * The comparison tables, as plain data: the view, the code-block embedding, the exports and the
 * command-line tool all render these. Every table is computed over the FILTERED studies; the
 * pattern columns come from the taxonomy plus every unknown pattern found in any study, so that
 * filtering never moves columns around.
 */
import type { Study, StudyContext, StudyType } from "./study";
import { ANALYSIS_TYPE, CASE_STUDY_TYPE } from "./study";
import { tidy } from "./study-read";

// ---------------------------------------------------------------------------------------------
// Options

export type CompareTab = "matrix" | "pivot" | "cooccurrence" | "stack";
export type GroupBy = "category" | "industry" | "year";
export type PivotBy = "industry" | "category" | "year";
export type SortDirection = "asc" | "desc";

export const COMPARE_TABS: readonly CompareTab[] = ["matrix", "pivot", "cooccurrence", "stack"];
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

// ---------------------------------------------------------------------------------------------
// Results

export type FixedColumnId = "name" | "type" | "company" | "category" | "industry" | "year" | "completeness";

/** The matrix's fixed columns, in display order. `type` is sortable but not shown as a column. */
export const FIXED_COLUMNS: readonly { id: FixedColumnId; label: string }[] = [
  { id: "name", label: "Study" },
  { id: "company", label: "Company" },
  { id: "category", label: "Category" },
  { id: "industry", label: "Industry" },
  { id: "year", label: "Year" },
  { id: "completeness", label: "Completeness" },
];

/** Group name of the column of patterns that the taxonomy does not know. */
export const OTHER_GROUP = "Other";

export interface PatternColumn {
  /** Canonical label (taxonomy spelling; for unknown patterns the most common spelling). */
  label: string;
  group: string;
  /** False for patterns found in studies but not in the taxonomy. */
  known: boolean;
  /** Visible (filtered) studies with this pattern. */
  count: number;
  /** count / visible studies; 0 when no study is visible. */
  share: number;
}

export interface PatternColumnGroup {
  name: string;
  /** Indices into `patternColumns`. */
  columns: number[];
}

/** One matrix row. Rows are cached per study and shared between results: read them, do not change them. */
export interface MatrixRow {
  study: Study;
  /** Aligned with `patternColumns`: true when the study has that pattern. */
  checked: boolean[];
  /** Checked checklist items / total; null when unknown (body not read, or no checklist). */
  completeness: number | null;
}

export interface MatrixGroup {
  /** Lower-cased category/industry, the year, or null for "none". */
  key: string | number | null;
  /** Display label: the taxonomy's spelling, the year, or "No category"/"No industry"/"No year". */
  label: string;
  rows: MatrixRow[];
  /** Per pattern column: studies in this group with that pattern (the subtotal). */
  counts: number[];
}

export type FilterKey = keyof CompareFilter;

interface EmptyInfo {
  /** Set when filters hide every study, e.g. "No study matches category = Gaming"; null otherwise. */
  emptyReason: string | null;
  /** The filter keys named by `emptyReason`. */
  emptyFilters: FilterKey[];
  /** Studies after filtering / before. `totalCount` 0 means the vault has no studies yet. */
  visibleCount: number;
  totalCount: number;
}

export interface MatrixResult extends EmptyInfo {
  kind: "matrix";
  fixedColumns: readonly { id: FixedColumnId; label: string }[];
  /** Visible pattern columns, grouped in template order, "Other" last. */
  patternColumns: PatternColumn[];
  patternGroups: PatternColumnGroup[];
  /** Sorted rows; when grouped, the groups' rows one after the other. */
  rows: MatrixRow[];
  /** Null when not grouped. */
  groups: MatrixGroup[] | null;
  /** Names in `options.columns` that matched no pattern or group. */
  unknownColumns: string[];
  options: CompareOptions;
}

export interface PivotRow {
  pattern: PatternColumn;
  /** Per column value: studies with the pattern. */
  counts: number[];
  /** Studies with the pattern (across all columns). */
  total: number;
  /** Row-normalised: counts[i] / total (0 when total is 0); a row sums to 1. */
  shares: number[];
  /** counts[i] / studies in column i: how common the pattern is within that value. */
  columnShares: number[];
}

export interface PivotResult extends EmptyInfo {
  kind: "pivot";
  by: PivotBy;
  /** Column values present among the visible studies (taxonomy order; years ascending; "none" last). */
  columns: { key: string | number | null; label: string; studies: number }[];
  rows: PivotRow[];
  unknownColumns: string[];
  options: CompareOptions;
}

export interface CooccurrenceResult extends EmptyInfo {
  kind: "cooccurrence";
  patterns: PatternColumn[];
  /** counts[a][b]: visible studies with both patterns; counts[a][a] = pattern a's count. */
  counts: number[][];
  /** P(a∧b) / (P(a)·P(b)); null when either pattern has no study. */
  lift: (number | null)[][];
  /** Paths of the visible studies, sorted; `members[a]` indexes into it (ascending). */
  studyPaths: string[];
  members: number[][];
  unknownColumns: string[];
  options: CompareOptions;
}

export interface StackTechnology {
  technology: string;
  /** Visible studies naming this technology for this component. */
  count: number;
  studies: string[];
}

export interface StackComponent {
  component: string;
  /** Visible studies with this component in their stack table. */
  count: number;
  technologies: StackTechnology[];
}

export interface StackResult extends EmptyInfo {
  kind: "stack";
  /** Components by study count (most first), technologies likewise. */
  components: StackComponent[];
  /** Every technology (display spelling), by study count. */
  technologies: string[];
  /** Visible studies whose body has been read (stack facts known). */
  studiesWithBody: number;
  options: CompareOptions;
}

export type CompareResult = MatrixResult | PivotResult | CooccurrenceResult | StackResult;

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
const FIXED_IDS: readonly string[] = ["name", "type", "company", "category", "industry", "year", "completeness"];

const orList = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);
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

// ---------------------------------------------------------------------------------------------
// Filtering

const lower = (s: string): string => s.toLowerCase();

/**
 * `lower` for pattern labels, remembered: the same few labels (mostly the taxonomy's own strings)
 * recur in every study, and lower-casing each again was a tenth of `table --format json`'s time.
 */
const lowerLabels = new Map<string, string>();
function lowerLabel(s: string): string {
  let l = lowerLabels.get(s);
  if (l === undefined) {
    l = s.toLowerCase();
    if (lowerLabels.size < 10_000) lowerLabels.set(s, l);
  }
  return l;
}

/**
 * Lower-cased keys of a study, computed once per Study object. Studies are values: the index
 * replaces the object on every change, so a cached entry can never go stale (and the cache makes
 * a re-render after one change cost one study's keys, not all of them).
 */
interface StudyKeys {
  name: string;
  company: string | null;
  category: string | null;
  industry: string | null;
}
const keyCache = new WeakMap<Study, StudyKeys>();
const patternKeyCache = new WeakMap<Study, string[]>();

function keysOf(s: Study): StudyKeys {
  let k = keyCache.get(s);
  if (!k) {
    k = {
      name: lower(s.name),
      company: s.company === null ? null : lower(s.company),
      category: s.category === null ? null : lower(s.category),
      industry: s.industry === null ? null : lower(s.industry),
    };
    keyCache.set(s, k);
  }
  return k;
}

/** The study's pattern labels, lower-cased (apart from `keysOf`: the pattern counts need only these). */
function patternKeysOf(s: Study): string[] {
  let k = patternKeyCache.get(s);
  if (!k) {
    k = s.patterns.map(lowerLabel);
    patternKeyCache.set(s, k);
  }
  return k;
}

type Predicate = (s: Study) => boolean;

interface Clause { key: FilterKey; description: string; test: Predicate }

/** One clause per active filter, each with its human description ("category = Gaming"). */
function clausesOf(filter: CompareFilter): Clause[] {
  const out: Clause[] = [];
  const oneOf = (key: FilterKey, name: string, values: string[] | undefined, get: (s: Study) => string | null): void => {
    if (!values || values.length === 0) return;
    const set = new Set(values.map(lower));
    out.push({
      key,
      description: values.length === 1 ? `${name} = ${values[0]}` : `${name} is ${orList(values)}`,
      test: (s) => { const v = get(s); return v !== null && set.has(v); },
    });
  };
  oneOf("categories", "category", filter.categories, (s) => keysOf(s).category);
  oneOf("industries", "industry", filter.industries, (s) => keysOf(s).industry);
  const { yearFrom, yearTo } = filter;
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom === yearTo) {
    out.push({ key: "yearFrom", description: `year = ${yearFrom}`, test: (s) => s.year === yearFrom });
  } else {
    if (yearFrom !== undefined) out.push({ key: "yearFrom", description: `year ≥ ${yearFrom}`, test: (s) => s.year !== null && s.year >= yearFrom });
    if (yearTo !== undefined) out.push({ key: "yearTo", description: `year ≤ ${yearTo}`, test: (s) => s.year !== null && s.year <= yearTo });
  }
  if (filter.company !== undefined && filter.company !== "") {
    const needle = lower(filter.company);
    out.push({ key: "company", description: `company contains "${filter.company}"`, test: (s) => { const c = keysOf(s).company; return c !== null && c.includes(needle); } });
  }
  if (filter.patterns && filter.patterns.length > 0) {
    for (const p of filter.patterns) {
      const key = lower(p);
      out.push({ key: "patterns", description: `has ${p}`, test: (s) => patternKeysOf(s).includes(key) });
    }
  }
  if (filter.types && filter.types.length > 0) {
    const types = filter.types;
    out.push({ key: "types", description: types.length === 1 ? `type = ${types[0]}` : `type is ${orList(types)}`, test: (s) => types.includes(s.type) });
  }
  return out;
}

export interface FilterOutcome extends EmptyInfo {
  studies: Study[];
}

/** The studies passing every filter, and when none does, which filter(s) to blame. */
export function applyFilter(studies: readonly Study[], filter: CompareFilter): FilterOutcome {
  const clauses = clausesOf(filter);
  const visible = clauses.length === 0 ? [...studies] : studies.filter((s) => clauses.every((c) => c.test(s)));
  let emptyReason: string | null = null;
  let emptyFilters: FilterKey[] = [];
  if (visible.length === 0 && studies.length > 0 && clauses.length > 0) {
    const alone = clauses.filter((c) => !studies.some(c.test));
    const blamed = alone.length > 0 ? alone : clauses;
    emptyReason = `No study matches ${blamed.map((c) => c.description).join(" and ")}`;
    emptyFilters = [...new Set(blamed.map((c) => c.key))];
  }
  return { studies: visible, emptyReason, emptyFilters, visibleCount: visible.length, totalCount: studies.length };
}

/** A filter in words, e.g. "category = Gaming and year ≥ 2025"; "" when nothing is filtered. */
export function describeFilter(filter: CompareFilter): string {
  return clausesOf(filter).map((c) => c.description).join(" and ");
}

// ---------------------------------------------------------------------------------------------
// Pattern columns

interface ColumnPlan {
  /** Every column (known patterns in template order, then unknown ones), before `options.columns`. */
  all: { label: string; group: string; known: boolean }[];
  /** Indices into `all` that are visible, in display order. */
  visible: number[];
  /** Lower-cased label → index into `visible` (−1 when hidden). */
  indexOf: Map<string, number>;
  unknownColumns: string[];
  /** Fixed columns named in `columns` (null: none named, all are shown). */
  fixed: FixedColumnId[] | null;
  /** Same number for plans with the same visible columns: keys the per-study caches below. */
  id: number;
}

/** Plan signatures (visible labels) → small numbers, so a cache check is one comparison. */
const planIds = new Map<string, number>();

function planId(labels: string[]): number {
  const key = labels.join("\u0000");
  let id = planIds.get(key);
  if (id === undefined) {
    // Bounded: column sets change when the user edits the taxonomy, not per render.
    if (planIds.size > 1000) planIds.clear();
    id = planIds.size + 1;
    planIds.set(key, id);
  }
  return id;
}

/**
 * Patterns found in studies but not in the taxonomy: one column each, in their most common
 * spelling, sorted by label. Cached per studies array (the index hands out the same array until
 * something changes) and known-label set.
 */
const unknownCache = new WeakMap<readonly Study[], { known: Set<string>; labels: string[] }>();

function unknownPatterns(studies: readonly Study[], known: Set<string>, knownLabels: ReadonlySet<string>): string[] {
  const cached = unknownCache.get(studies);
  if (cached && sameSet(cached.known, known)) return cached.labels;
  const spellings = new Map<string, Map<string, number>>();
  for (const s of studies) {
    for (const p of s.patterns) {
      // Most labels are the taxonomy's own strings (studies hold canonical spellings): no lower-casing.
      if (knownLabels.has(p)) continue;
      const key = lowerLabel(p);
      if (known.has(key)) continue;
      let m = spellings.get(key);
      if (!m) { m = new Map(); spellings.set(key, m); }
      m.set(p, (m.get(p) ?? 0) + 1);
    }
  }
  const labels = [...spellings.values()].map(mostCommon).sort(byText);
  unknownCache.set(studies, { known: new Set(known), labels });
  return labels;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function planColumns(studies: readonly Study[], ctx: StudyContext, columns: string[] | undefined): ColumnPlan {
  const all: ColumnPlan["all"] = [];
  const seen = new Set<string>();
  for (const p of ctx.patterns) {
    const key = lower(p.label);
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ label: p.label, group: p.group, known: true });
  }
  const unknown = unknownPatterns(studies, seen, new Set(all.map((c) => c.label)));
  for (const label of unknown) all.push({ label, group: OTHER_GROUP, known: false });


  // Group order: template groups first (in their order), then "Other".
  const groupOrder: string[] = [];
  for (const c of all) if (!groupOrder.includes(c.group)) groupOrder.push(c.group);
  const ordered = groupOrder.flatMap((g) => all.map((c, i) => (c.group === g ? i : -1)).filter((i) => i >= 0));

  let visible = ordered;
  const unknownColumns: string[] = [];
  let fixed: FixedColumnId[] | null = null;
  if (columns && columns.length > 0) {
    const wanted = new Set<number>();
    let patternNamed = false;
    for (const name of columns) {
      const key = lower(name);
      const hits = ordered.filter((i) => lower(all[i].label) === key || lower(all[i].group) === key);
      // A fixed column's name, unless a pattern or group has it.
      const fixedHit = hits.length === 0 ? FIXED_COLUMNS.find((c) => c.id === key || lower(c.label) === key) : undefined;
      if (fixedHit) { (fixed ??= []).push(fixedHit.id); continue; }
      patternNamed = true;
      if (hits.length === 0) unknownColumns.push(name);
      for (const i of hits) wanted.add(i);
    }
    if (patternNamed) visible = ordered.filter((i) => wanted.has(i));
  }
  const indexOf = new Map<string, number>();
  for (const c of all) indexOf.set(lower(c.label), -1);
  visible.forEach((i, v) => indexOf.set(lower(all[i].label), v));
  return { all, visible, indexOf, unknownColumns, fixed, id: planId(visible.map((i) => all[i].label)) };
}

/** The matrix's fixed columns under a plan: all, or the study's name and those `columns` named. */
function fixedColumnsOf(plan: ColumnPlan): readonly { id: FixedColumnId; label: string }[] {
  const named = plan.fixed;
  return named === null ? FIXED_COLUMNS : FIXED_COLUMNS.filter((c) => c.id === "name" || named.includes(c.id));
}

function mostCommon(counts: Map<string, number>): string {
  let best = "";
  let n = -1;
  for (const [k, c] of counts) if (c > n || (c === n && k < best)) { best = k; n = c; }
  return best;
}

function byText(a: string, b: string): number {
  const x = lower(a);
  const y = lower(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A study's cells under a plan: the visible column indices it has, and the matrix row. Cached per
 * Study object and plan (studies are values, see `keysOf`): after one note changes, a re-render
 * recomputes one row, not ten thousand.
 */
interface StudyCells { plan: number; cols: number[]; row: MatrixRow | null }
const cellCache = new WeakMap<Study, StudyCells>();

function cellsOf(s: Study, plan: ColumnPlan): StudyCells {
  const cached = cellCache.get(s);
  if (cached && cached.plan === plan.id) return cached;
  const cols: number[] = [];
  for (const p of patternKeysOf(s)) {
    const i = plan.indexOf.get(p);
    if (i !== undefined && i >= 0 && !cols.includes(i)) cols.push(i);
  }
  const cells: StudyCells = { plan: plan.id, cols, row: null };
  cellCache.set(s, cells);
  return cells;
}

/** The study's matrix row under the plan (made when first asked for: the counts alone do not need it). */
function rowOf(s: Study, plan: ColumnPlan): MatrixRow {
  const cells = cellsOf(s, plan);
  if (cells.row === null) {
    const checked = new Array<boolean>(plan.visible.length).fill(false);
    for (const i of cells.cols) checked[i] = true;
    cells.row = { study: s, checked, completeness: completenessOf(s) };
  }
  return cells.row;
}

/** For each study, the visible column indices it has. */
function checkedColumns(s: Study, plan: ColumnPlan): number[] {
  return cellsOf(s, plan).cols;
}

function makeColumns(plan: ColumnPlan, counts: number[], visibleCount: number): PatternColumn[] {
  return plan.visible.map((i, v) => {
    const c = plan.all[i];
    const count = counts[v] ?? 0;
    return { label: c.label, group: c.group, known: c.known, count, share: visibleCount === 0 ? 0 : count / visibleCount };
  });
}

function groupsOf(columns: PatternColumn[]): PatternColumnGroup[] {
  const out: PatternColumnGroup[] = [];
  columns.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && last.name === c.group) last.columns.push(i);
    else out.push({ name: c.group, columns: [i] });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Matrix

function completenessOf(s: Study): number | null {
  const c = s.body?.checklist;
  return c && c.total > 0 ? c.done / c.total : null;
}

/** Groups of a category/industry/year dimension, in taxonomy order (years ascending), none last. */
interface Dimension {
  keyOf(s: Study): string | number | null;
  labelOf(key: string | number | null, s: Study | undefined): string;
  order(a: string | number | null, b: string | number | null): number;
}

function dimension(by: GroupBy, ctx: StudyContext): Dimension {
  if (by === "year") {
    return {
      keyOf: (s) => s.year,
      labelOf: (k) => (k === null ? "No year" : String(k)),
      order: (a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : (a as number) - (b as number)),
    };
  }
  const list = by === "category" ? ctx.categories : ctx.industries;
  const rank = new Map(list.map((v, i) => [lower(v), i]));
  const canonical = new Map(list.map((v) => [lower(v), v]));
  const get = (s: Study): string | null => (by === "category" ? s.category : s.industry);
  return {
    keyOf: (s) => (by === "category" ? keysOf(s).category : keysOf(s).industry),
    labelOf: (k, s) => (k === null ? (by === "category" ? "No category" : "No industry") : canonical.get(k as string) ?? (s ? get(s) : null) ?? String(k)),
    order: (a, b) => {
      if (a === b) return 0;
      if (a === null) return 1;
      if (b === null) return -1;
      const ra = rank.get(a as string) ?? Infinity;
      const rb = rank.get(b as string) ?? Infinity;
      if (ra !== rb) return ra - rb;
      return (a as string) < (b as string) ? -1 : 1;
    },
  };
}

/** Sorts rows in place: by the column (missing values last in either direction), then name, then path. */
function sortRows(rows: MatrixRow[], sort: SortSpec | undefined, plan: ColumnPlan): void {
  const column = sort ? lower(sort.column) : "name";
  const dir = sort?.direction === "desc" ? -1 : 1;
  let key: ((r: MatrixRow) => string | number | null) | null = null;
  if (FIXED_IDS.includes(column)) {
    switch (column as FixedColumnId) {
      case "name": key = null; break;
      case "type": key = (r) => r.study.type; break;
      case "company": key = (r) => keysOf(r.study).company; break;
      case "category": key = (r) => keysOf(r.study).category; break;
      case "industry": key = (r) => keysOf(r.study).industry; break;
      case "year": key = (r) => r.study.year; break;
      case "completeness": key = (r) => r.completeness; break;
    }
  } else {
    const v = plan.indexOf.get(column);
    // A pattern column: checked rows first when ascending. A hidden or unknown column: by name.
    if (v !== undefined && v >= 0) key = (r) => (r.checked[v] ? 0 : 1);
  }
  const n = rows.length;
  const keys = key ? rows.map(key) : null;
  const names = rows.map((r) => keysOf(r.study).name);
  const order = Array.from({ length: n }, (_, i) => i);
  const nameDir = key ? 1 : dir;
  order.sort((a, b) => {
    if (keys) {
      const x = keys[a]!;
      const y = keys[b]!;
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : 1) * dir;
      }
    }
    const x = names[a];
    const y = names[b];
    if (x !== y) return (x < y ? -1 : 1) * nameDir;
    const p = rows[a].study.path;
    const q = rows[b].study.path;
    return p < q ? -1 : p > q ? 1 : 0;
  });
  const copy = rows.slice();
  for (let i = 0; i < n; i++) rows[i] = copy[order[i]]!;
}

/**
 * The studies × patterns table: header counts, sorted rows, optional groups with subtotals.
 * `studies` is read as a value: pass a new array after a change (as `StudyIndex.all()` does),
 * never the same array mutated, since results derived from it are cached by its identity.
 */
export function matrix(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): MatrixResult {
  const filtered = applyFilter(studies, options.filter);
  const plan = planColumns(studies, ctx, options.columns);
  const n = plan.visible.length;
  const counts = new Array<number>(n).fill(0);
  const rows: MatrixRow[] = filtered.studies.map((study) => {
    for (const i of cellsOf(study, plan).cols) counts[i]++;
    return rowOf(study, plan);
  });
  sortRows(rows, options.sort, plan);
  const patternColumns = makeColumns(plan, counts, rows.length);

  let groups: MatrixGroup[] | null = null;
  let ordered = rows;
  if (options.groupBy) {
    const dim = dimension(options.groupBy, ctx);
    const byKey = new Map<string | number | null, MatrixGroup>();
    for (const r of rows) {
      const k = dim.keyOf(r.study);
      let g = byKey.get(k);
      if (!g) { g = { key: k, label: dim.labelOf(k, r.study), rows: [], counts: new Array<number>(n).fill(0) }; byKey.set(k, g); }
      g.rows.push(r);
      for (let i = 0; i < n; i++) if (r.checked[i]) g.counts[i]++;
    }
    const reverse = options.sort && lower(options.sort.column) === options.groupBy && options.sort.direction === "desc";
    groups = [...byKey.values()].sort((a, b) => {
      if (reverse && a.key !== null && b.key !== null) return dim.order(b.key, a.key);
      return dim.order(a.key, b.key);
    });
    ordered = groups.flatMap((g) => g.rows);
  }
  return {
    kind: "matrix",
    fixedColumns: fixedColumnsOf(plan),
    patternColumns,
    patternGroups: groupsOf(patternColumns),
    rows: ordered,
    groups,
    unknownColumns: plan.unknownColumns,
    options,
    emptyReason: filtered.emptyReason,
    emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount,
    totalCount: filtered.totalCount,
  };
}

export interface PatternSummary extends EmptyInfo {
  /** The visible studies, in the order given (no sorting: for callers that order them their own way). */
  studies: Study[];
  /** The matrix's pattern columns with their counts and shares. */
  patternColumns: PatternColumn[];
  unknownColumns: string[];
}

/** The matrix's header without its rows: which studies pass the filter and how often each pattern occurs. */
export function patternSummary(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): PatternSummary {
  const filtered = applyFilter(studies, options.filter);
  const plan = planColumns(studies, ctx, options.columns);
  const counts = new Array<number>(plan.visible.length).fill(0);
  // One pass without the per-study caches (`cellsOf`): the caller (the command-line tool) asks once.
  // Canonical labels are found as written; others lower-cased, as `cellsOf` does.
  const exact = new Map<string, number>();
  plan.visible.forEach((i, v) => exact.set(plan.all[i].label, v));
  /** Which study last counted each column: a label written twice counts once. */
  const countedFor = new Int32Array(plan.visible.length).fill(-1);
  const visible = filtered.studies;
  for (let k = 0; k < visible.length; k++) {
    for (const p of visible[k].patterns) {
      const i = exact.get(p) ?? plan.indexOf.get(lowerLabel(p));
      if (i !== undefined && i >= 0 && countedFor[i] !== k) { countedFor[i] = k; counts[i]++; }
    }
  }
  return {
    studies: filtered.studies,
    patternColumns: makeColumns(plan, counts, filtered.visibleCount),
    unknownColumns: plan.unknownColumns,
    emptyReason: filtered.emptyReason,
    emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount,
    totalCount: filtered.totalCount,
  };
}

// ---------------------------------------------------------------------------------------------
// Pivot

/** Pattern × industry (or category, or year): counts and row-normalised shares. */
export function pivot(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): PivotResult {
  const by = options.pivotBy ?? "industry";
  const filtered = applyFilter(studies, options.filter);
  const plan = planColumns(studies, ctx, options.columns);
  const dim = dimension(by, ctx);
  const n = plan.visible.length;

  const colIndex = new Map<string | number | null, number>();
  const colMeta: { key: string | number | null; label: string; studies: number }[] = [];
  const perStudy: { col: number; checked: number[] }[] = [];
  for (const s of filtered.studies) {
    const k = dim.keyOf(s);
    let c = colIndex.get(k);
    if (c === undefined) { c = colMeta.length; colIndex.set(k, c); colMeta.push({ key: k, label: dim.labelOf(k, s), studies: 0 }); }
    colMeta[c].studies++;
    perStudy.push({ col: c, checked: checkedColumns(s, plan) });
  }
  const order = colMeta.map((_, i) => i).sort((a, b) => dim.order(colMeta[a].key, colMeta[b].key));
  const position = new Array<number>(order.length);
  order.forEach((c, p) => { position[c] = p; });
  const columns = order.map((c) => colMeta[c]);

  const counts = Array.from({ length: n }, () => new Array<number>(columns.length).fill(0));
  const totals = new Array<number>(n).fill(0);
  for (const { col, checked } of perStudy) {
    const p = position[col];
    for (const i of checked) { counts[i][p]++; totals[i]++; }
  }
  const patternColumns = makeColumns(plan, totals, filtered.visibleCount);
  let rows: PivotRow[] = patternColumns.map((pattern, i) => {
    const row = counts[i];
    const total = totals[i];
    return {
      pattern, counts: row, total,
      shares: row.map((c) => (total === 0 ? 0 : c / total)),
      columnShares: row.map((c, j) => { const m = columns[j].studies; return m === 0 ? 0 : c / m; }),
    };
  });
  rows = sortPivotRows(rows, columns, options.sort);
  return {
    kind: "pivot", by, columns, rows, unknownColumns: plan.unknownColumns, options,
    emptyReason: filtered.emptyReason, emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount, totalCount: filtered.totalCount,
  };
}

function sortPivotRows(rows: PivotRow[], columns: PivotResult["columns"], sort: SortSpec | undefined): PivotRow[] {
  if (!sort) return rows;
  const dir = sort.direction === "desc" ? -1 : 1;
  const col = lower(sort.column);
  let key: ((r: PivotRow) => number | string) | null = null;
  if (col === "pattern") key = (r) => lower(r.pattern.label);
  else if (col === "total" || col === "count") key = (r) => r.total;
  else {
    const j = columns.findIndex((c) => lower(c.label) === col);
    if (j >= 0) key = (r) => r.counts[j] ?? 0;
  }
  if (!key) return rows;
  const k = key;
  return rows.map((r, i) => ({ r, i, v: k(r) })).sort((a, b) => (a.v === b.v ? a.i - b.i : (a.v < b.v ? -1 : 1) * dir)).map((x) => x.r);
}

// ---------------------------------------------------------------------------------------------
// Co-occurrence

/** Pattern × pattern: how often two patterns appear in the same visible study, and the lift. */
export function cooccurrence(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): CooccurrenceResult {
  const filtered = applyFilter(studies, options.filter);
  const plan = planColumns(studies, ctx, options.columns);
  const n = plan.visible.length;
  const visible = [...filtered.studies].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const members: number[][] = Array.from({ length: n }, () => []);
  visible.forEach((s, si) => {
    const cols = checkedColumns(s, plan);
    for (const a of cols) {
      members[a].push(si);
      for (const b of cols) counts[a][b]++;
    }
  });
  const total = visible.length;
  const lift = counts.map((row, a) => row.map((ab, b) => {
    const na = counts[a][a];
    const nb = counts[b][b];
    return na === 0 || nb === 0 || total === 0 ? null : (ab * total) / (na * nb);
  }));
  let patterns = makeColumns(plan, counts.map((r, i) => r[i]), total);
  let order = patterns.map((_, i) => i);
  if (options.sort && (lower(options.sort.column) === "count" || lower(options.sort.column) === "pattern")) {
    const dir = options.sort.direction === "desc" ? -1 : 1;
    const byCount = lower(options.sort.column) === "count";
    order = order.sort((a, b) => {
      const x = byCount ? patterns[a].count : lower(patterns[a].label);
      const y = byCount ? patterns[b].count : lower(patterns[b].label);
      return x === y ? a - b : (x < y ? -1 : 1) * dir;
    });
  }
  patterns = order.map((i) => patterns[i]);
  return {
    kind: "cooccurrence",
    patterns,
    counts: order.map((a) => order.map((b) => counts[a][b])),
    lift: order.map((a) => order.map((b) => lift[a][b]!)),
    studyPaths: visible.map((s) => s.path),
    members: order.map((a) => members[a]),
    unknownColumns: plan.unknownColumns,
    options,
    emptyReason: filtered.emptyReason, emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount, totalCount: filtered.totalCount,
  };
}

/** The paths of the visible studies having both patterns a and b (indices into `result.patterns`). */
export function cooccurrenceStudies(result: CooccurrenceResult, a: number, b: number): string[] {
  const x = result.members[a] ?? [];
  const y = result.members[b] ?? [];
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i];
    const q = y[j];
    if (p === q) { out.push(result.studyPaths[p]); i++; j++; } else if (p < q) i++; else j++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tech stack

interface Tally { spellings: Map<string, number>; studies: Set<string> }

function tally(map: Map<string, Tally>, display: string, path: string): Tally {
  const key = lower(display);
  let t = map.get(key);
  if (!t) { t = { spellings: new Map(), studies: new Set() }; map.set(key, t); }
  t.spellings.set(display, (t.spellings.get(display) ?? 0) + 1);
  t.studies.add(path);
  return t;
}

/**
 * Component × technology over the visible studies' "Tech Stack Identified" tables. Spellings
 * are grouped case-insensitively (white space already collapsed) and shown in their most common form.
 */
export function stackTable(studies: readonly Study[], options: CompareOptions): StackResult {
  const filtered = applyFilter(studies, options.filter);
  const components = new Map<string, Tally & { techs: Map<string, Tally> }>();
  const techs = new Map<string, Tally>();
  let studiesWithBody = 0;
  for (const s of filtered.studies) {
    if (!s.body) continue;
    studiesWithBody++;
    for (const e of s.body.stack) {
      const component = tidy(e.component);
      const technology = tidy(e.technology);
      if (component === "" || technology === "") continue;
      const key = lower(component);
      let c = components.get(key);
      if (!c) { c = { spellings: new Map(), studies: new Set(), techs: new Map() }; components.set(key, c); }
      c.spellings.set(component, (c.spellings.get(component) ?? 0) + 1);
      c.studies.add(s.path);
      tally(c.techs, technology, s.path);
      tally(techs, technology, s.path);
    }
  }
  const byCount = <T extends { count: number; name: string }>(a: T, b: T): number => b.count - a.count || byText(a.name, b.name);
  const techDisplay = new Map<string, string>();
  for (const [k, t] of techs) techDisplay.set(k, mostCommon(t.spellings));
  const result: StackComponent[] = [...components.values()]
    .map((c) => ({
      name: mostCommon(c.spellings),
      count: c.studies.size,
      technologies: [...c.techs.entries()]
        .map(([k, t]) => ({ name: techDisplay.get(k) ?? mostCommon(t.spellings), count: t.studies.size, studies: [...t.studies].sort() }))
        .sort(byCount)
        .map((t) => ({ technology: t.name, count: t.count, studies: t.studies })),
    }))
    .sort(byCount)
    .map((c) => ({ component: c.name, count: c.count, technologies: c.technologies }));
  const technologies = [...techs.entries()]
    .map(([k, t]) => ({ name: techDisplay.get(k) ?? "", count: t.studies.size }))
    .sort(byCount)
    .map((t) => t.name);
  return {
    kind: "stack", components: result, technologies, studiesWithBody, options,
    emptyReason: filtered.emptyReason, emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount, totalCount: filtered.totalCount,
  };
}

/** The result of the options' tab. */
export function compare(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): CompareResult {
  switch (options.tab) {
    case "matrix": return matrix(studies, ctx, options);
    case "pivot": return pivot(studies, ctx, options);
    case "cooccurrence": return cooccurrence(studies, ctx, options);
    case "stack": return stackTable(studies, options);
  }
}
