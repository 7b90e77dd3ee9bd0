// Builds the plugin bundle (main.js) and the command-line tool (dist/cli.cjs).
//   node esbuild.config.mjs             watch the plugin (development)
//   node esbuild.config.mjs production  one minified plugin build + the CLI
//   node esbuild.config.mjs cli         the CLI only (run by `npm install` through `prepare`)
import esbuild from "esbuild";
import { builtinModules } from "node:module";

const mode = process.argv[2] ?? "dev";
const production = mode === "production";

const banner = "/* Use Case Atlas. Bundled by esbuild; the TypeScript source is in the plugin repository. */";

const pluginOptions = {
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
  loader: { ".md": "text" },
  outfile: "main.js",
};

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

if (mode === "cli") {
  await esbuild.build(cliOptions);
} else if (production) {
  await esbuild.build(pluginOptions);
  await esbuild.build(cliOptions);
} else {
  const ctx = await esbuild.context(pluginOptions);
  await ctx.watch();
}
