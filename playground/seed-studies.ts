/**
 * Vaults for the comparison view's playground pages (playground/pages/large.ts):
 *
 * - `syntheticVault(n)`: n small, already-synced analyses (frontmatter `patterns` and tags agree
 *   with the checkboxes, so the pattern sync has nothing to write on load), deterministic, spread
 *   over the taxonomy's categories, industries, years and patterns — for size and speed.
 * - `demoVault()`: the command-line demo's notes (fictional studies, case studies, articles), made
 *   by the same pure function the `demo` command writes to disk with — for screenshots that look
 *   like a real vault.
 */
import { buildDemoVault } from "../src/cli/demo-vault";
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../src/core/settings";
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
  const { categories, industries, patterns } = bundledTaxonomy();
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

/** Path → text of the demo vault's notes: the very notes `use-case-atlas demo` writes (src/cli/demo-vault.ts). */
export function demoVault(): Record<string, string> {
  return Object.fromEntries(buildDemoVault());
}
