/**
 * A change of the tag prefix is a rename (PRODUCT.md keeps the prefix a setting): the settings
 * remember the former prefixes, the plugin's tags under them are the plugin's, a sync writes them
 * under the new prefix in their place, and it never reads the change as an edit of the patterns.
 */
import fc from "fast-check";
import { bundledTaxonomy, DEFAULT_PATTERN_GROUPS, resolveSettings } from "../../src/core/settings";
import { moveTagsToPrefix, recordFromProperties, recordOfPatterns, renameTagPrefixInNote, syncNote, type SyncOptions } from "../../src/core/sync";
import { formerPrefixesAfter, isManagedTag, isManagedTagUnder, movedTag } from "../../src/core/tags";

const opts: SyncOptions = { prefix: "research", formerPrefixes: ["use-case"], patternGroups: DEFAULT_PATTERN_GROUPS, knownPatterns: bundledTaxonomy().patterns };
const BODY = "---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (Retrieve)\n- [ ] **Ensemble Model**\n";
const OLD = `---\ntype: use-case-analysis # kind\ncategory: NLP and Text\npatterns:\n  - RAG Pipeline\ntags:\n  - mine\n  - use-case/category/nlp-and-text\n  - use-case/pattern/rag-pipeline\n  - later # mine too\n${BODY}`;
const NEW = `---\ntype: use-case-analysis # kind\ncategory: NLP and Text\npatterns:\n  - RAG Pipeline\ntags:\n  - mine\n  - research/category/nlp-and-text\n  - research/pattern/rag-pipeline\n  - later # mine too\n${BODY}`;

describe("tags under a former prefix", () => {
  it.each([
    ["use-case/pattern/rag", "use-case", "research", "research/pattern/rag"],
    ["#Use-Case/Category/x", "use-case", "research", "research/Category/x"],
    ["use-case/article", "use-case", "r/s", "r/s/article"],
    ["use-case/articles", "use-case", "research", null],
    ["use-casex/pattern/x", "use-case", "research", null],
    ["mine", "use-case", "research", null],
  ] as const)("%s from %s to %s → %s", (tag, from, to, want) => {
    expect(movedTag(tag, from, to)).toBe(want);
  });

  it("are the plugin's exactly when they are under the prefix or one of the former ones", () => {
    const prefix = fc.constantFrom("use-case", "research", "a/b", "R");
    const tag = fc.tuple(fc.constantFrom("", "#"), fc.constantFrom("use-case", "research", "a/b", "r", "x"), fc.constantFrom("/pattern/", "/category/", "/industry/", "/other/"), fc.string({ maxLength: 3 }))
      .map((p) => p.join(""));
    fc.assert(fc.property(prefix, fc.array(prefix, { maxLength: 3 }), tag, (p, former, t) =>
      isManagedTagUnder(p, former, t) === [p, ...former].some((q) => isManagedTag(q, t))));
  });

  it("the settings remember the former prefixes, without repeats, and never the current one", () => {
    expect(formerPrefixesAfter([], "use-case", "research")).toEqual(["use-case"]);
    expect(formerPrefixesAfter(["use-case"], "research", "Use-Case")).toEqual(["research"]);
    expect(formerPrefixesAfter(["a", "b"], "A", "c")).toEqual(["a", "b"]);
    expect(resolveSettings({ formerTagPrefixes: ["use-case"] }).formerTagPrefixes).toEqual(["use-case"]);
    expect(resolveSettings({ formerTagPrefixes: "use-case" }).formerTagPrefixes).toEqual([]);
    expect(resolveSettings(undefined).formerTagPrefixes).toEqual([]);
  });
});

