import fc from "fast-check";
import { parseDocument } from "yaml";
import { type CompareOptions, compare, matrix } from "../../src/core/compare";
import { csvField, markdownCell, snapshotNote, toCsv, toMarkdownTable, toTable, type Table } from "../../src/core/export";
import { readFrontmatter } from "../../src/core/frontmatter";
import { readNote, tableCells } from "../../src/core/reader";
import type { Study } from "../../src/core/study";
import { verify } from "../support/approve";
import { CTX, study } from "../support/studies";

/** Studies whose text tries to break every format. */
const HOSTILE: Study[] = [
  study({
    path: "Use cases/Pipe | Co - A.md", name: "Pipe | Co - A", company: "Pipe | Co", category: "Search and Retrieval",
    industry: "Tech", year: 2024, patterns: ["RAG Pipeline", "Hybrid Retrieval"],
    body: { checklist: { done: 3, total: 10 }, stack: [{ component: "Vector DB", technology: "<script>alert(1)</script>" }] },
  }),
  study({
    path: "Use cases/Formula.md", company: "=HYPERLINK(\"http://evil.example\",\"x\")", category: "Search and Retrieval",
    industry: "Gaming", year: 2023, patterns: ["RAG Pipeline"],
    body: { checklist: { done: 10, total: 10 }, stack: [{ component: "Streaming", technology: "+1" }, { component: "@a", technology: "-2" }] },
  }),
  study({
    path: "Use cases/Lines.md", company: "Two\nlines, \"quoted\"", category: "Computer Vision", industry: "Tech", year: null,
    patterns: ["Batch Inference", "My <b>Pattern</b>"], type: "case-study",
  }),
  study({ path: "Use cases/Tab.md", company: "\tTabbed", category: "<script>", industry: null, year: 2025, patterns: [] }),
];

const opts = (o: Partial<CompareOptions>): CompareOptions => ({ tab: "matrix", filter: {}, groupBy: null, pivotBy: "industry", ...o });

describe("exports (approved files)", () => {
  it.each<[string, Partial<CompareOptions>]>([
    ["matrix", {}],
    ["matrix-grouped", { groupBy: "industry", columns: ["Deployment Pattern", "RAG Pipeline", "Other"] }],
    ["pivot", { tab: "pivot", columns: ["RAG Pipeline", "Hybrid Retrieval", "Batch Inference", "Other"] }],
    ["cooccurrence", { tab: "cooccurrence", columns: ["RAG Pipeline", "Hybrid Retrieval", "Batch Inference", "Other"] }],
    ["stack", { tab: "stack" }],
  ])("%s as Markdown and CSV", (name, o) => {
    const table = toTable(compare(HOSTILE, CTX, opts(o)));
    verify(`${name}.approved.md`, toMarkdownTable(table));
    verify(`${name}.approved.csv`, toCsv(table));
  });

  it("snapshot note", () => {
    const result = compare(HOSTILE, CTX, opts({ filter: { industries: ["Tech"], company: "<" } , columns: ["Design Patterns Observed"] }));
    const text = snapshotNote(toTable(result, { links: true }), { title: "Pattern comparison", date: "2025-03-01", result });
    verify("snapshot.approved.md", text);
    const fm = readFrontmatter(text);
    expect(fm.kind === "ok" && fm.data).toEqual({ created: "2025-03-01", "comparison-tab": "matrix", studies: 0, filter: "industry = Tech and company contains \"<\"" });
  });
});

/** Reads a Markdown table back the way our reader (and Obsidian) splits rows. */
function readBack(markdown: string): Table {
  const note = readNote(markdown);
  const t = note.tables[0];
  return { header: t.header, rows: t.rows };
}

