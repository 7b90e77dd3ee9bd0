/**
 * Recording a note's template version: the quick way (one new line before the closing fence)
 * writes exactly what the in-place frontmatter editor writes, over generated frontmatter blocks.
 */
import fc from "fast-check";
import { readFrontmatter } from "../../src/core/frontmatter";
import { recordVersion } from "../../src/core/migrate";
import { editFrontmatter } from "../../src/core/yaml-edit";
import { numRuns } from "../support/fast-check";

const line = fc.constantFrom(
  "type: use-case-analysis", "company: Quillmart", "year: 2024", "# a comment", "", "patterns:", "  - RAG Pipeline",
  "tags: [a, b]", "note: |", "  two lines", "  of text", "title: 'quoted: yes'", "empty:", "template-version: 1",
);

const note = fc.record({
  lines: fc.array(line, { maxLength: 10 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  body: fc.constantFrom("", "# Body\n", "text without a final break", "---\nmore\n"),
});

describe("recordVersion", () => {
  it("writes what editFrontmatter writes, for every block it can read", () => {
    fc.assert(fc.property(note, fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constantFrom(1.5, 2, "2", "v3")), ({ lines, crlf, bom, body }, version) => {
      const eol = crlf ? "\r\n" : "\n";
      const text = `${bom ? "\uFEFF" : ""}---${eol}${lines.join(eol)}${lines.length ? eol : ""}---${eol}${body}`;
      const fm = readFrontmatter(text);
      if (fm.kind !== "ok") return true;
      const quick = recordVersion(text, fm.data, version);
      const slow = editFrontmatter(text, { set: { "template-version": version } });
      return JSON.stringify(quick) === JSON.stringify(slow);
    }), numRuns(500));
  });

  it.each([
    ["a plain block", "---\ntype: use-case-analysis\n---\n# A\n", "---\ntype: use-case-analysis\ntemplate-version: 2\n---\n# A\n"],
    ["CRLF", "---\r\ntype: use-case-analysis\r\n---\r\n", "---\r\ntype: use-case-analysis\r\ntemplate-version: 2\r\n---\r\n"],
  ])("%s", (_name, before, after) => {
    const fm = readFrontmatter(before);
    if (fm.kind !== "ok") throw new Error("unreadable");
    expect(recordVersion(before, fm.data, 2)).toEqual({ ok: true, text: after, changed: true });
  });
});
