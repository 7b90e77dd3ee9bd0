/**
 * Two small dialogs the settings tab needs: ask for a text (with validation shown under the
 * field) and ask to confirm. Both answer through a promise; Escape or closing answers "no".
 * (Obsidian's own ConfirmationModal needs 1.13; the plugin supports older versions.)
 */
import { type App, ButtonComponent, Modal, TextComponent } from "obsidian";

export interface AskTextOptions {
  title: string;
  label: string;
  value: string;
  submitText: string;
  /** An error message for the value, or null when it is fine. */
  validate: (value: string) => string | null;
}

let nextId = 0;

export class TextPromptModal extends Modal {
  private answered = false;
  private input!: TextComponent;
  private error!: HTMLElement;

  constructor(app: App, private readonly options: AskTextOptions, private readonly done: (value: string | null) => void) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(this.options.title);
    this.modalEl.addClass("uca-dialog");
    const form = this.contentEl.createEl("form", { cls: "uca-dialog-form" });
    const id = `uca-prompt-${++nextId}`;
    form.createEl("label", { cls: "uca-field-label", text: this.options.label, attr: { for: id } });
    this.input = new TextComponent(form).setValue(this.options.value);
    this.input.inputEl.id = id;
    this.error = form.createDiv({ cls: "uca-field-error", attr: { id: `${id}-error` } });
    this.input.inputEl.setAttr("aria-describedby", `${id}-error`);
    this.input.inputEl.addEventListener("input", () => this.showError(null));
    const buttons = form.createDiv({ cls: "modal-button-container" });
    const ok = new ButtonComponent(buttons).setButtonText(this.options.submitText).setCta();
    ok.buttonEl.type = "submit";
    const cancel = new ButtonComponent(buttons).setButtonText("Cancel").onClick(() => this.close());
    cancel.buttonEl.type = "button";
    form.addEventListener("submit", (evt) => { evt.preventDefault(); this.submit(); });
    this.input.inputEl.addEventListener("keydown", (evt) => {
      if (evt.key === "Enter" && !evt.isComposing) { evt.preventDefault(); this.submit(); }
    });
    this.input.inputEl.focus();
    this.input.inputEl.select();
  }

  private showError(message: string | null): void {
    this.error.setText(message ?? "");
    if (message === null) this.input.inputEl.removeAttribute("aria-invalid");
    else this.input.inputEl.setAttr("aria-invalid", "true");
  }

  private submit(): void {
    const value = this.input.getValue().trim();
    const problem = this.options.validate(value);
    if (problem !== null) { this.showError(problem); return; }
    this.answered = true;
    this.close();
    this.done(value);
  }

  override onClose(): void {
    this.contentEl.empty();
    if (!this.answered) this.done(null);
  }
}

export function askText(app: App, options: AskTextOptions): Promise<string | null> {
  return new Promise((resolve) => new TextPromptModal(app, options, resolve).open());
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmText: string;
  cancelText: string;
  /** Style the confirming button as a warning (for removals). */
  warning?: boolean;
}

export class ConfirmModal extends Modal {
  private answered = false;

  constructor(app: App, private readonly options: ConfirmOptions, private readonly done: (yes: boolean) => void) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(this.options.title);
    this.modalEl.addClass("uca-dialog");
    this.contentEl.createEl("p", { text: this.options.message });
    const buttons = this.contentEl.createDiv({ cls: "modal-button-container" });
    const yes = new ButtonComponent(buttons).setButtonText(this.options.confirmText).onClick(() => this.answer(true));
    // mod-warning rather than setWarning(), which Obsidian 1.13 deprecates for setDestructive() (1.13+ only).
    if (this.options.warning) yes.buttonEl.addClass("mod-warning");
    else yes.setCta();
    new ButtonComponent(buttons).setButtonText(this.options.cancelText).onClick(() => this.answer(false));
    yes.buttonEl.focus();
  }

  private answer(yes: boolean): void {
    this.answered = true;
    this.close();
    this.done(yes);
  }

  override onClose(): void {
    this.contentEl.empty();
    if (!this.answered) this.done(false);
  }
}

export function confirm(app: App, options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => new ConfirmModal(app, options, resolve).open());
}
