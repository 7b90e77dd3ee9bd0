/**
 * The pattern comparison view: every study in the vault against every pattern, live.
 *
 * Rendering is lazy, as Dataview's refreshable views are: an index change only marks the view
 * stale; a repaint happens at most once per animation frame, only while the view is shown, and
 * only draws the matrix rows in the viewport (plus a small overscan) between two spacer rows.
 */
import {
  ItemView, Keymap, Notice, Platform, TFile, type HoverParent, type HoverPopover, type ViewStateResult, type WorkspaceLeaf,
} from "obsidian";
import {
  COMPARE_TABS, compare, type CompareOptions, type CompareResult, type CompareTab,
  DEFAULT_COMPARE_OPTIONS, type MatrixResult, parseCompareOptions,
} from "../core/compare";
import { toCsv, toMarkdownTable, toTable, snapshotNote } from "../core/export";
import type { Study } from "../core/study";
import type { AtlasContext } from "../obsidian/context";
import { createExportFile } from "../obsidian/export-files";
import type { StudyIndexService } from "../obsidian/study-index-service";
import type { ComparisonPorts } from "./comparison-ports";
import {
  columnCount, delegateLinks, flattenMatrix, type FlatRow, type LinkHandler, noteLink,
  focusHeader, renderGroupCells, renderMatrixHead, updateStudyCells,
} from "./comparison-render";
import { renderTab, statusText, tabLabel } from "./comparison-tabs";
import { FilterControls } from "./comparison-filters";
import { askFileName } from "./file-name-modal";
import { rowWindow, type RowWindow } from "./virtual-window";
import { errorMessage } from "../core/errors";

export const VIEW_TYPE_COMPARISON = "use-case-atlas-comparison";
export const COMPARISON_ICON = "table-2";
/** The create-note feature's command (registered by the note creation form). */

/** Row height and overscan; measured from the DOM when there is a layout, these are the fallbacks. */
export interface ComparisonLayout {
  /** CSS pixels per body row (the stylesheet's `--uca-row-height`). */
  rowHeight: number;
  /** Rows drawn beyond each edge of the viewport. */
  overscan: number;
}

export const DEFAULT_LAYOUT: ComparisonLayout = { rowHeight: 28, overscan: 8 };
/** Touch screens get taller rows (larger targets); the stylesheet enforces the minimum too. */
const MOBILE_ROW_HEIGHT = 40;

export interface ComparisonViewDeps {
  ctx: AtlasContext;
  service: StudyIndexService;
  ports: ComparisonPorts;
  layout?: Partial<ComparisonLayout>;
}

/** What `getState` saves: the same options a code block takes (so the parser validates both). */
export interface ComparisonViewState extends Record<string, unknown> {
  options: CompareOptions;
}

interface PendingToggle {
  checked: boolean;
  /** Index revision when the write finished; null while it is in flight. */
  settledAt: number | null;
}

let viewInstances = 0;

/** A body row across renders: a study by its path, a group row by its label. */
interface RowKey {
  kind: FlatRow["kind"];
  id: string;
}

/**
 * While the index reads the notes' text in bulk (completeness, tech stacks: one change per batch,
 * hundreds of batches in a large vault), each redraw of the whole table is followed by a pause of
 * a few times its cost, so reading thousands of notes never takes the main thread from scrolling
 * and typing. Other changes (an edit, the last batch) and the user's own (filters, sort, tab, a
 * cell) draw at the next frame.
 */
const LIVE_RENDER_SPACING = 3;
const LIVE_RENDER_MIN_WAIT_MS = 100;
const LIVE_RENDER_MAX_WAIT_MS = 1000;

/** Options are plain JSON data (the state Obsidian saves): a JSON round trip copies them. */
function copyOptions(o: CompareOptions): CompareOptions {
  return JSON.parse(JSON.stringify(o)) as CompareOptions;
}

function freshOptions(): CompareOptions {
  return { ...DEFAULT_COMPARE_OPTIONS, filter: {} };
}

function localDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}


export class ComparisonView extends ItemView implements HoverParent {
  hoverPopover: HoverPopover | null = null;

  private options: CompareOptions = freshOptions();
  private readonly layout: ComparisonLayout;
  /** Measured in the DOM when possible; the layout's value until then. */
  private rowHeight: number;

