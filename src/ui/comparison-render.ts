/**
 * DOM for the comparison tables, shared by the view (virtualised matrix, interactive) and the
 * code-block embedding (capped rows, read-only). Built with createEl only; every number is
 * printed as text, so colour is never the only carrier of meaning.
 */
import {
  cooccurrenceStudies, type CooccurrenceResult, percent, pivotCorner, type MatrixGroup, type MatrixResult,
  type MatrixRow, type PivotResult, type SortSpec, type StackResult,
} from "../core/compare";
import { baseName } from "../core/links";
import { CASE_STUDY_TYPE, type Study } from "../core/study";

/** A count as the UI prints it, with thousands separators ("10,000"): the UI's language is English. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Opens and previews notes: the view and the code block each supply their own. */
export interface LinkHandler {
  open(path: string, evt: MouseEvent | KeyboardEvent): void;
  hover(path: string, evt: MouseEvent, targetEl: HTMLElement): void;
}

/** Heat bucket 0–5 for a share in [0, 1]: 0 only for exactly nothing. */
export function heatBucket(share: number): number {
  if (!(share > 0)) return 0;
  return Math.min(5, Math.max(1, Math.ceil(share * 5)));
}

export function completenessText(study: Study): string {
  const c = study.body?.checklist;
  return c && c.total > 0 ? `${c.done}/${c.total}` : "";
}

/** A link to a note; `delegateLinks` on a container makes every such link inside it work. */
export function noteLink(parent: HTMLElement, path: string, text: string): HTMLAnchorElement {
  return parent.createEl("a", { cls: "uca-note-link", text, attr: { href: "#", "data-path": path } });
}

function linkAt(evt: Event): HTMLElement | null {
  const target = evt.target;
  if (!(target instanceof Element)) return null;
  return target.closest<HTMLElement>("a.uca-note-link[data-path]");
}

/**
 * One set of listeners for all note links in `container` (thousands of rows scroll through the
 * matrix; per-link listeners would be rebuilt on every frame): click opens (modifier: new tab),
 * middle click opens in a new tab, hover asks for Obsidian's page preview.
 */
export function delegateLinks(container: HTMLElement, links: LinkHandler): void {
  container.addEventListener("click", (evt) => {
    const a = linkAt(evt);
    if (!a) return;
    evt.preventDefault();
    links.open(a.dataset.path ?? "", evt);
  });
  container.addEventListener("auxclick", (evt) => {
    const a = linkAt(evt);
    if (!a || evt.button !== 1) return;
    evt.preventDefault();
    links.open(a.dataset.path ?? "", evt);
  });
  container.addEventListener("mouseover", (evt) => {
    const a = linkAt(evt);
    if (a) links.hover(a.dataset.path ?? "", evt, a);
  });
}

// ---------------------------------------------------------------------------------------------
// Matrix

export interface MatrixHeadOptions {
  sort: SortSpec | undefined;
  /** Called with a column id (fixed column or pattern label) when its header is activated. */
  onSort?: (column: string) => void;
  /** Arrow Down on the header of column `col` (0-based, as the body cells' `data-col`): into the body. */
  onHeadDown?: (col: number) => void;
}

function sortState(column: string, sort: SortSpec | undefined): "ascending" | "descending" | "none" {
  const active = sort ? sort.column.toLowerCase() : "name";
  if (active !== column.toLowerCase()) return "none";
  return sort?.direction === "desc" ? "descending" : "ascending";
}

function headerLabel(th: HTMLElement, column: string, label: string, opts: MatrixHeadOptions, detail?: string): void {
  th.setAttr("aria-sort", sortState(column, opts.sort));
  const host = opts.onSort
    ? th.createEl("button", { cls: "uca-sort-button", attr: { type: "button", title: `Sort by ${label}` } })
    : th.createSpan();
  host.createSpan({ cls: "uca-head-label", text: label });
  if (detail !== undefined) host.createSpan({ cls: "uca-head-count", text: detail });
  const onSort = opts.onSort;
  if (onSort) host.addEventListener("click", () => onSort(column));
}

/**
 * Two header rows: pattern groups, then every column with its count and share of visible rows.
 * Column widths come from a `<colgroup>` (fixed table layout): the columns do not jump as
 * different rows scroll into a virtualised body, and the browser lays the table out faster.
 */
