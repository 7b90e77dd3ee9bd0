/**
 * The pattern comparison view: every study in the vault against every pattern, live.
 *
 * The view holds the lifecycle, the options (its saved state) and the toolbar, and composes its
 * parts: the filter controls (`comparison-filters.ts`), the paint scheduler (`paint-scheduler.ts`:
 * an index change only marks the view stale, a repaint happens at most once per animation frame
 * and only while the view is shown), the virtualised matrix with its keyboard (`matrix-grid.ts`),
 * the cells ticked ahead of the index (`pending-toggles.ts`) and the exports
 * (`comparison-exports.ts`). The other tabs are drawn by `comparison-tabs.ts`.
 */
import {
  ItemView, Keymap, Notice, Platform, type HoverParent, type HoverPopover, type ViewStateResult, type WorkspaceLeaf,
} from "obsidian";
import {
  COMPARE_TABS, type CompareOptions, type CompareResult, type CompareTab, compareMemo, DEFAULT_COMPARE_OPTIONS, parseCompareOptions,
} from "../core/compare";
import type { AtlasContext } from "../obsidian/context";
import type { StudyIndexService } from "../obsidian/study-index-service";
import { ComparisonExports } from "./comparison-exports";
import type { ComparisonPorts } from "./comparison-ports";
import { delegateLinks, type LinkHandler, noteLink } from "./comparison-render";
import { renderTab, statusText, tabLabel } from "./comparison-tabs";
import { FilterControls } from "./comparison-filters";
import { chosenFixedColumns, ColumnChooser, withFixedChoice } from "./column-chooser";
import { type ComparisonLayout, DEFAULT_LAYOUT, MatrixGrid } from "./matrix-grid";
import { PaintScheduler } from "./paint-scheduler";
import { PendingToggles } from "./pending-toggles";

export { type ComparisonLayout, DEFAULT_LAYOUT } from "./matrix-grid";

export const VIEW_TYPE_COMPARISON = "use-case-atlas-comparison";
export const COMPARISON_ICON = "table-2";

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

let viewInstances = 0;

/** Options are plain JSON data (the state Obsidian saves): a JSON round trip copies them. */
function copyOptions(o: CompareOptions): CompareOptions {
  return JSON.parse(JSON.stringify(o)) as CompareOptions;
}

/** The defaults, with the matrix's compact fixed columns (the study's name alone) named. */
function freshOptions(): CompareOptions {
  return withFixedChoice({ ...DEFAULT_COMPARE_OPTIONS, filter: {} });
}

export class ComparisonView extends ItemView implements HoverParent {
  hoverPopover: HoverPopover | null = null;

  private options: CompareOptions = freshOptions();
  private hasPainted = false;
  private coocSelection: { a: number; b: number } | null = null;
  private renderedTab: CompareTab | null = null;
  private choicesRevision = -1;

  private rootEl!: HTMLElement;
  private tabButtons = new Map<CompareTab, HTMLButtonElement>();
  private filtersEl!: HTMLElement;
  private statusEl!: HTMLElement;
  private panelEl!: HTMLElement;
  private detailsEl!: HTMLElement;
  private attentionEl!: HTMLElement;
  private controls: FilterControls | null = null;
  private columnChooser: ColumnChooser | null = null;
  private unsubscribers: (() => void)[] = [];
  /** Distinguishes the ids of two open comparison views. */
  private readonly instance = ++viewInstances;

  private readonly scheduler: PaintScheduler;
  private readonly grid: MatrixGrid;
  private readonly toggles: PendingToggles;
  private readonly exports: ComparisonExports;
  /** `compare` remembering each tab's last result: switching back or exporting what is shown computes nothing. */
  private readonly compare = compareMemo();

  constructor(leaf: WorkspaceLeaf, private readonly deps: ComparisonViewDeps) {
    super(leaf);
    const layout: ComparisonLayout = { ...DEFAULT_LAYOUT, ...(Platform.isMobile ? { rowHeight: MOBILE_ROW_HEIGHT } : {}), ...deps.layout };
    this.navigation = false;
    const { service, ports } = deps;
    this.scheduler = new PaintScheduler({
      clock: () => this.contentEl.ownerDocument.defaultView ?? window,
      isShown: () => this.isShown(),
      revision: () => service.index.revision,
      isReadingBodies: () => service.isReadingBodies,
      paint: () => this.paint(),
      now: () => performance.now(),
    });
    this.toggles = new PendingToggles({
      toggler: ports.toggler,
      vault: this.app.vault,
      revision: () => service.index.revision,
      study: (path) => service.index.get(path),
      redraw: () => this.grid.redraw(),
      refresh: () => this.scheduler.markDataDirty(),
    });
    this.grid = new MatrixGrid({
      layout,
      scrollBox: () => this.scrollContainer(),
      window: () => this.contentEl.ownerDocument.defaultView,
      sortBy: (column) => this.sortBy(column),
      scrolled: () => this.scheduler.markWindowDirty(),
      windowDrawn: () => this.scheduler.windowDrawn(),
      toggle: (row, j) => { void this.toggleCell(row, j); },
      open: (path, evt) => this.linkHandler.open(path, evt),
      pendingValue: (path, label) => this.toggles.valueOf(path, label),
      hasPending: () => this.toggles.size > 0,
      editable: () => ports.toggler !== null,
    });
    this.exports = new ComparisonExports({ app: this.app, ctx: deps.ctx, service, result: () => this.currentResult() });
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
    // No fixed column chosen (a state saved before the choice existed): the compact default.
    this.options = parsed.ok ? withFixedChoice(parsed.options) : freshOptions();
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
    const scheduler = this.scheduler;
    // Not dataDirty: an index change alone may wait (see LIVE_RENDER_SPACING); the revision says it is stale.
    this.unsubscribers.push(service.subscribe(() => scheduler.request()));
    const attention = ports.attention;
    if (attention?.onNeedsAttentionChange) this.unsubscribers.push(attention.onNeedsAttentionChange(() => scheduler.markDataDirty()));
    service.whenReady(() => scheduler.markDataDirty());
    // Obsidian shows a hidden view again without an event on the view itself: listen for the ones it sends.
    this.registerEvent(this.app.workspace.on("active-leaf-change", () => this.onShown()));
    this.registerEvent(this.app.workspace.on("layout-change", () => this.onShown()));
    this.syncControls();
    scheduler.markDataDirty();
  }

