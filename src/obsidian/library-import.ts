/**
 * Importing the public database's CSV into the vault's use-case collection: the plan from the
 * pure core (the collection's own layout and rules, the entries already there), then one
 * `Vault.create` per new note, never over an existing file. No UI here.
 */
import type { App, TFile } from "obsidian";
import { COLLECTION_SINCE, type ImportPlan, type ImportResult, planImport } from "../core/library-import";
import { type LibraryEntry, inCollection, readEntry } from "../core/library";
import type { AtlasContext } from "./context";
import { ensureFolder, errorMessage, pathTaken } from "./vault-files";

/** What an import of `csv` into `folder` would write (reads the collection's notes there, writes nothing). */
export async function planVaultImport(ctx: AtlasContext, csv: TFile, folder: string): Promise<ImportResult> {
  const app = ctx.app;
  const s = ctx.settings();
  const taxonomy = { categories: s.taxonomy.categories, industries: s.taxonomy.industries, industryMap: s.libraryIndustryMap };
  const entries: LibraryEntry[] = [];
  for (const file of app.vault.getMarkdownFiles()) {
    if (!inCollection(file.path, folder)) continue;
    const entry = readEntry(file.path, await app.vault.cachedRead(file), folder, taxonomy);
    if (entry) entries.push(entry);
  }
  const text = await app.vault.read(csv);
  return planImport(text, { entries, taken: (p) => pathTaken(app, p) }, {
    folder, since: COLLECTION_SINCE, rules: s.libraryCategoryRules, categories: s.taxonomy.categories,
  });
}

export interface ImportOutcome {
  written: string[];
  /** Notes not written, with why (a path taken since the plan was made, a failed write). */
  failed: { path: string; message: string }[];
}

/** Writes the plan's notes, one `Vault.create` each; a path that is taken by now is left alone and reported. */
export async function writeImport(app: App, plan: ImportPlan): Promise<ImportOutcome> {
  const out: ImportOutcome = { written: [], failed: [] };
  for (const note of plan.notes) {
    try {
      if (pathTaken(app, note.path)) { out.failed.push({ path: note.path, message: "a file is there already" }); continue; }
      await ensureFolder(app, note.path.slice(0, note.path.lastIndexOf("/")));
      await app.vault.create(note.path, note.text);
      out.written.push(note.path);
    } catch (e) {
      out.failed.push({ path: note.path, message: errorMessage(e) });
    }
  }
  return out;
}
