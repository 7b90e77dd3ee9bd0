/**
 * What a keyboard user of Obsidian relies on and the in-memory Obsidian lacks, for the
 * playground (tests/support/obsidian-gaps.ts, which the glue tests share, is left as it is;
 * both are candidates for it — see docs/playground.md):
 *
 * 1. Focus goes back where it was when a modal closes. Obsidian's `Modal` does this
 *    (`shouldRestoreSelection`, true by default): Escape in a form returns the caret to the note.
 * 2. A picker (`SuggestModal`) opens with the caret in its search box.
 * 3. A command palette, standing in for Obsidian's core "Command palette"
 *    plugin (the in-memory Obsidian has none): Ctrl+P (Cmd+P on macOS) or the bar's "Commands"
 * button lists the commands available right now — those whose check callback says yes, as
 * Obsidian lists them — by their prefixed names ("Use Case Atlas: New use case analysis"),
 * fuzzy-filtered as the user types; Enter or a click runs one. It is drawn by the in-memory
 * Obsidian's own FuzzySuggestModal (a `.modal.prompt`), so it behaves like any plugin's picker.
 */
import { type App, type Command, FuzzySuggestModal, MarkdownView, Modal, SuggestModal } from "obsidian";
import type { Playground } from "./entry";

interface Commands {
  listCommands(): Command[];
  executeCommandById(id: string): boolean;
}

const commandsOf = (app: App): Commands => (app as unknown as { commands: Commands }).commands;

/** Whether Obsidian would list the command now: its check callbacks answer for the active note. */
export function isCommandAvailable(app: App, command: Command): boolean {
  const view = app.workspace.getActiveViewOfType(MarkdownView);
  if (command.editorCheckCallback) return view !== null && Boolean(command.editorCheckCallback(true, view.editor, view));
  if (command.editorCallback) return view !== null;
  if (command.checkCallback) return Boolean(command.checkCallback(true));
  return command.callback !== undefined;
}

export class CommandPaletteModal extends FuzzySuggestModal<Command> {
  constructor(app: App) {
    super(app);
    this.setPlaceholder("Select a command...");
    this.emptyStateText = "No commands found.";
    this.modalEl.addClass("playground-command-palette");
  }

  override getItems(): Command[] {
    return commandsOf(this.app).listCommands()
      .filter((c) => isCommandAvailable(this.app, c))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  override getItemText(command: Command): string {
    return command.name;
  }

  override onChooseItem(command: Command): void {
    commandsOf(this.app).executeCommandById(command.id);
  }
}

const RESTORE = Symbol("playground.focusBeforeModal");
type WithRestore = Modal & { [RESTORE]?: HTMLElement };
let modalsPatched = false;

/** 1 and 2 above, on every modal of the page (the plugin's and the palette). */
function patchModalFocus(): void {
  if (modalsPatched) return;
  modalsPatched = true;
  type Proto = { open: (this: WithRestore) => void; close: (this: WithRestore) => void };
  const proto = Modal.prototype as unknown as Proto;
  // SuggestModal has its own `open` (the in-memory Obsidian's drawing of suggestions): wrap both.
  for (const target of [proto, SuggestModal.prototype as unknown as Proto]) {
    const open = target.open;
    target.open = function (this: WithRestore): void {
      const before = document.activeElement;
      const wasOpen = this.containerEl.isConnected;
      open.call(this);
      if (wasOpen || !this.containerEl.isConnected) return;
      if (this.shouldRestoreSelection && before instanceof HTMLElement && before !== document.body) this[RESTORE] = before;
      if (this instanceof SuggestModal) this.inputEl.focus();
    };
  }
  const close = proto.close;
  proto.close = function (this: WithRestore): void {
    const wasOpen = this.containerEl.isConnected;
    close.call(this);
    const back = this[RESTORE];
    delete this[RESTORE];
    // Only when nothing else took the focus meanwhile (a modal opened from this one's callback).
    if (wasOpen && back?.isConnected && (document.activeElement === null || document.activeElement === document.body || this.containerEl.contains(document.activeElement))) {
      back.focus();
    }
  };
}

/**
 * Adds the keyboard behaviours above to a running playground: focus return, the Ctrl/Cmd+P key
 * and a "Commands" button in the bar. Marks the page `playground-commands` when it is ready,
 * for tests to wait on.
 */
export function installKeyboard(playground: Playground): void {
  patchModalFocus();
  const app = playground.vault.app;
  const open = (): void => new CommandPaletteModal(app).open();
  document.addEventListener("keydown", (evt) => {
    if (evt.key.toLowerCase() !== "p" || evt.shiftKey || evt.altKey || !(evt.ctrlKey || evt.metaKey)) return;
    // Not the browser's print dialog.
    evt.preventDefault();
    if (document.querySelector(".playground-command-palette")) return;
    open();
  });
  const bar = document.querySelector(".playground-bar");
  if (bar) {
    const button = bar.createEl("button", { cls: "playground-bar-button", text: "Commands", attr: { title: "Command palette (Ctrl+P)" } });
    // Before "Settings", where Obsidian's own controls would be.
    const settings = bar.querySelector(".playground-bar-button");
    if (settings) bar.insertBefore(button, settings);
    button.addEventListener("click", open);
  }
  document.body.addClass("playground-commands");
}
