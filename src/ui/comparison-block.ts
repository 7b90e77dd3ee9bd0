/**
 * The comparison inside any note: a fenced code block with language `use-case-atlas` whose
 * YAML holds the view's options (`tab`, `filter`, `group`, `sort`, `columns`, `pivot`), and an
 * optional `id` that names the block for its remembered column choice (`BlockColumnStore`).
 * Live: it follows the study index until the note's preview unloads it. Not virtualised, so
 * the matrix shows at most `BLOCK_ROW_LIMIT` rows and says so.
 */
import { Keymap, MarkdownRenderChild, type App, type HoverParent, type HoverPopover, type Plugin } from "obsidian";
import { parse as parseYaml } from "yaml";
import { COMPARE_TABS, compare, fixedColumnNamed, type CompareOptions, type CompareResult, type MatrixResult, parseCompareOptions, TABS } from "../core/compare";
import type { AtlasContext } from "../obsidian/context";
import type { StudyIndexService } from "../obsidian/study-index-service";
import { delegateLinks, flattenMatrix, formatCount, type LinkHandler, renderGroupCells, renderMatrixHead, renderStudyCells } from "./comparison-render";
import { renderTab, statusText } from "./comparison-tabs";
import { VIEW_TYPE_COMPARISON } from "./comparison-view";
import { errorMessage } from "../core/errors";
import { BlockColumnStore, chosenFixedColumns, ColumnChooser, withFixedChoice } from "./column-chooser";

let blockInstances = 0;

export const CODE_BLOCK_LANGUAGE = "use-case-atlas";
/** Matrix rows (studies and subtotals) an embed draws at most. */
export const BLOCK_ROW_LIMIT = 100;

/** `id`: the block's own `id:`, when it has one. */
export type BlockOptionsResult = { ok: true; options: CompareOptions; id?: string } | { ok: false; message: string };

/** The block's source as options: YAML first, then the comparison's own option rules. */
export function parseBlockOptions(source: string): BlockOptionsResult {
  let raw: unknown;
  try {
    raw = source.trim() === "" ? null : parseYaml(source);
  } catch (e) {
    // The parser's first line says where ("… at line 1, column 15:") and ends where its excerpt began.
    const message = (errorMessage(e).split("\n")[0] ?? "").trim().replace(/[\s:.]+$/, "");
    return { ok: false, message: `The options are not valid YAML: ${message}.` };
  }
  // `id` names the block, it is no option of the comparison.
  let id: string | undefined;
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "id" in raw) {
    const { id: value, ...rest } = raw as Record<string, unknown>;
    if (typeof value === "string" || typeof value === "number") id = String(value).trim() || undefined;
    else if (value !== null) return { ok: false, message: "id must be text, e.g. id: vendors-2024" };
    raw = rest;
  }
  const parsed = parseCompareOptions(raw);
  return parsed.ok && id !== undefined ? { ...parsed, id } : parsed;
}

export class ComparisonBlock extends MarkdownRenderChild implements HoverParent {
  hoverPopover: HoverPopover | null = null;
  private unsubscribe: (() => void) | null = null;
  private frame: number | null = null;
  private renderedRevision = -1;
  private coocSelection: { a: number; b: number } | null = null;
  private options: CompareOptions | null = null;
  private chooser: ColumnChooser | null = null;
  private readonly columnStore: BlockColumnStore;
  /** This block's entry in `columnStore`. */
  private columnKey = "";

  constructor(
    containerEl: HTMLElement,
    private readonly source: string,
    private readonly app: App,
    private readonly ctx: AtlasContext,
    private readonly service: StudyIndexService,
    private readonly sourcePath: string,
  ) {
    super(containerEl);
    this.columnStore = new BlockColumnStore(ctx);
  }

  override onload(): void {
    this.containerEl.addClass("uca-block");
    const parsed = parseBlockOptions(this.source);
    if (!parsed.ok) {
      this.renderError(parsed.message);
      return;
    }
    // The fixed columns: as last chosen for this block on this device, else its `columns:`, else the compact default.
    this.columnKey = BlockColumnStore.key(this.sourcePath, parsed.id ?? this.source.trim());
    const options = withFixedChoice(parsed.options, this.columnStore.get(this.columnKey) ?? chosenFixedColumns(parsed.options));
    this.options = options;
    this.unsubscribe = this.service.subscribe(() => this.schedule());
    this.service.whenReady(() => this.schedule());
    this.render(options);
    if (TABS[options.tab].readsBody.table) this.service.wantBodyFacts();
  }

