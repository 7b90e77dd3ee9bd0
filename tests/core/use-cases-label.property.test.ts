/**
 * `isUseCasesLabel` passes over a label without the word "analysed"/"analyzed" before making it
 * plain: it says what the plain comparison alone (as first written, below) says of any label.
 */
import fc from "fast-check";
import { isUseCasesLabel } from "../../src/core/articles";
import { numRuns } from "../support/fast-check";

function plainIsUseCasesLabel(text: string): boolean {
  const t = text.toLowerCase().replace(/\([^)]*\)/g, " ").replace(/[:*_]/g, " ").replace(/^\s*[\d.]+\s+/, "").replace(/\s+/g, " ").trim();
  return t === "use cases analyzed" || t === "use cases analysed";
}

/** Pieces of labels, with the letters and marks that make plain comparison tricky. */
const PIECE = fc.constantFrom(
  "Use", "use", "USE", "Cases", "cases", "Analyzed", "analysed", "ANALYSED", "AnalyZed", "Analy", "zed", "sed", "Analy(x)zed", "Analy*zed", "analy_sed",
  " ", "  ", "\t", "\u00a0", ":", "*", "**", "_", "(List 3-5 with links)", "(", ")", "1.", "1.2", "2 ", "İ", "\u212a", "ſ", "\u0130", "Ａnalyzed", "x",
);

describe("isUseCasesLabel", () => {
  it("says what the plain comparison says, on any label", () => {
    fc.assert(fc.property(fc.array(PIECE, { maxLength: 9 }), (pieces) => {
      const text = pieces.join("");
      expect(isUseCasesLabel(text)).toBe(plainIsUseCasesLabel(text));
    }), numRuns(5000));
  });

  it.each(["Use Cases Analyzed", "1.1 use cases analysed:", "**USE CASES ANALYZED** (List 3-5)", "Use_Cases_Analysed"])("knows %j", (label) => {
    expect(isUseCasesLabel(label)).toBe(true);
  });
});
