/**
 * Article notes and the links between them and the analyses that cite them, as text → text
 * functions (the plugin runs them inside `Vault.process`, the command-line tool on files).
 *
 * What the plugin owns, and so may rewrite:
 * - in a new article note: everything (it writes the note once; after that only the lines
 *   between the "Cited by" markers are ever rewritten);
 * - in an analysis: the list line it appends to the "Use Cases Analyzed" list (or the empty
 *   template item it fills) and the `articles` property's entries.
 * Every other byte stays as it was.
 */
import { type EditResult, editFrontmatter } from "./yaml-edit";
import { locateFrontmatter, readFrontmatter } from "./frontmatter";
import { readNote, splitLines } from "./reader";
import { ARTICLE_TYPE } from "./study";
import { canonicalUrl, urlHost } from "./url";
import { checkName } from "./filename";
import { linkIn, linkTargets, linkValue, sameLinkTarget } from "./links";

/** The lines between these two markers are the plugin's; HTML comments are hidden in reading view. */
export const CITED_BY_START = "<!-- use-case-atlas:cited-by:start -->";
export const CITED_BY_END = "<!-- use-case-atlas:cited-by:end -->";

/** What the "Cited by" list says when no analysis links to the article. */
export const NOT_CITED_LINE = "*No analysis cites this article yet.*";

/** The tag every article note carries: `<prefix>/article`. */
export function articleTag(tagPrefix: string): string {
  return `${tagPrefix}/article`;
}

// ---------------------------------------------------------------------------------------------
// Text that goes into names and markdown

/** C0 controls but tab, newline and carriage return (white space, handled below), and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is what this is for
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Collapses every run of white space (newlines included) to one space; drops control characters. */
export function oneLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "").replace(/\s+/g, " ").trim();
}

/**
 * Text shown as it is in the middle of a markdown line (a heading, a list line): one line, and
 * every character that markdown, Obsidian or HTML would read as syntax there backslash-escaped
 * (CommonMark lets any ASCII punctuation be escaped), so a title like `<b>Fast</b> *search*`
 * shows those characters instead of markup. `+ ! ( ) { }` are left alone: mid-line they are
 * syntax only next to a character that is escaped (`![`, `](`), and escaping them would only
 * clutter the note's source.
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#|~=$%^&]/g, (c) => `\\${c}`);
}

/**
 * A note name from free text: one line, made safe for every file system and for `[[links]]`
 * by `checkName` (illegal characters replaced, no leading or trailing dots, length capped);
 * empty when nothing usable is left.
 */
export function nameFromText(text: string): string {
  const checked = checkName(oneLine(text), "name");
  return checked.ok ? checked.name : "";
}

/** What stands in for a missing title: the URL's host and path, e.g. "eng.example.com blog search v2". */
export function titleFromUrl(url: string): string {
  let path = "";
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    try { path = new URL(url).pathname; } catch { path = ""; }
  }
  return oneLine([urlHost(url), ...path.split("/").filter((s) => s !== "")].join(" "));
}

export interface ArticleInput {
  /** The URL as the user gave it. */
  url: string;
  title?: string | null;
  company?: string | null;
  year?: number | null;
}

export type Checked<T> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * The article note's base name: `{{company}} - {{title}}` (or the title alone without a
 * company), the title falling back to the URL's host and path. Also the link text of every
 * `[[link]]` to the note, so it is made safe for both.
 */
export function articleBaseName(input: { url: string; title?: string | null; company?: string | null }): Checked<{ name: string }> {
  const title = nameFromText(input.title ?? "") || nameFromText(titleFromUrl(input.url));
  const company = nameFromText(input.company ?? "");
  const raw = company && title ? `${company} - ${title}` : company || title;
  const checked = checkName(raw, "article note name");
  if (!checked.ok) return checked;
  return { ok: true, name: checked.name };
}

/**
 * The URL as the user gave it, serialised by the URL parser (spaces and `<>` encoded), for links.
 * A user name and password (`https://user:pass@host/`) are dropped: credentials are written nowhere.
 */
export function originalHref(url: string): string {
  try {
    const parsed = new URL(url.trim());
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    // Not a URL the parser takes: still no "user:pass@" kept before a host.
    return url.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1");
  }
}

// ---------------------------------------------------------------------------------------------
// A new article note

