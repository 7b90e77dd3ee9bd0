/**
 * The taxonomy lives in the deep-dive template itself: categories (Step 1), industries (Step 2),
 * pattern checkboxes under the configured pattern groups, and the analysis checklist. A user
 * template with one more pattern checkbox yields one more pattern; no code change needed.
 */
import { readNote, type ParsedNote } from "./reader";
import { slug } from "./tags";
import deepDiveTemplate from "./templates/deep-dive.md";
import caseStudyTemplate from "./templates/case-study.md";

export const BUNDLED_DEEP_DIVE_TEMPLATE: string = deepDiveTemplate;
export const BUNDLED_CASE_STUDY_TEMPLATE: string = caseStudyTemplate;

export interface PatternDef {
  label: string;
  group: string;
  /** Tag segment, e.g. "multi-stage-funnel". */
  slug: string;
}

export interface TemplateTaxonomy {
  categories: string[];
  industries: string[];
  /** Pattern groups in template order (only groups that hold at least one pattern). */
  patternGroups: string[];
  /** Patterns in template order; a label found in two groups is listed once, under the first. */
  patterns: PatternDef[];
  /** Labels of the analysis checklist's items. */
  checklist: string[];
}

const CATEGORY_HEADING = /select a use case category/i;
const INDUSTRY_HEADING = /select an industry/i;

/** `01_AI_Agents_and_LLMs/` → "AI Agents and LLMs"; `Delivery_and_mobility` → "Delivery and mobility". */
export function folderNameToLabel(raw: string): string {
  return raw
    .replace(/`/g, "")
    .trim()
    .replace(/\/+$/, "")
    .replace(/^\d+[_\s-]+/, "")
    .replace(/_/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function listUnderHeading(text: string, note: ParsedNote, heading: RegExp): string[] {
  const h = note.headings.find((x) => heading.test(x.text));
  if (!h) return [];
  const next = note.headings.find((x) => x.line > h.line);
  const lines = text.split(/\r?\n/).slice(h.line + 1, next ? next.line : undefined);
  const items: string[] = [];
  for (const line of lines) {
    const m = /^\s*[-*+]\s+(.+?)\s*$/.exec(line);
    if (m?.[1]) items.push(folderNameToLabel(m[1]));
  }
  return items.filter((x) => x !== "");
}

const sameName = (a: string | null, b: string): boolean =>
  a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The patterns of a parsed note's body: checkboxes under a configured pattern group. */
export function patternCheckboxes(note: ParsedNote, patternGroups: readonly string[]): ParsedNote["checkboxes"] {
  return note.checkboxes.filter((c) => patternGroups.some((g) => sameName(c.group, g)));
}

export function taxonomyFromTemplate(
  text: string,
  patternGroups: readonly string[],
  checklistHeading: string,
): TemplateTaxonomy {
  const note = readNote(text);
  const patterns: PatternDef[] = [];
  const groups: string[] = [];
  const seen = new Set<string>();
  for (const c of patternCheckboxes(note, patternGroups)) {
    const group = patternGroups.find((g) => sameName(c.group, g)) ?? c.group ?? "";
    if (!groups.includes(group)) groups.push(group);
    const key = c.label.toLowerCase();
    if (c.label === "" || seen.has(key)) continue;
    seen.add(key);
    patterns.push({ label: c.label, group, slug: slug(c.label) });
  }
  const checklist = note.checkboxes.filter((c) => sameName(c.heading, checklistHeading)).map((c) => c.label);
  return {
    categories: listUnderHeading(text, note, CATEGORY_HEADING),
    industries: listUnderHeading(text, note, INDUSTRY_HEADING),
    patternGroups: groups,
    patterns,
    checklist,
  };
}
