/** @jest-environment node */
/**
 * End to end, in headless Chromium, over the playground's demo vault: what follows when a user
 * ticks a pattern checkbox (the note's `patterns` and tags, and the open comparison view's
 * count), and what happens when the same article, written two ways, is added to two analyses
 * (one article note, "Cited by" both). Driven with clicks and keys; checked through the in-page
 * vault. The comparison view's own controls are tested elsewhere (tests/browser/ comparison files).
 *
 * The playground's editor is a plain textarea standing in for CodeMirror (docs/playground.md):
 * as Obsidian's editor, it holds the text and saves the note 2 s after the first unsaved change,
 * which is how typing reaches the plugin (a metadata-cache `changed` event after the save). So
 * the checkbox is ticked the way a user ticks it in source mode: caret on the box's space, type
 * "x"; and the plugin's changes to an open note go through the editor, reaching the file when
 * the editor saves.
 *
 * Run alone: npx jest tests/browser/e2e-sync-articles --selectProjects browser
 */
import type { Page } from "playwright-core";
import { citedByRange } from "../../src/core/articles";
import { canonicalUrl } from "../../src/core/url";
import { type E2eSession, eventually, frontmatterOf, noteText, runFromPalette, startSession, vaultFiles } from "./e2e-support";

let session: E2eSession;

beforeAll(async () => { session = await startSession("e2e-sync-articles"); }, 90000);
afterAll(async () => { await session?.close(); });

const CHIRPLY = "Use cases/Recommendations and Personalization/Chirply - Feed ranking.md";
const PIXELFORGE = "Use cases/NLP and Text/Pixelforge Games - Toxicity moderation in chat.md";
const COINFOLD = "Use cases/AI Agents and LLMs/Coinfold - Support assistant with retrieval.md";

