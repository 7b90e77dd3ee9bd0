/**
 * Generated notes (old analyses written from the bundled template with boxes removed, ticked and
 * the user's lines added among them; and free-form generated analyses) brought up to generated
 * template edits (new pattern boxes, checklist items, a new pattern group): the text only gains
 * whole lines, every byte of the user's text stays, a second run is a no-op, and what was added
 * is what the report says.
 */
import fc from "fast-check";
import { migrateNote, planTemplate, TEMPLATE_VERSION_KEY, type MigrateOptions } from "../../src/core/migrate";
import { readNote } from "../../src/core/reader";
import { DEFAULT_CHECKLIST_HEADING, DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { analysisNoteText } from "../support/arbitraries";

const opts: MigrateOptions = { patternGroups: [...DEFAULT_PATTERN_GROUPS, "Serving Patterns"], checklistHeading: DEFAULT_CHECKLIST_HEADING };

type TemplateEdit = { kind: "box" | "item" | "group"; at: number; n: number };

const templateEdit: fc.Arbitrary<TemplateEdit> = fc.record({ kind: fc.constantFrom("box" as const, "item" as const, "group" as const), at: fc.nat(), n: fc.nat({ max: 5 }) });

/** The bundled template with boxes, checklist items or a pattern group added. */
function editedTemplate(edits: readonly TemplateEdit[]): string {
  const lines = BUNDLED_DEEP_DIVE_TEMPLATE.split("\n");
  for (const e of edits) {
    const note = readNote(lines.join("\n"));
    const boxes = note.checkboxes.filter((c, i, all) => (e.kind === "item" ? c.heading === DEFAULT_CHECKLIST_HEADING : c.heading !== DEFAULT_CHECKLIST_HEADING)
      // A new group goes after the last box of a group, not into the middle of one.
      && (e.kind !== "group" || all[i + 1]?.group !== c.group));
    const after = boxes[e.at % boxes.length];
    const add = e.kind === "box" ? [`- [ ] **New Pattern ${e.n}** (added later)`]
      : e.kind === "item" ? [`- [ ] Did you ask question ${e.n}?`]
        : ["", "**Serving Patterns**:", `- [ ] **Model Cache ${e.n}** (a new group)`, ""];
    if (e.kind === "group" && lines.some((l) => l.startsWith("**Serving Patterns**"))) continue;
    lines.splice(after.line + 1, 0, ...add);
  }
  return lines.join("\n");
}

/** An analysis written from the bundled template, then worked on: boxes gone, ticked, lines of the user's. */
const olderNote = fc.tuple(
  fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom("my note", "  indented continuation", "", "> quoted", "**Bold label**:", "- plain item", "1. [x] My Own Pattern")), { maxLength: 6 }),
  fc.boolean(), fc.constantFrom("-", "*", "+"),
).map(([drops, ticks, extra, crlf, marker]) => {
  let lines = BUNDLED_DEEP_DIVE_TEMPLATE.split("\n");
  const boxLines = () => readNote(lines.join("\n")).checkboxes.map((c) => c.line);
  for (const d of drops) { const b = boxLines(); if (b.length > 0) lines.splice(b[d % b.length], 1); }
  for (const t of ticks) { const b = boxLines(); if (b.length > 0) { const i = b[t % b.length]; lines[i] = lines[i].replace("[ ]", "[x]"); } }
  lines = lines.map((l) => l.replace(/^- \[/, `${marker} [`));
  for (const [at, line] of extra) lines.splice(at % (lines.length + 1), 0, line);
  const text = `---\ntype: use-case-analysis\ncompany: Quillmart # mine\n---\n${lines.join("\n")}`;
  return crlf ? text.replace(/\n/g, "\r\n") : text;
});

/** Whether `after` is `before` with whole lines added (and nothing else): the user's text byte for byte. */
function onlyAddedLines(before: string, after: string): { ok: boolean; added: number } {
  const b = before.split("\n");
  const a = after.split("\n");
  let j = 0;
  for (const line of a) if (j < b.length && line === b[j]) j++;
  return { ok: j === b.length, added: a.length - b.length };
}

describe("migrateNote on generated notes and template edits", () => {
  it("only adds lines, keeps the user's text byte for byte, and a second run changes nothing", () => {
    let migrated = 0;
    fc.assert(fc.property(fc.oneof(olderNote, analysisNoteText), fc.array(templateEdit, { maxLength: 4 }), (note, edits) => {
      const p = planTemplate(editedTemplate(edits), opts);
      if (!p.ok) throw new Error(p.message);
      const r = migrateNote(note, { "use-case-analysis": p.plan }, opts);
      if (!r.ok) { expect(readNote(note).frontmatterError).not.toBeNull(); return; }
      if (r.skipped) return;
      if (r.changed) migrated++;
      const diff = onlyAddedLines(note, r.text);
      expect(diff.ok).toBe(true);
      expect(diff.added).toBe(r.report.addedLines);
      expect(r.changed).toBe(r.report.addedLines > 0);
      // The note's line ends: no bare LF in a CRLF note.
      if (note.includes("\r\n")) expect(r.text.replace(/\r\n/g, "").includes("\n")).toBe(false);
      // Every added box reads back as a box of its group (or the checklist), unticked unless listed.
      const after = readNote(r.text);
      for (const added of r.report.addedBoxes) {
        expect(after.checkboxes.some((c) => c.label.toLowerCase() === added.label.toLowerCase())).toBe(true);
      }
      // What was there is still there, ticked as it was.
      const before = readNote(note);
      expect(after.checkboxes.filter((c) => c.checked).length).toBe(before.checkboxes.filter((c) => c.checked).length + r.report.addedBoxes.filter((b) => b.checked).length);
      const again = migrateNote(r.text, { "use-case-analysis": p.plan }, opts);
      expect(again).toMatchObject({ ok: true, changed: false, text: r.text });
    }), { numRuns: 400 });
    // The generators reach the point: most notes gain lines.
    expect(migrated).toBeGreaterThan(100);
  }, 120_000);

  it("boxes of a group end up in template order when they were before", () => {
    fc.assert(fc.property(olderNote, fc.array(templateEdit, { maxLength: 4 }), (note, edits) => {
      const template = editedTemplate(edits);
      const p = planTemplate(template, opts);
      if (!p.ok) throw new Error(p.message);
      const r = migrateNote(note, { "use-case-analysis": p.plan }, opts);
      if (!r.ok || r.skipped) throw new Error(r.ok ? "skipped" : r.message);
      const rank = new Map<string, number>();
      readNote(template).checkboxes.forEach((c, i) => { if (!rank.has(c.label.toLowerCase())) rank.set(c.label.toLowerCase(), i); });
      const ordered = (text: string): boolean => {
        const last = new Map<string, number>();
        for (const c of readNote(text).checkboxes) {
          const at = rank.get(c.label.toLowerCase());
          const group = c.group ?? "";
          if (at === undefined) continue;
          if ((last.get(group) ?? -1) > at) return false;
          last.set(group, at);
        }
        return true;
      };
      if (ordered(note)) expect(ordered(r.text)).toBe(true);
    }), { numRuns: 200 });
  }, 120_000);

  it("with a template version: the body only gains lines, the frontmatter only the version", () => {
    fc.assert(fc.property(olderNote, fc.array(templateEdit, { maxLength: 3 }), fc.integer({ min: 1, max: 30 }), (note, edits, version) => {
      const p = planTemplate(`---\n${TEMPLATE_VERSION_KEY}: ${version}\n---\n${editedTemplate(edits)}`, opts);
      if (!p.ok) throw new Error(p.message);
      const r = migrateNote(note, { "use-case-analysis": p.plan }, opts);
      if (!r.ok || r.skipped) throw new Error(r.ok ? "skipped" : r.message);
      const fmBefore = readNote(note).frontmatter ?? {};
      const fmAfter = readNote(r.text).frontmatter ?? {};
      expect(fmAfter).toEqual({ ...fmBefore, [TEMPLATE_VERSION_KEY]: version });
      const body = (t: string): string => t.slice(t.indexOf("---", 4));
      expect(onlyAddedLines(body(note), body(r.text)).ok).toBe(true);
      expect(migrateNote(r.text, { "use-case-analysis": p.plan }, opts)).toMatchObject({ ok: true, changed: false });
    }), { numRuns: 200 });
  }, 120_000);
});
