/**
 * Where lines added to a note go (the sync's new boxes, the migration's boxes, groups and
 * sections), and the one check both make: the note, read again, reads every line it had as it
 * did before. One rule for both, so that a migration and a sync never disagree on a note.
 *
 * In Obsidian's reading (CommonMark) a list item takes in the lines below it that go on without
 * a blank line and start no block of their own (lazy continuation lines), and the lines indented
 * to its content. A line added in the wrong place changes what the lines around it are: text
 * becomes a nested task, a task becomes text, a label leaves the list it went on from.
 */
import { type Checkbox, type ParsedNote, readNote, splitLines } from "./reader";

/** Lines added after line `afterLine` (-1: before the first line); `blankAfter`: then a blank line (with the quote's markers) when it keeps the reading. */
export interface Insertion { afterLine: number; lines: string[]; blankAfter: string | null }

/** The marker after `marker` in its list: `3.` after `2.`, a bullet stays itself. */
export function nextMarker(marker: string): string {
  const m = /^(\d+)([.)])$/.exec(marker);
  return m ? `${Number(m[1]) + 1}${m[2]}` : marker;
}

/** The last line of a list item: its own line plus more-indented continuation lines below it. */
export function lastLineOfItem(note: ParsedNote, text: string, box: Checkbox, textLines?: readonly string[]): number {
  const lines = textLines ?? splitLines(text).lines;
  let last = box.line;
  const stop = new Set([...note.checkboxes.map((c) => c.line), ...note.headings.map((h) => h.line), ...note.boldLabels.map((b) => b.line)]);
  for (let i = box.line + 1; i < lines.length; i++) {
    const l = lines[i] ?? "";
    if (stop.has(i) || l.trim() === "") break;
    const indent = /^[\s>]*/.exec(l)?.[0].replace(/>/g, " ").length ?? 0;
    if (indent <= box.indent + box.prefix.replace(/\s+$/, "").length) break;
    last = i;
  }
  return last;
}

const QUOTE_MARKERS = /^(?:[ \t]{0,3}>[ \t]?)+/;
/** Opens a block at an indent of 0 to 3 columns: a heading, a fence, a quote, an HTML or `%%` comment block, a thematic break. */
const OPENS_BLOCK = /^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|>|<[A-Za-z/!?]|%%|([-*_])(?:[ \t]*\1){2,}[ \t]*$)/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** A line as a list item's continuation sees it: its quote depth, blank or not, indent (columns) and text after the indent. */
function lineShape(line: string): { depth: number; blank: boolean; indent: number; rest: string } {
  const quote = QUOTE_MARKERS.exec(line)?.[0] ?? "";
  const content = line.slice(quote.length);
  let indent = 0;
  let k = 0;
  for (; k < content.length; k++) {
    const c = content.charCodeAt(k);
    if (c === 32) indent++;
    else if (c === 9) indent += 4 - (indent % 4);
    else break;
  }
  const rest = content.slice(k);
  return { depth: (quote.match(/>/g) ?? []).length, blank: rest.trim() === "", indent, rest };
}

/**
 * Where a new list item goes after line `from` (a group's line, or the end of its last box's
 * item), `prefix` the quote markers and indent it is written with and `column` its content's
 * column. In Obsidian's reading (CommonMark) a list item takes in the lines below it that go on
 * without a blank line and start no block of their own (lazy continuation lines: a paragraph
 * that went on under the line before) and the lines indented to its content (after blank lines
 * too): put right after `from`, the item would take such lines from the paragraph or item they
 * belong to, and an indented `- [ ]` line (indented code, or text going on) would become a task.
 * So the item goes below every such line, never past a heading, a bold label line, a box that
 * is not indented to its content or another block's start. When what follows is a bold label
 * line (a paragraph the item would take in), a blank line goes between (`blankAfter`).
 */
export function insertionPoint(note: ParsedNote, lines: readonly string[], from: number, prefix: string, column: number): { afterLine: number; blankAfter: string | null } {
  const depth = (prefix.match(/>/g) ?? []).length;
  const boxAt = new Set(note.checkboxes.map((c) => c.line));
  const groupAt = new Set([...note.headings.map((h) => h.line), ...note.boldLabels.map((b) => b.line)]);
  const taken = (i: number, afterBlank: boolean): boolean => {
    if (groupAt.has(i)) return false;
    const l = lineShape(lines[i] ?? "");
    if (l.blank || l.depth > depth) return false;
    if (l.depth === depth && l.indent >= column) return true;
    if (afterBlank) return false;
    // Not indented to the item's content: taken in only as a lazy continuation line. A line outside
    // the item's quote indented four columns or more starts no list item (nor code: neither may
    // interrupt a paragraph), so the new item's paragraph would take it in, box or not.
    if (l.depth < depth && l.indent >= 4) return true;
    if (boxAt.has(i) || LIST_MARKER.test(l.rest)) return false;
    return !(l.indent <= 3 && OPENS_BLOCK.test(l.rest));
  };
  let end = from;
  // A group's bold label line is a paragraph: a `---` or `===` line going on from it underlines
  // it (a heading), and stays with it.
  let paragraph = note.boldLabels.some((b) => b.line === from);
  for (let i = from + 1; i < lines.length; i++) {
    const here = lineShape(lines[i] ?? "");
    if (paragraph && !here.blank && here.depth === depth && here.indent <= 3 && /^(?:-+|=+)[ \t]*$/.test(here.rest)) { end = i; paragraph = false; continue; }
    if (here.blank) paragraph = false;
    if (here.blank) {
      // Blank lines, then a line indented to the item's content: the item would take it in.
      let j = i + 1;
      while (j < lines.length && lineShape(lines[j] ?? "").blank) j++;
      if (j >= lines.length || !taken(j, true)) break;
      i = j;
    } else if (!taken(i, false)) {
      break;
    }
    const rest = lineShape(lines[i] ?? "").rest;
    const fence = /^(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence) {
      // A fenced block it would take in goes with it, to its closing fence (none: stay above it).
      let close = i + 1;
      while (close < lines.length && !new RegExp(`^${fence[0]}{${fence.length},}[ \t]*$`).test(lineShape(lines[close] ?? "").rest)) close++;
      if (close >= lines.length) break;
      i = close;
    }
    end = i;
  }
  const quote = (QUOTE_MARKERS.exec(prefix)?.[0] ?? "").trimEnd();
  return { afterLine: end, blankAfter: note.boldLabels.some((b) => b.line === end + 1) ? quote : null };
}

