/** `use-case-atlas sync VAULT [--dry-run]`: the plugin's sync rules over a vault folder. */
import { readFile } from "node:fs/promises";
import { moveTagsToPrefix, syncNote } from "../core/sync";
import { type CliIo, UsageError } from "./io";
import { openVault, writeNote } from "./vault";

export const SYNC_HELP = `Usage: use-case-atlas sync VAULT [--dry-run] [--config-dir DIR]

Brings every analysis and case study in the vault in line with the plugin's sync rules: the
body's pattern checkboxes are the record, and the patterns property and the use-case tags follow
them (category and industry drive their tags too). Tags under a former tag prefix (the plugin's
settings remember them when the prefix is renamed) are written under the current one, in article
notes too. Only those properties change; every other
byte of every note stays as it was. Notes with broken frontmatter are reported, never rewritten.

Options:
  --dry-run          list what would change; write nothing
  --config-dir DIR   the vault's config folder (default .obsidian)
  --help             show this help

Exit code: 0 when every note is in sync now, 1 when a note could not be synced, 2 on bad usage.
`;

export async function syncVerb(args: string[], io: CliIo): Promise<number> {
  let dryRun = false;
  let configDir = ".obsidian";
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--dry-run") dryRun = true;
    else if (a === "--config-dir" || a.startsWith("--config-dir=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (!v || v.startsWith("--")) throw new UsageError(`sync: --config-dir needs a folder name\n\n${SYNC_HELP}`);
      configDir = v;
    }
    else if (a === "--help" || a === "-h") { io.out(SYNC_HELP); return 0; }
    else if (a.startsWith("-")) throw new UsageError(`sync: unknown option ${a}\n\n${SYNC_HELP}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new UsageError(`sync: give exactly one vault folder\n\n${SYNC_HELP}`);
  const vault = await openVault(rest[0], io.cwd, configDir);
  const opts = { prefix: vault.settings.tagPrefix, formerPrefixes: vault.settings.formerTagPrefixes, patternGroups: vault.settings.patternGroups, knownPatterns: vault.taxonomy.patterns };
  let changed = 0;
  let failed = 0;
  let studies = 0;
  for (const note of vault.notes) {
    const text = await readFile(note.abs, "utf8");
    const r = syncNote(text, opts, null);
    if (!r.ok) { failed++; io.err(`${note.path}: not synced — ${r.message}\n`); continue; }
    if (r.skipped) {
      const moved = moveTagsToPrefix(text, opts.prefix, opts.formerPrefixes);
      if (!("changed" in moved)) { failed++; io.err(`${note.path}: not synced — ${moved.message}\n`); continue; }
      if (!moved.changed) continue;
      changed++;
      io.out(`${note.path}: ${dryRun ? "would update" : "updated"} tags (tag prefix "${opts.prefix}")\n`);
      if (!dryRun) await writeNote(vault, note.path, moved.text);
      continue;
    }
    studies++;
    if (!r.changed) continue;
    changed++;
    const what: string[] = [];
    if (r.report.propertiesChanged) what.push(`patterns: [${r.patterns.join(", ")}]`);
    if (r.report.checked.length) what.push(`checked ${r.report.checked.join(", ")}`);
    if (r.report.unchecked.length) what.push(`unchecked ${r.report.unchecked.join(", ")}`);
    io.out(`${note.path}: ${dryRun ? "would update" : "updated"} ${what.join("; ") || "tags"}\n`);
    if (!dryRun) await writeNote(vault, note.path, r.text);
  }
  io.err(`${studies} studies, ${changed} ${dryRun ? "would change" : "changed"}, ${failed} not synced${dryRun ? " (dry run: nothing written)" : ""}\n`);
  return failed > 0 ? 1 : 0;
}
