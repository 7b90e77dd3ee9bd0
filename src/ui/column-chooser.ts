/**
 * Which fixed columns (company, category, industry, year, completeness) the matrix shows beside
 * the study's name. By default none: the patterns are what the matrix is for. The choice lives in
 * the options' `columns` (as a block writes it), so the view saves it with its state and exports
 * follow it; a block's own choice is kept on this device (`BlockColumnStore`), never in its note.
 *
 * The control: a "Columns" button that opens a small popover of checkboxes. Each box applies at
 * once; Escape, Tab out of it or a click elsewhere closes it, the arrow keys move between boxes.
 */
import {
  type CompareOptions, FIXED_COLUMNS, fixedColumnNamed, type FixedColumnId, namedFixedColumns, withFixedColumns,
} from "../core/compare";

/** The view's and a block's default: the study's name, then the patterns. */
export const COMPACT_FIXED: readonly FixedColumnId[] = ["name"];

/** The fixed columns the view or a block shows for these options: those `columns` names, else the compact default. */
export function chosenFixedColumns(options: CompareOptions): FixedColumnId[] {
  return namedFixedColumns(options.columns) ?? [...COMPACT_FIXED];
}

/** The options showing the fixed columns `fixed` (by default, those they choose or the compact default) by name. */
export function withFixedChoice(options: CompareOptions, fixed: readonly FixedColumnId[] = chosenFixedColumns(options)): CompareOptions {
  return { ...options, columns: withFixedColumns(options.columns, fixed) };
}

export interface ColumnChooserOptions {
  /** Distinguishes the popover's id from another chooser's in the same window. */
  id: string;
  /** The fixed columns shown now. */
  chosen(): readonly FixedColumnId[];
  onChange(fixed: FixedColumnId[]): void;
}

export class ColumnChooser {
  readonly el: HTMLElement;
  private readonly button: HTMLButtonElement;
  private popover: HTMLElement | null = null;
  private readonly onOutside = (evt: PointerEvent): void => {
    if (!(evt.target instanceof Node) || !this.el.contains(evt.target)) this.close(false);
  };

  constructor(parent: HTMLElement, private readonly opts: ColumnChooserOptions) {
    this.el = parent.createDiv({ cls: "uca-column-chooser" });
    this.button = this.el.createEl("button", {
      cls: "uca-column-button",
      text: "Columns",
      attr: {
        type: "button", "aria-expanded": "false", "aria-controls": this.popoverId(),
        "aria-label": "Columns beside the study", title: "Choose the columns shown beside the study",
      },
    });
    this.button.addEventListener("click", () => (this.popover ? this.close(true) : this.open()));
    this.button.addEventListener("keydown", (evt) => {
      if (evt.key === "ArrowDown" && !this.popover) { evt.preventDefault(); this.open(); }
    });
    this.el.addEventListener("focusout", (evt) => {
      const next = evt.relatedTarget;
      if (this.popover && next instanceof Node && !this.el.contains(next)) this.close(false);
    });
  }

  private popoverId(): string {
    return `uca-columns-${this.opts.id}`;
  }

  get isOpen(): boolean {
    return this.popover !== null;
  }

  /** Shows or hides the control (the matrix has fixed columns, the other tabs do not). */
  setShown(shown: boolean): void {
    if (!shown) this.close(false);
    this.el.toggleClass("is-hidden", !shown);
  }

