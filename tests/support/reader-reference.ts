/**
 * FROZEN REFERENCE COPY of src/core/reader.ts as it was before the offset-walking rewrite
 * (commit 0a568ae). Do not change it: tests/core/reader-equivalence.property.test.ts proves the
 * rewritten reader returns deep-equal results to this one on generated notes.
 */
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
import { type Frontmatter, type FrontmatterBlock, type FrontmatterResult, locateFrontmatter } from "../../src/core/frontmatter";
import { readFrontmatterFast } from "../../src/core/frontmatter-fast";

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
const LIST_ITEM = /^[ \t]*([-*+]|\d{1,9}[.)])(?:([ \t]+)(.?)|$)/;
const TASK = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)\[([^\]\r\n])\](?=[ \t]|$)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const BOLD_LABEL = /^[ \t]*(?:\*\*([^*]+?)\*\*|__([^_]+?)__)[ \t]*:?[ \t]*(?:\([^)]*\))?[ \t]*:?[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const BOLD_IN_TEXT = /\*\*([^*]+?)\*\*|__([^_]+?)__/;
const NOT_BLANK = /\S/;
/** White space `trim()` removes other than a space or tab (and the line breaks lines never hold). */
const OTHER_SPACE = /[^\S \t]/;
const GT = 62, BACKTICK = 96, TILDE = 126, LT = 60, PERCENT = 37, HASH = 35, STAR = 42, UNDERSCORE = 95,
  DASH = 45, PLUS = 43, DIGIT_0 = 48, DIGIT_9 = 57;

function endsLikeBoldLabel(s: string): boolean {
  let k = s.length - 1;
  while (k >= 0 && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k--;
  const c = s.charCodeAt(k);
  return c === STAR || c === UNDERSCORE || c === 58 /* : */ || c === 41 /* ) */;
}

/** Index of the first character at or after `from` that is not a space or a tab. */
function skipBlanks(s: string, from: number): number {
  let k = from;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9) break;
    k++;
  }
  return k;
}

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
  const bold = BOLD_IN_TEXT.exec(text);
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

