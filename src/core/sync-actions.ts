/**
 * What the plugin's pattern actions decide, as pure functions of the note's text: ticking one
 * pattern (the comparison view's cell), whether a new name may replace an old one across the
 * vault, and whether a note whose YAML the cache could not read may still be one of ours.
 * The glue (src/obsidian/sync-service.ts) says when to run them and writes what they return.
 */
import { locateFrontmatter } from "./frontmatter";
import { checkTagPrefix } from "./settings-check";
import { STUDY_TYPES } from "./study";
import { syncSettingPattern, type SyncOptions, type SyncRecord, type SyncReport } from "./sync";

/** What a rename across the vault renames: a value, or the prefix of the plugin's tags. */
export type RenameKind = "pattern" | "category" | "industry" | "tag prefix";

const TYPE_LINE = new RegExp(`^[ \\t]*["']?type["']?[ \\t]*:[ \\t]*["']?(?:${STUDY_TYPES.join("|")})["']?[ \\t]*(?:#.*)?$`, "m");

/**
 * Whether a note whose frontmatter the metadata cache could not read may still be one of ours:
 * its YAML is broken, but a `type:` line names one of our kinds. (Broken notes of other kinds
 * are not ours to complain about.)
 */
export function mayBeStudyText(text: string): boolean {
  const block = locateFrontmatter(text);
  return block !== null && TYPE_LINE.test(block.yaml);
}

/** Why `to` cannot replace `from`, or null when it can. */
export function renameProblem(kind: RenameKind, from: string, to: string): string | null {
  if (kind === "tag prefix") {
    const checked = checkTagPrefix(to);
    if (!checked.ok) return checked.message;
    return checked.value.toLowerCase() === from.trim().toLowerCase() ? "The new tag prefix is the same as the old one." : null;
  }
  const target = to.trim();
  if (from.trim() === "") return `Pick the ${kind} to rename.`;
  if (target === "") return `The new ${kind} name is empty.`;
  if (/[\r\n]/.test(target)) return `The new ${kind} name must be one line.`;
  if (target === from.trim()) return `The new ${kind} name is the same as the old one.`;
  if (kind === "pattern") {
    // A checkbox's label is its bold text, else its text before " (": a name holding either
    // would not read back as itself.
    if (target.includes(" (") || target.includes("**") || target.includes("__")) return "A pattern name cannot hold \" (\", \"**\" or \"__\": the checkbox would not read back as that name.";
  }
  if (!/[\p{L}\p{N}]/u.test(target)) return `The new ${kind} name needs at least one letter or digit (it becomes a tag).`;
  return null;
}

export type ToggleResult =
  | { ok: true; text: string; record: SyncRecord; report: SyncReport }
  | { ok: false; message: string; broken: boolean };

/**
 * The text of a note with one pattern checked or unchecked, in one pass (`syncSettingPattern`):
 * the note is brought in step (honouring an edit the user made since the last sync), its
 * `patterns` property gets or loses the pattern, and the checkbox follows (moved, or added under
 * the pattern's group) — what a sync, a property edit and a second sync would write.
 */
export function togglePattern(text: string, options: SyncOptions, record: SyncRecord | null, label: string, checked: boolean): ToggleResult {
  if (label.trim() === "") return { ok: false, message: "no pattern given", broken: false };
  const r = syncSettingPattern(text, options, record, label, checked);
  if (!r.ok) return { ok: false, message: r.message, broken: "broken" in r ? r.broken : true };
  if (r.skipped) return { ok: false, message: "not a use-case analysis or case study", broken: false };
  return { ok: true, text: r.text, record: r.record, report: r.report };
}
