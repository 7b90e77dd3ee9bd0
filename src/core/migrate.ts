/**
 * Update notes to the template (PRODUCT.md, "Later additions"): an analysis written before the
 * template gained a pattern checkbox, a checklist item or a whole group gains it too, in place.
 *
 * Only lines are added; nothing the user wrote is deleted, moved, re-ticked or rewritten. New
 * boxes go among the boxes already there in template order, written with the note's own list
 * marker, indentation, blockquote prefix and line endings. A group the note lacks goes after
 * the group that precedes it in the template (or before the one that follows it, or at the end
 * of the section the template has it in); a section the note lacks goes after the section that
 * precedes it: never into the middle of the user's text. The reading is the reader's
 * (checkboxes, headings, bold labels) and label matching is the sync's, so a box is the same
 * box for the migration as for the sync.
 *
 * Per note, a box the user removed on purpose stays out when its label (or its group's name)
 * is listed in the `template-skip` property. A template may carry a `template-version` property;
 * a note brought up to it records that version in its own `template-version`.
 */
import { type Frontmatter, locateFrontmatter } from "./frontmatter";
import { readNote, splitLines, type Checkbox, type ParsedNote } from "./reader";
import { isStudyType, type StudyType } from "./study";
import { type Insertion, insertKeepingReading, insertionPoint, lastLineOfItem, nextMarker } from "./placement";
import { patternBoxes, sameName } from "./sync";
import { editFrontmatter, type EditResult } from "./yaml-edit";

/** The property holding the template's version (in the template) and the version a note was brought to. */
export const TEMPLATE_VERSION_KEY = "template-version";
/** The property listing labels (of boxes or groups) a note leaves out on purpose. */
export const TEMPLATE_SKIP_KEY = "template-skip";

export interface MigrateOptions {
  /** Names of the headings / bold label lines whose checkboxes are patterns. */
  patternGroups: readonly string[];
  /** Heading under which the analysis checklist sits. */
  checklistHeading: string;
}

export type BlockKind = "pattern" | "checklist";

interface TemplateBox {
  label: string;
  key: string;
  /** The item's text after `[ ] `, as the template writes it. */
  text: string;
  /** What follows the label (`(Retrieve → Augment → Generate)`): how a renamed box is recognised. */
  tail: string;
}

interface TemplateHeading {
  text: string;
  level: number;
  /** The heading's line as the template writes it. */
  line: string;
  /** Place among the template's headings. */
  index: number;
}

interface TemplateBlock {
  kind: BlockKind;
  name: string;
  /** The group's line (heading or bold label) as the template writes it. */
  line: string;
  /** Heading level, or 0 for a bold label line. */
  level: number;
  boxes: TemplateBox[];
  /** The heading the block sits under in the template (for a heading block: its parent). */
  section: TemplateHeading | null;
  /** For a heading block, its own heading. */
  self: TemplateHeading | null;
}

/** A template read once for a whole pass. */
export interface TemplatePlan {
  /** The template's `template-version` (a number or text), or null when it has none. */
  version: string | number | null;
  blocks: TemplateBlock[];
  headings: TemplateHeading[];
  /** Lower-cased labels of every pattern box in the template. */
  patternKeys: Set<string>;
}

export type TemplatePlanResult = { ok: true; plan: TemplatePlan } | { ok: false; message: string };

export interface AddedBox {
  label: string;
  /** The group (or checklist subheading) it went under. */
  group: string;
  kind: BlockKind;
  /** Added ticked because the note's `patterns` property already lists it. */
  checked: boolean;
}

export interface MigrateReport {
  addedBoxes: AddedBox[];
  /** Group lines and headings added (with their boxes). */
  addedGroups: string[];
  /** Template boxes found in the note under another label, with the same description (a rename). */
  matchedRenamed: { template: string; note: string }[];
  /** Template labels left out because the note's `template-skip` lists them (or their group). */
  skippedByMarker: string[];
  /** Groups the template has that found no place in the note (no neighbour, no section). */
  unplaced: string[];
  /** The version the note records now, when it was written or raised. */
  version: { from: unknown; to: string | number } | null;
  /** Lines added to the body. */
  addedLines: number;
}

export type MigrateResult =
  | { ok: true; skipped: true; text: string; changed: false }
  | {
    ok: true; skipped: false; text: string; changed: boolean; report: MigrateReport;
    /** The new text's frontmatter (for a sync decision on it without parsing the YAML again). */
    frontmatter: Frontmatter;
  }
  | { ok: false; message: string };

const lc = (s: string): string => s.trim().toLowerCase();

