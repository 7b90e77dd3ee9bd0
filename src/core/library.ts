/**
 * The use-case library: the collection of small use-case notes the deep-dive template starts from
 * (`<collection>/NN_Category/Industry/YYYY_Company_Title.md`, each with a Metadata block and a
 * Link section), read in place and never written. Each note is an entry; an entry is analysed
 * when an analysis or case study cites its address. Pure: the plugin feeds it from the vault,
 * the command-line tool from files.
 */
import { articlesProperty, listedLinksAndUrls, oneLine } from "./articles";
import { readFrontmatterFast } from "./frontmatter-fast";
import { isSpace } from "./study-read";
import { folderNameToLabel } from "./taxonomy";
import { canonicalUrl } from "./url";

/** The industry an entry counts under when the taxonomy does not know its own (or it joins two). */
export const OTHERS = "Others";

/**
 * What a list of the collection and its coverage need of an entry (the CLI's `library` prints no
 * more): `LibraryEntry` without the description and the tags, which only the view's search reads.
 */
export interface LibraryListing {
  /** Vault-relative path, `/`-separated. */
  path: string;
  /** One line: trimmed, white space runs as one space. */
  title: string;
  company: string;
  year: number | null;
  /** The address as the entry gives it, trimmed ("" when it gives none). */
  url: string;
  /** Its canonical form (as article notes use), null when it is not a web address. */
  canonical: string | null;
  /** From the category folder, as the taxonomy spells it (the folder's words when the taxonomy lacks it). */
  category: string;
  /** From the industry folder, as the taxonomy spells it; `Others` when it does not know it (unless mapped). */
  industry: string;
  /** The industry as the entry writes it (its Metadata line, else its folder), for display. */
  industryAsWritten: string;
}

export interface LibraryEntry extends LibraryListing {
  tags: string[];
  /** The Short Description, one line. */
  description: string;
}

export interface LibraryTaxonomy {
  categories: readonly string[];
  industries: readonly string[];
  /** Industry as written (or its folder's words) → a taxonomy industry; keys compared without case. */
  industryMap?: Readonly<Record<string, string>>;
}

/** Folder name → its words: a collection has a few dozen folders and thousands of notes in them. */
const labels = new Map<string, string>();
function folderLabel(folder: string): string {
  let label = labels.get(folder);
  if (label === undefined) {
    label = folderNameToLabel(folder);
    if (labels.size < 10_000) labels.set(folder, label);
  }
  return label;
}

/** `oneLine` of the whole text (`tidyAt`). */
function tidy(text: string): string {
  return tidyAt(text, 0, text.length);
}

/**
 * `oneLine` of [from, to) of `text`, skipping the work for most values: when the range, trimmed
 * (as `trim` does), is one tidy line, that is what `oneLine` makes of it, and it is checked in the
 * note's text and cut out once.
 */
function tidyAt(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return isTidy(text, a, b) ? text.slice(a, b) : oneLine(text.slice(from, to));
}

/**
 * Whether [from, to) of the text is one tidy line: no control character, no white space but single spaces
 * between words. Printable ASCII, most of a value, is passed over at once; after a space, only a
 * second space need be looked for here (any other white space fails when its turn comes).
 */
function isTidy(text: string, from: number, to: number): boolean {
  if (to > from && (text.charCodeAt(from) === 32 || text.charCodeAt(to - 1) === 32)) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 127) continue;
    if (c === 32) { if (text.charCodeAt(i + 1) === 32) return false; } else if (c < 32 || c === 127 || isSpace(c)) return false;
  }
  return true;
}

/**
 * The value as a string of its own. A value cut out of a note's text (a slice, a pattern's
 * capture) may keep the whole text alive in the JavaScript engine as long as the value lives, and
 * entries live as long as the index: for a collection of 10,000 notes that is every note's text
 * kept, copied at each collection of young objects. Joining and cutting again makes a fresh
 * string (short ones are copied anyway).
 */
