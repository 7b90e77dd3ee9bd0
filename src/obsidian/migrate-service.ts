/**
 * "Update notes to the template" in the plugin: the decisions are the core's (`migrateNote`);
 * this file finds the study notes, reads the two templates the settings name, previews what each
 * note would gain, and carries out one confirmed pass, one write per note through `writeNote`
 * (one `Vault.process`, or one editor transaction when the note is open).
 *
 * A note open in an editor with edits not yet saved is reported and left alone: the editor's
 * text differs from the file's, and a write to the file now would race the editor's own save.
 */
import { type App, MarkdownView, type TFile } from "obsidian";
import { migrateNote, planTemplate, type MigrateOptions, type MigrateReport, type MigrateTemplates } from "../core/migrate";
import { ANALYSIS_TYPE, CASE_STUDY_TYPE, isStudyType } from "../core/study";
import { syncNote, type SyncRecord } from "../core/sync";
import { unifiedDiff } from "../core/unified-diff";
import type { AtlasContext } from "./context";
import { mayBeStudyText } from "../core/sync-actions";
import { mayHoldFrontmatter, syncOptionsOf, syncServiceFor } from "./sync-service";
import { NOT_UTF8, writeNote } from "./write-note";
import { loadTemplate, templateChoices } from "./templates";
import { errorMessage } from "./vault-files";

export interface MigrationNote {
  path: string;
  report: MigrateReport;
  /** The lines the note gains (the properties' lines the sync then writes included). */
  added: string[];
}

export interface LeftAlone {
  path: string;
  problem: string;
}

export interface MigrationPreview {
  templates: MigrateTemplates;
  /** Notes that would change, path-sorted. */
  notes: MigrationNote[];
  /** Notes that cannot be updated now, and why. */
  leftAlone: LeftAlone[];
  /** Study notes looked at. */
  studies: number;
}

export interface MigrationProgress { done: number; total: number }

export interface MigrationRunReport {
  updated: string[];
  leftAlone: LeftAlone[];
  /** Notes that needed nothing any more when their turn came. */
  unchanged: number;
  cancelled: boolean;
  total: number;
}

function optionsOf(ctx: AtlasContext): MigrateOptions {
  const s = ctx.settings();
  return { patternGroups: s.patternGroups, checklistHeading: s.checklistHeading };
}

/** The deep-dive and case-study templates the settings name; a named one that cannot be read stops the command. */
async function loadTemplates(ctx: AtlasContext): Promise<MigrateTemplates> {
  const [deepDive, caseStudy] = templateChoices(ctx.app, ctx.settings());
  const out: MigrateTemplates = {};
  for (const [choice, type] of [[deepDive, ANALYSIS_TYPE], [caseStudy, CASE_STUDY_TYPE]] as const) {
    const loaded = await loadTemplate(ctx.app, choice);
    // The bundled template in place of the user's would add boxes their template does not have.
    if (loaded.fallback !== null) throw new Error(`${loaded.fallback.replace(/, so the .*$/, "")}. Nothing was changed.`);
    const plan = planTemplate(loaded.text, optionsOf(ctx));
    if (!plan.ok) throw new Error(`The template "${loaded.source}" cannot be used: ${plan.message}.`);
    out[type] = plan.plan;
  }
  return out;
}

/** Whether the note is open in an editor whose text is not the file's (edits not yet saved). */
export function openWithUnsavedEdits(app: App, file: TFile, fileText: string): boolean {
  for (const leaf of app.workspace.getLeavesOfType("markdown")) {
    const view = leaf.view;
    if (view instanceof MarkdownView && view.file?.path === file.path && view.editor.getValue() !== fileText) return true;
  }
  return false;
}

