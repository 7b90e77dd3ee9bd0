/**
 * Lines added to a note keep every line it had reading as it did (src/core/placement.ts): the
 * one check the sync and the migration both make before writing.
 */
import { insertKeepingReading, insertLines, readsAsBefore, type Insertion } from "../../src/core/placement";
import { readNote } from "../../src/core/reader";

const box = (label: string): string => `- [ ] ${label}`;

describe("insertKeepingReading", () => {
  it("keeps the blank line asked for when the note reads as before with it", () => {
    const text = "**A**:\n- [ ] a\n**B**:\n- [ ] b\n";
    const r = insertKeepingReading(text, readNote(text), [{ afterLine: 1, lines: [box("new")], blankAfter: "" }]);
    expect(r).toMatchObject({ keepsReading: true, text: "**A**:\n- [ ] a\n- [ ] new\n\n**B**:\n- [ ] b\n" });
  });

  it("drops the blank line when it would end the list a label goes on from (a nested box would become text)", () => {
    const text = "**A**:\n- [ ] a\n**B**:\n    - [ ] b\n";
    const ins: Insertion[] = [{ afterLine: 1, lines: [box("new")], blankAfter: "" }];
    // With the blank line, the reader no longer finds box b.
    expect(readsAsBefore(readNote(text), readNote(insertLines(text, ins)), ins)).toBe(false);
    const r = insertKeepingReading(text, readNote(text), ins);
    expect(r).toMatchObject({ keepsReading: true, text: "**A**:\n- [ ] a\n- [ ] new\n**B**:\n    - [ ] b\n" });
    expect(r.insertions[0]?.blankAfter).toBeNull();
  });

  it("says so when no way keeps the reading (a new box that would be read as text)", () => {
    const text = "**A**:\ntext\n";
    const r = insertKeepingReading(text, readNote(text), [{ afterLine: 1, lines: ["    - [ ] new"], blankAfter: "" }]);
    expect(r.keepsReading).toBe(false);
  });

  it("notices a label and boxes that would read differently (a fence opened above them)", () => {
    const text = "Para\n\n**B**:\n- [ ] b\n";
    const ins: Insertion[] = [{ afterLine: 1, lines: ["```"], blankAfter: null }];
    expect(readsAsBefore(readNote(text), readNote(insertLines(text, ins)), ins)).toBe(false);
    const fine: Insertion[] = [{ afterLine: 1, lines: ["More text."], blankAfter: "" }];
    expect(readsAsBefore(readNote(text), readNote(insertLines(text, fine)), fine)).toBe(true);
  });

  it("inserts before the first line, in the note's line endings", () => {
    expect(insertLines("a\r\nb", [{ afterLine: -1, lines: ["x"], blankAfter: null }, { afterLine: 1, lines: ["y"], blankAfter: "" }])).toBe("x\r\na\r\nb\r\ny\r\n");
  });
});
