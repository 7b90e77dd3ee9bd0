/**
 * The comparison view's matrix: a virtualised grid (only the rows in the viewport, plus a small
 * overscan, are drawn between two spacer rows; the row elements are recycled while scrolling) with
 * the keyboard of an ARIA grid (arrows, Home/End, Page Up/Down, Enter/Space, one roving Tab stop).
 * The view owns the data and the schedule; the grid asks it, through its host, to scroll-redraw,
 * sort, tick a cell or open a note.
 */
import type { MatrixResult, SortSpec } from "../core/compare";
import type { Study } from "../core/study";
import {
  columnCount, flattenMatrix, type FlatRow, focusHeader, type MatrixCellOptions, renderGroupCells, renderMatrixHead,
  updateStudyCells,
} from "./comparison-render";
import { rowWindow, type RowWindow } from "./virtual-window";

/** Row height and overscan; measured from the DOM when there is a layout, these are the fallbacks. */
export interface ComparisonLayout {
  /** CSS pixels per body row (the stylesheet's `--uca-row-height`). */
  rowHeight: number;
  /** Rows drawn beyond each edge of the viewport. */
  overscan: number;
}

export const DEFAULT_LAYOUT: ComparisonLayout = { rowHeight: 28, overscan: 8 };

/** What the grid asks of the view it is drawn in. */
export interface MatrixGridHost {
  readonly layout: ComparisonLayout;
  /** A new scroll box in the panel, its note links working. */
  scrollBox(): HTMLElement;
  /** The window the grid is in: its height stands in for the viewport's until measured. */
  window(): Window | null;
  /** A column header was activated: sort by that column (a fixed column's id or a pattern label). */
  sortBy(column: string): void;
  /** The scroll box scrolled: draw the window at the next frame. */
  scrolled(): void;
  /** The window was drawn (outside a frame, too). */
  windowDrawn(): void;
  /** Pattern column `j` of the study on flat row `row` was activated (click, Enter, Space). */
  toggle(row: number, j: number): void;
  /** Enter on a fixed cell of a study row: open the note. */
  open(path: string, evt: KeyboardEvent): void;
  /** The optimistic value of a pattern ticked but not yet in the index, if any. */
  pendingValue(path: string, label: string): boolean | undefined;
  /** True while some value is pending (nearly never): otherwise no lookup per cell. */
  hasPending(): boolean;
  /** False when cells cannot be ticked (the pattern sync is not loaded). */
  editable(): boolean;
}

/** A body row across renders: a study by its path, a group row by its label. */
interface RowKey {
  kind: FlatRow["kind"];
  id: string;
}

/** Where the reader was before a redraw, so an edit elsewhere does not throw them back to the top. */
export interface GridMemo {
  focusKey: RowKey | null;
  /** The keyboard was in the body. */
  hadFocus: boolean;
  /** The id of the column header that had the keyboard (Enter on it sorts, which draws a new table). */
  focusedHeader: string | null;
  scroll: { top: number; left: number } | null;
}

/** A study's pattern cell, resolved from a body position. */
export interface PatternCell {
  study: Study;
  label: string;
  /** The index's value. */
  checked: boolean;
}

export class MatrixGrid {
  private result: MatrixResult | null = null;
  private flat: FlatRow[] = [];
  /** Measured in the DOM when possible; the layout's value until then. */
  private rowHeight: number;
  private viewportMeasured: number | null = null;
  private rowHeightMeasured = false;
  private lastWindow: RowWindow | null = null;
  /** The scroll position a new table takes (the old one's), until it is applied. */
  private restoreScroll: { top: number; left: number } | null = null;

  /** Keyboard position in the matrix body: flat row index and column index. */
  private focusRow = 0;
  private focusCol = 0;

