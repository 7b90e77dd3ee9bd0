/**
 * Which notes use a category or industry, from the metadata cache: what the settings tab tells
 * the user before renaming or removing one. (The renaming itself is the sync feature's
 * `renameAcrossVault` in vault-rename.ts.)
 */
import type { App, TFile } from "obsidian";
import { isStudyType } from "../core/study";

export type TaxonomyKind = "category" | "industry";

/** Studies whose `category` / `industry` property is `value` (compared as the taxonomy compares: case-insensitively). */
export function notesUsing(app: App, kind: TaxonomyKind, value: string): TFile[] {
  const want = value.trim().toLowerCase();
  return app.vault.getMarkdownFiles().filter((file) => {
    const fm = app.metadataCache.getFileCache(file)?.frontmatter;
    const v: unknown = fm?.[kind];
    return isStudyType(fm?.type) && typeof v === "string" && v.trim().toLowerCase() === want;
  });
}
