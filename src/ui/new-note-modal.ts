/**
 * The one form for a new analysis or case study. Keyboard-only usable: fields in visual order
 * (Tab follows it), the first field focused, Enter submits (while a suggestion list is open it
 * only picks the suggestion), Escape cancels. Errors appear next to their field (`aria-invalid`, `aria-describedby`);
 * nothing is written until every field is valid.
 */
import { type App, ButtonComponent, DropdownComponent, Modal, Notice, type TFile, TextComponent } from "obsidian";
import { type FieldError, MAX_ARTICLES, type NoteKind } from "../core/create-note";
import { replacedCharacters, replacedList } from "../core/filename";
import type { HttpGet } from "../core/title";
import { canonicalUrl } from "../core/url";
import type { AtlasContext } from "../obsidian/context";
import { obsidianHttpGet } from "../obsidian/http-get";
import { createNote, type FormValues, notePath, openCreatedNote, validate } from "../obsidian/note-creation";
import { CASE_STUDY_CHOICE, DEEP_DIVE_CHOICE, type TemplateChoice, templateChoices } from "../obsidian/templates";
import { ListSuggest } from "./suggest";
import { TitleFetch } from "./title-fetch";
import { errorMessage } from "../core/errors";

export interface ArticleRow {
  url: string;
  title?: string;
  /** The article's own company and year (a library entry's), kept while its address is not changed. */
  company?: string;
  year?: number;
}

/** What the form starts with (all optional). */
export interface NewNotePrefill {
  company?: string;
  title?: string;
  year?: string;
  category?: string;
  industry?: string;
  tags?: string[];
  articles?: ArticleRow[];
  /** Taken over from an analysis; shown, not edited. */
  patterns?: string[];
  stack?: string;
  /** A line shown at the top of the form, e.g. about articles that could not be carried over. */
  note?: string;
  /**
   * Full citations for "8.1 Articles Read" (from use-case library entries), by address: the note
   * gets those whose address is still among the form's articles when it is created.
   */
  citations?: { url: string; citation: string }[];
}

export interface NewNoteOptions {
  /** Which template is selected at first: a choice id ("deep-dive", "case-study", "file:…"). */
  template?: string;
  prefill?: NewNotePrefill;
  /** A case study made from this analysis. */
  fromAnalysis?: TFile;
  /** How an article's page is fetched for "Fetch title" (tests pass a fake). */
  httpGet?: HttpGet;
  /** Give up fetching a title after this long (default: the core's). */
  titleTimeoutMs?: number;
}

/** One article row of the form. */
interface ArticleEntry {
  url: TextComponent;
  title: TextComponent;
  /** As prefilled: its company and year go with the address while the user leaves it as it is. */
  given: ArticleRow;
  row: HTMLElement;
  fetch: TitleFetch;
}

interface Field {
  row: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
  hint: HTMLElement;
  error: HTMLElement;
}

type TaxonomyKind = "category" | "industry";

let nextId = 0;

/** A button that does not submit the form it sits in (a button's default type is "submit"). */
function plainButton(parent: HTMLElement): ButtonComponent {
  const button = new ButtonComponent(parent);
  button.buttonEl.type = "button";
  return button;
}

export class NewNoteModal extends Modal {
  private readonly choices: TemplateChoice[];
  private choice: TemplateChoice;
  private readonly fields = new Map<string, Field>();
  private readonly suggests: ListSuggest[] = [];
  private readonly allowNew: Record<TaxonomyKind, HTMLInputElement | null> = { category: null, industry: null };
  private articleRows: ArticleEntry[] = [];
  private articlesEl!: HTMLElement;
  private addArticleButton!: ButtonComponent;
  private createButton!: ButtonComponent;
  private formError!: HTMLElement;
  private previewEl!: HTMLElement;
  private working = false;
  private readonly uid = `uca-new-note-${++nextId}`;

  constructor(app: App, private readonly ctx: AtlasContext, private readonly options: NewNoteOptions = {}) {
    super(app);
    // A case study made from an analysis can use any case-study template, and nothing else.
    this.choices = templateChoices(app, ctx.settings()).filter((c) => !options.fromAnalysis || c.kind === "case-study");
    const wanted = options.fromAnalysis ? CASE_STUDY_CHOICE : options.template ?? DEEP_DIVE_CHOICE;
    this.choice = this.choices.find((c) => c.id === wanted) ?? this.choices[0];
  }

