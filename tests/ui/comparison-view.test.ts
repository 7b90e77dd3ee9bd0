import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import { compare } from "../../src/core/compare";
import { snapshotNote, toCsv, toMarkdownTable, toTable } from "../../src/core/export";
import type { Study } from "../../src/core/study";
import { OPEN_COMPARISON_COMMAND, type ComparisonFeature } from "../../src/ui/comparison";
import { ComparisonView, VIEW_TYPE_COMPARISON } from "../../src/ui/comparison-view";
import { maxWindowRows } from "../../src/ui/virtual-window";
import { giveHeight, nextFrame, showWhenConnected } from "../support/jsdom-layout";
import { createTestVault, type TestVault } from "../support/obsidian-env";
import { study } from "../support/studies";
import { atlasContext, comparisonPlugin, FakeAttention, FakeToggler, type HostOptions, studyNote, TEST_LAYOUT } from "./comparison-fixtures";

showWhenConnected();

type TestPlugin = Plugin & { feature: ComparisonFeature };

interface Opened {
  vault: TestVault;
  plugin: TestPlugin;
  view: ComparisonView;
  toggler: FakeToggler;
  attention: FakeAttention;
}

let current: TestVault | null = null;

afterEach(() => {
  current?.destroy();
  current = null;
  jest.restoreAllMocks();
});

/** Lets the metadata cache, the body-reading timer and the next animation frames run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await current?.settle();
    await nextFrame();
  }
  await current?.settle();
}

function viewOf(vault: TestVault): ComparisonView {
  const leaf = vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)[0];
  if (!leaf || !(leaf.view instanceof ComparisonView)) throw new Error("no comparison view open");
  return leaf.view;
}

async function open(files: Record<string, string>, host: HostOptions = {}): Promise<Opened> {
  const toggler = host.toggler === null ? null : (host.toggler ?? new FakeToggler());
  const attention = host.attention === null ? null : (host.attention ?? new FakeAttention());
  const vault = createTestVault(files);
  current = vault;
  const plugin = (await vault.loadPlugin(comparisonPlugin({ ...host, toggler, attention }))) as unknown as TestPlugin;
  await vault.runCommand(OPEN_COMPARISON_COMMAND);
  await settle();
  return { vault, plugin, view: viewOf(vault), toggler: toggler as FakeToggler, attention: attention as FakeAttention };
}

const $ = <T extends Element = HTMLElement>(view: ComparisonView, selector: string): T => {
  const el = view.contentEl.querySelector<T>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
};
const $$ = (view: ComparisonView, selector: string): HTMLElement[] => Array.from(view.contentEl.querySelectorAll<HTMLElement>(selector));

/** The study names in the matrix body, top to bottom. */
const names = (view: ComparisonView): string[] => $$(view, "tbody tr.uca-study-row td.uca-name").map((td) => td.textContent ?? "");
/** The header's "count · share" of a pattern column. */
const headCount = (view: ComparisonView, label: string): string => $(view, `th[data-column="${label}"] .uca-head-count`).textContent ?? "";
/**
 * What a pattern cell shows: its mark is drawn by the stylesheet from the class (the cell holds
 * no text), and its label says the same to screen readers. Fails when the two disagree.
 */
const mark = (td: HTMLElement): "checked" | "unchecked" => {
  expect(td.textContent).toBe("");
  const checked = td.hasClass("is-checked");
  expect(td.hasClass("is-unchecked")).toBe(!checked);
  expect(td.getAttribute("aria-label")).toMatch(checked ? /: yes for / : /: no for /);
  return checked ? "checked" : "unchecked";
};
const rowOf = (view: ComparisonView, name: string): HTMLElement => {
  const tr = $$(view, "tbody tr.uca-study-row").find((r) => r.querySelector("td.uca-name")?.textContent === name);
  if (!tr) throw new Error(`no row ${name}`);
  return tr;
};
const patternCell = (view: ComparisonView, name: string, label: string): HTMLElement => {
  const cell = Array.from(rowOf(view, name).querySelectorAll<HTMLElement>("td.uca-cell")).find((td) => td.getAttribute("aria-label")?.startsWith(`${label}:`));
  if (!cell) throw new Error(`no cell ${label} in ${name}`);
  return cell;
};

const ALL_FIXED = ["company", "category", "industry", "year", "completeness"];

/** Chooses the fixed columns beside the study with the "Columns" popover, as a user does (by default all of them), and closes it with Escape. */
async function chooseFixed(view: ComparisonView, ids: readonly string[] = ALL_FIXED): Promise<void> {
  $(view, "button.uca-column-button").click();
  for (const box of $$(view, ".uca-column-popover input:not(:disabled)") as HTMLInputElement[]) {
    if (box.checked !== ids.includes(box.dataset.column ?? "")) box.click();
  }
  key($(view, ".uca-column-popover"), "Escape");
  await settle();
}

function change(el: HTMLInputElement | HTMLSelectElement, value: string, event = "change"): void {
  el.value = value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
}

function key(target: Element, k: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init }));
}

const VAULT: Record<string, string> = {
  "Use cases/Instacart - Hybrid search.md": studyNote({ company: "Instacart", category: "Search and Retrieval", industry: "E-commerce and retail", year: 2024, patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"], checklistDone: 7 }),
  "Use cases/Uber - ETA.md": studyNote({ company: "Uber", category: "Prediction and Forecasting", industry: "Delivery and mobility", year: 2022, patterns: ["Real-Time Inference", "Multi-Stage Funnel"] }),
  "Use cases/Ramp - Agents.md": studyNote({ company: "Ramp", category: "AI Agents and LLMs", industry: "Fintech and banking", year: 2025, patterns: ["RAG Pipeline", "Agentic Workflow"] }),
  "Articles/Some article.md": "---\ntype: use-case-article\nurl: https://example.com/a\n---\n",
  "Journal.md": "# just a note\n",
};

describe("opening the pattern comparison", () => {
  it("opens from the command and the ribbon button, reusing the open view", async () => {
    const { vault } = await open(VAULT);
    expect(vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)).toHaveLength(1);
    await vault.runCommand(OPEN_COMPARISON_COMMAND);
    await vault.clickRibbon("Open pattern comparison");
    await settle();
    expect(vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)).toHaveLength(1);
    const view = viewOf(vault);
    expect(view.getDisplayText()).toBe("Pattern comparison");
    expect(view.getIcon()).toBe("table-2");
  });

  it("is registered by the real plugin: command, ribbon button and view", async () => {
    const vault = createTestVault(VAULT);
    current = vault;
    await vault.loadPlugin(UseCaseAtlasPlugin);
    expect(vault.ribbonIcon("Open pattern comparison")).not.toBeNull();
    await vault.runCommand(OPEN_COMPARISON_COMMAND);
    await settle();
    expect(names(viewOf(vault)).sort()).toEqual(["Instacart - Hybrid search", "Ramp - Agents", "Uber - ETA"]);
  });
});

describe("with the real plugin and its pattern sync", () => {
  it("a cell click checks the pattern in the note: body checkbox and properties", async () => {
    const note = [
      "---", "type: use-case-analysis", "company: Uber", "# my comment stays", "patterns:", "  - Real-Time Inference", "---",
      "", "**Deployment Pattern**:", "- [ ] Batch Inference (offline predictions stored in DB)", "- [x] Real-Time Inference (API endpoint, synchronous)", "",
    ].join("\n");
    const vault = createTestVault({ "Use cases/Uber - ETA.md": note });
    current = vault;
    await vault.loadPlugin(UseCaseAtlasPlugin);
    await vault.runCommand(OPEN_COMPARISON_COMMAND);
    await settle();
    const view = viewOf(vault);
    patternCell(view, "Uber - ETA", "Batch Inference").click();
    expect(mark(patternCell(view, "Uber - ETA", "Batch Inference"))).toBe("checked");
    await settle();
    await settle();
    const text = vault.text("Use cases/Uber - ETA.md");
    expect(text).toContain("- [x] Batch Inference (offline predictions stored in DB)");
    expect(text).toContain("# my comment stays");
    expect(text).toMatch(/patterns:\n {2}- Batch Inference\n {2}- Real-Time Inference/);
    expect(mark(patternCell(view, "Uber - ETA", "Batch Inference"))).toBe("checked");
    expect(patternCell(view, "Uber - ETA", "Batch Inference").hasClass("is-pending")).toBe(false);
    expect(headCount(view, "Batch Inference")).toBe("1 · 100%");
  });
});

