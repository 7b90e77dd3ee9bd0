/** Importing the database CSV: the collection's naming and filing rules, every quirk, never overwriting, a second import planning nothing. */
import { writeCsv } from "../../src/core/csv";
import { readEntry, type LibraryEntry } from "../../src/core/library";
import {
  categoryFolder, categoryFor, entryFileName, type ImportExisting, type ImportOptions, type ImportPlan, industryFolder, planImport,
} from "../../src/core/library-import";
import { DEFAULT_CATEGORY_RULES, rulesFromText, rulesToText } from "../../src/core/library-rules";
import { bundledTaxonomy } from "../../src/core/settings";
import { HEADER, quirkyRows, rowsToCsv } from "../support/collection";

const FOLDER = "ML_LLM_Use_Cases_2022+";
const OPTIONS: ImportOptions = { folder: FOLDER, since: 2022, rules: DEFAULT_CATEGORY_RULES, categories: bundledTaxonomy().categories };
const NOTHING: ImportExisting = { entries: [], taken: () => false };

function plan(csv: string, existing = NOTHING, options = OPTIONS): ImportPlan {
  const r = planImport(csv, existing, options);
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}

/** What the collection holds after a plan is carried out. */
function after(p: ImportPlan): ImportExisting & { entries: LibraryEntry[] } {
  const entries = p.notes.map((n) => readEntry(n.path, n.text, FOLDER, { categories: bundledTaxonomy().categories, industries: bundledTaxonomy().industries }))
    .filter((e): e is LibraryEntry => e !== null);
  const paths = new Set(p.notes.map((n) => n.path.toLowerCase()));
  return { entries, taken: (x) => paths.has(x.toLowerCase()) };
}

describe("the collection's naming rules", () => {
  it.each([
    [2024, "Parcelly", "Route planning with graph transformers", "2024_Parcelly_Route_planning_with_graph_transformers"],
    [2023, "O'Reilly Eats", "“Smart” ranking: v2, (fast)!", "2023_OReilly_Eats_Smart_ranking_v2_fast"],
    [2025, "Bétamax Labs", "𝛽-VAE  for\tads", "2025_Bétamax_Labs_𝛽-VAE_for_ads"],
    [2022, "Quillmart", "\nHybrid search ", "2022_Quillmart_Hybrid_search"],
    [2022, "X", "a".repeat(120), `2022_X_${"a".repeat(100)}`],
    [2022, "X", "𝛽".repeat(120), `2022_X_${"𝛽".repeat(100)}`],
  ])("%i %s %s", (year, company, title, name) => {
    expect(entryFileName(year, company, title)).toBe(name);
  });

  it.each([
    ["Delivery and mobility", "Delivery_and_mobility"],
    ["Delivery and mobility,Banking and finance", "Delivery_and_mobility_Banking_and_finance"],
    ["Travel E-commerce and retail", "Travel_E-commerce_and_retail"],
    [" Education ", "Education"],
    ["", "Others"],
  ])("industry %j → %s", (industry, folder) => {
    expect(industryFolder(industry)).toBe(folder);
  });

  it.each([
    ["recommender system,ETA prediction", "02_Recommendations_and_Personalization"],
    ["ETA prediction, LLM", "01_AI_Agents_and_LLMs"],
    ["spam / content moderation", "05_NLP_and_Text"],
    ["cv", "04_Computer_Vision"],
    ["graph learning", "10_Specialized"],
    ["", "10_Specialized"],
  ])("tags %j → %s", (tags, folder) => {
    expect(categoryFolder(categoryFor(tags, DEFAULT_CATEGORY_RULES), OPTIONS)).toBe(folder);
  });

  it("keeps the rules through the settings text", () => {
    expect(rulesFromText(rulesToText(DEFAULT_CATEGORY_RULES))).toEqual(DEFAULT_CATEGORY_RULES);
    expect(rulesFromText("Computer Vision: CV, OCR\n\n Everything else \n")).toEqual([
      { category: "Computer Vision", tags: ["CV", "OCR"] }, { category: "Everything else", tags: [] }]);
  });
});

