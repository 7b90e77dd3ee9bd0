/** The library index: reading collection notes with every quirk, who cites them, coverage, filters and the form's prefill. */
import fc from "fast-check";
import {
  buildLibrary, citationLine, collectionParts, coverage, detectCollectionFolder, fillArticlesRead, filterLibrary,
  type LibraryEntry, type LibraryTaxonomy, prefillFromEntries, readEntry, resolveCitations, studyReferences,
} from "../../src/core/library";
import { bundledTaxonomy } from "../../src/core/settings";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { canonicalUrl } from "../../src/core/url";
import { collectionFiles, quirkyRows, rawNote, type Row } from "../support/collection";

const TAXONOMY: LibraryTaxonomy = { categories: bundledTaxonomy().categories, industries: bundledTaxonomy().industries };
const ROOT = "Research/ML_LLM_Use_Cases_2022+";

function entry(path: string, text: string, taxonomy = TAXONOMY): LibraryEntry {
  const e = readEntry(path, text, ROOT, taxonomy);
  if (!e) throw new Error(`not an entry: ${path}`);
  return e;
}

const row = (over: Partial<Row>): Row => ({
  company: "Parcelly", industry: "Delivery and mobility", description: "Predict courier arrival times", title: "Route planning",
  tag: "ETA prediction", year: "2024", link: "https://eng.parcelly.example/blog/route-planning", ...over,
});

describe("readEntry", () => {
  it("reads the note the issue shows", () => {
    expect(entry(`${ROOT}/07_Prediction_and_Forecasting/Delivery_and_mobility/2024_Parcelly_Route_planning.md`, rawNote(row({ tag: "recommender system,ETA prediction" })))).toEqual({
      path: `${ROOT}/07_Prediction_and_Forecasting/Delivery_and_mobility/2024_Parcelly_Route_planning.md`,
      title: "Route planning", company: "Parcelly", year: 2024, tags: ["recommender system", "ETA prediction"],
      description: "Predict courier arrival times", url: "https://eng.parcelly.example/blog/route-planning",
      canonical: "https://eng.parcelly.example/blog/route-planning", category: "Prediction and Forecasting",
      industry: "Delivery and mobility", industryAsWritten: "Delivery and mobility",
    });
  });

  const at = (category: string, industry: string): string => `${ROOT}/${category}/${industry}/2024_X_Y.md`;
  it.each([
    ["a title that begins with a line break", row({ title: "\nRoute planning" }), "title", "Route planning"],
    ["a title that holds a line break", row({ title: "Route\nplanning  with graphs" }), "title", "Route planning with graphs"],
    ["a title after blank lines", row({ title: "\n\nRoute planning" }), "title", "Route planning"],
    ["curly quotes and 𝛽 stay", row({ title: "“Smart” 𝛽-ranking" }), "title", "“Smart” 𝛽-ranking"],
    ["trailing spaces and line breaks in the description", row({ description: "Predict times  \n\n" }), "description", "Predict times"],
    ["trailing spaces and line breaks in the link", row({ link: "https://x.example/a \n" }), "url", "https://x.example/a"],
    ["leading spaces in the link", row({ link: "  https://x.example/a" }), "url", "https://x.example/a"],
    ["a link that is not a web address has no canonical form", row({ link: "ftp://x.example/a" }), "canonical", null],
    ["the year from the file name when the Metadata has none", row({ year: "" }), "year", 2024],
  ])("%s", (_what, r, key, value) => {
    expect(entry(at("07_Prediction_and_Forecasting", "Delivery_and_mobility"), rawNote(r))[key as keyof LibraryEntry]).toEqual(value);
  });

  it.each([
    ["Delivery_and_mobility", "Delivery and mobility", "Delivery and mobility", "Delivery and mobility"],
    ["Travel_E-commerce_and_retail", "Travel E-commerce and retail", "Travel E-commerce and retail", "Travel E-commerce and retail"],
    ["Education", "Education", "Others", "Education"],
    ["Social_networks", "Social networks", "Others", "Social networks"],
    ["Delivery_and_mobility_Banking_and_finance", "Delivery and mobility,Banking and finance", "Others", "Delivery and mobility,Banking and finance"],
  ])("industry folder %s", (folder, written, industry, asWritten) => {
    const e = entry(at("03_Search_and_Retrieval", folder), rawNote(row({ industry: written })));
    expect([e.category, e.industry, e.industryAsWritten]).toEqual(["Search and Retrieval", industry, asWritten]);
  });

  it("maps an industry the taxonomy lacks when the settings say so (keys without case)", () => {
    const e = entry(at("06_Operations_and_Infrastructure", "Manufacturing"), rawNote(row({ industry: "Manufacturing" })),
      { ...TAXONOMY, industryMap: { manufacturing: "tech" } });
    expect([e.industry, e.industryAsWritten]).toEqual(["Tech", "Manufacturing"]);
  });

  it.each([
    ["the collection's README", `${ROOT}/README.md`, "# Index\n"],
    ["a category README", `${ROOT}/01_AI_Agents_and_LLMs/README.md`, "# AI agents\n"],
    ["a note without a Link section", at("01_AI_Agents_and_LLMs", "Tech"), "# T\n\n## Metadata\n- **Company**: X\n"],
    ["a note outside the layout", `${ROOT}/01_AI_Agents_and_LLMs/x.md`, rawNote(row({}))],
    ["a note outside the folder", "Elsewhere/01_AI_Agents_and_LLMs/Tech/x.md", rawNote(row({}))],
  ])("%s is not an entry", (_what, path, text) => {
    expect(readEntry(path, text, ROOT, TAXONOMY)).toBeNull();
  });

  it("reads every generated quirk back as written, trimmed to one line", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
      const rows = quirkyRows(30, seed).filter((x) => Number(x.year) >= 2022);
      const files = collectionFiles(rows, ROOT);
      const entries = [...files].map(([p, t]) => readEntry(p, t, ROOT, TAXONOMY)).filter((e): e is LibraryEntry => e !== null);
      expect(entries).toHaveLength(rows.length);
      const one = (s: string): string => s.replace(/\s+/g, " ").trim();
      expect(entries.map((e) => [e.title, e.company, e.url, e.year]).sort())
        .toEqual(rows.map((x) => [one(x.title), one(x.company), x.link.trim(), Number(x.year)]).sort());
      for (const e of entries) {
        expect(bundledTaxonomy().categories).toContain(e.category);
        expect(bundledTaxonomy().industries).toContain(e.industry);
        if (!bundledTaxonomy().industries.includes(e.industryAsWritten)) expect(e.industry).toBe("Others");
      }
    }), { numRuns: 30 });
  });
});

