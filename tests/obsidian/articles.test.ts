/**
 * Article notes in the in-memory Obsidian: the commands and forms as a user drives them, the
 * "Cited by" upkeep, and every bad input of the issue. Page titles come from a fake HttpGet
 * (the real fetch against a server on 127.0.0.1 is tests/cli/title-server.test.ts).
 *
 * A gap of the in-memory Obsidian, pinned in the renaming test below: its
 * `fileManager.renameFile` only moves the file; it does not rewrite `[[links]]` to it (real
 * Obsidian does, in bodies and in frontmatter properties, with "Automatically update internal
 * links" on). The test does that rewrite by hand, as Obsidian would, and checks our part: the
 * lookup by URL, "Cited by" and a later add follow the renamed note.
 */
import { type MarkdownPostProcessor, type MarkdownPostProcessorContext, Plugin } from "obsidian";
import { CITED_BY_END, CITED_BY_START, NOT_CITED_LINE, currentCitedBy } from "../../src/core/articles";
import { bundledTaxonomy, resolveSettings } from "../../src/core/settings";
import type { HttpGet, HttpResponse } from "../../src/core/title";
import { addArticleToAnalysis, ensureArticleNote, findArticleByUrl } from "../../src/obsidian/articles";
import type { CitedByMaintainer } from "../../src/obsidian/cited-by";
import type { AtlasContext } from "../../src/obsidian/context";
import { registerArticles } from "../../src/ui/articles";
import { type TestVault, createTestVault } from "../support/obsidian-env";
import { noteBytes, writeNoteBytes } from "../support/obsidian-gaps";

// ---------------------------------------------------------------------------------------------
// A plugin with the article features only, a fake web and no wait before "Cited by" updates

interface Page { status?: number; contentType?: string; body?: string; never?: boolean }
let pages: Record<string, Page | (() => Promise<HttpResponse>)> = {};
const requested: string[] = [];

const fakeGet: HttpGet = (url, timeoutMs) => {
  requested.push(url);
  const page = pages[url];
  if (typeof page === "function") return page();
  if (!page) return Promise.resolve({ status: 404, headers: { "content-type": "text/html" }, text: "<title>Not found</title>" });
  // Like obsidianHttpGet: a page that never answers is given up after timeoutMs.
  if (page.never) return new Promise<HttpResponse>((_resolve, reject) => window.setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs));
  return Promise.resolve({ status: page.status ?? 200, headers: { "content-type": page.contentType ?? "text/html; charset=utf-8" }, text: page.body ?? "" });
};

class ArticlesPlugin extends Plugin {
  maintainer!: CitedByMaintainer;
  ctx!: AtlasContext;
  override onload(): void {
    const settings = resolveSettings(undefined);
    this.ctx = {
      app: this.app,
      settings: () => settings,
      saveSettings: () => Promise.resolve(),
      onStudyContextChange: () => () => undefined,
      taxonomy: () => bundledTaxonomy(),
      studyContext: () => ({ patterns: bundledTaxonomy().patterns, patternGroups: settings.patternGroups, checklistHeading: settings.checklistHeading, categories: settings.taxonomy.categories, industries: settings.taxonomy.industries }),
      loadState: () => undefined,
      saveState: () => Promise.resolve(),
    };
    this.maintainer = registerArticles(this, this.ctx, { httpGet: fakeGet, titleTimeoutMs: 30, citedByDelayMs: 0 });
  }
}

function analysis(company: string, category: string, patterns: string[], extra = ""): string {
  return [
    "---",
    "type: use-case-analysis",
    `company: ${company}`,
    `category: ${category}`,
    "year: 2024",
    `patterns:${patterns.map((p) => `\n  - ${p}`).join("")}${patterns.length === 0 ? " []" : ""}`,
    "tags:",
    "  - mine # a user tag",
    "---",
    `# ${company}: a study`,
    "",
    "**Use Cases Analyzed** (List 3-5 with links):",
    "1. ",
    "",
    "### 1.2 Problem Statement",
    "The user's words.",
    extra,
  ].join("\n");
}

const A = "Use cases/Search and Retrieval/Acme - Search.md";
const B = "Use cases/Search and Retrieval/Beta - Ranking.md";
const C = "Use cases/AI Agents and LLMs/Gamma - Agents.md";

function threeAnalyses(): Record<string, string> {
  return {
    [A]: analysis("Acme", "Search and Retrieval", ["Hybrid Retrieval", "Multi-Stage Funnel"]),
    [B]: analysis("Beta", "Search and Retrieval", ["Two-Tower Architecture"]),
    [C]: analysis("Gamma", "AI Agents and LLMs", []),
  };
}

let vault: TestVault;
let plugin: ArticlesPlugin;

async function start(files: Record<string, string>): Promise<void> {
  vault = createTestVault(files);
  plugin = await vault.loadPlugin(ArticlesPlugin);
  await plugin.maintainer.idle();
  await vault.settle();
}

