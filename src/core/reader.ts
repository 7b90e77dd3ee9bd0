/**
 * Reads a note's text the way Obsidian's metadata cache does, for what the plugin needs:
 * frontmatter, task checkboxes (with their label and group), headings and tables.
 *
 * Agreement with Obsidian is measured against metadata captured from the real app
 * (tests/core/reader-agreement.test.ts). The rules that matter, as Obsidian applies them:
 * - fenced code blocks (``` or ~~~, also inside lists and callouts), HTML comment blocks
 *   (`<!-- … -->`) and Obsidian comments (`%% … %%`) hide everything inside them;
 * - blockquote / callout markers (`>`, `>>`, ` > `) are stripped before a line is read;
 * - a task is a list item (`-`, `*`, `+`, `1.`, `1)`) whose text starts with `[c]` followed by
 *   white space or the end of the line; any character c but a space counts as checked.
 */
import { type Frontmatter, type FrontmatterBlock, type FrontmatterResult, locateFrontmatter } from "./frontmatter";
import { readFrontmatterFast } from "./frontmatter-fast";

export interface Checkbox {
  /** 0-based line in the note (frontmatter lines included, as Obsidian counts). */
  line: number;
  /** The task character between the brackets. */
  char: string;
  /** Any character but a space is checked (Obsidian's rule). */
  checked: boolean;
  /** Bold text of the item if it has any, else its text before the first " (". */
  label: string;
  /** The item's text after the `[c] `. */
  text: string;
  /** Nearest preceding heading or bold label line (`**Design Patterns Observed**:`). */
  group: string | null;
  /** Nearest preceding heading. */
  heading: string | null;
  /** Offset of the task character in the note's text (for in-place toggling). */
  charOffset: number;
  /** Indentation (columns before the list marker, after any blockquote markers). */
  indent: number;
  /** What stands before the list marker on the line (blockquote markers and indentation). */
  prefix: string;
  /** The list marker, e.g. "-", "*", "1.". */
  marker: string;
}

export interface Heading {
  line: number;
  level: number;
  text: string;
}

/** A label line of bold text, like `**Tech Stack Identified**:`, that can title a group. */
export interface BoldLabel {
  line: number;
  text: string;
}

export interface MarkdownTable {
  /** 0-based line of the header row. */
  line: number;
  /** 0-based line of the last row. */
  endLine: number;
  header: string[];
  rows: string[][];
  /** Nearest preceding heading or bold label line, e.g. "Tech Stack Identified". */
  group: string | null;
}

export interface ParsedNote {
  frontmatter: Frontmatter | null;
  frontmatterError: string | null;
  frontmatterBlock: FrontmatterBlock | null;
  checkboxes: Checkbox[];
  headings: Heading[];
  boldLabels: BoldLabel[];
  tables: MarkdownTable[];
}

