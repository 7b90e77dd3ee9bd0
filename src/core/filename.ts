/**
 * Note names that are safe on every platform Obsidian runs on and inside Obsidian's links.
 *
 * Illegal characters are replaced, not refused (PRODUCT.md: "Invalid file-name characters are
 * replaced"), and the caller is told which ones so the form can say so. What cannot be mended
 * (an empty name) is refused with a message.
 */

/**
 * Characters no file name may hold on Windows, macOS, Linux, iOS or Android (`\ / : * ? " < > |`
 * and control characters), or that Obsidian links give a meaning (`#` heading, `^` block,
 * `[` `]` link brackets, `|` alias).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const ILLEGAL = /[\\/:*?"<>|#^[\]\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- same set as ILLEGAL, as runs
const ILLEGAL_RUN = /[\\/:*?"<>|#^[\]\u0000-\u001f\u007f-\u009f]+/g;

/**
 * Windows device names, whatever the case and whatever follows a dot (`con.txt`, `CON .md`):
 * Windows opens the device instead of the file. The superscript digits count too.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(\.|$))/i;

/** At most this many characters (UTF-16 code units) in one name. */
export const MAX_NAME_LENGTH = 200;
/**
 * At most this many UTF-8 bytes: most file systems allow 255 bytes per name, and the name still
 * needs `.md` and room for " 99999" from `uniquePath`. 200 Chinese characters would be 600 bytes.
 */
export const MAX_NAME_BYTES = 240;

export type NameResult = { ok: true; name: string; replaced: string[] } | { ok: false; message: string };

/**
 * The distinct illegal characters in a name, in order of appearance, for "Replaced ':' and '?'
 * in the title". Control characters are all reported as "control character".
 */