export function own(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/**
 * Values many entries share (companies, industries as written, tags): one string of its own for
 * each, kept while the vault is open (at most 10,000), instead of a copy per entry.
 */
const sharedValues = new Map<string, string>();
function shared(s: string): string {
  let value = sharedValues.get(s);
  if (value === undefined) {
    value = own(s);
    if (sharedValues.size < 10_000) sharedValues.set(value, value);
  }
  return value;
}

function inList(value: string, list: readonly string[]): string | null {
  const v = value.trim().toLowerCase();
  return list.find((x) => x.toLowerCase() === v) ?? null;
}

/**
 * Where the collection is when the settings do not say: the folder whose notes lie most often at
 * `<folder>/NN_Category/Industry/<note>.md`. "" is the vault's root; null when no note lies so.
 * (Whether those notes are use cases is told by reading them: `readEntry` returns null otherwise.)
 */
export function detectCollectionFolder(paths: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  // Notes come folder by folder: a run of notes under one root is counted, then added to its count.
  let root: string | null = null;
  let run = 0;
  const add = (): void => { if (root !== null) counts.set(root, (counts.get(root) ?? 0) + run); };
  for (const p of paths) {
    // `<root>/NN_Category/Industry/<note>`: the last three `/`-parts, found from the end without splitting the path.
    const file = p.lastIndexOf("/");
    if (file <= 0) continue;
    const industry = p.lastIndexOf("/", file - 1);
    if (industry <= 0) continue;
    const category = p.lastIndexOf("/", industry - 1);
    if (!isCategoryFolder(p, category + 1, industry)) continue;
    const end = category < 0 ? 0 : category;
    if (root !== null && end === root.length && p.startsWith(root)) { run++; continue; }
    add();
    root = p.slice(0, end);
    run = 1;
  }
  add();
  let best: string | null = null;
  let most = 0;
  for (const [root, n] of counts) if (n > most) { best = root; most = n; }
  return best;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether the folder name [from, to) of `path` starts like a category folder's: two digits and `_`. */
function isCategoryFolder(path: string, from: number, to: number): boolean {
  return to - from >= 3 && isDigit(path.charCodeAt(from)) && isDigit(path.charCodeAt(from + 1)) && path.charCodeAt(from + 2) === 95 /* _ */;
}

/** Whether the path ends in `.md`, any case. */
function isMarkdownPath(path: string): boolean {
  const n = path.length;
  return n >= 3 && path.charCodeAt(n - 3) === 46 /* . */ && (path.charCodeAt(n - 2) | 32) === 109 /* m */ && (path.charCodeAt(n - 1) | 32) === 100 /* d */;
}

/** The part of `path` under the collection folder, as [category folder, industry folder, file], or null. */
export function collectionParts(path: string, folder: string): [string, string, string] | null {
  // Offsets, not a split: it runs on every note of the vault.
  let from = 0;
  if (folder !== "") {
    if (!path.startsWith(folder) || path.charCodeAt(folder.length) !== 47 /* / */) return null;
    from = folder.length + 1;
  }
  if (!isMarkdownPath(path)) return null;
  const category = path.indexOf("/", from);
  if (category < 0) return null;
  const industry = path.indexOf("/", category + 1);
  if (industry < 0 || path.indexOf("/", industry + 1) >= 0 || !isCategoryFolder(path, from, category)) return null;
  return [path.slice(from, category), path.slice(category + 1, industry), path.slice(industry + 1)];
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const BARE_URL = /https?:\/\/[^\s<>)\]"'`]+/i;

/** The sections of an entry note whose lines are read; any other heading starts one that is not. */
const enum Section { Other, Metadata, Description, Link }

/** The Metadata keys an entry reads; any other is passed over. */
const enum Key { None, Other, Company, Industry, Year, Tags }

/**
 * Whether a character of a line of the note `readEntry` reads is a line terminator (which `.`
 * does not match): its lines are cut at line feeds and carriage returns are made line feeds, so
 * only the line and paragraph separators (U+2028, U+2029) are left to look for.
 */
const isSeparator = (c: number): boolean => (c | 1) === 0x2029;

/** Section names, lower-cased, by `Section`. */
const SECTIONS = ["", "metadata", "short description", "link"];
/** Metadata keys, lower-cased, by `Key`. */
const KEYS = ["", "", "company", "industry", "year", "tags"];

/**
 * Which of `words` (lower-case ASCII) [from, to) of `text` is, trimmed and lower-cased, without
 * cutting it out: its index in `words`, or -1. Trimmed as `trim` does; lower-cased as
 * `toLowerCase` does, where the only characters besides ASCII capitals that become one ASCII
 * letter are the Kelvin sign (a `k`; U+0130 becomes an `i` and a combining dot).
 */
function wordIn(text: string, from: number, to: number, words: readonly string[]): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  const n = to - from;
  next: for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word.length !== n || n === 0) continue;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(from + k);
      const w = word.charCodeAt(k);
      if (c !== w && !(c >= 65 && c <= 90 && c + 32 === w) && !(c === 0x212a && w === 107 /* k */)) continue next;
    }
    return i;
  }
  return -1;
}

function sectionAt(text: string, from: number, to: number): Section {
  const i = wordIn(text, from, to, SECTIONS);
  return i < 0 ? Section.Other : i;
}

/** Where the line that starts at `from` ends (its `\n`, or the text's end). */
function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

/**
 * Whether the line [start, end) is a thematic break (`^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$`),
 * read by hand: up to three spaces, then nothing but one marker (`-`, `*` or `_`, three times or
 * more) and spaces or tabs. `- **Company**` lines are told apart at their third character.
 */
