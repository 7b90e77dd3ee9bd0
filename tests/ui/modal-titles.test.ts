/**
 * Every modal of the plugin names itself through `Modal.setTitle` (Obsidian's title bar, which
 * themes style and screen readers announce), never with a heading of its own in the content.
 */
import { type App, Modal } from "obsidian";
import { ConfirmModal, TextPromptModal } from "../../src/ui/dialogs";
import { FileNameModal } from "../../src/ui/file-name-modal";
import { RenameModal } from "../../src/ui/sync-commands";
import type { SyncService } from "../../src/obsidian/sync-service";
import { createTestVault, type TestVault } from "../support/obsidian-env";

let vault: TestVault;
afterEach(() => vault.destroy());

const service = { previewRename: () => Promise.resolve([]) } as unknown as SyncService;

const modals: [string, (app: App) => Modal, string][] = [
  ["the file name prompt", (app) => new FileNameModal(app, "Save as CSV", "Pattern comparison", "A .csv file", () => undefined), "Save as CSV"],
  ["the text prompt", (app) => new TextPromptModal(app, { title: "Rename category", label: "New name", value: "A", submitText: "Rename", validate: () => null }, () => undefined), "Rename category"],
  ["the confirmation", (app) => new ConfirmModal(app, { title: "Remove it?", message: "Sure?", confirmText: "Remove", cancelText: "Cancel" }, () => undefined), "Remove it?"],
  ["the rename across the vault", (app) => new RenameModal(app, service, "pattern", "RAG Pipeline"), "Rename pattern \"RAG Pipeline\""],
];

it.each(modals)("%s has its title in the title bar and no heading in its content", (_name, make, title) => {
  vault = createTestVault();
  const spy = jest.spyOn(Modal.prototype, "setTitle");
  const modal = make(vault.app);
  modal.open();
  expect(spy).toHaveBeenCalledWith(title);
  expect(modal.titleEl.textContent).toBe(title);
  expect(modal.contentEl.querySelectorAll("h1, h2, h3, h4, h5, h6")).toHaveLength(0);
  modal.close();
  spy.mockRestore();
});
