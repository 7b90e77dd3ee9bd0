/** The matrix tab: studies × patterns, with header counts, sorting and optional groups with subtotals. */
import {
  applyFilter, type EmptyInfo, keysOf, lower, lowerLabel,
} from "../compare-filter";
import {
  cellsOf, type ColumnPlan, dimension, rowOf, type FixedColumnId, fixedColumnsOf, groupsOf, makeColumns, type MatrixRow,
  type PatternColumn, type PatternColumnGroup, planColumns,
} from "../compare-columns";
import { type CompareOptions, FIXED_IDS, type SortSpec } from "../compare-options";
import { CASE_STUDY_TYPE, type Study, type StudyContext } from "../study";
import { percent, type TabDefinition, type Table, type TableOptions } from "./tab";

export interface MatrixGroup {
  /** Lower-cased category/industry, the year, or null for "none". */
  key: string | number | null;
  /** Display label: the taxonomy's spelling, the year, or "No category"/"No industry"/"No year". */
  label: string;
  rows: MatrixRow[];
  /** Per pattern column: studies in this group with that pattern (the subtotal). */
  counts: number[];
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
    // A pattern column: checked rows first when ascending, "not asked" after "not seen". A hidden
    // or unknown column: by name.
    if (v !== undefined && v >= 0) key = (r) => (r.checked[v] ? 0 : r.notAsked[v] ? 2 : 1);
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
  const notAsked = new Array<number>(n).fill(0);
  const rows: MatrixRow[] = filtered.studies.map((study) => {
    const cells = cellsOf(study, plan);
    for (const i of cells.cols) counts[i]++;
    for (const i of cells.notAsked) notAsked[i]++;
    return rowOf(study, plan);
  });
  sortRows(rows, options.sort, plan);
  const patternColumns = makeColumns(plan, counts, rows.length, notAsked);

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
// As a table and as JSON

function studyCell(path: string, name: string, links: boolean): string {
  return links ? `[[${path.replace(/\.md$/i, "")}|${name}]]` : name;
}

/** An export's text for a cell the study's template did not ask about (unticked is ""). */
export const NOT_ASKED_MARK = "–";

/** A header count: "2 (50%)", or "2 (67% of 3 asked)" when some visible studies were not asked. */
export function columnCountText(c: PatternColumn, visibleCount: number): string {
  return c.asked < visibleCount ? `${c.count} (${percent(c.share)} of ${c.asked} asked)` : `${c.count} (${percent(c.share)})`;
}

function matrixTable(r: MatrixResult, o: TableOptions): Table {
  const mark = o.checkMark ?? "✓";
  const totals = o.totals ?? true;
  const header = [...r.fixedColumns.map((c) => c.label), ...r.patternColumns.map((c) => c.label)];
  const fixedBlank = (label: string): string[] => [label, ...r.fixedColumns.slice(1).map(() => "")];
  const rows: string[][] = [];
  const fixedCell = (s: Study, id: FixedColumnId): string => {
    switch (id) {
      // An analysis and its case study usually share a name: say which row is which.
      case "name": return studyCell(s.path, s.name, o.links ?? false) + (s.type === CASE_STUDY_TYPE && !/\(case study\)$/i.test(s.name) ? " (case study)" : "");
      case "type": return s.type;
      case "company": return s.company ?? "";
      case "category": return s.category ?? "";
      case "industry": return s.industry ?? "";
      case "year": return s.year === null ? "" : String(s.year);
      case "completeness": { const c = s.body?.checklist; return c && c.total > 0 ? `${c.done}/${c.total}` : ""; }
    }
  };
  const rowOfTable = (m: MatrixRow): string[] => [
    ...r.fixedColumns.map((f) => fixedCell(m.study, f.id)),
    ...m.checked.map((x, i) => (x ? mark : m.notAsked[i] ? NOT_ASKED_MARK : "")),
  ];
  if (totals) rows.push([...fixedBlank(`All studies (${r.visibleCount})`), ...r.patternColumns.map((c) => columnCountText(c, r.visibleCount))]);
  if (r.groups) {
    for (const g of r.groups) {
      if (totals) rows.push([...fixedBlank(`${g.label} (${g.rows.length})`), ...g.counts.map((n) => String(n))]);
      for (const m of g.rows) rows.push(rowOfTable(m));
    }
  } else {
    for (const m of r.rows) rows.push(rowOfTable(m));
  }
  return { header, rows };
}

const byPath = (a: Study, b: Study): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The studies by path; as read from a vault they already are, and checking costs less than sorting. */
function inPathOrder(studies: readonly Study[]): readonly Study[] {
  for (let i = 1; i < studies.length; i++) if (byPath(studies[i - 1], studies[i]) > 0) return [...studies].sort(byPath);
  return studies;
}

/** The matrix as JSON: studies by path with their patterns, and the columns with their counts. */
function matrixJson(studies: readonly Study[], patternColumns: readonly PatternColumn[]): unknown {
  return {
    studies: inPathOrder(studies).map((s) => ({
      path: s.path, type: s.type, company: s.company, category: s.category, industry: s.industry, year: s.year, patterns: s.patterns,
    })),
    patterns: patternColumns.map((c) => ({ label: c.label, group: c.group, count: c.count })),
  };
}

export const MATRIX_TAB: TabDefinition<MatrixResult> = {
  id: "matrix",
  label: "Matrix",
  // Completeness comes from the checklist in the body; the JSON has no completeness.
  readsBody: { table: true, json: false },
  compute: matrix,
  toTable: matrixTable,
  toJson: (r) => matrixJson(r.rows.map((row) => row.study), r.patternColumns),
  json: (studies, ctx, options) => {
    // The JSON needs no sorted rows: the header's counts and the studies.
    const summary = patternSummary(studies, ctx, options);
    return { json: matrixJson(summary.studies, summary.patternColumns), outcome: summary };
  },
  snapshotProps: (r) => (r.options.groupBy ? { "group-by": r.options.groupBy } : {}),
};
