/**
 * The comparison tables, as plain data: the view, the code-block embedding, the exports and the
 * command-line tool all render these. Every table is computed over the FILTERED studies; the
 * pattern columns come from the taxonomy plus every unknown pattern found in any study, so that
 * filtering never moves columns around.
 *
 * The pieces: options (`compare-options`), filtering (`compare-filter`), the shared pattern columns
 * (`compare-columns`) and one definition per tab (`tabs/`). This module is their one entry point.
 */
export * from "./compare-options";
export { applyFilter, describeFilter, type EmptyInfo, type FilterOutcome } from "./compare-filter";
export {
  FIXED_COLUMNS, fixedColumnNamed, type FixedColumnId, type MatrixRow, namedFixedColumns, OTHER_GROUP, type PatternColumn,
  type PatternColumnGroup, PLAN_ID_MEMORY, withFixedColumns,
} from "./compare-columns";
export { matrix, type MatrixGroup, type MatrixResult, patternSummary, type PatternSummary } from "./tabs/matrix";
export { pivot, pivotCorner, type PivotResult, type PivotRow } from "./tabs/pivot";
export { cooccurrence, type CooccurrenceResult, cooccurrenceStudies } from "./tabs/cooccurrence";
export { type StackComponent, type StackResult, type StackTechnology, stackTable } from "./tabs/stack";
export { trends, type TrendsResult, type TrendsRow } from "./tabs/trends";
export { compare, compareJson, type CompareMemo, compareMemo, type CompareResult, TABS, type TabResults, tabOf } from "./tabs/index";
export { percent, type TabDefinition } from "./tabs/tab";
