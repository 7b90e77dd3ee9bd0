/** `use-case-atlas check VAULT`: every note with a problem, one line each. */
import { readFileSync } from "node:fs";
import { checkVault, type CheckContext } from "../core/check";
import { type CliIo, UsageError } from "./io";
import { templateVersionsOf } from "./migrate";
import { openVault, studyContextOf } from "./vault";

export const CHECK_HELP = `Usage: use-case-atlas check VAULT [--config-dir DIR]

Lists every note with a problem, one line each as "path: problem":
  - broken YAML in the frontmatter;
  - a category or industry that is not in the taxonomy (settings, or your deep-dive template);
  - patterns or tags out of sync with the pattern checkboxes (use-case-atlas sync fixes these);
  - an articles link to a note that does not exist;
  - two article notes with the same URL;
  - a note written for an older template (its template-version is below the template's; use-case-atlas migrate updates it).
A summary goes to stderr. Nothing is written.

Options:
  --config-dir DIR   the vault's config folder (default .obsidian)
  --help             show this help

Exit code: 0 when no note has a problem, 1 when any has, 2 on bad usage.
`;

export async function checkVerb(args: string[], io: CliIo): Promise<number> {
  let configDir = ".obsidian";
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--help" || a === "-h") { io.out(CHECK_HELP); return 0; }
    if (a === "--config-dir" || a.startsWith("--config-dir=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (!v || v.startsWith("--")) throw new UsageError(`check: --config-dir needs a folder name\n\n${CHECK_HELP}`);
      configDir = v;
    } else if (a.startsWith("-")) throw new UsageError(`check: unknown option ${a}\n\n${CHECK_HELP}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new UsageError(`check: give exactly one vault folder\n\n${CHECK_HELP}`);
  const vault = await openVault(rest[0], io.cwd, configDir);
  const ctx: CheckContext = { ...studyContextOf(vault), tagPrefix: vault.settings.tagPrefix, formerTagPrefixes: vault.settings.formerTagPrefixes, templateVersions: await templateVersionsOf(vault) };
  const notes = vault.notes.map((n) => ({ path: n.path, text: readFileSync(n.abs, "utf8") }));
  const problems = checkVault(notes, ctx);
  io.out(problems.map((p) => `${p.path}: ${p.problem}\n`).join(""));
  const withProblems = new Set(problems.map((p) => p.path)).size;
  io.err(problems.length === 0
    ? `${notes.length} notes checked, no problems\n`
    : `${notes.length} notes checked, ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${withProblems} note${withProblems === 1 ? "" : "s"}\n`);
  return problems.length > 0 ? 1 : 0;
}
