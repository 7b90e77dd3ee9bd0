/**
 * What a sync may not change, for the generated-note tests: a note's text with every task
 * character blanked to "?" and the managed keys (`patterns`, `tags`) cut out of the frontmatter.
 */
import { readNote } from "../../src/core/reader";

export const SYNC_MANAGED_KEYS = new Set(["patterns", "tags"]);

export function skeleton(text: string): string {
  const note = readNote(text);
  let out = text;
  for (const c of [...note.checkboxes].sort((a, b) => b.charOffset - a.charOffset)) out = out.slice(0, c.charOffset) + "?" + out.slice(c.charOffset + 1);
  const block = note.frontmatterBlock;
  if (!block) return out;
  const yaml = out.slice(block.yamlStart, block.yamlEnd);
  // Drop the managed keys and their continuation lines (indented or "- " items, and comments inside).
  const kept: string[] = [];
  let skipping = false;
  for (const line of yaml.split("\n").map((l, i, all) => (i < all.length - 1 ? l + "\n" : l))) {
    const key = /^("?)([\w-]+)\1:/.exec(line)?.[2];
    if (key !== undefined) skipping = SYNC_MANAGED_KEYS.has(key);
    else if (!/^[\s-]/.test(line) && !line.startsWith("#")) skipping = false;
    if (!skipping) kept.push(line);
  }
  return out.slice(0, block.yamlStart) + kept.join("") + out.slice(block.yamlEnd);
}

/** The frontmatter without the managed keys. */
export function unmanaged(fm: Record<string, unknown> | null): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fm ?? {}).filter(([k]) => !SYNC_MANAGED_KEYS.has(k)));
}