const QUOTE_PREFIX = /^((?:[ \t]{0,3}>[ \t]?)+)/;
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})/;
// Tasks, headings and bold label lines are recognised by hand (taskCharAt, headingAt,
// boldLabelAt), as these patterns on one line's content would:
//   task        /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)\[([^\]\r\n])\](?=[ \t]|$)/
//   heading     /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
//   bold label  /^[ \t]*(?:\*\*([^*]+?)\*\*|__([^_]+?)__)[ \t]*:?[ \t]*(?:\([^)]*\))?[ \t]*:?[ \t]*$/
const THEMATIC_BREAK = /^(?:-{3,}|\*{3,}|_{3,})[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const BOLD_IN_TEXT = /\*\*([^*]+?)\*\*|__([^_]+?)__/;
const NOT_BLANK = /\S/;
/** White space `trim()` removes other than a space or tab (and the line breaks lines never hold). */
const OTHER_SPACE = /[^\S \t]/;
const GT = 62, BACKTICK = 96, TILDE = 126, LT = 60, PERCENT = 37, HASH = 35, STAR = 42, UNDERSCORE = 95,
  DASH = 45, PLUS = 43, DIGIT_0 = 48, DIGIT_9 = 57;

/** Splits text into lines without their line endings, remembering where each line starts. */
export function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines = text.split("\n");
  const starts: number[] = new Array<number>(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    const line = lines[i] ?? "";
    at += line.length + 1;
    if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return { lines, starts };
}

/** The label of a checkbox's text: bold text if any, else the text before the first " (". */
export function checkboxLabel(text: string): string {
  const bold = text.includes("**") || text.includes("__") ? BOLD_IN_TEXT.exec(text) : null;
  if (bold) return (bold[1] ?? bold[2] ?? "").trim();
  const paren = text.indexOf(" (");
  return (paren >= 0 ? text.slice(0, paren) : text).trim();
}

/** Splits a table row into trimmed cells (a `|` escaped as `\|` or inside `code` stays in the cell). */
export function tableCells(row: string): string[] {
  let s = row.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\\" && s[i + 1] === "|") { cell += "|"; i++; continue; }
    if (ch === "`") inCode = !inCode;
    if (ch === "|" && !inCode) { cells.push(cell.trim()); cell = ""; continue; }
    cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

interface Fence { char: string; length: number; quoteDepth: number }

function quoteDepth(prefix: string): number {
  return (prefix.match(/>/g) ?? []).length;
}

export interface ReadOptions {
  /**
   * The note's frontmatter as the caller already has it for this very text (Obsidian's metadata
   * cache hands it to a `changed` listener): parsing the YAML again is most of the cost of
   * reading a note. Leave it out whenever it may be stale or the YAML may be broken.
   */
  frontmatter?: Frontmatter;
  /** Read the tables' cells (default true). The sync only needs to know where tables are. */
  tableCells?: boolean;
}

/** Code of a character `\s` matches other than a space or a tab (`trim()` drops those too). */
function isOtherSpace(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c >= 10 && c <= 13) return true;
  return c >= 0xa0 && OTHER_SPACE.test(text[at] ?? "");
}

/**
 * Reads a note. Never throws: broken YAML comes back as `frontmatterError`.
 *
 * It runs on every change of a note (the sync decides on each `changed` event), so it walks the
 * text by offsets: most lines (prose, blank, plain list items) are judged by their first
 * characters without cutting them out; only lines that may matter (headings, bold labels, tasks,
 * quotes, fences, comments, table rows) become strings. The line-by-line reading it must agree
 * with, byte for byte, is frozen in tests/support/reader-reference.ts (property-tested).
 */
export function readNote(text: string, options: ReadOptions = {}): ParsedNote {
  // The fast path answers for simple YAML (as the full parser would) and defers to it otherwise.
  const fm = options.frontmatter ? knownFrontmatter(text, options.frontmatter) : readFrontmatterFast(text);
  const cells = options.tableCells ?? true;

  const checkboxes: Checkbox[] = [];
  const headings: Heading[] = [];
  const boldLabels: BoldLabel[] = [];
  const tables: MarkdownTable[] = [];

  let fence: Fence | null = null;
  let inHtmlComment = false;
  let inPercentComment = false;
  let heading: string | null = null;
  let group: string | null = null;
  // Next "|" in the text at or after the current line: says whether a line may hold one
  // without searching every line.
  let nextPipe = -1;
  // Indented code (CommonMark, as Obsidian parses): the content columns of the list items the
  // line may continue (innermost last), the quote depth they are in, and whether the line before
  // was blank. A task line indented 4 or more columns past the innermost item's content (past
  // the quote's, outside a list) is not a task: indented code after a blank line, or the
  // continuation of the paragraph before it.
  const lists: number[] = [];
  let listDepth = 0;
  let prevBlank = true;

  const length = text.length;
  // The line being read: `i` its number, [rawStart, end) its text without the line ending
  // (rawStart at a line's first character; `start` past a byte-order mark on line 0), and
  // `next` the start of the line after it (-1 when this is the last line).
  let i: number;
  let rawStart: number;
  if (fm.block) {
    i = fm.block.closingLine + 1;
    const nl = text.indexOf("\n", fm.block.fenceEnd);
    if (nl < 0) i = -1; // no line after the closing fence
    rawStart = nl + 1;
  } else {
    i = 0;
    rawStart = 0;
  }

  for (; i >= 0; ) {
    const nl = text.indexOf("\n", rawStart);
    const next = nl < 0 ? -1 : nl + 1;
    let end = nl < 0 ? length : nl;
    if (end > rawStart && text.charCodeAt(end - 1) === 13) end--;
    const start = i === 0 && text.charCodeAt(0) === 0xfeff ? 1 : rawStart;
    const lineNo = i;
    // Advance now: every `continue` below moves to the next line (a table moves further).
    const thisStart = rawStart;
    if (next < 0) i = -1; else { i++; rawStart = next; }

    // Quote markers: what the line's content starts after (rare; cut out only then).
    let contentStart = start;
    let prefix = "";
    let at = start;
    while (at < end) {
      const c = text.charCodeAt(at);
      if (c !== 32 && c !== 9) break;
      at++;
    }
    if (text.charCodeAt(at) === GT && at < end) {
      const quote = QUOTE_PREFIX.exec(text.slice(start, end));
      prefix = quote ? (quote[1] ?? "") : "";
      contentStart = start + prefix.length;
      at = contentStart;
      while (at < end) {
        const c = text.charCodeAt(at);
        if (c !== 32 && c !== 9) break;
        at++;
      }
    }
    // A blank line (or a quote marker alone) changes nothing: not a fence's or comment's end,
    // not a heading, task or table row, and it neither opens nor closes anything.
    if (at === end) { prevBlank = true; continue; }
    const wasBlank = prevBlank;
    prevBlank = false;
    const first = text.charCodeAt(at);

    if (fence) {
      if (first === BACKTICK || first === TILDE) {
        const content = text.slice(contentStart, end);
        const marker = FENCE_OPEN.exec(content)?.[1];
        if (marker && marker[0] === fence.char && marker.length >= fence.length && content.trim() === marker) {
          fence = null;
          continue;
        }
      }
      if (fence.quoteDepth > 0 && quoteDepth(prefix) < fence.quoteDepth && NOT_BLANK.test(text.slice(contentStart, end))) fence = null;
      continue;
    }
    if (inHtmlComment) {
      if (text.slice(start, end).includes("-->")) inHtmlComment = false;
      continue;
    }
    if (inPercentComment) {
      if (text.slice(start, end).includes("%%")) inPercentComment = false;
      continue;
    }
    if (first === BACKTICK || first === TILDE) {
      const content = text.slice(contentStart, end);
      const open = FENCE_OPEN.exec(content);
      if (open?.[1]) {
        const marker = open[1];
        // A backtick fence's info string may not contain backticks (CommonMark).
        const info = content.slice(content.indexOf(marker) + marker.length);
        if (marker[0] === "~" || !info.includes("`")) {
          fence = { char: marker[0] ?? "`", length: marker.length, quoteDepth: quoteDepth(prefix) };
          // Like a heading, a fence closes the list items whose content is indented past it.
          let indent = 0;
          for (let k = contentStart; k < at; k++) indent += text.charCodeAt(k) === 9 ? 4 : 1;
          while ((lists[lists.length - 1] ?? -1) > indent) lists.pop();
          continue;
        }
      }
    }
    // `trim()` also drops Unicode spaces, so a line starting with one is checked the long way.
    if (first === LT || first === PERCENT || isOtherSpace(text, at)) {
      const trimmed = text.slice(contentStart, end).trim();
      if (trimmed.startsWith("<!--") && !trimmed.slice(4).includes("-->")) { inHtmlComment = true; continue; }
      if (trimmed.startsWith("%%") && !trimmed.slice(2).includes("%%")) { inPercentComment = true; continue; }
    }

    const isDigit = first >= DIGIT_0 && first <= DIGIT_9;
    // The list items this line continues, and whether it may be a task (see `lists`).
    let mayBeTask = true;
    if (lists.length > 0 || prefix !== "" || listDepth !== 0) {
      const depth = prefix === "" ? 0 : quoteDepth(prefix);
      if (depth !== listDepth) { lists.length = 0; listDepth = depth; }
    }
    const isMarker = first === DASH || first === STAR || first === PLUS || isDigit;
    if (lists.length > 0 || isMarker) {
      let indent = 0;
      for (let k = contentStart; k < at; k++) indent += text.charCodeAt(k) === 9 ? 4 : 1;
      const column = isMarker ? listContentColumn(text, at, end, indent) : -1;
      if (indent - (lists[lists.length - 1] ?? 0) >= 4) {
        mayBeTask = false;
      } else if (column >= 0) {
        while ((lists[lists.length - 1] ?? -1) > indent) lists.pop();
        lists.push(column);
      } else if (wasBlank || ((first === DASH || first === STAR || first === UNDERSCORE) && indent <= 3 && THEMATIC_BREAK.test(text.slice(at, end)))) {
        // (A thematic break, like a heading, is no item's continuation.)
        while ((lists[lists.length - 1] ?? -1) > indent) lists.pop();
      }
    }
    const interesting = first === HASH || first === STAR || first === UNDERSCORE || first === DASH || first === PLUS || isDigit;
    if (nextPipe !== -2 && nextPipe < thisStart) nextPipe = text.indexOf("|", thisStart);
    if (nextPipe === -1) nextPipe = -2; // none left in the note
    const mayHavePipe = nextPipe >= 0 && nextPipe < end;
    if (!interesting && !mayHavePipe) continue;

    if (first === HASH) {
      const h = headingAt(text, contentStart, at, end);
      if (h) {
        // A heading is no list item's continuation: it closes the items whose content is
        // indented past it (an indented line below it is code again, not a nested task).
        while ((lists[lists.length - 1] ?? -1) > at - contentStart) lists.pop();
        headings.push({ line: lineNo, level: h.level, text: h.text });
        heading = h.text;
        group = h.text;
        continue;
      }
    }
    // A bold label line starts with "**" or "__" (which no task does) and ends with the pair, a
    // ":" or a ")" (then spaces or tabs).
    if ((first === STAR || first === UNDERSCORE) && text.charCodeAt(at + 1) === first && endsLikeBoldLabel(text, at, end)) {
      const label = boldLabelAt(text, at, end);
      if (label !== null) {
        boldLabels.push({ line: lineNo, text: label });
        group = label;
        continue;
      }
    }
    if (mayBeTask && (first === DASH || first === STAR || first === PLUS || isDigit)) {
      const charAt = taskCharAt(text, at, end);
      if (charAt >= 0) {
        const char = text[charAt] ?? " ";
        // The item's text: after "]" and one space or tab.
        let textStart = charAt + 2;
        const c = text.charCodeAt(textStart);
        if (textStart < end && (c === 32 || c === 9)) textStart++;
        const after = text.slice(textStart, end);
        let indentWidth = 0;
        for (let k = contentStart; k < at; k++) indentWidth += text.charCodeAt(k) === 9 ? 4 : 1;
        let markerEnd = at + 1;
        while (markerEnd < end && text.charCodeAt(markerEnd) >= DIGIT_0 && text.charCodeAt(markerEnd) <= DIGIT_9) markerEnd++;
        if (isDigit) markerEnd++; // the "." or ")" after the digits
        checkboxes.push({
          line: lineNo, char, checked: char !== " ", label: checkboxLabel(after), text: after,
          group, heading, charOffset: charAt, indent: indentWidth,
          prefix: text.slice(start, at), marker: text.slice(at, markerEnd),
        });
        continue;
      }
    }
    if (mayHavePipe && next >= 0) {
      const nextLine = lineAt(text, next);
      const nextContent = nextLine.slice((QUOTE_PREFIX.exec(nextLine)?.[1] ?? "").length);
      if (TABLE_SEPARATOR.test(nextContent) && nextContent.includes("-")) {
        const header = cells ? tableCells(text.slice(contentStart, end)) : [];
        const rows: string[][] = [];
        // Rows from the line after the separator on, while they hold a "|" and are not blank.
        let j = lineNo + 2;
        let rowStart = text.indexOf("\n", next);
        rowStart = rowStart < 0 ? -1 : rowStart + 1;
        while (rowStart >= 0) {
          const rowLine = lineAt(text, rowStart);
          const rowContent = rowLine.slice((QUOTE_PREFIX.exec(rowLine)?.[1] ?? "").length);
          if (rowContent.trim() === "" || !rowContent.includes("|")) break;
          if (cells) rows.push(tableCells(rowContent));
          j++;
          const after = text.indexOf("\n", rowStart);
          rowStart = after < 0 ? -1 : after + 1;
        }
        tables.push({ line: lineNo, endLine: j - 1, header, rows, group });
        // Reading goes on at the row that ended the table (none left: the note is read).
        i = rowStart < 0 ? -1 : j;
        rawStart = rowStart;
        continue;
      }
    }
  }

  return {
    frontmatter: fm.kind === "ok" ? fm.data : null,
    frontmatterError: fm.kind === "error" ? fm.message : null,
    frontmatterBlock: fm.block,
    checkboxes, headings, boldLabels, tables,
  };
}

/** The line starting at `from`, without its line ending. */
function lineAt(text: string, from: number): string {
  const nl = text.indexOf("\n", from);
  let end = nl < 0 ? text.length : nl;
  if (end > from && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(from, end);
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/** Whether the last character in [from, to) that is not a space or tab may end a bold label line. */
function endsLikeBoldLabel(text: string, from: number, to: number): boolean {
  let k = to - 1;
  while (k >= from && isBlank(text.charCodeAt(k))) k--;
  const c = text.charCodeAt(k);
  return c === STAR || c === UNDERSCORE || c === 58 /* : */ || c === 41 /* ) */;
}

/**
 * The ATX heading whose content is [from, to), its first character not a space or tab at `at`
 * (a "#"), or null: HEADING's rule, by hand. Up to three spaces, one to six "#", then the end or
 * a space or tab; the text runs to an optional closing run of "#" after a space or tab, and
 * trailing spaces and tabs. Like the pattern's `.`, the text may not hold a CR, U+2028 or U+2029.
 */
function headingAt(text: string, from: number, at: number, to: number): { level: number; text: string } | null {
  if (at - from > 3) return null;
  for (let k = from; k < at; k++) if (text.charCodeAt(k) !== 32) return null;
  let p = at;
  while (p < to && text.charCodeAt(p) === HASH) p++;
  const level = p - at;
  if (level > 6) return null;
  if (p === to) return { level, text: "" };
  if (!isBlank(text.charCodeAt(p))) return null;
  for (let k = p; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 13 || c === 0x2028 || c === 0x2029) return null;
  }
  let q = p;
  while (q < to && isBlank(text.charCodeAt(q))) q++;
  // The text ends before trailing spaces and tabs, and before a closing "#" run that follows one.
  let e = to;
  while (e > q && isBlank(text.charCodeAt(e - 1))) e--;
  let h = e;
  while (h > q && text.charCodeAt(h - 1) === HASH) h--;
  if (h < e && h > q && isBlank(text.charCodeAt(h - 1))) {
    e = h;
    while (e > q && isBlank(text.charCodeAt(e - 1))) e--;
  }
  return { level, text: text.slice(q, e).trim() };
}

/**
 * The label of a bold label line (`**Design Patterns Observed**:`, `__Tech Stack__ (optional)`),
 * whose content's first character that is not a space or tab is at `at`, or null: BOLD_LABEL's
 * rule, by hand. "**" (or "__"), text without that character, the same pair, then nothing but
 * spaces or tabs, at most a ":" and at most one "(…)" before an optional last ":".
 */
function boldLabelAt(text: string, at: number, to: number): string | null {
  const mark = text.charCodeAt(at);
  const textStart = at + 2;
  let k = textStart;
  while (k < to && text.charCodeAt(k) !== mark) k++;
  if (k === textStart || k + 1 >= to || text.charCodeAt(k + 1) !== mark) return null;
  const textEnd = k;
  k += 2;
  while (k < to && isBlank(text.charCodeAt(k))) k++;
  if (k < to && text.charCodeAt(k) === 58 /* : */) k++;
  while (k < to && isBlank(text.charCodeAt(k))) k++;
  if (k < to && text.charCodeAt(k) === 40 /* ( */) {
    k++;
    while (k < to && text.charCodeAt(k) !== 41 /* ) */) k++;
    if (k >= to) return null;
    k++;
  }
  while (k < to && isBlank(text.charCodeAt(k))) k++;
  if (k < to && text.charCodeAt(k) === 58) k++;
  while (k < to && isBlank(text.charCodeAt(k))) k++;
  if (k < to) return null;
  let label = text.slice(textStart, textEnd).trim();
  if (label.endsWith(":")) label = label.slice(0, -1).trim();
  return label;
}

/**
 * Where the task character of a task list item is, when the content starting at `at` (its first
 * character that is not a space or tab) up to `end` is one: TASK's rule, by hand — a marker
 * (`-`, `*`, `+`, or 1 to 9 digits and `.` or `)`), spaces or tabs, `[c]` with c not `]`, and then
 * a space, a tab or the end of the line. -1 when it is not a task.
 */
/** The offset just past a list marker (`-`, `*`, `+`, or up to nine digits and `.` or `)`) at `at`; -1 when there is none. */
function markerEnd(text: string, at: number, end: number): number {
  let k = at;
  const first = text.charCodeAt(k);
  if (first >= DIGIT_0 && first <= DIGIT_9) {
    while (k < end && text.charCodeAt(k) >= DIGIT_0 && text.charCodeAt(k) <= DIGIT_9) k++;
    if (k - at > 9) return -1;
    const close = text.charCodeAt(k);
    if (k >= end || (close !== 46 /* . */ && close !== 41 /* ) */)) return -1;
  } else if (first !== DASH && first !== STAR && first !== PLUS) {
    return -1;
  }
  k++;
  return k;
}

/**
 * The content column of the list item starting at `at` (its marker, indented `indent` columns):
 * past the marker and the 1 to 4 spaces or tabs after it (one, when there are more or none
 * before the line's end); -1 when the line does not start a list item.
 */
function listContentColumn(text: string, at: number, end: number, indent: number): number {
  let k = markerEnd(text, at, end);
  if (k < 0) return -1;
  const marker = indent + (k - at);
  if (k >= end) return marker + 1;
  let blanks = 0;
  while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) { blanks += text.charCodeAt(k) === 9 ? 4 : 1; k++; }
  if (blanks === 0) return -1;
  return k >= end || blanks > 4 ? marker + 1 : marker + blanks;
}

function taskCharAt(text: string, at: number, end: number): number {
  let k = markerEnd(text, at, end);
  if (k < 0) return -1;
  const blanks = k;
  while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  // At least one space or tab, then "[c]" within the line.
  if (k === blanks || k + 3 > end) return -1;
  if (text.charCodeAt(k) !== 91 /* [ */) return -1;
  const char = text.charCodeAt(k + 1);
  if (char === 93 /* ] */ || char === 13 || char === 10) return -1;
  if (text.charCodeAt(k + 2) !== 93) return -1;
  const after = k + 3;
  if (after < end) {
    const c = text.charCodeAt(after);
    if (c !== 32 && c !== 9) return -1;
  }
  return k + 1;
}

function knownFrontmatter(text: string, data: Frontmatter): FrontmatterResult {
  const block = locateFrontmatter(text);
  return block ? { kind: "ok", block, data } : { kind: "none", block: null };
}