/**
 * Lets the "Cited by" upkeep and the metadata cache finish what the last action started; open
 * editors save what the plugin changed through them (as Obsidian does 2 s later).
 */
async function upkeep(): Promise<void> {
  await vault.saveEditors();
  await plugin.maintainer.idle();
  await vault.saveEditors();
  await plugin.maintainer.idle();
  await vault.settle();
}

beforeEach(() => {
  pages = {};
  requested.length = 0;
});
afterEach(() => vault?.destroy());

// ---------------------------------------------------------------------------------------------
// Driving the form

function form(): HTMLElement {
  const modal = vault.topModal();
  if (!modal) throw new Error("no form is open");
  return modal.contentEl;
}

function field(name: string): HTMLInputElement {
  const row = Array.from(form().querySelectorAll(".setting-item")).find((el) => el.querySelector(".setting-item-name")?.textContent === name);
  const input = row?.querySelector("input");
  if (!input) throw new Error(`no field ${name}`);
  return input;
}

function type(name: string, value: string): void {
  const input = field(name);
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

function button(text: string): HTMLButtonElement {
  const found = Array.from(form().querySelectorAll("button")).find((b) => b.textContent === text || b.textContent === "Fetching…" && text === "Fetch title");
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

function formError(): string {
  return form().querySelector(".uca-form-error")?.textContent ?? "";
}

function fetchStatus(): string {
  return form().querySelector(".uca-fetch-status")?.textContent ?? "";
}

async function addThroughForm(analysisPath: string, values: { url: string; title?: string; company?: string; year?: string }): Promise<void> {
  await vault.openFile(analysisPath);
  expect(await vault.runCommand("add-article")).toBe(true);
  type("URL", values.url);
  if (values.title !== undefined) type("Title", values.title);
  if (values.company !== undefined) type("Company", values.company);
  if (values.year !== undefined) type("Year", values.year);
  button("Add article").click();
  await upkeep();
}

function snapshot(): Record<string, string> {
  return Object.fromEntries(vault.files().map((p) => [p, vault.text(p)]));
}

// ---------------------------------------------------------------------------------------------

describe("Done when: one article, three analyses", () => {
  it("makes one article note cited by three analyses, with links both ways", async () => {
    await start(threeAnalyses());
    expect(vault.exists("Articles")).toBe(false);

    await addThroughForm(A, { url: "https://Eng.Example.com/hybrid-search/?utm_source=twitter&utm_medium=social", title: "Hybrid search at scale", year: "2024" });
    expect(vault.notices().at(-1)).toBe("Added \"Acme - Hybrid search at scale\" to Acme - Search (new article note).");
    // The list line and the property: one change to the analysis, open in the editor, so made
    // through it (one undo takes back both; the file is not written under the editor).
    expect(vault.writes.count(A)).toBe(0);
    expect(vault.merges()).toEqual([]);
    const linked = vault.editor(A).getValue();
    vault.editor(A).undo();
    expect(vault.editor(A).getValue()).toBe(threeAnalyses()[A]);
    vault.editor(A).redo();
    expect(vault.editor(A).getValue()).toBe(linked);
    await addThroughForm(B, { url: "https://eng.example.com/hybrid-search?fbclid=abc123", title: "Another title typed" });
    expect(vault.notices().at(-1)).toBe("Added \"Acme - Hybrid search at scale\" to Beta - Ranking — already cited by 1 analysis: Acme - Search.");
    await addThroughForm(C, { url: "HTTPS://ENG.EXAMPLE.COM/hybrid-search/#comments" });
    expect(vault.notices().at(-1)).toBe("Added \"Acme - Hybrid search at scale\" to Gamma - Agents — already cited by 2 analyses: Acme - Search, Beta - Ranking.");

    // One article note, in the articles folder that was created for it.
    const article = "Articles/Acme - Hybrid search at scale.md";
    expect(vault.files("Articles")).toEqual([article]);
    expect(vault.cache(article)?.frontmatter).toEqual({
      type: "use-case-article", url: "https://eng.example.com/hybrid-search", title: "Hybrid search at scale",
      company: "Acme", year: 2024, tags: ["use-case/article"],
    });

    // Analysis → article: the list line (with the URL as each user gave it) and the property.
    const line = (url: string): string => `1. [[Acme - Hybrid search at scale]] — <${url}>`;
    expect(vault.text(A)).toBe(analysis("Acme", "Search and Retrieval", ["Hybrid Retrieval", "Multi-Stage Funnel"])
      .replace("1. \n", `${line("https://eng.example.com/hybrid-search/?utm_source=twitter&utm_medium=social")}\n`)
      .replace("  - mine # a user tag\n", "  - mine # a user tag\narticles:\n  - \"[[Acme - Hybrid search at scale]]\"\n"));
    expect(vault.text(C)).toContain(line("https://eng.example.com/hybrid-search/#comments"));
    for (const path of [A, B, C]) {
      expect(vault.cache(path)?.frontmatter?.articles).toEqual(["[[Acme - Hybrid search at scale]]"]);
      expect(vault.app.metadataCache.resolvedLinks[path]?.[article]).toBeGreaterThanOrEqual(1);
    }

    // Article → analyses: "Cited by", with category and patterns.
    expect(currentCitedBy(vault.text(article))).toEqual([
      "- [[Acme - Search]] — Search and Retrieval · Hybrid Retrieval, Multi-Stage Funnel",
      "- [[Beta - Ranking]] — Search and Retrieval · Two-Tower Architecture",
      "- [[Gamma - Agents]] — AI Agents and LLMs",
    ]);
    expect(Object.keys(vault.app.metadataCache.resolvedLinks[article] ?? {}).sort()).toEqual([A, B, C].sort());
  });

  it("adding the same URL twice from the same analysis adds nothing and says so", async () => {
    await start(threeAnalyses());
    await addThroughForm(A, { url: "https://eng.example.com/post", title: "Post" });
    const before = snapshot();
    vault.writes.reset();
    await addThroughForm(A, { url: "https://ENG.example.com/post/?utm_campaign=x" });
    expect(vault.notices().at(-1)).toBe("\"Acme - Post\" is already linked from Acme - Search; nothing changed.");
    expect(snapshot()).toEqual(before);
    expect(vault.writes.log).toEqual([]);
  });

  it("two adds of one URL started together make one note", async () => {
    await start(threeAnalyses());
    const [x, y] = await Promise.all([
      addArticleToAnalysis(plugin.ctx, vault.file(A), { url: "https://x.example/a?utm_source=1", title: "Same" }),
      addArticleToAnalysis(plugin.ctx, vault.file(B), { url: "https://x.example/a/", title: "Same" }),
    ]);
    await upkeep();
    expect(x.article.path).toBe(y.article.path);
    expect(vault.files("Articles")).toEqual(["Articles/Same.md"]);
  });
});

describe("bad input", () => {
  it.each([
    ["not a url", /./],
    ["javascript:alert(1)", /./],
    ["file:///etc/passwd", /./],
    ["/relative/path", /./],
    ["", /./],
  ])("%j: the form says why and stays open; nothing changes", async (url, message) => {
    await start(threeAnalyses());
    const before = snapshot();
    await vault.openFile(A);
    await vault.runCommand("add-article");
    type("URL", url);
    button("Add article").click();
    await upkeep();
    expect(formError()).toMatch(message);
    expect(vault.modals()).toHaveLength(1);
    expect(snapshot()).toEqual(before);
    expect(vault.writes.log).toEqual([]);
  });

  it("is used from the keyboard: the caret starts in the address, Enter adds, a stale message goes as the user types", async () => {
    await start(threeAnalyses());
    await vault.openFile(A);
    await vault.runCommand("add-article");
    expect(document.activeElement).toBe(field("URL"));
    const press = (): KeyboardEvent => {
      const evt = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true });
      field("URL").dispatchEvent(evt);
      return evt;
    };
    expect(press().defaultPrevented).toBe(true);
    await upkeep();
    expect(formError()).toBe("The article link is empty.");
    const url = field("URL");
    url.value = "h";
    url.dispatchEvent(new Event("input", { bubbles: true }));
    expect(formError()).toBe("");
    type("URL", "https://eng.acme.example/keyboard");
    press();
    await upkeep();
    expect(vault.modals()).toHaveLength(0);
    expect(vault.text(A)).toContain("https://eng.acme.example/keyboard");
  });

  it("a year that is not four digits is refused in the form", async () => {
    await start(threeAnalyses());
    const before = snapshot();
    await vault.openFile(A);
    await vault.runCommand("add-article");
    type("URL", "https://x.example/a");
    type("Year", "24x");
    button("Add article").click();
    await upkeep();
    expect(formError()).toBe("The year must be four digits, like 2024.");
    expect(snapshot()).toEqual(before);
  });

  it("an analysis with broken frontmatter: the form says so, no article note is made", async () => {
    const broken = analysis("Acme", "Search", []).replace("year: 2024", "year: [2024");
    await start({ [A]: broken });
    const before = snapshot();
    await vault.openFile(A);
    // The cache cannot read its type, so the command is not offered; the glue refuses too.
    expect(await vault.runCommand("add-article")).toBe(false);
    await expect(addArticleToAnalysis(plugin.ctx, vault.file(A), { url: "https://x.example/a" })).rejects.toThrow(/has broken frontmatter .*Nothing was changed/);
    expect(snapshot()).toEqual(before);
  });

  it("an articles property that is not a list of links: refused before any note is made", async () => {
    await start({ [A]: analysis("Acme", "Search", []).replace("year: 2024", "year: 2024\narticles:\n  a: 1") });
    const before = snapshot();
    await addThroughForm(A, { url: "https://x.example/a", title: "T" });
    expect(formError()).toMatch(/the articles property is not a list of links/);
    expect(snapshot()).toEqual(before);
  });

  it("an article note with broken frontmatter is reported by name and never rewritten", async () => {
    const brokenArticle = `---\ntype: use-case-article\nurl: https://x.example/a\ntitle: [oops\n---\n# A\n\n## Cited by\n${CITED_BY_START}\n${NOT_CITED_LINE}\n${CITED_BY_END}\n`;
    const citing = analysis("Acme", "Search", []).replace("year: 2024", "year: 2024\narticles:\n  - \"[[Broken]]\"");
    await start({ [A]: citing, "Articles/Broken.md": brokenArticle });
    expect(vault.notices().join("\n")).toMatch(/the article note "Articles\/Broken\.md" has broken frontmatter .*not updated/);
    expect(vault.text("Articles/Broken.md")).toBe(brokenArticle);
    expect(vault.writes.count("Articles/Broken.md")).toBe(0);
    // Reported once, not on every change.
    const count = vault.notices().length;
    await vault.write(A, vault.text(A).replace("The user's words.", "More words."));
    await upkeep();
    expect(vault.notices().length).toBe(count);
    expect(vault.text("Articles/Broken.md")).toBe(brokenArticle);
  });

  it("a new article whose note name is taken by a broken note: refused, nothing changes", async () => {
    const broken = "---\ntitle: [oops\n---\nmine\n";
    await start({ ...threeAnalyses(), "Articles/Acme - Post.md": broken });
    const before = snapshot();
    await addThroughForm(A, { url: "https://x.example/post", title: "Post" });
    expect(formError()).toMatch(/"Articles\/Acme - Post\.md" has broken frontmatter .*Nothing was changed/);
    expect(snapshot()).toEqual(before);
  });

  it("a note by the same name for another URL: the new note gets another name", async () => {
    const other = "---\ntype: use-case-article\nurl: https://other.example/post\n---\n";
    await start({ ...threeAnalyses(), "Articles/Acme - Post.md": other });
    await addThroughForm(A, { url: "https://x.example/post", title: "Post" });
    expect(vault.files("Articles")).toEqual(["Articles/Acme - Post 2.md", "Articles/Acme - Post.md"]);
    expect(vault.text("Articles/Acme - Post.md")).toBe(other);
    expect(vault.text(A)).toContain("1. [[Acme - Post 2]] — <https://x.example/post>");
  });

  it("a hostile title is escaped in the heading and replaced in the file name and link text", async () => {
    await start(threeAnalyses());
    // Through the glue: a text field cannot hold a newline, a fetched title can.
    const title = "Why <b>RAG</b> fails:\n[[a]] | *b* #c ^d";
    const added = await addArticleToAnalysis(plugin.ctx, vault.file(A), { url: "https://x.example/a", title, company: "Acme" });
    await upkeep();
    const path = "Articles/Acme - Why b RAG b fails a b c d.md";
    expect(added.article.path).toBe(path);
    expect(vault.files("Articles")).toEqual([path]);
    expect(vault.text(A)).toContain("1. [[Acme - Why b RAG b fails a b c d]] — <https://x.example/a>");
    expect(vault.cache(A)?.frontmatter?.articles).toEqual(["[[Acme - Why b RAG b fails a b c d]]"]);
    expect(vault.cache(path)?.frontmatter?.title).toBe("Why <b>RAG</b> fails: [[a]] | *b* #c ^d");
    expect(vault.text(path)).toContain(String.raw`# Why \<b\>RAG\</b\> fails: \[\[a\]\] \| \*b\* \#c \^d`);
  });

  it("a missing articles folder is created, nested too", async () => {
    await start(threeAnalyses());
    plugin.ctx.settings().articlesFolder = "Research/Sources/Articles";
    const ensured = await ensureArticleNote(plugin.ctx, { url: "https://x.example/a", title: "T" });
    expect(ensured).toMatchObject({ created: true, citedBy: [] });
    expect(ensured.file.path).toBe("Research/Sources/Articles/T.md");
  });
});

