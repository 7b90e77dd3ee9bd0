import { readNote } from "../../src/core/reader";
import { bundledTaxonomy, DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { decideSync, renamePatternInNote, renameTaxonomyValueInNote, syncNote, type SyncOptions, type SyncRecord } from "../../src/core/sync";

const opts: SyncOptions = { prefix: "use-case", patternGroups: DEFAULT_PATTERN_GROUPS, knownPatterns: bundledTaxonomy().patterns };
const A = "---\ntype: use-case-analysis\n";

interface Case { name: string; before: string; record?: SyncRecord; after: string; conflict?: boolean }

const cases: Case[] = [
  {
    name: "a checked box puts the pattern and its tag into the properties",
    before: `${A}---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (Retrieve)\n- [ ] **Ensemble Model**\n`,
    after: `${A}patterns:\n  - RAG Pipeline\ntags:\n  - use-case/pattern/rag-pipeline\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (Retrieve)\n- [ ] **Ensemble Model**\n`,
  },
  {
    name: "checkbox in a callout",
    before: `${A}---\n**Infrastructure Patterns**:\n> [!note]\n> - [x] **Kappa Architecture** (Streaming-only)\n`,
    after: `${A}patterns:\n  - Kappa Architecture\ntags:\n  - use-case/pattern/kappa-architecture\n---\n**Infrastructure Patterns**:\n> [!note]\n> - [x] **Kappa Architecture** (Streaming-only)\n`,
  },
  {
    name: "nested and numbered lists",
    before: `${A}---\n**Deployment Pattern**:\n1. [ ] Batch Inference (offline)\n    - [/] Streaming Inference (events)\n`,
    after: `${A}patterns:\n  - Streaming Inference\ntags:\n  - use-case/pattern/streaming-inference\n---\n**Deployment Pattern**:\n1. [ ] Batch Inference (offline)\n    - [/] Streaming Inference (events)\n`,
  },
  {
    name: "a code block is ignored",
    before: `${A}patterns: []\n---\n**Deployment Pattern**:\n\`\`\`\n- [x] Batch Inference\n\`\`\`\n- [ ] Batch Inference\n`,
    after: `${A}patterns: []\n---\n**Deployment Pattern**:\n\`\`\`\n- [x] Batch Inference\n\`\`\`\n- [ ] Batch Inference\n`,
  },
  {
    name: "CRLF, no trailing newline",
    before: `---\r\ntype: use-case-analysis\r\n---\r\n## Deployment Pattern\r\n- [x] Batch Inference`,
    after: `---\r\ntype: use-case-analysis\r\npatterns:\r\n  - Batch Inference\r\ntags:\r\n  - use-case/pattern/batch-inference\r\n---\r\n## Deployment Pattern\r\n- [x] Batch Inference`,
  },
  {
    name: "BOM",
    before: `\uFEFF${A}---\n## Deployment Pattern\n- [x] Batch Inference\n`,
    after: `\uFEFF${A}patterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
  },
  {
    name: "frontmatter with comments, flow lists and quoted strings: only managed keys change",
    before: `---\n# my note\ntype: "use-case-analysis" # kind\naliases: ['x', "y"]\ntags: [mine, "also mine"]\npatterns: [] # list\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
    after: `---\n# my note\ntype: "use-case-analysis" # kind\naliases: ['x', "y"]\ntags: [mine, "also mine", use-case/pattern/batch-inference]\npatterns: [Batch Inference] # list\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
  },
  {
    name: "block scalars stay as they are",
    before: `${A}summary: |\n  two\n  lines\nnote: >\n  folded\n---\n## Deployment Pattern\n- [ ] Batch Inference\n`,
    after: `${A}summary: |\n  two\n  lines\nnote: >\n  folded\n---\n## Deployment Pattern\n- [ ] Batch Inference\n`,
  },
  {
    name: "anchors and aliases on other keys survive",
    before: `${A}base: &b [x]\nother: *b\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
    after: `${A}base: &b [x]\nother: *b\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
  },
  {
    name: "unicode labels (a user's own pattern)",
    before: `${A}---\n**Design Patterns Observed**:\n- [x] **Zwei-Türme-Modell** (zwei Encoder)\n`,
    after: `${A}patterns:\n  - Zwei-Türme-Modell\ntags:\n  - use-case/pattern/zwei-türme-modell\n---\n**Design Patterns Observed**:\n- [x] **Zwei-Türme-Modell** (zwei Encoder)\n`,
  },
  {
    name: "duplicate labels count once",
    before: `${A}---\n## Deployment Pattern\n- [x] Batch Inference\n- [ ] Batch Inference (again)\n`,
    after: `${A}patterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n- [x] Batch Inference (again)\n`,
  },
  {
    name: "a pattern in two groups counts once",
    before: `${A}---\n## Deployment Pattern\n- [x] Batch Inference\n## Infrastructure Patterns\n- [x] Batch Inference\n`,
    after: `${A}patterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n## Infrastructure Patterns\n- [x] Batch Inference\n`,
  },
  {
    name: "empty patterns: gets the checked ones",
    before: `${A}patterns:\ntags:\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
    after: `${A}patterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
  },
  {
    name: "tags as a string keep the user's tag",
    before: `${A}tags: journal\ncategory: NLP and Text\n---\n## Deployment Pattern\n- [ ] Batch Inference\n`,
    after: `${A}tags:\n  - journal\n  - use-case/category/nlp-and-text\ncategory: NLP and Text\n---\n## Deployment Pattern\n- [ ] Batch Inference\n`,
  },
  {
    name: "tags as a string of several (commas or spaces) become a list of the same tags",
    before: `${A}tags: journal, to-read later\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
    after: `${A}tags:\n  - journal\n  - to-read\n  - later\n  - use-case/pattern/batch-inference\npatterns:\n  - Batch Inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
  },
  {
    name: "the user's order of tags is kept: ours first is left as it is",
    before: `${A}category: NLP and Text\npatterns:\n  - Batch Inference\ntags: [use-case/pattern/batch-inference, use-case/category/nlp-and-text, reading]\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
    after: `${A}category: NLP and Text\npatterns:\n  - Batch Inference\ntags: [use-case/pattern/batch-inference, use-case/category/nlp-and-text, reading]\n---\n## Deployment Pattern\n- [x] Batch Inference\n`,
  },
  {
    name: "a tag of ours that goes leaves the others in place; a new one is appended; a number tag is kept as text",
    before: `${A}patterns:\n  - Batch Inference\ntags: [use-case/pattern/batch-inference, 2024, reading]\n---\n## Deployment Pattern\n- [ ] Batch Inference\n- [x] Streaming Inference\n`,
    after: `${A}patterns:\n  - Streaming Inference\ntags: ["2024", reading, use-case/pattern/streaming-inference]\n---\n## Deployment Pattern\n- [ ] Batch Inference\n- [x] Streaming Inference\n`,
  },
  {
    name: "tags missing and nothing of ours to add: no tags key is written",
    before: `${A}patterns: []\n---\n## Deployment Pattern\n- [ ] Batch Inference\n`,
    after: `${A}patterns: []\n---\n## Deployment Pattern\n- [ ] Batch Inference\n`,
  },
  {
    name: "unchecking one of two boxes with the same label unchecks the pattern (record says it was checked)",
    record: { patterns: ["batch inference"], tags: ["batch-inference"] },
    before: `${A}patterns: [Batch Inference]\ntags: [use-case/pattern/batch-inference]\n---\n## Deployment Pattern\n- [ ] Batch Inference\n## Infrastructure Patterns\n- [x] Batch Inference (again)\n`,
    after: `${A}patterns: []\ntags: []\n---\n## Deployment Pattern\n- [ ] Batch Inference\n## Infrastructure Patterns\n- [ ] Batch Inference (again)\n`,
  },
  {
    name: "checking one of two unchecked boxes with the same label checks both",
    record: { patterns: [], tags: [] },
    before: `${A}patterns: []\n---\n## Deployment Pattern\n- [ ] Batch Inference\n- [x] **Batch Inference**\n`,
    after: `${A}patterns: [Batch Inference]\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n- [x] **Batch Inference**\n`,
  },
  {
    name: "a checked label the template does not know goes under the first pattern group",
    record: { patterns: [], tags: [] },
    before: `${A}patterns: [Bespoke Thing]\n---\n## Deployment Pattern\n* [ ] Batch Inference\n\n## Design Patterns Observed\n- [ ] RAG Pipeline\n`,
    after: `${A}patterns: [Bespoke Thing]\ntags:\n  - use-case/pattern/bespoke-thing\n---\n## Deployment Pattern\n* [ ] Batch Inference\n* [x] Bespoke Thing\n\n## Design Patterns Observed\n- [ ] RAG Pipeline\n`,
  },
  {
    name: "an added checkbox in a callout and a numbered list keeps the prefix and counts on",
    record: { patterns: [], tags: [] },
    before: `${A}patterns: [Streaming Inference]\n---\n## Deployment Pattern\n> 1. [ ] Batch Inference\n> 2. [ ] Real-Time Inference\n`,
    after: `${A}patterns: [Streaming Inference]\ntags:\n  - use-case/pattern/streaming-inference\n---\n## Deployment Pattern\n> 1. [ ] Batch Inference\n> 2. [ ] Real-Time Inference\n> 3. [x] Streaming Inference\n`,
  },
  {
    name: "an added checkbox in a CRLF note uses CRLF",
    record: { patterns: [], tags: [] },
    before: `---\r\ntype: use-case-analysis\r\npatterns: [Batch Inference]\r\n---\r\n## Deployment Pattern\r\n- [ ] Real-Time Inference\r\n`,
    after: `---\r\ntype: use-case-analysis\r\npatterns: [Batch Inference]\r\ntags:\r\n  - use-case/pattern/batch-inference\r\n---\r\n## Deployment Pattern\r\n- [ ] Real-Time Inference\r\n- [x] Batch Inference\r\n`,
  },
  {
    name: "a task character other than x stays when the pattern stays checked",
    record: { patterns: ["batch inference"], tags: ["batch-inference"] },
    before: `${A}patterns: [Batch Inference, Real-Time Inference]\ntags: [use-case/pattern/batch-inference]\n---\n## Deployment Pattern\n- [/] Batch Inference\n- [ ] Real-Time Inference\n`,
    after: `${A}patterns: [Batch Inference, Real-Time Inference]\ntags: [use-case/pattern/batch-inference, use-case/pattern/real-time-inference]\n---\n## Deployment Pattern\n- [/] Batch Inference\n- [x] Real-Time Inference\n`,
  },
  {
    name: "the property's spelling follows the checkbox (labels match case-insensitively)",
    record: { patterns: [], tags: [] },
    before: `${A}patterns: [rag pipeline]\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (x)\n`,
    after: `${A}patterns: [RAG Pipeline]\ntags:\n  - use-case/pattern/rag-pipeline\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (x)\n`,
  },
  {
    name: "an emptied category drops its tag, user tags keep their place and form",
    before: `${A}category:\ntags: ["#mine", use-case/category/gaming, zeta]\n---\n`,
    after: `${A}category:\ntags: ["#mine", zeta]\n---\n`,
  },
  {
    name: "category and industry drive their tags; a stale category tag goes",
    before: `${A}category: Search and Retrieval\nindustry: Gaming\ntags: [use-case/category/computer-vision, mine]\n---\n`,
    after: `${A}category: Search and Retrieval\nindustry: Gaming\ntags: [mine, use-case/category/search-and-retrieval, use-case/industry/gaming]\n---\n`,
  },
  {
    name: "patterns edited in the Properties panel check the boxes",
    record: { patterns: [], tags: [] },
    before: `${A}patterns: [RAG Pipeline]\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (x)\n`,
    after: `${A}patterns: [RAG Pipeline]\ntags:\n  - use-case/pattern/rag-pipeline\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (x)\n`,
  },
  {
    name: "a removed pattern tag unchecks the box",
    record: { patterns: ["rag pipeline"], tags: ["rag-pipeline"] },
    before: `${A}patterns: [RAG Pipeline]\ntags: []\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (x)\n`,
    after: `${A}patterns: []\ntags: []\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (x)\n`,
  },
  {
    name: "a label with no checkbox gets one, under its own group",
    record: { patterns: [], tags: [] },
    before: `${A}patterns: [Canary Deployment]\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline**\n\n**Infrastructure Patterns**:\n- [ ] **Lambda Architecture** (x)\n\nAfter.\n`,
    after: `${A}patterns: [Canary Deployment]\ntags:\n  - use-case/pattern/canary-deployment\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline**\n\n**Infrastructure Patterns**:\n- [ ] **Lambda Architecture** (x)\n- [x] Canary Deployment\n\nAfter.\n`,
  },
  {
    name: "both sides changed: the union wins",
    record: { patterns: [], tags: [] },
    conflict: true,
    before: `${A}patterns: [RAG Pipeline]\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline**\n- [x] **Ensemble Model**\n`,
    after: `${A}patterns: [RAG Pipeline, Ensemble Model]\ntags:\n  - use-case/pattern/rag-pipeline\n  - use-case/pattern/ensemble-model\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n- [x] **Ensemble Model**\n`,
  },
  {
    name: "a case study keeps its patterns in the property alone",
    before: `---\ntype: case-study\npatterns: [RAG Pipeline]\n---\n# Case study\n`,
    after: `---\ntype: case-study\npatterns: [RAG Pipeline]\ntags:\n  - use-case/pattern/rag-pipeline\n---\n# Case study\n`,
  },
];

describe("syncNote", () => {
  it.each(cases)("$name", ({ before, record, after, conflict }) => {
    const r = syncNote(before, opts, record ?? null);
    if (!r.ok || r.skipped) throw new Error(r.ok ? "skipped" : r.message);
    expect(r.text).toBe(after);
    expect(r.report.conflict).toBe(conflict ?? false);
    expect(decideSync(before, opts, record ?? null)).toMatchObject({ ok: true, changed: r.changed, record: r.record, patterns: r.patterns });
    const again = syncNote(r.text, opts, r.record);
    expect(again.ok && again.text).toBe(r.text);
    expect(again.ok && again.changed).toBe(false);
  });

  it("leaves notes it does not own alone, byte for byte", () => {
    const text = "---\ntype: recipe\ntags: x\n---\n## Deployment Pattern\n- [x] Batch Inference\n";
    expect(syncNote(text, opts, null)).toEqual({ ok: true, skipped: true, text, changed: false });
    expect(syncNote("no frontmatter\n- [x] Batch Inference\n", opts, null)).toMatchObject({ skipped: true, changed: false });
  });

  it("refuses malformed YAML (duplicate keys) and rewrites nothing", () => {
    const r = syncNote(`${A}type: case-study\n---\n## Deployment Pattern\n- [x] Batch Inference\n`, opts, null);
    expect(r.ok).toBe(false);
  });

  it("decides the same with the caller's frontmatter as with its own parse", () => {
    for (const c of cases) {
      const fm = readNote(c.before).frontmatter;
      if (!fm) continue;
      expect(syncNote(c.before, opts, c.record ?? null, { frontmatter: fm })).toEqual(syncNote(c.before, opts, c.record ?? null));
    }
  });

  it("writes nothing when already in sync", () => {
    const text = `${A}patterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n`;
    const r = syncNote(text, opts, null);
    expect(r).toMatchObject({ ok: true, changed: false, text });
  });

  it("syncs the bundled deep-dive template as a note", () => {
    const { BUNDLED_DEEP_DIVE_TEMPLATE } = jest.requireActual<typeof import("../../src/core/taxonomy")>("../../src/core/taxonomy");
    const text = `${A}---\n` + BUNDLED_DEEP_DIVE_TEMPLATE.replace("- [ ] **RAG Pipeline**", "- [x] **RAG Pipeline**").replace("- [ ] Batch Inference", "- [x] Batch Inference");
    const r = syncNote(text, opts, null);
    expect(r.ok && !r.skipped && r.patterns).toEqual(["Batch Inference", "RAG Pipeline"]);
    expect(r.ok && readNote(r.text).frontmatter?.tags).toEqual(["use-case/pattern/batch-inference", "use-case/pattern/rag-pipeline"]);
  });
});

describe("renaming", () => {
  it("renames a pattern's checkbox label, property entry and tag, keeping bold and tail", () => {
    const text = `${A}patterns: [RAG Pipeline]\ntags: [mine, use-case/pattern/rag-pipeline]\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (Retrieve)\n`;
    const r = renamePatternInNote(text, "RAG Pipeline", "Retrieval-Augmented Generation", opts);
    expect("text" in r && r.text).toBe(`${A}patterns: [Retrieval-Augmented Generation]\ntags: [mine, use-case/pattern/retrieval-augmented-generation]\n---\n**Design Patterns Observed**:\n- [x] **Retrieval-Augmented Generation** (Retrieve)\n`);
  });
  it("renames a category value and its tag", () => {
    const text = `${A}category: NLP and Text\ntags:\n  - use-case/category/nlp-and-text\n---\n`;
    const r = renameTaxonomyValueInNote(text, "category", "NLP and Text", "Language", "use-case");
    expect("text" in r && r.text).toBe(`${A}category: Language\ntags:\n  - use-case/category/language\n---\n`);
  });
  it("leaves a note that does not use the value unchanged", () => {
    const text = `${A}category: Gaming\n---\n`;
    expect(renameTaxonomyValueInNote(text, "category", "NLP and Text", "Language", "use-case")).toEqual({ text, changed: false });
  });
});

describe("an added checkbox leaves the lines below it meaning what they meant (Obsidian's reading)", () => {
  // A list item takes in the text going on below it (a lazy continuation line) and the lines
  // indented to its content: the new box goes below them, or a blank line keeps a paragraph out.
  it.each([
    ["an indented task line going on from the group's label (text, not a box) stays text",
      "**Design Patterns Observed**:\n    - [ ] **Two-Tower Architecture**\n\nAfter.\n",
      "**Design Patterns Observed**:\n    - [ ] **Two-Tower Architecture**\n- [x] Bespoke Thing\n\nAfter.\n"],
    ["text going on under the last box stays that box's",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\ntext going on\n\nAfter.\n",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\ntext going on\n- [x] Bespoke Thing\n\nAfter.\n"],
    ["a bold label line right below gets a blank line, not the new item's text",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\n**Infrastructure Patterns**:\n- [ ] Canary Deployment\n",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\n- [x] Bespoke Thing\n\n**Infrastructure Patterns**:\n- [ ] Canary Deployment\n"],
    ["a bold label going on from the last box, with a box nested below it: no blank line (it would end the list and make the nested box text)",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\n**Infrastructure Patterns**:\n    - [ ] Canary Deployment\n",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\n- [x] Bespoke Thing\n**Infrastructure Patterns**:\n    - [ ] Canary Deployment\n"],
    ["a label underlined as a heading keeps its underline, and indented code stays code",
      "**Design Patterns Observed**:\n---\n    indented\n",
      "**Design Patterns Observed**:\n---\n    indented\n- [x] Bespoke Thing\n"],
    ["indented code after a blank line under a heading stays code",
      "## Design Patterns Observed\n\n    code\n\nText.\n",
      "## Design Patterns Observed\n\n    code\n- [x] Bespoke Thing\n\nText.\n"],
    ["a paragraph indented into the last box's item stays in it",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\n\n  More about RAG.\n\nAfter.\n",
      "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (R)\n\n  More about RAG.\n- [x] Bespoke Thing\n\nAfter.\n"],
    ["a line outside the quote indented four columns goes on from a quoted box's text: the new quoted box goes below it",
      "**Design Patterns Observed**:\n> - [ ] Batch Inference (offline)\n| a | b |\n|---|---|\n| 1 | 2 |\n    - [ ] **Two-Tower Architecture**\n",
      "**Design Patterns Observed**:\n> - [ ] Batch Inference (offline)\n| a | b |\n|---|---|\n| 1 | 2 |\n    - [ ] **Two-Tower Architecture**\n> - [x] Bespoke Thing\n"],
  ])("%s", (_name, body, expected) => {
    const head = "---\ntype: use-case-analysis\npatterns: [Bespoke Thing]\n---\n";
    const r = syncNote(head + body, opts, { patterns: [], tags: [] });
    if (!r.ok || r.skipped) throw new Error("not synced");
    expect(r.text.slice(r.text.indexOf("---\n", 4) + 4)).toBe(expected);
    expect(r.report.addedCheckboxes).toEqual(["Bespoke Thing"]);
    // The reader sees the same boxes as before, plus the new one.
    expect(readNote(r.text).checkboxes.map((c) => c.label).sort()).toEqual([...readNote(head + body).checkboxes.map((c) => c.label), "Bespoke Thing"].sort());
  });
});