interface Marker { line: number; text: string; level: number }

/** Headings and bold label lines in line order. */
function markersOf(note: ParsedNote): Marker[] {
  const out: Marker[] = [
    ...note.headings.map((h) => ({ line: h.line, text: h.text, level: h.level })),
    ...note.boldLabels.map((b) => ({ line: b.line, text: b.text, level: 0 })),
  ];
  return out.sort((a, b) => a.line - b.line);
}

/** For each checkbox, the index in `markers` of the marker it sits under (-1 for none). */
function markerIndexOf(boxes: readonly Checkbox[], markers: readonly Marker[]): number[] {
  const out: number[] = [];
  let m = -1;
  for (const b of boxes) {
    while (m + 1 < markers.length && markers[m + 1].line < b.line) m++;
    out.push(m);
  }
  return out;
}

/** The heading a marker sits under: itself for a heading when `self`, else the nearest one above of a lower level. */
function sectionOf(markers: readonly Marker[], at: number): Marker | null {
  const m = markers[at];
  for (let i = at - 1; i >= 0; i--) {
    const h = markers[i];
    if (h.level > 0 && (m.level === 0 || h.level < m.level)) return h;
  }
  return null;
}

function tailOf(text: string, label: string): string {
  const at = text.indexOf(label);
  if (at < 0 || label === "") return "";
  return text.slice(at + label.length).replace(/^(\*\*|__)/, "").trim();
}

/** The `template-version` value of a frontmatter, or null. */
export function versionOf(fm: Frontmatter | null | undefined): string | number | null {
  const v = fm?.[TEMPLATE_VERSION_KEY];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return null;
}

/**
 * Compares two versions: dotted numbers part by part (`1.10` after `1.9`), anything else as text.
 * Negative when `a` is older than `b`, 0 when the same, positive when newer.
 */
export function compareVersions(a: string | number, b: string | number): number {
  const pa = String(a).trim().split(".");
  const pb = String(b).trim().split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const d = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Whether a note recording `noteVersion` was written for an older template than `templateVersion`. */
export function writtenForOlderTemplate(noteVersion: string | number | null, templateVersion: string | number | null): boolean {
  if (templateVersion === null) return false;
  return noteVersion === null || compareVersions(noteVersion, templateVersion) < 0;
}

/** Reads a template: its pattern groups and checklist groups with their boxes, its headings and version. */
export function planTemplate(templateText: string, opts: MigrateOptions): TemplatePlanResult {
  const note = readNote(templateText);
  if (note.frontmatterError !== null) return { ok: false, message: `the template's frontmatter is broken: ${note.frontmatterError}` };
  const { lines } = splitLines(templateText);
  const markers = markersOf(note);
  const headings: TemplateHeading[] = note.headings.map((h, index) => ({ text: h.text, level: h.level, line: lines[h.line] ?? "", index }));
  const headingAt = new Map(headings.map((h, i) => [note.headings[i].line, h]));
  const patterns = new Set(patternBoxes(note, opts.patternGroups).map((b) => b.line));
  const owner = markerIndexOf(note.checkboxes, markers);
  const blocks: TemplateBlock[] = [];
  const byMarker = new Map<number, TemplateBlock>();
  const patternKeys = new Set<string>();
  note.checkboxes.forEach((b, i) => {
    const kind: BlockKind | null = patterns.has(b.line) ? "pattern" : sameName(b.heading, opts.checklistHeading) ? "checklist" : null;
    if (kind === null || b.label === "" || owner[i] < 0) return;
    let block = byMarker.get(owner[i]);
    if (!block) {
      const m = markers[owner[i]];
      const section = sectionOf(markers, owner[i]);
      block = {
        kind, name: m.text, line: lines[m.line] ?? "", level: m.level, boxes: [],
        section: section ? headingAt.get(section.line) ?? null : null,
        self: m.level > 0 ? headingAt.get(m.line) ?? null : null,
      };
      byMarker.set(owner[i], block);
      blocks.push(block);
    }
    const key = lc(b.label);
    if (kind === "pattern") patternKeys.add(key);
    if (block.boxes.some((x) => x.key === key)) return;
    block.boxes.push({ label: b.label, key, text: b.text, tail: tailOf(b.text, b.label) });
  });
  const fm = note.frontmatter;
  return { ok: true, plan: { version: versionOf(fm), blocks, headings, patternKeys } };
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "");
  if (typeof v === "string" && v.trim() !== "") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return [];
}

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;


/** The template each kind of note is brought up to: the deep dive for analyses, the case study for case studies. */
export type MigrateTemplates = Partial<Record<StudyType, TemplatePlan>>;