describe("the matrix", () => {
  it("marks a case study's row, so it is told from its analysis of the same name", async () => {
    const { view } = await open({
      "Use cases/Acme - Search.md": studyNote({ company: "Acme", patterns: ["RAG Pipeline"] }),
      "Case studies/Acme - Search.md": studyNote({ type: "case-study", company: "Acme", patterns: ["RAG Pipeline"] }),
    });
    const rows = $$(view, "tbody tr.uca-study-row");
    const badges = rows.map((r) => r.querySelector("td.uca-name .uca-kind-badge")?.textContent ?? null);
    expect(rows.map((r) => r.getAttribute("data-path"))).toEqual(["Case studies/Acme - Search.md", "Use cases/Acme - Search.md"]);
    expect(badges).toEqual(["case study", null]);
    expect(rows.map((r) => r.querySelector("td.uca-name a.uca-note-link")?.textContent)).toEqual(["Acme - Search", "Acme - Search"]);
  });

  it("lists every study (not articles or other notes) with its facts, counts and shares", async () => {
    const { view } = await open(VAULT);
    await chooseFixed(view);
    expect(names(view)).toEqual(["Instacart - Hybrid search", "Ramp - Agents", "Uber - ETA"]);
    const cells = Array.from(rowOf(view, "Instacart - Hybrid search").querySelectorAll("td")).slice(0, 6).map((td) => td.textContent);
    expect(cells).toEqual(["Instacart - Hybrid search", "Instacart", "Search and Retrieval", "E-commerce and retail", "2024", "7/10"]);
    expect(headCount(view, "Multi-Stage Funnel")).toBe("2 · 67%");
    expect(headCount(view, "Batch Inference")).toBe("0 · 0%");
    const groups = $$(view, "thead th.uca-group-head").map((th) => th.textContent);
    expect(groups).toEqual(["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns"]);
    expect(patternCell(view, "Uber - ETA", "Real-Time Inference").getAttribute("aria-label")).toBe("Real-Time Inference: yes for Uber - ETA");
    expect(patternCell(view, "Uber - ETA", "Batch Inference").getAttribute("aria-label")).toBe("Batch Inference: no for Uber - ETA");
    expect($(view, "table.uca-matrix").getAttribute("role")).toBe("grid");
  });

  it("follows creating, editing, renaming and deleting notes", async () => {
    const { view, vault } = await open(VAULT);

    await vault.write("Use cases/Netflix - Ranking.md", studyNote({ company: "Netflix", year: 2023, patterns: ["Multi-Stage Funnel", "Batch Inference"] }));
    await settle();
    expect(names(view)).toContain("Netflix - Ranking");
    expect(headCount(view, "Multi-Stage Funnel")).toBe("3 · 75%");
    expect(headCount(view, "Batch Inference")).toBe("1 · 25%");

    await vault.write("Use cases/Uber - ETA.md", studyNote({ company: "Uber", year: 2022, patterns: ["Real-Time Inference"] }));
    await settle();
    expect(headCount(view, "Multi-Stage Funnel")).toBe("2 · 50%");
    // Unchecked: no text (the dot is the stylesheet's), the class and the label say so.
    const unchecked = patternCell(view, "Uber - ETA", "Multi-Stage Funnel");
    expect(mark(unchecked)).toBe("unchecked");
    expect(unchecked.getAttr("aria-label")).toBe("Multi-Stage Funnel: no for Uber - ETA");

    await vault.rename("Use cases/Ramp - Agents.md", "Use cases/Ramp - Expense agents.md");
    await settle();
    expect(names(view)).toContain("Ramp - Expense agents");
    expect(names(view)).not.toContain("Ramp - Agents");

    await vault.remove("Use cases/Netflix - Ranking.md");
    await settle();
    expect(names(view)).not.toContain("Netflix - Ranking");
    expect(headCount(view, "Batch Inference")).toBe("0 · 0%");
    expect($(view, ".uca-status").textContent).toBe("3 of 3 studies");
  });

  it("repaints only while shown: a hidden view stays stale until it is shown again", async () => {
    const { view, vault } = await open(VAULT);
    const host = view.containerEl.parentElement!;
    view.containerEl.remove();
    await vault.write("Use cases/New.md", studyNote({ company: "New" }));
    await settle();
    host.appendChild(view.containerEl);
    expect(names(view)).not.toContain("New"); // nothing drawn while hidden
    vault.app.workspace.trigger("active-leaf-change", null);
    await settle();
    expect(names(view)).toContain("New");
  });

  it("sorts by a column header, reversing on a second click, with aria-sort", async () => {
    const { view } = await open(VAULT);
    await chooseFixed(view, ["year"]);
    expect($(view, 'th[data-column="name"]').getAttribute("aria-sort")).toBe("ascending");
    $(view, 'th[data-column="year"] button').click();
    await settle();
    expect(names(view)).toEqual(["Uber - ETA", "Instacart - Hybrid search", "Ramp - Agents"]);
    expect($(view, 'th[data-column="year"]').getAttribute("aria-sort")).toBe("ascending");
    expect($(view, 'th[data-column="name"]').getAttribute("aria-sort")).toBe("none");
    $(view, 'th[data-column="year"] button').click();
    await settle();
    expect(names(view)).toEqual(["Ramp - Agents", "Instacart - Hybrid search", "Uber - ETA"]);
    expect($(view, 'th[data-column="year"]').getAttribute("aria-sort")).toBe("descending");
    // A pattern column: checked rows first.
    $(view, 'th[data-column="Multi-Stage Funnel"] button').click();
    await settle();
    expect(names(view)).toEqual(["Instacart - Hybrid search", "Uber - ETA", "Ramp - Agents"]);
  });

  it("groups rows by category, industry or year with subtotal rows", async () => {
    const files = { ...VAULT, "Use cases/Etsy - Search.md": studyNote({ company: "Etsy", category: "Search and Retrieval", year: 2024, patterns: ["Hybrid Retrieval"] }) };
    const { view } = await open(files);
    change($<HTMLSelectElement>(view, ".uca-filter-group select"), "category");
    await settle();
    const groupRows = $$(view, "tbody tr.uca-group-row").map((tr) => tr.querySelector("td")?.textContent);
    expect(groupRows).toEqual(["AI Agents and LLMs (1)", "Search and Retrieval (2)", "Prediction and Forecasting (1)"]);
    const search = $$(view, "tbody tr.uca-group-row")[1];
    const hybrid = Array.from(search.querySelectorAll("td.uca-cell")).find((td) => td.getAttribute("aria-label")?.startsWith("Hybrid Retrieval:"));
    expect(hybrid?.textContent).toBe("2");
    expect(hybrid?.getAttribute("aria-label")).toBe("Hybrid Retrieval: 2 of 2 in Search and Retrieval");
    const order = $$(view, "tbody tr").filter((tr) => !tr.hasClass("uca-spacer")).map((tr) => tr.querySelector("td")?.textContent);
    expect(order).toEqual(["AI Agents and LLMs (1)", "Ramp - Agents", "Search and Retrieval (2)", "Etsy - Search", "Instacart - Hybrid search", "Prediction and Forecasting (1)", "Uber - ETA"]);

    change($<HTMLSelectElement>(view, ".uca-filter-group select"), "year");
    await settle();
    expect($$(view, "tbody tr.uca-group-row").map((tr) => tr.querySelector("td")?.textContent)).toEqual(["2022 (1)", "2024 (2)", "2025 (1)"]);
  });

  it.each([
    ["category", (v: ComparisonView) => change($<HTMLSelectElement>(v, ".uca-filter-category select"), "Search and Retrieval"), ["Instacart - Hybrid search"]],
    ["industry", (v: ComparisonView) => change($<HTMLSelectElement>(v, ".uca-filter-industry select"), "Fintech and banking"), ["Ramp - Agents"]],
    ["year range", (v: ComparisonView) => { change($<HTMLInputElement>(v, 'input[aria-label="From year"]'), "2023"); change($<HTMLInputElement>(v, 'input[aria-label="To year"]'), "2024"); }, ["Instacart - Hybrid search"]],
    ["company text", (v: ComparisonView) => change($<HTMLInputElement>(v, ".uca-filter-company input"), "ub", "input"), ["Uber - ETA"]],
    ["has all of these patterns", (v: ComparisonView) => {
      // Chosen one by one from the "Add pattern" list; each choice applies at once.
      $<HTMLInputElement>(v, ".uca-filter-patterns input").click();
      for (const label of ["Multi-Stage Funnel", "Real-Time Inference"]) $$(v, ".uca-filter-patterns [role=option]").find((o) => o.textContent === label)!.click();
    }, ["Uber - ETA"]],
  ])("filters by %s", async (_what, apply, expected) => {
    const { view } = await open(VAULT);
    apply(view);
    await settle();
    expect(names(view)).toEqual(expected);
    expect($(view, ".uca-status").textContent).toBe(`${expected.length} of 3 studies`);
    // The header's counts and shares are over the visible rows.
    expect($(view, "thead th.uca-fixed-group").textContent).toBe(`${expected.length} of 3 studies`);
  });

  it("the years filter as they are typed, like the company; what is not a year is refused with a hint and changes nothing", async () => {
    const { view } = await open(VAULT);
    const from = $<HTMLInputElement>(view, 'input[aria-label="From year"]');
    const hint = $(view, ".uca-filter-hint");
    // "202" on the way to "2024": nothing yet, and no hint.
    change(from, "202", "input");
    await settle();
    expect(names(view)).toHaveLength(3);
    expect(hint.textContent).toBe("");
    change(from, "2024", "input");
    await settle();
    expect(names(view)).toEqual(["Instacart - Hybrid search", "Ramp - Agents"]);
    // Not a year: refused, the rows stay as they were.
    for (const [value, event] of [["20x4", "input"], ["24", "change"], ["-2024", "input"]] as const) {
      change(from, value, event);
      await settle();
      expect(names(view)).toEqual(["Instacart - Hybrid search", "Ramp - Agents"]);
      expect(hint.textContent).toBe("Enter a four-digit year, e.g. 2024.");
      expect(from.getAttribute("aria-invalid")).not.toBeNull();
    }
    change(from, "", "input");
    await settle();
    expect(names(view)).toHaveLength(3);
    expect(hint.textContent).toBe("");
    expect(from.hasAttribute("aria-invalid")).toBe(false);
  });

  it("says which filter hides everything and clears filters on request", async () => {
    const { view, vault } = await open(VAULT);
    const saveLayout = jest.spyOn(vault.app.workspace, "requestSaveLayout");
    change($<HTMLSelectElement>(view, ".uca-filter-category select"), "Search and Retrieval");
    change($<HTMLInputElement>(view, 'input[aria-label="From year"]'), "2030");
    await settle();
    expect(names(view)).toEqual([]);
    expect($(view, ".uca-empty-reason").textContent).toBe("No study matches year ≥ 2030.");
    expect(saveLayout).toHaveBeenCalled();
    const clear = $$(view, ".uca-empty button").find((b) => b.textContent === "Clear filters")!;
    clear.click();
    await settle();
    expect(names(view)).toHaveLength(3);
    expect($<HTMLSelectElement>(view, ".uca-filter-category select").value).toBe("");
    expect($<HTMLInputElement>(view, 'input[aria-label="From year"]').value).toBe("");
  });

  it("teaches when there are no studies yet: a button runs the create command", async () => {
    const onNewAnalysis = jest.fn();
    const { view } = await open({ "Journal.md": "# hi\n" }, { onNewAnalysis });
    expect($(view, ".uca-empty").textContent).toContain("No use case analyses or case studies yet.");
    const button = $$(view, ".uca-empty button").find((b) => b.textContent === "Create your first use case analysis")!;
    button.click();
    expect(onNewAnalysis).toHaveBeenCalledTimes(1);
  });

  it("says it is reading until the metadata cache has resolved", async () => {
    const vault = createTestVault(VAULT);
    current = vault;
    const cache = vault.app.metadataCache as unknown as { resolved: boolean };
    cache.resolved = false;
    // The harness fires `resolved` on load; Obsidian fires it when indexing is done, maybe later.
    const trigger = jest.spyOn(vault.app.metadataCache, "trigger").mockImplementation(() => undefined);
    await vault.loadPlugin(comparisonPlugin());
    await vault.runCommand(OPEN_COMPARISON_COMMAND);
    await settle();
    const view = viewOf(vault);
    expect($(view, ".uca-status").textContent).toBe("Reading your notes…");
    trigger.mockRestore();
    cache.resolved = true;
    vault.app.metadataCache.trigger("resolved");
    await settle();
    expect(names(view)).toHaveLength(3);
  });

  it("lists notes that need attention, live", async () => {
    const { view, attention } = await open(VAULT);
    expect($$(view, ".uca-attention")).toHaveLength(0);
    attention.set([{ path: "Use cases/Broken.md", problem: "The properties are not valid YAML." }]);
    await settle();
    expect($(view, ".uca-attention h4").textContent).toBe("Notes that need attention (1)");
    expect($(view, ".uca-attention li").textContent).toBe("Use cases/Broken.md — The properties are not valid YAML.");
  });
});

