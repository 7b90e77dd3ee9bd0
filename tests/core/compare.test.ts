import fc from "fast-check";
import {
  applyFilter, COMPARE_TABS, type CompareOptions, compare, cooccurrence, cooccurrenceStudies, describeFilter, FIXED_COLUMNS,
  fixedColumnNamed, matrix, namedFixedColumns, parseCompareOptions, patternSummary, pivot, PLAN_ID_MEMORY,
  stackTable, TABS, trends, withFixedColumns,
} from "../../src/core/compare";
import type { Study } from "../../src/core/study";
import { StudyIndex } from "../../src/core/study-index";
import { CTX, study } from "../support/studies";
import { numRuns } from "../support/fast-check";

const opts = (o: Partial<CompareOptions> = {}): CompareOptions => ({ tab: "matrix", filter: {}, ...o });

const STUDIES: Study[] = [
  study({ name: "Quillmart search", company: "Quillmart", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2024, patterns: ["Real-Time Inference", "Hybrid Retrieval", "Multi-Stage Funnel"], body: { checklist: { done: 8, total: 10 }, stack: [{ component: "Vector DB", technology: "Milvus" }, { component: "Streaming", technology: "Kafka" }] } }),
  study({ name: "Shopwell query", company: "Shopwell", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2025, patterns: ["Real-Time Inference", "Hybrid Retrieval", "RAG Pipeline"], body: { checklist: { done: 6, total: 10 }, stack: [{ component: "vector db", technology: "milvus" }, { component: "Vector DB", technology: "pgvector" }] } }),
  study({ name: "Ledgerline fraud", company: "Ledgerline", category: "Prediction and Forecasting", industry: "Fintech and banking", year: 2023, patterns: ["Real-Time Inference", "Feature Store + Vector DB", "Shadow Mode Deployment", "Graph Features"], body: { checklist: { done: 10, total: 10 }, stack: [{ component: "Feature Store", technology: "Feast" }, { component: "Streaming", technology: "Kafka" }] } }),
  study({ name: "Chirply support", type: "case-study", company: "Chirply", category: "AI Agents and LLMs", industry: "Social platforms", year: null, patterns: ["RAG Pipeline", "Agentic Workflow", "graph features"] }),
];

describe("applyFilter and the empty reason", () => {
  it.each<[string, CompareOptions["filter"], string[], string | null]>([
    ["no filter", {}, ["Quillmart search", "Shopwell query", "Ledgerline fraud", "Chirply support"], null],
    ["category, case-insensitive", { categories: ["search and retrieval"] }, ["Quillmart search", "Shopwell query"], null],
    ["several industries", { industries: ["Fintech and banking", "Social platforms"] }, ["Ledgerline fraud", "Chirply support"], null],
    ["year range (no year fails a bound)", { yearFrom: 2024 }, ["Quillmart search", "Shopwell query"], null],
    ["company substring", { company: "LINE" }, ["Ledgerline fraud"], null],
    ["has all patterns", { patterns: ["hybrid retrieval", "RAG Pipeline"] }, ["Shopwell query"], null],
    ["unknown pattern matched case-insensitively", { patterns: ["GRAPH FEATURES"] }, ["Ledgerline fraud", "Chirply support"], null],
    ["type", { types: ["case-study"] }, ["Chirply support"], null],
    ["one filter alone empties", { categories: ["Gaming"], yearFrom: 2024 }, [], "No study matches category = Gaming"],
    ["only the combination empties", { categories: ["Prediction and Forecasting"], yearFrom: 2024 }, [], "No study matches category = Prediction and Forecasting and year ≥ 2024"],
    ["two filters each empty it", { industries: ["Gaming"], company: "zzz" }, [], "No study matches industry = Gaming and company contains \"zzz\""],
    ["the one pattern to blame", { patterns: ["RAG Pipeline", "Kappa Architecture"] }, [], "No study matches has Kappa Architecture"],
    ["one year", { yearFrom: 2030, yearTo: 2030 }, [], "No study matches year = 2030"],
  ])("%s", (_name, filter, names, reason) => {
    const r = applyFilter(STUDIES, filter);
    expect(r.studies.map((s) => s.name)).toEqual(names);
    expect(r.emptyReason).toBe(reason);
    expect(r.totalCount).toBe(4);
  });

  it("names the responsible filter keys", () => {
    expect(applyFilter(STUDIES, { categories: ["Gaming"], yearFrom: 2024 }).emptyFilters).toEqual(["categories"]);
  });

  it("no studies at all is not a filter's fault", () => {
    expect(applyFilter([], { categories: ["Gaming"] })).toMatchObject({ emptyReason: null, totalCount: 0, visibleCount: 0 });
  });

  it("describes a filter in words", () => {
    expect(describeFilter({ categories: ["A", "B", "C"], yearFrom: 2020, yearTo: 2024, types: ["case-study"] }))
      .toBe("category is A, B or C and year ≥ 2020 and year ≤ 2024 and type = case-study");
    expect(describeFilter({})).toBe("");
  });
});

