/** @jest-environment node */
/**
 * The layer rules really fail a probe: the project's ESLint config refuses an upward import in
 * each layer, and the plugin's tsconfig makes Node's globals a type error in src/ outside src/cli.
 * Probes are linted and compiled as text under a path in src/ — no file is written there.
 */
import { spawnSync } from "child_process";
import { readdirSync } from "fs";
import { join, relative, resolve } from "path";
import ts from "typescript";

const ROOT = resolve(__dirname, "../..");

// ---------------------------------------------------------------------------------------------
// Imports: ESLint's no-restricted-imports, as eslint.config.mjs sets it for each folder

interface Probe { folder: string; from: string }

/**
 * Lints every probe in one child process (ESLint loads eslint.config.mjs with a dynamic import,
 * which Jest's module system does not run): the project's config, with type information off (a
 * probe is no file of a TypeScript project) and only the import rule run, which needs no types.
 * Answers, per probe, the import rule's errors.
 */
function lintProbes(probes: readonly Probe[]): string[][] {
  const script = `
    import { ESLint } from "eslint";
    import { readFileSync } from "node:fs";
    const probes = JSON.parse(readFileSync(0, "utf8"));
    const eslint = new ESLint({
      overrideConfig: { languageOptions: { parserOptions: { project: null } } },
      ruleFilter: ({ ruleId }) => ruleId === "no-restricted-imports",
    });
    const out = [];
    for (const p of probes) {
      const [result] = await eslint.lintText(p.code, { filePath: p.filePath });
      const fatal = result.messages.filter((m) => m.fatal);
      if (fatal.length) throw new Error(JSON.stringify(fatal));
      out.push(result.messages.filter((m) => m.ruleId === "no-restricted-imports" && m.severity === 2).map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));`;
  const input = JSON.stringify(probes.map((p) => ({ code: use(p.from), filePath: resolve(ROOT, p.folder, "zz-layer-probe.ts") })));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, input, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`eslint probe run failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[][];
}

const use = (from: string): string => `import * as probe from "${from}";\nexport const p = probe;\n`;

const REFUSED: [string, string, string][] = [
    ["src/core", "obsidian", "src/core is pure"],
    ["src/core", "fs", "no Node APIs"],
    ["src/core", "node:path", "no Node APIs"],
    ["src/core", "../obsidian/context", "nothing of ours outside the core"],
    ["src/core", "../ui/comparison-view", "nothing of ours outside the core"],
    ["src/core", "../cli/cli", "nothing of ours outside the core"],
    ["src/obsidian", "../ui/comparison-view", "imports no src/ui"],
    ["src/obsidian", "../../main", "imports no src/ui"],
    ["src/cli", "obsidian", "without Obsidian"],
    ["src/cli", "../obsidian/articles", "never src/obsidian or src/ui"],
    ["src/cli", "../ui/comparison-render", "never src/obsidian or src/ui"],
];
const ALLOWED: [string, string][] = [
    ["src/core", "./links"],
    ["src/obsidian", "obsidian"],
    ["src/obsidian", "../core/links"],
    ["src/ui", "../obsidian/articles"],
    ["src/ui", "obsidian"],
    ["src/cli", "../core/links"],
    ["src/cli", "node:fs"],
];

describe("the layer rules of eslint.config.mjs", () => {
  let errors: string[][] = [];
  beforeAll(() => {
    errors = lintProbes([...REFUSED, ...ALLOWED].map(([folder, from]) => ({ folder, from })));
  }, 60000);

  it.each(REFUSED.map((row, i) => [...row, i] as const))("%s may not import %s", (_folder, _from, message, i) => {
    expect(errors[i]).toEqual([expect.stringContaining(message)]);
  });

  it.each(ALLOWED.map((row, i) => [...row, REFUSED.length + i] as const))("%s may import %s", (_folder, _from, i) => {
    expect(errors[i]).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Node's globals: a type error under tsconfig.json (the plugin), fine under tsconfig.node.json

function parsedConfig(name: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, name), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); },
  });
  if (!parsed) throw new Error(`cannot read ${name}`);
  return parsed;
}

/** Library files read once for every probe program. */
const sourceCache = new Map<string, ts.SourceFile>();

/** Type errors of `code` compiled as `path` (relative to the repository) with a config's options. */
function typeErrors(config: ts.ParsedCommandLine, path: string, code: string): string[] {
  const file = resolve(ROOT, path);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) => {
    if (name === file) return ts.createSourceFile(name, code, language);
    let cached = sourceCache.get(name);
    if (!cached) {
      cached = getSourceFile(name, language, onError);
      if (cached) sourceCache.set(name, cached);
    }
    return cached;
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram({ rootNames: [file], options: config.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith(".ts") ? [relative(ROOT, path).split("\\").join("/")] : [];
  });
}

const NODE_GLOBALS = 'export const env = process.env.HOME;\nexport const bytes = Buffer.from("x");\nexport const fs: unknown = require("fs");\n';
const BROWSER_ONLY = "export const later = window.setTimeout(() => undefined, 1);\nexport const doc = document.title;\n";

describe("Node's globals and the two tsconfigs", () => {
  const plugin = parsedConfig("tsconfig.json");
  const node = parsedConfig("tsconfig.node.json");

  it("tsconfig.json checks every file of src/ outside src/cli, and main.ts; tsconfig.node.json checks src/cli", () => {
    const inPlugin = new Set(plugin.fileNames.map((f) => relative(ROOT, f).split("\\").join("/")));
    const inNode = new Set(node.fileNames.map((f) => relative(ROOT, f).split("\\").join("/")));
    const src = tsFiles(resolve(ROOT, "src"));
    expect(src.filter((f) => !f.startsWith("src/cli/") && !inPlugin.has(f))).toEqual([]);
    expect(src.filter((f) => f.startsWith("src/cli/") && (inPlugin.has(f) || !inNode.has(f)))).toEqual([]);
    expect(inPlugin.has("main.ts")).toBe(true);
  });

  it.each(["src/core", "src/obsidian", "src/ui"])("process, Buffer and require are type errors in %s", (folder) => {
    const errors = typeErrors(plugin, `${folder}/zz-layer-probe.ts`, NODE_GLOBALS);
    for (const name of ["process", "Buffer", "require"]) expect(errors).toContainEqual(expect.stringContaining(`Cannot find name '${name}'`));
    expect(typeErrors(plugin, `${folder}/zz-layer-probe.ts`, BROWSER_ONLY)).toEqual([]);
  });

  it("they are fine in src/cli", () => {
    expect(typeErrors(node, "src/cli/zz-layer-probe.ts", NODE_GLOBALS)).toEqual([]);
  });
});
