/**
 * Planning a new analysis or case study: validate what the user typed, render the template, and
 * write the managed frontmatter with the in-place editor (the template's own frontmatter kept).
 * The plan is pure; the plugin and the command-line tool carry it out (folders, file, articles).
 */
import { checkName, renderPathPattern, replacedList } from "./filename";
import { linkValue } from "./links";
import { fillArticlesRead } from "./library";
import { readNote } from "./reader";
import type { AtlasSettings } from "./settings";
import { NOTE_KINDS, type NoteKind } from "./study";
import { desiredTags, inTemplateOrder, patternBoxes } from "./sync";
import type { PatternDef } from "./taxonomy";
import { type DateFormatter, renderTemplate } from "./template-render";
import { canonicalUrl } from "./url";
import { editFrontmatter, type ManagedValue } from "./yaml-edit";

export type { NoteKind };
export const MAX_ARTICLES = 5;

export interface ArticleRequest {
  url: string;
  title?: string;
  /** The article's own company and year, when known (a use-case library entry's): its new article note takes them instead of the analysis'. */
  company?: string;
  year?: number;
}

export interface NoteInput {
  kind: NoteKind;
  templateText: string;
  company: string;
  title: string;
  year?: string;
  category?: string;
  industry?: string;
  /** Extra tags the user typed (with or without `#`). */
  tags?: string[];
  articles?: ArticleRequest[];
  /** The user confirmed a category / industry that is not in the taxonomy. */
  allowNewCategory?: boolean;
  allowNewIndustry?: boolean;
  /** For a case study made from an analysis. */
  analysis?: string;
  patterns?: string[];
  stack?: string;
  /** The taxonomy's patterns: a case study's `patterns` are written in their order, as sync writes them. */
  knownPatterns?: readonly PatternDef[];
  /** Full citations for the "Articles Read" section (from the use-case library's entries). */
  articlesRead?: string[];
}

export interface FieldError {
  /** company, title, year, category, industry, tags, article-1 … article-5, template */
  field: string;
  message: string;
}

export interface NotePlan {
  /** Vault path before collision handling (the caller makes it unique). */
  path: string;
  /** Values as they will be written (trimmed, canonical spellings). */
  company: string;
  title: string;
  year: number | null;
  category: string;
  industry: string;
  articles: ArticleRequest[];
  warnings: string[];
  unknownPlaceholders: string[];
}

export type PlanResult = { ok: true; plan: NotePlan } | { ok: false; errors: FieldError[] };

const TAG = /^[\p{L}\p{N}_\-/]+$/u;

/** The list's spelling of a value, compared trimmed, in NFC and ignoring case. */
function inList(value: string, list: readonly string[]): string | null {
  const want = value.trim().normalize("NFC").toLowerCase();
  return list.find((x) => x.trim().normalize("NFC").toLowerCase() === want) ?? null;
}