  override onunload(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.frame !== null) (this.containerEl.ownerDocument.defaultView ?? window).cancelAnimationFrame(this.frame);
    this.frame = null;
    this.chooser?.close(false);
  }

  private schedule(): void {
    if (this.frame !== null) return;
    const win = this.containerEl.ownerDocument.defaultView ?? window;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = null;
      if (this.options && this.renderedRevision !== this.service.index.revision) this.render(this.options);
    });
  }

  private renderError(message: string): void {
    this.containerEl.empty();
    const box = this.containerEl.createDiv({ cls: "uca-block-error" });
    box.createEl("p", { text: "This comparison block has an error." });
    box.createEl("pre", { cls: "uca-error", text: message });
    box.createEl("p", { cls: "uca-caption", text: `Options: tab (${COMPARE_TABS.join(", ")}), filter (category, industry, year, company, pattern, type), group, sort, columns, pivot, id.` });
  }

  private readonly links: LinkHandler = {
    open: (path, evt) => { void this.app.workspace.openLinkText(path, this.sourcePath, Keymap.isModEvent(evt)); },
    hover: (path, evt, targetEl) => {
      this.app.workspace.trigger("hover-link", { event: evt, source: VIEW_TYPE_COMPARISON, hoverParent: this, targetEl, linktext: path, sourcePath: this.sourcePath });
    },
  };

  /** Draws the block from the index as it is now. */
  render(options: CompareOptions): void {
    this.renderedRevision = this.service.index.revision;
    const el = this.containerEl;
    const chooserHadFocus = this.chooser?.el.contains(el.ownerDocument.activeElement) ?? false;
    // Drawn anew while its popover is open (the notes changed): open again on the same box.
    const reopen = chooserHadFocus && this.chooser?.isOpen === true ? fixedColumnNamed(el.ownerDocument.activeElement?.getAttribute("data-column") ?? "") ?? undefined : null;
    this.chooser?.close(false);
    this.chooser = null;
    el.empty();
    if (!this.service.isReady) {
      el.createDiv({ cls: "uca-caption", text: "Reading your notes…" });
      return;
    }
    const result = compare(this.service.index.all(), this.ctx.studyContext(), options);
    if (result.totalCount === 0) {
      el.createDiv({ cls: "uca-empty", text: "No use case analyses or case studies yet: create one and it shows up here." });
      return;
    }
    if (result.visibleCount === 0) {
      el.createDiv({ cls: "uca-empty", text: `${result.emptyReason ?? "No study matches the filters"}.` });
      return;
    }
    if (result.kind === "matrix") {
      const chooser = this.renderChooser(el, chooserHadFocus);
      if (reopen !== null) chooser.open(reopen);
    }
    const scroll = el.createDiv({ cls: "uca-scroll" });
    delegateLinks(scroll, this.links);
    this.renderResult(scroll, result);
    const caption = el.createDiv({ cls: "uca-caption" });
    caption.setText(this.caption(result));
  }

  /** The block's "Columns" button; a choice is remembered on this device and draws the block again. */
  private renderChooser(el: HTMLElement, focus: boolean): ColumnChooser {
    const bar = el.createDiv({ cls: "uca-block-bar" });
    const chooser = new ColumnChooser(bar, {
      id: `block-${++blockInstances}`,
      chosen: () => (this.options ? chosenFixedColumns(this.options) : []),
      onChange: (fixed) => {
        if (!this.options) return;
        this.options = withFixedChoice(this.options, fixed);
        void this.columnStore.set(this.columnKey, fixed);
        // The block is drawn anew: the popover stays open on the box just changed, as in the view.
        this.render(this.options);
      },
    });
    this.chooser = chooser;
    if (focus) chooser.el.querySelector<HTMLElement>("button")?.focus();
    return chooser;
  }

  private renderResult(scroll: HTMLElement, result: CompareResult): void {
    let details: HTMLElement | null = null;
    const detailsEl = (): HTMLElement => {
      if (!details) {
        details = this.containerEl.createDiv({ cls: "uca-details" });
        delegateLinks(details, this.links);
      }
      return details;
    };
    renderTab({
      panel: scroll,
      // A block has one scroll box, made by render().
      scrollBox: () => scroll,
      get details() { return detailsEl(); },
      selection: this.coocSelection,
      select: (sel) => { this.coocSelection = sel; },
      matrix: (r) => this.renderMatrix(scroll, r),
    }, result);
  }

  private renderMatrix(scroll: HTMLElement, result: MatrixResult): void {
    const table = scroll.createEl("table", { cls: "uca-table uca-matrix" });
    renderMatrixHead(table, result, { sort: result.options.sort });
    const body = table.createTBody();
    const flat = flattenMatrix(result);
    for (const item of flat.slice(0, BLOCK_ROW_LIMIT)) {
      const tr = body.insertRow();
      if (item.kind === "group") renderGroupCells(tr, item.group, result);
      else renderStudyCells(tr, item.row, result, { editable: false });
    }
  }

  private caption(result: CompareResult): string {
    const status = statusText(result);
    if (result.kind === "matrix") {
      const rows = flattenMatrix(result).length;
      if (rows > BLOCK_ROW_LIMIT) return `Showing ${BLOCK_ROW_LIMIT} of ${formatCount(rows)} rows (${status}). Open the pattern comparison view for all of them.`;
    }
    return status;
  }

}

/** Registers the `use-case-atlas` code block. */
export function registerComparisonBlock(plugin: Plugin, ctx: AtlasContext, service: StudyIndexService): void {
  plugin.registerMarkdownCodeBlockProcessor(CODE_BLOCK_LANGUAGE, (source, el, mdCtx) => {
    mdCtx.addChild(new ComparisonBlock(el, source, plugin.app, ctx, service, mdCtx.sourcePath));
  });
}
