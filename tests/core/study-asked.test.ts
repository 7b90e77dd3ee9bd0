import { type CompareOptions, matrix, pivot, trends } from "../../src/core/compare";
import { toCsv, toTable } from "../../src/core/export";
import { readNote } from "../../src/core/reader";
import { NOT_ASKED_MARK } from "../../src/core/tabs/matrix";
import { patternCell, tallyPattern } from "../../src/core/study-asked";
import { bodyFacts, studyFromText } from "../../src/core/study-read";
import type { Study } from "../../src/core/study";
import { CTX } from "../support/studies";

const A = "---\ntype: use-case-analysis\n";
/** A note written before the template had Semantic Cache: the bundled patterns it has no box for are not asked. */
const OLDER = `${A}patterns: [RAG Pipeline]\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n- [ ] **Ensemble Model**\n`;
const PROPERTY_ONLY = `---\ntype: case-study\npatterns: [RAG Pipeline]\n---\n# Case study\n`;

function study(path: string, text: string): Study {
  const s = studyFromText(path, text, CTX);
  if (!s) throw new Error("not a study");
  return s;
}

describe("not asked against not seen", () => {
  it("a note with pattern groups records the known patterns it has no box for; a note with every box or none records none", () => {
    expect(bodyFacts(readNote(OLDER), CTX).notAsked).toEqual(CTX.patterns.map((p) => p.label).filter((l) => l !== "RAG Pipeline" && l !== "Ensemble Model"));
    expect(bodyFacts(readNote(PROPERTY_ONLY), CTX).notAsked).toBeUndefined();
    const every = `${A}---\n**Design Patterns Observed**:\n${CTX.patterns.map((p) => `- [ ] ${p.label}`).join("\n")}\n`;
    expect(bodyFacts(readNote(every), CTX).notAsked).toBeUndefined();
  });

  it.each([
    ["RAG Pipeline", "seen"], ["rag pipeline", "seen"], ["Ensemble Model", "not seen"], ["Cascade Model", "not asked"], ["Bespoke", "not seen"],
  ] as const)("%s in the older note: %s", (label, want) => {
    expect(patternCell(study("A.md", OLDER), label)).toBe(want);
  });

  it("a study whose body is not read yet, or whose patterns live in its properties, was asked", () => {
    const unread = { ...study("A.md", OLDER), body: null };
    expect(patternCell(unread, "Cascade Model")).toBe("not seen");
    expect(patternCell(study("C.md", PROPERTY_ONLY), "Cascade Model")).toBe("not seen");
  });

  it("counts leave not asked out of the share's denominator; no study asked: no share (empty, not 0)", () => {
    const studies = [study("A.md", OLDER), study("B.md", OLDER.replace("[x] **RAG", "[ ] **RAG").replace("patterns: [RAG Pipeline]", "patterns: []")), study("C.md", PROPERTY_ONLY)];
    expect(tallyPattern(studies, "RAG Pipeline")).toEqual({ seen: 2, notSeen: 1, notAsked: 0, asked: 3, share: 2 / 3 });
    expect(tallyPattern(studies, "Cascade Model")).toEqual({ seen: 0, notSeen: 1, notAsked: 2, asked: 1, share: 0 });
    expect(tallyPattern(studies.slice(0, 2), "Cascade Model")).toEqual({ seen: 0, notSeen: 0, notAsked: 2, asked: 0, share: null });
  });
});

