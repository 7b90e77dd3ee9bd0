import { editFrontmatter, type FrontmatterEdits, yamlScalar } from "../../src/core/yaml-edit";
import { readFrontmatter } from "../../src/core/frontmatter";
import { readNote } from "../../src/core/reader";
import { loadCaptured } from "../support/captured";

/** Lines joined with "\n", so a case reads like the note it describes. */
const note = (...lines: string[]): string => lines.join("\n");

interface Case {
  name: string;
  before: string;
  edits: FrontmatterEdits;
  /** The exact text after the edit, or `null` when the note must come back untouched (changed: false). */
  after: string | null;
}

/** Linter-style table: each row is the whole note before and after. */
const cases: Case[] = [
  // Comments
  {
    name: "comments above, inline and below the edited key stay",
    before: note("---", "# Study metadata", "type: draft # set by hand", "# below type", "company: Acme", "---", "Body", ""),
    edits: { set: { type: "use-case-analysis" } },
    after: note("---", "# Study metadata", "type: use-case-analysis # set by hand", "# below type", "company: Acme", "---", "Body", ""),
  },
  {
    name: "comments between and after untouched keys stay",
    before: note("---", "title: A   # spaced comment", "", "# section", "company: Old", "#trailing", "---", ""),
    edits: { set: { company: "New" } },
    after: note("---", "title: A   # spaced comment", "", "# section", "company: New", "#trailing", "---", ""),
  },
  {
    name: "a comment on the key line of a rewritten list stays on the key line",
    before: note("---", "patterns: # ticked in the body", "  - Batch", "  - Streaming", "---", ""),
    edits: { set: { patterns: [] } },
    after: note("---", "patterns: [] # ticked in the body", "---", ""),
  },
  {
    name: "a comment after a scalar stays when the scalar becomes a list",
    before: note("---", "tags: journal # old style", "---", ""),
    edits: { set: { tags: ["journal", "use-case/pattern/rag-pipeline"] } },
    after: note("---", "tags: # old style", "  - journal", "  - use-case/pattern/rag-pipeline", "---", ""),
  },
  {
    name: "comments between list items stay with the item below them",
    before: note("---", "tags:", "  - a # first", "  # about b", "  - b", "  - c", "---", ""),
    edits: { set: { tags: ["a", "b", "d"] } },
    after: note("---", "tags:", "  - a # first", "  # about b", "  - b", "  - d", "---", ""),
  },
  {
    name: "the comment above a removed list item stays",
    before: note("---", "tags:", "  - a", "  # about b", "  - b", "  - c", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "tags:", "  - a", "  # about b", "  - c", "---", ""),
  },

  // Line endings, BOM, trailing newline
  {
    name: "CRLF note keeps CRLF everywhere, including new lines",
    before: "---\r\ntitle: A\r\ntags:\r\n  - x\r\n---\r\nBody\r\n",
    edits: { set: { tags: ["x", "z"], year: 2024 } },
    after: "---\r\ntitle: A\r\ntags:\r\n  - x\r\n  - z\r\nyear: 2024\r\n---\r\nBody\r\n",
  },
  {
    name: "CRLF scalar becomes a CRLF block list",
    before: "---\r\ntags: a\r\n---\r\n",
    edits: { set: { tags: ["a", "b"] } },
    after: "---\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n",
  },
  {
    name: "body without a trailing newline stays without one",
    before: note("---", "a: 1", "---", "Body without newline"),
    edits: { set: { type: "use-case-analysis" } },
    after: note("---", "a: 1", "type: use-case-analysis", "---", "Body without newline"),
  },
  {
    name: "closing fence at the very end of the note",
    before: note("---", "a: 1", "---"),
    edits: { set: { b: "x" }, remove: ["a"] },
    after: note("---", "b: x", "---"),
  },
  {
    name: "BOM before the frontmatter stays",
    before: "\ufeff---\ntitle: T\n---\n",
    edits: { set: { type: "case-study" } },
    after: "\ufeff---\ntitle: T\ntype: case-study\n---\n",
  },
  {
    name: "BOM without frontmatter: the new block goes after the BOM",
    before: "\ufeff# Title\n",
    edits: { set: { type: "case-study" } },
    after: "\ufeff---\ntype: case-study\n---\n# Title\n",
  },

  // Empty and missing frontmatter
  {
    name: "empty ---/--- block is filled in place",
    before: note("---", "---", "Body"),
    edits: { set: { type: "use-case-article", tags: [] } },
    after: note("---", "type: use-case-article", "tags: []", "---", "Body"),
  },
  {
    name: "block with only a blank line and a comment gets the key appended",
    before: note("---", "", "# nothing yet", "---", ""),
    edits: { set: { company: "Ramp" } },
    after: note("---", "", "# nothing yet", "company: Ramp", "---", ""),
  },
  {
    name: "no frontmatter: a block is created at the top",
    before: note("# Title", "", "Text", ""),
    edits: { set: { type: "use-case-analysis", year: 2023, patterns: ["Batch"] } },
    after: note("---", "type: use-case-analysis", "year: 2023", "patterns:", "  - Batch", "---", "# Title", "", "Text", ""),
  },
  {
    name: "empty note gets a block",
    before: "",
    edits: { set: { type: "use-case-article" } },
    after: note("---", "type: use-case-article", "---", ""),
  },
  {
    name: "CRLF note without frontmatter gets a CRLF block",
    before: "Text\r\nMore\r\n",
    edits: { set: { type: "x" } },
    after: "---\r\ntype: x\r\n---\r\nText\r\nMore\r\n",
  },
  {
    name: "leading --- thematic break with no closing fence stays body text",
    before: note("---", "Not frontmatter, a horizontal rule", ""),
    edits: { set: { type: "case-study" } },
    after: note("---", "type: case-study", "---", "---", "Not frontmatter, a horizontal rule", ""),
  },
  {
    name: "a note that is only --- stays body text",
    before: "---",
    edits: { set: { type: "case-study" } },
    after: note("---", "type: case-study", "---", "---"),
  },
  {
    name: "removing from a note without frontmatter changes nothing",
    before: "# Title\n",
    edits: { remove: ["tags"] },
    after: null,
  },

  // Flow lists
  {
    name: "flow list keeps flow style and the quoting of kept items",
    before: note("---", 'tags: ["a", b] # mine', "---", ""),
    edits: { set: { tags: ["a", "b", "c"] } },
    after: note("---", 'tags: ["a", b, c] # mine', "---", ""),
  },
  {
    name: "flow list without spaces after commas keeps that spacing",
    before: note("---", "tags: [a,b]", "---", ""),
    edits: { set: { tags: ["b", "[[c]]"] } },
    after: note("---", 'tags: [b,"[[c]]"]', "---", ""),
  },
  {
    name: "padded flow list keeps its padding",
    before: note("---", "tags: [ a, b ]", "---", ""),
    edits: { set: { tags: ["a"] } },
    after: note("---", "tags: [ a ]", "---", ""),
  },
  {
    name: "items with commas are quoted inside a flow list",
    before: note("---", "tags: [a]", "---", ""),
    edits: { set: { tags: ["a", "x, y"] } },
    after: note("---", 'tags: [a, "x, y"]', "---", ""),
  },
  {
    name: "emptying a list writes []",
    before: note("---", "tags: [a, b]", "aliases:", "  - x", "---", ""),
    edits: { set: { tags: [], aliases: [] } },
    after: note("---", "tags: []", "aliases: []", "---", ""),
  },

  // Block lists
  {
    name: "block list at 2 spaces: kept items untouched, new ones at 2 spaces",
    before: note("---", "patterns:", '  - "Batch"', "  - Streaming", "other: 1", "---", ""),
    edits: { set: { patterns: ["Batch", "RAG Pipeline"] } },
    after: note("---", "patterns:", '  - "Batch"', "  - RAG Pipeline", "other: 1", "---", ""),
  },
  {
    name: "block list at 0 spaces stays at 0 spaces",
    before: note("---", "tags:", "- a", "- b", "title: T", "---", ""),
    edits: { set: { tags: ["a", "b", "c"] } },
    after: note("---", "tags:", "- a", "- b", "- c", "title: T", "---", ""),
  },
  {
    name: "block list at 4 spaces stays at 4 spaces",
    before: note("---", "tags:", "    - a", "---", ""),
    edits: { set: { tags: ["z", "a"] } },
    after: note("---", "tags:", "    - z", "    - a", "---", ""),
  },
  {
    name: "a scalar becomes a block list in the file's dominant style (0 spaces)",
    before: note("---", "aliases:", "- x", "cssclasses:", "- wide", "tags: foo", "---", ""),
    edits: { set: { tags: ["foo", "bar"] } },
    after: note("---", "aliases:", "- x", "cssclasses:", "- wide", "tags:", "- foo", "- bar", "---", ""),
  },
  {
    name: "a new list key follows the file's dominant style",
    before: note("---", "aliases:", "- x", "---", ""),
    edits: { set: { patterns: ["Batch"] } },
    after: note("---", "aliases:", "- x", "patterns:", "- Batch", "---", ""),
  },
  {
    name: "reordering a list keeps the text of moved items",
    before: note("---", "articles:", "  - '[[A]]' # first", "  - '[[B]]'", "  - C", "---", ""),
    edits: { set: { articles: ["C", "[[B]]", "[[A]]"] } },
    after: note("---", "articles:", "  - C", "  - '[[B]]'", "  - '[[A]]' # first", "---", ""),
  },
  {
    name: "block list with empty items and nested maps is rewritten item by item",
    before: note("---", "unknown_list:", "  -", "  - name: x", "    deep: 1", "  - keep", "---", ""),
    edits: { set: { unknown_list: ["keep", "new"] } },
    after: note("---", "unknown_list:", "  - keep", "  - new", "---", ""),
  },

  {
    name: "an indented top-level map keeps its indentation for new keys and lists",
    before: note("---", "  title: T", "  tags: x", "---", ""),
    edits: { set: { tags: ["p", "q"], type: "case-study" } },
    after: note("---", "  title: T", "  tags:", "    - p", "    - q", "  type: case-study", "---", ""),
  },
  {
    name: "a flow list keeps the text of moved items",
    before: note("---", "tags: ['a', \"b\", c]", "---", ""),
    edits: { set: { tags: ["c", "b", "a"] } },
    after: note("---", "tags: [c, \"b\", 'a']", "---", ""),
  },

  // Quoting of untouched keys
  {
    name: "single- and double-quoted untouched keys stay as they are",
    before: note("---", "title: 'It''s here'", 'subtitle: "say \\"hi\\""', "company: A", "---", ""),
    edits: { set: { company: "B" } },
    after: note("---", "title: 'It''s here'", 'subtitle: "say \\"hi\\""', "company: B", "---", ""),
  },
  {
    name: "odd key quoting: the value is replaced, the key's quoting stays",
    before: note("---", '"type": draft', "'company': Acme", "creation date: 2024-05-25T15:17:00", "---", ""),
    edits: { set: { type: "use-case-analysis", company: "Uber" } },
    after: note("---", '"type": use-case-analysis', "'company': Uber", "creation date: 2024-05-25T15:17:00", "---", ""),
  },
  {
    name: "extra spaces after the colon are kept for an inline value",
    before: note("---", "company:    Acme   # padded", "---", ""),
    edits: { set: { company: "Uber" } },
    after: note("---", "company:    Uber   # padded", "---", ""),
  },

  // Block scalars
  {
    name: "untouched | and > block scalars stay byte for byte",
    before: note("---", "notes: |", "  line 1", "", "  line 3", "summary: >-", "  folded", "  text", "company: A", "---", ""),
    edits: { set: { company: "B" } },
    after: note("---", "notes: |", "  line 1", "", "  line 3", "summary: >-", "  folded", "  text", "company: B", "---", ""),
  },
  {
    name: "a | block scalar value is replaced by a plain value",
    before: note("---", "company: |", "  Old", "  Name", "next: 1", "---", ""),
    edits: { set: { company: "New" } },
    after: note("---", "company: New", "next: 1", "---", ""),
  },
  {
    name: "a > block scalar value with a header comment becomes a list",
    before: note("---", "tags: > # folded", "  a b", "next: 1", "---", ""),
    edits: { set: { tags: ["a", "b"] } },
    after: note("---", "tags: # folded", "  - a", "  - b", "next: 1", "---", ""),
  },
  {
    name: "new text ending a block scalar is not taken into it",
    before: note("---", "notes: |+", "  kept", "", "---", ""),
    edits: { set: { type: "case-study" } },
    after: note("---", "notes: |+", "  kept", "", "type: case-study", "---", ""),
  },
  {
    name: "a multi-line quoted value is replaced whole",
    before: note("---", 'company: "Very', '  long"', "next: 1", "---", ""),
    edits: { set: { company: "Short" } },
    after: note("---", "company: Short", "next: 1", "---", ""),
  },

  // Anchors and aliases
  {
    name: "an alias value is replaced; the anchor it used stays",
    before: note("---", "base: &b Search and Retrieval", "category: *b", "---", ""),
    edits: { set: { category: "NLP and Text" } },
    after: note("---", "base: &b Search and Retrieval", "category: NLP and Text", "---", ""),
  },
  {
    name: "an unused anchor on the edited value goes with the old value",
    before: note("---", "company: &c Acme", "---", ""),
    edits: { set: { company: "Uber" } },
    after: note("---", "company: Uber", "---", ""),
  },
  {
    name: "a kept anchored list item keeps its anchor",
    before: note("---", "tags:", "  - &first a", "  - b", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "tags:", "  - &first a", "  - c", "---", ""),
  },
  {
    name: "an alias used elsewhere and untouched keeps working",
    before: note("---", "shared: &s [x, y]", "aliases: *s", "company: A", "---", ""),
    edits: { set: { company: "B" } },
    after: note("---", "shared: &s [x, y]", "aliases: *s", "company: B", "---", ""),
  },
  {
    name: "a tagged value loses its tag with its old value",
    before: note("---", "year: !!str 2023", "---", ""),
    edits: { set: { year: 2024 } },
    after: note("---", "year: 2024", "---", ""),
  },

  // Unicode
  {
    name: "unicode values are written plain and unicode neighbours stay",
    before: note("---", "title: Zürich — 東京 🚀", "company: Old", "---", "Ünïcödé body", ""),
    edits: { set: { company: "Müller & Söhne 東京" } },
    after: note("---", "title: Zürich — 東京 🚀", "company: Müller & Söhne 東京", "---", "Ünïcödé body", ""),
  },

  // tags as a string, a list, or missing
  {
    name: "tags as a string becomes a list",
    before: note("---", "tags: journal", "---", ""),
    edits: { set: { tags: ["journal", "use-case/category/search-and-retrieval"] } },
    after: note("---", "tags:", "  - journal", "  - use-case/category/search-and-retrieval", "---", ""),
  },
  {
    name: "tags as a comma string (Obsidian accepts it) becomes a list",
    before: note("---", "tags: a, b", "---", ""),
    edits: { set: { tags: ["a", "b"] } },
    after: note("---", "tags:", "  - a", "  - b", "---", ""),
  },
  {
    name: "missing tags are appended",
    before: note("---", "type: use-case-analysis", "---", ""),
    edits: { set: { tags: ["use-case/pattern/batch"] } },
    after: note("---", "type: use-case-analysis", "tags:", "  - use-case/pattern/batch", "---", ""),
  },
  {
    name: "a list can become a string",
    before: note("---", "tags:", "  - a", "  - b", "next: 1", "---", ""),
    edits: { set: { tags: "a" } },
    after: note("---", "tags: a", "next: 1", "---", ""),
  },

  // Empty values
  {
    name: "empty patterns: becomes a block list",
    before: note("---", "patterns:", "year: 2024", "---", ""),
    edits: { set: { patterns: ["Batch", "Real-Time"] } },
    after: note("---", "patterns:", "  - Batch", "  - Real-Time", "year: 2024", "---", ""),
  },
  {
    name: "empty value with a trailing space (as Obsidian writes it) loses only the space",
    before: note("---", "patterns: ", "company: ", "---", ""),
    edits: { set: { patterns: ["Batch"], company: "Ramp" } },
    after: note("---", "patterns:", "  - Batch", "company: Ramp", "---", ""),
  },
  {
    name: "empty value with a comment keeps the comment",
    before: note("---", "patterns:   # tick them in the body", "company: # who", "---", ""),
    edits: { set: { patterns: ["Batch"], company: "Ramp" } },
    after: note("---", "patterns:   # tick them in the body", "  - Batch", "company: Ramp # who", "---", ""),
  },
  {
    name: "empty value followed by an indented comment line",
    before: note("---", "company:", "  # fill in", "next: 1", "---", ""),
    edits: { set: { company: "Ramp" } },
    after: note("---", "company: Ramp", "  # fill in", "next: 1", "---", ""),
  },

  // Same name nested deeper
  {
    name: "a nested key with the same name is never touched",
    before: note("---", "meta:", "  type: nested", "  tags: [x]", "---", ""),
    edits: { set: { type: "use-case-analysis", tags: ["z"] } },
    after: note("---", "meta:", "  type: nested", "  tags: [x]", "type: use-case-analysis", "tags:", "  - z", "---", ""),
  },
  {
    name: "removing a key that only exists nested changes nothing",
    before: note("---", "meta:", "  type: nested", "---", ""),
    edits: { remove: ["type"] },
    after: null,
  },

  // Removing
  {
    name: "removing the last key leaves an empty block",
    before: note("---", "type: use-case-analysis", "---", "Body"),
    edits: { remove: ["type"] },
    after: note("---", "---", "Body"),
  },
  {
    name: "removing a key with a multi-line list removes all its lines and nothing else",
    before: note("---", "# above", "patterns: # inline", "  - A", "  # inside", "  - B", "company: X", "---", ""),
    edits: { remove: ["patterns"] },
    after: note("---", "# above", "company: X", "---", ""),
  },
  {
    name: "removing a block scalar and a nested map",
    before: note("---", "notes: |", "  a", "  b", "meta:", "  x: 1", "  y:", "    - 2", "keep: yes", "---", ""),
    edits: { remove: ["notes", "meta"] },
    after: note("---", "keep: yes", "---", ""),
  },
  {
    name: "removing the last entry keeps comments below it",
    before: note("---", "a: 1", "tags: [x] # t", "# footer", "---", ""),
    edits: { remove: ["tags"] },
    after: note("---", "a: 1", "# footer", "---", ""),
  },

  {
    name: "CRLF, no trailing newline, a value replaced and a list appended",
    before: "---\r\ncompany: A\r\n---\r\nbody",
    edits: { set: { company: "B", tags: ["x"] } },
    after: "---\r\ncompany: B\r\ntags:\r\n  - x\r\n---\r\nbody",
  },
  {
    name: "an alias as the edited list is replaced by a block list; the anchor stays",
    before: note("---", "base: &p [A]", "patterns: *p", "---", ""),
    edits: { set: { patterns: ["B"] } },
    after: note("---", "base: &p [A]", "patterns:", "  - B", "---", ""),
  },
  {
    name: "a removed list item loses only its own line; comments and quoting of the rest kept",
    before: note("---", "tags:", "  - a # first", "  # note", "  - use-case/pattern/x", "  - 'c'", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "tags:", "  - a # first", "  # note", "  - 'c'", "---", ""),
  },
  {
    name: "wiki links are quoted as Obsidian writes them",
    before: note("---", "---", ""),
    edits: { set: { articles: ["[[Instacart - Building hybrid search]]"] } },
    after: note("---", "articles:", '  - "[[Instacart - Building hybrid search]]"', "---", ""),
  },

  // Unchanged
  {
    name: "setting the current value changes nothing (plain vs quoted)",
    before: note("---", 'company: "Acme"', "year: 2024", "tags: ['a', \"b\"]", "---", ""),
    edits: { set: { company: "Acme", year: 2024, tags: ["a", "b"] } },
    after: null,
  },
  {
    name: "a year written as text is rewritten as a number",
    before: note("---", 'year: "2024"', "---", ""),
    edits: { set: { year: 2024 } },
    after: note("---", "year: 2024", "---", ""),
  },

  // JSON-style frontmatter (the captured jason_properties note)
  {
    name: "JSON frontmatter stays JSON",
    before: note("---", "{", '  "tags": "journal",', '  "publish": false', "}", "---", ""),
    edits: { set: { tags: ["journal", "x"], type: "case-study" }, remove: ["publish"] },
    after: note("---", "{", '  "tags": ["journal", "x"],', '  "type": "case-study"', "}", "---", ""),
  },
  {
    name: "flow map on one line",
    before: note("---", "{a: 1, b: [x], c: 3}", "---", ""),
    edits: { set: { b: ["x", "z"], d: "new" }, remove: ["a"] },
    after: note("---", "{b: [x, z], c: 3, d: new}", "---", ""),
  },
  {
    name: "JSON frontmatter: new strings are JSON strings, escapes included",
    before: note("---", '{"a": 1}', "---", ""),
    edits: { set: { company: 'say "hi"\u2028\u0007', tags: ["x"] } },
    after: note("---", '{"a": 1, "company": "say \\"hi\\"\\u2028\\u0007", "tags": ["x"]}', "---", ""),
  },
  {
    name: "flow map: removing the last pairs",
    before: note("---", "{a: 1, b: 2, c: 3}", "---", ""),
    edits: { remove: ["b", "c"] },
    after: note("---", "{a: 1}", "---", ""),
  },
  {
    name: "flow map: removing every pair",
    before: note("---", "{a: 1, b: 2}", "---", ""),
    edits: { remove: ["a", "b"] },
    after: note("---", "{}", "---", ""),
  },
];