describe("matrix", () => {
  it("columns: known patterns by group in template order, unknown ones under Other in their most common spelling", () => {
    const m = matrix(STUDIES, CTX, opts());
    expect(m.patternGroups.map((g) => g.name)).toEqual(["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns", "Other"]);
    expect(m.patternColumns.map((c) => c.label)).toEqual([...CTX.patterns.map((p) => p.label), "Graph Features"]);
    const other = m.patternColumns[m.patternColumns.length - 1];
    expect(other).toMatchObject({ group: "Other", known: false, count: 2, share: 0.5 });
    expect(m.patternColumns.find((c) => c.label === "Real-Time Inference")).toMatchObject({ count: 3, share: 0.75 });
  });

  it("rows are sorted by name by default and carry completeness", () => {
    const m = matrix(STUDIES, CTX, opts());
    expect(m.rows.map((r) => r.study.name)).toEqual(["Chirply support", "Ledgerline fraud", "Quillmart search", "Shopwell query"]);
    expect(m.rows.map((r) => r.completeness)).toEqual([null, 1, 0.8, 0.6]);
  });

  it.each<[string, "asc" | "desc", string[]]>([
    ["year", "asc", ["Ledgerline fraud", "Quillmart search", "Shopwell query", "Chirply support"]],
    ["year", "desc", ["Shopwell query", "Quillmart search", "Ledgerline fraud", "Chirply support"]],
    ["completeness", "desc", ["Ledgerline fraud", "Quillmart search", "Shopwell query", "Chirply support"]],
    ["RAG pipeline", "asc", ["Chirply support", "Shopwell query", "Ledgerline fraud", "Quillmart search"]],
    ["RAG Pipeline", "desc", ["Ledgerline fraud", "Quillmart search", "Chirply support", "Shopwell query"]],
    ["name", "desc", ["Shopwell query", "Quillmart search", "Ledgerline fraud", "Chirply support"]],
    ["industry", "asc", ["Quillmart search", "Shopwell query", "Ledgerline fraud", "Chirply support"]],
    ["type", "asc", ["Chirply support", "Ledgerline fraud", "Quillmart search", "Shopwell query"]],
    ["no such column", "asc", ["Chirply support", "Ledgerline fraud", "Quillmart search", "Shopwell query"]],
  ])("sort by %s %s (missing values last)", (column, direction, names) => {
    expect(matrix(STUDIES, CTX, opts({ sort: { column, direction } })).rows.map((r) => r.study.name)).toEqual(names);
  });

  it("groups by industry in taxonomy order, with subtotals", () => {
    const m = matrix(STUDIES, CTX, opts({ groupBy: "industry" }));
    expect(m.groups?.map((g) => [g.label, g.rows.length])).toEqual([
      ["E-commerce and retail", 2], ["Social platforms", 1], ["Fintech and banking", 1],
    ]);
    const hybrid = m.patternColumns.findIndex((c) => c.label === "Hybrid Retrieval");
    expect(m.groups?.map((g) => g.counts[hybrid])).toEqual([2, 0, 0]);
    expect(m.rows.map((r) => r.study.name)).toEqual(["Quillmart search", "Shopwell query", "Chirply support", "Ledgerline fraud"]);
  });

  it("groups by year, no year last; the order follows a sort on the same column", () => {
    expect(matrix(STUDIES, CTX, opts({ groupBy: "year" })).groups?.map((g) => g.label)).toEqual(["2023", "2024", "2025", "No year"]);
    expect(matrix(STUDIES, CTX, opts({ groupBy: "year", sort: { column: "year", direction: "desc" } })).groups?.map((g) => g.label))
      .toEqual(["2025", "2024", "2023", "No year"]);
  });

  it("columns option: patterns or whole groups; unknown names reported", () => {
    const m = matrix(STUDIES, CTX, opts({ columns: ["Deployment Pattern", "rag pipeline", "Other", "Nope"] }));
    expect(m.patternColumns.map((c) => c.label)).toEqual(["Batch Inference", "Real-Time Inference", "Streaming Inference", "Edge/On-Device", "RAG Pipeline", "Graph Features"]);
    expect(m.unknownColumns).toEqual(["Nope"]);
    expect(m.rows[0]?.checked).toHaveLength(6);
  });

  it("counts and shares are over the filtered rows", () => {
    const m = matrix(STUDIES, CTX, opts({ filter: { industries: ["E-commerce and retail"] } }));
    expect(m.visibleCount).toBe(2);
    expect(m.patternColumns.find((c) => c.label === "RAG Pipeline")).toMatchObject({ count: 1, share: 0.5 });
    expect(m.patternColumns.find((c) => c.label === "Graph Features")).toMatchObject({ count: 0, share: 0 });
  });

  it("property: header counts and group subtotals agree with the rows", () => {
    // A boolean predicate, not nested expects: fast-check shrinks it, and it costs a tenth.
    fc.assert(fc.property(studiesArb, fc.constantFrom(null, "category", "industry", "year" as const), (studies, groupBy) => {
      const m = matrix(studies, CTX, opts({ groupBy }));
      if (m.rows.length !== studies.length) return false;
      const countsAgree = m.patternColumns.every((c, i) =>
        c.count === m.rows.filter((r) => r.checked[i]).length
        && c.count === studies.filter((s) => s.patterns.some((p) => p.toLowerCase() === c.label.toLowerCase())).length);
      if (!countsAgree) return false;
      if (!m.groups) return true;
      const flat = m.groups.flatMap((g) => g.rows);
      return flat.length === m.rows.length && flat.every((r, i) => r === m.rows[i])
        && m.patternColumns.every((c, i) => m.groups!.reduce((n, g) => n + g.counts[i], 0) === c.count);
    }));
  });
});

