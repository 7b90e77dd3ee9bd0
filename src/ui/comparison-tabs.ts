/**
 * How each comparison tab is drawn, by id, beside its definition in the core (`core/tabs/`): the
 * view and the code block both draw a result through `renderTab`, each supplying a `TabSurface`.
 * The type makes this list name every tab.
 */
import { type CompareResult, type CompareTab, type MatrixResult, type TabResults, TABS } from "../core/compare";
import {
  formatCount, renderCooccurrenceStudies, renderCooccurrenceTable, renderPivotTable, renderStackTable,
} from "./comparison-render";
import { renderTrends } from "./comparison-trends";

/** Where a tab draws, and what differs between the view and a code block. */
export interface TabSurface {
  /** A new scroll box in the panel, its note links working. */
  scrollBox(): HTMLElement;
  /** The panel itself (for a message instead of a table). */
  panel: HTMLElement;
  /** Below the table: the studies behind a selected co-occurrence cell. Its note links work. */
  details: HTMLElement;
  /** The selected co-occurrence cell, kept by the host across redraws. */
  selection: { a: number; b: number } | null;
  select(selection: { a: number; b: number }): void;
  /** The matrix: the view virtualises it and lets cells be ticked, a block draws its first rows. */
  matrix(result: MatrixResult): void;
}

interface TabView<R> {
  render(surface: TabSurface, result: R): void;
  /** Words for the status line beside "n of m studies", or null. */
  status?(result: R): string | null;
}

export const TAB_VIEWS: { readonly [K in CompareTab]: TabView<TabResults[K]> } = {
  matrix: {
    render: (s, r) => s.matrix(r),
    // The legend of the "not asked" mark, when some visible note lacks a pattern's box.
    status: (r) => (r.patternColumns.some((c) => c.asked < r.visibleCount)
      ? "hatched cells: not asked (the note has no box for the pattern); shares are of the studies asked"
      : null),
  },
  pivot: { render: (s, r) => { renderPivotTable(s.scrollBox(), r); } },
  cooccurrence: {
    render: (s, r) => {
      const details = s.details;
      renderCooccurrenceTable(s.scrollBox(), r, {
        selected: s.selection,
        onCell: (a, b) => {
          s.select({ a, b });
          details.empty();
          renderCooccurrenceStudies(details, r, a, b);
        },
      });
      const sel = s.selection;
      if (sel && sel.a < r.patterns.length && sel.b < r.patterns.length) renderCooccurrenceStudies(details, r, sel.a, sel.b);
    },
  },
  stack: {
    render: (s, r) => {
      if (r.components.length > 0) { renderStackTable(s.scrollBox(), r); return; }
      s.panel.createDiv({ cls: "uca-empty" }).createEl("p", {
        text: r.studiesWithBody < r.visibleCount
          ? "Reading the tech stack tables…"
          : "None of the visible studies has a filled \"Tech Stack Identified\" table yet.",
      });
    },
    status: (r) => `${formatCount(r.studiesWithBody)} with their tech stack read`,
  },
  trends: {
    render: (s, r) => { renderTrends(s.scrollBox(), r); },
    status: (r) => (r.undated > 0 ? `${formatCount(r.undated)} without a year` : null),
  },
};

/** Draws the result's tab on the surface. */
export function renderTab(surface: TabSurface, result: CompareResult): void {
  (TAB_VIEWS[result.kind] as TabView<CompareResult>).render(surface, result);
}

/** "1,234 of 10,000 studies · unknown columns: … · …": the line above (view) or below (block) a result. */
export function statusText(result: CompareResult): string {
  const parts = [`${formatCount(result.visibleCount)} of ${formatCount(result.totalCount)} ${result.totalCount === 1 ? "study" : "studies"}`];
  if ("unknownColumns" in result && result.unknownColumns.length > 0) parts.push(`unknown columns: ${result.unknownColumns.join(", ")}`);
  const extra = (TAB_VIEWS[result.kind] as TabView<CompareResult>).status?.(result);
  if (extra) parts.push(extra);
  return parts.join(" · ");
}

/** The tab's label (one per tab, from its definition). */
export function tabLabel(tab: CompareTab): string {
  return TABS[tab].label;
}
