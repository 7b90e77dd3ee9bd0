/** The metadata captured from a real Obsidian app (../shared/fixtures/obsidian-captured). */
import { readdirSync, readFileSync, existsSync } from "fs";
import { dirname, join, resolve } from "path";

export interface CapturedPosition { line: number; col: number; offset: number }
export interface CapturedListItem { parent: number; task?: string; position: { start: CapturedPosition; end: CapturedPosition } }
export interface CapturedNote {
  file: string;
  filePath: string;
  fileContents: string;
  cachedMetadata: {
    frontmatter?: Record<string, unknown>;
    listItems?: CapturedListItem[];
    headings?: { heading: string; level: number; position: { start: CapturedPosition } }[];
    tags?: { tag: string }[];
  };
}

/**
 * The shared folder sits beside the project's root (../shared); CI clones keep that layout.
 * Git worktrees sit deeper (e.g. wt/<branch>/), so the nearest ancestor that has it wins.
 */
export const CAPTURED_DIR = findShared(join("fixtures", "obsidian-captured"));

/** A folder of ../shared (found as the captured metadata is: the nearest ancestor that has it). */
export function findShared(sub: string): string {
  const tail = join("shared", sub);
  let dir = resolve(__dirname, "../..");
  for (;;) {
    const parent = dirname(dir);
    if (existsSync(join(parent, tail))) return join(parent, tail);
    if (parent === dir) return resolve(__dirname, "../../..", tail);
    dir = parent;
  }
}

export function loadCaptured(): CapturedNote[] {
  if (!existsSync(CAPTURED_DIR)) throw new Error(`captured Obsidian metadata not found at ${CAPTURED_DIR}`);
  return readdirSync(CAPTURED_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(CAPTURED_DIR, file), "utf8")) as Omit<CapturedNote, "file">) }));
}
