/**
 * The command "Import use cases from a CSV file": pick a CSV file of the vault, then the folder
 * to write into (the collection folder first), see what the import would write there (and what it
 * leaves alone), confirm, write.
 */
import { FuzzySuggestModal, Notice, type Plugin, SuggestModal, TFile, TFolder } from "obsidian";
import { COLLECTION_SINCE, DEFAULT_COLLECTION_FOLDER, type ImportPlan, vaultFolderPath } from "../core/library-import";
import type { AtlasContext } from "../obsidian/context";
import { planVaultImport, writeImport } from "../obsidian/library-import";
import type { LibraryService } from "../obsidian/library-service";
import { confirm } from "./dialogs";
import { plural } from "../core/plural";

export const IMPORT_CSV_COMMAND = "import-use-cases-from-csv";

const NO_CSV = "the vault has no CSV file to import. Put the database's CSV file into the vault first.";


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

/** Where an import writes unless the user picks another folder: the collection's (as set, else as found), else the default. */
export async function defaultImportFolder(ctx: AtlasContext, service: LibraryService): Promise<string> {
  service.ensureStarted();
  await service.idle();
  return service.current().folder ?? (vaultFolderPath(ctx.settings().libraryFolder) || DEFAULT_COLLECTION_FOLDER);
}

/** The vault's folders, the default first, then by path ("" is the vault's root). */
export function importFolderChoices(ctx: AtlasContext, first: string): string[] {
  const folders = ctx.app.vault.getAllLoadedFiles().filter((f): f is TFolder => f instanceof TFolder).map((f) => (f.isRoot() ? "" : f.path));
  return [first, ...folders.filter((f) => f !== first).sort((a, b) => a.localeCompare(b))];
}

/** The folder the user gave, or why it cannot be imported into (a path out of the vault, a file). */
export function checkImportFolder(ctx: AtlasContext, raw: string): { ok: true; folder: string } | { ok: false; message: string } {
  const folder = vaultFolderPath(raw);
  if (folder === null) return { ok: false, message: `"${raw.trim()}" leads out of the vault; choose a folder inside it` };
  if (folder !== "" && ctx.app.vault.getAbstractFileByPath(folder) instanceof TFile) return { ok: false, message: `"${folder}" is a file, not a folder` };
  return { ok: true, folder };
}

const folderName = (folder: string): string => (folder === "" ? "The vault's root" : folder);

/** The import's destination: the vault's folders (the collection's first), or a new folder's path typed in. */
export class ImportFolderModal extends SuggestModal<string> {
  constructor(ctx: AtlasContext, private readonly folders: string[], private readonly chosen: (raw: string) => void) {
    super(ctx.app);
    this.setPlaceholder("The folder to import into (type a path for a new one)");
  }

  getSuggestions(query: string): string[] {
    const q = query.trim().toLowerCase();
    if (q === "") return this.folders;
    const hits = this.folders.filter((f) => f.toLowerCase().includes(q));
    // What was typed is a choice of its own when it names no folder yet (a new folder, or one refused when chosen).
    return hits.some((f) => f.toLowerCase() === q) ? hits : [query.trim(), ...hits];
  }

  renderSuggestion(folder: string, el: HTMLElement): void {
    el.setText(this.folders.includes(folder) ? folderName(folder) : `${folder} (new folder)`);
  }

  onChooseSuggestion(folder: string): void { this.chosen(folder); }
}

/** Plans, asks, writes into `folder` (default: the collection's); resolves with the written paths (empty when cancelled or nothing to write). */
export async function importCsv(ctx: AtlasContext, service: LibraryService, file: TFile, into?: string): Promise<string[]> {
  const folder = into ?? await defaultImportFolder(ctx, service);
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

/** After the CSV file: the folder (a refused one says why, and nothing is written), then the import. */
async function pickFolderAndImport(ctx: AtlasContext, service: LibraryService, file: TFile): Promise<void> {
  const first = await defaultImportFolder(ctx, service);
  new ImportFolderModal(ctx, importFolderChoices(ctx, first), (raw) => {
    const checked = checkImportFolder(ctx, raw);
    if (!checked.ok) { new Notice(`Use Case Atlas: ${checked.message}. Nothing was written.`); return; }
    void importCsv(ctx, service, file, checked.folder);
  }).open();
}

export function registerLibraryImport(plugin: Plugin, ctx: AtlasContext, service: LibraryService): void {
  plugin.addCommand({
    id: IMPORT_CSV_COMMAND,
    name: "Import use cases from a CSV file",
    callback: () => {
      const files = ctx.app.vault.getFiles().filter((f) => f.extension.toLowerCase() === "csv");
      if (files.length === 0) { new Notice(`Use Case Atlas: ${NO_CSV}`); return; }
      new CsvPickModal(ctx, files, (file) => { void pickFolderAndImport(ctx, service, file); }).open();
    },
  });
}