describe("the fixed columns (issue 15)", () => {
  const heads = (view: ComparisonView): string[] => $$(view, "thead tr:last-child th").map((th) => th.dataset.column ?? "");

  it("shows the study and the patterns by default; the Columns popover adds and removes the others, by keyboard", async () => {
    const { view } = await open(VAULT);
    expect(heads(view)[0]).toBe("name");
    expect(heads(view)[1]).toBe("Batch Inference");
    // The corner spans the study's column only, with no blank cell beside it.
    const corner = $(view, "thead th.uca-fixed-group");
    expect(corner.hasAttribute("colspan")).toBe(false);
    expect(corner.nextElementSibling?.classList.contains("uca-group-head")).toBe(true);

    const button = $<HTMLButtonElement>(view, "button.uca-column-button");
    expect(button.getAttribute("aria-label")).toBe("Columns beside the study");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    button.focus();
    key(button, "ArrowDown");
    const popover = $(view, ".uca-column-popover");
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.getAttribute("aria-controls")).toBe(popover.id);
    expect(popover.getAttribute("role")).toBe("group");
    expect(popover.getAttribute("aria-label")).toBe("Columns beside the study");
    const boxes = $$(view, ".uca-column-popover input") as HTMLInputElement[];
    expect(boxes.map((b) => [b.dataset.column, b.checked, b.disabled])).toEqual([
      ["name", true, true], ["company", false, false], ["category", false, false], ["industry", false, false], ["year", false, false], ["completeness", false, false],
    ]);
    // Focus on the first box that can change; arrows move between them, wrapping.
    expect(document.activeElement).toBe(boxes[1]);
    key(boxes[1], "ArrowUp");
    expect(document.activeElement).toBe(boxes[5]);
    key(boxes[5], "ArrowDown");
    key(boxes[1], "ArrowDown");
    key(boxes[2], "End");
    key(boxes[5], "Home");
    key(boxes[1], "ArrowDown");
    key(boxes[2], "ArrowDown");
    key(boxes[3], "ArrowDown");
    expect(document.activeElement).toBe(boxes[4]);
    boxes[4].click(); // Space on a focused checkbox, as the browser does it
    await settle();
    expect(heads(view).slice(0, 3)).toEqual(["name", "year", "Batch Inference"]);
    // The popover stays open for the next box, in the toolbar the table is redrawn without.
    expect(popover.isConnected).toBe(true);
    boxes[1].click();
    await settle();
    expect(heads(view).slice(0, 4)).toEqual(["name", "company", "year", "Batch Inference"]);
    expect(rowOf(view, "Uber - ETA").querySelectorAll("td")[2]?.textContent).toBe("2022");
    // The corner still spans the study's column only; a blank cell covers the other two.
    expect($(view, "thead th.uca-fixed-group").nextElementSibling?.getAttribute("colspan")).toBe("2");

    key(document.activeElement!, "Escape");
    expect(popover.isConnected).toBe(false);
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);

    // Unticking takes a column away again; a click outside closes the popover.
    button.click();
    ($$(view, ".uca-column-popover input") as HTMLInputElement[])[1].click();
    await settle();
    expect(heads(view).slice(0, 3)).toEqual(["name", "year", "Batch Inference"]);
    $(view, ".uca-status").dispatchEvent(new MouseEvent("pointerdown", { bubbles: true }));
    expect(view.contentEl.querySelector(".uca-column-popover")).toBeNull();
  });

  it("keeps the choice in the view's state (layouts, restarts), exports follow it, other tabs hide the button", async () => {
    const { view, vault } = await open(VAULT);
    await chooseFixed(view, ["industry", "year"]);
    expect(view.getOptions().columns).toEqual(["name", "industry", "year"]);
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    await view.copyMarkdown();
    expect(String((writeText.mock.calls as unknown[][])[0]?.[0]).split("\n")[0]).toMatch(/^\| Study \| Industry \| Year \| Batch Inference \|/);

    const layout = JSON.parse(JSON.stringify({ type: VIEW_TYPE_COMPARISON, state: view.getState() })) as { type: string; state: Record<string, unknown> };
    vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)[0].detach();
    await vault.app.workspace.getLeaf("tab").setViewState(layout);
    await settle();
    const restored = viewOf(vault);
    expect(restored).not.toBe(view);
    expect(heads(restored).slice(0, 4)).toEqual(["name", "industry", "year", "Batch Inference"]);

    // Pattern names in `columns` are kept beside the choice.
    await restored.setState({ options: { tab: "matrix", columns: ["Deployment Pattern", "company"] } }, { history: false });
    await settle();
    await chooseFixed(restored, ["year"]);
    expect(restored.getOptions().columns).toEqual(["Deployment Pattern", "name", "year"]);
    expect(heads(restored)).toEqual(["name", "year", "Batch Inference", "Real-Time Inference", "Streaming Inference", "Edge/On-Device"]);

    const chooser = $(restored, ".uca-column-chooser");
    $$(restored, '[role="tab"]')[1].click();
    await settle();
    expect(chooser.hasClass("is-hidden")).toBe(true);
    $$(restored, '[role="tab"]')[0].click();
    await settle();
    expect(chooser.hasClass("is-hidden")).toBe(false);
  });

  it("gives a cut cell's full text in its tooltip; the cell's text, which screen readers read, is never cut", async () => {
    const long = "A very long category name that no narrow column could ever show whole";
    const files = { ...VAULT, "Use cases/Long.md": studyNote({ company: "Some company with a long name", category: long, year: 2023 }) };
    const { view } = await open(files);
    await chooseFixed(view, ["company", "category", "year"]);
    const cells = Array.from(rowOf(view, "Long").querySelectorAll("td")).slice(0, 4);
    expect(cells.map((td) => td.textContent)).toEqual(["Long", "Some company with a long name", long, "2023"]);
    expect(cells.map((td) => td.getAttribute("title"))).toEqual(["Long\nUse cases/Long.md", "Some company with a long name", long, null]);
    expect(rowOf(view, "Uber - ETA").querySelectorAll("td")[2]?.getAttribute("title")).toBe("Prediction and Forecasting");
  });

  it("a subtotal's label sits in the pinned study column; the keyboard passes over the blank cell beside it", async () => {
    const { view } = await open(VAULT);
    await chooseFixed(view);
    change($<HTMLSelectElement>(view, ".uca-filter-group select"), "year");
    await settle();
    const group = $$(view, "tbody tr.uca-group-row")[0];
    const [label, filler] = Array.from(group.children) as HTMLElement[];
    expect(label.textContent).toBe("2022 (1)");
    expect(label.hasAttribute("colspan")).toBe(false);
    expect(label.getAttribute("title")).toBe("2022");
    expect(filler.getAttribute("colspan")).toBe("5");
    expect(filler.hasAttribute("data-col")).toBe(false);
    // From a study's company cell Up into the subtotal row: its label, not the blank cell.
    const uber = rowOf(view, "Uber - ETA");
    const company = uber.querySelectorAll<HTMLElement>("td")[1];
    company.focus();
    key(company, "ArrowUp");
    expect(document.activeElement).toBe(label);
    key(label, "ArrowRight");
    expect((document.activeElement as HTMLElement).dataset.col).toBe("6");
    key(document.activeElement!, "ArrowLeft");
    expect(document.activeElement).toBe(label);
  });
});