  private scrollEl: HTMLElement | null = null;
  private tableEl: HTMLTableElement | null = null;
  private bodyEl: HTMLTableSectionElement | null = null;
  /** The body's two spacer cells and the recycled rows between them (see renderWindow). */
  private spacers: { top: HTMLElement; bottom: HTMLElement } | null = null;
  private rowPool: HTMLTableRowElement[] = [];
  /** The body cell that is the Tab stop (tabindex 0), see setTabStop. */
  private tabStop: HTMLElement | null = null;
  /** The flat row index the first pooled row shows. */
  private poolStart = 0;

  constructor(private readonly host: MatrixGridHost) {
    this.rowHeight = host.layout.rowHeight;
  }

  /** Where the reader is now (call before the panel is emptied); the scroll only when it is kept. */
  remember(doc: Document, keepScroll: boolean): GridMemo {
    const active = doc.activeElement;
    return {
      hadFocus: this.bodyEl?.contains(active) ?? false,
      focusedHeader: this.tableEl?.tHead?.contains(active)
        ? active?.closest<HTMLElement>("th[data-column]")?.dataset.column ?? null
        : null,
      focusKey: this.keyOfRow(this.focusRow),
      scroll: keepScroll && this.scrollEl ? { top: this.scrollEl.scrollTop, left: this.scrollEl.scrollLeft } : null,
    };
  }

  /** The panel was emptied: the table is gone (the keyboard's place is kept for the next one). */
  detach(): void {
    this.result = null;
    this.scrollEl = null;
    this.tableEl = null;
    this.bodyEl = null;
    this.lastWindow = null;
    this.spacers = null;
    this.rowPool = [];
  }

  /** The pane changed size: measure again at the next window drawn. */
  resized(): void {
    this.viewportMeasured = null;
    this.rowHeightMeasured = false;
  }

  /** The study's pattern cell at flat row `row`, pattern column `j`, or null (a group row, no such column). */
  patternCell(row: number, j: number): PatternCell | null {
    const item = this.flat[row];
    const result = this.result;
    if (!item || item.kind !== "study" || !result) return null;
    const column = result.patternColumns[j];
    if (!column) return null;
    return { study: item.row.study, label: column.label, checked: item.row.checked[j] ?? false };
  }

  /** True while the grid's table is in the panel (a redraw of the matrix can reuse it). */
  isAttached(): boolean {
    return this.tableEl !== null;
  }

