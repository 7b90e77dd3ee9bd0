/**
 * @jest-environment node
 *
 * `readText`, the read-only verbs' reading of a note through one kept buffer: the same text as
 * `readFileSync(path, "utf8")` for any bytes (a byte-order mark kept, bad UTF-8 as U+FFFD) and any
 * length (notes longer than the buffer, or exactly as long), and the same errors.
 */
import fc from "fast-check";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { readText } from "../../src/cli/read-text";
import { numRuns } from "../support/fast-check";
import { tempDir } from "../support/temp-vault";

const KEPT = 64 * 1024;

/** The bytes' text as `readFileSync` gives it, and as `readText` does. */
function both(dir: string, name: string, bytes: Uint8Array): [string, string] {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return [readText(file), readFileSync(file, "utf8")];
}

/** Bytes of a note: mostly text (ASCII, accents, astral letters, line endings), with bad UTF-8 and byte-order marks mixed in. */
const noteBytes = (maxChunks: number): fc.Arbitrary<Uint8Array> => fc.array(fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => Buffer.from(s, "utf8")),
  fc.constantFrom("\r\n", "\n", "é", "𝛽", "“quoted”", "\ufeff").map((s) => Buffer.from(s, "utf8")),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => Buffer.from(b)),
  fc.constantFrom([0xc3], [0xe2, 0x80], [0xf0, 0x9d, 0x9b], [0xed, 0xa0, 0x80], [0xff, 0xfe]).map((b) => Buffer.from(b)),
), { maxLength: maxChunks }).map((chunks) => Buffer.concat(chunks));

describe("readText reads what readFileSync reads", () => {
  const dir = tempDir();

  it("for any bytes (generated)", () => {
    fc.assert(fc.property(noteBytes(60), fc.boolean(), (body, bom) => {
      const bytes = bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
      const [ours, node] = both(dir, "note.md", bytes);
      expect(ours).toBe(node);
    }), numRuns(300));
  });

  it.each([0, 1, KEPT - 1, KEPT, KEPT + 1, 2 * KEPT, 2 * KEPT + 3, 5 * KEPT + 17])("for a note of %i bytes, a character cut at the buffer's end", (size) => {
    // A three-byte character every few bytes: the buffer's edges fall inside characters.
    const unit = Buffer.from("ab€de\n", "utf8");
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = unit[i % unit.length] ?? 0;
    const [ours, node] = both(dir, `sized-${size}.md`, bytes);
    expect(ours.length).toBe(node.length);
    expect(ours).toBe(node);
  });

  it("for a long note after a short one, and a short one after it (the kept buffer holds nothing of the last)", () => {
    const long = Buffer.from("x".repeat(3 * KEPT), "utf8");
    expect(both(dir, "short-1.md", Buffer.from("short", "utf8"))[0]).toBe("short");
    expect(both(dir, "long.md", long)[0]).toBe("x".repeat(3 * KEPT));
    expect(both(dir, "short-2.md", Buffer.from("tiny", "utf8"))[0]).toBe("tiny");
    expect(both(dir, "empty.md", Buffer.alloc(0))[0]).toBe("");
  });

  it.each([
    ["a missing note", (d: string): string => join(d, "missing.md")],
    ["a folder", (d: string): string => { const p = join(d, "folder.md"); mkdirSync(p, { recursive: true }); return p; }],
  ])("throws for %s as readFileSync does", (_what, make) => {
    const path = make(dir);
    const code = (f: () => unknown): unknown => { try { f(); return null; } catch (e) { return (e as { code?: unknown }).code; } };
    const expected = code(() => readFileSync(path, "utf8"));
    expect(expected).not.toBeNull();
    expect(code(() => readText(path))).toBe(expected);
  });
});
