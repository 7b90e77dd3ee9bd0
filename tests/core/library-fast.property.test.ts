/**
 * The fast library index (src/core/library.ts: one pass with the Metadata values in locals, place
 * caches, a sort skipped when the entries come in order, coverage by nested maps) agrees with the
 * simple reference (tests/support/library-reference.ts) on any note text, path, taxonomy and citations.
 */
import fc from "fast-check";
import {
  buildLibrary, collectionParts, coverage, detectCollectionFolder, inCollection, type LibraryEntry, type LibraryTaxonomy, readEntry,
} from "../../src/core/library";
import { bundledTaxonomy } from "../../src/core/settings";
import { numRuns } from "../support/fast-check";
import {
  referenceBuildLibrary, referenceCollectionParts, referenceCoverage, referenceDetectCollectionFolder, referenceReadEntry,
} from "../support/library-reference";

const DEFAULT_CATEGORIES = bundledTaxonomy().categories;
const DEFAULT_INDUSTRIES = bundledTaxonomy().industries;

const ROOT = "Research/ML_LLM_Use_Cases_2022+";

/** Lines of every shape the reader tells apart, with the quirks of the real data. */
const LINE = fc.constantFrom(
  "# Route planning", "#", "# ", "   # Indented title", "#    ", "## Metadata", "##   metadata  ##", "## Short Description", "## Link", "## link", "### Other",
  "####### not a heading", "#NoSpace", "- **Company**: Parcelly", "* **Company:** Quillmart  ", "+ **industry**: Education", "- **Industry**: Delivery and mobility,Banking and finance",
  "- **Year**: 2024", "- **Year**:  2023 ", "- **Year**: 20x4", "- **Tags**: LLM, search ,,RAG", "- **Tags**:", "  - **Company** : Bétamax Labs", "- **Other**: x",
  "Predict courier  arrival times ", "“Smart” 𝛽-ranking", "[Read the full article](https://eng.parcelly.example/blog/route-planning)",
  "[Read](< https://x.example/a b >)", "[Read](ftp://x.example/a)", "see https://bare.example/page?x=1 here", "https://WWW.Example.com/a/", "",
  "   ", "\t", "---", "***", " - - -", "___", "*This use case is part of the ML and LLM Use Cases collection (2022+)*", "--", "* * *x",
  // Headings and thematic breaks at the edges of their rules (read by hand, not by pattern).
  "#######", "####### #", "########  ", "#### #", "# Title ##", "# Title#", "## a\u2028b", "# a\u2029", "    # Four spaces", "   ## Three", "# \u00a0Spaced",
  "#\tTab", "##\t\t", "#\u00a0x", "- - -", " * * *", "   ---", "    ---", "-\t-\t-", "_ _ x", "-- -", "*\t**", "- **Company**: - - -",
  "---x", "- -\t-  ", "*** *", "   ___ _", "\t---",
  // Metadata lines and section names at the edges of their patterns (also read by hand): keys
  // and names in other cases or with other white space, a colon inside or after the `**`, a line
  // terminator in the value, letters that lower-case to ASCII (the Kelvin sign is a `k`).
  "## Lin\u212a", "## LINK", "##\u00a0Metadata\u2003", "## Short  Description", "## \u0130ink", "- **COMPANY**: Upper", "- **\u00a0Company\u3000**: Spaced",
  "-\u00a0**Year**: 2023", "\u2028- **Year**: 2022", "- **Year**:: 2024", "- **Year:**: 2025 ", "- **:**: colon", "- **:**", "- **a:**", "-**Company**: x",
  "- **Company** x", "- **Company**\u2028: b", "- **Company**: a\u2028b", "- **Company*: x", "- ***Company**: x", "+ ****: x", "- **Tags**:**x",
  "- **Industry**: Gaming\u2029", "- **Industry** : \t Tech", "* **Tags**: a,\u00a0b ,", "- **Tags**: solo ", "- **Ta gs**: x", "- **Company**:",
  "- **Year**: \uff12\uff10\uff12\uff14", "- **Year**: 02024", "- **Year**: 999", "- **Year**:\u00a02021\u2003", "- **Year**: 2o24",
  // Links at the edges of their pattern (read by hand): an address with a `)` of its own, in `<>`
  // or not, white space around it, none, a link split over lines, two links; values to make one line.
  "[a](https://x.example/a)b)", "[a]( <https://x.example/p> )", "[a](https://x.example/(x))", "[a](<https://x.example/a>", "](https://x.example/y",
  "[a](https://x.example/a>)", "[a](\thttps://x.example/t\u00a0)", "[x](y) [z](https://z.example/)", "[a](<>)", "[a]()", "[a](<https://x.example/<b>)",
  // Values, titles and descriptions with white space of every kind at their ends or inside
  // (made one line in the note's text, before they are cut out).
  "# \u2003Title\u00a0", "#\tTitle \u3000", "# a \u00a0b", "- **Company**: \u00a0Co\u2003", "- **Company**: \uFEFFCo", "- **Industry**:\tGaming\t",
  "- **Industry**: Tech \u2003 x", "\u00a0desc\u00a0", "desc\u2003", "𝛽 desc ", "\u212a  \u212a", "a \u0085 b", "a\u0001b ",
  "[Read](", "https://x.example/next)", ")", "[a](https://x.example/a)>", "[a](https://x.example/a\u2028)", "[a](<ftp://x.example/p>)", "x\u0007y", "- **Company**: a\u007fb", "del\u007f", "a\u00a0b", "tab\tin", " lead", "trail ",
);
const EOL = fc.constantFrom("\n", "\r\n", "\r");
const TEXT = fc.tuple(fc.array(LINE, { maxLength: 24 }), EOL).map(([lines, eol]) => lines.join(eol));
/** Notes shaped like the collection's, with lines changed, dropped or added here and there. */
const NOTE = fc.tuple(
  fc.constantFrom("# Route planning", "# ", "#", "# “Tutor” agents"), fc.array(LINE, { maxLength: 3 }),
  fc.constantFrom("- **Company**: Parcelly", "- **Company**:   O'Reilly  Eats "), fc.constantFrom("- **Industry**: Education", "- **Industry**: Tech", "- **Industry**: "),
  fc.constantFrom("- **Year**: 2024", "- **Year**: ", "- **Year**: 02024", "- **Year**: 999", "- **Year**:\u00a02021\u2003", "- **Year**: \uff12\uff10\uff12\uff14"), fc.constantFrom("- **Tags**: LLM,search", "- **Tags**: "), fc.array(LINE, { maxLength: 3 }),
  fc.constantFrom("[Read the full article](https://eng.parcelly.example/blog/route-planning)", "[Read the full article](https://x.example/a \n)", "https://b.example/x"), EOL,
).map(([title, extra, company, industry, year, tags, more, link, eol]) => [title, ...extra, "## Metadata", company, industry, year, tags, "", "## Short Description", ...more, "", "## Link", link, "", "---", "*footer*", ""].join(eol));

