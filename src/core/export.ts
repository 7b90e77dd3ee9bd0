/**
 * Exports of the comparison tables: one plain `Table` per tab result, then Markdown, CSV and a
 * snapshot note. Cell text comes from users' notes, so every format makes it inert: a `|` cannot
 * break a Markdown row, `<script>` stays text, and a spreadsheet never runs `=HYPERLINK(…)`.
 */
import { stringify } from "yaml";
import { type CompareResult, describeFilter, tabOf } from "./compare";
import type { Table, TableOptions } from "./tabs/tab";

export type { Table, TableOptions } from "./tabs/tab";

/** The tab result as a plain grid of text, in the order the view shows it. */
export function toTable(result: CompareResult, options: TableOptions = {}): Table {
  return tabOf(result).toTable(result, options);
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
  const tab = tabOf(r);
  Object.assign(props, tab.snapshotProps?.(r) ?? {});
  const frontmatter = stringify(props, { lineWidth: 0 });
  const lines = [
    `# ${markdownText(meta.title)} — ${tab.label}, ${meta.date}`,
    "",
    `Snapshot of ${r.visibleCount} of ${r.totalCount} studies${filter ? ` where ${markdownText(filter)}` : ""}. It does not update; the comparison view does.`,
    "",
  ];
  return `---\n${frontmatter}---\n\n${lines.join("\n")}\n${toMarkdownTable(table)}`;
}
