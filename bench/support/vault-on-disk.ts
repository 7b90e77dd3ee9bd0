/**
 * A generated vault on disk for the command-line benchmarks (seeded, so every run is the same
 * vault), and the read-only baseline they are measured against: walk the vault, read every note
 * (its bytes, or its text where the command's budget is set against reading the notes as text, as
 * every verb must to read them).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledTaxonomy } from "../../src/core/settings";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** A vault like a user's: mostly analyses from the deep-dive template (≈20 KB each), case studies, articles. */
export function generateVault(n: number): string {
  const root = mkdtempSync(join(tmpdir(), "uca-bench-vault-"));
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const labels = bundledTaxonomy().patterns.map((p) => p.label);
  const made = new Set<string>();
  for (let i = 0; i < n; i++) {
    const kind = r();
    const category = pick(bundledTaxonomy().categories);
    const industry = pick(bundledTaxonomy().industries);
    const company = `Company ${i % 613}`;
    const folder = kind < 0.85 ? `Use cases/${category}` : kind < 0.95 ? "Case studies" : "Articles";
    if (!made.has(folder)) { mkdirSync(join(root, folder), { recursive: true }); made.add(folder); }
    let text: string;
    if (kind < 0.95) {
      const patterns = labels.filter(() => r() < 0.25);
      let body = kind < 0.85 ? BUNDLED_DEEP_DIVE_TEMPLATE : BUNDLED_CASE_STUDY_TEMPLATE;
      for (const p of patterns) body = body.replace(`- [ ] **${p}**`, `- [x] **${p}**`).replace(`- [ ] ${p}`, `- [x] ${p}`);
      text = [
        "---", `type: ${kind < 0.85 ? "use-case-analysis" : "case-study"}`, `category: ${category}`, `industry: ${industry}`,
        `company: ${company}`, `year: ${2016 + (i % 10)}`, "created: 2025-01-15",
        "patterns:", ...patterns.map((p) => `  - ${p}`),
        "articles:", `  - "[[${company} - Article ${i}]]"`,
        "tags:", "  - reading", ...patterns.map((p) => `  - use-case/pattern/${p.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`),
        "---", body,
      ].join("\n");
    } else {
      text = `---\ntype: use-case-article\nurl: https://blog.example/${i}\ntitle: Article ${i}\ncompany: ${company}\n---\nNotes on the article.\n`;
    }
    writeFileSync(join(root, folder, `${company} - Note ${i}.md`), text);
  }
  return root;
}

export function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith(".md")) out.push(p);
  }
  return out;
}

/** Walks the vault and reads every note: its bytes, or (`"text"`) its text, decoded from UTF-8. */
export function readOnly(root: string, as: "bytes" | "text" = "bytes"): number {
  let size = 0;
  if (as === "text") for (const f of walk(root)) size += readFileSync(f, "utf8").length;
  else for (const f of walk(root)) size += readFileSync(f).length;
  return size;
}

