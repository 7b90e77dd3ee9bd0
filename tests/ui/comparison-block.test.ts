import { BLOCK_ROW_LIMIT, parseBlockOptions } from "../../src/ui/comparison-block";
import { nextFrame, showWhenConnected } from "../support/jsdom-layout";
import { createTestVault, type RenderedBlock, type TestVault } from "../support/obsidian-env";
import { comparisonPlugin, studyNote } from "./comparison-fixtures";

showWhenConnected();

let current: TestVault | null = null;
afterEach(() => {
  current?.destroy();
  current = null;
});

async function settle(): Promise<void> {
  await current?.settle();
  await nextFrame();
  await current?.settle();
}

const VAULT: Record<string, string> = {
  "Use cases/Instacart - Hybrid search.md": studyNote({ company: "Instacart", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2024, patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"] }),
  "Use cases/Uber - ETA.md": studyNote({ company: "Uber", category: "Prediction and Forecasting", industry: "Delivery and mobility", year: 2022, patterns: ["Real-Time Inference"] }),
  "Use cases/Ramp - Agents.md": studyNote({ company: "Ramp", category: "AI Agents and LLMs", industry: "Fintech and banking", year: 2025, patterns: ["RAG Pipeline"] }),
};

async function setup(files: Record<string, string> = VAULT): Promise<{ vault: TestVault; render: (source: string) => Promise<RenderedBlock> }> {
  const vault = createTestVault(files);
  current = vault;
  await vault.loadPlugin(comparisonPlugin());
  return { vault, render: (source) => vault.renderCodeBlock("use-case-atlas", source, "Notes/Embed.md") };
}

const studyNames = (el: HTMLElement): string[] => Array.from(el.querySelectorAll("tbody tr.uca-study-row td.uca-name")).map((td) => td.textContent ?? "");

describe("the use-case-atlas code block", () => {
  it("renders the matrix from YAML options: filter, sort, columns", async () => {
    const { render } = await setup();
    const { el } = await render("tab: matrix\nfilter:\n  year: 2022-2024\nsort: year desc\ncolumns: [Design Patterns Observed]\n");
    expect(studyNames(el)).toEqual(["Instacart - Hybrid search", "Uber - ETA"]);
    const heads = Array.from(el.querySelectorAll("thead th.uca-pattern-head")).map((th) => th.getAttribute("data-column"));
    expect(heads[0]).toBe("Multi-Stage Funnel");
    expect(heads).not.toContain("Batch Inference");
    expect(el.querySelector(".uca-caption")?.textContent).toBe("2 of 3 studies");
    // Embeds are read-only: no toggling from a note's preview.
    expect(el.querySelector("td.uca-cell")?.classList.contains("is-readonly")).toBe(true);
  });

  it("shows only the fixed columns `columns` names (a note is narrower than the view)", async () => {
    const { render } = await setup();
    const { el } = await render("columns: [year, Deployment Pattern]\n");
    const heads = Array.from(el.querySelectorAll("thead tr:last-child th")).map((th) => th.getAttribute("data-column"));
    expect(heads.slice(0, 2)).toEqual(["name", "year"]);
    expect(heads.slice(2).length).toBeGreaterThan(0);
    const row = el.querySelector("tbody tr.uca-study-row");
    expect(row?.children).toHaveLength(heads.length);
    expect(row?.children[1]?.textContent).toMatch(/^\d{4}$|^$/);
    expect(el.textContent).not.toContain("unknown columns"); // "year" is a column, not a typo
  });

  it("renders the pivot, co-occurrence and stack tabs", async () => {
    const { render } = await setup();
    expect((await render("tab: pivot\npivot: year")).el.querySelector("table.uca-pivot thead th")?.textContent).toBe("Pattern \\ Year");
    expect((await render("tab: cooccurrence")).el.querySelectorAll("table.uca-cooc td.uca-cooc-cell").length).toBeGreaterThan(0);
    const stack = (await render("tab: stack")).el;
    // Until the notes' text is read the block says so; then that no study has a stack table.
    await settle();
    expect(stack.textContent).toContain("None of the visible studies has a filled \"Tech Stack Identified\" table yet.");
  });

  it("renders the trends tab: one chart per pattern, grouped as in the template, described for screen readers", async () => {
    const { render } = await setup();
    const { el } = await render("tab: trends\nfilter:\n  year: 2022-2024\n");
    const groups = Array.from(el.querySelectorAll(".uca-trends-group h4")).map((h) => h.textContent);
    expect(groups).toEqual(["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns"]);
    const hybrid = Array.from(el.querySelectorAll("figure.uca-trend")).find((f) => f.querySelector("figcaption span")?.textContent === "Hybrid Retrieval");
    expect(hybrid?.querySelector("svg")?.getAttribute("role")).toBe("img");
    expect(hybrid?.querySelector("svg")?.getAttribute("aria-label")).toBe("Hybrid Retrieval: 0% in 2022, 100% in 2024; highest 100% in 2024.");
    const cells = Array.from(hybrid?.querySelectorAll(".uca-visually-hidden table tbody tr") ?? []).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    expect(cells).toEqual([["2022", "1", "0", "0%"], ["2024", "1", "1", "100%"]]);
    expect(el.querySelector(".uca-caption:last-child")?.textContent).toBe("2 of 3 studies");
  });

  it("updates live when notes change, until its note's preview unloads it", async () => {
    const { vault, render } = await setup();
    const block = await render("filter: {industry: Fintech and banking}");
    const el = block.el;
    expect(studyNames(el)).toEqual(["Ramp - Agents"]);
    await vault.write("Use cases/Stripe - Fraud.md", studyNote({ company: "Stripe", industry: "Fintech and banking", patterns: ["Real-Time Inference"] }));
    await settle();
    expect(studyNames(el)).toEqual(["Ramp - Agents", "Stripe - Fraud"]);
    await vault.rename("Use cases/Ramp - Agents.md", "Use cases/Ramp - Expense agents.md");
    await settle();
    expect(studyNames(el)).toEqual(["Ramp - Expense agents", "Stripe - Fraud"]);

    block.unload();
    await vault.remove("Use cases/Stripe - Fraud.md");
    await settle();
    expect(studyNames(el)).toEqual(["Ramp - Expense agents", "Stripe - Fraud"]); // unsubscribed: no more updates
  });

  it("caps the matrix rows and says how many it shows", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < BLOCK_ROW_LIMIT + 20; i++) files[`S/${String(i).padStart(3, "0")}.md`] = studyNote({ company: `C${i}` });
    const { render } = await setup(files);
    const { el } = await render("");
    expect(studyNames(el)).toHaveLength(BLOCK_ROW_LIMIT);
    expect(el.querySelector(".uca-caption")?.textContent).toBe(`Showing ${BLOCK_ROW_LIMIT} of ${BLOCK_ROW_LIMIT + 20} rows (${BLOCK_ROW_LIMIT + 20} of ${BLOCK_ROW_LIMIT + 20} studies). Open the pattern comparison view for all of them.`);
  });

  it("says which filter hides everything", async () => {
    const { render } = await setup();
    expect((await render("filter: {company: nobody}")).el.querySelector(".uca-empty")?.textContent).toBe("No study matches company contains \"nobody\".");
  });

  it.each([
    ["tab: [unclosed", /^The options are not valid YAML: .*\bline 1\b.*[^:]\.$/],
    ["tab: spreadsheet", /^Unknown tab "spreadsheet": use matrix, pivot, cooccurrence, stack or trends$/],
    ["colour: red", /^Unknown option "colour"/],
    ["- just\n- a list", /^Options must be a map/],
    ["filter: {year: {from: 2025, to: 2020}}", /^The year range is empty/],
  ])("shows a clear error for %j", async (source, message) => {
    const { render } = await setup();
    const { el } = await render(source);
    expect(el.querySelector(".uca-block-error p")?.textContent).toBe("This comparison block has an error.");
    expect(el.querySelector(".uca-error")?.textContent).toMatch(message);
    expect(el.querySelector("table")).toBeNull();
  });
});

