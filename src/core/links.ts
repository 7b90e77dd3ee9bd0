/**
 * Links between notes, in one place: what a link value points at, the links to notes in a piece
 * of text, the value a link property stores, whether two targets name the same note, and a
 * note's base name. `check`, the case-study prefill, Cited by and unlinking an article all read
 * links through here, so they agree on where a link leads.
 *
 * Two shapes are links: a wikilink `[[Target#Heading|alias]]` (or an embed `![[…]]`) and a
 * markdown link `[text](Folder/My%20Note.md)`, whose target is URL-decoded.
 */

/**
 * The target of a value that is one link (a property entry): `[[Target|alias]]`,
 * `[[Target#Heading]]`, `[[Target^block]]` → "Target"; `[text](Target.md)` → "Target.md"
 * (URL-decoded, without `#heading`). Null when the value is not a link.
 */
export function linkIn(raw: string): string | null {
  return linkOf(raw.trim());
}

/** A link value's target (see `linkIn`); a value that is not a link is taken as the target, trimmed. */
export function linkTarget(raw: string): string {
  const s = raw.trim();
  return linkOf(s) ?? s;
}

/** `linkIn` of a trimmed value. */
function linkOf(s: string): string | null {
  const n = s.length;
  // `[[…]]` / `![[…]]` with no other `]]` inside: cut at the first `|`, `#` or `^` (one slice, no regex).
  const start = s.charCodeAt(0) === 33 ? 1 : 0;
  if (n > start + 3 && s.charCodeAt(start) === 91 && s.charCodeAt(start + 1) === 91
    && s.charCodeAt(n - 1) === 93 && s.charCodeAt(n - 2) === 93 && s.indexOf("]]", start + 2) === n - 2) {
    // The target ends at the first "|", "#" or "^" (native searches: faster than a loop here).
    let end = n - 2;
    const from = start + 2;
    let cut = s.indexOf("|", from);
    if (cut >= 0 && cut < end) end = cut;
    cut = s.indexOf("#", from);
    if (cut >= 0 && cut < end) end = cut;
    cut = s.indexOf("^", from);
    if (cut >= 0 && cut < end) end = cut;
    // `trim` drops exactly what `\s` matches, and returns the string itself when there is nothing to drop.
    return s.slice(from, end).trim();
  }
  const md = MARKDOWN_LINK.exec(s);
  if (md) {
    const target = (md[1] ?? "").trim().replace(/#.*$/, "");
    try { return decodeURIComponent(target); } catch { return target; }
  }
  return null;
}

const MARKDOWN_LINK = /^!?\[[^\]]*\]\(<?([^)>]*)>?\)$/;

/** Wikilinks and markdown links anywhere in a line; each match is read by `linkIn`. */
const LINKS_IN_TEXT = /!?\[\[[^\]|#^\n]*(?:[#^][^\]|\n]*)?(?:\|[^\]\n]*)?\]\]|!?\[[^\]\n]*\]\(<?[^)>\n]*>?\)/g;
/** A target with a scheme (`https:`, `mailto:`) is a web address, not a note. */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The targets of the links to notes in a piece of text (wikilinks and markdown links to notes, not web addresses). */
export function linkTargets(text: string): string[] {
  if (!text.includes("[")) return [];
  const out: string[] = [];
  for (const m of text.matchAll(LINKS_IN_TEXT)) {
    const target = linkIn(m[0]);
    if (target && !HAS_SCHEME.test(target)) out.push(target);
  }
  return out;
}

/** `"[[Target]]"`: how a link property's entry is written, as Obsidian writes it. */
export function linkValue(target: string): string {
  return `[[${target}]]`;
}

/**
 * Whether two link targets name the same note: equal without `.md`, ignoring case; `[[Name]]`
 * and `[[Folder/Name]]` are the same note when one of them gives no folder.
 */
export function sameLinkTarget(a: string, b: string): boolean {
  const norm = (s: string): string => s.trim().replace(/\.md$/i, "").toLowerCase();
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  const base = (s: string): string => s.slice(s.lastIndexOf("/") + 1);
  return (!x.includes("/") || !y.includes("/")) && base(x) === base(y);
}

/** The note's base name: file name without its folder and `.md` (any case). */
export function baseName(path: string): string {
  // One slice: the file name, without ".md" (any case) when it has more than that.
  const start = path.lastIndexOf("/") + 1;
  const n = path.length;
  const md = n - start > 3 && path.charCodeAt(n - 3) === 46 && (path.charCodeAt(n - 2) | 32) === 109 && (path.charCodeAt(n - 1) | 32) === 100;
  return path.slice(start, md ? n - 3 : n);
}