function isRule(text: string, start: number, end: number): boolean {
  let at = start;
  while (at - start < 3 && text.charCodeAt(at) === 32) at++;
  const c = text.charCodeAt(at);
  if (at >= end || (c !== 45 /* - */ && c !== 42 /* * */ && c !== 95 /* _ */)) return false;
  let markers = 0;
  for (; at < end; at++) {
    const d = text.charCodeAt(at);
    if (d === c) markers++;
    else if (d !== 32 && d !== 9) return false;
  }
  return markers >= 3;
}

/** Where the text of the last heading `headingIn` found lies in the note: [headingFrom, headingTo), not trimmed. */
let headingFrom = 0;
let headingTo = 0;

/**
 * HEADING's reading of the line [start, end), by hand: the heading's level (0: the line is no
 * heading), its text (as the pattern captures it, not trimmed) left at [headingFrom, headingTo).
 * Up to three spaces, one to six `#` (more: level 6, when nothing but spaces, tabs and `#`
 * follow), then the line's end or a space or tab; the text runs from the first character that is
 * not a space or tab to before the trailing spaces, tabs and `#`, and may not hold a line
 * terminator (`.` matches none).
 */
function headingIn(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && p - start < 4 && text.charCodeAt(p) === 32) p++;
  if (p - start > 3) return 0;
  let q = p;
  while (q < end && text.charCodeAt(q) === 35 /* # */) q++;
  const run = q - p;
  if (run === 0) return 0;
  headingFrom = headingTo = q;
  if (run > 6) {
    for (let k = q; k < end; k++) { const c = text.charCodeAt(k); if (c !== 32 && c !== 9 && c !== 35) return 0; }
    return 6;
  }
  if (q === end) return run;
  let r = q;
  let c = text.charCodeAt(r);
  if (c !== 32 && c !== 9) return 0;
  while (r < end && (c === 32 || c === 9)) c = text.charCodeAt(++r);
  let e = end;
  for (c = text.charCodeAt(e - 1); e > r && (c === 32 || c === 9 || c === 35); c = text.charCodeAt(--e - 1));
  for (let k = r; k < e; k++) if (isSeparator(text.charCodeAt(k))) return 0;
  headingFrom = r;
  headingTo = e;
  return run;
}

/** Where the value of the last Metadata line `metadataKey` read begins (it runs to the line's end). */
let valueFrom = 0;

/**
 * The Metadata line pattern's reading of the line [start, end) (`^\s*[-*+]\s+\*\*([^*]+?):?\*\*\s*:?\s*(.*)$`),
 * by hand: the key the line names (`None`: no Metadata line), its value left at [valueFrom, end).
 * A bullet after white space, white space, `**`, the key up to the next `*` (less a `:` that ends
 * it, when more than the `:` is left), `**`, white space, a `:` maybe, white space, and the value,
 * which may not hold a line terminator (`.` matches none).
 */
function metadataKey(text: string, start: number, end: number): Key {
  let p = start;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  const bullet = text.charCodeAt(p);
  if (p >= end || (bullet !== 45 /* - */ && bullet !== 42 /* * */ && bullet !== 43 /* + */)) return Key.None;
  const spaces = ++p;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  if (p === spaces || p + 1 >= end || text.charCodeAt(p) !== 42 || text.charCodeAt(p + 1) !== 42) return Key.None;
  const keyFrom = p + 2;
  let star = keyFrom;
  while (star < end && text.charCodeAt(star) !== 42) star++;
  if (star === keyFrom || star + 1 >= end || text.charCodeAt(star + 1) !== 42) return Key.None;
  const keyTo = star - keyFrom >= 2 && text.charCodeAt(star - 1) === 58 /* : */ ? star - 1 : star;
  p = star + 2;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  if (p < end && text.charCodeAt(p) === 58) p++;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  for (let k = p; k < end; k++) if (isSeparator(text.charCodeAt(k))) return Key.None;
  valueFrom = p;
  const i = wordIn(text, keyFrom, keyTo, KEYS);
  return i < 0 ? Key.Other : i;
}

/**
 * A folder of the collection's notes (`<collection>/NN_Category/Industry/`), as `inCollection` found
 * it under the collection folder `folder`: its path (`dir`, ending in `/`), its category and
 * industry folders, and the places of its notes by taxonomy and industry as written (`placeOf`).
 * Strings of their own: they are kept while the vault is open.
 */
interface NoteFolder {
  folder: string;
  dir: string;
  category: string;
  industry: string;
  places: WeakMap<LibraryTaxonomy, Map<string, Place>>;
}

/**
 * The note folders found so far, by `dir` (at most 10,000): a collection has a few hundred, and
 * its notes come in any order (the vault's list), so a path's folder is looked up, not cut into parts.
 */
const noteFolders = new Map<string, NoteFolder>();

/** The folder of the last path found in the collection, under `lastFolder`: notes come folder by folder, so most reuse it. */
let lastFolder: string | null = null;
let lastNoteFolder: NoteFolder | null = null;
/** The last path found in the collection: asked again (by `readEntry`, after its caller), it is known. */
let lastPath = "";

