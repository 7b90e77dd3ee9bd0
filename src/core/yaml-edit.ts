/**
 * The one place where the plugin and the command-line tool change a note's frontmatter.
 *
 * Only the text of the keys being set or removed changes: the user's comments, key order,
 * quoting, flow or block style, blank lines, line endings and the body stay byte for byte.
 * (Obsidian's `processFrontMatter` re-serialises the whole block — see PRODUCT.md, "How notes
 * are written" — which is what we must not do on every checkbox toggle.) The `yaml` package gives
 * every node its source range, so a value's text is replaced where it stands.
 *
 * Defence in depth: every result is parsed again and must read back exactly as asked, with every
 * other key unchanged; otherwise the edit is refused and the note is left alone.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, parse, parseDocument } from "yaml";
import { locateFrontmatter } from "./frontmatter";

export type ManagedValue = string | number | string[];

export interface FrontmatterEdits {
  set?: Record<string, ManagedValue>;
  remove?: string[];
}

export type EditResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; message: string };

interface Splice { start: number; end: number; text: string }

type Range = [number, number, number];

const PARSE_OPTIONS = { version: "1.2", schema: "core", uniqueKeys: true } as const;

/** A scalar written the way Obsidian writes properties: plain when it reads back the same, else double-quoted. */
export function yamlScalar(value: string | number): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a property`);
    return String(value);
  }
  if (value === "") return '""';
  // Strings other YAML readers (YAML 1.1: Dataview, many scripts) would take for booleans or dates.
  if (/^(?:y|n|yes|no|on|off|true|false|null|~)$/i.test(value) || /^\d{4}-\d\d-\d\d/.test(value)) return JSON.stringify(value);
  if (/^[\s]|[\s]$|[\n\r\t]|^[-?:,[\]{}#&*!|>'"%@`]|: |:$| #/.test(value)) return JSON.stringify(value);
  try {
    const back: unknown = parse(`k: ${value}`, PARSE_OPTIONS);
    if (back && typeof back === "object" && (back as Record<string, unknown>).k === value) return value;
  } catch {
    /* not plain-safe */
  }
  return JSON.stringify(value);
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

/** Offset just past the end of the line holding `pos` (past its "\n"), or the text's end. */
function lineEndOf(text: string, pos: number): number {
  const nl = text.indexOf("\n", pos);
  return nl < 0 ? text.length : nl + 1;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return a === b;
}

function nodeRange(node: Node | null | undefined): Range | null {
  const r = node?.range;
  return r ? [r[0], r[1], r[2]] : null;
}

/** The dominant block-list indentation of the document ("  " unless the user writes `- item` flush left). */
function dominantIndent(yaml: string, pairs: Pair[]): string {
  let flush = 0;
  let indented = 0;
  for (const p of pairs) {
    if (isSeq(p.value) && !p.value.flow && p.value.items.length > 0) {
      const r = nodeRange(p.value);
      if (!r) continue;
      const lead = yaml.slice(lineStartOf(yaml, r[0]), r[0]);
      if (lead === "") flush++;
      else indented++;
    }
  }
  return flush > indented ? "" : "  ";
}

function blockList(items: string[], indent: string, eol: string): string {
  return items.map((i) => `${eol}${indent}- ${i}`).join("");
}

/** Texts for a new list's items, reusing the source text of items whose value is unchanged. */
function itemTexts(newItems: string[], oldItems: { value: unknown; text: string }[]): string[] {
  const pool = [...oldItems];
  return newItems.map((v) => {
    const i = pool.findIndex((o) => o.value === v);
    if (i >= 0) return pool.splice(i, 1)[0].text;
    return yamlScalar(v);
  });
}

interface Ctx { yaml: string; eol: string; indent: string }

