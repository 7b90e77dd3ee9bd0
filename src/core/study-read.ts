/**
 * Reading studies: from frontmatter alone (what Obsidian's metadata cache hands the plugin) and
 * from the body (checklist completeness, the tech-stack table), which only the note's text holds.
 * Pure and cheap: the index builds 100,000 of these within its budget.
 */
import type { Frontmatter } from "./frontmatter";
import { readNote, type MarkdownTable, type ParsedNote } from "./reader";
import {
  type BodyFacts, isStudyType, type StackEntry, type Study, type StudyContext,
} from "./study";

/** Lower-cased label → canonical label and template rank, built once per pattern list. */
interface PatternLookup { canonical: Map<string, string>; rank: Map<string, number> }
const lookups = new WeakMap<readonly unknown[], PatternLookup>();

function patternLookup(ctx: StudyContext): PatternLookup {
  let l = lookups.get(ctx.patterns);
  if (!l) {
    l = { canonical: new Map(), rank: new Map() };
    ctx.patterns.forEach((p, i) => {
      const key = p.label.trim().toLowerCase();
      if (!l!.canonical.has(key)) { l!.canonical.set(key, p.label); l!.rank.set(p.label, i); }
    });
    lookups.set(ctx.patterns, l);
  }
  return l;
}

/** Collapses inner white space and trims: how free text is compared and shown. */
export function tidy(s: string): string {
  return s.replace(/\s+/g, " ").trim();
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
function stringList(v: unknown): string[] {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v) if (typeof x === "string" && x.trim() !== "") out.push(x);
    return out;
  }
  if (typeof v === "string") return v.split(",").filter((s) => s.trim() !== "");
  return [];
}

/**
 * A link's target: `[[Target|alias]]`, `[[Target#Heading]]`, `[[Target^block]]` → "Target";
 * a markdown link `[text](Target.md)` → "Target.md" (URL-decoded); plain text as written.
 */
export function linkTarget(raw: string): string {
  const s = raw.trim();
  const wiki = /^!?\[\[([^\]|#^]*)(?:[#^][^\]|]*)?(?:\|[^\]]*)?\]\]$/.exec(s);
  if (wiki) return (wiki[1] ?? "").trim();
  const md = /^!?\[[^\]]*\]\(<?([^)>]*)>?\)$/.exec(s);
  if (md) {
    const target = (md[1] ?? "").trim().replace(/#.*$/, "");
    try { return decodeURIComponent(target); } catch { return target; }
  }
  return s;
}

/** Pattern labels: canonical spelling for known ones (template order), unknown ones as written after them. */
export function canonicalPatterns(raw: readonly string[], ctx: StudyContext): string[] {
  const { canonical, rank } = patternLookup(ctx);
  const known: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const label = tidy(r);
    const key = label.toLowerCase();
    if (label === "" || seen.has(key)) continue;
    seen.add(key);
    const c = canonical.get(key);
    if (c !== undefined) known.push(c);
    else unknown.push(label);
  }
  if (known.length > 1) known.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  return unknown.length === 0 ? known : known.concat(unknown);
}

/** The note's base name: file name without its folder and `.md`. */
export function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf("/") + 1);
  return file.toLowerCase().endsWith(".md") ? file.slice(0, -3) : file;
}

/** A study from frontmatter alone; null when the note is not an analysis or case study. */
export function studyFromFrontmatter(path: string, fm: Frontmatter | null | undefined, ctx: StudyContext): Study | null {
  if (!fm) return null;
  const type = fm.type;
  if (!isStudyType(type)) return null;
  const articles: string[] = [];
  for (const a of stringList(fm.articles)) {
    const t = linkTarget(a);
    if (t !== "") articles.push(t);
  }
  return {
    path,
    type,
    name: baseName(path),
    company: text(fm.company),
    category: text(fm.category),
    industry: text(fm.industry),
    year: yearOf(fm.year),
    patterns: canonicalPatterns(stringList(fm.patterns), ctx),
    articles,
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

/** Technologies named in one cell: split on commas, semicolons, " and ", "/", "+" and " & ". */
export function splitTechnologies(cell: string): string[] {
  const out: string[] = [];
  for (const part of plainCell(cell).split(/,|;|\/|\s\+\s|\s&\s|\band\b/i)) {
    const t = tidy(part);
    if (t !== "" && t !== "-" && t !== "—" && !/^(n\/?a|tbd|\?+)$/i.test(t)) out.push(t);
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
  return { checklist: { done, total }, stack: stackEntries(parsed) };
}

/** A study with its body facts, from a note's whole text (what the command-line tool uses). */
export function studyFromText(path: string, noteText: string, ctx: StudyContext): Study | null {
  const parsed = readNote(noteText);
  const study = studyFromFrontmatter(path, parsed.frontmatter, ctx);
  if (!study) return null;
  study.body = bodyFacts(parsed, ctx);
  return study;
}