const studiesArb = fc.array(fc.record({
  name: fc.constantFrom("a", "B", "c", "d d"),
  category: fc.constantFrom(null, "Search and Retrieval", "search and retrieval", "Gaming stuff"),
  industry: fc.constantFrom(null, "Tech", "Gaming"),
  year: fc.constantFrom(null, 2020, 2024),
  patterns: fc.uniqueArray(fc.constantFrom("Batch Inference", "RAG Pipeline", "Kappa Architecture", "Custom One", "custom one"), { maxLength: 4, selector: (p) => p.toLowerCase() }),
}), { maxLength: 12 }).map((rows) => rows.map((r, i) => study({ ...r, path: `s/${i}.md` })));

describe("a user's own pattern is in the group its notes write it under", () => {
  const DESIGN = "Design Patterns Observed";
  const INFRA = "Infrastructure Patterns";
  const DEPLOY = "Deployment Pattern";
  /** A study with `label` ticked, its note writing the label under `groups` (null: its text not read). */
  const own = (name: string, label: string, groups: string[] | null, extra: string[] = []): Study => study({
    name, patterns: [label, ...extra],
    body: groups === null ? null : { checklist: { done: 0, total: 0 }, stack: [], ownPatterns: groups.map((group) => ({ label, group })) },
  });
  const groupOf = (studies: Study[], label: string, ctx = CTX): string | undefined =>
    matrix(studies, ctx, opts()).patternColumns.find((c) => c.label.toLowerCase() === label.toLowerCase())?.group;

  it.each<[string, Study[], string]>([
    ["one note", [own("a", "Graph Features", [DESIGN])], DESIGN],
    ["the most frequent group when notes disagree", [own("a", "Graph Features", [INFRA]), own("b", "Graph Features", [DESIGN]), own("c", "graph features", [DESIGN])], DESIGN],
    ["a tie: the group first in the settings (Deployment before Infrastructure), whatever the notes' order", [own("a", "Edge Cache", [INFRA]), own("b", "Edge Cache", [DEPLOY])], DEPLOY],
    ["a note writing it under two groups votes for each", [own("a", "Edge Cache", [INFRA, DESIGN]), own("b", "Edge Cache", [DESIGN])], DESIGN],
    ["a note whose text is not read yet does not vote", [own("a", "Edge Cache", null), own("b", "Edge Cache", null), own("c", "Edge Cache", [INFRA])], INFRA],
    ["no note has a box for it (only in the patterns property, or text not read): Other", [own("a", "Edge Cache", null), own("b", "Edge Cache", [])], "Other"],
  ])("%s", (_name, studies, group) => {
    expect(groupOf(studies, studies[0].patterns[0])).toBe(group);
  });

  it("comes after the template's patterns of its group; Other stays last; the JSON and the trends say the same", () => {
    const studies = [own("a", "Graph Features", [DESIGN], ["Zeta Thing"]), own("b", "Batch Scoring", [DEPLOY])];
    const m = matrix(studies, CTX, opts());
    const labels = m.patternColumns.map((c) => c.label);
    const designs = CTX.patterns.filter((p) => p.group === DESIGN).map((p) => p.label);
    expect(labels.slice(labels.indexOf(designs[0]), labels.indexOf(designs[0]) + designs.length + 1)).toEqual([...designs, "Graph Features"]);
    expect(m.patternGroups.map((g) => g.name)).toEqual([DEPLOY, DESIGN, INFRA, "Other"]);
    expect(m.patternGroups[0].columns.map((i) => labels[i]).at(-1)).toBe("Batch Scoring");
    expect(m.patternColumns.at(-1)).toMatchObject({ label: "Zeta Thing", group: "Other" });
    const json = TABS.matrix.json!(studies, CTX, opts()).json as { patterns: { label: string; group: string }[] };
    expect(json.patterns.map((p) => [p.label, p.group])).toEqual(m.patternColumns.map((c) => [c.label, c.group]));
    expect(trends(studies, CTX, opts({ tab: "trends" })).rows.map((r) => [r.pattern.label, r.pattern.group])).toEqual(m.patternColumns.map((c) => [c.label, c.group]));
  });

  it("a pattern group of the settings that the template has no pattern in comes after the template's groups", () => {
    const ctx = { ...CTX, patternGroups: [...CTX.patternGroups, "My Patterns"] };
    const m = matrix([own("a", "Edge Cache", ["My Patterns"], ["Zeta Thing"])], ctx, opts());
    expect(m.patternGroups.map((g) => g.name)).toEqual([DEPLOY, DESIGN, INFRA, "My Patterns", "Other"]);
  });

  it("property: the group is the one most notes write the label under (ties: the settings' order), else Other", () => {
    const groups = CTX.patternGroups;
    const note = fc.record({
      label: fc.constantFrom("Custom One", "custom one", "Other Thing"),
      writtenUnder: fc.option(fc.subarray([...groups]), { nil: null }),
    });
    fc.assert(fc.property(fc.array(note, { maxLength: 10 }), (notes) => {
      const studies = notes.map((n, i) => own(`s${i}`, n.label, n.writtenUnder));
      const m = matrix(studies, CTX, opts());
      for (const c of m.patternColumns.filter((x) => !x.known)) {
        const votes = groups.map((g) => notes.filter((n) => n.label.toLowerCase() === c.label.toLowerCase() && n.writtenUnder?.includes(g)).length);
        const most = Math.max(...votes);
        expect(c.group).toBe(most === 0 ? "Other" : groups[votes.indexOf(most)]);
      }
      // The same in the JSON's header and the trends' rows.
      expect(patternSummary(studies, CTX, opts()).patternColumns.map((c) => c.group)).toEqual(m.patternColumns.map((c) => c.group));
      expect(trends(studies, CTX, opts({ tab: "trends" })).rows.map((r) => r.pattern.group)).toEqual(m.patternColumns.map((c) => c.group));
    }), numRuns(300));
  });
});

