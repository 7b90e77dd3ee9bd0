import { plural } from "../../src/core/plural";

describe("plural", () => {
  it.each([
    [0, "note", undefined, "0 notes"],
    [1, "note", undefined, "1 note"],
    [2, "note", undefined, "2 notes"],
    [1, "analysis", "analyses", "1 analysis"],
    [3, "analysis", "analyses", "3 analyses"],
    [1, "row is", "rows are", "1 row is"],
    [10000, "checkbox", "checkboxes", "10000 checkboxes"],
  ])("%i %s (%s) → %s", (n, one, many, expected) => {
    expect(plural(n, one, many)).toBe(expected);
  });
});