export function renderMatrixHead(table: HTMLTableElement, result: MatrixResult, opts: MatrixHeadOptions): HTMLTableSectionElement {
  table.addClass("uca-fixed-layout");
  const colgroup = table.createEl("colgroup");
  for (const c of result.fixedColumns) colgroup.createEl("col", { cls: `uca-col-${c.id}` });
  for (let i = 0; i < result.patternColumns.length; i++) colgroup.createEl("col", { cls: "uca-col-pattern" });
  const thead = table.createTHead();
  const groupRow = thead.insertRow();
  groupRow.setAttr("aria-rowindex", "1");
  // The corner spans the pinned study column only: wider, it would cover the group headings
  // scrolled under it. The other fixed columns get a blank cell of their own.
  const fixedTh = groupRow.createEl("th", { cls: "uca-name uca-fixed-group" });
  fixedTh.setText(`${formatCount(result.visibleCount)} of ${formatCount(result.totalCount)} studies`);
  const others = result.fixedColumns.length - 1;
  if (others > 0) groupRow.createEl("td", { cls: "uca-fixed-filler", attr: { colspan: String(others) } });
  for (const g of result.patternGroups) {
    const th = groupRow.createEl("th", { cls: "uca-group-head", attr: { colspan: String(g.columns.length), scope: "colgroup" } });
    // Its own box, which the stylesheet keeps in view beside the pinned column while its group is.
    th.createSpan({ cls: "uca-group-label", text: g.name });
  }
  const headRow = thead.insertRow();
  headRow.setAttr("aria-rowindex", "2");
  for (const c of result.fixedColumns) {
    const th = headRow.createEl("th", { attr: { scope: "col", "data-column": c.id } });
    if (c.id === "name") th.addClass("uca-name");
    if (c.id === "year" || c.id === "completeness") th.addClass("uca-num");
    headerLabel(th, c.id, c.label, opts);
  }
  for (const p of result.patternColumns) {
    const th = headRow.createEl("th", { cls: "uca-pattern-head", attr: { scope: "col", "data-column": p.label } });
    headerLabel(th, p.label, p.label, opts, `${formatCount(p.count)} · ${percent(p.share)}`);
    const notAsked = result.visibleCount - p.asked;
    th.setAttr("aria-label", notAsked > 0
      ? `${p.label}: ${formatCount(p.count)} of ${formatCount(p.asked)} studies asked (${percent(p.share)}); ${formatCount(notAsked)} not asked`
      : `${p.label}: ${formatCount(p.count)} of ${formatCount(result.visibleCount)} visible studies (${percent(p.share)})`);
  }
  if (opts.onSort) rovingHeader(headRow, opts);
  return thead;
}

/** The sort buttons of the matrix's column header row, in column order. */
function sortButtons(headRow: HTMLTableRowElement): HTMLElement[] {
  return Array.from(headRow.querySelectorAll<HTMLElement>(":scope > th > button.uca-sort-button"));
}

/**
 * The column headers are one Tab stop (as the body is), not one per column: Tab goes from the
 * filters to the header row and then into the grid. Left and Right move between headers, Home
 * and End to the first and last, Down into the body's same column; Enter or Space sorts.
 * The stop starts on the sorted column and follows the last header focused.
 */
function rovingHeader(headRow: HTMLTableRowElement, opts: MatrixHeadOptions): void {
  const buttons = sortButtons(headRow);
  const sorted = buttons.findIndex((b) => b.parentElement?.getAttribute("aria-sort") !== "none");
  const stop = (k: number): void => buttons.forEach((b, i) => b.setAttr("tabindex", i === k ? "0" : "-1"));
  stop(Math.max(0, sorted));
  headRow.addEventListener("focusin", (evt) => {
    const k = buttons.indexOf(evt.target as HTMLElement);
    if (k >= 0) stop(k);
  });
  headRow.addEventListener("keydown", (evt) => {
    const k = buttons.indexOf(evt.target as HTMLElement);
    if (k < 0) return;
    let next: number;
    switch (evt.key) {
      case "ArrowRight": next = Math.min(buttons.length - 1, k + 1); break;
      case "ArrowLeft": next = Math.max(0, k - 1); break;
      case "Home": next = 0; break;
      case "End": next = buttons.length - 1; break;
      case "ArrowDown":
        if (!opts.onHeadDown) return;
        evt.preventDefault();
        opts.onHeadDown(k);
        return;
      default:
        return;
    }
    evt.preventDefault();
    buttons[next]?.focus();
  });
}