describe("links from the view", () => {
  it("opens a note on click, in a new tab with a modifier, and asks for a page preview on hover", async () => {
    const { view, vault } = await open(VAULT);
    const openLinkText = jest.spyOn(vault.app.workspace, "openLinkText").mockResolvedValue(undefined);
    const trigger = jest.spyOn(vault.app.workspace, "trigger");
    const link = rowOf(view, "Uber - ETA").querySelector<HTMLElement>("a.uca-note-link")!;
    link.click();
    expect(openLinkText).toHaveBeenLastCalledWith("Use cases/Uber - ETA.md", "", false);
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true, metaKey: true }));
    expect(openLinkText).toHaveBeenLastCalledWith("Use cases/Uber - ETA.md", "", "tab");
    link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    const hover = trigger.mock.calls.find((c) => c[0] === "hover-link")?.[1] as Record<string, unknown> | undefined;
    // Compared by identity: the mock's strict proxy refuses Jest's deep-equality probes.
    expect(hover?.source).toBe(VIEW_TYPE_COMPARISON);
    expect(hover?.hoverParent).toBe(view);
    expect(hover?.targetEl).toBe(link);
    expect(hover?.linktext).toBe("Use cases/Uber - ETA.md");
    expect(hover?.event).toBeInstanceOf(MouseEvent);
  });
});

