/**
 * `use-case-atlas migrate VAULT` over a generated 10,000-note vault on disk whose every analysis
 * was written from an older template (two pattern boxes and a checklist item fewer, no version),
 * against `use-case-atlas check VAULT` on the same vault, measured in the same run. Budget:
 * migrating (every note rewritten: lines added, version recorded, properties synced) ≤ 3 × check.
 * Each migrate run gets the vault as it was before (rewritten untimed); check runs interleave.
 *
 *   node bench/run.mjs bench/migrate.bench.ts
 *   UCA_BENCH_NOTES=2000 node bench/run.mjs bench/migrate.bench.ts   (a quick look)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runCli } from "../src/cli/cli";
import { bundledTaxonomy } from "../src/core/settings";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../src/core/taxonomy";
import { cpuMs, loadLine, ms, printCalibration, report } from "./timing";

const NOTES = Number(process.env.UCA_BENCH_NOTES ?? 10_000);
const RUNS = Number(process.env.UCA_BENCH_RUNS ?? 3);

const NEWER = `---\ntemplate-version: 2\n---\n${BUNDLED_DEEP_DIVE_TEMPLATE
  .replace("- [ ] **Cascade Model** (Fast filter → Slow precise model)\n", "- [ ] **Cascade Model** (Fast filter → Slow precise model)\n- [ ] **Semantic Cache** (Reuse answers to similar prompts)\n")}`;
const OLDER = BUNDLED_DEEP_DIVE_TEMPLATE
  .replace("- [ ] **Ensemble Model** (Combine multiple models)\n", "")
  .replace("- [ ] How do they handle 10x growth?\n", "");

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** Writes the vault's notes (the same every time): analyses from the older template, in step with their properties. */
function writeVault(root: string): void {
  const r = rng(11);
  const labels = bundledTaxonomy().patterns.map((p) => p.label).filter((l) => l !== "Ensemble Model");
  mkdirSync(join(root, ".obsidian/plugins/use-case-atlas"), { recursive: true });
  writeFileSync(join(root, ".obsidian/plugins/use-case-atlas/data.json"), JSON.stringify({ settings: { deepDiveTemplate: "Templates/Deep dive" } }));
  mkdirSync(join(root, "Templates"), { recursive: true });
  writeFileSync(join(root, "Templates/Deep dive.md"), NEWER);
  for (let i = 0; i < NOTES; i++) {
    const folder = join(root, "Use cases", `Batch ${i % 20}`);
    if (i < 20) mkdirSync(folder, { recursive: true });
    const patterns = labels.filter(() => r() < 0.25);
    let body = OLDER;
    for (const p of patterns) body = body.replace(`- [ ] **${p}**`, `- [x] **${p}**`).replace(`- [ ] ${p}`, `- [x] ${p}`);
    const text = [
      "---", "type: use-case-analysis", `company: Company ${i}`, "year: 2024",
      ...(patterns.length ? ["patterns:", ...patterns.map((p) => `  - ${p}`)] : []),
      ...(patterns.length ? ["tags:", ...patterns.map((p) => `  - use-case/pattern/${p.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`)] : []),
      "---", body,
    ].join("\n");
    writeFileSync(join(folder, `Company ${i} - Study.md`), text);
  }
}

async function timed(argv: string[]): Promise<{ wall: number; cpu: number; code: number; err: string }> {
  let err = "";
  const c0 = cpuMs();
  const t0 = performance.now();
  const code = await runCli(argv, { out: () => undefined, err: (t) => { err += t; }, cwd: process.cwd() });
  return { wall: performance.now() - t0, cpu: cpuMs() - c0, code, err };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  printCalibration();
  const root = mkdtempSync(join(tmpdir(), "uca-bench-migrate-"));
  let ok = true;
  try {
    process.stdout.write(`writing a vault of ${NOTES} analyses from an older template…\n`);
    writeVault(root);
    const check: { wall: number; cpu: number }[] = [];
    const migrate: { wall: number; cpu: number }[] = [];
    await timed(["check", root]); // warm-up: both code paths compiled, files in the page cache
    for (let run = 0; run < RUNS; run++) {
      writeVault(root);
      const c = await timed(["check", root]);
      check.push(c);
      const m = await timed(["migrate", root]);
      if (m.code !== 0 || !m.err.includes(`${NOTES} updated`)) throw new Error(`migrate did not update every note: ${m.err}`);
      migrate.push(m);
      const again = await timed(["migrate", root]);
      if (!again.err.includes("0 updated")) throw new Error(`a second run changed notes: ${again.err}`);
    }
    const baseline = median(check.map((x) => x.wall));
    report(`check over ${NOTES} notes (baseline), wall clock median of ${RUNS} (CPU ${ms(median(check.map((x) => x.cpu)))})`, baseline);
    ok = report(`migrate over ${NOTES} notes, every note rewritten, wall clock median of ${RUNS} (CPU ${ms(median(migrate.map((x) => x.cpu)))})`,
      median(migrate.map((x) => x.wall)), { baseline, ratioBudget: 3 }) && ok;
    report("  the same on CPU time", median(migrate.map((x) => x.cpu)), { baseline: median(check.map((x) => x.cpu)), ratioBudget: 3 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  process.stdout.write(`${loadLine()}\n`);
  if (!ok) process.exitCode = 1;
}

void main();
