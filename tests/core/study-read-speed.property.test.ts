/**
 * Study reading was made faster (the index builds 100,000 studies within its budget): pattern
 * labels are sorted by template rank without label lookups, link targets are cut with native
 * searches, base names take one slice. These properties hold the fast code to the plain
 * definitions it replaced.
 */
import fc from "fast-check";
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../../src/core/settings";
import type { StudyContext } from "../../src/core/study";
import type { PatternDef } from "../../src/core/taxonomy";
import { baseName, linkTarget } from "../../src/core/links";
import { canonicalPatterns, tidy } from "../../src/core/study-read";
import { numRuns } from "../support/fast-check";

const ctx: StudyContext = {
  patterns: [...bundledTaxonomy().patterns, { label: "rag pipeline", group: "Design Patterns Observed", slug: "rag-pipeline" }],
  patternGroups: DEFAULT_SETTINGS.patternGroups,
  checklistHeading: DEFAULT_SETTINGS.checklistHeading,
  categories: DEFAULT_SETTINGS.taxonomy.categories,
  industries: DEFAULT_SETTINGS.taxonomy.industries,
};

/** canonicalPatterns as first written: known labels found by spelling, deduplicated, sorted by rank. */
function canonicalByDefinition(raw: readonly string[], taxonomy: StudyContext = ctx): string[] {
  const folded = new Map<string, string>();
  const rank = new Map<string, number>();
  taxonomy.patterns.forEach((p, i) => {
    const key = tidy(p.label).toLowerCase();
    if (folded.has(key)) return;
    folded.set(key, p.label);
    rank.set(p.label, i);
  });
  const known: string[] = [];
  const unknown: string[] = [];
  for (const r of raw) {
    const label = tidy(r);
    if (label === "") continue;
    const c = folded.get(label.toLowerCase());
    if (c !== undefined) { if (!known.includes(c)) known.push(c); } else if (!unknown.some((u) => u.toLowerCase() === label.toLowerCase())) unknown.push(label);
  }
  known.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  return known.concat(unknown);
}

const label = fc.oneof(
  fc.constantFrom(...ctx.patterns.map((p) => p.label)),
  fc.constantFrom(...ctx.patterns.map((p) => p.label)).map((l) => ` ${l.toUpperCase()}  `),
  fc.constantFrom("RAG  Pipeline", "", "  ", "Custom thing", "custom THING", "Zwei-Türme"),
);

describe("fast study reading agrees with the plain definitions", () => {
  it("canonicalPatterns", () => {
    fc.assert(fc.property(fc.array(label, { maxLength: 8 }), (raw) => {
      expect(canonicalPatterns(raw, ctx)).toEqual(canonicalByDefinition(raw));
    }), numRuns(3000));
  });

  it("canonicalPatterns of lists already in template order (the shortcut), in taxonomies with repeats and over 31 patterns", () => {
    const pattern = (label: string, i: number): PatternDef => ({ label, group: "G", slug: `p-${i}` });
    const withRepeat: StudyContext = { ...ctx, patterns: [...ctx.patterns.slice(0, 5), pattern(ctx.patterns[2].label.toUpperCase(), 99), ...ctx.patterns.slice(5)] };
    const wide: StudyContext = { ...ctx, patterns: Array.from({ length: 40 }, (_, i) => pattern(`Pattern ${i}`, i)) };
    for (const taxonomy of [ctx, withRepeat, wide]) {
      const labels = taxonomy.patterns.map((p) => p.label);
      // Sub-lists in template order (the shortcut's case), sometimes with one label out of place or repeated.
      const list = fc.tuple(fc.subarray(labels), fc.nat(), fc.constantFrom("as is", "swap", "repeat", "capitals")).map(([xs, k, how]) => {
        const out = [...xs];
        if (out.length === 0) return out;
        const i = k % out.length;
        if (how === "swap" && i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1], out[i]];
        if (how === "repeat") out.splice(i, 0, out[i]);
        if (how === "capitals") out[i] = out[i].toUpperCase();
        return out;
      });
      fc.assert(fc.property(list, (raw) => {
        const out = canonicalPatterns(raw, taxonomy);
        expect(out).toEqual(canonicalByDefinition(raw, taxonomy));
        expect(canonicalPatterns(out, taxonomy)).toEqual(out);
      }), numRuns(1500));
    }
  });

  it("linkTarget of a wikilink cuts at the first |, # or ^", () => {
    const part = fc.constantFrom("Target", " A b ", "|", "#", "^", "x|y", "h#1", "^b", "]", "[");
    fc.assert(fc.property(fc.array(part, { maxLength: 5 }), fc.boolean(), (parts, embed) => {
      const inner = parts.join("");
      const raw = `${embed ? "!" : ""}[[${inner}]]`;
      // Only a link whose first "]]" closes it takes the wikilink path.
      if (`${inner}]]`.indexOf("]]") !== inner.length || inner.length < 2) return;
      const cut = inner.search(/[|#^]/);
      expect(linkTarget(raw)).toBe((cut >= 0 ? inner.slice(0, cut) : inner).replace(/^\s+|\s+$/g, ""));
    }), numRuns(3000));
  });

  it("baseName", () => {
    const part = fc.constantFrom("a", "/", ".md", ".MD", ".Md", "x.mdx", "md", ".", "");
    fc.assert(fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
      const path = parts.join("");
      const file = path.slice(path.lastIndexOf("/") + 1);
      expect(baseName(path)).toBe(file.length > 3 && /\.md$/i.test(file) ? file.slice(0, -3) : file);
    }), numRuns(3000));
  });
});
