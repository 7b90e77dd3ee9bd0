/**
 * The smallest plugin that shows the playground works: a ribbon icon opening a modal whose
 * button shows a notice, a command, a status bar item. Used by tests/browser/playground-smoke.
 */
import { Modal, Notice, Plugin, Setting } from "obsidian";
import { startPlayground } from "../entry";

class GreetingModal extends Modal {
  override onOpen(): void {
    this.setTitle("Hello from the playground");
    const note = this.app.workspace.getActiveFile();
    this.contentEl.createEl("p", { text: `The open note is ${note ? note.basename : "none"}.` });
    new Setting(this.contentEl)
      .setName("Say hello")
      .setDesc("Shows a notice, as a plugin would after it has done its work.")
      .addButton((b) => b.setButtonText("Show notice").setCta().onClick(() => new Notice("Hello from the demo plugin")));
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}

class DemoPlugin extends Plugin {
  override onload(): void {
    this.addRibbonIcon("smile", "Open greeting", () => new GreetingModal(this.app).open());
    this.addCommand({ id: "open-greeting", name: "Open greeting", callback: () => new GreetingModal(this.app).open() });
    this.addStatusBarItem().setText("Demo plugin enabled");
  }
}

void startPlayground({
  plugin: DemoPlugin,
  manifest: {
    id: "playground-demo", name: "Demo", version: "0.0.1", minAppVersion: "1.4.0",
    description: "The playground's smoke test.", author: "Use Case Atlas contributors", isDesktopOnly: false,
  },
  open: "Welcome.md",
  files: {
    "Welcome.md": "# Welcome\n\nThis vault lives in the page's memory. Click the smiling icon in the ribbon.\n",
    "Notes/Second note.md": "---\ntags: [demo]\n---\n# Second note\n\n- [ ] A task\n",
  },
});