describe("toggling a pattern from a cell", () => {
  it("calls the toggler with the note and label and shows the change at once", async () => {
    const { view, vault, toggler } = await open(VAULT);
    const cell = patternCell(view, "Uber - ETA", "Batch Inference");
    cell.click();
    expect(toggler.calls.map(({ path, label, checked }) => ({ path, label, checked }))).toEqual([{ path: "Use cases/Uber - ETA.md", label: "Batch Inference", checked: true }]);
    // Shown at once, before the write finishes and before any frame.
    const now = patternCell(view, "Uber - ETA", "Batch Inference");
    expect(mark(now)).toBe("checked");
    expect(now.hasClass("is-pending")).toBe(true);
    expect(now.getAttribute("aria-label")).toBe("Batch Inference: yes for Uber - ETA");

    // What the sync does: the note changes, the cache follows, the index follows.
    await vault.write("Use cases/Uber - ETA.md", studyNote({ company: "Uber", category: "Prediction and Forecasting", industry: "Delivery and mobility", year: 2022, patterns: ["Batch Inference", "Real-Time Inference", "Multi-Stage Funnel"] }));
    toggler.calls[0].resolve();
    await settle();
    const done = patternCell(view, "Uber - ETA", "Batch Inference");
    expect(mark(done)).toBe("checked");
    expect(done.hasClass("is-pending")).toBe(false);
    expect(headCount(view, "Batch Inference")).toBe("1 · 33%");
  });

  it("reverts the cell and says why when the write fails", async () => {
    const { view, vault, toggler } = await open(VAULT);
    patternCell(view, "Instacart - Hybrid search", "Hybrid Retrieval").click();
    expect(mark(patternCell(view, "Instacart - Hybrid search", "Hybrid Retrieval"))).toBe("unchecked");
    toggler.calls[0].reject(new Error("The properties are not valid YAML."));
    await settle();
    expect(mark(patternCell(view, "Instacart - Hybrid search", "Hybrid Retrieval"))).toBe("checked");
    expect(toggler.calls[0].checked).toBe(false);
    expect(vault.notices()).toContain("Could not uncheck \"Hybrid Retrieval\" in \"Instacart - Hybrid search\": The properties are not valid YAML.");
  });

  it("is read-only, with a notice, when no toggler is wired", async () => {
    const { view, vault } = await open(VAULT, { toggler: null });
    const cell = patternCell(view, "Uber - ETA", "Batch Inference");
    expect(cell.hasClass("is-readonly")).toBe(true);
    cell.click();
    expect(mark(patternCell(view, "Uber - ETA", "Batch Inference"))).toBe("unchecked");
    expect(vault.notices()).toContain("Pattern editing is not available: the pattern sync is not loaded.");
  });
});

describe("keyboard navigation between cells", () => {
  it("moves focus with the arrow keys, Home and End, and toggles with Enter and Space", async () => {
    const { view, toggler } = await open(VAULT);
    await chooseFixed(view);
    const start = $(view, 'tbody td[tabindex="0"]');
    expect($$(view, 'tbody td[tabindex="0"]')).toHaveLength(1); // one tab stop in the grid
    start.focus();
    const pos = (): [string | undefined, string | undefined] => {
      const el = document.activeElement as HTMLElement;
      return [el.closest<HTMLElement>("tr")?.dataset.row, el.dataset.col];
    };
    expect(pos()).toEqual(["0", "0"]);
    key(document.activeElement!, "ArrowRight");
    expect(pos()).toEqual(["0", "1"]);
    key(document.activeElement!, "ArrowDown");
    expect(pos()).toEqual(["1", "1"]);
    key(document.activeElement!, "End");
    expect(pos()).toEqual(["1", String(6 + 17 - 1)]);
    key(document.activeElement!, "Home");
    expect(pos()).toEqual(["1", "0"]);
    key(document.activeElement!, "ArrowUp");
    expect(pos()).toEqual(["0", "0"]);
    key(document.activeElement!, "End", { ctrlKey: true });
    expect(pos()).toEqual(["2", String(6 + 17 - 1)]);
    expect(document.activeElement?.getAttribute("tabindex")).toBe("0");
    expect($$(view, 'tbody td[tabindex="0"]')).toEqual([document.activeElement]); // still the only tab stop

    // Enter on a pattern cell toggles it; Space too.
    for (let i = 0; i < 6; i++) key(document.activeElement!, "ArrowLeft");
    const label = (document.activeElement as HTMLElement).getAttribute("aria-label")!;
    key(document.activeElement!, "Enter");
    expect(toggler.calls).toHaveLength(1);
    expect(label.startsWith(`${toggler.calls[0].label}:`)).toBe(true);
    key(document.activeElement!, "ArrowLeft");
    key(document.activeElement!, " ");
    expect(toggler.calls).toHaveLength(2);
  });

  it("the column headers are one Tab stop: arrows move along them, Down and Up cross into and out of the grid, Enter sorts and keeps the focus", async () => {
    const { view } = await open(VAULT);
    await chooseFixed(view);
    const tabbable = (): HTMLElement[] => $$(view, "thead button, thead [tabindex]").filter((el) => el.getAttribute("tabindex") !== "-1");
    const headerOf = (el: Element | null): string | undefined => el?.closest<HTMLElement>("th")?.dataset.column;
    // One stop in the header row, on the sorted column (the study name by default).
    expect(tabbable()).toHaveLength(1);
    expect(headerOf(tabbable()[0])).toBe("name");

    tabbable()[0].focus();
    key(document.activeElement!, "ArrowRight");
    expect(headerOf(document.activeElement)).toBe("company");
    expect(tabbable().map(headerOf)).toEqual(["company"]); // the stop follows the focus
    key(document.activeElement!, "End");
    const last = headerOf(document.activeElement);
    expect(last).toBe($$(view, "thead th[data-column]").at(-1)?.dataset.column);
    key(document.activeElement!, "Home");
    for (let i = 0; i < 6; i++) key(document.activeElement!, "ArrowRight");
    expect(headerOf(document.activeElement)).toBe("Batch Inference"); // the first pattern column

    // Down: into the grid, same column; Up from the first row: back to that column's header.
    key(document.activeElement!, "ArrowDown");
    const cell = document.activeElement as HTMLElement;
    expect(cell.closest<HTMLElement>("tr")?.dataset.row).toBe("0");
    expect(cell.dataset.col).toBe("6");
    expect(cell.getAttribute("aria-label")).toMatch(/^Batch Inference: /);
    key(cell, "ArrowUp");
    expect(headerOf(document.activeElement)).toBe("Batch Inference");

    // Enter sorts by that column (a native button) and the new header keeps the focus.
    (document.activeElement as HTMLElement).click();
    await settle();
    expect($(view, 'th[data-column="Batch Inference"]').getAttribute("aria-sort")).toBe("ascending");
    expect(headerOf(document.activeElement)).toBe("Batch Inference");
    expect(tabbable().map(headerOf)).toEqual(["Batch Inference"]);
  });

  it("keeps focus on the same study and column when the index changes under it", async () => {
    const { view, vault } = await open(VAULT);
    const cell = patternCell(view, "Uber - ETA", "Batch Inference");
    cell.focus();
    const col = cell.dataset.col;
    // A new study sorts before Uber: Uber's row index moves, the focus follows the study.
    await vault.write("Use cases/Lyft - Pricing.md", studyNote({ company: "Lyft" }));
    await settle();
    const el = document.activeElement as HTMLElement;
    expect(el.closest("tr")?.querySelector("td.uca-name")?.textContent).toBe("Uber - ETA");
    expect(el.dataset.col).toBe(col);
    expect($$(view, 'tbody td[tabindex="0"]')).toEqual([el]);
  });

  it("Enter on a study's name opens the note", async () => {
    const { view, vault } = await open(VAULT);
    const openLinkText = jest.spyOn(vault.app.workspace, "openLinkText").mockResolvedValue(undefined);
    const start = $(view, 'tbody td[tabindex="0"]');
    start.focus();
    key(start, "Enter");
    expect(openLinkText).toHaveBeenCalledWith("Use cases/Instacart - Hybrid search.md", "", false);
  });
});

