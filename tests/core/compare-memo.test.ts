import { compare, type CompareOptions, compareMemo } from "../../src/core/compare";
import { CTX, study } from "../support/studies";

const STUDIES = [
  study({ name: "Acme", company: "Acme", category: "Search and Retrieval", year: 2024, patterns: ["RAG Pipeline"] }),
  study({ name: "Bolt", company: "Bolt", category: "Computer Vision", year: 2022, patterns: ["Batch Inference", "RAG Pipeline"] }),
];

const options = (o: Partial<CompareOptions> = {}): CompareOptions => ({ tab: "matrix", filter: {}, groupBy: null, pivotBy: "industry", ...o });

describe("compareMemo: a tab's last result while nothing it depends on changed", () => {
  it("gives the same result object for the same studies array, context and options, and equals compare", () => {
    const memo = compareMemo();
    const first = memo(STUDIES, CTX, options());
    expect(memo(STUDIES, { ...CTX }, options())).toBe(first);
    expect(first).toEqual(compare(STUDIES, CTX, options()));
  });

  it.each([
    ["a new studies array (the index changed)", () => [[...STUDIES], CTX, options()] as const],
    ["other options", () => [STUDIES, CTX, options({ filter: { company: "acme" } })] as const],
    ["another context", () => [STUDIES, { ...CTX, categories: [...CTX.categories].reverse() }, options()] as const],
  ])("computes again for %s", (_, next) => {
    const memo = compareMemo();
    const first = memo(STUDIES, CTX, options());
    const [studies, ctx, o] = next();
    const again = memo(studies, ctx, o);
    expect(again).not.toBe(first);
    expect(again).toEqual(compare(studies, ctx, o));
  });

  it("keeps one result per tab, so switching back computes nothing", () => {
    const memo = compareMemo();
    const matrix = memo(STUDIES, CTX, options());
    const pivot = memo(STUDIES, CTX, options({ tab: "pivot" }));
    expect(pivot.kind).toBe("pivot");
    expect(memo(STUDIES, CTX, options())).toBe(matrix);
    expect(memo(STUDIES, CTX, options({ tab: "pivot" }))).toBe(pivot);
  });

  it("a kept result does not follow later changes to the caller's options object", () => {
    const memo = compareMemo();
    const live = options({ filter: { company: "acme" } });
    const first = memo(STUDIES, CTX, live);
    live.filter.company = "bolt";
    live.groupBy = "year";
    expect(first.kind === "matrix" && first.options.filter.company).toBe("acme");
    expect(first.kind === "matrix" && first.options.groupBy).toBeNull();
    const second = memo(STUDIES, CTX, live);
    expect(second).not.toBe(first);
    expect(second.visibleCount).toBe(1);
  });
});
