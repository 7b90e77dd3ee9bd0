/**
 * Attacks on the frontmatter editor. The first part is a table of odd but valid (or cleanly
 * invalid) YAML that the first version of the editor got wrong: each case says what it did.
 * The second part generates notes far stranger than `tests/support/arbitraries.ts` does
 * (block scalars whose lines look like comments and keys, nested maps reusing the managed
 * names, anchors and aliases, comments between list items, JSON frontmatter, any unicode) and
 * checks that an edit:
 *   1. reads back as exactly the requested values, every other property as it was;
 *   2. changes no byte outside the edited properties' own text (cut those out of the note
 *      before and after, and the rest is identical);
 *   3. is a no-op the second time (changed: false, same text).
 */
import fc from "fast-check";
import { isMap, isNode, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { locateFrontmatter, parseFrontmatterYaml, readFrontmatter } from "../../src/core/frontmatter";
import { editFrontmatter, type FrontmatterEdits, type ManagedValue } from "../../src/core/yaml-edit";
import { numRuns } from "../support/fast-check";

/** Lines joined with "\n", so a case reads like the note it describes. */
const note = (...lines: string[]): string => lines.join("\n");

interface Attack {
  name: string;
  /** What the first version of the editor (main before this branch) did with it. */
  firstVersion: string;
  before: string;
  edits: FrontmatterEdits;
  /** The exact text after the edit, or the message of a refusal. */
  after: string | { refused: RegExp };
}

const attacks: Attack[] = [
  // Markers and whitespace
  {
    name: "a `...` document-end line: new keys go before it",
    firstVersion: "appended after `...`, starting a second document; refused",
    before: note("---", "a: 1", "... # end", "# after", "---", ""),
    edits: { set: { type: "case-study", a: 2 } },
    after: note("---", "a: 2", "type: case-study", "... # end", "# after", "---", ""),
  },
  {
    name: "a `--- ` document start inside the block is a second document: refused with its line",
    firstVersion: "refused, with the parser's message for developers and no note line",
    before: note("---", "a: 1", "--- # second", "b: 2", "---", ""),
    edits: { set: { type: "x" } },
    after: { refused: /not valid YAML: a line starting with --- or \.\.\. inside the frontmatter starts a second YAML document \(frontmatter line 2, note line 3\)/ },
  },
  {
    name: "tabs as indentation: refused with its line",
    firstVersion: "refused, giving the line within the frontmatter only",
    before: note("---", "tags:", "\t- a", "---", ""),
    edits: { set: { tags: ["a", "b"] } },
    after: { refused: /Tabs are not allowed as indentation \(frontmatter line 2, note line 3\)/ },
  },
  {
    name: "a tab inside an untouched value stays; a tab in a new value is escaped",
    firstVersion: "same",
    before: note("---", "title: a\tb", "company: x", "---", ""),
    edits: { set: { company: "tab\there" } },
    after: note("---", "title: a\tb", 'company: "tab\\there"', "---", ""),
  },
  {
    name: "a value with trailing spaces: the spaces (outside the value) stay",
    firstVersion: "same",
    before: note("---", "company: Acme   ", '"year": "2023"   # as text', "---", ""),
    edits: { set: { company: "Ramp", year: 2023 } },
    after: note("---", "company: Ramp   ", '"year": 2023   # as text', "---", ""),
  },
  {
    name: "Windows and Unix line endings mixed: each new line takes its neighbours' ending",
    firstVersion: "wrote the new list item with CRLF between LF lines",
    before: "---\r\na: 1\ntags:\r\n  - x\n---\r\n",
    edits: { set: { tags: ["x", "z"], b: "w" } },
    after: "---\r\na: 1\ntags:\r\n  - x\n  - z\nb: w\r\n---\r\n",
  },
  {
    name: "unicode keys are found, written plain and removed",
    firstVersion: "same",
    before: note("---", "firmă: x", "東京: y", "---", ""),
    edits: { set: { "firmă": "z", "ключ": "v" }, remove: ["東京"] },
    after: note("---", "firmă: z", "ключ: v", "---", ""),
  },

  // Comments right after `key:`
  {
    name: "`key: # comment` with no value gets the value before the comment",
    firstVersion: "inserted the value after the comment (inside it); refused",
    before: note("---", "company: # who", "patterns:   # tick them", "---", ""),
    edits: { set: { company: "Ramp", patterns: ["Batch"] } },
    after: note("---", "company: Ramp # who", "patterns:   # tick them", "  - Batch", "---", ""),
  },
  {
    name: "the comment after `key:` survives the list becoming empty",
    firstVersion: "dropped the comment",
    before: note("---", "patterns: # from the body", "  - Batch", "next: 1", "---", ""),
    edits: { set: { patterns: [] } },
    after: note("---", "patterns: [] # from the body", "next: 1", "---", ""),
  },
  {
    name: "the comment after a scalar stays on the key line when it becomes a list",
    firstVersion: "moved the comment to the last list item",
    before: note("---", "tags: journal # mine", "---", ""),
    edits: { set: { tags: ["journal", "x"] } },
    after: note("---", "tags: # mine", "  - journal", "  - x", "---", ""),
  },

  // Lists
  {
    name: "a very long flow list stays one flow list",
    firstVersion: "same",
    before: note("---", `tags: [${Array.from({ length: 300 }, (_, i) => `t${i}`).join(", ")}]`, "---", ""),
    edits: { set: { tags: Array.from({ length: 301 }, (_, i) => `t${i}`) } },
    after: note("---", `tags: [${Array.from({ length: 301 }, (_, i) => `t${i}`).join(", ")}]`, "---", ""),
  },
  {
    name: "list items with commas are quoted in a flow list",
    firstVersion: "wrote `[Acme, Inc.]` (two items); refused",
    before: note("---", "tags: [a]", "---", ""),
    edits: { set: { tags: ["Acme, Inc.", "¡,"] } },
    after: note("---", 'tags: ["Acme, Inc.", "¡,"]', "---", ""),
  },
  {
    name: "a block list with blank lines between items keeps them",
    firstVersion: "same",
    before: note("---", "tags:", "  - a", "", "  - b", "next: 1", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "tags:", "  - a", "", "  - c", "next: 1", "---", ""),
  },
  {
    name: "a moved item keeps its comment",
    firstVersion: "rewrote every item, dropping `# bee`",
    before: note("---", "tags:", "  - a", "  - b # bee", "---", ""),
    edits: { set: { tags: ["b", "a"] } },
    after: note("---", "tags:", "  - b # bee", "  - a", "---", ""),
  },
  {
    name: "empty list items (as Obsidian writes them) are replaced",
    firstVersion: "refused",
    before: note("---", "patterns:", "  -", "  -", "---", ""),
    edits: { set: { patterns: ["A"] } },
    after: note("---", "patterns:", "  - A", "---", ""),
  },
  {
    name: "an empty item flush left, emptied: no stray blank line",
    firstVersion: "left an empty line behind",
    before: note("---", "patterns:", "-", "aliases: []", "---"),
    edits: { set: { patterns: [] } },
    after: note("---", "patterns: []", "aliases: []", "---"),
  },
  {
    name: "new items do not copy the first item's anchor",
    firstVersion: "wrote `- &first c`, a second anchor of the same name",
    before: note("---", "tags:", "  - &first a", "  - b", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "tags:", "  - &first a", "  - c", "---", ""),
  },
  {
    name: "new items do not copy the first item's tag",
    firstVersion: "wrote `- !!int \"2\"`; refused",
    before: note("---", "tags:", "  - !!int 1", "---", ""),
    edits: { set: { tags: ["1", "2"] } },
    after: note("---", "tags:", '  - "1"', '  - "2"', "---", ""),
  },
  {
    name: "an alias as a list item is replaced by the text it stood for",
    firstVersion: "same",
    before: note("---", "base: &x a", "tags:", "  - *x", "  - b", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "base: &x a", "tags:", "  - a", "  - c", "---", ""),
  },
  {
    name: "an alias in a list that was defined in the same list is dropped with its item",
    firstVersion: "wrote `- &x c`, copying the first item's anchor",
    before: note("---", "tags:", "  - &x a", "  - *x", "---", ""),
    edits: { set: { tags: ["a", "c"] } },
    after: note("---", "tags:", "  - &x a", "  - c", "---", ""),
  },

  // Nested values under managed keys
  {
    name: "a nested map as the value of a managed key is replaced by a scalar",
    firstVersion: "refused",
    before: note("---", "type:", "  nested: map", "next: 1", "---", ""),
    edits: { set: { type: "use-case-analysis" } },
    after: note("---", "type: use-case-analysis", "next: 1", "---", ""),
  },
  {
    name: "a nested map as the value of a managed key is replaced by a list",
    firstVersion: "refused",
    before: note("---", "tags:", "  nested: map", "next: 1", "---", ""),
    edits: { set: { tags: ["a"] } },
    after: note("---", "tags:", "  - a", "next: 1", "---", ""),
  },
  {
    name: "nested lists inside a managed list are removed item by item",
    firstVersion: "same",
    before: note("---", "tags:", "  - - a", "    - b", "  - [c, d]", "  - e", "next: 1", "---", ""),
    edits: { set: { tags: ["e", "f"] } },
    after: note("---", "tags:", "  - e", "  - f", "next: 1", "---", ""),
  },

  // Never throw
  {
    name: "removing a value another key refers to: a message, not an exception",
    firstVersion: "threw ReferenceError (Unresolved alias) out of editFrontmatter",
    before: note("---", "tags: &t [a]", "other: *t", "---", ""),
    edits: { remove: ["tags"] },
    after: { refused: /anchor &t/ },
  },
  {
    name: "a number YAML cannot hold: a message, not an exception",
    firstVersion: "threw out of editFrontmatter",
    before: note("---", "company: x", "---", ""),
    edits: { set: { year: Number.NaN } },
    after: { refused: /only finite numbers/ },
  },
  {
    name: "an alias used before its anchor is broken YAML: a message, not an exception",
    firstVersion: "threw ReferenceError out of editFrontmatter",
    before: note("---", "tags:", "  - *x", "base: &x a", "---", ""),
    edits: { set: { tags: ["b"] } },
    after: { refused: /cannot be read/ },
  },
  {
    name: "removing a key whose comment below would become text of a `|` block above it",
    firstVersion: "refused, blaming an anchor",
    before: note("---", "notes: |", "  x", "type: t", "  # c", "---", ""),
    edits: { remove: ["type"] },
    after: { refused: /lines below it would become part of the text of "notes"/ },
  },
];

describe("editFrontmatter: attacks", () => {
  it.each(attacks)("$name", ({ before, edits, after }) => {
    const result = editFrontmatter(before, edits);
    if (typeof after !== "string") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(after.refused);
      return;
    }
    if (!result.ok) throw new Error(`refused: ${result.message}`);
    expect(result.text).toBe(after);
    expect(editFrontmatter(result.text, edits)).toEqual({ ok: true, text: result.text, changed: false });
  });
});