describe("10,000 studies", () => {
  const VIEWPORT = 400;
  let restore: (() => void) | null = null;
  // jsdom has no layout: give the scroll box a height, as a real window would.
  beforeAll(() => { restore = giveHeight("uca-scroll", VIEWPORT); });
  afterAll(() => restore?.());

  function studies(n: number): Study[] {
    const out: Study[] = [];
    for (let i = 0; i < n; i++) {
      out.push(study({
        path: `S/Study ${String(i).padStart(5, "0")}.md`,
        company: `Company ${i % 97}`, category: i % 2 ? "Search and Retrieval" : "AI Agents and LLMs", industry: "Tech",
        year: 2020 + (i % 6), patterns: i % 3 ? ["Batch Inference"] : ["RAG Pipeline", "Multi-Stage Funnel"],
      }));
    }
    return out;
  }

  // Built once: studies are values (the index never changes one, it replaces it), so every test
  // can share them, and the per-study keys the comparison caches are worked out once, not per test.
  let big: Study[] | null = null;

  async function bigView(): Promise<Opened> {
    const opened = await open({});
    const index = opened.plugin.feature.service.index;
    big ??= studies(10_000).map((s) => Object.freeze(s));
    const all = big;
    index.batch(() => { for (const s of all) index.set(s); });
    await settle();
    return opened;
  }

  it("keeps only the rows in view in the DOM, with spacers for the rest", async () => {
    const { view } = await bigView();
    const bound = maxWindowRows(TEST_LAYOUT.rowHeight, VIEWPORT, TEST_LAYOUT.overscan);
    const rows = $$(view, "tbody tr.uca-study-row");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(bound);
    expect(names(view)[0]).toBe("Study 00000");
    expect(headCount(view, "Batch Inference")).toBe("6,666 · 67%");
    const bottom = $$(view, "tbody tr.uca-spacer td").at(-1)!;
    expect(bottom.style.getPropertyValue("--uca-spacer-height")).toBe(`${(10_000 - rows.length) * TEST_LAYOUT.rowHeight}px`);
    expect($(view, "table.uca-matrix").getAttribute("aria-rowcount")).toBe(String(10_000 + 2));
  });

  it("draws the rows at the scroll position, still bounded, at most once per frame", async () => {
    const { view } = await bigView();
    const scroll = $(view, ".uca-scroll");
    const frames = jest.spyOn(window, "requestAnimationFrame");
    for (let i = 1; i <= 5; i++) {
      scroll.scrollTop = 5000 * TEST_LAYOUT.rowHeight + i;
      scroll.dispatchEvent(new Event("scroll"));
    }
    expect(frames).toHaveBeenCalledTimes(1); // five scroll events, one frame
    await settle();
    const drawn = $$(view, "tbody tr.uca-study-row").map((tr) => Number(tr.dataset.row));
    expect(drawn).toContain(5000);
    expect(drawn.length).toBeLessThanOrEqual(maxWindowRows(TEST_LAYOUT.rowHeight, VIEWPORT, TEST_LAYOUT.overscan));
    expect(Math.min(...drawn)).toBe(5000 - TEST_LAYOUT.overscan);
    const top = $(view, "tbody tr.uca-spacer td");
    expect(top.style.getPropertyValue("--uca-spacer-height")).toBe(`${(5000 - TEST_LAYOUT.overscan) * TEST_LAYOUT.rowHeight}px`);
  });

  it("keeps the scroll position when a note changes", async () => {
    const { view, plugin } = await bigView();
    const scroll = $(view, ".uca-scroll");
    scroll.scrollTop = 5000 * TEST_LAYOUT.rowHeight;
    scroll.dispatchEvent(new Event("scroll"));
    await settle();
    const index = plugin.feature.service.index;
    index.set({ ...index.get("S/Study 00001.md")!, company: "Renamed Inc" });
    await settle();
    const after = $(view, ".uca-scroll");
    expect(after.scrollTop).toBe(5000 * TEST_LAYOUT.rowHeight);
    expect($$(view, "tbody tr.uca-study-row").map((tr) => Number(tr.dataset.row))).toContain(5000);
  });

  it("draws a filter, a sort, a group or a note change over the same table: its rows refilled, the scroll kept unwritten", async () => {
    const { view, plugin } = await bigView();
    // A year column to sort by (the compact default shows the study and the patterns).
    await chooseFixed(view, ["year"]);
    const scroll = $(view, ".uca-scroll");
    const table = $<HTMLTableElement>(view, "table.uca-matrix");
    const rowEls = $$(view, "tbody tr.uca-study-row");
    scroll.scrollTop = 5000 * TEST_LAYOUT.rowHeight;
    scroll.dispatchEvent(new Event("scroll"));
    await settle();
    // A write of the scroll position lays the page out in the middle of the frame: none is made.
    const writes = jest.spyOn(scroll, "scrollTop", "set");
    const index = plugin.feature.service.index;
    index.set({ ...index.get("S/Study 00001.md")!, company: "Renamed Inc" });
    await settle();
    change($<HTMLInputElement>(view, ".uca-filter-company input"), "company 1", "input");
    await settle();
    view.sortBy("year");
    await settle();
    change($<HTMLSelectElement>(view, ".uca-filter-group select"), "category");
    await settle();
    expect($(view, ".uca-scroll")).toBe(scroll);
    expect($(view, "table.uca-matrix")).toBe(table);
    expect(writes).not.toHaveBeenCalled();
    // The rows drawn are the same elements, showing the new order.
    const now = $$(view, "tbody tr.uca-study-row");
    expect(now.filter((tr) => rowEls.includes(tr)).length).toBeGreaterThan(rowEls.length / 2);
    expect($$(view, "thead th[data-column=\"year\"]")[0]?.getAttribute("aria-sort")).toBe("ascending");
    expect(table.tHead?.nextElementSibling).toBe(table.tBodies[0]);
    expect(table.querySelectorAll(":scope > colgroup, :scope > thead")).toHaveLength(2);
    // A tab switch and back draws a new table, at the top.
    view.setTab("pivot");
    await settle();
    view.setTab("matrix");
    await settle();
    expect($(view, "table.uca-matrix")).not.toBe(table);
  });

  it("moves keyboard focus to rows not drawn yet (Ctrl+End, PageDown)", async () => {
    const { view } = await bigView();
    const start = $(view, 'tbody td[tabindex="0"]');
    start.focus();
    key(start, "End", { ctrlKey: true });
    const el = document.activeElement as HTMLElement;
    expect(el.closest<HTMLElement>("tr")?.dataset.row).toBe("9999");
    expect(el.closest<HTMLElement>("tr")?.querySelector("td.uca-name")?.textContent).toBe("Study 09999");
    key(el, "Home", { ctrlKey: true });
    key(document.activeElement!, "PageDown");
    const page = Math.floor(VIEWPORT / TEST_LAYOUT.rowHeight);
    expect((document.activeElement as HTMLElement).closest<HTMLElement>("tr")?.dataset.row).toBe(String(page));
    // However far the focus travelled through recycled rows, the grid has one tab stop: the focused cell.
    expect($$(view, 'tbody td[tabindex="0"]')).toEqual([document.activeElement]);
    expect($$(view, "tbody tr.uca-study-row").length).toBeLessThanOrEqual(maxWindowRows(TEST_LAYOUT.rowHeight, VIEWPORT, TEST_LAYOUT.overscan));
  });

  it("filters and sorts 10,000 studies", async () => {
    const { view } = await bigView();
    await chooseFixed(view);
    change($<HTMLInputElement>(view, ".uca-filter-company input"), "Company 5", "input");
    $(view, 'th[data-column="year"] button').click();
    await settle();
    // Company 5 and Company 50–59: 11 of 97 companies.
    const status = $(view, ".uca-status").textContent ?? "";
    expect(status).toMatch(/^\d{1,3}(,\d{3})* of 10,000 studies$/);
    const years = $$(view, "tbody tr.uca-study-row").map((tr) => Number(tr.querySelectorAll("td")[4]?.textContent));
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });
});

