import fc from "fast-check";
import { locateFrontmatter, parseFrontmatterYaml, readFrontmatter } from "../../src/core/frontmatter";
import { locateFrontmatterFast, parseSimpleFrontmatter, readFrontmatterFast } from "../../src/core/frontmatter-fast";
import { frontmatterText, noteText } from "../support/arbitraries";
import { numRuns } from "../support/fast-check";

/** Frontmatter made of the pieces the fast path must get exactly right, and some it must refuse. */
const tricky = fc.constantFrom(
  "plain", "Two words", "C#", "a:b", "2024", "+5", "-7", "007", "2024-05-01", "1.5", "1e5", ".5", ".inf", "-.Inf", ".nan", "0x1F", "0o17",
  "~", "null", "Null", "NULL", "true", "False", "TRUE", "yes", "no", "", "\"quoted\"", "\"with # hash\"", "\"esc\\\"aped\"", "'single'",
  "'it''s'", "'bad ' quote'", "[[Link|alias]]", "\"[[Link|alias]]\"", "a # comment", "a: b", "end:", "-dash", "- item", "*alias",
  "&anchor x", "!tag x", "|", ">", "{a: 1}", "[a, b]", "%x", "@x", "`x`", "Zürich", "tab\there", "x  ", "'a' b", "\"a\" b", "1.", "1e",
);
const easy = fc.constantFrom("plain", "Two words", "C#", "a:b", "2024", "+5", "-7", "007", "2024-05-01", "~", "null", "true", "False", "no", "", "\"[[Link|alias]]\"", "'it''s'", "Zürich", "x  ", "1e");
const scalarText = fc.oneof({ arbitrary: easy, weight: 4 }, { arbitrary: tricky, weight: 1 });
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom("type", "company", "year", "my key", "x-custom", "_k", "true", "__proto__", "a  b"), scalarText).map(([k, v]) => `${k}:${v === "" ? "" : " "}${v}\n`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("patterns", "articles", "tags"), fc.constantFrom("", "  ", "   "), fc.array(scalarText, { maxLength: 3 })).map(([k, ind, items]) => `${k}:\n${items.map((i) => `${ind}-${i === "" ? "" : " "}${i}\n`).join("")}`) },
  { weight: 1, arbitrary: fc.constantFrom("# comment\n", "\n", "  # indented comment\n", "  continued\n", "---\n", "...\n", "key:\n  nested: 1\n", "- top item\n", "dup: 1\n", "k : v\n") },
);
const simpleYaml = fc.array(line, { maxLength: 8 }).map((l) => l.join(""));

describe("parseSimpleFrontmatter", () => {
  it("property: whenever it answers, the answer equals the full parser's", () => {
    fc.assert(fc.property(fc.oneof(simpleYaml, frontmatterText), fc.boolean(), (yaml, crlf) => {
      const text = crlf ? yaml.replace(/\n/g, "\r\n") : yaml;
      const fast = parseSimpleFrontmatter(text);
      if (fast === undefined) return;
      const full = parseFrontmatterYaml(text);
      expect(full.error).toBeNull();
      expect(fast.data).toEqual(full.data);
    }), numRuns(3000));
  });

  it("property: with `only`, the answer is the full parser's restricted to those keys", () => {
    const only = new Set(["type", "patterns", "my key"]);
    fc.assert(fc.property(fc.oneof(simpleYaml, frontmatterText), (yaml) => {
      const fast = parseSimpleFrontmatter(yaml, only);
      if (fast === undefined) return;
      const full = parseFrontmatterYaml(yaml);
      expect(full.error).toBeNull();
      const projected = full.data === null ? null : Object.fromEntries(Object.entries(full.data).filter(([k]) => only.has(k)));
      expect(fast.data).toEqual(projected);
    }), numRuns(3000));
  });

  it("answers often enough on the generated YAML for the property to mean something", () => {
    const samples = fc.sample(simpleYaml, 2000);
    const answered = samples.filter((y) => parseSimpleFrontmatter(y) !== undefined && y.trim() !== "").length;
    expect(answered).toBeGreaterThan(250);
  });

  it("answers for a typical study's frontmatter", () => {
    const yaml = [
      "type: use-case-analysis", "category: Search and Retrieval", "industry: E-commerce and retail", "company: Instacart",
      "year: 2024", "created: 2024-05-01", "patterns:", "  - Hybrid Retrieval", "  - Multi-Stage Funnel", "articles:",
      "  - \"[[Instacart - Building hybrid search]]\"", "tags:", "- use-case/category/search-and-retrieval", "rating:", "", "# my note", "",
    ].join("\n");
    expect(parseSimpleFrontmatter(yaml)).toEqual({ data: {
      type: "use-case-analysis", category: "Search and Retrieval", industry: "E-commerce and retail", company: "Instacart",
      year: 2024, created: "2024-05-01", patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"],
      articles: ["[[Instacart - Building hybrid search]]"], tags: ["use-case/category/search-and-retrieval"], rating: null,
    } });
  });

  it.each(["a: [1, 2]", "a: |\n  x", "a: &x 1\nb: *x", "a: 1\na: 2", "a: 1.5", "a: \"\\u00e9\"", "a: b # c", "- x", "a:\n  b: 1"])(
    "gives up on %j", (yaml) => {
      expect(parseSimpleFrontmatter(yaml)).toBeUndefined();
    });
});

