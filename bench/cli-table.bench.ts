/**
 * `use-case-atlas table VAULT --format json` over a generated 10,000-note vault on disk, against
 * (1) a baseline that only walks the vault and reads every file's bytes and (2) the script a user
 * would write: read every file and parse it with gray-matter. Budget: ≤ 1.5 × the read-only
 * baseline (docs PRODUCT.md). Runs are interleaved so that a busy machine slows all three alike.
 */
import { readFileSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import matter from "gray-matter";
import { runCli } from "../src/cli/cli";
import { generateVault, readOnly, walk } from "./support/vault-on-disk";
import { ms, printCalibration, report } from "./timing";

const NOTES = Number(process.env.UCA_BENCH_NOTES ?? 10_000);
const RUNS = Number(process.env.UCA_BENCH_RUNS ?? 7);

function grayMatterScan(root: string): number {
  let studies = 0;
  for (const f of walk(root)) {
    // Options given: gray-matter's cache (keyed by the text) would otherwise skip the parse on repeat runs.
    const data = matter(readFileSync(f, "utf8"), {}).data as { type?: unknown };
    if (data.type === "use-case-analysis" || data.type === "case-study") studies++;
  }
  return studies;
}

async function table(root: string, format: string): Promise<number> {
  let out = "";
  const code = await runCli(["table", root, "--format", format], { out: (t) => { out += t; }, err: () => undefined, cwd: root });
  if (code !== 0) throw new Error(`table exited ${code}`);
  return out.length;
}

async function main(): Promise<void> {
  printCalibration();
  const t0 = performance.now();
  const root = generateVault(NOTES);
  process.stdout.write(`generated ${NOTES} notes in ${ms(performance.now() - t0)} (${root})\n`);
  try {
    const label = NOTES >= 1000 ? `${NOTES / 1000}k` : String(NOTES);
    const times = { read: [] as number[], ours: [] as number[], gm: [] as number[], md: [] as number[] };
    // CPU time of this process beside wall time: on a shared machine the wall time also counts
    // the time other processes had the CPU.
    const cpu = new Map<number[], number[]>([[times.read, []], [times.ours, []], [times.gm, []], [times.md, []]]);
    // Each timed run starts from a collected heap (the runner passes --expose-gc): otherwise a run
    // pays for the garbage of the one before it (gray-matter's and the markdown table's are large).
    const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
    const time = async (list: number[], f: () => unknown): Promise<void> => {
      collect();
      const s = performance.now();
      const c0 = process.cpuUsage();
      await f();
      list.push(performance.now() - s);
      const c = process.cpuUsage(c0);
      cpu.get(list)?.push((c.user + c.system) / 1000);
    };
    // Warm-up: the page cache, the JIT.
    readOnly(root); await table(root, "json"); grayMatterScan(root);
    for (let i = 0; i < RUNS; i++) {
      await time(times.read, () => readOnly(root));
      await time(times.ours, () => table(root, "json"));
      await time(times.gm, () => grayMatterScan(root));
      if (i < 3) await time(times.md, () => table(root, "markdown"));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const best = (xs: number[]): number => Math.min(...xs);
    const base = median(times.read);
    report(`read-only baseline ${label}`, base);
    const ok = report(`cli table --format json ${label}`, median(times.ours), { baseline: base, ratioBudget: 1.5 });
    report(`gray-matter scan ${label}`, median(times.gm), { baseline: base });
    process.stdout.write(`table json vs gray-matter: ${(median(times.ours) / median(times.gm)).toFixed(2)}×\n`);
    report(`cli table --format markdown ${label} (reads whole notes for completeness)`, median(times.md), { baseline: base });
    // On a busy machine the medians wander; the best runs show the cost of the work itself.
    process.stdout.write(`best runs: read-only ${ms(best(times.read))}, table json ${ms(best(times.ours))} (ratio ${(best(times.ours) / best(times.read)).toFixed(2)}×), gray-matter ${ms(best(times.gm))} (ratio ${(best(times.gm) / best(times.read)).toFixed(2)}×)\n`);
    const cpuOf = (list: number[]): number[] => cpu.get(list) ?? [];
    const cpuBase = median(cpuOf(times.read));
    process.stdout.write(`CPU time (median): read-only ${ms(cpuBase)}, table json ${ms(median(cpuOf(times.ours)))} (ratio ${(median(cpuOf(times.ours)) / cpuBase).toFixed(2)}×), gray-matter ${ms(median(cpuOf(times.gm)))} (ratio ${(median(cpuOf(times.gm)) / cpuBase).toFixed(2)}×)\n`);
    process.stdout.write(`load average: ${loadavg().map((l) => l.toFixed(2)).join(", ")} on ${cpus().length} CPUs\n`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
