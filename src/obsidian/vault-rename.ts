/**
 * Renaming a pattern, category, industry or the tag prefix across the vault (PRODUCT.md,
 * "Renaming"): which notes a rename touches, and the pass that rewrites them.
 *
 * The text edits are the core's (`renamePatternInNote`, `renameTaxonomyValueInNote`,
 * `renameTagPrefixInNote`); the pass borrows from the running pattern sync (a `RenameHost`) its
 * queue per note, so a rename and a sync of one note never interleave, and its records, so a
 * renamed pattern is not read as the user's change at the next sync.
 */
import { type TFile, normalizePath } from "obsidian";
import { ARTICLE_TYPE } from "../core/study";
import { formerPrefixesAfter } from "../core/tags";
import {
  renameInRecord, renamePatternInNote, renameTagPrefixInNote, renameTaxonomyValueInNote, sameName, syncNote,
  type SyncOptions, type SyncRecord,
} from "../core/sync";
import { type RenameKind, renameProblem } from "../core/sync-actions";
import type { AtlasContext } from "./context";
import { fileAt } from "./vault-files";
import { currentText, NOT_UTF8, writeNote } from "./write-note";

export interface RenameReport {
  /** Notes changed (the deep-dive template note included, when it was). */
  renamed: string[];
  /** Notes that use the value but could not be changed, with what is wrong, as the user should read it. */
  failed: { path: string; problem: string }[];
  cancelled: boolean;
}

/** What the rename needs from the pattern sync (`SyncService` gives it one). */
export interface RenameHost {
  readonly ctx: AtlasContext;
  /** The sync was stopped (the plugin unloads): the pass ends as if cancelled. */
  stopped(): boolean;
  /** The vault's study notes, sorted by path. */
  studyFiles(): Promise<TFile[]>;
  syncOptions(): SyncOptions;
  /** Runs `job` after whatever is already queued for this note. */
  enqueue(path: string, job: () => Promise<void>): Promise<void>;
  recordOf(path: string): SyncRecord | null;
  remember(path: string, record: SyncRecord): void;
}

/** Notes (and the deep-dive template note) a rename of `from` would change. */
export async function previewRename(host: RenameHost, kind: RenameKind, from: string, to = `${from} (renamed)`): Promise<string[]> {
  const paths: string[] = [];
  for (const file of await renameCandidates(host, kind)) {
    const r = renameText(host, kind, await host.ctx.app.vault.cachedRead(file), from, to);
    if ("changed" in r && r.changed) paths.push(file.path);
  }
  return paths;
}

async function renameCandidates(host: RenameHost, kind: RenameKind): Promise<TFile[]> {
  const app = host.ctx.app;
  const files = await host.studyFiles();
  if (kind === "tag prefix") {
    // Article notes carry the prefix too (`<prefix>/article`).
    for (const file of app.vault.getMarkdownFiles()) {
      if (app.metadataCache.getFileCache(file)?.frontmatter?.type === ARTICLE_TYPE) files.push(file);
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }
  const template = host.ctx.settings().deepDiveTemplate.trim();
  if (kind === "pattern" && template !== "") {
    const file = fileAt(app, normalizePath(template.endsWith(".md") ? template : `${template}.md`));
    if (file && !files.includes(file)) files.push(file);
  }
  return files;
}

function renameText(host: RenameHost, kind: RenameKind, text: string, from: string, to: string): { text: string; changed: boolean } | { ok: false; message: string } {
  const options = host.syncOptions();
  if (kind === "tag prefix") return renameTagPrefixInNote(text, from, to);
  return kind === "pattern" ? renamePatternInNote(text, from, to, options)
    : renameTaxonomyValueInNote(text, kind, from, to, options.prefix);
}

/**
 * Renames a pattern, category or industry in every note that uses it (one `Vault.process`
 * per note), in the deep-dive template note for a pattern, and in the settings' taxonomy
 * lists for a category or industry. A new tag prefix is saved in the settings first (the old
 * one kept as a former prefix), so a note the pass has not reached yet, or a cancelled pass,
 * is brought over by its next sync, never read as a change of its patterns.
 */
export async function renameAcrossVault(
  host: RenameHost, kind: RenameKind, from: string, to: string,
  progress?: (p: { done: number; total: number }) => void, shouldCancel?: () => boolean,
): Promise<RenameReport> {
  const { ctx } = host;
  const app = ctx.app;
  const problem = renameProblem(kind, from, to);
  if (problem) throw new Error(problem);
  const target = kind === "tag prefix" ? to.trim().replace(/^#/, "") : to.trim();
  const report: RenameReport = { renamed: [], failed: [], cancelled: false };
  if (kind === "tag prefix") {
    const settings = ctx.settings();
    settings.formerTagPrefixes = formerPrefixesAfter(settings.formerTagPrefixes, settings.tagPrefix, target);
    settings.tagPrefix = target;
    await ctx.saveSettings();
  }
  const files = await renameCandidates(host, kind);
  let done = 0;
  for (const file of files) {
    if (shouldCancel?.() || host.stopped()) { report.cancelled = true; break; }
    await host.enqueue(file.path, async () => {
      const pre = renameText(host, kind, await currentText(app, file), from, target);
      if (!("changed" in pre)) { report.failed.push({ path: file.path, problem: pre.message.replace(/^broken frontmatter: /, "") }); return; }
      if (!pre.changed) return;
      let changed = false;
      let failure: string | null = null;
      const before = host.recordOf(file.path);
      const record = before && kind === "pattern" ? renameInRecord(before, from, target) : before;
      let synced: SyncRecord | null = null;
      const written = await writeNote(app, file, (current) => {
        const r = renameText(host, kind, current, from, target);
        if (!("changed" in r)) { failure = r.message; return null; }
        changed = r.changed;
        if (!changed) return null;
        // Brought in step in the same write (a renamed category's tag, a case study's pattern tag).
        const s = syncNote(r.text, host.syncOptions(), record);
        if (s.ok && !s.skipped) { synced = s.record; return s.text; }
        return r.text;
      });
      if (written.notUtf8) failure = NOT_UTF8;
      if (failure !== null) { report.failed.push({ path: file.path, problem: String(failure).replace(/^broken frontmatter: /, "") }); return; }
      if (!changed) return;
      report.renamed.push(file.path);
      const after = synced ?? record;
      if (after) host.remember(file.path, after);
    });
    done++;
    if (done % 25 === 0) {
      progress?.({ done, total: files.length });
      // Let the app breathe (and a Cancel click land) between batches.
      await new Promise((resolve) => window.setTimeout(resolve, 0));
    }
  }
  progress?.({ done, total: files.length });
  if ((kind === "category" || kind === "industry") && !report.cancelled) {
    const settings = ctx.settings();
    const list = kind === "category" ? settings.taxonomy.categories : settings.taxonomy.industries;
    const at = list.findIndex((v) => sameName(v, from));
    if (at >= 0) {
      list[at] = target;
      await ctx.saveSettings();
    }
  }
  return report;
}
