import fc from "fast-check";
import { syncNote } from "../../src/core/sync";
import { analysisNoteText } from "../support/arbitraries";
import { checkVault, type CheckContext, LinkResolver, type VaultNoteText } from "../../src/core/check";
import { CTX } from "../support/studies";
import { numRuns } from "../support/fast-check";

const C: CheckContext = { ...CTX, tagPrefix: "use-case" };

/** An analysis note in sync: patterns and tags follow the checked boxes. */
function analysis(fm: string, body = "**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n- [ ] **Ensemble Model**\n"): string {
  return `---\ntype: use-case-analysis\n${fm}---\n${body}`;
}
const IN_SYNC = "category: Search and Retrieval\nindustry: Tech\npatterns:\n  - RAG Pipeline\ntags:\n  - reading\n  - use-case/category/search-and-retrieval\n  - use-case/industry/tech\n  - use-case/pattern/rag-pipeline\n";

function check(notes: Record<string, string>, ctx: CheckContext = C): string[] {
  const list: VaultNoteText[] = Object.entries(notes).map(([path, text]) => ({ path, text }));
  return checkVault(list, ctx).map((p) => `${p.path}: ${p.problem}`);
}

describe("checkVault", () => {
  it("a note in sync, an article, a plain note: nothing to say", () => {
    expect(check({
      "A.md": analysis(`${IN_SYNC}articles:\n  - "[[Articles/Art one|One]]"\n`),
      "Articles/Art one.md": "---\ntype: use-case-article\nurl: https://a.example/x\n---\n",
      "Plain.md": "# just a note\n- [x] RAG Pipeline\n",
      "No frontmatter study-like.md": "**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n",
    })).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ["broken YAML", { "Bad.md": "---\ntype: use-case-analysis\ncompany: [unclosed\n---\n" }, ["Bad.md: broken YAML in the frontmatter: "]],
    ["duplicate key is broken YAML too", { "Dup.md": "---\ntype: case-study\ntype: case-study\n---\n" }, ["Dup.md: broken YAML in the frontmatter: "]],
    ["unknown category and industry", {
      "A.md": analysis(IN_SYNC.replace("Search and Retrieval", "Search & Retrieval").replace("industry: Tech", "industry: tech").replace("search-and-retrieval", "search-retrieval")),
    }, [
      "A.md: unknown category \"Search & Retrieval\" (not in the taxonomy's categories)",
      "A.md: industry \"tech\" is spelled \"Tech\" in the taxonomy",
    ]],
    ["checked box missing from patterns, tag missing", {
      "A.md": analysis(IN_SYNC.replace("patterns:\n  - RAG Pipeline\n", "patterns: []\n").replace("  - use-case/pattern/rag-pipeline\n", "")),
    }, [
      "A.md: patterns property out of sync with the checkboxes (checked but not in patterns: RAG Pipeline)",
      "A.md: tags out of sync (missing use-case/pattern/rag-pipeline)",
    ]],
    ["listed pattern not checked, extra tag", {
      "A.md": analysis(IN_SYNC.replace("  - RAG Pipeline\n", "  - RAG Pipeline\n  - Ensemble Model\n") + "  - use-case/pattern/ensemble-model\n"),
    }, [
      "A.md: patterns property out of sync with the checkboxes (in patterns but not checked: Ensemble Model)",
      "A.md: tags out of sync (extra use-case/pattern/ensemble-model)",
    ]],
    ["a case study without pattern groups: tags follow the patterns property", {
      "C.md": "---\ntype: case-study\npatterns:\n  - RAG Pipeline\ntags:\n  - use-case/pattern/batch-inference\n---\n# Case study\n",
    }, ["C.md: tags out of sync (missing use-case/pattern/rag-pipeline; extra use-case/pattern/batch-inference)"]],
    ["article link to a missing note; a URL instead of a link", {
      "A.md": analysis(`${IN_SYNC}articles:\n  - "[[Missing article]]"\n  - "[[Articles/Here]]"\n  - "[[here]]"\n  - https://x.example/y\n`),
      "Articles/Here.md": "---\ntype: use-case-article\nurl: https://x.example/here\n---\n",
    }, [
      "A.md: articles links to a missing note: [[Missing article]]",
      "A.md: articles lists a URL instead of a link to an article note: https://x.example/y",
    ]],
    ["duplicate article URLs (canonical: case, www, trailing slash, tracking parameters, fragment)", {
      "Articles/One.md": "---\ntype: use-case-article\nurl: https://Blog.example/post/\n---\n",
      "Articles/Two.md": "---\ntype: use-case-article\nurl: http://www.blog.example/post?utm_source=x#top\n---\n",
      "Articles/Three.md": "---\ntype: use-case-article\nurl: https://blog.example/other\n---\n",
      "Articles/Four.md": "---\ntype: use-case-article\n---\n",
      "Articles/Five.md": "---\ntype: use-case-article\nurl: ftp://files.example/x\n---\n",
    }, [
      "Articles/Five.md: article url: Only http and https links can be articles: \"ftp://files.example/x\"",
      "Articles/Four.md: article note without a url",
      "Articles/One.md: same article URL as Articles/Two.md",
      "Articles/Two.md: same article URL as Articles/One.md",
    ]],
  ])("%s", (_name, notes, problems) => {
    const got = check(notes);
    expect(got).toHaveLength(problems.length);
    got.forEach((g, i) => expect(g.startsWith(problems[i])).toBe(true));
  });

  it("uses the configured tag prefix and taxonomy", () => {
    const ctx: CheckContext = { ...C, tagPrefix: "uc", categories: ["Mine"] };
    expect(check({ "A.md": analysis("category: Mine\npatterns:\n  - RAG Pipeline\ntags:\n  - uc/category/mine\n  - uc/pattern/rag-pipeline\n") }, ctx)).toEqual([]);
  });

  it("a custom canonical URL merges what it says is the same", () => {
    const ctx: CheckContext = { ...C, canonicalUrl: (u) => ({ ok: true, url: u.replace(/\?.*$/, "") }) };
    expect(check({
      "a.md": "---\ntype: use-case-article\nurl: https://x.example/p?page=2\n---\n",
      "b.md": "---\ntype: use-case-article\nurl: https://x.example/p\n---\n",
    }, ctx)).toEqual(["a.md: same article URL as b.md", "b.md: same article URL as a.md"]);
  });

  it("agrees with sync: a note sync would change is reported, and only then", () => {
    // A stale property (box ticked after the last sync), as the demo vault leaves one on purpose.
    const stale = analysis("category: Search and Retrieval\nindustry: Tech\npatterns: []\ntags:\n  - use-case/category/search-and-retrieval\n  - use-case/industry/tech\n");
    expect(check({ "S.md": stale })).toHaveLength(2);
  });
});

