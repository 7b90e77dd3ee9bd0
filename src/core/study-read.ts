/**
 * Reading studies: from frontmatter alone (what Obsidian's metadata cache hands the plugin) and
 * from the body (checklist completeness, the tech-stack table), which only the note's text holds.
 * Pure and cheap: the index builds 100,000 of these within its budget.
 */
import type { Frontmatter } from "./frontmatter";
import { baseName } from "./links";
import { readNote, type MarkdownTable, type ParsedNote } from "./reader";
import { patternBoxes } from "./sync";
import {
  ANALYSIS_TYPE, type BodyFacts, CASE_STUDY_TYPE, isStudyType, type OwnPattern, type StackEntry, type Study, type StudyContext,
} from "./study";

/** Label (as written, and lower-cased) → canonical label and template rank, built once per pattern list. */
interface PatternLookup {
  exact: Map<string, string>;
  folded: Map<string, string>;
  rank: Map<string, number>;
  /** Canonical lists by their ranks as bits (patterns ranked under 31): one frozen list per set of patterns. */
  byMask: Map<number, readonly string[]>;
  /** The label at each rank (null for a pattern that repeats an earlier one's label in other capitals). */
  ranked: (string | null)[];
}
/** Enough lists for every set a vault holds in practice; past it lists are made per study. */
const MAX_SHARED_LISTS = 65_536;
const lookups = new WeakMap<readonly unknown[], PatternLookup>();

function patternLookup(ctx: StudyContext): PatternLookup {
  let l = lookups.get(ctx.patterns);
  if (!l) {
    const made: PatternLookup = { exact: new Map(), folded: new Map(), rank: new Map(), byMask: new Map(), ranked: [] };
    ctx.patterns.forEach((p, i) => {
      const key = tidy(p.label).toLowerCase();
      made.ranked.push(made.folded.has(key) ? null : p.label);
      if (made.folded.has(key)) return;
      made.folded.set(key, p.label);
      made.exact.set(p.label, p.label);
      made.rank.set(p.label, i);
    });
    lookups.set(ctx.patterns, made);
    l = made;
  }
  return l;
}

/** True for the characters `\s` matches (so `tidy` agrees with a regular expression's idea of space). */
export function isSpace(c: number): boolean {
  // Most characters asked about are printable ASCII: two comparisons tell them apart.
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/** Collapses inner white space and trims: how free text is compared and shown. */
export function tidy(s: string): string {
  // Most values are already tidy: check without allocating (this runs for every field of every note).
  const n = s.length;
  let clean = n === 0 || (!isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(n - 1)));
  for (let i = 1; clean && i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 0xa0) {
      if (c === 32) { if (s.charCodeAt(i + 1) === 32) clean = false; } else if (isSpace(c)) clean = false;
    }
  }
  return clean ? s : s.replace(/\s+/g, " ").trim();
}

function text(v: unknown): string | null {
  if (typeof v === "string") { const t = tidy(v); return t === "" ? null : t; }
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** A year as a number: `2024` or `"2024"`; anything else (a date, "soon", 2024.5) is no year. */
export function yearOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) ? v : null;
  if (typeof v === "string" && /^\s*-?\d{1,6}\s*$/.test(v)) return Number(v);
  return null;
}

/** A YAML list of strings, or one string (comma-separated, as users sometimes type properties). */
/** `s.trim() === ""` without making the trimmed string (trim drops exactly what `\s` matches). */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function stringList(v: unknown): readonly string[] {
  if (Array.isArray(v)) {
    let clean = true;
    for (const x of v) if (typeof x !== "string" || isBlank(x)) { clean = false; break; }
    if (clean) return v as string[];
    const out: string[] = [];
    for (const x of v) if (typeof x === "string" && !isBlank(x)) out.push(x);
    return out;
  }
  if (typeof v === "string") return v.split(",").filter((s) => s.trim() !== "");
  return EMPTY;
}

const EMPTY: readonly string[] = Object.freeze([]);

