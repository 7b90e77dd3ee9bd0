/**
 * Note names that are safe on every platform Obsidian runs on and inside Obsidian's links.
 *
 * Illegal characters are replaced, not refused (PRODUCT.md: "Invalid file-name characters are
 * replaced"), and the caller is told which ones so the form can say so. What cannot be mended
 * (an empty name) is refused with a message.
 */

/** Characters no file name may hold on Windows, macOS, Linux, iOS or Android, or that break `[[links]]`. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const ILLEGAL = /[\\/:*?"<>|#^[\]\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
export const MAX_NAME_LENGTH = 200;

export type NameResult = { ok: true; name: string; replaced: string[] } | { ok: false; message: string };

/** The distinct illegal characters in a name, for "Replaced ':' and '?' in the title". */
export function replacedCharacters(raw: string): string[] {
  return [...new Set(raw.match(ILLEGAL) ?? [])].map((c) => (c < " " ? "control character" : c));
}

/**
 * One path segment (a company, a title …) made safe: illegal characters become spaces, runs of
 * white space one space, no leading dots, no trailing dots or spaces, a reserved Windows device
 * name gets a trailing "_", and a name over 200 characters is cut at a word boundary.
 */
export function checkName(raw: string, what: string): NameResult {
  const replaced = replacedCharacters(raw);
  let name = raw.replace(ILLEGAL, " ").replace(/\s+/g, " ").trim();
  name = name.replace(/^\.+/, "").replace(/[.\s]+$/, "").trim();
  if (name === "") {
    return { ok: false, message: raw.trim() === "" ? `${capitalise(what)} is empty.` : `${capitalise(what)} has no characters a file name can use.` };
  }
  if (RESERVED.test(name)) name = `${name}_`;
  if (name.length > MAX_NAME_LENGTH) {
    const cut = name.slice(0, MAX_NAME_LENGTH);
    const space = cut.lastIndexOf(" ");
    name = (space > MAX_NAME_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[.\s]+$/, "");
  }
  return { ok: true, name, replaced };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type PathResult = { ok: true; path: string; replaced: string[] } | { ok: false; message: string };

/**
 * Fills a `/`-separated pattern such as `{{category}}/{{company}} - {{title}}` with values, each
 * made safe on its own (a value can never add a folder or climb out with `..`). Empty segments
 * are dropped; a dangling " - " left by an empty value is trimmed. `.md` is added.
 */
export function renderPathPattern(pattern: string, values: Record<string, string>): PathResult {
  const replaced = new Set<string>();
  const segments: string[] = [];
  for (const segment of pattern.replace(/\.md$/i, "").split("/")) {
    const filled = segment.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
      const value = values[key.toLowerCase()] ?? "";
      if (value.trim() === "") return "";
      const r = checkName(value, key);
      if (!r.ok) return "";
      r.replaced.forEach((c) => replaced.add(c));
      return r.name;
    });
    const tidy = filled.replace(/^[\s\-–—_]+|[\s\-–—_]+$/g, "");
    if (tidy === "") continue;
    const r = checkName(tidy, "folder or file name");
    if (!r.ok) continue;
    segments.push(r.name);
  }
  if (segments.length === 0) return { ok: false, message: "The file name pattern gives an empty file name: use {{title}} or {{company}} in it." };
  return { ok: true, path: `${segments.join("/")}.md`, replaced: [...replaced] };
}

/**
 * A path that does not exist yet: `Folder/Name.md`, else `Folder/Name 2.md`, `Name 3.md` …
 * Never overwrite. Callers pass an `exists` that compares case-insensitively where the file
 * system does (Windows, macOS): `Name.md` and `name.md` are then the same file.
 */
export function uniquePath(path: string, exists: (p: string) => boolean): string {
  if (!exists(path)) return path;
  const dot = path.toLowerCase().endsWith(".md") ? path.length - 3 : path.length;
  const stem = path.slice(0, dot);
  const ext = path.slice(dot);
  for (let i = 2; i < 10000; i++) {
    const candidate = `${stem} ${i}${ext}`;
    if (!exists(candidate)) return candidate;
  }
  throw new Error(`no free file name near ${path}`);
}
