/**
 * The comparison view's exports of its current tab: Copy as Markdown, Save as CSV, Save snapshot
 * note. Each takes the tab as the index has it now (never a stale drawing) with the view's options.
 */
import { Notice, type App } from "obsidian";
import type { CompareResult } from "../core/compare";
import { errorMessage } from "../core/errors";
import { snapshotNote, toCsv, toMarkdownTable, toTable } from "../core/export";
import type { AtlasContext } from "../obsidian/context";
import { createExportFile } from "../obsidian/export-files";
import type { StudyIndexService } from "../obsidian/study-index-service";
import { tabLabel } from "./comparison-tabs";
import { askFileName } from "./file-name-modal";

/** Where the exports read from: the view's app, context and index, and its tab. */
export interface ExportSource {
  app: App;
  ctx: AtlasContext;
  service: StudyIndexService;
  /** The view's tab over the index's studies now, with the options in force. */
  result(): CompareResult;
}

/** The date in the user's time zone, as note names carry it (2026-12-01). */
export function localDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export class ComparisonExports {
  constructor(private readonly source: ExportSource) {}

  /** Copies the current tab as a Markdown table. */
  async copyMarkdown(): Promise<void> {
    const result = this.exportable();
    if (!result) return;
    const markdown = toMarkdownTable(toTable(result, { links: true }));
    try {
      await navigator.clipboard.writeText(markdown);
      new Notice(`Copied the ${tabLabel(result.kind).toLowerCase()} table as Markdown.`);
    } catch (e) {
      new Notice(`Could not copy to the clipboard: ${errorMessage(e)}`);
    }
  }

  /** Asks for a file name, then writes the current tab as CSV next to the analyses (never over a file). */
  async saveCsv(): Promise<void> {
    const result = this.exportable();
    if (!result) return;
    const { app, ctx } = this.source;
    const folder = ctx.settings().analysesFolder;
    const name = await askFileName(app, "Save as CSV", `Pattern comparison ${localDate(new Date())}`,
      `Saved in "${folder || "/"}" as .csv; an existing file is never overwritten.`);
    if (name === null) return;
    try {
      const file = await createExportFile(app, folder, name.replace(/\.csv$/i, ""), "csv", toCsv(toTable(result)));
      new Notice(`Saved ${file.path}`);
    } catch (e) {
      new Notice(`Could not save the CSV file: ${errorMessage(e)}`);
    }
  }

  /** Writes a dated note with the current tab's table and opens it. */
  async saveSnapshot(): Promise<void> {
    const result = this.exportable();
    if (!result) return;
    const { app, ctx } = this.source;
    const date = localDate(new Date());
    const text = snapshotNote(toTable(result, { links: true }), { title: "Pattern comparison", date, result });
    try {
      const file = await createExportFile(app, ctx.settings().analysesFolder, `Pattern comparison ${date}`, "md", text);
      await app.workspace.getLeaf("tab").openFile(file, { active: true });
      new Notice(`Saved ${file.path}`);
    } catch (e) {
      new Notice(`Could not save the snapshot note: ${errorMessage(e)}`);
    }
  }

  /** The current tab's result, computed now (never stale), or null with a notice when empty. */
  private exportable(): CompareResult | null {
    if (!this.source.service.isReady) {
      new Notice("The comparison is still reading your notes. Try again in a moment.");
      return null;
    }
    const result = this.source.result();
    if (result.visibleCount === 0) {
      new Notice("Nothing to export: no study is visible.");
      return null;
    }
    return result;
  }
}
