/**
 * Exports of the comparison tables: one plain `Table` per tab result, then Markdown, CSV and a
 * snapshot note. Cell text comes from users' notes, so every format makes it inert: a `|` cannot
 * break a Markdown row, `<script>` stays text, and a spreadsheet never runs `=HYPERLINK(…)`.
 */
import { stringify } from "yaml";
import { CASE_STUDY_TYPE } from "./study";
import { type CompareResult, type CooccurrenceResult, describeFilter, type FixedColumnId, type MatrixResult, type PivotResult, type StackResult } from "./compare";

export interface Table {
  header: string[];
  rows: string[][];
}

export interface TableOptions {
  /** Text of a checked matrix cell (default "✓"). */
  checkMark?: string;
  /** Study names as wiki links `[[path|name]]` (for Markdown and snapshot notes). */
  links?: boolean;
  /** Count/share rows (matrix total, group subtotals); default true. */
  totals?: boolean;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function studyCell(path: string, name: string, links: boolean): string {
  return links ? `[[${path.replace(/\.md$/i, "")}|${name}]]` : name;
}

function matrixTable(r: MatrixResult, o: TableOptions): Table {
  const mark = o.checkMark ?? "✓";
  const totals = o.totals ?? true;
  const header = [...r.fixedColumns.map((c) => c.label), ...r.patternColumns.map((c) => c.label)];
  const fixedBlank = (label: string): string[] => [label, ...r.fixedColumns.slice(1).map(() => "")];
  const rows: string[][] = [];
  const fixedCell = (s: MatrixResult["rows"][number]["study"], id: FixedColumnId): string => {
    switch (id) {
      // An analysis and its case study usually share a name: say which row is which.
      case "name": return studyCell(s.path, s.name, o.links ?? false) + (s.type === CASE_STUDY_TYPE && !/\(case study\)$/i.test(s.name) ? " (case study)" : "");
      case "type": return s.type;
      case "company": return s.company ?? "";
      case "category": return s.category ?? "";
      case "industry": return s.industry ?? "";
      case "year": return s.year === null ? "" : String(s.year);
      case "completeness": { const c = s.body?.checklist; return c && c.total > 0 ? `${c.done}/${c.total}` : ""; }
    }
  };
  const rowOf = (m: MatrixResult["rows"][number]): string[] => [
    ...r.fixedColumns.map((f) => fixedCell(m.study, f.id)),
    ...m.checked.map((x) => (x ? mark : "")),
  ];
  if (totals) rows.push([...fixedBlank(`All studies (${r.visibleCount})`), ...r.patternColumns.map((c) => `${c.count} (${percent(c.share)})`)]);
  if (r.groups) {
    for (const g of r.groups) {
      if (totals) rows.push([...fixedBlank(`${g.label} (${g.rows.length})`), ...g.counts.map((n) => String(n))]);
      for (const m of g.rows) rows.push(rowOf(m));
    }
  } else {
    for (const m of r.rows) rows.push(rowOf(m));
  }
  return { header, rows };
}

function pivotTable(r: PivotResult): Table {
  const byLabel = r.by === "industry" ? "Industry" : r.by === "category" ? "Category" : "Year";
  return {
    header: [`Pattern \\ ${byLabel}`, ...r.columns.map((c) => `${c.label} (${c.studies})`), "Total"],
    rows: r.rows.map((row) => [
      row.pattern.label,
      ...row.counts.map((n, i) => (n === 0 ? "0" : `${n} (${percent(row.shares[i] ?? 0)})`)),
      String(row.total),
    ]),
  };
}

function cooccurrenceTable(r: CooccurrenceResult): Table {
  return {
    header: ["Pattern", ...r.patterns.map((p) => p.label)],
    rows: r.patterns.map((p, a) => [
      `${p.label} (${p.count})`,
      ...r.patterns.map((_, b) => {
        const n = r.counts[a]?.[b] ?? 0;
        const lift = r.lift[a]?.[b];
        if (a === b) return String(n);
        return n === 0 || lift === null || lift === undefined ? String(n) : `${n} (lift ${lift.toFixed(2)})`;
      }),
    ]),
  };
}

function stackTableOut(r: StackResult): Table {
  const rows: string[][] = [];
  for (const c of r.components) {
    for (const t of c.technologies) rows.push([c.component, t.technology, String(t.count)]);
  }
  return { header: ["Component", "Technology", "Studies"], rows };
}

/** The tab result as a plain grid of text, in the order the view shows it. */
export function toTable(result: CompareResult, options: TableOptions = {}): Table {
  switch (result.kind) {
    case "matrix": return matrixTable(result, options);
    case "pivot": return pivotTable(result);
    case "cooccurrence": return cooccurrenceTable(result);
    case "stack": return stackTableOut(result);
  }
}

/**
 * One Markdown table cell: `|` escaped, line breaks as `<br>`, `<` as `&lt;` (so HTML stays text),
 * a backtick as `&#96;` (an unmatched one would open a code span that swallows the next `|`).
 */
export function markdownCell(text: string): string {
  return text
    .replace(/</g, "&lt;")
    .replace(/`/g, "&#96;")
    .replace(/\|/g, "\\|")
    .replace(/\r\n|\r|\n/g, "<br>")
    .trim();
}

/** Prose from user data on one line: `<` as `&lt;` (HTML stays text), line breaks as spaces. */
function markdownText(text: string): string {
  return text.replace(/</g, "&lt;").replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** A GitHub/Obsidian Markdown table; an empty header gets one blank column so the table stays valid. */
export function toMarkdownTable(table: Table): string {
  const width = Math.max(1, table.header.length, ...table.rows.map((r) => r.length));
  const line = (cells: string[]): string => {
    const out: string[] = [];
    for (let i = 0; i < width; i++) out.push(markdownCell(cells[i] ?? ""));
    return `| ${out.join(" | ")} |`;
  };
  return [line(table.header), `|${" --- |".repeat(width)}`, ...table.rows.map(line)].join("\n") + "\n";
}

/** One CSV field: formula starts made inert with `'`, quoted when it holds `,` `"` CR or LF. */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: CRLF after every row (the last too). */
export function toCsv(table: Table): string {
  return [table.header, ...table.rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export interface SnapshotMeta {
  /** The note's heading, e.g. "Pattern comparison". */
  title: string;
  /** The snapshot's date as `YYYY-MM-DD` (passed in: the core has no clock). */
  date: string;
  result: CompareResult;
}

const TAB_NAMES: Record<CompareResult["kind"], string> = {
  matrix: "Matrix", pivot: "Pivot", cooccurrence: "Co-occurrence", stack: "Tech stack",
};

/**
 * The text of a new snapshot note: frontmatter (written with the `yaml` package), a heading,
 * what was shown (tab, filters, study count) and the table in Markdown.
 */
export function snapshotNote(table: Table, meta: SnapshotMeta): string {
  const r = meta.result;
  const filter = describeFilter(r.options.filter);
  const props: Record<string, unknown> = {
    created: meta.date,
    "comparison-tab": r.kind,
    studies: r.visibleCount,
  };
  if (filter !== "") props.filter = filter;
  if (r.kind === "matrix" && r.options.groupBy) props["group-by"] = r.options.groupBy;
  if (r.kind === "pivot") props["pivot-by"] = r.by;
  const frontmatter = stringify(props, { lineWidth: 0 });
  const lines = [
    `# ${markdownText(meta.title)} — ${TAB_NAMES[r.kind]}, ${meta.date}`,
    "",
    `Snapshot of ${r.visibleCount} of ${r.totalCount} studies${filter ? ` where ${markdownText(filter)}` : ""}. It does not update; the comparison view does.`,
    "",
  ];
  return `---\n${frontmatter}---\n\n${lines.join("\n")}\n${toMarkdownTable(table)}`;
}
