/**
 * The pattern sync's commands and their small dialogs: sync the whole vault (progress notice
 * with Cancel), list the notes that need attention, rename a pattern, category, industry or
 * the tag prefix across the vault (with a preview of the notes it changes, progress and Cancel).
 */
import { type App, FuzzySuggestModal, Modal, Notice, type Plugin, Setting, SuggestModal, TFile } from "obsidian";
import { sameName } from "../core/sync";
import { isStudyType } from "../core/study";
import type { AtlasContext } from "../obsidian/context";
import { renameProblem, type RenameKind } from "../core/sync-actions";
import { type NeedsAttention, startSyncService, SyncService, syncServiceFor } from "../obsidian/sync-service";
import type { RenameReport } from "../obsidian/vault-rename";
import { errorMessage } from "../core/errors";
import { plural } from "../core/plural";

const PREFIX = "Use Case Atlas: ";

/** Starts the pattern sync and adds its commands. Returns the service (the comparison view's toggler and needs-attention source). */
export function registerSync(plugin: Plugin, ctx: AtlasContext): SyncService {
  const service = startSyncService(plugin, ctx);

  plugin.addCommand({
    id: "sync-all-notes",
    name: "Sync all use-case notes",
    callback: () => { void syncAllWithProgress(service); },
  });
  plugin.addCommand({
    id: "show-notes-needing-attention",
    name: "Show notes that need attention",
    callback: () => {
      if (service.getNeedsAttention().length === 0) {
        new Notice(`${PREFIX}no note needs attention.`);
        return;
      }
      new NeedsAttentionModal(ctx.app, service).open();
    },
  });
  for (const kind of ["pattern", "category", "industry"] as const) {
    plugin.addCommand({
      id: `rename-${kind}`,
      name: `Rename ${kind} across vault…`,
      callback: () => new PickValueModal(ctx, service, kind).open(),
    });
  }
  plugin.addCommand({
    id: "rename-tag-prefix",
    name: "Rename tag prefix across vault…",
    callback: () => openTagPrefixRename(ctx),
  });
  return service;
}

/**
 * Asks for a new tag prefix, previews the notes whose tags change, then renames (the settings
 * tab's "Rename…" button and the command). `done` runs once the prefix has changed.
 */
export function openTagPrefixRename(ctx: AtlasContext, done?: () => void): void {
  const service = syncServiceFor(ctx.app) ?? new SyncService(ctx, { persist: false });
  new RenameModal(ctx.app, service, "tag prefix", ctx.settings().tagPrefix, done).open();
}

/** A notice whose text can change, with a Cancel button. */
export function progressNotice(initial: string): { set(text: string): void; cancelled(): boolean; hide(): void } {
  const notice = new Notice("", 0);
  const el = notice.messageEl;
  el.empty();
  const text = el.createSpan({ cls: "uca-progress-text", text: initial });
  let cancelled = false;
  const button = el.createEl("button", { cls: "uca-progress-cancel", text: "Cancel" });
  button.addEventListener("click", (evt) => {
    // A click on a notice hides it; keep it up until the work has stopped.
    evt.stopPropagation();
    cancelled = true;
    button.disabled = true;
    text.setText("Cancelling…");
  });
  return { set: (t) => { if (!cancelled) text.setText(t); }, cancelled: () => cancelled, hide: () => notice.hide() };
}

async function syncAllWithProgress(service: SyncService): Promise<void> {
  const progress = progressNotice("Syncing use-case notes…");
  try {
    const report = await service.syncAll((p) => progress.set(`Syncing use-case notes: ${p.done} of ${p.total}…`), () => progress.cancelled());
    const parts = [`${report.changed} changed`, `${report.needsAttention} need${report.needsAttention === 1 ? "s" : ""} attention`];
    if (report.conflicts > 0) parts.push(`${report.conflicts} with both sides changed (kept both)`);
    const head = report.cancelled ? `Cancelled after ${report.synced} of ${report.total} notes` : `Synced ${plural(report.synced, "note")}`;
    new Notice(`${PREFIX}${head}: ${parts.join(", ")}.`);
  } catch (error) {
    new Notice(`${PREFIX}sync stopped: ${errorMessage(error)}`);
  } finally {
    progress.hide();
  }
}