const MANAGED = ["type", "category", "industry", "company", "year", "patterns", "articles", "tags"] as const;
type ManagedKey = (typeof MANAGED)[number];
const OTHER = ["title", "aliases", "creation date", "notes", "meta", "rating", "cssclasses", "status"];

// ---------------------------------------------------------------------------------------------
// Generated frontmatter: a list of segments, each an entry (one key's text) or a line between.

interface Segment { text: string; key?: string }

const WORDS = [
  "alpha", "Beta gamma", "Zürich", "C#", "x'y", 'q"r', "2024", "no", "null", "true", "1.5", "[[Link]]",
  "a: b", "", "#tag", "-dash", "東京", "🚀 rocket", "it's", "Search and Retrieval", "RAG Pipeline",
];
const word = fc.constantFrom(...WORDS);
/** Words that read back as the same string when written plain. */
const isPlainWord = (w: string): boolean =>
  /^[\p{L}\p{N}][\p{L}\p{N} ]*$/u.test(w) && !w.endsWith(" ") && !/^(?:true|false|null|[0-9.]+)$/i.test(w);

/** A scalar in one of the ways people write it (only ways that are valid YAML for the word). */
const scalarText = word.chain((w) => fc.constantFrom(
  JSON.stringify(w),
  `'${w.replace(/'/g, "''")}'`,
  isPlainWord(w) ? w : JSON.stringify(w),
));
const inlineComment = fc.constantFrom("", "", " # c", "   #c2", " # ü: [x]");
const keyText = (key: string): fc.Arbitrary<string> => fc.constantFrom(key, key, `"${key}"`, `'${key}'`);