/** Where the address of the last link `linkTarget` found ends. */
let targetEnd = 0;

/**
 * The first Markdown link's address in [from, to) of `text` (`\]\(\s*<?([^\s<>]+)>?\s*\)`, as
 * the first match of that pattern has it), by hand: where the address starts (its end left in
 * `targetEnd`), or -1. After a `](`: white space, a `<` maybe, the address (no white space, `<`
 * or `>`), then a `>` maybe, white space and `)`; failing that, the address ends before the last
 * `)` inside it (`[a](https://x.example/a)b)`). The address holds no white space (nothing to trim).
 */
function linkTarget(text: string, from: number, to: number): number {
  for (let i = text.indexOf("](", from); i >= 0 && i + 1 < to; i = text.indexOf("](", i + 1)) {
    let p = i + 2;
    while (p < to && isSpace(text.charCodeAt(p))) p++;
    if (p < to && text.charCodeAt(p) === 60 /* < */) p++;
    let r = p;
    for (let c = text.charCodeAt(r); r < to && c !== 60 && c !== 62 /* > */ && !isSpace(c); c = text.charCodeAt(++r));
    if (r === p) continue;
    let q = r;
    if (q < to && text.charCodeAt(q) === 62) q++;
    while (q < to && isSpace(text.charCodeAt(q))) q++;
    if (q < to && text.charCodeAt(q) === 41 /* ) */) { targetEnd = r; return p; }
    for (let k = r - 1; k > p; k--) if (text.charCodeAt(k) === 41) { targetEnd = k; return p; }
  }
  return -1;
}

/**
 * Whether `path` lies at `NN_Category/Industry/<note>.md` under `folder` (`collectionParts` is not
 * null), without cutting the path into parts when its folder is known (the folder of the path
 * before, else one in `noteFolders`); its folder is left in `lastNoteFolder`.
 */
export function inCollection(path: string, folder: string): boolean {
  const last = lastNoteFolder;
  if (folder === lastFolder && last !== null) {
    if (path.length === lastPath.length && path === lastPath) return true;
    if (path.startsWith(last.dir) && path.indexOf("/", last.dir.length) < 0 && isMarkdownPath(path)) { lastPath = path; return true; }
  }
  if (!isMarkdownPath(path)) return false;
  const dir = path.slice(0, path.lastIndexOf("/") + 1);
  let known = noteFolders.get(dir);
  if (known === undefined || known.folder !== folder) {
    const parts = collectionParts(path, folder);
    if (!parts) return false;
    known = { folder: own(folder), dir: own(dir), category: own(parts[0]), industry: own(parts[1]), places: new WeakMap() };
    if (noteFolders.size < 10_000) noteFolders.set(known.dir, known);
  }
  lastFolder = folder;
  lastNoteFolder = known;
  lastPath = path;
  return true;
}

/** The number [from, to) of `text` writes when it is four ASCII digits (`/^\d{4}$/`), else null. */
function fourDigits(text: string, from: number, to: number): number | null {
  if (to - from !== 4) return null;
  let year = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isDigit(c)) return null;
    year = year * 10 + c - 48;
  }
  return year;
}

/** The tags of a `Tags` value: comma-separated, each made one line, empty ones dropped. */
function tagList(value: string): string[] {
  if (!value.includes(",")) {
    const tag = tidy(value);
    return tag === "" ? [] : [shared(tag)];
  }
  return value.split(",").map((t) => shared(tidy(t))).filter((t) => t !== "");
}

/**
 * A collection note as an entry; null when it is not one (no Metadata block or no Link section,
 * like the collection's README pages) or when it does not lie at `NN_Category/Industry/` under `folder`.
 * It runs over every note of a collection of thousands, so it walks the text by offsets and makes
 * as few strings and objects as it can (each one is work for the garbage collector, which copies
 * the entries read so far each time it runs): headings, thematic breaks and Metadata lines are read
 * in place, the Metadata values kept as offsets and cut out once; only the Short Description and
 * Link sections' lines and the title are cut out. The line-by-line reading it must agree with is
 * tests/support/library-reference.ts (property-tested). With `details` false the description and
 * the tags are not read (a listing: `LibraryListing`).
 */
