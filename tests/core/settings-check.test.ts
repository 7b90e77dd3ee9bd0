import fc from "fast-check";
import { checkFileNamePattern, checkListEntry, checkTagPrefix } from "../../src/core/settings-check";

describe("checkFileNamePattern", () => {
  it.each<[string, string, string]>([
    ["{{category}}/{{company}} - {{title}}", "Use cases", "Use cases/Search and Retrieval/Instacart - Hybrid search.md"],
    ["{{company}} - {{title}}", "", "Instacart - Hybrid search.md"],
    ["{{year}}/{{ Company }} {{title}}.md", "/Research/", "Research/2024/Instacart Hybrid search.md"],
    ["{{industry}}/{{category}}/{{title}}", "A", "A/E-commerce and retail/Search and Retrieval/Hybrid search.md"],
  ])("%s in %s gives %s", (pattern, folder, preview) => {
    expect(checkFileNamePattern(pattern, folder)).toEqual({ ok: true, value: preview });
  });

  it.each<[string, RegExp]>([
    ["", /empty/],
    ["   ", /empty/],
    ["{{autor}} - {{title}}", /Unknown placeholder \{\{autor\}\}/],
    ["{{date}}/{{title}}", /Unknown placeholder \{\{date\}\}/],
    ["{{title", /not closed/],
    ["{{title}} }}", /not closed/],
    ["{{category}}/{{year}}", /\{\{title\}\} or \{\{company\}\}/],
    ["notes", /\{\{title\}\} or \{\{company\}\}/],
  ])("refuses %j", (pattern, message) => {
    const r = checkFileNamePattern(pattern, "Use cases");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it("never lets a pattern climb out of the folder", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom("..", ".", "{{title}}", "{{company}}", "/", " - ", "a", "\\"), { minLength: 1, maxLength: 8 }), (parts) => {
      const r = checkFileNamePattern(parts.join(""), "Use cases");
      if (!r.ok) return true;
      return r.value.startsWith("Use cases/") && !r.value.split("/").some((s) => s === ".." || s === "." || s === "");
    }));
  });
});

describe("checkTagPrefix", () => {
  it.each<[string, string]>([["use-case", "use-case"], ["#study", "study"], [" ml/design ", "ml/design"], ["Études_2", "Études_2"]])("accepts %j as %j", (raw, value) => {
    expect(checkTagPrefix(raw)).toEqual({ ok: true, value });
  });
  it.each<[string, RegExp]>([
    ["", /empty/], ["my tags", /can't start a tag/], ["a//b", /can't start a tag/], ["/a", /can't start a tag/], ["a/", /can't start a tag/],
    ["a.b", /can't start a tag/], ["2024", /only digits/], ["20/24", /only digits/],
  ])("refuses %j", (raw, message) => {
    const r = checkTagPrefix(raw);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe("checkListEntry", () => {
  const list = ["Tech", "Gaming"];
  it.each<[string, string, string | undefined, string | RegExp]>([
    ["a new name, tidied", "  Space   tech ", undefined, "Space tech"],
    ["a duplicate, ignoring case", "gaming", undefined, /"Gaming" is already in the list/],
    ["an empty name", "  ", undefined, /empty/],
    ["a rename to a new name", "Video games", "Gaming", "Video games"],
    ["a rename that only changes case", "GAMING", "Gaming", "GAMING"],
    ["a rename onto another entry", "tech", "Gaming", /"Tech" is already in the list/],
  ])("%s", (_n, raw, except, expected) => {
    const r = checkListEntry(raw, list, "industry", except);
    if (typeof expected === "string") expect(r).toEqual({ ok: true, value: expected });
    else expect(!r.ok && r.message).toMatch(expected);
  });
});
