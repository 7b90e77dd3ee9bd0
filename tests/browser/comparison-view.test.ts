/** @jest-environment node */
/**
 * The pattern comparison view in real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), driving the real plugin as a user would — ribbon, clicks, keys — in the
 * browser playground's /large/ page (playground/pages/large.ts):
 *
 * - `?vault=demo`: the command-line demo's fictional studies (src/cli/demo-data.ts), for the
 *   interactions and the screenshots;
 * - `?n=10000`: 10,000 synthetic studies, for the virtualised body.
 *
 * Screenshots of every tab in both themes go to .playground-build/screenshots/, or, with
 * UCA_UPDATE_SCREENSHOTS=1, to docs/manual/screenshots/ (the README's).
 *
 * Run alone: npx jest --selectProjects browser tests/browser/comparison-view
 */
import { statSync } from "fs";
import { resolve } from "path";
import type { BrowserContext, Page } from "playwright-core";
import { DEMO_STUDIES } from "../../src/cli/demo-data";
import { collectErrors, playgroundForFile, SCRATCH_SHOTS, SHOTS } from "./e2e-support";

const VIEW = ".workspace-leaf-content[data-type=\"use-case-atlas-comparison\"]";
const ROWS = `${VIEW} .uca-matrix tbody tr.uca-study-row`;

const served = playgroundForFile(["large"], "comparison-view");

interface Opened { page: Page; context: BrowserContext; errors: string[] }