describe("pivot", () => {
  it("pattern × industry counts with row-normalised shares", () => {
    const p = pivot(STUDIES, CTX, opts({ tab: "pivot", pivotBy: "industry" }));
    expect(p.columns.map((c) => [c.label, c.studies])).toEqual([["E-commerce and retail", 2], ["Social platforms", 1], ["Fintech and banking", 1]]);
    const rag = p.rows.find((r) => r.pattern.label === "RAG Pipeline")!;
    expect(rag.counts).toEqual([1, 1, 0]);
    expect(rag.total).toBe(2);
    expect(rag.shares).toEqual([0.5, 0.5, 0]);
    expect(rag.columnShares).toEqual([0.5, 1, 0]);
    const batch = p.rows.find((r) => r.pattern.label === "Batch Inference")!;
    expect(batch.shares).toEqual([0, 0, 0]);
  });

  it("by year: ascending, no year last; sort rows by total", () => {
    const p = pivot(STUDIES, CTX, opts({ tab: "pivot", pivotBy: "year", sort: { column: "total", direction: "desc" } }));
    expect(p.columns.map((c) => c.label)).toEqual(["2023", "2024", "2025", "No year"]);
    expect(p.rows[0]?.pattern.label).toBe("Real-Time Inference");
  });

  it("property: every row's shares sum to 1 (or 0), counts sum to its total", () => {
    fc.assert(fc.property(studiesArb, fc.constantFrom("industry", "category", "year" as const), (studies, by) => {
      const p = pivot(studies, CTX, opts({ tab: "pivot", pivotBy: by }));
      expect(p.columns.reduce((n, c) => n + c.studies, 0)).toBe(studies.length);
      for (const r of p.rows) {
        expect(r.counts.reduce((a, b) => a + b, 0)).toBe(r.total);
        const sum = r.shares.reduce((a, b) => a + b, 0);
        expect(r.total === 0 ? sum : Math.abs(sum - 1)).toBeLessThan(1e-9);
      }
    }));
  });
});

describe("cooccurrence", () => {
  it("counts, lift and the studies of a cell", () => {
    const c = cooccurrence(STUDIES, CTX, opts({ tab: "cooccurrence" }));
    const i = (label: string): number => c.patterns.findIndex((p) => p.label === label);
    const [rt, hy, rag] = [i("Real-Time Inference"), i("Hybrid Retrieval"), i("RAG Pipeline")];
    expect(c.counts[rt][hy]).toBe(2);
    expect(c.counts[rt][rt]).toBe(3);
    // P(rt∧hy) = 2/4, P(rt) = 3/4, P(hy) = 2/4 → lift 4/3
    expect(c.lift[rt][hy]).toBeCloseTo(4 / 3);
    expect(c.lift[rt][i("Batch Inference")]).toBeNull();
    expect(cooccurrenceStudies(c, rt, hy)).toEqual(["Use cases/Quillmart search.md", "Use cases/Shopwell query.md"]);
    expect(cooccurrenceStudies(c, rag, rag)).toEqual(["Use cases/Chirply support.md", "Use cases/Shopwell query.md"]);
  });

  it("property: symmetric, diagonal = pattern counts, lift matches its definition, cell studies match counts", () => {
    fc.assert(fc.property(studiesArb, (studies) => {
      const c = cooccurrence(studies, CTX, opts({ tab: "cooccurrence" }));
      const n = studies.length;
      return c.patterns.every((p, a) => c.counts[a][a] === p.count && c.patterns.every((q, b) => {
        const want = p.count === 0 || q.count === 0 ? null : (c.counts[a][b] / n) / ((p.count / n) * (q.count / n));
        const lift = c.lift[a][b];
        return c.counts[a][b] === c.counts[b][a]
          && cooccurrenceStudies(c, a, b).length === c.counts[a][b]
          && (want === null ? lift === null : lift !== null && Math.abs(lift - want) < 1e-9);
      }));
    }));
  });
});

