// Lists every part of Obsidian's API the plugin bundle uses (main.ts and what it imports) with
// the Obsidian version it appeared in (the `@since` tag of its declaration in obsidian.d.ts), and
// fails when one is newer than manifest.json's minAppVersion.
//
//   node scripts/obsidian-api-versions.mjs           the table, newest first; exit 1 when too new
//   node scripts/obsidian-api-versions.mjs --json    the same as JSON (for tests/obsidian/api-versions.test.ts)
//   … --min 1.6.6                                     check against another version than the manifest's
//
// Each name the TypeScript checker resolves into obsidian.d.ts counts: classes and functions
// imported, members read or called (a call counts the overload it resolves to), types. What
// obsidian.d.ts leaves without a `@since` is listed as unknown and never fails the check.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import rules from "./api-version-rules.cjs";

const { compareVersions, tooNewFor } = rules;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8"));

function sinceOf(decl) {
  for (const tag of ts.getJSDocTags(decl)) {
    if (tag.tagName.text !== "since") continue;
    const text = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "";
    const m = /\d+(?:\.\d+)+/.exec(text);
    if (m) return m[0];
  }
  return null;
}

function nameOf(decl) {
  const own = decl.name && ts.isIdentifier(decl.name) ? decl.name.text : decl.name?.getText() ?? "(anonymous)";
  let parent = decl.parent;
  while (parent && !ts.isClassDeclaration(parent) && !ts.isInterfaceDeclaration(parent) && !ts.isModuleBlock(parent) && !ts.isSourceFile(parent)) parent = parent.parent;
  const owner = parent && (ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)) && parent.name ? parent.name.text : null;
  return owner ? `${owner}.${own}` : own;
}

/** The version of an enclosing `if (requireApiVersion("x")) { … }` the node runs under, if any. */
function guardOf(node) {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (!ts.isIfStatement(parent) || parent.thenStatement !== child) continue;
    let version = null;
    const find = (n) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "requireApiVersion" && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) version = n.arguments[0].text;
      else ts.forEachChild(n, find);
    };
    find(parent.expression);
    if (version) return version;
  }
  return null;
}

export function obsidianApiUse() {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram([join(ROOT, "main.ts")], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const isObsidian = (sf) => sf.fileName.split(/[\\/]/).slice(-2).join("/") === "obsidian/obsidian.d.ts";
  const uses = new Map();
  const note = (decl, node) => {
    if (!isObsidian(decl.getSourceFile())) return;
    // A type's name is gone at run time (its members that the code reads still count).
    if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl)) return;
    const name = nameOf(decl);
    const since = sinceOf(decl);
    const guard = guardOf(node);
    const key = `${name}@${since ?? ""}@${guard ?? ""}`;
    if (uses.has(key)) return;
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    uses.set(key, { name, since, guard, at: `${relative(ROOT, sf.fileName).split(sep).join("/")}:${line + 1}` });
  };
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || relative(ROOT, sf.fileName).split(sep)[0] === "node_modules") continue;
    const visit = (node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const decl = checker.getResolvedSignature(node)?.declaration;
        if (decl && !ts.isJSDocSignature(decl)) note(decl, node);
      }
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const decls = symbol?.declarations ?? [];
        // An overloaded method counts through its call (above); anything else through every declaration.
        const callee = ts.isCallExpression(node.parent) || (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node && ts.isCallExpression(node.parent.parent));
        if (!(callee && decls.length > 1)) for (const decl of decls) note(decl, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...uses.values()].sort((a, b) => compareVersions(b.since ?? "0", a.since ?? "0") || a.name.localeCompare(b.name));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const uses = obsidianApiUse();
  const minAt = process.argv.indexOf("--min");
  const min = minAt >= 0 ? process.argv[minAt + 1] : manifest.minAppVersion;
  const tooNew = uses.filter((u) => tooNewFor(u, min));
  if (process.argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify({ minAppVersion: min, uses, tooNew: tooNew.map((u) => u.name) }, null, 2)}\n`);
  } else {
    const width = Math.max(...uses.map((u) => u.name.length));
    process.stdout.write(`Obsidian API used by the plugin (${uses.length} names), newest first; minAppVersion ${min}\n`);
    for (const u of uses) process.stdout.write(`${(u.since ?? "unknown").padEnd(8)} ${u.name.padEnd(width)}  ${u.at}${u.guard ? `  (only under requireApiVersion("${u.guard}"))` : ""}${tooNewFor(u, min) ? "  NEWER THAN minAppVersion" : ""}\n`);
    process.stdout.write(tooNew.length ? `${tooNew.length} newer than minAppVersion ${min}\n` : `all within minAppVersion ${min}\n`);
  }
  process.exitCode = tooNew.length ? 1 : 0;
}
