/**
 * What one comparison tab is: its id and label, what it needs from the notes, how it is computed
 * and how it becomes a plain table or JSON. Every caller (the view, a code block, the exports, the
 * command-line tool) reads these definitions, so a new tab is one new file here plus its drawing
 * in the UI's tab list; the types make both lists name every tab.
 */
import type { CompareOptions } from "../compare-options";
import type { EmptyInfo } from "../compare-filter";
import type { Study, StudyContext } from "../study";

/** A result as plain text cells: what Markdown, CSV and a snapshot note are made from. */
export interface Table {
  header: string[];
  rows: string[][];
}

export interface TableOptions {
  /** Text of a checked matrix cell (default "✓"). */
  checkMark?: string;
  /** Study names as wiki links `[[path|name]]` (for Markdown and snapshot notes). */
  links?: boolean;
  /** Count/share rows (matrix total, group subtotals); default true. */
  totals?: boolean;
}

/** A share as a percentage; "–" for null (no study was asked: an empty share, not 0%). */
export const percent = (share: number | null): string => (share === null ? "–" : `${Math.round(share * 100)}%`);

export interface TabDefinition<R extends EmptyInfo & { kind: string }> {
  id: R["kind"];
  /** The tab's name in the view, exports and messages (sentence case). */
  label: string;
  /** Whether the notes' text must be read (not only their properties), for a table and for JSON. */
  readsBody: { table: boolean; json: boolean };
  compute(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): R;
  toTable(result: R, options: TableOptions): Table;
  /** The JSON the command-line tool prints: a promise to scripts (docs/manual/cli.md). */
  toJson(result: R): unknown;
  /**
   * The JSON straight from the studies when it needs less than `compute` (the matrix's JSON needs
   * no sorted rows). Default: `toJson(compute(…))`.
   */
  json?(studies: readonly Study[], ctx: StudyContext, options: CompareOptions): { json: unknown; outcome: EmptyInfo };
  /** Properties a snapshot note records about how the result was made (e.g. `group-by`). */
  snapshotProps?(result: R): Record<string, unknown>;
}
