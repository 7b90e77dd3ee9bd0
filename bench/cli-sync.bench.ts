/**
 * `use-case-atlas sync VAULT` over a generated 10,000-note vault on disk, against `check` on the
 * same vault and a read-only baseline (walk the vault, read every note), measured in the same run
 * and interleaved so that a busy machine slows all of them alike. Budgets (issue 13):
 * - a vault already in step: `sync` ≤ 1.2 × `check`;
 * - a vault where `sync` rewrites every note: `sync` ≤ 3 × `check` on that vault.
 */
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { runCli } from "../src/cli/cli";
import { generateVault, readOnly } from "./support/vault-on-disk";
import { loadLine, ms, printCalibration, report } from "./timing";

const NOTES = Number(process.env.UCA_BENCH_NOTES ?? 10_000);
const RUNS = Number(process.env.UCA_BENCH_RUNS ?? 5);
const REWRITE_RUNS = Number(process.env.UCA_BENCH_REWRITE_RUNS ?? 3);

/** Runs a verb; its stderr summary (what it did) is returned so the bench can check it did the work. */
async function verb(args: string[], root: string): Promise<string> {
  let err = "";
  await runCli(args, { out: () => undefined, err: (t) => { err += t; }, cwd: root });
  return err;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(list: number[], f: () => unknown): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const s = performance.now();
  await f();
  list.push(performance.now() - s);
}

async function main(): Promise<void> {
  printCalibration();
  const label = NOTES >= 1000 ? `${NOTES / 1000}k` : String(NOTES);
  let ok = true;

  // A vault in step: generated, then synced once.
  const t0 = performance.now();
  const root = generateVault(NOTES);
  const first = await verb(["sync", root], root);
  process.stdout.write(`generated and synced ${NOTES} notes in ${ms(performance.now() - t0)}: ${first.trim().split("\n").at(-1) ?? ""}\n`);
  try {
    const inStep = { read: [] as number[], check: [] as number[], sync: [] as number[] };
    readOnly(root); await verb(["check", root], root); await verb(["sync", root], root); // warm-up
    let summary = "";
    for (let i = 0; i < RUNS; i++) {
      await timed(inStep.read, () => readOnly(root));
      await timed(inStep.check, () => verb(["check", root], root));
      await timed(inStep.sync, async () => { summary = await verb(["sync", root], root); });
    }
    if (!/ 0 changed, 0 not synced/.test(summary)) throw new Error(`the vault was not in step: ${summary}`);
    const check = median(inStep.check);
    report(`read-only baseline ${label}`, median(inStep.read));
    report(`cli check ${label} (in step)`, check, { baseline: median(inStep.read) });
    ok = report(`cli sync ${label}, in step, vs check`, median(inStep.sync), { baseline: check, ratioBudget: 1.2 }) && ok;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  // Every note out of step: a fresh vault per run (made untimed), check then sync on it.
  const rewrite = { check: [] as number[], sync: [] as number[] };
  for (let i = 0; i < REWRITE_RUNS; i++) {
    const fresh = generateVault(NOTES);
    try {
      readOnly(fresh); // the page cache, as for the in-step runs
      await timed(rewrite.check, () => verb(["check", fresh], fresh));
      let summary = "";
      await timed(rewrite.sync, async () => { summary = await verb(["sync", fresh], fresh); });
      const changed = Number(/ (\d+) changed/.exec(summary)?.[1] ?? 0);
      if (changed < NOTES * 0.9) throw new Error(`sync rewrote only ${changed} notes: ${summary}`);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }
  const check = median(rewrite.check);
  report(`cli check ${label} (out of step)`, check);
  ok = report(`cli sync ${label}, rewriting every note, vs check`, median(rewrite.sync), { baseline: check, ratioBudget: 3 }) && ok;
  process.stdout.write(`${loadLine()}\n`);
  process.exitCode = ok ? 0 : 1;
}

void main();
