/** The note kinds' vocabulary (src/core/study.ts) and the property-run setting of the tests. */
import fc from "fast-check";
import { ANALYSIS_TYPE, CASE_STUDY_TYPE, isStudyType, kindOfTemplate, NOTE_KIND_LIST, NOTE_KINDS, STUDY_TYPES } from "../../src/core/study";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { runFactor } from "../support/fast-check";

describe("NOTE_KINDS", () => {
  it.each<[string, string | null]>([
    ["deep-dive", "analysis"],
    ["case-study", "case-study"],
    ["analysis", null],
    ["Deep-dive", null],
    ["", null],
  ])("template %j makes %s", (id, kind) => {
    expect(kindOfTemplate(id)).toBe(kind);
  });

  it("each kind names its own template, folder and file name pattern settings", () => {
    for (const setting of ["templateSetting", "folderSetting", "patternSetting"] as const) {
      const keys = NOTE_KIND_LIST.map((k) => NOTE_KINDS[k][setting]);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(typeof DEFAULT_SETTINGS[key]).toBe("string");
    }
  });

  it("each kind's type is a study type, and the study types are exactly the kinds' types", () => {
    expect(NOTE_KIND_LIST.map((k) => NOTE_KINDS[k].type)).toEqual([ANALYSIS_TYPE, CASE_STUDY_TYPE]);
    expect(STUDY_TYPES.every(isStudyType)).toBe(true);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom(...STUDY_TYPES, "use-case-article")), (v) => isStudyType(v) === STUDY_TYPES.includes(v as never)));
  });
});

describe("UCA_FC_RUNS", () => {
  it.each<[string | undefined, number]>([[undefined, 1], ["", 1], ["10", 10], ["0.5", 0.5]])("%j → ×%d", (raw, factor) => {
    expect(runFactor({ UCA_FC_RUNS: raw })).toBe(factor);
  });

  it.each(["0", "-1", "many"])("refuses %j", (raw) => {
    expect(() => runFactor({ UCA_FC_RUNS: raw })).toThrow("UCA_FC_RUNS must be a positive number");
  });

  it("sets the default run count for properties that give none", () => {
    expect(fc.readConfigureGlobal().numRuns).toBe(Math.round(100 * runFactor()));
  });
});