/** Lists the notes that need attention; choosing one opens it. */
export class NeedsAttentionModal extends SuggestModal<NeedsAttention> {
  constructor(app: App, private readonly service: SyncService) {
    super(app);
    this.setPlaceholder("Notes that need attention");
    this.emptyStateText = "No note needs attention.";
  }

  getSuggestions(query: string): NeedsAttention[] {
    const q = query.trim().toLowerCase();
    return this.service.getNeedsAttention().filter((n) => q === "" || n.path.toLowerCase().includes(q) || n.problem.toLowerCase().includes(q));
  }

  renderSuggestion(item: NeedsAttention, el: HTMLElement): void {
    el.addClass("uca-attention-item");
    el.createDiv({ cls: "uca-attention-path", text: item.path });
    el.createDiv({ cls: "uca-attention-problem", text: item.problem });
  }

  onChooseSuggestion(item: NeedsAttention): void {
    const file = this.app.vault.getAbstractFileByPath(item.path);
    if (file instanceof TFile) void this.app.workspace.getLeaf(false).openFile(file);
    else new Notice(`${PREFIX}${item.path} is no longer there.`);
  }
}

/** The values a rename can start from: the taxonomy's, then any other the notes use. */
export function renameChoices(ctx: AtlasContext, kind: Exclude<RenameKind, "tag prefix">): string[] {
  const settings = ctx.settings();
  const values: string[] = kind === "pattern" ? ctx.taxonomy().patterns.map((p) => p.label)
    : [...(kind === "category" ? settings.taxonomy.categories : settings.taxonomy.industries)];
  const key = kind === "pattern" ? "patterns" : kind;
  for (const file of ctx.app.vault.getMarkdownFiles()) {
    const fm = ctx.app.metadataCache.getFileCache(file)?.frontmatter;
    if (!fm || !isStudyType(fm.type)) continue;
    const v: unknown = fm[key];
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === "string" && x.trim() !== "" && !values.some((y) => sameName(y, x))) values.push(x.trim());
    }
  }
  return values;
}

class PickValueModal extends FuzzySuggestModal<string> {
  /** Gathered once, when first asked: Obsidian asks again on every keystroke. */
  private items: string[] | null = null;

  constructor(private readonly ctx: AtlasContext, private readonly service: SyncService, private readonly kind: Exclude<RenameKind, "tag prefix">) {
    super(ctx.app);
    this.setPlaceholder(`The ${kind} to rename`);
  }

  getItems(): string[] {
    this.items ??= renameChoices(this.ctx, this.kind);
    return this.items;
  }

  getItemText(item: string): string {
    return item;
  }

  onChooseItem(item: string): void {
    new RenameModal(this.ctx.app, this.service, this.kind, item).open();
  }
}

/** Asks for the new name, previews the notes that will change, then renames. */
export class RenameModal extends Modal {
  private newName = "";
  private affected: string[] | null = null;
  private problemEl: HTMLElement | null = null;
  private previewEl: HTMLElement | null = null;
  private renameButton: HTMLButtonElement | null = null;

  constructor(app: App, private readonly service: SyncService, private readonly kind: RenameKind, private readonly from: string, private readonly done?: () => void) {
    super(app);
  }

  private description(): string {
    switch (this.kind) {
      case "pattern": return "Renames the checkbox labels, the patterns property entries and the tags in every note, and the checkbox in your deep-dive template note.";
      case "tag prefix": return `Writes the plugin's tags (${this.from}/category/…, ${this.from}/industry/…, ${this.from}/pattern/… and ${this.from}/article) under the new prefix in every note, and uses it from now on. Your own tags stay as they are.`;
      default: return `Renames the ${this.kind} property and its tag in every note, and the entry in the settings' list.`;
    }
  }

