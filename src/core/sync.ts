/**
 * Two-way sync of pattern checkboxes and frontmatter (PRODUCT.md, "Sync rules").
 *
 * The body's pattern checkboxes and the `patterns` / `<prefix>/pattern/…` tag properties state
 * the same facts. A record of the last synced state tells which side the user changed; with no
 * record the body is the truth. When both sides changed, the union of checked patterns wins.
 * `category` and `industry` drive their own tags. Every byte outside the managed keys and the
 * checkbox characters (and checkbox lines the sync adds) stays as it was, and a sync that has
 * nothing to change returns the very same text.
 */
import type { Frontmatter } from "./frontmatter";
import { type Insertion, insertKeepingReading, insertionPoint, lastLineOfItem, nextMarker } from "./placement";
import { readNote, type Checkbox, type ParsedNote, splitLines } from "./reader";
import { ANALYSIS_TYPE, ARTICLE_TYPE, CASE_STUDY_TYPE } from "./study";
import { isManagedTag, isManagedTagUnder, managedTag, movedTag, slug } from "./tags";
import type { PatternDef } from "./taxonomy";
import { editFrontmatter, type ManagedValue } from "./yaml-edit";

export interface SyncOptions {
  prefix: string;
  /** Prefixes used before `prefix`: their tags are the plugin's, rewritten under `prefix` (settings' `formerTagPrefixes`). */
  formerPrefixes?: readonly string[];
  patternGroups: readonly string[];
  /** Patterns in template order, with their groups (where a missing checkbox is added). */
  knownPatterns: readonly PatternDef[];
}

/** The state of a note at its last sync: checked pattern labels and pattern tag slugs, lower-cased and sorted. */
export interface SyncRecord {
  patterns: string[];
  tags: string[];
}

export interface SyncReport {
  /** Labels whose checkbox the sync checked / unchecked. */
  checked: string[];
  unchecked: string[];
  /** Labels given a new checkbox line. */
  addedCheckboxes: string[];
  /** Labels whose group is not in the note, added under its first pattern group instead. */
  placedUnderFirstGroup: string[];
  /** Both sides changed since the last sync; the union was kept. */
  conflict: boolean;
  /** The managed frontmatter changed. */
  propertiesChanged: boolean;
}

export type SyncResult =
  | { ok: true; skipped: true; text: string; changed: false }
  | { ok: true; skipped: false; text: string; changed: boolean; record: SyncRecord; report: SyncReport; patterns: string[] }
  | { ok: false; message: string };

/**
 * A label as compared: trimmed, in NFC (an "é" typed as one code point or as "e" and an accent
 * is one label, as it is one tag), lower case. ASCII, the usual case, skips the normalisation.
 */
const lc = (s: string): string => {
  const t = s.trim();
  // eslint-disable-next-line no-control-regex -- any character beyond ASCII
  return (/[^\x00-\x7f]/.test(t) ? t.normalize("NFC") : t).toLowerCase();
};

export function sameName(a: string | null | undefined, b: string): boolean {
  return typeof a === "string" && lc(a) === lc(b);
}

function asStringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "");
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return [];
}

/**
 * The `tags` property as a list. A tag holds no spaces or commas, so a string (`tags: a, b` or
 * `tags: a b`, the old way of writing several) is split on both; Obsidian 1.9 itself reads such
 * a string as no tags at all (captured: yaml_tags_with_two_values_on_one_line), so when the sync
 * has to write `tags` it writes a list holding the user's tags, which is what they meant.
 */
function tagList(v: unknown): string[] {
  if (typeof v === "string") return v.split(/[,\s]+/).filter((s) => s !== "");
  return asStringList(v);
}

// slug() normalises and runs two Unicode regexes; the same few labels come back on every sync.
const slugMemo = new Map<string, string>();
function slugOf(label: string): string {
  let s = slugMemo.get(label);
  if (s === undefined) {
    if (slugMemo.size > 5000) slugMemo.clear();
    s = slug(label);
    slugMemo.set(label, s);
  }
  return s;
}