describe("detectCollectionFolder and collectionParts", () => {
  it("finds the folder whose notes lie at NN_Category/Industry/, anywhere in the vault", () => {
    const paths = [...collectionFiles(quirkyRows(20), ROOT).keys(), "Use cases/Search and Retrieval/A.md", "Articles/B.md", "01_x/y.md"];
    expect(detectCollectionFolder(paths)).toBe(ROOT);
    expect(detectCollectionFolder(["01_AI/Tech/a.md"])).toBe("");
    expect(detectCollectionFolder(["Use cases/a.md"])).toBeNull();
  });

  it("splits a collection path", () => {
    expect(collectionParts(`${ROOT}/01_AI_Agents_and_LLMs/Tech/a.md`, ROOT)).toEqual(["01_AI_Agents_and_LLMs", "Tech", "a.md"]);
    expect(collectionParts("01_AI_Agents_and_LLMs/Tech/a.md", "")).toEqual(["01_AI_Agents_and_LLMs", "Tech", "a.md"]);
    expect(collectionParts(`${ROOT}2/01_AI_Agents_and_LLMs/Tech/a.md`, ROOT)).toBeNull();
  });
});

const analysisText = (list: string[], articles: string[] = []): string =>
  `---\ntype: use-case-analysis\narticles:\n${articles.map((a) => `  - "[[${a}]]"`).join("\n") || "  []"}\n---\n` +
  BUNDLED_DEEP_DIVE_TEMPLATE.replace("{{articles}}", list.map((l, i) => `${i + 1}. ${l}`).join("\n") || "1. ");

/** The canonical addresses a study cites: its article notes (the `articles` property and the list's links) and the list's own addresses. */
const citedAddresses = (text: string, resolve: (t: string) => string | null): string[] => resolveCitations(studyReferences(text), resolve);