describe("fetching a title in the form", () => {
  async function openForm(url: string): Promise<void> {
    await start(threeAnalyses());
    await vault.openFile(A);
    await vault.runCommand("add-article");
    type("URL", url);
  }

  it("fills the title; the form is usable while the page loads", async () => {
    let answer: (r: HttpResponse) => void = () => undefined;
    pages["https://x.example/a"] = () => new Promise((resolve) => { answer = resolve; });
    await openForm("https://x.example/a");
    button("Fetch title").click();
    await vault.settle();
    expect(button("Fetch title").disabled).toBe(true);
    expect(button("Fetch title").textContent).toBe("Fetching…");
    expect(form().querySelector(".uca-fetch-status.uca-is-loading")).not.toBeNull();
    // Typing elsewhere works meanwhile; a second click asks nothing more.
    type("Company", "Acme Corp");
    button("Fetch title").click();
    answer({ status: 200, headers: { "Content-Type": "text/html" }, text: "<html><head><title>Search\n  at Acme</title></head></html>" });
    await vault.settle();
    expect(requested).toEqual(["https://x.example/a"]);
    expect(field("Title").value).toBe("Search at Acme");
    expect(fetchStatus()).toBe("Title fetched.");
    expect(button("Fetch title").disabled).toBe(false);
    button("Add article").click();
    await upkeep();
    expect(vault.files("Articles")).toEqual(["Articles/Acme Corp - Search at Acme.md"]);
  });

  it.each([
    ["a page that is not HTML", { contentType: "application/pdf", body: "%PDF" }, /^That link is a PDF, not a web page — type the title instead\.$/],
    ["a 404", { status: 404, body: "<title>Not found</title>" }, /^The page answered 404 \(no such page\) — type the title instead\.$/],
    ["a timeout", { never: true }, /^No answer within 0\.03 s — type the title instead\.$/],
  ])("%s: a clear message, the title stays as typed, the form stays usable", async (_name, page, message) => {
    pages["https://x.example/a"] = page;
    await openForm("https://x.example/a");
    type("Title", "My own title");
    jest.useFakeTimers(); // the 30 ms title timeout is a fake one: 60 ms pass at once
    try {
      button("Fetch title").click();
      await vault.settle();
      jest.advanceTimersByTime(60);
      await vault.settle();
    } finally {
      jest.useRealTimers();
    }
    expect(fetchStatus()).toMatch(message);
    expect(field("Title").value).toBe("My own title");
    expect(button("Fetch title").disabled).toBe(false);
    expect(vault.files("Articles")).toEqual([]);
  });

  it("an invalid URL is caught before anything is fetched", async () => {
    await openForm("ftp://x.example/a");
    button("Fetch title").click();
    await vault.settle();
    expect(fetchStatus()).toMatch(/^Enter the web address first: /);
    expect(requested).toEqual([]);
  });

  it("a title with newlines and markup becomes one line and a safe name", async () => {
    pages["https://x.example/a"] = { body: "<title>Ranking\n<i>fast</i> | [draft]</title>" };
    await openForm("https://x.example/a");
    button("Fetch title").click();
    await vault.settle();
    const fetched = field("Title").value;
    expect(fetched).toBe("Ranking fast | [draft]");
    button("Add article").click();
    await upkeep();
    expect(vault.files("Articles")).toEqual(["Articles/Acme - Ranking fast draft.md"]);
    expect(vault.text(A)).toContain("1. [[Acme - Ranking fast draft]] — <https://x.example/a>");
  });
});

