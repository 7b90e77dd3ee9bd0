/**
 * A unified diff of two texts, line by line (what `migrate --dry-run` prints). Myers' O(ND)
 * algorithm: a note that gains a few lines costs a few steps, whatever its length.
 */

type Op = { kind: " " | "-" | "+"; line: string };

/** The edit script from `a` to `b`: kept, removed and added lines in order. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Common head and tail first: most of a note.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) { i++; j++; }
      v[offset + k] = i;
      if (i >= n && j >= m) { found = true; break; }
    }
  }
  // Walk the trace back from the end.
  const middle: Op[] = [];
  let i = n;
  let j = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = i - j;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevI = vd[offset + prevK];
    const prevJ = prevI - prevK;
    while (i > prevI && j > prevJ) { middle.push({ kind: " ", line: x[--i] }); j--; }
    if (d > 0) {
      if (down) middle.push({ kind: "+", line: y[--j] });
      else middle.push({ kind: "-", line: x[--i] });
    }
  }
  middle.reverse();
  return [
    ...a.slice(0, head).map((line) => ({ kind: " " as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: " " as const, line })),
  ];
}

/** Lines without their endings (a CR before the LF is part of the ending). */
function linesOf(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/**
 * `--- a/<name>` / `+++ b/<name>` and `@@` hunks with `context` lines around each change; the
 * empty string when the texts have the same lines.
 */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  const ops = diffLines(linesOf(before), linesOf(after));
  const changed = ops.map((o, i) => (o.kind !== " " ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return "";
  const out: string[] = [`--- a/${name}`, `+++ b/${name}`];
  // Hunks: runs of changes closer than 2 × context lines share one.
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context) end++;
    const from = Math.max(0, changed[start] - context);
    const to = Math.min(ops.length - 1, changed[end] + context);
    let oldLine = 1;
    let newLine = 1;
    for (let i = 0; i < from; i++) {
      if (ops[i].kind !== "+") oldLine++;
      if (ops[i].kind !== "-") newLine++;
    }
    const hunk = ops.slice(from, to + 1);
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    start = end + 1;
  }
  return out.join("\n") + "\n";
}