function sortedKeys(list: Iterable<string>): string[] {
  const keys = new Set<string>();
  for (const s of list) keys.add(lc(s));
  return [...keys].sort();
}

// A record's lists are compared on every change of its note: their keys are worked out once.
const recordKeys = new WeakMap<readonly string[], string[]>();
function keysOf(list: readonly string[]): string[] {
  let keys = recordKeys.get(list);
  if (!keys) { keys = sortedKeys(list); recordKeys.set(list, keys); }
  return keys;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return sameKeys(sortedKeys(a), sortedKeys(b));
}

/** Whether `a` and a record's list (never changed in place) hold the same patterns. */
function sameAsRecorded(a: readonly string[], recorded: readonly string[]): boolean {
  return sameKeys(sortedKeys(a), keysOf(recorded));
}

function sameKeys(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Tells whether a heading or bold label (the reader trims them) names a pattern group. Asked
 * for every heading and checkbox of a long note on every change: the length comes first, and
 * the checkboxes of one group ask with the same name one after another.
 */
const groupKeys = new WeakMap<readonly string[], { keys: Set<string>; lengths: Set<number> }>();
function groupMatcher(groups: readonly string[]): (name: string | null) => boolean {
  // The groups are the settings' array, the same from sync to sync until the settings change.
  let cached = groupKeys.get(groups);
  if (!cached) {
    const keys = new Set(groups.map(lc));
    cached = { keys, lengths: new Set([...keys].map((k) => k.length)) };
    groupKeys.set(groups, cached);
  }
  const { keys, lengths } = cached;
  let lastName: string | null = null;
  let lastAnswer = false;
  return (name) => {
    if (name === null) return false;
    if (name === lastName) return lastAnswer;
    lastName = name;
    lastAnswer = lengths.has(name.length) && keys.has(name.toLowerCase());
    return lastAnswer;
  };
}

interface KnownIndex {
  /** Lower-cased label → template spelling. */
  spelling: Map<string, string>;
  /** Lower-cased label → place in the template. */
  rank: Map<string, number>;
}

// The known patterns are the same array from sync to sync (the taxonomy's): index them once.
const knownIndexes = new WeakMap<readonly PatternDef[], KnownIndex>();
function knownIndex(known: readonly PatternDef[]): KnownIndex {
  const cached = knownIndexes.get(known);
  if (cached) return cached;
  const spelling = new Map<string, string>();
  const rank = new Map<string, number>();
  known.forEach((p, i) => {
    const key = lc(p.label);
    spelling.set(key, p.label);
    if (!rank.has(key)) rank.set(key, i);
  });
  const index = { spelling, rank };
  knownIndexes.set(known, index);
  return index;
}

/** The note's checkboxes that are patterns: under one of the configured pattern groups. */
export function patternBoxes(note: ParsedNote, groups: readonly string[]): Checkbox[] {
  const isGroup = groupMatcher(groups);
  return note.checkboxes.filter((c) => c.label !== "" && isGroup(c.group));
}

/** Where the note's pattern groups start: headings and bold label lines named like a group. */
function groupLines(note: ParsedNote, groups: readonly string[]): { name: string; line: number }[] {
  const isGroup = groupMatcher(groups);
  const found: { name: string; line: number }[] = [];
  for (const h of note.headings) if (isGroup(h.text)) found.push({ name: h.text, line: h.line });
  for (const b of note.boldLabels) if (isGroup(b.text)) found.push({ name: b.text, line: b.line });
  return found.sort((a, b) => a.line - b.line);
}

/** Pattern labels in template order first, then the rest in the order given. */
export function inTemplateOrder(labels: string[], known: readonly PatternDef[]): string[] {
  if (labels.length < 2) return [...labels];
  const { rank } = knownIndex(known);
  // Ranked once per label (not per comparison); the sort is stable, ties keep their order.
  const ranked = labels.map((label) => ({ label, at: rank.get(lc(label)) ?? 1e9 }));
  ranked.sort((a, b) => a.at - b.at);
  return ranked.map((r) => r.label);
}

/** The tags a study should carry: the user's own (as written, in order), then ours. */
export function desiredTags(current: unknown, prefix: string, category: unknown, industry: unknown, patterns: string[], former: readonly string[] = []): string[] {
  const user = tagList(current).filter((t) => !isManagedTagUnder(prefix, former, t));
  const ours: string[] = [];
  if (typeof category === "string" && slugOf(category) !== "") ours.push(`${prefix}/category/${slugOf(category)}`);
  if (typeof industry === "string" && slugOf(industry) !== "") ours.push(`${prefix}/industry/${slugOf(industry)}`);
  for (const p of patterns) if (slugOf(p) !== "") ours.push(`${prefix}/pattern/${slugOf(p)}`);
  return [...user, ...new Set(ours)];
}

/**
 * The tags to write, in the order the user keeps them: every tag of the current list that stays
 * (the user's, and the plugin's own that are still wanted, written as wanted) keeps its place;
 * the plugin's own that are no longer wanted go; new ones are appended in `desired` order. A list
 * that already holds exactly the wanted tags, in any order, is therefore left as it is. A tag
 * under a former prefix is written under the current one in its place.
 */
function keptInPlace(current: unknown, desired: string[], prefix: string, former: readonly string[]): string[] {
  if (!Array.isArray(current)) return desired;
  const wanted = new Set(desired);
  const placed = new Set<string>();
  const out: string[] = [];
  for (const item of current) {
    // A number or a boolean the user typed as a tag is kept as its text; empty items go.
    const t = typeof item === "string" ? item : typeof item === "number" || typeof item === "boolean" ? String(item) : null;
    if (t === null || t.trim() === "") continue;
    if (isManagedTag(prefix, t)) {
      if (!wanted.has(t) || placed.has(t)) continue;
      placed.add(t);
    } else if (former.length > 0 && isManagedTagUnder(prefix, former, t)) {
      const moved = movedUnder(t, prefix, former);
      if (moved !== null && wanted.has(moved) && !placed.has(moved)) { placed.add(moved); out.push(moved); }
      continue;
    }
    out.push(t);
  }
  for (const t of desired) if (!placed.has(t) && isManagedTag(prefix, t)) out.push(t);
  return out;
}

/** A tag under one of the former prefixes, written under `prefix`. */
function movedUnder(tag: string, prefix: string, former: readonly string[]): string | null {
  for (const p of former) {
    const moved = movedTag(tag, p, prefix);
    if (moved !== null) return moved;
  }
  return null;
}

/** The slugs of the pattern tags, under the prefix or a former one (a prefix change is not a change of the patterns). */
function patternTagSlugs(tags: unknown, prefix: string, former: readonly string[] = []): string[] {
  const heads = [prefix, ...former].map((p) => `${p.toLowerCase()}/pattern/`);
  const slugs: string[] = [];
  for (const tag of tagList(tags)) {
    const t = (tag.charCodeAt(0) === 35 /* # */ ? tag.slice(1) : tag).toLowerCase();
    const head = heads.find((h) => t.startsWith(h));
    if (head !== undefined) slugs.push(t.slice(head.length));
  }
  return slugs;
}

/** The record of a note in step whose checked patterns are these. */
export function recordOfPatterns(patterns: readonly string[]): SyncRecord {
  return { patterns: sortedKeys(patterns), tags: sortedKeys(patterns.map((p) => slugOf(p))) };
}

/**
 * A record read off a note's properties alone (`patterns`, and the pattern tags under
 * `prefix`): the state to compare with when the properties are the best knowledge of the last
 * sync (a note the plugin has not synced yet, seen when it starts).
 */
export function recordFromProperties(frontmatter: Frontmatter, prefix: string, former: readonly string[] = []): SyncRecord {
  return { patterns: sortedKeys(asStringList(frontmatter.patterns)), tags: sortedKeys(patternTagSlugs(frontmatter.tags, prefix, former)) };
}

/** A record after the pattern `from` was renamed `to` in the note. */
export function renameInRecord(record: SyncRecord, from: string, to: string): SyncRecord {
  const fromKey = lc(from);
  const fromSlug = slugOf(from);
  return {
    patterns: sortedKeys(record.patterns.map((p) => (p === fromKey ? to : p))),
    tags: sortedKeys(record.tags.map((t) => (t === fromSlug ? slugOf(to) : t))),
  };
}

/**
 * The patterns the body says are checked. Boxes sharing a label (a duplicate, or a pattern in
 * two groups) are one pattern: when they disagree, the one the user just changed says what they
 * meant, which is the state that differs from the last sync (unchecking one of two checked
 * boxes unchecks the pattern); with no record, any checked box counts.
 */
function bodyPatterns(boxes: readonly Checkbox[], keys: readonly string[], record: SyncRecord | null): string[] {
  const state = new Map<string, { on: boolean; off: boolean }>();
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    const key = keys[i];
    const s = state.get(key) ?? { on: false, off: false };
    if (b.checked) s.on = true; else s.off = true;
    state.set(key, s);
  }
  const out: string[] = [];
  for (const [key, s] of state) {
    if (!s.on) continue;
    if (s.off && record && record.patterns.includes(key)) continue;
    out.push(key);
  }
  return out.sort();
}

