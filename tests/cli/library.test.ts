/**
 * @jest-environment node
 *
 * `library` and `import` over a generated collection with every quirk of the real data, and
 * `new --use-case`: the JSON contract, filters, who cites what, never writing the collection,
 * import's line-numbered reports, and a second import writing nothing.
 */
import { chmodSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { parseCsv, writeCsv } from "../../src/core/csv";
import { readEntry } from "../../src/core/library";
import { bundledTaxonomy } from "../../src/core/settings";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { collectionFiles, HEADER, quirkyRows, rowsToCsv } from "../support/collection";
import { cliAsUser, giveToRunner, snapshot as snapshotOf, tempDir, tempVault } from "../support/temp-vault";
import { cli } from "./run";

function vault(files: Iterable<[string, string]>): string {
  return tempVault(Object.fromEntries(files), "uca-library-");
}

/** Every file and folder with its bytes and modification time: what "nothing was written" compares. */
function snapshot(root: string): Record<string, string | null> {
  return snapshotOf(root, { times: true });
}

const COLLECTION = "Research/ML_LLM_Use_Cases_2022+";
const ROWS = quirkyRows(40, 3);
const analysis = (list: string[], articles: string[] = []): string =>
  `---\ntype: use-case-analysis\ncompany: X\narticles:\n${articles.map((a) => `  - "[[${a}]]"`).join("\n") || "  []"}\n---\n` +
  BUNDLED_DEEP_DIVE_TEMPLATE.replace("{{articles}}", list.map((l, i) => `${i + 1}. ${l}`).join("\n"));

function studyVault(): string {
  return vault([
    ...collectionFiles(ROWS, COLLECTION),
    // Cites the Streamly article (filed in two categories) in another spelling, and Causa through its article note.
    ["Use cases/Search and Retrieval/X - Search.md", analysis(["Semantic search — <http://streamly.example/semantic-search/?utm_source=feed>", "[[Causa - Uplift models]] — <https://causa.example/uplift>"], ["Causa - Uplift models"])],
    ["Articles/Causa - Uplift models.md", "---\ntype: use-case-article\nurl: https://causa.example/uplift\ntitle: Uplift models\n---\n# Uplift models\n"],
    ["Case studies/X - Fraud.md", "---\ntype: case-study\narticles:\n  - \"[[Articles/Fraud article]]\"\n---\n# Fraud\n"],
    ["Articles/Fraud article.md", "---\ntype: use-case-article\nurl: https://ledgerline.example/fraud\n---\n"],
    // Not a study: its list cites nothing.
    ["Notes/Reading.md", "## Use Cases Analyzed\n1. <https://gamewell.example/match>\n"],
  ]);
}

interface Json {
  entries: { path: string; title: string; company: string; year: number | null; category: string; industry: string; industryAsWritten: string; url: string; analysedBy: string[] }[];
  coverage: { category: string; industry: string; entries: number; analysed: number }[];
}

describe("library", () => {
  const root = studyVault();
  const since2022 = ROWS.filter((r) => Number(r.year) >= 2022);

  it("--format json: exactly the documented shape, every entry, sorted by path, and writes nothing", async () => {
    const before = snapshot(root);
    const r = await cli(["library", root, "--format", "json"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    const json = JSON.parse(r.out) as Json;
    expect(Object.keys(json)).toEqual(["entries", "coverage"]);
    expect(new Set(json.entries.map((e) => Object.keys(e).join()))).toEqual(new Set(["path,title,company,year,category,industry,industryAsWritten,url,analysedBy"]));
    expect(new Set(json.coverage.map((e) => Object.keys(e).join()))).toEqual(new Set(["category,industry,entries,analysed"]));
    expect(json.entries).toHaveLength(since2022.length);
    expect(json.entries.map((e) => e.path)).toEqual([...json.entries.map((e) => e.path)].sort());
    for (const e of json.entries) {
      expect(e.path.startsWith(`${COLLECTION}/`)).toBe(true);
      expect(e.title).toBe(e.title.replace(/\s+/g, " ").trim());
      expect(typeof e.year).toBe("number");
      expect(bundledTaxonomy().categories).toContain(e.category);
      expect(bundledTaxonomy().industries).toContain(e.industry);
      expect(e.url).toBe(e.url.trim());
    }
    const joined = json.entries.filter((e) => e.industryAsWritten === "Delivery and mobility,Banking and finance");
    expect(joined.length).toBeGreaterThan(0);
    expect(joined.every((e) => e.industry === "Others")).toBe(true);
    expect(json.entries.filter((e) => ["Education", "Manufacturing", "Social networks"].includes(e.industryAsWritten)).every((e) => e.industry === "Others")).toBe(true);
    expect(json.entries.find((e) => e.title === "Hybrid search at Quillmart")).toMatchObject({ url: "https://quillmart.example/hybrid", year: 2023 });
    expect(snapshot(root)).toEqual(before);
  });

  it("marks as analysed every entry a study cites, in every category, through list addresses and article notes", async () => {
    const json = JSON.parse((await cli(["library", root, "--format", "json"])).out) as Json;
    const analysed = json.entries.filter((e) => e.analysedBy.length > 0).map((e) => [e.company, e.category, e.analysedBy]);
    expect(analysed).toEqual(expect.arrayContaining([
      ["Streamly", "AI Agents and LLMs", ["Use cases/Search and Retrieval/X - Search.md"]],
      ["Streamly", "Search and Retrieval", ["Use cases/Search and Retrieval/X - Search.md"]],
      ["Causa", "Specialized", ["Use cases/Search and Retrieval/X - Search.md"]],
      ["Ledgerline", "Operations and Infrastructure", ["Case studies/X - Fraud.md"]],
    ]));
    expect(analysed).toHaveLength(4);
    const cells = json.coverage;
    expect(cells.reduce((n, c) => n + c.entries, 0)).toBe(since2022.length);
    expect(cells.reduce((n, c) => n + c.analysed, 0)).toBe(4);
    const order = cells.map((c) => bundledTaxonomy().categories.indexOf(c.category) * 100 + bundledTaxonomy().industries.indexOf(c.industry));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it.each([
    [["--analysed", "yes"], 4],
    [["--analysed", "no"], since2022.length - 4],
    [["--category", "search and retrieval"], since2022.filter((r) => /^(search|item classification)$/i.test(r.tag)).length],
    [["--industry", "Others"], since2022.filter((r) => !bundledTaxonomy().industries.includes(r.industry)).length],
  ])("filters %j", async (args, n) => {
    const json = JSON.parse((await cli(["library", root, "--format", "json", ...args])).out) as Json;
    expect(json.entries).toHaveLength(n);
    expect(json.coverage.reduce((s, c) => s + c.entries, 0)).toBe(n);
  });

  it("--format csv and markdown list the same entries", async () => {
    const csv = parseCsv((await cli(["library", root, "--format", "csv"])).out);
    expect(csv.ok && csv.rows.length).toBe(since2022.length + 1);
    const md = (await cli(["library", root])).out;
    expect(md).toContain("## Coverage (analysed/entries)");
    expect(md.split("\n").filter((l) => l.startsWith(`| ${COLLECTION}/`))).toHaveLength(since2022.length);
  });

  it.each([
    [["--format", "xml"], 'library: unknown --format "xml": use markdown, json, csv'],
    [["--analysed", "maybe"], 'library: unknown --analysed "maybe": use yes, no'],
    [["--category", "Astrology"], 'library: --category "Astrology" is neither in the taxonomy nor in the collection'],
    [["--format"], "library: --format needs a value"],
  ])("refuses %j with exit 2", async (args, message) => {
    const r = await cli(["library", root, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("says so when the vault has no collection (exit 1)", async () => {
    const r = await cli(["library", vault([["A.md", "# A\n"]])]);
    expect(r).toMatchObject({ code: 1, out: "" });
    expect(r.err).toMatch(/^library: no use-case collection in /);
  });

  it("finds the collection where the settings say, even when another folder looks like one", async () => {
    const v = vault([
      ...collectionFiles(ROWS.slice(0, 3), "Mine"),
      ...collectionFiles(ROWS, "Other"),
      [".obsidian/plugins/use-case-atlas/data.json", JSON.stringify({ settings: { libraryFolder: "Mine", libraryIndustryMap: { "Social networks": "Social platforms" } } })],
    ]);
    const json = JSON.parse((await cli(["library", v, "--format", "json"])).out) as Json;
    expect(json.entries.map((e) => e.path.split("/")[0])).toEqual(["Mine", "Mine", "Mine"]);
    expect(json.entries.find((e) => e.company === "Chirply")).toMatchObject({ industry: "Social platforms", industryAsWritten: "Social networks" });
  });
});

describe("import", () => {
  function csvFile(text: string): string {
    const dir = tempDir("uca-csv-");
    writeFileSync(join(dir, "use-cases.csv"), text);
    return join(dir, "use-cases.csv");
  }

  it("writes the collection, which library then reads; a second import writes nothing", async () => {
    const root = vault([["Welcome.md", "# Hi\n"]]);
    const csv = csvFile(rowsToCsv(ROWS));
    const first = await cli(["import", root, "--csv", csv]);
    const written = first.out.split("\n").filter((l) => l !== "");
    expect(first.code).toBe(0);
    expect(written.length).toBeGreaterThan(0);
    for (const p of written) expect(p.startsWith("ML_LLM_Use_Cases_2022+/")).toBe(true);
    expect(first.err).toMatch(/Wrote \d+ notes into ML_LLM_Use_Cases_2022\+\. Rows: (\d+ already there, )?\d+ before 2022\.\n$/);
    const json = JSON.parse((await cli(["library", root, "--format", "json"])).out) as Json;
    expect(json.entries.map((e) => e.path)).toEqual([...written].sort());

    const before = snapshot(root);
    const second = await cli(["import", root, "--csv", csv]);
    expect(second).toMatchObject({ code: 0, out: "" });
    expect(second.err).toContain("Wrote 0 notes");
    expect(second.err.split("\n").filter((l) => l.includes("already in the collection, left alone"))).toHaveLength(written.length + (first.err.match(/(\d+) already there/)?.[1] ? Number(first.err.match(/(\d+) already there/)?.[1]) : 0));
    expect(snapshot(root)).toEqual(before);
  });

  it("--dry-run lists what it would write and writes nothing; --since and --into are taken", async () => {
    const root = vault([["Welcome.md", "# Hi\n"]]);
    const before = snapshot(root);
    const r = await cli(["import", root, "--csv", csvFile(rowsToCsv(ROWS)), "--dry-run", "--since", "2025", "--into", "Library/Use cases"]);
    expect(r.code).toBe(0);
    const listed = r.out.split("\n").filter((l) => l !== "");
    expect(listed.length).toBe(new Set(listed).size);
    expect(listed.length).toBe(ROWS.filter((x) => x.year === "2025").length);
    for (const p of listed) expect(p).toMatch(/^Library\/Use cases\/\d\d_[^/]+\/[^/]+\/2025_/);
    expect(r.err).toContain("nothing was written");
    expect(snapshot(root)).toEqual(before);
  });

  it("reports bad rows with their line numbers, skips them, and exits 1", async () => {
    const root = vault([]);
    const csv = csvFile(writeCsv([HEADER,
      ["A", "Tech", "multi\nline", "Fine", "CV", "2024", "https://a.example/1"],
      ["B", "Tech", "d", "", "CV", "2024", "https://a.example/2"],
      ["C", "Tech", "d", "T", "CV", "2024", "mailto:c@a.example"],
    ], true));
    const r = await cli(["import", root, "--csv", csv]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("ML_LLM_Use_Cases_2022+/04_Computer_Vision/Tech/2024_A_Fine.md\n");
    expect(r.err).toBe([
      "line 4: skipped: the row has no title",
      'line 5: skipped: Only http and https links can be articles: "mailto:c@a.example"',
      "Wrote 1 note into ML_LLM_Use_Cases_2022+. Rows: 2 could not be filed.", "",
    ].join("\n"));
  });

  it.each([
    [["--into", "../outside"], "import: --into \"../outside\" leads out of the vault"],
    [["--since", "22"], "import: --since must be a 4-digit year"],
    [[], "import: --csv FILE is required"],
  ])("refuses %j with exit 2, writing nothing", async (args, message) => {
    const root = vault([]);
    const r = await cli(["import", root, ...(args.length > 0 ? ["--csv", csvFile(rowsToCsv(ROWS))] : []), ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(snapshot(root)).toEqual({});
  });

  it("refuses a file that is not the database's CSV, writing nothing (exit 1)", async () => {
    const root = vault([]);
    const r = await cli(["import", root, "--csv", csvFile("Name,Url\nx,y\n")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("lacks the columns");
    expect(snapshot(root)).toEqual({});
  });
});

describe("new --use-case", () => {
  /** The generated quirks' entries (random rows may share their company, never their title). */
  const entryPaths = (root: string, title: string): string[] =>
    (JSON.parse(readFileSync(join(root, ".uca-library.json"), "utf8")) as Json).entries.filter((e) => e.title === title).map((e) => e.path);

  async function withLibrary(): Promise<string> {
    const root = studyVault();
    writeFileSync(join(root, ".uca-library.json"), (await cli(["library", root, "--format", "json"])).out);
    return root;
  }

  it("prefills as the form does: the entries' category, industry, company and latest year, their articles with titles, their citations", async () => {
    const root = await withLibrary();
    const [a, b] = entryPaths(root, "Predictive maintenance");
    const r = await cli(["new", root, "--template", "deep-dive", "--title", "Maintenance", "--use-case", a ?? "", "--use-case", b ?? ""]);
    expect(r).toMatchObject({ code: 0, err: "" });
    const [note, ...articles] = r.out.split("\n").filter((l) => l !== "");
    expect(note).toBe("Use cases/Operations and Infrastructure/Nimbus Cloudworks - Maintenance.md");
    expect(articles).toHaveLength(2);
    const text = readFileSync(join(root, note ?? ""), "utf8");
    expect(text).toMatch(/\ncategory: Operations and Infrastructure\nindustry: Others\ncompany: Nimbus Cloudworks\nyear: 2023\n/);
    // In the order given (the second row's note, " 2", sorts first by path).
    expect(text).toContain("1. [[Nimbus Cloudworks - Predictive maintenance]] — <https://nimbus.example/pm-2>\n2. [[Nimbus Cloudworks - Predictive maintenance 2]] — <https://nimbus.example/pm-1>\n");
    expect(text).toContain('### 8.1 Articles Read\nList all articles with full citations:\n1. Nimbus Cloudworks (2023). "Predictive maintenance". Link: https://nimbus.example/pm-2\n2. Nimbus Cloudworks (2023). "Predictive maintenance". Link: https://nimbus.example/pm-1\n');
    // And the library now sees both entries analysed by the new note.
    const json = JSON.parse((await cli(["library", root, "--format", "json", "--analysed", "yes"])).out) as Json;
    expect(json.entries.filter((e) => e.title === "Predictive maintenance").map((e) => e.analysedBy)).toEqual([[note], [note]]);
  });

  it("mixed entries: the most frequent category with a hint; given values win; several companies need --company", async () => {
    const root = await withLibrary();
    const streamly = entryPaths(root, "Semantic search");
    const parcelly = entryPaths(root, "Route planning with graph transformers");
    const mixed = ["--use-case", streamly[0] ?? "", "--use-case", streamly[1] ?? "", "--use-case", parcelly[0] ?? ""];
    const refused = await cli(["new", root, "--template", "deep-dive", "--title", "T", ...mixed]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("--company is required: the --use-case entries are of several companies");
    const r = await cli(["new", root, "--template", "deep-dive", "--title", "T", "--company", "Mix", "--industry", "Tech", "--dry-run", ...mixed]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^The entries are in several categories: /);
    expect(r.err).not.toContain("several industries");
  });

  it("each new article note takes its entry's own company, title and year, not the analysis' company", async () => {
    const root = await withLibrary();
    const streamly = entryPaths(root, "Semantic search");
    const parcelly = entryPaths(root, "Route planning with graph transformers");
    const r = await cli(["new", root, "--template", "deep-dive", "--title", "T", "--company", "Mix", "--use-case", streamly[0] ?? "", "--use-case", parcelly[0] ?? ""]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/several categories/);
    const [, ...articles] = r.out.split("\n").filter((l) => l !== "");
    const facts = articles.map((p) => /\ntitle: (.*)\ncompany: (.*)\nyear: (.*)\n/.exec(readFileSync(join(root, p), "utf8"))?.slice(1));
    expect(facts).toEqual([["Semantic search", "Streamly", "2024"], ["Route planning with graph transformers", "Parcelly", "2024"]]);
  });

  it.each([
    ["Articles/Causa - Uplift models.md", "not a note of the use-case collection"],
    ["Nowhere.md", "no such note in the vault"],
  ])("refuses %s with exit 2", async (path, message) => {
    const root = studyVault();
    const r = await cli(["new", root, "--template", "deep-dive", "--company", "A", "--title", "B", "--use-case", path]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe("the demo vault's collection", () => {
  it("holds about 40 entries with every quirk, some cited by the demo analyses; demo prints the coverage after the table", async () => {
    const root = tempDir("uca-demo-library-");
    const demo = await cli(["demo", join(root, "vault")]);
    expect(demo.code).toBe(0);
    const table = demo.out.indexOf("| Study |");
    const cover = demo.out.indexOf("## Coverage of the use-case collection (analysed/entries)");
    expect(table).toBeGreaterThanOrEqual(0);
    expect(cover).toBeGreaterThan(table);
    const json = JSON.parse((await cli(["library", join(root, "vault"), "--format", "json"])).out) as Json;
    expect(json.entries.length).toBeGreaterThanOrEqual(35);
    expect(json.entries.length).toBeLessThanOrEqual(45);
    const analysed = json.entries.filter((e) => e.analysedBy.length > 0);
    expect(analysed.length).toBeGreaterThanOrEqual(5);
    expect(demo.out.slice(cover)).toContain(`${json.entries.length} entries, ${analysed.length} analysed.`);
    const raw = json.entries.map((e) => readFileSync(join(root, "vault", e.path), "utf8"));
    expect(raw.some((t) => t.startsWith("# \n"))).toBe(true);
    expect(raw.some((t) => /# [^\n]+\n[^\n#]+\n\n## Metadata/.test(t))).toBe(true);
    expect(raw.some((t) => / {2}\n\n## Link/.test(t))).toBe(true); // a description with trailing spaces
    expect(raw.some((t) => /\(https:[^)\n]* \n\)/.test(t))).toBe(true); // a link with a trailing space and line break
    expect(json.entries.some((e) => /[“”]/.test(e.title)) && json.entries.some((e) => e.path.includes("𝛽"))).toBe(true);
    expect(new Set(json.entries.filter((e) => e.industry === "Others").map((e) => e.industryAsWritten))).toEqual(new Set(["Education", "Manufacturing", "Social networks", "Delivery and mobility,Banking and finance"]));
    const rag = json.entries.filter((e) => e.url.startsWith("https://research.chirply.example/rag-in-production"));
    expect(new Set(rag.map((e) => e.category)).size).toBe(2);
    expect(new Set(rag.map((e) => e.industry)).size).toBe(2);
    expect(rag.every((e) => e.analysedBy.length > 0)).toBe(true);
    expect(json.entries.filter((e) => e.path.endsWith("Predictive_maintenance_on_the_line 2.md"))).toHaveLength(1);
  });
});

describe("library as a user without privileges", () => {
  it("goes on past a note it cannot read, with one line for it, and exits 1", () => {
    const files = collectionFiles(ROWS.slice(0, 12), COLLECTION);
    const root = vault([...files, ["Use cases/Secret.md", analysis([])]]);
    const locked = [...files.keys()].find((p) => !p.endsWith("README.md")) ?? "";
    giveToRunner(root);
    chmodSync(join(root, locked), 0o000);
    chmodSync(join(root, "Use cases/Secret.md"), 0o000);
    const r = cliAsUser(["library", root, "--format", "json"], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${locked}: skipped, cannot be read (permission denied)\n`);
    expect(r.err).toContain("Use cases/Secret.md: skipped, cannot be read (permission denied)\n");
    // In the vault's order (the collection's notes are read after the studies that cite them).
    expect(r.err.indexOf(`${locked}:`)).toBeLessThan(r.err.indexOf("Use cases/Secret.md:"));
    const json = JSON.parse(r.out) as Json;
    expect(json.entries.map((e) => e.path)).not.toContain(locked);
    expect(json.entries.length).toBeGreaterThan(0);
  });

  it("reads a collection of several runs of notes: each note it cannot read is said once, in the vault's order, and every other entry is listed", () => {
    // The collection is read a run of notes at a time (128): 400 entries, notes locked in the first, a middle and the last run.
    const files = collectionFiles(quirkyRows(460, 17).filter((r) => Number(r.year) >= 2022).slice(0, 400), COLLECTION);
    const notes = [...files.keys()].filter((p) => !p.endsWith("README.md")).sort();
    expect(notes.length).toBeGreaterThan(3 * 128);
    const root = vault([...files, ["Use cases/A.md", analysis([`<${ROWS[0]?.link.trim() ?? ""}>`])]]);
    const locked = [0, 127, 128, 200, notes.length - 1].map((i) => notes[i] ?? "");
    giveToRunner(root);
    for (const p of locked) chmodSync(join(root, p), 0o000);
    const r = cliAsUser(["library", root, "--format", "json"], root);
    expect(r.code).toBe(1);
    expect(r.err).toBe(locked.map((p) => `${p}: skipped, cannot be read (permission denied)\n`).join(""));
    const json = JSON.parse(r.out) as Json;
    expect(json.entries.map((e) => e.path)).toEqual(notes.filter((p) => !locked.includes(p)));
    // Each row read from its own note.
    const taxonomy = { categories: bundledTaxonomy().categories, industries: bundledTaxonomy().industries };
    expect(json.entries.map((e) => [e.path, e.title, e.url])).toEqual(json.entries.map((e) => {
      const read = readEntry(e.path, files.get(e.path) ?? "", COLLECTION, taxonomy, false);
      return [e.path, read?.title, read?.url];
    }));
    expect(json.coverage.reduce((n, c) => n + c.entries, 0)).toBe(notes.length - locked.length);
  });
});
