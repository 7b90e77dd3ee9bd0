/** @jest-environment node */
/**
 * The browser playground in real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core; no browser is downloaded): the pages build, load without a single error,
 * draw Obsidian's workspace in both themes, and run plugin code — a demo plugin's ribbon icon
 * opens a modal in document.body; the real Use Case Atlas enables and disables cleanly.
 * Screenshots land in .playground-build/screenshots/ for a person to look at.
 *
 * Run alone: npx jest --selectProjects browser tests/browser
 *   (or: npx jest --testPathIgnorePatterns=/node_modules/ tests/browser)
 */
import { resolve } from "path";
import type { Page } from "playwright-core";
import type {} from "../../playground/pages/load";
import { collectErrors, playgroundForFile, SCRATCH_SHOTS } from "./e2e-support";

const served = playgroundForFile(["demo", "atlas", "load"], "playground-smoke");

/** Opens a page and collects every error it reports (uncaught exceptions, console errors, failed loads). */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await served.browser.newPage({ viewport: { width: 1100, height: 700 } });
  const errors = collectErrors(page, { failedRequests: true });
  await page.goto(served.base + path);
  await page.waitForSelector("body.playground-ready", { timeout: 15000 });
  return { page, errors };
}

const cssVar = (page: Page, name: string): Promise<string> =>
  page.evaluate((n) => getComputedStyle(document.body).getPropertyValue(n).trim(), name);

describe("the browser playground", () => {
  it("runs a plugin whose ribbon icon opens a modal in document.body, in the light theme", async () => {
    const { page, errors } = await open("demo/");
    expect(await page.evaluate(() => document.body.className)).toContain("theme-light");
    expect(await cssVar(page, "--background-primary")).toBe("#ffffff");
    expect(await page.textContent(".workspace-tab-header.is-active")).toBe("Welcome");
    expect(await page.inputValue("textarea.mock-editor")).toContain("This vault lives in the page's memory.");
    expect(await page.textContent(".status-bar")).toBe("Demo plugin enabled");

    await page.click('.side-dock-ribbon [aria-label="Open greeting"]');
    await page.waitForSelector("body > .modal-container .modal-title");
    expect(await page.textContent(".modal-title")).toBe("Hello from the playground");
    expect(await page.textContent(".modal-content p")).toBe("The open note is Welcome.");
    await page.click(".modal button.mod-cta");
    expect(await page.textContent(".notice-container .notice")).toBe("Hello from the demo plugin");
    await page.screenshot({ path: resolve(SCRATCH_SHOTS, "demo-modal-light.png") });

    await page.keyboard.press("Escape");
    expect(await page.$(".modal-container")).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws the dark theme from the same variables", async () => {
    const { page, errors } = await open("demo/?theme=dark");
    expect(await page.evaluate(() => document.body.className)).toContain("theme-dark");
    expect(await cssVar(page, "--background-primary")).toBe("#1c1c1f");
    await page.click('.side-dock-ribbon [aria-label="Open greeting"]');
    await page.waitForSelector(".modal-title");
    const modalBackground = await page.evaluate(() => getComputedStyle(document.querySelector(".modal")!).backgroundColor);
    expect(modalBackground).toBe("rgb(28, 28, 31)");
    await page.screenshot({ path: resolve(SCRATCH_SHOTS, "demo-modal-dark.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs Use Case Atlas itself, which enables and disables cleanly in the browser", async () => {
    const { page, errors } = await open("atlas/");
    const state = await page.evaluate(() => {
      const pg = window.playground!;
      const plugins = (pg.vault.app as unknown as { plugins: { getPlugin(id: string): unknown } }).plugins;
      return {
        loaded: plugins.getPlugin("use-case-atlas") === pg.plugin,
        frontmatter: pg.vault.cache("Use cases/Search and Retrieval/Quillmart - Hybrid search.md")?.frontmatter,
      };
    });
    expect(state.loaded).toBe(true);
    expect(state.frontmatter).toMatchObject({ type: "use-case-analysis", company: "Quillmart" });
    await page.click('.nav-file-title[data-path="Inbox.md"]');
    await page.waitForFunction(() => document.querySelector(".workspace-tab-header.is-active")?.textContent === "Inbox");
    await page.screenshot({ path: resolve(SCRATCH_SHOTS, "atlas.png") });

    const after = await page.evaluate(() => {
      const pg = window.playground!;
      pg.vault.unloadPlugin(pg.plugin);
      return {
        ribbon: document.querySelectorAll(".side-dock-ribbon > *").length,
        statusBar: document.querySelectorAll(".status-bar > *").length,
        commands: pg.vault.commandIds(),
      };
    });
    expect(after).toEqual({ ribbon: 0, statusBar: 0, commands: [] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("evaluates main.js in the load bench's page as Obsidian does", async () => {
    const page = await served.browser.newPage();
    const errors = collectErrors(page, { failedRequests: true });
    await page.goto(`${served.base}load/?n=3`);
    await page.waitForSelector("body.load-ready", { timeout: 15000 });
    // A plugin that notes how it was evaluated: the function its text is the body of, and the
    // source URL its frames carry (Obsidian: `(function anonymous(require,module,exports){…})`,
    // `//# sourceURL=plugin:<id>`).
    const plugin = [
      "var obsidian = require(\"obsidian\");",
      "var wrapper = arguments.callee.toString();",
      "module.exports = { default: class extends obsidian.Plugin {} };",
      "window.loadedAs = { head: wrapper.slice(0, wrapper.indexOf(\"{\") + 1), tail: wrapper.slice(-3), stack: new Error(\"here\").stack };",
    ].join("\n");
    await page.evaluate((text) => window.loadBench!.evaluate(text), plugin);
    const loadedAs = await page.evaluate(() => (window as unknown as { loadedAs: { head: string; tail: string; stack: string } }).loadedAs);
    expect(loadedAs.head).toBe("function anonymous(require,module,exports){");
    expect(loadedAs.tail).toBe(";\n}");
    expect(loadedAs.stack).toContain("plugin:use-case-atlas");
    expect(errors).toEqual([]);
    await page.close();
  });
});
