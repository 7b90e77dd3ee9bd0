/**
 * Which studies a comparison shows: the filter's clauses, each with its words for the empty state
 * ("No study matches category = Gaming"), over per-study keys computed once per Study object.
 */
import type { Study } from "./study";
import { type CompareFilter, type FilterKey, orList } from "./compare-options";

/** What every tab's result says about the filtering. */
export interface EmptyInfo {
  /** Set when filters hide every study, e.g. "No study matches category = Gaming"; null otherwise. */
  emptyReason: string | null;
  /** The filter keys named by `emptyReason`. */
  emptyFilters: FilterKey[];
  /** Studies after filtering / before. `totalCount` 0 means the vault has no studies yet. */
  visibleCount: number;
  totalCount: number;
}

export const lower = (s: string): string => s.toLowerCase();

/**
 * `lower` for pattern labels, remembered: the same few labels (mostly the taxonomy's own strings)
 * recur in every study, and lower-casing each again was a tenth of `table --format json`'s time.
 */
const lowerLabels = new Map<string, string>();
export function lowerLabel(s: string): string {
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

export function keysOf(s: Study): StudyKeys {
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
export function patternKeysOf(s: Study): string[] {
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
