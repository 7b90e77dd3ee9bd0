import fc from "fast-check";
import { addCaseStudyLink, CASE_STUDIES_KEY, firstLineToFill, prefillFromAnalysis } from "../../src/core/case-study-prefill";
import { planNote, renderNote } from "../../src/core/create-note";
import { locateFrontmatter } from "../../src/core/frontmatter";
import { readNote } from "../../src/core/reader";
import { DEFAULT_PATTERN_GROUPS, DEFAULT_SETTINGS } from "../../src/core/settings";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { noteText } from "../support/arbitraries";
import { numRuns } from "../support/fast-check";

const groups = DEFAULT_PATTERN_GROUPS;

describe("prefillFromAnalysis", () => {
  it.each<[string, string, string, string]>([
    ["the title property first", "---\ncompany: Acme\ntitle: Ranking v2\n---\n# Acme: Other\n", "Acme - Whatever", "Ranking v2"],
    ["else the heading \"Company: Title\"", "---\ncompany: Acme\n---\n# Acme: Ranking at scale\n", "Acme - Whatever", "Ranking at scale"],
    ["the heading's company compared ignoring case", "---\ncompany: acme\n---\n# ACME: Ranking\n", "x", "Ranking"],
    ["else the name without \"Company - \"", "---\ncompany: Acme\n---\n# Something else\n", "Acme - Fraud model", "Fraud model"],
    ["else the whole name", "---\ntype: use-case-analysis\n---\n", "My analysis", "My analysis"],
  ])("takes the title from %s", (_n, text, basename, title) => {
    expect(prefillFromAnalysis(text, basename, groups).title).toBe(title);
  });

  it("reads company, year, category, industry, article targets and the stack", () => {
    const text = [
      "---", "company: ' Acme '", "year: 2023", "category: Search and Retrieval", "industry: Tech",
      "articles:", '  - "[[One|alias]]"', '  - "[[Two#Part]]"', '  - "[[One]]"', "  - 7", "---",
      "**Tech Stack Identified**:", "| Component | Technology/Tool | Purpose |", "|---|---|---|",
      "| Store | e.g., Snowflake, S3 | |", "| Serving | Triton \\| TorchServe, milvus | |", "| DB | Milvus | |", "",
    ].join("\n");
    expect(prefillFromAnalysis(text, "n", groups)).toEqual({
      company: "Acme", title: "n", year: "2023", category: "Search and Retrieval", industry: "Tech",
      patterns: [], articleTargets: ["One", "Two"],
      // The template's "e.g." row is filler; "Triton | TorchServe" keeps its pipe escaped for the table cell.
      stack: "Triton \\| TorchServe, milvus",
    });
  });

  it("takes patterns from the property when it is a list, else from the checked boxes", () => {
    const body = "**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n- [ ] **Ensemble Model**\n- [X] Cascade Model (cheap first)\n";
    expect(prefillFromAnalysis(`---\npatterns: [Two-Tower Architecture]\n---\n${body}`, "n", groups).patterns).toEqual(["Two-Tower Architecture"]);
    expect(prefillFromAnalysis(`---\npatterns: []\n---\n${body}`, "n", groups).patterns).toEqual([]);
    expect(prefillFromAnalysis(`---\ntype: use-case-analysis\n---\n${body}`, "n", groups).patterns).toEqual(["RAG Pipeline", "Cascade Model"]);
  });

  it("reads a note with broken frontmatter as one without (the command is not offered then anyway)", () => {
    expect(prefillFromAnalysis("---\na: [\n---\n# T\n", "Name", groups)).toMatchObject({ company: "", title: "Name", articleTargets: [] });
  });
});

