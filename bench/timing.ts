/** Small timing helpers shared by the benchmarks (median of several runs after warm-up). */
import { performance } from "node:perf_hooks";

export interface Measured { median: number; min: number; runs: number }

declare const gc: (() => void) | undefined;

export function measure(fn: () => void, runs = 7, warmup = 2): Measured {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (typeof gc === "function") gc();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, min: times[0] ?? 0, runs };
}

export async function measureAsync(fn: () => Promise<void>, runs = 5, warmup = 1): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (typeof gc === "function") gc();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, min: times[0] ?? 0, runs };
}

export const ms = (x: number): string => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);

/** One result line: `name: 4.1 ms (budget 30 ms, baseline 1.2 ms, ratio 3.4×) ok`. */
export function report(name: string, time: number, opts: { budget?: number; baseline?: number; ratioBudget?: number } = {}): boolean {
  const parts: string[] = [];
  if (opts.budget !== undefined) parts.push(`budget ${ms(opts.budget)}`);
  let ok = opts.budget === undefined || time <= opts.budget;
  if (opts.baseline !== undefined) {
    const ratio = time / opts.baseline;
    parts.push(`baseline ${ms(opts.baseline)}`, `ratio ${ratio.toFixed(2)}×${opts.ratioBudget !== undefined ? ` of ≤ ${opts.ratioBudget}×` : ""}`);
    if (opts.ratioBudget !== undefined && ratio > opts.ratioBudget) ok = false;
  }
  const verdict = opts.budget !== undefined || opts.ratioBudget !== undefined ? (ok ? "  ok" : "  OVER BUDGET") : "";
  process.stdout.write(`${name}: ${ms(time)}${parts.length ? ` (${parts.join(", ")})` : ""}${verdict}\n`);
  return ok;
}