  private result: CompareResult | null = null;
  private flat: FlatRow[] = [];
  private renderedRevision = -1;
  private dataDirty = true;
  /** Earliest time (performance.now) for the next redraw caused by the index alone. */
  private nextLiveRender = 0;
  private liveTimer: number | null = null;
  private windowDirty = false;
  private frame: number | null = null;
  private hasPainted = false;
  private lastWindow: RowWindow | null = null;

  /** Keyboard position in the matrix body: flat row index and column index. */
  private focusRow = 0;
  private focusCol = 0;
  private readonly pending = new Map<string, PendingToggle>();
  private coocSelection: { a: number; b: number } | null = null;
  private renderedTab: CompareTab | null = null;
  private choicesRevision = -1;
  private viewportMeasured: number | null = null;
  private rowHeightMeasured = false;
  private restoreScroll: { top: number; left: number } | null = null;

  private rootEl!: HTMLElement;
  private tabButtons = new Map<CompareTab, HTMLButtonElement>();
  private filtersEl!: HTMLElement;
  private statusEl!: HTMLElement;
  private panelEl!: HTMLElement;
  private detailsEl!: HTMLElement;
  private attentionEl!: HTMLElement;
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
  private controls: FilterControls | null = null;
  private unsubscribers: (() => void)[] = [];
  /** Distinguishes the ids of two open comparison views. */
  private readonly instance = ++viewInstances;

  constructor(leaf: WorkspaceLeaf, private readonly deps: ComparisonViewDeps) {
    super(leaf);
    this.layout = { ...DEFAULT_LAYOUT, ...(Platform.isMobile ? { rowHeight: MOBILE_ROW_HEIGHT } : {}), ...deps.layout };
    this.rowHeight = this.layout.rowHeight;
    this.navigation = false;
  }

  getViewType(): string {
    return VIEW_TYPE_COMPARISON;
  }

  getDisplayText(): string {
    return "Pattern comparison";
  }

  override getIcon(): string {
    return COMPARISON_ICON;
  }

  override getState(): Record<string, unknown> {
    const state: ComparisonViewState = { options: copyOptions(this.options) };
    return state;
  }

  override async setState(state: unknown, result: ViewStateResult): Promise<void> {
    const raw = (state && typeof state === "object" ? (state as Record<string, unknown>).options : undefined) ?? null;
    const parsed = parseCompareOptions(raw);
    // A saved state from an older version that no longer parses falls back to the defaults.
    this.options = parsed.ok ? parsed.options : freshOptions();
    this.afterOptionsChange(false);
    await super.setState(state, result);
  }

  /** The options in force (a copy). */
  getOptions(): CompareOptions {
    return copyOptions(this.options);
  }

  override async onOpen(): Promise<void> {
    await Promise.resolve();
    this.contentEl.empty();
    this.contentEl.addClass("uca-comparison-view");
    this.rootEl = this.contentEl.createDiv({ cls: "uca-comparison" });
    this.buildToolbar();
    this.filtersEl = this.rootEl.createDiv({ cls: "uca-filters", attr: { role: "group", "aria-label": "Filters" } });
    this.controls = new FilterControls(this.filtersEl, {
      onChange: (mutate) => { mutate(this.options); this.afterOptionsChange(true); },
      onClear: () => this.clearFilters(),
    });
    this.statusEl = this.rootEl.createDiv({ cls: "uca-status", attr: { "aria-live": "polite" } });
    this.panelEl = this.rootEl.createDiv({ cls: "uca-tabpanel", attr: { role: "tabpanel", id: this.panelId() } });
    this.detailsEl = this.rootEl.createDiv({ cls: "uca-details" });
    delegateLinks(this.detailsEl, this.linkHandler);
    this.attentionEl = this.rootEl.createDiv({ cls: "uca-attention-host" });

    const { service, ports } = this.deps;
    this.unsubscribers.push(service.subscribe(() => this.onIndexChange()));
    const attention = ports.attention;
    if (attention?.onNeedsAttentionChange) this.unsubscribers.push(attention.onNeedsAttentionChange(() => this.markDataDirty()));
    service.whenReady(() => this.markDataDirty());
    // Obsidian shows a hidden view again without an event on the view itself: listen for the ones it sends.
    this.registerEvent(this.app.workspace.on("active-leaf-change", () => this.onShown()));
    this.registerEvent(this.app.workspace.on("layout-change", () => this.onShown()));
    this.syncControls();
    this.markDataDirty();
  }