describe("the other tabs", () => {
  const STACK_VAULT: Record<string, string> = {
    ...VAULT,
    "Use cases/Stripe - Fraud.md": studyNote({ company: "Stripe", industry: "Fintech and banking", year: 2024, patterns: ["Real-Time Inference", "Multi-Stage Funnel"], stack: [["Feature store", "Feast"], ["Model serving", "Triton"]] }),
    "Use cases/Adyen - Risk.md": studyNote({ company: "Adyen", industry: "Fintech and banking", year: 2023, patterns: ["Real-Time Inference"], stack: [["Feature store", "feast"], ["Feature store", "Tecton"]] }),
  };

  it("switches tabs with buttons that say which is selected, also from the keyboard", async () => {
    const { view } = await open(VAULT);
    const tabs = $$(view, '[role="tab"]');
    expect(tabs.map((t) => [t.textContent, t.getAttribute("aria-selected")])).toEqual([["Matrix", "true"], ["Pivot", "false"], ["Co-occurrence", "false"], ["Tech stack", "false"], ["Trends", "false"]]);
    tabs[0].focus();
    key(tabs[0], "ArrowRight");
    await settle();
    expect(view.getOptions().tab).toBe("pivot");
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1].getAttribute("aria-selected")).toBe("true");
    expect($$(view, "table.uca-pivot")).toHaveLength(1);
  });

  it("pivot: pattern × industry heat map with the count and the share printed in every cell", async () => {
    const { view } = await open(STACK_VAULT);
    $$(view, '[role="tab"]')[1].click();
    await settle();
    const head = $$(view, "table.uca-pivot thead th").map((th) => th.textContent);
    expect(head[0]).toBe("Pattern \\ Industry");
    const row = $$(view, "table.uca-pivot tbody tr").find((tr) => tr.querySelector("th")?.textContent === "Real-Time Inference")!;
    const cells = Array.from(row.querySelectorAll("td.uca-heat"));
    // Every cell prints its count and its share (colour is never the only carrier).
    for (const td of cells) expect(td.textContent).toMatch(/^\d+\d+%$/);
    const fintech = cells.find((td) => td.getAttribute("aria-label")?.includes("in Fintech and banking"))!;
    expect(fintech.querySelector(".uca-heat-count")?.textContent).toBe("2");
    expect(fintech.querySelector(".uca-heat-share")?.textContent).toBe("67%");
    expect(fintech.className).toMatch(/uca-heat-4/);
    const none = cells.find((td) => td.querySelector(".uca-heat-count")?.textContent === "0")!;
    expect(none.className).toMatch(/uca-heat-0/);
    // Pivot by category instead.
    change($<HTMLSelectElement>(view, ".uca-filter-pivot select"), "category");
    await settle();
    expect($$(view, "table.uca-pivot thead th")[0]?.textContent).toBe("Pattern \\ Category");
  });

  it("co-occurrence: counts and lift; a click lists the studies with both patterns", async () => {
    const { view } = await open(STACK_VAULT);
    $$(view, '[role="tab"]')[2].click();
    await settle();
    const cell = $$(view, "td.uca-cooc-cell").find((td) => td.getAttribute("aria-label")?.startsWith("Real-Time Inference with Multi-Stage Funnel:"))!;
    expect(cell.querySelector(".uca-heat-count")?.textContent).toBe("2");
    expect(cell.querySelector(".uca-lift")?.textContent).toMatch(/^×\d+\.\d\d$/);
    cell.click();
    expect($$(view, ".uca-cooc-studies li").map((li) => li.textContent)).toEqual(["Stripe - Fraud", "Uber - ETA"]);
    expect($(view, ".uca-cooc-studies h4").textContent).toBe("Studies with Real-Time Inference and Multi-Stage Funnel (2)");
  });

  it("stack: component × technology counts from the tech stack tables, spellings merged", async () => {
    const { view } = await open(STACK_VAULT);
    $$(view, '[role="tab"]')[3].click();
    await settle();
    await settle();
    // One row group per component: its name once (the rows' header, spanning them), not on every row.
    const groups = () => $$(view, "table.uca-stack tbody.uca-stack-group").map((tbody) => {
      const th = tbody.querySelector("th")!;
      return {
        header: [th.querySelector(".uca-stack-name")?.textContent, th.querySelector(".uca-stack-count")?.textContent],
        scope: th.getAttribute("scope"),
        rowspan: Number(th.getAttribute("rowspan")),
        headers: tbody.querySelectorAll("th").length,
        rows: Array.from((tbody as HTMLTableSectionElement).rows).map((tr) => Array.from(tr.querySelectorAll("td")).slice(0, 2).map((td) => td.textContent)),
      };
    });
    expect(groups()).toEqual([
      { header: ["Feature store", "2 studies"], scope: "rowgroup", rowspan: 2, headers: 1, rows: [["Feast", "2"], ["Tecton", "1"]] },
      { header: ["Model serving", "1 study"], scope: "rowgroup", rowspan: 1, headers: 1, rows: [["Triton", "1"]] },
    ]);
    expect($(view, "table.uca-stack").textContent.match(/Feature store/g)).toHaveLength(1);
    // Filter to fintech: the same table, fewer studies.
    change($<HTMLSelectElement>(view, ".uca-filter-industry select"), "Fintech and banking");
    await settle();
    expect(groups().map((g) => g.header)).toEqual([["Feature store", "2 studies"], ["Model serving", "1 study"]]);
  });
});

describe("exports", () => {
  const HOSTILE: Record<string, string> = {
    ...VAULT,
    "Use cases/Evil.md": studyNote({ company: "=HYPERLINK(\"http://x\")", category: "A | B <script>alert(1)</script>", patterns: ["Batch Inference"] }),
  };

  function expectedResult(plugin: TestPlugin, view: ComparisonView) {
    const ctx = atlasContext(plugin);
    return compare(plugin.feature.service.index.all(), ctx.studyContext(), view.getOptions());
  }

  it("copies the current tab as the core's Markdown table", async () => {
    const { view, plugin } = await open(HOSTILE);
    await chooseFixed(view);
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    await view.copyMarkdown();
    const expected = toMarkdownTable(toTable(expectedResult(plugin, view), { links: true }));
    expect(writeText).toHaveBeenCalledWith(expected);
    expect(expected).toContain("A \\| B &lt;script>");
  });

  it("saves a CSV file named in a modal, never over an existing file", async () => {
    const { view, plugin, vault } = await open(HOSTILE);
    await chooseFixed(view);
    const save = async (name: string): Promise<void> => {
      const pending = view.saveCsv();
      await vault.settle();
      const modal = vault.topModal()!;
      expect(modal.modalEl.isConnected).toBe(true);
      const input = modal.contentEl.querySelector<HTMLInputElement>("input.uca-file-name-input")!;
      expect(input.value).toMatch(/^Pattern comparison \d{4}-\d{2}-\d{2}$/);
      input.value = name;
      key(input, "Enter");
      await pending;
    };
    await save("My export");
    await save("My export");
    const expected = toCsv(toTable(expectedResult(plugin, view)));
    expect(vault.text("Use cases/My export.csv")).toBe(expected);
    expect(vault.text("Use cases/My export 2.csv")).toBe(expected);
    expect(vault.notices()).toContain("Saved Use cases/My export 2.csv");
    expect(expected).toContain("'=HYPERLINK(\"\"http://x\"\")");
  });

  it("saves a dated snapshot note of the current tab and opens it", async () => {
    const { view, plugin, vault } = await open(HOSTILE);
    $$(view, '[role="tab"]')[1].click();
    await settle();
    await view.saveSnapshot();
    const date = new Date();
    const ymd = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    const path = `Use cases/Pattern comparison ${ymd}.md`;
    const result = expectedResult(plugin, view);
    expect(result.kind).toBe("pivot");
    expect(vault.text(path)).toBe(snapshotNote(toTable(result, { links: true }), { title: "Pattern comparison", date: ymd, result }));
    expect(vault.activeFile()?.path).toBe(path);
    await view.saveSnapshot();
    // A second snapshot the same day is named as a second note of one name is: " 2".
    expect(vault.exists(`Use cases/Pattern comparison ${ymd} 2.md`)).toBe(true);
  });
});

