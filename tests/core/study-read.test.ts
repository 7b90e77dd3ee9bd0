import fc from "fast-check";
import { readNote } from "../../src/core/reader";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import {
  bodyFacts, canonicalPatterns, splitTechnologies, studyFromFrontmatter, studyFromText, tidy, yearOf,
} from "../../src/core/study-read";
import { CTX } from "../support/studies";

describe("studyFromFrontmatter", () => {
  it("reads every managed property", () => {
    const s = studyFromFrontmatter("Use cases/Search/Instacart - Hybrid search.md", {
      type: "use-case-analysis", company: "Instacart", category: "Search and Retrieval", industry: "E-commerce and retail",
      year: 2024, patterns: ["multi-stage funnel", "Hybrid Retrieval", "My Own Pattern"],
      articles: ["[[Instacart - Building hybrid search|Hybrid search]]", "[[Articles/Other#Section]]"],
    }, CTX);
    expect(s).toEqual({
      path: "Use cases/Search/Instacart - Hybrid search.md", type: "use-case-analysis", name: "Instacart - Hybrid search",
      company: "Instacart", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2024,
      patterns: ["Multi-Stage Funnel", "Hybrid Retrieval", "My Own Pattern"],
      body: null,
    });
  });

  it.each([
    [{ type: "use-case-article" }],
    [{ type: "Use-Case-Analysis" }],
    [{}],
    [null],
    [undefined],
    [{ type: ["case-study"] }],
  ])("is null for a note that is not a study: %j", (fm) => {
    expect(studyFromFrontmatter("a.md", fm, CTX)).toBeNull();
  });

  it.each([
    [2024, 2024], ["2024", 2024], [" 2024 ", 2024], [2024.5, null], ["2024-05-01", null], ["soon", null], [null, null], [true, null],
  ])("year %j → %j", (raw, year) => {
    expect(yearOf(raw)).toBe(year);
    expect(studyFromFrontmatter("a.md", { type: "case-study", year: raw }, CTX)?.year).toBe(year);
  });

  it.each([
    ["  Ramp  ", "Ramp"], ["Two\n words", "Two words"], ["", null], ["   ", null], [3, "3"], [["x"], null], [{ a: 1 }, null], [null, null],
  ])("company %j → %j", (raw, company) => {
    expect(studyFromFrontmatter("a.md", { type: "case-study", company: raw }, CTX)?.company).toBe(company);
  });

  it("takes a single comma-separated string of patterns too, and drops blanks and repeats", () => {
    const s = studyFromFrontmatter("a.md", { type: "case-study", patterns: "RAG Pipeline, rag pipeline,  , Batch Inference" }, CTX);
    expect(s?.patterns).toEqual(["Batch Inference", "RAG Pipeline"]);
    const t = studyFromFrontmatter("a.md", { type: "case-study", patterns: ["Kappa Architecture", null, 3, "", "kappa  architecture"] }, CTX);
    expect(t?.patterns).toEqual(["Kappa Architecture"]);
  });

  it("the name is the file name without .md", () => {
    expect(studyFromFrontmatter("a/b/Note.MD", { type: "case-study" }, CTX)?.name).toBe("Note");
    expect(studyFromFrontmatter("Note.md", { type: "case-study" }, CTX)?.name).toBe("Note");
  });
});