describe("LinkResolver", () => {
  const r = new LinkResolver(["Articles/Hybrid search.md", "Use cases/Search/Quillmart.md", "Top.md"]);
  it.each([
    ["Hybrid search", true], ["hybrid SEARCH", true], ["Hybrid search.md", true], ["Articles/Hybrid search", true],
    ["articles/hybrid search.md", true], ["Search/Quillmart", true], ["/Top", true], ["Other/Hybrid search", false],
    ["Hybrid", false], ["", false], ["Use cases/Search", false],
  ])("%j → %j", (target, found) => {
    expect(r.exists(target)).toBe(found);
  });
});

describe("checkVault and sync", () => {
  it("property: a study gets a sync problem exactly when sync would change it", () => {
    fc.assert(fc.property(analysisNoteText, (text) => {
      const synced = syncNote(text, { prefix: C.tagPrefix, patternGroups: C.patternGroups, knownPatterns: C.patterns }, null);
      const problems = check({ "n.md": text }).filter((p) => /out of sync|tidy|cannot sync|broken YAML/.test(p));
      if (!synced.ok) expect(problems.length).toBeGreaterThan(0);
      else expect(problems.length > 0).toBe(synced.changed);
    }), numRuns(300));
  });
});

describe("tidying messages", () => {
  const cs = (patterns: string, tags: string): string =>
    `---\ntype: case-study\npatterns:\n${patterns}tags:\n${tags}---\n# Case study\n`;
  it.each([
    ["order", cs("  - RAG Pipeline\n  - Batch Inference\n", "  - use-case/pattern/batch-inference\n  - use-case/pattern/rag-pipeline\n"), "C.md: patterns property not in template order (run sync to tidy it)"],
    ["spelling", cs("  - rag pipeline\n", "  - use-case/pattern/rag-pipeline\n"), "C.md: patterns property spells patterns unlike the template (rag pipeline → RAG Pipeline; run sync to tidy it)"],
    ["repeat", cs("  - RAG Pipeline\n  - rag pipeline\n", "  - use-case/pattern/rag-pipeline\n"), "C.md: patterns property lists a pattern twice (run sync to tidy it)"],
    ["tag spelling", cs("  - RAG Pipeline\n", "  - Use-Case/Pattern/RAG-Pipeline\n"), "C.md: use-case tags written unlike the plugin writes them (a # or capitals; run sync to tidy them)"],
  ])("%s", (_name, text, message) => {
    expect(check({ "C.md": text })).toEqual([message]);
  });

  it("leaves the user's order of tags alone (sync keeps it too)", () => {
    expect(check({ "C.md": cs("  - Batch Inference\n  - RAG Pipeline\n", "  - use-case/pattern/rag-pipeline\n  - use-case/pattern/batch-inference\n") })).toEqual([]);
  });
});
