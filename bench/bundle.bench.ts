/**
 * Bundle size budget (docs PRODUCT.md): `main.js`, production (minified), ≤ 150 KB. Builds the
 * plugin with the very options of esbuild.config.mjs (`pluginBuildOptions(true)`) into a temporary
 * folder (the checkout's main.js is left alone) and prints its size, gzipped size for reference,
 * and what it is made of (esbuild's metafile): packages, then the largest inputs.
 *   node bench/run.mjs bench/bundle.bench.ts
 */
import esbuild from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { loadLine, ms, printCalibration } from "./timing";

/** 150 KB, counted as 150 × 1,024 bytes. */
const BUDGET_BYTES = 150 * 1024;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Where an input comes from: the npm package for node_modules files, else our folder (src/core, src/ui…). */
function origin(input: string): string {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return `package ${m[1] ?? input}`;
  const parts = input.split("/");
  return parts.length > 2 ? `${parts[0] ?? ""}/${parts[1] ?? ""}/ (ours)` : `${input} (ours)`;
}

async function main(): Promise<void> {
  printCalibration();
  const root = resolve(process.cwd());
  // A path computed at run time: the bundler leaves this import to Node, which loads the real config.
  const configUrl = pathToFileURL(join(root, "esbuild.config.mjs")).href;
  // eslint-disable-next-line no-unsanitized/method -- the repository's own build config, at a fixed path
  const config = (await import(configUrl)) as { pluginBuildOptions: (production: boolean) => esbuild.BuildOptions };
  const options = config.pluginBuildOptions(true);
  const out = mkdtempSync(join(tmpdir(), "uca-bundle-"));
  try {
    const outfile = join(out, "main.js");
    const t0 = performance.now();
    const result = await esbuild.build({ ...options, absWorkingDir: root, outfile, metafile: true, logLevel: "warning" });
    const buildMs = performance.now() - t0;
    const bytes = readFileSync(outfile);
    const size = bytes.length;
    const gz = gzipSync(bytes, { level: 9 }).length;
    const verdict = size <= BUDGET_BYTES ? "  ok" : "  OVER BUDGET";
    process.stdout.write(`main.js, production build as esbuild.config.mjs makes it (built in ${ms(buildMs)}): ${size.toLocaleString("en")} bytes = ${kb(size)} (budget ${kb(BUDGET_BYTES)}, ${(size / BUDGET_BYTES).toFixed(2)}× of it)${verdict}\n`);
    process.stdout.write(`  gzipped (for reference; Obsidian loads it uncompressed): ${kb(gz)}\n`);

    const output = Object.values(result.metafile.outputs)[0];
    if (!output) throw new Error("esbuild wrote no output");
    const inputs = Object.entries(output.inputs).map(([path, info]) => ({ path, bytes: info.bytesInOutput }));
    const byOrigin = new Map<string, { bytes: number; files: number }>();
    for (const i of inputs) {
      const o = origin(i.path);
      const entry = byOrigin.get(o) ?? { bytes: 0, files: 0 };
      entry.bytes += i.bytes;
      entry.files++;
      byOrigin.set(o, entry);
    }
    process.stdout.write("  by origin (bytes in main.js, before gzip):\n");
    for (const [o, e] of [...byOrigin].sort((a, b) => b[1].bytes - a[1].bytes)) {
      process.stdout.write(`    ${kb(e.bytes).padStart(9)}  ${(100 * e.bytes / size).toFixed(1).padStart(5)}%  ${o} (${e.files} file${e.files === 1 ? "" : "s"})\n`);
    }
    process.stdout.write("  largest inputs:\n");
    for (const i of inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 15)) {
      process.stdout.write(`    ${kb(i.bytes).padStart(9)}  ${i.path}\n`);
    }
    process.stdout.write(`(${loadLine()})\n`);
    if (size > BUDGET_BYTES) process.exitCode = 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