export interface NewArticleNote {
  /** Canonical URL (the `url` property). */
  url: string;
  /** Base name for the file and links. */
  name: string;
  text: string;
}

/**
 * The text of a new article note: frontmatter (`type`, `url` canonical, `title`, `company`,
 * `year` when known, `tags`), a heading, the original URL as a link, the "Cited by" section the
 * plugin maintains and a "Notes" section for the user.
 */
export function newArticleNote(input: ArticleInput, tagPrefix: string, citedBy: string[] = [NOT_CITED_LINE]): Checked<NewArticleNote> {
  const canonical = canonicalUrl(input.url);
  if (!canonical.ok) return canonical;
  const named = articleBaseName(input);
  if (!named.ok) return named;
  const title = oneLine(input.title ?? "");
  const company = oneLine(input.company ?? "");
  const heading = markdownText(title || titleFromUrl(canonical.url));
  const body = [
    `# ${heading}`,
    "",
    `<${originalHref(input.url)}>`,
    "",
    "## Cited by",
    CITED_BY_START,
    ...citedBy,
    CITED_BY_END,
    "",
    "## Notes",
    "",
    "",
  ].join("\n");
  const set: Record<string, string | number | string[]> = { type: ARTICLE_TYPE, url: canonical.url };
  if (title) set.title = title;
  if (company) set.company = company;
  if (typeof input.year === "number" && Number.isInteger(input.year)) set.year = input.year;
  set.tags = [articleTag(tagPrefix)];
  const edited = editFrontmatter(body, { set });
  if (!edited.ok) return edited;
  return { ok: true, url: canonical.url, name: named.name, text: edited.text };
}

// ---------------------------------------------------------------------------------------------
// The "Use Cases Analyzed" list of an analysis

const NUMBERED_ITEM = /^([ \t]*)(\d{1,9})([.)])(?:[ \t]+(.*))?$/;
const BULLET_ITEM = /^([ \t]*)([-*+])(?:[ \t]+(.*))?$/;
const HEADING_LINE = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE_LINE = /^[ \t]*(?:`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const URL_IN_TEXT = /https?:\/\/[^\s<>)\]"'`]+/gi;

/**
 * A word every such label holds as it is, in any case (no character but ASCII lower-cases to these
 * letters): a note's other headings and labels are passed over without making five copies of each.
 */
const ANALYSED = /analy[sz]ed/i;

/** True for the heading or bold label naming the list of articles ("Use Cases Analyzed", any case, numbered or not). */
export function isUseCasesLabel(text: string): boolean {
  if (!ANALYSED.test(text)) return false;
  const t = text.toLowerCase().replace(/\([^)]*\)/g, " ").replace(/[:*_]/g, " ").replace(/^\s*[\d.]+\s+/, "").replace(/\s+/g, " ").trim();
  return t === "use cases analyzed" || t === "use cases analysed";
}

interface ListItem {
  line: number;
  indent: string;
  /** "1", "2", … for numbered items; the bullet character otherwise. */
  marker: string;
  delimiter: string;
  numbered: boolean;
  content: string;
}

export interface UseCasesList {
  /** 0-based line of the heading or bold label. */
  labelLine: number;
  /** 0-based first line of the list, or -1 when the label has no list under it. */
  start: number;
  /** 0-based line just past the list's last line (its last item and that item's continuation lines). */
  end: number;
  /** The list's top-level items. */
  items: ListItem[];
}

function parseItem(line: string, at: number): ListItem | null {
  const n = NUMBERED_ITEM.exec(line);
  if (n) return { line: at, indent: n[1] ?? "", marker: n[2] ?? "1", delimiter: n[3] ?? ".", numbered: true, content: (n[4] ?? "").trim() };
  if (THEMATIC_BREAK.test(line)) return null;
  const b = BULLET_ITEM.exec(line);
  if (b) return { line: at, indent: b[1] ?? "", marker: b[2] ?? "-", delimiter: "", numbered: false, content: (b[3] ?? "").trim() };
  return null;
}

function columns(indent: string): number {
  return indent.replace(/\t/g, "    ").length;
}

/**
 * What the list's search reads of a note: its headings and bold labels. Not the properties (only
 * where the frontmatter block ends matters, which `readNote` finds without parsing the YAML) nor
 * the tables' cells.
 */