  /**
   * Draws `result`, keeping the reader's place from `memo`. The first time (or after `detach`) in
   * a new scroll box; after that over the same table: the header is drawn again and the body's
   * rows are refilled where they stand, so a filter, a sort or a ticked cell costs the rows in
   * view and no new table for the browser to style and lay out (the scroll position stays, with
   * no write that would make the browser lay the page out in the middle of the frame).
   */
  render(result: MatrixResult, sort: SortSpec | undefined, memo: GridMemo): void {
    const columnsBefore = this.result ? columnCount(this.result) : -1;
    this.result = result;
    this.flat = flattenMatrix(result);
    this.restoreScroll = memo.scroll;
    const reuse = this.tableEl !== null && this.bodyEl !== null && this.scrollEl !== null;
    const scroll = this.scrollEl ?? this.host.scrollBox();
    this.scrollEl = scroll;
    const attr = { "aria-rowcount": String(this.flat.length + 2), "aria-colcount": String(columnCount(result)) };
    let table = this.tableEl;
    let body = this.bodyEl;
    if (table && body) {
      for (const [name, value] of Object.entries(attr)) table.setAttr(name, value);
      // Everything but the body is the header's: drawn again below, before the body.
      for (const child of Array.from(table.children)) if (child !== body) child.remove();
      if (columnsBefore !== columnCount(result)) this.spacers = null;
    } else {
      table = scroll.createEl("table", {
        cls: "uca-table uca-matrix",
        attr: { role: "grid", ...attr, "aria-label": "Studies and their patterns" },
      });
      // The stylesheet's row height is the layout's; the virtualiser uses what the browser measures.
      table.setCssProps({ "--uca-row-height": `${this.host.layout.rowHeight}px` });
      this.tableEl = table;
    }
    renderMatrixHead(table, result, {
      sort,
      onSort: (c) => this.host.sortBy(c),
      // Into the body's same column, on the row the body's Tab stop is on (a drawn row).
      onHeadDown: (col) => this.moveFocus(this.focusRow, col),
    });
    if (body) {
      // The header's parts appended after the body go back where a table has them (the body, moved
      // instead, would be styled again): column groups first, anything else just before the body.
      const after = Array.from(table.children).slice(Array.from(table.children).indexOf(body) + 1);
      for (const child of after) {
        const first = Array.from(table.children).find((c) => c.tagName !== "CAPTION" && c.tagName !== "COLGROUP") ?? body;
        table.insertBefore(child, child.tagName === "COLGROUP" ? first : body);
      }
    } else {
      body = table.createTBody();
      this.bodyEl = body;
      // Plain listeners: the scroll box is replaced with the panel's content and takes them along.
      scroll.addEventListener("scroll", () => this.host.scrolled(), { passive: true });
      body.addEventListener("click", (evt) => this.onBodyClick(evt));
      body.addEventListener("keydown", (evt) => this.onBodyKey(evt));
      body.addEventListener("focusin", (evt) => this.onBodyFocus(evt));
    }
    // Compared in place (no key built per row): this runs over every row on every data render.
    const focusKey = memo.focusKey;
    const found = focusKey === null ? -1 : this.flat.findIndex((item) => item.kind === focusKey.kind
      && (item.kind === "study" ? item.row.study.path : item.group.label) === focusKey.id);
    this.focusRow = found >= 0 ? found : Math.min(this.focusRow, Math.max(0, this.flat.length - 1));
    this.focusCol = Math.min(this.focusCol, columnCount(result) - 1);
    this.renderWindow(true);
    if (this.restoreScroll && !reuse) {
      scroll.scrollTop = this.restoreScroll.top;
      scroll.scrollLeft = this.restoreScroll.left;
    }
    this.restoreScroll = null;
    this.measureLayout();
    if (memo.hadFocus) this.moveFocus(this.focusRow, this.focusCol);
    if (memo.focusedHeader !== null) this.focusHeaderOf(memo.focusedHeader);
  }

  /** Draws the rows the viewport shows now (a frame after a scroll or a resize). */
  drawWindow(): void {
    this.renderWindow(false);
    this.measureLayout();
  }

  /** Draws the window's rows again with their current values (a pending toggle changed). */
  redraw(): void {
    this.renderWindow(true);
  }

  /** Focuses a cell, scrolling it into the viewport and drawing it first when it is not drawn. */
  moveFocus(row: number, col: number): void {
    const scroll = this.scrollEl;
    if (!scroll) return;
    this.focusRow = row;
    this.focusCol = col;
    const top = row * this.rowHeight;
    const viewport = this.viewportHeight() || this.rowHeight * 10;
    if (top < scroll.scrollTop) scroll.scrollTop = top;
    else if (top + this.rowHeight > scroll.scrollTop + viewport) scroll.scrollTop = top + this.rowHeight - viewport;
    const win = this.currentWindow();
    if (!this.lastWindow || row < this.lastWindow.start || row >= this.lastWindow.end || win.start !== this.lastWindow.start) {
      this.renderWindow(true);
    }
    const cell = this.cellAt(row, col);
    if (cell) {
      this.setTabStop(cell);
      cell.focus({ preventScroll: true });
    }
  }

  /** What identifies a body row across renders: the study's path or the group's label. */
  private keyOfRow(row: number): RowKey | null {
    const item = this.flat[row];
    if (!item) return null;
    return item.kind === "study" ? { kind: "study", id: item.row.study.path } : { kind: "group", id: item.group.label };
  }

