/**
 * The demo vault's notes as data: path → text, built through the same core the plugin's form
 * uses (plan, render, in-place frontmatter, sync). Pure (no file system), so the command-line
 * `demo` verb writes it to disk and the browser playground (playground/pages/demo-vault.ts)
 * seeds its in-memory vault from it: the two cannot drift apart.
 */
import { planNote, renderNote, type NoteInput } from "../core/create-note";
import { articleTag, type CitingAnalysis, citedBySection, newArticleNote } from "../core/articles";
import { checkName } from "../core/filename";
import { readFrontmatter } from "../core/frontmatter";
import { baseName } from "../core/links";
import { readNote } from "../core/reader";
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../core/settings";
import { patternBoxes, syncNote } from "../core/sync";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../core/taxonomy";
import { canonicalUrl } from "../core/url";
import { editFrontmatter } from "../core/yaml-edit";
import { categoryFolder, categoryFor, COLLECTION_SINCE, DEFAULT_COLLECTION_FOLDER, entryFileName, entryNoteText, industryFolder } from "../core/library-import";
import { DEMO_COLLECTION, DEMO_STUDIES, type DemoStudy } from "./demo-data";

/** The fixed "now" of every demo note (its `{{date}}`), so two runs write the same bytes. */
const NOW = new Date(2025, 0, 15, 9, 0, 0);
/** The note that marks a folder as a demo vault this tool wrote (so `--force` may replace it). */
export const DEMO_MARKER = "use-case-atlas-demo.md";

function name(company: string, title: string): string {
  const r = checkName(`${company} - ${title}`, "name");
  return r.ok ? r.name : company;
}

