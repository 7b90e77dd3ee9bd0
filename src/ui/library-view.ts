/**
 * The use-case library view: browse category → industry with counts of entries and analysed
 * entries, a filtered list of entries to open or select, "Start deep dive" / "Start case study"
 * from the selection (the new-note form, prefilled), and the coverage heat map (a cell opens the
 * list filtered to it). Reads the library from the service; never writes the collection.
 */
import { ButtonComponent, DropdownComponent, ItemView, type WorkspaceLeaf } from "obsidian";
import { type CoverageCell, type LibraryFilter, type LibraryRow, coverage, filterLibrary, prefillFromEntries } from "../core/library";
import type { AtlasContext } from "../obsidian/context";
import type { LibraryService } from "../obsidian/library-service";
import { CASE_STUDY_CHOICE, DEEP_DIVE_CHOICE } from "../obsidian/templates";
import { NewNoteModal, type NewNoteOptions } from "./new-note-modal";

export const VIEW_TYPE_LIBRARY = "use-case-atlas-library";
export const LIBRARY_ICON = "library";

/** Rows drawn at first and per "Show more" (a collection has hundreds to thousands). */
export const PAGE_SIZE = 100;

type Tab = "entries" | "coverage";

export interface LibraryViewDeps {
  ctx: AtlasContext;
  service: LibraryService;
  /** Opens the new-note form (tests replace it to see the options). */
  openForm?: (options: NewNoteOptions) => void;
}

