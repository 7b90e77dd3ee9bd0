/**
 * A study is one analysis or case-study note as the comparison needs it. The contract here is
 * shared by the plugin's index (built from Obsidian's metadata cache), the comparison view, the
 * code-block embedding and the command-line tool (built from files).
 */
import type { PatternDef } from "./taxonomy";

export const ANALYSIS_TYPE = "use-case-analysis";
export const CASE_STUDY_TYPE = "case-study";
export const ARTICLE_TYPE = "use-case-article";

/**
 * The kinds of note the plugin and the command-line tool create, in one place: the `type`
 * property a note of the kind carries, the id of the bundled template it is made from (the
 * new-note form's choice, `use-case-atlas new --template`), and the settings that say which
 * template note, folder and file name pattern it takes. An article note is no study kind: it is
 * made from an URL, not a template (ARTICLE_TYPE).
 */
export const NOTE_KINDS = {
  analysis: { type: ANALYSIS_TYPE, template: "deep-dive", templateSetting: "deepDiveTemplate", folderSetting: "analysesFolder", patternSetting: "fileNamePattern" },
  "case-study": {
    type: CASE_STUDY_TYPE, template: "case-study", templateSetting: "caseStudyTemplate", folderSetting: "caseStudiesFolder", patternSetting: "caseStudyFileNamePattern",
  },
} as const;

export type NoteKind = keyof typeof NOTE_KINDS;
export type StudyType = (typeof NOTE_KINDS)[NoteKind]["type"];
export type TemplateId = (typeof NOTE_KINDS)[NoteKind]["template"];

/** The kinds, in the order the forms list them. */
export const NOTE_KIND_LIST: readonly NoteKind[] = ["analysis", "case-study"];
/** Every study `type` value. */
export const STUDY_TYPES: readonly StudyType[] = NOTE_KIND_LIST.map((k) => NOTE_KINDS[k].type);

/** The kind a bundled template id makes; null for another id. */
export function kindOfTemplate(id: string): NoteKind | null {
  return NOTE_KIND_LIST.find((k) => NOTE_KINDS[k].template === id) ?? null;
}

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
  /**
   * The note's own patterns (boxes under a pattern group with a label the taxonomy does not
   * know), each with the group it is written under (the settings' spelling); absent when none.
   */
  ownPatterns?: readonly OwnPattern[];
}

/** A pattern the taxonomy does not know, and the pattern group one note writes it under. */
export interface OwnPattern {
  /** As written, white space tidied. */
  label: string;
  group: string;
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
