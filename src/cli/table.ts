/** `use-case-atlas table VAULT …`: the comparison view's tables for scripts and publishing. */
import {
  compare, type CompareFilter, compareJson, type CompareOptions, type CompareTab, COMPARE_TABS, type EmptyInfo, type GroupBy, GROUP_BYS, TABS,
} from "../core/compare";
import { toCsv, toMarkdownTable, toTable } from "../core/export";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";
import { readStudies } from "./studies";
import { openVault, studyContextOf } from "./vault";

export const TABLE_HELP = `Usage: use-case-atlas table VAULT [options]

Prints the pattern comparison of every analysis and case study in the vault.

Options:
  --format markdown|csv|json   output format (default markdown)
  --tab matrix|pivot|cooccurrence|stack|trends
                               which table (default matrix): studies × patterns; patterns ×
                               industry (or --group-by); pattern pairs and their lift; tech stack;
                               patterns per year
  --group-by category|industry|year
                               matrix: group rows, with subtotals; pivot: the column dimension
  --category X                 only studies in category X (repeat for several)
  --industry X                 only studies in industry X (repeat for several)
  --pattern X                  only studies with pattern X (repeat: studies with all of them)
  --config-dir DIR             the vault's config folder (default .obsidian)
  --help                       show this help

--format json with the matrix tab prints
  {"studies": [{"path", "type", "company", "category", "industry", "year", "patterns": [labels]}],
   "patterns": [{"label", "group", "count"}]}
with studies sorted by path and patterns in template order (a pattern the template does not know
is in the group its notes tick it under, else last in group "Other"); counts are over the
studies shown. With the trends tab it prints
  {"years": [..], "studies": [per-year counts], "rows": [{"pattern", "group", "counts", "shares"}]}
`;

const FORMATS = ["markdown", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

interface TableArgs { vault: string; format: Format; tab: CompareTab; groupBy: GroupBy | null; filter: CompareFilter; configDir: string }

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T;
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: null): T | null;
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T | null): T | null {
  if (value === undefined) return fallback;
  const hit = allowed.find((a) => a === value.toLowerCase());
  if (!hit) throw new UsageError(`table: unknown ${flag} "${value}": use ${allowed.join(", ")}`);
  return hit;
}

function parseTableArgs(args: string[]): TableArgs | "help" {
  const parsed = parseVerbArgs("table", TABLE_HELP, args, {
    format: { type: "string", needs: `a value: ${FORMATS.join(", ")}` },
    tab: { type: "string", needs: `a value: ${COMPARE_TABS.join(", ")}` },
    "group-by": { type: "string", needs: `a value: ${GROUP_BYS.join(", ")}` },
    category: { type: "string", multiple: true },
    industry: { type: "string", multiple: true },
    pattern: { type: "string", multiple: true },
    "config-dir": { type: "string" },
  });
  if (parsed === "help") return "help";
  if (parsed.positionals.length !== 1) throw new UsageError(`table: give exactly one vault folder\n\n${TABLE_HELP}`);
  const filter: CompareFilter = {};
  const trimmed = (name: string): string[] | undefined => {
    const values = parsed.list(name).map((v) => v.trim());
    return values.length > 0 ? values : undefined;
  };
  const categories = trimmed("category");
  const industries = trimmed("industry");
  const patterns = trimmed("pattern");
  if (categories) filter.categories = categories;
  if (industries) filter.industries = industries;
  if (patterns) filter.patterns = patterns;
  return {
    vault: parsed.positionals[0],
    format: oneOf("--format", parsed.text("format"), FORMATS, "markdown"),
    tab: oneOf("--tab", parsed.text("tab"), COMPARE_TABS, "matrix"),
    groupBy: oneOf("--group-by", parsed.text("group-by"), GROUP_BYS, null),
    filter,
    configDir: parsed.text("config-dir")?.trim() ?? ".obsidian",
  };
}

export async function tableVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseTableArgs(args);
  if (parsed === "help") { io.out(TABLE_HELP); return 0; }
  const vault = await openVault(parsed.vault, io.cwd, parsed.configDir);
  const ctx = studyContextOf(vault);
  const tab = TABS[parsed.tab];
  const format = parsed.format === "json" ? "json" : "table";
  const { studies, unreadable } = readStudies(vault.notes, ctx, { body: tab.readsBody[format] });
  const options: CompareOptions = { tab: parsed.tab, filter: parsed.filter, groupBy: parsed.tab === "matrix" ? parsed.groupBy : null };
  if (parsed.tab === "pivot" && parsed.groupBy) options.pivotBy = parsed.groupBy;
  let outcome: EmptyInfo;
  if (parsed.format === "json") {
    const made = compareJson(studies, ctx, options);
    io.out(JSON.stringify(made.json) + "\n");
    outcome = made.outcome;
  } else {
    const result = compare(studies, ctx, options);
    const table = toTable(result);
    io.out(parsed.format === "csv" ? toCsv(table) : toMarkdownTable(table));
    outcome = result;
  }
  for (const u of vault.unreadable) io.err(`${u.path}: ${u.message}\n`);
  for (const u of unreadable) io.err(`${u.path}: skipped, ${u.message}\n`);
  if (outcome.emptyReason) io.err(`${outcome.emptyReason}\n`);
  else if (outcome.totalCount === 0) io.err("No analyses or case studies in this vault yet (notes with type: use-case-analysis or case-study).\n");
  // A note or folder that could not be read: the table lacks it, so the run did not succeed.
  return vault.unreadable.length > 0 || unreadable.some((u) => !u.brokenYaml) ? 1 : 0;
}