/** The demo vault's notes, path → text. */
export function buildDemoVault(): Map<string, string> {
  const settings = DEFAULT_SETTINGS;
  const out = new Map<string, string>();
  out.set(DEMO_MARKER, "# Use Case Atlas demo vault\n\nSample data: every company, article and number in this vault is invented.\nIt was written by `use-case-atlas demo`; delete the folder when you are done.\n");
  const articles = new Map<string, { name: string; title: string; company: string; year: number; url: string }>();
  /** Analysis path → the article notes it links. */
  const analyses = new Map<string, { links: string[] }>();
  for (const study of DEMO_STUDIES) {
    const links = study.articles.map((a) => {
      const c = canonicalUrl(a.url);
      if (!c.ok) throw new Error(c.message);
      let article = articles.get(c.url);
      if (!article) {
        article = { name: name(study.company, a.title), title: a.title, company: study.company, year: study.year, url: c.url };
        articles.set(c.url, article);
      }
      return { linkTarget: article.name, url: a.url };
    });
    const category = study.flaw === "unknown-category" ? "Visual Search" : study.category;
    const input: NoteInput = {
      kind: "analysis", templateText: BUNDLED_DEEP_DIVE_TEMPLATE, company: study.company, title: study.title,
      year: String(study.year), category, industry: study.industry, tags: ["sample-data"], allowNewCategory: true,
    };
    const plan = planNote(input, settings);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const note = renderNote(input, plan.plan, links, settings, NOW);
    if (!note.ok) throw new Error(note.message);
    // The case study has a name of its own, so the analysis' name alone is an unambiguous link.
    const analysisName = plan.plan.path.replace(/^.*\//, "").replace(/\.md$/, "");
    out.set(plan.plan.path, fillIn(note.text, study));
    analyses.set(plan.plan.path, { links: links.map((l) => l.linkTarget) });
    if (study.caseStudy) {
      const cs: NoteInput = {
        kind: "case-study", templateText: BUNDLED_CASE_STUDY_TEMPLATE, company: study.company, title: study.title,
        year: String(study.year), category, industry: study.industry, tags: ["sample-data"], allowNewCategory: true,
        analysis: analysisName, patterns: study.patterns, knownPatterns: bundledTaxonomy().patterns, stack: study.stack.map(([, t]) => t).join(", "),
      };
      const csPlan = planNote(cs, settings);
      if (!csPlan.ok) throw new Error(JSON.stringify(csPlan.errors));
      const csNote = renderNote(cs, csPlan.plan, links, settings, NOW);
      if (!csNote.ok) throw new Error(csNote.message);
      out.set(csPlan.plan.path, csNote.text);
    }
  }
  // Article notes as the plugin writes them (with the "Cited by" list it keeps up to date), so
  // opening the demo vault changes nothing; analyses only, as the plugin counts citations.
  // Obsidian's link text: the name alone when no other note has it, else the path (a case study
  // shares its analysis' name).
  const names = [...out.keys(), ...[...articles.values()].map((a) => `${settings.articlesFolder}/${a.name}.md`)].map(baseName);
  const linkText = (path: string): string => names.filter((n) => n === baseName(path)).length > 1 ? path.replace(/\.md$/, "") : baseName(path);
  for (const a of articles.values()) {
    const citing = [...analyses].filter(([, s]) => s.links.includes(a.name)).map(([path]): CitingAnalysis => {
      const fm = readFrontmatter(out.get(path) ?? "");
      const data = fm.kind === "ok" ? fm.data : {};
      return {
        name: linkText(path),
        category: typeof data.category === "string" ? data.category : null,
        patterns: Array.isArray(data.patterns) ? data.patterns.filter((x): x is string => typeof x === "string") : [],
      };
    });
    const made = newArticleNote({ url: a.url, title: a.title, company: a.company, year: a.year }, settings.tagPrefix, citedBySection(citing));
    if (!made.ok) throw new Error(made.message);
    if (made.name !== a.name) throw new Error(`demo article ${a.url}: named ${made.name}, linked as ${a.name}`);
    const r = editFrontmatter(made.text.replace(/## Notes\n\n$/, "## Notes\n\nSample data: an invented article.\n"),
      { set: { tags: [articleTag(settings.tagPrefix), "sample-data"] } });
    if (!r.ok) throw new Error(r.message);
    out.set(`${settings.articlesFolder}/${a.name}.md`, r.text);
  }
  for (const [path, text] of demoCollection()) out.set(path, text);
  return out;
}

/**
 * The use-case collection, filed as the collection files the database (the import's rules) and
 * written as its generator wrote it (values verbatim, quirks and all), with its README pages.
 */
function demoCollection(): Map<string, string> {
  const settings = DEFAULT_SETTINGS;
  const folder = DEFAULT_COLLECTION_FOLDER;
  const out = new Map<string, string>();
  out.set(`${folder}/README.md`, "# ML and LLM use cases (2022+)\n\nSample data: an invented collection, one note per use case, by category and industry.\n");
  const options = { categories: settings.taxonomy.categories, rules: settings.libraryCategoryRules };
  for (const r of DEMO_COLLECTION) {
    if (r.year < COLLECTION_SINCE) continue;
    const category = categoryFolder(categoryFor(r.tags, settings.libraryCategoryRules), options);
    if (!out.has(`${folder}/${category}/README.md`)) out.set(`${folder}/${category}/README.md`, `# ${category.slice(3).replace(/_/g, " ")}\n\nUse cases of this category, by industry.\n`);
    const base = `${folder}/${category}/${industryFolder(r.industry)}/${entryFileName(r.year, r.company, r.title)}`;
    let path = `${base}.md`;
    for (let n = 2; out.has(path); n++) path = `${base} ${n}.md`;
    out.set(path, entryNoteText(r, true));
  }
  return out;
}

/** What a person studying the articles would have filled in: boxes, stack, checklist. */
function fillIn(text: string, study: DemoStudy): string {
  let out = check(text, study.patterns);
  out = out.replace(/\n\| ([^|\n]+?) \| e\.g\.,[^|\n]*\| \|/g, (whole, component: string) => {
    const techs = study.stack.filter(([c]) => c.toLowerCase() === component.trim().toLowerCase()).map(([, t]) => t);
    return techs.length ? `\n| ${component} | ${techs.join(", ")} | |` : whole;
  });
  const checklist = readNote(out).checkboxes.filter((c) => c.heading === DEFAULT_SETTINGS.checklistHeading).slice(0, study.checklistDone);
  for (const c of checklist.sort((a, b) => b.charOffset - a.charOffset)) out = out.slice(0, c.charOffset) + "x" + out.slice(c.charOffset + 1);
  const opts = { prefix: DEFAULT_SETTINGS.tagPrefix, patternGroups: DEFAULT_SETTINGS.patternGroups, knownPatterns: bundledTaxonomy().patterns };
  const synced = syncNote(out, opts, null);
  if (!synced.ok || synced.skipped) throw new Error("demo note did not sync");
  out = synced.text;
  if (study.flaw === "stale-properties") {
    // Ticked after the last sync: the properties lag behind the checkboxes.
    const unchecked = patternBoxes(readNote(out), DEFAULT_SETTINGS.patternGroups).find((b) => !b.checked);
    if (unchecked) out = out.slice(0, unchecked.charOffset) + "x" + out.slice(unchecked.charOffset + 1);
  }
  return out;
}

function check(text: string, labels: string[]): string {
  let out = text;
  const boxes = patternBoxes(readNote(text), DEFAULT_SETTINGS.patternGroups)
    .filter((b) => labels.some((l) => l.toLowerCase() === b.label.toLowerCase()));
  for (const b of boxes.sort((a, b2) => b2.charOffset - a.charOffset)) out = out.slice(0, b.charOffset) + "x" + out.slice(b.charOffset + 1);
  return out;
}

