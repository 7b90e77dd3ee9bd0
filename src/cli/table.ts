/** `use-case-atlas table VAULT …`: the comparison view's tables for scripts and publishing. */
import {
  compare, type CompareFilter, compareJson, type CompareOptions, type CompareTab, COMPARE_TABS, type EmptyInfo, type GroupBy, GROUP_BYS, TABS,
} from "../core/compare";
import { toCsv, toMarkdownTable, toTable } from "../core/export";
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
with studies sorted by path and patterns in template order (patterns the template does not know
come last, in group "Other"); counts are over the studies shown. With the trends tab it prints
  {"years": [..], "studies": [per-year counts], "rows": [{"pattern", "group", "counts", "shares"}]}
`;

const FORMATS = ["markdown", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

interface TableArgs { vault: string; format: Format; tab: CompareTab; groupBy: GroupBy | null; filter: CompareFilter; configDir: string }

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value.startsWith("--")) throw new UsageError(`table: ${flag} needs a value: ${allowed.join(", ")}\n\n${TABLE_HELP}`);
  const hit = allowed.find((a) => a === value.toLowerCase());
  if (!hit) throw new UsageError(`table: unknown ${flag} "${value}": use ${allowed.join(", ")}`);
  return hit;
}

function parseArgs(args: string[]): TableArgs | "help" {
  const rest: string[] = [];
  const out: Omit<TableArgs, "vault"> = { format: "markdown", tab: "matrix", groupBy: null, filter: {}, configDir: ".obsidian" };
  const text = (flag: string, v: string | undefined): string => {
    if (v === undefined || v.startsWith("--") || v.trim() === "") throw new UsageError(`table: ${flag} needs a value\n\n${TABLE_HELP}`);
    return v.trim();
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    switch (flag) {
      case "--help": case "-h": return "help";
      case "--format": out.format = oneOf(flag, value(), FORMATS); break;
      case "--tab": out.tab = oneOf(flag, value(), COMPARE_TABS); break;
      case "--group-by": out.groupBy = oneOf(flag, value(), GROUP_BYS); break;
      case "--category": (out.filter.categories ??= []).push(text(flag, value())); break;
      case "--industry": (out.filter.industries ??= []).push(text(flag, value())); break;
      case "--pattern": (out.filter.patterns ??= []).push(text(flag, value())); break;
      case "--config-dir": out.configDir = text(flag, value()); break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`table: unknown option ${a}\n\n${TABLE_HELP}`);
        rest.push(a);
    }
  }
  if (rest.length !== 1) throw new UsageError(`table: give exactly one vault folder\n\n${TABLE_HELP}`);
  return { vault: rest[0], ...out };
}

export async function tableVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
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
  for (const u of unreadable) io.err(`${u.path}: skipped, broken YAML in the frontmatter (${u.message})\n`);
  if (outcome.emptyReason) io.err(`${outcome.emptyReason}\n`);
  else if (outcome.totalCount === 0) io.err("No analyses or case studies in this vault yet (notes with type: use-case-analysis or case-study).\n");
  return 0;
}
