/**
 * Checks for what the user types in the settings tab: the file-name pattern (with the path it
 * gives for a sample note), the tag prefix, names in the taxonomy and pattern-group lists.
 * A setting that fails its check is not saved; the message says what to change.
 */
import { renderPathPattern } from "./filename";
import type { AtlasSettings } from "./settings";

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
  if (p.split(/[/\\]/).some((segment) => segment.trim() === "..")) return { ok: false, message: 'The pattern may not hold "..": every note stays inside the vault.' };
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

/**
 * A folder or note path from the settings as a vault path: `/`-separated, no empty or `.`
 * segments, no leading or trailing `/` ("" is the vault's root). Refused when it could lead out
 * of the vault: a `..` segment, or a drive or network path. (Inside the vault, a folder that is
 * a link to elsewhere is refused where notes are written.)
 */
export function checkVaultPath(raw: string, what: string): CheckResult<string> {
  const p = raw.trim().replace(/\\/g, "/");
  if (/^[A-Za-z]:/.test(p) || p.startsWith("//")) return { ok: false, message: `The ${what} "${raw.trim()}" is outside the vault: give a path inside it, like "Use cases".` };
  const segments = p.split("/").map((s) => s.trim()).filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) return { ok: false, message: `The ${what} "${raw.trim()}" leads out of the vault (".."): give a path inside it, like "Use cases".` };
  return { ok: true, value: segments.join("/") };
}

type PathSetting = "analysesFolder" | "caseStudiesFolder" | "articlesFolder" | "templatesFolder" | "deepDiveTemplate" | "caseStudyTemplate";

/** What the settings name, by setting, as the settings tab and the messages call it. */
const PATH_SETTINGS: readonly [PathSetting, string][] = [
  ["analysesFolder", "analyses folder"], ["caseStudiesFolder", "case studies folder"], ["articlesFolder", "articles folder"],
  ["templatesFolder", "templates folder"], ["deepDiveTemplate", "deep dive template"], ["caseStudyTemplate", "case study template"],
];

/**
 * Every problem of saved settings that would make notes be written or read outside the vault,
 * or tags the plugin cannot own: checked before anything is written (settings saved by another
 * version, or edited by hand).
 */
export function settingsProblems(settings: AtlasSettings): string[] {
  const out: string[] = [];
  for (const [key, what] of PATH_SETTINGS) {
    const r = checkVaultPath(settings[key], what);
    if (!r.ok) out.push(r.message);
  }
  const pattern = checkFileNamePattern(settings.fileNamePattern, "");
  if (!pattern.ok) out.push(`File name pattern "${settings.fileNamePattern}": ${pattern.message}`);
  const prefix = checkTagPrefix(settings.tagPrefix);
  if (!prefix.ok) out.push(`Tag prefix "${settings.tagPrefix}": ${prefix.message}`);
  return out;
}
