/**
 * The comparison view's filter bar: category, industry, years, company, "has all of these
 * patterns", group by and pivot by, and Clear filters. Built once; its values are synced from the
 * options, so typing never loses focus.
 */
import type { CompareOptions, GroupBy, PivotBy } from "../core/compare";
import { planColumns } from "../core/compare-columns";
import type { Study, StudyContext } from "../core/study";
import { PatternPicker } from "./pattern-picker";

function hasFilters(o: CompareOptions): boolean {
  const f = o.filter;
  return Boolean(f.categories?.length || f.industries?.length || f.patterns?.length || f.types?.length
    || f.company || f.yearFrom !== undefined || f.yearTo !== undefined);
}

export interface FilterHandlers {
  onChange(mutate: (options: CompareOptions) => void): void;
  onClear(): void;
}

const GROUP_CHOICES: { value: GroupBy | ""; label: string }[] = [
  { value: "", label: "No grouping" },
  { value: "category", label: "Category" },
  { value: "industry", label: "Industry" },
  { value: "year", label: "Year" },
];

const PIVOT_CHOICES: { value: PivotBy; label: string }[] = [
  { value: "industry", label: "Industry" },
  { value: "category", label: "Category" },
  { value: "year", label: "Year" },
];

let filterBars = 0;

/** The filter bar: built once, its values synced from the options (so typing never loses focus). */
export class FilterControls {
  private readonly category: HTMLSelectElement;
  private readonly industry: HTMLSelectElement;
  private readonly yearFrom: HTMLInputElement;
  private readonly yearTo: HTMLInputElement;
  private readonly yearHint: HTMLElement;
  private readonly company: HTMLInputElement;
  private readonly patterns: PatternPicker;
  private readonly group: HTMLSelectElement;
  private readonly groupField: HTMLElement;
  private readonly pivot: HTMLSelectElement;
  private readonly pivotField: HTMLElement;
  private readonly clear: HTMLButtonElement;
  private choiceKey = "";

  constructor(parent: HTMLElement, private readonly handlers: FilterHandlers) {
    this.category = this.select(parent, "Category", "uca-filter-category");
    this.category.addEventListener("change", () => this.handlers.onChange((o) => {
      o.filter.categories = this.category.value ? [this.category.value] : undefined;
    }));
    this.industry = this.select(parent, "Industry", "uca-filter-industry");
    this.industry.addEventListener("change", () => this.handlers.onChange((o) => {
      o.filter.industries = this.industry.value ? [this.industry.value] : undefined;
    }));

    const years = this.field(parent, "Years", "uca-filter-years");
    const range = years.createDiv({ cls: "uca-year-range" });
    // Text, not number, inputs: a number input drops what is not a digit ("20x4" became 204).
    const yearInput = (placeholder: string, label: string): HTMLInputElement => range.createEl("input", {
      attr: { type: "text", placeholder, "aria-label": label, inputmode: "numeric", maxlength: "4", autocomplete: "off" },
    });
    this.yearFrom = yearInput("From", "From year");
    range.createSpan({ text: "–" });
    this.yearTo = yearInput("To", "To year");
    this.yearHint = years.createDiv({ cls: "uca-filter-hint", attr: { "aria-live": "polite" } });
    // As the company box does, the years filter as they are typed; what is not a year is refused
    // with a hint and changes nothing. While typing, a first one to three digits wait quietly.
    const onYear = (final: boolean): void => {
      const from = readYear(this.yearFrom.value, final);
      const to = readYear(this.yearTo.value, final);
      this.yearFrom.toggleAttribute("aria-invalid", from === "invalid");
      this.yearTo.toggleAttribute("aria-invalid", to === "invalid");
      if (from === "invalid" || to === "invalid") { this.yearHint.setText("Enter a four-digit year, e.g. 2024."); return; }
      if (typeof from === "number" && typeof to === "number" && from > to) { this.yearHint.setText(`From ${from} is after to ${to}.`); return; }
      this.yearHint.setText("");
      if (from === "partial" || to === "partial") return;
      this.handlers.onChange((o) => {
        o.filter.yearFrom = from;
        o.filter.yearTo = to;
      });
    };
    for (const input of [this.yearFrom, this.yearTo]) {
      input.addEventListener("input", () => onYear(false));
      input.addEventListener("change", () => onYear(true));
    }

    const company = this.field(parent, "Company", "uca-filter-company");
    this.company = company.createEl("input", { attr: { type: "search", placeholder: "Contains…", "aria-label": "Company contains" } });
    this.company.addEventListener("input", () => this.handlers.onChange((o) => {
      const v = this.company.value.trim();
      o.filter.company = v === "" ? undefined : v;
    }));

    // Not a <label>: the field holds several controls (each chip's button and the text field).
    const patterns = parent.createDiv({ cls: ["uca-filter", "uca-filter-patterns"], attr: { role: "group" } });
    const patternsLabel = patterns.createSpan({ text: "Has all of these patterns", attr: { id: `uca-filter-patterns-label-${++filterBars}` } });
    patterns.setAttribute("aria-labelledby", patternsLabel.id);
    this.patterns = new PatternPicker(patterns, "Has all of these patterns", (chosen) => this.handlers.onChange((o) => {
      o.filter.patterns = chosen.length > 0 ? chosen : undefined;
    }));

    this.groupField = this.field(parent, "Group by", "uca-filter-group");
    this.group = this.groupField.createEl("select", { attr: { "aria-label": "Group by" } });
    for (const c of GROUP_CHOICES) this.group.createEl("option", { text: c.label, attr: { value: c.value } });
    this.group.addEventListener("change", () => this.handlers.onChange((o) => {
      o.groupBy = (this.group.value || null) as GroupBy | null;
    }));

    this.pivotField = this.field(parent, "Pivot by", "uca-filter-pivot");
    this.pivot = this.pivotField.createEl("select", { attr: { "aria-label": "Pivot by" } });
    for (const c of PIVOT_CHOICES) this.pivot.createEl("option", { text: c.label, attr: { value: c.value } });
    this.pivot.addEventListener("change", () => this.handlers.onChange((o) => {
      o.pivotBy = this.pivot.value as PivotBy;
      delete o.sort;
    }));

    this.clear = parent.createEl("button", { cls: "uca-clear-filters", text: "Clear filters", attr: { type: "button" } });
    this.clear.addEventListener("click", () => this.handlers.onClear());
  }