  private get kind(): NoteKind {
    return this.options.fromAnalysis ? "case-study" : this.choice.kind;
  }

  override onOpen(): void {
    this.modalEl.addClass("uca-new-note");
    this.updateTitle();
    const form = this.contentEl.createEl("form", { cls: "uca-new-note-form", attr: { novalidate: "" } });
    form.addEventListener("submit", (evt) => { evt.preventDefault(); void this.submit(); });
    form.addEventListener("keydown", (evt) => this.onKeydown(evt));
    const p = this.options.prefill ?? {};
    if (p.note) form.createEl("p", { cls: "uca-form-note", text: p.note });

    this.textField(form, "company", "Company", p.company ?? "", { placeholder: "Instacart" });
    this.textField(form, "title", "Title", p.title ?? "", { placeholder: "Hybrid search" });
    this.textField(form, "year", "Year", p.year ?? "", { placeholder: "2024", inputmode: "numeric" });
    this.taxonomyField(form, "category", "Category", p.category ?? "");
    this.taxonomyField(form, "industry", "Industry", p.industry ?? "");
    this.textField(form, "tags", "Extra tags", (p.tags ?? []).join(", "), { placeholder: "search, ranking" },
      "Separated by commas or spaces; the plugin adds its own category, industry and pattern tags.");
    if (p.patterns && p.patterns.length > 0) this.readOnlyLine(form, "Patterns", p.patterns.join(", "));
    if (p.stack) this.readOnlyLine(form, "Stack", p.stack.replace(/\\\|/g, "|"));

    const articles = form.createDiv({ cls: "uca-articles" });
    articles.createDiv({ cls: "uca-articles-heading", text: `Articles (up to ${MAX_ARTICLES})` });
    this.articlesEl = articles.createDiv({ cls: "uca-article-rows" });
    const addRow = articles.createDiv({ cls: "uca-article-add" });
    this.addArticleButton = plainButton(addRow).setButtonText("Add article").onClick(() => {
      this.addArticleRow({ url: "" });
      this.articleRows[this.articleRows.length - 1]?.url.inputEl.focus();
    });
    for (const a of (p.articles ?? []).slice(0, MAX_ARTICLES)) this.addArticleRow(a);
    if (this.articleRows.length === 0) this.addArticleRow({ url: "" });

    this.templateField(form);
    this.previewEl = form.createDiv({ cls: "uca-path-preview", attr: { "aria-live": "polite" } });
    this.formError = form.createDiv({ cls: "uca-form-error", attr: { role: "alert" } });

    const buttons = form.createDiv({ cls: "modal-button-container uca-form-buttons" });
    this.createButton = new ButtonComponent(buttons).setButtonText("Create").setCta();
    this.createButton.buttonEl.type = "submit";
    plainButton(buttons).setButtonText("Cancel").onClick(() => this.close());

    for (const kind of ["category", "industry"] as const) this.updateTaxonomyHint(kind);
    this.updateNameHint("company");
    this.updateNameHint("title");
    this.updatePreview();
    this.fields.get("company")?.input.focus();
  }

  override onClose(): void {
    for (const s of this.suggests) s.close();
    for (const r of this.articleRows) r.fetch.detach();
    this.contentEl.empty();
  }

  private updateTitle(): void {
    const text = this.options.fromAnalysis
      ? `New case study from ${this.options.fromAnalysis.basename}`
      : this.kind === "case-study" ? "New case study" : "New use case analysis";
    this.setTitle(text);
  }

  // ---------------------------------------------------------------------------------------------
  // Building the form

  /** A labelled row: name, control, hint and error; the control is tied to both by aria-describedby. */
  private fieldParts(parent: HTMLElement, key: string, label?: string): { row: HTMLElement; control: HTMLElement; hint: HTMLElement; error: HTMLElement; labelId: string } {
    const row = parent.createDiv({ cls: "uca-field", attr: { "data-field-row": key } });
    const labelId = `${this.uid}-${key}-label`;
    if (label !== undefined) row.createEl("label", { cls: "uca-field-label", text: label, attr: { id: labelId, for: `${this.uid}-${key}` } });
    const control = row.createDiv({ cls: "uca-field-control" });
    const hint = row.createDiv({ cls: "uca-field-hint", attr: { id: `${this.uid}-${key}-hint` } });
    const error = row.createDiv({ cls: "uca-field-error", attr: { id: `${this.uid}-${key}-error` } });
    return { row, control, hint, error, labelId };
  }