/** Checks the form's input; on success, the values to write and where the note goes. */
export function planNote(input: NoteInput, settings: AtlasSettings): PlanResult {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const company = checkName(input.company, "company");
  if (!company.ok) errors.push({ field: "company", message: company.message });
  const title = checkName(input.title, "title");
  if (!title.ok) errors.push({ field: "title", message: title.message });

  let year: number | null = null;
  const y = (input.year ?? "").trim();
  if (y !== "") {
    if (!/^\d{4}$/.test(y)) errors.push({ field: "year", message: `Year must be a 4-digit year, like 2024 (not "${y}").` });
    else year = Number(y);
  }

  const pick = (field: "category" | "industry", raw: string | undefined, list: readonly string[], allowNew: boolean | undefined): string => {
    const v = (raw ?? "").trim();
    if (v === "") return "";
    const known = inList(v, list);
    if (known) return known;
    if (!allowNew) errors.push({ field, message: `"${v}" is not in the taxonomy. Pick one from the list, or confirm it as a new ${field}.` });
    return v;
  };
  const category = pick("category", input.category, settings.taxonomy.categories, input.allowNewCategory);
  const industry = pick("industry", input.industry, settings.taxonomy.industries, input.allowNewIndustry);

  const tags: string[] = [];
  const badTags: string[] = [];
  for (const raw of input.tags ?? []) {
    const t = raw.trim().replace(/^#/, "");
    if (t === "") continue;
    const ok = TAG.test(t) && !/^\d+$/.test(t);
    const list = ok ? tags : badTags;
    const entry = ok ? t : raw.trim();
    if (!list.includes(entry)) list.push(entry);
  }
  // Every bad tag at once, so the user fixes them in one go.
  if (badTags.length > 0) errors.push({ field: "tags", message: `${badTags.map((t) => `"${t}"`).join(", ")} can't be ${badTags.length === 1 ? "a tag" : "tags"}: use letters, numbers, -, _ and /, and not only digits.` });

  const articles: ArticleRequest[] = [];
  const given = (input.articles ?? []).filter((a) => a.url.trim() !== "");
  if (given.length > MAX_ARTICLES) errors.push({ field: "articles", message: `At most ${MAX_ARTICLES} articles at creation; add more later with "Add article to this analysis".` });
  given.slice(0, MAX_ARTICLES).forEach((a, i) => {
    const c = canonicalUrl(a.url);
    if (!c.ok) { errors.push({ field: `article-${i + 1}`, message: c.message }); return; }
    if (articles.some((x) => x.url === c.url)) { warnings.push(`Article ${i + 1} is the same page as an earlier one; it is listed once.`); return; }
    const t = a.title?.trim();
    articles.push({ url: c.url, ...(t ? { title: t } : {}), ...(a.company?.trim() ? { company: a.company.trim() } : {}), ...(a.year !== undefined ? { year: a.year } : {}) });
  });

  if (errors.length > 0 || !company.ok || !title.ok) return { ok: false, errors };
  for (const [what, r] of [["company", company], ["title", title]] as const) {
    if (r.replaced.length > 0) warnings.push(`File names cannot hold ${replacedList(r.replaced)} — replaced in the file name made from the ${what}.`);
  }

  const folder = input.kind === "analysis" ? settings.analysesFolder : settings.caseStudiesFolder;
  const rendered = renderPathPattern(input.kind === "analysis" ? settings.fileNamePattern : settings.caseStudyFileNamePattern, {
    company: company.name, title: title.name, category, industry, year: year === null ? "" : String(year),
  });
  if (!rendered.ok) return { ok: false, errors: [{ field: "title", message: rendered.message }] };
  const path = [folder.replace(/^\/+|\/+$/g, ""), rendered.path].filter((s) => s !== "").join("/");
  return {
    ok: true,
    plan: { path, company: input.company.trim(), title: input.title.trim(), year, category, industry, articles, warnings, unknownPlaceholders: [] },
  };
}

/** An article as it will be linked from the new note: the note it is (or will be) and its URL. */
export interface ArticleLink {
  linkTarget: string;
  url: string;
}

/** `N. [[Target]] — <URL>` lines for the "Use Cases Analyzed" list; one empty `1. ` when there are none. */
export function articleListLines(links: readonly ArticleLink[]): string {
  if (links.length === 0) return "1. ";
  return links.map((l, i) => `${i + 1}. [[${l.linkTarget}]] — <${l.url}>`).join("\n");
}

export type RenderNoteResult = { ok: true; text: string; unknownPlaceholders: string[] } | { ok: false; message: string };

/**
 * The new note's text: the template rendered with the plan's values, then the managed
 * frontmatter written with the in-place editor (keys the template already has keep their place).
 */
export function renderNote(input: NoteInput, plan: NotePlan, links: readonly ArticleLink[], settings: AtlasSettings, now: Date, eol = "\n", formatDate?: DateFormatter): RenderNoteResult {
  const tagsLine = [...new Set((input.tags ?? []).map((t) => t.trim().replace(/^#/, "")).filter((t) => t !== ""))].map((t) => `#${t}`).join(" ");
  const rendered = renderTemplate(input.templateText, {
    company: plan.company, title: plan.title, year: plan.year === null ? "" : String(plan.year),
    category: plan.category, industry: plan.industry, tags: tagsLine,
    articles: articleListLines(links).split("\n").join(eol),
    analysis: input.analysis ? `[[${input.analysis}]]` : "",
    stack: input.stack ?? "", patterns: (input.patterns ?? []).join(", "),
  }, now, formatDate);
  const text = input.articlesRead && input.articlesRead.length > 0 ? fillArticlesRead(rendered.text, input.articlesRead) : rendered.text;
  const note = readNote(text);
  if (note.frontmatterError) return { ok: false, message: `The template's frontmatter is broken: ${note.frontmatterError}` };
  const patterns = input.kind === "analysis"
    ? [...new Set(patternBoxes(note, settings.patternGroups).filter((b) => b.checked).map((b) => b.label))]
    : inTemplateOrder([...new Set(input.patterns ?? [])], input.knownPatterns ?? []);
  const userTags = [...new Set([...asList(note.frontmatter?.tags), ...(input.tags ?? []).map((t) => t.trim().replace(/^#/, "")).filter((t) => t !== "")])];
  const set: Record<string, ManagedValue> = { type: NOTE_KINDS[input.kind].type };
  if (plan.category) set.category = plan.category;
  if (plan.industry) set.industry = plan.industry;
  set.company = plan.company;
  if (plan.year !== null) set.year = plan.year;
  set.patterns = patterns;
  set.articles = links.map((l) => linkValue(l.linkTarget));
  if (input.analysis) set.analysis = `[[${input.analysis}]]`;
  set.tags = desiredTags(userTags, settings.tagPrefix, plan.category, plan.industry, patterns);
  const edited = editFrontmatter(text, { set });
  if (!edited.ok) return { ok: false, message: edited.message };
  return { ok: true, text: edited.text, unknownPlaceholders: rendered.unknownPlaceholders };
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  if (typeof v === "string" && v.trim() !== "") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return [];
}