const byCount = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export class LibraryView extends ItemView {
  private tab: Tab = "entries";
  private filter: LibraryFilter = {};
  private readonly selected = new Set<string>();
  private shown = PAGE_SIZE;
  private bodyEl!: HTMLElement;
  private actionsEl: HTMLElement | null = null;
  private tabButtons = new Map<Tab, HTMLButtonElement>();

  constructor(leaf: WorkspaceLeaf, private readonly deps: LibraryViewDeps) {
    super(leaf);
  }

  override getViewType(): string { return VIEW_TYPE_LIBRARY; }
  override getDisplayText(): string { return "Use-case library"; }
  override getIcon(): string { return LIBRARY_ICON; }

  override onOpen(): Promise<void> {
    const root = this.contentEl;
    root.empty();
    root.addClass("uca-library");
    const tabs = root.createDiv({ cls: "uca-library-tabs", attr: { role: "tablist" } });
    for (const [tab, label] of [["entries", "Entries"], ["coverage", "Coverage"]] as const) {
      const b = tabs.createEl("button", { cls: "uca-library-tab", text: label, attr: { type: "button", role: "tab", "data-tab": tab } });
      b.addEventListener("click", () => this.showTab(tab));
      this.tabButtons.set(tab, b);
    }
    this.bodyEl = root.createDiv({ cls: "uca-library-body" });
    this.register(this.deps.service.subscribe(() => this.render()));
    this.deps.service.ensureStarted();
    this.render();
    return Promise.resolve();
  }

  override onClose(): Promise<void> {
    this.contentEl.empty();
    return Promise.resolve();
  }

  /** Shows the entries of a category and industry (what a coverage cell does). */
  showCell(category: string, industry: string): void {
    this.filter = { ...this.filter, category, industry };
    this.shown = PAGE_SIZE;
    this.showTab("entries");
  }

  showTab(tab: Tab): void {
    this.tab = tab;
    this.render();
  }

  private rows(): LibraryRow[] {
    return this.deps.service.current().library.rows;
  }

  render(): void {
    for (const [tab, b] of this.tabButtons) {
      b.toggleClass("is-active", tab === this.tab);
      b.setAttr("aria-selected", String(tab === this.tab));
    }
    this.bodyEl.empty();
    this.actionsEl = null;
    const state = this.deps.service.current();
    if (!this.deps.service.isReady) { this.bodyEl.createDiv({ cls: "uca-library-empty", text: "Reading the use-case collection…" }); return; }
    if (state.folder === null || state.library.rows.length === 0) {
      this.bodyEl.createDiv({
        cls: "uca-library-empty",
        text: "No use-case collection found. Set its folder in the settings (use-case collection folder), or import one from a CSV file.",
      });
      return;
    }
    if (this.tab === "coverage") this.renderCoverage(this.bodyEl);
    else this.renderEntries(this.bodyEl);
  }

  // ---------------------------------------------------------------------------------------------
  // Entries

  private renderEntries(parent: HTMLElement): void {
    const layout = parent.createDiv({ cls: "uca-library-layout" });
    this.renderBrowse(layout.createDiv({ cls: "uca-library-browse" }));
    const main = layout.createDiv({ cls: "uca-library-main" });
    this.renderFilters(main);
    const rows = filterLibrary(this.rows(), this.filter);
    this.renderActions(main);
    main.createDiv({ cls: "uca-library-count", text: `${byCount(rows.length, "entry", "entries")}, ${rows.filter((r) => r.analysedBy.length > 0).length} analysed` });
    const list = main.createDiv({ cls: "uca-library-list", attr: { role: "list" } });
    for (const row of rows.slice(0, this.shown)) this.renderRow(list, row);
    if (rows.length > this.shown) {
      new ButtonComponent(main).setButtonText(`Show more (${rows.length - this.shown} left)`).setClass("uca-library-more").onClick(() => {
        this.shown += PAGE_SIZE;
        this.render();
      });
    }
  }

  /** Category → industry, with entries and analysed entries; choosing one filters the list. */
  private renderBrowse(parent: HTMLElement): void {
    parent.createDiv({ cls: "uca-library-heading", text: "Browse" });
    const cells = coverage(this.rows(), this.deps.service.current().taxonomy);
    const all = parent.createEl("button", { cls: "uca-library-node", text: "All categories", attr: { type: "button" } });
    all.toggleClass("is-active", !this.filter.category);
    all.addEventListener("click", () => { this.filter = { ...this.filter, category: undefined, industry: undefined }; this.shown = PAGE_SIZE; this.render(); });
    const categories = [...new Set(cells.map((c) => c.category))];
    for (const category of categories) {
      const inCategory = cells.filter((c) => c.category === category);
      const total = inCategory.reduce((n, c) => n + c.entries, 0);
      const analysed = inCategory.reduce((n, c) => n + c.analysed, 0);
      const isOpen = this.filter.category === category;
      const node = parent.createEl("button", { cls: "uca-library-node uca-library-category", attr: { type: "button", "aria-expanded": String(isOpen), "data-category": category } });
      node.createSpan({ cls: "uca-library-node-name", text: category });
      node.createSpan({ cls: "uca-library-node-count", text: `${analysed}/${total}` });
      node.toggleClass("is-active", isOpen && !this.filter.industry);
      node.addEventListener("click", () => { this.filter = { ...this.filter, category, industry: undefined }; this.shown = PAGE_SIZE; this.render(); });
      if (!isOpen) continue;
      for (const cell of inCategory) {
        const sub = parent.createEl("button", { cls: "uca-library-node uca-library-industry", attr: { type: "button", "data-industry": cell.industry } });
        sub.createSpan({ cls: "uca-library-node-name", text: cell.industry });
        sub.createSpan({ cls: "uca-library-node-count", text: `${cell.analysed}/${cell.entries}` });
        sub.toggleClass("is-active", this.filter.industry === cell.industry);
        sub.addEventListener("click", () => { this.filter = { ...this.filter, category, industry: cell.industry }; this.shown = PAGE_SIZE; this.render(); });
      }
    }
  }

  private renderFilters(parent: HTMLElement): void {
    const bar = parent.createDiv({ cls: "uca-library-filters" });
    const search = bar.createEl("input", { cls: "uca-library-search", attr: { type: "search", placeholder: "Search title, company, tags…", "aria-label": "Search entries" } });
    search.value = this.filter.text ?? "";
    search.addEventListener("input", () => {
      this.filter = { ...this.filter, text: search.value };
      this.shown = PAGE_SIZE;
      this.renderKeepingFocus(".uca-library-search", search.selectionStart);
    });
    const analysed = new DropdownComponent(bar)
      .addOption("all", "All entries").addOption("no", "Not analysed").addOption("yes", "Analysed")
      .setValue(this.filter.analysed === undefined ? "all" : this.filter.analysed ? "yes" : "no")
      .onChange((v) => { this.filter = { ...this.filter, analysed: v === "all" ? undefined : v === "yes" }; this.shown = PAGE_SIZE; this.render(); });
    analysed.selectEl.addClass("uca-library-analysed-filter");
    analysed.selectEl.setAttr("aria-label", "Analysed or not");
    if (this.filter.category || this.filter.industry) {
      const chip = bar.createSpan({ cls: "uca-library-place", text: [this.filter.category, this.filter.industry].filter(Boolean).join(" › ") });
      const clear = chip.createEl("button", { cls: "uca-library-clear", text: "Clear", attr: { type: "button", "aria-label": "Show all categories" } });
      clear.addEventListener("click", () => { this.filter = { ...this.filter, category: undefined, industry: undefined }; this.render(); });
    }
  }

  private renderKeepingFocus(selector: string, caret: number | null): void {
    this.render();
    const el = this.contentEl.querySelector<HTMLInputElement>(selector);
    if (!el) return;
    el.focus();
    if (caret !== null) el.setSelectionRange(caret, caret);
  }

  private renderActions(parent: HTMLElement): void {
    this.actionsEl = parent.createDiv({ cls: "uca-library-actions" });
    this.updateActions();
  }

  /** The selection line and the start buttons (redrawn alone when a box is ticked: focus stays on it). */
  private updateActions(): void {
    const bar = this.actionsEl;
    if (!bar) return;
    bar.empty();
    const chosen = this.selectedRows();
    bar.createSpan({ cls: "uca-library-selection", text: chosen.length === 0 ? "Select 3–5 entries to start an analysis." : `${byCount(chosen.length, "entry", "entries")} selected` });
    for (const [label, template] of [["Start deep dive", DEEP_DIVE_CHOICE], ["Start case study", CASE_STUDY_CHOICE]] as const) {
      new ButtonComponent(bar).setButtonText(label).setClass("uca-library-start").setDisabled(chosen.length === 0)
        .onClick(() => this.start(template));
    }
    if (chosen.length > 0) {
      new ButtonComponent(bar).setButtonText("Clear selection").setClass("uca-library-clear-selection").onClick(() => { this.selected.clear(); this.render(); });
    }
  }

  private selectedRows(): LibraryRow[] {
    return this.rows().filter((r) => this.selected.has(r.path));
  }

  /** Opens the new-note form prefilled from the selected entries. */
  start(template: string): void {
    const rows = this.selectedRows();
    if (rows.length === 0) return;
    const p = prefillFromEntries(rows, this.deps.service.current().taxonomy);
    const hints = [p.categoryHint, p.industryHint].filter((h): h is string => h !== null);
    const options: NewNoteOptions = {
      template,
      prefill: {
        company: p.company,
        year: p.year,
        category: p.category,
        industry: p.industry,
        articles: p.articles,
        citations: p.articles.map((a, i) => ({ url: a.url, citation: p.citations[i] ?? "" })),
        ...(hints.length > 0 ? { note: hints.join(" ") } : {}),
      },
    };
    if (this.deps.openForm) this.deps.openForm(options);
    else new NewNoteModal(this.app, this.deps.ctx, options).open();
  }

  private renderRow(parent: HTMLElement, row: LibraryRow): void {
    const item = parent.createDiv({ cls: "uca-library-row", attr: { role: "listitem", "data-path": row.path } });
    item.toggleClass("is-analysed", row.analysedBy.length > 0);
    const label = item.createEl("label", { cls: "uca-library-pick" });
    const box = label.createEl("input", { attr: { type: "checkbox", "aria-label": `Select ${row.title}` } });
    box.checked = this.selected.has(row.path);
    box.addEventListener("change", () => {
      if (box.checked) this.selected.add(row.path); else this.selected.delete(row.path);
      this.updateActions();
    });
    const text = item.createDiv({ cls: "uca-library-text" });
    const head = text.createDiv({ cls: "uca-library-row-head" });
    head.createSpan({ cls: "uca-library-year", text: row.year === null ? "" : String(row.year) });
    head.createSpan({ cls: "uca-library-company", text: row.company });
    const open = head.createEl("a", { cls: "uca-library-title internal-link", text: row.title || row.path, attr: { href: row.path, "data-href": row.path } });
    open.addEventListener("click", (evt) => { evt.preventDefault(); void this.app.workspace.openLinkText(row.path, "", false); });
    if (row.description) text.createDiv({ cls: "uca-library-description", text: row.description });
    const meta = text.createDiv({ cls: "uca-library-meta" });
    meta.createSpan({ cls: "uca-library-place-text", text: `${row.category} › ${row.industryAsWritten}` });
    for (const tag of row.tags) meta.createSpan({ cls: "uca-library-tag", text: tag });
    if (row.url) meta.createEl("a", { cls: "uca-library-article external-link", text: "Article", attr: { href: row.url, target: "_blank", rel: "noopener" } });
    if (row.analysedBy.length > 0) {
      const by = text.createDiv({ cls: "uca-library-analysed-by", text: "Analysed by " });
      row.analysedBy.forEach((path, i) => {
        if (i > 0) by.appendText(", ");
        const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/i, "");
        const a = by.createEl("a", { cls: "internal-link", text: name, attr: { href: path, "data-href": path } });
        a.addEventListener("click", (evt) => { evt.preventDefault(); void this.app.workspace.openLinkText(path, "", false); });
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Coverage

  private renderCoverage(parent: HTMLElement): void {
    const cells = coverage(this.rows(), this.deps.service.current().taxonomy);
    parent.createDiv({ cls: "uca-library-coverage-note", text: "Analysed entries / entries per category and industry. Choose a cell to see its entries." });
    const categories = [...new Set(cells.map((c) => c.category))];
    const industries = [...new Set(cells.map((c) => c.industry))];
    const at = new Map<string, CoverageCell>(cells.map((c) => [`${c.category}\u0000${c.industry}`, c]));
    const wrap = parent.createDiv({ cls: "uca-library-coverage-wrap" });
    const table = wrap.createEl("table", { cls: "uca-library-coverage" });
    const head = table.createEl("thead").createEl("tr");
    head.createEl("th", { text: "Category" });
    for (const industry of industries) head.createEl("th", { text: industry, attr: { scope: "col" } });
    const body = table.createEl("tbody");
    for (const category of categories) {
      const tr = body.createEl("tr");
      tr.createEl("th", { text: category, attr: { scope: "row" } });
      for (const industry of industries) {
        const td = tr.createEl("td");
        const cell = at.get(`${category}\u0000${industry}`);
        if (!cell) { td.addClass("uca-library-cell-empty"); continue; }
        const share = cell.analysed / cell.entries;
        const level = cell.analysed === 0 ? 0 : Math.min(4, 1 + Math.floor(share * 4));
        const b = td.createEl("button", {
          cls: `uca-library-cell uca-library-heat-${level}`,
          text: `${cell.analysed}/${cell.entries}`,
          attr: { type: "button", "data-category": category, "data-industry": industry, "aria-label": `${category}, ${industry}: ${cell.analysed} of ${cell.entries} analysed` },
        });
        b.addEventListener("click", () => this.showCell(category, industry));
      }
    }
  }
}
