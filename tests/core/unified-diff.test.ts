import fc from "fast-check";
import { unifiedDiff } from "../../src/core/unified-diff";

describe("unifiedDiff", () => {
  it.each([
    ["same lines: no diff", "a\nb\n", "a\nb\n", ""],
    ["a line added in the middle", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nnew\n5\n6\n7\n8\n",
      "--- a/n.md\n+++ b/n.md\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n"],
    ["lines added at the start of an empty text", "", "x\ny\n", "--- a/n.md\n+++ b/n.md\n@@ -0,0 +1,2 @@\n+x\n+y\n"],
    ["a changed line, CRLF read as lines", "k: 1\r\nbody\r\n", "k: 2\r\nbody\r\n", "--- a/n.md\n+++ b/n.md\n@@ -1,2 +1,2 @@\n-k: 1\n+k: 2\n body\n"],
    ["two changes far apart: two hunks", "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n", "A\na\n1\n2\n3\n4\n5\n6\n7\n8\nb\nB\n",
      "--- a/n.md\n+++ b/n.md\n@@ -1,3 +1,4 @@\n+A\n a\n 1\n 2\n@@ -8,3 +9,4 @@\n 7\n 8\n b\n+B\n"],
  ])("%s", (_name, before, after, want) => {
    expect(unifiedDiff("n.md", before, after)).toBe(want);
  });

  it("its kept and removed lines are the old text, its kept and added lines the new one", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "", "- [ ] x"), { maxLength: 12 });
    fc.assert(fc.property(lines, lines, (a, b) => {
      const before = a.map((l) => l + "\n").join("");
      const after = b.map((l) => l + "\n").join("");
      const diff = unifiedDiff("n.md", before, after, 1e6);
      if (before === after) { expect(diff).toBe(""); return; }
      const body = diff.split("\n").slice(3, -1);
      expect(body.filter((l) => !l.startsWith("+")).map((l) => l.slice(1))).toEqual(a);
      expect(body.filter((l) => !l.startsWith("-")).map((l) => l.slice(1))).toEqual(b);
    }), { numRuns: 500 });
  });
});