describe("the Fetch title command on an article note", () => {
  const article = "---\ntype: use-case-article\nurl: https://x.example/a # where it lives\ncompany: Acme\n---\n# x.example a\n";

  it("sets the title property and keeps the rest byte for byte", async () => {
    pages["https://x.example/a"] = { body: "<meta property=\"og:title\" content=\"OG\"><title>Real title</title>" };
    await start({ "Articles/x.md": article });
    await vault.openFile("Articles/x.md");
    expect(await vault.runCommand("fetch-article-title")).toBe(true);
    await upkeep();
    // og:title first (the core's rule); the comment on url stays, the new key is appended.
    expect(vault.text("Articles/x.md")).toBe("---\ntype: use-case-article\nurl: https://x.example/a # where it lives\ncompany: Acme\ntitle: OG\n---\n# x.example a\n");
    expect(vault.notices().at(-1)).toBe("Title of x set to \"OG\".");
  });

  it("asks for the URL as first given (under the heading) when it is the same page", async () => {
    pages["http://www.x.example/a?utm_source=rss"] = { body: "<title>From the original</title>" };
    await start({ "Articles/x.md": `${article}\n<http://www.x.example/a?utm_source=rss>\n` });
    await vault.openFile("Articles/x.md");
    await vault.runCommand("fetch-article-title");
    await upkeep();
    expect(requested).toEqual(["http://www.x.example/a?utm_source=rss"]);
    expect(vault.cache("Articles/x.md")?.frontmatter?.title).toBe("From the original");
  });

  it("a 404 is reported and nothing changes", async () => {
    await start({ "Articles/x.md": article });
    await vault.openFile("Articles/x.md");
    await vault.runCommand("fetch-article-title");
    await upkeep();
    expect(vault.notices().at(-1)).toBe("Could not fetch the title of https://x.example/a: The page answered 404 (no such page).");
    expect(vault.text("Articles/x.md")).toBe(article);
  });

  it("is offered on article notes only", async () => {
    await start({ ...threeAnalyses(), "Articles/x.md": article });
    await vault.openFile(A);
    expect(await vault.runCommand("fetch-article-title")).toBe(false);
    expect(await vault.runCommand("add-article")).toBe(true);
    vault.topModal()?.close();
    await vault.openFile("Articles/x.md");
    expect(await vault.runCommand("add-article")).toBe(false);
  });
});

