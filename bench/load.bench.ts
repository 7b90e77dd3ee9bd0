/**
 * What starting Obsidian costs the user because of this plugin (docs PRODUCT.md budgets), measured
 * the way Obsidian loads a plugin: the production main.js, built with the very options of
 * esbuild.config.mjs, evaluated in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core) over the in-memory Obsidian with a vault of 10,000 synced studies (the
 * playground's /load/ page, playground/pages/load.ts).
 *
 * Every load is cold: a new browser context (a fresh renderer, so no compiled code is reused) and
 * main.js made unique by a trailing comment (so V8's cache of compiled scripts cannot answer).
 * Half the loads are on a device the plugin never ran on, half on one where it did (a sync record
 * per study in local storage, which the plugin reads as it loads).
 *
 * Budgets, wall-clock medians (what the user waits for), with the main thread's busy time from
 * Chromium's own counters (`Performance.getMetrics` TaskDuration) printed beside as the CPU figure:
 * - evaluate main.js + onload ≤ 5 ms (registrations only);
 * - layout-ready work ≤ 50 ms at 10,000 notes, with 0 writes (a vault already in step);
 * - main.js ≤ 350 KB (printed with what it is made of).
 *
 * For reference, each load also evaluates, after the measured steps and in the same page, the
 * floor: a plugin of main.js's very text that runs none of it (the bundle as the body of a
 * function never called, beside an empty plugin class): what compiling that many bytes costs
 * before any of our code runs.
 * And the layout-ready work's baseline: one pass over the vault's notes reading each one's
 * frontmatter from the metadata cache, the least a plugin that looks at the whole vault does
 * (much of the stand-in's cost is in its calls, which the real app's plain objects answer faster).
 *
 *   node bench/run.mjs bench/load.bench.ts             20 cold loads, 10,000 notes
 *   node bench/run.mjs bench/load.bench.ts -- 6 2000   6 loads, 2,000 notes
 */
import esbuild from "esbuild";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, type CDPSession, chromium, type Page } from "playwright-core";
import type {} from "../playground/pages/load";
import { servePlayground } from "./support/playground-server";
import { loadLine, ms, printCalibration } from "./timing";

const CHROMIUM = "/usr/bin/chromium";
const LOAD_BUDGET_MS = 5;
const LAYOUT_READY_BUDGET_MS = 50;
const SIZE_CEILING_BYTES = 350 * 1024;

const loads = Number(process.argv[2] ?? "20");
const notes = Number(process.argv[3] ?? "10000");

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const longest = (xs: number[]): number => Math.max(0, ...xs);
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? 0; };

let over = false;
function verdict(name: string, wall: number, cpu: number | null, budget: number): void {
  const ok = wall <= budget;
  if (!ok) over = true;
  process.stdout.write(`${name}: ${ms(wall)} median wall-clock${cpu === null ? "" : `, main thread busy ${ms(cpu)}`} (budget ${ms(budget)})${ok ? "  ok" : "  OVER BUDGET"}\n`);
}

/** Where an input of the bundle comes from: an npm package, or our folder. */
function origin(input: string): string {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return `package ${m[1] ?? input}`;
  const parts = input.split("/");
  return parts.length > 2 ? `${parts[0] ?? ""}/${parts[1] ?? ""}/ (ours)` : `${input} (ours)`;
}

async function buildMainJs(dir: string): Promise<string> {
  const root = resolve(process.cwd());
  // A path computed at run time: the bundler leaves this import to Node, which loads the real config.
  const configUrl = pathToFileURL(join(root, "esbuild.config.mjs")).href;
  // eslint-disable-next-line no-unsanitized/method -- the repository's own build config, at a fixed path
  const config = (await import(configUrl)) as { pluginBuildOptions: (production: boolean) => esbuild.BuildOptions };
  const outfile = join(dir, "main.js");
  const result = await esbuild.build({ ...config.pluginBuildOptions(true), absWorkingDir: root, outfile, metafile: true, logLevel: "warning" });
  const bytes = readFileSync(outfile);
  const ok = bytes.length <= SIZE_CEILING_BYTES;
  if (!ok) over = true;
  process.stdout.write(`main.js, production build: ${bytes.length.toLocaleString("en")} bytes = ${kb(bytes.length)} (ceiling ${kb(SIZE_CEILING_BYTES)}; gzipped ${kb(gzipSync(bytes, { level: 9 }).length)})${ok ? "  ok" : "  OVER THE CEILING"}\n`);
  const output = Object.values(result.metafile.outputs)[0];
  if (output) {
    const byOrigin = new Map<string, number>();
    for (const [path, info] of Object.entries(output.inputs)) byOrigin.set(origin(path), (byOrigin.get(origin(path)) ?? 0) + info.bytesInOutput);
    const parts = [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([o, b]) => `${o} ${kb(b)}`);
    process.stdout.write(`  made of: ${parts.join(", ")}\n`);
  }
  return bytes.toString("utf8");
}

/** The main thread's busy time so far, in ms (Chromium's TaskDuration). */
async function busy(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return 1000 * (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0);
}

interface OneLoad { evaluate: number; onload: number; load: number; loadCpu: number; ready: number; readyCpu: number; writes: number; reads: number; records: boolean; floor: number; floorCpu: number; idle: number[]; cachePass: number }

/** main.js's text inside a function never called, and a plugin that does nothing: see "the floor" above. */
function floorPlugin(code: string): string {
  return `function notCalled(require, module, exports) {\n${code}\n}\nvar obsidian = require("obsidian");\nmodule.exports = { default: class extends obsidian.Plugin { onload() {} } };\n`;
}

