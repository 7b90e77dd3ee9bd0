/**
 * A study is one analysis or case-study note as the comparison needs it. The contract here is
 * shared by the plugin's index (built from Obsidian's metadata cache), the comparison view, the
 * code-block embedding and the command-line tool (built from files).
 */
import type { Frontmatter } from "./frontmatter";
import type { PatternDef } from "./taxonomy";

export const ANALYSIS_TYPE = "use-case-analysis";
export const CASE_STUDY_TYPE = "case-study";
export const ARTICLE_TYPE = "use-case-article";

export type StudyType = typeof ANALYSIS_TYPE | typeof CASE_STUDY_TYPE;
export type NoteType = StudyType | typeof ARTICLE_TYPE;

/** What the taxonomy and settings say about reading studies. */
export interface StudyContext {
  /** Known patterns in template order (labels are matched case-insensitively). */
  patterns: readonly PatternDef[];
  patternGroups: readonly string[];
  checklistHeading: string;
  categories: readonly string[];
  industries: readonly string[];
}

export interface StackEntry {
  /** Component as written, normalised for comparison: trimmed, inner white space collapsed. */
  component: string;
  technology: string;
}

/** Facts only the note's body holds (not in the metadata cache's frontmatter). */
export interface BodyFacts {
  /** Checked / total items of the analysis checklist; total 0 when the note has none. */
  checklist: { done: number; total: number };
  /** Rows of the "Tech Stack Identified" table, one entry per technology named in a cell. */
  stack: StackEntry[];
  /**
   * Known patterns the note has no box for although it has pattern groups: its template did not
   * ask about them ("not asked", unlike an unticked box: "not seen"). Absent when there are none,
   * and for a note whose patterns live in its properties alone.
   */
  notAsked?: readonly string[];
}

export interface Study {
  /** Vault-relative path, `/`-separated. */
  path: string;
  type: StudyType;
  /** The note's base name (file name without `.md`). */
  name: string;
  company: string | null;
  category: string | null;
  industry: string | null;
  year: number | null;
  /** Checked pattern labels, canonical spelling from the taxonomy when known, template order first. */
  patterns: readonly string[];
  /** Filled in from the body when it has been read; null until then. */
  body: BodyFacts | null;
}

export function isStudyType(v: unknown): v is StudyType {
  return v === ANALYSIS_TYPE || v === CASE_STUDY_TYPE;
}

/** Builds a study from frontmatter alone (what Obsidian's metadata cache holds); null when the note is not a study. */
export type StudyFromFrontmatter = (path: string, frontmatter: Frontmatter | null | undefined, ctx: StudyContext) => Study | null;
