/**
 * A pattern set from the comparison view is one pass (`syncSettingPattern`, behind
 * `togglePattern`): proved to write what the three steps it replaces wrote — a sync, an edit of
 * `patterns`, a second sync with the first one's record — byte for byte, with the same record,
 * on generated notes in step or not (a box flipped, the property rewritten since the last sync).
 */
import fc from "fast-check";
import { readNote } from "../../src/core/reader";
import { bundledTaxonomy, DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { patternBoxes, sameName, syncNote, type SyncOptions, type SyncRecord } from "../../src/core/sync";
import { togglePattern } from "../../src/core/sync-actions";
import { editFrontmatter } from "../../src/core/yaml-edit";
import { analysisNoteText } from "../support/arbitraries";
import { numRuns } from "../support/fast-check";

const opts: SyncOptions = { prefix: "use-case", patternGroups: DEFAULT_PATTERN_GROUPS, knownPatterns: bundledTaxonomy().patterns };

const LABELS = ["RAG Pipeline", "rag pipeline", "Multi-Stage Funnel", "Batch Inference", "Streaming Inference", " Two-Tower Architecture ",
  "Canary Deployment", "Bespoke Thing", "bespoke thing", "Zwei-Türme", "Hybrid Retrieval", "C#", "a: b"];

/** The toggle as three steps (the code `togglePattern` ran before it was one pass): the reference. */
function threeSteps(text: string, record: SyncRecord | null, label: string, checked: boolean): { text: string; record: SyncRecord } | { failed: true; broken: boolean } {
  const base = syncNote(text, opts, record);
  if (!base.ok) return { failed: true, broken: true };
  if (base.skipped) return { failed: true, broken: false };
  const has = base.patterns.some((p) => sameName(p, label));
  if (has === checked) return { text: base.text, record: base.record };
  const next = checked ? [...base.patterns, label.trim()] : base.patterns.filter((p) => !sameName(p, label));
  const edited = editFrontmatter(base.text, { set: { patterns: next } });
  if (!edited.ok) return { failed: true, broken: false };
  const r = syncNote(edited.text, opts, base.record);
  if (!r.ok) return { failed: true, broken: true };
  if (r.skipped) return { failed: true, broken: false };
  return { text: r.text, record: r.record };
}

type Before = { kind: "none" } | { kind: "flip"; index: number } | { kind: "patterns"; labels: string[] };

const before: fc.Arbitrary<Before> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.nat().map((index) => ({ kind: "flip" as const, index })),
  fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 4 }).map((labels) => ({ kind: "patterns" as const, labels })),
);

describe("togglePattern is the sync, the property edit and the second sync in one pass", () => {
  it("writes the same bytes and the same record as the three steps", () => {
    fc.assert(fc.property(analysisNoteText, fc.boolean(), before, fc.constantFrom(...LABELS), fc.boolean(), (original, synced, change, label, checked) => {
      if (readNote(original).frontmatterError !== null) return;
      let text = original;
      let record: SyncRecord | null = null;
      if (synced) {
        const first = syncNote(original, opts, null);
        if (!first.ok || first.skipped) return;
        text = first.text;
        record = first.record;
      }
      // Out of step since the last sync: a box flipped, or the property rewritten.
      if (change.kind === "flip") {
        const boxes = patternBoxes(readNote(text), DEFAULT_PATTERN_GROUPS);
        if (boxes.length > 0) {
          const b = boxes[change.index % boxes.length];
          text = text.slice(0, b.charOffset) + (b.checked ? " " : "x") + text.slice(b.charOffset + 1);
        }
      } else if (change.kind === "patterns") {
        const edited = editFrontmatter(text, { set: { patterns: change.labels } });
        if (!edited.ok) return;
        text = edited.text;
      }
      const expected = threeSteps(text, record, label, checked);
      const actual = togglePattern(text, opts, record, label, checked);
      if ("failed" in expected) {
        expect(actual).toMatchObject({ ok: false, broken: expected.broken });
      } else {
        if (!actual.ok) throw new Error(actual.message);
        expect(actual.text).toBe(expected.text);
        expect(actual.record).toEqual(expected.record);
      }
    }), numRuns(3000));
    // 3,000 generated toggles take 30–50 s on a loaded 2-core machine.
  }, 120_000);
});