describe("editFrontmatter: table", () => {
  it.each(cases)("$name", ({ before, edits, after }) => {
    const result = editFrontmatter(before, edits);
    if (!result.ok) throw new Error(`refused: ${result.message}`);
    if (after === null) {
      expect(result.changed).toBe(false);
      expect(result.text).toBe(before);
    } else {
      expect(result.text).toBe(after);
      expect(result.changed).toBe(true);
    }
    // Applying the same edits again is a no-op (this is what stops write loops).
    const again = editFrontmatter(result.text, edits);
    expect(again).toEqual({ ok: true, text: result.text, changed: false });
  });
});

interface Refused { name: string; before: string; edits: FrontmatterEdits; message: RegExp }

const refused: Refused[] = [
  {
    name: "duplicate keys",
    before: note("---", "type: a", "company: X", "type: b", "---", ""),
    edits: { set: { company: "Y" } },
    message: /the property "type" appears twice \(frontmatter line 3, note line 4\)/,
  },
  {
    name: "unclosed flow list",
    before: note("---", "tags: [a, b", "---", ""),
    edits: { set: { company: "Y" } },
    message: /not valid YAML/,
  },
  {
    name: "bad indentation",
    before: note("---", "a: 1", "  b: 2", "---", ""),
    edits: { remove: ["a"] },
    message: /not valid YAML/,
  },
  {
    name: "a list at the top level",
    before: note("---", "- a", "- b", "---", ""),
    edits: { set: { type: "x" } },
    message: /not a map of properties/,
  },
  {
    name: "a lone scalar at the top level (a thematic break pair taken as frontmatter)",
    before: note("---", "Some text", "---", "Body"),
    edits: { set: { type: "x" } },
    message: /not a map of properties/,
  },
  {
    name: "changing a value whose anchor another key uses",
    before: note("---", "base: &b Search", "category: *b", "---", ""),
    edits: { set: { base: "Other" } },
    message: /anchor &b/,
  },
  {
    name: "removing a value whose anchor another key uses",
    before: note("---", "tags: &t [a]", "aliases: *t", "---", ""),
    edits: { remove: ["tags"] },
    message: /anchor &t/,
  },
  {
    name: "changing a list holding an anchored item used elsewhere",
    before: note("---", "tags:", "  - &first a", "  - b", "other: *first", "---", ""),
    edits: { set: { tags: ["b"] } },
    message: /anchor &first/,
  },
  {
    name: "a complex (explicit) key",
    before: note("---", "? type", ": draft", "---", ""),
    edits: { set: { type: "use-case-analysis" } },
    message: /complex key/,
  },
  {
    name: "a result that would not read back (the whole map is anchored and a key refers to it)",
    before: note("---", "&all", "a: 1", "b: *all", "---", ""),
    edits: { set: { a: 2 } },
    message: /would not read back as intended \("b" would read differently\)/,
  },
  {
    name: "setting and removing the same key",
    before: note("---", "a: 1", "---", ""),
    edits: { set: { a: 2 }, remove: ["a"] },
    message: /both set and remove/,
  },
  {
    name: "a number that YAML cannot hold",
    before: note("---", "a: 1", "---", ""),
    edits: { set: { year: Number.NaN } },
    message: /finite numbers/,
  },
  {
    name: "an empty property name",
    before: note("---", "a: 1", "---", ""),
    edits: { set: { "": "x" } },
    message: /Invalid property name/,
  },
  {
    name: "a value of the wrong kind from an untyped caller",
    before: note("---", "a: 1", "---", ""),
    edits: { set: { a: { nested: true } as unknown as string } },
    message: /only text, numbers/,
  },
];

