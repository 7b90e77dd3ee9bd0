/**
 * The note reader walks the text by offsets (for speed: it runs on every change of a note). It
 * must read every note exactly as the line-by-line reader it replaced, frozen in
 * tests/support/reader-reference.ts: deep-equal results (frontmatter, checkboxes with offsets,
 * prefixes and labels, headings, bold labels, tables) on generated notes that mix the lines and
 * line pieces where the two could part ways — CRLF and lone CR, a BOM, fences in quotes and
 * lists, comments, callouts, nested and numbered lists, tables, closing "#" runs, Unicode spaces.
 */
import fc from "fast-check";
import { readNote, type ReadOptions } from "../../src/core/reader";
import { frontmatterText, noteText } from "../support/arbitraries";
import { readNote as referenceReadNote } from "../support/reader-reference";
import { numRuns } from "../support/fast-check";

/** Pieces a line is made of: each line is 1 to 5 of them, so they meet in every order. */
const piece = fc.constantFrom(
  // indentation and quote markers
  "", " ", "  ", "   ", "    ", "\t", " \t", "> ", ">", ">>", "> > ", "   > ", "    > ", ">\t",
  // list markers
  "- ", "* ", "+ ", "-", "*", "1. ", "2) ", "12. ", "123456789. ", "1234567890. ", "1.", "a. ",
  // task boxes
  "[ ] ", "[x] ", "[X]", "[ ]", "[]] ", "[/] ", "[-]\t", "[ä] ", "[\r] ", "[ ]x", "[ ]  ", "[",
  // heading marks
  "#", "# ", "## ", "###### ", "####### ", "#\t", " #", " ##", "#x",
  // bold labels and tails
  "**", "__", "**Design Patterns Observed**", "__Infrastructure Patterns__", "**Deployment Pattern**:",
  "**a*b**", ": ", ":", " (optional)", "(x", ")", " :", "**bold** text", "__x__ (y):",
  // labels and text
  "RAG Pipeline", "Batch Inference (offline)", "Zwei-Türme", "text", "a (b)", " word ", "🚀", "é",
  // fences and comments
  "```", "~~~", "````", "```js", "``` a`b", "~~~ x`y", "<!--", "-->", "<!-- x -->", "%%", "%% x %%", "<div>",
  // tables
  "|", "| a | b |", "|---|---|", "---|---", ":-:", "| :-- |", "a|b", "\\|", "`|`", "-|-",
  // white space trim() knows and `\s` matches
  "\u00a0", "\u2028", "\u2029", "\u3000", "\v", "\f", "\r", "\ufeff",
);

const line = fc.array(piece, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(""));

/** Whole lines as notes have them, so real structures (a table, a closed fence) come up often. */
const wholeLine = fc.constantFrom(
  "# Heading", "## Deployment Pattern", "### Design Patterns Observed ###", "**Design Patterns Observed**:",
  "- [ ] **RAG Pipeline** (Retrieve → Generate)", "- [x] **Multi-Stage Funnel** (R → R)", "> - [ ] Batch Inference (offline)",
  "> [!note] Patterns", ">> - [x] Two-Tower", "1. [x] Streaming Inference", "    - [ ] **Two-Tower Architecture**",
  "\t* [ ] Hybrid Retrieval", "```", "~~~~", "> ```", "> ~~~", "- ```", "| a | b |", "|---|---|", "| 1 | 2 |",
  "> | a | b |", "> |---|---|", "<!-- hidden", "-->", "%%", "---", "", "   ", "text with --- inside",
);

const lineEnd = fc.constantFrom("\n", "\n", "\n", "\r\n");

const body = fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: line }, { weight: 2, arbitrary: wholeLine }), lineEnd), { maxLength: 30 })
  .map((lines) => lines.map(([text, eol]) => text + eol).join(""));

const note = fc.tuple(fc.option(frontmatterText, { nil: undefined }), body, fc.boolean(), fc.boolean(), fc.boolean()).map(
  ([fm, text, bom, crlfFence, trailingNewline]) => {
    const eol = crlfFence ? "\r\n" : "\n";
    let out = (fm === undefined ? "" : `---${eol}${fm}---${eol}`) + text;
    if (!trailingNewline) out = out.replace(/\r?\n$/, "");
    return (bom ? "\uFEFF" : "") + out;
  });

function agree(text: string, options?: ReadOptions): void {
  expect(readNote(text, options)).toEqual(referenceReadNote(text, options));
}

describe("the note reader reads every note as the line-by-line reference does", () => {
  it("on generated notes mixing every kind of line and line piece", () => {
    fc.assert(fc.property(note, (text) => {
      agree(text);
      agree(text, { tableCells: false });
    }), numRuns(6000));
  });

  it("with the frontmatter handed in, as the metadata cache does", () => {
    fc.assert(fc.property(note, (text) => {
      const fm = referenceReadNote(text).frontmatter;
      if (fm) agree(text, { frontmatter: fm, tableCells: false });
    }), numRuns(2000));
  });

  it("on the shared generated notes (frontmatter styles, CRLF, BOM, callouts, fences, tables)", () => {
    fc.assert(fc.property(noteText, ({ text }) => agree(text)), numRuns(3000));
  });

  it.each([
    ["a table at the very end", "| a | b |\n|---|---|"],
    ["a table whose rows run to the end", "| a | b |\n|---|---|\n| 1 | 2 |"],
    ["a task right after a table", "| a |\n|---|\n| 1 |\n- [ ] after"],
    ["a fence in a callout closed by leaving the callout", "> ```\n> - [ ] in code\n- [ ] out"],
    ["a heading with a closing run", "# Title ##  \n## # \n### a #b #"],
    ["a bold label with its tails", "**Design Patterns Observed** (all): \n__x__:\n**a**(b\n- [ ] x"],
    ["a BOM before a task", "\uFEFF- [x] first"],
    ["a BOM alone", "\uFEFF"],
    ["a lone CR inside a line", "# a\rb\n- [ ] x\ry\n**a\rb**"],
    ["line separators", "# a\u2028b\n- [ ] a\u2029"],
    ["a comment opened after a Unicode space", "\u00a0<!-- x\n- [ ] hidden\n-->\n- [ ] shown"],
    ["ten digits are no list marker", "1234567890. [ ] x\n123456789. [ ] y"],
  ])("on %s", (_name, text) => {
    agree(text);
    agree(text.replace(/\n/g, "\r\n"));
  });
});
