/**
 * What the browser tests share: playground pages built and served on 127.0.0.1 (each test file
 * into its own folder, so files running at once do not rebuild each other's pages), Debian's
 * Chromium through playwright-core, and where screenshots go. The end-to-end tests
 * (tests/browser/e2e-*.test.ts) also use a session over the demo-vault page whose pages collect
 * every error.
 *
 * Screenshots go to .playground-build/screenshots/ unless UCA_UPDATE_SCREENSHOTS=1, which
 * writes the committed ones in docs/manual/screenshots/ (the README embeds them).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "child_process";
import { existsSync, mkdirSync } from "fs";
import { resolve } from "path";
import * as timers from "timers";
import { type Browser, chromium, type ElementHandle, type Locator, type Page } from "playwright-core";
import { readFrontmatter } from "../../src/core/frontmatter";

export const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const UPDATE_SCREENSHOTS = process.env.UCA_UPDATE_SCREENSHOTS === "1";
/** Screenshots for a person to look at after a run; never committed. */
export const SCRATCH_SHOTS = resolve(ROOT, ".playground-build/screenshots");
/** The README's screenshots when UCA_UPDATE_SCREENSHOTS=1, else the scratch folder. */
export const SHOTS = UPDATE_SCREENSHOTS ? resolve(ROOT, "docs/manual/screenshots") : SCRATCH_SHOTS;

export interface E2eSession {
  base: string;
  browser: Browser;
  /**
   * Opens the demo vault's page (light, or dark) and waits until the plugin and the command
   * palette are ready. `fixedTime` pins the page's clock (Date only; timers run), so dates the
   * plugin writes, and screenshots of them, are the same on every run.
   */
  open(theme?: "light" | "dark", options?: { fixedTime?: Date }): Promise<E2ePage>;
  close(): Promise<void>;
}

export interface E2ePage {
  page: Page;
  /** Uncaught exceptions, console errors and failed requests, as they happen. */
  errors: string[];
}

export interface Playground {
  server: ChildProcessWithoutNullStreams;
  /** The server's address, ending in "/"; a page is at `${base}<page>/`. */
  base: string;
}

/** Builds the playground's `pages` into `.playground-build/<folder>/` and serves them, as `npm run playground` does. */
export function startPlayground(pages: readonly string[], folder: string): Promise<Playground> {
  return new Promise((done, fail) => {
    const server = spawn("node", ["playground/build.mjs", ...pages, "--serve", "--port", "0", "--out", `.playground-build/${folder}`], { cwd: ROOT });
    let output = "";
    const timer = timers.setTimeout(() => fail(new Error(`the playground server did not start:\n${output}`)), 60000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) { timers.clearTimeout(timer); done({ server, base: m[1] }); }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    server.on("exit", (code) => { timers.clearTimeout(timer); fail(new Error(`the playground build exited (${String(code)}):\n${output}`)); });
  });
}

/**
 * The page's uncaught exceptions and console errors (and, asked for, failed requests), as they
 * happen: a test ends by expecting the list empty.
 */
/**
 * Stops a playground server and waits until it has exited: a Jest worker that still has the
 * process (and its pipes) open cannot exit cleanly when its test files are done.
 */
export function stopPlayground(server: ChildProcessWithoutNullStreams): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = timers.setTimeout(() => server.kill("SIGKILL"), 5000);
    server.once("exit", () => { timers.clearTimeout(force); done(); });
    server.kill();
  });
}

export function collectErrors(page: Page, options: { failedRequests?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  if (options.failedRequests) page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  return errors;
}

/** Debian's Chromium, headless, with the flags every browser test uses (never a downloaded browser). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`needs Debian's Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium`);
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(SCRATCH_SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
}

/** The page server and browser of a test file, ready inside its tests (see `playgroundForFile`). */
export interface FilePlayground {
  readonly base: string;
  readonly browser: Browser;
}

/**
 * Serves `pages` and starts Chromium before the file's tests (beforeAll) and stops both after
 * them (afterAll, which also runs when the start failed half-way). Call at the top of a file.
 */
export function playgroundForFile(pages: readonly string[], folder: string): FilePlayground {
  let playground: Playground | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    playground = await startPlayground(pages, folder);
    browser = await launchChromium();
  }, 90000);
  afterAll(async () => {
    await browser?.close();
    if (playground) await stopPlayground(playground.server);
  });
  return {
    get base(): string {
      if (!playground) throw new Error("the playground is not served yet (use it inside a test)");
      return playground.base;
    },
    get browser(): Browser {
      if (!browser) throw new Error("Chromium is not started yet (use it inside a test)");
      return browser;
    },
  };
}

/** One server and one browser for a test file; call `close()` in afterAll. */
export async function startSession(folder: string): Promise<E2eSession> {
  const { server, base } = await startPlayground(["demo-vault"], folder);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stopPlayground(server);
    throw error;
  }
  return {
    base,
    browser,
    async open(theme = "light", options = {}) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
      if (options.fixedTime) await page.clock.setFixedTime(options.fixedTime);
      // A step that cannot happen fails fast, with its own message, well inside the test's time.
      page.setDefaultTimeout(8000);
      const errors = collectErrors(page, { failedRequests: true });
      await page.goto(`${base}demo-vault/${theme === "dark" ? "?theme=dark" : ""}`);
      await page.waitForSelector("body.playground-ready.playground-commands", { timeout: 20000 });
      return { page, errors };
    },
    async close() {
      await browser.close();
      await stopPlayground(server);
    },
  };
}

/** A note's text, read from the in-page vault. */
export function noteText(page: Page, path: string): Promise<string> {
  return page.evaluate((p) => window.playground!.vault.text(p), path);
}

/** A note's frontmatter, parsed back from its text with the plugin's own reader (throws when it does not parse). */
export async function frontmatterOf(page: Page, path: string): Promise<Record<string, unknown>> {
  const read = readFrontmatter(await noteText(page, path));
  if (read.kind !== "ok") throw new Error(`${path}: frontmatter does not parse (${read.kind})`);
  return read.data;
}

/** Paths of the in-page vault's files (under `folder` when given). */
export function vaultFiles(page: Page, folder?: string): Promise<string[]> {
  return page.evaluate((f) => window.playground!.vault.files(f ?? undefined), folder ?? null);
}

/** Waits until `check` (run in Node against the page) holds, polling; fails with its last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > until) throw new Error(`still not as expected after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => timers.setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/** Runs a command from the playground's command palette with the keyboard: Ctrl+P, its name, Enter. */
export async function runFromPalette(page: Page, name: string): Promise<void> {
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".modal.playground-command-palette .prompt-input");
  await page.keyboard.type(name);
  await page.waitForFunction((n) => document.querySelector(".playground-command-palette .suggestion-item.is-selected")?.textContent?.endsWith(n) ?? false, name);
  await page.keyboard.press("Enter");
  await page.waitForSelector(".modal.playground-command-palette", { state: "detached" });
}

/** Saves a screenshot of one element (a modal, a view) as `name`.png; returns its path. */
export async function shoot(target: Locator | ElementHandle, name: string): Promise<string> {
  const path = resolve(SHOTS, `${name}.png`);
  await target.screenshot({ path, animations: "disabled" });
  return path;
}