describe("editFrontmatter: refused edits leave the note alone", () => {
  it.each(refused)("$name", ({ before, edits, message }) => {
    const result = editFrontmatter(before, edits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(result).not.toHaveProperty("text");
  });
});

describe("editFrontmatter: how scalars are written", () => {
  const written: [string | number | boolean, string][] = [
    ["Instacart", "Instacart"],
    ["Search and Retrieval", "Search and Retrieval"],
    ["Feature Store + Vector DB", "Feature Store + Vector DB"],
    ["Edge/On-Device", "Edge/On-Device"],
    ["use-case/pattern/rag-pipeline", "use-case/pattern/rag-pipeline"],
    ["It's fine", "It's fine"],
    ['say "hi"', 'say "hi"'],
    ["50%", "50%"],
    ["https://example.com/a?b=c", "https://example.com/a?b=c"],
    ["[[Instacart - Building hybrid search]]", '"[[Instacart - Building hybrid search]]"'],
    ["2024", '"2024"'],
    ["1.5", '"1.5"'],
    ["1e3", '"1e3"'],
    ["0x1F", '"0x1F"'],
    ["1:30", '"1:30"'],
    ["true", '"true"'],
    ["yes", '"yes"'],
    ["No", '"No"'],
    ["y", '"y"'], // a boolean in YAML 1.1
    ["null", '"null"'],
    ["~", '"~"'],
    [".inf", '".inf"'],
    ["2024-07-21", '"2024-07-21"'],
    ["2024-07-21T12:37:00", '"2024-07-21T12:37:00"'],
    ["a: b", '"a: b"'],
    ["ends with:", '"ends with:"'],
    ["C#", "C#"],
    ["a #b", '"a #b"'],
    ["#tag", '"#tag"'],
    ["- x", '"- x"'],
    ["*ref", '"*ref"'],
    ["&anchor", '"&anchor"'],
    ["!tag", '"!tag"'],
    ["@handle", '"@handle"'],
    ["`code`", '"`code`"'],
    ["{x}", '"{x}"'],
    ["'single'", "\"'single'\""],
    ["", '""'],
    [" leading", '" leading"'],
    ["trailing ", '"trailing "'],
    ["line 1\nline 2", '"line 1\\nline 2"'],
    ["tab\there", '"tab\\there"'],
    ['back\\slash "q"', 'back\\slash "q"'],
    ["\"quoted\" start", '"\\"quoted\\" start"'],
    ["bell\u0007", '"bell\\x07"'],
    ["nbsp\u00a0end", "nbsp\u00a0end"],
    [2024, "2024"],
    [0.5, "0.5"],
    [-3, "-3"],
    [true, "true"],
    [false, "false"],
  ];
  it.each(written)("%j is written as %s", (value, text) => {
    const result = editFrontmatter(note("---", "company: old", "---", ""), { set: { company: value } });
    expect(result).toEqual({ ok: true, changed: true, text: note("---", `company: ${text}`, "---", "") });
  });

  it("quotes list items for their context", () => {
    const block = editFrontmatter(note("---", "---", ""), { set: { tags: ["a, b", "[[x]]", "2024"] } });
    expect(block.ok && block.text).toBe(note("---", "tags:", "  - a, b", '  - "[[x]]"', '  - "2024"', "---", ""));
    const flow = editFrontmatter(note("---", "tags: [z]", "---", ""), { set: { tags: ["a, b", "[[x]]", "2024"] } });
    expect(flow.ok && flow.text).toBe(note("---", 'tags: ["a, b", "[[x]]", "2024"]', "---", ""));
  });

  it("quotes property names that need it", () => {
    const result = editFrontmatter("", { set: { "creation date": "x", "a: b": "v", "#hash": "z", "2024": "w" } });
    // Integer-like names come first: that is the order JavaScript gives an object's keys.
    expect(result.ok && result.text).toBe(note("---", '"2024": w', "creation date: x", '"a: b": v', '"#hash": z', "---", ""));
  });
});

describe("yamlScalar (for callers writing a new note's frontmatter)", () => {
  it.each([
    ["Instacart", "Instacart"],
    ["[[A]]", '"[[A]]"'],
    ["no", '"no"'],
    ["2024-07-21", '"2024-07-21"'],
    ["a: b", '"a: b"'],
    ["C#", "C#"],
    ["x #y", '"x #y"'],
    [" lead", '" lead"'],
    ["-dash", '"-dash"'],
    ["12", '"12"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["", '""'],
  ])("%j is written %s", (value, text) => {
    expect(yamlScalar(value)).toBe(text);
  });

  it("writes numbers and booleans as such, and refuses what YAML cannot hold", () => {
    expect(yamlScalar(2024)).toBe("2024");
    expect(yamlScalar(false)).toBe("false");
    expect(() => yamlScalar(Number.POSITIVE_INFINITY)).toThrow(/Infinity/);
  });

  it("agrees with the note reader: a number stays a number, a numeric string stays a string", () => {
    const result = editFrontmatter("", { set: { year: 2024, code: "2024" } });
    expect(result.ok && readNote(result.text).frontmatter).toEqual({ year: 2024, code: "2024" });
  });
});

describe("editFrontmatter: real notes captured from Obsidian", () => {
  it.each(loadCaptured())("$file: set and remove managed keys, body and other keys intact", ({ fileContents }) => {
    const before = readFrontmatter(fileContents);
    const edits: FrontmatterEdits = {
      set: { type: "use-case-analysis", tags: ["use-case/pattern/batch"], year: 2024 },
      remove: ["aliases"],
    };
    const result = editFrontmatter(fileContents, edits);
    if (before.kind === "error") {
      expect(result.ok).toBe(false);
      return;
    }
    if (!result.ok) throw new Error(result.message);
    const after = readFrontmatter(result.text);
    expect(after.kind).toBe("ok");
    if (after.kind !== "ok") return;
    const expected: Record<string, unknown> = { ...(before.kind === "ok" ? before.data : {}) };
    delete expected.aliases;
    Object.assign(expected, edits.set);
    expect(after.data).toEqual(expected);
    // The body (everything after the closing fence) is untouched.
    const bodyBefore = before.block ? fileContents.slice(before.block.fenceEnd) : fileContents;
    expect(result.text.endsWith(bodyBefore)).toBe(true);
    expect(editFrontmatter(result.text, edits)).toEqual({ ok: true, text: result.text, changed: false });
  });
});
