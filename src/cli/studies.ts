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
import { bodyFacts, studyFromFrontmatter } from "../core/study-read";
import type { VaultNote } from "./vault";

const HEAD_BYTES = 4096;
const head = Buffer.allocUnsafe(HEAD_BYTES);

/**
 * The note's text, or just enough of its start to hold the whole frontmatter block: when the
 * file does not start with `---` (no frontmatter) or its block closes within the first read.
 */
function readHead(abs: string): { text: string; whole: boolean } {
  const fd = openSync(abs, "r");
  try {
    const n = readSync(fd, head, 0, HEAD_BYTES, 0);
    if (n < HEAD_BYTES) return { text: head.toString("utf8", 0, n), whole: true };
    // Without an opening fence there is no frontmatter: the head is all we need.
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    if (head.toString("latin1", bom, bom + 3) !== "---") return { text: head.toString("utf8", 0, n), whole: false };
    // Closing fence: a line `---` (spaces allowed) after the first line, followed by a line ending.
    const text = head.toString("latin1", 0, n);
    const close = /\n---[ \t]*\r?\n/.exec(text.slice(text.indexOf("\n")));
    if (close) return { text: head.toString("utf8", 0, text.indexOf("\n") + close.index + close[0].length), whole: false };
  } finally {
    closeSync(fd);
  }
  return { text: readFileSync(abs, "utf8"), whole: true };
}

export interface ReadStudiesOptions {
  /** Read whole notes for body facts (checklist completeness, tech stack). */
  body: boolean;
}

export interface ReadStudiesResult {
  studies: Study[];
  /** Notes whose frontmatter could not be read (broken YAML); `check` says more. */
  unreadable: { path: string; message: string }[];
}

export function readStudies(notes: readonly VaultNote[], ctx: StudyContext, options: ReadStudiesOptions): ReadStudiesResult {
  const studies: Study[] = [];
  const unreadable: { path: string; message: string }[] = [];
  for (const note of notes) {
    const { text } = options.body ? { text: readFileSync(note.abs, "utf8") } : readHead(note.abs);
    const fm = readFrontmatterFast(text);
    if (fm.kind === "error") { unreadable.push({ path: note.path, message: fm.message }); continue; }
    if (fm.kind !== "ok") continue;
    const study = studyFromFrontmatter(note.path, fm.data, ctx);
    if (!study) continue;
    if (options.body) {
      // The body alone (from the closing fence's line ending on): the frontmatter is read already,
      // and body facts do not depend on line numbers.
      study.body = bodyFacts(readNote(text.slice(fm.block.fenceEnd)), ctx);
    }
    studies.push(study);
  }
  return { studies, unreadable };
}
