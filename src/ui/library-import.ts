/**
 * The command "Import use cases from a CSV file": pick a CSV file of the vault, see what the
 * import would write into the collection folder (and what it leaves alone), confirm, write.
 */
import { FuzzySuggestModal, Notice, type Plugin, type TFile } from "obsidian";
import { COLLECTION_SINCE, DEFAULT_COLLECTION_FOLDER, type ImportPlan } from "../core/library-import";
import type { AtlasContext } from "../obsidian/context";
import { planVaultImport, writeImport } from "../obsidian/library-import";
import type { LibraryService } from "../obsidian/library-service";
import { confirm } from "./dialogs";

export const IMPORT_CSV_COMMAND = "import-use-cases-from-csv";

const NO_CSV = "the vault has no CSV file to import. Put the database's CSV file into the vault first.";

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The confirmation's text: what is written where, and every row left out with why. */
export function importSummary(plan: ImportPlan, folder: string): string {
  const where = folder === "" ? "the vault's root" : folder;
  const lines = [`${plural(plan.notes.length, "new note", "new notes")} into ${where}.`];
  if (plan.present.length > 0) lines.push(`${plural(plan.present.length, "row is", "rows are")} in the collection already and left alone.`);
  if (plan.older > 0) lines.push(`${plural(plan.older, "row is", "rows are")} from before ${COLLECTION_SINCE}.`);
  for (const b of plan.bad.slice(0, 10)) lines.push(`Line ${b.line} skipped: ${b.message}.`);
  if (plan.bad.length > 10) lines.push(`… and ${plan.bad.length - 10} more rows skipped.`);
  return lines.join(" ");
}

class CsvPickModal extends FuzzySuggestModal<TFile> {
  constructor(ctx: AtlasContext, private readonly files: TFile[], private readonly chosen: (file: TFile) => void) {
    super(ctx.app);
    this.setPlaceholder("The CSV file to import");
  }

  getItems(): TFile[] { return this.files; }
  getItemText(item: TFile): string { return item.path; }
  onChooseItem(item: TFile): void { this.chosen(item); }
}

/** Plans, asks, writes; resolves with the written paths (empty when cancelled or nothing to write). */
export async function importCsv(ctx: AtlasContext, service: LibraryService, file: TFile): Promise<string[]> {
  service.ensureStarted();
  await service.idle();
  const folder = service.current().folder ?? DEFAULT_COLLECTION_FOLDER;
  const planned = await planVaultImport(ctx, file, folder);
  if (!planned.ok) { new Notice(`Use Case Atlas: ${file.path}: ${planned.message}. Nothing was written.`); return []; }
  const plan = planned.plan;
  if (plan.notes.length === 0) { new Notice(`Use Case Atlas: nothing to import. ${importSummary(plan, folder)}`); return []; }
  const ok = await confirm(ctx.app, {
    title: "Import use cases",
    message: importSummary(plan, folder),
    confirmText: `Import ${plural(plan.notes.length, "note", "notes")}`,
    cancelText: "Cancel",
  });
  if (!ok) return [];
  const outcome = await writeImport(ctx.app, plan);
  const failed = outcome.failed.map((f) => ` ${f.path}: ${f.message}.`).join("");
  new Notice(`Use Case Atlas: wrote ${plural(outcome.written.length, "note", "notes")} into ${folder === "" ? "the vault's root" : folder}.${failed === "" ? "" : ` Not written:${failed}`}`);
  return outcome.written;
}

export function registerLibraryImport(plugin: Plugin, ctx: AtlasContext, service: LibraryService): void {
  plugin.addCommand({
    id: IMPORT_CSV_COMMAND,
    name: "Import use cases from a CSV file",
    callback: () => {
      const files = ctx.app.vault.getFiles().filter((f) => f.extension.toLowerCase() === "csv");
      if (files.length === 0) { new Notice(`Use Case Atlas: ${NO_CSV}`); return; }
      new CsvPickModal(ctx, files, (file) => { void importCsv(ctx, service, file); }).open();
    },
  });
}
