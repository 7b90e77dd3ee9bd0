/**
 * Vaults for the comparison view's playground pages (playground/pages/large.ts):
 *
 * - `syntheticVault(n)`: n small, already-synced analyses (frontmatter `patterns` and tags agree
 *   with the checkboxes, so the pattern sync has nothing to write on load), deterministic, spread
 *   over the taxonomy's categories, industries, years and patterns — for size and speed.
 * - `demoVault()`: the command-line demo's fictional studies (src/cli/demo-data.ts) written from
 *   the bundled templates through the same core the note form uses, boxes, tech stack and
 *   checklist filled in — for screenshots that look like a real vault. (src/cli/demo.ts builds the
 *   same notes but imports node:fs, which a browser page cannot bundle.)
 */
import { DEMO_STUDIES, type DemoStudy } from "../src/cli/demo-data";
import { planNote, renderNote, type NoteInput } from "../src/core/create-note";
import { readNote } from "../src/core/reader";
import { BUNDLED_TAXONOMY, DEFAULT_SETTINGS } from "../src/core/settings";
import { patternBoxes, syncNote } from "../src/core/sync";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../src/core/taxonomy";
import { managedTag } from "../src/core/tags";

/** Deterministic pseudo-random numbers: every run of a page gets the same vault. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const COMPANIES = [
  "Quillmart", "Shopwell", "Parcelly", "Rideloop", "Ledgerline", "Coinfold", "Chirply", "Streamora",
  "Vistaframe", "Pixelforge Games", "Tripnest", "Nimbus Cloudworks", "Harborline", "Mintleaf", "Orbitly",
];

/** Path → text of `n` synthetic analyses ("Company - Study 00042"), seeded by `seed`. */
export function syntheticVault(n: number, seed = 1): Record<string, string> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const { categories, industries, patterns } = BUNDLED_TAXONOMY;
  const groups = DEFAULT_SETTINGS.patternGroups;
  const prefix = DEFAULT_SETTINGS.tagPrefix;
  const width = String(Math.max(1, n - 1)).length;
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const company = `${pick(COMPANIES)} ${String.fromCharCode(65 + (i % 26))}`;
    const category = pick(categories);
    const industry = pick(industries);
    const year = 2018 + Math.floor(r() * 8);
    const checked = new Set(patterns.filter(() => r() < 0.3).map((p) => p.label));
    const title = `Study ${String(i).padStart(width, "0")}`;
    const chosen = patterns.filter((p) => checked.has(p.label));
    const lines = [
      "---",
      "type: use-case-analysis",
      `company: ${company}`,
      `title: ${title}`,
      `category: ${category}`,
      `industry: ${industry}`,
      `year: ${year}`,
      ...(chosen.length ? ["patterns:", ...chosen.map((p) => `  - ${p.label}`)] : ["patterns: []"]),
      "tags:",
      ...chosen.map((p) => `  - ${managedTag(prefix, "pattern", p.label)}`),
      `  - ${managedTag(prefix, "category", category)}`,
      `  - ${managedTag(prefix, "industry", industry)}`,
      "---",
      `# ${company}: ${title}`,
      "",
    ];
    for (const group of groups) {
      lines.push(`**${group}**:`);
      for (const p of patterns) if (p.group === group) lines.push(`- [${checked.has(p.label) ? "x" : " "}] **${p.label}**`);
      lines.push("");
    }
    files[`Use cases/${category}/${company} - ${title}.md`] = lines.join("\n");
  }
  return files;
}

const NOW = new Date(2025, 0, 15, 9, 0, 0);

/** Path → text of the demo vault's analyses and case studies (article notes left out: the view does not list them). */
export function demoVault(): Record<string, string> {
  const settings = DEFAULT_SETTINGS;
  const files: Record<string, string> = {};
  for (const study of DEMO_STUDIES) {
    const input: NoteInput = {
      kind: "analysis", templateText: BUNDLED_DEEP_DIVE_TEMPLATE, company: study.company, title: study.title,
      year: String(study.year), category: study.category, industry: study.industry, tags: ["sample-data"], allowNewCategory: true,
    };
    const plan = planNote(input, settings);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const note = renderNote(input, plan.plan, [], settings, NOW);
    if (!note.ok) throw new Error(note.message);
    files[plan.plan.path] = fillIn(note.text, study);
    if (study.caseStudy) {
      const cs: NoteInput = {
        kind: "case-study", templateText: BUNDLED_CASE_STUDY_TEMPLATE, company: study.company, title: study.title,
        year: String(study.year), category: study.category, industry: study.industry, tags: ["sample-data"], allowNewCategory: true,
        analysis: plan.plan.path.replace(/^.*\//, "").replace(/\.md$/, ""), patterns: study.patterns,
        stack: study.stack.map(([, t]) => t).join(", "),
      };
      const csPlan = planNote(cs, settings);
      if (!csPlan.ok) throw new Error(JSON.stringify(csPlan.errors));
      const csNote = renderNote(cs, csPlan.plan, [], settings, NOW);
      if (!csNote.ok) throw new Error(csNote.message);
      files[csPlan.plan.path] = csNote.text;
    }
  }
  return files;
}

/** What a person studying the articles would have filled in: boxes, tech stack, checklist; then synced. */
function fillIn(text: string, study: DemoStudy): string {
  let out = text;
  const boxes = patternBoxes(readNote(out), DEFAULT_SETTINGS.patternGroups)
    .filter((b) => study.patterns.some((l) => l.toLowerCase() === b.label.toLowerCase()));
  for (const b of boxes.sort((a, c) => c.charOffset - a.charOffset)) out = tick(out, b.charOffset);
  out = out.replace(/\n\| ([^|\n]+?) \| e\.g\.,[^|\n]*\| \|/g, (whole, component: string) => {
    const techs = study.stack.filter(([c]) => c.toLowerCase() === component.trim().toLowerCase()).map(([, t]) => t);
    return techs.length ? `\n| ${component} | ${techs.join(", ")} | |` : whole;
  });
  const checklist = readNote(out).checkboxes.filter((c) => c.heading === DEFAULT_SETTINGS.checklistHeading).slice(0, study.checklistDone);
  for (const c of checklist.sort((a, b) => b.charOffset - a.charOffset)) out = tick(out, c.charOffset);
  const synced = syncNote(out, { prefix: DEFAULT_SETTINGS.tagPrefix, patternGroups: DEFAULT_SETTINGS.patternGroups, knownPatterns: BUNDLED_TAXONOMY.patterns }, null);
  if (!synced.ok || synced.skipped) throw new Error(`the demo note of ${study.company} did not sync`);
  return synced.text;
}

function tick(text: string, at: number): string {
  return text.slice(0, at) + "x" + text.slice(at + 1);
}
