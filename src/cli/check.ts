/** `use-case-atlas check VAULT`: every note with a problem, one line each. */
import { checkVault, type CheckContext, type VaultNoteText, type VaultProblem } from "../core/check";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";
import { templateVersionsOf } from "./migrate";
import { readNoteFile } from "./note-file";
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
  const parsed = parseVerbArgs("check", CHECK_HELP, args, { "config-dir": { type: "string", needs: "a folder name" } });
  if (parsed === "help") { io.out(CHECK_HELP); return 0; }
  if (parsed.positionals.length !== 1) throw new UsageError(`check: give exactly one vault folder\n\n${CHECK_HELP}`);
  const vault = await openVault(parsed.positionals[0], io.cwd, parsed.text("config-dir"));
  const ctx: CheckContext = { ...studyContextOf(vault), tagPrefix: vault.settings.tagPrefix, formerTagPrefixes: vault.settings.formerTagPrefixes, templateVersions: await templateVersionsOf(vault) };
  // Every note that can be read is checked; one that cannot is a problem of its own.
  const unreadable: VaultProblem[] = vault.unreadable.map((u) => ({ path: u.path, problem: u.message }));
  const notes: VaultNoteText[] = [];
  for (const n of vault.notes) {
    const read = readNoteFile(n.abs);
    if (read.ok) notes.push({ path: n.path, text: read.note.text });
    else unreadable.push({ path: n.path, problem: read.kind === "not-utf8" ? "not UTF-8, not checked" : `${read.message}, not checked` });
  }
  const problems = [...unreadable, ...checkVault(notes, ctx)];
  io.out(problems.map((p) => `${p.path}: ${p.problem}\n`).join(""));
  const withProblems = new Set(problems.map((p) => p.path)).size;
  const total = vault.notes.length;
  io.err(problems.length === 0
    ? `${total} notes checked, no problems\n`
    : `${total} notes checked, ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${withProblems} note${withProblems === 1 ? "" : "s"}\n`);
  return problems.length > 0 ? 1 : 0;
}