describe("a sync after the prefix changed", () => {
  it("writes the plugin's tags under the new prefix in their places, every other byte kept", () => {
    const r = syncNote(OLD, opts, null);
    expect(r).toMatchObject({ ok: true, changed: true });
    if (r.ok) expect(r.text).toBe(NEW);
  });

  it("is no conflict: a record from before the change sees the boxes unchanged", () => {
    const record = recordOfPatterns(["RAG Pipeline"]);
    const r = syncNote(OLD, opts, record);
    expect(r).toMatchObject({ ok: true, report: { conflict: false, checked: [], unchecked: [] } });
    // A record read off the old properties (a note first seen after the change) agrees too.
    expect(recordFromProperties({ patterns: ["RAG Pipeline"], tags: ["use-case/pattern/rag-pipeline"] }, "research", ["use-case"])).toEqual(record);
  });

  it("a box ticked after the change is that box only (the bug: both sides were said to have changed)", () => {
    const ticked = OLD.replace("- [ ] **Ensemble Model**", "- [x] **Ensemble Model**");
    const r = syncNote(ticked, opts, recordOfPatterns(["RAG Pipeline"]));
    expect(r).toMatchObject({ ok: true, report: { conflict: false } });
    if (!r.ok || r.skipped) throw new Error("not synced");
    expect(r.patterns).toEqual(["RAG Pipeline", "Ensemble Model"]);
    expect(r.text).toContain("tags:\n  - mine\n  - research/category/nlp-and-text\n  - research/pattern/rag-pipeline\n  - later # mine too\n  - research/pattern/ensemble-model\n");
    expect(r.text).not.toContain("use-case/");
  });

  it("tidies a note that holds both sets (the left-over of a change made before this rule)", () => {
    const both = NEW.replace("  - later", "  - use-case/category/nlp-and-text\n  - use-case/pattern/rag-pipeline\n  - later");
    const r = syncNote(both, opts, null);
    if (!r.ok || r.skipped) throw new Error("not synced");
    expect(r.text).toBe(NEW);
  });

  it("without the former prefix recorded, the old tags are the user's (nothing is taken away)", () => {
    const r = syncNote(OLD, { ...opts, formerPrefixes: [] }, null);
    if (!r.ok || r.skipped) throw new Error("not synced");
    expect(r.text).toContain("  - use-case/pattern/rag-pipeline\n");
    expect(r.text).toContain("  - research/pattern/rag-pipeline\n");
  });

  it("then finds nothing to change", () => {
    const r = syncNote(NEW, opts, recordOfPatterns(["RAG Pipeline"]));
    expect(r).toMatchObject({ ok: true, changed: false });
  });
});

describe("renameTagPrefixInNote", () => {
  it.each([
    ["an article note's tag", "---\ntype: use-case-article\ntags: [use-case/article, mine]\n---\nbody\n", "---\ntype: use-case-article\ntags: [research/article, mine]\n---\nbody\n"],
    ["a study's tags, in place", OLD, NEW],
    ["no tag of ours: the same text", "---\ntype: use-case-article\ntags: [mine]\n---\n", "---\ntype: use-case-article\ntags: [mine]\n---\n"],
    ["not one of the plugin's notes: the same text", "---\ntags: [use-case/article]\n---\n", "---\ntags: [use-case/article]\n---\n"],
    ["no frontmatter: the same text", "just text\n", "just text\n"],
  ])("%s", (_name, before, after) => {
    const r = renameTagPrefixInNote(before, "use-case", "research");
    expect(r).toEqual({ text: after, changed: before !== after });
  });

  it("refuses broken YAML and changes nothing", () => {
    expect(renameTagPrefixInNote("---\ntags: [use-case/article\n---\n", "use-case", "research")).toMatchObject({ ok: false });
  });

  it("moveTagsToPrefix brings tags from every former prefix", () => {
    const text = "---\ntype: use-case-article\ntags: [a/article, b/article]\n---\n";
    expect(moveTagsToPrefix(text, "c", ["a", "b"])).toEqual({ text: "---\ntype: use-case-article\ntags: [c/article]\n---\n", changed: true });
  });
});
