/**
 * The pattern columns every tab shares: the taxonomy's patterns in template order, then every
 * pattern found in a study that the taxonomy does not know, so that filtering never moves columns.
 * Per-study cells are cached by Study object and column set (studies are values: a changed note
 * is a new object), so a redraw after one change recomputes one study.
 */
import type { Study, StudyContext } from "./study";
import type { GroupBy } from "./compare-options";
import { keysOf, lower, lowerLabel, patternKeysOf } from "./compare-filter";

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

/** The fixed column a name in `columns` stands for (its id or label, any capitals), or null. */
export function fixedColumnNamed(name: string): FixedColumnId | null {
  const key = lower(name);
  return FIXED_COLUMNS.find((c) => c.id === key || lower(c.label) === key)?.id ?? null;
}

/**
 * The fixed columns `columns` names, in display order with the study's name first, or null when
 * it names none (then the command line shows them all, and the view and blocks the study alone).
 * A pattern or group that happens to have a fixed column's name is not told apart here (the plan is).
 */
export function namedFixedColumns(columns: readonly string[] | undefined): FixedColumnId[] | null {
  const named = new Set<FixedColumnId>();
  for (const name of columns ?? []) {
    const id = fixedColumnNamed(name);
    if (id) named.add(id);
  }
  return named.size === 0 ? null : FIXED_COLUMNS.filter((c) => c.id === "name" || named.has(c.id)).map((c) => c.id);
}

/** `columns` showing exactly the fixed columns `fixed` (the study's name always): pattern and group names stay, in their order. */
export function withFixedColumns(columns: readonly string[] | undefined, fixed: readonly FixedColumnId[]): string[] {
  const patterns = (columns ?? []).filter((name) => fixedColumnNamed(name) === null);
  const ids = FIXED_COLUMNS.filter((c) => c.id === "name" || fixed.includes(c.id)).map((c) => c.id);
  return [...patterns, ...ids];
}

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
  /**
   * Visible studies that were asked about the pattern (issue 16): all but those whose note has no
   * box for it ("not asked"). The share's denominator.
   */
  asked: number;
  /** count / asked; 0 when no study is visible, null when studies are visible but none was asked. */
  share: number | null;
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
  /**
   * Aligned with `patternColumns`: true when the study's note has no box for that pattern (its
   * template did not ask: "not asked", issue 16). Never true where `checked` is.
   */
  notAsked: boolean[];
}

// ---------------------------------------------------------------------------------------------
// Pattern columns

export interface ColumnPlan {
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

/** Plan signatures (visible labels) → numbers, so a cache check is one comparison. */
const planIds = new Map<string, number>();
/** The last number given out. It only grows: a cleared map never hands an old number to a new column set. */
let lastPlanId = 0;
/** How many column sets `planIds` remembers before it starts again (exported for the test of the wrap). */
export const PLAN_ID_MEMORY = 1000;

function planId(labels: string[]): number {
  const key = labels.join("\u0000");
  let id = planIds.get(key);
  if (id === undefined) {
    // Bounded: column sets change when the user edits the taxonomy, not per render. A set
    // forgotten here gets a new number when it comes back, so its cached cells are recomputed.
    if (planIds.size >= PLAN_ID_MEMORY) planIds.clear();
    id = ++lastPlanId;
    planIds.set(key, id);
  }
  return id;
}

/**
 * Patterns found in studies but not in the taxonomy: one column each, in their most common
 * spelling, sorted by label, in the group the notes write them under (`groupOfOwn`), else
 * "Other". Cached per studies array (the index hands out the same array until something
 * changes), known-label set and pattern groups.
 */
const unknownCache = new WeakMap<readonly Study[], { known: Set<string>; groups: readonly string[]; columns: { label: string; group: string }[] }>();

function unknownPatterns(studies: readonly Study[], known: Set<string>, knownLabels: ReadonlySet<string>, groups: readonly string[]): { label: string; group: string }[] {
  const cached = unknownCache.get(studies);
  if (cached && cached.groups === groups && sameSet(cached.known, known)) return cached.columns;
  const spellings = new Map<string, Map<string, number>>();
  /** Lower-cased label → group → notes writing the label under that group. */
  const votes = new Map<string, Map<string, number>>();
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
    const own = s.body?.ownPatterns;
    if (own === undefined) continue;
    for (const o of own) {
      const key = lowerLabel(o.label);
      let v = votes.get(key);
      if (!v) { v = new Map(); votes.set(key, v); }
      v.set(o.group, (v.get(o.group) ?? 0) + 1);
    }
  }
  const columns = [...spellings.entries()]
    .map(([key, m]) => ({ label: mostCommon(m), group: groupOfOwn(votes.get(key), groups) }))
    .sort((a, b) => byText(a.label, b.label));
  unknownCache.set(studies, { known: new Set(known), groups, columns });
  return columns;
}

/**
 * The group of a pattern the taxonomy does not know: the one most notes write it under; a tie
 * goes to the group that comes first in the settings' pattern groups (then by name). "Other" when
 * no note read so far has a box for it (its notes' text not read yet, or the label is only in
 * the `patterns` property).
 */
