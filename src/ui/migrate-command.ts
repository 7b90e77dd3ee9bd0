/**
 * The "Update notes to the template" command: a preview (counts, each note expandable to the
 * lines it gains, the notes left alone and why), then one confirmed pass with progress and Cancel.
 */
import { type App, Modal, Notice, type Plugin, Setting } from "obsidian";
import type { AtlasContext } from "../obsidian/context";
import { type MigrationPreview, previewMigration, runMigration } from "../obsidian/migrate-service";
import { progressNotice } from "./sync-commands";
import { plural } from "../core/plural";

const PREFIX = "Use Case Atlas: ";
/** Notes listed in the preview; the counts cover the rest. */
const SHOWN = 200;


export function registerMigrate(plugin: Plugin, ctx: AtlasContext): void {
  plugin.addCommand({
    id: "update-notes-to-template",
    name: "Update notes to the template",
    callback: () => { void openPreview(ctx); },
  });
}

async function openPreview(ctx: AtlasContext): Promise<void> {
  let preview: MigrationPreview;
  try {
    preview = await previewMigration(ctx);
  } catch (error) {
    new Notice(`${PREFIX}${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  new MigratePreviewModal(ctx.app, preview, () => { void run(ctx, preview); }).open();
}

async function run(ctx: AtlasContext, preview: MigrationPreview): Promise<void> {
  const progress = progressNotice("Updating notes to the template…");
  try {
    const report = await runMigration(ctx, preview, (p) => progress.set(`Updating notes to the template: ${p.done} of ${p.total}…`), () => progress.cancelled());
    const head = report.cancelled ? `Cancelled after ${report.updated.length} of ${report.total} notes` : `Updated ${plural(report.updated.length, "note")}`;
    const alone = report.leftAlone.length > 0
      ? `; left alone: ${report.leftAlone.map((n) => `${n.path} (${n.problem})`).join("; ")}` : "";
    new Notice(`${PREFIX}${head}${alone}.`);
  } catch (error) {
    new Notice(`${PREFIX}update stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    progress.hide();
  }
}

/** The preview: what the pass would add, per note; "Update" runs it. */
export class MigratePreviewModal extends Modal {
  constructor(app: App, private readonly preview: MigrationPreview, private readonly confirmed: () => void) {
    super(app);
  }

  override onOpen(): void {
    const { notes, leftAlone, studies } = this.preview;
    this.titleEl.setText("Update notes to the template");
    this.contentEl.addClass("uca-migrate");
    const boxes = notes.reduce((n, x) => n + x.report.addedBoxes.length, 0);
    const upToDate = studies - notes.length - new Set(leftAlone.map((n) => n.path)).size;
    this.contentEl.createDiv({
      cls: "uca-migrate-count",
      text: notes.length === 0
        ? `Every note is up to date with the template (${plural(studies, "note")} looked at).`
        : `${plural(notes.length, "note")} will gain ${plural(boxes, "checkbox", "checkboxes")}; ${plural(Math.max(0, upToDate), "note")} ${upToDate === 1 ? "is" : "are"} up to date. Only lines are added; nothing you wrote changes.`,
    });
    const list = this.contentEl.createDiv({ cls: "uca-migrate-list" });
    for (const note of notes.slice(0, SHOWN)) {
      const details = list.createEl("details", { cls: "uca-migrate-note" });
      const labels = note.report.addedBoxes.map((b) => b.label);
      details.createEl("summary", { text: `${note.path} — ${plural(note.added.length, "line")}${labels.length > 0 ? `: ${labels.join(", ")}` : ""}` });
      details.createEl("pre", { cls: "uca-migrate-lines", text: note.added.map((l) => `+ ${l}`).join("\n") });
    }
    if (notes.length > SHOWN) list.createDiv({ text: `…and ${notes.length - SHOWN} more.` });
    if (leftAlone.length > 0) {
      const alone = this.contentEl.createEl("details", { cls: "uca-migrate-left-alone" });
      alone.createEl("summary", { text: `${plural(leftAlone.length, "note")} will be left alone` });
      const ul = alone.createEl("ul");
      for (const n of leftAlone) ul.createEl("li", { text: `${n.path}: ${n.problem}` });
    }
    new Setting(this.contentEl)
      .addButton((b) => {
        b.setButtonText(notes.length === 0 ? "Nothing to update" : `Update ${plural(notes.length, "note")}`).setCta().onClick(() => {
          this.close();
          this.confirmed();
        });
        b.setDisabled(notes.length === 0);
      })
      .addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()));
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
