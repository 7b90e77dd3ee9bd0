import { editFrontmatter, type FrontmatterEdits, yamlScalar } from "../../src/core/yaml-edit";
import { readNote } from "../../src/core/reader";

interface Case { name: string; before: string; edits: FrontmatterEdits; after: string }

const cases: Case[] = [
  {
    name: "comments above, inline and below keys stay; only the value changes",
    before: "---\n# mine\ntype: draft # why\ncompany: X\n# end\n---\nbody\n",
    edits: { set: { type: "use-case-analysis" } },
    after: "---\n# mine\ntype: use-case-analysis # why\ncompany: X\n# end\n---\nbody\n",
  },
  {
    name: "a new key is appended before the closing fence",
    before: "---\nb: 1\n---\n",
    edits: { set: { year: 2024 } },
    after: "---\nb: 1\nyear: 2024\n---\n",
  },
  {
    name: "CRLF line endings and no trailing newline",
    before: "---\r\ncompany: A\r\n---\r\nbody",
    edits: { set: { company: "B", tags: ["x"] } },
    after: "---\r\ncompany: B\r\ntags:\r\n  - x\r\n---\r\nbody",
  },
  {
    name: "a BOM stays first when the block is created",
    before: "\uFEFF# Note\n",
    edits: { set: { type: "case-study" } },
    after: "\uFEFF---\ntype: case-study\n---\n# Note\n",
  },
  {
    name: "an empty block is filled in place",
    before: "---\n---\nx\n",
    edits: { set: { company: "Uber" } },
    after: "---\ncompany: Uber\n---\nx\n",
  },
  {
    name: "a leading thematic break with no closing fence stays in the body",
    before: "---\nnot frontmatter\n",
    edits: { set: { type: "case-study" } },
    after: "---\ntype: case-study\n---\n---\nnot frontmatter\n",
  },
  {
    name: "flow lists stay flow, and kept items keep their quoting",
    before: "---\ntags: [\"mine\", other]\n---\n",
    edits: { set: { tags: ["mine", "other", "use-case/pattern/rag-pipeline"] } },
    after: "---\ntags: [\"mine\", other, use-case/pattern/rag-pipeline]\n---\n",
  },
  {
    name: "block lists flush left stay flush left",
    before: "---\ntags:\n- a\n---\n",
    edits: { set: { tags: ["a", "b"] } },
    after: "---\ntags:\n- a\n- b\n---\n",
  },
  {
    name: "block lists at two spaces lose only the removed item's line, comments kept",
    before: "---\ntags:\n  - a # first\n  # note\n  - use-case/pattern/x\n  - 'c'\n---\n",
    edits: { set: { tags: ["a", "c"] } },
    after: "---\ntags:\n  - a # first\n  # note\n  - 'c'\n---\n",
  },
  {
    name: "quoted strings on untouched keys stay as written",
    before: "---\na: 'single'\nb: \"double\"\ncompany: Acme\n---\n",
    edits: { set: { company: "Initech" } },
    after: "---\na: 'single'\nb: \"double\"\ncompany: Initech\n---\n",
  },
  {
    name: "block scalars on untouched keys stay, and one being replaced goes away whole",
    before: "---\nnotes: |\n  keep\n  this\nsummary: >\n  folded\n  text\nafter: 1\n---\n",
    edits: { set: { summary: "short" } },
    after: "---\nnotes: |\n  keep\n  this\nsummary: short\nafter: 1\n---\n",
  },
  {
    name: "an alias to another key's value is refused when the edit would change that key",
    before: "---\npatterns: &p [A]\nmine: *p\n---\n",
    edits: { set: { patterns: ["B"] } },
    after: "REFUSED",
  },
  {
    name: "an alias as the edited value is replaced; the anchor stays",
    before: "---\nbase: &p [A]\npatterns: *p\n---\n",
    edits: { set: { patterns: ["B"] } },
    after: "---\nbase: &p [A]\npatterns:\n  - B\n---\n",
  },
  {
    name: "unicode values",
    before: "---\ncompany: Zürich Ärzte\n---\n",
    edits: { set: { company: "Société Générale" } },
    after: "---\ncompany: Société Générale\n---\n",
  },
  {
    name: "tags as a string becomes a list keeping the user's tag",
    before: "---\ntags: journal\n---\n",
    edits: { set: { tags: ["journal", "use-case/category/nlp-and-text"] } },
    after: "---\ntags:\n  - journal\n  - use-case/category/nlp-and-text\n---\n",
  },
  {
    name: "empty patterns: gets a list",
    before: "---\npatterns:\nnext: 1\n---\n",
    edits: { set: { patterns: ["RAG Pipeline"] } },
    after: "---\npatterns:\n  - RAG Pipeline\nnext: 1\n---\n",
  },
  {
    name: "an empty list is written as []",
    before: "---\npatterns:\n  - A\nnext: 1\n---\n",
    edits: { set: { patterns: [] } },
    after: "---\npatterns: []\nnext: 1\n---\n",
  },
  {
    name: "duplicate keys are malformed: refused, untouched",
    before: "---\na: 1\na: 2\n---\n",
    edits: { set: { b: "x" } },
    after: "REFUSED",
  },
  {
    name: "a nested key with the same name is not ours",
    before: "---\nmeta:\n  company: inner\n---\n",
    edits: { set: { company: "outer" } },
    after: "---\nmeta:\n  company: inner\ncompany: outer\n---\n",
  },
  {
    name: "removing the last key leaves an empty block",
    before: "---\ntype: case-study\n---\nx\n",
    edits: { remove: ["type"] },
    after: "---\n---\nx\n",
  },
  {
    name: "removing a key with a multi-line value removes all its lines and nothing else",
    before: "---\na: 1\narticles:\n  - \"[[A]]\"\n  - \"[[B]]\"\nz: 2\n---\n",
    edits: { remove: ["articles"] },
    after: "---\na: 1\nz: 2\n---\n",
  },
  {
    name: "quoted key names are found and kept",
    before: "---\n\"type\": x\n---\n",
    edits: { set: { type: "case-study" } },
    after: "---\n\"type\": case-study\n---\n",
  },
  {
    name: "wiki links are quoted as Obsidian writes them",
    before: "---\n---\n",
    edits: { set: { articles: ["[[Instacart - Building hybrid search]]"] } },
    after: "---\narticles:\n  - \"[[Instacart - Building hybrid search]]\"\n---\n",
  },
  {
    name: "a top-level list is not a property map: refused",
    before: "---\n- a\n---\n",
    edits: { set: { b: "x" } },
    after: "REFUSED",
  },
];

