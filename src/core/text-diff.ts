/**
 * The smallest set of edits that turns one text into another, for writing through an open
 * editor: an editor maps its cursor, selection and scroll position through each edit, so an edit
 * that covers only what changed leaves them where the user had them (a whole-text replacement
 * would send the cursor to the end). Lines are compared first (a diff of the changed lines, so
 * a ticked box and a property far apart make two edits, not one spanning everything between),
 * then each changed run of lines is narrowed to the characters that differ.
 */

/** Replace `old.slice(from, to)` with `insert`. Offsets are into the old text. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Above this many differing lines the line diff gives up and makes one edit (still correct). */
const MAX_LINE_EDITS = 500;

/**
 * Edits, sorted and not overlapping, all in the old text's offsets (applied together, as one
 * editor transaction applies its changes). Empty when the texts are equal.
 */
export function textChanges(oldText: string, newText: string): TextChange[] {
  if (oldText === newText) return [];
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Common lines at both ends need no diff.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const hunks = lineHunks(a, b, start, endA, start, endB);
  const offsetsA = lineOffsets(a);
  const offsetsB = lineOffsets(b);
  const out: TextChange[] = [];
  for (const h of hunks) {
    const from = offsetsA[h.a0];
    const to = offsetsA[h.a1];
    const insert = newText.slice(offsetsB[h.b0], offsetsB[h.b1]);
    for (const c of narrow(oldText.slice(from, to), insert, from)) out.push(lineStartFriendly(c, oldText, out[out.length - 1]));
  }
  return out;
}

/**
 * Whole lines inserted at the start of a line are written as inserted after the previous line's
 * break instead (the same text results): an editor keeps a cursor that sits at an insertion point
 * before the insertion, so this keeps a cursor at the start of the following line on its line,
 * and one at the end of the previous line at that end, rather than moving it onto the new lines.
 */
function lineStartFriendly(c: TextChange, oldText: string, previous: TextChange | undefined): TextChange {
  // Not between a CR and its LF: a line break stays one piece.
  const ok = c.from === c.to && c.from > 0 && c.insert.endsWith("\n") && oldText.charCodeAt(c.from - 1) === 10
    && oldText.charCodeAt(c.from - 2) !== 13 && (previous === undefined || previous.to <= c.from - 1);
  return ok ? { from: c.from - 1, to: c.from - 1, insert: "\n" + c.insert.slice(0, -1) } : c;
}

/** Applies edits made by {@link textChanges} (old offsets, sorted) to the old text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = "";
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.from) + c.insert;
    at = c.to;
  }
  return out + text.slice(at);
}

/**
 * Where an offset of the old text is after the edits. A position inside a replaced range goes
 * to the start of what replaced it; one at an insertion point stays before the insertion.
 */
export function mapOffset(offset: number, changes: readonly TextChange[]): number {
  let shift = 0;
  for (const c of changes) {
    if (offset <= c.from) break;
    if (offset < c.to) return c.from + shift;
    shift += c.insert.length - (c.to - c.from);
  }
  return offset + shift;
}

/** Lines with their line breaks kept, so offsets add up (the last line may have none). */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lineOffsets(lines: readonly string[]): number[] {
  const out = [0];
  for (const line of lines) out.push(out[out.length - 1] + line.length);
  return out;
}

interface Hunk { a0: number; a1: number; b0: number; b1: number }

/**
 * Runs of differing lines between a[a0..a1) and b[b0..b1), by Myers' O(ND) diff. Falls back to
 * one run when more than MAX_LINE_EDITS lines differ.
 */
function lineHunks(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): Hunk[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return n === 0 && m === 0 ? [] : [{ a0, a1, b0, b1 }];
  const max = Math.min(n + m, MAX_LINE_EDITS);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) { x++; y++; }
      next[offset + k] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
    v = next;
  }
  if (found < 0) return [{ a0, a1, b0, b1 }];
  // Walk back through the trace to mark the lines both sides keep.
  const keptA = new Uint8Array(n);
  const keptB = new Uint8Array(m);
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; keptA[x] = 1; keptB[y] = 1; }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) { x--; y--; keptA[x] = 1; keptB[y] = 1; }
  // Kept lines pair up in order; what lies between two pairs is a run of differing lines.
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && keptA[i] === 1 && keptB[j] === 1) { i++; j++; continue; }
    const hi = i;
    const hj = j;
    while (i < n && keptA[i] === 0) i++;
    while (j < m && keptB[j] === 0) j++;
    hunks.push({ a0: a0 + hi, a1: a0 + i, b0: b0 + hj, b1: b0 + j });
  }
  return hunks;
}

/** One run's edit, without the characters it shares at its ends. */
function narrow(before: string, after: string, at: number): TextChange[] {
  let p = 0;
  const most = Math.min(before.length, after.length);
  while (p < most && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < most - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (p === before.length && p === after.length) return [];
  return [{ from: at + p, to: at + before.length - s, insert: after.slice(p, after.length - s) }];
}
