/**
 * Drives the new-note form as a user does: typing into its fields (input events), ticking
 * boxes, clicking buttons, pressing keys. Used by the glue tests and the creation benchmark.
 */
import type { NewNoteModal } from "../../src/ui/new-note-modal";

export class NewNoteForm {
  constructor(readonly modal: NewNoteModal) {}

  get root(): HTMLElement {
    return this.modal.contentEl;
  }

  get title(): string {
    return this.modal.titleEl.textContent ?? "";
  }

  /** The control of a field: company, title, year, category, industry, tags, template, article-1 …, new-category, new-industry. */
  field(name: string): HTMLInputElement {
    const el = this.root.querySelector<HTMLInputElement>(`[data-field="${name}"]`);
    if (!el) throw new Error(`no field ${name}; the form has ${[...this.root.querySelectorAll("[data-field]")].map((e) => e.getAttribute("data-field")).join(", ")}`);
    return el;
  }

  has(name: string): boolean {
    return this.root.querySelector(`[data-field="${name}"]`) !== null;
  }

  /** Replaces a text field's value as typing would (one input event). */
  type(name: string, value: string): this {
    const el = this.field(name);
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    return this;
  }

  /** Article row `n` (1-based): its address and title inputs. */
  articleInputs(n: number): { url: HTMLInputElement; title: HTMLInputElement; remove: HTMLElement } {
    const row = this.root.querySelectorAll<HTMLElement>(".uca-article-row")[n - 1];
    if (!row) throw new Error(`no article row ${n}`);
    return {
      url: row.querySelector<HTMLInputElement>(".uca-article-url") as HTMLInputElement,
      title: row.querySelector<HTMLInputElement>(".uca-article-title") as HTMLInputElement,
      remove: row.querySelector<HTMLElement>(".uca-article-remove") as HTMLElement,
    };
  }

  articleCount(): number {
    return this.root.querySelectorAll(".uca-article-row").length;
  }

  /** Fills article row `n`, adding rows with "Add article" as needed. */
  article(n: number, url: string, title = ""): this {
    while (this.articleCount() < n) this.button("Add article").click();
    const row = this.articleInputs(n);
    for (const [el, v] of [[row.url, url], [row.title, title]] as const) {
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return this;
  }

  tick(name: string, on = true): this {
    const box = this.field(name);
    if (box.checked !== on) { box.checked = on; box.dispatchEvent(new Event("change", { bubbles: true })); }
    return this;
  }

  chooseTemplate(id: string): this {
    const select = this.field("template") as unknown as HTMLSelectElement;
    select.value = id;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    return this;
  }

  templateOptions(): { id: string; label: string }[] {
    const select = this.field("template") as unknown as HTMLSelectElement;
    return [...select.options].map((o) => ({ id: o.value, label: o.textContent ?? "" }));
  }

  button(text: string): HTMLButtonElement {
    const b = [...this.root.querySelectorAll<HTMLButtonElement>("button")].find((x) => x.textContent === text);
    if (!b) throw new Error(`no button "${text}"`);
    return b;
  }

  /** Presses a key in a field (keydown, bubbling, cancelable, as a browser sends it). */
  press(name: string, key: string): KeyboardEvent {
    const evt = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
    this.field(name).dispatchEvent(evt);
    return evt;
  }

  /** The error shown next to a field, "" when none. */
  error(name: string): string {
    const el = this.field(name);
    const row = el.closest<HTMLElement>("[data-field-row]");
    return row?.querySelector(".uca-field-error")?.textContent ?? "";
  }

  hint(name: string): string {
    const row = this.field(name).closest<HTMLElement>("[data-field-row]");
    return row?.querySelector(".uca-field-hint")?.textContent ?? "";
  }

  formError(): string {
    return this.root.querySelector(".uca-form-error")?.textContent ?? "";
  }

  preview(): string {
    return this.root.querySelector(".uca-path-preview")?.textContent ?? "";
  }

  /** Every error the form shows, by field. */
  errors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const row of this.root.querySelectorAll<HTMLElement>("[data-field-row]")) {
      const text = row.querySelector(".uca-field-error")?.textContent ?? "";
      if (text !== "") out[row.dataset.fieldRow ?? "?"] = text;
    }
    if (this.formError() !== "") out.form = this.formError();
    return out;
  }
}
