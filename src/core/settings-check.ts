/**
 * Checks for what the user types in the settings tab: the file-name pattern (with the path it
 * gives for a sample note), the tag prefix, names in the taxonomy and pattern-group lists.
 * A setting that fails its check is not saved; the message says what to change.
 */
import { renderPathPattern } from "./filename";

/** Placeholders a file-name pattern may use. */
export const PATH_PLACEHOLDERS = ["company", "title", "category", "industry", "year"] as const;

/** The sample note the pattern's preview is drawn for. */
export const SAMPLE_NOTE: Record<(typeof PATH_PLACEHOLDERS)[number], string> = {
  company: "Instacart", title: "Hybrid search", category: "Search and Retrieval", industry: "E-commerce and retail", year: "2024",
};

export type CheckResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The path a pattern gives for the sample note in `folder`, or why the pattern cannot be used. */
export function checkFileNamePattern(pattern: string, folder: string): CheckResult<string> {
  const p = pattern.trim();
  if (p === "") return { ok: false, message: "The pattern is empty: use {{company}} - {{title}}, for example." };
  const unknown = [...p.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
    .map((m) => m[1] ?? "")
    .filter((name) => !(PATH_PLACEHOLDERS as readonly string[]).includes(name.toLowerCase()));
  if (unknown.length > 0) {
    return { ok: false, message: `Unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(", ")}: use ${PATH_PLACEHOLDERS.map((x) => `{{${x}}}`).join(", ")}.` };
  }
  if (/\{\{|\}\}/.test(p.replace(/\{\{\s*[^}]*?\s*\}\}/g, ""))) return { ok: false, message: "A placeholder is not closed: write it as {{title}}." };
  if (!/\{\{\s*(title|company)\s*\}\}/i.test(p)) return { ok: false, message: "Use {{title}} or {{company}} in the pattern, or every note gets the same name." };
  const rendered = renderPathPattern(p, SAMPLE_NOTE);
  if (!rendered.ok) return rendered;
  const f = folder.trim().replace(/^\/+|\/+$/g, "");
  return { ok: true, value: f === "" ? rendered.path : `${f}/${rendered.path}` };
}

const TAG_PREFIX = /^[\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)*$/u;

/** A tag prefix: tag characters only (letters, digits, `-`, `_`, `/` between parts), not only digits. */
export function checkTagPrefix(raw: string): CheckResult<string> {
  const v = raw.trim().replace(/^#/, "");
  if (v === "") return { ok: false, message: "The tag prefix is empty." };
  if (!TAG_PREFIX.test(v)) return { ok: false, message: `"${v}" can't start a tag: use letters, numbers, "-", "_" and "/" between parts, with no spaces.` };
  if (/^[\d/]+$/.test(v)) return { ok: false, message: "A tag cannot be only digits." };
  return { ok: true, value: v };
}

/**
 * A new or renamed entry of a list (a category, an industry, a pattern group): not empty, one
 * line, and not already in the list (ignoring case; `except` is the entry being renamed).
 */
export function checkListEntry(raw: string, list: readonly string[], what: string, except?: string): CheckResult<string> {
  const v = raw.replace(/\s+/g, " ").trim();
  if (v === "") return { ok: false, message: `The ${what} name is empty.` };
  const lower = v.toLowerCase();
  const clash = list.find((x) => x.toLowerCase() === lower && x !== except);
  if (clash !== undefined) return { ok: false, message: `"${clash}" is already in the list.` };
  return { ok: true, value: v };
}