  private register(key: string, parts: { row: HTMLElement; hint: HTMLElement; error: HTMLElement }, input: HTMLInputElement | HTMLSelectElement): void {
    input.id = `${this.uid}-${key}`;
    input.dataset.field = key;
    this.fields.set(key, { row: parts.row, input, hint: parts.hint, error: parts.error });
    this.describe(key);
  }

  private textField(parent: HTMLElement, key: string, label: string, value: string, attrs: Record<string, string>, desc?: string): HTMLInputElement {
    const parts = this.fieldParts(parent, key, label);
    if (desc) parts.row.createDiv({ cls: "uca-field-desc", text: desc, attr: { id: `${this.uid}-${key}-desc` } });
    const text = new TextComponent(parts.control).setValue(value);
    for (const [k, v] of Object.entries(attrs)) text.inputEl.setAttr(k, v);
    text.inputEl.setAttr("autocomplete", "off");
    this.register(key, parts, text.inputEl);
    text.inputEl.addEventListener("input", () => {
      this.setError(key, null);
      if (key === "company" || key === "title") this.updateNameHint(key);
      this.updatePreview();
    });
    return text.inputEl;
  }

  private taxonomyField(parent: HTMLElement, kind: TaxonomyKind, label: string, value: string): void {
    const input = this.textField(parent, kind, label, value, { placeholder: "Start typing to pick from the taxonomy" });
    const list = (): readonly string[] => (kind === "category" ? this.ctx.settings().taxonomy.categories : this.ctx.settings().taxonomy.industries);
    this.suggests.push(new ListSuggest(this.app, input, list));
    const field = this.fields.get(kind);
    if (!field) return;
    const confirm = field.row.createEl("label", { cls: "uca-new-value" });
    const box = confirm.createEl("input", { attr: { type: "checkbox", "data-field": `new-${kind}` } });
    confirm.createSpan({ cls: "uca-new-value-text" });
    this.allowNew[kind] = box;
    // Prefilled from an analysis: its value is already in use, so it counts as confirmed.
    if (value.trim() !== "" && !this.inTaxonomy(kind, value)) box.checked = true;
    box.addEventListener("change", () => { this.setError(kind, null); this.updatePreview(); });
    input.addEventListener("input", () => this.updateTaxonomyHint(kind));
  }

  private readOnlyLine(parent: HTMLElement, label: string, value: string): void {
    const row = parent.createDiv({ cls: "uca-field uca-field-readonly" });
    row.createDiv({ cls: "uca-field-label", text: label });
    row.createDiv({ cls: "uca-field-value", text: value });
  }

  private templateField(parent: HTMLElement): void {
    const parts = this.fieldParts(parent, "template", "Template");
    const dropdown = new DropdownComponent(parts.control);
    for (const c of this.choices) dropdown.addOption(c.id, c.label);
    dropdown.setValue(this.choice.id);
    dropdown.onChange((id) => {
      this.choice = this.choices.find((c) => c.id === id) ?? this.choice;
      this.setError("template", null);
      this.updateTitle();
      this.updatePreview();
    });
    this.register("template", parts, dropdown.selectEl);
  }

  private addArticleRow(a: ArticleRow): void {
    if (this.articleRows.length >= MAX_ARTICLES) return;
    const row = this.articlesEl.createDiv({ cls: "uca-article-row" });
    const url = new TextComponent(row).setPlaceholder("Web address").setValue(a.url);
    url.inputEl.type = "url";
    url.inputEl.addClass("uca-article-url");
    const title = new TextComponent(row).setPlaceholder("Title (optional)").setValue(a.title ?? "");
    title.inputEl.addClass("uca-article-title");
    const fetchButton = plainButton(row).setClass("uca-article-fetch").setTooltip("Fill in the title from the page");
    plainButton(row).setIcon("x").setClass("uca-article-remove").setTooltip("Remove this article").onClick(() => {
      const at = this.articleRows.findIndex((r) => r.row === row);
      if (at < 0) return;
      this.articleRows[at].fetch.detach();
      this.articleRows.splice(at, 1);
      row.remove();
      this.renumberArticles();
      const next = this.articleRows[Math.min(at, this.articleRows.length - 1)];
      (next ? next.url.inputEl : this.addArticleButton.buttonEl).focus();
      this.updatePreview();
    });
    const status = row.createDiv({ cls: "uca-fetch-status", attr: { "aria-live": "polite" } });
    row.createDiv({ cls: "uca-field-error" });
    const fetch = new TitleFetch({
      button: fetchButton, status, url: () => url.getValue(),
      setTitle: (text) => { title.setValue(text); this.updatePreview(); },
      httpGet: this.options.httpGet ?? obsidianHttpGet(), timeoutMs: this.options.titleTimeoutMs,
    });
    this.articleRows.push({ url, title, given: a, row, fetch });
    url.inputEl.addEventListener("input", () => { this.clearArticleError(row); this.updatePreview(); });
    this.renumberArticles();
  }