interface EntryShape { text: string; endsInBlockScalar: boolean }

function entry(key: string, hasBase: boolean): fc.Arbitrary<EntryShape> {
  const plain = (body: fc.Arbitrary<string>): fc.Arbitrary<EntryShape> =>
    fc.tuple(keyText(key), body).map(([k, b]) => ({ text: `${k}:${b}\n`, endsInBlockScalar: false }));
  const anchorName = `a_${key.replace(/\W/g, "_")}`;
  const blockItem = fc.tuple(fc.oneof(scalarText, fc.constant("")), inlineComment, fc.boolean())
    .map(([s, c, commentAbove]) => ({ s, c, commentAbove }));
  const styles: fc.Arbitrary<EntryShape>[] = [
    plain(fc.constantFrom("", " ", "   # empty")),
    plain(fc.tuple(scalarText, inlineComment).map(([s, c]) => ` ${s}${c}`)),
    plain(fc.tuple(fc.integer({ min: 1990, max: 2030 }), inlineComment).map(([n, c]) => ` ${n}${c}`)),
    plain(fc.constantFrom(" true", " false # flag")),
    plain(fc.tuple(fc.array(scalarText, { maxLength: 4 }), fc.constantFrom(", ", ",", " , "), fc.boolean(), inlineComment)
      .map(([items, sep, pad, c]) => ` ${pad ? "[ " : "["}${items.join(sep)}${pad ? " ]" : "]"}${c}`)),
    // Block list at 0, 2 or 4 spaces, with comments on and between items.
    fc.tuple(keyText(key), inlineComment, fc.constantFrom("", "  ", "    "), fc.array(blockItem, { minLength: 1, maxLength: 4 }))
      .map(([k, keyComment, pad, items]) => ({
        text: `${k}:${keyComment}\n${items.map(({ s, c, commentAbove }) =>
          `${commentAbove ? `${pad}# about the next item\n` : ""}${pad}-${s === "" ? "" : ` ${s}`}${c}\n`).join("")}`,
        endsInBlockScalar: false,
      })),
    // Block scalars: the last content line is never blank, `#` lines are content.
    fc.tuple(keyText(key), fc.constantFrom("|", "|-", "|+", ">", ">-", "> # folded"),
      fc.array(fc.constantFrom("line one", "# not a comment", "key: not a key", "- not an item", ""), { maxLength: 3 }),
      fc.constantFrom("last line", "[[not a link]]"))
      .map(([k, header, lines, last]) => ({
        text: `${k}: ${header}\n${[...lines, last].map((l) => (l === "" ? "\n" : `  ${l}\n`)).join("")}`,
        endsInBlockScalar: true,
      })),
    // Nested maps that reuse the managed names.
    fc.tuple(keyText(key), fc.constantFrom(
      "  type: nested\n  tags: [x]\n",
      "  company: inner\n\n  # inside\n  patterns:\n    - Inner\n",
      "  year: 1999\n",
    )).map(([k, body]) => ({ text: `${k}:\n${body}`, endsInBlockScalar: false })),
    plain(fc.constant(" first line\n  continued")),
    plain(fc.tuple(word, inlineComment).map(([w, c]) => ` &${anchorName} ${JSON.stringify(w)}${c}`)),
  ];
  if (hasBase) styles.push(plain(fc.constantFrom(" *shared", " *shared # alias")));
  return fc.oneof(...styles);
}

