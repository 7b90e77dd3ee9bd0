/**
 * The use-case library over a generated 10,000-entry collection with every quirk of the real data:
 * (1) the index from the notes' text (read every entry, who cites what, the coverage), budget
 * ≤ 100 ms; (2) `use-case-atlas library --format json` over those 10,000 files on disk (plus 200
 * analyses citing some), budget ≤ 1.5 × a baseline that only walks the vault and reads every
 * file, measured in the same run with the runs interleaved (docs/PRODUCT.md).
 * The library view's first paint is not measured here: the view is not part of this change.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { runCli } from "../src/cli/cli";
import { buildLibrary, coverage, readEntry, type LibraryEntry } from "../src/core/library";
import { bundledTaxonomy } from "../src/core/settings";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../src/core/taxonomy";
import { collectionFiles, quirkyRows } from "../tests/support/collection";
import { measure, ms, printCalibration, report } from "./timing";

const ENTRIES = Number(process.env.UCA_BENCH_NOTES ?? 10_000);
const RUNS = Number(process.env.UCA_BENCH_RUNS ?? 7);
const FOLDER = "ML_LLM_Use_Cases_2022+";
const TAXONOMY = { categories: bundledTaxonomy().categories, industries: bundledTaxonomy().industries };

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith(".md")) out.push(p);
  }
  return out;
}

function readOnly(root: string): number {
  let bytes = 0;
  for (const f of walk(root)) bytes += readFileSync(f).length;
  return bytes;
}

async function library(root: string): Promise<number> {
  let out = "";
  const code = await runCli(["library", root, "--format", "json"], { out: (t) => { out += t; }, err: () => undefined, cwd: root });
  if (code !== 0) throw new Error(`library exited ${code}`);
  return out.length;
}

async function main(): Promise<void> {
  printCalibration();
  const rows = quirkyRows(ENTRIES + Math.ceil(ENTRIES / 20), 11).filter((r) => Number(r.year) >= 2022).slice(0, ENTRIES);
  const files = collectionFiles(rows, FOLDER);
  const label = ENTRIES >= 1000 ? `${ENTRIES / 1000}k` : String(ENTRIES);

  // (1) The index from text, as the plugin builds it from cached reads.
  const texts = [...files];
  const citations = Array.from({ length: 200 }, (_, i) => ({ path: `Use cases/A${i}.md`, urls: rows.slice(i * 10, i * 10 + 4).map((r) => `https://${r.link.trim().slice(8)}`) }));
  let entries: LibraryEntry[] = [];
  const index = measure(() => {
    entries = texts.map(([p, t]) => readEntry(p, t, FOLDER, TAXONOMY)).filter((e): e is LibraryEntry => e !== null);
    coverage(buildLibrary(entries, citations).rows, TAXONOMY);
  }, RUNS);
  if (entries.length !== rows.length) throw new Error(`indexed ${entries.length} of ${rows.length} entries`);
  const indexOk = report(`library index from text, ${label} entries`, index.median, { budget: 100 });
  process.stdout.write(`  (CPU ${ms(index.cpuMedian)}, fastest ${ms(index.min)})\n`);

  // (2) The command over files on disk.
  const root = mkdtempSync(join(tmpdir(), "uca-bench-library-"));
  try {
    for (const [p, t] of files) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), t);
    }
    mkdirSync(join(root, "Use cases"), { recursive: true });
    for (let i = 0; i < 200; i++) {
      const list = rows.slice(i * 10, i * 10 + 4).map((r, n) => `${n + 1}. ${r.company} — <${r.link.trim()}>`).join("\n");
      writeFileSync(join(root, "Use cases", `A${i}.md`), `---\ntype: use-case-analysis\ncompany: C${i}\n---\n${BUNDLED_DEEP_DIVE_TEMPLATE.replace("{{articles}}", list)}`);
    }
    const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
    const times = { read: [] as number[], ours: [] as number[] };
    const time = async (list: number[], f: () => unknown): Promise<void> => {
      collect();
      const s = performance.now();
      await f();
      list.push(performance.now() - s);
    };
    readOnly(root); await library(root);
    for (let i = 0; i < RUNS; i++) {
      await time(times.read, () => readOnly(root));
      await time(times.ours, () => library(root));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const base = median(times.read);
    report(`read-only baseline ${label} entries + 200 analyses`, base);
    const cliOk = report(`cli library --format json ${label}`, median(times.ours), { baseline: base, ratioBudget: 1.5 });
    process.stdout.write(`best runs: read-only ${ms(Math.min(...times.read))}, library json ${ms(Math.min(...times.ours))}\n`);
    process.stdout.write(`load average: ${loadavg().map((l) => l.toFixed(2)).join(", ")} on ${cpus().length} CPUs\n`);
    process.exitCode = indexOk && cliOk ? 0 : 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
