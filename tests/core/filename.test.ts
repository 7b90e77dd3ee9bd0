import { Buffer } from "node:buffer";
import fc from "fast-check";
import { checkName, MAX_NAME_BYTES, MAX_NAME_LENGTH, renderPathPattern, replacedCharacters, uniquePath } from "../../src/core/filename";
import { numRuns } from "../support/fast-check";

const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");
/** What Windows looks at: the part before the first dot, without trailing spaces. */
const isWindowsDevice = (name: string): boolean => /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test(name.split(".")[0].trimEnd());

describe("checkName", () => {
  it.each([
    ["Instacart", "Instacart"],
    ["  Uber  ", "Uber"],
    ["Uber: Michelangelo", "Uber Michelangelo"],
    ["What is RAG?", "What is RAG"],
    ["a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j"],
    ["a :: b", "a b"],
    ["a//b", "a b"],
    ["Title #1 ^x [draft]", "Title 1 x draft"],
    ["[[Link]]", "Link"],
    ["tab\there", "tab here"],
    ["line\nbreak\r\nand more", "line break and more"],
    ["bell\u0007and\u0000nul\u007fdel\u0085next", "bell and nul del next"],
    ["non\u00a0breaking\u3000space", "non breaking space"],
    [".hidden", "hidden"],
    ["...dots", "dots"],
    [". . .x", "x"],
    ["trailing. ", "trailing"],
    ["trailing...", "trailing"],
    ["v1.2 release", "v1.2 release"],
    ["ends with: ", "ends with"],
    ["CON", "CON_"],
    ["con", "con_"],
    ["Nul", "Nul_"],
    ["lpt1", "lpt1_"],
    ["COM9", "COM9_"],
    ["com¹", "com¹_"],
    ["con.txt", "con_.txt"],
    ["AUX.tar.gz", "AUX_.tar.gz"],
    ["prn .md", "prn_ .md"],
    ["CON:", "CON_"],
    ["Console", "Console"],
    ["COM10", "COM10"],
    ["Conway", "Conway"],
    ["a con", "a con"],
    ["Zürich – Größe", "Zürich – Größe"],
    ["e\u0301cole", "\u00e9cole"],
    ["日本語のタイトル", "日本語のタイトル"],
    ["Emoji 🚀 launch", "Emoji 🚀 launch"],
    ["Percent % and & and $ ok", "Percent % and & and $ ok"],
    ["'Quoted' (parens) {braces}", "'Quoted' (parens) {braces}"],
  ])("%j → %j", (raw, name) => {
    expect(checkName(raw, "title")).toMatchObject({ ok: true, name });
  });

  it.each([
    ["", "title", "Title is empty."],
    ["   ", "title", "Title is empty."],
    ["\n\t", "company", "Company is empty."],
    ["///", "title", "Title has no characters a file name can use."],
    ["...", "company", "Company has no characters a file name can use."],
    [". : .", "title", "Title has no characters a file name can use."],
    ["#^[]|", "title", "Title has no characters a file name can use."],
  ])("refuses %j as %s: %s", (raw, what, message) => {
    expect(checkName(raw, what)).toEqual({ ok: false, message });
  });

  it("cuts a long name at a word boundary", () => {
    const r = checkName("word ".repeat(60), "title");
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(r.ok && r.name.length).toBeGreaterThan(MAX_NAME_LENGTH - 5);
    expect(r.ok && r.name.endsWith("word")).toBe(true);
  });

  it("cuts a long name without spaces at the limit", () => {
    expect(checkName("x".repeat(300), "title")).toMatchObject({ ok: true, name: "x".repeat(MAX_NAME_LENGTH) });
  });

  it("keeps a name of exactly 200 characters", () => {
    const name = `${"a".repeat(99)} ${"b".repeat(100)}`;
    expect(checkName(name, "title")).toMatchObject({ ok: true, name });
  });

  it("cuts by bytes too, so that 200 Chinese characters still fit a file system", () => {
    const r = checkName("中".repeat(200), "title");
    expect(r).toMatchObject({ ok: true, name: "中".repeat(MAX_NAME_BYTES / 3) });
  });

  it("never cuts a character in half", () => {
    const r = checkName(`${"a".repeat(199)}🚀🚀`, "title");
    expect(r).toMatchObject({ ok: true, name: "a".repeat(199) });
  });

  it("does not leave a trailing dot or space after cutting", () => {
    const r = checkName(`${"a".repeat(150)} ${".".repeat(49)}x more`, "title");
    expect(r.ok && r.name).toBe("a".repeat(150));
  });

  it("says which characters it replaced", () => {
    expect(replacedCharacters("a:b?c:d")).toEqual([":", "?"]);
    expect(replacedCharacters("a\u0000b\u0007c|")).toEqual(["control character", "|"]);
    expect(replacedCharacters("clean")).toEqual([]);
    expect(checkName("a:b", "title")).toEqual({ ok: true, name: "a b", replaced: [":"] });
    expect(checkName("Uber", "title")).toEqual({ ok: true, name: "Uber", replaced: [] });
  });

  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 250 }),
    fc.array(fc.constantFrom("con", "CON", "nul", "com1", "LPT9", "com¹", ".", "..", " ", "\t", ":", "/", "\\", "#", "^", "[", "]", "|", "?", "*", "\"", "<", ">", "\u0000", "\u001f", "\u0085", "a", "word ", "中", "🚀", "e\u0301", ".txt"), { maxLength: 120 }).map((a) => a.join("")),
  );

  /** The rules a name breaks (one expect per generated case: Jest's matchers are slow in bulk). */
  const broken = (name: string): string[] => [
    // eslint-disable-next-line no-control-regex -- checking that no control character survives
    ...(/[\\/:*?"<>|#^[\]\u0000-\u001f\u007f-\u009f]/.test(name) ? ["illegal character"] : []),
    ...(/^[.\s]/.test(name) ? ["leading dot or space"] : []),
    ...(/[.\s]$/.test(name) ? ["trailing dot or space"] : []),
    ...(/\s{2}/.test(name) ? ["double space"] : []),
    ...(name.length > MAX_NAME_LENGTH ? ["too long"] : []),
    ...(utf8Bytes(name) > MAX_NAME_BYTES ? ["too many bytes"] : []),
    ...(/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/.test(name) ? ["half a character"] : []),
    ...(isWindowsDevice(name) ? ["Windows device name"] : []),
    ...(name === "" ? ["empty"] : []),
  ];

  it("gives a safe name or a message for any string", () => {
    fc.assert(fc.property(hostile, (raw) => {
      const r = checkName(raw, "title");
      if (r.ok) expect(broken(r.name)).toEqual([]);
      else expect(r.message).toMatch(/^Title (is empty|has no characters a file name can use)\.$/);
    }), numRuns(3000));
  });

  it("knows a broken name when it sees one", () => {
    expect(broken("con.txt")).toEqual(["Windows device name"]);
    expect(broken(" a:b.")).toEqual(["illegal character", "leading dot or space", "trailing dot or space"]);
    expect(broken("\ud83d")).toEqual(["half a character"]);
  });

  it("is idempotent", () => {
    fc.assert(fc.property(hostile, (raw) => {
      const once = checkName(raw, "title");
      if (!once.ok) return;
      expect(checkName(once.name, "title")).toEqual({ ok: true, name: once.name, replaced: [] });
    }), numRuns(2000));
  });
});