/** Parses RFC 4180 CSV (CRLF rows, quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === "") { quoted = true; i++; continue; }
    if (c === ",") { row.push(field); field = ""; i++; continue; }
    if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i += 2; continue; }
    if (c === '"' || c === "\r" || c === "\n") throw new Error(`bad CSV at ${i}`);
    field += c; i++;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

const cellText = fc.string({ unit: fc.constantFrom("a", "Z", " ", "|", "\\", "\n", "\r", "<", ">", "&", "=", "+", "-", "@", "\t", ",", "\"", "'", "#", "*", "`", "é") , maxLength: 10 });
const tableArb = fc.integer({ min: 1, max: 4 }).chain((w) => fc.record({
  header: fc.array(cellText, { minLength: w, maxLength: w }),
  rows: fc.array(fc.array(cellText, { minLength: w, maxLength: w }), { maxLength: 4 }),
}));

describe("matrix exports with some fixed columns", () => {
  it("keep each cell under its own header", () => {
    const table = toTable(matrix(HOSTILE, CTX, opts({ columns: ["year", "industry", "RAG Pipeline"] })), { totals: false });
    expect(table.header).toEqual(["Study", "Industry", "Year", "RAG Pipeline"]);
    expect(table.rows).toContainEqual(["Pipe | Co - A", "Tech", "2024", "✓"]);
    expect(table.rows).toContainEqual(["Lines (case study)", "Tech", "", ""]);
    for (const row of table.rows) expect(row).toHaveLength(table.header.length);
  });
});

describe("toMarkdownTable", () => {
  it.each([
    ["a|b", "a\\|b"],
    ["line 1\nline 2\r\nline 3", "line 1<br>line 2<br>line 3"],
    ["<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"],
    ["  padded  ", "padded"],
  ])("cell %j → %j", (cell, md) => {
    expect(markdownCell(cell)).toBe(md);
  });

  it("property: every row has the same number of cells when read back, one line per row, no raw < or line break in a cell", () => {
    fc.assert(fc.property(tableArb, (t) => {
      const md = toMarkdownTable(t);
      const lines = md.split("\n");
      expect(lines).toHaveLength(t.rows.length + 3); // header, separator, rows, final empty string
      const back = readBack(md);
      expect(back.header).toHaveLength(t.header.length);
      for (const r of back.rows) expect(r).toHaveLength(t.header.length);
      expect(md.replace(/<br>/g, "")).not.toMatch(/</);
      // What a reader gets back is the cell with `|` unescaped, breaks as <br>, `<` as &lt;, trimmed.
      back.rows.forEach((r, i) => r.forEach((c, j) => expect(c).toBe(markdownCell(t.rows[i][j]).replace(/\\\|/g, "|"))));
    }));
  });
});

describe("toCsv", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", "\"a,b\""],
    ["say \"hi\"", "\"say \"\"hi\"\"\""],
    ["two\nlines", "\"two\nlines\""],
    ["=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@a", "'@a"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["a=b", "a=b"],
    ["", ""],
  ])("field %j → %j", (cell, csv) => {
    expect(csvField(cell)).toBe(csv);
  });

  it("property: parses back (RFC 4180) to the cells, formula starts prefixed with '", () => {
    fc.assert(fc.property(tableArb, (t) => {
      const csv = toCsv(t);
      expect(csv.endsWith("\r\n")).toBe(true);
      const back = parseCsv(csv);
      const expected = [t.header, ...t.rows].map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      expect(back).toEqual(expected);
    }));
  });
});

describe("snapshotNote", () => {
  it("frontmatter is valid YAML whatever the filter text", () => {
    fc.assert(fc.property(cellText, (company) => {
      const result = compare(HOSTILE, CTX, opts({ filter: company.trim() === "" ? {} : { company } }));
      const text = snapshotNote(toTable(result), { title: "T", date: "2025-01-01", result });
      const fm = readFrontmatter(text);
      expect(fm.kind).toBe("ok");
      expect(parseDocument(fm.block!.yaml).errors).toEqual([]);
    }));
  });

  it("the table in it reads back with our reader", () => {
    const result = compare(HOSTILE, CTX, opts({}));
    const table = toTable(result, { links: true });
    const note = readNote(snapshotNote(table, { title: "T", date: "2025-01-01", result }));
    expect(note.tables).toHaveLength(1);
    expect(note.tables[0].rows).toHaveLength(table.rows.length);
    expect(tableCells(`| [[Use cases/Pipe \\| Co - A\\|Pipe \\| Co - A]] |`)).toEqual(["[[Use cases/Pipe | Co - A|Pipe | Co - A]]"]);
  });
});