async function oneLoad(browser: Browser, base: string, code: string, i: number, records: boolean): Promise<OneLoad> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  try {
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Making the vault of 10,000 notes runs as the page loads; a busy machine needs more than the default 30 s.
    await page.goto(`${base}load/?n=${notes}${records ? "&records=1" : ""}`, { timeout: 300000 });
    await page.waitForSelector("body.load-ready", { timeout: 300000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const unique = `${code}\n//# load ${i} ${Date.now()}\n`;
    const b0 = await busy(cdp);
    const evaluate = await page.evaluate((text) => window.loadBench!.evaluate(text), unique);
    const onload = await page.evaluate(() => window.loadBench!.onload());
    const b1 = await busy(cdp);
    const ready = await page.evaluate(() => window.loadBench!.layoutReady());
    const b2 = await busy(cdp);
    const writes = await page.evaluate(() => window.loadBench!.writesAfter(1500));
    const idle = await page.evaluate(() => window.loadBench!.deferred());
    const b3 = await busy(cdp);
    const floorEvaluate = await page.evaluate((text) => window.loadBench!.evaluate(text), `${floorPlugin(code)}//# floor ${i} ${Date.now()}\n`);
    const floorOnload = await page.evaluate(() => window.loadBench!.onload());
    const b4 = await busy(cdp);
    const cachePass = await page.evaluate(() => window.loadBench!.cachePass());
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    return { evaluate, onload, load: evaluate + onload, loadCpu: b1 - b0, ready: ready.ms, readyCpu: b2 - b1, writes, reads: ready.reads, records, floor: floorEvaluate + floorOnload, floorCpu: b4 - b3, idle, cachePass };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  printCalibration();
  const dir = mkdtempSync(join(tmpdir(), "uca-load-"));
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    const code = await buildMainJs(dir);
    const started = await servePlayground("load", join(dir, "playground"));
    server = started.server;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
    process.stdout.write(`${loads} cold loads over ${notes.toLocaleString("en")} studies (every other one with the sync records of an earlier run)\n`);
    const results: OneLoad[] = [];
    for (let i = 0; i < loads; i++) {
      const r = await oneLoad(browser, started.base, code, i, i % 2 === 1);
      results.push(r);
      process.stdout.write(`  load ${String(i + 1).padStart(2)}${r.records ? " (records)" : "          "}: evaluate + onload ${ms(r.evaluate)} + ${ms(r.onload)} (busy ${ms(r.loadCpu)}; floor ${ms(r.floor)}), layout-ready work ${ms(r.ready)} (busy ${ms(r.readyCpu)}), then in idle time ${r.idle.length} callbacks, longest ${ms(longest(r.idle))}, total ${ms(sum(r.idle))}; ${r.writes} writes, ${r.reads} whole-note reads\n`);
    }
    verdict("evaluate main.js + onload", median(results.map((r) => r.load)), median(results.map((r) => r.loadCpu)), LOAD_BUDGET_MS);
    process.stdout.write(`  the floor, a plugin of the same bytes that runs none of them: evaluate + onload ${ms(median(results.map((r) => r.floor)))} median wall-clock, main thread busy ${ms(median(results.map((r) => r.floorCpu)))}\n`);
    // What the budget allows at this machine's rate of compiling script: the floor is the cost of
    // the bytes alone, so this many KB of script take the budget before any of them runs.
    const floorMs = median(results.map((r) => r.floor));
    if (floorMs > 0) process.stdout.write(`  at the floor's rate (${kb(Buffer.byteLength(code) / floorMs)} per ms), ${ms(LOAD_BUDGET_MS)} compiles about ${kb(Buffer.byteLength(code) * LOAD_BUDGET_MS / floorMs)} of script\n`);
    for (const records of [false, true]) {
      const some = results.filter((r) => r.records === records);
      if (some.length === 0) continue;
      process.stdout.write(`  ${records ? "with records:   " : "without records:"} evaluate + onload ${ms(median(some.map((r) => r.load)))}, layout-ready work ${ms(median(some.map((r) => r.ready)))}\n`);
    }
    verdict(`layout-ready work, ${notes.toLocaleString("en")} notes`, median(results.map((r) => r.ready)), median(results.map((r) => r.readyCpu)), LAYOUT_READY_BUDGET_MS);
    process.stdout.write(`  baseline in the same loads: one pass over the ${notes.toLocaleString("en")} notes reading each one's frontmatter from the cache, ${ms(median(results.map((r) => r.cachePass)))} median (the stand-in's cost per note, which any look at the whole vault pays)\n`);
    process.stdout.write(`  then deferred to the browser's idle time (not in the figure above; for reference): longest callback ${ms(median(results.map((r) => longest(r.idle))))} median, all of them ${ms(median(results.map((r) => sum(r.idle))))} median, ${median(results.map((r) => r.idle.length))} callbacks\n`);
    const writes = Math.max(...results.map((r) => r.writes));
    if (writes > 0) over = true;
    process.stdout.write(`writes after layout ready (most in one load, budget 0): ${writes}${writes === 0 ? "  ok" : "  OVER BUDGET"}\n`);
    process.stdout.write(`whole-note reads during the layout-ready work (median, for reference): ${median(results.map((r) => r.reads))}\n`);
    process.stdout.write(`(${loadLine()})\n`);
    process.exitCode = over ? 1 : 0;
  } finally {
    await browser?.close();
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