/** Pattern labels: canonical spelling for known ones (template order), unknown ones as written after them. */
export function canonicalPatterns(raw: readonly string[], ctx: StudyContext): readonly string[] {
  const lookup = patternLookup(ctx);
  const { exact, folded, rank } = lookup;
  // The common case: every label already canonical, in template order, no repeats. The answer is
  // the taxonomy's own strings, one shared frozen list per set of patterns: the note's strings
  // would keep the text they were cut from alive as long as the study (the command-line tool
  // reads 10,000 notes; copying their texts from one heap space to the next cost more than
  // reading them), and equal sets need one list, not one per note.
  // Found by walking the template's labels in order, each label compared as it is: a map lookup
  // would hash every label (the note's strings are new, their hashes not yet known).
  const ranked = lookup.ranked;
  let last = -1;
  let plain = true;
  let bits = 0;
  for (let i = 0; i < raw.length && plain; i++) {
    const label = raw[i];
    let r = last + 1;
    while (r < ranked.length && ranked[r] !== label) r++;
    if (r >= ranked.length) plain = false;
    else { last = r; if (r < 31) bits |= 1 << r; }
  }
  if (plain) return last < 31 ? sharedList(lookup, bits, ctx) : raw;

  // Known labels are kept as their template ranks, as bits of a mask while there are fewer than
  // 31 (every bundled pattern): no array, no search, no sort; the bits come out in rank order.
  let mask = 0;
  let later: number[] | null = null;
  let unknown: string[] | null = null;
  for (const r of raw) {
    let c = exact.get(r);
    let label = r;
    // A label that is only spelt in other capitals needs no tidying: a tidy key can only match a
    // tidy label (tidying changes white space alone).
    if (c === undefined) c = folded.get(r.toLowerCase());
    if (c === undefined) {
      label = tidy(r);
      if (label === "") continue;
      c = folded.get(label.toLowerCase());
    }
    if (c !== undefined) {
      const at = rank.get(c) ?? 0;
      if (at < 31) mask |= 1 << at;
      else if (later === null) later = [at];
      else if (!later.includes(at)) later.push(at);
    } else {
      unknown ??= [];
      const key = label.toLowerCase();
      if (!unknown.some((u) => u.toLowerCase() === key)) unknown.push(label);
    }
  }
  if (later === null && unknown === null) return sharedList(lookup, mask, ctx);
  const known: string[] = [];
  for (let at = 0; mask !== 0; at++, mask >>>= 1) if ((mask & 1) !== 0) known.push(ctx.patterns[at]?.label ?? "");
  if (later !== null) for (const at of later.sort((a, b) => a - b)) known.push(ctx.patterns[at]?.label ?? "");
  return unknown === null ? known : known.concat(unknown);
}

/** The canonical labels of the patterns ranked by `mask`'s bits, in rank order: shared and frozen. */
function sharedList(lookup: PatternLookup, mask: number, ctx: StudyContext): readonly string[] {
  const known = lookup.byMask.get(mask);
  if (known !== undefined) return known;
  const list: string[] = [];
  for (let at = 0, m = mask; m !== 0; at++, m >>>= 1) if ((m & 1) !== 0) list.push(ctx.patterns[at]?.label ?? "");
  Object.freeze(list);
  if (lookup.byMask.size < MAX_SHARED_LISTS) lookup.byMask.set(mask, list);
  return list;
}

/** True when the study has a pattern the taxonomy does not know (its group is read from the note's text). */
export function hasOwnPattern(study: Study, ctx: StudyContext): boolean {
  // Known labels are the taxonomy's own strings (`canonicalPatterns`).
  const { exact } = patternLookup(ctx);
  return study.patterns.some((p) => !exact.has(p));
}

/** A study from frontmatter alone; null when the note is not an analysis or case study. */
export function studyFromFrontmatter(path: string, fm: Frontmatter | null | undefined, ctx: StudyContext): Study | null {
  if (!fm) return null;
  const type = fm.type;
  if (!isStudyType(type)) return null;
  return {
    path,
    // The constant, not the note's string (a slice of its text, which it would keep alive).
    type: type === ANALYSIS_TYPE ? ANALYSIS_TYPE : CASE_STUDY_TYPE,
    name: baseName(path),
    company: text(fm.company),
    category: text(fm.category),
    industry: text(fm.industry),
    year: yearOf(fm.year),
    patterns: canonicalPatterns(stringList(fm.patterns), ctx),
    body: null,
  };
}

const sameName = (a: string | null, b: string): boolean => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The tech-stack table: the one under "Tech Stack Identified", else one headed Component | Technology…. */
export function stackTableOf(note: ParsedNote): MarkdownTable | null {
  const byGroup = note.tables.find((t) => t.group !== null && /^tech stack identified$/i.test(tidy(t.group)));
  if (byGroup) return byGroup;
  return note.tables.find((t) => /^component/i.test(t.header[0] ?? "") && /^technolog/i.test(t.header[1] ?? "")) ?? null;
}