  override async onClose(): Promise<void> {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
    this.cancelFrame();
    this.contentEl.empty();
    await Promise.resolve();
  }

  override onResize(): void {
    // The pane changed size (or was shown again): measure again at the next paint.
    this.viewportMeasured = null;
    this.rowHeightMeasured = false;
    this.onShown();
    this.windowDirty = true;
    this.requestFrame();
  }

  // -------------------------------------------------------------------------------------------
  // Scheduling

  private isShown(): boolean {
    return this.contentEl.isConnected && this.contentEl.isShown();
  }

  private onIndexChange(): void {
    // Not dataDirty: an index change alone may wait (see LIVE_RENDER_SPACING); the revision says it is stale.
    this.requestFrame();
  }

  private onShown(): void {
    if (this.isStale()) this.requestFrame();
  }

  private isStale(): boolean {
    return this.dataDirty || this.windowDirty || this.renderedRevision !== this.deps.service.index.revision;
  }

  private markDataDirty(): void {
    this.dataDirty = true;
    this.requestFrame();
  }

  private requestFrame(): void {
    if (this.frame !== null || !this.isShown()) return; // hidden: stays stale until shown again
    const win = this.contentEl.ownerDocument.defaultView ?? window;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = null;
      this.paint();
    });
  }

  /**
   * True when an index-only redraw may run now; otherwise one is scheduled for when it may. Only
   * while the notes' text is read in bulk (more batches to come) are redraws spaced out.
   */
  private liveRenderDue(): boolean {
    if (!this.deps.service.isReadingBodies) return true;
    const wait = this.nextLiveRender - performance.now();
    if (wait <= 0) return true;
    if (this.liveTimer === null) {
      const win = this.contentEl.ownerDocument.defaultView ?? window;
      this.liveTimer = win.setTimeout(() => {
        this.liveTimer = null;
        this.requestFrame();
      }, wait);
    }
    return false;
  }

  private cancelFrame(): void {
    if (this.liveTimer !== null) {
      (this.contentEl.ownerDocument.defaultView ?? window).clearTimeout(this.liveTimer);
      this.liveTimer = null;
    }
    if (this.frame === null) return;
    (this.contentEl.ownerDocument.defaultView ?? window).cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  /** Draws whatever is stale. Runs in an animation frame; public so a benchmark can time it. */
  paint(): void {
    if (!this.rootEl || !this.isShown()) return;
    const indexMoved = this.renderedRevision !== this.deps.service.index.revision;
    if (this.dataDirty || (indexMoved && this.liveRenderDue())) {
      const t0 = performance.now();
      this.renderData();
      const cost = performance.now() - t0;
      this.nextLiveRender = performance.now() + Math.min(LIVE_RENDER_MAX_WAIT_MS, Math.max(LIVE_RENDER_MIN_WAIT_MS, cost * LIVE_RENDER_SPACING));
    } else if (this.windowDirty) {
      this.renderWindow(false);
      this.measureLayout();
    }
    if (!this.hasPainted) {
      this.hasPainted = true;
      // Checklist completeness and tech stacks need the notes' text: read it after the first paint.
      this.deps.service.wantBodyFacts();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Toolbar, filters, state

  private panelId(): string {
    return `uca-comparison-panel-${this.instance}`;
  }

  private buildToolbar(): void {
    const toolbar = this.rootEl.createDiv({ cls: "uca-toolbar" });
    const tabs = toolbar.createDiv({ cls: "uca-tabs", attr: { role: "tablist", "aria-label": "Comparison" } });
    for (const tab of COMPARE_TABS) {
      const button = tabs.createEl("button", {
        cls: "uca-tab",
        text: tabLabel(tab),
        attr: { type: "button", role: "tab", "data-tab": tab, "aria-controls": this.panelId() },
      });
      button.addEventListener("click", () => this.setTab(tab));
      button.addEventListener("keydown", (evt) => this.onTabKey(evt, tab));
      this.tabButtons.set(tab, button);
    }
    const exports = toolbar.createDiv({ cls: "uca-exports" });
    const copy = exports.createEl("button", { text: "Copy as Markdown", attr: { type: "button" } });
    copy.addEventListener("click", () => { void this.copyMarkdown(); });
    const csv = exports.createEl("button", { text: "Save as CSV", attr: { type: "button" } });
    csv.addEventListener("click", () => { void this.saveCsv(); });
    const snapshot = exports.createEl("button", { text: "Save snapshot note", attr: { type: "button" } });
    snapshot.addEventListener("click", () => { void this.saveSnapshot(); });
  }

  private onTabKey(evt: KeyboardEvent, tab: CompareTab): void {
    const i = COMPARE_TABS.indexOf(tab);
    let next: CompareTab | undefined;
    if (evt.key === "ArrowRight") next = COMPARE_TABS[(i + 1) % COMPARE_TABS.length];
    else if (evt.key === "ArrowLeft") next = COMPARE_TABS[(i - 1 + COMPARE_TABS.length) % COMPARE_TABS.length];
    else if (evt.key === "Home") next = COMPARE_TABS[0];
    else if (evt.key === "End") next = COMPARE_TABS[COMPARE_TABS.length - 1];
    if (!next) return;
    evt.preventDefault();
    this.setTab(next);
    this.tabButtons.get(next)?.focus();
  }

  /** Switches tab (sorting is per tab: a matrix column means nothing on the pivot). */
  setTab(tab: CompareTab): void {
    if (this.options.tab === tab) return;
    this.options.tab = tab;
    delete this.options.sort;
    this.coocSelection = null;
    this.afterOptionsChange(true);
  }

  private clearFilters(): void {
    this.options.filter = {};
    this.afterOptionsChange(true);
    this.controls?.focusFirst();
  }

  /** Sort by a column; a second activation of the same column reverses the direction. */
  sortBy(column: string): void {
    const current = this.options.sort;
    const active = current ? current.column.toLowerCase() : "name";
    const direction = active === column.toLowerCase() && (current?.direction ?? "asc") === "asc" ? "desc" : "asc";
    this.options.sort = { column, direction };
    this.afterOptionsChange(true);
  }

  private afterOptionsChange(save: boolean): void {
    this.syncControls();
    if (save) this.app.workspace.requestSaveLayout();
    this.markDataDirty();
  }

  private syncControls(): void {
    for (const [tab, button] of this.tabButtons) {
      const selected = tab === this.options.tab;
      button.setAttr("aria-selected", selected ? "true" : "false");
      button.setAttr("tabindex", selected ? "0" : "-1");
      button.toggleClass("is-active", selected);
    }
    this.controls?.sync(this.options);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private renderData(): void {
    const { service, ctx } = this.deps;
    this.dataDirty = false;
    this.windowDirty = false;
    this.renderedRevision = service.index.revision;
    this.dropSettledToggles();
    const studies = service.index.all();
    const studyCtx = ctx.studyContext();
    // The choice lists depend on the studies only: skip the pass over them when only the options changed.
    if (this.choicesRevision !== service.index.revision) {
      this.choicesRevision = service.index.revision;
      this.controls?.setChoices(studies, studyCtx);
    }

    // An edit elsewhere must not throw the reader back to the top or lose the keyboard's place.
    const doc = this.contentEl.ownerDocument;
    const hadFocus = this.bodyEl?.contains(doc.activeElement) ?? false;
    // A column header keeps the keyboard too (Enter on it sorts, which draws a new table).
    const focusedHeader = this.tableEl?.tHead?.contains(doc.activeElement)
      ? doc.activeElement?.closest<HTMLElement>("th[data-column]")?.dataset.column ?? null
      : null;
    const focusKey = this.keyOfRow(this.focusRow);
    const sameTab = this.renderedTab === this.options.tab;
    this.restoreScroll = sameTab && this.scrollEl ? { top: this.scrollEl.scrollTop, left: this.scrollEl.scrollLeft } : null;
    this.renderedTab = this.options.tab;

    this.panelEl.empty();
    this.detailsEl.empty();
    this.scrollEl = null;
    this.tableEl = null;
    this.bodyEl = null;
    this.lastWindow = null;
    this.spacers = null;
    this.rowPool = [];
    this.renderAttention();

    if (!service.isReady) {
      this.result = null;
      this.statusEl.setText("Reading your notes…");
      return;
    }
    const result = compare(studies, studyCtx, this.options);
    this.result = result;
    this.statusEl.setText(statusText(result));
    if (result.totalCount === 0) {
      this.renderNoStudies();
      return;
    }
    if (result.visibleCount === 0) {
      this.renderFilteredOut(result.emptyReason ?? "No study matches the filters.");
      return;
    }
    renderTab({
      panel: this.panelEl,
      scrollBox: () => this.scrollContainer(),
      details: this.detailsEl,
      selection: this.coocSelection,
      select: (sel) => { this.coocSelection = sel; },
      matrix: (r) => {
        this.renderMatrix(r, focusKey, hadFocus);
        if (focusedHeader !== null) this.focusHeaderOf(focusedHeader);
      },
    }, result);
    const scroll = this.panelEl.querySelector<HTMLElement>(".uca-scroll");
    if (scroll && this.restoreScroll) {
      scroll.scrollTop = this.restoreScroll.top;
      scroll.scrollLeft = this.restoreScroll.left;
    }
    this.restoreScroll = null;
  }

  /** What identifies a body row across renders: the study's path or the group's label. */
  private keyOfRow(row: number): RowKey | null {
    const item = this.flat[row];
    if (!item) return null;
    return item.kind === "study" ? { kind: "study", id: item.row.study.path } : { kind: "group", id: item.group.label };
  }

  private renderNoStudies(): void {
    const empty = this.panelEl.createDiv({ cls: "uca-empty" });
    empty.createEl("p", { text: "No use case analyses or case studies yet." });
    empty.createEl("p", { text: "A study is a note with type: use-case-analysis or type: case-study in its properties. Create one from the template and it shows up here at once." });
    const button = empty.createEl("button", { cls: "mod-cta", text: "Create your first use case analysis", attr: { type: "button" } });
    button.addEventListener("click", () => this.runNewAnalysis());
  }

  private runNewAnalysis(): void {
    const open = this.deps.ports.newAnalysis;
    if (open) open();
    else new Notice("Creating notes is not available: the note creation feature is not loaded.");
  }

  private renderFilteredOut(reason: string): void {
    const empty = this.panelEl.createDiv({ cls: "uca-empty" });
    empty.createEl("p", { cls: "uca-empty-reason", text: `${reason}.` });
    const button = empty.createEl("button", { text: "Clear filters", attr: { type: "button" } });
    button.addEventListener("click", () => this.clearFilters());
  }

  private scrollContainer(): HTMLElement {
    const scroll = this.panelEl.createDiv({ cls: "uca-scroll" });
    delegateLinks(scroll, this.linkHandler);
    return scroll;
  }


  private renderAttention(): void {
    this.attentionEl.empty();
    const items = this.deps.ports.attention?.getNeedsAttention() ?? [];
    if (items.length === 0) return;
    const panel = this.attentionEl.createDiv({ cls: "uca-panel uca-attention" });
    panel.createEl("h4", { text: `Notes that need attention (${items.length})` });
    const list = panel.createEl("ul");
    for (const item of items) {
      const li = list.createEl("li");
      noteLink(li, item.path, item.path);
      li.createSpan({ cls: "uca-attention-reason", text: ` — ${item.problem}` });
    }
    delegateLinks(panel, this.linkHandler);
  }

  // -------------------------------------------------------------------------------------------
  // Matrix (virtualised)

  private renderMatrix(result: MatrixResult, focusKey: RowKey | null, hadFocus: boolean): void {
    this.flat = flattenMatrix(result);
    const scroll = this.scrollContainer();
    this.scrollEl = scroll;
    const table = scroll.createEl("table", {
      cls: "uca-table uca-matrix",
      attr: { role: "grid", "aria-rowcount": String(this.flat.length + 2), "aria-colcount": String(columnCount(result)), "aria-label": "Studies and their patterns" },
    });
    // The stylesheet's row height is the layout's; the virtualiser uses what the browser measures.
    table.setCssProps({ "--uca-row-height": `${this.layout.rowHeight}px` });
    this.tableEl = table;
    renderMatrixHead(table, result, {
      sort: this.options.sort,
      onSort: (c) => this.sortBy(c),
      // Into the body's same column, on the row the body's Tab stop is on (a drawn row).
      onHeadDown: (col) => this.moveFocus(this.focusRow, col),
    });
    const body = table.createTBody();
    this.bodyEl = body;
    // Plain listeners: the scroll box is replaced on every data render and takes them along.
    scroll.addEventListener("scroll", () => { this.windowDirty = true; this.requestFrame(); }, { passive: true });
    body.addEventListener("click", (evt) => this.onBodyClick(evt));
    body.addEventListener("keydown", (evt) => this.onBodyKey(evt));
    body.addEventListener("focusin", (evt) => this.onBodyFocus(evt));
    // Compared in place (no key built per row): this runs over every row on every data render.
    const found = focusKey === null ? -1 : this.flat.findIndex((item) => item.kind === focusKey.kind
      && (item.kind === "study" ? item.row.study.path : item.group.label) === focusKey.id);
    this.focusRow = found >= 0 ? found : Math.min(this.focusRow, Math.max(0, this.flat.length - 1));
    this.focusCol = Math.min(this.focusCol, columnCount(result) - 1);
    this.renderWindow(true);
    if (this.restoreScroll) {
      scroll.scrollTop = this.restoreScroll.top;
      scroll.scrollLeft = this.restoreScroll.left;
      this.restoreScroll = null;
    }
    this.measureLayout();
    if (hadFocus) this.moveFocus(this.focusRow, this.focusCol);
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
    return this.viewportMeasured ?? this.contentEl.ownerDocument.defaultView?.innerHeight ?? 0;
  }

  private currentWindow(): RowWindow {
    return rowWindow({
      total: this.flat.length,
      rowHeight: this.rowHeight,
      viewportHeight: this.viewportHeight(),
      // Right after a data render the new scroll box is empty: draw for the position it gets next.
      scrollTop: this.restoreScroll?.top ?? this.scrollEl?.scrollTop ?? 0,
      overscan: this.layout.overscan,
    });
  }

  /**
   * Redraws the body rows in the viewport; skips the work when the window did not move. The row
   * elements are kept and refilled (two spacer rows stand in for the rest): while scrolling,
   * making and dropping hundreds of cells per frame cost more than the frame has.
   */
  private renderWindow(force: boolean): void {
    this.windowDirty = false;
    const body = this.bodyEl;
    const result = this.result;
    if (!body || !result || result.kind !== "matrix") return;
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
      this.spacers = { top: this.spacer(body, cols), bottom: this.spacer(body, cols) };
      this.rowPool = [];
      force = true;
    }
    const { top, bottom } = this.spacers;
    const bottomRow = bottom.parentElement as HTMLElement;
    this.setSpacer(top, win.padTop);
    this.setSpacer(bottom, win.padBottom);
    // The tab stop is set again below, on whichever cell shows the focused position now.
    this.setTabStop(null);

    const pendingValue = (study: Study, j: number): boolean | undefined => {
      const label = result.patternColumns[j]?.label;
      return label === undefined ? undefined : this.pending.get(this.pendingKey(study.path, label))?.checked;
    };
    // No pending toggles (nearly always): no lookup per cell.
    const cellOptions = { pendingValue: this.pending.size > 0 ? pendingValue : undefined, editable: this.deps.ports.toggler !== null };
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

  private spacer(body: HTMLTableSectionElement, cols: string): HTMLElement {
    const tr = body.insertRow();
    tr.addClass("uca-spacer");
    tr.setAttr("aria-hidden", "true");
    return tr.createEl("td", { attr: { colspan: cols } });
  }

  private setSpacer(td: HTMLElement, height: number): void {
    const value = `${height}px`;
    if (td.style.getPropertyValue("--uca-spacer-height") !== value) td.setCssProps({ "--uca-spacer-height": value });
  }

  /** The drawn cell at (row, col); a group row's label spans the fixed columns. */
  private cellAt(row: number, col: number): HTMLElement | null {
    const tr = this.bodyEl?.querySelector<HTMLTableRowElement>(`tr[data-row="${row}"]`);
    if (!tr) return null;
    let best: HTMLElement | null = null;
    for (const td of Array.from(tr.cells)) {
      const c = Number(td.dataset.col);
      if (c <= col) best = td;
      else break;
    }
    return best;
  }

  private positionOf(el: Element | null): { row: number; col: number } | null {
    const td = el?.closest<HTMLElement>("td[data-col]");
    const tr = td?.closest<HTMLElement>("tr[data-row]");
    if (!td || !tr) return null;
    return { row: Number(tr.dataset.row), col: Number(td.dataset.col) };
  }

  private onBodyFocus(evt: FocusEvent): void {
    const pos = this.positionOf(evt.target as Element | null);
    if (!pos) return;
    if (pos.row !== this.focusRow || pos.col !== this.focusCol) {
      this.focusRow = pos.row;
      this.focusCol = pos.col;
      this.setTabStop(this.cellAt(pos.row, pos.col));
    }
  }

  private onBodyClick(evt: MouseEvent): void {
    const target = evt.target as Element | null;
    const pos = this.positionOf(target);
    if (!pos) return;
    this.focusRow = pos.row;
    this.focusCol = pos.col;
    const td = target?.closest<HTMLElement>("td.uca-cell[data-pattern]");
    if (td) void this.toggleCell(pos.row, Number(td.dataset.pattern));
  }

  private onBodyKey(evt: KeyboardEvent): void {
    const result = this.result;
    if (!result || result.kind !== "matrix") return;
    const pos = this.positionOf(evt.target as Element | null) ?? { row: this.focusRow, col: this.focusCol };
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
      case "ArrowRight": col = this.nextCol(pos.row, pos.col, 1); break;
      case "ArrowLeft": col = this.nextCol(pos.row, pos.col, -1); break;
      case "Home": if (ctrl) row = 0; col = 0; break;
      case "End": if (ctrl) row = lastRow; col = lastCol; break;
      case "PageDown": row += page; break;
      case "PageUp": row -= page; break;
      case "Enter":
      case " ":
        evt.preventDefault();
        this.activateCell(pos.row, pos.col, evt);
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
  private nextCol(row: number, col: number, dir: 1 | -1): number {
    const result = this.result as MatrixResult;
    const item = this.flat[row];
    const fixed = result.fixedColumns.length;
    if (item?.kind === "group") {
      if (dir > 0 && col < fixed) return fixed;
      if (dir < 0 && col <= fixed) return 0;
    }
    return col + dir;
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

  private activateCell(row: number, col: number, evt: KeyboardEvent): void {
    const item = this.flat[row];
    const result = this.result;
    if (!item || item.kind !== "study" || !result || result.kind !== "matrix") return;
    const fixed = result.fixedColumns.length;
    if (col >= fixed) void this.toggleCell(row, col - fixed);
    else this.linkHandler.open(item.row.study.path, evt);
  }

  // -------------------------------------------------------------------------------------------
  // Toggling a pattern in a note

  private pendingKey(path: string, label: string): string {
    return `${path}\u0000${label.toLowerCase()}`;
  }

  /** Drops optimistic values the index has caught up with (or that a later change superseded). */
  private dropSettledToggles(): void {
    const revision = this.deps.service.index.revision;
    for (const [key, p] of this.pending) {
      if (p.settledAt === null) continue;
      const [path, label] = key.split("\u0000") as [string, string];
      // The index caught up (its change arrived during the write) or moved on since.
      if (revision > p.settledAt || this.indexAgrees(path, label, p.checked)) this.pending.delete(key);
    }
  }

  /** Checks or unchecks pattern column `j` in the note of flat row `row`, showing the change at once. */
  async toggleCell(row: number, j: number): Promise<void> {
    const item = this.flat[row];
    const result = this.result;
    const toggler = this.deps.ports.toggler;
    if (!item || item.kind !== "study" || !result || result.kind !== "matrix") return;
    const column = result.patternColumns[j];
    if (!column) return;
    const study = item.row.study;
    if (!toggler) {
      new Notice("Pattern editing is not available: the pattern sync is not loaded.");
      return;
    }
    const file = this.app.vault.getAbstractFileByPath(study.path);
    if (!(file instanceof TFile)) {
      new Notice(`"${study.name}" no longer exists.`);
      return;
    }
    const key = this.pendingKey(study.path, column.label);
    const shown = this.pending.get(key)?.checked ?? item.row.checked[j] ?? false;
    const checked = !shown;
    const entry: PendingToggle = { checked, settledAt: null };
    this.pending.set(key, entry);
    this.renderWindow(true);
    try {
      await toggler.setPatternChecked(file, column.label, checked);
      if (this.pending.get(key) === entry) {
        entry.settledAt = this.deps.service.index.revision;
        // The user's own change: redraw from the index at the next frame (never held back like
        // live updates), which also drops this optimistic value once the index agrees.
        this.markDataDirty();
      }
    } catch (e) {
      if (this.pending.get(key) === entry) this.pending.delete(key);
      this.renderWindow(true);
      new Notice(`Could not ${checked ? "check" : "uncheck"} "${column.label}" in "${study.name}": ${errorMessage(e)}`);
    }
  }

  private indexAgrees(path: string, label: string, checked: boolean): boolean {
    const study = this.deps.service.index.get(path);
    if (!study) return false;
    const has = study.patterns.some((p) => p.toLowerCase() === label.toLowerCase());
    return has === checked;
  }

  // -------------------------------------------------------------------------------------------
  // Links

  private readonly linkHandler: LinkHandler = {
    open: (path, evt) => {
      void this.app.workspace.openLinkText(path, "", Keymap.isModEvent(evt));
    },
    hover: (path, evt, targetEl) => {
      this.app.workspace.trigger("hover-link", {
        event: evt,
        source: VIEW_TYPE_COMPARISON,
        hoverParent: this,
        targetEl,
        linktext: path,
        sourcePath: "",
      });
    },
  };

  // -------------------------------------------------------------------------------------------
  // Exports

  /** The current tab's result, computed now (never stale), or null with a notice when empty. */
  private exportable(): CompareResult | null {
    const { service, ctx } = this.deps;
    if (!service.isReady) {
      new Notice("The comparison is still reading your notes. Try again in a moment.");
      return null;
    }
    const result = compare(service.index.all(), ctx.studyContext(), this.options);
    if (result.visibleCount === 0) {
      new Notice("Nothing to export: no study is visible.");
      return null;
    }
    return result;
  }

  /** Copies the current tab as a Markdown table. */
  async copyMarkdown(): Promise<void> {
    const result = this.exportable();
    if (!result) return;
    const markdown = toMarkdownTable(toTable(result, { links: true }));
    try {
      await navigator.clipboard.writeText(markdown);
      new Notice(`Copied the ${tabLabel(result.kind).toLowerCase()} table as Markdown.`);
    } catch (e) {
      new Notice(`Could not copy to the clipboard: ${errorMessage(e)}`);
    }
  }

  /** Asks for a file name, then writes the current tab as CSV next to the analyses (never over a file). */
  async saveCsv(): Promise<void> {
    const result = this.exportable();
    if (!result) return;
    const folder = this.deps.ctx.settings().analysesFolder;
    const name = await askFileName(this.app, "Save as CSV", `Pattern comparison ${localDate(new Date())}`,
      `Saved in "${folder || "/"}" as .csv; an existing file is never overwritten.`);
    if (name === null) return;
    try {
      const file = await createExportFile(this.app, folder, name.replace(/\.csv$/i, ""), "csv", toCsv(toTable(result)));
      new Notice(`Saved ${file.path}`);
    } catch (e) {
      new Notice(`Could not save the CSV file: ${errorMessage(e)}`);
    }
  }

  /** Writes a dated note with the current tab's table and opens it. */
  async saveSnapshot(): Promise<void> {
    const result = this.exportable();
    if (!result) return;
    const date = localDate(new Date());
    const text = snapshotNote(toTable(result, { links: true }), { title: "Pattern comparison", date, result });
    try {
      const file = await createExportFile(this.app, this.deps.ctx.settings().analysesFolder, `Pattern comparison ${date}`, "md", text);
      await this.app.workspace.getLeaf("tab").openFile(file, { active: true });
      new Notice(`Saved ${file.path}`);
    } catch (e) {
      new Notice(`Could not save the snapshot note: ${errorMessage(e)}`);
    }
  }
}