  /**
   * Measures the body's viewport (the scroll box minus the sticky header) and the real row
   * height, once per size, after the first rows are drawn: reading layout makes the browser lay
   * the view out then and there, so it is done once, with the rows in, and never before them
   * (that would lay the view out twice in the frame that opens it). Redraws the window when the
   * measured sizes move it. Without a layout (a hidden pane, no layout engine) nothing is cached.
   */
  private measureLayout(): void {
    const scroll = this.scrollEl;
    if (!scroll || (this.viewportMeasured !== null && this.rowHeightMeasured)) return;
    const height = scroll.clientHeight;
    if (height <= 0) return;
    const head = this.tableEl?.tHead?.getBoundingClientRect().height ?? 0;
    this.viewportMeasured = Math.max(0, height - head);
    const row = this.rowHeightMeasured ? null : this.bodyEl?.querySelector<HTMLElement>("tr.uca-study-row");
    if (row) {
      this.rowHeightMeasured = true;
      const h = row.getBoundingClientRect().height;
      if (h > 0 && Math.abs(h - this.rowHeight) > 0.5) this.rowHeight = h;
    }
    this.renderWindow(false);
  }

  /**
   * The body's visible height as last measured. Until then, the window's height: the pane is no
   * taller, and the opening frame draws only that many rows (0, the virtualiser's fallback,
   * when there is no window size either).
   */
  private viewportHeight(): number {
    if (!this.scrollEl) return 0;
    return this.viewportMeasured ?? this.host.window()?.innerHeight ?? 0;
  }

  private currentWindow(): RowWindow {
    return rowWindow({
      total: this.flat.length,
      rowHeight: this.rowHeight,
      viewportHeight: this.viewportHeight(),
      // Right after a data render the new scroll box is empty: draw for the position it gets next.
      scrollTop: this.restoreScroll?.top ?? this.scrollEl?.scrollTop ?? 0,
      overscan: this.host.layout.overscan,
    });
  }

