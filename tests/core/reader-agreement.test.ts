/**
 * The reader against the real Obsidian app: for every captured note, our frontmatter must
 * deep-equal Obsidian's `cachedMetadata.frontmatter` and our checkboxes' (line, character)
 * pairs must equal Obsidian's task list items. Every mismatch is reported, not just the first.
 */
import { readNote } from "../../src/core/reader";
import { isDeepStrictEqual } from "util";
import { loadCaptured } from "../support/captured";

const captured = loadCaptured();

describe("the note reader agrees with Obsidian on every captured note", () => {
  it("has captured notes to compare with", () => {
    expect(captured.length).toBeGreaterThanOrEqual(50);
  });

  it("reads the same frontmatter, tasks and headings", () => {
    const mismatches: string[] = [];
    for (const note of captured) {
      const ours = readNote(note.fileContents);
      const theirs = note.cachedMetadata;
      const ourFm = ours.frontmatter ?? undefined;
      // Deep equality: the capture sorted its keys, so key order is not compared here.
      if (!isDeepStrictEqual(ourFm, theirs.frontmatter)) {
        mismatches.push(`${note.file}: frontmatter ${JSON.stringify(ourFm)} ≠ Obsidian ${JSON.stringify(theirs.frontmatter)}`);
      }
      if (ours.frontmatterError) mismatches.push(`${note.file}: unexpected YAML error ${ours.frontmatterError}`);
      const ourTasks = ours.checkboxes.map((c) => `${c.line}:${c.char}`);
      const theirTasks = (theirs.listItems ?? []).filter((li) => li.task !== undefined)
        .map((li) => `${li.position.start.line}:${li.task}`);
      if (ourTasks.join(",") !== theirTasks.join(",")) {
        mismatches.push(`${note.file}: tasks [${ourTasks.join(", ")}] ≠ Obsidian [${theirTasks.join(", ")}]`);
      }
      const ourHeadings = ours.headings.map((h) => `${h.line}:${h.level}:${h.text}`);
      const theirHeadings = (theirs.headings ?? []).map((h) => `${h.position.start.line}:${h.level}:${h.heading}`);
      if (ourHeadings.join("|") !== theirHeadings.join("|")) {
        mismatches.push(`${note.file}: headings [${ourHeadings.join(" | ")}] ≠ Obsidian [${theirHeadings.join(" | ")}]`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("finds each task's character at the offset it reports", () => {
    for (const note of captured) {
      for (const c of readNote(note.fileContents).checkboxes) {
        expect(note.fileContents[c.charOffset]).toBe(c.char);
      }
    }
  });
});

/**
 * Hand-written cases next to the captured notes (issue 13): a `- [ ]` line indented four columns
 * is a task only where CommonMark (and so Obsidian's parse) makes it a list item. Each row: the
 * note, and the lines of its tasks.
 */
describe("indented task lines follow Obsidian's (CommonMark's) parse", () => {
  const cases: [string, string, number[]][] = [
    ["after a blank line at top level: indented code", "Text\n\n    - [ ] Fake\n- [ ] Real\n", [3]],
    ["after a blank line under a list item: the item goes on, a task", "- [ ] Real\n\n    - [ ] Nested\n", [0, 2]],
    ["after a heading and a blank line: indented code", "## Patterns\n\n    - [x] Fake\n- [ ] Real\n", [3]],
    ["right after a paragraph line: the paragraph goes on", "Some text\n    - [x] Fake\n", []],
    ["nested under a list item: a task", "- [ ] Outer\n    - [ ] Inner\n", [0, 1]],
    ["nested under a list item after a blank line: a task", "- Outer\n\n    - [ ] Inner\n", [2]],
    ["after a list ended by a paragraph and a blank line: code", "- Outer\n\nText\n\n    - [ ] Fake\n", []],
    ["inside a callout after a blank quote line: code", "> [!note] Patterns\n>\n>     - [ ] Fake\n> - [ ] Real\n", [3]],
    ["nested under a list item in a callout: a task", "> [!note]\n> - [ ] Outer\n>     - [ ] Inner\n", [1, 2]],
    ["eight columns under a two-column item: code in the item", "- Outer\n\n        - [ ] Fake\n", []],
  ];
  it.each(cases)("%s", (_name, text, lines) => {
    expect(readNote(text).checkboxes.map((c) => c.line)).toEqual(lines);
  });
});
