import fc from "fast-check";
import { applyChanges, mapOffset, textChanges, type TextChange } from "../../src/core/text-diff";

const NOTE = "---\ntype: use-case-analysis\npatterns: []\n---\n# A\n\n**Design Patterns Observed**:\n- [ ] RAG Pipeline\n- [ ] Agents\n\nSome text.\n";

const lineText = fc.array(fc.constantFrom("a", "b", "c", " ", "-", "[x]", "é", "\r"), { maxLength: 4 }).map((p) => p.join(""));
const text = fc.array(lineText, { maxLength: 12 }).chain((lines) => fc.boolean().map((end) => lines.join("\n") + (end ? "\n" : "")));

describe("textChanges", () => {
  it.each<[string, string, string, TextChange[]]>([
    ["equal texts", "abc\n", "abc\n", []],
    ["one character in one line", "a\nbxc\nd\n", "a\nbyc\nd\n", [{ from: 3, to: 4, insert: "y" }]],
    ["a line added at the end: after the previous line's break, so a cursor there stays", "a\n", "a\nb\n", [{ from: 1, to: 1, insert: "\nb" }]],
    ["a line added in a CRLF note: a line break is never split", "a\r\n", "a\r\nb\r\n", [{ from: 3, to: 3, insert: "b\r\n" }]],
    ["a line removed", "a\nb\nc\n", "a\nc\n", [{ from: 2, to: 4, insert: "" }]],
    ["a final line break added", "a", "a\n", [{ from: 1, to: 1, insert: "\n" }]],
    ["from empty", "", "x\n", [{ from: 0, to: 0, insert: "x\n" }]],
    ["to empty", "x\n", "", [{ from: 0, to: 2, insert: "" }]],
    ["two edits far apart stay two", "p: 1\nkeep\nkeep\n- [ ] A\n", "p: 2\nkeep\nkeep\n- [x] A\n",
      [{ from: 3, to: 4, insert: "2" }, { from: 18, to: 19, insert: "x" }]],
  ])("%s", (_name, before, after, expected) => {
    const changes = textChanges(before, after);
    expect(changes).toEqual(expected);
    expect(applyChanges(before, changes)).toBe(after);
  });

  it("ticking a box and setting the property: one edit in the frontmatter, one on the box's line", () => {
    const after = NOTE.replace("patterns: []", "patterns:\n  - RAG Pipeline").replace("- [ ] RAG", "- [x] RAG");
    const changes = textChanges(NOTE, after);
    expect(changes).toHaveLength(2);
    expect(NOTE.slice(changes[1].from, changes[1].to)).toBe(" ");
    expect(applyChanges(NOTE, changes)).toBe(after);
  });

  it("turns any text into any other, with sorted, disjoint edits", () => {
    fc.assert(fc.property(text, text, (a, b) => {
      const changes = textChanges(a, b);
      for (let i = 0; i < changes.length; i++) {
        const c = changes[i];
        if (c.from > c.to || (i > 0 && changes[i - 1].to > c.from)) return false;
        if (c.from === c.to && c.insert === "") return false;
      }
      return applyChanges(a, changes) === b && (a === b) === (changes.length === 0);
    }));
  });

  it("leaves every line the edit did not change untouched", () => {
    // Numbered lines are unique, so the lines kept are exactly the ones not rewritten.
    const edit = fc.record({ rewrite: fc.boolean(), add: fc.boolean(), text: lineText });
    fc.assert(fc.property(fc.array(fc.tuple(lineText, edit), { minLength: 1, maxLength: 15 }), (rows) => {
      const before = rows.map(([t], i) => `L${i}: ${t}\n`);
      const after = rows.flatMap(([t, e], i) => [
        e.rewrite ? `L${i}* ${e.text}\n` : `L${i}: ${t}\n`,
        ...(e.add ? [`new ${i} ${e.text}\n`] : []),
      ]);
      const a = before.join("");
      const changes = textChanges(a, after.join(""));
      let at = 0;
      return applyChanges(a, changes) === after.join("") && rows.every(([, e], i) => {
        const from = at;
        at += before[i].length;
        // An insertion just before the line's break that starts with a break adds lines after it.
        return e.rewrite || changes.every((c) => c.to <= from || c.from >= at || (c.from === c.to && c.from === at - 1 && c.insert.startsWith("\n")));
      });
    }));
  });
});

describe("mapOffset", () => {
  it.each([
    ["before an edit", 1, 1],
    ["at an insertion point: stays before it", 4, 4],
    ["inside a replaced range: to the start of what replaced it", 9, 10],
    ["after the edits: shifted by what they added", 12, 14],
  ])("%s", (_name, offset, expected) => {
    const changes: TextChange[] = [{ from: 4, to: 4, insert: "++" }, { from: 8, to: 10, insert: "zz" }];
    expect(mapOffset(offset, changes)).toBe(expected);
  });

  it("keeps a cursor on the same character when the edits are elsewhere", () => {
    fc.assert(fc.property(text, text, fc.nat(), (x, y, n) => {
      const a = `# Title\n${x}\nCURSOR HERE\n`;
      const b = `# Title\n${y}\nCURSOR HERE\n`;
      const at = a.indexOf("CURSOR HERE") + (n % 11);
      const mapped = mapOffset(at, textChanges(a, b));
      return b.slice(mapped) === a.slice(at);
    }));
  });
});