/**
 * Decides and applies one sync of a note's text. `known.frontmatter` is the note's frontmatter
 * when the caller already has it for this very text (Obsidian's metadata cache): the decision
 * then skips parsing the YAML. A sync that edits the frontmatter parses it anyway.
 */
export function syncNote(text: string, opts: SyncOptions, record: SyncRecord | null, known: { frontmatter?: Frontmatter } = {}): SyncResult {
  return runSync(text, opts, record, known, true) as SyncResult;
}

export type SyncDecision =
  | { ok: true; skipped: true; changed: false }
  | { ok: true; skipped: false; changed: boolean; record: SyncRecord; report: SyncReport; patterns: string[] }
  | { ok: false; message: string };

/**
 * Whether `syncNote` would change the note, without making the new text (no frontmatter edit):
 * what the plugin asks on every change before it decides to write. Same `changed`, `record`,
 * `patterns` and `conflict` as `syncNote`; `report` lacks `propertiesChanged`. A note whose
 * frontmatter `syncNote` would refuse to edit (a managed key behind an anchor) is "changed"
 * here and refused there.
 */
export function decideSync(text: string, opts: SyncOptions, record: SyncRecord | null, known: { frontmatter?: Frontmatter } = {}): SyncDecision {
  return runSync(text, opts, record, known, false);
}

