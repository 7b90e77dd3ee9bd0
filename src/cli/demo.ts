/**
 * `use-case-atlas demo DIR [--install-plugin REPO]`: writes a sample vault of fictional studies
 * through the same core the plugin's form uses (plan, render, in-place frontmatter, sync), leaves
 * two notes wrong on purpose so `check` has something to say, optionally installs the built
 * plugin, and prints the comparison table.
 */
import { copyFile, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { planNote, renderNote, type NoteInput } from "../core/create-note";
import { checkName } from "../core/filename";
import { readNote } from "../core/reader";
import { BUNDLED_TAXONOMY, DEFAULT_SETTINGS } from "../core/settings";
import { patternBoxes, syncNote } from "../core/sync";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../core/taxonomy";
import { canonicalUrl } from "../core/url";
import { editFrontmatter } from "../core/yaml-edit";
import { DEMO_STUDIES, type DemoStudy } from "./demo-data";
import { type CliIo, UsageError } from "./io";
import { tableVerb } from "./table";

export const DEMO_HELP = `Usage: use-case-atlas demo DIR [--install-plugin REPO] [--force]

Writes a sample vault of 12 fictional analyses, 4 case studies and their article notes into DIR
(sample data: every company and link is invented), then prints the comparison table.
Two notes are left wrong on purpose: try "use-case-atlas check DIR".

Options:
  --install-plugin REPO  copy REPO's built main.js, manifest.json and styles.css into the vault's
                         plugins folder and turn the plugin on
  --force                replace DIR if it exists (only a folder this command wrote before)
  --help                 show this help
`;

const NOW = new Date(2025, 0, 15, 9, 0, 0);
const MARKER = "use-case-atlas-demo.md";

export async function demoVerb(args: string[], io: CliIo): Promise<number> {
  let dir: string | undefined;
  let pluginRepo: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--install-plugin") pluginRepo = args[++i];
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") { io.out(DEMO_HELP); return 0; }
    else if (a.startsWith("-")) throw new UsageError(`demo: unknown option ${a}\n\n${DEMO_HELP}`);
    else dir = a;
  }
  if (!dir) throw new UsageError(`demo: give the folder to write the demo vault into\n\n${DEMO_HELP}`);
  const root = resolve(io.cwd, dir);
  if (await stat(root).catch(() => null)) {
    const ours = await stat(join(root, MARKER)).catch(() => null);
    if (!ours) throw new UsageError(`demo: ${dir} exists and is not a demo vault this command wrote; choose another folder`);
    if (!force) throw new UsageError(`demo: ${dir} exists; add --force to write it again`);
    await rm(root, { recursive: true, force: true });
  }
  const files = buildDemoVault();
  for (const [path, text] of files) {
    const abs = join(root, ...path.split("/"));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text, "utf8");
  }
  if (pluginRepo) {
    const repo = resolve(io.cwd, pluginRepo);
    const target = join(root, ".obsidian", "plugins", "use-case-atlas");
    await mkdir(target, { recursive: true });
    for (const f of ["main.js", "manifest.json", "styles.css"]) {
      if (!(await stat(join(repo, f)).catch(() => null))) throw new UsageError(`demo: ${f} not found in ${pluginRepo}: run "npm run build" first`);
      await copyFile(join(repo, f), join(target, f));
    }
    await writeFile(join(root, ".obsidian", "community-plugins.json"), JSON.stringify(["use-case-atlas"], null, 2) + "\n");
  }
  io.err(`Wrote the demo vault (sample data) to ${dir}: ${files.size} notes${pluginRepo ? ", plugin installed and turned on" : ""}.\n`);
  io.err(`Open it in Obsidian to see the rest; "use-case-atlas check ${dir}" lists the two notes left wrong on purpose.\n\n`);
  return tableVerb([root], io);
}

function name(company: string, title: string): string {
  const r = checkName(`${company} - ${title}`, "name");
  return r.ok ? r.name : company;
}

/** The demo vault's notes, path → text. */
export function buildDemoVault(): Map<string, string> {
  const settings = DEFAULT_SETTINGS;
  const out = new Map<string, string>();
  out.set(MARKER, "# Use Case Atlas demo vault\n\nSample data: every company, article and number in this vault is invented.\nIt was written by `use-case-atlas demo`; delete the folder when you are done.\n");
  const articles = new Map<string, { name: string; title: string; company: string; year: number; url: string }>();
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
    // The case study takes the analysis' name, so the link names the analysis by its path (the
    // name alone would be ambiguous, as Obsidian's own link text would say).
    const analysisName = plan.plan.path.replace(/\.md$/, "");
    out.set(plan.plan.path, fillIn(note.text, study));
    if (study.caseStudy) {
      const cs: NoteInput = {
        kind: "case-study", templateText: BUNDLED_CASE_STUDY_TEMPLATE, company: study.company, title: study.title,
        year: String(study.year), category, industry: study.industry, tags: ["sample-data"], allowNewCategory: true,
        analysis: analysisName, patterns: study.patterns, knownPatterns: BUNDLED_TAXONOMY.patterns, stack: study.stack.map(([, t]) => t).join(", "),
      };
      const csPlan = planNote(cs, settings);
      if (!csPlan.ok) throw new Error(JSON.stringify(csPlan.errors));
      const csNote = renderNote(cs, csPlan.plan, links, settings, NOW);
      if (!csNote.ok) throw new Error(csNote.message);
      out.set(csPlan.plan.path, csNote.text);
    }
  }
  for (const a of articles.values()) {
    const body = `# ${a.title}\n\n<${a.url}>\n\n## Notes\n\nSample data: an invented article.\n`;
    const r = editFrontmatter(body, { set: { type: "use-case-article", url: a.url, title: a.title, company: a.company, year: a.year, tags: [`${settings.tagPrefix}/article`, "sample-data"] } });
    if (!r.ok) throw new Error(r.message);
    out.set(`${settings.articlesFolder}/${a.name}.md`, r.text);
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
  const opts = { prefix: DEFAULT_SETTINGS.tagPrefix, patternGroups: DEFAULT_SETTINGS.patternGroups, knownPatterns: BUNDLED_TAXONOMY.patterns };
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