const between = fc.constantFrom("# comment\n", "#\n", "\n", "### heading-like\n", "  # indented comment\n", "  \n");

const frontmatter = fc.tuple(
  fc.uniqueArray(fc.constantFrom(...MANAGED, ...OTHER), { maxLength: 9 }),
  fc.boolean(),
).chain(([keys, hasBase]) => fc.tuple(
  fc.tuple(...keys.map((k) => fc.tuple(entry(k, hasBase), fc.array(between, { maxLength: 2 })))),
  fc.constant(keys),
  fc.constant(hasBase),
)).map(([entries, keys, hasBase]) => {
  const segments: Segment[] = [];
  if (hasBase) segments.push({ text: "shared: &shared Shared value # anchor\n", key: "shared" });
  let afterBlockScalar = false;
  entries.forEach(([shape, gaps], i) => {
    for (const gap of gaps) {
      // An indented comment right after a block scalar would be part of its text.
      if (afterBlockScalar && gap.startsWith("  ")) continue;
      segments.push({ text: gap });
    }
    segments.push({ text: shape.text, key: keys[i] });
    afterBlockScalar = shape.endsInBlockScalar;
  });
  return segments;
});

const bodyLine = fc.constantFrom(
  "# Heading\n", "Text with type: fake and tags: [x]\n", "- [ ] **RAG Pipeline** (R → G)\n", "- [x] Batch\n",
  "```yaml\ntype: code\n```\n", "***\n", "\n", "Zürich 東京 🚀\n", "key: value\n",
);