/** The lines each insertion adds (its lines, then its blank line if it keeps one). */
function added(ins: Insertion): string[] {
  return ins.blankAfter === null ? ins.lines : [...ins.lines, ins.blankAfter];
}

/** The text with the lines inserted, in the text's own line endings. */
export function insertLines(text: string, insertions: readonly Insertion[]): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const { starts, lines } = splitLines(text);
  let out = text;
  for (const ins of [...insertions].sort((a, b) => b.afterLine - a.afterLine)) {
    if (ins.afterLine < 0) {
      out = added(ins).map((l) => l + eol).join("") + out;
      continue;
    }
    const lineStart = starts[ins.afterLine] ?? 0;
    // New lines go right after the line's text, before its own line ending.
    const lineEnd = lineStart + (lines[ins.afterLine] ?? "").length;
    out = out.slice(0, lineEnd) + added(ins).map((l) => eol + l).join("") + out.slice(lineEnd);
  }
  return out;
}

const BOX_LINE = /^(?:[ \t]{0,3}>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[.\](?:[ \t]|$)/;

/** What an inserted line is meant to be: a box, a group's line (heading or bold label), or neither. */
function kindOfLine(line: string): "box" | "group" | null {
  if (BOX_LINE.test(line)) return "box";
  const alone = readNote(line.replace(/^(?:[ \t]{0,3}>[ \t]?)+/, ""), { tableCells: false });
  return alone.headings.length > 0 || alone.boldLabels.length > 0 ? "group" : null;
}

/**
 * Whether `after` (the note `before` was read from, with `insertions` made) reads every line of
 * `before` as it did: each box a box with its label, group and heading, each heading and bold
 * label the same; and each box or group line inserted reads as one.
 */
export function readsAsBefore(before: ParsedNote, after: ParsedNote, insertions: readonly Insertion[]): boolean {
  const sorted = [...insertions].sort((a, b) => a.afterLine - b.afterLine);
  // Where an original line is now: moved down by the lines inserted above it.
  const moved = (line: number): number => {
    let shift = 0;
    for (const ins of sorted) {
      if (ins.afterLine >= line) break;
      shift += added(ins).length;
    }
    return line + shift;
  };
  let boxes = before.checkboxes.length;
  let groups = before.headings.length + before.boldLabels.length;
  let shift = 0;
  const insertedBoxes = new Set<number>();
  for (const ins of sorted) {
    added(ins).forEach((line, k) => {
      const kind = kindOfLine(line);
      if (kind === "box") { boxes++; insertedBoxes.add(ins.afterLine + shift + 1 + k); }
      if (kind === "group") groups++;
    });
    shift += added(ins).length;
  }
  if (after.checkboxes.length !== boxes || after.headings.length + after.boldLabels.length !== groups) return false;
  const boxAt = new Map<number, Checkbox>(after.checkboxes.map((c) => [c.line, c]));
  for (const line of insertedBoxes) if (!boxAt.has(line)) return false;
  const same = (a: Checkbox, b: Checkbox | undefined): boolean => b !== undefined && a.label === b.label && a.group === b.group && a.heading === b.heading && a.indent === b.indent;
  if (!before.checkboxes.every((c) => same(c, boxAt.get(moved(c.line))))) return false;
  const headingAt = new Map(after.headings.map((h) => [h.line, h.text]));
  const labelAt = new Map(after.boldLabels.map((b) => [b.line, b.text]));
  return before.headings.every((h) => headingAt.get(moved(h.line)) === h.text) && before.boldLabels.every((b) => labelAt.get(moved(b.line)) === b.text);
}

/**
 * The text with the lines inserted so that it reads as before (`readsAsBefore`): with the blank
 * lines the insertions ask for, else without them (a blank line before a bold label that goes on
 * from a list item ends the list, and what is indented below the label leaves it: a nested box
 * becomes text); `keepsReading` false when neither way does.
 */
export function insertKeepingReading(text: string, note: ParsedNote, insertions: readonly Insertion[]): { text: string; insertions: Insertion[]; keepsReading: boolean } {
  const tries = [insertions.map((i) => ({ ...i, lines: [...i.lines] }))];
  if (insertions.some((i) => i.blankAfter !== null)) tries.push(insertions.map((i) => ({ ...i, lines: [...i.lines], blankAfter: null })));
  for (const attempt of tries) {
    const out = insertLines(text, attempt);
    if (readsAsBefore(note, readNote(out, { tableCells: false }), attempt)) return { text: out, insertions: attempt, keepsReading: true };
  }
  const first = tries[0] ?? [];
  return { text: insertLines(text, first), insertions: first, keepsReading: false };
}