describe("renderPathPattern", () => {
  const values = { company: "Instacart", title: "Hybrid search", category: "Search and Retrieval", industry: "", year: "2024" };
  it.each([
    ["{{category}}/{{company}} - {{title}}", "Search and Retrieval/Instacart - Hybrid search.md"],
    ["{{category}}/{{company}} - {{title}}.md", "Search and Retrieval/Instacart - Hybrid search.md"],
    ["Use cases/{{category}}/{{company}} - {{title}}", "Use cases/Search and Retrieval/Instacart - Hybrid search.md"],
    ["{{industry}}/{{company}} - {{title}}", "Instacart - Hybrid search.md"],
    ["{{year}}/{{title}} ({{company}})", "2024/Hybrid search (Instacart).md"],
    ["{{title}} ({{industry}})", "Hybrid search.md"],
    ["({{industry}}) {{title}}", "Hybrid search.md"],
    ["{{company}} - {{industry}}", "Instacart.md"],
    ["{{industry}} - {{company}}", "Instacart.md"],
    ["{{company}} - {{industry}} - {{title}}", "Instacart - Hybrid search.md"],
    ["{{company}}, {{industry}}, {{year}}", "Instacart, 2024.md"],
    ["{{ company }} – {{Title}}", "Instacart – Hybrid search.md"],
    ["{{company}}{{title}}", "InstacartHybrid search.md"],
    ["/{{company}}//{{title}}/", "Instacart/Hybrid search.md"],
    ["{{title}}/", "Hybrid search.md"],
    ["{{category}}\\{{title}}", "Search and Retrieval/Hybrid search.md"],
    ["Notes: {{year}}/{{title}}", "Notes 2024/Hybrid search.md"],
    ["../{{title}}", "Hybrid search.md"],
    ["./{{company}}/./{{title}}", "Instacart/Hybrid search.md"],
  ])("%s → %s", (pattern, path) => {
    expect(renderPathPattern(pattern, values)).toMatchObject({ ok: true, path, unknownPlaceholders: [] });
  });

  it("never edits a value to tidy the pattern", () => {
    const r = renderPathPattern("{{company}} - {{title}}", { company: "A -", title: "- (B) ()" });
    expect(r).toMatchObject({ ok: true, path: "A - - - (B) ().md" });
  });

  it("never lets a value add a folder or climb out", () => {
    const r = renderPathPattern("{{category}}/{{title}}", { category: "../../etc", title: "a/b/../c" });
    expect(r).toMatchObject({ ok: true, path: "etc/a b .. c.md", replaced: ["/"] });
    const dots = renderPathPattern("{{category}}/{{title}}", { category: "..", title: "x" });
    expect(dots).toMatchObject({ ok: true, path: "x.md" });
  });

  it("reports replaced characters from every value", () => {
    expect(renderPathPattern("{{company}} - {{title}}", { company: "A|B", title: "What? Why: now" })).toEqual({
      ok: true, path: "A B - What Why now.md", replaced: ["|", "?", ":"], unknownPlaceholders: [],
    });
  });

  it("leaves unknown placeholders empty and names them", () => {
    expect(renderPathPattern("{{category}}/{{titel}} {{title}}", values)).toEqual({
      ok: true, path: "Search and Retrieval/Hybrid search.md", replaced: [], unknownPlaceholders: ["{{titel}}"],
    });
    expect(renderPathPattern("{{constructor}} {{title}}", values)).toMatchObject({ ok: true, path: "Hybrid search.md", unknownPlaceholders: ["{{constructor}}"] });
  });

  it("cuts a long file name", () => {
    const r = renderPathPattern("{{company}} - {{title}}", { company: "C", title: "word ".repeat(100) });
    expect(r.ok && r.path.replace(/\.md$/, "").length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  });

  it.each([
    ["{{industry}}", "The file name pattern \"{{industry}}\" gives an empty file name: put {{title}} or {{company}} after its last \"/\"."],
    ["{{category}}/{{industry}}", "The file name pattern \"{{category}}/{{industry}}\" gives an empty file name"],
    ["{{title}}/{{industry}}", "gives an empty file name"],
    ["", "gives an empty file name"],
    ["{{company}}/..", "gives an empty file name"],
    ["{{industry}} ({{industry}})", "gives an empty file name"],
  ])("refuses %j", (pattern, message) => {
    const r = renderPathPattern(pattern, values);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it("gives a path of safe segments, ending in .md, for any values", () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("", "..", ".", "/", "a/../b", "con", "C:\\x", "[[x]]"));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom("company", "title", "category", "industry", "year"), value), (vals) => {
      const r = renderPathPattern("{{category}}/{{industry}}/{{company}} - {{title}} ({{year}})", vals);
      if (!r.ok) return;
      expect(r.path.endsWith(".md")).toBe(true);
      const segments = r.path.replace(/\.md$/, "").split("/");
      expect(segments.length).toBeLessThanOrEqual(3);
      for (const segment of segments) expect(checkName(segment, "x")).toEqual({ ok: true, name: segment, replaced: [] });
    }), numRuns(500));
  });
});

