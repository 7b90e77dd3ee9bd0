/**
 * Renaming a category or industry across the vault, for the settings tab: every analysis and
 * case study whose property has the old value gets the new one (and its tag), one
 * `Vault.process` per note. Notes with broken frontmatter are left alone and named.
 */
import type { App, TFile } from "obsidian";
import { isStudyType } from "../core/study";
import { renameTaxonomyValueInNote } from "../core/sync";
import type { AtlasContext } from "./context";

export type TaxonomyKind = "category" | "industry";

export interface RenameReport {
  /** Notes whose text changed. */
  changed: string[];
  /** Notes that use the value but could not be changed, with why. */
  failed: string[];
}

/** Renames a taxonomy value in every note that uses it (the signature the settings tab calls). */
export type RenameAcrossVault = (ctx: AtlasContext, kind: TaxonomyKind, from: string, to: string) => Promise<RenameReport>;

/** Studies whose `category` / `industry` property is `value` (compared as the taxonomy compares: case-insensitively). */
export function notesUsing(app: App, kind: TaxonomyKind, value: string): TFile[] {
  const want = value.trim().toLowerCase();
  return app.vault.getMarkdownFiles().filter((file) => {
    const fm = app.metadataCache.getFileCache(file)?.frontmatter;
    const v: unknown = fm?.[kind];
    return isStudyType(fm?.type) && typeof v === "string" && v.trim().toLowerCase() === want;
  });
}

export const renameAcrossVault: RenameAcrossVault = async (ctx, kind, from, to) => {
  const { app } = ctx;
  const prefix = ctx.settings().tagPrefix;
  const report: RenameReport = { changed: [], failed: [] };
  for (const file of notesUsing(app, kind, from)) {
    let problem: string | null = null;
    let changed = false;
    try {
      await app.vault.process(file, (text) => {
        const r = renameTaxonomyValueInNote(text, kind, from, to, prefix);
        if ("ok" in r) { problem = r.message; return text; }
        changed = r.changed;
        return r.text;
      });
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
    if (problem !== null) report.failed.push(`${file.path} (${String(problem)})`);
    else if (changed) report.changed.push(file.path);
  }
  return report;
};