describe("what a study cites (studyReferences, resolved)", () => {
  const articleUrls: Record<string, string> = { "Parcelly - Route planning": "https://eng.parcelly.example/blog/route-planning" };
  const resolve = (t: string): string | null => articleUrls[t] ?? null;
  it.each([
    ["an address in the list, in another spelling", ["Route planning — <http://www.eng.parcelly.example/blog/route-planning/?utm_source=x>"], [], ["https://eng.parcelly.example/blog/route-planning"]],
    ["an article note linked from the list", ["[[Parcelly - Route planning]]"], [], ["https://eng.parcelly.example/blog/route-planning"]],
    ["an article note in the articles property only", [], ["Parcelly - Route planning"], ["https://eng.parcelly.example/blog/route-planning"]],
    ["a link to a note that is not an article", ["[[Somewhere]]"], [], []],
    ["nothing listed", [], [], []],
  ])("%s", (_what, list, articles, urls) => {
    expect(citedAddresses(analysisText(list, articles), resolve)).toEqual(urls);
  });

  it("ignores addresses outside the Use Cases Analyzed list", () => {
    const text = analysisText([]).replace("### 1.2 Problem Statement", "### 1.2 Problem Statement\nSee https://eng.parcelly.example/blog/route-planning");
    expect(citedAddresses(text, resolve)).toEqual([]);
  });
});