describe("linking, unlinking, renaming", () => {
  const note = (url: string, title: string, company: string): string => `---\ntype: use-case-article\nurl: ${url}\ntitle: ${title}\ncompany: ${company}\n---\n# ${title}\n\n## Cited by\n${CITED_BY_START}\n${NOT_CITED_LINE}\n${CITED_BY_END}\n\n## Notes\nMy notes.\n`;
  const files = (): Record<string, string> => ({
    ...threeAnalyses(),
    "Articles/Acme - Search.md": note("https://acme.example/search", "Search", "Acme"),
    "Articles/Zed - Agents.md": note("https://blog.zed.example/agents", "Agents", "Zed"),
  });

  it("Link existing article: a fuzzy list of article notes by title, company and host", async () => {
    await start(files());
    await vault.openFile(B);
    expect(await vault.runCommand("link-existing-article")).toBe(true);
    const rows = (): string[] => Array.from(document.body.querySelectorAll(".prompt .suggestion-item")).map((el) => el.textContent ?? "");
    expect(rows()).toEqual(["SearchAcme · acme.example", "AgentsZed · blog.zed.example"]);
    const input = document.body.querySelector<HTMLInputElement>(".prompt-input")!;
    input.value = "zed";
    input.dispatchEvent(new Event("input"));
    await vault.settle();
    expect(rows()).toEqual(["AgentsZed · blog.zed.example"]);
    (document.body.querySelector(".prompt .suggestion-item") as HTMLElement).click();
    await upkeep();
    expect(vault.text(B)).toContain("1. [[Zed - Agents]] — <https://blog.zed.example/agents>");
    expect(vault.cache(B)?.frontmatter?.articles).toEqual(["[[Zed - Agents]]"]);
    expect(currentCitedBy(vault.text("Articles/Zed - Agents.md"))).toEqual(["- [[Beta - Ranking]] — Search and Retrieval · Two-Tower Architecture"]);
    expect(vault.notices().at(-1)).toBe("Added \"Zed - Agents\" to Beta - Ranking (existing article note).");
  });

  it("Unlink: removes the line and the property entry; the article note stays, its Cited by follows", async () => {
    await start(files());
    await addThroughForm(A, { url: "https://acme.example/search" });
    await addThroughForm(A, { url: "https://blog.zed.example/agents" });
    expect(currentCitedBy(vault.text("Articles/Acme - Search.md"))).toHaveLength(1);
    await vault.openFile(A);
    expect(await vault.runCommand("unlink-article")).toBe(true);
    await vault.settle();
    const rows = Array.from(document.body.querySelectorAll(".prompt .suggestion-item"));
    expect(rows.map((el) => el.textContent)).toEqual(["Acme - Search", "Zed - Agents"]);
    (rows[0] as HTMLElement).click();
    await upkeep();
    expect(vault.text(A)).not.toContain("[[Acme - Search]]");
    expect(vault.text(A)).toContain("1. [[Zed - Agents]] — <https://blog.zed.example/agents>");
    expect(vault.cache(A)?.frontmatter?.articles).toEqual(["[[Zed - Agents]]"]);
    expect(vault.exists("Articles/Acme - Search.md")).toBe(true);
    expect(currentCitedBy(vault.text("Articles/Acme - Search.md"))).toEqual([NOT_CITED_LINE]);
    expect(vault.text("Articles/Acme - Search.md")).toContain("## Notes\nMy notes.\n");
    expect(vault.notices().at(-1)).toBe("Unlinked \"Acme - Search\" from Acme - Search. The article note stays.");
  });

  it("renaming an article note: every link to it follows (Obsidian's link updating), so do the lookup by URL and Cited by", async () => {
    await start(files());
    await addThroughForm(A, { url: "https://acme.example/search" });
    await addThroughForm(B, { url: "https://acme.example/search" });
    const aBefore = vault.text(A);
    await vault.app.fileManager.renameFile(vault.file("Articles/Acme - Search.md"), "Articles/Acme - Hybrid search.md");
    await upkeep();
    // Links in the articles property and in the "Use Cases Analyzed" list both name the new note,
    // and nothing else in the analysis changed.
    // (The analysis is called "Acme - Search" too, so the link named the article by its path.)
    expect(aBefore).toContain("[[Articles/Acme - Search]]");
    expect(vault.text(A)).toBe(aBefore.split("[[Articles/Acme - Search]]").join("[[Acme - Hybrid search]]"));
    expect(vault.text(A)).toContain('  - "[[Acme - Hybrid search]]"');
    expect(vault.text(A)).toMatch(/1\. \[\[Acme - Hybrid search\]\] — <https:\/\/acme\.example\/search>/);
    expect(vault.text(B)).not.toContain("[[Articles/Acme - Search]]");
    expect(vault.text(B)).toContain("[[Acme - Hybrid search]]");
    const renamed = "Articles/Acme - Hybrid search.md";
    expect(findArticleByUrl(vault.app, "https://acme.example/search")?.path).toBe(renamed);
    expect(currentCitedBy(vault.text(renamed))).toEqual([
      "- [[Acme - Search]] — Search and Retrieval · Hybrid Retrieval, Multi-Stage Funnel",
      "- [[Beta - Ranking]] — Search and Retrieval · Two-Tower Architecture",
    ]);
    // Adding the same URL again finds the renamed note.
    await addThroughForm(C, { url: "https://acme.example/search?utm_source=x" });
    expect(vault.text(C)).toContain("1. [[Acme - Hybrid search]] — <https://acme.example/search?utm_source=x>");
    expect(vault.files("Articles")).toEqual(["Articles/Acme - Hybrid search.md", "Articles/Zed - Agents.md"]);
  });

  it("renaming an analysis rewrites the Cited by lines naming it", async () => {
    await start(files());
    await addThroughForm(A, { url: "https://acme.example/search" });
    await vault.rename(A, "Use cases/Search and Retrieval/Acme - Search v2.md");
    await upkeep();
    expect(currentCitedBy(vault.text("Articles/Acme - Search.md"))).toEqual(["- [[Acme - Search v2]] — Search and Retrieval · Hybrid Retrieval, Multi-Stage Funnel"]);
  });
});