/** Markdown files that are, or may be (broken YAML), study notes, path-sorted. */
async function studyFiles(app: App): Promise<TFile[]> {
  const files: TFile[] = [];
  for (const file of app.vault.getMarkdownFiles()) {
    const cache = app.metadataCache.getFileCache(file);
    const fm = cache?.frontmatter;
    if (isStudyType(fm?.type)) files.push(file);
    else if (fm === undefined && mayHoldFrontmatter(cache) && mayBeStudyText(await app.vault.cachedRead(file))) files.push(file);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** What one note becomes: migrated, then synced (the sync's record kept, so no conflict is seen). */
function nextText(ctx: AtlasContext, text: string, templates: MigrateTemplates, record: SyncRecord | null):
  { ok: true; changed: false } | { ok: true; changed: true; text: string; report: MigrateReport; record: SyncRecord | null } | { ok: false; message: string } {
  const r = migrateNote(text, templates, optionsOf(ctx));
  if (!r.ok) return r;
  if (r.skipped || !r.changed) return { ok: true, changed: false };
  const synced = syncNote(r.text, syncOptionsOf(ctx), record);
  if (!synced.ok || synced.skipped) return { ok: true, changed: true, text: r.text, report: r.report, record };
  return { ok: true, changed: true, text: synced.text, report: r.report, record: synced.record };
}

/** Reads every study note and says what each would gain; writes nothing. */
export async function previewMigration(ctx: AtlasContext): Promise<MigrationPreview> {
  const templates = await loadTemplates(ctx);
  const service = syncServiceFor(ctx.app);
  const preview: MigrationPreview = { templates, notes: [], leftAlone: [], studies: 0 };
  for (const file of await studyFiles(ctx.app)) {
    preview.studies++;
    const text = await ctx.app.vault.cachedRead(file);
    const next = nextText(ctx, text, templates, service?.recordOf(file.path) ?? null);
    if (!next.ok) { preview.leftAlone.push({ path: file.path, problem: next.message }); continue; }
    for (const group of next.changed ? next.report.unplaced : []) {
      preview.leftAlone.push({ path: file.path, problem: `no place for "${group}" (the note has none of the headings around it in the template)` });
    }
    if (!next.changed) continue;
    if (openWithUnsavedEdits(ctx.app, file, text)) { preview.leftAlone.push({ path: file.path, problem: "open with unsaved edits" }); continue; }
    const added = unifiedDiff(file.path, text, next.text).split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++")).map((l) => l.slice(1));
    preview.notes.push({ path: file.path, report: next.report, added });
  }
  return preview;
}

/**
 * Updates the previewed notes, one at a time: each note decided again on its text at the moment
 * of its write, so an edit made since the preview is kept. Cancel stops between notes.
 */
export async function runMigration(ctx: AtlasContext, preview: MigrationPreview, progress?: (p: MigrationProgress) => void, shouldCancel?: () => boolean): Promise<MigrationRunReport> {
  const report: MigrationRunReport = { updated: [], leftAlone: [], unchanged: 0, cancelled: false, total: preview.notes.length };
  const service = syncServiceFor(ctx.app);
  let done = 0;
  for (const note of preview.notes) {
    if (shouldCancel?.()) { report.cancelled = true; break; }
    const file = ctx.app.vault.getFileByPath(note.path);
    if (!file) { report.leftAlone.push({ path: note.path, problem: "no longer there" }); continue; }
    try {
      const onDisk = await ctx.app.vault.read(file);
      if (openWithUnsavedEdits(ctx.app, file, onDisk)) { report.leftAlone.push({ path: note.path, problem: "open with unsaved edits" }); continue; }
      let outcome: ReturnType<typeof nextText> | null = null;
      const written = await writeNote(ctx.app, file, (current) => {
        outcome = nextText(ctx, current, preview.templates, service?.recordOf(file.path) ?? null);
        return outcome.ok && outcome.changed ? outcome.text : current;
      });
      const r = outcome as ReturnType<typeof nextText> | null;
      if (written.notUtf8) report.leftAlone.push({ path: note.path, problem: NOT_UTF8 });
      else if (!r) report.unchanged++;
      else if (!r.ok) report.leftAlone.push({ path: note.path, problem: r.message });
      else if (!r.changed) report.unchanged++;
      else {
        report.updated.push(note.path);
        if (r.record) service?.remember(file.path, r.record);
      }
    } catch (error) {
      // A read-only or locked file: nothing was written.
      report.leftAlone.push({ path: note.path, problem: errorMessage(error) });
    }
    done++;
    progress?.({ done, total: preview.notes.length });
    // Let the app breathe (and a Cancel click land) between notes.
    if (done % 10 === 0) await new Promise((resolve) => window.setTimeout(resolve, 0));
  }
  return report;
}
