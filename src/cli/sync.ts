/** `use-case-atlas sync VAULT [--dry-run]`: the plugin's sync rules over a vault folder. */
import { readFrontmatter } from "../core/frontmatter";
import { checkTagPrefix } from "../core/settings-check";
import { moveTagsToPrefix, syncNote, type SyncOptions } from "../core/sync";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";
import { keepEdit, type NoteFile, readNoteFile, replaceNoteFile } from "./note-file";
import { openVault } from "./vault";

export const SYNC_HELP = `Usage: use-case-atlas sync VAULT [--dry-run] [--config-dir DIR]

Brings every analysis and case study in the vault in line with the plugin's sync rules: the
body's pattern checkboxes are the record, and the patterns property and the use-case tags follow
them (category and industry drive their tags too). Tags under a former tag prefix (the plugin's
settings remember them when the prefix is renamed) are written under the current one, in article
notes too. Only those properties change; every other byte of every note stays as it was.

Never written, each reported on a line of its own (the sync goes on with the other notes):
a note with broken frontmatter, a note that is not UTF-8, a read-only note, a note with several
hard links, a note that cannot be read, and a note another program changed while it was being
synced that keeps changing. A note is replaced as a whole (a new file renamed over it, keeping
its permissions), and "updated" is printed once it is.

Options:
  --dry-run          list what would change; write nothing
  --config-dir DIR   the vault's config folder (default .obsidian)
  --help             show this help

Exit code: 0 when every note is in sync now, 1 when a note could not be synced or read, 2 on
bad usage.
`;

/** How often a note that changes under the sync is decided again before it is left for next time. */
const TRIES = 3;

function lc(s: string): string {
  return s.trim().normalize("NFC").toLowerCase();
}

/** The `patterns` entries of the note's text that the new list no longer holds. */
function removedEntries(text: string, patterns: readonly string[]): string[] {
  const fm = readFrontmatter(text);
  if (fm.kind !== "ok" || !Array.isArray(fm.data.patterns)) return [];
  const kept = new Set(patterns.map(lc));
  return fm.data.patterns.filter((p): p is string => typeof p === "string" && p.trim() !== "" && !kept.has(lc(p)));
}

type Outcome = { kind: "in-step" | "skipped" } | { kind: "changed" | "retagged"; line: string } | { kind: "failed"; line: string };

/** One note: decide, and unless this is a dry run, write; decided again when the note changed meanwhile. */
function syncOne(path: string, abs: string, opts: SyncOptions, dryRun: boolean): Outcome {
  let read = readNoteFile(abs);
  for (let attempt = 0; ; attempt++) {
    if (!read.ok) return { kind: "failed", line: `${path}: not synced — ${read.kind === "not-utf8" ? "not UTF-8" : read.message}` };
    const note: NoteFile = read.note;
    const r = syncNote(note.text, opts, null);
    if (!r.ok || attempt >= TRIES) {
      const why = !r.ok ? r.message : "it kept changing while being synced; run sync again";
      const kept = note.pending ? keepEdit(abs, note) : null;
      return { kind: "failed", line: `${path}: not synced — ${why}${kept === null ? "" : ` (${kept})`}` };
    }
    if (r.skipped) {
      // Not a study: only its tags under a former prefix move (article notes carry `<prefix>/article`).
      const moved = moveTagsToPrefix(note.text, opts.prefix, opts.formerPrefixes ?? []);
      if (!("changed" in moved)) return { kind: "failed", line: `${path}: not synced — ${moved.message}` };
      if (!moved.changed) return note.pending && keepEdit(abs, note) !== null ? { kind: "failed", line: `${path}: not synced — an edit made while syncing could not be written back` } : { kind: "skipped" };
      const line = `${path}: ${dryRun ? "would update" : "updated"} tags (tag prefix "${opts.prefix}")`;
      if (dryRun) return { kind: "retagged", line };
      const written = replaceNoteFile(abs, note, moved.text);
      if (written.kind === "written") return { kind: "retagged", line };
      if (written.kind === "refused") return { kind: "failed", line: `${path}: not synced — ${written.message}` };
      read = written.now;
      continue;
    }
    // An edit that raced a replacement is on disk only in the replaced file: written even when in step.
    if (!r.changed && !note.pending) return { kind: "in-step" };
    const what: string[] = [];
    if (r.report.propertiesChanged) {
      what.push(`patterns: [${r.patterns.join(", ")}]`);
      const removed = removedEntries(note.text, r.patterns);
      if (removed.length > 0) what.push(`removed ${removed.join(", ")} from patterns`);
    }
    if (r.report.checked.length) what.push(`checked ${r.report.checked.join(", ")}`);
    if (r.report.unchecked.length) what.push(`unchecked ${r.report.unchecked.join(", ")}`);
    const summary = what.join("; ") || (r.changed ? "tags" : "(kept an edit made while syncing)");
    if (dryRun) return { kind: "changed", line: `${path}: would update ${summary}` };
    const written = replaceNoteFile(abs, note, r.text);
    if (written.kind === "written") return { kind: "changed", line: `${path}: updated ${summary}` };
    if (written.kind === "refused") return { kind: "failed", line: `${path}: not synced — ${written.message}` };
    read = written.now;
  }
}

export async function syncVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseVerbArgs("sync", SYNC_HELP, args, {
    "dry-run": { type: "boolean" },
    "config-dir": { type: "string", needs: "a folder name" },
  });
  if (parsed === "help") { io.out(SYNC_HELP); return 0; }
  if (parsed.positionals.length !== 1) throw new UsageError(`sync: give exactly one vault folder\n\n${SYNC_HELP}`);
  const dryRun = parsed.flag("dry-run");
  const vault = await openVault(parsed.positionals[0], io.cwd, parsed.text("config-dir"));
  const prefix = checkTagPrefix(vault.settings.tagPrefix);
  if (!prefix.ok) throw new UsageError(`sync: the tag prefix in the plugin's settings cannot be used: ${prefix.message}`);
  const opts: SyncOptions = { prefix: prefix.value, formerPrefixes: vault.settings.formerTagPrefixes, patternGroups: vault.settings.patternGroups, knownPatterns: vault.taxonomy.patterns };
  let changed = 0;
  let failed = vault.unreadable.length;
  let studies = 0;
  for (const u of vault.unreadable) io.err(`${u.path}: ${u.message}\n`);
  for (const note of vault.notes) {
    const outcome = syncOne(note.path, note.abs, opts, dryRun);
    switch (outcome.kind) {
      case "skipped": break;
      case "in-step": studies++; break;
      case "changed": studies++; changed++; io.out(`${outcome.line}\n`); break;
      case "retagged": changed++; io.out(`${outcome.line}\n`); break;
      case "failed": failed++; io.err(`${outcome.line}\n`); break;
    }
  }
  io.err(`${studies} studies, ${changed} ${dryRun ? "would change" : "changed"}, ${failed} not synced${dryRun ? " (dry run: nothing written)" : ""}\n`);
  return failed > 0 ? 1 : 0;
}