describe("addCaseStudyLink", () => {
  it.each<[string, string, string]>([
    ["appends the property to the frontmatter", "---\ntype: use-case-analysis # mine\n---\nbody\n", `---\ntype: use-case-analysis # mine\n${CASE_STUDIES_KEY}:\n  - "[[CS]]"\n---\nbody\n`],
    ["adds to the list already there", `---\n${CASE_STUDIES_KEY}:\n  - "[[Old]]"\n---\n`, `---\n${CASE_STUDIES_KEY}:\n  - "[[Old]]"\n  - "[[CS]]"\n---\n`],
    ["makes a frontmatter block when there is none", "body only\n", `---\n${CASE_STUDIES_KEY}:\n  - "[[CS]]"\n---\nbody only\n`],
  ])("%s", (_n, before, after) => {
    expect(addCaseStudyLink(before, "CS")).toEqual({ ok: true, text: after, changed: true });
  });

  it("changes nothing when the case study is already listed (any link form, any case)", () => {
    const text = `---\n${CASE_STUDIES_KEY}: ["[[cs|My case study]]"]\n---\n`;
    expect(addCaseStudyLink(text, "CS")).toEqual({ ok: true, text, changed: false });
  });

  it("refuses broken frontmatter", () => {
    expect(addCaseStudyLink("---\na: 1\na: 2\n---\n", "CS")).toMatchObject({ ok: false, message: expect.stringMatching(/frontmatter is broken/) as unknown });
  });

  it("keeps every byte after the frontmatter and every other key (generated notes)", () => {
    fc.assert(fc.property(noteText, ({ text }) => {
      const r = addCaseStudyLink(text, "Case study 1");
      if (!r.ok) return readNote(text).frontmatterError !== null || r.message.length > 0;
      const before = locateFrontmatter(text);
      const after = locateFrontmatter(r.text);
      if (!after) return false;
      // Without a block before, one is put in front of the whole text.
      const bodyBefore = before ? text.slice(before.fenceEnd) : `${after.eol}${text.replace(/^\uFEFF/, "")}`;
      expect(r.text.slice(after.fenceEnd)).toBe(bodyBefore);
      const fm = readNote(r.text).frontmatter ?? {};
      const { [CASE_STUDIES_KEY]: added, ...rest } = fm;
      const { [CASE_STUDIES_KEY]: _old, ...restBefore } = readNote(text).frontmatter ?? {};
      void _old;
      expect(rest).toEqual(restBefore);
      expect(added).toEqual(expect.arrayContaining(["[[Case study 1]]"]));
      return true;
    }), numRuns(300));
  });
});

describe("firstLineToFill", () => {
  const render = (kind: "analysis" | "case-study"): string => {
    const input = {
      kind, templateText: kind === "analysis" ? BUNDLED_DEEP_DIVE_TEMPLATE : BUNDLED_CASE_STUDY_TEMPLATE,
      company: "Acme", title: "Ranking", category: "Search and Retrieval",
    } as const;
    const plan = planNote(input, DEFAULT_SETTINGS);
    if (!plan.ok) throw new Error("plan");
    const note = renderNote(input, plan.plan, [], DEFAULT_SETTINGS, new Date(2025, 0, 1));
    if (!note.ok) throw new Error(note.message);
    return note.text;
  };

  it("is the line after the deep dive's \"1.2 Problem Statement\"", () => {
    const text = render("analysis");
    const lines = text.split("\n");
    expect(lines[firstLineToFill(text) - 1]).toBe("### 1.2 Problem Statement");
  });

  it("is the case study's TL;DR paragraph", () => {
    const text = render("case-study");
    expect(text.split("\n")[firstLineToFill(text)]).toMatch(/^In one sentence, state the problem/);
  });

  it.each<[string, string, number]>([
    ["the first content after the first heading otherwise", "---\na: 1\n---\n# T\n\n\nWrite here\n", 6],
    ["the first body line when there is no heading", "---\na: 1\n---\nplain\n", 3],
    ["the last line when the note ends at its heading", "# Only\n", 1],
    ["line 0 of an empty note", "", 0],
  ])("is %s", (_n, text, line) => {
    expect(firstLineToFill(text)).toBe(line);
  });
});