describe("view state", () => {
  it("round-trips through getState/setState and survives a restart", async () => {
    const { view, vault } = await open(VAULT);
    const saved = {
      options: {
        tab: "matrix", filter: { industries: ["Fintech and banking"], yearFrom: 2020, company: "ra" },
        groupBy: "year", sort: { column: "company", direction: "desc" }, pivotBy: "category",
      },
    };
    await view.setState(saved, { history: false });
    expect(view.getState()).toEqual({
      // No fixed column chosen: the compact default, named.
      options: { tab: "matrix", filter: { industries: ["Fintech and banking"], yearFrom: 2020, company: "ra" }, groupBy: "year", sort: { column: "company", direction: "desc" }, pivotBy: "category", columns: ["name"] },
    });
    await settle();
    expect(names(view)).toEqual(["Ramp - Agents"]);

    // A restart: Obsidian saves the leaf's view state as JSON and gives it to a new view.
    const leaf = vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)[0];
    // What Obsidian writes to workspace.json for the leaf (the harness' getViewState leaves out the view's state).
    const layout = JSON.parse(JSON.stringify({ type: VIEW_TYPE_COMPARISON, state: view.getState() })) as { type: string; state: Record<string, unknown> };
    leaf.detach();
    const fresh = vault.app.workspace.getLeaf("tab");
    await fresh.setViewState(layout);
    await settle();
    const restored = viewOf(vault);
    expect(restored).not.toBe(view);
    expect(restored.getState()).toEqual(view.getState());
    expect($<HTMLSelectElement>(restored, ".uca-filter-industry select").value).toBe("Fintech and banking");
    expect($<HTMLSelectElement>(restored, ".uca-filter-group select").value).toBe("year");
    expect($<HTMLInputElement>(restored, ".uca-filter-company input").value).toBe("ra");
    expect(names(restored)).toEqual(["Ramp - Agents"]);
  });

  it("keeps the chosen patterns in the view state: chips again after a restart, and Clear filters empties them", async () => {
    const { view, vault } = await open(VAULT);
    const input = $<HTMLInputElement>(view, ".uca-filter-patterns input");
    input.focus();
    input.value = "funnel";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key(input, "Enter");
    await settle();
    expect(view.getState()).toMatchObject({ options: { filter: { patterns: ["Multi-Stage Funnel"] } } });
    expect(names(view)).toEqual(["Instacart - Hybrid search", "Uber - ETA"]);
    const layout = JSON.parse(JSON.stringify({ type: VIEW_TYPE_COMPARISON, state: view.getState() })) as { type: string; state: Record<string, unknown> };
    vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)[0].detach();
    await vault.app.workspace.getLeaf("tab").setViewState(layout);
    await settle();
    const restored = viewOf(vault);
    expect($$(restored, ".uca-filter-patterns .uca-chip-label").map((c) => c.textContent)).toEqual(["Multi-Stage Funnel"]);
    expect(names(restored)).toEqual(["Instacart - Hybrid search", "Uber - ETA"]);
    $(restored, ".uca-clear-filters").click();
    await settle();
    expect($$(restored, ".uca-filter-patterns .uca-chip")).toHaveLength(0);
    expect(names(restored)).toHaveLength(3);
  });

  it("falls back to the defaults when a saved state no longer parses", async () => {
    const { view } = await open(VAULT);
    await view.setState({ options: { tab: "spreadsheet" } }, { history: false });
    expect(view.getOptions().tab).toBe("matrix");
    await settle();
    expect(names(view)).toHaveLength(3);
  });
});

describe("a user's own pattern (issue 15)", () => {
  const OWN = "---\ntype: use-case-analysis\ncompany: Mine\npatterns:\n  - Graph Features\n---\n\n# Study\n\n**Design Patterns Observed**:\n- [ ] Multi-Stage Funnel\n- [x] Graph Features\n";

  it("is shown in the group its note ticks it under: the matrix's header, the core's result and the pattern filter's list agree", async () => {
    const { view, plugin } = await open({ ...VAULT, "Use cases/Mine - Graph.md": OWN });
    await settle();
    const result = compare(plugin.feature.service.index.all(), atlasContext(plugin).studyContext(), view.getOptions());
    if (result.kind !== "matrix") throw new Error("matrix expected");
    expect(result.patternColumns.find((c) => c.label === "Graph Features")?.group).toBe("Design Patterns Observed");
    expect(result.patternGroups.map((g) => g.name)).not.toContain("Other");
    // The header: no "Other" group; the column sits under "Design Patterns Observed".
    const heads = $$(view, "thead th.uca-group-head").map((th) => th.textContent);
    expect(heads).toEqual(["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns"]);
    $<HTMLInputElement>(view, ".uca-filter-patterns input").click();
    const design = $$(view, ".uca-filter-patterns [role=group]").find((g) => g.querySelector(".uca-pattern-group-name")?.textContent === "Design Patterns Observed")!;
    expect(Array.from(design.querySelectorAll("[role=option]")).map((o) => o.textContent).at(-1)).toBe("Graph Features");
  });
});

describe("not asked (issue 16)", () => {
  /** Written from an older template: its only pattern group has one box, so the other known patterns were not asked. */
  const OLDER = "---\ntype: use-case-analysis\ncompany: Old\npatterns:\n  - Multi-Stage Funnel\n---\n\n# Study\n\n**Design Patterns Observed**:\n- [x] Multi-Stage Funnel\n";
  const FILES: Record<string, string> = {
    "Use cases/Old - Search.md": OLDER,
    "Use cases/Uber - ETA.md": studyNote({ company: "Uber", year: 2022, patterns: ["Real-Time Inference", "Multi-Stage Funnel"] }),
  };

  it("draws a not-asked cell apart, with its label and title, and leaves it out of the column's share", async () => {
    const { view } = await open(FILES);
    const cell = patternCell(view, "Old - Search", "Real-Time Inference");
    expect(cell.textContent).toBe("");
    expect(cell.hasClass("is-not-asked")).toBe(true);
    expect(cell.hasClass("is-unchecked")).toBe(false);
    expect(cell.getAttribute("aria-label")).toBe("Real-Time Inference: not asked for Old - Search");
    expect(cell.getAttribute("title")).toMatch(/^Not asked/);
    // Asked and unticked stays "no".
    expect(mark(patternCell(view, "Uber - ETA", "Batch Inference"))).toBe("unchecked");
    // Uber was asked and has it; Old was not asked: 1 of 1, not 1 of 2.
    expect(headCount(view, "Real-Time Inference")).toBe("1 · 100%");
    expect($(view, 'th[data-column="Real-Time Inference"]').getAttribute("aria-label")).toBe("Real-Time Inference: 1 of 1 studies asked (100%); 1 not asked");
    expect(headCount(view, "Multi-Stage Funnel")).toBe("2 · 100%");
    expect($(view, ".uca-status").textContent).toContain("hatched cells: not asked");
  });

  it("ticking a not-asked cell asks the toggler to add the box", async () => {
    const { view, toggler } = await open(FILES);
    patternCell(view, "Old - Search", "Real-Time Inference").click();
    expect(toggler.calls.map((c) => [c.path, c.label, c.checked])).toEqual([["Use cases/Old - Search.md", "Real-Time Inference", true]]);
    expect(mark(patternCell(view, "Old - Search", "Real-Time Inference"))).toBe("checked");
  });
});
