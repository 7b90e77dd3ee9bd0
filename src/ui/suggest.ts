/**
 * Suggesters under text fields: a fixed list (categories, industries), the vault's folders, its
 * markdown notes. Choosing a suggestion writes it into the field and fires `input`, so the
 * field's own listeners (validation, saving a setting) run as if the user had typed it. Enter
 * that chooses a suggestion does nothing else: it does not also submit the form around the field.
 */
import { AbstractInputSuggest, type App, TFile, TFolder } from "obsidian";

abstract class FieldSuggest<T> extends AbstractInputSuggest<T> {
  /** True while the suggestion list shows (the form's Enter must not submit then). */
  isOpen = false;

  constructor(app: App, protected readonly inputEl: HTMLInputElement) {
    super(app, inputEl);
  }

  protected abstract textOf(value: T): string;

  override open(): void {
    super.open();
    this.isOpen = true;
  }

  override close(): void {
    super.close();
    this.isOpen = false;
  }

  renderSuggestion(value: T, el: HTMLElement): void {
    el.setText(this.textOf(value));
  }

  override selectSuggestion(value: T, evt?: MouseEvent | KeyboardEvent): void {
    // The key's default in a form field is to submit the form; the choice is all it should do.
    if (evt instanceof KeyboardEvent) evt.preventDefault();
    this.setValue(this.textOf(value));
    this.inputEl.dispatchEvent(new Event("input", { bubbles: true }));
    this.close();
  }
}

function matches(text: string, query: string): boolean {
  return text.toLowerCase().includes(query.trim().toLowerCase());
}

/** Suggests the values of a list, read when the user types (the list may change meanwhile). */
export class ListSuggest extends FieldSuggest<string> {
  constructor(app: App, inputEl: HTMLInputElement, private readonly values: () => readonly string[]) {
    super(app, inputEl);
  }

  protected textOf(value: string): string {
    return value;
  }

  protected getSuggestions(query: string): string[] {
    const all = this.values();
    // A value typed out in full needs no list over the next field.
    if (all.some((v) => v === query.trim())) return [];
    return all.filter((v) => matches(v, query));
  }
}

/** Suggests the vault's folders by path. */
export class FolderSuggest extends FieldSuggest<TFolder> {
  protected textOf(folder: TFolder): string {
    return folder.path;
  }

  protected getSuggestions(query: string): TFolder[] {
    return this.app.vault.getAllLoadedFiles()
      .filter((f): f is TFolder => f instanceof TFolder && !f.isRoot() && matches(f.path, query))
      .sort((a, b) => a.path.localeCompare(b.path));
  }
}

/** Suggests the vault's markdown notes by path (under `folder()` first, when it names a folder). */
export class NoteSuggest extends FieldSuggest<TFile> {
  constructor(app: App, inputEl: HTMLInputElement, private readonly folder: () => string = () => "") {
    super(app, inputEl);
  }

  protected textOf(file: TFile): string {
    return file.path;
  }

  protected getSuggestions(query: string): TFile[] {
    const folder = this.folder();
    const inFolder = (f: TFile): number => (folder !== "" && f.path.startsWith(`${folder}/`) ? 0 : 1);
    return this.app.vault.getMarkdownFiles()
      .filter((f) => matches(f.path, query))
      .sort((a, b) => inFolder(a) - inFolder(b) || a.path.localeCompare(b.path));
  }
}
