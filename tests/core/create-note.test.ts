import { existsSync, readFileSync, writeFileSync } from "fs";
import { resolve } from "path";
import { planNote, renderNote, type NoteInput } from "../../src/core/create-note";
import { readNote } from "../../src/core/reader";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { formatDate, renderTemplate } from "../../src/core/template-render";

const NOW = new Date(2025, 2, 7, 9, 5, 3); // Friday 7 March 2025, 09:05:03 local time

/** Approval test: the approved file is what a reviewer read and accepted. */
function verify(name: string, text: string): void {
  const file = resolve(__dirname, "../approved", name);
  if (process.env.UPDATE_APPROVED === "1" || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, "utf8"));
}

const base: NoteInput = {
  kind: "analysis", templateText: BUNDLED_DEEP_DIVE_TEMPLATE, company: "Quillmart", title: "Hybrid product search",
  year: "2024", category: "search and retrieval", industry: "E-commerce and retail", tags: ["#search", "ranking"],
};

describe("renderTemplate", () => {
  it("fills known placeholders, core Templates' date formats, leaves Templater alone and reports unknown ones", () => {
    const r = renderTemplate("# {{title}} {{ company }}\n{{date}} {{time}} {{date:dddd D MMMM YYYY [at] HH:mm}}\n<% tp.file.title %> {{autor}} {{autor}}", { title: "T", company: "C" }, NOW);
    expect(r.text).toBe("# T C\n2025-03-07 09:05 Friday 7 March 2025 at 09:05\n<% tp.file.title %> {{autor}} {{autor}}");
    expect(r.unknownPlaceholders).toEqual(["{{autor}}"]);
  });
  it.each([["YY-M-D h:m:s a", "25-3-7 9:5:3 am"], ["ddd MMM", "Fri Mar"], ["[YYYY]", "YYYY"]])("formats %s", (f, out) => {
    expect(formatDate(NOW, f)).toBe(out);
  });
});