interface GeneratedNote {
  text: string;
  /** Offsets of each top-level entry's text in `text`. */
  spans: Map<string, [number, number]>;
  hasFrontmatter: boolean;
}

const generatedNote: fc.Arbitrary<GeneratedNote> = fc.record({
  fm: frontmatter,
  hasFm: fc.boolean(),
  body: fc.array(bodyLine, { maxLength: 6 }),
  thematicBreakFirst: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
}).map(({ fm, hasFm, body, thematicBreakFirst, crlf, bom, trailingNewline }) => {
  const eol = (s: string): string => (crlf ? s.replace(/\n/g, "\r\n") : s);
  let text = bom ? "\uFEFF" : "";
  const spans = new Map<string, [number, number]>();
  if (hasFm) {
    text += eol("---\n");
    for (const segment of fm) {
      const start = text.length;
      text += eol(segment.text);
      if (segment.key) spans.set(segment.key, [start, text.length]);
    }
    text += "---";
    if (body.length > 0 || trailingNewline || thematicBreakFirst) text += eol("\n");
  }
  // A body may open with a `---` thematic break (never closed: it would be frontmatter then).
  let bodyText = (thematicBreakFirst ? "---\n" : "") + body.join("");
  if (!trailingNewline) bodyText = bodyText.replace(/\n$/, "");
  text += eol(bodyText);
  return { text, spans, hasFrontmatter: hasFm };
});

// ---------------------------------------------------------------------------------------------
// Generated edits of the managed keys.

const tricky = fc.constantFrom(
  "use-case-analysis", "case-study", "Search and Retrieval", "E-commerce and retail", "Instacart",
  "[[Instacart - Building hybrid search]]", "2024", "yes", "null", "a: b", "x #y", "#tag", " lead", "",
  "line\nbreak", "Müller & Söhne", "東京", 'say "hi"', "it's", "C#", "- dash", "*star", "2024-07-21",
);
const text = fc.oneof({ weight: 3, arbitrary: tricky }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) });
const listItem = fc.oneof(word, tricky);
const list = fc.array(listItem, { maxLength: 5 });

function valueFor(key: ManagedKey): fc.Arbitrary<ManagedValue> {
  const usual: fc.Arbitrary<ManagedValue> = key === "year"
    ? fc.integer({ min: 1990, max: 2035 })
    : key === "patterns" || key === "articles" || key === "tags" ? list : text;
  // Now and then a value of another kind than usual (a tag string, a list of companies, ...).
  return fc.oneof({ weight: 5, arbitrary: usual }, { weight: 1, arbitrary: fc.oneof(text, list, fc.integer(), fc.boolean()) });
}

const generatedEdits: fc.Arbitrary<FrontmatterEdits & { set: Record<string, ManagedValue>; remove: string[] }> = fc
  .uniqueArray(fc.constantFrom(...MANAGED), { minLength: 1, maxLength: 5 })
  .chain((keys) => fc.tuple(...keys.map((k) => fc.option(valueFor(k), { freq: 4 }).map((v) => [k, v] as const))))
  .map((pairs) => {
    const set: Record<string, ManagedValue> = {};
    const remove: string[] = [];
    for (const [k, v] of pairs) {
      if (v === null) remove.push(k);
      else set[k] = v;
    }
    return { set, remove };
  });

// ---------------------------------------------------------------------------------------------
// Independent measurements of a result.