describe("not asked in the comparison's tabs and exports", () => {
  const withYear = (text: string, year: number, industry: string): string => text.replace("---\n", `---\nyear: ${year}\nindustry: ${industry}\n`);
  // A and B are older notes (no Cascade Model box); C and D have every box. A and C see RAG; D sees Cascade.
  const every = (ticked: string): string => `${A}patterns: [${ticked}]\n---\n**Design Patterns Observed**:\n${CTX.patterns.map((p) => `- [${p.label === ticked ? "x" : " "}] ${p.label}`).join("\n")}\n`;
  const studies = [
    study("A.md", withYear(OLDER, 2023, "Tech")),
    study("B.md", withYear(OLDER.replace("[x] **RAG", "[ ] **RAG").replace("patterns: [RAG Pipeline]", "patterns: []"), 2023, "Tech")),
    study("C.md", withYear(every("RAG Pipeline"), 2024, "Gaming")),
    study("D.md", withYear(every("Cascade Model"), 2024, "Tech")),
  ];
  const opts = (o: Partial<CompareOptions> = {}): CompareOptions => ({ tab: "matrix", filter: {}, ...o });
  const m = matrix(studies, CTX, opts());
  const col = (label: string) => m.patternColumns.find((c) => c.label === label)!;

  it.each([
    // pattern, count, asked, share
    ["RAG Pipeline", 2, 4, 0.5],
    ["Ensemble Model", 0, 4, 0],
    ["Cascade Model", 1, 2, 0.5],
  ] as const)("matrix column %s: count %d of %d asked (share %d)", (label, count, asked, share) => {
    expect(col(label)).toMatchObject({ count, asked, share });
  });

  it.each([
    ["A.md", "Cascade Model", { checked: false, notAsked: true }],
    ["A.md", "RAG Pipeline", { checked: true, notAsked: false }],
    ["B.md", "Ensemble Model", { checked: false, notAsked: false }],
    ["D.md", "Cascade Model", { checked: true, notAsked: false }],
  ] as const)("matrix cell %s × %s", (path, label, want) => {
    const row = m.rows.find((r) => r.study.path === path)!;
    const j = m.patternColumns.findIndex((c) => c.label === label);
    expect({ checked: row.checked[j], notAsked: row.notAsked[j] }).toEqual(want);
    expect(patternCell(row.study, label)).toBe(want.checked ? "seen" : want.notAsked ? "not asked" : "not seen");
  });

  it("a column's share agrees with tallyPattern, and no study asked gives a null share (\"–\")", () => {
    for (const c of m.patternColumns.filter((p) => p.known)) {
      const t = tallyPattern(studies, c.label);
      expect({ count: c.count, asked: c.asked, share: c.share }).toEqual({ count: t.seen, asked: t.asked, share: t.share });
    }
    const older = matrix(studies.slice(0, 2), CTX, opts());
    const cascade = older.patternColumns.find((c) => c.label === "Cascade Model")!;
    expect(cascade).toMatchObject({ count: 0, asked: 0, share: null });
    expect(toTable(older).rows[0][older.fixedColumns.length + older.patternColumns.indexOf(cascade)]).toBe("0 (– of 0 asked)");
  });

  it("exports: checked ✓, unchecked empty, not asked –; the count row says how many were asked", () => {
    const t = toTable(m);
    const fixed = m.fixedColumns.length;
    const at = (label: string): number => fixed + m.patternColumns.findIndex((c) => c.label === label);
    const rowOf = (name: string): string[] => t.rows.find((r) => r[0] === name)!;
    expect(t.rows[0][at("Cascade Model")]).toBe("1 (50% of 2 asked)");
    expect(t.rows[0][at("RAG Pipeline")]).toBe("2 (50%)");
    expect(rowOf("A")[at("Cascade Model")]).toBe(NOT_ASKED_MARK);
    expect(rowOf("A")[at("RAG Pipeline")]).toBe("✓");
    expect(rowOf("B")[at("RAG Pipeline")]).toBe("");
    expect(rowOf("D")[at("Cascade Model")]).toBe("✓");
    expect(toCsv(t)).toContain(",–,");
  });

  it("sorting by a pattern: seen, then not seen, then not asked", () => {
    const sorted = matrix(studies, CTX, opts({ sort: { column: "Cascade Model", direction: "asc" } }));
    expect(sorted.rows.map((r) => r.study.path)).toEqual(["D.md", "C.md", "A.md", "B.md"]);
  });

  it("pivot column shares and trends shares are over the studies asked", () => {
    const p = pivot(studies, CTX, opts({ tab: "pivot", pivotBy: "industry" }));
    const tech = p.columns.findIndex((c) => c.label === "Tech");
    const cascade = p.rows.find((r) => r.pattern.label === "Cascade Model")!;
    expect(cascade.counts[tech]).toBe(1);
    expect(cascade.columnShares[tech]).toBe(1); // D alone of the three Tech studies was asked
    expect(cascade.pattern).toMatchObject({ count: 1, asked: 2, share: 0.5 });
    const t = trends(studies, CTX, opts({ tab: "trends" }));
    const row = t.rows.find((r) => r.pattern.label === "Cascade Model")!;
    expect(t.years).toEqual([2023, 2024]);
    expect(row.counts).toEqual([0, 1]);
    expect(row.shares).toEqual([null, 0.5]); // 2023: nobody asked; 2024: 1 of 2
    expect(toTable(t).rows.find((r) => r[0] === "Cascade Model")).toEqual(["Cascade Model", "0 (–)", "1 (50%)"]);
  });

  it("notes with every box: nothing is not asked and shares are of all visible studies", () => {
    const full = matrix(studies.slice(2), CTX, opts());
    expect(full.patternColumns.every((c) => c.asked === 2)).toBe(true);
    expect(full.rows.every((r) => r.notAsked.every((x) => !x))).toBe(true);
  });
});