const OUTLINE_ONLY = { frontmatter: {}, tableCells: false } as const;

/**
 * Finds the first "Use Cases Analyzed" heading or bold label (outside code blocks and comments)
 * and the list that follows it (blank lines before the list allowed; a blank line inside the
 * list allowed when another item or an indented line follows).
 */
export function findUseCasesList(text: string): UseCasesList | null {
  return useCasesList(text).list;
}

/**
 * How much of a note the list is first looked for in (then four times as much, and so on): the
 * list sits near the top of an analysis (the deep-dive template's ends some 2 KB into its 20), and
 * reading the rest of the note (a library reads every study of the vault) would change nothing.
 */
export const USE_CASES_HEAD = 4096;

/**
 * The "Use Cases Analyzed" list and its lines, from one reading of the note:
 * of its head first (its first `head` characters, to the end of a line; then a head four times as
 * long), and of the whole note only when the answer may depend on what follows. What `readNote` says of a line depends only on
 * the lines before it, the line itself and the one after it (whether a table starts), so it says
 * the same of every line of the head but its last whole one (and the empty one after it), whose
 * next line the head lacks. The answer from the head is the whole note's when the label is in the
 * head and the list's search looked at no line past those (else the whole note is read).
 */
function useCasesList(text: string, head = USE_CASES_HEAD): { list: UseCasesList | null; lines: string[] } {
  // `lines`: the list's own (from its first line to its end), none without one.
  for (let size = Math.max(1, head); size < text.length; size *= 4) {
    const cut = text.indexOf("\n", size);
    if (cut < 0) break;
    const partial = useCasesListIn(text.slice(0, cut + 1), text);
    if (partial) return partial;
  }
  return useCasesListIn(text, text) ?? { list: null, lines: [] };
}

/**
 * The list in `text`, the note `whole` or a head of it; for a head, null when the answer may be
 * another in the whole note (no label, or a look at the last whole line or past it).
 */