describe("uniquePath", () => {
  const takenIn = (...paths: string[]) => (p: string): boolean => paths.includes(p);
  it.each([
    ["a/Free.md", [], "a/Free.md"],
    ["a/Name.md", ["a/Name.md"], "a/Name 2.md"],
    ["a/Name.md", ["a/Name.md", "a/Name 2.md"], "a/Name 3.md"],
    ["a/Name.md", ["a/Name.md", "a/Name 3.md"], "a/Name 2.md"],
    ["Name.md", ["Name.md"], "Name 2.md"],
    ["v1.2/Release 1.0.md", ["v1.2/Release 1.0.md"], "v1.2/Release 1.0 2.md"],
    ["a.b/Note", ["a.b/Note"], "a.b/Note 2"],
    ["a/.hidden", ["a/.hidden"], "a/.hidden 2"],
    ["a/picture.png", ["a/picture.png"], "a/picture 2.png"],
  ])("%s with %j taken → %s", (path, taken, expected) => {
    expect(uniquePath(path, takenIn(...taken))).toBe(expected);
  });

  it("treats names as the same when the file system does", () => {
    const taken = new Set(["a/name.md", "a/name 2.md"]);
    expect(uniquePath("a/Name.md", (p) => taken.has(p.toLowerCase()))).toBe("a/Name 3.md");
    expect(uniquePath("a/Name.md", (p) => taken.has(p))).toBe("a/Name.md");
  });

  it("never gives a path that exists", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 30 }), (numbers) => {
      const taken = new Set(numbers.map((n) => (n === 1 ? "x/Note.md" : `x/Note ${n}.md`)));
      const path = uniquePath("x/Note.md", (p) => taken.has(p));
      expect(taken.has(path)).toBe(false);
      expect(path).toMatch(/^x\/Note( \d+)?\.md$/);
    }));
  });
});