describe("readFrontmatterFast", () => {
  it("property: same result as readFrontmatter on whole notes", () => {
    fc.assert(fc.property(noteText, ({ text }) => {
      expect(readFrontmatterFast(text)).toEqual(readFrontmatter(text));
    }), numRuns(1000));
  });
});

describe("readFrontmatterFast: searches stop at the block's end", () => {
  // The body may hold what the block must not (tabs, lone CRs, " #", ": "): a search that ran on
  // into the body would wrongly give up or, worse, wrongly answer.
  const bodyPiece = fc.constantFrom("\tindented code", "a\rb", "text # not a comment", "key: value", "- item", "x:", "C#", "\r\n", "plain words");
  const body = fc.array(bodyPiece, { maxLength: 5 }).map((lines) => lines.join("\n"));
  it("property: same result as readFrontmatter for simple blocks before any body, with and without `only`", () => {
    const only = new Set(["type", "patterns", "my key"]);
    fc.assert(fc.property(simpleYaml, body, fc.boolean(), (yaml, rest, restrict) => {
      const text = `---\n${yaml}---\n${rest}`;
      const want = readFrontmatter(text);
      const got = readFrontmatterFast(text, restrict ? only : undefined);
      if (!restrict || want.kind !== "ok" || got.kind !== "ok") { expect(got).toEqual(want); return; }
      expect(got.block).toEqual(want.block);
      const projected = Object.fromEntries(Object.entries(want.data).filter(([k]) => only.has(k)));
      expect(Object.fromEntries(Object.entries(got.data).filter(([k]) => only.has(k)))).toEqual(projected);
    }), numRuns(3000));
  });

  it("answers for a simple block even when the body is full of tabs, CRs and comments", () => {
    const text = "---\ntype: case-study\npatterns:\n  - RAG Pipeline\n---\n\tcode\r\nx # y\nk: v\n";
    const block = locateFrontmatterFast(text);
    expect(block).not.toBeNull();
    expect(parseSimpleFrontmatter(text.slice(block?.yamlStart, block?.yamlEnd))).toEqual({ data: { type: "case-study", patterns: ["RAG Pipeline"] } });
    expect(readFrontmatterFast(text)).toEqual(readFrontmatter(text));
  });
});

describe("locateFrontmatterFast", () => {
  const piece = fc.constantFrom("---", "--- ", "---\t", "----", " ---", "a: 1", "", "x---", "---x", "\r", "\uFEFF");
  const weird = fc.tuple(fc.array(piece, { maxLength: 6 }), fc.constantFrom("\n", "\r\n")).map(([lines, eol]) => lines.join(eol));
  it("property: finds the same block as locateFrontmatter", () => {
    fc.assert(fc.property(fc.oneof(noteText.map((n) => n.text), weird), (text) => {
      expect(locateFrontmatterFast(text)).toEqual(locateFrontmatter(text));
    }), numRuns(3000));
  });
});
