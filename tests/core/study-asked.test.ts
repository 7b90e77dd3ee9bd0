import { readNote } from "../../src/core/reader";
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
