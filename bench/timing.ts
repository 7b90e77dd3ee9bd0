/** Small timing helpers shared by the benchmarks (median of several runs after warm-up). */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

export interface Measured {
  median: number;
  min: number;
  runs: number;
  /** Median CPU time of the process over one run (all threads, the garbage collector's included). */
  cpuMedian: number;
}

declare const gc: (() => void) | undefined;

export function measure(fn: () => void, runs = 7, warmup = 2): Measured {
  for (let i = 0; i < warmup; i++) fn();
  const samples = new Samples(runs);
  for (let i = 0; i < runs; i++) {
    samples.start();
    fn();
    samples.stop();
  }
  return samples.result();
}

/** Wall and CPU time of each run, each run starting from a collected heap (when the runner passes --expose-gc). */
class Samples {
  private readonly times: number[] = [];
  private readonly cpu: number[] = [];
  private c0: NodeJS.CpuUsage = process.cpuUsage();
  private t0 = 0;

  constructor(private readonly runs: number) {}

  start(): void {
    if (typeof gc === "function") gc();
    this.c0 = process.cpuUsage();
    this.t0 = performance.now();
  }

  stop(): void {
    this.times.push(performance.now() - this.t0);
    const d = process.cpuUsage(this.c0);
    this.cpu.push((d.user + d.system) / 1000);
  }

  result(): Measured {
    const times = [...this.times].sort((a, b) => a - b);
    const cpu = [...this.cpu].sort((a, b) => a - b);
    const mid = Math.floor(times.length / 2);
    return { median: times[mid] ?? 0, min: times[0] ?? 0, runs: this.runs, cpuMedian: cpu[mid] ?? 0 };
  }
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

/** CPU time this process has used, in ms (all its threads: the figure a busy machine does not inflate much). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface CallTimes {
  /** Wall-clock median and fastest of one call. */
  median: number;
  min: number;
  /** Median CPU time of one call (process.cpuUsage around each call). */
  cpuMedian: number;
}

/**
 * Median (and fastest) time of one call, over `calls` calls after a warm-up. Each call is timed
 * on its own, so a call the OS preempted shifts the median little; its CPU time is taken too,
 * which a machine shared with other work inflates much less than the wall clock.
 */
export function medianOfCalls(fn: () => void, calls = 5000, warmup = 500): CallTimes {
  for (let i = 0; i < warmup; i++) fn();
  const wall = new Float64Array(calls);
  const cpu = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall[i] = performance.now() - t;
    const d = process.cpuUsage(c);
    cpu[i] = (d.user + d.system) / 1000;
  }
  wall.sort();
  cpu.sort();
  const mid = Math.floor(calls / 2);
  return { median: wall[mid] ?? 0, min: wall[0] ?? 0, cpuMedian: cpu[mid] ?? 0 };
}

/**
 * How fast this machine is right now (benchmarks share it): the median time of a 10-million-step
 * integer loop, printed with the load averages. Every bench prints this line first.
 */
export function printCalibration(): number {
  const loop = (): number => { let x = 0; for (let i = 0; i < 1e7; i++) x = (x + i * 7) | 0; return x; };
  let sink = 0;
  const t = medianOfCalls(() => { sink += loop(); }, 15, 3);
  const [one, five] = loadavg();
  process.stdout.write(`machine: a 10-million-step integer loop takes ${ms(t.median)} now, fastest ${ms(t.min)} (an idle core of a current x86 server: about 10 ms); load average ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${cpus().length} CPUs${sink === 0.5 ? "" : ""}\n`);
  return t.median;
}

/** The load averages, for a closing line (the machine may have changed while the bench ran). */
export function loadLine(): string {
  const [one, five] = loadavg();
  return `load average now ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${cpus().length} CPUs`;
}