  /**
   * Redraws the body rows in the viewport; skips the work when the window did not move. The row
   * elements are kept and refilled (two spacer rows stand in for the rest): while scrolling,
   * making and dropping hundreds of cells per frame cost more than the frame has.
   */
  private renderWindow(force: boolean): void {
    this.host.windowDrawn();
    const body = this.bodyEl;
    const result = this.result;
    if (!body || !result) return;
    const win = this.currentWindow();
    const last = this.lastWindow;
    if (!force && last && last.start === win.start && last.end === win.end) return;
    this.lastWindow = win;

    const hadFocus = body.contains(body.ownerDocument.activeElement);
    // Focus follows the scroll when the keyboard is elsewhere, so Tab always lands on a drawn cell.
    if (!hadFocus && (this.focusRow < win.start || this.focusRow >= win.end)) this.focusRow = win.start;

    if (!this.spacers || this.spacers.top.parentElement?.parentElement !== body) {
      body.empty();
      const cols = String(columnCount(result));
      this.spacers = { top: spacer(body, cols), bottom: spacer(body, cols) };
      this.rowPool = [];
      force = true;
    }
    const { top, bottom } = this.spacers;
    const bottomRow = bottom.parentElement as HTMLElement;
    setSpacer(top, win.padTop);
    setSpacer(bottom, win.padBottom);
    // The tab stop is set again below, on whichever cell shows the focused position now.
    this.setTabStop(null);

    const pendingValue = (study: Study, j: number): boolean | undefined => {
      const label = result.patternColumns[j]?.label;
      return label === undefined ? undefined : this.host.pendingValue(study.path, label);
    };
    // No pending toggles (nearly always): no lookup per cell.
    const cellOptions: MatrixCellOptions = { pendingValue: this.host.hasPending() ? pendingValue : undefined, editable: this.host.editable() };
    const fill = (tr: HTMLTableRowElement, i: number): void => {
      const item = this.flat[i];
      if (!item) return;
      tr.setAttr("data-row", String(i));
      tr.setAttr("aria-rowindex", String(i + 3));
      if (item.kind === "study") {
        const fresh = !tr.hasClass("uca-study-row");
        updateStudyCells(tr, item.row, result, cellOptions);
        if (fresh) for (const td of Array.from(tr.cells)) td.setAttr("tabindex", "-1");
      } else {
        tr.empty();
        tr.className = "";
        tr.removeAttribute("data-path");
        renderGroupCells(tr, item.group, result);
        for (const td of Array.from(tr.cells)) td.setAttr("tabindex", "-1");
      }
    };
    const old = this.rowPool;
    const oldStart = this.poolStart;
    const keepFrom = Math.max(win.start, oldStart);
    const keepTo = Math.min(win.end, oldStart + old.length);
    if (force || keepFrom >= keepTo) {
      // New data or a jump: refill every row where it stands.
      const wanted = Math.max(0, win.end - win.start);
      while (old.length < wanted) old.push(body.insertBefore(body.createEl("tr"), bottomRow));
      while (old.length > wanted) old.pop()?.remove();
      old.forEach((tr, k) => fill(tr, win.start + k));
    } else {
      // A scroll: the rows still in view stay as they are; those that left move to the side that
      // is coming into view and are refilled. Work per frame follows the distance scrolled.
      const kept = old.slice(keepFrom - oldStart, keepTo - oldStart);
      const free = [...old.slice(0, keepFrom - oldStart), ...old.slice(keepTo - oldStart)];
      const take = (): HTMLTableRowElement => free.pop() ?? body.createEl("tr");
      const above: HTMLTableRowElement[] = [];
      for (let i = win.start; i < keepFrom; i++) above.push(take());
      const below: HTMLTableRowElement[] = [];
      for (let i = keepTo; i < win.end; i++) below.push(take());
      for (const tr of free) tr.remove();
      const first = kept[0];
      above.forEach((tr, k) => { body.insertBefore(tr, first); fill(tr, win.start + k); });
      below.forEach((tr, k) => { body.insertBefore(tr, bottomRow); fill(tr, keepTo + k); });
      this.rowPool = [...above, ...kept, ...below];
    }
    this.poolStart = win.start;
    const active = this.cellAt(this.focusRow, this.focusCol);
    this.setTabStop(active);
    if (hadFocus) active?.focus({ preventScroll: true });
  }

  /**
   * Makes `cell` the body's one Tab stop (roving tabindex): the previous one goes back to -1.
   * Remembered rather than searched for: a search of every drawn cell ran once per scrolled frame.
   */
  private setTabStop(cell: HTMLElement | null): void {
    if (this.tabStop && this.tabStop !== cell) this.tabStop.setAttr("tabindex", "-1");
    this.tabStop = cell;
    cell?.setAttr("tabindex", "0");
  }

  /** The drawn cell at (row, col); a group row's label spans the fixed columns. */
  private cellAt(row: number, col: number): HTMLElement | null {
    const tr = this.bodyEl?.querySelector<HTMLTableRowElement>(`tr[data-row="${row}"]`);
    if (!tr) return null;
    let best: HTMLElement | null = null;
    for (const td of Array.from(tr.cells)) {
      const c = Number(td.dataset.col);
      if (Number.isNaN(c)) continue; // a blank filler cell (see renderGroupCells)
      if (c <= col) best = td;
      else break;
    }
    return best;
  }

  private onBodyFocus(evt: FocusEvent): void {
    const pos = positionOf(evt.target as Element | null);
    if (!pos) return;
    if (pos.row !== this.focusRow || pos.col !== this.focusCol) {
      this.focusRow = pos.row;
      this.focusCol = pos.col;
      this.setTabStop(this.cellAt(pos.row, pos.col));
    }
  }

