/** @jest-environment node */
/**
 * End to end, in headless Chromium: a user creates an analysis in the playground's demo vault
 * (the notes `use-case-atlas demo` writes), with the mouse and with the keyboard alone.
 * tests/browser/create-form.test.ts covers the form's Tab order, field errors and the "Add
 * article" button; here: the whole trip from the ribbon to the opened note, checked through
 * the in-page vault (files, parsed frontmatter, article notes, the active tab), the command
 * palette route, Escape and where the focus goes back to. Also the README's screenshots of the
 * filled-in form and of the created note, light and dark (see tests/browser/e2e-support.ts).
 *
 * Run alone: npx jest --selectProjects browser tests/browser/e2e-create
 */
import { canonicalUrl } from "../../src/core/url";
import { type E2eSession, eventually, frontmatterOf, noteText, runFromPalette, shoot, startSession, vaultFiles } from "./e2e-support";
import type { Page } from "playwright-core";

let session: E2eSession;

beforeAll(async () => { session = await startSession("e2e-create"); }, 90000);
afterAll(async () => { await session?.close(); });

/** "Today" in these pages: the created note says when it was started, and its screenshot should not change daily. */
const SCREENSHOT_DATE = new Date(2025, 2, 7, 9, 30);
const NOTE = "Use cases/Operations and Infrastructure/Gridwell - Streaming feature pipeline.md";
const NEW_URL = "https://eng.gridwell.example/blog/streaming-features/?utm_source=rss&utm_medium=feed";
/** The demo vault's hybrid-search article, written with other tracking parameters and case. */
const KNOWN_URL = "https://Engineering.Quillmart.example/blog/hybrid-search-at-scale?utm_campaign=spring";
const KNOWN_ARTICLE = "Articles/Quillmart - Hybrid search at scale.md";

/** Fills the form as a user would: typing into each field, picking the industry from its suggestions. */
async function fillForm(page: Page): Promise<void> {
  await page.fill('[data-field="company"]', "Gridwell");
  await page.fill('[data-field="title"]', "Streaming feature pipeline");
  await page.fill('[data-field="year"]', "2025");
  await page.fill('[data-field="category"]', "Operations and Infrastructure");
  await page.focus('[data-field="industry"]');
  await page.keyboard.type("tec");
  await page.waitForSelector(".suggestion-container .suggestion-item");
  await page.click('.suggestion-container .suggestion-item:text-is("Tech")');
  await page.fill('[data-field="tags"]', "streaming, features");
  await page.fill('[data-field="article-1"]', NEW_URL);
  await page.fill(".uca-article-row:nth-child(1) .uca-article-title", "Streaming features at Gridwell");
  await page.click("text=Add article");
  await page.fill('[data-field="article-2"]', KNOWN_URL);
}

describe("creating an analysis in the demo vault, in Chromium", () => {
  it.each(["light", "dark"] as const)("ribbon → form → Enter: the note, its frontmatter, its articles and the open tab (%s theme)", async (theme) => {
    const { page, errors } = await session.open(theme, { fixedTime: SCREENSHOT_DATE });
    const articlesBefore = await vaultFiles(page, "Articles");
    expect(articlesBefore).toContain(KNOWN_ARTICLE);

    // Tall enough for the whole form in the screenshot (a modal scrolls beyond 85% of the window).
    await page.setViewportSize({ width: 1200, height: 1200 });
    await page.click('.side-dock-ribbon [aria-label="New use case analysis"]');
    const modal = page.locator(".modal.uca-new-note");
    await modal.waitFor();
    await fillForm(page);
    expect(await page.textContent(".uca-path-preview")).toBe(`Creates ${NOTE}`);
    expect(await modal.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
    await shoot(modal, `new-note-form-${theme}`);

    // Enter in a field creates the note.
    await page.focus('[data-field="title"]');
    await page.keyboard.press("Enter");
    await modal.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector(".workspace-tab-header.is-active")?.textContent === "Gridwell - Streaming feature pipeline");

    const fm = await frontmatterOf(page, NOTE);
    expect(fm).toEqual({
      type: "use-case-analysis",
      category: "Operations and Infrastructure",
      industry: "Tech",
      company: "Gridwell",
      year: 2025,
      patterns: [],
      articles: expect.any(Array) as unknown,
      tags: ["streaming", "features", "use-case/category/operations-and-infrastructure", "use-case/industry/tech"],
    });
    // One new article note for the new address; the known address (other case, other tracking
    // parameters) reuses the demo vault's note.
    const newArticles = (await vaultFiles(page, "Articles")).filter((p) => !articlesBefore.includes(p));
    expect(newArticles).toHaveLength(1);
    const [articlePath] = newArticles;
    const articleName = articlePath.replace(/^Articles\//, "").replace(/\.md$/, "");
    expect(fm.articles).toEqual([`[[${articleName}]]`, "[[Quillmart - Hybrid search at scale]]"]);
    const wanted = canonicalUrl(NEW_URL);
    if (!wanted.ok) throw new Error(wanted.message);
    expect(await frontmatterOf(page, articlePath)).toMatchObject({ type: "use-case-article", url: wanted.url });
    const text = await noteText(page, NOTE);
    expect(text).toContain("started 2025-03-07");
    expect(text).toContain(`[[${articleName}]]`);
    expect(text).toContain("[[Quillmart - Hybrid search at scale]]");
    // Both article notes come to list the new analysis under "Cited by".
    for (const path of [articlePath, KNOWN_ARTICLE]) {
      await eventually(() => noteText(page, path), (t) => t.includes("[[Gridwell - Streaming feature pipeline"));
    }

    // The new note is the active tab, its text in the editor.
    const active = await page.evaluate(() => window.playground!.vault.activeFile()?.path);
    expect(active).toBe(NOTE);
    expect(await page.inputValue("textarea.mock-editor >> visible=true")).toBe(text);
    await page.setViewportSize({ width: 1100, height: 640 });
    await shoot(page.locator(".workspace-split.mod-root"), `created-note-${theme}`);
    expect(errors).toEqual([]);
    await page.close();
  }, 45000);

  it("keyboard only: the command from the palette opens the form, Tab stays in it, Escape closes it and the focus goes back", async () => {
    const { page, errors } = await session.open();
    // The user is writing in a note.
    await page.click("textarea.mock-editor >> visible=true");
    await page.keyboard.press("Control+End");
    const editorFocused = (): Promise<boolean> => page.evaluate(() => document.activeElement?.classList.contains("mock-editor") ?? false);
    expect(await editorFocused()).toBe(true);

    await runFromPalette(page, "New use case analysis");
    const modal = page.locator(".modal.uca-new-note");
    await modal.waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.field)).toBe("company");

    // Tab visits every control of the form, in order, and reaches Create then Cancel.
    const visited: string[] = [];
    for (let i = 0; i < 30 && !visited.includes("Cancel"); i++) {
      await page.keyboard.press("Tab");
      const where = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { inForm: el?.closest(".modal.uca-new-note") !== null, name: el?.dataset.field ?? el?.textContent ?? el?.tagName ?? "" };
      });
      expect(where.inForm).toBe(true);
      visited.push(where.name);
    }
    expect(visited.slice(0, 5)).toEqual(["title", "year", "category", "industry", "tags"]);
    expect(visited.slice(-2)).toEqual(["Create", "Cancel"]);

    await page.keyboard.press("Escape");
    await modal.waitFor({ state: "detached" });
    expect(await editorFocused()).toBe(true);
    // Nothing was written.
    expect((await vaultFiles(page)).filter((p) => p.startsWith("Use cases/") && p.includes("Gridwell"))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 30000);
});
