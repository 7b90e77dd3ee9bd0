/**
 * Generated analyses, synced once, then edited on the properties side the way the Properties
 * panel or another plugin would (the `patterns` list rewritten, or a pattern tag removed), then
 * synced again with the record of the first sync: the body follows the properties, every byte
 * but the managed keys, the task characters and the added checkbox lines stays, a further sync
 * is a no-op, and the decision made with the caller's frontmatter is the same decision.
 * (Body-side toggles: sync.property.test.ts; 10,000 generated notes between the two.)
 */
import fc from "fast-check";
import { readNote } from "../../src/core/reader";
import { bundledTaxonomy, DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { decideSync, patternBoxes, syncNote, type SyncOptions } from "../../src/core/sync";
import { slug } from "../../src/core/tags";
import { editFrontmatter } from "../../src/core/yaml-edit";
import { analysisNoteText } from "../support/arbitraries";
import { skeleton, unmanaged } from "../support/note-skeleton";
import { numRuns } from "../support/fast-check";

const opts: SyncOptions = { prefix: "use-case", patternGroups: DEFAULT_PATTERN_GROUPS, knownPatterns: bundledTaxonomy().patterns };

const LABELS = ["RAG Pipeline", "rag pipeline", "Multi-Stage Funnel", "Batch Inference", "Streaming Inference",
  "Two-Tower Architecture", "Canary Deployment", "Bespoke Thing", "Zwei-Türme"];

type PropertyEdit = { kind: "patterns"; labels: string[] } | { kind: "dropTag"; index: number };

const propertyEdit: fc.Arbitrary<PropertyEdit> = fc.oneof(
  fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 4 }).map((labels) => ({ kind: "patterns" as const, labels })),
  fc.nat().map((index) => ({ kind: "dropTag" as const, index })),
);

const lower = (xs: readonly string[]): string[] => [...new Set(xs.map((x) => x.toLowerCase()))].sort();
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/**
 * `after` is `before` plus whole lines that are added checkboxes (task characters blanked), each
 * run of them maybe followed by one blank line (which keeps a paragraph below out of the list).
 */
function sameBesidesAddedLines(before: string, after: string, added: readonly string[]): boolean {
  const b = before.split("\n");
  const a = after.split("\n");
  const isAdded = (line: string): boolean => {
    const label = /\[\?\] (.*?)\r?$/.exec(line)?.[1];
    return label !== undefined && added.includes(label);
  };
  // Whether a[i..] is b[j..] with such lines inserted; `afterAdded`: a[i - 1] is an added box.
  const memo = new Map<string, boolean>();
  const fits = (i: number, j: number, afterAdded: boolean, boxes: number): boolean => {
    if (i === a.length) return j === b.length && boxes === added.length;
    const key = `${i},${j},${afterAdded},${boxes}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const ok = (j < b.length && a[i] === b[j] && fits(i + 1, j + 1, false, boxes))
      || (isAdded(a[i]) && fits(i + 1, j, true, boxes + 1))
      || (afterAdded && /^[>\s]*$/.test(a[i]) && fits(i + 1, j, false, boxes));
    memo.set(key, ok);
    return ok;
  };
  return fits(0, 0, false, 0);
}

describe("syncNote after an edit of the properties", () => {
  it("makes the body follow, keeps every other byte, settles in one sync", () => {
    fc.assert(fc.property(analysisNoteText, propertyEdit, (original, edit) => {
      if (readNote(original).frontmatterError !== null) return; // refused; tested by the table
      const first = syncNote(original, opts, null);
      if (!first.ok || first.skipped) throw new Error(first.ok ? "skipped" : first.message);
      const synced = readNote(first.text);
      const hasGroups = [...synced.headings, ...synced.boldLabels].some((h) => DEFAULT_PATTERN_GROUPS.some((g) => g.toLowerCase() === h.text.toLowerCase()));

      let expected: string[];
      let edited;
      if (edit.kind === "patterns") {
        expected = lower(edit.labels);
        edited = editFrontmatter(first.text, { set: { patterns: edit.labels } });
      } else {
        const tags = strings(synced.frontmatter?.tags);
        const ours = tags.filter((t) => t.startsWith("use-case/pattern/"));
        if (ours.length === 0) return;
        const gone = ours[edit.index % ours.length];
        expected = lower(first.patterns.filter((p) => `use-case/pattern/${slug(p)}` !== gone));
        edited = editFrontmatter(first.text, { set: { tags: tags.filter((t) => t !== gone) } });
      }
      if (!edited.ok) throw new Error(edited.message);

      const editedNote = readNote(edited.text);
      const r = syncNote(edited.text, opts, first.record);
      if (!r.ok || r.skipped) throw new Error(r.ok ? "skipped" : r.message);
      // The decision made with the frontmatter a caller already has is the same decision, and
      // deciding without making the text says the same.
      expect(syncNote(edited.text, opts, first.record, { frontmatter: editedNote.frontmatter ?? undefined })).toEqual(r);
      const { propertiesChanged: _, ...decidedReport } = r.report;
      expect(decideSync(edited.text, opts, first.record, { frontmatter: editedNote.frontmatter ?? undefined }))
        .toEqual({ ok: true, skipped: false, changed: r.changed, record: r.record, patterns: r.patterns, report: { ...decidedReport, propertiesChanged: false } });
      expect(r.report.conflict).toBe(false);

      const after = readNote(r.text);
      const patterns = lower(strings(after.frontmatter?.patterns));
      // (2) the properties' edit won, and both sides agree.
      expect(patterns).toEqual(expected);
      if (hasGroups) {
        expect(lower(patternBoxes(after, DEFAULT_PATTERN_GROUPS).filter((b) => b.checked).map((b) => b.label))).toEqual(expected);
        expect(patternBoxes(after, DEFAULT_PATTERN_GROUPS).filter((b) => !b.checked).map((b) => b.label.toLowerCase()).some((l) => expected.includes(l))).toBe(false);
      } else {
        expect(r.report.addedCheckboxes).toEqual([]);
      }
      const tags = strings(after.frontmatter?.tags);
      expect(lower(tags.filter((t) => t.startsWith("use-case/pattern/")).map((t) => t.slice(17)))).toEqual(lower(expected.map(slug)));
      // (1) nothing else changed but task characters and the added checkbox lines.
      expect(sameBesidesAddedLines(skeleton(edited.text), skeleton(r.text), r.report.addedCheckboxes)).toBe(true);
      // (3) a second sync changes nothing.
      const again = syncNote(r.text, opts, r.record);
      expect(again.ok && again.changed).toBe(false);
      // (4) the other properties read the same.
      expect(unmanaged(after.frontmatter)).toEqual(unmanaged(editedNote.frontmatter));
    }), numRuns(5000));
    // 5,000 generated notes take 20–30 s on a 2-core machine: more than the default timeout allows under load.
  }, 120_000);
});