describe("canonicalPatterns", () => {
  const labels = CTX.patterns.map((p) => p.label);
  it("puts known labels in template order, unknown ones after, as written", () => {
    expect(canonicalPatterns(["zeta", "Canary Deployment", "batch inference", "Zeta", "alpha"], CTX))
      .toEqual(["Batch Inference", "Canary Deployment", "zeta", "alpha"]);
  });

  it("orders a taxonomy of more than 31 patterns too (a user's template may add many)", () => {
    const many = { ...CTX, patterns: Array.from({ length: 40 }, (_, i) => ({ label: `Pattern ${String(i).padStart(2, "0")}`, group: "G", slug: `pattern-${i}` })) };
    expect(canonicalPatterns(["pattern 39", "Pattern 02", "Pattern 35", "  pattern   31 ", "Pattern 30", "PATTERN 35", "other"], many))
      .toEqual(["Pattern 02", "Pattern 30", "Pattern 31", "Pattern 35", "Pattern 39", "other"]);
  });

  it("gives studies with the same known patterns one shared, frozen list (nothing of the note's own strings kept)", () => {
    const a = canonicalPatterns(["Canary Deployment", "Batch Inference"], CTX);
    const b = canonicalPatterns(["Batch Inference", "canary deployment"], CTX);
    const fromNote = ["Batch Inference", "Canary Deployment"].map((l) => ` ${l}`.slice(1));
    const c = canonicalPatterns(fromNote, CTX);
    expect(a).toEqual(["Batch Inference", "Canary Deployment"]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(c).not.toBe(fromNote);
    expect(Object.isFrozen(a)).toBe(true);
    expect(canonicalPatterns([], CTX)).toEqual([]);
    // With an unknown label the list is the study's own (and not shared with the known-only one).
    const d = canonicalPatterns(["Batch Inference", "Canary Deployment", "Mine"], CTX);
    expect(d).toEqual(["Batch Inference", "Canary Deployment", "Mine"]);
    expect(d).not.toBe(a);
  });

  it("property: result has no case-insensitive repeats, known labels keep template order, and is idempotent", () => {
    const label = fc.oneof(fc.constantFrom(...labels), fc.constantFrom(...labels).map((l) => l.toUpperCase()), fc.string({ maxLength: 6 }));
    fc.assert(fc.property(fc.array(label, { maxLength: 12 }), (raw) => {
      const out = canonicalPatterns(raw, CTX);
      const keys = out.map((x) => x.toLowerCase());
      expect(new Set(keys).size).toBe(keys.length);
      const ranks = out.map((x) => labels.indexOf(x)).filter((i) => i >= 0);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(canonicalPatterns(out, CTX)).toEqual(out);
      for (const r of raw) if (tidy(r) !== "") expect(keys).toContain(tidy(r).toLowerCase());
    }));
  });
});

describe("tidy", () => {
  it("property: same as collapsing \\s+ and trimming", () => {
    const ch = fc.constantFrom("a", "B", " ", "\t", "\n", "\u00a0", "\u2003", "é", "-", "\r", "\u3000");
    fc.assert(fc.property(fc.array(ch, { maxLength: 12 }).map((c) => c.join("")), (s) => {
      expect(tidy(s)).toBe(s.replace(/\s+/g, " ").trim());
    }));
  });
});

describe("splitTechnologies", () => {
  it.each([
    ["Kafka", ["Kafka"]],
    ["Kafka, Flink and Spark", ["Kafka", "Flink", "Spark"]],
    ["TensorFlow/Keras", ["TensorFlow", "Keras"]],
    ["  Feast ,  Redis  ", ["Feast", "Redis"]],
    ["**Milvus** + `FAISS`", ["Milvus", "FAISS"]],
    ["[[Kafka]]; [Flink](https://flink.apache.org)", ["Kafka", "Flink"]],
    ["Android", ["Android"]],
    ["-", []],
    ["N/A", []],
    ["", []],
  ])("%j → %j", (cell, techs) => {
    expect(splitTechnologies(cell)).toEqual(techs);
  });
});

describe("bodyFacts", () => {
  it("the bundled template: 10 unchecked checklist items and no stack (its rows are examples)", () => {
    expect(bodyFacts(readNote(BUNDLED_DEEP_DIVE_TEMPLATE), CTX)).toEqual({ checklist: { done: 0, total: 10 }, stack: [] });
  });

  it("a filled-in template: checked items counted, stack rows split, filler rows dropped", () => {
    const text = BUNDLED_DEEP_DIVE_TEMPLATE
      .replace("- [ ] Can you draw the end-to-end architecture from memory?", "- [x] Can you draw the end-to-end architecture from memory?")
      .replace("- [ ] What is their retraining strategy?", "- [/] What is their retraining strategy?")
      .replace("| Streaming | e.g., Kafka, Kinesis | |", "| Streaming | Kafka and  Flink | events |")
      .replace("| Vector DB | e.g., Milvus, Pinecone | |", "| vector  db | Milvus | |");
    expect(bodyFacts(readNote(text), CTX)).toEqual({
      checklist: { done: 2, total: 10 },
      stack: [
        { component: "Streaming", technology: "Kafka" },
        { component: "Streaming", technology: "Flink" },
        { component: "vector db", technology: "Milvus" },
      ],
    });
  });

  it("falls back to a table headed Component | Technology when no group names it", () => {
    const note = readNote("# Stack\n\n| Component | Technology | Why |\n|---|---|---|\n| Serving | Triton | |\n| Empty | | |\n");
    expect(bodyFacts(note, CTX).stack).toEqual([{ component: "Serving", technology: "Triton" }]);
  });

  it("a checklist heading matches case-insensitively; other headings' checkboxes are not counted", () => {
    const note = readNote("## Appendix: analysis checklist\n- [x] a\n- [ ] b\n## Other\n- [x] c\n");
    expect(bodyFacts(note, CTX).checklist).toEqual({ done: 1, total: 2 });
  });
});

describe("ownPatterns: where a note writes the patterns the taxonomy does not know", () => {
  const TEMPLATE_BOX = "- [ ] **RAG Pipeline** (Retrieve → Augment → Generate)";
  it.each<[string, string, { label: string; group: string }[] | undefined]>([
    ["a box added under a template group, ticked", `${TEMPLATE_BOX}\n- [x] **Graph  Features** (mine)`, [{ label: "Graph Features", group: "Design Patterns Observed" }]],
    ["unticked boxes count too (where it is written, not whether it is seen)", `${TEMPLATE_BOX}\n- [ ] Graph Features`, [{ label: "Graph Features", group: "Design Patterns Observed" }]],
    ["a known label in other capitals is no own pattern", `${TEMPLATE_BOX}\n- [x] rag pipeline`, undefined],
    ["the same label twice under one group: once", `${TEMPLATE_BOX}\n- [x] Graph Features\n- [ ] graph features`, [{ label: "Graph Features", group: "Design Patterns Observed" }]],
  ])("%s", (_name, box, expected) => {
    const text = BUNDLED_DEEP_DIVE_TEMPLATE.replace(TEMPLATE_BOX, box);
    expect(bodyFacts(readNote(text), CTX).ownPatterns).toEqual(expected);
  });

  it("a box under a group heading in other capitals gets the settings' spelling; under no pattern group, none", () => {
    expect(bodyFacts(readNote("## infrastructure PATTERNS\n- [x] Edge Cache\n## Notes\n- [x] Not a pattern\n"), CTX).ownPatterns)
      .toEqual([{ label: "Edge Cache", group: "Infrastructure Patterns" }]);
  });

  it("one label under two groups: an entry for each", () => {
    const text = "**Deployment Pattern**:\n- [x] Edge Cache\n\n**Infrastructure Patterns**:\n- [ ] Edge Cache\n";
    expect(bodyFacts(readNote(text), CTX).ownPatterns).toEqual([
      { label: "Edge Cache", group: "Deployment Pattern" }, { label: "Edge Cache", group: "Infrastructure Patterns" },
    ]);
  });
});

describe("studyFromText", () => {
  it("reads frontmatter and body", () => {
    const text = "---\ntype: use-case-analysis\ncompany: Ramp\nyear: \"2025\"\npatterns:\n  - agentic workflow\n---\n## APPENDIX: ANALYSIS CHECKLIST\n- [x] a\n";
    expect(studyFromText("x/Ramp.md", text, CTX)).toMatchObject({
      company: "Ramp", year: 2025, patterns: ["Agentic Workflow"], body: { checklist: { done: 1, total: 1 }, stack: [] },
    });
  });

  it("is null for broken YAML and for non-studies", () => {
    expect(studyFromText("a.md", "---\ntype: case-study\na: [\n---\n", CTX)).toBeNull();
    expect(studyFromText("a.md", "# no frontmatter\n", CTX)).toBeNull();
  });
});
