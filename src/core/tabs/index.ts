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

/** The options' tab as the JSON the command-line tool prints, and what the filtering left. */
export function compareJson(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): { json: unknown; outcome: EmptyInfo } {
  const tab = TABS[options.tab] as TabDefinition<CompareResult>;
  if (tab.json) return tab.json(studies, ctx, options);
  const result = tab.compute(studies, ctx, options);
  return { json: tab.toJson(result), outcome: result };
}