/** Loads the page, then opens the view as a user does: the ribbon button. */
async function openView(query: string, viewport = { width: 1100, height: 700 }): Promise<Opened> {
  const context = await served.browser.newContext({ viewport, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${served.base}large/${query}`);
  await page.waitForSelector("body.playground-ready", { timeout: 60000 });
  await page.click('.side-dock-ribbon [aria-label="Open pattern comparison"]');
  await page.waitForSelector(ROWS, { timeout: 30000 });
  return { page, context, errors };
}

const ALL_FIXED = ["company", "category", "industry", "year", "completeness"];

/** Chooses the fixed columns beside the study with the "Columns" popover (by default all of them), as a user does, and closes it. */
async function chooseFixed(page: Page, ids: readonly string[] = ALL_FIXED): Promise<void> {
  await page.click(`${VIEW} button.uca-column-button`);
  for (const id of ALL_FIXED) {
    const box = page.locator(`${VIEW} .uca-column-popover input[data-column="${id}"]`);
    if ((await box.isChecked()) !== ids.includes(id)) await box.click();
  }
  await page.keyboard.press("Escape");
  const heads = ["name", ...ALL_FIXED.filter((id) => ids.includes(id))];
  await page.waitForFunction((want) => {
    const ths = Array.from(document.querySelectorAll(".uca-matrix thead tr:last-child th"));
    return want.every((id, i) => ths[i]?.getAttribute("data-column") === id) && (ths[want.length]?.classList.contains("uca-pattern-head") ?? false);
  }, heads);
}

const rowNames = (page: Page): Promise<string[]> => page.locator(`${ROWS} td.uca-name a.uca-note-link`).allTextContents();
const status = (page: Page): Promise<string | null> => page.textContent(`${VIEW} .uca-status`);
/** The header's "count · share" under a pattern column. */
const headCount = (page: Page, label: string): Promise<string | null> =>
  page.textContent(`${VIEW} thead th[data-column="${label}"] .uca-head-count`);
const noteText = (page: Page, path: string): Promise<string> => page.evaluate((p) => window.playground!.vault.text(p), path);

/** The demo's studies as the view lists them: every analysis, plus a case study where it has one. */
const DEMO_ROWS = DEMO_STUDIES.flatMap((s) => (s.caseStudy ? [s, s] : [s]));
const demoRowsWhere = (test: (s: (typeof DEMO_STUDIES)[number]) => boolean): number => DEMO_ROWS.filter(test).length;
const analysisPath = (s: (typeof DEMO_STUDIES)[number]): string => `Use cases/${s.category}/${s.company} - ${s.title}.md`;

describe("the comparison view in Chromium", () => {
  it("opens from the ribbon, filters (category, company, has-all patterns), sorts and groups with subtotals", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    await chooseFixed(page);
    expect(await page.locator(ROWS).count()).toBe(DEMO_ROWS.length);
    expect(await status(page)).toBe(`${DEMO_ROWS.length} of ${DEMO_ROWS.length} studies`);
    const hybrid = demoRowsWhere((s) => s.patterns.includes("Hybrid Retrieval"));
    expect(await headCount(page, "Hybrid Retrieval")).toBe(`${hybrid} · ${Math.round((100 * hybrid) / DEMO_ROWS.length)}%`);

    // Category
    await page.selectOption(`${VIEW} .uca-filter-category select`, "Search and Retrieval");
    const search = demoRowsWhere((s) => s.category === "Search and Retrieval");
    await page.waitForFunction((n) => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === n, search);
    expect(await status(page)).toBe(`${search} of ${DEMO_ROWS.length} studies`);
    expect(await page.textContent(`${VIEW} th.uca-fixed-group`)).toBe(`${search} of ${DEMO_ROWS.length} studies`);
    const searchHybrid = demoRowsWhere((s) => s.category === "Search and Retrieval" && s.patterns.includes("Hybrid Retrieval"));
    expect(await headCount(page, "Hybrid Retrieval")).toBe(`${searchHybrid} · ${Math.round((100 * searchHybrid) / search)}%`);

    // Company text, on top of the category
    await page.fill(`${VIEW} .uca-filter-company input`, "quill");
    await page.waitForFunction(() => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === 2);
    expect(new Set(await rowNames(page))).toEqual(new Set(["Quillmart - Hybrid product search", "Quillmart - Hybrid product search (case study)"]));
    // The case study's row also carries the label, before the name (a long name's ellipsis never hides it).
    expect(await page.locator(`${ROWS} td.uca-name .uca-kind-badge`).allTextContents()).toEqual(["case study"]);

    // Clear, then "has all of these patterns"
    await page.click(`${VIEW} .uca-clear-filters`);
    await page.waitForFunction((n) => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === n, DEMO_ROWS.length);
    await page.click(`${VIEW} .uca-filter-patterns input`);
    await page.click(`${VIEW} .uca-filter-patterns [role=option]:text-is("RAG Pipeline")`);
    await page.click(`${VIEW} .uca-filter-patterns [role=option]:text-is("Agentic Workflow")`);
    const both = demoRowsWhere((s) => s.patterns.includes("RAG Pipeline") && s.patterns.includes("Agentic Workflow"));
    await page.waitForFunction((n) => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === n, both);
    expect(await headCount(page, "RAG Pipeline")).toBe(`${both} · 100%`);
    await page.click(`${VIEW} .uca-clear-filters`);
    await page.waitForFunction((n) => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === n, DEMO_ROWS.length);

    // Sort by year: ascending, then descending on a second click
    const years = async (): Promise<number[]> => (await page.locator(`${ROWS} td[data-col="4"]`).allTextContents()).map(Number);
    await page.click(`${VIEW} th[data-column="year"] button`);
    await page.waitForSelector(`${VIEW} th[data-column="year"][aria-sort="ascending"]`);
    const up = await years();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(up[0]).toBe(Math.min(...DEMO_STUDIES.map((s) => s.year)));
    await page.click(`${VIEW} th[data-column="year"] button`);
    await page.waitForSelector(`${VIEW} th[data-column="year"][aria-sort="descending"]`);
    const down = await years();
    expect(down).toEqual([...down].sort((a, b) => b - a));

    // Group by category: one subtotal row per category (the grid counts them all; the body
    // draws those in view), each counting its studies per pattern.
    await page.selectOption(`${VIEW} .uca-filter-group select`, "category");
    await page.waitForSelector(`${VIEW} tr.uca-group-row`);
    const categories = new Set(DEMO_STUDIES.map((s) => s.category));
    expect(await page.getAttribute(`${VIEW} table.uca-matrix`, "aria-rowcount")).toBe(String(DEMO_ROWS.length + categories.size + 2));
    const drawnGroups = await page.locator(`${VIEW} tr.uca-group-row td.uca-name`).allTextContents();
    expect(drawnGroups.length).toBeGreaterThan(1);
    for (const label of drawnGroups) {
      const m = /^(.*) \((\d+)\)$/.exec(label);
      expect(m).not.toBeNull();
      expect(Number(m![2])).toBe(demoRowsWhere((s) => s.category === m![1]));
    }
    const firstGroup = page.locator(`${VIEW} tr.uca-group-row`).first();
    const firstCategory = /^(.*) \(/.exec(drawnGroups[0])![1];
    expect(await firstGroup.locator('td[aria-label^="Real-Time Inference:"]').textContent())
      .toBe(String(demoRowsWhere((s) => s.category === firstCategory && s.patterns.includes("Real-Time Inference"))));
    // A study row follows its group's subtotal row.
    expect(await page.textContent(`${VIEW} tr.uca-group-row + tr.uca-study-row td[data-col="2"]`)).toBe(firstCategory);
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("checks and unchecks a pattern from its cell: the note's checkbox and patterns change, the cell shows it", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    const shopwell = DEMO_STUDIES.find((s) => s.company === "Shopwell")!;
    const path = analysisPath(shopwell);
    const cell = page.locator(`${VIEW} tr[data-path="${path}"] td[aria-label^="Batch Inference:"]`);
    expect(await cell.getAttribute("aria-label")).toBe(`Batch Inference: no for ${shopwell.company} - ${shopwell.title}`);
    const box = (on: boolean): RegExp => new RegExp(`\\n- \\[${on ? "x" : " "}\\] \\**Batch Inference\\b`);
    const patternsProperty = (p: string): Promise<string[]> => page.evaluate((q) => (window.playground!.vault.cache(q)?.frontmatter?.patterns ?? []) as string[], p);
    expect(await noteText(page, path)).toMatch(box(false));
    expect(await patternsProperty(path)).not.toContain("Batch Inference");

    await cell.click();
    await page.waitForFunction(([p, re]) => new RegExp(re).test(window.playground!.vault.text(p)), [path, box(true).source] as const);
    await page.waitForSelector(`${VIEW} tr[data-path="${path}"] td.is-checked[aria-label^="Batch Inference:"]:not(.is-pending)`);
    // The mark is the stylesheet's (the cell holds no text); the label says it to screen readers.
    expect(await cell.textContent()).toBe("");
    expect(await cell.getAttribute("aria-label")).toMatch(/^Batch Inference: yes for /);
    expect(await patternsProperty(path)).toContain("Batch Inference");
    expect(await headCount(page, "Batch Inference")).toMatch(new RegExp(`^${demoRowsWhere((s) => s.patterns.includes("Batch Inference")) + 1} · `));

    await cell.click();
    await page.waitForFunction(([p, re]) => new RegExp(re).test(window.playground!.vault.text(p)), [path, box(false).source] as const);
    await page.waitForSelector(`${VIEW} tr[data-path="${path}"] td.is-unchecked[aria-label^="Batch Inference:"]:not(.is-pending)`);
    expect(await patternsProperty(path)).not.toContain("Batch Inference");
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("moves between cells with the arrow keys, focus visible; Enter on a cell toggles it", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    await chooseFixed(page);
    // The grid has one tab stop: its current cell (then the arrow keys move within it).
    expect(await page.locator(`${VIEW} .uca-matrix tbody td[tabindex="0"]`).count()).toBe(1);
    await page.focus(`${VIEW} .uca-matrix tbody td[tabindex="0"]`);
    const where = (): Promise<{ row: string | null; col: string | null; visible: boolean; outline: string }> => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return {
        row: el.closest("tr")?.getAttribute("data-row") ?? null,
        col: el.getAttribute("data-col"),
        visible: el.matches(":focus-visible"),
        outline: getComputedStyle(el).outlineStyle,
      };
    });
    expect(await where()).toMatchObject({ row: "0", col: "0" });
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    const moved = await where();
    expect(moved).toMatchObject({ row: "1", col: "2", visible: true });
    expect(moved.outline).not.toBe("none");
    await page.keyboard.press("End");
    const last = await where();
    expect(last.row).toBe("1");
    expect(Number(last.col)).toBe(await page.locator(`${VIEW} thead tr:nth-child(2) th`).count() - 1);
    await page.keyboard.press("Control+End");
    expect((await where()).row).toBe(String(DEMO_ROWS.length - 1));
    await page.keyboard.press("Control+Home");
    expect(await where()).toMatchObject({ row: "0", col: "0" });

    // The column headers are one Tab stop before the grid: Shift+Tab from the grid lands on the
    // sorted column's header; arrows move along the headers, Down comes back into the grid.
    const header = (): Promise<string | null> => page.evaluate(() => document.activeElement?.closest("th")?.getAttribute("data-column") ?? null);
    await page.keyboard.press("Shift+Tab");
    expect(await header()).toBe("name");
    await page.keyboard.press("ArrowRight");
    expect(await header()).toBe("company");
    await page.keyboard.press("Shift+Tab");
    expect(await header()).toBeNull(); // out of the table: not through 20-odd other headers
    await page.keyboard.press("Tab");
    expect(await header()).toBe("company");
    await page.keyboard.press("ArrowDown");
    expect(await where()).toMatchObject({ row: "0", col: "1" });
    await page.keyboard.press("ArrowUp");
    expect(await header()).toBe("company");
    await page.keyboard.press("Tab");
    expect(await where()).toMatchObject({ row: "0", col: "1" });

    // Enter on a pattern cell toggles it; the note follows.
    await page.keyboard.press("End");
    const cell = page.locator(":focus");
    const label = (await cell.getAttribute("aria-label")) ?? "";
    const path = await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-path") ?? "");
    const pattern = label.slice(0, label.indexOf(":"));
    const wasChecked = label.includes(": yes for ");
    await page.keyboard.press("Enter");
    await page.waitForFunction(([p, l, on]) => ((window.playground!.vault.cache(p)?.frontmatter?.patterns ?? []) as string[]).includes(l) === on, [path, pattern, !wasChecked] as const);
    await page.waitForSelector(`${VIEW} tr[data-path="${path}"] td.${wasChecked ? "is-unchecked" : "is-checked"}[aria-label^="${pattern}:"]:not(.is-pending)`);
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("switches every tab (click and arrow keys): pivot heat map, co-occurrence with its studies, tech stack", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    const tab = (name: string): string => `${VIEW} .uca-tab[data-tab="${name}"]`;

    await page.click(tab("pivot"));
    await page.waitForSelector(`${VIEW} table.uca-pivot`);
    expect(await page.getAttribute(tab("pivot"), "aria-selected")).toBe("true");
    const pivotHead = await page.locator(`${VIEW} table.uca-pivot thead th`).allTextContents();
    expect(pivotHead[0]).toBe("Pattern \\ Industry");
    // Every heat cell prints its number and share, colour or not.
    const heat = await page.locator(`${VIEW} table.uca-pivot td.uca-heat`).allTextContents();
    expect(heat.length).toBeGreaterThan(0);
    for (const text of heat) expect(text).toMatch(/^\d+\d*%$/);
    await page.selectOption(`${VIEW} .uca-filter-pivot select`, "category");
    await page.waitForFunction(() => document.querySelector(".uca-pivot thead th")?.textContent === "Pattern \\ Category");

    // Arrow keys between tabs
    await page.focus(tab("pivot"));
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector(`${VIEW} table.uca-cooc`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-tab"))).toBe("cooccurrence");
    const rag = DEMO_ROWS.filter((s) => s.patterns.includes("RAG Pipeline") && s.patterns.includes("Agentic Workflow"));
    const cell = page.locator(`${VIEW} td.uca-cooc-cell[aria-label^="RAG Pipeline with Agentic Workflow:"]`);
    expect(await cell.locator(".uca-heat-count").textContent()).toBe(String(rag.length));
    await cell.click();
    await page.waitForSelector(`${VIEW} .uca-cooc-studies li`);
    expect(await page.textContent(`${VIEW} .uca-cooc-studies h4`)).toBe(`Studies with RAG Pipeline and Agentic Workflow (${rag.length})`);
    expect(await page.locator(`${VIEW} .uca-cooc-studies li`).count()).toBe(rag.length);

    await page.click(tab("stack"));
    await page.waitForSelector(`${VIEW} table.uca-stack`);
    // "Kafka" and "kafka" are one technology.
    const streaming = page.locator(`${VIEW} table.uca-stack tbody.uca-stack-group`, { has: page.locator("th .uca-stack-name", { hasText: /^Streaming$/ }) });
    // The component's name once, beside its technologies (their rows' header).
    expect(await streaming.locator("th").count()).toBe(1);
    const kafka = streaming.locator("tr", { has: page.locator("td:first-of-type", { hasText: /^kafka$/i }) });
    expect(await kafka.count()).toBe(1);
    const kafkaStudies = DEMO_STUDIES.filter((s) => s.stack.some(([c, t]) => c === "Streaming" && t.toLowerCase() === "kafka")).length;
    expect(await kafka.locator("td.uca-num").textContent()).toBe(String(kafkaStudies));

    await page.click(tab("matrix"));
    await page.waitForSelector(ROWS);
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("trends: one chart per pattern, grouped as in the template, same scale, each year's count under the axis, described for screen readers", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    // The matrix's pattern groups and columns, as the template orders them.
    const matrixGroups = await page.locator(`${VIEW} thead th.uca-group-head`).allTextContents();
    const matrixColumns = await page.locator(`${VIEW} thead th.uca-pattern-head`).count();
    await page.click(`${VIEW} .uca-tab[data-tab="trends"]`);
    await page.waitForSelector(`${VIEW} .uca-trends figure.uca-trend svg`);
    expect(await page.locator(`${VIEW} .uca-trends-group h4`).allTextContents()).toEqual(matrixGroups);
    expect(await page.locator(`${VIEW} figure.uca-trend`).count()).toBe(matrixColumns);

    const years = [...new Set(DEMO_ROWS.map((s) => s.year))].sort((a, b) => a - b);
    const ofYear = years.map((y) => DEMO_ROWS.filter((s) => s.year === y).length);
    const rag = years.map((y) => DEMO_ROWS.filter((s) => s.year === y && s.patterns.includes("RAG Pipeline")).length);
    const chart = page.locator(`${VIEW} figure.uca-trend`, { has: page.locator("figcaption span", { hasText: /^RAG Pipeline$/ }) });
    // The year and its number of studies under the axis.
    expect(await chart.locator("text.uca-trend-year").allTextContents()).toEqual(years.map(String));
    expect(await chart.locator("text.uca-trend-n").allTextContents()).toEqual(ofYear.map((n) => `n=${n}`));
    // The numbers behind the chart, for screen readers: a table, and a summary on the image.
    const cells = await chart.locator(".uca-visually-hidden table tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
    expect(cells).toEqual(years.map((y, i) => [String(y), String(ofYear[i]), String(rag[i]), `${Math.round((100 * rag[i]) / ofYear[i])}%`]));
    const summary = await chart.locator("svg").getAttribute("aria-label");
    expect(summary).toMatch(/^RAG Pipeline: \d+% in \d{4}, \d+% in \d{4}; highest \d+% in \d{4}\.$/);
    expect(await chart.locator("svg").getAttribute("role")).toBe("img");
    // The hidden table takes no room; the charts share one scale (the same top label everywhere).
    expect(await chart.locator(".uca-visually-hidden").evaluate((t) => t.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    const tops = await page.locator(`${VIEW} svg.uca-trend-chart`).evaluateAll((svgs) => svgs.map((svg) => Array.from(svg.querySelectorAll("text.uca-trend-scale")).map((t) => t.textContent).join("/")));
    expect(new Set(tops).size).toBe(1);
    // The line is drawn in the theme's accent colour, not black.
    const stroke = await chart.locator("polyline.uca-trend-line").evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).not.toMatch(/^(none|rgb\(0, 0, 0\))$/);

    // Filters apply as on the other tabs.
    await page.selectOption(`${VIEW} .uca-filter-category select`, "Search and Retrieval");
    const search = DEMO_ROWS.filter((s) => s.category === "Search and Retrieval");
    const searchYears = [...new Set(search.map((s) => s.year))].sort((a, b) => a - b);
    await page.waitForFunction((text) => document.querySelector(".uca-status")?.textContent === text, `${search.length} of ${DEMO_ROWS.length} studies`);
    expect(await chart.locator("text.uca-trend-year").allTextContents()).toEqual(searchYears.map(String));
    expect(await chart.locator("text.uca-trend-n").allTextContents()).toEqual(searchYears.map((y) => `n=${search.filter((s) => s.year === y).length}`));
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("exports: copies a Markdown table, saves a CSV file and a snapshot note into the vault, with the columns chosen", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    await chooseFixed(page, ["company", "category"]);
    await page.selectOption(`${VIEW} .uca-filter-category select`, "Search and Retrieval");
    await page.waitForFunction(() => /^\d+ of \d+ studies$/.test(document.querySelector(".uca-status")?.textContent ?? "") && !document.querySelector(".uca-status")?.textContent?.startsWith("16"));

    await page.click(`${VIEW} button:has-text("Copy as Markdown")`);
    await page.waitForSelector(".notice:has-text(\"Copied the matrix table as Markdown.\")");
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    const lines = markdown.trim().split("\n");
    expect(lines[0]).toMatch(/^\| Study \| Company \| Category \| Batch Inference \|/);
    expect(lines[1]).toMatch(/^\|( ?:?-+:? ?\|)+$/);
    const search = demoRowsWhere((s) => s.category === "Search and Retrieval");
    expect(lines[2]).toMatch(new RegExp(`^\\| All studies \\(${search}\\) \\|`));
    expect(lines.length).toBe(3 + search);
    expect(markdown).toMatch(/\[\[[^\]]*Quillmart - Hybrid product search[^\]]*\]\]/);

    await page.click(`${VIEW} button:has-text("Save as CSV")`);
    await page.waitForSelector(".modal .uca-file-name-input");
    await page.fill(".modal .uca-file-name-input", "Search studies");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".notice:has-text(\"Saved \")");
    const csvPath = await page.evaluate(() => window.playground!.vault.files().find((p) => p.endsWith("Search studies.csv")) ?? "");
    expect(csvPath).not.toBe("");
    const csv = await noteText(page, csvPath);
    expect(csv.split(/\r?\n/)[0]).toMatch(/^Study,Company,Category,Batch Inference,/);
    expect(csv).toContain("Quillmart - Hybrid product search,Quillmart,Search and Retrieval");

    await page.click(`${VIEW} button:has-text("Save snapshot note")`);
    await page.waitForFunction(() => window.playground!.vault.files().some((p) => /Pattern comparison \d{4}-\d{2}-\d{2}\.md$/.test(p)));
    const snapshot = await page.evaluate(() => window.playground!.vault.files().find((p) => /Pattern comparison \d{4}-\d{2}-\d{2}\.md$/.test(p))!);
    expect(await noteText(page, snapshot)).toMatch(/\[\[[^\]]*Quillmart - Hybrid product search[^\]]*\]\]/);
    // The snapshot opens in its own tab.
    await page.waitForFunction(() => /^Pattern comparison \d{4}-\d{2}-\d{2}$/.test(document.querySelector(".workspace-tab-header.is-active")?.textContent ?? ""));
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("says which filter hides everything, and clearing it brings the rows back", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    await page.fill(`${VIEW} .uca-filter-company input`, "Nobody Inc");
    await page.waitForSelector(`${VIEW} .uca-empty-reason`);
    const reason = (await page.textContent(`${VIEW} .uca-empty-reason`)) ?? "";
    expect(reason).toMatch(/company/i);
    expect(reason).toContain("Nobody Inc");
    expect(await page.locator(ROWS).count()).toBe(0);
    await page.click(`${VIEW} .uca-empty button:has-text("Clear filters")`);
    await page.waitForFunction((n) => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === n, DEMO_ROWS.length);
    expect(await page.inputValue(`${VIEW} .uca-filter-company input`)).toBe("");
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("scrolls 10,000 studies to the end with a bounded number of rows in the DOM", async () => {
    const { page, context, errors } = await openView("?n=10000");
    expect(await status(page)).toBe("10,000 of 10,000 studies");
    expect(await page.getAttribute(`${VIEW} table.uca-matrix`, "aria-rowcount")).toBe(String(10_000 + 2));
    const domRows = (): Promise<number> => page.locator(`${VIEW} .uca-matrix tr`).count();
    const counts: number[] = [await domRows()];
    // Drag the scroll bar down in ten steps, then to the very end.
    const scroller = `${VIEW} .uca-scroll`;
    const drawnRange = (): Promise<{ min: number; max: number; top: number }> => page.$eval(scroller, (el) => {
      const rows = Array.from(el.querySelectorAll("tbody tr.uca-study-row")).map((tr) => Number(tr.getAttribute("data-row")));
      return { min: Math.min(...rows), max: Math.max(...rows), top: el.scrollTop };
    });
    for (let step = 1; step <= 10; step++) {
      const f = step / 10;
      const drag = (): Promise<void> => page.$eval(scroller, (el, to) => { el.scrollTop = (el.scrollHeight - el.clientHeight) * to; }, f);
      await drag();
      let range = await drawnRange();
      for (let tries = 0; tries < 100 && !(range.min <= 9999 * f && range.max >= Math.floor(9999 * f * 0.98)); tries++) {
        await page.waitForTimeout(100);
        // The notes' text is still being read in the background and the table redrawn now and then: keep
        // the scroll bar where the user holds it.
        if (tries % 10 === 9) await drag();
        range = await drawnRange();
      }
      expect({ step, drawn: range.min <= 9999 * f && range.max >= Math.floor(9999 * f * 0.98) }).toEqual({ step, drawn: true });
      counts.push(await domRows());
    }
    expect(Math.max(...counts)).toBeLessThan(200);
    // The last study is drawn, and it is the last by name.
    const lastName = await page.evaluate(() => {
      const names = window.playground!.vault.files("Use cases").map((p) => p.slice(p.lastIndexOf("/") + 1, -3));
      return names.sort((a, b) => { const x = a.toLowerCase(); const y = b.toLowerCase(); return x < y ? -1 : x > y ? 1 : 0; }).at(-1);
    });
    await page.waitForSelector(`${VIEW} tr[data-row="9999"]`);
    expect(await page.textContent(`${VIEW} tr[data-row="9999"] td.uca-name`)).toBe(lastName);
    expect(await page.isVisible(`${VIEW} tr[data-row="9999"]`)).toBe(true);

    // Keyboard: Ctrl+Home back to the first study, Ctrl+End to the last.
    await page.focus(`${VIEW} .uca-matrix tbody td[tabindex="0"]`);
    await page.keyboard.press("Control+Home");
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-row"))).toBe("0");
    await page.keyboard.press("Control+End");
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-row"))).toBe("9999");
    expect(await domRows()).toBeLessThan(200);
    expect(errors).toEqual([]);
    await context.close();
  }, 90000);

  it("renders a use-case-atlas block in a note (filter, group, sort, chosen columns), live, light and dark", async () => {
    const SOURCE = "tab: matrix\nfilter:\n  industry: Fintech and banking\ngroup: category\nsort: year desc\ncolumns: [company, year, completeness, Deployment Pattern, RAG Pipeline, Agentic Workflow]\n";
    const fintech = DEMO_ROWS.filter((s) => s.industry === "Fintech and banking");
    for (const theme of ["light", "dark"] as const) {
      const { page, context, errors } = await openView(`?vault=demo${theme === "dark" ? "&theme=dark" : ""}`);
      // As Obsidian does for a note in reading view: the plugin's processor fills the block's element.
      await page.evaluate(async (source) => {
        await window.playground!.vault.renderCodeBlock("use-case-atlas", source, "Notes/Fintech review.md");
        const block = document.querySelector<HTMLElement>(".block-language-use-case-atlas")!;
        const note = document.body.createDiv({ cls: "markdown-preview-view markdown-rendered embed-test-note" });
        note.setCssStyles({ position: "fixed", inset: "0 auto auto 0", width: "900px", padding: "16px", background: "var(--background-primary)", zIndex: "100" });
        note.createEl("h2", { text: "Fintech review" });
        note.appendChild(block);
      }, SOURCE);
      const BLOCK = ".embed-test-note .block-language-use-case-atlas";
      const rows = page.locator(`${BLOCK} tbody tr.uca-study-row`);
      expect(await rows.count()).toBe(fintech.length);
      expect(await page.locator(`${BLOCK} tbody tr.uca-group-row`).count()).toBe(new Set(fintech.map((s) => s.category)).size);
      // The chosen columns only; each row's marks are its study's patterns among them.
      const heads = await page.locator(`${BLOCK} thead tr:last-child th`).evaluateAll((ths) => ths.map((th) => th.getAttribute("data-column") ?? ""));
      expect(heads.slice(0, 4)).toEqual(["name", "company", "year", "completeness"]);
      const columns = heads.slice(4);
      expect(columns).toEqual(["Batch Inference", "Real-Time Inference", "Streaming Inference", "Edge/On-Device", "RAG Pipeline", "Agentic Workflow"]);
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({
        name: tr.querySelector(".uca-note-link")?.textContent ?? "",
        yes: Array.from(tr.querySelectorAll("td.uca-cell.is-checked")).map((td) => (td.getAttribute("aria-label") ?? "").split(":")[0]),
      })));
      for (const row of shown) {
        // A case study's note is named "… (case study)" (the settings' case-study file name pattern).
        const study = fintech.find((s) => `${s.company} - ${s.title}` === row.name.replace(/ \(case study\)$/, ""));
        expect(study).toBeDefined();
        expect(row.yes).toEqual(columns.filter((c) => study?.patterns.includes(c)));
      }
      await page.mouse.move(0, 0);
      const file = resolve(SHOTS, `embedded-block-${theme}.png`);
      await page.locator(".embed-test-note").screenshot({ path: file });
      expect(statSync(file).size).toBeLessThan(120 * 1024);

      // Live: a study moved to another industry leaves the block.
      const moved = fintech.find((s) => !s.caseStudy) ?? fintech[0];
      const path = analysisPath(moved);
      await page.evaluate(async (p) => {
        const vault = window.playground!.vault;
        await vault.write(p, vault.text(p).replace("industry: Fintech and banking", "industry: Gaming"));
      }, path);
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [`${BLOCK} tbody tr.uca-study-row`, fintech.length - 1] as const);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 90000);

  it("the compact matrix at 1,000 and 1,400 px: patterns in view; scrolled sideways the study column stays pinned and the group headings uncovered", async () => {
    const SCROLL = `${VIEW} .uca-scroll`;
    /** What the user sees of the table right now, measured by the browser. */
    const measure = (): Promise<{
      scroll: { left: number; right: number }; patternsInView: number; cornerWidth: number; nameWidth: number;
      nameLefts: number[]; uncovered: boolean[]; groupsInView: number;
    }> => page.$eval(SCROLL, (box) => {
      const rect = box.getBoundingClientRect();
      const left = rect.left + box.clientLeft;
      const right = left + box.clientWidth;
      const corner = box.querySelector("th.uca-fixed-group")!.getBoundingClientRect();
      const name = box.querySelector("tbody td.uca-name")!.getBoundingClientRect();
      const heads = Array.from(box.querySelectorAll("th.uca-pattern-head")).map((th) => th.getBoundingClientRect());
      const labels = Array.from(box.querySelectorAll<HTMLElement>("th.uca-group-head .uca-group-label")).filter((span) => {
        const r = span.getBoundingClientRect();
        return r.right > corner.right && r.left < right;
      });
      return {
        scroll: { left, right },
        // Whole pattern columns to the right of the pinned study column.
        patternsInView: heads.filter((r) => r.left >= corner.right - 1 && r.right <= right + 1).length,
        cornerWidth: corner.width,
        nameWidth: name.width,
        nameLefts: [corner.left, name.left, box.querySelector("thead tr:last-child th.uca-name")!.getBoundingClientRect().left],
        // A group heading in view is what the browser finds at its middle, not the corner over it.
        uncovered: labels.map((span) => {
          const r = span.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
          return hit === span && r.left >= corner.right - 0.5;
        }),
        groupsInView: labels.length,
      };
    });
    let page: Page;
    for (const width of [1000, 1400]) {
      const opened = await openView("?vault=demo", { width, height: 800 });
      page = opened.page;
      const before = await measure();
      // The compact default: the study, then the patterns (before the choice, none at 1,000 px and 4 at 1,400).
      expect(await page.locator(`${VIEW} thead tr:last-child th`).first().getAttribute("data-column")).toBe("name");
      expect(await page.locator(`${VIEW} thead tr:last-child th`).nth(1).getAttribute("data-column")).toBe("Batch Inference");
      expect({ width, enough: before.patternsInView >= (width === 1000 ? 4 : 8) }).toEqual({ width, enough: true });
      // The corner spans the study column only.
      expect(Math.abs(before.cornerWidth - before.nameWidth)).toBeLessThan(1);

      for (const fixed of [[], ALL_FIXED]) {
        await chooseFixed(page, fixed);
        await page.$eval(SCROLL, (el) => { el.scrollLeft = 700; });
        await page.waitForFunction((sel) => (document.querySelector(sel)?.scrollLeft ?? 0) > 0, SCROLL);
        await page.waitForTimeout(50);
        const after = await measure();
        // Pinned: the corner, a body row's study cell and its header sit at the scroll box's left edge.
        for (const x of after.nameLefts) expect(Math.abs(x - after.scroll.left)).toBeLessThan(1.5);
        expect(Math.abs(after.cornerWidth - after.nameWidth)).toBeLessThan(1);
        expect(after.groupsInView).toBeGreaterThan(0);
        expect(after.uncovered).toEqual(after.uncovered.map(() => true));
        const theme = width === 1400 && fixed.length > 0 ? "light" : null;
        if (theme) await page.locator(VIEW).screenshot({ path: resolve(SCRATCH_SHOTS, `matrix-scrolled-${width}-${theme}.png`) });
        await page.$eval(SCROLL, (el) => { el.scrollLeft = 0; });
      }
      expect(opened.errors).toEqual([]);
      await opened.context.close();
    }
  }, 90000);

  it("chooses the columns by keyboard; the choice survives a restart; a cut cell's full text is its tooltip and its accessible name", async () => {
    const { page, context, errors } = await openView("?vault=demo");
    const heads = (): Promise<string[]> => page.locator(`${VIEW} thead tr:last-child th`).evaluateAll((ths) => ths.slice(0, 4).map((th) => th.getAttribute("data-column") ?? ""));
    const focused = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute("data-column") ?? document.activeElement?.className ?? null);
    await page.focus(`${VIEW} button.uca-column-button`);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`${VIEW} .uca-column-popover`);
    expect(await page.getAttribute(`${VIEW} button.uca-column-button`, "aria-expanded")).toBe("true");
    expect(await focused()).toBe("company");
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("category");
    await page.keyboard.press("Space");
    await page.waitForSelector(`${VIEW} thead th[data-column="category"]`);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space");
    await page.waitForSelector(`${VIEW} thead th[data-column="year"]`);
    expect(await heads()).toEqual(["name", "category", "year", "Batch Inference"]);
    await page.keyboard.press("Escape");
    await page.waitForSelector(`${VIEW} .uca-column-popover`, { state: "detached" });
    expect(await focused()).toBe("uca-column-button");

    // A cut category: the tooltip is its full text, and so is what a screen reader reads.
    const cut = await page.$$eval(`${ROWS} td[data-col="1"]`, (tds) => tds.filter((td) => td.scrollWidth > td.clientWidth)
      .map((td) => ({ text: td.textContent, title: td.getAttribute("title") })));
    expect(cut.length).toBeGreaterThan(0);
    for (const c of cut) expect(c.title).toBe(c.text);
    const first = page.locator(`${ROWS} td[data-col="1"][title="${cut[0].text}"]`).first();
    expect(await first.ariaSnapshot()).toContain(cut[0].text);
    // The study's name: its tooltip starts with the whole name.
    const name = page.locator(`${ROWS} td.uca-name`).first();
    expect((await name.getAttribute("title"))?.split("\n")[0]).toBe(await name.locator("a.uca-note-link").textContent());

    // What Obsidian does on a restart: the leaf's saved state (JSON in workspace.json) opens a new view.
    await page.evaluate(async (type) => {
      const workspace = window.playground!.vault.app.workspace;
      const leaf = workspace.getLeavesOfType(type)[0];
      const layout = JSON.parse(JSON.stringify({ type, state: leaf.view.getState() })) as { type: string; state: Record<string, unknown> };
      // The same place in the layout, a new view made from the saved state.
      await leaf.setViewState({ type: "empty" });
      await leaf.setViewState(layout);
    }, "use-case-atlas-comparison");
    await page.waitForSelector(ROWS);
    expect(await heads()).toEqual(["name", "category", "year", "Batch Inference"]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60000);

  it("chooses patterns for \"Has all of these patterns\" by keyboard; the matrix filters as each is added (light and dark)", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { page, context, errors } = await openView(`?vault=demo${theme === "dark" ? "&theme=dark" : ""}`);
      const input = page.locator(`${VIEW} .uca-filter-patterns input[role=combobox]`);
      const rowCount = (n: number) => page.waitForFunction((k) => document.querySelectorAll(".uca-matrix tbody tr.uca-study-row").length === k, n);
      // From the company box, Tab reaches the field; typing opens the list, Enter adds the first match.
      await page.focus(`${VIEW} .uca-filter-company input`);
      await page.keyboard.press("Tab");
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type("rag");
      expect(await input.getAttribute("aria-expanded")).toBe("true");
      await page.keyboard.press("Enter");
      const rag = demoRowsWhere((s) => s.patterns.includes("RAG Pipeline"));
      await rowCount(rag);
      // Typing narrows the list and makes its first match the active option.
      await page.keyboard.type("work");
      expect(await page.textContent(`${VIEW} .uca-filter-patterns [role=option][aria-selected=true]`)).toBe("Agentic Workflow");
      await page.keyboard.press("Enter");
      const both = demoRowsWhere((s) => s.patterns.includes("RAG Pipeline") && s.patterns.includes("Agentic Workflow"));
      await rowCount(both);
      expect(await page.locator(`${VIEW} .uca-filter-patterns .uca-chip-label`).allTextContents()).toEqual(["RAG Pipeline", "Agentic Workflow"]);
      expect(await headCount(page, "Agentic Workflow")).toBe(`${both} · 100%`);
      expect(await status(page)).toBe(`${both} of ${DEMO_ROWS.length} studies`);
      // ArrowDown walks the list, grouped as in the template; the active option is the field's.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const options = await page.locator(`${VIEW} .uca-filter-patterns [role=option]`).allTextContents();
      expect(options).not.toContain("RAG Pipeline");
      expect(await page.locator(`${VIEW} .uca-pattern-group-name`).allTextContents()).toEqual(["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns"]);
      const active = page.locator(`${VIEW} .uca-filter-patterns [role=option][aria-selected=true]`);
      expect(await active.textContent()).toBe(options[1]);
      expect(await input.getAttribute("aria-activedescendant")).toBe(await active.getAttribute("id"));
      // The list open over the table, with the chips: what the user sees while choosing.
      await page.addStyleTag({ content: ".playground-files { display: none; }" });
      const file = resolve(SHOTS, `comparison-pattern-filter-${theme}.png`);
      await page.locator(VIEW).screenshot({ path: file });
      // Escape closes the list; Backspace in the empty field takes the last chip off, and the rows come back.
      await page.keyboard.press("Escape");
      expect(await input.getAttribute("aria-expanded")).toBe("false");
      expect(await page.locator(`${VIEW} .uca-pattern-list`).isVisible()).toBe(false);
      await page.keyboard.press("Backspace");
      await rowCount(rag);
      expect(await page.locator(`${VIEW} .uca-filter-patterns .uca-chip-label`).allTextContents()).toEqual(["RAG Pipeline"]);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 90000);

  it("screenshots of every tab, light and dark", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { page, context, errors } = await openView(`?vault=demo${theme === "dark" ? "&theme=dark" : ""}`);
      // The README shows the view itself: the playground's file list stands where a collapsed sidebar would.
      await page.addStyleTag({ content: ".playground-files { display: none; }" });
      // The stack tab below waits for the tables read from the notes' text.
      for (const tab of ["matrix", "pivot", "cooccurrence", "stack", "trends"] as const) {
        await page.click(`${VIEW} .uca-tab[data-tab="${tab}"]`);
        await page.waitForSelector(tab === "trends" ? `${VIEW} .uca-trends svg` : `${VIEW} table.uca-${tab === "cooccurrence" ? "cooc" : tab}`);
        if (tab === "cooccurrence") {
          await page.click(`${VIEW} td.uca-cooc-cell[aria-label^="RAG Pipeline with Agentic Workflow:"]`);
          await page.waitForSelector(`${VIEW} .uca-cooc-studies`);
          // The click scrolled the cell into view; show the table from its start, as it opens.
          await page.$eval(`${VIEW} .uca-scroll`, (el) => { el.scrollLeft = 0; el.scrollTop = 0; });
        }
        await page.mouse.move(0, 0);
        const file = resolve(SHOTS, `comparison-${tab}-${theme}.png`);
        await page.locator(VIEW).screenshot({ path: file });
        expect(statSync(file).size).toBeLessThan(120 * 1024);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 90000);
});