export function readEntry(path: string, source: string, folder: string, taxonomy: LibraryTaxonomy): LibraryEntry | null;
export function readEntry(path: string, source: string, folder: string, taxonomy: LibraryTaxonomy, details: false): LibraryListing | null;
export function readEntry(path: string, source: string, folder: string, taxonomy: LibraryTaxonomy, details = true): LibraryEntry | LibraryListing | null {
  if (!inCollection(path, folder) || lastNoteFolder === null) return null;
  const noteFolder = lastNoteFolder;
  const fileAt = noteFolder.dir.length;
  // Lines end at \r\n, \n or \r.
  const text = source.includes("\r") ? source.replace(/\r\n?/g, "\n") : source;
  const n = text.length;
  // The title: [titleFrom, titleTo) of the text (-1: none yet), or, when it takes more than its
  // heading's line, its lines joined.
  let titleFrom = -1, titleTo = -1;
  let title: string | null = null;
  let section = Section.Other;
  let sawMetadata = false;
  let sawLink = false;
  // The Metadata values' offsets: [from, to), from -1 when the note gives none.
  let companyFrom = -1, companyTo = -1, industryFrom = -1, industryTo = -1, yearFrom = -1, yearTo = -1, tagsFrom = -1, tagsTo = -1;
  // The Short Description: its first line [descriptionFrom, descriptionTo) of the text (-1: none),
  // or, when it has more, its lines joined.
  let descriptionFrom = -1, descriptionTo = -1;
  let description: string | null = null;
  // The Link section's lines: one run of lines [linkFrom, linkTo) of the text (-1: none), or, when
  // the note has the section twice, its lines joined.
  let linkFrom = -1, linkTo = -1;
  let linkJoined: string | null = null;
  for (let at = 0; at <= n;) {
    const start = at;
    const end = lineEnd(text, start);
    const c = text.charCodeAt(start);
    const level = c === 35 /* # */ || c === 32 ? headingIn(text, start, end) : 0;
    at = end + 1;
    if (level > 0) {
      if (level === 1 && titleFrom < 0) {
        // A title with line breaks: `# ` alone, the title on the next line that has text; or the
        // rest of the title on the lines below the heading, up to a blank line or a heading.
        titleFrom = headingFrom;
        titleTo = headingTo;
        while (titleFrom < titleTo && isSpace(text.charCodeAt(titleFrom))) titleFrom++;
        while (titleTo > titleFrom && isSpace(text.charCodeAt(titleTo - 1))) titleTo--;
        let blankFirst = titleFrom === titleTo;
        while (at <= n) {
          const e = lineEnd(text, at);
          if (headingIn(text, at, e) > 0) break;
          const line = text.slice(at, e);
          const blank = line.trim() === "";
          if (blank && !blankFirst) break;
          if (!blank) { blankFirst = false; title = `${title ?? text.slice(titleFrom, titleTo)} ${line}`; }
          at = e + 1;
        }
        section = Section.Other;
        continue;
      }
      section = sectionAt(text, headingFrom, headingTo);
      if (section === Section.Metadata) sawMetadata = true;
      else if (section === Section.Link) sawLink = true;
      continue;
    }
    if (isRule(text, start, end)) { section = Section.Other; continue; }
    if (section === Section.Metadata) {
      switch (metadataKey(text, start, end)) {
        case Key.Company: companyFrom = valueFrom; companyTo = end; break;
        case Key.Industry: industryFrom = valueFrom; industryTo = end; break;
        case Key.Year: yearFrom = valueFrom; yearTo = end; break;
        case Key.Tags: tagsFrom = valueFrom; tagsTo = end; break;
        default: break;
      }
    } else if (section === Section.Description) {
      if (!details) continue;
      // An empty line adds nothing once the description is made one line (and would leave it
      // ending in a space, which costs `oneLine` for every entry).
      if (end === start && descriptionFrom >= 0) continue;
      if (descriptionFrom < 0) { descriptionFrom = start; descriptionTo = end; }
      else description = `${description ?? text.slice(descriptionFrom, descriptionTo)} ${text.slice(start, end)}`;
    } else if (section === Section.Link) {
      if (linkFrom < 0) { linkFrom = start; linkTo = end; }
      else if (linkJoined === null && start === linkTo + 1) linkTo = end;
      else linkJoined = `${linkJoined ?? text.slice(linkFrom, linkTo)}\n${text.slice(start, end)}`;
    }
  }
  if (!sawMetadata || !sawLink) return null;

  const links = linkJoined ?? text;
  const from = linkJoined === null ? linkFrom : 0;
  const to = linkJoined === null ? linkTo : linkJoined.length;
  const target = from < 0 ? -1 : linkTarget(links, from, to);
  // Neither address holds white space: nothing to trim.
  const url = own(target >= 0 ? links.slice(target, targetEnd) : from < 0 ? "" : BARE_URL.exec(links.slice(from, to))?.[0] ?? "");
  const checked = url === "" ? null : canonicalUrl(url);
  // The year as written (trimmed), else the file name's `YYYY_`.
  let yearAt = yearFrom, yearEnd = yearTo;
  while (yearAt < yearEnd && isSpace(text.charCodeAt(yearAt))) yearAt++;
  while (yearEnd > yearAt && isSpace(text.charCodeAt(yearEnd - 1))) yearEnd--;
  // Shared before it is a key of the places' memo, which must not keep the note's text.
  const industryAsWritten = shared((industryFrom < 0 ? "" : tidyAt(text, industryFrom, industryTo)) || folderLabel(noteFolder.industry));
  const place = placeOf(noteFolder, industryAsWritten, taxonomy);
  const cleanTitle = own(title !== null ? tidy(title) : titleFrom < 0 ? "" : tidyAt(text, titleFrom, titleTo));
  const company = companyFrom < 0 ? "" : shared(tidyAt(text, companyFrom, companyTo));
  const year = yearEnd > yearAt ? fourDigits(text, yearAt, yearEnd) : path.charCodeAt(fileAt + 4) === 95 /* _ */ ? fourDigits(path, fileAt, fileAt + 4) : null;
  // Most addresses are canonical already: one string for both.
  const canonical = checked?.ok ? (checked.url === url ? url : own(checked.url)) : null;
  const { category, industry } = place;
  // One object literal each (no spread): thousands are made at once.
  if (!details) return { path, title: cleanTitle, company, year, url, canonical, category, industry, industryAsWritten };
  const tags = tagsFrom < 0 ? [] : tagList(text.slice(tagsFrom, tagsTo));
  return { path, title: cleanTitle, company, year, tags, description: own(description !== null ? tidy(description) : descriptionFrom < 0 ? "" : tidyAt(text, descriptionFrom, descriptionTo)), url, canonical, category, industry, industryAsWritten };
}

