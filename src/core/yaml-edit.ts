/**
 * The one place a note's frontmatter is changed. Edits are splices into the note's text: only
 * the source text of the properties being set or removed changes, so the user's comments, key
 * order, quoting, list style, blank lines, line endings and body stay byte for byte (see
 * PRODUCT.md, "How notes are written", for why we do not re-serialise the block the way
 * `processFrontMatter` does).
 *
 * The `yaml` package gives every node its source range and keeps the concrete syntax tokens
 * (colons, comments, anchors), which is what lets us find a property's exact text. Every result
 * is parsed again before it is returned: if it would not read back as exactly the requested
 * values with every other property unchanged, the edit is refused instead of written.
 */
import {
  isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit,
  type CST, type Document, type YAMLError, type Node, type Pair, type YAMLMap, type YAMLSeq,
} from "yaml";
import { frontmatterOfDocument, locateFrontmatter, parseFrontmatterYaml, type Frontmatter, type FrontmatterBlock } from "./frontmatter";
import { errorMessage } from "./errors";

/**
 * A value the plugin writes into a property. There is no `null`: an absent property is removed
 * (`remove`), never written as an empty value.
 */
export type ManagedValue = string | number | boolean | string[];

/** What `set` accepts: a managed value, lists possibly read-only. */
export type WritableValue = ManagedValue | readonly string[];

export interface FrontmatterEdits {
  /** Properties to create or overwrite, in the order new ones should be appended. */
  set?: Readonly<Record<string, WritableValue>>;
  /** Properties to delete (absent ones are ignored). */
  remove?: readonly string[];
}

export type EditResult =
  | { ok: true; text: string; changed: boolean }
  /** Nothing may be written: the note is left exactly as it was. */
  | { ok: false; message: string };

/** Must match `parseFrontmatterYaml`, so that what we edit is what readers see. */
const PARSE_OPTIONS = { version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: false } as const;
const DEFAULT_LIST_INDENT = 2;

/** A reason to leave the note alone, carried up to `editFrontmatter`'s result. */
class Refusal extends Error {}

type Edit = { key: string; kind: "set"; value: WritableValue } | { key: string; kind: "remove" };

/** A replacement of `[start, end)` of the YAML text. */
interface Splice { start: number; end: number; text: string }

/**
 * Sets and removes top-level frontmatter properties of a note. Returns the new text, or a
 * message and no text when the frontmatter cannot be edited safely (malformed YAML, duplicate
 * keys, a value other properties refer to through an alias, ...).
 */
