/**
 * Where note templates come from: the bundled deep dive and case study, the notes the settings
 * name instead, and any other note in the templates folder. A template that is missing or
 * unreadable falls back to the bundled one of its kind, and the caller is told so.
 */
import { type App, TFile, TFolder, normalizePath } from "obsidian";
import type { NoteKind } from "../core/create-note";
import { type LoadedTemplate, loadTemplate as loadTemplateOf } from "../core/creation";
import { readFrontmatter } from "../core/frontmatter";
import { type AtlasSettings, bundledTaxonomy, DEFAULT_CHECKLIST_HEADING, DEFAULT_PATTERN_GROUPS } from "../core/settings";
import { CASE_STUDY_TYPE, NOTE_KINDS } from "../core/study";
import {
  BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE, taxonomyFromTemplate, type TemplateTaxonomy,
} from "../core/taxonomy";
import { ensureFolder, folderSetting, pathTaken } from "./vault-files";

export interface TemplateChoice {
  /** "deep-dive", "case-study", or "file:<path>" for another note of the templates folder. */
  id: string;
  label: string;
  kind: NoteKind;
  /** Vault path of the template note; null for a bundled template. */
  path: string | null;
}

export const DEEP_DIVE_CHOICE = NOTE_KINDS.analysis.template;
export const CASE_STUDY_CHOICE = NOTE_KINDS["case-study"].template;

/** File names "Install default templates" writes into the templates folder. */
export const DEFAULT_TEMPLATE_FILES: readonly { name: string; kind: NoteKind; text: string }[] = [
  { name: "Use case deep dive.md", kind: "analysis", text: BUNDLED_DEEP_DIVE_TEMPLATE },
  { name: "Case study.md", kind: "case-study", text: BUNDLED_CASE_STUDY_TEMPLATE },
];

function templatePath(raw: string): string {
  const t = raw.trim();
  if (t === "") return "";
  const p = normalizePath(t);
  return p.toLowerCase().endsWith(".md") ? p : `${p}.md`;
}

function noteName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/i, "");
}

/** The kind of note a template of the templates folder makes: `type: case-study` in its frontmatter, else an analysis. */
function kindOfTemplate(app: App, file: TFile): NoteKind {
  return app.metadataCache.getFileCache(file)?.frontmatter?.type === CASE_STUDY_TYPE ? "case-study" : "analysis";
}

/** The form's template list: the deep dive, the case study, then the templates folder's other notes by name. */
export function templateChoices(app: App, settings: AtlasSettings): TemplateChoice[] {
  const deepDive = templatePath(settings[NOTE_KINDS.analysis.templateSetting]);
  const caseStudy = templatePath(settings[NOTE_KINDS["case-study"].templateSetting]);
  const choices: TemplateChoice[] = [
    { id: DEEP_DIVE_CHOICE, label: deepDive ? `Deep dive (${noteName(deepDive)})` : "Deep dive (bundled)", kind: "analysis", path: deepDive || null },
    { id: CASE_STUDY_CHOICE, label: caseStudy ? `Case study (${noteName(caseStudy)})` : "Case study (bundled)", kind: "case-study", path: caseStudy || null },
  ];
  const folderPath = folderSetting(settings.templatesFolder);
  const folder = folderPath === "" ? null : app.vault.getAbstractFileByPath(folderPath);
  if (!(folder instanceof TFolder)) return choices;
  const others: TFile[] = [];
  const walk = (f: TFolder): void => {
    for (const child of f.children) {
      if (child instanceof TFolder) walk(child);
      else if (child instanceof TFile && child.extension === "md" && child.path !== deepDive && child.path !== caseStudy) others.push(child);
    }
  };
  walk(folder);
  others.sort((a, b) => a.path.localeCompare(b.path));
  for (const file of others) {
    const relative = file.path.slice(folder.path.length + 1).replace(/\.md$/i, "");
    choices.push({ id: `file:${file.path}`, label: relative, kind: kindOfTemplate(app, file), path: file.path });
  }
  return choices;
}

export type { LoadedTemplate };

/** Reads a template; a missing or unreadable note gives the bundled template of the same kind and says why. */
export function loadTemplate(app: App, choice: TemplateChoice): Promise<LoadedTemplate> {
  return loadTemplateOf(choice.kind, choice.path, async (path) => {
    const file = app.vault.getAbstractFileByPath(path);
    return file instanceof TFile ? app.vault.read(file) : null;
  });
}

/**
 * The active taxonomy: read from the deep-dive template the settings name (the bundled one when
 * none is set, or when it is missing, unreadable or has broken frontmatter). The template is read
 * now; its patterns are worked out when first asked for (not at startup: nothing needs them until
 * a note changes or a view opens), with the settings of now. The bundled template with the
 * default groups is the bundled taxonomy, worked out once for the whole plugin.
 */
export async function loadActiveTaxonomy(app: App, settings: AtlasSettings): Promise<{ taxonomy: () => TemplateTaxonomy; problem: string | null }> {
  const loaded = await loadTemplate(app, { id: DEEP_DIVE_CHOICE, label: "", kind: "analysis", path: templatePath(settings.deepDiveTemplate) || null });
  let text = loaded.text;
  let problem = loaded.fallback;
  if (text !== BUNDLED_DEEP_DIVE_TEMPLATE) {
    const fm = readFrontmatter(text);
    if (fm.kind === "error") {
      problem = `The deep-dive template "${loaded.source}" has broken frontmatter (${fm.message}); the bundled template's patterns are used until it is fixed.`;
      text = BUNDLED_DEEP_DIVE_TEMPLATE;
    }
  }
  const groups = [...settings.patternGroups];
  const heading = settings.checklistHeading;
  const asBundled = text === BUNDLED_DEEP_DIVE_TEMPLATE && heading === DEFAULT_CHECKLIST_HEADING
    && groups.length === DEFAULT_PATTERN_GROUPS.length && groups.every((g, i) => g === DEFAULT_PATTERN_GROUPS[i]);
  let taxonomy: TemplateTaxonomy | null = null;
  return { taxonomy: () => (taxonomy ??= asBundled ? bundledTaxonomy() : taxonomyFromTemplate(text, groups, heading)), problem };
}

export interface InstallReport {
  written: string[];
  skipped: string[];
}

/** Writes the bundled templates into the templates folder; a file already there is never overwritten. */
export async function installDefaultTemplates(app: App, settings: AtlasSettings): Promise<InstallReport> {
  const folder = folderSetting(settings.templatesFolder);
  await ensureFolder(app, folder);
  const report: InstallReport = { written: [], skipped: [] };
  for (const t of DEFAULT_TEMPLATE_FILES) {
    const path = folder === "" ? t.name : `${folder}/${t.name}`;
    if (pathTaken(app, path)) { report.skipped.push(path); continue; }
    await app.vault.create(path, t.text);
    report.written.push(path);
  }
  return report;
}