describe("editFrontmatter", () => {
  it.each(cases)("$name", ({ before, edits, after }) => {
    const r = editFrontmatter(before, edits);
    if (after === "REFUSED") {
      expect(r.ok).toBe(false);
      return;
    }
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe(after);
    const again = editFrontmatter(r.text, edits);
    expect(again).toEqual({ ok: true, text: r.text, changed: false });
  });

  it("returns the very same text when nothing changes", () => {
    const text = "---\ntags: [a, 'b']\nyear: 2024\n---\n";
    expect(editFrontmatter(text, { set: { tags: ["a", "b"], year: 2024 } })).toEqual({ ok: true, text, changed: false });
  });

  it("writes a number as a number and a numeric string quoted", () => {
    const r = editFrontmatter("", { set: { year: 2024, code: "2024" } });
    expect(r.ok && readNote(r.text).frontmatter).toEqual({ year: 2024, code: "2024" });
  });
});

describe("yamlScalar", () => {
  it.each([
    ["Instacart", "Instacart"],
    ["[[A]]", "\"[[A]]\""],
    ["no", "\"no\""],
    ["2024-07-21", "\"2024-07-21\""],
    ["a: b", "\"a: b\""],
    ["C#", "C#"],
    ["x #y", "\"x #y\""],
    [" lead", "\" lead\""],
    ["-dash", "\"-dash\""],
    ["12", "\"12\""],
    ["line\nbreak", "\"line\\nbreak\""],
    ["", "\"\""],
  ])("%j is written %s", (value, text) => {
    expect(yamlScalar(value)).toBe(text);
  });
});
