/** @jest-environment node */
import { symlinkSync } from "fs";
import { join } from "path";
import { tempVault } from "../support/temp-vault";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { cli } from "./run";

function vault(files: Record<string, string>): string {
  return tempVault(files, "uca-table-");
}

/** An analysis made from the bundled template: frontmatter, checked pattern boxes, a stack row, N checklist items done. */
function analysis(fm: Record<string, string | number | string[]>, checked: string[], stack: [string, string][] = [], done = 0): string {
  let body = BUNDLED_DEEP_DIVE_TEMPLATE;
  for (const label of checked) body = body.replace(new RegExp(`- \\[ \\] (\\*\\*)?${label.replace(/[+/]/g, "\\$&")}`), (m) => m.replace("[ ]", "[x]"));
  for (const [component, tech] of stack) body = body.replace(new RegExp(`\\| ${component} \\| e\\.g\\.[^|]*\\|`), `| ${component} | ${tech} |`);
  const checklist = body.indexOf("## APPENDIX: ANALYSIS CHECKLIST");
  let rest = body.slice(checklist);
  for (let i = 0; i < done; i++) rest = rest.replace("- [ ]", "- [x]");
  body = body.slice(0, checklist) + rest;
  const yaml = Object.entries(fm).map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${JSON.stringify(x)}`).join("\n")}` : `${k}: ${typeof v === "number" ? v : JSON.stringify(v)}`)).join("\n");
  return `---\n${yaml}\n---\n${body}`;
}

