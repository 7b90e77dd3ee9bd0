/**
 * Generated notes and edits: whatever the note, an edit changes only the managed keys it names.
 */
import fc from "fast-check";
import { isMap, parseDocument, type Pair } from "yaml";
import { locateFrontmatter } from "../../src/core/frontmatter";
import { readNote } from "../../src/core/reader";
import { editFrontmatter } from "../../src/core/yaml-edit";
import { edits, noteText } from "../support/arbitraries";
import { numRuns } from "../support/fast-check";

/** The note's text with the source of the named top-level keys cut out (key line to value end). */
function withoutKeys(text: string, keys: Set<string>): string {
  const block = locateFrontmatter(text);
  if (!block) return text;
  const doc = parseDocument(block.yaml);
  if (!isMap(doc.contents)) return text;
  const cuts: [number, number][] = [];
  for (const pair of doc.contents.items as Pair<{ value: string; range: number[] }, { range: number[] } | null>[]) {
    if (!keys.has(pair.key.value)) continue;
    const start = block.yaml.lastIndexOf("\n", pair.key.range[0] - 1) + 1;
    let end = Math.max(pair.value?.range[1] ?? 0, pair.key.range[2]);
    if (block.yaml[end - 1] !== "\n") { const nl = block.yaml.indexOf("\n", end); end = nl < 0 ? block.yaml.length : nl + 1; }
    cuts.push([start, end]);
  }
  let yaml = block.yaml;
  for (const [s, e] of cuts.sort((a, b) => b[0] - a[0])) yaml = yaml.slice(0, s) + yaml.slice(e);
  return text.slice(0, block.yamlStart) + yaml + text.slice(block.yamlEnd);
}

describe("editFrontmatter on generated notes", () => {
  it("changes exactly the managed keys it was asked to, and nothing else", () => {
    fc.assert(fc.property(noteText, edits, ({ text }, e) => {
      const before = readNote(text);
      const r = editFrontmatter(text, e);
      if (!r.ok) {
        // Only a broken or non-map block may be refused — never a good one.
        expect(before.frontmatterError !== null || /anchor|not a list of properties|not plain text/.test(r.message)).toBe(true);
        return;
      }
      const after = readNote(r.text);
      expect(after.frontmatterError).toBeNull();
      const fmBefore = before.frontmatter ?? {};
      const fmAfter = after.frontmatter ?? {};
      const touched = new Set([...Object.keys(e.set), ...e.remove]);
      for (const [k, v] of Object.entries(e.set)) expect(fmAfter[k]).toEqual(v);
      for (const k of e.remove) expect(fmAfter).not.toHaveProperty(k);
      for (const [k, v] of Object.entries(fmBefore)) if (!touched.has(k)) expect(fmAfter[k]).toEqual(v);
      // Byte for byte: with the touched keys cut out of both, the notes are identical (an empty
      // new block aside, when the note had none).
      const cutBefore = withoutKeys(text, touched);
      const cutAfter = withoutKeys(r.text, touched);
      if (locateFrontmatter(text)) expect(cutAfter).toBe(cutBefore);
      else expect(cutAfter.replace(/^(\uFEFF?)---\r?\n---\r?\n/, "$1")).toBe(cutBefore);
      // The body's checkboxes are where they were, shifted by the frontmatter's change in lines.
      const shift = (after.frontmatterBlock?.closingLine ?? -1) - (before.frontmatterBlock?.closingLine ?? -1);
      expect(after.checkboxes.map((c) => [c.line - shift, c.char, c.label])).toEqual(before.checkboxes.map((c) => [c.line, c.char, c.label]));
      // Idempotent: the same edit again writes nothing.
      expect(editFrontmatter(r.text, e)).toEqual({ ok: true, text: r.text, changed: false });
    }), numRuns(3000));
  });
});
