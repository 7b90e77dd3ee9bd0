/** The metadata captured from a real Obsidian app (tests/fixtures/obsidian-captured, see its SOURCE.md). */
import { readdirSync, readFileSync } from "fs";
import { join, resolve } from "path";

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

/** The repository's test fixtures: everything the tests read lives inside the repository. */
export const FIXTURES_DIR = resolve(__dirname, "..", "fixtures");
export const CAPTURED_DIR = join(FIXTURES_DIR, "obsidian-captured");
/** The user's original templates the bundled ones were made from. */
export const SEEDS_DIR = join(FIXTURES_DIR, "seeds");

export function loadCaptured(): CapturedNote[] {
  return readdirSync(CAPTURED_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(CAPTURED_DIR, file), "utf8")) as Omit<CapturedNote, "file">) }));
}
