// Runs benchmarks: each `bench/*.bench.ts` is bundled by esbuild into a temporary .cjs file
// (markdown files as text, `obsidian` aliased to the in-memory Obsidian of obsidian-test-mocks)
// and run with node, one process per file so one benchmark's garbage does not slow the next.
//   node bench/run.mjs                      every bench/*.bench.ts
//   node bench/run.mjs bench/index.bench.ts one file (extra arguments after `--` go to it)
import esbuild from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const files = (dash >= 0 ? argv.slice(0, dash) : argv).map((f) => resolve(process.cwd(), f));
const passThrough = dash >= 0 ? argv.slice(dash + 1) : [];
const benches = files.length > 0
  ? files
  : readdirSync(here).filter((f) => f.endsWith(".bench.ts")).sort().map((f) => join(here, f));

if (benches.length === 0) {
  console.error("no bench/*.bench.ts files found");
  process.exit(2);
}

const out = mkdtempSync(join(tmpdir(), "uca-bench-"));
let failed = 0;
try {
  for (const file of benches) {
    const outfile = join(out, basename(file).replace(/\.ts$/, ".cjs"));
    await esbuild.build({
      entryPoints: [file],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "warning",
      loader: { ".md": "text" },
      alias: { obsidian: "obsidian-test-mocks/obsidian" },
      external: [...builtinModules, "esbuild", "gray-matter", "playwright-core"],
      absWorkingDir: root,
      outfile,
      // The bundle lives in a temp folder; let `require` of externals resolve from the repository.
      nodePaths: [join(root, "node_modules")],
    });
    console.log(`\n== ${basename(file)}`);
    const r = spawnSync(process.execPath, ["--expose-gc", outfile, ...passThrough], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_PATH: join(root, "node_modules") },
    });
    if (r.status !== 0) {
      failed++;
      console.error(`${basename(file)} exited with ${r.status ?? r.signal}`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
