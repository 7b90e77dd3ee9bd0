/** The plugin's own tags: `<prefix>/category/<slug>`, `<prefix>/industry/<slug>`, `<prefix>/pattern/<slug>`. */

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
