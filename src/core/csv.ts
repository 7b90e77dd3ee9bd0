/**
 * RFC 4180 CSV, as the public use-case database is published: UTF-8 with a byte-order mark,
 * fields quoted when they hold a comma, a quote or a line break (a quote doubled inside), rows
 * ended by CRLF or LF. Reading is lenient where the data is (a last row without a line ending, a
 * lone CR); writing is strict. Spreadsheet exports go through `toCsv` in export.ts, which also
 * makes formula starts inert; this writer keeps every field exactly as it is, so that what it
 * writes reads back the same.
 */

export interface CsvRow {
  /** 1-based line of the file on which the row starts (a quoted line break makes a row span lines). */
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

/** Parses CSV text into rows (the header row included). Blank lines between rows are skipped. */
export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const from = i;
    const cells: string[] = [];
    for (;;) {
      let cell = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) return { ok: false, line: start, message: `a quoted field that starts on line ${start} is never closed` };
          const q = text.indexOf('"', i);
          if (q < 0) return { ok: false, line: start, message: `a quoted field that starts on line ${start} is never closed` };
          const chunk = text.slice(i, q);
          line += countLines(chunk);
          cell += chunk;
          if (text[q + 1] === '"') { cell += '"'; i = q + 2; continue; }
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the next separator is kept, as spreadsheets do.
        const stop = nextStop(text, i);
        cell += text.slice(i, stop);
        i = stop;
      } else {
        const stop = nextStop(text, i);
        cell = text.slice(i, stop);
        i = stop;
      }
      cells.push(cell);
      if (text[i] === ",") { i++; continue; }
      break;
    }
    const empty = i === from;
    // The row's end: CRLF, LF, a lone CR, or the end of the text.
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    if (empty) continue;
    rows.push({ line: start, cells });
  }
  return { ok: true, rows };
}

function nextStop(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */ || c === 10 /* \n */ || c === 13 /* \r */) return i;
  }
  return text.length;
}

/** Line breaks in a piece of text: CRLF, LF and a lone CR each count once. */
function countLines(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF, or is empty in a one-field row. */
function field(text: string, alone: boolean): string {
  if (/[",\r\n]/.test(text) || (alone && text === "")) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** Rows as CSV text: CRLF after every row; `bom` puts the byte-order mark first, as the database does. */
export function writeCsv(rows: readonly (readonly string[])[], bom = false): string {
  const body = rows.map((r) => r.map((c) => field(c, r.length === 1)).join(",") + "\r\n").join("");
  return bom ? `\ufeff${body}` : body;
}