describe("planNote", () => {
  it("plans the path from the pattern and spells taxonomy values canonically", () => {
    const r = planNote(base, DEFAULT_SETTINGS);
    expect(r).toMatchObject({ ok: true, plan: { path: "Use cases/Search and Retrieval/Quillmart - Hybrid product search.md", category: "Search and Retrieval", year: 2024 } });
  });

  it.each<[string, Partial<NoteInput>, string, RegExp]>([
    ["an empty title", { title: "  " }, "title", /Title is empty/],
    ["an empty company", { company: "" }, "company", /Company is empty/],
    ["a year that is not a 4-digit year", { year: "24" }, "year", /4-digit year/],
    ["a year with letters", { year: "20x4" }, "year", /4-digit year/],
    ["an unknown category", { category: "Robotics" }, "category", /not in the taxonomy/],
    ["an unknown industry", { industry: "Space" }, "industry", /not in the taxonomy/],
    ["a tag with spaces", { tags: ["two words"] }, "tags", /can't be a tag/],
    ["a numeric tag", { tags: ["2024"] }, "tags", /can't be a tag/],
    ["every bad tag at once", { tags: ["2024", "ok", "🚀", "v1.2", "2024"] }, "tags", /^"2024", "🚀", "v1.2" can't be tags: /],
    ["a javascript: link", { articles: [{ url: "javascript:alert(1)" }] }, "article-1", /Only http and https/],
    ["a relative link", { articles: [{ url: "https://ok.example/a" }, { url: "/x" }] }, "article-2", /full web address/],
    ["six articles", { articles: Array.from({ length: 6 }, (_, i) => ({ url: `https://a.example/${i}` })) }, "articles", /At most 5/],
  ])("refuses %s with a message on its field", (_n, change, field, message) => {
    const r = planNote({ ...base, ...change }, DEFAULT_SETTINGS);
    expect(r.ok).toBe(false);
    const error = !r.ok ? r.errors.find((e) => e.field === field) : undefined;
    expect(error?.message).toMatch(message);
  });

  it("accepts a new category once the user confirmed it", () => {
    expect(planNote({ ...base, category: "Robotics", allowNewCategory: true }, DEFAULT_SETTINGS)).toMatchObject({ ok: true, plan: { category: "Robotics", path: "Use cases/Robotics/Quillmart - Hybrid product search.md" } });
  });

  it("replaces illegal characters and says so", () => {
    const r = planNote({ ...base, title: "What: a title?" }, DEFAULT_SETTINGS);
    expect(r.ok && r.plan.path).toBe("Use cases/Search and Retrieval/Quillmart - What a title.md");
    expect(r.ok && r.plan.warnings[0]).toBe("File names cannot hold : ? — replaced in the file name made from the title.");
  });

  it("canonicalises article links and lists the same page once", () => {
    const r = planNote({ ...base, articles: [{ url: "https://www.A.example/p/?utm_source=x", title: "P" }, { url: "http://a.example/p" }] }, DEFAULT_SETTINGS);
    expect(r.ok && r.plan.articles).toEqual([{ url: "https://a.example/p", title: "P" }]);
    expect(r.ok && r.plan.warnings).toContain("Article 2 is the same page as an earlier one; it is listed once.");
  });
});

describe("renderNote", () => {
  it("renders the deep-dive analysis (approved)", () => {
    const r = planNote({ ...base, articles: [{ url: "https://eng.quillmart.example/hybrid" }] }, DEFAULT_SETTINGS);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const note = renderNote(base, r.plan, [{ linkTarget: "Quillmart - Hybrid search at scale", url: "https://eng.quillmart.example/hybrid" }], DEFAULT_SETTINGS, NOW);
    if (!note.ok) throw new Error(note.message);
    verify("deep-dive-note.approved.md", note.text);
    expect(readNote(note.text).frontmatter).toEqual({
      type: "use-case-analysis", category: "Search and Retrieval", industry: "E-commerce and retail", company: "Quillmart", year: 2024,
      patterns: [], articles: ["[[Quillmart - Hybrid search at scale]]"],
      tags: ["search", "ranking", "use-case/category/search-and-retrieval", "use-case/industry/e-commerce-and-retail"],
    });
  });

  it("renders the case study from an analysis (approved)", () => {
    const input: NoteInput = { ...base, kind: "case-study", templateText: BUNDLED_CASE_STUDY_TEMPLATE, analysis: "Quillmart - Hybrid product search", patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"], stack: "Milvus, Feast, Triton" };
    const r = planNote(input, DEFAULT_SETTINGS);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // A name of its own: not the analysis' (two tabs of one title, links needing full paths).
    expect(r.plan.path).toBe("Case studies/Search and Retrieval/Quillmart - Hybrid product search (case study).md");
    const note = renderNote(input, r.plan, [], DEFAULT_SETTINGS, NOW);
    if (!note.ok) throw new Error(note.message);
    verify("case-study-note.approved.md", note.text);
    expect(readNote(note.text).frontmatter).toMatchObject({ type: "case-study", analysis: "[[Quillmart - Hybrid product search]]", patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"] });
  });

  it("keeps the template's own frontmatter byte for byte and takes pre-checked patterns", () => {
    const template = "---\n# my template\ncssclasses: [wide]\ntags: [study]\n---\n# {{title}}\n**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n";
    const input = { ...base, templateText: template, tags: [] };
    const r = planNote(input, DEFAULT_SETTINGS);
    const note = r.ok ? renderNote(input, r.plan, [], DEFAULT_SETTINGS, NOW) : null;
    expect(note?.ok && note.text).toBe("---\n# my template\ncssclasses: [wide]\ntags: [study, use-case/category/search-and-retrieval, use-case/industry/e-commerce-and-retail, use-case/pattern/rag-pipeline]\ntype: use-case-analysis\ncategory: Search and Retrieval\nindustry: E-commerce and retail\ncompany: Quillmart\nyear: 2024\npatterns:\n  - RAG Pipeline\narticles: []\n---\n# Hybrid product search\n**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n");
  });

  it("reports a template whose frontmatter is broken", () => {
    const input = { ...base, templateText: "---\na: 1\na: 2\n---\n" };
    const r = planNote(input, DEFAULT_SETTINGS);
    const note = r.ok ? renderNote(input, r.plan, [], DEFAULT_SETTINGS, NOW) : null;
    expect(note?.ok).toBe(false);
  });
});