/** The splices that set an existing pair's value. */
function setExisting(pair: Pair, want: ManagedValue, ctx: Ctx): Splice[] {
  const { yaml, eol } = ctx;
  const keyRange = nodeRange(pair.key as Node)!;
  const colon = yaml.indexOf(":", keyRange[1]);
  const afterColon = colon + 1;
  const value = pair.value as Node | null;
  const vr = nodeRange(value);

  // Where the current value's own text ends (block values run to the start of the next line).
  const isBlockSeq = isSeq(value) && !value.flow;
  const isBlockScalar = isScalar(value) && (value.type === "BLOCK_LITERAL" || value.type === "BLOCK_FOLDED");
  const isFlowSeq = isSeq(value) && Boolean(value.flow);
  const isEmpty = !value || (isScalar(value) && value.value === null && vr !== null && vr[0] === vr[1]);
  const isPlainScalar = isScalar(value) && !isBlockScalar && !isEmpty;

  if (!Array.isArray(want)) {
    const text = yamlScalar(want);
    if (isPlainScalar && vr) return [{ start: vr[0], end: vr[1], text }];
    if (isEmpty) {
      const at = vr ? vr[0] : afterColon;
      const spaced = yaml[at - 1] === " " ? text : ` ${text}`;
      return [{ start: at, end: at, text: spaced }];
    }
    // Block scalar, collection or alias: the whole value, up to where it ends, becomes the scalar.
    const end = vr ? (isBlockSeq || isBlockScalar ? vr[1] : vr[1]) : lineEndOf(yaml, afterColon);
    const tail = isBlockSeq || isBlockScalar ? eol : "";
    return [{ start: afterColon, end, text: ` ${text}${tail}` }];
  }

  if (want.length === 0) {
    if (isFlowSeq && vr) return [{ start: vr[0], end: vr[1], text: "[]" }];
    if (isPlainScalar && vr) return [{ start: vr[0], end: vr[1], text: "[]" }];
    if (isEmpty) {
      const at = vr ? vr[0] : afterColon;
      return [{ start: at, end: at, text: yaml[at - 1] === " " ? "[]" : " []" }];
    }
    const end = vr ? vr[1] : lineEndOf(yaml, afterColon);
    return [{ start: afterColon, end, text: ` []${isBlockSeq || isBlockScalar ? eol : ""}` }];
  }

  if (isFlowSeq && vr) {
    const seq = value as unknown as { items: Node[] };
    const old = seq.items.map((n) => {
      const r = nodeRange(n);
      return { value: isScalar(n) ? n.value : undefined, text: r ? yaml.slice(r[0], r[1]) : "" };
    });
    return [{ start: vr[0], end: vr[1], text: `[${itemTexts(want, old).join(", ")}]` }];
  }

  if (isBlockSeq && vr) return editBlockSeq(value as unknown as { items: Node[] }, want, ctx, afterColon, vr);

  // A scalar, an empty value or anything else becomes a block list in the document's style.
  const old = isPlainScalar ? [{ value: (value as { value: unknown }).value, text: yaml.slice(vr![0], vr![1]) }] : [];
  const items = blockList(itemTexts(want, old), ctx.indent, eol);
  if (isPlainScalar || isEmpty) {
    const end = vr ? vr[1] : afterColon;
    return [{ start: afterColon, end, text: items }];
  }
  const end = vr ? vr[1] : lineEndOf(yaml, afterColon);
  return [{ start: afterColon, end, text: items + (isBlockScalar ? eol : "") }];
}

/**
 * A block list edited line by line: removed items lose their lines, new items get new lines in
 * the list's own indentation, kept items (and comments between them) are not touched. When the
 * kept items would have to change order, the items are written again instead.
 */
function editBlockSeq(seq: { items: Node[] }, want: string[], ctx: Ctx, afterColon: number, vr: Range): Splice[] {
  const { yaml, eol } = ctx;
  const items = seq.items.map((n) => {
    const r = nodeRange(n)!;
    const start = lineStartOf(yaml, r[0]);
    const end = lineEndOf(yaml, Math.max(r[0], (r[2] > r[0] ? r[2] : r[1]) - 1));
    return { value: isScalar(n) ? n.value : Symbol("complex"), start, end, text: yaml.slice(r[0], r[1]), lead: yaml.slice(start, r[0]) };
  });
  const lead = items[0].lead; // e.g. "  - "
  const matched = new Array<number>(want.length).fill(-1);
  const used = new Set<number>();
  want.forEach((v, i) => {
    const j = items.findIndex((it, k) => !used.has(k) && it.value === v);
    if (j >= 0) { matched[i] = j; used.add(j); }
  });
  const order = matched.filter((j) => j >= 0);
  const inOrder = order.every((j, k) => k === 0 || j > order[k - 1]);
  if (!inOrder) {
    const text = blockList(itemTexts(want, items.map((i) => ({ value: i.value, text: i.text }))), lead.slice(0, lead.indexOf("-")), eol);
    return [{ start: afterColon, end: vr[1], text: text + eol }];
  }
  const splices: Splice[] = [];
  items.forEach((it, k) => { if (!used.has(k)) splices.push({ start: it.start, end: it.end, text: "" }); });
  // New items go before the next kept item, or after the last item of the list.
  let pending: string[] = [];
  const lastEnd = items[items.length - 1].end;
  const lastEndsLine = yaml[lastEnd - 1] === "\n";
  want.forEach((v, i) => {
    if (matched[i] >= 0) {
      if (pending.length) {
        splices.push({ start: items[matched[i]].start, end: items[matched[i]].start, text: pending.map((t) => `${lead}${t}${eol}`).join("") });
        pending = [];
      }
    } else {
      pending.push(yamlScalar(v));
    }
  });
  if (pending.length) {
    const text = pending.map((t) => `${lead}${t}`).join(eol);
    splices.push({ start: lastEnd, end: lastEnd, text: lastEndsLine ? text + eol : eol + text });
  }
  return splices;
}

