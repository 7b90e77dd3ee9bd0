/** `use-case-atlas migrate VAULT [--dry-run] [--template deep-dive|case-study]`: update notes to the template. */
import { parseArgs } from "node:util";
import { migrateNote, planTemplate, versionOf, type MigrateOptions, type MigrateReport, type MigrateTemplates } from "../core/migrate";
import { readNote } from "../core/reader";
import { ANALYSIS_TYPE, CASE_STUDY_TYPE, type StudyType } from "../core/study";
import { decideSync, syncNote } from "../core/sync";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE } from "../core/taxonomy";
import { unifiedDiff } from "../core/unified-diff";
import { type CliIo, UsageError } from "./io";
import { keepEdit, readNoteFile, replaceNoteFile } from "./note-file";
import { openVault, readTemplateNote, type Vault } from "./vault";

export const MIGRATE_HELP = `Usage: use-case-atlas migrate VAULT [--dry-run] [--template deep-dive|case-study] [--config-dir DIR]

Updates notes to the template: every analysis gains the pattern checkboxes, checklist items and
groups your deep-dive template has and the note lacks (every case study likewise, against the
case-study template). Only lines are added, unticked (ticked when the patterns property already
lists the pattern), in template order among the boxes already there, with the note's own list
markers, indentation and line endings; nothing the user wrote is removed, moved or re-ticked.
A box left out on purpose stays out when the note's template-skip property lists its label.
When the template has a template-version property, each updated note records it. Properties and
tags are then brought in step, as sync does.

Notes with broken frontmatter, notes that are not UTF-8 and read-only notes are listed and left
alone. A second run changes nothing.

Options:
  --dry-run          print what would change as a unified diff; write nothing
  --template KIND    only notes of one kind: deep-dive (analyses) or case-study
  --config-dir DIR   the vault's config folder (default .obsidian)
  --help             show this help

Exit code: 0 when nothing was to do or everything was done, 1 when a note was left alone (or a
group found no place in it), 2 on bad usage.
`;

const KINDS = { "deep-dive": ANALYSIS_TYPE, "case-study": CASE_STUDY_TYPE } as const;
type Kind = keyof typeof KINDS;

function usage(message: string): UsageError {
  return new UsageError(`migrate: ${message}\n\n${MIGRATE_HELP}`);
}

function parse(args: string[]): { vault: string; dryRun: boolean; kinds: Kind[]; configDir: string; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        "dry-run": { type: "boolean" }, template: { type: "string" }, "config-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: string }).code;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usage(`unknown option ${option}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option === "--config-dir") throw usage("--config-dir needs a folder name");
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option === "--template") throw usage("--template needs deep-dive or case-study");
    throw usage(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { vault: "", dryRun: false, kinds: [], configDir: "", help: true };
  if (positionals.length !== 1) throw usage("give exactly one vault folder");
  const template = values.template;
  if (template !== undefined && !(template in KINDS)) throw usage(`--template is deep-dive or case-study, not "${template}"`);
  const configDir = values["config-dir"] ?? ".obsidian";
  if (configDir.trim() === "") throw usage("--config-dir needs a folder name");
  return {
    vault: positionals[0], dryRun: values["dry-run"] ?? false, configDir, help: false,
    kinds: template === undefined ? ["deep-dive", "case-study"] : [template as Kind],
  };
}

/** The `template-version` of each kind's template (the bundled ones have none). */
export async function templateVersionsOf(vault: Vault): Promise<Partial<Record<StudyType, string | number | null>>> {
  const read = async (setting: string): Promise<string | number | null> => {
    const text = await readTemplateNote(vault.root, setting);
    return text === null ? null : versionOf(readNote(text).frontmatter);
  };
  return { [ANALYSIS_TYPE]: await read(vault.settings.deepDiveTemplate), [CASE_STUDY_TYPE]: await read(vault.settings.caseStudyTemplate) };
}

async function templates(vault: Vault, kinds: readonly Kind[], opts: MigrateOptions): Promise<MigrateTemplates> {
  const out: MigrateTemplates = {};
  for (const kind of kinds) {
    const setting = kind === "deep-dive" ? vault.settings.deepDiveTemplate : vault.settings.caseStudyTemplate;
    const named = await readTemplateNote(vault.root, setting);
    // A template the settings name but that cannot be read is not swapped for the bundled one:
    // that would add boxes the user's template does not have.
    if (named === null && setting.trim() !== "") throw usage(`cannot read the ${kind} template "${setting}" the plugin's settings name`);
    const plan = planTemplate(named ?? (kind === "deep-dive" ? BUNDLED_DEEP_DIVE_TEMPLATE : BUNDLED_CASE_STUDY_TEMPLATE), opts);
    if (!plan.ok) throw usage(`the ${kind} template cannot be used: ${plan.message}`);
    out[KINDS[kind]] = plan.plan;
  }
  return out;
}

