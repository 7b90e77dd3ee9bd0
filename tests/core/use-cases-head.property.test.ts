/**
 * The "Use Cases Analyzed" list is first looked for in a head of the note (src/core/articles.ts):
 * whatever the head's length, the answer is the one from reading the whole note, on notes of
 * every shape the search tells apart (frontmatter, labels, lists, tables, fences, comments, quotes).
 */
import fc from "fast-check";
import { findUseCasesListWithHead } from "../../src/core/articles";
import { numRuns } from "../support/fast-check";

const LINE = fc.constantFrom(
  "---", "type: use-case-analysis", "# Use Cases Analyzed", "## 1.1 Use cases analysed:", "**Use Cases Analyzed** (List 3-5 with links):", "__use cases analyzed__",
  "1. [[Causa - Uplift]] — <https://causa.example/uplift>", "2. https://a.example/x", "1. ", "- [[B]]", "* c", "   continued https://c.example/y", "    - nested",
  "", "  ", "| a | b |", "|---|---|", "| # Use Cases Analyzed | x |", "```", "~~~", "<!--", "-->", "%%", "> quote", "> ## Use Cases Analyzed", "## Other", "***",
  "- - -", "Some prose.", "- [ ] task | with pipe", "- [x] done", "### 2. Problem",
);
const EOL = fc.constantFrom("\n", "\r\n");
/** Notes, some with a frontmatter block (that may hold lines like a label, or close past the head). */
const NOTE = fc.tuple(fc.option(fc.array(LINE, { maxLength: 6 })), fc.array(LINE, { maxLength: 40 }), EOL)
  .map(([yaml, lines, eol]) => [...(yaml ? ["---", ...yaml, "---"] : []), ...lines].join(eol));

describe("the list's search from a head of the note", () => {
  it("gives the whole note's answer for any head", () => {
    fc.assert(fc.property(NOTE, fc.nat({ max: 600 }), (text, head) => {
      expect(findUseCasesListWithHead(text, head)).toEqual(findUseCasesListWithHead(text, Infinity));
    }), numRuns(3000));
  });
});