  private onBodyClick(evt: MouseEvent): void {
    const target = evt.target as Element | null;
    const pos = positionOf(target);
    if (!pos) return;
    this.focusRow = pos.row;
    this.focusCol = pos.col;
    const td = target?.closest<HTMLElement>("td.uca-cell[data-pattern]");
    if (td) this.host.toggle(pos.row, Number(td.dataset.pattern));
  }

  private onBodyKey(evt: KeyboardEvent): void {
    const result = this.result;
    if (!result) return;
    const pos = positionOf(evt.target as Element | null) ?? { row: this.focusRow, col: this.focusCol };
    const lastRow = this.flat.length - 1;
    const lastCol = columnCount(result) - 1;
    const page = Math.max(1, Math.floor(this.viewportHeight() / this.rowHeight) || 10);
    const ctrl = evt.ctrlKey || evt.metaKey;
    let row = pos.row;
    let col = pos.col;
    switch (evt.key) {
      case "ArrowDown": row++; break;
      case "ArrowUp":
        // Above the first row are the column headers (the grid's first rows).
        if (pos.row === 0 && focusHeader(this.tableEl?.tHead ?? null, pos.col)) { evt.preventDefault(); return; }
        row--;
        break;
      case "ArrowRight": col = this.nextCol(result, pos.row, pos.col, 1); break;
      case "ArrowLeft": col = this.nextCol(result, pos.row, pos.col, -1); break;
      case "Home": if (ctrl) row = 0; col = 0; break;
      case "End": if (ctrl) row = lastRow; col = lastCol; break;
      case "PageDown": row += page; break;
      case "PageUp": row -= page; break;
      case "Enter":
      case " ":
        evt.preventDefault();
        this.activateCell(result, pos.row, pos.col, evt);
        return;
      default:
        return;
    }
    evt.preventDefault();
    this.moveFocus(Math.max(0, Math.min(lastRow, row)), Math.max(0, Math.min(lastCol, col)));
  }

  /** Focuses the header of the column with this id (a fixed column's id or a pattern label), if shown. */
  private focusHeaderOf(column: string): void {
    const thead = this.tableEl?.tHead;
    const cells = thead ? Array.from(thead.rows[thead.rows.length - 1]?.cells ?? []) : [];
    const col = cells.findIndex((th) => th.dataset.column === column);
    if (col >= 0) focusHeader(thead ?? null, col);
  }

  /** The next column from `col` in direction `dir`, stepping over a group row's spanned label. */
  private nextCol(result: MatrixResult, row: number, col: number, dir: 1 | -1): number {
    const item = this.flat[row];
    const fixed = result.fixedColumns.length;
    if (item?.kind === "group") {
      if (dir > 0 && col < fixed) return fixed;
      if (dir < 0 && col <= fixed) return 0;
    }
    return col + dir;
  }

  private activateCell(result: MatrixResult, row: number, col: number, evt: KeyboardEvent): void {
    const item = this.flat[row];
    if (!item || item.kind !== "study") return;
    const fixed = result.fixedColumns.length;
    if (col >= fixed) this.host.toggle(row, col - fixed);
    else this.host.open(item.row.study.path, evt);
  }
}

function positionOf(el: Element | null): { row: number; col: number } | null {
  const td = el?.closest<HTMLElement>("td[data-col]");
  const tr = td?.closest<HTMLElement>("tr[data-row]");
  if (!td || !tr) return null;
  return { row: Number(tr.dataset.row), col: Number(td.dataset.col) };
}

function spacer(body: HTMLTableSectionElement, cols: string): HTMLElement {
  const tr = body.insertRow();
  tr.addClass("uca-spacer");
  tr.setAttr("aria-hidden", "true");
  return tr.createEl("td", { attr: { colspan: cols } });
}

function setSpacer(td: HTMLElement, height: number): void {
  const value = `${height}px`;
  if (td.style.getPropertyValue("--uca-spacer-height") !== value) td.setCssProps({ "--uca-spacer-height": value });
}
