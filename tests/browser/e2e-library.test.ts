/** @jest-environment node */
/**
 * End to end, in headless Chromium on the playground's demo vault (with its invented use-case
 * collection): the ribbon opens the library, a coverage cell opens its entries, the user picks
 * three entries not analysed yet, starts a deep dive from them, creates it, and sees them
 * analysed and the cell's count go up. Also the manual's screenshots of the library, the
 * prefilled form and the coverage, light and dark (see tests/browser/e2e-support.ts).
 *
 * Run alone: npx jest --selectProjects browser tests/browser/e2e-library
 */
import { type E2eSession, eventually, noteText, shoot, startSession } from "./e2e-support";

let session: E2eSession;

beforeAll(async () => { session = await startSession("e2e-library"); }, 90000);
afterAll(async () => { await session?.close(); });

const SCREENSHOT_DATE = new Date(2025, 2, 7, 9, 30);

describe("the use-case library in the demo vault, in Chromium", () => {
  it.each(["light", "dark"] as const)("coverage cell → three entries → deep dive → analysed, the cell's count up (%s theme)", async (theme) => {
    const { page, errors } = await session.open(theme, { fixedTime: SCREENSHOT_DATE });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.click('.side-dock-ribbon [aria-label="Open use-case library"]');
    await page.waitForSelector(".uca-library .uca-library-row");
    await shoot(page.locator(".workspace-split.mod-root"), `library-${theme}`);

    await page.click('.uca-library-tab[data-tab="coverage"]');
    await page.waitForSelector(".uca-library-cell");
    await shoot(page.locator(".workspace-split.mod-root"), `library-coverage-${theme}`);
    // The cell with the most entries not analysed yet (at least three).
    const cells = await page.$$eval(".uca-library-cell", (bs) => bs.map((b) => ({
      category: (b as HTMLElement).dataset.category ?? "", industry: (b as HTMLElement).dataset.industry ?? "", text: b.textContent ?? "",
    })));
    const open = cells.map((c) => { const [a, n] = c.text.split("/").map(Number); return { ...c, analysed: a, entries: n }; })
      .sort((x, y) => (y.entries - y.analysed) - (x.entries - x.analysed))[0];
    expect(open.entries - open.analysed).toBeGreaterThanOrEqual(3);
    const cellSelector = `.uca-library-cell[data-category="${open.category}"][data-industry="${open.industry}"]`;
    await page.click(cellSelector);
    await page.selectOption(".uca-library-analysed-filter", "no");
    expect(await page.locator(".uca-library-row").count()).toBe(open.entries - open.analysed);

    // Three entries, with the keyboard: Space on each checkbox.
    const rows = page.locator(".uca-library-row");
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      await rows.nth(i).locator('input[type="checkbox"]').focus();
      await page.keyboard.press("Space");
      picked.push(await rows.nth(i).getAttribute("data-path") ?? "");
    }
    expect(await page.textContent(".uca-library-selection")).toBe("3 entries selected");
    await page.click('.uca-library-start:text-is("Start deep dive")');
    const modal = page.locator(".modal.uca-new-note");
    await modal.waitFor();
    expect(await page.inputValue('[data-field="category"]')).toBe(open.category);
    expect(await page.inputValue('[data-field="industry"]')).toBe(open.industry);
    expect(await page.locator(".uca-article-row").count()).toBe(3);
    await page.fill('[data-field="company"]', "Library study");
    await page.fill('[data-field="title"]', `Reading ${theme}`);
    await page.setViewportSize({ width: 1200, height: 1200 });
    await shoot(modal, `library-prefilled-form-${theme}`);
    await page.focus('[data-field="title"]');
    await page.keyboard.press("Enter");
    await modal.waitFor({ state: "detached" });

    const created = await eventually(() => page.evaluate(() => window.playground!.vault.files("Use cases")), (fs) => fs.some((p) => p.endsWith(`Library study - Reading ${theme}.md`)));
    const note = created.find((p) => p.endsWith(`Library study - Reading ${theme}.md`)) ?? "";
    expect(await noteText(page, note)).toMatch(/8\.1 Articles Read\n.*\n1\. .+ \(\d{4}\)\. ".+"\. Link: https?:\/\//);

    // Back in the library: the three are analysed by the new note, the cell counts them.
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.click('.side-dock-ribbon [aria-label="Open use-case library"]');
    await page.click('.uca-library-tab[data-tab="coverage"]');
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [cellSelector, `${open.analysed + 3}/${open.entries}`] as const);
    await page.click(cellSelector);
    await page.selectOption(".uca-library-analysed-filter", "yes");
    for (const path of picked) {
      expect(await page.textContent(`.uca-library-row[data-path="${path}"] .uca-library-analysed-by`)).toContain(`Library study - Reading ${theme}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60000);
});
