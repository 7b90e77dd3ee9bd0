/**
 * The trends tab: for each pattern, how many of each year's studies have it and that count's share
 * of the year's studies. Years are those of the visible studies (ascending); a study without a
 * year counts in no year.
 */
import { applyFilter, type EmptyInfo } from "../compare-filter";
import { checkedColumns, makeColumns, notAskedColumns, type PatternColumn, planColumns } from "../compare-columns";
import type { CompareOptions } from "../compare-options";
import type { Study, StudyContext } from "../study";
import { percent, type TabDefinition, type Table } from "./tab";

export interface TrendsRow {
  pattern: PatternColumn;
  /** Per year (aligned with `years`): visible studies of that year with the pattern. */
  counts: number[];
  /**
   * counts[i] / the year's studies that were asked about the pattern (issue 16: a note with no box
   * for it is left out); null when none of them was asked.
   */
  shares: (number | null)[];
}

export interface TrendsResult extends EmptyInfo {
  kind: "trends";
  /** The years of the visible studies, ascending. */
  years: number[];
  /** Visible studies per year (aligned with `years`); never 0. */
  studies: number[];
  /** One row per visible pattern column, in column order (template groups, then "Other"). */
  rows: TrendsRow[];
  /** Visible studies without a year: on no year's count. */
  undated: number;
  unknownColumns: string[];
  options: CompareOptions;
}

export function trends(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): TrendsResult {
  const filtered = applyFilter(studies, options.filter);
  const plan = planColumns(studies, ctx, options.columns);
  const n = plan.visible.length;
  const yearSet = new Set<number>();
  for (const s of filtered.studies) if (s.year !== null) yearSet.add(s.year);
  const years = [...yearSet].sort((a, b) => a - b);
  const position = new Map(years.map((y, i) => [y, i]));
  const perYear = new Array<number>(years.length).fill(0);
  const counts = Array.from({ length: n }, () => new Array<number>(years.length).fill(0));
  const totals = new Array<number>(n).fill(0);
  const unasked = Array.from({ length: n }, () => new Array<number>(years.length).fill(0));
  const unaskedTotals = new Array<number>(n).fill(0);
  let undated = 0;
  for (const s of filtered.studies) {
    const cols = checkedColumns(s, plan);
    const notAsked = notAskedColumns(s, plan);
    for (const i of cols) totals[i]++;
    for (const i of notAsked) unaskedTotals[i]++;
    const y = s.year === null ? undefined : position.get(s.year);
    if (y === undefined) { undated++; continue; }
    perYear[y]++;
    for (const i of cols) counts[i][y]++;
    for (const i of notAsked) unasked[i][y]++;
  }
  const rows = makeColumns(plan, totals, filtered.visibleCount, unaskedTotals).map((pattern, i) => ({
    pattern,
    counts: counts[i],
    shares: counts[i].map((c, y) => { const asked = perYear[y] - unasked[i][y]; return asked === 0 ? null : c / asked; }),
  }));
  return {
    kind: "trends", years, studies: perYear, rows, undated, unknownColumns: plan.unknownColumns, options,
    emptyReason: filtered.emptyReason, emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount, totalCount: filtered.totalCount,
  };
}

function trendsTable(r: TrendsResult): Table {
  return {
    header: ["Pattern", ...r.years.map((y, i) => `${y} (${r.studies[i]})`)],
    rows: r.rows.map((row) => [row.pattern.label, ...row.counts.map((c, i) => `${c} (${percent(row.shares[i] ?? null)})`)]),
  };
}

export const TRENDS_TAB: TabDefinition<TrendsResult> = {
  id: "trends",
  label: "Trends",
  readsBody: { table: false, json: false },
  compute: trends,
  toTable: trendsTable,
  toJson: (r) => ({
    years: r.years,
    studies: r.studies,
    rows: r.rows.map((row) => ({ pattern: row.pattern.label, group: row.pattern.group, counts: row.counts, shares: row.shares })),
  }),
};