/** Just past a node's last character (its trailing comments and blank lines excluded). */
function contentEnd(node: Node, yaml: string): number {
  const range = node.range as [number, number, number];
  if (isScalar(node)) {
    if (node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED") return range[1];
    return range[0] + yaml.slice(range[0], range[1]).trimEnd().length;
  }
  if ((isSeq(node) || isMap(node)) && !node.flow) {
    const last: unknown = node.items[node.items.length - 1];
    if (isNode(last)) return contentEnd(last, yaml);
    const pair = last as { key: unknown; value: unknown };
    return Math.max(isNode(pair.key) ? contentEnd(pair.key, yaml) : 0, isNode(pair.value) ? contentEnd(pair.value, yaml) : 0);
  }
  return range[1];
}

/**
 * Where each top-level property's text is in a note: from the start of its key's line to the
 * end of the line (line break included) where its value ends.
 */
function propertySpans(note: string): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  const block = locateFrontmatter(note);
  if (!block) return spans;
  const yaml = block.yaml;
  const doc = parseDocument(yaml, { version: "1.2", schema: "core" });
  if (!isMap(doc.contents)) return spans;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const start = yaml.lastIndexOf("\n", pair.key.range[0] - 1) + 1;
    const valueEnd = isNode(pair.value) && pair.value.range && pair.value.range[0] !== pair.value.range[1]
      ? contentEnd(pair.value, yaml)
      : pair.key.range[1];
    const nl = yaml.indexOf("\n", valueEnd);
    const end = nl < 0 ? yaml.length : nl + 1;
    spans.set(String(pair.key.value), [block.yamlStart + start, block.yamlStart + end]);
  }
  return spans;
}

function cut(text: string, spans: [number, number][]): string {
  let out = text;
  for (const [s, e] of [...spans].sort((a, b) => b[0] - a[0])) out = out.slice(0, s) + out.slice(e);
  return out;
}

