/**
 * A case study made from an analysis: what the form is prefilled with (read from the analysis'
 * text), where the cursor goes in a new note, and the link back from the analysis to its case
 * studies. Pure: the plugin resolves article links and writes files.
 */
import { readNote } from "./reader";
import { linkTarget, linkValue } from "./links";
import { stackEntries } from "./study-read";
import { patternBoxes } from "./sync";
import { editFrontmatter, type EditResult } from "./yaml-edit";

/**
 * The analysis' property listing its case studies (`"[[Case study name]]"` links). A property,
 * not a body line: it leaves every byte of the user's writing alone, Dataview and Bases read it,
 * and Obsidian counts frontmatter links as links (backlinks, graph).
 */
export const CASE_STUDIES_KEY = "case_studies";

export interface AnalysisPrefill {
  company: string;
  title: string;
  /** As text for the form's year field ("" when the analysis has none). */
  year: string;
  category: string;
  industry: string;
  /** Checked patterns: the `patterns` property when it is a list, else the body's checked boxes. */
  patterns: string[];
  /** Targets of the `articles` property's links, in order (the plugin resolves them to notes). */
  articleTargets: string[];
  /** Technologies of the "Tech Stack Identified" table, each once, for the Quick Facts table. */
  stack: string;
}

function str(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
  if (typeof v === "string" && v.trim() !== "") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return [];
}

/**
 * The title an analysis was created with: its `title` property, else its heading
 * "Company: Title", else its name without the "Company - " the default file-name pattern adds.
 */
function analysisTitle(fmTitle: string, company: string, firstHeading: string | null, basename: string): string {
  if (fmTitle !== "") return fmTitle;
  const lc = company.toLowerCase();
  if (firstHeading && company !== "" && firstHeading.toLowerCase().startsWith(`${lc}: `)) {
    const rest = firstHeading.slice(company.length + 2).trim();
    if (rest !== "") return rest;
  }
  if (company !== "" && basename.toLowerCase().startsWith(`${lc} - `)) {
    const rest = basename.slice(company.length + 3).trim();
    if (rest !== "") return rest;
  }
  return basename;
}

/** Reads what a case study takes over from its analysis. `basename` is the analysis' file name without `.md`. */
export function prefillFromAnalysis(text: string, basename: string, patternGroups: readonly string[]): AnalysisPrefill {
  const note = readNote(text);
  const fm = note.frontmatter ?? {};
  const company = str(fm.company);
  const listed = Array.isArray(fm.patterns) ? strings(fm.patterns) : null;
  const checked = patternBoxes(note, patternGroups).filter((b) => b.checked).map((b) => b.label);
  const patterns = [...new Set(listed ?? checked)];
  const technologies: string[] = [];
  const seen = new Set<string>();
  for (const entry of stackEntries(note)) {
    const key = entry.technology.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    technologies.push(entry.technology);
  }
  return {
    company,
    title: analysisTitle(str(fm.title), company, note.headings[0]?.text ?? null, basename),
    year: str(fm.year),
    category: str(fm.category),
    industry: str(fm.industry),
    patterns,
    articleTargets: [...new Set(strings(fm.articles).map(linkTarget).filter((t) => t !== ""))],
    // The stack goes into a table cell: a "|" would end the cell.
    stack: technologies.join(", ").replace(/\|/g, "\\|"),
  };
}

/** Adds `"[[target]]"` to the analysis' case-study list (once; other keys and the body untouched). */
export function addCaseStudyLink(analysisText: string, target: string): EditResult {
  const fm = readNote(analysisText);
  if (fm.frontmatterError !== null) return { ok: false, message: `its frontmatter is broken (${fm.frontmatterError})` };
  const current = strings(fm.frontmatter?.[CASE_STUDIES_KEY]);
  const link = linkValue(target);
  if (current.some((c) => linkTarget(c).toLowerCase() === target.toLowerCase())) return { ok: true, text: analysisText, changed: false };
  return editFrontmatter(analysisText, { set: { [CASE_STUDIES_KEY]: [...current, link] } });
}

/** Headings whose section is the first one a user fills in a new note of each bundled template. */
const FIRST_SECTION = [/^1\.2\s+problem statement$/i, /^problem statement$/i, /^tl;?dr$/i];

/**
 * The 0-based line where the cursor goes in a new note: the first line of the first section to
 * fill (the deep dive's "1.2 Problem Statement", the case study's TL;DR paragraph), else the
 * first line of the body after the first heading, else the first body line.
 */
export function firstLineToFill(text: string): number {
  const note = readNote(text);
  const lines = text.split("\n");
  const bodyStart = note.frontmatterBlock ? note.frontmatterBlock.closingLine + 1 : 0;
  const firstContentAfter = (line: number): number => {
    for (let i = line + 1; i < lines.length; i++) if ((lines[i] ?? "").trim() !== "") return i;
    return Math.min(line + 1, lines.length - 1);
  };
  for (const pattern of FIRST_SECTION) {
    const h = note.headings.find((x) => pattern.test(x.text.trim()));
    if (h) return firstContentAfter(h.line);
  }
  const first = note.headings[0];
  if (first) return firstContentAfter(first.line);
  return Math.min(bodyStart, lines.length - 1);
}
