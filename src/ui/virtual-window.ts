/**
 * Which rows of a long table belong in the DOM. Pure arithmetic, kept apart from the view so
 * the bound on DOM rows can be tested without a layout engine: the caller measures (or is told)
 * the row height and the viewport's height and scroll offset.
 */

export interface WindowInput {
  /** Number of body rows in the whole table (studies plus group and subtotal rows). */
  total: number;
  /** Height of one row in CSS pixels (> 0). */
  rowHeight: number;
  /** Height of the scroll container's visible area in CSS pixels. */
  viewportHeight: number;
  /** The container's scrollTop, minus whatever sits above the body (the sticky header). */
  scrollTop: number;
  /** Rows rendered beyond each edge so fast scrolling does not show blank space. */
  overscan: number;
}

export interface RowWindow {
  /** First row index in the DOM (inclusive). */
  start: number;
  /** One past the last row index in the DOM. */
  end: number;
  /** Height of the spacer above the first rendered row. */
  padTop: number;
  /** Height of the spacer below the last rendered row. */
  padBottom: number;
}

/** Rows shown when the viewport's height is unknown (no layout yet): enough for a tall window. */
export const FALLBACK_VIEWPORT_ROWS = 40;

export function rowWindow(input: WindowInput): RowWindow {
  const total = Math.max(0, Math.floor(input.total));
  const rowHeight = input.rowHeight > 0 ? input.rowHeight : 1;
  const viewport = input.viewportHeight > 0 ? input.viewportHeight : FALLBACK_VIEWPORT_ROWS * rowHeight;
  const overscan = Math.max(0, Math.floor(input.overscan));
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const maxFirst = Math.max(0, total - visible);
  const first = Math.min(maxFirst, Math.max(0, Math.floor(input.scrollTop / rowHeight)));
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}

/** The most rows `rowWindow` can return for a viewport: what "bounded" means in tests. */
export function maxWindowRows(rowHeight: number, viewportHeight: number, overscan: number): number {
  const viewport = viewportHeight > 0 ? viewportHeight : FALLBACK_VIEWPORT_ROWS * rowHeight;
  return Math.ceil(viewport / rowHeight) + 1 + 2 * overscan;
}