/** Reads a note. Never throws: broken YAML comes back as `frontmatterError`. */
export function readNote(text: string, options: ReadOptions = {}): ParsedNote {
  // The fast path answers for simple YAML (as the full parser would) and defers to it otherwise.
  const fm = options.frontmatter ? knownFrontmatter(text, options.frontmatter) : readFrontmatterFast(text);
  const { lines, starts } = splitLines(text);
  const firstBodyLine = fm.block ? fm.block.closingLine + 1 : 0;

  const checkboxes: Checkbox[] = [];
  const headings: Heading[] = [];
  const boldLabels: BoldLabel[] = [];
  const tables: MarkdownTable[] = [];

  let fence: Fence | null = null;
  let inHtmlComment = false;
  let inPercentComment = false;
  let heading: string | null = null;
  let group: string | null = null;
  // Next "|" in the text at or after the current line: says whether a line may start a table
  // without searching every line.
  let nextPipe = -1;
  // Indented code (added with issue 13): content columns of the open list items (innermost
  // last), their quote depth, and whether the line before was blank. A task indented 4 or more
  // columns past the innermost item's content is indented code or a paragraph's continuation.
  let lists: number[] = [];
  let listDepth = 0;
  let prevBlank = true;

  for (let i = firstBodyLine; i < lines.length; i++) {
    let line = lines[i] ?? "";
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    // Most lines are prose, list items or blank: look at the first character that is not a
    // space or tab and run only the patterns that can start with it (a hot loop on every change).
    let prefix = "";
    let content = line;
    if (line.charCodeAt(skipBlanks(line, 0)) === GT) {
      const quote = QUOTE_PREFIX.exec(line);
      prefix = quote ? (quote[1] ?? "") : "";
      content = line.slice(prefix.length);
    }
    const at = skipBlanks(content, 0);
    const first = content.charCodeAt(at);
    if (at === content.length) { prevBlank = true; continue; }
    const wasBlank = prevBlank;
    prevBlank = false;

    if (fence) {
      if (first === BACKTICK || first === TILDE) {
        const close = FENCE_OPEN.exec(content);
        const marker = close?.[1];
        if (marker && marker[0] === fence.char && marker.length >= fence.length && content.trim() === marker) {
          fence = null;
          continue;
        }
      }
      if (fence.quoteDepth > 0 && quoteDepth(prefix) < fence.quoteDepth && NOT_BLANK.test(content)) fence = null;
      continue;
    }
    if (inHtmlComment) {
      if (line.includes("-->")) inHtmlComment = false;
      continue;
    }
    if (inPercentComment) {
      if (line.includes("%%")) inPercentComment = false;
      continue;
    }
    if (first === BACKTICK || first === TILDE) {
      const open = FENCE_OPEN.exec(content);
      if (open?.[1]) {
        const marker = open[1];
        // A backtick fence's info string may not contain backticks (CommonMark).
        const info = content.slice(content.indexOf(marker) + marker.length);
        if (marker[0] === "~" || !info.includes("`")) {
          fence = { char: marker[0] ?? "`", length: marker.length, quoteDepth: quoteDepth(prefix) };
          // A fence closes the list items whose content is indented past it.
          lists = lists.filter((c) => c <= (/^[ \t]*/.exec(content)?.[0] ?? "").replace(/\t/g, "    ").length);
          continue;
        }
      }
    }
    // `trim()` also drops Unicode spaces, so a line starting with one is checked the long way.
    if (first === LT || first === PERCENT || (at < content.length && OTHER_SPACE.test(content[at] ?? ""))) {
      const trimmed = content.trim();
      if (trimmed.startsWith("<!--") && !trimmed.slice(4).includes("-->")) { inHtmlComment = true; continue; }
      if (trimmed.startsWith("%%") && !trimmed.slice(2).includes("%%")) { inPercentComment = true; continue; }
    }

    const depth = quoteDepth(prefix);
    if (depth !== listDepth) { lists = []; listDepth = depth; }
    const indentWidth = content.slice(0, at).replace(/\t/g, "    ").length;
    const item = LIST_ITEM.exec(content);
    const top = lists.length > 0 ? lists[lists.length - 1] ?? 0 : 0;
    let mayBeTask = true;
    if (indentWidth - top >= 4) {
      mayBeTask = false;
    } else if (item) {
      const spaces = (item[2] ?? "").replace(/\t/g, "    ").length;
      const markerEnd = indentWidth + (item[1] ?? "").length;
      lists = lists.filter((c) => c <= indentWidth);
      lists.push(!item[3] || spaces > 4 ? markerEnd + 1 : markerEnd + spaces);
    } else if (wasBlank || (indentWidth <= 3 && /^(?:-{3,}|\*{3,}|_{3,})[ \t]*$/.test(content.slice(at)))) {
      // (A thematic break closes the items indented past it, as a blank line may.)
      lists = lists.filter((c) => c <= indentWidth);
    }

    const lineStart = starts[i] ?? 0;
    if (nextPipe !== -2 && nextPipe < lineStart) nextPipe = text.indexOf("|", lineStart);
    if (nextPipe === -1) nextPipe = -2; // none left in the note
    const mayHavePipe = nextPipe >= 0 && nextPipe < lineStart + (lines[i] ?? "").length;
    if (first !== HASH && first !== STAR && first !== UNDERSCORE && first !== DASH && first !== PLUS
      && !(first >= DIGIT_0 && first <= DIGIT_9) && !mayHavePipe) continue;

    const h = first === HASH ? HEADING.exec(content) : null;
    if (h?.[1]) {
      // A heading closes the list items whose content is indented past it.
      lists = lists.filter((c) => c <= indentWidth);
      const textOfHeading = (h[2] ?? "").trim();
      headings.push({ line: i, level: h[1].length, text: textOfHeading });
      heading = textOfHeading;
      group = textOfHeading;
      continue;
    }
    // A bold label line ends with the bold text's closing `**` / `__`, a `:` or a `)`.
    const bold = (first === STAR || first === UNDERSCORE) && endsLikeBoldLabel(content) ? BOLD_LABEL.exec(content) : null;
    if (bold) {
      const label = (bold[1] ?? bold[2] ?? "").trim().replace(/:$/, "").trim();
      boldLabels.push({ line: i, text: label });
      group = label;
      continue;
    }
    const task = mayBeTask && (first === DASH || first === STAR || first === PLUS || (first >= DIGIT_0 && first <= DIGIT_9)) ? TASK.exec(content) : null;
    if (task) {
      const [whole, indent = "", marker = "", , char = " "] = task;
      const charOffset = (starts[i] ?? 0) + (line.length - content.length) + whole.length - 2
        + (i === 0 && lines[0] !== line ? 1 : 0);
      const after = content.slice(whole.length).replace(/^[ \t]/, "");
      checkboxes.push({
        line: i, char, checked: char !== " ", label: checkboxLabel(after), text: after,
        group, heading, charOffset, indent: indent.replace(/\t/g, "    ").length,
        prefix: line.slice(0, line.length - content.length) + indent, marker,
      });
      continue;
    }
    const next = lines[i + 1];
    if (mayHavePipe && content.includes("|") && next !== undefined) {
      const nextContent = next.slice((QUOTE_PREFIX.exec(next)?.[1] ?? "").length);
      if (TABLE_SEPARATOR.test(nextContent) && nextContent.includes("-")) {
        const cells = options.tableCells ?? true;
        const header = cells ? tableCells(content) : [];
        const rows: string[][] = [];
        let j = i + 2;
        for (; j < lines.length; j++) {
          const rowLine = lines[j] ?? "";
          const rowContent = rowLine.slice((QUOTE_PREFIX.exec(rowLine)?.[1] ?? "").length);
          if (rowContent.trim() === "" || !rowContent.includes("|")) break;
          if (cells) rows.push(tableCells(rowContent));
        }
        tables.push({ line: i, endLine: j - 1, header, rows, group });
        i = j - 1;
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

function knownFrontmatter(text: string, data: Frontmatter): FrontmatterResult {
  const block = locateFrontmatter(text);
  return block ? { kind: "ok", block, data } : { kind: "none", block: null };
}
