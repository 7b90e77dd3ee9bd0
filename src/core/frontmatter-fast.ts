/**
 * A fast reader for the frontmatter most notes have: top-level `key: value` lines and block lists
 * of scalars (`- item`), plain or quoted. It resolves scalars as the `yaml` package's core schema
 * does (null, booleans, decimal integers, strings) and gives up — returning undefined — on
 * anything else (flow collections, block scalars, anchors, escapes, floats, comments after
 * values, odd indentation, repeated keys), so the caller falls back to the full parser. Whenever
 * it answers, the answer equals `parseFrontmatterYaml`'s (tested on generated frontmatter).
 *
 * Why: the command-line `table` reads every note of a vault; the full YAML parser costs more
 * than reading the files, this costs a small fraction of it.
 */
import { type Frontmatter, type FrontmatterBlock, type FrontmatterResult, parseFrontmatterYaml } from "./frontmatter";

const RESERVED_LIST: readonly string[] = ["__proto__", "constructor", "prototype", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"];
/** The lengths of RESERVED_LIST's words, as bits. */
const RESERVED_LENGTHS = RESERVED_LIST.reduce((mask, word) => mask | (1 << word.length), 0);
/** Plain scalars starting like a number that the core schema reads as a float or a non-decimal int. */
const NUMBERISH = /^[-+]?(?:\.(?:inf|Inf|INF|[0-9])|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|0o|0x)|^\.(?:nan|NaN|NAN)$/;

/** Whether `word` is written in `text` at `at`. */
function wordAt(text: string, at: number, word: string): boolean {
  for (let j = 0; j < word.length; j++) if (text.charCodeAt(at + j) !== word.charCodeAt(j)) return false;
  return true;
}

/** Whether `text[a, a + len)` and `text[b, b + len)` are the same characters. */
function sameText(text: string, a: number, b: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (text.charCodeAt(a + j) !== text.charCodeAt(b + j)) return false;
  return true;
}

/** `only` as an array (iterating a set allocates an iterator per call); remade when `only` changes. */
let onlySet: ReadonlySet<string> | null = null;
let onlyList: readonly string[] = [];

/** The string of `only` that `text[at, at + len)` spells, or null. */
function keyIn(only: ReadonlySet<string>, text: string, at: number, len: number): string | null {
  if (only !== onlySet) { onlySet = only; onlyList = [...only]; }
  for (let j = 0; j < onlyList.length; j++) {
    const key = onlyList[j];
    if (key.length === len && wordAt(text, at, key)) return key;
  }
  return null;
}

/** Whether `text[at, at + len)` is one of RESERVED_LIST (most keys are ruled out by their length). */
function isReserved(text: string, at: number, len: number): boolean {
  if (len > 30 || (RESERVED_LENGTHS & (1 << len)) === 0) return false;
  for (let j = 0; j < RESERVED_LIST.length; j++) {
    const reserved = RESERVED_LIST[j];
    if (reserved.length === len && wordAt(text, at, reserved)) return true;
  }
  return false;
}

/** The sentinel for "not sure": the caller must use the full parser. */
type Unsure = undefined;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isKeyChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 45;

/** Characters that may not start a plain scalar: - ? : , [ ] { } # & * ! | > ' " % @ ` */
function isIndicator(c: number): boolean {
  switch (c) {
    case 45: case 63: case 58: case 44: case 91: case 93: case 123: case 125: case 35: case 38: case 42:
    case 33: case 124: case 62: case 39: case 34: case 37: case 64: case 96:
      return true;
    default:
      return false;
  }
}

/**
 * What `parseRange` searches, so that searches stop at the block's end: a whole note's body may
 * hold no tab, CR, ` #` or colon, and a search of the note itself would run to its end (for a
 * 20 KB note that cost five times the parse). `region` is the block cut out of the note (a slice:
 * no copy) at offset `base`, or the note itself when little follows the block (a note's head
 * read by the command-line tool). Characters are read from the note, never from the slice.
 * (Set by parseRange; everything here is synchronous.)
 */
let region = "";
let base = 0;
let blockEnd = 0;

/** The first `what` in the block at or after `from` (an offset in the note), or -1. */
function findInBlock(what: string, from: number): number {
  const at = region.indexOf(what, from - base);
  return at < 0 || at + base >= blockEnd ? -1 : at + base;
}

/**
 * Where the next ` #` and `:` are: values are read in order, so one search serves every value
 * before the hit (a list of tags without colons would otherwise search to the block's end once
 * per item).
 */
let commentAt = -1;
let commentSearchedFrom = 0;
let colonAt = -1;
let colonSearchedFrom = 0;

function startSearches(text: string, start: number, n: number): void {
  const whole = text.length - n < 256;
  region = whole ? text : text.slice(start, n);
  base = whole ? 0 : start;
  blockEnd = n;
  commentSearchedFrom = start;
  commentAt = findInBlock(" #", start);
  colonSearchedFrom = start;
  colonAt = findInBlock(":", start);
}

/** The position of the next ` #` at or after `from` (Infinity when none in the block). */
function nextCommentAt(from: number): number {
  if (from < commentSearchedFrom || (commentAt >= 0 && commentAt < from)) {
    commentSearchedFrom = from;
    commentAt = findInBlock(" #", from);
  }
  return commentAt < 0 ? Infinity : commentAt;
}

/** The position of the next `:` at or after `from` (Infinity when none in the block). */
function nextColonAt(from: number): number {
  if (from < colonSearchedFrom || (colonAt >= 0 && colonAt < from)) {
    colonSearchedFrom = from;
    colonAt = findInBlock(":", from);
  }
  return colonAt < 0 ? Infinity : colonAt;
}

/**
 * The scalar in `text[from, to)` (no surrounding spaces) as the core schema resolves it; undefined
 * when unsure. With `keep` false it only checks that the scalar is simple (returns null when so).
 */
function scalar(text: string, from: number, to: number, keep = true): unknown {
  if (from >= to) return null;
  const first = text.charCodeAt(from);
  if (first === 34 /* " */) {
    if (to - from < 2 || text.charCodeAt(to - 1) !== 34) return undefined;
    for (let i = from + 1; i < to - 1; i++) {
      const c = text.charCodeAt(i);
      if (c === 34 || c === 92 /* \ */) return undefined;
    }
    return text.slice(from + 1, to - 1);
  }
  if (first === 39 /* ' */) {
    if (to - from < 2 || text.charCodeAt(to - 1) !== 39) return undefined;
    let doubled = false;
    for (let i = from + 1; i < to - 1; i++) {
      if (text.charCodeAt(i) !== 39) continue;
      // Inside single quotes only '' is special; a lone ' would end the scalar early.
      if (i + 1 < to - 1 && text.charCodeAt(i + 1) === 39) { doubled = true; i++; } else return undefined;
    }
    if (!keep) return null;
    const inner = text.slice(from + 1, to - 1);
    return doubled ? inner.replace(/''/g, "'") : inner;
  }
  if (isIndicator(first)) return undefined;
  // `: ` (or a final `:`) would make a mapping and ` #` a comment: unsure. Found with the engine's
  // string search rather than a test per character (this runs for every value of every note).
  for (let colon = nextColonAt(from); colon < to; colon = nextColonAt(colon + 1)) {
    if (colon + 1 === to || text.charCodeAt(colon + 1) === 32) return undefined;
  }
  if (nextCommentAt(from) < to) return undefined;
  let digits = isDigit(first) || first === 43 /* + */;
  for (let i = from + 1; digits && i < to; i++) if (!isDigit(text.charCodeAt(i))) digits = false;
  if (!keep && !digits && !isDigit(first) && first !== 46) return null;
  const raw = text.slice(from, to);
  if (to - from <= 5) {
    switch (raw) {
      case "~": case "null": case "Null": case "NULL": return null;
      case "true": case "True": case "TRUE": return true;
      case "false": case "False": case "FALSE": return false;
    }
  }
  if (digits && (first !== 43 || to - from > 1)) return parseInt(raw, 10);
  if ((isDigit(first) || first === 43 || first === 46) && NUMBERISH.test(raw)) return undefined;
  return raw;
}

/**
 * Parses the YAML text of a frontmatter block when it is simple enough; undefined when unsure.
 * `{data: null}` is an empty (or comments-only) block, as the full parser says.
 * One pass over the text with character tests (no per-line regular expressions or splits): this
 * runs once per note of a vault. With `only`, the result holds just those keys; the others are
 * still checked (so the answer is the full parser's, projected), not copied out of the text.
 */
export function parseSimpleFrontmatter(yaml: string, only?: ReadonlySet<string>): { data: Frontmatter | null } | Unsure {
  return parseRange(yaml, 0, yaml.length, only);
}

/** Line endings the last `parseRange` went past (set even when it gave up: then partly counted). */
let linesRead = 0;

/**
 * `parseSimpleFrontmatter` of `yaml.slice(start, n)`, read in place: a slice would be a string
 * that points into the note's text, and reading characters through it costs more than the parse.
 */
function parseRange(yaml: string, start: number, n: number, only?: ReadonlySet<string>): { data: Frontmatter | null } | Unsure {
  startSearches(yaml, start, n);
  if (findInBlock("\t", start) >= 0) return undefined;
  for (let r = findInBlock("\r", start); r >= 0; r = findInBlock("\r", r + 1)) {
    if (r + 1 >= n || yaml.charCodeAt(r + 1) !== 10) return undefined;
  }
  const data: Frontmatter = {};
  let keys = 0;
  let list: unknown[] | null = null;
  let listIndent = -1;
  /** After a key written `key:` with nothing after it: a list may follow, else its value is null. */
  let pending = false;
  /** That key's property name when it is kept (null for keys outside `only`). */
  let pendingKey: string | null = null;
  /** Whether the current list's items are kept (false for keys outside `only`). */
  let keepList = true;
  /**
   * Every key so far, as start and end offsets: a repeat is an error to the full parser. Keys are
   * compared in place, and a kept key is stored under `only`'s own string: cutting each key out of
   * the text and looking it up (hashing, interning) cost more than the rest of the parse.
   */
  const seen: number[] = [];
  let pos = start;
  linesRead = 0;
  while (pos < n) {
    let end = yaml.indexOf("\n", pos);
    if (end < 0 || end >= n) end = n;
    else linesRead++;
    const lineStart = pos;
    pos = end + 1;
    if (end > lineStart && yaml.charCodeAt(end - 1) === 13) end--;
    let i = lineStart;
    while (i < end && yaml.charCodeAt(i) === 32) i++;
    while (end > i && yaml.charCodeAt(end - 1) === 32) end--;
    if (i === end) continue;
    const c = yaml.charCodeAt(i);
    if (c === 35 /* # */) continue;
    const indent = i - lineStart;

    if (c === 45 /* - */ && (i + 1 === end || yaml.charCodeAt(i + 1) === 32)) {
      if (pending) {
        list = [];
        keepList = pendingKey !== null;
        if (pendingKey !== null) data[pendingKey] = list;
        pending = false;
        pendingKey = null;
        listIndent = indent;
      } else if (list === null || indent !== listIndent) return undefined;
      let v = i + 1;
      while (v < end && yaml.charCodeAt(v) === 32) v++;
      const value = scalar(yaml, v, end, keepList);
      if (value === undefined) return undefined;
      if (keepList) list.push(value);
      continue;
    }

    if (pending) { if (pendingKey !== null) data[pendingKey] = null; pending = false; pendingKey = null; }
    list = null;
    if (indent !== 0) return undefined;
    // key: [A-Za-z_][A-Za-z0-9_-]*, words separated by single spaces, then ':'
    if (!(isKeyChar(c) && !isDigit(c) && c !== 45)) return undefined;
    let k = i + 1;
    for (; k < end; k++) {
      const d = yaml.charCodeAt(k);
      if (isKeyChar(d)) continue;
      if (d === 32 && k + 1 < end && isKeyChar(yaml.charCodeAt(k + 1))) continue;
      break;
    }
    if (k >= end || yaml.charCodeAt(k) !== 58 /* : */) return undefined;
    const len = k - i;
    if (isReserved(yaml, i, len)) return undefined;
    for (let s = 0; s < seen.length; s += 2) {
      const a = seen[s];
      if (seen[s + 1] - a === len && sameText(yaml, a, i, len)) return undefined;
    }
    seen.push(i, k);
    keys++;
    const key = only ? keyIn(only, yaml, i, len) : yaml.slice(i, k);
    let v = k + 1;
    if (v < end && yaml.charCodeAt(v) !== 32) return undefined;
    while (v < end && yaml.charCodeAt(v) === 32) v++;
    if (v === end) { pending = true; pendingKey = key; continue; }
    const value = scalar(yaml, v, end, key !== null);
    if (value === undefined) return undefined;
    if (key !== null) data[key] = value;
  }
  if (pending && pendingKey !== null) data[pendingKey] = null;
  return { data: keys === 0 ? null : data };
}

/** True when `text[from…]` is `---`, then spaces or tabs, then (a CR and) a line end or the text's end. */
function fenceAt(text: string, from: number): number {
  if (text.charCodeAt(from) !== 45 || text.charCodeAt(from + 1) !== 45 || text.charCodeAt(from + 2) !== 45) return -1;
  let i = from + 3;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const end = i;
  if (i < text.length && text.charCodeAt(i) === 13) i++;
  return i === text.length || text.charCodeAt(i) === 10 ? end : -1;
}

/**
 * `locateFrontmatter` with native string searches instead of a slice and a regular expression
 * per line: the same block, found faster (tested against it on generated notes).
 */
export function locateFrontmatterFast(text: string): FrontmatterBlock | null {
  return locateBlock(text, true);
}

/**
 * The block; with `countLines` false its `closingLine` is left at -1 for the caller to fill in
 * (the fast parse reads every line of the block anyway: counting them again cost a search per line).
 */
function locateBlock(text: string, countLines: boolean): FrontmatterBlock | null {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = text.indexOf("\n", bom);
  if (firstEnd < 0) return null;
  const openEnd = fenceAt(text, bom);
  if (openEnd < 0 || openEnd > firstEnd) return null;
  const eol: "\n" | "\r\n" = text.charCodeAt(firstEnd - 1) === 13 ? "\r\n" : "\n";
  const yamlStart = firstEnd + 1;
  let search = firstEnd;
  for (;;) {
    const at = text.indexOf("\n---", search);
    if (at < 0) return null;
    const lineStart = at + 1;
    const fenceEnd = fenceAt(text, lineStart);
    if (fenceEnd >= 0) {
      const closingLine = countLines ? 1 + linesBetween(text, yamlStart, lineStart) : -1;
      return { bom, eol, yamlStart, yamlEnd: lineStart, fenceEnd, closingLine, yaml: text.slice(yamlStart, lineStart) };
    }
    search = lineStart;
  }
}

/** How many line feeds `text[from, to)` holds. */
function linesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let nl = text.indexOf("\n", from); nl >= 0 && nl < to; nl = text.indexOf("\n", nl + 1)) count++;
  return count;
}

/**
 * `readFrontmatter`, taking the fast path when it can: same result, same errors. With `only`,
 * the data may hold just those keys (when the fast path answered) or all of them.
 */
export function readFrontmatterFast(text: string, only?: ReadonlySet<string>): FrontmatterResult {
  const block = locateBlock(text, false);
  if (!block) return { kind: "none", block: null };
  const fast = parseRange(text, block.yamlStart, block.yamlEnd, only);
  // The block's lines all end in a line feed: an answer means the parse went past every one.
  block.closingLine = 1 + (fast ? linesRead : linesBetween(text, block.yamlStart, block.yamlEnd));
  const { data, error } = fast ? { data: fast.data, error: null } : parseFrontmatterYaml(block.yaml);
  if (error !== null) return { kind: "error", block, message: error };
  if (data === null) return { kind: "none", block };
  return { kind: "ok", block, data };
}