describe("a block's fixed columns (issue 15)", () => {
  const heads = (el: HTMLElement): string[] => Array.from(el.querySelectorAll<HTMLElement>("thead tr:last-child th")).map((th) => th.dataset.column ?? "");
  const choose = async (el: HTMLElement, column: string): Promise<void> => {
    el.querySelector<HTMLButtonElement>("button.uca-column-button")!.click();
    el.querySelector<HTMLInputElement>(`.uca-column-popover input[data-column="${column}"]`)!.click();
    await settle();
  };

  it("shows the study and the patterns unless `columns` names fixed ones; a choice is kept for that block across renders, not written to the note", async () => {
    const note = "Notes/Embed.md";
    const text = "# Embed\n\n```use-case-atlas\ncolumns: [year]\n```\n";
    const { vault } = await setup({ ...VAULT, [note]: text });
    const render = (source: string, path = note): Promise<RenderedBlock> => vault.renderCodeBlock("use-case-atlas", source, path);
    const plain = await render("tab: matrix\n");
    expect(heads(plain.el).slice(0, 2)).toEqual(["name", "Batch Inference"]);
    const named = await render("columns: [year]\n");
    expect(heads(named.el).slice(0, 3)).toEqual(["name", "year", "Batch Inference"]);

    await choose(named.el, "company");
    expect(heads(named.el).slice(0, 4)).toEqual(["name", "company", "year", "Batch Inference"]);
    // The popover stays open on the box just ticked (the block was drawn anew around it).
    expect(named.el.ownerDocument.activeElement?.getAttribute("data-column")).toBe("company");
    named.unload();
    // The same block drawn again (the note reopened, Obsidian restarted): the choice is back.
    const again = await render("columns: [year]\n");
    expect(heads(again.el).slice(0, 4)).toEqual(["name", "company", "year", "Batch Inference"]);
    // Another block, or the same block in another note, starts from its own `columns:`.
    expect(heads((await render("columns: [year]\n", "Notes/Other.md")).el).slice(0, 3)).toEqual(["name", "year", "Batch Inference"]);
    expect(heads((await render("columns: [year]\ngroup: year\n")).el).slice(0, 3)).toEqual(["name", "year", "Batch Inference"]);
    expect(vault.text(note)).toBe(text);
  });

  it("a block with an `id:` keeps its choice when its other options are edited", async () => {
    const { render } = await setup();
    const first = await render("id: vendors\nfilter:\n  year: 2022-2024\n");
    await choose(first.el, "industry");
    const edited = await render("id: vendors\nfilter:\n  year: 2020-2025\n");
    expect(heads(edited.el).slice(0, 3)).toEqual(["name", "industry", "Batch Inference"]);
    // Unticking is a choice too: the study and the patterns alone.
    await choose(edited.el, "industry");
    expect(heads((await render("id: vendors\ncolumns: [year]\n")).el).slice(0, 2)).toEqual(["name", "Batch Inference"]);
  });

  it("keeps the popover open, on the same box, when the notes change under it", async () => {
    const { vault, render } = await setup();
    const { el } = await render("");
    el.querySelector<HTMLButtonElement>("button.uca-column-button")!.click();
    el.querySelector<HTMLInputElement>('.uca-column-popover input[data-column="year"]')!.focus();
    await vault.write("Use cases/Stripe - Fraud.md", studyNote({ company: "Stripe", industry: "Fintech and banking", patterns: ["Real-Time Inference"] }));
    await settle();
    expect(studyNames(el)).toContain("Stripe - Fraud");
    expect(el.querySelector(".uca-column-popover")).not.toBeNull();
    expect(el.querySelector("button.uca-column-button")?.getAttribute("aria-expanded")).toBe("true");
    expect(el.ownerDocument.activeElement?.getAttribute("data-column")).toBe("year");
  });

  it("has no Columns button on tabs without fixed columns", async () => {
    const { render } = await setup();
    expect((await render("tab: pivot\n")).el.querySelector(".uca-column-button")).toBeNull();
  });
});

describe("parseBlockOptions", () => {
  it.each([
    ["", { tab: "matrix", filter: {} }],
    ["group: industry\nsort: -company", { groupBy: "industry", sort: { column: "company", direction: "desc" } }],
    ["filter:\n  pattern: [RAG Pipeline, Agentic Workflow]\n  category: AI Agents and LLMs", { filter: { patterns: ["RAG Pipeline", "Agentic Workflow"], categories: ["AI Agents and LLMs"] } }],
  ])("reads %j", (source, expected) => {
    const r = parseBlockOptions(source);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.options).toMatchObject(expected);
  });

  it("takes the block's `id` apart from the options, as text", () => {
    expect(parseBlockOptions("id: vendors\ntab: pivot")).toMatchObject({ ok: true, id: "vendors", options: { tab: "pivot" } });
    expect(parseBlockOptions("id: 2024")).toMatchObject({ ok: true, id: "2024" });
    expect(parseBlockOptions("tab: pivot")).not.toHaveProperty("id");
    expect(parseBlockOptions("id: [a, b]")).toEqual({ ok: false, message: "id must be text, e.g. id: vendors-2024" });
  });
});