describe("stackTable", () => {
  it("component × technology, spellings grouped, most common spelling shown", () => {
    const s = stackTable(STUDIES, opts({ tab: "stack" }));
    expect(s.studiesWithBody).toBe(3);
    expect(s.components.map((c) => [c.component, c.count, c.technologies.map((t) => [t.technology, t.count])])).toEqual([
      ["Streaming", 2, [["Kafka", 2]]],
      ["Vector DB", 2, [["Milvus", 2], ["pgvector", 1]]],
      ["Feature Store", 1, [["Feast", 1]]],
    ]);
    expect(s.components[1]?.technologies[0]?.studies).toEqual(["Use cases/Quillmart search.md", "Use cases/Shopwell query.md"]);
    expect(s.technologies).toEqual(["Kafka", "Milvus", "Feast", "pgvector"]);
  });

  it("works on the filtered studies", () => {
    const s = stackTable(STUDIES, opts({ tab: "stack", filter: { industries: ["Fintech and banking"] } }));
    expect(s.components.map((c) => c.component)).toEqual(["Feature Store", "Streaming"]);
  });
});

describe("trends", () => {
  const YEARLY: Study[] = [
    study({ name: "a", year: 2021, patterns: ["RAG Pipeline"] }),
    study({ name: "b", year: 2021, patterns: [] }),
    study({ name: "c", year: 2023, patterns: ["RAG Pipeline", "Batch Inference"] }),
    study({ name: "d", year: 2023, patterns: ["rag pipeline"] }),
    study({ name: "e", year: 2023, patterns: ["Custom One"] }),
    study({ name: "f", year: null, patterns: ["RAG Pipeline"] }),
  ];

  it.each<[string, CompareOptions["filter"], number[], number[], [string, number[], number[]][]]>([
    ["every study", {}, [2021, 2023], [2, 3], [["RAG Pipeline", [1, 2], [0.5, 2 / 3]], ["Batch Inference", [0, 1], [0, 1 / 3]], ["Custom One", [0, 1], [0, 1 / 3]]]],
    ["filtered: only the years left", { yearFrom: 2022 }, [2023], [3], [["RAG Pipeline", [2], [2 / 3]], ["Custom One", [1], [1 / 3]]]],
    ["a pattern filter", { patterns: ["batch inference"] }, [2023], [1], [["RAG Pipeline", [1], [1]], ["Batch Inference", [1], [1]], ["Custom One", [0], [0]]]],
  ])("%s", (_name, filter, years, perYear, rows) => {
    const t = trends(YEARLY, CTX, opts({ tab: "trends", filter }));
    expect(t.years).toEqual(years);
    expect(t.studies).toEqual(perYear);
    for (const [label, counts, shares] of rows) {
      const row = t.rows.find((r) => r.pattern.label === label)!;
      expect(row.counts).toEqual(counts);
      row.shares.forEach((x, i) => expect(x).toBeCloseTo(shares[i]));
    }
  });

  it("rows are the matrix's pattern columns, in its order and groups; a study without a year is counted apart", () => {
    const t = trends(YEARLY, CTX, opts({ tab: "trends" }));
    const m = matrix(YEARLY, CTX, opts());
    expect(t.rows.map((r) => [r.pattern.label, r.pattern.group])).toEqual(m.patternColumns.map((c) => [c.label, c.group]));
    expect(t.undated).toBe(1);
    expect(t.rows.find((r) => r.pattern.label === "Custom One")?.pattern.group).toBe("Other");
  });

  it("property: per year, counts are the studies of that year with the pattern, shares their fraction", () => {
    fc.assert(fc.property(studiesArb, (studies) => {
      const t = trends(studies, CTX, opts({ tab: "trends" }));
      const dated = studies.filter((s) => s.year !== null);
      const yearsOk = t.years.length === new Set(dated.map((s) => s.year)).size
        && t.years.every((y, i) => i === 0 || t.years[i - 1] < y)
        && t.studies.reduce((a, b) => a + b, 0) === dated.length && t.undated === studies.length - dated.length;
      return yearsOk && t.rows.every((r) => r.counts.every((c, i) => {
        const ofYear = dated.filter((s) => s.year === t.years[i]);
        const want = ofYear.filter((s) => s.patterns.some((p) => p.toLowerCase() === r.pattern.label.toLowerCase())).length;
        return c === want && Math.abs((r.shares[i] ?? NaN) - want / ofYear.length) < 1e-12;
      }));
    }));
  });
});