/** Focuses the header of column `col` (Arrow Up from the body's first row); false when there is none. */
export function focusHeader(thead: HTMLTableSectionElement | null, col: number): boolean {
  const row = thead?.rows[thead.rows.length - 1];
  const button = row ? sortButtons(row)[col] : undefined;
  if (!button) return false;
  button.focus();
  return true;
}

export function fixedCellText(study: Study, id: string): string {
  switch (id) {
    case "company": return study.company ?? "";
    case "category": return study.category ?? "";
    case "industry": return study.industry ?? "";
    case "year": return study.year === null ? "" : String(study.year);
    case "completeness": return completenessText(study);
    case "type": return study.type;
    default: return study.name;
  }
}

export interface MatrixCellOptions {
  /** The value to show for pattern column `j` while a toggle is in flight (undefined: none). */
  pendingValue?: (study: Study, j: number) => boolean | undefined;
  /** Pattern cells are buttons that toggle (the view) or plain marks (embeds). */
  editable: boolean;
}

/*
 * Pattern cells hold no text: the check mark and the faint dot are drawn by the stylesheet
 * (backgrounds in the theme's colours), and each cell's label says "yes" or "no" to screen
 * readers. A row scrolled into view lays out every cell again; with a glyph in each cell that
 * was most of a frame's work while scrolling (bench/view.bench.ts).
 */

/** The cells of one study row. Every cell carries `data-col` for keyboard navigation. */
export function renderStudyCells(tr: HTMLTableRowElement, row: MatrixRow, result: MatrixResult, opts: MatrixCellOptions): void {
  const study = row.study;
  tr.addClass("uca-study-row");
  tr.setAttr("data-path", study.path);
  let col = 0;
  for (const c of result.fixedColumns) {
    const td = tr.createEl("td", { attr: { "data-col": String(col++) } });
    if (c.id === "name") {
      td.addClass("uca-name");
      const a = noteLink(td, study.path, study.name);
      a.setAttr("tabindex", "-1");
      td.setAttr("title", nameTitle(study));
      setKindBadge(td, study);
    } else {
      const text = fixedCellText(study, c.id);
      td.setText(text);
      if (c.id === "year" || c.id === "completeness") td.addClass("uca-num");
      else if (text !== "") td.setAttr("title", text);
    }
  }
  result.patternColumns.forEach((p, j) => {
    const pending = opts.pendingValue?.(study, j);
    const checked = pending ?? row.checked[j] ?? false;
    const state = cellState(checked, pending === undefined && (row.notAsked[j] ?? false));
    const td = tr.createEl("td", {
      cls: ["uca-cell", state.cls],
      attr: { "data-col": String(col++), "data-pattern": String(j), "aria-label": `${p.label}: ${state.text} for ${study.name}` },
    });
    if (state.title) td.setAttr("title", state.title);
    if (pending !== undefined) td.addClass("is-pending");
    if (!opts.editable) td.addClass("is-readonly");
  });
}

/** The tooltip of a "not asked" cell: what it means and what ticking it does. */
export const NOT_ASKED_TITLE = "Not asked: this note has no box for the pattern (written from an older template). Not counted in the share; ticking adds the box.";

/*
 * The text columns are narrow and end a long value in "…": the tooltip has the whole of it (the
 * study's also its note's path). Screen readers read the cell's text, which is never cut.
 */
function nameTitle(study: Study): string {
  return `${study.name}\n${study.path}`;
}

/** A pattern cell's class and spoken state: yes, no, or "not asked" (the note has no box for it). */
function cellState(checked: boolean, notAsked: boolean): { cls: string; text: string; title: string | null } {
  if (checked) return { cls: "is-checked", text: "yes", title: null };
  if (notAsked) return { cls: "is-not-asked", text: "not asked", title: NOT_ASKED_TITLE };
  return { cls: "is-unchecked", text: "no", title: null };
}

