/** A small modal asking for a file name; resolves to the name, or null when cancelled. */
import { Modal, Setting, type App } from "obsidian";

export class FileNameModal extends Modal {
  private value: string;
  private inputEl: HTMLInputElement | null = null;
  private submitted = false;
  private readonly resolve: (name: string | null) => void;

  constructor(app: App, private readonly heading: string, initial: string, private readonly hint: string, resolve: (name: string | null) => void) {
    super(app);
    this.value = initial;
    this.resolve = resolve;
  }

  override onOpen(): void {
    const { contentEl } = this;
    contentEl.empty();
    contentEl.addClass("uca-file-name-modal");
    this.setTitle(this.heading);
    new Setting(contentEl)
      .setName("File name")
      .setDesc(this.hint)
      .addText((text) => {
        text.setValue(this.value);
        this.inputEl = text.inputEl;
        text.inputEl.addClass("uca-file-name-input");
        text.inputEl.addEventListener("keydown", (evt) => {
          if (evt.key === "Enter") { evt.preventDefault(); this.submit(); }
        });
        window.setTimeout(() => { text.inputEl.focus(); text.inputEl.select(); }, 0);
      });
    new Setting(contentEl)
      .addButton((b) => b.setButtonText("Save").setCta().onClick(() => this.submit()))
      .addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()));
  }

  private submit(): void {
    // Read the box itself: what the user sees is what gets saved.
    this.value = this.inputEl?.value ?? this.value;
    if (this.value.trim() === "") return;
    this.submitted = true;
    this.resolve(this.value.trim());
    this.close();
  }

  override onClose(): void {
    this.contentEl.empty();
    if (!this.submitted) this.resolve(null);
  }
}

/** Opens the modal and waits for the answer. */
export function askFileName(app: App, heading: string, initial: string, hint: string): Promise<string | null> {
  return new Promise((resolve) => new FileNameModal(app, heading, initial, hint, resolve).open());
}