/**
 * The note as `syncNote` leaves it with the pattern `label` then checked or unchecked: the same
 * text, record and patterns as `syncNote`, an edit of `patterns` to hold (or not) that label, and
 * a second `syncNote` with the first one's record would give, made in one pass (one frontmatter
 * edit). The report covers both. A refused edit says whether the note itself cannot be synced
 * (`broken`) or only this change cannot be written.
 */
export function syncSettingPattern(text: string, opts: SyncOptions, record: SyncRecord | null, label: string, checked: boolean): SyncResult | { ok: false; message: string; broken: boolean } {
  const r = runSync(text, opts, record, {}, true, { label, checked }) as SyncResult;
  return r.ok ? r : { ok: false, message: r.message, broken: !("broken" in r) || r.broken === true };
}

function runSync(text: string, opts: SyncOptions, record: SyncRecord | null, known: { frontmatter?: Frontmatter }, apply: boolean, toggle?: { label: string; checked: boolean }): SyncResult | SyncDecision | { ok: false; message: string; broken: boolean } {
  const note = readNote(text, { frontmatter: known.frontmatter, tableCells: false });
  if (note.frontmatterError !== null) return { ok: false, message: `broken frontmatter: ${note.frontmatterError}` };
  const fm = note.frontmatter ?? {};
  if (fm.type !== ANALYSIS_TYPE && fm.type !== CASE_STUDY_TYPE) return { ok: true, skipped: true, text, changed: false };

  const boxes = patternBoxes(note, opts.patternGroups);
  const groups = groupLines(note, opts.patternGroups);
  const hasGroups = groups.length > 0;

  // Canonical spelling: the note's checkbox label, else the template's, else as written. (Looked
  // up in three maps rather than copying the template's into a new one on every change.)
  const template = knownIndex(opts.knownPatterns);
  const boxKeys = boxes.map((b) => lc(b.label));
  const boxSpelling = new Map<string, string>();
  for (let i = 0; i < boxes.length; i++) boxSpelling.set(boxKeys[i], boxes[i].label);
  const propPatterns = asStringList(fm.patterns);
  const propSpelling = new Map<string, string>();
  for (const p of propPatterns) {
    const key = lc(p);
    if (!boxSpelling.has(key) && !template.spelling.has(key) && !propSpelling.has(key)) propSpelling.set(key, p.trim());
  }
  const spelling = { get: (key: string): string | undefined => boxSpelling.get(key) ?? template.spelling.get(key) ?? propSpelling.get(key) };
  // Slug → pattern key, over the template's and the note's checkbox labels (the last one with a
  // slug wins); only a tag added in the properties needs it.
  let bySlugMap: Map<string, string> | null = null;
  const bySlug = (slugText: string): string | undefined => {
    if (!bySlugMap) {
      bySlugMap = new Map();
      for (const [key, label] of template.spelling) bySlugMap.set(slugOf(boxSpelling.get(key) ?? label), key);
      for (const [key, label] of boxSpelling) if (!template.spelling.has(key)) bySlugMap.set(slugOf(label), key);
    }
    return bySlugMap.get(slugText);
  };

  const body = bodyPatterns(boxes, boxKeys, record);
  const former = opts.formerPrefixes ?? [];
  const tagSlugs = patternTagSlugs(fm.tags, opts.prefix, former);

  let desired: string[];
  let conflict = false;
  if (!hasGroups) {
    // No pattern group in the body (a case study): the property is the only place patterns live.
    desired = sortedKeys(propPatterns);
    if (record) {
      const removed = record.tags.filter((t) => !tagSlugs.includes(t));
      desired = desired.filter((p) => !removed.includes(slugOf(p)));
    }
  } else if (!record) {
    desired = body;
  } else {
    const removedTags = record.tags.filter((t) => !tagSlugs.includes(t));
    const addedTags = tagSlugs.filter((t) => !record.tags.includes(t));
    let propSide = sortedKeys(propPatterns);
    propSide = propSide.filter((p) => !removedTags.includes(slugOf(spelling.get(p) ?? p)));
    for (const t of addedTags) {
      const key = bySlug(t);
      if (key && !propSide.includes(key)) propSide.push(key);
    }
    propSide = sortedKeys(propSide);
    const bodyChanged = !sameAsRecorded(body, record.patterns);
    const propChanged = !sameAsRecorded(propSide, record.patterns);
    if (bodyChanged && propChanged) {
      desired = sortedKeys([...body, ...propSide]);
      conflict = !sameSet(body, propSide);
    } else if (propChanged) {
      desired = propSide;
    } else {
      desired = body;
    }
  }

  // A pattern set from the comparison view (`syncSettingPattern`): what a sync of the note, then
  // an edit of its `patterns` property, then a second sync would write, in one pass. The second
  // sync's decision is known without reading the note again: its body agrees with this sync's
  // decision and its properties hold that list with the one pattern added or taken away, so the
  // properties' side wins (sorted, as any change made on that side).
  const toggleKey = toggle ? lc(toggle.label) : "";
  const toggled = toggle !== undefined && desired.includes(toggleKey) !== toggle.checked;
  const final = !toggled ? desired : sortedKeys(toggle.checked ? [...desired, toggleKey] : desired.filter((d) => d !== toggleKey));
  const wanted = new Set(final);

  // Body: toggle checkbox characters in place, add lines for checked labels with no checkbox.
  const report: SyncReport = { checked: [], unchecked: [], addedCheckboxes: [], placedUnderFirstGroup: [], conflict, propertiesChanged: false };
  const charEdits: { offset: number; char: string }[] = [];
  if (hasGroups) {
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i];
      const want = wanted.has(boxKeys[i]);
      if (want && !b.checked) { charEdits.push({ offset: b.charOffset, char: "x" }); report.checked.push(b.label); }
      if (!want && b.checked) { charEdits.push({ offset: b.charOffset, char: " " }); report.unchecked.push(b.label); }
    }
  }
  const insertions: Insertion[] = [];
  if (hasGroups) {
    const present = new Set(boxKeys);
    let textLines: string[] | undefined;
    // The lines added under each group, and the marker of the last one.
    const added = new Map<string, { insertion: Insertion; prefix: string; marker: string }>();
    const addBox = (label: string, second: boolean): void => {
      const known = opts.knownPatterns.find((p) => sameName(p.label, label));
      let group = known ? groups.find((g) => sameName(g.name, known.group)) : undefined;
      if (!group) { group = groups[0]!; report.placedUnderFirstGroup.push(label); }
      const char = wanted.has(lc(label)) ? "x" : " ";
      report.addedCheckboxes.push(label);
      const before = added.get(group.name);
      if (before && second) {
        // The second sync finds this sync's new lines the group's last boxes: it adds below them.
        before.marker = nextMarker(before.marker);
        before.insertion.lines.push(`${before.prefix}${before.marker} [${char}] ${label}`);
        return;
      }
      const siblings = boxes.filter((b) => b.group !== null && sameName(b.group, group.name) && b.line > group.line);
      const last = siblings[siblings.length - 1];
      const prefix = last ? last.prefix : "";
      const marker = last ? nextMarker(last.marker) : "-";
      textLines ??= splitLines(text).lines;
      const place = insertionPoint(note, textLines, last ? lastLineOfItem(note, text, last, textLines) : group.line, prefix, (last ? last.indent : 0) + marker.length + 1);
      const line = `${prefix}${marker} [${char}] ${label}`;
      const existing = insertions.find((i) => i.afterLine === place.afterLine);
      if (existing) existing.lines.push(line);
      else insertions.push({ afterLine: place.afterLine, lines: [line], blankAfter: place.blankAfter });
      if (!before) added.set(group.name, { insertion: existing ?? insertions[insertions.length - 1], prefix, marker });
    };
    const missing = inTemplateOrder(desired.filter((d) => !present.has(d)).map((d) => spelling.get(d) ?? d), opts.knownPatterns);
    for (const label of missing) addBox(label, false);
    if (toggled && toggle.checked && !present.has(toggleKey)) addBox(boxSpelling.get(toggleKey) ?? template.spelling.get(toggleKey) ?? toggle.label.trim(), true);
  }

  // Frontmatter: patterns (template order) and tags.
  const patterns = inTemplateOrder(desired.map((d) => spelling.get(d) ?? d), opts.knownPatterns);
  let set: Record<string, ManagedValue> = {};
  // Compared as written: a list holding anything but these strings (e.g. `[null]`) is rewritten.
  const currentPatterns: unknown[] = Array.isArray(fm.patterns) ? fm.patterns : [];
  const patternsDiffer = currentPatterns.length !== patterns.length || currentPatterns.some((p, i) => p !== patterns[i]) || (fm.patterns !== undefined && !Array.isArray(fm.patterns));
  if (patternsDiffer && !(fm.patterns === undefined && patterns.length === 0)) set.patterns = patterns;
  const tags = tagsToWrite(fm.tags, fm, patterns, opts.prefix, former);
  if (tags !== null) set.tags = tags;
  let newPatterns = patterns;
  let firstEdit: Record<string, ManagedValue> | null = null;
  if (toggled) {
    // The property edit writes `patterns`; the second sync writes it in template order and the
    // tags that go with it: one edit writes both.
    const spell = (key: string): string => (key === toggleKey ? boxSpelling.get(key) ?? template.spelling.get(key) ?? toggle.label.trim() : spelling.get(key) ?? key);
    newPatterns = inTemplateOrder(final.map(spell), opts.knownPatterns);
    const tagsBefore = set.tags ?? fm.tags;
    const tagsAfter = tagsToWrite(tagsBefore, fm, newPatterns, opts.prefix, former);
    // When the properties are out of step too, the first sync's edit is made first: the editor
    // keeps the style of what is there (a list it emptied stays `[]`, one of two equal entries
    // goes), so writing the end result over the original could differ from what the steps wrote.
    if (Object.keys(set).length > 0) firstEdit = set;
    set = { patterns: newPatterns };
    if (tagsAfter !== null) set.tags = tagsAfter;
  }
  const newRecord = recordOfPatterns(newPatterns);
  if (!apply) {
    const changed = charEdits.length > 0 || insertions.length > 0 || Object.keys(set).length > 0;
    return { ok: true, skipped: false, changed, report, patterns: newPatterns, record: newRecord };
  }

  let out = text;
  for (const e of [...charEdits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.char + out.slice(e.offset + 1);
  // (The ticks do not move lines: the note read before them says where the new lines go.)
  if (insertions.length > 0) out = insertKeepingReading(out, note, insertions).text;
  if (firstEdit) {
    const edited = editFrontmatter(out, { set: firstEdit });
    if (!edited.ok) return { ok: false, message: edited.message, broken: true };
    out = edited.text;
  }
  if (Object.keys(set).length > 0) {
    const edited = editFrontmatter(out, { set });
    if (!edited.ok) return { ok: false, message: edited.message, ...(toggled ? { broken: false } : {}) };
    report.propertiesChanged = edited.changed;
    out = edited.text;
  }

  return {
    ok: true, skipped: false, text: out, changed: out !== text, report, patterns: newPatterns, record: newRecord,
  };
}

/**
 * The `tags` a sync writes when the note's `patterns` are `patterns` and its `tags` property
 * holds `current`, or null when it leaves the property as it is.
 */
function tagsToWrite(current: unknown, fm: Frontmatter, patterns: string[], prefix: string, former: readonly string[]): string[] | null {
  const tags = keptInPlace(current, desiredTags(current, prefix, fm.category, fm.industry, patterns, former), prefix, former);
  const currentTags = Array.isArray(current) ? (current as unknown[]) : null;
  const tagsDiffer = !currentTags || currentTags.length !== tags.length || currentTags.some((t, i) => t !== tags[i]);
  return tagsDiffer && !(current === undefined && tags.length === 0) && !(current === null && tags.length === 0) ? tags : null;
}

/** The list marker after `marker`: the next number for a numbered item, the same bullet otherwise. */
export interface RenameResult { text: string; changed: boolean }

/**
 * Renames a pattern in a note: checkbox labels (bold markers and the " (…)" tail kept),
 * `patterns` entries and the pattern tag. Returns the same text when the note does not use it.
 */
export function renamePatternInNote(text: string, from: string, to: string, opts: SyncOptions): RenameResult | { ok: false; message: string } {
  const note = readNote(text);
  if (note.frontmatterError !== null) return { ok: false, message: `broken frontmatter: ${note.frontmatterError}` };
  const { lines, starts } = splitLines(text);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const b of patternBoxes(note, opts.patternGroups)) {
    if (!sameName(b.label, from)) continue;
    const lineStart = starts[b.line];
    const line = lines[b.line];
    const textStart = b.charOffset - lineStart + 3; // past "x] "
    const idx = line.indexOf(b.label, textStart - 1);
    if (idx >= 0) edits.push({ start: lineStart + idx, end: lineStart + idx + b.label.length, text: to });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const fm = note.frontmatter ?? {};
  const set: Record<string, ManagedValue> = {};
  const patterns = asStringList(fm.patterns);
  if (patterns.some((p) => sameName(p, from))) set.patterns = patterns.map((p) => (sameName(p, from) ? to : p));
  const fromTag = managedTag(opts.prefix, "pattern", from).toLowerCase();
  const tags = tagList(fm.tags);
  if (tags.some((t) => t.replace(/^#/, "").toLowerCase() === fromTag)) {
    set.tags = tags.map((t) => (t.replace(/^#/, "").toLowerCase() === fromTag ? managedTag(opts.prefix, "pattern", to) : t));
  }
  if (Object.keys(set).length > 0) {
    const r = editFrontmatter(out, { set });
    if (!r.ok) return { ok: false, message: r.message };
    out = r.text;
  }
  return { text: out, changed: out !== text };
}

/** Renames a category or industry value in a note's property and tag. */
export function renameTaxonomyValueInNote(text: string, kind: "category" | "industry", from: string, to: string, prefix: string): RenameResult | { ok: false; message: string } {
  const note = readNote(text);
  if (note.frontmatterError !== null) return { ok: false, message: `broken frontmatter: ${note.frontmatterError}` };
  const fm = note.frontmatter ?? {};
  if (typeof fm[kind] !== "string" || !sameName(fm[kind], from)) return { text, changed: false };
  const fromTag = managedTag(prefix, kind, from).toLowerCase();
  const set: Record<string, ManagedValue> = { [kind]: to };
  const tags = tagList(fm.tags);
  if (tags.some((t) => t.replace(/^#/, "").toLowerCase() === fromTag)) {
    set.tags = tags.map((t) => (t.replace(/^#/, "").toLowerCase() === fromTag ? managedTag(prefix, kind, to) : t));
  }
  const r = editFrontmatter(text, { set });
  if (!r.ok) return { ok: false, message: r.message };
  return { text: r.text, changed: r.changed };
}

/**
 * Writes the plugin's tags under `from` (category, industry, pattern and article tags) under
 * `to`, each in its place in the `tags` property of a study or article note; every other tag
 * stays as written. Returns the same text when the note has none (or is not one of ours).
 */
export function renameTagPrefixInNote(text: string, from: string, to: string): RenameResult | { ok: false; message: string } {
  const note = readNote(text);
  if (note.frontmatterError !== null) return { ok: false, message: `broken frontmatter: ${note.frontmatterError}` };
  const type = note.frontmatter?.type;
  // Only the plugin's notes carry its tags; a tag that looks like one elsewhere is the user's.
  if (type !== ANALYSIS_TYPE && type !== CASE_STUDY_TYPE && type !== ARTICLE_TYPE) return { text, changed: false };
  const tags = tagList(note.frontmatter?.tags);
  const moved = tags.map((t) => movedTag(t, from, to) ?? t);
  if (moved.every((t, i) => t === tags[i])) return { text, changed: false };
  const r = editFrontmatter(text, { set: { tags: moved.filter((t, i) => moved.indexOf(t) === i) } });
  if (!r.ok) return { ok: false, message: r.message };
  return { text: r.text, changed: r.changed };
}

/** `renameTagPrefixInNote` from each former prefix to `prefix`: how a note `syncNote` skips (an article) follows a prefix change. */
export function moveTagsToPrefix(text: string, prefix: string, former: readonly string[]): RenameResult | { ok: false; message: string } {
  let out: RenameResult = { text, changed: false };
  for (const from of former) {
    const r = renameTagPrefixInNote(out.text, from, prefix);
    if (!("changed" in r)) return r;
    if (r.changed) out = r;
  }
  return out;
}