  /** Article rows are fields article-1 … article-5, in their current order. */
  private renumberArticles(): void {
    for (const key of [...this.fields.keys()]) if (key.startsWith("article-")) this.fields.delete(key);
    this.articleRows.forEach((r, i) => {
      const key = `article-${i + 1}`;
      const error = r.row.querySelector<HTMLElement>(".uca-field-error");
      if (!error) return;
      error.id = `${this.uid}-${key}-error`;
      r.row.dataset.fieldRow = key;
      r.url.inputEl.setAttr("aria-label", `Article ${i + 1} address`);
      r.title.inputEl.setAttr("aria-label", `Article ${i + 1} title`);
      r.row.querySelector<HTMLElement>(".uca-article-remove")?.setAttr("aria-label", `Remove article ${i + 1}`);
      this.fields.set(key, { row: r.row, input: r.url.inputEl, hint: error, error });
      r.url.inputEl.dataset.field = key;
      r.url.inputEl.id = `${this.uid}-${key}`;
      this.describe(key);
    });
    this.addArticleButton.setDisabled(this.articleRows.length >= MAX_ARTICLES);
  }

  private clearArticleError(row: HTMLElement): void {
    const key = row.dataset.fieldRow;
    if (key) this.setError(key, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Live hints, errors, preview

  private describe(key: string): void {
    const field = this.fields.get(key);
    if (!field) return;
    const ids = [field.error, field.hint].filter((el, i, all) => all.indexOf(el) === i && el.id !== "" && el.textContent !== "" && !el.hasClass("is-hidden")).map((el) => el.id);
    const desc = field.row.querySelector<HTMLElement>(":scope > .uca-field-desc");
    if (desc) ids.push(desc.id);
    if (ids.length > 0) field.input.setAttr("aria-describedby", ids.join(" "));
    else field.input.removeAttribute("aria-describedby");
  }

  private setError(key: string, message: string | null): void {
    const field = this.fields.get(key);
    if (!field) return;
    field.error.setText(message ?? "");
    // The error says "… is not in the taxonomy" already: the hint would say it twice.
    if (key === "category" || key === "industry") field.hint.toggleClass("is-hidden", message !== null);
    field.row.toggleClass("is-invalid", message !== null);
    if (message !== null) field.input.setAttr("aria-invalid", "true");
    else field.input.removeAttribute("aria-invalid");
    this.describe(key);
  }

  private setHint(key: string, message: string): void {
    const field = this.fields.get(key);
    if (!field) return;
    field.hint.setText(message);
    this.describe(key);
  }

  private updateNameHint(key: "company" | "title"): void {
    const value = this.value(key);
    const replaced = replacedCharacters(value);
    this.setHint(key, replaced.length === 0 ? "" : `File names cannot hold ${replacedList(replaced)} — replaced in the file name, kept in the note.`);
  }

  private inTaxonomy(kind: TaxonomyKind, value: string): boolean {
    const list = kind === "category" ? this.ctx.settings().taxonomy.categories : this.ctx.settings().taxonomy.industries;
    return list.some((v) => v.toLowerCase() === value.trim().toLowerCase());
  }

  private updateTaxonomyHint(kind: TaxonomyKind): void {
    const value = this.value(kind).trim();
    const box = this.allowNew[kind];
    const label = box?.parentElement;
    const unknown = value !== "" && !this.inTaxonomy(kind, value);
    this.setHint(kind, unknown ? "Not in the taxonomy." : "");
    label?.toggleClass("is-hidden", !unknown);
    if (box) {
      box.disabled = !unknown;
      if (!unknown) box.checked = false;
    }
    label?.querySelector(".uca-new-value-text")?.setText(`Use "${value}" as a new ${kind}`);
  }

  private value(key: string): string {
    return this.fields.get(key)?.input.value ?? "";
  }

  private values(): FormValues {
    const tags = this.value("tags").split(/[\s,]+/).filter((t) => t !== "");
    return {
      company: this.value("company"),
      title: this.value("title"),
      year: this.value("year"),
      category: this.value("category"),
      industry: this.value("industry"),
      tags,
      articles: this.articleRows.map((r) => {
        const title = r.title.getValue().trim();
        const url = r.url.getValue();
        const own = url.trim() === r.given.url.trim() ? { ...(r.given.company ? { company: r.given.company } : {}), ...(r.given.year !== undefined ? { year: r.given.year } : {}) } : {};
        return { url, ...(title === "" ? {} : { title }), ...own };
      }),
      allowNewCategory: this.allowNew.category?.checked ?? false,
      allowNewIndustry: this.allowNew.industry?.checked ?? false,
      patterns: this.options.prefill?.patterns,
      stack: this.options.prefill?.stack,
      ...this.articlesRead(),
    };
  }

  /** The prefilled citations whose address is still among the form's articles, in the form's order. */
  private articlesRead(): { articlesRead?: string[] } {
    const cited = this.options.prefill?.citations ?? [];
    if (cited.length === 0) return {};
    const key = (url: string): string => { const c = canonicalUrl(url.trim()); return c.ok ? c.url : url.trim(); };
    const byUrl = new Map(cited.map((c) => [key(c.url), c.citation]));
    const lines = this.articleRows.map((r) => byUrl.get(key(r.url.getValue()))).filter((c): c is string => c !== undefined);
    return lines.length > 0 ? { articlesRead: [...new Set(lines)] } : {};
  }

  /** "Creates Use cases/…/Name.md" under the form while the values are valid. */
  private updatePreview(): void {
    const planned = validate(this.ctx, this.kind, this.values());
    this.previewEl.setText(planned.ok ? `Creates ${notePath(this.app, planned.plan)}` : "");
  }

  private showErrors(errors: readonly FieldError[]): void {
    const unplaced: string[] = [];
    for (const e of errors) {
      if (this.fields.has(e.field)) this.setError(e.field, e.message);
      else unplaced.push(e.message);
    }
    this.formError.setText(unplaced.join(" "));
    const first = errors.map((e) => this.fields.get(e.field)).find((f) => f !== undefined);
    first?.input.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // Keyboard and submit

  private onKeydown(evt: KeyboardEvent): void {
    if (evt.key !== "Enter" || evt.isComposing || evt.defaultPrevented) return;
    if (evt.shiftKey || evt.altKey || evt.ctrlKey || evt.metaKey) return;
    const target = evt.target;
    // Enter on a button presses that button; Enter in a field submits, unless it picks a suggestion.
    if (!(target instanceof HTMLInputElement) || target.type === "checkbox") return;
    evt.preventDefault();
    // The open list takes the key (it picks the highlighted suggestion); the form is not submitted.
    if (this.suggests.some((s) => s.isOpen)) return;
    void this.submit();
  }

  /** Validates, creates, opens. Resolves true when the note was created (the form has closed then). */
  async submit(): Promise<boolean> {
    if (this.working) return false;
    for (const key of this.fields.keys()) this.setError(key, null);
    this.formError.setText("");
    const values = this.values();
    const checked = validate(this.ctx, this.kind, values);
    if (!checked.ok) { this.showErrors(checked.errors); return false; }

    this.working = true;
    this.createButton.setDisabled(true);
    this.contentEl.setAttr("aria-busy", "true");
    try {
      const outcome = await createNote(this.ctx, { values, template: this.choice, fromAnalysis: this.options.fromAnalysis });
      if (!outcome.ok) {
        if ("errors" in outcome) this.showErrors(outcome.errors);
        else this.formError.setText(outcome.message);
        return false;
      }
      this.close();
      for (const message of outcome.messages) new Notice(`Use Case Atlas: ${message}`);
      try {
        await openCreatedNote(this.app, outcome.file, outcome.text);
      } catch (e) {
        new Notice(`Use Case Atlas: created "${outcome.file.path}" but could not open it: ${errorMessage(e)}`);
      }
      return true;
    } finally {
      this.working = false;
      this.createButton.setDisabled(false);
      this.contentEl.removeAttribute("aria-busy");
    }
  }
}