function newPairText(key: string, value: ManagedValue, ctx: Ctx): string {
  const k = yamlScalar(key);
  if (!Array.isArray(value)) return `${k}: ${yamlScalar(value)}`;
  if (value.length === 0) return `${k}: []`;
  return `${k}:${blockList(value.map((v) => yamlScalar(v)), ctx.indent, ctx.eol)}`;
}

function applySplices(text: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of sorted) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Reads a YAML block as a map, or says why it cannot be edited. */
function readMap(yaml: string): { ok: true; pairs: Pair[]; values: Map<string, unknown> } | { ok: false; message: string } {
  const doc = parseDocument(yaml, PARSE_OPTIONS);
  if (doc.errors.length > 0) return { ok: false, message: `broken YAML: ${doc.errors[0].message.split("\n")[0]}` };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { ok: true, pairs: [], values: new Map() };
  if (!isMap(contents)) return { ok: false, message: "the frontmatter is not a list of properties" };
  const values = new Map<string, unknown>();
  const js = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  for (const pair of contents.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== "string") {
      return { ok: false, message: "the frontmatter has a property name that is not plain text" };
    }
    values.set(pair.key.value, js[pair.key.value]);
  }
  return { ok: true, pairs: contents.items, values };
}

/** Edits a note's frontmatter in place; see the module comment for what is guaranteed. */
export function editFrontmatter(noteText: string, edits: FrontmatterEdits): EditResult {
  const set = edits.set ?? {};
  const remove = (edits.remove ?? []).filter((k) => !(k in set));
  const block = locateFrontmatter(noteText);
  const eol = block?.eol ?? (noteText.includes("\r\n") ? "\r\n" : "\n");

  if (!block) {
    const keys = Object.keys(set);
    if (keys.length === 0) return { ok: true, text: noteText, changed: false };
    const bom = noteText.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
    const ctx: Ctx = { yaml: "", eol, indent: "  " };
    const yaml = keys.map((k) => newPairText(k, set[k], ctx) + eol).join("");
    const text = `${bom}---${eol}${yaml}---${eol}${noteText.slice(bom.length)}`;
    return verify(noteText, text, new Map(), set, remove);
  }

  const read = readMap(block.yaml);
  if (!read.ok) return read;
  const ctx: Ctx = { yaml: block.yaml, eol, indent: dominantIndent(block.yaml, read.pairs) };
  const byKey = new Map<string, Pair>();
  for (const p of read.pairs) byKey.set((p.key as { value: string }).value, p);

  const splices: Splice[] = [];
  const appended: string[] = [];
  for (const [key, want] of Object.entries(set)) {
    const pair = byKey.get(key);
    if (!pair) { appended.push(newPairText(key, want, ctx)); continue; }
    if (sameValue(read.values.get(key), want)) continue;
    splices.push(...setExisting(pair, want, ctx));
  }
  for (const key of remove) {
    const pair = byKey.get(key);
    if (!pair) continue;
    const kr = nodeRange(pair.key as Node)!;
    const vr = nodeRange(pair.value as Node | null);
    // The value's own end (not its range's tail, which may hold the comment lines that follow).
    const end = vr ? Math.max(vr[1], kr[2]) : kr[2];
    const start = lineStartOf(block.yaml, kr[0]);
    splices.push({ start, end: block.yaml[end - 1] === "\n" ? end : lineEndOf(block.yaml, end), text: "" });
  }
  if (splices.length === 0 && appended.length === 0) return { ok: true, text: noteText, changed: false };

  let yaml = applySplices(block.yaml, splices);
  if (appended.length > 0) {
    if (yaml !== "" && !yaml.endsWith("\n")) yaml += eol;
    yaml += appended.map((a) => a + eol).join("");
  }
  const text = noteText.slice(0, block.yamlStart) + yaml + noteText.slice(block.yamlEnd);
  return verify(noteText, text, read.values, set, remove);
}

/** The edited note must read back as asked, every other property unchanged. */
function verify(before: string, text: string, original: Map<string, unknown>, set: Record<string, ManagedValue>, remove: string[]): EditResult {
  const block = locateFrontmatter(text);
  const read = block ? readMap(block.yaml) : null;
  if (!read || !read.ok) return { ok: false, message: "internal check failed: the edited frontmatter would not read back; nothing was written" };
  for (const [key, want] of Object.entries(set)) {
    if (!sameValue(read.values.get(key), want)) {
      return { ok: false, message: `internal check failed: "${key}" would not read back as written; nothing was written` };
    }
  }
  for (const key of remove) {
    if (read.values.has(key)) return { ok: false, message: `internal check failed: "${key}" would still be there; nothing was written` };
  }
  for (const [key, value] of original) {
    if (key in set || remove.includes(key)) continue;
    if (!read.values.has(key) || JSON.stringify(read.values.get(key)) !== JSON.stringify(value)) {
      return { ok: false, message: `"${key}" would change too (an anchor or alias shares its value?); nothing was written` };
    }
  }
  return { ok: true, text, changed: text !== before };
}