function useCasesListIn(text: string, whole: string): { list: UseCasesList | null; lines: string[] } | null {
  const isHead = text !== whole;
  const note = readNote(text, OUTLINE_ONLY);
  // A frontmatter block that closes past the head: the head's lines are not the body's.
  if (isHead && note.frontmatterBlock === null && locateFrontmatter(whole) !== null) return null;
  const labels = [
    ...note.headings.map((h) => ({ line: h.line, text: h.text })),
    ...note.boldLabels.map((b) => ({ line: b.line, text: b.text })),
  ].sort((a, b) => a.line - b.line);
  const label = labels.find((l) => isUseCasesLabel(l.text));
  if (!label) return isHead ? null : { list: null, lines: [] };
  const stops = new Set(labels.map((l) => l.line));
  // The lines from the label's on are cut out as the search reaches them (as `splitLines` cuts
  // them: without a carriage return that ends one); the note's lines before it are only counted.
  let count = 1;
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) count++;
  let nextAt = 0;
  for (let i = 0; i < label.line; i++) nextAt = text.indexOf("\n", nextAt) + 1;
  const cut: string[] = [];
  const lineText = (i: number): string => {
    while (label.line + cut.length <= i && label.line + cut.length < count) {
      const nl = text.indexOf("\n", nextAt);
      const end = nl < 0 ? text.length : nl;
      cut.push(text.slice(nextAt, end > nextAt && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
      nextAt = end + 1;
    }
    return cut[i - label.line] ?? "";
  };
  // A head ends with a line feed: its last line is the empty one after it, not the note's. Its last
  // whole line is not trusted either, whose next line (a table's separator?) the head lacks: more
  // care than needed (a line is told a heading or a label before tables are looked for), at no cost.
  const sure = isHead ? count - 2 : count;
  let unsure = label.line >= sure;
  const lineAt = (i: number): string => {
    if (i >= sure) unsure = true;
    return lineText(i);
  };
  const isStop = (i: number): boolean => {
    const line = lineAt(i);
    return stops.has(i) || HEADING_LINE.test(line) || FENCE_LINE.test(line) || THEMATIC_BREAK.test(line)
      || line.trim().startsWith("<!--") || /^[ \t]*>/.test(line);
  };
  const blank = (i: number): boolean => lineAt(i).trim() === "";
  const answer = (list: UseCasesList): { list: UseCasesList; lines: string[] } | null =>
    (unsure ? null : { list, lines: list.start < 0 ? [] : cut.slice(list.start - label.line, list.end - label.line) });

  let first = label.line + 1;
  while (first < count && blank(first)) first++;
  const firstItem = first < count && !isStop(first) ? parseItem(lineAt(first), first) : null;
  if (!firstItem) return answer({ labelLine: label.line, start: -1, end: label.line + 1, items: [] });

  const base = columns(firstItem.indent);
  const items: ListItem[] = [firstItem];
  let last = first;
  for (let i = first + 1; i < count; i++) {
    if (blank(i)) {
      let next = i + 1;
      while (next < count && blank(next)) next++;
      if (next >= count || isStop(next)) break;
      const nextLine = lineAt(next);
      if (!parseItem(nextLine, next) && !/^[ \t]{2,}\S/.test(nextLine)) break;
      i = next - 1;
      continue;
    }
    if (isStop(i)) break;
    const item = parseItem(lineAt(i), i);
    if (item && columns(item.indent) < base + 2) items.push(item);
    last = i;
  }
  return answer({ labelLine: label.line, start: first, end: last + 1, items });
}

/** The list as `useCasesList` finds it reading a head of `head` characters first (for tests: any head gives the whole note's answer). */
export function findUseCasesListWithHead(text: string, head: number): UseCasesList | null {
  return useCasesList(text, head).list;
}

/** The lines of the "Use Cases Analyzed" list (empty without one). */
function listLines(analysisText: string): string[] {
  return useCasesList(analysisText).lines;
}

/** The `[[link]]` targets in the "Use Cases Analyzed" list (empty without one). */
export function listedLinkTargets(analysisText: string): string[] {
  return listLines(analysisText).flatMap(linkTargets);
}

/** The `[[link]]` targets and the web addresses (as written) of the "Use Cases Analyzed" list, from one reading of the note. */
export function listedLinksAndUrls(analysisText: string): { targets: string[]; urls: string[] } {
  const lines = listLines(analysisText);
  return { targets: lines.flatMap(linkTargets), urls: lines.flatMap((line) => [...line.matchAll(URL_IN_TEXT)].map((m) => m[0])) };
}

function lineMentions(line: string, linkTarget: string, canonical: string | null): boolean {
  if (linkTargets(line).some((t) => sameLinkTarget(t, linkTarget))) return true;
  if (canonical === null) return false;
  return [...line.matchAll(URL_IN_TEXT)].some((m) => {
    const c = canonicalUrl(m[0]);
    return c.ok && c.url === canonical;
  });
}

function eolOf(text: string): string {
  const nl = text.indexOf("\n");
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * Replaces lines [from, to) of `text` with `replacement` lines (given without line endings);
 * `from === to` inserts before line `from`. Line endings around the change are kept as they were.
 */
function spliceLines(text: string, from: number, to: number, replacement: readonly string[], eol: string): string {
  const { lines, starts } = splitLines(text);
  // The range runs to the end of a text whose last line has no line ending.
  const atEnd = to >= lines.length;
  const start = from < lines.length ? (starts[from] ?? text.length) : text.length;
  const end = atEnd ? text.length : (starts[to] ?? text.length);
  if (replacement.length === 0) {
    if (atEnd && from > 0 && from < lines.length) {
      const before = text.slice(0, start);
      return before.slice(0, before.endsWith("\r\n") ? -2 : -1);
    }
    return text.slice(0, start) + text.slice(end);
  }
  let before = text.slice(0, start);
  if (from >= lines.length && before !== "" && !before.endsWith("\n")) before += eol;
  return before + replacement.join(eol) + (atEnd ? "" : eol) + text.slice(end);
}

export interface ArticleLinkEdit {
  text: string;
  changed: boolean;
  /** The list already had a line linking this article (by link target or canonical URL). */
  alreadyLinked: boolean;
  /** Whether the note has a "Use Cases Analyzed" heading or label at all. */
  listFound: boolean;
}

/** The list line for an article: `[[Target]] — <https://original>`. */
export function articleListEntry(linkTarget: string, url: string): string {
  return `${linkValue(linkTarget)} — <${originalHref(url)}>`;
}

/**
 * Adds `N. [[Target]] — <URL>` to the analysis' "Use Cases Analyzed" list: the first empty
 * item of the list (a template's lone `1. `) is filled in place, else a line is appended after
 * the list's last item with the next number (or the list's own bullet). A list that already
 * links the article (same link target, or a URL with the same canonical form) is left alone.
 */
export function addArticleLink(analysisText: string, link: { linkTarget: string; url: string }): ArticleLinkEdit {
  const list = findUseCasesList(analysisText);
  if (!list) return { text: analysisText, changed: false, alreadyLinked: false, listFound: false };
  const canonical = canonicalUrl(link.url);
  const canon = canonical.ok ? canonical.url : null;
  const { lines } = splitLines(analysisText);
  const eol = eolOf(analysisText);
  const entry = articleListEntry(link.linkTarget, link.url);

  if (list.start >= 0) {
    for (let i = list.start; i < list.end; i++) {
      if (lineMentions(lines[i] ?? "", link.linkTarget, canon)) {
        return { text: analysisText, changed: false, alreadyLinked: true, listFound: true };
      }
    }
    const empty = list.items.find((it) => it.content === "");
    if (empty) {
      const marker = empty.numbered ? `${empty.marker}${empty.delimiter}` : empty.marker;
      const text = spliceLines(analysisText, empty.line, empty.line + 1, [`${empty.indent}${marker} ${entry}`], eol);
      return { text, changed: true, alreadyLinked: false, listFound: true };
    }
    const lastItem = list.items[list.items.length - 1];
    const lastNumbered = [...list.items].reverse().find((it) => it.numbered);
    let marker: string;
    if (lastItem && !lastItem.numbered) marker = lastItem.marker;
    else if (lastNumbered) marker = `${Number(lastNumbered.marker) + 1}${lastNumbered.delimiter}`;
    else marker = "1.";
    const indent = lastItem?.indent ?? "";
    const text = spliceLines(analysisText, list.end, list.end, [`${indent}${marker} ${entry}`], eol);
    return { text, changed: true, alreadyLinked: false, listFound: true };
  }

  // A label without a list: the list starts right under it. A paragraph directly below would
  // become part of the new item (a lazy continuation), so a blank line goes between them.
  const below = lines[list.labelLine + 1];
  const needsBlank = below !== undefined && below.trim() !== "" && !HEADING_LINE.test(below);
  const added = needsBlank ? [`1. ${entry}`, ""] : [`1. ${entry}`];
  const text = spliceLines(analysisText, list.labelLine + 1, list.labelLine + 1, added, eol);
  return { text, changed: true, alreadyLinked: false, listFound: true };
}

/**
 * Removes the top-level items of the "Use Cases Analyzed" list that link to `linkTarget`
 * (their nested lines stay, so nothing the user wrote under them is lost). When the list was
 * numbered 1, 2, 3… the numbers after a removed item are renumbered so it stays that way.
 */
export function removeArticleLink(analysisText: string, linkTarget: string): { text: string; changed: boolean } {
  const list = findUseCasesList(analysisText);
  if (!list || list.start < 0) return { text: analysisText, changed: false };
  const { lines } = splitLines(analysisText);
  const eol = eolOf(analysisText);
  const removed = new Set(list.items.filter((it) => linkTargets(it.content).some((t) => sameLinkTarget(t, linkTarget))).map((it) => it.line));
  if (removed.size === 0) return { text: analysisText, changed: false };

  const numbered = list.items.filter((it) => it.numbered);
  const first = Number(numbered[0]?.marker ?? "1");
  const sequential = numbered.length === list.items.length && numbered.every((it, k) => Number(it.marker) === first + k);
  const renumber = new Map<number, string>();
  if (sequential) {
    let n = first;
    for (const it of list.items) {
      if (removed.has(it.line)) continue;
      if (Number(it.marker) !== n) {
        const rest = (lines[it.line] ?? "").slice(it.indent.length + it.marker.length + it.delimiter.length);
        renumber.set(it.line, `${it.indent}${n}${it.delimiter}${rest}`);
      }
      n++;
    }
  }
  // Work from the bottom up so earlier line numbers stay valid.
  let text = analysisText;
  for (let i = list.end - 1; i >= list.start; i--) {
    if (removed.has(i)) text = spliceLines(text, i, i + 1, [], eol);
    else if (renumber.has(i)) text = spliceLines(text, i, i + 1, [renumber.get(i) ?? ""], eol);
  }
  return { text, changed: text !== analysisText };
}

// ---------------------------------------------------------------------------------------------
// The `articles` property

function propertyLinkTarget(entry: unknown): string | null {
  if (typeof entry !== "string") return null;
  const target = linkIn(entry);
  return target === "" ? null : target;
}

/** The `articles` property's link targets (entries that are not links are ignored). */
export function articlesProperty(frontmatter: Record<string, unknown> | null | undefined): string[] {
  const value = frontmatter?.articles;
  const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return entries.map(propertyLinkTarget).filter((t): t is string => t !== null);
}

function currentArticles(text: string): Checked<{ entries: unknown[] }> {
  const fm = readFrontmatter(text);
  if (fm.kind === "error") return { ok: false, message: `broken frontmatter: ${fm.message}` };
  const value = fm.kind === "ok" ? fm.data.articles : undefined;
  if (value === undefined || value === null || value === "") return { ok: true, entries: [] };
  if (typeof value === "string") return { ok: true, entries: [value] };
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return { ok: true, entries: value };
  return { ok: false, message: "the articles property is not a list of links; fix it by hand first" };
}

/** Adds `"[[Target]]"` to the `articles` property unless an entry already links there. */
export function addArticleProperty(text: string, linkTarget: string): EditResult {
  const current = currentArticles(text);
  if (!current.ok) return current;
  const entries = current.entries as string[];
  if (entries.some((e) => { const t = propertyLinkTarget(e); return t !== null && sameLinkTarget(t, linkTarget); })) {
    return { ok: true, text, changed: false };
  }
  return editFrontmatter(text, { set: { articles: [...entries, linkValue(linkTarget)] } });
}

/** Removes every `articles` entry linking to `linkTarget`. */
export function removeArticleProperty(text: string, linkTarget: string): EditResult {
  const current = currentArticles(text);
  if (!current.ok) return current;
  const entries = current.entries as string[];
  const kept = entries.filter((e) => { const t = propertyLinkTarget(e); return t === null || !sameLinkTarget(t, linkTarget); });
  if (kept.length === entries.length) return { ok: true, text, changed: false };
  return editFrontmatter(text, { set: { articles: kept } });
}

export interface LinkInAnalysis {
  text: string;
  changed: boolean;
  /** Both the list and the property already linked the article. */
  alreadyLinked: boolean;
  listFound: boolean;
}

/**
 * Links an article from an analysis: the list line and the `articles` property, as one edit
 * (the plugin runs it in one `Vault.process`). Broken frontmatter: an error, nothing changes.
 */
export function linkArticleInAnalysis(analysisText: string, link: { linkTarget: string; url: string }): Checked<LinkInAnalysis> {
  const fm = readFrontmatter(analysisText);
  if (fm.kind === "error") return { ok: false, message: `broken frontmatter: ${fm.message}` };
  const listed = addArticleLink(analysisText, link);
  const property = addArticleProperty(listed.text, link.linkTarget);
  if (!property.ok) return property;
  const propertyHad = !property.changed;
  return {
    ok: true, text: property.text, changed: property.text !== analysisText,
    alreadyLinked: propertyHad && (listed.alreadyLinked || !listed.listFound), listFound: listed.listFound,
  };
}

/** Unlinks an article from an analysis: its list lines and its `articles` entries. */
export function unlinkArticleInAnalysis(analysisText: string, linkTarget: string): Checked<{ text: string; changed: boolean }> {
  const fm = readFrontmatter(analysisText);
  if (fm.kind === "error") return { ok: false, message: `broken frontmatter: ${fm.message}` };
  const listed = removeArticleLink(analysisText, linkTarget);
  const property = removeArticleProperty(listed.text, linkTarget);
  if (!property.ok) return property;
  return { ok: true, text: property.text, changed: property.text !== analysisText };
}

// ---------------------------------------------------------------------------------------------
// "Cited by"

export interface CitingAnalysis {
  /** Link text to the analysis (its base name, or a path when the name is ambiguous). */
  name: string;
  category: string | null;
  patterns: readonly string[];
}

/** The "Cited by" list: one line per analysis, sorted by name, `- [[Name]] — Category · Pattern, Pattern`. */
export function citedBySection(analyses: readonly CitingAnalysis[]): string[] {
  if (analyses.length === 0) return [NOT_CITED_LINE];
  const sorted = [...analyses].sort((a, b) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return sorted.map((a) => {
    const facts: string[] = [];
    const category = oneLine(a.category ?? "");
    if (category) facts.push(markdownText(category));
    const patterns = a.patterns.map(oneLine).filter((p) => p !== "").map(markdownText);
    if (patterns.length > 0) facts.push(patterns.join(", "));
    return facts.length > 0 ? `- [[${a.name}]] — ${facts.join(" · ")}` : `- [[${a.name}]]`;
  });
}

/** Where the markers are: the lines strictly between them are the plugin's. */
export function citedByRange(articleText: string): { start: number; end: number } | null {
  const { lines } = splitLines(articleText);
  const start = lines.findIndex((l) => l.trim() === CITED_BY_START);
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.trim() === CITED_BY_END);
  if (end < 0) return null;
  return { start, end };
}

/** The lines currently between the markers, or null without markers. */
export function currentCitedBy(articleText: string): string[] | null {
  const range = citedByRange(articleText);
  if (!range) return null;
  return splitLines(articleText).lines.slice(range.start + 1, range.end);
}

/**
 * Puts `lines` between the "Cited by" markers; every byte outside them stays. Same lines → the
 * identical text. No markers (the user removed them to stop the upkeep) → unchanged, `found` false.
 */
export function replaceCitedBy(articleText: string, lines: readonly string[]): { text: string; changed: boolean; found: boolean } {
  const range = citedByRange(articleText);
  if (!range) return { text: articleText, changed: false, found: false };
  const current = splitLines(articleText).lines.slice(range.start + 1, range.end);
  if (current.length === lines.length && current.every((l, i) => l === lines[i])) {
    return { text: articleText, changed: false, found: true };
  }
  const { starts } = splitLines(articleText);
  const from = starts[range.start + 1] ?? articleText.length;
  const to = starts[range.end] ?? articleText.length;
  const eol = articleText.slice(0, from).endsWith("\r\n") ? "\r\n" : "\n";
  const inserted = lines.map((l) => l + eol).join("");
  const text = articleText.slice(0, from) + inserted + articleText.slice(to);
  return { text, changed: text !== articleText, found: true };
}

// ---------------------------------------------------------------------------------------------
// Reading article notes

export interface ArticleFacts {
  /** Canonical URL, or null when the note's `url` is missing or not a web address. */
  url: string | null;
  title: string | null;
  company: string | null;
  year: number | null;
  host: string | null;
}

/** What an article note's frontmatter says (from Obsidian's cache or our reader). */
export function articleFacts(frontmatter: Record<string, unknown> | null | undefined): ArticleFacts {
  const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null);
  const rawUrl = str(frontmatter?.url);
  const canonical = rawUrl ? canonicalUrl(rawUrl) : null;
  const url = canonical?.ok ? canonical.url : null;
  const yearValue = frontmatter?.year;
  const year = typeof yearValue === "number" && Number.isInteger(yearValue) ? yearValue
    : typeof yearValue === "string" && /^\d{4}$/.test(yearValue.trim()) ? Number(yearValue.trim()) : null;
  return { url, title: str(frontmatter?.title), company: str(frontmatter?.company), year, host: url ? urlHost(url) : null };
}

/**
 * The URL as the user first gave it (the link under the article note's heading), when it is the
 * same page as `canonical`; else `canonical`. The canonical form is always https and drops
 * `www.`, which a few sites still need when the page is fetched or opened.
 */
export function originalUrlIn(articleText: string, canonical: string): string {
  const block = readFrontmatter(articleText).block;
  const body = block ? articleText.slice(block.fenceEnd) : articleText;
  for (const m of body.matchAll(URL_IN_TEXT)) {
    const c = canonicalUrl(m[0]);
    if (c.ok && c.url === canonical) return m[0];
  }
  return canonical;
}

export function isArticleNote(frontmatter: Record<string, unknown> | null | undefined): boolean {
  return frontmatter?.type === ARTICLE_TYPE;
}