const FILES = {
  "Use cases/Search and Retrieval/Quillmart - Hybrid search.md": analysis(
    { type: "use-case-analysis", company: "Quillmart", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2024, patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"] },
    ["Hybrid Retrieval", "Multi-Stage Funnel"], [["Vector DB", "Milvus"], ["Streaming", "Kafka, Flink"]], 8),
  "Use cases/Prediction and Forecasting/Ledgerline - Fraud.md": analysis(
    { type: "use-case-analysis", company: "Ledgerline", category: "Prediction and Forecasting", industry: "Fintech and banking", year: "2023", patterns: ["Real-Time Inference", "feature store + vector db", "Graph Features"] },
    ["Real-Time Inference", "Feature Store + Vector DB"], [["Streaming", "kafka"]], 10),
  "Case studies/Chirply.md": "---\ntype: case-study\ncompany: Chirply\ncategory: AI Agents and LLMs\nindustry: Social platforms\npatterns: [RAG Pipeline, Hybrid Retrieval]\n---\n# Chirply\n",
  "Articles/A.md": "---\ntype: use-case-article\nurl: https://a.example\n---\n",
  "Notes/Plain.md": "# no frontmatter\n",
  ".obsidian/plugins/x/Hidden.md": "---\ntype: case-study\ncompany: Hidden\n---\n",
  ".trash/Old.md": "---\ntype: case-study\ncompany: Trashed\n---\n",
  "Use cases/picture.png": "not markdown",
};

interface MatrixJson {
  studies: { path: string; type: string; company: string | null; category: string | null; industry: string | null; year: number | null; patterns: string[] }[];
  patterns: { label: string; group: string; count: number }[];
}

describe("use-case-atlas table", () => {
  it("--format json prints exactly the documented shape, studies by path, patterns in template order", async () => {
    const root = vault(FILES);
    const r = await cli(["table", root, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as MatrixJson;
    expect(Object.keys(json)).toEqual(["studies", "patterns"]);
    expect(json.studies).toEqual([
      { path: "Case studies/Chirply.md", type: "case-study", company: "Chirply", category: "AI Agents and LLMs", industry: "Social platforms", year: null, patterns: ["Hybrid Retrieval", "RAG Pipeline"] },
      { path: "Use cases/Prediction and Forecasting/Ledgerline - Fraud.md", type: "use-case-analysis", company: "Ledgerline", category: "Prediction and Forecasting", industry: "Fintech and banking", year: 2023, patterns: ["Real-Time Inference", "Feature Store + Vector DB", "Graph Features"] },
      { path: "Use cases/Search and Retrieval/Quillmart - Hybrid search.md", type: "use-case-analysis", company: "Quillmart", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2024, patterns: ["Multi-Stage Funnel", "Hybrid Retrieval"] },
    ]);
    expect(json.patterns.map((p) => p.label)).toEqual([
      "Batch Inference", "Real-Time Inference", "Streaming Inference", "Edge/On-Device", "Multi-Stage Funnel", "Two-Tower Architecture",
      "Hybrid Retrieval", "Multi-Task Learning", "RAG Pipeline", "Agentic Workflow", "Ensemble Model", "Cascade Model",
      "Lambda Architecture", "Kappa Architecture", "Feature Store + Vector DB", "Shadow Mode Deployment", "Canary Deployment", "Graph Features",
    ]);
    expect(json.patterns.find((p) => p.label === "Hybrid Retrieval")).toEqual({ label: "Hybrid Retrieval", group: "Design Patterns Observed", count: 2 });
    expect(json.patterns[json.patterns.length - 1]).toEqual({ label: "Graph Features", group: "Other", count: 1 });
    for (const p of json.patterns) expect(Object.keys(p)).toEqual(["label", "group", "count"]);
  });

  it("a user's own pattern is in the group its notes tick it under (the most frequent), in the json of the matrix and the trends", async () => {
    /** The bundled template with one more ticked box after `after`'s line. */
    const withOwn = (fm: Record<string, string | number | string[]>, after: string, box: string): string =>
      analysis(fm, []).replace(new RegExp(`(- \\[ \\] \\*\\*${after}\\*\\*[^\\n]*\\n)`), `$1${box}\n`);
    const root = vault({
      "Use cases/A.md": withOwn({ type: "use-case-analysis", company: "A", year: 2024, patterns: ["Graph Features"] }, "Cascade Model", "- [x] **Graph Features** (mine)"),
      "Use cases/B.md": withOwn({ type: "use-case-analysis", company: "B", year: 2024, patterns: ["graph features"] }, "Cascade Model", "- [x] graph features"),
      "Use cases/C.md": withOwn({ type: "use-case-analysis", company: "C", year: 2025, patterns: ["Graph Features"] }, "Canary Deployment", "- [x] Graph Features"),
      // Only in the property: no box says where it belongs.
      "Use cases/D.md": "---\ntype: use-case-analysis\ncompany: D\npatterns: [Zeta Thing]\n---\n# D\n",
    });
    const json = JSON.parse((await cli(["table", root, "--format", "json"])).out) as MatrixJson;
    const labels = json.patterns.map((p) => p.label);
    expect(json.patterns.find((p) => p.label === "Graph Features")).toEqual({ label: "Graph Features", group: "Design Patterns Observed", count: 3 });
    // After the template's patterns of its group, before the next group's.
    expect(labels.indexOf("Graph Features")).toBe(labels.indexOf("Cascade Model") + 1);
    expect(json.patterns.at(-1)).toEqual({ label: "Zeta Thing", group: "Other", count: 1 });
    const trends = JSON.parse((await cli(["table", root, "--tab", "trends", "--format", "json"])).out) as { rows: { pattern: string; group: string }[] };
    expect(trends.rows.find((r) => r.pattern === "Graph Features")?.group).toBe("Design Patterns Observed");
  });

  it("filters: --category, --industry (repeatable: any of), --pattern (repeatable: all of)", async () => {
    const root = vault(FILES);
    const paths = async (...flags: string[]): Promise<string[]> =>
      (JSON.parse((await cli(["table", root, "--format", "json", ...flags])).out) as MatrixJson).studies.map((s) => s.path.split("/").pop()!);
    expect(await paths("--category", "search and retrieval")).toEqual(["Quillmart - Hybrid search.md"]);
    expect(await paths("--industry", "Social platforms", "--industry=Fintech and banking")).toEqual(["Chirply.md", "Ledgerline - Fraud.md"]);
    expect(await paths("--pattern", "Hybrid Retrieval", "--pattern", "rag pipeline")).toEqual(["Chirply.md"]);
    const none = await cli(["table", root, "--format", "json", "--category", "Gaming"]);
    expect(none.err).toContain("No study matches category = Gaming");
  });

  it("markdown matrix with completeness from the body, grouped", async () => {
    const root = vault(FILES);
    const r = await cli(["table", root, "--group-by", "industry"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\| Study \| Company \| Category \| Industry \| Year \| Completeness \| Batch Inference \|/);
    expect(lines[2]).toMatch(/^\| All studies \(3\) \|/);
    expect(lines.find((l) => l.startsWith("| Quillmart - Hybrid search |"))).toContain("| 2024 | 8/10 |");
    expect(lines.find((l) => l.startsWith("| Ledgerline - Fraud |"))).toContain("| 2023 | 10/10 |");
    expect(lines.filter((l) => /^\| (E-commerce and retail|Social platforms|Fintech and banking) \(1\) \|/.test(l))).toHaveLength(3);
  });

  it("csv, pivot, co-occurrence and stack tabs", async () => {
    const root = vault(FILES);
    const csv = await cli(["table", root, "--format", "csv"]);
    expect(csv.out.split("\r\n")[0]).toMatch(/^Study,Company,Category,Industry,Year,Completeness,Batch Inference,/);
    const pivot = JSON.parse((await cli(["table", root, "--tab", "pivot", "--group-by", "category", "--format", "json"])).out) as { by: string; columns: { label: string }[] };
    expect(pivot.by).toBe("category");
    expect(pivot.columns.map((c) => c.label)).toEqual(["AI Agents and LLMs", "Search and Retrieval", "Prediction and Forecasting"]);
    const co = await cli(["table", root, "--tab", "cooccurrence"]);
    expect(co.out).toContain("| Hybrid Retrieval (2) |");
    const stack = await cli(["table", root, "--tab", "stack", "--format", "json"]);
    expect(JSON.parse(stack.out)).toEqual({ components: [
      { component: "Streaming", count: 2, technologies: [
        { technology: "Kafka", count: 2, studies: ["Use cases/Prediction and Forecasting/Ledgerline - Fraud.md", "Use cases/Search and Retrieval/Quillmart - Hybrid search.md"] },
        { technology: "Flink", count: 1, studies: ["Use cases/Search and Retrieval/Quillmart - Hybrid search.md"] },
      ] },
      { component: "Vector DB", count: 1, technologies: [{ technology: "Milvus", count: 1, studies: ["Use cases/Search and Retrieval/Quillmart - Hybrid search.md"] }] },
    ] });
  });

  it("--tab trends: per year, in markdown, csv and exactly the documented json", async () => {
    const root = vault(FILES);
    const json = JSON.parse((await cli(["table", root, "--tab", "trends", "--format", "json"])).out) as {
      years: number[]; studies: number[]; rows: { pattern: string; group: string; counts: number[]; shares: number[] }[];
    };
    expect(Object.keys(json)).toEqual(["years", "studies", "rows"]);
    // Chirply has no year: on no year's count.
    expect(json.years).toEqual([2023, 2024]);
    expect(json.studies).toEqual([1, 1]);
    for (const r of json.rows) expect(Object.keys(r)).toEqual(["pattern", "group", "counts", "shares"]);
    expect(json.rows.find((r) => r.pattern === "Hybrid Retrieval")).toEqual({ pattern: "Hybrid Retrieval", group: "Design Patterns Observed", counts: [0, 1], shares: [0, 1] });
    expect(json.rows[json.rows.length - 1]).toEqual({ pattern: "Graph Features", group: "Other", counts: [1, 0], shares: [1, 0] });
    const md = (await cli(["table", root, "--tab", "trends"])).out.split("\n");
    expect(md[0]).toBe("| Pattern | 2023 (1) | 2024 (1) |");
    expect(md).toContain("| Hybrid Retrieval | 0 (0%) | 1 (100%) |");
    const csv = (await cli(["table", root, "--tab", "trends", "--format", "csv", "--pattern", "Graph Features"])).out.split("\r\n");
    expect(csv[0]).toBe("Pattern,2023 (1)");
    expect(csv).toContain("Graph Features,1 (100%)");
  });

  it("reads the taxonomy from the vault's plugin settings and the user's template", async () => {
    const template = BUNDLED_DEEP_DIVE_TEMPLATE.replace("- [ ] **Cascade Model**", "- [ ] **Cascade Model**\n- [ ] **Mixture of Experts** (routing)");
    const root = vault({
      ...FILES,
      ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { deepDiveTemplate: "Templates/Deep dive.md" } }),
      "Templates/Deep dive.md": template,
      "Case studies/MoE.md": "---\ntype: case-study\npatterns: [mixture of experts]\n---\n",
    });
    const json = JSON.parse((await cli(["table", root, "--format", "json"])).out) as MatrixJson;
    expect(json.patterns.find((p) => p.label === "Mixture of Experts")).toEqual({ label: "Mixture of Experts", group: "Design Patterns Observed", count: 1 });
    expect(json.studies.find((s) => s.path === "Case studies/MoE.md")?.patterns).toEqual(["Mixture of Experts"]);
  });

  it("skips notes with broken YAML with a message, and follows no link out of the vault", async () => {
    const outside = vault({ "Outside.md": "---\ntype: case-study\ncompany: Outside\n---\n" });
    const root = vault({ ...FILES, "Broken.md": "---\ntype: case-study\ncompany: [\n---\n" });
    symlinkSync(outside, join(root, "Linked"));
    const r = await cli(["table", root, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Broken.md: skipped, broken YAML");
    expect((JSON.parse(r.out) as MatrixJson).studies.map((s) => s.company)).toEqual(["Chirply", "Ledgerline", "Quillmart"]);
  });

  it("reads frontmatter longer than the first read, and notes without one", async () => {
    const long = `---\ntype: case-study\ncompany: Long\nnotes: "${"x".repeat(9000)}"\n---\nbody\n`;
    const root = vault({ "Long.md": long, "Nofm.md": `${"y".repeat(9000)}\n---\ntype: case-study\n---\n` });
    const json = JSON.parse((await cli(["table", root, "--format", "json"])).out) as MatrixJson;
    expect(json.studies.map((s) => s.company)).toEqual(["Long"]);
  });

  it("reads CRLF notes, a BOM, and a frontmatter block that closes exactly at the end of the first read", async () => {
    const crlf = "\uFEFF---\r\ntype: case-study\r\ncompany: Crlf\r\npatterns:\r\n  - rag pipeline\r\n---\r\nbody\r\n";
    const head = "---\ntype: case-study\ncompany: Edge\nnotes: \"";
    const tail = "\"\n---\n";
    const edge = head + "x".repeat(4096 - head.length - tail.length) + tail + "body text after the block\n";
    expect(Buffer.byteLength(head + "x".repeat(4096 - head.length - tail.length) + tail)).toBe(4096);
    const root = vault({ "Crlf.md": crlf, "Edge.md": edge, "Fence only.md": "---\n---\n" + "z".repeat(5000) });
    const json = JSON.parse((await cli(["table", root, "--format", "json"])).out) as MatrixJson;
    expect(json.studies.map((s) => [s.company, s.patterns])).toEqual([["Crlf", ["RAG Pipeline"]], ["Edge", []]]);
  });

  it("an empty vault says how to start", async () => {
    const r = await cli(["table", vault({ "a.md": "# hi\n" })]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("No analyses or case studies in this vault yet");
  });

  it.each([
    [["table"], "exactly one vault folder"],
    [["table", "/no/such/vault"], "no such vault folder"],
    [["table", "VAULT", "--format", "xml"], "unknown --format \"xml\": use markdown, csv, json"],
    [["table", "VAULT", "--tab", "pivots"], "unknown --tab \"pivots\": use matrix, pivot, cooccurrence, stack, trends"],
    [["table", "VAULT", "--group-by"], "--group-by needs a value"],
    [["table", "VAULT", "--category", "--format"], "--category needs a value"],
    [["table", "VAULT", "--bogus"], "unknown option --bogus"],
    [["table", "VAULT", "other"], "exactly one vault folder"],
  ])("%j exits 2 with a clear message", async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("a file given as the vault exits 2", async () => {
    const root = vault({ "a.md": "x" });
    const r = await cli(["table", join(root, "a.md")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("not a folder");
  });

  it("--help", async () => {
    const r = await cli(["table", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: use-case-atlas table VAULT");
  });
});