describe("Cited by upkeep", () => {
  it("follows a change of patterns or category, one write per article; no write when nothing shows", async () => {
    await start(threeAnalyses());
    await addThroughForm(A, { url: "https://x.example/a", title: "A1" });
    await addThroughForm(A, { url: "https://x.example/b", title: "B1" });
    vault.writes.reset();
    await vault.write(A, vault.text(A).replace("  - Multi-Stage Funnel\n", ""));
    await upkeep();
    expect(currentCitedBy(vault.text("Articles/Acme - A1.md"))).toEqual(["- [[Acme - Search]] — Search and Retrieval · Hybrid Retrieval"]);
    expect(vault.writes.count("Articles/Acme - A1.md", "process")).toBe(1);
    expect(vault.writes.count("Articles/Acme - B1.md", "process")).toBe(1);
    vault.writes.reset();
    await vault.write(A, vault.text(A).replace("The user's words.", "Other words."));
    await upkeep();
    expect(vault.writes.log).toEqual([]);
  });

  it("on start, brings stale lists up to date and leaves the user's notes alone", async () => {
    const article = `---\ntype: use-case-article\nurl: https://x.example/a\n---\n# A\n\n## Cited by\n${CITED_BY_START}\n- [[Someone old]]\n${CITED_BY_END}\n\n## Notes\n- my own list\n${CITED_BY_END}\n`;
    const citing = analysis("Acme", "Search and Retrieval", []).replace("year: 2024", "year: 2024\narticles:\n  - \"[[A]]\"");
    await start({ [A]: citing, "Articles/A.md": article });
    expect(vault.text("Articles/A.md")).toBe(article.replace("- [[Someone old]]", "- [[Acme - Search]] — Search and Retrieval"));
  });

  it("on start, an analysis that stopped citing the article (and cites nothing now) leaves its list", async () => {
    const article = `---\ntype: use-case-article\nurl: https://x.example/a\n---\n# A\n\n## Cited by\n${CITED_BY_START}\n- [[Acme - Search]] — Search and Retrieval\n${CITED_BY_END}\n`;
    await start({ [A]: analysis("Acme", "Search and Retrieval", []), "Articles/A.md": article });
    expect(currentCitedBy(vault.text("Articles/A.md"))).toEqual(["*No analysis cites this article yet.*"]);
  });

  it("an analysis deleted: its articles no longer list it", async () => {
    await start(threeAnalyses());
    await addThroughForm(A, { url: "https://x.example/a", title: "T" });
    await addThroughForm(B, { url: "https://x.example/a" });
    await vault.remove(A);
    await upkeep();
    expect(currentCitedBy(vault.text("Articles/Acme - T.md"))).toEqual(["- [[Beta - Ranking]] — Search and Retrieval · Two-Tower Architecture"]);
  });

  it("an article without the markers (the user removed them) is left alone", async () => {
    const article = "---\ntype: use-case-article\nurl: https://x.example/a\n---\n# Mine now\n";
    await start({ ...threeAnalyses(), "Articles/A.md": article });
    await addThroughForm(A, { url: "https://x.example/a" });
    expect(vault.text("Articles/A.md")).toBe(article);
  });

  it("stops with the plugin: no timers, no writes after unload", async () => {
    await start(threeAnalyses());
    await addThroughForm(A, { url: "https://x.example/a", title: "T" });
    vault.unloadPlugin(plugin);
    vault.writes.reset();
    await vault.write(A, vault.text(A).replace("  - Multi-Stage Funnel\n", ""));
    await vault.settle();
    await new Promise((r) => window.setTimeout(r, 10));
    expect(vault.writes.log).toEqual([]);
  });
});