/**
 * A case study usually has its analysis' name: a small "case study" label beside the link says
 * which row is which (exports add " (case study)" for the same reason).
 */
function setKindBadge(td: HTMLElement, study: Study): void {
  const badge = td.querySelector<HTMLElement>(":scope > .uca-kind-badge");
  const wanted = study.type === CASE_STUDY_TYPE;
  // Before the name, so a long name's ellipsis never hides it.
  if (wanted && !badge) td.insertBefore(createSpan({ cls: "uca-kind-badge", text: "case study" }), td.firstChild);
  else if (!wanted && badge) badge.remove();
}

/** Sets an element's only text, changing the existing text node in place (no new node, no work when equal). */
function setOnlyText(el: HTMLElement, text: string): void {
  const node = el.firstChild;
  if (node && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
    if (node.nodeValue !== text) node.nodeValue = text;
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}

function setAttrIfChanged(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * Shows `row` in a body row that already shows a study row of the same table (a virtualised
 * body recycles its rows while scrolling): only text, classes and labels that differ are
 * written, no element is made or removed, so the browser restyles little. Falls back to
 * `renderStudyCells` when the row holds something else.
 */
export function updateStudyCells(tr: HTMLTableRowElement, row: MatrixRow, result: MatrixResult, opts: MatrixCellOptions): void {
  const fixed = result.fixedColumns.length;
  if (!tr.classList.contains("uca-study-row") || tr.cells.length !== fixed + result.patternColumns.length) {
    while (tr.firstChild) tr.removeChild(tr.firstChild);
    tr.className = "";
    renderStudyCells(tr, row, result, opts);
    return;
  }
  const study = row.study;
  setAttrIfChanged(tr, "data-path", study.path);
  for (let c = 0; c < fixed; c++) {
    const td = tr.cells[c];
    const id = result.fixedColumns[c]?.id ?? "name";
    if (id === "name") {
      const a = td.querySelector<HTMLElement>(":scope > a.uca-note-link");
      if (!a) continue;
      setOnlyText(a, study.name);
      setAttrIfChanged(a, "data-path", study.path);
      setAttrIfChanged(td, "title", nameTitle(study));
      setKindBadge(td, study);
    } else {
      const text = fixedCellText(study, id);
      setOnlyText(td, text);
      if (id !== "year" && id !== "completeness") {
        if (text !== "") setAttrIfChanged(td, "title", text);
        else if (td.hasAttribute("title")) td.removeAttribute("title");
      }
    }
  }
  const patterns = result.patternColumns;
  for (let j = 0; j < patterns.length; j++) {
    const td = tr.cells[fixed + j];
    const pending = opts.pendingValue?.(study, j);
    const checked = pending ?? row.checked[j] ?? false;
    const state = cellState(checked, pending === undefined && (row.notAsked[j] ?? false));
    const cls = `uca-cell ${state.cls}${pending !== undefined ? " is-pending" : ""}${opts.editable ? "" : " is-readonly"}`;
    if (td.className !== cls) td.className = cls;
    if (td.firstChild) td.textContent = "";
    setAttrIfChanged(td, "aria-label", `${patterns[j]?.label ?? ""}: ${state.text} for ${study.name}`);
    if (state.title) setAttrIfChanged(td, "title", state.title);
    else if (td.hasAttribute("title")) td.removeAttribute("title");
  }
}

/** A group's subtotal row: its label and study count, then per pattern how many of them have it. */
export function renderGroupCells(tr: HTMLTableRowElement, group: MatrixGroup, result: MatrixResult): void {
  tr.addClass("uca-group-row");
  let col = 0;
  // In the pinned study column, as the corner: the other fixed columns get a blank cell, which
  // the keyboard passes over (no `data-col`).
  const label = tr.createEl("td", { cls: "uca-name", attr: { "data-col": String(col) } });
  label.setText(`${group.label} (${formatCount(group.rows.length)})`);
  label.setAttr("title", group.label);
  const others = result.fixedColumns.length - 1;
  if (others > 0) tr.createEl("td", { cls: "uca-fixed-filler", attr: { colspan: String(others) } });
  col += result.fixedColumns.length;
  result.patternColumns.forEach((p, j) => {
    const n = group.counts[j] ?? 0;
    tr.createEl("td", {
      cls: ["uca-cell", "uca-num"],
      text: formatCount(n),
      attr: { "data-col": String(col++), "aria-label": `${p.label}: ${n} of ${group.rows.length} in ${group.label}` },
    });
  });
}

export type FlatRow = { kind: "group"; group: MatrixGroup } | { kind: "study"; row: MatrixRow };

/** The matrix body in display order: each group's subtotal row followed by its studies. */
export function flattenMatrix(result: MatrixResult): FlatRow[] {
  if (!result.groups) return result.rows.map((row) => ({ kind: "study", row }));
  const out: FlatRow[] = [];
  for (const group of result.groups) {
    out.push({ kind: "group", group });
    for (const row of group.rows) out.push({ kind: "study", row });
  }
  return out;
}

export function columnCount(result: MatrixResult): number {
  return result.fixedColumns.length + result.patternColumns.length;
}

// ---------------------------------------------------------------------------------------------
// Pivot

/** Pattern × value heat map: every cell prints its count and its share of the pattern's studies. */
export function renderPivotTable(parent: HTMLElement, result: PivotResult): HTMLTableElement {
  const table = parent.createEl("table", { cls: "uca-table uca-pivot" });
  const head = table.createTHead().insertRow();
  head.createEl("th", { cls: "uca-name", text: pivotCorner(result.by), attr: { scope: "col" } });
  for (const c of result.columns) {
    const th = head.createEl("th", { cls: "uca-num", attr: { scope: "col" } });
    th.createSpan({ text: c.label });
    th.createSpan({ cls: "uca-head-count", text: `${formatCount(c.studies)} ${c.studies === 1 ? "study" : "studies"}` });
  }
  head.createEl("th", { cls: "uca-num", text: "Total", attr: { scope: "col" } });
  const body = table.createTBody();
  const grouped = !result.options.sort;
  let lastGroup: string | null = null;
  for (const row of result.rows) {
    if (grouped && row.pattern.group !== lastGroup) {
      lastGroup = row.pattern.group;
      const gr = body.insertRow();
      gr.addClass("uca-group-row");
      gr.createEl("td", { text: row.pattern.group, attr: { colspan: String(result.columns.length + 2) } });
    }
    const tr = body.insertRow();
    tr.createEl("th", { cls: "uca-name", text: row.pattern.label, attr: { scope: "row" } });
    row.counts.forEach((n, i) => {
      const share = row.shares[i] ?? 0;
      const column = result.columns[i];
      const td = tr.createEl("td", {
        cls: ["uca-heat", `uca-heat-${heatBucket(share)}`],
        attr: { "aria-label": `${row.pattern.label} in ${column?.label ?? ""}: ${n} ${n === 1 ? "study" : "studies"}, ${percent(share)} of this pattern's studies` },
      });
      td.createSpan({ cls: "uca-heat-count", text: formatCount(n) });
      td.createSpan({ cls: "uca-heat-share", text: percent(share) });
    });
    tr.createEl("td", { cls: "uca-num", text: formatCount(row.total) });
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// Co-occurrence

export interface CooccurrenceOptions {
  /** Called with the pattern indices of an activated cell (click, Enter, Space). */
  onCell?: (a: number, b: number) => void;
  selected?: { a: number; b: number } | null;
}

/** Pattern × pattern: studies having both, and the lift over chance (×1.00 = independent). */
export function renderCooccurrenceTable(parent: HTMLElement, result: CooccurrenceResult, opts: CooccurrenceOptions = {}): HTMLTableElement {
  const table = parent.createEl("table", { cls: "uca-table uca-cooc" });
  const head = table.createTHead().insertRow();
  head.createEl("th", { cls: "uca-name", text: "Pattern", attr: { scope: "col" } });
  for (const p of result.patterns) head.createEl("th", { cls: "uca-pattern-head", text: p.label, attr: { scope: "col" } });
  const body = table.createTBody();
  let max = 0;
  result.counts.forEach((row, a) => row.forEach((n, b) => { if (a !== b && n > max) max = n; }));
  result.patterns.forEach((p, a) => {
    const tr = body.insertRow();
    const th = tr.createEl("th", { cls: "uca-name", attr: { scope: "row" } });
    th.createSpan({ text: p.label });
    th.createSpan({ cls: "uca-head-count", text: `${formatCount(p.count)} ${p.count === 1 ? "study" : "studies"}` });
    result.patterns.forEach((q, b) => {
      const n = result.counts[a]?.[b] ?? 0;
      const lift = result.lift[a]?.[b] ?? null;
      const diagonal = a === b;
      const bucket = diagonal ? 0 : heatBucket(max === 0 ? 0 : n / max);
      const td = tr.createEl("td", {
        cls: ["uca-heat", `uca-heat-${bucket}`, "uca-cooc-cell"],
        attr: {
          tabindex: opts.onCell ? "0" : "-1",
          "aria-label": diagonal
            ? `${p.label}: ${n} ${n === 1 ? "study" : "studies"}`
            : `${p.label} with ${q.label}: ${n} ${n === 1 ? "study" : "studies"}${lift !== null && n > 0 ? `, lift ${lift.toFixed(2)}` : ""}`,
        },
      });
      if (diagonal) td.addClass("is-diagonal");
      if (opts.selected && opts.selected.a === a && opts.selected.b === b) td.addClass("is-selected");
      td.createSpan({ cls: "uca-heat-count", text: formatCount(n) });
      if (!diagonal && lift !== null && n > 0) td.createSpan({ cls: "uca-lift", text: `×${lift.toFixed(2)}` });
      const onCell = opts.onCell;
      if (onCell) {
        td.addEventListener("click", () => onCell(a, b));
        td.addEventListener("keydown", (evt) => {
          if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); onCell(a, b); }
        });
      }
    });
  });
  return table;
}

/** The list of studies behind one co-occurrence cell. */
export function renderCooccurrenceStudies(parent: HTMLElement, result: CooccurrenceResult, a: number, b: number): void {
  const pa = result.patterns[a];
  const pb = result.patterns[b];
  if (!pa || !pb) return;
  const paths = cooccurrenceStudies(result, a, b);
  const panel = parent.createDiv({ cls: "uca-panel uca-cooc-studies", attr: { "aria-live": "polite" } });
  panel.createEl("h4", { text: a === b ? `Studies with ${pa.label} (${formatCount(paths.length)})` : `Studies with ${pa.label} and ${pb.label} (${formatCount(paths.length)})` });
  if (paths.length === 0) {
    panel.createEl("p", { text: "No visible study has both." });
    return;
  }
  const list = panel.createEl("ul");
  for (const path of paths) noteLink(list.createEl("li"), path, baseName(path));
}

// ---------------------------------------------------------------------------------------------
// Stack

/** Component × technology: how many visible studies name each technology for each component. */
export function renderStackTable(parent: HTMLElement, result: StackResult, maxStudies = 5): HTMLTableElement {
  const table = parent.createEl("table", { cls: "uca-table uca-stack" });
  const head = table.createTHead().insertRow();
  for (const label of ["Component", "Technology", "Studies", "Which"]) head.createEl("th", { text: label, attr: { scope: "col" } });
  // One row group per component: its name once, spanning its technologies' rows, and the header
  // of each of them for a screen reader (scope "rowgroup"), instead of the name on every row.
  for (const c of result.components) {
    const body = table.createTBody();
    body.addClass("uca-stack-group");
    c.technologies.forEach((t, i) => {
      const tr = body.insertRow();
      if (i === 0) {
        const th = tr.createEl("th", { cls: "uca-stack-component", attr: { scope: "rowgroup", rowspan: String(c.technologies.length) } });
        th.createSpan({ cls: "uca-stack-name", text: c.component });
        th.createSpan({ cls: "uca-stack-count", text: `${formatCount(c.count)} ${c.count === 1 ? "study" : "studies"}` });
      }
      tr.createEl("td", { text: t.technology });
      tr.createEl("td", { cls: "uca-num", text: formatCount(t.count) });
      const which = tr.createEl("td", { cls: "uca-stack-studies" });
      t.studies.slice(0, maxStudies).forEach((path, j) => {
        if (j > 0) which.appendText(", ");
        noteLink(which, path, baseName(path));
      });
      if (t.studies.length > maxStudies) which.appendText(` and ${t.studies.length - maxStudies} more`);
    });
  }
  return table;
}