/**
 * Brings one note up to the template of its kind; a note of a kind `templates` has no plan for
 * (or no study at all) is skipped. Broken YAML and text that was not UTF-8 (holding U+FFFD) are
 * refused, unchanged.
 */
export function migrateNote(text: string, templates: MigrateTemplates, opts: MigrateOptions): MigrateResult {
  if (text.includes("\uFFFD")) return { ok: false, message: "the note holds characters that were not UTF-8 (shown as \uFFFD); left alone so that no byte is lost" };
  const note = readNote(text, { tableCells: false });
  if (note.frontmatterError !== null) return { ok: false, message: `broken frontmatter: ${note.frontmatterError}` };
  const fm = note.frontmatter ?? {};
  const plan = isStudyType(fm.type) ? templates[fm.type] : undefined;
  if (!plan) return { ok: true, skipped: true, text, changed: false };

  const { lines } = splitLines(text);
  const lineCount = text.endsWith("\n") ? lines.length - 1 : lines.length;
  const markers = markersOf(note);
  const owner = markerIndexOf(note.checkboxes, markers);
  const boxesUnder = new Map<number, Checkbox[]>();
  note.checkboxes.forEach((b, i) => {
    if (owner[i] < 0) return;
    const list = boxesUnder.get(owner[i]) ?? [];
    list.push(b);
    boxesUnder.set(owner[i], list);
  });
  const patternBoxList = patternBoxes(note, opts.patternGroups);
  const hasPatternGroup = markers.some((m) => opts.patternGroups.some((g) => sameName(m.text, g)));
  const present: Record<BlockKind, Set<string>> = {
    pattern: new Set(patternBoxList.map((b) => lc(b.label))),
    checklist: new Set(note.checkboxes.filter((b) => sameName(b.heading, opts.checklistHeading)).map((b) => lc(b.label))),
  };
  const skip = new Set(stringList(fm[TEMPLATE_SKIP_KEY]).map(lc));
  const listed = new Set(stringList(fm.patterns).map(lc));
  // A note's box whose label the template does not know, by its description: a renamed pattern.
  const byTail = new Map<string, Checkbox>();
  for (const b of patternBoxList) {
    const tail = tailOf(b.text, b.label);
    if (tail !== "" && !plan.patternKeys.has(lc(b.label))) byTail.set(tail, b);
  }
  const bullet = note.checkboxes.find((b) => !/^\d/.test(b.marker))?.marker ?? "-";

  const report: MigrateReport = { addedBoxes: [], addedGroups: [], matchedRenamed: [], skippedByMarker: [], unplaced: [], version: null, addedLines: 0 };
  const insertions: Insertion[] = [];
  /** Lines after line `afterLine`, then a blank line when `blankAfter` is not null (and it keeps the reading). */
  const insert = (afterLine: number, add: string[], blankAfter: string | null = null): void => {
    const same = insertions.find((x) => x.afterLine === afterLine);
    if (!same) { insertions.push({ afterLine, lines: [...add], blankAfter }); return; }
    if (same.blankAfter !== null) same.lines.push(same.blankAfter);
    same.lines.push(...add);
    same.blankAfter = blankAfter;
  };
  // The marker last written at an insertion point: numbered items added one after another count on.
  const lastMarker = new Map<number, string>();
  const blank = (at: number): boolean => at >= lineCount || (lines[at] ?? "").trim() === "";

  // The note's headings and bold labels by name (a deep dive has a hundred; each block looks up its own).
  const byName = new Map<string, number[]>();
  markers.forEach((m, i) => {
    const key = lc(m.text);
    const list = byName.get(key);
    if (list) list.push(i); else byName.set(key, [i]);
  });
  /** Where a marker of the note is, for a template block (a checklist group only under the checklist heading). */
  const findMarker = (block: TemplateBlock): number => (byName.get(lc(block.name)) ?? []).find((i) => {
    if (block.kind === "pattern") return true;
    const m = markers[i];
    const section = m.level > 0 ? m : sectionOf(markers, i);
    return section !== null && sameName(section.text, opts.checklistHeading);
  }) ?? -1;
  const findHeading = (h: TemplateHeading): Marker | undefined => {
    const at = (byName.get(lc(h.text)) ?? []).find((i) => markers[i].level > 0);
    return at === undefined ? undefined : markers[at];
  };
  /** The last line of a group: its line, its items and every line they take in (the sync's rule). */
  const endOfGroup = (markerIndex: number): number => {
    const boxes = boxesUnder.get(markerIndex) ?? [];
    const last = boxes[boxes.length - 1];
    const from = last ? lastLineOfItem(note, text, last, lines) : markers[markerIndex].line;
    return insertionPoint(note, lines, from, last ? last.prefix : "", last ? last.indent + last.marker.length + 1 : bullet.length + 1).afterLine;
  };
  /** The end of a heading's section: before the next heading of its level or above, blank lines and rules. */
  const endOfSection = (h: Marker): number => {
    const next = markers.find((m) => m.line > h.line && m.level > 0 && m.level <= h.level);
    let at = next ? next.line : lineCount;
    while (at - 1 > h.line && ((lines[at - 1] ?? "").trim() === "" || THEMATIC_BREAK.test(lines[at - 1] ?? ""))) at--;
    return at;
  };

  /** What the note lacks of a block: its boxes, checked when the patterns property lists them. */
  const missingOf = (block: TemplateBlock): { box: TemplateBox; checked: boolean }[] => {
    const out: { box: TemplateBox; checked: boolean }[] = [];
    for (const box of block.boxes) {
      if (present[block.kind].has(box.key)) continue;
      if (skip.has(box.key)) { report.skippedByMarker.push(box.label); continue; }
      if (block.kind === "pattern" && box.tail !== "") {
        const renamed = byTail.get(box.tail);
        if (renamed) { report.matchedRenamed.push({ template: box.label, note: renamed.label }); continue; }
      }
      // A label the template has in two groups is added once, under the first.
      present[block.kind].add(box.key);
      out.push({ box, checked: block.kind === "pattern" && listed.has(box.key) });
    }
    return out;
  };
  const boxLine = (prefix: string, marker: string, box: TemplateBox, checked: boolean): string => `${prefix}${marker} [${checked ? "x" : " "}] ${box.text}`;
  const record = (block: TemplateBlock, box: TemplateBox, checked: boolean): void => {
    report.addedBoxes.push({ label: box.label, group: block.name, kind: block.kind, checked });
  };
  /** A block the note lacks, as lines: its group line, then its boxes in the note's list style. */
  const newBlockLines = (block: TemplateBlock, missing: { box: TemplateBox; checked: boolean }[]): string[] => {
    const out = [block.line];
    let marker = bullet;
    for (const m of missing) {
      out.push(boxLine("", marker, m.box, m.checked));
      record(block, m.box, m.checked);
      marker = nextMarker(marker);
    }
    report.addedGroups.push(block.name);
    return out;
  };
  /** The note's heading of the nearest section before `h` in the template, at `h`'s level or above. */
  const anchorBefore = (h: TemplateHeading): Marker | undefined => {
    for (let i = h.index - 1; i >= 0; i--) {
      const before = plan.headings[i];
      if (before.level > h.level) continue;
      const found = findHeading(before);
      if (found) return found;
    }
    return undefined;
  };
  const newSections = new Map<TemplateHeading, { block: TemplateBlock; missing: { box: TemplateBox; checked: boolean }[] }[]>();

  for (const block of plan.blocks) {
    if (block.kind === "pattern" && !hasPatternGroup) continue; // patterns live in the property alone
    const at = findMarker(block);
    if (at >= 0) {
      const missing = missingOf(block);
      if (missing.length === 0) continue;
      const here = boxesUnder.get(at) ?? [];
      const order = block.boxes.map((b) => b.key);
      for (const m of missing) {
        const rank = order.indexOf(m.box.key);
        // The nearest box before it in the template that the group has; else the nearest after it.
        let after: Checkbox | undefined;
        for (let r = rank - 1; r >= 0 && !after; r--) after = here.find((b) => lc(b.label) === order[r]);
        let before: Checkbox | undefined;
        if (!after) for (let r = rank + 1; r < order.length && !before; r++) before = here.find((b) => lc(b.label) === order[r]);
        if (!after && !before) after = here[here.length - 1];
        if (after) {
          // Below every line the new item would take in (the sync's rule).
          const place = insertionPoint(note, lines, lastLineOfItem(note, text, after, lines), after.prefix, after.indent + nextMarker(after.marker).length + 1);
          const marker = nextMarker(lastMarker.get(place.afterLine) ?? after.marker);
          lastMarker.set(place.afterLine, marker);
          insert(place.afterLine, [boxLine(after.prefix, marker, m.box, m.checked)], place.blankAfter);
        } else if (before) {
          insert(before.line - 1, [boxLine(before.prefix, before.marker, m.box, m.checked)]);
        } else {
          const groupLine = lines[markers[at].line] ?? "";
          const quote = /^((?:[ \t]{0,3}>[ \t]?)+)/.exec(groupLine)?.[1] ?? "";
          const place = insertionPoint(note, lines, markers[at].line, quote, bullet.length + 1);
          insert(place.afterLine, [boxLine(quote, bullet, m.box, m.checked)], place.blankAfter);
        }
        record(block, m.box, m.checked);
      }
      continue;
    }
    if (skip.has(lc(block.name))) { report.skippedByMarker.push(block.name); continue; }
    const missing = missingOf(block);
    if (missing.length === 0) continue;
    // A group the note lacks: after its neighbour in the same section of the template, else at
    // the end of that section, else (the section is missing too) with its section.
    const siblings = plan.blocks.filter((b) => b.kind === block.kind && b.section === block.section);
    const mine = siblings.indexOf(block);
    let placed = false;
    for (let s = mine - 1; s >= 0 && !placed; s--) {
      const m = findMarker(siblings[s]);
      if (m < 0) continue;
      const end = endOfGroup(m);
      insert(end, ["", ...newBlockLines(block, missing)], blank(end + 1) ? null : "");
      placed = true;
    }
    for (let s = mine + 1; s < siblings.length && !placed; s++) {
      const m = findMarker(siblings[s]);
      if (m < 0) continue;
      insert(markers[m].line - 1, [...newBlockLines(block, missing), ""]);
      placed = true;
    }
    if (placed) continue;
    const section = block.section;
    const heading = section ? findHeading(section) : undefined;
    if (heading) {
      const where = endOfSection(heading);
      insert(where - 1, ["", ...newBlockLines(block, missing)], blank(where) ? null : "");
    } else if (section) {
      const blocks = newSections.get(section) ?? [];
      blocks.push({ block, missing });
      newSections.set(section, blocks);
    } else {
      // A heading block under no heading of a higher level: a section of its own.
      const anchor = block.self ? anchorBefore(block.self) : undefined;
      if (!anchor) { report.unplaced.push(block.name); continue; }
      const where = endOfSection(anchor);
      insert(where - 1, ["", ...newBlockLines(block, missing)], blank(where) ? null : "");
    }
  }
  // A section the note lacks: after the section that precedes it in the template.
  for (const [section, blocks] of newSections) {
    const anchor = anchorBefore(section);
    if (!anchor) {
      report.unplaced.push(section.text);
      continue;
    }
    const where = endOfSection(anchor);
    report.addedGroups.push(section.text);
    const body = blocks.flatMap(({ block, missing }) => ["", ...newBlockLines(block, missing)]);
    insert(where - 1, ["", section.line, ...body], blank(where) ? null : "");
  }

  let out = text;
  if (insertions.length > 0) {
    const made = insertKeepingReading(text, note, insertions);
    if (!made.keepsReading) return { ok: false, message: "the template's new lines would change how the note's own lines read here (a box would become text, or text a box); left alone" };
    out = made.text;
    for (const ins of made.insertions) report.addedLines += ins.lines.length + (ins.blankAfter === null ? 0 : 1);
  }

  const noteVersion = versionOf(fm);
  if (plan.version !== null && writtenForOlderTemplate(noteVersion, plan.version)) {
    const edited = recordVersion(out, fm, plan.version);
    if (!edited.ok) return { ok: false, message: edited.message };
    out = edited.text;
    report.version = { from: fm[TEMPLATE_VERSION_KEY], to: plan.version };
  }
  const frontmatter = report.version ? { ...fm, [TEMPLATE_VERSION_KEY]: plan.version } : fm;
  return { ok: true, skipped: false, text: out, changed: out !== text, report, frontmatter };
}

/**
 * The note with its template version set. A number for a key the note does not have yet is one
 * new line before the closing fence, exactly what `editFrontmatter` appends (a property test
 * holds the two equal); anything else goes through `editFrontmatter`. Most of a migration's time
 * was the YAML parse behind that one line.
 */
export function recordVersion(text: string, fm: Frontmatter, version: string | number): EditResult {
  if (typeof version === "number" && Number.isFinite(version) && !Object.prototype.hasOwnProperty.call(fm, TEMPLATE_VERSION_KEY)) {
    const block = locateFrontmatter(text);
    if (block !== null && block.yamlEnd > block.yamlStart) {
      const line = `${TEMPLATE_VERSION_KEY}: ${String(version)}${block.eol}`;
      return { ok: true, text: text.slice(0, block.yamlEnd) + line + text.slice(block.yamlEnd), changed: true };
    }
  }
  return editFrontmatter(text, { set: { [TEMPLATE_VERSION_KEY]: version } });
}