  override async onClose(): Promise<void> {
    this.columnChooser?.close(false);
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
    this.scheduler.cancel();
    this.contentEl.empty();
    await Promise.resolve();
  }

  override onResize(): void {
    // The pane changed size (or was shown again): measure again at the next paint.
    this.grid.resized();
    this.scheduler.markWindowDirty();
  }

  private isShown(): boolean {
    return this.contentEl.isConnected && this.contentEl.isShown();
  }

  private onShown(): void {
    if (this.scheduler.isStale()) this.scheduler.request();
  }

  /** Draws whatever is stale. Runs in an animation frame; public so a benchmark can time it. */
  paint(): void {
    if (!this.rootEl || !this.isShown()) return;
    this.scheduler.run({ data: () => this.renderData(), window: () => this.grid.drawWindow() });
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
    this.columnChooser = new ColumnChooser(toolbar, {
      id: String(this.instance),
      chosen: () => chosenFixedColumns(this.options),
      onChange: (fixed) => { this.options = withFixedChoice(this.options, fixed); this.afterOptionsChange(true); },
    });
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
    this.scheduler.markDataDirty();
  }

  private syncControls(): void {
    for (const [tab, button] of this.tabButtons) {
      const selected = tab === this.options.tab;
      button.setAttr("aria-selected", selected ? "true" : "false");
      button.setAttr("tabindex", selected ? "0" : "-1");
      button.toggleClass("is-active", selected);
    }
    this.controls?.sync(this.options);
    this.columnChooser?.setShown(this.options.tab === "matrix");
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private renderData(): void {
    const { service, ctx } = this.deps;
    this.toggles.dropSettled();
    const studies = service.index.all();
    const studyCtx = ctx.studyContext();
    // The choice lists depend on the studies only: skip the pass over them when only the options changed.
    if (this.choicesRevision !== service.index.revision) {
      this.choicesRevision = service.index.revision;
      this.controls?.setChoices(studies, studyCtx);
    }

    // An edit elsewhere must not throw the reader back to the top or lose the keyboard's place.
    const sameTab = this.renderedTab === this.options.tab;
    const memo = this.grid.remember(this.contentEl.ownerDocument, sameTab);
    this.renderedTab = this.options.tab;

    const result = service.isReady ? this.compare(studies, studyCtx, this.options) : null;
    const shown = result !== null && result.totalCount > 0 && result.visibleCount > 0;
    // The matrix drawn again over itself keeps its table (see MatrixGrid.render); all else starts afresh.
    if (!(shown && result.kind === "matrix" && sameTab && this.grid.isAttached())) {
      this.panelEl.empty();
      this.grid.detach();
    }
    this.detailsEl.empty();
    this.renderAttention();

    if (result === null) {
      this.statusEl.setText("Reading your notes…");
      return;
    }
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
      matrix: (r) => this.grid.render(r, this.options.sort, memo),
    }, result);
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

  /** The tab over the index's studies now. */
  private currentResult(): CompareResult {
    return this.compare(this.deps.service.index.all(), this.deps.ctx.studyContext(), this.options);
  }

  // -------------------------------------------------------------------------------------------
  // The matrix's cells

  /** Focuses a matrix cell, scrolling it into the viewport and drawing it first when it is not drawn. */
  moveFocus(row: number, col: number): void {
    this.grid.moveFocus(row, col);
  }

  /** Checks or unchecks pattern column `j` in the note of flat row `row`, showing the change at once. */
  async toggleCell(row: number, j: number): Promise<void> {
    const cell = this.grid.patternCell(row, j);
    if (cell) await this.toggles.toggle(cell.study, cell.label, cell.checked);
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

  /** Copies the current tab as a Markdown table. */
  copyMarkdown(): Promise<void> {
    return this.exports.copyMarkdown();
  }

  /** Asks for a file name, then writes the current tab as CSV next to the analyses (never over a file). */
  saveCsv(): Promise<void> {
    return this.exports.saveCsv();
  }

  /** Writes a dated note with the current tab's table and opens it. */
  saveSnapshot(): Promise<void> {
    return this.exports.saveSnapshot();
  }
}
