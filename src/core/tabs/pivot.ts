/** The pivot tab: patterns × industry (or category, or year), counts and row-normalised shares. */
import { applyFilter, type EmptyInfo, lower } from "../compare-filter";
import { checkedColumns, dimension, makeColumns, notAskedColumns, type PatternColumn, planColumns } from "../compare-columns";
import type { CompareOptions, PivotBy, SortSpec } from "../compare-options";
import type { Study, StudyContext } from "../study";
import { percent, type TabDefinition, type Table } from "./tab";

export interface PivotRow {
  pattern: PatternColumn;
  /** Per column value: studies with the pattern. */
  counts: number[];
  /** Studies with the pattern (across all columns). */
  total: number;
  /** Row-normalised: counts[i] / total (0 when total is 0); a row sums to 1. */
  shares: number[];
  /**
   * counts[i] / studies in column i that were asked about the pattern (issue 16: a note with no box
   * for it is left out): how common the pattern is within that value; null when none was asked.
   */
  columnShares: (number | null)[];
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
  const perStudy: { col: number; checked: number[]; notAsked: number[] }[] = [];
  for (const s of filtered.studies) {
    const k = dim.keyOf(s);
    let c = colIndex.get(k);
    if (c === undefined) { c = colMeta.length; colIndex.set(k, c); colMeta.push({ key: k, label: dim.labelOf(k, s), studies: 0 }); }
    colMeta[c].studies++;
    perStudy.push({ col: c, checked: checkedColumns(s, plan), notAsked: notAskedColumns(s, plan) });
  }
  const order = colMeta.map((_, i) => i).sort((a, b) => dim.order(colMeta[a].key, colMeta[b].key));
  const position = new Array<number>(order.length);
  order.forEach((c, p) => { position[c] = p; });
  const columns = order.map((c) => colMeta[c]);

  const counts = Array.from({ length: n }, () => new Array<number>(columns.length).fill(0));
  const totals = new Array<number>(n).fill(0);
  /** Per pattern and column: studies not asked about the pattern. */
  const unasked = Array.from({ length: n }, () => new Array<number>(columns.length).fill(0));
  const unaskedTotals = new Array<number>(n).fill(0);
  for (const { col, checked, notAsked } of perStudy) {
    const p = position[col];
    for (const i of checked) { counts[i][p]++; totals[i]++; }
    for (const i of notAsked) { unasked[i][p]++; unaskedTotals[i]++; }
  }
  const patternColumns = makeColumns(plan, totals, filtered.visibleCount, unaskedTotals);
  let rows: PivotRow[] = patternColumns.map((pattern, i) => {
    const row = counts[i];
    const total = totals[i];
    return {
      pattern, counts: row, total,
      shares: row.map((c) => (total === 0 ? 0 : c / total)),
      columnShares: row.map((c, j) => {
        const m = columns[j].studies;
        const asked = m - unasked[i][j];
        return m === 0 ? 0 : asked === 0 ? null : c / asked;
      }),
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

const PIVOT_BY_LABEL: Record<PivotBy, string> = { industry: "Industry", category: "Category", year: "Year" };

/** The pivot's corner heading, e.g. "Pattern \\ Industry". */
export function pivotCorner(by: PivotBy): string {
  return `Pattern \\ ${PIVOT_BY_LABEL[by]}`;
}

function pivotTable(r: PivotResult): Table {
  return {
    header: [pivotCorner(r.by), ...r.columns.map((c) => `${c.label} (${c.studies})`), "Total"],
    rows: r.rows.map((row) => [
      row.pattern.label,
      ...row.counts.map((n, i) => (n === 0 ? "0" : `${n} (${percent(row.shares[i] ?? 0)})`)),
      String(row.total),
    ]),
  };
}

export const PIVOT_TAB: TabDefinition<PivotResult> = {
  id: "pivot",
  label: "Pivot",
  readsBody: { table: false, json: false },
  compute: pivot,
  toTable: pivotTable,
  toJson: (r) => ({
    by: r.by,
    columns: r.columns.map((c) => ({ label: c.label, studies: c.studies })),
    rows: r.rows.map((row) => ({ pattern: row.pattern.label, group: row.pattern.group, counts: row.counts, total: row.total, shares: row.shares })),
  }),
  snapshotProps: (r) => ({ "pivot-by": r.by }),
};
