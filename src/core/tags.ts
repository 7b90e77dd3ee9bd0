/**
 * The plugin's own tags: `<prefix>/category/<slug>`, `<prefix>/industry/<slug>`, `<prefix>/pattern/<slug>`
 * (and an article note's `<prefix>/article`). A change of the prefix is a rename: the settings
 * remember the former prefixes, and a tag under one of them is still the plugin's, to be written
 * anew under the current prefix.
 */

export type TagKind = "category" | "industry" | "pattern";

/**
 * A label as a tag segment: lower case, every run of characters a tag cannot hold (anything
 * but letters, digits, `_` and `-`) turned into one `-`, no `-` at either end.
 * "Feature Store + Vector DB" → "feature-store-vector-db", "Edge/On-Device" → "edge-on-device".
 */
export function slug(label: string): string {
  return label
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function managedTag(prefix: string, kind: TagKind, label: string): string {
  return `${prefix}/${kind}/${slug(label)}`;
}

/** True when `tag` (with or without `#`) is one of the plugin's tags of this kind (or any kind). */
export function isManagedTag(prefix: string, tag: string, kind?: TagKind): boolean {
  // Asked for every tag of a note on every sync: no list or template strings per call.
  const t = (tag.charCodeAt(0) === 35 /* # */ ? tag.slice(1) : tag).toLowerCase();
  const p = prefix.toLowerCase();
  if (!t.startsWith(p) || t.charCodeAt(p.length) !== 47 /* / */) return false;
  const from = p.length + 1;
  if (kind) return t.startsWith(`${kind}/`, from);
  return t.startsWith("category/", from) || t.startsWith("industry/", from) || t.startsWith("pattern/", from);
}

/** True when `tag` is one of the plugin's tags under the prefix or under any former one. */
export function isManagedTagUnder(prefix: string, former: readonly string[], tag: string, kind?: TagKind): boolean {
  if (isManagedTag(prefix, tag, kind)) return true;
  for (const p of former) if (isManagedTag(p, tag, kind)) return true;
  return false;
}

/**
 * `tag` (a managed tag under `from`, or `<from>/article`) written under `to`, without a `#`;
 * null when it is not one of the plugin's tags under `from`. The part after the prefix is kept
 * as written.
 */
export function movedTag(tag: string, from: string, to: string): string | null {
  const t = tag.charCodeAt(0) === 35 /* # */ ? tag.slice(1) : tag;
  if (!isManagedTag(from, t) && t.toLowerCase() !== `${from.toLowerCase()}/article`) return null;
  return `${to}${t.slice(from.length)}`;
}

/** `prefix`'s former prefixes after the prefix changes from `from` to `to`: `from` added, `to` no longer former. */
export function formerPrefixesAfter(former: readonly string[], from: string, to: string): string[] {
  const out: string[] = [];
  for (const p of [...former, from]) {
    const key = p.toLowerCase();
    if (key === to.toLowerCase() || out.some((q) => q.toLowerCase() === key)) continue;
    out.push(p);
  }
  return out;
}