describe("the Add article button in reading view", () => {
  function processors(): MarkdownPostProcessor[] {
    return (plugin as unknown as { markdownPostProcessors__: MarkdownPostProcessor[] }).markdownPostProcessors__;
  }

  async function render(path: string, lineStart: number, lineEnd: number): Promise<HTMLElement> {
    const el = document.body.createDiv();
    const ctx = {
      docId: "doc", sourcePath: path, frontmatter: vault.cache(path)?.frontmatter,
      addChild: () => undefined,
      getSectionInfo: () => ({ text: vault.text(path), lineStart, lineEnd }),
    } as unknown as MarkdownPostProcessorContext;
    for (const p of processors()) await p(el, ctx);
    return el;
  }

  it("sits under the list's block only, is a focusable button, and opens the form", async () => {
    await start(threeAnalyses());
    const lines = vault.text(A).split("\n");
    const label = lines.findIndex((l) => l.startsWith("**Use Cases Analyzed**"));
    const labelBlock = await render(A, label, label);
    expect(labelBlock.querySelector("button")).toBeNull();
    const listBlock = await render(A, label + 1, label + 1);
    const btn = listBlock.querySelector<HTMLButtonElement>("button.uca-add-article-button");
    expect(btn?.textContent).toBe("Add article");
    expect(btn?.tabIndex).toBe(0);
    btn?.click();
    await vault.settle();
    expect(vault.topModal()?.titleEl.textContent).toBe("Add article to Acme - Search");
    expect(field("Company").value).toBe("Acme");
    expect(field("Year").value).toBe("");
  });

  it("is not added to other notes", async () => {
    await start({ "Notes/x.md": "**Use Cases Analyzed**:\n1. \n" });
    const el = await render("Notes/x.md", 1, 1);
    expect(el.querySelector("button")).toBeNull();
  });
});