describe("planImport", () => {
  const rows = quirkyRows(12);
  const first = plan(rowsToCsv(rows));

  it("files every row of 2022 on and reports none of the good ones", () => {
    expect(first.older).toBe(1);
    expect(first.bad).toEqual([]);
    expect(first.notes.map((n) => n.path)).toEqual([
      `${FOLDER}/02_Recommendations_and_Personalization/Delivery_and_mobility/2024_Parcelly_Route_planning_with_graph_transformers.md`,
      `${FOLDER}/03_Search_and_Retrieval/E-commerce_and_retail/2023_Quillmart_Hybrid_search_at_Quillmart.md`,
      `${FOLDER}/05_NLP_and_Text/Social_networks/2022_Chirply_Spam_filters_that_learn.md`,
      `${FOLDER}/01_AI_Agents_and_LLMs/Education/2025_Bétamax_Labs_Tutor_agents_with_𝛽-VAE.md`,
      `${FOLDER}/06_Operations_and_Infrastructure/Delivery_and_mobility_Banking_and_finance/2024_Ledgerline_Fraud_at_the_door.md`,
      `${FOLDER}/03_Search_and_Retrieval/Media_and_streaming/2024_Streamly_Semantic_search.md`,
      `${FOLDER}/01_AI_Agents_and_LLMs/Tech/2024_Streamly_Semantic_search.md`,
      `${FOLDER}/06_Operations_and_Infrastructure/Manufacturing/2023_Nimbus_Cloudworks_Predictive_maintenance.md`,
      `${FOLDER}/06_Operations_and_Infrastructure/Manufacturing/2023_Nimbus_Cloudworks_Predictive_maintenance 2.md`,
      `${FOLDER}/09_Causal_Inference/Gaming/2022_Gamewell_Matchmaking.md`,
      `${FOLDER}/10_Specialized/Fintech_and_banking/2025_Causa_Uplift_models.md`,
    ]);
    // Each row starts one line after the previous one's last line (quoted line breaks count).
    const starts: number[] = [];
    rows.reduce((line, r) => { starts.push(line); return line + 1 + Object.values(r).join("").split("\n").length - 1; }, 2);
    expect(first.notes.map((n) => n.line)).toEqual(starts.filter((_, i) => i !== 9)); // row 10 is of 2019
  });

  it("writes notes the library reads back, as one line each", () => {
    const e = after(first).entries;
    expect(e).toHaveLength(first.notes.length);
    expect(e[1]).toMatchObject({ title: "Hybrid search at Quillmart", description: "Ranks products", url: "https://quillmart.example/hybrid", year: 2023 });
    expect(e[4]).toMatchObject({ industry: "Others", industryAsWritten: "Delivery and mobility,Banking and finance" });
    expect(first.notes[0]?.text).toBe([
      "# Route planning with graph transformers", "", "## Metadata", "- **Company**: Parcelly", "- **Industry**: Delivery and mobility",
      "- **Year**: 2024", "- **Tags**: recommender system,ETA prediction", "", "## Short Description", "Predict courier arrival times", "",
      "## Link", "[Read the full article](https://eng.parcelly.example/blog/route-planning)", "", "---",
      "*This use case is part of the ML and LLM Use Cases collection (2022+)*", "",
    ].join("\n"));
  });

  it("plans nothing the second time, and reports each row as already there", () => {
    const second = plan(rowsToCsv(rows), after(first));
    expect(second.notes).toEqual([]);
    expect(second.present.map((p) => p.line)).toEqual(first.notes.map((n) => n.line));
  });

  it("never takes a path that exists (any case): the row gets ' 2'", () => {
    const taken = `${FOLDER}/09_Causal_Inference/Gaming/2022_Gamewell_Matchmaking.md`.toLowerCase();
    const p = plan(rowsToCsv(rows), { entries: [], taken: (x) => x.toLowerCase() === taken });
    expect(p.notes.map((n) => n.path)).toContain(`${FOLDER}/09_Causal_Inference/Gaming/2022_Gamewell_Matchmaking 2.md`);
  });

  it("leaves alone a row whose address is in that category already, in another spelling", () => {
    const csv = writeCsv([HEADER, ["A", "Tech", "d", "T", "search", "2024", "https://a.example/x"], ["B", "Gaming", "d", "U", "item classification", "2024", "http://www.a.example/x/"]]);
    const p = plan(csv);
    expect(p.notes.map((n) => n.line)).toEqual([2]);
    expect(p.present).toEqual([{ line: 3, path: p.notes[0]?.path, url: "http://www.a.example/x/" }]);
  });

  it("reports bad rows with their line number and skips them", () => {
    const csv = writeCsv([HEADER,
      ["A", "Tech", "multi\nline", "Fine", "CV", "2024", "https://a.example/1"],
      ["B", "Tech", "d", "  \n", "CV", "2024", "https://a.example/2"],
      ["C", "Tech", "d", "T", "CV", "2024", "ftp://a.example/3"],
      ["D", "Tech", "d", "T", "CV", "2024", "a.example/4"],
      ["E", "Tech", "d", "T", "CV", "soon", "https://a.example/5"],
    ], true);
    const p = plan(csv);
    expect(p.notes.map((n) => n.line)).toEqual([2]);
    expect(p.bad).toEqual([
      { line: 4, message: "the row has no title" },
      { line: 6, message: 'Only http and https links can be articles: "ftp://a.example/3"' },
      { line: 7, message: '"a.example/4" is not a full web address: start it with https://' },
      { line: 8, message: 'the year "soon" is not a 4-digit year' },
    ]);
  });

  it("takes --since, and the rules from the settings", () => {
    const p = plan(rowsToCsv(rows), NOTHING, { ...OPTIONS, since: 2025, rules: [{ category: "Computer Vision", tags: ["LLM"] }, { category: "Specialized", tags: [] }] });
    expect(p.older).toBe(10);
    expect(p.notes.map((n) => n.path)).toEqual([
      `${FOLDER}/04_Computer_Vision/Education/2025_Bétamax_Labs_Tutor_agents_with_𝛽-VAE.md`,
      `${FOLDER}/10_Specialized/Fintech_and_banking/2025_Causa_Uplift_models.md`,
    ]);
  });

  it.each([
    ["an empty file", "", "the CSV is empty"],
    ["another header", "Name,Url\nx,y\n", "the CSV's first line lacks the columns Company, Industry, Short Description (< 5 words), Title, Tag, Year, Link"],
    ["a quote never closed", `${HEADER.join(",")}\n"open`, "line 2: a quoted field that starts on line 2 is never closed"],
  ])("refuses %s", (_what, csv, message) => {
    const r = planImport(csv, NOTHING, OPTIONS);
    expect(r.ok ? "" : r.message).toContain(message);
  });
});