describe("buildLibrary and coverage", () => {
  const files = collectionFiles(quirkyRows(12), ROOT);
  const entries = [...files].map(([p, t]) => readEntry(p, t, ROOT, TAXONOMY)).filter((e): e is LibraryEntry => e !== null);
  const url = (s: string): string => { const c = canonicalUrl(s); if (!c.ok) throw new Error(c.message); return c.url; };

  it("marks every entry with a cited address analysed, in every category, and lists the citing notes", () => {
    const lib = buildLibrary(entries, [
      { path: "Use cases/b.md", urls: [url("https://streamly.example/semantic-search")] },
      { path: "Use cases/a.md", urls: [url("https://streamly.example/semantic-search"), url("https://causa.example/uplift")] },
    ]);
    const analysed = lib.rows.filter((r) => r.analysedBy.length > 0);
    expect(analysed.map((r) => [r.category, r.industry, r.analysedBy])).toEqual([
      ["AI Agents and LLMs", "Tech", ["Use cases/a.md", "Use cases/b.md"]],
      ["Search and Retrieval", "Media and streaming", ["Use cases/a.md", "Use cases/b.md"]],
      ["Specialized", "Fintech and banking", ["Use cases/a.md"]],
    ]);
    expect(lib.rows.map((r) => r.path)).toEqual([...lib.rows.map((r) => r.path)].sort());
  });

  it("counts entries and analysed entries per cell, in taxonomy order, only cells with entries", () => {
    const lib = buildLibrary(entries, [{ path: "a.md", urls: [url("https://nimbus.example/pm-1")] }]);
    const cells = coverage(lib.rows, TAXONOMY);
    expect(cells.reduce((n, c) => n + c.entries, 0)).toBe(entries.length);
    expect(cells.find((c) => c.category === "Operations and Infrastructure" && c.industry === "Others")).toEqual(
      { category: "Operations and Infrastructure", industry: "Others", entries: 3, analysed: 1 });
    const order = cells.map((c) => [bundledTaxonomy().categories.indexOf(c.category), bundledTaxonomy().industries.indexOf(c.industry)]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
    expect(cells.every((c) => c.entries > 0)).toBe(true);
  });

  it("filters by category, industry, analysed and words", () => {
    const lib = buildLibrary(entries, [{ path: "a.md", urls: [url("https://causa.example/uplift")] }]);
    expect(filterLibrary(lib.rows, { analysed: true }).map((r) => r.company)).toEqual(["Causa"]);
    expect(filterLibrary(lib.rows, { category: "search and retrieval" }).map((r) => r.company).sort()).toEqual(["Quillmart", "Streamly"]);
    expect(filterLibrary(lib.rows, { industry: "Others", text: "fraud" }).map((r) => r.company)).toEqual(["Ledgerline"]);
    expect(filterLibrary(lib.rows, { text: "𝛽-vae tutor" }).map((r) => r.company)).toEqual(["Bétamax Labs"]);
    expect(filterLibrary(lib.rows, { analysed: false })).toHaveLength(entries.length - 1);
  });
});

describe("prefillFromEntries", () => {
  const e = (over: Partial<LibraryEntry>): LibraryEntry => ({
    path: "x.md", title: "T", company: "Parcelly", year: 2023, tags: [], description: "", url: "https://a.example/1", canonical: "https://a.example/1",
    category: "Search and Retrieval", industry: "Tech", industryAsWritten: "Tech", ...over,
  });

  it("takes the common category, industry and company, the latest year and every article with its title, company and year", () => {
    const p = prefillFromEntries([
      e({ title: "One", year: 2022, url: "https://a.example/1 " }),
      e({ title: "Two", year: 2024, url: "https://a.example/2", canonical: "https://a.example/2" }),
      e({ title: "Three", year: null, url: "https://a.example/3", canonical: "https://a.example/3" }),
    ], TAXONOMY);
    expect(p).toEqual({
      category: "Search and Retrieval", industry: "Tech", categoryHint: null, industryHint: null, company: "Parcelly", year: "2024",
      articles: [
        { url: "https://a.example/1 ", title: "One", company: "Parcelly", year: 2022 }, { url: "https://a.example/2", title: "Two", company: "Parcelly", year: 2024 },
        { url: "https://a.example/3", title: "Three", company: "Parcelly" },
      ],
      citations: ['Parcelly (2022). "One". Link: https://a.example/1 ', 'Parcelly (2024). "Two". Link: https://a.example/2', 'Parcelly (n.d.). "Three". Link: https://a.example/3'],
    });
  });

  it("when mixed: the most frequent, a hint, no company; one article per address", () => {
    const p = prefillFromEntries([
      e({ category: "NLP and Text", industry: "Others", industryAsWritten: "Education", company: "A" }),
      e({ category: "Search and Retrieval", company: "B" }),
      e({ category: "Search and Retrieval", industry: "Gaming", company: "B", url: "https://www.a.example/1/", title: "Same page" }),
    ], TAXONOMY);
    expect([p.category, p.industry, p.company, p.articles.length]).toEqual(["Search and Retrieval", "Tech", "", 1]);
    expect(p.categoryHint).toBe("The entries are in several categories: Search and Retrieval (2), NLP and Text (1); the most frequent is filled in.");
    expect(p.industryHint).toContain("Tech (1), Gaming (1), Others (1)");
  });

  it("writes citations as the template asks", () => {
    expect(citationLine({ company: "Parcelly", year: 2024, title: "Route planning", url: "https://x.example" })).toBe('Parcelly (2024). "Route planning". Link: https://x.example');
  });
});

describe("fillArticlesRead", () => {
  it("replaces the template's example items with the citations", () => {
    const out = fillArticlesRead(BUNDLED_DEEP_DIVE_TEMPLATE, ["A (2024). \"T\". Link: https://a.example", "B (2023). \"U\". Link: https://b.example"]);
    const at = out.indexOf("### 8.1 Articles Read");
    expect(out.slice(at, out.indexOf("### 8.2", at))).toBe(
      "### 8.1 Articles Read\nList all articles with full citations:\n1. A (2024). \"T\". Link: https://a.example\n2. B (2023). \"U\". Link: https://b.example\n\n");
    expect(out.slice(0, at)).toBe(BUNDLED_DEEP_DIVE_TEMPLATE.slice(0, at));
    expect(out.slice(out.indexOf("### 8.2"))).toBe(BUNDLED_DEEP_DIVE_TEMPLATE.slice(BUNDLED_DEEP_DIVE_TEMPLATE.indexOf("### 8.2")));
  });

  it("keeps items the user wrote and adds after them; a note without the section is unchanged", () => {
    expect(fillArticlesRead("## Articles Read\n1. Mine\n\n## Next\n", ["C"])).toBe("## Articles Read\n1. Mine\n2. C\n\n## Next\n");
    expect(fillArticlesRead("# Case study\n", ["C"])).toBe("# Case study\n");
    expect(fillArticlesRead("## Articles Read\n", [])).toBe("## Articles Read\n");
  });
});
