// Builds the plugin bundle (main.js) and the command-line tool (dist/cli.cjs).
//   node esbuild.config.mjs             watch the plugin (development)
//   node esbuild.config.mjs production  one minified plugin build + the CLI
//   node esbuild.config.mjs cli         the CLI only (run by `npm install` through `prepare`)
//   (bench/load.bench.ts imports `pluginBuildOptions` to build the bundle it loads.)
import esbuild from "esbuild";
import { builtinModules } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const banner = "/* Use Case Atlas. Bundled by esbuild; the TypeScript source is in the plugin repository. */";

/** The plugin's build options, development or production (minified, no source map). */
export function pluginBuildOptions(production) {
  return {
    banner: { js: banner },
    entryPoints: ["main.ts"],
    bundle: true,
    external: ["obsidian", "electron", "@codemirror/*", "@lezer/*", ...builtinModules],
    format: "cjs",
    target: "es2021",
    platform: "browser",
    logLevel: "info",
    sourcemap: production ? false : "inline",
    treeShaking: true,
    minify: production,
    // Text as UTF-8, not \u escapes: Obsidian reads main.js as UTF-8, and the bundled templates'
    // diagrams (box-drawing characters) cost 3 bytes each instead of 6.
    charset: "utf8",
    loader: { ".md": "text" },
    outfile: "main.js",
  };
}

const cliOptions = {
  entryPoints: ["src/cli/main.ts"],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
  loader: { ".md": "text" },
  outfile: "dist/cli.cjs",
};

const ranDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const mode = process.argv[2] ?? "dev";
const production = mode === "production";
const pluginOptions = pluginBuildOptions(production);

if (!ranDirectly) {
  // Imported (by the load benchmark): build nothing.
} else if (mode === "cli") {
  await esbuild.build(cliOptions);
} else if (production) {
  await esbuild.build(pluginOptions);
  await esbuild.build(cliOptions);
} else {
  const ctx = await esbuild.context(pluginOptions);
  await ctx.watch();
}