  /** Opens the popover with the boxes as chosen now and focuses `focusColumn`'s box, else the first that can change. */
  open(focusColumn?: FixedColumnId): void {
    if (this.popover) return;
    const chosen = this.opts.chosen();
    const popover = this.el.createDiv({
      cls: "uca-column-popover",
      attr: { id: this.popoverId(), role: "group", "aria-label": "Columns beside the study" },
    });
    this.popover = popover;
    for (const c of FIXED_COLUMNS) {
      const label = popover.createEl("label", { cls: "uca-column-option" });
      const box = label.createEl("input", { attr: { type: "checkbox", "data-column": c.id } });
      box.checked = c.id === "name" || chosen.includes(c.id);
      if (c.id === "name") {
        box.disabled = true;
        label.createSpan({ text: c.label });
        label.createSpan({ cls: "uca-column-note", text: "always shown" });
      } else {
        label.createSpan({ text: c.label });
        box.addEventListener("change", () => this.opts.onChange(this.checked()));
      }
    }
    popover.addEventListener("keydown", (evt) => this.onKey(evt));
    this.button.setAttr("aria-expanded", "true");
    this.el.ownerDocument.addEventListener("pointerdown", this.onOutside, true);
    const boxes = this.boxes();
    (boxes.find((b) => b.dataset.column === focusColumn) ?? boxes[0])?.focus();
  }

  /** Closes the popover; `focusButton` gives the keyboard back to the button. */
  close(focusButton: boolean): void {
    if (!this.popover) return;
    this.popover.remove();
    this.popover = null;
    this.button.setAttr("aria-expanded", "false");
    this.el.ownerDocument.removeEventListener("pointerdown", this.onOutside, true);
    if (focusButton) this.button.focus();
  }

  /** The boxes that can change (not the study's). */
  private boxes(): HTMLInputElement[] {
    return Array.from(this.popover?.querySelectorAll<HTMLInputElement>("input[type=checkbox]:not(:disabled)") ?? []);
  }

  private checked(): FixedColumnId[] {
    const ids: FixedColumnId[] = [];
    for (const box of this.boxes()) {
      const id = box.checked ? fixedColumnNamed(box.dataset.column ?? "") : null;
      if (id) ids.push(id);
    }
    return ["name", ...ids];
  }

  private onKey(evt: KeyboardEvent): void {
    if (evt.key === "Escape") {
      evt.preventDefault();
      evt.stopPropagation();
      this.close(true);
      return;
    }
    const boxes = this.boxes();
    const at = boxes.indexOf(evt.target as HTMLInputElement);
    let next = -1;
    if (evt.key === "ArrowDown") next = (at + 1) % boxes.length;
    else if (evt.key === "ArrowUp") next = (at - 1 + boxes.length) % boxes.length;
    else if (evt.key === "Home") next = 0;
    else if (evt.key === "End") next = boxes.length - 1;
    if (next < 0 || at < 0) return;
    evt.preventDefault();
    boxes[next]?.focus();
  }
}

/** What a block's chooser needs of the plugin's device-local state (`AtlasContext`). */
export interface LocalState {
  loadState<T>(key: string): T | undefined;
  saveState(key: string, value: unknown): Promise<void>;
}

/** The state key of every block's choice: one record, entries by note path and block. */
const BLOCK_COLUMNS_KEY = "blockColumns";
/** Blocks remembered at most; the least recently chosen is forgotten first. */
export const BLOCK_COLUMNS_MEMORY = 200;

/**
 * Each block's fixed columns as last chosen on this device, keyed by the note's path and the
 * block's `id:` (or, without one, its whole source: editing the block starts from its
 * `columns:` again). Never written into the note.
 */
export class BlockColumnStore {
  constructor(private readonly state: LocalState) {}

  static key(sourcePath: string, blockId: string): string {
    return `${sourcePath}\u0000${blockId}`;
  }

  private all(): Record<string, unknown> {
    const stored = this.state.loadState<unknown>(BLOCK_COLUMNS_KEY);
    return stored !== null && typeof stored === "object" && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>) } : {};
  }

  /** The stored choice, or null (none, or not a list of fixed columns). */
  get(key: string): FixedColumnId[] | null {
    const value = this.all()[key];
    if (!Array.isArray(value)) return null;
    return namedFixedColumns(value.filter((v): v is string => typeof v === "string"));
  }

  async set(key: string, fixed: readonly FixedColumnId[]): Promise<void> {
    const all = this.all();
    delete all[key]; // to the end: the most recent
    all[key] = [...fixed];
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - BLOCK_COLUMNS_MEMORY))) delete all[old];
    await this.state.saveState(BLOCK_COLUMNS_KEY, all);
  }
}