describe("compare and the tab definitions", () => {
  it("dispatches on the tab", () => {
    for (const tab of COMPARE_TABS) expect(compare(STUDIES, CTX, opts({ tab })).kind).toBe(tab);
  });

  it("one definition per tab, under its own id, each with its own label", () => {
    expect(Object.keys(TABS)).toEqual([...COMPARE_TABS]);
    for (const tab of COMPARE_TABS) expect(TABS[tab].id).toBe(tab);
    const labels = COMPARE_TABS.map((t) => TABS[t].label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(["Matrix", "Pivot", "Co-occurrence", "Tech stack", "Trends"]);
  });
});

describe("parseCompareOptions", () => {
  it.each<[string, unknown, CompareOptions]>([
    ["nothing: the defaults", null, { tab: "matrix", filter: {}, groupBy: null, pivotBy: "industry" }],
    ["a code block", {
      tab: "Pivot", group: "industry", pivot: "category", sort: "year desc", columns: ["RAG Pipeline", "Design Patterns Observed"],
      filter: { category: "Search and Retrieval", industry: ["Tech", "Gaming"], year: "2020-2024", company: " acme ", pattern: "RAG Pipeline", type: "analysis" },
    }, {
      tab: "pivot", groupBy: "industry", pivotBy: "category", sort: { column: "year", direction: "desc" }, columns: ["RAG Pipeline", "Design Patterns Observed"],
      filter: { categories: ["Search and Retrieval"], industries: ["Tech", "Gaming"], yearFrom: 2020, yearTo: 2024, company: "acme", patterns: ["RAG Pipeline"], types: ["use-case-analysis"] },
    }],
    ["one year, sort with a minus", { filter: { year: 2024 }, sort: "-completeness" }, { tab: "matrix", filter: { yearFrom: 2024, yearTo: 2024 }, groupBy: null, pivotBy: "industry", sort: { column: "completeness", direction: "desc" } }],
    ["year as a map, sort as a map", { filter: { year: { from: 2021 } }, sort: { column: "Hybrid Retrieval" } }, { tab: "matrix", filter: { yearFrom: 2021 }, groupBy: null, pivotBy: "industry", sort: { column: "Hybrid Retrieval", direction: "asc" } }],
    ["group none", { group: "none" }, { tab: "matrix", filter: {}, groupBy: null, pivotBy: "industry" }],
  ])("%s", (_name, input, expected) => {
    expect(parseCompareOptions(input)).toEqual({ ok: true, options: expected });
  });

  it.each<[unknown, string]>([
    [{ tab: "pivots" }, "Unknown tab \"pivots\": use matrix, pivot, cooccurrence, stack or trends"],
    [{ group: "company" }, "Unknown group \"company\": use category, industry or year"],
    [{ pivot: "company" }, "Unknown pivot \"company\": use industry, category or year"],
    [{ colums: [] }, "Unknown option \"colums\": use tab, filter, group, sort, columns or pivot"],
    [{ filter: { categry: "x" } }, "Unknown filter \"categry\": use category, industry, year, yearFrom, yearTo, company, pattern or type"],
    [{ filter: { year: "recent" } }, "filter year must be a whole year, e.g. 2024"],
    [{ filter: { year: "2025-2020" } }, "The year range is empty: from 2025 is after to 2020"],
    [{ filter: { type: "article" } }, "Unknown type \"article\": use use-case-analysis or case-study"],
    [{ filter: "Gaming" }, "filter must be a map, e.g. filter: {category: Search and Retrieval}"],
    [{ sort: { column: "year", direction: "up" } }, "Unknown sort direction \"up\": use asc or desc"],
    [{ sort: { by: "year" } }, "Unknown key \"by\" in sort: use column and direction"],
    [{ columns: [{ a: 1 }] }, "columns must be text or a list of text"],
    ["matrix", "Options must be a map, e.g. tab: matrix"],
    [[1], "Options must be a map, e.g. tab: matrix"],
  ])("%j → %s", (input, message) => {
    expect(parseCompareOptions(input)).toEqual({ ok: false, message });
  });

  it("property: reads its own output back unchanged (saved view state)", () => {
    const text = fc.constantFrom("Tech", "RAG Pipeline", "a b", "Zürich");
    const options = fc.record({
      tab: fc.constantFrom("matrix", "pivot", "cooccurrence", "stack" as const),
      filter: fc.record({
        categories: fc.array(text, { minLength: 1, maxLength: 2 }),
        industries: fc.array(text, { minLength: 1, maxLength: 2 }),
        yearFrom: fc.integer({ min: 2000, max: 2010 }),
        yearTo: fc.integer({ min: 2011, max: 2030 }),
        company: text,
        patterns: fc.array(text, { minLength: 1, maxLength: 3 }),
        types: fc.constantFrom(["use-case-analysis" as const], ["case-study" as const]),
      }, { requiredKeys: [] }),
      groupBy: fc.constantFrom(null, "category", "industry", "year" as const),
      pivotBy: fc.constantFrom("industry", "category", "year" as const),
      sort: fc.record({ column: text, direction: fc.constantFrom("asc", "desc" as const) }),
      columns: fc.array(text, { maxLength: 3 }),
    }, { requiredKeys: ["tab", "filter", "groupBy", "pivotBy"] });
    fc.assert(fc.property(options, (o) => {
      const r = parseCompareOptions(JSON.parse(JSON.stringify(o)));
      expect(r).toEqual({ ok: true, options: o });
    }));
  });
});

describe("caches across renders", () => {
  it("a replaced study shows its new facts; unchanged studies keep their row objects", () => {
    const idx = new StudyIndex();
    idx.batch(() => { for (const s of STUDIES) idx.set(s); });
    const before = matrix(idx.all(), CTX, opts());
    const quill = STUDIES[0];
    idx.set({ ...quill, patterns: ["Batch Inference"], company: "Quillmart Inc" });
    const after = matrix(idx.all(), CTX, opts());
    const row = after.rows.find((r) => r.study.path === quill.path)!;
    expect(row.study.company).toBe("Quillmart Inc");
    expect(after.patternColumns.filter((_, i) => row.checked[i]).map((c) => c.label)).toEqual(["Batch Inference"]);
    expect(after.patternColumns.find((c) => c.label === "Hybrid Retrieval")?.count).toBe(1);
    const other = (m: typeof before): unknown => m.rows.find((r) => r.study.path === STUDIES[2].path);
    expect(other(after)).toBe(other(before));
  });

  it("an unknown pattern appears and disappears as studies change", () => {
    const idx = new StudyIndex();
    idx.set(study({ path: "a.md", patterns: ["Brand New"] }));
    expect(matrix(idx.all(), CTX, opts()).patternColumns.at(-1)?.label).toBe("Brand New");
    idx.set(study({ path: "a.md", patterns: [] }));
    expect(matrix(idx.all(), CTX, opts()).patternColumns.some((c) => c.label === "Brand New")).toBe(false);
  });

  it("changing the visible columns recomputes the cells", () => {
    const a = matrix(STUDIES, CTX, opts({ columns: ["RAG Pipeline"] }));
    const b = matrix(STUDIES, CTX, opts({ columns: ["Hybrid Retrieval", "RAG Pipeline"] }));
    expect(a.rows.map((r) => r.checked)).toEqual([[true], [false], [false], [true]]);
    expect(b.rows.map((r) => r.checked)).toEqual([[false, true], [false, false], [true, false], [true, true]]);
  });

  it("`columns` may name fixed columns too: then only those show, beside the study's name", () => {
    const ids = (o: Partial<CompareOptions>): string[] => matrix(STUDIES, CTX, opts(o)).fixedColumns.map((c) => c.id);
    const patterns = (o: Partial<CompareOptions>): string[] => matrix(STUDIES, CTX, opts(o)).patternColumns.map((c) => c.label);
    const all = patterns({});
    // Only fixed columns named (by id or label, any capitals): every pattern still shows.
    expect(ids({ columns: ["Year", "completeness"] })).toEqual(["name", "year", "completeness"]);
    expect(patterns({ columns: ["Year", "completeness"] })).toEqual(all);
    expect(matrix(STUDIES, CTX, opts({ columns: ["Year"] })).unknownColumns).toEqual([]);
    // Fixed columns and a pattern group: both restricted; the fixed ones keep their own order.
    const m = matrix(STUDIES, CTX, opts({ columns: ["year", "Deployment Pattern", "company"] }));
    expect(m.fixedColumns.map((c) => c.id)).toEqual(["name", "company", "year"]);
    expect(m.patternColumns.map((c) => c.group)).toEqual(m.patternColumns.map(() => "Deployment Pattern"));
    // No fixed column named: all of them, as before.
    expect(ids({ columns: ["Deployment Pattern"] })).toEqual(["name", "company", "category", "industry", "year", "completeness"]);
    // A pattern that happens to be called like a fixed column is the pattern.
    const withYear = { ...CTX, patterns: [...CTX.patterns, { label: "Year", group: "Odd", slug: "year" }] };
    const odd = matrix(STUDIES, withYear, opts({ columns: ["year"] }));
    expect(odd.patternColumns.map((c) => c.label)).toEqual(["Year"]);
    expect(odd.fixedColumns).toHaveLength(6);
  });

  it.each([
    // columns, chosen fixed columns → columns, then the fixed columns they name
    [undefined, [], ["name"], ["name"]],
    [["Deployment Pattern"], ["year"], ["Deployment Pattern", "name", "year"], ["name", "year"]],
    [["Year", "RAG Pipeline", "Company"], ["industry"], ["RAG Pipeline", "name", "industry"], ["name", "industry"]],
    [["study", "completeness"], ["completeness", "company"], ["name", "company", "completeness"], ["name", "company", "completeness"]],
  ] as const)("withFixedColumns(%j, %j) is %j, naming %j", (columns, fixed, expected, named) => {
    const out = withFixedColumns(columns, fixed);
    expect(out).toEqual(expected);
    expect(namedFixedColumns(out)).toEqual(named);
    expect(matrix(STUDIES, CTX, opts({ columns: out })).fixedColumns.map((c) => c.id)).toEqual(named);
  });

  it("namedFixedColumns: null when no fixed column is named (then the table shows them all)", () => {
    expect(namedFixedColumns(undefined)).toBeNull();
    expect(namedFixedColumns(["RAG Pipeline", "Other"])).toBeNull();
    expect(namedFixedColumns(["YEAR"])).toEqual(["name", "year"]);
  });

  it("property: choosing fixed columns keeps the pattern names and their order, and names exactly the choice", () => {
    const ids = FIXED_COLUMNS.map((c) => c.id);
    const names = fc.oneof(fc.constantFrom(...ids, ...FIXED_COLUMNS.map((c) => c.label.toUpperCase())), fc.constantFrom("RAG Pipeline", "Other", "Deployment Pattern"), fc.string());
    fc.assert(fc.property(fc.option(fc.array(names), { nil: undefined }), fc.subarray(ids), (columns, fixed) => {
      const out = withFixedColumns(columns, fixed);
      expect(out.filter((n) => fixedColumnNamed(n) === null)).toEqual((columns ?? []).filter((n) => fixedColumnNamed(n) === null));
      expect(namedFixedColumns(out)).toEqual(ids.filter((id) => id === "name" || fixed.includes(id)));
      // Choosing again replaces the choice.
      expect(withFixedColumns(out, fixed)).toEqual(out);
    }), numRuns(500));
  });

  it("patternSummary agrees with the matrix's header", () => {
    const m = matrix(STUDIES, CTX, opts({ filter: { industries: ["E-commerce and retail", "Fintech and banking"] } }));
    const s = patternSummary(STUDIES, CTX, opts({ filter: { industries: ["E-commerce and retail", "Fintech and banking"] } }));
    expect(s.patternColumns).toEqual(m.patternColumns);
    expect(s.studies.map((x) => x.path).sort()).toEqual(m.rows.map((r) => r.study.path).sort());
  });

  it("property: patternSummary's counts are the matrix header's (labels in any capitals, repeated, unknown, hidden columns)", () => {
    const label = fc.constantFrom("Batch Inference", "batch inference", "RAG Pipeline", "rag PIPELINE", "Kappa Architecture", "Custom One", "custom one", "Other Thing");
    const studies = fc.array(fc.record({
      industry: fc.constantFrom(null, "Tech", "Gaming"),
      patterns: fc.array(label, { maxLength: 5 }),
    }), { maxLength: 12 }).map((rows) => rows.map((r, i) => study({ ...r, path: `s/${i}.md` })));
    const columns = fc.option(fc.array(fc.constantFrom("RAG Pipeline", "custom one", "Deployment Pattern", "nope"), { maxLength: 3 }), { nil: undefined });
    const filter = fc.constantFrom<CompareOptions["filter"]>({}, { industries: ["Tech"] }, { patterns: ["rag pipeline"] });
    fc.assert(fc.property(studies, columns, filter, (list, cols, f) => {
      const o = opts({ filter: f, columns: cols });
      const m = matrix(list, CTX, o);
      const s = patternSummary(list, CTX, o);
      expect(s.patternColumns).toEqual(m.patternColumns);
      expect(s.unknownColumns).toEqual(m.unknownColumns);
      expect(s.visibleCount).toBe(m.visibleCount);
    }), numRuns(500));
  });

  it("column sets past the remembered number never take another set's cached cells", () => {
    // Each study of phase one is seen under one column set only, so its cells stay cached under
    // that set's number; phase one passes the memory twice, so the numbers wrap (if they did).
    const sets = 2 * PLAN_ID_MEMORY + 2;
    const pattern = (label: string): CTXPattern => ({ label, group: "G", slug: label.toLowerCase() });
    type CTXPattern = (typeof CTX.patterns)[number];
    // 2^bits distinct column sets from few patterns (a large taxonomy would make each call slow).
    const bits = Math.ceil(Math.log2(sets));
    const q = Array.from({ length: bits }, (_, b) => `Q${b}`);
    const ctx = { ...CTX, patterns: [...["R0", "R1", "R2"].map(pattern), pattern("P0"), ...q.map(pattern)] };
    const seen: Study[] = [];
    let right = 0;
    for (let i = 0; i < sets; i++) {
      const s = study({ name: `t${i}`, patterns: ["P0"] });
      seen.push(s);
      // Visible [P0, the Q's of i's bits]: the study's cell is column 0.
      const m = matrix([s], ctx, opts({ columns: ["P0", ...q.filter((_, b) => (i >> b) & 1)] }));
      if (m.rows[0]?.checked[0] === true) right++;
    }
    expect(right).toBe(sets);
    for (const r of ["R0", "R1", "R2"]) {
      // Visible [R_j, P0]: every study's cell is column 1, whatever number this set gets.
      const m = matrix(seen, ctx, opts({ columns: [r, "P0"] }));
      expect(m.rows.every((row) => !row.checked[0] && row.checked[1])).toBe(true);
    }
  });
});
