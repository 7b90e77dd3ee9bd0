/**
 * Generated analyses and checkbox toggles, synced the way the plugin does (record kept between
 * syncs): the four guarantees of the sync issue hold for every one of them. (Edits on the
 * properties side: sync-properties.property.test.ts; 10,000 generated notes between the two.)
 */
import fc from "fast-check";
import { readNote } from "../../src/core/reader";
import { bundledTaxonomy, DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { patternBoxes, syncNote, type SyncOptions, type SyncRecord } from "../../src/core/sync";
import { slug } from "../../src/core/tags";
import { analysisNoteText } from "../support/arbitraries";
import { skeleton, unmanaged } from "../support/note-skeleton";
import { numRuns } from "../support/fast-check";

const opts: SyncOptions = { prefix: "use-case", patternGroups: DEFAULT_PATTERN_GROUPS, knownPatterns: bundledTaxonomy().patterns };

function flip(text: string, index: number): string {
  const boxes = patternBoxes(readNote(text), DEFAULT_PATTERN_GROUPS);
  if (boxes.length === 0) return text;
  const b = boxes[index % boxes.length];
  return text.slice(0, b.charOffset) + (b.checked ? " " : "x") + text.slice(b.charOffset + 1);
}

describe("syncNote on generated notes and toggles", () => {
  it("keeps every other byte, makes both sides agree, settles in one sync, keeps the other properties", () => {
    fc.assert(fc.property(analysisNoteText, fc.array(fc.nat(), { maxLength: 3 }), (original, toggles) => {
      const first = readNote(original);
      if (first.frontmatterError !== null) return; // malformed notes are refused; tested by the table
      let text = original;
      let record: SyncRecord | null = null;
      const syncs = [null, ...toggles];
      for (const t of syncs) {
        if (t !== null) text = flip(text, t);
        const before = text;
        const r = syncNote(text, opts, record);
        if (!r.ok) throw new Error(r.message);
        if (r.skipped) throw new Error("an analysis was skipped");
        // (1) only managed keys and task characters may change.
        expect(skeleton(r.text)).toBe(skeleton(before));
        // (2) frontmatter and checkboxes agree.
        const after = readNote(r.text);
        const hasGroups = [...after.headings, ...after.boldLabels].some((h) => DEFAULT_PATTERN_GROUPS.some((g) => g.toLowerCase() === h.text.toLowerCase()));
        const patterns = ((after.frontmatter?.patterns as string[] | undefined) ?? []).map((p) => p.toLowerCase()).sort();
        // With no pattern group in the body, the property is where patterns live (PRODUCT.md).
        const checked = hasGroups
          ? [...new Set(patternBoxes(after, DEFAULT_PATTERN_GROUPS).filter((b) => b.checked).map((b) => b.label.toLowerCase()))].sort()
          : patterns;
        expect(patterns).toEqual(checked);
        const tags = ((after.frontmatter?.tags as unknown[] | undefined) ?? []).filter((x): x is string => typeof x === "string");
        expect(tags.filter((x) => x.startsWith("use-case/pattern/")).map((x) => x.slice(17)).sort()).toEqual([...new Set(checked.map((c) => slug(c)))].sort());
        // (3) a second sync changes nothing.
        const again = syncNote(r.text, opts, r.record);
        expect(again.ok && again.changed).toBe(false);
        // (4) still parses, with the same non-managed frontmatter.
        expect(unmanaged(after.frontmatter)).toEqual(unmanaged(readNote(before).frontmatter));
        text = r.text;
        record = r.record;
      }
    }), numRuns(5000));
    // 5,000 generated notes take 20–30 s on a 2-core machine: more than the default timeout allows under load.
  }, 120_000);
});
