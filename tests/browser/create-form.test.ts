/** @jest-environment node */
/**
 * The new-note form in real headless Chromium (the browser playground's atlas page, Debian's
 * /usr/bin/chromium through playwright-core): a real browser's keyboard — Tab goes through the
 * fields in visual order, Enter in a field creates the note (and does not submit when "Add
 * article" is pressed), Escape closes — and the form's look in both themes (screenshots in
 * .playground-build/screenshots/; the README's come from tests/browser/e2e-create.test.ts).
 *
 * Run alone: npx jest --selectProjects browser tests/browser/create-form
 */
import { resolve } from "path";
import type { Page } from "playwright-core";
import { collectErrors, playgroundForFile, SCRATCH_SHOTS } from "./e2e-support";

const served = playgroundForFile(["atlas"], "create-form");

async function open(query = ""): Promise<{ page: Page; errors: string[] }> {
  const page = await served.browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(`${served.base}atlas/${query}`);
  await page.waitForSelector("body.playground-ready", { timeout: 15000 });
  await page.click('.side-dock-ribbon [aria-label="New use case analysis"]');
  await page.waitForSelector(".modal.uca-new-note");
  return { page, errors };
}

/** The data-field of the focused element ("" when it has none). */
const focused = (page: Page): Promise<string> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field ?? (document.activeElement?.textContent ?? ""));

describe("the new-note form in Chromium", () => {
  it("is used with the keyboard alone: Tab in visual order, Enter creates and opens the note", async () => {
    const { page, errors } = await open();
    expect(await page.textContent(".modal-title")).toBe("New use case analysis");
    expect(await focused(page)).toBe("company");
    await page.keyboard.type("Instacart");
    const order: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    // Hidden "new category/industry" boxes are skipped; the article row's title, "Fetch title", the remove button and "Add article" follow the address.
    expect(order).toEqual(["title", "year", "category", "industry", "tags", "article-1", "", "Fetch title", "", "Add article"]);

    await page.fill('[data-field="title"]', "Hybrid search");
    await page.fill('[data-field="year"]', "2024");
    await page.fill('[data-field="category"]', "Search and Retrieval");
    await page.fill('[data-field="industry"]', "E-commerce and retail");
    await page.fill('[data-field="article-1"]', "https://tech.instacart.example/hybrid-search");
    // "Add article" adds a row and does not submit the form.
    await page.focus("text=Add article");
    await page.keyboard.press("Enter");
    expect(await page.locator(".uca-article-row").count()).toBe(2);
    expect(await page.locator(".modal.uca-new-note").count()).toBe(1);

    await page.focus('[data-field="title"]');
    await page.keyboard.press("Enter");
    await page.waitForSelector(".modal.uca-new-note", { state: "detached" });
    await page.waitForFunction(() => document.querySelector(".workspace-tab-header.is-active")?.textContent === "Instacart - Hybrid search");
    const created = await page.evaluate(() => window.playground!.vault.text("Use cases/Search and Retrieval/Instacart - Hybrid search.md"));
    expect(created).toMatch(/^---\ntype: use-case-analysis\ncategory: Search and Retrieval\n/);
    expect(created).toContain("1. [[Instacart - tech.instacart.example hybrid-search]] — <https://tech.instacart.example/hybrid-search>");
    expect(errors).toEqual([]);
    await page.close();
  }, 60000);

  it("Enter in an open suggestion list picks the suggestion and does not submit the form", async () => {
    const { page, errors } = await open();
    await page.fill('[data-field="company"]', "Instacart");
    await page.focus('[data-field="category"]');
    await page.keyboard.type("sear");
    await page.waitForSelector(".suggestion-container .suggestion-item.is-selected");
    await page.keyboard.press("Enter");
    expect(await page.inputValue('[data-field="category"]')).toBe("Search and Retrieval");
    expect(await page.locator(".modal.uca-new-note").count()).toBe(1);
    expect(await page.locator(".uca-field.is-invalid").count()).toBe(0);
    expect(await page.textContent('[data-field-row="category"] .uca-field-hint')).toBe("");
    // The next Enter, with no list open, submits: the missing title is said next to its field.
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-field="title"][aria-invalid="true"]');
    expect(errors).toEqual([]);
    await page.close();
  }, 60000);

  it("keeps Create and Cancel in sight at 1,300 × 860 with five articles: the fields scroll", async () => {
    for (const theme of ["light", "dark"] as const) {
      const page = await served.browser.newPage({ viewport: { width: 1300, height: 860 } });
      const errors = collectErrors(page);
      await page.goto(`${served.base}atlas/${theme === "dark" ? "?theme=dark" : ""}`);
      await page.waitForSelector("body.playground-ready", { timeout: 15000 });
      await page.click('.side-dock-ribbon [aria-label="New use case analysis"]');
      await page.waitForSelector(".modal.uca-new-note");
      for (let i = 0; i < 4; i++) await page.click("text=Add article");
      expect(await page.locator(".uca-article-row").count()).toBe(5);
      await page.focus('[data-field="article-5"]');
      const inSight = (): Promise<boolean[]> => page.evaluate(() => {
        const modal = document.querySelector(".modal.uca-new-note")!.getBoundingClientRect();
        return [...document.querySelectorAll(".uca-form-buttons button")].map((b) => {
          const r = b.getBoundingClientRect();
          return r.top >= modal.top && r.bottom <= modal.bottom && r.bottom <= window.innerHeight && r.height > 0;
        });
      });
      expect(await inSight()).toEqual([true, true]);
      await page.focus('[data-field="company"]');
      expect(await inSight()).toEqual([true, true]);
      await page.screenshot({ path: resolve(SCRATCH_SHOTS, `create-form-five-articles-${theme}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 60000);

  it("shows errors next to their fields and closes on Escape (screenshots in both themes)", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { page, errors } = await open(theme === "dark" ? "?theme=dark" : "");
      await page.fill('[data-field="company"]', "Instacart");
      await page.fill('[data-field="title"]', "Hybrid search: lessons?");
      await page.fill('[data-field="year"]', "2024");
      await page.fill('[data-field="category"]', "Search and Retrieval");
      await page.focus('[data-field="industry"]');
      await page.keyboard.type("e-com");
      await page.waitForSelector(".suggestion-container .suggestion-item");
      await page.click(".suggestion-container .suggestion-item");
      await page.fill('[data-field="tags"]', "search, ranking");
      await page.fill('[data-field="article-1"]', "https://tech.instacart.example/hybrid-search");
      await page.fill(".uca-article-row .uca-article-title", "How we built hybrid search");
      expect(await page.inputValue('[data-field="industry"]')).toBe("E-commerce and retail");
      expect(await page.textContent(".uca-path-preview")).toBe("Creates Use cases/Search and Retrieval/Instacart - Hybrid search lessons.md");
      await page.screenshot({ path: resolve(SCRATCH_SHOTS, `create-form-${theme}.png`) });

      await page.fill('[data-field="year"]', "24");
      await page.click("button.mod-cta");
      await page.waitForSelector('[data-field="year"][aria-invalid="true"]');
      expect(await page.textContent('[data-field-row="year"] .uca-field-error')).toMatch(/4-digit year/);
      await page.screenshot({ path: resolve(SCRATCH_SHOTS, `create-form-error-${theme}.png`) });

      await page.keyboard.press("Escape");
      await page.waitForSelector(".modal.uca-new-note", { state: "detached" });
      expect(await page.evaluate(() => window.playground!.vault.files("Use cases").length)).toBe(2);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 90000);
});
