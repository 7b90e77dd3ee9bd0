/**
 * isManagedTag is asked for every tag of a note on every sync, so it is written without
 * allocating lists; it must answer as its plain definition: after an optional "#", the tag
 * starts, ignoring case, with `<prefix>/<kind>/` for the kind asked (or any kind).
 */
import fc from "fast-check";
import { isManagedTag, type TagKind } from "../../src/core/tags";
import { numRuns } from "../support/fast-check";

const KINDS: TagKind[] = ["category", "industry", "pattern"];

function byDefinition(prefix: string, tag: string, kind?: TagKind): boolean {
  const t = tag.replace(/^#/, "").toLowerCase();
  return (kind ? [kind] : KINDS).some((k) => t.startsWith(`${prefix.toLowerCase()}/${k}/`));
}

const prefix = fc.constantFrom("use-case", "Use-Case", "uca", "a/b", "İ", "");
const tag = fc.tuple(
  fc.constantFrom("", "#", "##"),
  fc.constantFrom("use-case", "USE-CASE", "uca", "a/b", "i̇", "İ", "", "x"),
  fc.constantFrom("/", "", "//"),
  fc.constantFrom("category", "Industry", "PATTERN", "pattern", "patterns", ""),
  fc.constantFrom("/", "", "/x"),
  fc.string({ maxLength: 4 }),
).map((parts) => parts.join(""));

describe("isManagedTag", () => {
  it("answers as its definition for any prefix, tag and kind", () => {
    fc.assert(fc.property(prefix, tag, fc.option(fc.constantFrom(...KINDS), { nil: undefined }), (p, t, k) => {
      expect(isManagedTag(p, t, k)).toBe(byDefinition(p, t, k));
    }), numRuns(5000));
  });

  it.each([
    ["use-case", "use-case/pattern/rag", undefined, true],
    ["use-case", "#Use-Case/Category/x", "category", true],
    ["use-case", "use-case/category/x", "pattern", false],
    ["use-case", "use-case/patterns/x", undefined, false],
    ["use-case", "use-casex/pattern/x", undefined, false],
    ["use-case", "mine", undefined, false],
  ] as const)("prefix %s, tag %s, kind %s → %s", (p, t, k, want) => {
    expect(isManagedTag(p, t, k)).toBe(want);
  });
});