export function groupOfOwn(votes: ReadonlyMap<string, number> | undefined, groups: readonly string[]): string {
  if (votes === undefined) return OTHER_GROUP;
  const rank = (g: string): number => { const i = groups.findIndex((x) => lower(x) === lower(g)); return i < 0 ? Infinity : i; };
  let best: string | null = null;
  let most = 0;
  for (const [group, n] of votes) {
    if (best === null || n > most || (n === most && (rank(group) < rank(best) || (rank(group) === rank(best) && byText(group, best) < 0)))) {
      best = group;
      most = n;
    }
  }
  return best ?? OTHER_GROUP;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function planColumns(studies: readonly Study[], ctx: StudyContext, columns: string[] | undefined): ColumnPlan {
  const all: ColumnPlan["all"] = [];
  const seen = new Set<string>();
  for (const p of ctx.patterns) {
    const key = lower(p.label);
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ label: p.label, group: p.group, known: true });
  }
  const unknown = unknownPatterns(studies, seen, new Set(all.map((c) => c.label)), ctx.patternGroups);
  for (const c of unknown) all.push({ label: c.label, group: c.group, known: false });

  // Group order: the template's groups (in its order), then other pattern groups the notes
  // write their own patterns under (in the settings' order), then "Other". A user's own pattern
  // comes after the template's in its group.
  const groupOrder: string[] = [];
  for (const c of all) if (c.known && !groupOrder.includes(c.group)) groupOrder.push(c.group);
  for (const g of ctx.patternGroups) if (!groupOrder.includes(g) && unknown.some((c) => c.group === g)) groupOrder.push(g);
  for (const c of all) if (!groupOrder.includes(c.group) && c.group !== OTHER_GROUP) groupOrder.push(c.group);
  if (all.some((c) => c.group === OTHER_GROUP)) groupOrder.push(OTHER_GROUP);
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
      const fixedHit = hits.length === 0 ? fixedColumnNamed(name) : null;
      if (fixedHit) { (fixed ??= []).push(fixedHit); continue; }
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
export function fixedColumnsOf(plan: ColumnPlan): readonly { id: FixedColumnId; label: string }[] {
  const named = plan.fixed;
  return named === null ? FIXED_COLUMNS : FIXED_COLUMNS.filter((c) => c.id === "name" || named.includes(c.id));
}

export function mostCommon(counts: Map<string, number>): string {
  let best = "";
  let n = -1;
  for (const [k, c] of counts) if (c > n || (c === n && k < best)) { best = k; n = c; }
  return best;
}

export function byText(a: string, b: string): number {
  const x = lower(a);
  const y = lower(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A study's cells under a plan: the visible column indices it has, and the matrix row. Cached per
 * Study object and plan (studies are values, see `keysOf`): after one note changes, a re-render
 * recomputes one row, not ten thousand.
 */
interface StudyCells { plan: number; cols: number[]; notAsked: number[]; row: MatrixRow | null }
const cellCache = new WeakMap<Study, StudyCells>();

export function cellsOf(s: Study, plan: ColumnPlan): StudyCells {
  const cached = cellCache.get(s);
  if (cached && cached.plan === plan.id) return cached;
  const cols: number[] = [];
  for (const p of patternKeysOf(s)) {
    const i = plan.indexOf.get(p);
    if (i !== undefined && i >= 0 && !cols.includes(i)) cols.push(i);
  }
  const notAsked: number[] = [];
  for (const p of s.body?.notAsked ?? []) {
    const i = plan.indexOf.get(lower(p));
    if (i !== undefined && i >= 0 && !cols.includes(i) && !notAsked.includes(i)) notAsked.push(i);
  }
  const cells: StudyCells = { plan: plan.id, cols, notAsked, row: null };
  cellCache.set(s, cells);
  return cells;
}

/** The study's matrix row under the plan (made when first asked for: the counts alone do not need it). */
export function rowOf(s: Study, plan: ColumnPlan): MatrixRow {
  const cells = cellsOf(s, plan);
  if (cells.row === null) {
    const checked = new Array<boolean>(plan.visible.length).fill(false);
    for (const i of cells.cols) checked[i] = true;
    const notAsked = new Array<boolean>(plan.visible.length).fill(false);
    for (const i of cells.notAsked) notAsked[i] = true;
    cells.row = { study: s, checked, completeness: completenessOf(s), notAsked };
  }
  return cells.row;
}

/** For each study, the visible column indices it has. */
export function checkedColumns(s: Study, plan: ColumnPlan): number[] {
  return cellsOf(s, plan).cols;
}

/** For each study, the visible column indices its note has no box for ("not asked"). */
export function notAskedColumns(s: Study, plan: ColumnPlan): number[] {
  return cellsOf(s, plan).notAsked;
}

/**
 * The pattern columns with their counts and shares. `notAsked[v]`: visible studies not asked about
 * column v, left out of its share's denominator (none when not given).
 */
export function makeColumns(plan: ColumnPlan, counts: number[], visibleCount: number, notAsked?: readonly number[]): PatternColumn[] {
  return plan.visible.map((i, v) => {
    const c = plan.all[i];
    const count = counts[v] ?? 0;
    const asked = visibleCount - (notAsked?.[v] ?? 0);
    const share = visibleCount === 0 ? 0 : asked === 0 ? null : count / asked;
    return { label: c.label, group: c.group, known: c.known, count, asked, share };
  });
}

export function groupsOf(columns: PatternColumn[]): PatternColumnGroup[] {
  const out: PatternColumnGroup[] = [];
  columns.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && last.name === c.group) last.columns.push(i);
    else out.push({ name: c.group, columns: [i] });
  });
  return out;
}

export function completenessOf(s: Study): number | null {
  const c = s.body?.checklist;
  return c && c.total > 0 ? c.done / c.total : null;
}

/** Groups of a category/industry/year dimension, in taxonomy order (years ascending), none last. */
export interface Dimension {
  keyOf(s: Study): string | number | null;
  labelOf(key: string | number | null, s: Study | undefined): string;
  order(a: string | number | null, b: string | number | null): number;
}

export function dimension(by: GroupBy, ctx: StudyContext): Dimension {
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