describe("Cited by follows links that resolve later", () => {
  it("an analysis citing an article note before it exists: the note, once made, lists it (the analysis' links resolve; its text does not change)", async () => {
    const citing = analysis("Acme", "Search and Retrieval", ["Hybrid Retrieval"]).replace("  - mine # a user tag\n", "  - mine # a user tag\narticles:\n  - \"[[Later article]]\"\n");
    await start({ [A]: citing });
    expect(vault.app.metadataCache.resolvedLinks[A]?.["Articles/Later article.md"]).toBeUndefined();
    vault.writes.reset();
    await vault.write("Articles/Later article.md", `---\ntype: use-case-article\nurl: https://example.com/later\n---\n# Later article\n\n## Cited by\n\n${CITED_BY_START}\n${NOT_CITED_LINE}\n${CITED_BY_END}\n`);
    await upkeep();
    expect(currentCitedBy(vault.text("Articles/Later article.md"))).toEqual([expect.stringContaining("[[Acme - Search]]")]);
    expect(vault.writes.count(A)).toBe(0);
  });
});

describe("Cited by and an article note that is not UTF-8 (issue 13)", () => {
  it("leaves the note's bytes as they are and says so", async () => {
    const article = "Articles/Caf\u00e9.md";
    const text = `---\ntype: use-case-article\nurl: https://acme.example/cafe\n---\n# Caf\u00e9 post\n\n## Cited by\n${CITED_BY_START}\n${NOT_CITED_LINE}\n${CITED_BY_END}\n`;
    const latin1 = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    vault = createTestVault({
      [article]: text.replace("\u00e9 post", "\ufffd post"),
      [A]: analysis("Acme", "Search and Retrieval", ["Hybrid Retrieval"]).replace("tags:", "articles:\n  - \"[[Caf\u00e9]]\"\ntags:"),
    });
    writeNoteBytes(vault.mock, article, latin1);
    plugin = await vault.loadPlugin(ArticlesPlugin);
    await upkeep();
    expect(await noteBytes(vault.mock, article)).toEqual(latin1);
    expect(vault.notices().filter((n) => n.includes("not UTF-8"))).toEqual([
      `Use Case Atlas: the article note "${article}" is not UTF-8, not synced: its "Cited by" list was not updated. Save it as UTF-8 and it will be.`,
    ]);
  });
});