export function editFrontmatter(noteText: string, edits: FrontmatterEdits): EditResult {
  try {
    const list = normaliseEdits(edits);
    const block = locateFrontmatter(noteText);
    const result = block ? editExistingBlock(noteText, block, list) : addNewBlock(noteText, list);
    if (result === null) return { ok: true, text: noteText, changed: false };
    verify(noteText, block, result, list);
    return { ok: true, text: result.text, changed: true };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    return { ok: false, message: `The frontmatter was left unchanged after an unexpected error: ${errorMessage(e)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Edits

function normaliseEdits(edits: FrontmatterEdits): Edit[] {
  const list: Edit[] = [];
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(edits.set ?? {})) {
    checkKey(key);
    checkValue(key, value);
    seen.add(key);
    list.push({ key, kind: "set", value });
  }
  for (const key of edits.remove ?? []) {
    checkKey(key);
    if (seen.has(key)) throw new Refusal(`Cannot both set and remove the property "${key}".`);
    if (list.some((e) => e.key === key)) continue;
    list.push({ key, kind: "remove" });
  }
  return list;
}

function checkKey(key: unknown): void {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (typeof key !== "string" || key === "" || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new Refusal(`Invalid property name ${JSON.stringify(key)}.`);
  }
}

function checkValue(key: string, value: unknown): void {
  if (typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
    throw new Refusal(`Cannot write ${String(value)} to "${key}": only finite numbers can be written.`);
  }
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return;
  throw new Refusal(`Cannot write this value to "${key}": only text, numbers, true/false and lists of text can be written.`);
}

// ---------------------------------------------------------------------------------------------
// A note without frontmatter

/** An edited note, with the properties its frontmatter had before (for the read-back check). */
interface Edited { text: string; before: Frontmatter }

function addNewBlock(noteText: string, edits: Edit[]): Edited | null {
  const sets = edits.filter((e): e is Extract<Edit, { kind: "set" }> => e.kind === "set");
  if (sets.length === 0) return null;
  const bom = noteText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstNewline = noteText.indexOf("\n");
  const eol = firstNewline > 0 && noteText[firstNewline - 1] === "\r" ? "\r\n" : "\n";
  const entries = sets.map((e) => newBlockEntry(e.key, e.value, 0, DEFAULT_LIST_INDENT, eol)).join("");
  // Whatever the note starts with (even a `---` line that never closes) now sits below our
  // closing fence, so it is body text, as it was before.
  return { text: `${noteText.slice(0, bom)}---${eol}${entries}---${eol}${noteText.slice(bom)}`, before: {} };
}

// ---------------------------------------------------------------------------------------------
// A note with a frontmatter block

function editExistingBlock(noteText: string, block: FrontmatterBlock, edits: Edit[]): Edited | null {
  const yaml = block.yaml;
  const doc = parseDocument(yaml, { ...PARSE_OPTIONS, keepSourceTokens: true });
  const firstError = doc.errors[0];
  if (firstError) throw new Refusal(`The frontmatter was left unchanged because it is not valid YAML: ${describeError(yaml, doc, firstError)}`);
  // Read the values exactly as every other reader of the plugin does (the same parse, reused).
  const read = yaml.trim() === "" ? { data: null, error: null } : frontmatterOfDocument(doc);
  if (read.error !== null) throw new Refusal(`The frontmatter was left unchanged because it cannot be read: ${read.error}`);
  const data: Frontmatter = read.data ?? {};
  const contents = doc.contents;

  let splices: Splice[];
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    // Blank or comment-only block: nothing to replace, only properties to add.
    splices = appendToBlockMap(yaml, null, edits, block.eol);
  } else if (isMap(contents)) {
    const editor = new MapEditor(yaml, doc, contents as YAMLMap<Node, Node>, data);
    splices = contents.flow ? editor.editFlowMap(edits) : editor.editBlockMap(edits, block.eol);
  } else {
    throw new Refusal("The frontmatter was left unchanged because it is not a map of properties.");
  }
  if (splices.length === 0) return null;
  const newYaml = applySplices(yaml, splices);
  return { text: noteText.slice(0, block.yamlStart) + newYaml + noteText.slice(block.yamlEnd), before: data };
}

function describeError(yaml: string, doc: Document, error: YAMLError): string {
  const start = error.pos[0];
  const line = yaml.slice(0, start).split("\n").length;
  let what = error.message.split("\n")[0] ?? error.message;
  if (error.code === "MULTIPLE_DOCS") what = "a line starting with --- or ... inside the frontmatter starts a second YAML document";
  if (error.code === "DUPLICATE_KEY" && isMap(doc.contents)) {
    const pair = doc.contents.items.find((p) => isNode(p.key) && p.key.range?.[0] === start);
    const key = pair ? keyName(pair.key) : null;
    if (key !== null) what = `the property "${key}" appears twice`;
  }
  // The YAML starts on the note's second line.
  return `${what} (frontmatter line ${line}, note line ${line + 1})`;
}

function applySplices(text: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error("overlapping frontmatter edits");
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Where one top-level property's text sits in the YAML. */
interface Entry {
  key: string;
  pair: Pair<Node, Node>;
  /** Start of the line holding the key. */
  lineStart: number;
  /** Just past the `:` after the key. */
  colonEnd: number;
  /** End of the key's line, before its line break. */
  keyLineEnd: number;
  /** First character of the value, its anchor or its tag; null when the value is empty. */
  valueStart: number | null;
  /** Just past the value's last character (`colonEnd` when the value is empty). */
  contentEnd: number;
}

class MapEditor {
  private readonly lines: LineIndex;
  private readonly pairsByKey = new Map<string, Pair<Node, Node>>();

  constructor(
    private readonly yaml: string,
    private readonly doc: Document,
    private readonly map: YAMLMap<Node, Node>,
    private readonly data: Frontmatter,
  ) {
    this.lines = new LineIndex(yaml);
    for (const pair of map.items) {
      const key = keyName(pair.key);
      // Keys are unique (the parse above refuses duplicates), so this cannot shadow one.
      if (key !== null) this.pairsByKey.set(key, pair);
    }
  }

  editBlockMap(edits: Edit[], eol: string): Splice[] {
    const removedKeys = new Set(edits.filter((e) => e.kind === "remove").map((e) => e.key));
    const splices: Splice[] = [];
    const added: Edit[] = [];
    for (const edit of edits) {
      const pair = this.pairsByKey.get(edit.key);
      if (!pair) {
        if (edit.kind === "set") added.push(edit);
        continue;
      }
      if (edit.kind === "set" && deepEqual(this.data[edit.key], edit.value)) continue;
      const entry = this.blockEntry(edit.key, pair);
      this.refuseIfAnchorUsedElsewhere(edit.key, pair, edit.kind === "remove");
      if (edit.kind === "remove") {
        const end = this.lines.nextLineStart(entry.contentEnd);
        this.refuseIfFollowingLinesWouldJoinBlockText(edit.key, pair, end, removedKeys);
        splices.push({ start: entry.lineStart, end, text: "" });
      } else {
        splices.push(this.setBlockValue(entry, edit.value));
      }
    }
    return [...splices, ...appendToBlockMap(this.yaml, this, added, eol)];
  }

  /** Key column of the map, for appended keys. */
  get indent(): number {
    const token = this.map.srcToken;
    return token && token.type === "block-map" ? token.indent : 0;
  }

  /** Indentation of `- item` under its key that most of this file's lists use. */
  get listIndent(): number {
    const counts = new Map<number, number>();
    for (const pair of this.map.items) {
      const token = pair.srcToken?.value;
      if (!isSeq(pair.value) || pair.value.flow || !token || token.type !== "block-seq" || !isNode(pair.key)) continue;
      const keyColumn = this.lines.column(pair.key.range?.[0] ?? 0);
      const dash = token.items[0]?.start.find((t) => t.type === "seq-item-ind");
      if (!dash) continue;
      const dashColumn = this.lines.column(dash.offset);
      const indent = dashColumn - keyColumn;
      if (indent >= 0) counts.set(indent, (counts.get(indent) ?? 0) + 1);
    }
    let best = DEFAULT_LIST_INDENT;
    let bestCount = 0;
    for (const [indent, count] of counts) {
      if (count > bestCount) { best = indent; bestCount = count; }
    }
    return best;
  }

  private blockEntry(key: string, pair: Pair<Node, Node>): Entry {
    const item = pair.srcToken;
    const keyNode = pair.key;
    if (!item || !isNode(keyNode) || !keyNode.range) throw new Refusal(`Cannot change "${key}": its key could not be located.`);
    if (item.start.some((t) => t.type === "explicit-key-ind")) {
      throw new Refusal(`Cannot change "${key}": it is written as a complex key ("? ${key}"); edit it by hand.`);
    }
    const keyStart = keyNode.range[0];
    const lineStart = this.lines.lineStart(keyStart);
    if (!/^[ ]*$/.test(this.yaml.slice(lineStart, keyStart))) {
      throw new Refusal(`Cannot change "${key}": something other than indentation precedes it on its line; edit it by hand.`);
    }
    const colon = (item.sep ?? []).find((t) => t.type === "map-value-ind");
    if (!colon) throw new Refusal(`Cannot change "${key}": it has no ":" after it; edit it by hand.`);
    const colonEnd = colon.offset + 1;
    const keyLineEnd = this.lines.lineContentEnd(colonEnd);
    if (this.lines.lineOf(colonEnd) !== this.lines.lineOf(keyStart)) {
      throw new Refusal(`Cannot change "${key}": its key spans several lines; edit it by hand.`);
    }
    const props = (item.sep ?? []).filter((t) => t.offset >= colonEnd && (t.type === "anchor" || t.type === "tag"));
    const value = pair.value;
    let valueStart: number | null = props[0]?.offset ?? null;
    let contentEnd = colonEnd;
    const lastProp = props[props.length - 1];
    if (lastProp) contentEnd = lastProp.offset + lastProp.source.length;
    if (value && value.range && !isEmptyScalar(value)) {
      valueStart ??= value.range[0];
      contentEnd = Math.max(contentEnd, nodeContentEnd(value, this.yaml));
    }
    return { key, pair, lineStart, colonEnd, keyLineEnd, valueStart, contentEnd };
  }

  private setBlockValue(entry: Entry, value: WritableValue): Splice {
    const old = entry.pair.value;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      return this.replaceInline(entry, formatScalar(value, "block"));
    }
    const items: readonly string[] = value;
    if (items.length === 0) return this.replaceInline(entry, "[]");
    if (isSeq(old) && old.flow) return this.replaceInline(entry, rebuildFlowSeq(this.yaml, old, items));
    if (isSeq(old) && entry.pair.srcToken?.value?.type === "block-seq") {
      const merged = this.mergeBlockSeq(entry, old, items);
      if (merged) return merged;
    }
    return this.replaceWithBlockList(entry, items);
  }

  /** The value becomes `text` on the key's line. */
  private replaceInline(entry: Entry, text: string): Splice {
    const { colonEnd, keyLineEnd, valueStart, contentEnd } = entry;
    if (valueStart === null) {
      const rest = this.yaml.slice(colonEnd, keyLineEnd);
      // `key:   # note` keeps its comment; `key: ` loses only its trailing blanks.
      return /^\s*#/.test(rest)
        ? { start: colonEnd, end: colonEnd, text: ` ${text}` }
        : { start: colonEnd, end: keyLineEnd, text: ` ${text}` };
    }
    if (contentEnd <= keyLineEnd) return { start: valueStart, end: contentEnd, text };
    return { start: colonEnd, end: this.lines.lineContentEnd(contentEnd), text: ` ${text}${this.keyLineComment(entry)}` };
  }

  /** The value becomes `- item` lines under the key (the old value was not a block list). */
  private replaceWithBlockList(entry: Entry, items: readonly string[]): Splice {
    const { colonEnd, keyLineEnd, valueStart, contentEnd } = entry;
    const eol = this.lines.eolAt(keyLineEnd) || "\n";
    const indent = " ".repeat(this.lines.column(this.keyStart(entry)) + this.listIndent);
    const body = items.map((item) => `${indent}- ${formatScalar(item, "block")}`).join(eol);
    if (valueStart === null || contentEnd <= keyLineEnd) {
      const rest = this.yaml.slice(valueStart === null ? colonEnd : contentEnd, keyLineEnd);
      const comment = /^[ \t]*#/.test(rest) ? rest : "";
      return { start: colonEnd, end: keyLineEnd, text: `${comment}${eol}${body}` };
    }
    return { start: colonEnd, end: this.lines.lineContentEnd(contentEnd), text: `${this.keyLineComment(entry)}${eol}${body}` };
  }

  private keyStart(entry: Entry): number {
    return isNode(entry.pair.key) && entry.pair.key.range ? entry.pair.key.range[0] : entry.lineStart;
  }

  /**
   * A block list stays a block list with its own indentation; items whose value is kept keep
   * their exact lines (quoting, comments), new items get a line each, removed items lose theirs.
   * Returns null when the list's layout is not one item per line start (then it is rewritten).
   */
  private mergeBlockSeq(entry: Entry, seq: YAMLSeq<unknown>, items: readonly string[]): Splice | null {
    const token = entry.pair.srcToken?.value;
    if (!token || token.type !== "block-seq" || token.items.length !== seq.items.length || seq.items.length === 0) return null;
    const lines = this.lines;
    const keyLine = lines.lineOf(entry.colonEnd);
    const chunks: { gapFrom: number; from: number; to: number; value: string | null }[] = [];
    let previousEnd = keyLine;
    for (let i = 0; i < token.items.length; i++) {
      const dash = token.items[i]?.start.find((t) => t.type === "seq-item-ind");
      const node = seq.items[i];
      if (!dash || !node || !isNode(node) || !node.range) return null;
      const dashLine = lines.lineOf(dash.offset);
      if (dashLine <= previousEnd || !/^[ ]*$/.test(this.yaml.slice(lines.startOfLine(dashLine), dash.offset))) return null;
      const endLine = lines.lineOf(Math.max(dash.offset, nodeContentEnd(node, this.yaml)));
      const value = isScalar(node) && typeof node.value === "string" ? node.value : null;
      chunks.push({ gapFrom: previousEnd + 1, from: dashLine, to: endLine, value });
      previousEnd = endLine;
    }
    const firstDash = token.items[0]?.start.find((t) => t.type === "seq-item-ind");
    if (!firstDash) return null;
    const indent = " ".repeat(lines.column(firstDash.offset));
    const regionStart = lines.startOfLine(keyLine + 1);
    const regionEnd = lines.startOfLine(previousEnd + 1);
    const eol = lines.eolAt(lines.lineContentEnd(regionStart)) || "\n";
    const text = (from: number, to: number): string => this.yaml.slice(lines.startOfLine(from), lines.startOfLine(to + 1));

    // Comments and blank lines above an item stay above it; above a removed item they move to
    // the next item written (kept or new). Above removed items at the very end they go with
    // those items: left behind, they would dangle below the list, outside its text.
    // An item that only moved keeps its line too.
    const steps = align(chunks.map((c) => c.value), items);
    const moved = new Map<string, string[]>();
    for (const step of steps) {
      const chunk = step.old === undefined || step.kept ? undefined : chunks[step.old];
      if (chunk?.value != null) moved.set(chunk.value, [...(moved.get(chunk.value) ?? []), text(chunk.from, chunk.to)]);
    }
    let out = "";
    let pending = "";
    for (const step of steps) {
      const chunk = step.old === undefined ? undefined : chunks[step.old];
      if (chunk) pending += text(chunk.gapFrom, chunk.from - 1);
      if (chunk && step.kept) {
        out += pending + text(chunk.from, chunk.to);
        pending = "";
      } else if (step.new !== undefined && !step.kept) {
        const value = items[step.new] ?? "";
        out += pending + (moved.get(value)?.shift() ?? `${indent}- ${formatScalar(value, "block")}${eol}`);
        pending = "";
      }
    }
    return { start: regionStart, end: regionEnd, text: out };
  }

  /** A comment on the key's own line (`patterns: # mine`), to keep when the value is rewritten. */
  private keyLineComment(entry: Entry): string {
    const item = entry.pair.srcToken;
    const tokens: CST.Token[] = [...(item?.sep ?? [])];
    const value = item?.value;
    if (value && value.type === "block-scalar") tokens.push(...value.props);
    const comment = tokens.find((t) => t.type === "comment" && t.offset >= entry.colonEnd && t.offset < entry.keyLineEnd);
    return comment && "source" in comment ? ` ${comment.source}` : "";
  }

  /**
   * The lines after a removed entry (blank lines, indented comments) end up right below the
   * entry before it. Below a block scalar (`|`, `>`) an indented comment would become part of
   * its text, and so would blank lines below a `|+` or `>+` one; rather than delete the user's
   * lines we leave the note alone.
   */
  private refuseIfFollowingLinesWouldJoinBlockText(key: string, pair: Pair<Node, Node>, removalEnd: number, removedKeys: Set<string>): void {
    let index = this.map.items.indexOf(pair) - 1;
    while (index >= 0 && removedKeys.has(keyName(this.map.items[index]?.key) ?? "")) index--;
    const previous = this.map.items[index];
    const token = previous?.srcToken?.value;
    if (!previous || !token || token.type !== "block-scalar") return;
    const header = token.props.find((t) => t.type === "block-scalar-header");
    const keepsBlankLines = !!header && "source" in header && header.source.includes("+");
    let joins = false;
    for (let at = removalEnd; at < this.yaml.length; at = this.lines.nextLineStart(at)) {
      const line = this.yaml.slice(at, this.lines.lineContentEnd(at));
      if (/^[ \t]*$/.test(line)) joins ||= keepsBlankLines;
      else if (/^[ \t]/.test(line)) joins = true;
      else break;
    }
    if (joins) {
      throw new Refusal(`Cannot remove "${key}": the lines below it would become part of the text of "${keyName(previous.key) ?? "the property above"}"; edit it by hand.`);
    }
  }

  /**
   * Rewriting or deleting a value that defines an anchor would silently change (or break)
   * every property that refers to it, so such an edit is left to the user.
   */
  private refuseIfAnchorUsedElsewhere(key: string, pair: Pair<Node, Node>, includeKey: boolean): void {
    const inside = new Set<Node>();
    const anchors = new Set<string>();
    const collect = (node: unknown): void => {
      if (!isNode(node)) return;
      visit(node, {
        Node: (_, n) => {
          inside.add(n);
          if (!isAlias(n) && n.anchor) anchors.add(n.anchor);
        },
      });
    };
    collect(pair.value);
    if (includeKey) collect(pair.key);
    if (anchors.size === 0) return;
    visit(this.doc, {
      Alias: (_, alias) => {
        if (!inside.has(alias) && anchors.has(alias.source)) {
          throw new Refusal(`Cannot change "${key}": its value defines the anchor &${alias.source}, which another property refers to as *${alias.source}; edit it by hand.`);
        }
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // JSON-style frontmatter (`{ "tags": "journal", ... }`, which Obsidian accepts): values stay
  // in flow style, and when every key is double-quoted, strings are written as JSON strings.

  editFlowMap(edits: Edit[]): Splice[] {
    const token = this.map.srcToken;
    if (!token || token.type !== "flow-collection") throw new Refusal("The frontmatter was left unchanged: its map could not be located.");
    const json = this.map.items.length > 0 && this.map.items.every((p) => isScalar(p.key) && p.key.type === "QUOTE_DOUBLE");
    const scalar = (v: string | number | boolean): string => (json && typeof v === "string" ? jsonQuote(v) : formatScalar(v, "flow"));
    const format = (v: WritableValue, old: Node | null): string => {
      if (typeof v !== "object") return scalar(v);
      if (isSeq(old) && old.flow && !json) return rebuildFlowSeq(this.yaml, old, v);
      return `[${v.map(scalar).join(", ")}]`;
    };
    const splices: Splice[] = [];
    const added: string[] = [];
    const removed = new Set<Pair<Node, Node>>();
    for (const edit of edits) {
      const pair = this.pairsByKey.get(edit.key);
      if (!pair) {
        if (edit.kind === "set") added.push(`${json ? jsonQuote(edit.key) : formatKey(edit.key, "flow")}: ${format(edit.value, null)}`);
        continue;
      }
      if (edit.kind === "set" && deepEqual(this.data[edit.key], edit.value)) continue;
      if (pair.srcToken?.start.some((t) => t.type === "explicit-key-ind")) {
        throw new Refusal(`Cannot change "${edit.key}": it is written as a complex key ("? ${edit.key}"); edit it by hand.`);
      }
      this.refuseIfAnchorUsedElsewhere(edit.key, pair, edit.kind === "remove");
      if (edit.kind === "remove") {
        removed.add(pair);
        continue;
      }
      const colon = pair.srcToken?.sep?.find((t) => t.type === "map-value-ind");
      if (!colon) throw new Refusal(`Cannot change "${edit.key}": it has no ":" after it; edit it by hand.`);
      const value = pair.value;
      const props = (pair.srcToken?.sep ?? []).filter((t) => t.offset > colon.offset && (t.type === "anchor" || t.type === "tag"));
      if (!value || !value.range || (isEmptyScalar(value) && props.length === 0)) {
        splices.push({ start: colon.offset + 1, end: colon.offset + 1, text: ` ${format(edit.value, null)}` });
      } else {
        const start = props[0]?.offset ?? value.range[0];
        splices.push({ start, end: nodeContentEnd(value, this.yaml), text: format(edit.value, value) });
      }
    }
    splices.push(...this.removeFlowPairs(token, removed));
    if (added.length > 0) splices.push(this.appendFlowPairs(token, removed, added));
    return mergeAdjacent(splices);
  }

  private flowPairSpan(pair: Pair<Node, Node>): [number, number] {
    const keyNode = pair.key;
    const start = isNode(keyNode) && keyNode.range ? keyNode.range[0] : pair.srcToken?.start[0]?.offset;
    const endNode = isNode(pair.value) && pair.value.range ? pair.value : keyNode;
    if (start === undefined || !isNode(endNode)) throw new Refusal("The frontmatter was left unchanged: a property could not be located.");
    return [start, nodeContentEnd(endNode, this.yaml)];
  }

  private removeFlowPairs(token: CST.FlowCollection, removed: Set<Pair<Node, Node>>): Splice[] {
    const pairs = this.map.items;
    if (removed.size === 0) return [];
    const kept = pairs.filter((p) => !removed.has(p));
    if (kept.length === 0) {
      const close = token.end.find((t) => t.type === "flow-map-end");
      if (!close) throw new Refusal("The frontmatter was left unchanged: its closing brace could not be found.");
      return [{ start: token.start.offset + 1, end: close.offset, text: "" }];
    }
    // Each removed pair takes the separator after it with it; a removed run at the end takes
    // the separator before it instead, so the commas left over are exactly the ones needed.
    const splices: Splice[] = [];
    const lastKept = pairs.lastIndexOf(kept[kept.length - 1]);
    pairs.forEach((pair, i) => {
      if (!removed.has(pair)) return;
      const [start, end] = this.flowPairSpan(pair);
      const next = pairs[i + 1];
      if (i < lastKept && next) {
        splices.push({ start, end: this.flowPairSpan(next)[0], text: "" });
      } else {
        const previous = pairs[i - 1];
        const from = previous ? this.flowPairSpan(previous)[1] : start;
        splices.push({ start: from, end, text: "" });
      }
    });
    return splices;
  }

  private appendFlowPairs(token: CST.FlowCollection, removed: Set<Pair<Node, Node>>, added: string[]): Splice {
    const kept = this.map.items.filter((p) => !removed.has(p));
    const last = kept[kept.length - 1];
    if (!last) {
      return { start: token.start.offset + 1, end: token.start.offset + 1, text: added.join(", ") };
    }
    // Reuse the file's own separator: the text between the first two entries, or after `{`.
    const pairs = this.map.items;
    let separator = " ";
    const first = pairs[0];
    const second = pairs[1];
    if (first && second) {
      const between = this.yaml.slice(this.flowPairSpan(first)[1], this.flowPairSpan(second)[0]);
      separator = between.replace(/^[^,]*,/, "");
    } else if (first) {
      const lead = this.yaml.slice(token.start.offset + 1, this.flowPairSpan(first)[0]);
      if (lead.includes("\n")) separator = lead;
    }
    if (!/^\s*$/.test(separator)) separator = " ";
    const at = this.flowPairSpan(last)[1];
    return { start: at, end: at, text: added.map((a) => `,${separator}${a}`).join("") };
  }
}

/** Flow-map removals of neighbours can touch; join touching splices so they apply cleanly. */
function mergeAdjacent(splices: Splice[]): Splice[] {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Splice[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (last.text !== "" || s.text !== "") throw new Error("overlapping frontmatter edits");
      last.end = Math.max(last.end, s.end);
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

function appendToBlockMap(yaml: string, editor: MapEditor | null, added: Edit[], eol: string): Splice[] {
  const sets = added.filter((e): e is Extract<Edit, { kind: "set" }> => e.kind === "set");
  if (sets.length === 0) return [];
  const indent = editor?.indent ?? 0;
  const listIndent = editor?.listIndent ?? DEFAULT_LIST_INDENT;
  const text = sets.map((e) => newBlockEntry(e.key, e.value, indent, listIndent, eol)).join("");
  // After a `...` document-end line, a new key would start a second document: go before it.
  const documentEnd = /^\.\.\.(?:[ \t].*)?\r?$/m.exec(yaml);
  const at = documentEnd ? documentEnd.index : yaml.length;
  return [{ start: at, end: at, text }];
}

function newBlockEntry(key: string, value: WritableValue, indent: number, listIndent: number, eol: string): string {
  const pad = " ".repeat(indent);
  const head = `${pad}${formatKey(key, "block")}:`;
  if (typeof value !== "object") return `${head} ${formatScalar(value, "block")}${eol}`;
  if (value.length === 0) return `${head} []${eol}`;
  const itemPad = " ".repeat(indent + listIndent);
  return head + eol + value.map((item) => `${itemPad}- ${formatScalar(item, "block")}${eol}`).join("");
}

/** `[a, "b"]` with new items: kept items keep their exact text; spacing follows the old list. */
function rebuildFlowSeq(yaml: string, seq: YAMLSeq<unknown>, items: readonly string[]): string {
  const oldText = new Map<string, string>();
  for (const node of seq.items) {
    if (!isScalar(node) || typeof node.value !== "string" || !node.range) continue;
    const source = yaml.slice(node.range[0], node.range[1]);
    if (!source.includes("\n") && !oldText.has(node.value)) oldText.set(node.value, source);
  }
  const range = seq.range;
  const source = range ? yaml.slice(range[0], range[1]) : "[]";
  const singleLine = !source.includes("\n");
  const padded = singleLine && /^\[ /.test(source) && / \]$/.test(source);
  const separator = singleLine && /,[^ ]/.test(source) && !/, /.test(source) ? "," : ", ";
  const body = items.map((item) => oldText.get(item) ?? formatScalar(item, "flow")).join(separator);
  return padded ? `[ ${body} ]` : `[${body}]`;
}

// ---------------------------------------------------------------------------------------------
// Writing scalars the way Obsidian writes properties: plain when that reads back as the same
// string in every YAML reader a user may have (1.1 or 1.2), double-quoted otherwise.

type Context = "block" | "flow";

function formatScalar(value: string | number | boolean, context: Context): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return isSafePlain(value, context, "value") ? value : doubleQuote(value);
}

/**
 * A scalar as `editFrontmatter` writes it in block context (`key: <here>`, `- <here>`), for
 * callers that write frontmatter of brand-new notes themselves (templates).
 */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`Cannot write ${String(value)} as a property value.`);
  return formatScalar(value, "block");
}

function formatKey(key: string, context: Context): string {
  return isSafePlain(key, context, "key") ? key : doubleQuote(key);
}

/** Strings that some YAML reader (1.1 included) would take for something else than text. */
const LOOKS_TYPED = [
  /^(?:~|null|true|false|yes|no|on|off|y|n)$/i,
  /^[-+]?(?:\.inf|\.nan)$/i,
  /^[-+]?0[box][0-9a-f_]+$/i,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/, // YAML 1.1 base 60
  /^[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:e[-+]?[0-9]+)?$/i, // numbers in every spelling
  /^\d{4}-\d\d?-\d\d?(?:$|[Tt ])/, // dates and date-times
  /^<<$/, /^=$/,
];

/** Answers of `isSafePlain` (the same tags and labels are written again and again). */
const plainCache = new Map<string, boolean>();
const PLAIN_CACHE_SIZE = 2000;

function isSafePlain(text: string, context: Context, role: "key" | "value"): boolean {
  const cacheKey = `${context}:${role}:${text}`;
  let answer = plainCache.get(cacheKey);
  if (answer === undefined) {
    answer = checkSafePlain(text, context, role);
    if (plainCache.size >= PLAIN_CACHE_SIZE) plainCache.clear();
    plainCache.set(cacheKey, answer);
  }
  return answer;
}

function checkSafePlain(text: string, context: Context, role: "key" | "value"): boolean {
  if (text === "" || text !== text.trim()) return false;
  // eslint-disable-next-line no-control-regex -- control and special characters must be quoted
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/.test(text)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
  if (/: |\t| #|:$/.test(text)) return false;
  if (context === "flow" && /[,[\]{}]/.test(text)) return false;
  if (LOOKS_TYPED.some((re) => re.test(text))) return false;
  // The rules above are meant to be enough; reading it back makes sure.
  const probe = role === "key" ? `${text}: x\n` : context === "flow" ? `k: [${text}]\n` : `k: ${text}\n`;
  const doc = parseDocument(probe, PARSE_OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  const read: unknown = doc.toJS();
  if (role === "key") return isRecord(read) && Object.keys(read).length === 1 && read[text] === "x";
  const value = isRecord(read) ? read.k : undefined;
  return context === "flow" ? Array.isArray(value) && value.length === 1 && value[0] === text : value === text;
}

const ESCAPES: Record<string, string> = {
  "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
  "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P",
};

function doubleQuote(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters a YAML double-quoted scalar must escape
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => {
    const named = ESCAPES[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

/** A string that is both a JSON string and a YAML double-quoted scalar, for JSON frontmatter. */
function jsonQuote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// ---------------------------------------------------------------------------------------------
// Reading the parsed YAML

function keyName(key: unknown): string | null {
  if (!isScalar(key)) return null;
  const v = key.value;
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : null;
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}

/** Just past the last character that belongs to a node (not its trailing comments or blank lines). */
function nodeContentEnd(node: Node, text: string): number {
  const range = node.range;
  if (!range) throw new Error("node without source range");
  if (isScalar(node)) {
    if (node.type !== "BLOCK_LITERAL" && node.type !== "BLOCK_FOLDED") return range[1];
    let end = range[1];
    while (end > range[0] && /[ \t\r\n]/.test(text[end - 1] ?? "")) end--;
    return end;
  }
  if ((isSeq(node) || isMap(node)) && !node.flow) {
    let end = range[0];
    const last = node.items[node.items.length - 1];
    if (isNode(last)) end = Math.max(end, nodeContentEnd(last, text));
    else if (last) {
      const pair = last as Pair<unknown, unknown>;
      if (isNode(pair.key)) end = Math.max(end, nodeContentEnd(pair.key, text));
      if (isNode(pair.value)) end = Math.max(end, nodeContentEnd(pair.value, text));
    }
    return end;
  }
  return range[1];
}

/** Offsets ↔ lines of the YAML text. Lines include their line break. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  startOfLine(line: number): number {
    return line < this.starts.length ? (this.starts[line] ?? this.text.length) : this.text.length;
  }

  lineStart(offset: number): number {
    return this.startOfLine(this.lineOf(offset));
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** End of the line holding `offset`, before `\r\n` or `\n`. */
  lineContentEnd(offset: number): number {
    const nl = this.text.indexOf("\n", offset);
    if (nl < 0) return this.text.length;
    return this.text[nl - 1] === "\r" && nl - 1 >= offset ? nl - 1 : nl;
  }

  /** Start of the line after the one holding `offset` (the end of the text on the last line). */
  nextLineStart(offset: number): number {
    return this.startOfLine(this.lineOf(offset) + 1);
  }

  /** The line break found at a line's content end ("" at the end of the text). */
  eolAt(contentEnd: number): string {
    if (this.text.startsWith("\r\n", contentEnd)) return "\r\n";
    return this.text[contentEnd] === "\n" ? "\n" : "";
  }
}

/**
 * Aligns the old list with the new one (longest common subsequence), so the fewest items are
 * rewritten. Steps come in list order; a removed item comes before an item added in its place.
 */
function align(oldValues: (string | null)[], newValues: readonly string[]): { old?: number; new?: number; kept: boolean }[] {
  const n = oldValues.length;
  const m = newValues.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i];
    const below = lcs[i + 1];
    for (let j = m - 1; j >= 0; j--) {
      row[j] = oldValues[i] !== null && oldValues[i] === newValues[j]
        ? (below[j + 1] ?? 0) + 1
        : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const steps: { old?: number; new?: number; kept: boolean }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && oldValues[i] !== null && oldValues[i] === newValues[j]) {
      steps.push({ old: i++, new: j++, kept: true });
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      steps.push({ old: i++, kept: false });
    } else {
      steps.push({ new: j++, kept: false });
    }
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Defence in depth: the result must read back as intended, or it is not returned.

function verify(before: string, block: FrontmatterBlock | null, edited: Edited, edits: Edit[]): void {
  const after = edited.text;
  const fail = (why: string): never => {
    throw new Refusal(`The frontmatter was left unchanged: the edited YAML would not read back as intended (${why}).`);
  };
  const newBlock = locateFrontmatter(after);
  if (!newBlock) return fail("the frontmatter block would be lost");
  if (block) {
    if (after.slice(0, newBlock.yamlStart) !== before.slice(0, block.yamlStart)) fail("the opening fence would change");
    if (after.slice(newBlock.yamlEnd) !== before.slice(block.yamlEnd)) fail("the note body would change");
  } else {
    const closingLineEnd = after.indexOf("\n", newBlock.fenceEnd);
    if (after.slice(0, newBlock.bom) !== before.slice(0, newBlock.bom) || after.slice(closingLineEnd + 1) !== before.slice(newBlock.bom)) {
      fail("the note body would change");
    }
  }
  const read = parseFrontmatterYaml(newBlock.yaml);
  if (read.error !== null) return fail(read.error);
  const newData = read.data ?? {};
  const expected: Record<string, unknown> = { ...edited.before };
  for (const edit of edits) {
    if (edit.kind === "remove") delete expected[edit.key];
    else expected[edit.key] = edit.value;
  }
  const expectedKeys = Object.keys(expected).sort();
  const actualKeys = Object.keys(newData).sort();
  if (!deepEqual(expectedKeys, actualKeys)) fail(`properties ${actualKeys.join(", ")} instead of ${expectedKeys.join(", ")}`);
  for (const key of expectedKeys) {
    if (!deepEqual(newData[key], expected[key])) fail(`"${key}" would read differently`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of parsed YAML values (aliases may share or even cycle). */
function deepEqual(a: unknown, b: unknown, seen = new Map<object, object>()): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i], seen));
  }
  if (a instanceof Date || b instanceof Date || a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) {
    return false;
  }
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(b, k)
    && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen));
}
