/**
 * Note creation's registrations: the ribbon button, the commands "New use case analysis",
 * "New case study" and "Create case study from this analysis".
 */
import { type App, Notice, type Plugin, type TFile } from "obsidian";
import { prefillFromAnalysis } from "../core/case-study-prefill";
import { MAX_ARTICLES } from "../core/create-note";
import { ANALYSIS_TYPE, ARTICLE_TYPE } from "../core/study";
import type { AtlasContext } from "../obsidian/context";
import { CASE_STUDY_CHOICE, DEEP_DIVE_CHOICE } from "../obsidian/templates";
import { type ArticleRow, NewNoteModal, type NewNotePrefill } from "./new-note-modal";
import { errorMessage } from "../core/errors";

export const RIBBON_ICON = "file-plus-2";
export const RIBBON_TOOLTIP = "New use case analysis";

export function registerCreate(plugin: Plugin, ctx: AtlasContext): void {
  const { app } = plugin;
  plugin.addRibbonIcon(RIBBON_ICON, RIBBON_TOOLTIP, () => openNewAnalysisForm(ctx));
  plugin.addCommand({
    id: "new-analysis",
    name: "New use case analysis",
    callback: () => openNewAnalysisForm(ctx),
  });
  plugin.addCommand({
    id: "new-case-study",
    name: "New case study",
    callback: () => new NewNoteModal(app, ctx, { template: CASE_STUDY_CHOICE }).open(),
  });
  plugin.addCommand({
    id: "case-study-from-analysis",
    name: "Create case study from this analysis",
    checkCallback: (checking) => {
      const file = app.workspace.getActiveFile();
      if (!file || !isAnalysis(app, file)) return false;
      if (!checking) void openCaseStudyForm(app, ctx, file);
      return true;
    },
  });
}

/** The form for a new use case analysis, from the deep-dive template. */
export function openNewAnalysisForm(ctx: AtlasContext): void {
  new NewNoteModal(ctx.app, ctx, { template: DEEP_DIVE_CHOICE }).open();
}

function isAnalysis(app: App, file: TFile): boolean {
  return file.extension === "md" && app.metadataCache.getFileCache(file)?.frontmatter?.type === ANALYSIS_TYPE;
}

/** The analysis' articles as form rows: each linked article note's `url` and `title`. */
function articleRows(app: App, analysis: TFile, targets: readonly string[]): { rows: ArticleRow[]; skipped: string[] } {
  const rows: ArticleRow[] = [];
  const skipped: string[] = [];
  for (const target of targets) {
    const dest = app.metadataCache.getFirstLinkpathDest(target, analysis.path);
    const fm = dest ? app.metadataCache.getFileCache(dest)?.frontmatter : undefined;
    if (!dest || fm?.type !== ARTICLE_TYPE || typeof fm.url !== "string" || fm.url.trim() === "") { skipped.push(target); continue; }
    const title = typeof fm.title === "string" && fm.title.trim() !== "" ? fm.title.trim() : undefined;
    rows.push(title ? { url: fm.url.trim(), title } : { url: fm.url.trim() });
  }
  return { rows, skipped };
}

/** Opens the form prefilled from the analysis, for a case study linked both ways. */
export async function openCaseStudyForm(app: App, ctx: AtlasContext, analysis: TFile): Promise<NewNoteModal | null> {
  let text: string;
  try {
    text = await app.vault.cachedRead(analysis);
  } catch (e) {
    new Notice(`Use Case Atlas: could not read "${analysis.path}": ${errorMessage(e)}`);
    return null;
  }
  const from = prefillFromAnalysis(text, analysis.basename, ctx.settings().patternGroups);
  const { rows, skipped } = articleRows(app, analysis, from.articleTargets);
  const notes: string[] = [];
  if (skipped.length > 0) notes.push(`Not carried over (no article note with a web address): ${skipped.join(", ")}.`);
  if (rows.length > MAX_ARTICLES) notes.push(`The analysis cites ${rows.length} articles; the first ${MAX_ARTICLES} are listed.`);
  const prefill: NewNotePrefill = {
    company: from.company, title: from.title, year: from.year, category: from.category, industry: from.industry,
    articles: rows.slice(0, MAX_ARTICLES), patterns: from.patterns, stack: from.stack,
  };
  if (notes.length > 0) prefill.note = notes.join(" ");
  const modal = new NewNoteModal(app, ctx, { template: CASE_STUDY_CHOICE, prefill, fromAnalysis: analysis });
  modal.open();
  return modal;
}