/** Strips the markdown a user may put around a name: links, bold, italics, code. */
function plainCell(cell: string): string {
  return cell
    .replace(/!?\[\[([^\]|]*)(?:\|([^\]]*))?\]\]/g, (_m, target: string, alias?: string) => alias ?? target)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<br\s*\/?>/gi, ", ")
    .replace(/[`*]/g, "");
}

/** Cell text that says "nothing here". */
const NO_VALUE = /^(|-+|—|–|n\/?a|none|tbd|unknown|\?+)$/i;

/** Technologies named in one cell: split on commas, semicolons, " and ", "/", "+" and " & ". */
export function splitTechnologies(cell: string): string[] {
  const plain = tidy(plainCell(cell));
  if (NO_VALUE.test(plain)) return [];
  const out: string[] = [];
  for (const part of plain.split(/,|;|\/|\s\+\s|\s&\s|\sand\s/i)) {
    const t = tidy(part);
    if (!NO_VALUE.test(t)) out.push(t);
  }
  return out;
}

/** True for the template's example text ("e.g., Snowflake, S3"), which is not data. */
function isTemplateFiller(cell: string): boolean {
  return /^(e\.g\.|eg\.|i\.e\.|example:)/i.test(cell.trim());
}

/** The stack entries of a parsed note (empty when it has no stack table). */
export function stackEntries(note: ParsedNote): StackEntry[] {
  const table = stackTableOf(note);
  if (!table) return [];
  const techColumn = Math.max(1, table.header.findIndex((h) => /^tech/i.test(h.trim())));
  const out: StackEntry[] = [];
  for (const row of table.rows) {
    const component = tidy(plainCell(row[0] ?? ""));
    const cell = row[techColumn] ?? "";
    if (component === "" || isTemplateFiller(cell)) continue;
    for (const technology of splitTechnologies(cell)) out.push({ component, technology });
  }
  return out;
}

/** Facts only the body holds: analysis-checklist completeness and the tech stack. */
export function bodyFacts(parsed: ParsedNote, ctx: StudyContext): BodyFacts {
  let done = 0;
  let total = 0;
  for (const c of parsed.checkboxes) {
    if (!sameName(c.heading, ctx.checklistHeading)) continue;
    total++;
    if (c.checked) done++;
  }
  const facts: BodyFacts = { checklist: { done, total }, stack: stackEntries(parsed) };
  const notAsked = notAskedPatterns(parsed, ctx);
  if (notAsked.length > 0) facts.notAsked = notAsked;
  const own = ownPatterns(parsed, ctx);
  if (own.length > 0) facts.ownPatterns = own;
  return facts;
}

/**
 * The note's boxes under a pattern group whose label the taxonomy does not know, with the group
 * (in the settings' spelling) each is under, ticked or not: where the user wrote their own
 * patterns. One entry per label and group.
 */
export function ownPatterns(parsed: ParsedNote, ctx: StudyContext): readonly OwnPattern[] {
  const { folded } = patternLookup(ctx);
  let out: OwnPattern[] | null = null;
  for (const box of patternBoxes(parsed, ctx.patternGroups)) {
    const label = tidy(box.label);
    const key = label.toLowerCase();
    if (label === "" || folded.has(key)) continue;
    const group = ctx.patternGroups.find((g) => sameName(box.group, g)) ?? box.group ?? "";
    out ??= [];
    if (!out.some((o) => o.group === group && o.label.toLowerCase() === key)) out.push({ label, group });
  }
  return out ?? EMPTY_OWN;
}

const EMPTY_OWN: readonly OwnPattern[] = Object.freeze([]);

/** The known patterns a note with pattern groups has no box for (canonical labels, template order). */
export function notAskedPatterns(parsed: ParsedNote, ctx: StudyContext): readonly string[] {
  const boxes = patternBoxes(parsed, ctx.patternGroups);
  const hasGroup = boxes.length > 0 || [...parsed.headings, ...parsed.boldLabels].some((m) => ctx.patternGroups.some((g) => sameName(m.text, g)));
  if (!hasGroup) return EMPTY;
  const asked = new Set(boxes.map((b) => b.label.trim().toLowerCase()));
  const out: string[] = [];
  for (const p of ctx.patterns) if (!asked.has(p.label.trim().toLowerCase())) out.push(p.label);
  return out.length === 0 ? EMPTY : out;
}

/** A study with its body facts, from a note's whole text (what the command-line tool uses). */
export function studyFromText(path: string, noteText: string, ctx: StudyContext): Study | null {
  const parsed = readNote(noteText);
  const study = studyFromFrontmatter(path, parsed.frontmatter, ctx);
  if (!study) return null;
  study.body = bodyFacts(parsed, ctx);
  return study;
}