/**
 * Category and industry as the taxonomy spells them, worked out once per note folder, taxonomy and
 * industry as written (a collection has a few hundred note folders and thousands of notes in them).
 */
type Place = { category: string; industry: string };
function placeOf(noteFolder: NoteFolder, asWritten: string, taxonomy: LibraryTaxonomy): Place {
  let byWritten = noteFolder.places.get(taxonomy);
  if (!byWritten) { byWritten = new Map(); noteFolder.places.set(taxonomy, byWritten); }
  let place = byWritten.get(asWritten);
  if (!place) {
    const categoryLabel = folderLabel(noteFolder.category);
    place = { category: inList(categoryLabel, taxonomy.categories) ?? categoryLabel, industry: industryOf(folderLabel(noteFolder.industry), asWritten, taxonomy) };
    if (byWritten.size < 1_000) byWritten.set(asWritten, place);
  }
  return place;
}

function industryOf(folderLabel: string, asWritten: string, taxonomy: LibraryTaxonomy): string {
  const known = inList(folderLabel, taxonomy.industries) ?? inList(asWritten, taxonomy.industries);
  if (known) return known;
  const map = taxonomy.industryMap ?? {};
  for (const key of [asWritten, folderLabel]) {
    const hit = Object.keys(map).find((k) => k.trim().toLowerCase() === key.toLowerCase());
    if (hit !== undefined) return inList(map[hit] ?? "", taxonomy.industries) ?? OTHERS;
  }
  return inList(OTHERS, taxonomy.industries) ?? OTHERS;
}

// ---------------------------------------------------------------------------------------------
// Who cites what

const ARTICLES_KEY: ReadonlySet<string> = new Set(["articles"]);

/** What a study's text cites, read once: the list's own addresses (canonical) and the link targets of its article notes. */
export interface StudyReferences {
  urls: string[];
  targets: string[];
}

/** The addresses and article-note targets a study cites: the `articles` property and the "Use Cases Analyzed" list. */
export function studyReferences(studyText: string): StudyReferences {
  const urls = new Set<string>();
  const listed = listedLinksAndUrls(studyText);
  for (const raw of listed.urls) {
    const c = canonicalUrl(raw);
    // An address already canonical is the note's own slice.
    if (c.ok) urls.add(own(c.url));
  }
  const fm = readFrontmatterFast(studyText, ARTICLES_KEY);
  // Strings of their own (`own`): the plugin keeps every study's references while the vault is open.
  return { urls: [...urls], targets: [...listed.targets, ...(fm.kind === "ok" ? articlesProperty(fm.data) : [])].map(own) };
}

/** The canonical addresses a study cites: its list's own, then its article notes' (`articleUrl` resolves a link target). */
export function resolveCitations(refs: StudyReferences, articleUrl: (linkTarget: string) => string | null): string[] {
  const out = new Set(refs.urls);
  for (const t of refs.targets) {
    const url = articleUrl(t);
    if (url !== null) out.add(url);
  }
  return [...out];
}

export interface StudyCitations {
  /** The study's vault path. */
  path: string;
  /** Canonical addresses it cites. */
  urls: readonly string[];
}

/** A listing with the studies citing its address. */
export interface ListingRow extends LibraryListing {
  /** Paths of the analyses and case studies citing the entry's address, sorted (shared between rows: not to be changed). */
  analysedBy: readonly string[];
}

/** An entry with the studies citing its address. */
export interface LibraryRow extends LibraryEntry, ListingRow {}

export interface CoverageCell {
  category: string;
  industry: string;
  entries: number;
  analysed: number;
}

