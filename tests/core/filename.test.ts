import fc from "fast-check";
import { checkName, MAX_NAME_LENGTH, renderPathPattern, replacedCharacters, uniquePath } from "../../src/core/filename";

describe("checkName", () => {
  it.each([
    ["Instacart", "Instacart"],
    ["  Uber  ", "Uber"],
    ["a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j"],
    ["Title #1 ^x [draft]", "Title 1 x draft"],
    [".hidden", "hidden"],
    ["...dots", "dots"],
    ["trailing. ", "trailing"],
    ["CON", "CON_"],
    ["lpt1", "lpt1_"],
    ["con.txt", "con.txt_"],
    ["Console", "Console"],
    ["tab\there", "tab here"],
    ["Zürich – Größe", "Zürich – Größe"],
  ])("%j → %j", (raw, name) => {
    expect(checkName(raw, "title")).toMatchObject({ ok: true, name });
  });

  it.each([
    ["", "Title is empty."],
    ["   ", "Title is empty."],
    ["///", "Title has no characters a file name can use."],
    ["...", "Title has no characters a file name can use."],
  ])("refuses %j: %s", (raw, message) => {
    expect(checkName(raw, "title")).toEqual({ ok: false, message });
  });

  it("cuts a long name at a word boundary", () => {
    const r = checkName("word ".repeat(60), "title");
    expect(r.ok && r.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(r.ok && r.name.endsWith("word")).toBe(true);
  });

  it("says which characters it replaced", () => {
    expect(replacedCharacters("a:b?c:d")).toEqual([":", "?"]);
    expect(checkName("a:b", "title")).toEqual({ ok: true, name: "a b", replaced: [":"] });
  });

  it("gives a safe name or a message for any string", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (raw) => {
      const r = checkName(raw, "title");
      if (!r.ok) { expect(r.message).toMatch(/^Title /); return; }
      // eslint-disable-next-line no-control-regex -- checking that no control character survives
      expect(r.name).not.toMatch(/[\\/:*?"<>|#^[\]\u0000-\u001f]/);
      expect(r.name).not.toMatch(/^\.|[.\s]$/);
      expect(r.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(r.name).not.toMatch(/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i);
      expect(r.name).not.toBe("");
    }), { numRuns: 2000 });
  });
});

describe("renderPathPattern", () => {
  const values = { company: "Instacart", title: "Hybrid search", category: "Search and Retrieval", industry: "", year: "2024" };
  it.each([
    ["{{category}}/{{company}} - {{title}}", "Search and Retrieval/Instacart - Hybrid search.md"],
    ["{{industry}}/{{company}} - {{title}}", "Instacart - Hybrid search.md"],
    ["{{year}}/{{title}} ({{company}})", "2024/Hybrid search (Instacart).md"],
    ["{{company}} - {{industry}}", "Instacart.md"],
  ])("%s → %s", (pattern, path) => {
    expect(renderPathPattern(pattern, values)).toMatchObject({ ok: true, path });
  });

  it("never lets a value add a folder or climb out", () => {
    const r = renderPathPattern("{{category}}/{{title}}", { category: "../../etc", title: "a/b/../c" });
    expect(r).toMatchObject({ ok: true, path: "etc/a b .. c.md" });
    expect(r.ok && r.path.split("/")).toHaveLength(2);
  });

  it("refuses a pattern that gives no file name", () => {
    const r = renderPathPattern("{{industry}}", values);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("empty file name");
  });
});

describe("uniquePath", () => {
  it("never overwrites: adds 2, 3 …", () => {
    const taken = new Set(["a/Name.md", "a/Name 2.md"]);
    expect(uniquePath("a/Name.md", (p) => taken.has(p))).toBe("a/Name 3.md");
    expect(uniquePath("a/Free.md", (p) => taken.has(p))).toBe("a/Free.md");
  });
  it("treats names as the same when the file system does", () => {
    const taken = new Set(["a/name.md"]);
    expect(uniquePath("a/Name.md", (p) => taken.has(p.toLowerCase()))).toBe("a/Name 2.md");
  });
});
