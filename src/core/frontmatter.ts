/**
 * Locating and reading a note's frontmatter the way Obsidian does: the block must start on the
 * very first line with `---` and end at the next line that is `---`; YAML 1.2 (the `yaml`
 * package's core schema), so dates and date-times stay strings; an empty block is no
 * frontmatter; broken YAML is an error value, never an exception and never "fixed".
 */
import { type Document, parseDocument } from "yaml";
import { errorMessage } from "./errors";

export type FrontmatterValue = unknown;
export type Frontmatter = Record<string, FrontmatterValue>;

/** Where the frontmatter block sits in a note's text (offsets into the string). */
export interface FrontmatterBlock {
  /** Length of a leading byte-order mark (0 or 1). */
  bom: number;
  /** Line ending used by the opening fence: "\n" or "\r\n". */
  eol: "\n" | "\r\n";
  /** Offset of the first character of the YAML text (just after the opening fence's line end). */
  yamlStart: number;
  /** Offset just past the YAML text: the start of the closing fence line. */
  yamlEnd: number;
  /** Offset just past the closing fence (not including its line ending). */
  fenceEnd: number;
  /** 0-based line of the closing fence. */
  closingLine: number;
  /** The YAML text between the fences. */
  yaml: string;
}

const FENCE = /^---[ \t]*$/;

/** Finds the frontmatter block, or null when the note has none. */
export function locateFrontmatter(text: string): FrontmatterBlock | null {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = text.indexOf("\n", bom);
  if (firstEnd < 0) return null;
  const firstLine = text.slice(bom, firstEnd).replace(/\r$/, "");
  if (!FENCE.test(firstLine)) return null;
  const eol: "\n" | "\r\n" = text[firstEnd - 1] === "\r" ? "\r\n" : "\n";
  const yamlStart = firstEnd + 1;
  let lineStart = yamlStart;
  let line = 1;
  while (lineStart <= text.length) {
    const nl = text.indexOf("\n", lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const content = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    if (FENCE.test(content)) {
      return {
        bom, eol, yamlStart, yamlEnd: lineStart, fenceEnd: lineStart + content.length,
        closingLine: line, yaml: text.slice(yamlStart, lineStart),
      };
    }
    if (nl < 0) break;
    lineStart = nl + 1;
    line++;
  }
  return null;
}

export type FrontmatterResult =
  | { kind: "none"; block: FrontmatterBlock | null }
  | { kind: "ok"; block: FrontmatterBlock; data: Frontmatter }
  | { kind: "error"; block: FrontmatterBlock; message: string };

/** Parses the YAML text of a frontmatter block as Obsidian would read it. */
export function parseFrontmatterYaml(yaml: string): { data: Frontmatter | null; error: string | null } {
  if (yaml.trim() === "") return { data: null, error: null };
  try {
    return frontmatterOfDocument(parseDocument(yaml, { version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: false }));
  } catch (e) {
    if (e instanceof RangeError) return { data: null, error: TOO_DEEP };
    return { data: null, error: errorMessage(e) };
  }
}

/**
 * The properties of a frontmatter block's YAML already parsed with `parseFrontmatterYaml`'s
 * options (e.g. by the frontmatter editor, which keeps the source tokens besides): the same
 * answer, without parsing the text again.
 */
export function frontmatterOfDocument(doc: Document): { data: Frontmatter | null; error: string | null } {
  try {
    if (doc.errors.length > 0) return { data: null, error: describe(doc.errors[0]) };
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return { data: null, error: null };
    if (typeof value !== "object" || Array.isArray(value)) {
      return { data: null, error: "frontmatter is not a map of properties" };
    }
    return { data: value as Frontmatter, error: null };
  } catch (e) {
    if (e instanceof RangeError) return { data: null, error: TOO_DEEP };
    return { data: null, error: errorMessage(e) };
  }
}

/** Nesting thousands deep runs the parser out of stack: what is wrong with the note, said plainly. */
const TOO_DEEP = "too deeply nested to read (values inside values, thousands of levels deep)";

function describe(error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  if (error.message.includes("Maximum call stack size exceeded")) return TOO_DEEP;
  const first = error.message.split("\n")[0] ?? error.message;
  const pos = error.linePos?.[0];
  // The YAML starts on the note's second line (line 2 for a person counting from 1).
  return pos ? `${first} (frontmatter line ${pos.line}, note line ${pos.line + 1})` : first;
}

/** Reads a note's frontmatter: none, parsed data, or an error message. */
export function readFrontmatter(text: string): FrontmatterResult {
  const block = locateFrontmatter(text);
  if (!block) return { kind: "none", block: null };
  const { data, error } = parseFrontmatterYaml(block.yaml);
  if (error !== null) return { kind: "error", block, message: error };
  if (data === null) return { kind: "none", block };
  return { kind: "ok", block, data };
}