export interface Library<R extends { path: string } = LibraryRow> {
  /** Sorted by path. */
  rows: R[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical address → the paths of the studies citing it, sorted: what `libraryRow` looks an entry's address up in. */
export function citingStudies(citations: readonly StudyCitations[]): ReadonlyMap<string, readonly string[]> {
  const citing = new Map<string, string[]>();
  for (const c of citations) {
    for (const url of c.urls) {
      const list = citing.get(url);
      if (list) { if (!list.includes(c.path)) list.push(c.path); } else citing.set(url, [c.path]);
    }
  }
  for (const list of citing.values()) if (list.length > 1) list.sort(byString);
  return citing;
}

const CITED_BY_NONE: readonly string[] = Object.freeze([]);

/** The studies citing a canonical address, sorted (`citingStudies`); rows share the lists: not to be changed. */
export function citedBy(canonical: string | null, citing: ReadonlyMap<string, readonly string[]>): readonly string[] {
  return (canonical === null ? undefined : citing.get(canonical)) ?? CITED_BY_NONE;
}

/** An entry (or a listing) as a row of the library: with the studies citing its address (`citingStudies`). */
export function libraryRow(e: LibraryEntry, citing: ReadonlyMap<string, readonly string[]>): LibraryRow;
export function libraryRow(e: LibraryListing, citing: ReadonlyMap<string, readonly string[]>): ListingRow;
export function libraryRow(e: LibraryListing, citing: ReadonlyMap<string, readonly string[]>): ListingRow {
  const analysedBy = citedBy(e.canonical, citing);
  const { tags, description } = e as Partial<LibraryEntry>;
  // One object literal each (no spread): thousands are made at once.
  if (tags === undefined || description === undefined) {
    return { path: e.path, title: e.title, company: e.company, year: e.year, url: e.url, canonical: e.canonical, category: e.category, industry: e.industry, industryAsWritten: e.industryAsWritten, analysedBy };
  }
  const row: LibraryRow = { path: e.path, title: e.title, company: e.company, year: e.year, tags, description, url: e.url, canonical: e.canonical, category: e.category, industry: e.industry, industryAsWritten: e.industryAsWritten, analysedBy };
  return row;
}

/** The library of these rows, sorted by path. */
export function libraryOf<R extends { path: string }>(rows: R[]): Library<R> {
  // Rows usually come in path order already (a folder walk, the vault's list): checking is cheaper than sorting.
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = byString(rows[i - 1]?.path ?? "", rows[i]?.path ?? "") <= 0;
  if (!sorted) rows.sort((a, b) => byString(a.path, b.path));
  return { rows };
}

/** Entries with the studies citing each (every entry with a cited address, in every category). */
export function buildLibrary(entries: readonly LibraryEntry[], citations: readonly StudyCitations[]): Library {
  const citing = citingStudies(citations);
  return libraryOf(entries.map((e) => libraryRow(e, citing)));
}

/** Position in a taxonomy list; names it does not know come after, in alphabetical order. */
function orderIn(list: readonly string[]): (a: string, b: string) => number {
  const at = new Map(list.map((x, i) => [x, i]));
  return (a, b) => (at.get(a) ?? list.length) - (at.get(b) ?? list.length) || byString(a, b);
}

/** Category × industry cells that hold entries, categories and industries in taxonomy order. */
export function coverage(rows: readonly Pick<ListingRow, "category" | "industry" | "analysedBy">[], taxonomy: LibraryTaxonomy): CoverageCell[] {
  const cells: CoverageCell[] = [];
  const byCategory = new Map<string, Map<string, CoverageCell>>();
  for (const r of rows) {
    let inCategory = byCategory.get(r.category);
    if (!inCategory) { inCategory = new Map(); byCategory.set(r.category, inCategory); }
    let cell = inCategory.get(r.industry);
    if (!cell) { cell = { category: r.category, industry: r.industry, entries: 0, analysed: 0 }; inCategory.set(r.industry, cell); cells.push(cell); }
    cell.entries++;
    if (r.analysedBy.length > 0) cell.analysed++;
  }
  const categoryOrder = orderIn(taxonomy.categories);
  const industryOrder = orderIn(taxonomy.industries);
  return cells.sort((a, b) => categoryOrder(a.category, b.category) || industryOrder(a.industry, b.industry));
}

export interface LibraryFilter {
  category?: string;
  industry?: string;
  analysed?: boolean;
  /** Words that must all appear in the title, company, description, tags or industry (any case). */
  text?: string;
}

/** The rows a filter keeps (category and industry compared without case). */
export function filterLibrary<R extends Omit<ListingRow, "canonical">>(rows: readonly R[], filter: LibraryFilter): R[] {
  const cat = filter.category?.trim().toLowerCase();
  const ind = filter.industry?.trim().toLowerCase();
  const words = (filter.text ?? "").toLowerCase().split(/\s+/).filter((w) => w !== "");
  return rows.filter((r) => {
    if (cat && r.category.toLowerCase() !== cat) return false;
    if (ind && r.industry.toLowerCase() !== ind) return false;
    if (filter.analysed !== undefined && (r.analysedBy.length > 0) !== filter.analysed) return false;
    if (words.length === 0) return true;
    // A listing has no description or tags (`readEntry` with `details` false).
    const details = r as Partial<LibraryEntry>;
    const hay = `${r.title} ${r.company} ${details.description ?? ""} ${details.tags?.join(" ") ?? ""} ${r.industryAsWritten} ${r.year ?? ""}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

// ---------------------------------------------------------------------------------------------
// Starting an analysis from entries

export interface EntriesPrefill {
  /** The entries' common category; when mixed, the most frequent (first in taxonomy order on a tie). */
  category: string;
  industry: string;
  /** Said under the field when the entries disagree. */
  categoryHint: string | null;
  industryHint: string | null;
  /** When every entry has the same company; else "". */
  company: string;
  /** The latest year of the entries, "" when none has one. */
  year: string;
  /** One article per distinct address, with the entry's title, company and year (its article note takes them). */
  articles: { url: string; title: string; company?: string; year?: number }[];
  /** `Company (Year). "Title". Link: URL` per article, for "8.1 Articles Read". */
  citations: string[];
}

function mostFrequent(values: readonly string[], order: readonly string[]): { value: string; mixed: boolean; counts: [string, number][] } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || orderIn(order)(a[0], b[0]));
  return { value: sorted[0]?.[0] ?? "", mixed: sorted.length > 1, counts: sorted };
}

/** A full citation as the template's "8.1 Articles Read" asks for it. */
export function citationLine(entry: Pick<LibraryEntry, "company" | "year" | "title" | "url">): string {
  return `${entry.company || "Unknown"} (${entry.year ?? "n.d."}). "${entry.title}". Link: ${entry.url}`;
}

/** What the new-note form starts with when the user starts from selected entries (the form and `new --use-case` alike). */
export function prefillFromEntries(entries: readonly LibraryEntry[], taxonomy: LibraryTaxonomy): EntriesPrefill {
  const hint = (what: string, r: { mixed: boolean; counts: [string, number][] }): string | null =>
    r.mixed ? `The entries are in several ${what}: ${r.counts.map(([v, n]) => `${v} (${n})`).join(", ")}; the most frequent is filled in.` : null;
  const category = mostFrequent(entries.map((e) => e.category), taxonomy.categories);
  const industry = mostFrequent(entries.map((e) => e.industry), taxonomy.industries);
  const companies = new Set(entries.map((e) => e.company.toLowerCase()));
  const years = entries.map((e) => e.year).filter((y): y is number => y !== null);
  const seen = new Set<string>();
  const chosen = entries.filter((e) => {
    if (e.url === "") return false;
    const key = e.canonical ?? e.url;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    category: category.value,
    industry: industry.value,
    categoryHint: hint("categories", category),
    industryHint: hint("industries", industry),
    company: companies.size === 1 ? (entries[0]?.company ?? "") : "",
    year: years.length > 0 ? String(Math.max(...years)) : "",
    articles: chosen.map((e) => ({ url: e.url, title: e.title, ...(e.company !== "" ? { company: e.company } : {}), ...(e.year !== null ? { year: e.year } : {}) })),
    citations: chosen.map(citationLine),
  };
}

const ARTICLES_READ = /^ {0,3}#{1,6}[ \t]+(?:[\d.]+[ \t]+)?articles read\b/i;
const LIST_ITEM = /^[ \t]*(?:\d{1,9}[.)]|[-*+])(?:[ \t]+(.*))?$/;

/**
 * Puts the citations into the "Articles Read" section: the template's example items
 * (`Company Name (Year). …`) and empty items give way to them; items the user wrote stay and the
 * citations follow. A note without that section is returned as it is.
 */
export function fillArticlesRead(text: string, citations: readonly string[]): string {
  if (citations.length === 0) return text;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => ARTICLES_READ.test(l));
  if (at < 0) return text;
  let end = at + 1;
  while (end < lines.length && !HEADING.test(lines[end] ?? "")) end++;
  const section = lines.slice(at + 1, end);
  const items = section.map((l, i) => ({ i, m: LIST_ITEM.exec(l) })).filter((x) => x.m !== null);
  const kept = items.filter((x) => { const c = (x.m?.[1] ?? "").trim(); return c !== "" && !/^company name \(year\)/i.test(c); });
  const first = items[0]?.i ?? section.findIndex((l) => l.trim() === "");
  const insertAt = first < 0 ? section.length : first;
  const lastItem = items.length > 0 ? (items[items.length - 1]?.i ?? 0) + 1 : insertAt;
  const list = [...kept.map((x) => section[x.i] ?? ""), ...citations.map((c, n) => `${kept.length + n + 1}. ${c}`)];
  const out = [...lines.slice(0, at + 1), ...section.slice(0, insertAt), ...list, ...section.slice(lastItem), ...lines.slice(end)];
  return out.join(eol);
}