export function replacedCharacters(raw: string): string[] {
  return [...new Set((raw.match(ILLEGAL) ?? []).map((c) => (/[\\/:*?"<>|#^[\]]/.test(c) ? c : "control character")))];
}

/**
 * The characters `replacedCharacters` found, as a sentence reads them: each as itself (no
 * quotes around a quote), control characters by name: `: [ ] ?`, `/ and control characters`.
 */
export function replacedList(replaced: readonly string[]): string {
  const shown = replaced.filter((c) => c !== "control character");
  const control = shown.length < replaced.length ? "control characters" : "";
  return [shown.join(" "), control].filter((s) => s !== "").join(" and ");
}

/** How many bytes a text takes in UTF-8. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Cuts `name` to the limits, at the last space when there is one in the second half; never inside a character. */
function shorten(name: string): string {
  if (name.length <= MAX_NAME_LENGTH && utf8Length(name) <= MAX_NAME_BYTES) return name;
  let cut = "";
  let bytes = 0;
  for (const ch of name) {
    const size = utf8Length(ch);
    if (cut.length + ch.length > MAX_NAME_LENGTH || bytes + size > MAX_NAME_BYTES) break;
    cut += ch;
    bytes += size;
  }
  const space = cut.lastIndexOf(" ");
  return space > cut.length / 2 ? cut.slice(0, space) : cut;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * One path segment (a company, a title …) made safe: each run of illegal characters becomes one
 * space and white space collapses to single spaces ("Uber: Michelangelo" → "Uber Michelangelo");
 * no leading dots (hidden files), no trailing dots or spaces (Windows drops them); cut to
 * 200 characters / 240 bytes at a word boundary; a Windows device name gets "_" after the
 * device word (`CON` → `CON_`, `con.txt` → `con_.txt`). `what` names the field in messages.
 */
export function checkName(raw: string, what: string): NameResult {
  const text = raw.normalize("NFC");
  const replaced = replacedCharacters(text);
  const strip = (s: string): string => s.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  let name = strip(text.replace(ILLEGAL_RUN, " ").replace(/\s+/g, " "));
  if (name === "") {
    return { ok: false, message: raw.trim() === "" ? `${capitalise(what)} is empty.` : `${capitalise(what)} has no characters a file name can use.` };
  }
  // The device word is marked first: cutting keeps the start of a name, so the mark stays.
  name = strip(shorten(name.replace(RESERVED, "$1_")));
  return { ok: true, name, replaced };
}

export type PathResult =
  | { ok: true; path: string; replaced: string[]; unknownPlaceholders: string[] }
  | { ok: false; message: string };

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;
/** Literal text that only joins two values (" - ", ", ", " "): pointless next to an empty one. */
const JOINER = /^[\s\-–—_,;·•~+&]+$/;

type Piece = { value: string } | { literal: string };

/** Own properties only: `{{constructor}}` is a typo, not Object's constructor. */
function valueOf(values: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : undefined;
}

/**
 * Fills one pattern segment. An empty value takes its joiner with it ("{{company}} - {{title}}"
 * without a company is the title alone, not "- title") and empty brackets go ("{{title}}
 * ({{year}})" without a year is the title alone); the values themselves are never edited.
 */
function fillSegment(segment: string, values: Record<string, string>, replaced: Set<string>, unknown: Set<string>): string {
  const pieces: Piece[] = [];
  let at = 0;
  for (const m of segment.matchAll(PLACEHOLDER)) {
    if (m.index > at) pieces.push({ literal: segment.slice(at, m.index) });
    at = m.index + m[0].length;
    const key = m[1];
    const raw = valueOf(values, key) ?? valueOf(values, key.toLowerCase());
    if (raw === undefined) unknown.add(m[0]);
    const checked = checkName(raw ?? "", key);
    if (!checked.ok) continue;
    checked.replaced.forEach((c) => replaced.add(c));
    pieces.push({ value: checked.name });
  }
  if (at < segment.length) pieces.push({ literal: segment.slice(at) });

  // Joiners survive only between two pieces of content; of several in a row, the first stays.
  const kept: Piece[] = [];
  for (const piece of pieces) {
    const last = kept[kept.length - 1];
    if ("literal" in piece && JOINER.test(piece.literal)) {
      if (last === undefined || ("literal" in last && JOINER.test(last.literal))) continue;
    }
    kept.push(piece);
  }
  while (kept.length > 0) {
    const last = kept[kept.length - 1];
    if (!("literal" in last) || !JOINER.test(last.literal)) break;
    kept.pop();
  }
  // "(" and ")" that an empty value left face to face.
  for (let i = 0; i + 1 < kept.length; i++) {
    const a = kept[i];
    const b = kept[i + 1];
    if ("literal" in a && "literal" in b && /\(\s*$/.test(a.literal) && /^\s*\)/.test(b.literal)) {
      a.literal = a.literal.replace(/\s*\(\s*$/, "");
      b.literal = b.literal.replace(/^\s*\)/, "");
    }
  }
  return kept.map((p) => ("value" in p ? p.value : p.literal)).join("");
}

/**
 * Fills a `/`-separated pattern such as `{{category}}/{{company}} - {{title}}` with values, each
 * made safe on its own: a value can never add a folder or climb out with `..`. Folder segments
 * that come out empty (no category) are dropped; an empty file name (the last segment) is
 * refused. Placeholders with no value given are left empty and reported in
 * `unknownPlaceholders` (`{{titel}}`), so settings can point at the typo. `.md` is added.
 */
export function renderPathPattern(pattern: string, values: Record<string, string>): PathResult {
  const replaced = new Set<string>();
  const unknown = new Set<string>();
  // A backslash can never be in a name, so it is read as the folder separator a Windows user meant.
  // Empty segments of the pattern itself ("a//b", a leading or trailing "/") are slips of the pen.
  const written = pattern.trim().replace(/\.md$/i, "").split(/[/\\]/).filter((segment) => segment.trim() !== "");
  const segments = written.length > 0 ? written : [""];
  const parts: string[] = [];
  segments.forEach((segment, i) => {
    const filled = fillSegment(segment, values, replaced, unknown);
    const checked = checkName(filled, "file name");
    if (checked.ok) parts.push(checked.name);
    else if (i === segments.length - 1) parts.length = 0; // no file name: refused below
  });
  if (parts.length === 0) {
    return { ok: false, message: `The file name pattern "${pattern}" gives an empty file name: put {{title}} or {{company}} after its last "/".` };
  }
  return { ok: true, path: `${parts.join("/")}.md`, replaced: [...replaced], unknownPlaceholders: [...unknown] };
}

/**
 * A path that does not exist yet: `Folder/Name.md`, else `Folder/Name 2.md`, `Name 3.md` …
 * Never overwrites. Whether `Name.md` and `name.md` are the same file depends on the file system
 * (the same on Windows and macOS by default, different on Linux): the caller's `exists` decides,
 * and should compare case-insensitively to be safe on every device a vault syncs to.
 */
export function uniquePath(path: string, exists: (p: string) => boolean): string {
  if (!exists(path)) return path;
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  // An extension is a dot in the last segment, not at its start (".hidden" has none).
  const split = dot > slash + 1 ? dot : path.length;
  const stem = path.slice(0, split);
  const extension = path.slice(split);
  for (let n = 2; ; n++) {
    const candidate = `${stem} ${n}${extension}`;
    if (!exists(candidate)) return candidate;
    if (n >= 99999) throw new Error(`No free file name next to ${path}`);
  }
}
