/** The co-occurrence tab: pattern × pattern, how often two patterns share a study, and the lift. */
import { applyFilter, type EmptyInfo, lower } from "../compare-filter";
import { checkedColumns, makeColumns, type PatternColumn, planColumns } from "../compare-columns";
import type { CompareOptions } from "../compare-options";
import type { Study, StudyContext } from "../study";
import type { TabDefinition, Table } from "./tab";

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

function cooccurrenceTable(r: CooccurrenceResult): Table {
  return {
    header: ["Pattern", ...r.patterns.map((p) => p.label)],
    rows: r.patterns.map((p, a) => [
      `${p.label} (${p.count})`,
      ...r.patterns.map((_, b) => {
        const n = r.counts[a]?.[b] ?? 0;
        const lift = r.lift[a]?.[b];
        if (a === b) return String(n);
        return n === 0 || lift === null || lift === undefined ? String(n) : `${n} (lift ${lift.toFixed(2)})`;
      }),
    ]),
  };
}

export const COOCCURRENCE_TAB: TabDefinition<CooccurrenceResult> = {
  id: "cooccurrence",
  label: "Co-occurrence",
  readsBody: { table: false, json: false },
  compute: cooccurrence,
  toTable: cooccurrenceTable,
  toJson: (r) => ({
    patterns: r.patterns.map((p) => ({ label: p.label, group: p.group, count: p.count })),
    counts: r.counts,
    lift: r.lift,
  }),
};
