/**
 * Study index budgets (docs PRODUCT.md): built from 10,000 / 100,000 notes' frontmatter objects
 * in ≤ 30 / ≤ 300 ms; one changed note ≤ 0.1 ms. The baseline is a bare loop that only reads the
 * same frontmatter objects' fields, the floor any index has to pay.
 */
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../src/core/settings";
import type { Frontmatter } from "../src/core/frontmatter";
import type { StudyContext } from "../src/core/study";
import { StudyIndex } from "../src/core/study-index";
import { matrix, DEFAULT_COMPARE_OPTIONS } from "../src/core/compare";
import { loadLine, measure, ms, printCalibration, report } from "./timing";

const ctx: StudyContext = {
  patterns: bundledTaxonomy().patterns,
  patternGroups: DEFAULT_SETTINGS.patternGroups,
  checklistHeading: DEFAULT_SETTINGS.checklistHeading,
  categories: DEFAULT_SETTINGS.taxonomy.categories,
  industries: DEFAULT_SETTINGS.taxonomy.industries,
};

/** Deterministic pseudo-random numbers, so every run indexes the same notes. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

export function syntheticNotes(n: number, seed = 1): { path: string; frontmatter: Frontmatter }[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const labels = ctx.patterns.map((p) => p.label);
  const out: { path: string; frontmatter: Frontmatter }[] = [];
  for (let i = 0; i < n; i++) {
    const category = pick(ctx.categories);
    const company = `Company ${i % 997}`;
    const patterns: string[] = [];
    for (const l of labels) if (r() < 0.25) patterns.push(r() < 0.1 ? l.toLowerCase() : l);
    out.push({
      path: `Use cases/${category}/${company} - Study ${i}.md`,
      frontmatter: {
        type: r() < 0.85 ? "use-case-analysis" : "case-study",
        category, industry: pick(ctx.industries), company,
        year: r() < 0.5 ? 2018 + Math.floor(r() * 8) : String(2018 + Math.floor(r() * 8)),
        patterns,
        articles: [`[[${company} - Article ${i}|Article]]`, `[[${company} - Article ${i + 1}]]`],
        tags: ["use-case/category/x", "reading"],
      },
    });
  }
  return out;
}

/** Touches every field an index would read, and nothing more. */
function bareLoop(notes: { path: string; frontmatter: Frontmatter }[]): number {
  let sink = 0;
  for (const n of notes) {
    const fm = n.frontmatter;
    if (fm.type !== "use-case-analysis" && fm.type !== "case-study") continue;
    sink += n.path.length;
    for (const k of ["company", "category", "industry", "year"]) { const v = fm[k]; if (typeof v === "string") sink += v.length; }
    if (Array.isArray(fm.patterns)) for (const x of fm.patterns) if (typeof x === "string") sink += x.length;
  }
  return sink;
}

printCalibration();
let ok = true;
for (const [n, budget] of [[10_000, 30], [100_000, 300]] as const) {
  const notes = syntheticNotes(n);
  const label = n >= 100_000 ? "100k" : "10k";
  let sink = 0;
  const base = measure(() => { sink += bareLoop(notes); });
  const build = measure(() => { const idx = new StudyIndex(); idx.addAll(notes, ctx); sink += idx.all().length; });
  report(`index build ${label}, wall clock (fastest ${ms(build.min)})`, build.median, { budget, baseline: base.median });
  ok = report(`  the same, CPU time`, build.cpuMedian, { budget, baseline: base.cpuMedian }) && ok;

  const idx = new StudyIndex();
  idx.addAll(notes, ctx);
  idx.all();
  let unsub = 0;
  const off = idx.onChange(() => { unsub++; });
  const updates = 1000;
  const changed = notes.slice(0, updates).map((x) => ({ ...x, frontmatter: { ...x.frontmatter, year: 2030 } }));
  const one = measure(() => { for (const c of changed) idx.update(c.path, c.frontmatter, ctx); }, 7, 2);
  off();
  report(`one-note update ${label}, wall clock (fastest ${ms(one.min / updates)})`, one.median / updates, { budget: 0.1 });
  ok = report(`  the same, CPU time`, one.cpuMedian / updates, { budget: 0.1 }) && ok;

  const m = measure(() => { sink += matrix(idx.all(), ctx, DEFAULT_COMPARE_OPTIONS).rows.length; }, 5, 1);
  report(`matrix (all rows, sorted) ${label}`, m.median);
  if (sink < 0 || unsub < 0) process.stdout.write(String(sink));
}
process.stdout.write(`(${loadLine()})\n`);
process.exitCode = ok ? 0 : 1;