/** What was added, as one line. */
function summary(report: MigrateReport): string {
  const parts: string[] = [];
  if (report.addedBoxes.length > 0) parts.push(`added ${report.addedBoxes.map((b) => b.checked ? `${b.label} (ticked)` : b.label).join(", ")}`);
  const groups = report.addedGroups;
  if (groups.length > 0) parts.push(`with ${groups.length === 1 ? "group" : "groups"} ${groups.join(", ")}`);
  if (report.version) parts.push(`template version ${String(report.version.to)}`);
  return parts.join("; ");
}

/** How often a note that changes under the migration is decided again before it is left for next time. */
const TRIES = 3;

export async function migrateVerb(args: string[], io: CliIo): Promise<number> {
  const options = parse(args);
  if (options.help) { io.out(MIGRATE_HELP); return 0; }
  const vault = await openVault(options.vault, io.cwd, options.configDir);
  const opts: MigrateOptions = { patternGroups: vault.settings.patternGroups, checklistHeading: vault.settings.checklistHeading };
  const plans = await templates(vault, options.kinds, opts);
  const syncOpts = { prefix: vault.settings.tagPrefix, formerPrefixes: vault.settings.formerTagPrefixes, patternGroups: vault.settings.patternGroups, knownPatterns: vault.taxonomy.patterns };
  const leftAlone: string[] = [];
  const notPlaced: string[] = [];
  let studies = 0;
  let changed = 0;
  for (const note of vault.notes) {
    // Read, decide and replace; a note another program changed meanwhile is decided again on
    // its new text (its edit kept), as `sync` does.
    let read = readNoteFile(note.abs);
    for (let attempt = 0; ; attempt++) {
      if (!read.ok) { leftAlone.push(`${note.path}: left alone — ${read.kind === "not-utf8" ? "not UTF-8 text" : read.message}`); break; }
      const current = read.note;
      const text = current.text;
      const r = migrateNote(text, plans, opts);
      const giveUp = !r.ok ? r.message : attempt >= TRIES ? "it kept changing while being migrated; run migrate again" : null;
      if (giveUp !== null) {
        const kept = current.pending ? keepEdit(note.abs, current) : null;
        leftAlone.push(`${note.path}: left alone — ${giveUp}${kept === null ? "" : ` (${kept})`}`);
        break;
      }
      if (!r.ok) break;
      if (r.skipped || !r.changed) {
        if (!r.skipped && attempt === 0) studies++;
        if (current.pending) {
          const kept = keepEdit(note.abs, current);
          if (kept !== null) leftAlone.push(`${note.path}: left alone — an edit made while migrating could not be written back (${kept})`);
        }
        break;
      }
      if (attempt === 0) {
        studies++;
        for (const group of r.report.unplaced) notPlaced.push(`${note.path}: no place for "${group}" (the note has none of the headings around it in the template); not added`);
      }
      // Properties and tags in step, in the same write (a box added ticked, a version recorded).
      // Decided first on the frontmatter already read: most notes were in step and stay so.
      const decided = decideSync(r.text, syncOpts, null, { frontmatter: r.frontmatter });
      const synced = decided.ok && !decided.skipped && decided.changed ? syncNote(r.text, syncOpts, null) : null;
      const next = synced?.ok ? synced.text : r.text;
      if (synced && !synced.ok) io.err(`${note.path}: updated but not synced — ${synced.message}\n`);
      if (options.dryRun) {
        io.out(unifiedDiff(note.path, text, next));
        changed++;
        break;
      }
      const written = replaceNoteFile(note.abs, current, next);
      if (written.kind === "written") { changed++; io.out(`${note.path}: ${summary(r.report)}\n`); break; }
      if (written.kind === "refused") { leftAlone.push(`${note.path}: left alone — ${written.message}`); break; }
      read = written.now;
    }
  }
  for (const line of [...leftAlone, ...notPlaced]) io.err(`${line}\n`);
  const placed = notPlaced.length > 0 ? `, ${notPlaced.length} group${notPlaced.length === 1 ? "" : "s"} with no place` : "";
  io.err(`${studies} studies, ${changed} ${options.dryRun ? "would change" : "updated"}, ${leftAlone.length} left alone${placed}${options.dryRun ? " (dry run: nothing written)" : ""}\n`);
  return leftAlone.length > 0 || notPlaced.length > 0 ? 1 : 0;
}
