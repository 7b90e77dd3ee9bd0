/**
 * Studies of a vault on disk, read as fast as the output allows: when only frontmatter is needed
 * (the JSON matrix, pivot, co-occurrence) each note's first few kilobytes are read and the
 * frontmatter takes the fast path; when body facts are needed (completeness, tech stack) the whole
 * note is read. Synchronous reads on purpose: one process reading files one after another beats
 * a pool of promises over libuv's four threads for thousands of small files.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { readFrontmatterFast } from "../core/frontmatter-fast";
import { readNote } from "../core/reader";
import type { Study, StudyContext } from "../core/study";
import { bodyFacts, hasOwnPattern, studyFromFrontmatter } from "../core/study-read";
import { fsProblem } from "./note-file";
import type { VaultNote } from "./vault";

const HEAD_BYTES = 4096;
/** The properties the tables are made of (the rest of the frontmatter is checked, not copied). */
const STUDY_KEYS: ReadonlySet<string> = new Set(["type", "company", "category", "industry", "year", "patterns"]);
const head = Buffer.allocUnsafe(HEAD_BYTES);

/**
 * The start of a note, just long enough to hold its whole frontmatter block; "" when the note
 * has no frontmatter (it cannot be a study). Falls back to the whole note when the block does
 * not close within the first read.
 */
function readHead(abs: string): string {
  const fd = openSync(abs, "r");
  let n: number;
  try {
    n = readSync(fd, head, 0, HEAD_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const bom = n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // `---` at the very start (the reader checks the rest of the fence line).
  if (n < bom + 3 || head[bom] !== 0x2d || head[bom + 1] !== 0x2d || head[bom + 2] !== 0x2d) return "";
  // The closing fence: a line that is `---` (then spaces) and ends within what was read.
  let from = head.indexOf(0x0a, bom);
  while (from >= 0 && from < n) {
    const at = head.indexOf("\n---", from, "latin1");
    if (at < 0 || at + 4 > n) break;
    let i = at + 4;
    while (i < n && (head[i] === 0x20 || head[i] === 0x09)) i++;
    if (i < n && head[i] === 0x0d) i++;
    if (i < n && head[i] === 0x0a) return head.toString("utf8", 0, i + 1);
    if (i >= n) break;
    from = at + 1;
  }
  return n < HEAD_BYTES ? head.toString("utf8", 0, n) : readFileSync(abs, "utf8");
}

export interface ReadStudiesOptions {
  /** Read whole notes for body facts (checklist completeness, tech stack). */
  body: boolean;
}

export interface ReadStudiesResult {
  studies: Study[];
  /** Notes that could not be read, or whose frontmatter could not (broken YAML: `check` says more). */
  unreadable: { path: string; message: string; brokenYaml: boolean }[];
}

/** One string per distinct value: the first note's slice stays alive, not every note's text. */
const sharedValues = new Map<string, string>();
function shared(value: string | null): string | null {
  if (value === null) return null;
  const known = sharedValues.get(value);
  if (known !== undefined) return known;
  if (sharedValues.size < 100_000) sharedValues.set(value, value);
  return value;
}

/** The whole note; null when it cannot be read now (its frontmatter was: the study stands without body facts). */
function readWhole(abs: string): string | null {
  try {
    return readFileSync(abs, "utf8");
  } catch {
    return null;
  }
}

export function readStudies(notes: readonly VaultNote[], ctx: StudyContext, options: ReadStudiesOptions): ReadStudiesResult {
  const studies: Study[] = [];
  const unreadable: ReadStudiesResult["unreadable"] = [];
  for (const note of notes) {
    let text: string;
    try {
      text = options.body ? readFileSync(note.abs, "utf8") : readHead(note.abs);
    } catch (e) {
      unreadable.push({ path: note.path, message: `cannot be read (${fsProblem(e)})`, brokenYaml: false });
      continue;
    }
    if (text === "") continue;
    const fm = readFrontmatterFast(text, STUDY_KEYS);
    if (fm.kind === "error") { unreadable.push({ path: note.path, message: `broken YAML in the frontmatter (${fm.message})`, brokenYaml: true }); continue; }
    if (fm.kind !== "ok") continue;
    const study = studyFromFrontmatter(note.path, fm.data, ctx);
    if (!study) continue;
    // Values are slices of the note's text and would keep all of it alive while the study lives
    // (10,000 notes: megabytes for the garbage collector to copy); the same few values repeat.
    study.company = shared(study.company);
    study.category = shared(study.category);
    study.industry = shared(study.industry);
    // A pattern the taxonomy does not know is shown under the group its notes write it under,
    // which only the text says: such a note is read whole even when the table needs no body.
    const whole = options.body ? text : hasOwnPattern(study, ctx) ? readWhole(note.abs) : null;
    if (whole !== null) {
      // The body alone (from the closing fence's line ending on): the frontmatter is read already,
      // and body facts do not depend on line numbers.
      study.body = bodyFacts(readNote(whole.slice(fm.block.fenceEnd)), ctx);
    }
    studies.push(study);
  }
  return { studies, unreadable };
}
