/** Every comparison tab's definition, by id: the one list the view, blocks, exports and the CLI read. */
import type { CompareOptions, CompareTab } from "../compare-options";
import type { Study, StudyContext } from "../study";
import { COOCCURRENCE_TAB, type CooccurrenceResult } from "./cooccurrence";
import { MATRIX_TAB, type MatrixResult } from "./matrix";
import { PIVOT_TAB, type PivotResult } from "./pivot";
import { STACK_TAB, type StackResult } from "./stack";
import type { TabDefinition } from "./tab";
import type { EmptyInfo } from "../compare-filter";
import { TRENDS_TAB, type TrendsResult } from "./trends";

/** Each tab's result type. */
export interface TabResults {
  matrix: MatrixResult;
  pivot: PivotResult;
  cooccurrence: CooccurrenceResult;
  stack: StackResult;
  trends: TrendsResult;
}

export type CompareResult = TabResults[CompareTab];

/** Typed so that a tab missing here, or a result without its tab, does not compile. */
export const TABS: { readonly [K in CompareTab]: TabDefinition<TabResults[K]> } = {
  matrix: MATRIX_TAB,
  pivot: PIVOT_TAB,
  cooccurrence: COOCCURRENCE_TAB,
  stack: STACK_TAB,
  trends: TRENDS_TAB,
};

/** The tab's definition, typed for a result of that tab (TypeScript cannot narrow `TABS[r.kind]` itself). */
export function tabOf<R extends CompareResult>(result: R): TabDefinition<R> {
  return TABS[result.kind] as unknown as TabDefinition<R>;
}

/** The result of the options' tab. */
export function compare(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): CompareResult {
  return TABS[options.tab].compute(studies, ctx, options);
}

/** `compare` that remembers its last result per tab. */
export type CompareMemo = (studies: readonly Study[], ctx: StudyContext, options: CompareOptions) => CompareResult;

/**
 * A `compare` that gives the tab's last result again while the studies array (a value: the index
 * hands out a new one after any change), the context and the options are the same, so switching
 * back to a tab or exporting what is shown computes nothing. The result is computed with a copy
 * of the options: a caller that changes its options object later does not change a kept result.
 */
export function compareMemo(): CompareMemo {
  const last = new Map<CompareTab, { studies: readonly Study[]; ctx: string; options: string; result: CompareResult }>();
  return (studies, ctx, options) => {
    const ctxKey = JSON.stringify(ctx);
    const optionsKey = JSON.stringify(options);
    const kept = last.get(options.tab);
    if (kept && kept.studies === studies && kept.ctx === ctxKey && kept.options === optionsKey) return kept.result;
    const result = compare(studies, ctx, JSON.parse(optionsKey) as CompareOptions);
    last.set(options.tab, { studies, ctx: ctxKey, options: optionsKey, result });
    return result;
  };
}

/** The options' tab as the JSON the command-line tool prints, and what the filtering left. */
export function compareJson(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): { json: unknown; outcome: EmptyInfo } {
  const tab = TABS[options.tab] as TabDefinition<CompareResult>;
  if (tab.json) return tab.json(studies, ctx, options);
  const result = tab.compute(studies, ctx, options);
  return { json: tab.toJson(result), outcome: result };
}
