/**
 * What `check` reports over a whole vault: notes the plugin cannot read or that disagree with
 * themselves or with the vault. Pure: it gets every note's path and text and returns problems,
 * so the command-line tool and the plugin can both show them.
 */
import { versionOf, writtenForOlderTemplate } from "./migrate";
import { readNote } from "./reader";
import { canonicalUrl, type UrlResult } from "./url";
import { ARTICLE_TYPE, isStudyType, type StudyContext, type StudyType } from "./study";
import { linkTarget } from "./links";
import { tidy } from "./study-read";
import { desiredTags, patternBoxes, syncNote } from "./sync";
import { isManagedTagUnder } from "./tags";

export interface VaultNoteText {
  /** Vault-relative path, `/`-separated, with `.md`. */
  path: string;
  text: string;
}

export interface VaultProblem {
  path: string;
  problem: string;
}

export interface CheckContext extends StudyContext {
  tagPrefix: string;
  /** Tag prefixes used before `tagPrefix` (settings' `formerTagPrefixes`): their tags are the plugin's, to be moved by sync. */
  formerTagPrefixes?: readonly string[];
  /** Two article URLs are the same article when this says so; default: `canonicalUrl`. */
  canonicalUrl?: (url: string) => UrlResult;
  /** The `template-version` of each kind's template, when it has one (notes recording less are older). */
  templateVersions?: Partial<Record<StudyType, string | number | null>>;
}

/** Resolves note links the way Obsidian does: full path or base name, case-insensitive, `.md` optional. */
export class LinkResolver {
  private readonly paths = new Set<string>();
  private readonly names = new Set<string>();

  constructor(paths: Iterable<string>) {
    for (const p of paths) {
      const l = p.toLowerCase();
      const noExt = l.endsWith(".md") ? l.slice(0, -3) : l;
      this.paths.add(l);
      this.paths.add(noExt);
      this.names.add(noExt.slice(noExt.lastIndexOf("/") + 1));
    }
  }

  /** True when a link target (no `[[ ]]`, alias or heading) names an existing note. */
  exists(target: string): boolean {
    const t = target.trim().replace(/^\/+/, "").toLowerCase();
    if (t === "") return false;
    if (this.paths.has(t)) return true;
    if (t.includes("/")) {
      // A partial path ("Articles/Foo") matches a note whose path ends with it.
      const want = t.endsWith(".md") ? t.slice(0, -3) : t;
      for (const p of this.paths) if (p.endsWith("/" + want)) return true;
      return false;
    }
    return this.names.has(t.endsWith(".md") ? t.slice(0, -3) : t);
  }
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "");
  if (typeof v === "string" && v.trim() !== "") return [v];
  return [];
}

function taxonomyProblem(kind: "category" | "industry", value: unknown, known: readonly string[]): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") return `${kind} should be text, not ${JSON.stringify(value)}`;
  const v = tidy(value);
  if (known.includes(v)) return null;
  // Another Unicode form of the same text (NFC and NFD) is the same name.
  const nfc = v.normalize("NFC");
  if (known.some((k) => k.normalize("NFC") === nfc)) return null;
  const near = known.find((k) => k.normalize("NFC").toLowerCase() === nfc.toLowerCase());
  if (near) return `${kind} "${value}" is spelled "${near}" in the taxonomy`;
  return `unknown ${kind} "${value}" (not in the taxonomy's ${kind === "category" ? "categories" : "industries"})`;
}

const lc = (s: string): string => s.trim().toLowerCase();

/** What differs when the patterns and tags state the same facts as the note but not in the sync's form. */
function tidyingProblem(listed: string[], want: string[]): string {
  const a = listed.map(lc);
  const b = want.map(lc);
  if (a.length !== b.length) return `patterns property lists a pattern twice (run sync to tidy it)`;
  if (a.join("\n") === b.join("\n")) {
    const respelled: string[] = [];
    listed.forEach((l, i) => { if (l.trim() !== want[i]) respelled.push(`${l.trim()} → ${want[i]}`); });
    if (respelled.length > 0) return `patterns property spells patterns unlike the template (${respelled.join(", ")}; run sync to tidy it)`;
    return "use-case tags written unlike the plugin writes them (a # or capitals; run sync to tidy them)";
  }
  if ([...a].sort().join("\n") === [...b].sort().join("\n")) return "patterns property not in template order (run sync to tidy it)";
  return "patterns or tags need tidying (run sync)";
}