/** Opens a note from the file list and waits for its tab. */
async function openNote(page: Page, path: string): Promise<void> {
  await page.click(`.nav-file-title[data-path="${path}"]`);
  const name = path.replace(/^.*\//, "").replace(/\.md$/, "");
  await page.waitForFunction((n) => document.querySelector(".workspace-tab-header.is-active")?.textContent === n, name);
}

/** The comparison view's header count for a pattern ("RAG Pipeline: 3 of 16 visible studies …" → 3). */
async function comparisonCount(page: Page, label: string): Promise<number | string> {
  const aria = await page.evaluate((l) => document.querySelector(`.uca-pattern-head[data-column="${l}"]`)?.getAttribute("aria-label") ?? null, label);
  const m = /: (\d+) of \d+ visible/.exec(aria ?? "");
  // What is there instead, for the failure message.
  return m ? Number(m[1]) : `no count for ${label} in the comparison view (aria-label ${String(aria)})`;
}

/** In the open note's editor: puts the caret on the checkbox of `label` and types `mark` over its state. */
async function typeIntoCheckbox(page: Page, label: string, mark: "x" | " "): Promise<void> {
  const editor = page.locator("textarea.mock-editor >> visible=true");
  await editor.click();
  const at = await editor.evaluate((area: HTMLTextAreaElement, l) => {
    const i = area.value.search(new RegExp(`^- \\[[ xX]\\] \\*\\*${l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\*\\*`, "m"));
    if (i < 0) return -1;
    // The character between the brackets, selected as a caret-and-shift would.
    area.setSelectionRange(i + 3, i + 4);
    return i;
  }, label);
  if (at < 0) throw new Error(`no checkbox for ${label} in the open note`);
  await page.keyboard.type(mark);
}

describe("pattern checkboxes and shared articles in the demo vault, in Chromium", () => {
  it("the demo vault is as the plugin would keep it: enabling the plugin over it writes nothing", async () => {
    const { page, errors } = await session.open();
    // Longer than the "Cited by" upkeep's quiet time (500 ms), which starts when the layout is ready.
    await page.waitForTimeout(1200);
    expect(await page.evaluate(() => window.playground!.vault.writes.log)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("ticking a pattern box: patterns and tags follow within the debounce, and so does the open comparison view", async () => {
    const { page, errors } = await session.open();
    await openNote(page, CHIRPLY);
    const had = (await frontmatterOf(page, CHIRPLY)).patterns as string[];
    expect(had).toHaveLength(5);
    expect(had).not.toContain("RAG Pipeline");
    // The comparison opens in a tab of its own; then back to the note's tab.
    await page.click('.side-dock-ribbon [aria-label="Open pattern comparison"]');
    await page.waitForSelector('.uca-pattern-head[data-column="RAG Pipeline"]');
    const before = await comparisonCount(page, "RAG Pipeline");
    if (typeof before !== "number") throw new Error(before);
    expect(before).toBeGreaterThan(0);
    await page.click('.workspace-tab-header[aria-label="Chirply - Feed ranking"]');
    await page.waitForFunction(() => document.querySelector(".workspace-tab-header.is-active")?.textContent === "Chirply - Feed ranking");

    await typeIntoCheckbox(page, "RAG Pipeline", "x");
    const typedAt = Date.now();
    const fm = await eventually(() => frontmatterOf(page, CHIRPLY), (f) => Array.isArray(f.patterns) && f.patterns.includes("RAG Pipeline"), 8000);
    // The editor saves 2 s after the tick; the sync waits for a quiet moment (300 ms by default)
    // and changes the note through the editor, which saves 2 s later.
    expect(Date.now() - typedAt).toBeLessThan(8000);
    expect(fm.tags).toContain("use-case/pattern/rag-pipeline");
    // The patterns the note had are still there, in the same order.
    expect((fm.patterns as string[]).filter((p) => p !== "RAG Pipeline")).toEqual(had);
    // The editor shows what the sync wrote.
    await eventually(() => page.inputValue("textarea.mock-editor >> visible=true"), (v) => v.includes("use-case/pattern/rag-pipeline"));
    // A hidden view waits to be shown before it redraws (by design); the user switches to its tab and sees the new count.
    await page.click('.workspace-tab-header[aria-label="Pattern comparison"]');
    await eventually(() => comparisonCount(page, "RAG Pipeline"), (n) => n === before + 1);
    expect(await page.isVisible('.uca-pattern-head[data-column="RAG Pipeline"]')).toBe(true);
    await page.click('.workspace-tab-header[aria-label="Chirply - Feed ranking"]');

    // And back: untick it.
    await typeIntoCheckbox(page, "RAG Pipeline", " ");
    const after = await eventually(() => frontmatterOf(page, CHIRPLY), (f) => Array.isArray(f.patterns) && !f.patterns.includes("RAG Pipeline"), 8000);
    expect(after.patterns).toEqual(had);
    expect(after.tags).not.toContain("use-case/pattern/rag-pipeline");
    await page.click('.workspace-tab-header[aria-label="Pattern comparison"]');
    await eventually(() => comparisonCount(page, "RAG Pipeline"), (n) => n === before);
    expect(errors).toEqual([]);
    await page.close();
  }, 45000);

  it("the same article, written two ways, added to two analyses: one article note, cited by both", async () => {
    const { page, errors } = await session.open();
    const articlesBefore = await vaultFiles(page, "Articles");
    const addArticle = async (analysis: string, url: string): Promise<string> => {
      await openNote(page, analysis);
      await runFromPalette(page, "Add article to this analysis");
      const form = page.locator(".modal .uca-add-article-form");
      await form.waitFor();
      // The caret starts in the URL field; the rest are typed after Tab, as a keyboard user would.
      await page.focus('.uca-add-article-form input[type="url"]');
      await page.keyboard.type(url);
      await page.fill('.uca-add-article-form .setting-item:has(.setting-item-name:text-is("Title")) input', "Rerankers in practice");
      await page.fill('.uca-add-article-form .setting-item:has(.setting-item-name:text-is("Company")) input', "Vectorworks");
      await page.fill('.uca-add-article-form .setting-item:has(.setting-item-name:text-is("Year")) input', "2025");
      await page.click(".uca-add-article-form button.mod-cta");
      await form.waitFor({ state: "detached" });
      return (await page.textContent(".notice-container .notice:last-child")) ?? "";
    };

    const first = await addArticle(PIXELFORGE, "https://blog.vectorworks.example/posts/rerankers?utm_source=twitter&utm_medium=social");
    expect(first).toMatch(/new article note/);
    const second = await addArticle(COINFOLD, "https://Blog.Vectorworks.example/posts/rerankers/?fbclid=abc123&utm_campaign=spring");
    expect(second).toMatch(/already cited by 1 analysis: Pixelforge Games - Toxicity moderation in chat/);

    const created = (await vaultFiles(page, "Articles")).filter((p) => !articlesBefore.includes(p));
    expect(created).toEqual(["Articles/Vectorworks - Rerankers in practice.md"]);
    const [article] = created;
    const canonical = canonicalUrl("https://blog.vectorworks.example/posts/rerankers");
    if (!canonical.ok) throw new Error(canonical.message);
    expect(await frontmatterOf(page, article)).toMatchObject({ type: "use-case-article", url: canonical.url, company: "Vectorworks", year: 2025 });
    // Each analysis was changed through its open editor: the file follows when the editor saves.
    for (const analysis of [PIXELFORGE, COINFOLD]) {
      await eventually(() => frontmatterOf(page, analysis), (f) => Array.isArray(f.articles) && f.articles.includes("[[Vectorworks - Rerankers in practice]]"), 8000);
    }
    const citedBy = async (): Promise<string[]> => {
      const text = await noteText(page, article);
      const range = citedByRange(text);
      return range ? text.split("\n").slice(range.start + 1, range.end) : [];
    };
    const lines = await eventually(citedBy, (l) => l.length === 2, 8000);
    expect(lines.map((l) => /\[\[([^\]]+)\]\]/.exec(l)?.[1])).toEqual(["Coinfold - Support assistant with retrieval", "Pixelforge Games - Toxicity moderation in chat"]);
    expect(errors).toEqual([]);
    await page.close();
  }, 45000);
});