  private field(parent: HTMLElement, label: string, cls: string): HTMLElement {
    const field = parent.createEl("label", { cls: ["uca-filter", cls] });
    field.createSpan({ text: label });
    return field;
  }

  private select(parent: HTMLElement, label: string, cls: string): HTMLSelectElement {
    return this.field(parent, label, cls).createEl("select", { attr: { "aria-label": label } });
  }

  focusFirst(): void {
    this.category.focus();
  }

  /**
   * Fills the choice lists: the taxonomy's values first, then any other value found in a study;
   * the patterns as the matrix's columns are (template groups, a user's own pattern in its group).
   */
  setChoices(studies: readonly Study[], ctx: StudyContext): void {
    const cats = new ChoiceList(ctx.categories);
    const inds = new ChoiceList(ctx.industries);
    for (const s of studies) {
      cats.add(s.category);
      inds.add(s.industry);
    }
    const patterns = planColumns(studies, ctx, undefined).all;
    const lists = [cats.values(), inds.values(), patterns.map((p) => `${p.group}\u0002${p.label}`)] as const;
    const key = lists.map((l) => l.join("\u0000")).join("\u0001");
    if (key === this.choiceKey) return;
    this.choiceKey = key;
    fillOptions(this.category, "All categories", lists[0]);
    fillOptions(this.industry, "All industries", lists[1]);
    this.patterns.setChoices(patterns);
  }

  sync(o: CompareOptions): void {
    const f = o.filter;
    setSelectValue(this.category, f.categories?.[0] ?? "");
    setSelectValue(this.industry, f.industries?.[0] ?? "");
    const from = f.yearFrom === undefined ? "" : String(f.yearFrom);
    const to = f.yearTo === undefined ? "" : String(f.yearTo);
    const doc = this.yearFrom.ownerDocument;
    // Never rewrite a box the user is typing in (a partial year is not in the options yet).
    if (doc.activeElement !== this.yearFrom && this.yearFrom.value !== from) this.yearFrom.value = from;
    if (doc.activeElement !== this.yearTo && this.yearTo.value !== to) this.yearTo.value = to;
    if (f.yearFrom === undefined && f.yearTo === undefined && this.yearFrom.value === "" && this.yearTo.value === "") {
      this.yearHint.setText("");
      this.yearFrom.removeAttribute("aria-invalid");
      this.yearTo.removeAttribute("aria-invalid");
    }
    // Never rewrite the search box while the user types in it (it would move the caret).
    if (this.company.ownerDocument.activeElement !== this.company && this.company.value !== (f.company ?? "")) this.company.value = f.company ?? "";
    this.patterns.setChosen(f.patterns ?? []);
    this.group.value = o.groupBy ?? "";
    this.pivot.value = o.pivotBy ?? "industry";
    this.groupField.toggleClass("is-hidden", o.tab !== "matrix");
    this.pivotField.toggleClass("is-hidden", o.tab !== "pivot");
    this.clear.disabled = !hasFilters(o);
  }
}

/**
 * A year box's value: a four-digit year, undefined when empty, "partial" for one to three digits
 * while the user is still typing (`final` false), else "invalid" ("24" is not the year 24).
 */
export function readYear(v: string, final: boolean): number | undefined | "partial" | "invalid" {
  const t = v.trim();
  if (t === "") return undefined;
  if (/^\d{4}$/.test(t)) return Number(t);
  if (!final && /^\d{1,3}$/.test(t)) return "partial";
  return "invalid";
}

/** Values compared case-insensitively: the given ones in their order, then the others found, sorted. */
class ChoiceList {
  private readonly seen = new Set<string>();
  /** Values exactly as met: thousands of studies repeat a few dozen values, so most stop here. */
  private readonly met = new Set<string>();
  private readonly first: string[] = [];
  private readonly more: string[] = [];

  constructor(first: readonly string[]) {
    for (const v of first) this.push(v, this.first);
  }

  add(v: string | null): void {
    if (v === null || this.met.has(v)) return;
    this.met.add(v);
    this.push(v, this.more);
  }

  private push(v: string, list: string[]): void {
    const key = v.toLowerCase();
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(v);
  }

  values(): string[] {
    return [...this.first, ...[...this.more].sort((a, b) => a.localeCompare(b))];
  }
}

function fillOptions(select: HTMLSelectElement, allLabel: string, values: string[]): void {
  const selected = new Set(Array.from(select.selectedOptions).map((o) => o.value));
  select.empty();
  select.createEl("option", { text: allLabel, attr: { value: "" } });
  for (const v of values) {
    const opt = select.createEl("option", { text: v, attr: { value: v } });
    if (selected.has(v)) opt.selected = true;
  }
}

/** Selects `value` case-insensitively; a value not in the list is added (a filter from a saved state). */
function setSelectValue(select: HTMLSelectElement, value: string): void {
  const hit = Array.from(select.options).find((o) => o.value.toLowerCase() === value.toLowerCase());
  if (hit) { select.value = hit.value; return; }
  select.createEl("option", { text: value, attr: { value } });
  select.value = value;
}