function spansOf(spans: Map<string, [number, number]>, keys: Iterable<string>): [number, number][] {
  const out: [number, number][] = [];
  for (const k of keys) {
    const span = spans.get(k);
    if (span) out.push(span);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe("editFrontmatter on generated notes", () => {
  it("the generator's own spans are what a YAML parser sees (the measuring stick is right)", () => {
    fc.assert(fc.property(generatedNote, (n) => {
      expect(readFrontmatter(n.text).kind).not.toBe("error");
      expect(propertySpans(n.text)).toEqual(n.spans);
    }), numRuns(200));
  });

  it("reads back as asked, changes no byte outside the edited properties, and is idempotent", () => {
    fc.assert(fc.property(generatedNote, generatedEdits, (n, edits) => {
      const result = editFrontmatter(n.text, edits);
      // Every generated note is valid and every edit is safe: nothing may be refused, except the
      // removal of a key whose following lines would join the text of a `|` or `>` block above it.
      if (!result.ok) {
        if (/would become part of the text/.test(result.message) && edits.remove.length > 0) return;
        throw new Error(result.message);
      }

      // (1) Values.
      const before = readFrontmatter(n.text);
      const after = readFrontmatter(result.text);
      expect(after.kind === "ok" || (after.kind === "none" && Object.keys(edits.set).length === 0)).toBe(true);
      const expected: Record<string, unknown> = { ...(before.kind === "ok" ? before.data : {}) };
      for (const key of edits.remove) delete expected[key];
      Object.assign(expected, edits.set);
      expect(after.kind === "ok" ? after.data : {}).toEqual(expected);

      // (2) Bytes: cut the edited properties out of both; what is left is identical.
      const touched = [...Object.keys(edits.set), ...edits.remove];
      const rest = cut(result.text, spansOf(propertySpans(result.text), touched));
      if (n.hasFrontmatter) {
        expect(rest).toBe(cut(n.text, spansOf(n.spans, touched)));
      } else if (Object.keys(edits.set).length > 0) {
        // A new block was put on top (after the BOM); with its properties cut out it is empty.
        const bom = n.text.startsWith("\uFEFF") ? "\uFEFF" : "";
        const eol = /\r\n/.test(n.text) ? "\r\n" : "\n";
        expect(rest).toBe(`${bom}---${eol}---${eol}${n.text.slice(bom.length)}`);
      } else {
        expect(result.text).toBe(n.text);
      }

      // (3) Idempotent.
      expect(editFrontmatter(result.text, edits)).toEqual({ ok: true, text: result.text, changed: false });
      if (!result.changed) expect(result.text).toBe(n.text);
    }), numRuns(1000));
  });

  it("JSON frontmatter stays JSON and reads back as asked", () => {
    const jsonValue = fc.oneof(word, fc.integer(), fc.boolean(), fc.array(word, { maxLength: 3 }));
    const data = fc.dictionary(fc.constantFrom(...MANAGED, ...OTHER), jsonValue, { maxKeys: 6 });
    fc.assert(fc.property(data, fc.constantFrom(0, 2), fc.boolean(), generatedEdits, (object, indent, crlf, edits) => {
      const json = JSON.stringify(object, null, indent);
      const before = `---\n${json}\n---\nbody\n`.replace(/\n/g, crlf ? "\r\n" : "\n");
      const result = editFrontmatter(before, edits);
      if (!result.ok) throw new Error(result.message);
      const expected: Record<string, unknown> = { ...object };
      for (const key of edits.remove) delete expected[key];
      Object.assign(expected, edits.set);
      const block = locateFrontmatter(result.text);
      if (Object.keys(object).length > 0) expect(JSON.parse(block?.yaml ?? "")).toEqual(expected);
      else expect(parseFrontmatterYaml(block?.yaml ?? "").data ?? {}).toEqual(expected);
      expect(result.text.endsWith(crlf ? "\r\n---\r\nbody\r\n" : "\n---\nbody\n")).toBe(true);
      expect(editFrontmatter(result.text, edits)).toEqual({ ok: true, text: result.text, changed: false });
    }), numRuns(200));
  });

  it("any text value (any unicode) is written so that it reads back the same", () => {
    const note = fc.constantFrom("", "---\ncompany: old # c\n---\n", "---\ntags: [a]\n---\n", "---\ntags:\n- a\n---\n");
    fc.assert(fc.property(note, fc.string({ unit: "grapheme", maxLength: 30 }), fc.boolean(), (before, value, asList) => {
      const key = asList ? "tags" : "company";
      const result = editFrontmatter(before, { set: { [key]: asList ? [value, "a"] : value } });
      if (!result.ok) throw new Error(result.message);
      const block = locateFrontmatter(result.text);
      expect(parseFrontmatterYaml(block?.yaml ?? "").data?.[key]).toEqual(asList ? [value, "a"] : value);
    }), numRuns(200));
  });

  it("strings that are not well-formed text are refused or read back exactly, never written wrong", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 8 }), (value) => {
      const result = editFrontmatter("---\na: 1\n---\n", { set: { company: value } });
      if (!result.ok) return;
      expect(readFrontmatter(result.text)).toMatchObject({ kind: "ok", data: { a: 1, company: value } });
    }), numRuns(200));
  });

  it("a list edit keeps the exact line of every item it keeps", () => {
    const item = word.chain((w) => fc.constantFrom(JSON.stringify(w), `'${w.replace(/'/g, "''")}'`, isPlainWord(w) ? w : JSON.stringify(w))
      .map((source) => ({ w, source })));
    fc.assert(fc.property(
      fc.uniqueArray(item, { minLength: 1, maxLength: 6, selector: (i) => i.w }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      fc.array(fc.constantFrom("new one", "[[New]]", "2025"), { maxLength: 3 }),
      fc.nat(),
      fc.constantFrom("", "  ", "    "),
      (items, keep, added, at, pad) => {
        const before = `---\ntags:\n${items.map((i) => `${pad}- ${i.source}\n`).join("")}---\n`;
        const kept = items.filter((_, i) => keep[i]);
        const wanted = kept.map((i) => i.w);
        wanted.splice(at % (wanted.length + 1), 0, ...added);
        const result = editFrontmatter(before, { set: { tags: wanted } });
        if (!result.ok) throw new Error(result.message);
        const lines = result.text.split("\n");
        for (const i of kept) expect(lines).toContain(`${pad}- ${i.source}`);
        // New items use the list's own indentation.
        for (const line of lines.slice(2, -2)) expect(line.startsWith(`${pad}- `)).toBe(true);
      },
    ), numRuns(200));
  });
});