  override onOpen(): void {
    this.setTitle(`Rename ${this.kind} "${this.from}"`);
    this.contentEl.addClass("uca-rename");
    new Setting(this.contentEl)
      .setName(this.kind === "tag prefix" ? "New prefix" : "New name")
      .setDesc(this.description())
      .addText((text) => {
        text.setValue(this.from).onChange((value) => { this.newName = value; this.refresh(); });
        this.newName = this.from;
        window.setTimeout(() => text.inputEl.select(), 0);
      });
    this.problemEl = this.contentEl.createDiv({ cls: "uca-rename-problem" });
    this.previewEl = this.contentEl.createDiv({ cls: "uca-rename-preview", text: "Looking for the notes that use it…" });
    new Setting(this.contentEl)
      .addButton((b) => {
        b.setButtonText("Rename").setCta().onClick(() => { void this.rename(); });
        this.renameButton = b.buttonEl;
      })
      .addButton((b) => b.setButtonText("Cancel").onClick(() => this.close()));
    this.refresh();
    void this.service.previewRename(this.kind, this.from).then((paths) => {
      this.affected = paths;
      this.showPreview();
      this.refresh();
    });
  }

  private problem(): string | null {
    return renameProblem(this.kind, this.from, this.newName);
  }

  private refresh(): void {
    const problem = this.problem();
    this.problemEl?.setText(problem ?? "");
    if (this.renameButton) this.renameButton.disabled = problem !== null || this.affected === null;
  }

  private showPreview(): void {
    const el = this.previewEl;
    const paths = this.affected;
    if (!el || !paths) return;
    el.empty();
    const none = this.kind === "tag prefix" ? "No note has a tag under it; only the setting changes." : "No note uses it.";
    el.createDiv({ cls: "uca-rename-count", text: paths.length === 0 ? none : `${plural(paths.length, "note")} will change:` });
    const list = el.createEl("ul", { cls: "uca-rename-list" });
    const shown = 200;
    for (const path of paths.slice(0, shown)) list.createEl("li", { text: path });
    if (paths.length > shown) el.createDiv({ text: `…and ${paths.length - shown} more.` });
  }

  private async rename(): Promise<void> {
    if (this.problem() !== null || this.affected === null) return;
    const to = this.kind === "tag prefix" ? this.newName.trim().replace(/^#/, "") : this.newName.trim();
    this.close();
    const progress = progressNotice(`Renaming "${this.from}" to "${to}"…`);
    try {
      const report = await this.service.renameAcrossVault(this.kind, this.from, to,
        (p) => progress.set(`Renaming "${this.from}" to "${to}": ${p.done} of ${p.total} notes…`), () => progress.cancelled());
      new Notice(`${PREFIX}${renamedMessage(this.kind, this.from, to, report)}`);
      if (this.kind === "tag prefix") this.done?.();
    } catch (error) {
      new Notice(`${PREFIX}${errorMessage(error)}`);
    } finally {
      progress.hide();
    }
  }
}

/** What the user is told after a rename across the vault. */
export function renamedMessage(kind: RenameKind, from: string, to: string, report: RenameReport): string {
  const failed = report.failed.length > 0 ? `; ${report.failed.length} could not be changed: ${report.failed.map((f) => `${f.path} (${f.problem})`).join("; ")}` : "";
  if (!report.cancelled) return `Renamed "${from}" to "${to}" in ${plural(report.renamed.length, "note")}${failed}.`;
  const rest = kind === "tag prefix" ? ` The prefix is now "${to}"; the other notes' tags follow at their next sync (or "Sync all use-case notes").` : "";
  return `Cancelled: renamed "${from}" to "${to}" in ${plural(report.renamed.length, "note")} before stopping${failed}.${rest}`;
}