/** Lists every problem of every note; sorted by path, then in the order found. */
export function checkVault(notes: readonly VaultNoteText[], ctx: CheckContext): VaultProblem[] {
  const problems: VaultProblem[] = [];
  const resolver = new LinkResolver(notes.map((n) => n.path));
  const canonical = ctx.canonicalUrl ?? canonicalUrl;
  const articlesByUrl = new Map<string, string[]>();
  const former = ctx.formerTagPrefixes ?? [];
  const syncOpts = { prefix: ctx.tagPrefix, formerPrefixes: former, patternGroups: ctx.patternGroups, knownPatterns: ctx.patterns };

  for (const note of notes) {
    const add = (problem: string): void => { problems.push({ path: note.path, problem }); };
    const parsed = readNote(note.text);
    if (parsed.frontmatterError !== null) { add(`broken YAML in the frontmatter: ${parsed.frontmatterError}`); continue; }
    const fm = parsed.frontmatter;
    if (!fm) continue;

    if (fm.type === ARTICLE_TYPE) {
      const url = typeof fm.url === "string" ? fm.url.trim() : "";
      if (url === "") { add("article note without a url"); continue; }
      const key = canonical(url);
      if (!key.ok) { add(`article url: ${key.message}`); continue; }
      articlesByUrl.set(key.url, [...(articlesByUrl.get(key.url) ?? []), note.path]);
      continue;
    }
    if (!isStudyType(fm.type)) continue;

    const cat = taxonomyProblem("category", fm.category, ctx.categories);
    if (cat) add(cat);
    const ind = taxonomyProblem("industry", fm.industry, ctx.industries);
    if (ind) add(ind);
    const templateVersion = ctx.templateVersions?.[fm.type] ?? null;
    const noteVersion = versionOf(fm);
    if (writtenForOlderTemplate(noteVersion, templateVersion)) {
      add(`written for an older template (template-version ${noteVersion === null ? "missing" : String(noteVersion)}, the template is at ${String(templateVersion)}; run migrate)`);
    }

    const synced = syncNote(note.text, syncOpts, null);
    const before = problems.length;
    if (synced.ok && !synced.skipped && synced.changed) {
      const boxes = patternBoxes(parsed, ctx.patternGroups);
      const hasGroups = boxes.length > 0;
      const listed = list(fm.patterns);
      if (hasGroups) {
        const checked = boxes.filter((b) => b.checked).map((b) => b.label);
        const notListed = checked.filter((c) => !listed.some((l) => lc(l) === lc(c)));
        const notChecked = listed.filter((l) => !checked.some((c) => lc(c) === lc(l)));
        const parts: string[] = [];
        if (notListed.length) parts.push(`checked but not in patterns: ${[...new Set(notListed)].join(", ")}`);
        if (notChecked.length) parts.push(`in patterns but not checked: ${[...new Set(notChecked)].join(", ")}`);
        if (parts.length) add(`patterns property out of sync with the checkboxes (${parts.join("; ")})`);
      }
      const want = synced.patterns;
      const expected = tagsExpected(fm, ctx.tagPrefix, want);
      const have = list(fm.tags).map((t) => t.replace(/^#/, "")).filter((t) => isManagedTagUnder(ctx.tagPrefix, former, t));
      const missing = expected.filter((t) => !have.some((h) => lc(h) === lc(t)));
      const extra = have.filter((h) => !expected.some((t) => lc(t) === lc(h)));
      const tagParts: string[] = [];
      if (missing.length) tagParts.push(`missing ${missing.join(", ")}`);
      if (extra.length) tagParts.push(`extra ${extra.join(", ")}`);
      if (tagParts.length) add(`tags out of sync (${tagParts.join("; ")})`);
      // Same facts, other order or spelling: sync would still rewrite the properties.
      if (problems.length === before) add(tidyingProblem(listed, want));
    } else if (!synced.ok) {
      add(`cannot sync: ${synced.message}`);
    }

    for (const raw of list(fm.articles)) {
      const target = linkTarget(raw);
      if (target === "") continue;
      if (/^https?:\/\//i.test(target)) { add(`articles lists a URL instead of a link to an article note: ${target}`); continue; }
      if (!resolver.exists(target)) add(`articles links to a missing note: ${raw.trim()}`);
    }
  }

  for (const paths of articlesByUrl.values()) {
    if (paths.length < 2) continue;
    for (const p of paths) {
      const others = paths.filter((x) => x !== p);
      problems.push({ path: p, problem: `same article URL as ${others.join(", ")}` });
    }
  }

  const order = new Map(notes.map((n, i) => [n.path, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.path === b.p.path ? a.i - b.i : a.p.path < b.p.path ? -1 : 1) || (order.get(a.p.path) ?? 0) - (order.get(b.p.path) ?? 0))
    .map((x) => x.p);
}


/** The managed tags a study should carry (category, industry, patterns) with the given prefix. */
function tagsExpected(fm: Record<string, unknown>, prefix: string, patterns: string[]): string[] {
  return desiredTags([], prefix, fm.category, fm.industry, patterns);
}