/** Vault paths made of parts that are, or nearly are, the collection's. */
const SEGMENT = fc.constantFrom("01_AI", "1_A", "01-A", "01_", "0a_B", "Tech", "", "x.md", "x.MD", "x.mD", ".md", "md", "a b", "ML_LLM_Use_Cases_2022+", "Research", "é_1");
const ANY_PATH = fc.array(SEGMENT, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/"));

const PATH = fc.tuple(
  fc.constantFrom(ROOT, "Elsewhere", `${ROOT}/01_AI_Agents_and_LLMs`),
  fc.constantFrom("01_AI_Agents_and_LLMs", "03_Search_and_Retrieval", "10_Specialized", "11_Not_In_Taxonomy", "Search"),
  fc.constantFrom("Delivery_and_mobility", "Education", "Delivery_and_mobility_Banking_and_finance", "Tech", "manufacturing"),
  fc.constantFrom("2024_Parcelly_Route.md", "x.md", "2023_A_B 2.md", "README.md", "2022_C.MD", "2025_D.txt", "12345_x.md", "2024x.md", "2024_.md", "202_x.md", "2024.md"),
).map((parts) => parts.join("/"));

const TAXONOMIES: LibraryTaxonomy[] = [
  { categories: DEFAULT_CATEGORIES, industries: DEFAULT_INDUSTRIES },
  { categories: DEFAULT_CATEGORIES, industries: DEFAULT_INDUSTRIES, industryMap: { manufacturing: "Tech", " education ": "nowhere" } },
  { categories: ["Search"], industries: ["Tech", "Others"] },
];

describe("the fast library index equals the simple reference", () => {
  it("readEntry, on any text and path", () => {
    fc.assert(fc.property(PATH, fc.oneof(TEXT, NOTE), fc.constantFrom(...TAXONOMIES), (path, text, taxonomy) => {
      expect(readEntry(path, text, ROOT, taxonomy)).toEqual(referenceReadEntry(path, text, ROOT, taxonomy));
    }), numRuns(3000));
  });

  it("readEntry as a listing (details not read): the entry without its description and tags", () => {
    fc.assert(fc.property(PATH, fc.oneof(TEXT, NOTE), fc.constantFrom(...TAXONOMIES), (path, text, taxonomy) => {
      const entry = referenceReadEntry(path, text, ROOT, taxonomy);
      const listing = readEntry(path, text, ROOT, taxonomy, false);
      if (entry === null) {
        expect(listing).toBeNull();
        return;
      }
      const { description: _description, tags: _tags, ...rest } = entry;
      expect(listing).toStrictEqual(rest);
    }), numRuns(1000));
  });

  it.each([
    ["a Link section twice, a link between them", ["# T", "## Metadata", "- **Company**: C", "## Link", "none here", "## Other", "[a](https://between.example/x)", "## Link", "[b](", "https://second.example/y)"]],
    ["a link split over the two Link sections", ["# T", "## Metadata", "## Link", "[a](", "---", "## Link", "https://x.example/z)"]],
    ["the Link section ended by a thematic break, a link after it", ["# T", "## Metadata", "## Link", "", "***", "[a](https://after.example/)"]],
    ["an address in <> that is no web address", ["# T", "## Metadata", "## Link", "[a](<ftp://x.example/p>)"]],
    ["a title and values to make one line", ["#  T\u007f  x ", "## Metadata", "- **Company**: a\u007fb", "- **Tags**: x\u00a0 y, z", "## Link", "[a](https://x.example/(x))"]],
  ])("readEntry, %s", (_what, lines) => {
    for (const eol of ["\n", "\r\n"]) {
      const text = lines.join(eol);
      for (const taxonomy of TAXONOMIES) expect(readEntry(`${ROOT}/01_AI/Tech/2024_x.md`, text, ROOT, taxonomy)).toEqual(referenceReadEntry(`${ROOT}/01_AI/Tech/2024_x.md`, text, ROOT, taxonomy));
    }
  });

  it("readEntry, notes in a row whose values and folders differ only in a character or two", () => {
    // Values and folders are looked up by their length and a few of their characters, then checked.
    const values = ["Abcd", "Axcd", "Abcd ", "A bcd", "Abcde", "Tech", "Txch", "T\u00e9ch", "Gaming", "Gxming"];
    const dirs = [`${ROOT}/01_AI/Tech/`, `${ROOT}/01_AX/Tech/`, `${ROOT}/01_AI/Txch/`, `${ROOT}/02_AI/Tech/`, `${ROOT}/01_AI/Tech x/`, `Elsewhere/01_AI/Tech/`];
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...dirs), fc.constantFrom(...values), fc.constantFrom(...values)), { minLength: 1, maxLength: 12 }), fc.constantFrom(...TAXONOMIES), (notes, taxonomy) => {
      for (const [dir, company, industry] of notes) {
        const text = ["# T", "## Metadata", `- **Company**: ${company}`, `- **Industry**: ${industry}`, "## Link", "[a](https://x.example/a)"].join("\n");
        expect(readEntry(`${dir}2024_x.md`, text, ROOT, taxonomy)).toEqual(referenceReadEntry(`${dir}2024_x.md`, text, ROOT, taxonomy));
      }
    }), numRuns(500));
  });

  it("collectionParts and detectCollectionFolder, on any path", () => {
    fc.assert(fc.property(fc.array(fc.oneof(ANY_PATH, PATH), { maxLength: 12 }), fc.constantFrom("", ROOT, "Research", "Tech", "01_AI"), (paths, folder) => {
      for (const p of paths) {
        expect(collectionParts(p, folder)).toEqual(referenceCollectionParts(p, folder));
        // Paths in a row, often in one folder: the folder of the path before is reused.
        expect(inCollection(p, folder)).toBe(referenceCollectionParts(p, folder) !== null);
      }
      expect(detectCollectionFolder(paths)).toEqual(referenceDetectCollectionFolder(paths));
    }), numRuns(2000));
  });

  it("inCollection, on paths in a row in and under one folder", () => {
    const dirs = [`${ROOT}/01_AI_Agents_and_LLMs/Tech/`, `${ROOT}/01_AI_Agents_and_LLMs/`, `${ROOT}/01_AI/Tech x/`, "01_AI/Tech/", `Elsewhere/${ROOT}/01_AI/Tech/`];
    const rest = fc.constantFrom("x.md", "y.MD", ".md", "md", "x.txt", "", "a/x.md", "a/b/x.md", "é.md");
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...dirs), rest), { maxLength: 12 }), fc.constantFrom("", ROOT, "Research", `Elsewhere/${ROOT}`), (paths, folder) => {
      for (const [dir, file] of paths) expect(inCollection(dir + file, folder)).toBe(referenceCollectionParts(dir + file, folder) !== null);
    }), numRuns(1000));
  });

  it("inCollection, a path asked again under another folder", () => {
    for (const [path, first, then] of [["01_AI/Tech/x.md", "", "01_AI"], [`${ROOT}/01_AI/Tech/x.md`, ROOT, "Research"], ["R/01_AI/01_B/T/x.md", "R/01_AI", "R"]]) {
      expect(inCollection(path, first)).toBe(referenceCollectionParts(path, first) !== null);
      expect(inCollection(path, then)).toBe(referenceCollectionParts(path, then) !== null);
      expect(inCollection(path, first)).toBe(referenceCollectionParts(path, first) !== null);
    }
  });

  it("buildLibrary and coverage, on entries in any order and any citations", () => {
    const urls = ["https://a.example/1", "https://a.example/2", "https://b.example/3", "https://c.example/4"];
    const entryArb = fc.record({
      path: fc.constantFrom(...["a", "b", "B", "a/b", "a b", "é", "z", "a-b"].map((p) => `${ROOT}/${p}.md`)),
      canonical: fc.option(fc.constantFrom(...urls), { nil: null }),
      category: fc.constantFrom(...DEFAULT_CATEGORIES.slice(0, 3), "Zeta", "Alpha"),
      industry: fc.constantFrom(...DEFAULT_INDUSTRIES.slice(0, 3), "Others", "Unknown"),
    }).map((e): LibraryEntry => ({ ...e, title: "T", company: "C", year: 2024, tags: [], description: "", url: e.canonical ?? "", industryAsWritten: e.industry }));
    const citationArb = fc.record({ path: fc.constantFrom("S/1.md", "S/2.md", "s/0.md", "T.md"), urls: fc.array(fc.constantFrom(...urls), { maxLength: 4 }) });
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 20 }), fc.array(citationArb, { maxLength: 6 }), fc.boolean(), (entries, citations, inOrder) => {
      const given = inOrder ? [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : entries;
      const rows = buildLibrary(given, citations).rows;
      expect(rows).toEqual(referenceBuildLibrary(given, citations));
      for (const taxonomy of TAXONOMIES) expect(coverage(rows, taxonomy)).toEqual(referenceCoverage(rows, taxonomy));
    }), numRuns(1000));
  });
});
