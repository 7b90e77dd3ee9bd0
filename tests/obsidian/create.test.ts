/**
 * Note creation with the real plugin in the in-memory Obsidian: the ribbon button and commands
 * open the form, the user fills it in, and the test checks the exact files, their frontmatter
 * (read back with the core reader), the links, the opened tab and the cursor; and that every
 * refusal and every failure leaves the vault exactly as it was.
 *
 * Depends on the harness' metadata cache for frontmatter only (from the core reader).
 */
import { MarkdownView, moment } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import { readNote } from "../../src/core/reader";
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../../src/core/settings";
import { syncNote } from "../../src/core/sync";
import { NewNoteModal } from "../../src/ui/new-note-modal";
import { verify } from "../support/approve";
import { NewNoteForm } from "../support/new-note-form";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const NOW = new Date(2025, 2, 7, 9, 5, 3);
const ANALYSIS = "Use cases/Search and Retrieval/Quillmart - Hybrid search at scale.md";

let vault: TestVault;

beforeEach(() => {
  // Only Date is faked (the rendered notes carry the date); timers run as usual.
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "requestAnimationFrame", "cancelAnimationFrame",
      "requestIdleCallback", "cancelIdleCallback", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"],
  });
});

afterEach(() => {
  vault.destroy();
  jest.useRealTimers();
  jest.restoreAllMocks();
});

async function start(files: Record<string, string> = {}, data?: unknown): Promise<void> {
  vault = createTestVault(files);
  await vault.loadPlugin(UseCaseAtlasPlugin, data === undefined ? {} : { data });
}

function openForm(): NewNoteForm {
  const modal = vault.topModal();
  if (!(modal instanceof NewNoteModal)) throw new Error("the form is not open");
  return new NewNoteForm(modal);
}

/** Every file and folder with every note's text: what "the vault is unchanged" compares. */
function snapshot(): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of vault.mock.vault.getAllLoadedFiles()) {
    if (f.path === "/" || f.path === "") continue;
    out[f.path] = vault.exists(f.path) && vault.files().includes(f.path) ? vault.text(f.path) : null;
  }
  return out;
}

function fill(form: NewNoteForm): NewNoteForm {
  return form.type("company", "Quillmart").type("title", "Hybrid search at scale").type("year", "2024")
    .type("category", "search and retrieval").type("industry", "E-commerce and retail").type("tags", "search, #ranking");
}

async function submit(form: NewNoteForm): Promise<boolean> {
  const created = await form.modal.submit();
  await vault.settle();
  return created;
}

describe("the ribbon button and the commands", () => {
  it("open the one form, focused on its first field, titled for the note kind", async () => {
    await start();
    expect(vault.ribbonIcon("New use case analysis")?.getAttribute("data-icon")).toBe("file-plus-2");
    await vault.clickRibbon("New use case analysis");
    const form = openForm();
    expect(form.title).toBe("New use case analysis");
    expect(document.activeElement).toBe(form.field("company"));
    // Tab order is the order in the document: the fields as they appear.
    const order = [...form.root.querySelectorAll<HTMLElement>("[data-field]")].map((e) => e.dataset.field);
    expect(order).toEqual(["company", "title", "year", "category", "new-category", "industry", "new-industry", "tags", "article-1", "template"]);
    expect(form.templateOptions()).toEqual([{ id: "deep-dive", label: "Deep dive (bundled)" }, { id: "case-study", label: "Case study (bundled)" }]);
    form.modal.close();

    expect(await vault.runCommand("new-analysis")).toBe(true);
    expect(openForm().title).toBe("New use case analysis");
    openForm().modal.close();
    expect(await vault.runCommand("new-case-study")).toBe(true);
    expect(openForm().title).toBe("New case study");
    expect(openForm().field("template").value).toBe("case-study");
  });

  it("register no hotkeys and sentence-case names", async () => {
    await start();
    const registry = (vault.app as unknown as { commands: { commands: Record<string, { name: string; hotkeys?: unknown }> } }).commands.commands;
    const commands = ["new-analysis", "new-case-study", "case-study-from-analysis"].map((id) => registry[`use-case-atlas:${id}`]);
    expect(commands.map((c) => [c?.name, c?.hotkeys])).toEqual([
      ["Use Case Atlas: New use case analysis", undefined],
      ["Use Case Atlas: New case study", undefined],
      ["Use Case Atlas: Create case study from this analysis", undefined],
    ]);
  });
});

describe("creating an analysis", () => {
  it("writes the note, its article notes and links, then opens it in a new tab at the first section to fill (approved)", async () => {
    await start({ "Inbox.md": "hello\n" });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm())
      .article(1, "https://eng.quillmart.example/blog/hybrid-search?utm_source=feed", "Hybrid search at Quillmart")
      .article(2, "https://eng.quillmart.example/blog/ranking/");
    expect(form.preview()).toBe(`Creates ${ANALYSIS}`);
    const tabsBefore = vault.app.workspace.getLeavesOfType("markdown").length;

    // Enter in a field submits.
    const enter = form.press("title", "Enter");
    expect(enter.defaultPrevented).toBe(true);
    await until(() => vault.exists(ANALYSIS) && vault.modals().length === 0);
    await vault.settle();

    expect(vault.files()).toEqual([
      "Articles/Quillmart - Hybrid search at Quillmart.md",
      "Articles/Quillmart - eng.quillmart.example blog ranking.md",
      "Inbox.md",
      ANALYSIS,
    ]);
    const text = vault.text(ANALYSIS);
    verify("created-analysis.approved.md", text);
    // Written once, complete: nothing (the sync included) has anything to fix in it afterwards.
    expect(vault.writes.log.filter((w) => w.path === ANALYSIS).map((w) => w.op)).toEqual(["create"]);
    expect(readNote(text).frontmatter).toEqual({
      type: "use-case-analysis", category: "Search and Retrieval", industry: "E-commerce and retail", company: "Quillmart", year: 2024,
      patterns: [], articles: ["[[Quillmart - Hybrid search at Quillmart]]", "[[Quillmart - eng.quillmart.example blog ranking]]"],
      tags: ["search", "ranking", "use-case/category/search-and-retrieval", "use-case/industry/e-commerce-and-retail"],
    });
    expect(text).toContain("**Use Cases Analyzed** (List 3-5 with links):\n"
      // The address as the user typed it; the article note keeps the canonical one.
      + "1. [[Quillmart - Hybrid search at Quillmart]] — <https://eng.quillmart.example/blog/hybrid-search?utm_source=feed>\n"
      + "2. [[Quillmart - eng.quillmart.example blog ranking]] — <https://eng.quillmart.example/blog/ranking/>\n");
    expect(readNote(vault.text("Articles/Quillmart - Hybrid search at Quillmart.md")).frontmatter).toEqual({
      type: "use-case-article", url: "https://eng.quillmart.example/blog/hybrid-search", title: "Hybrid search at Quillmart", company: "Quillmart",
      tags: ["use-case/article"],
    });
    // The links resolve to the article notes.
    const dest = vault.app.metadataCache.getFirstLinkpathDest("Quillmart - Hybrid search at Quillmart", ANALYSIS);
    expect(dest?.path).toBe("Articles/Quillmart - Hybrid search at Quillmart.md");

    // Opened in a new tab, active, in an editor, with the cursor on the line after "### 1.2 Problem Statement".
    expect(vault.app.workspace.getLeavesOfType("markdown").length).toBe(tabsBefore + 1);
    expect(vault.activeFile()?.path).toBe(ANALYSIS);
    const view = vault.app.workspace.getActiveViewOfType(MarkdownView);
    const lines = text.split("\n");
    expect(view?.editor.getCursor()).toEqual({ line: lines.indexOf("### 1.2 Problem Statement") + 1, ch: 0 });
    expect(vault.notices()).toEqual([]);
  });

  it("clicking Create submits too, and the button is disabled while it works", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm());
    const create = form.button("Create");
    create.click();
    expect(create.disabled).toBe(true);
    await until(() => vault.exists(ANALYSIS));
    await vault.settle();
    expect(vault.modals()).toEqual([]);
  });

  it("never overwrites: an existing note with that name gets a \" 2\" sibling, compared ignoring case", async () => {
    const existing = "Use cases/Search and Retrieval/quillmart - hybrid search at scale.md";
    await start({ [existing]: "mine\n" });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm());
    expect(form.preview()).toBe("Creates Use cases/Search and Retrieval/Quillmart - Hybrid search at scale 2.md");
    expect(await submit(form)).toBe(true);
    expect(vault.text(existing)).toBe("mine\n");
    expect(vault.files("Use cases")).toEqual([existing, "Use cases/Search and Retrieval/Quillmart - Hybrid search at scale 2.md"].sort());
  });

  it("puts the note into the folder the vault already has, spelled as the vault spells it", async () => {
    await start({ "use cases/search and retrieval/Other.md": "x\n" });
    await vault.clickRibbon("New use case analysis");
    expect(await submit(fill(openForm()))).toBe(true);
    expect(vault.exists("use cases/search and retrieval/Quillmart - Hybrid search at scale.md")).toBe(true);
    expect(vault.mock.vault.getAbstractFileByPath("Use cases")).toBeNull();
  });

  it("reuses the article note of the same page (canonical URL) instead of making a second one", async () => {
    const article = "Reading/Some post.md";
    const articleText = "---\ntype: use-case-article\nurl: https://eng.quillmart.example/blog/hybrid-search\n---\n# Some post\n";
    await start({ [article]: articleText });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).article(1, "HTTPS://ENG.Quillmart.example/blog/hybrid-search/?utm_campaign=x#top");
    expect(await submit(form)).toBe(true);
    expect(vault.files("Articles")).toEqual([]);
    expect(vault.text(article)).toBe(articleText);
    expect(readNote(vault.text(ANALYSIS)).frontmatter?.articles).toEqual(["[[Some post]]"]);
  });

  it("replaces characters file names cannot hold, says so in the form while typing and in a notice after", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).type("title", "What: a [title]?");
    expect(form.hint("title")).toBe("File names cannot hold : [ ] ? — replaced in the file name, kept in the note.");
    expect(form.field("title").getAttribute("aria-describedby")).toContain(form.root.querySelector('[data-field-row="title"] .uca-field-hint')?.id);
    expect(await submit(form)).toBe(true);
    expect(vault.exists("Use cases/Search and Retrieval/Quillmart - What a title.md")).toBe(true);
    // The title itself is kept as typed inside the note.
    expect(vault.text("Use cases/Search and Retrieval/Quillmart - What a title.md")).toContain("# Quillmart: What: a [title]?\n");
    expect(vault.notices()).toEqual(["Use Case Atlas: File names cannot hold : [ ] ? — replaced in the file name made from the title."]);
  });

  it("takes a category that is not in the taxonomy only once the user ticks \"Use … as a new category\"", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).type("category", "Robotics");
    expect(form.hint("category")).toBe("Not in the taxonomy.");
    const box = form.field("new-category");
    expect(box.disabled).toBe(false);
    expect(box.closest("label")?.textContent).toBe('Use "Robotics" as a new category');
    const before = snapshot();
    expect(await submit(form)).toBe(false);
    expect(form.error("category")).toMatch(/"Robotics" is not in the taxonomy/);
    // Said once: the hint under the field gives way to the error.
    expect(form.root.querySelector('[data-field-row="category"] .uca-field-hint')?.hasClass("is-hidden")).toBe(true);
    expect(form.field("category").getAttribute("aria-describedby")?.split(" ")).not.toContain(form.root.querySelector('[data-field-row="category"] .uca-field-hint')?.id);
    expect(snapshot()).toEqual(before);
    form.tick("new-category");
    expect(await submit(form)).toBe(true);
    expect(readNote(vault.text("Use cases/Robotics/Quillmart - Hybrid search at scale.md")).frontmatter).toMatchObject({ category: "Robotics" });
  });
});

describe("bad input changes nothing and says what is wrong, next to the field", () => {
  it.each<[string, (f: NewNoteForm) => unknown, string, RegExp]>([
    ["an empty title", (f) => f.type("title", ""), "title", /Title is empty/],
    ["a whitespace-only company", (f) => f.type("company", "   "), "company", /Company is empty/],
    ["a title of only illegal characters", (f) => f.type("title", "??"), "title", /no characters a file name can use/],
    ["a year that is not a 4-digit year", (f) => f.type("year", "24"), "year", /4-digit year/],
    ["a year with letters", (f) => f.type("year", "MMXX"), "year", /4-digit year/],
    ["a javascript: address", (f) => f.article(1, "javascript:alert(1)"), "article-1", /http and https/],
    ["an ftp address", (f) => f.article(1, "https://ok.example/a").article(2, "ftp://files.example/x"), "article-2", /http and https/],
    ["an unknown industry", (f) => f.type("industry", "Space"), "industry", /not in the taxonomy/],
    ["a tag of digits", (f) => f.type("tags", "#2024"), "tags", /can't be a tag/],
  ])("%s", async (_name, change, field, message) => {
    await start({ "Inbox.md": "x\n" });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm());
    change(form);
    const before = snapshot();
    expect(await submit(form)).toBe(false);
    const errors = form.errors();
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
    const input = form.field(field);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const errorId = input.closest<HTMLElement>("[data-field-row]")?.querySelector(".uca-field-error")?.id ?? "missing";
    expect(input.getAttribute("aria-describedby")?.split(" ")).toContain(errorId);
    expect(document.activeElement).toBe(input);
    expect(snapshot()).toEqual(before);
    expect(vault.writes.log).toEqual([]);
    expect(vault.modals()).toHaveLength(1);
  });

  it("clears a field's error as the user fixes it", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).type("year", "24");
    await submit(form);
    expect(form.error("year")).not.toBe("");
    form.type("year", "2023");
    expect(form.error("year")).toBe("");
    expect(form.field("year").hasAttribute("aria-invalid")).toBe(false);
  });

  it("Escape cancels: the form closes and nothing is written", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm());
    form.press("title", "Escape");
    await vault.settle();
    expect(vault.modals()).toEqual([]);
    expect(vault.files()).toEqual([]);
  });

  it("Enter picks a suggestion while the list is open instead of submitting", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).type("category", "sea");
    await vault.settle();
    expect(document.body.querySelector(".suggestion-container")?.textContent).toContain("Search and Retrieval");
    const lists = document.body.querySelectorAll(".suggestion-container").length;
    const evt = form.press("category", "Enter");
    // Cancelled: in a browser the key's default would submit the form (tests/browser/create-form).
    expect(evt.defaultPrevented).toBe(true);
    await vault.settle();
    expect(form.field("category").value).toBe("Search and Retrieval");
    expect(document.body.querySelectorAll(".suggestion-container")).toHaveLength(lists - 1);
    expect(form.root.querySelector('[data-field-row="category"] .uca-field-error')?.textContent).toBe("");
    expect(vault.modals()).toHaveLength(1);
    expect(vault.files()).toEqual([]);
  });
});

describe("settings that lead out of the vault", () => {
  it.each([
    [{ analysesFolder: "../Elsewhere" }, "analyses folder"],
    [{ articlesFolder: "Notes/../../Elsewhere" }, "articles folder"],
    [{ deepDiveTemplate: "../Templates/Mine" }, "deep dive template"],
  ])("%j: the note is refused with a message and nothing is written", async (settings, what) => {
    await start({}, { settings });
    const before = snapshot();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).article(1, "https://eng.quillmart.example/blog/hybrid-search");
    expect(await submit(form)).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(form.modal.modalEl.textContent).toContain(`The ${what}`);
  });
});

describe("templates", () => {
  it("falls back to the bundled template when the configured one is missing, and says so", async () => {
    await start({}, { settings: { deepDiveTemplate: "Templates/Gone.md" } });
    // At startup the missing template is reported once.
    expect(vault.notices()).toEqual(['Use Case Atlas: The template "Templates/Gone.md" was not found, so the bundled deep dive template was used. Check the template settings.']);
    await vault.clickRibbon("New use case analysis");
    expect(openForm().templateOptions()[0]).toEqual({ id: "deep-dive", label: "Deep dive (Gone)" });
    expect(await submit(fill(openForm()))).toBe(true);
    expect(vault.text(ANALYSIS)).toContain("## PART 1: USE CASE OVERVIEW");
    expect(vault.notices().at(-1)).toBe('Use Case Atlas: The template "Templates/Gone.md" was not found, so the bundled deep dive template was used. Check the template settings.');
  });

  it("offers every note of the templates folder; keeps its frontmatter and Templater code; warns once about unknown placeholders", async () => {
    const template = "---\ncssclasses: [wide]   # keep me\n---\n# {{title}} ({{company}})\n<% tp.file.creation_date() %>\nBy {{autor}} on {{date:dddd D MMMM YYYY}}\n\n## Notes\n";
    await start({ "Templates/Short analysis.md": template, "Templates/Sub/Short case.md": "---\ntype: case-study\n---\n# {{title}}\n" });
    await vault.clickRibbon("New use case analysis");
    let form = openForm();
    expect(form.templateOptions()).toEqual([
      { id: "deep-dive", label: "Deep dive (bundled)" }, { id: "case-study", label: "Case study (bundled)" },
      { id: "file:Templates/Short analysis.md", label: "Short analysis" }, { id: "file:Templates/Sub/Short case.md", label: "Sub/Short case" },
    ]);
    fill(form).chooseTemplate("file:Templates/Short analysis.md");
    expect(await submit(form)).toBe(true);
    const text = vault.text(ANALYSIS);
    expect(text.startsWith("---\ncssclasses: [wide]   # keep me\ntype: use-case-analysis\n")).toBe(true);
    expect(text.slice(text.indexOf("\n---\n") + 5)).toBe("# Hybrid search at scale (Quillmart)\n<% tp.file.creation_date() %>\nBy {{autor}} on Friday 7 March 2025\n\n## Notes\n");
    expect(vault.notices()).toEqual(['Use Case Atlas: The template "Templates/Short analysis.md" has placeholders Use Case Atlas does not know, left as written: {{autor}}.']);
    // The cursor goes to the first section when the template has none of the bundled ones.
    expect(vault.app.workspace.getActiveViewOfType(MarkdownView)?.editor.getCursor().line).toBe(text.split("\n").indexOf("<% tp.file.creation_date() %>"));

    // A second note from the same template: no second warning. A case-study template makes a case study.
    await vault.clickRibbon("New use case analysis");
    form = fill(openForm()).type("title", "Second").chooseTemplate("file:Templates/Short analysis.md");
    expect(await submit(form)).toBe(true);
    await vault.clickRibbon("New use case analysis");
    form = fill(openForm()).chooseTemplate("file:Templates/Sub/Short case.md");
    expect(form.title).toBe("New case study");
    expect(await submit(form)).toBe(true);
    expect(vault.notices()).toHaveLength(1);
    expect(readNote(vault.text("Case studies/Search and Retrieval/Quillmart - Hybrid search at scale (case study).md")).frontmatter?.type).toBe("case-study");
  });

  it("writes dates in the user's language, with Obsidian's moment, as the core Templates plugin does", async () => {
    const locale = moment.locale();
    moment.locale("fr");
    try {
      await start({ "Templates/Dated.md": "# {{title}}\nLe {{date:dddd D MMMM YYYY}}, créé {{date}} à {{time}}\n" });
      await vault.clickRibbon("New use case analysis");
      expect(await submit(fill(openForm()).chooseTemplate("file:Templates/Dated.md"))).toBe(true);
      const text = vault.text(ANALYSIS);
      expect(text.slice(text.indexOf("\n---\n") + 5)).toBe("# Hybrid search at scale\nLe vendredi 7 mars 2025, créé 2025-03-07 à 09:05\n");
    } finally {
      moment.locale(locale);
    }
  });

  it("refuses a template whose frontmatter is broken, next to the template field, writing nothing", async () => {
    await start({ "Templates/Broken.md": "---\na: 1\na: 2\n---\n# {{title}}\n" });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).article(1, "https://a.example/post").chooseTemplate("file:Templates/Broken.md");
    const before = snapshot();
    expect(await submit(form)).toBe(false);
    const errors = form.errors();
    expect(Object.keys(errors)).toEqual(["template"]);
    expect(errors.template).toMatch(/^The template "Templates\/Broken.md" cannot be used: its frontmatter is broken/);
    expect(snapshot()).toEqual(before);
  });
});

describe("a failure midway", () => {
  it("refuses, before making any article note, a template whose rendered frontmatter breaks (a value turned into YAML syntax)", async () => {
    await start({ "Templates/Fragile.md": "---\nsource: {{company}}\n---\n# {{title}}\n" });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).type("company", "Acme: Labs").article(1, "https://a.example/one", "One").chooseTemplate("file:Templates/Fragile.md");
    const before = snapshot();
    expect(await submit(form)).toBe(false);
    expect(form.formError()).toMatch(/^The template "Templates\/Fragile.md" cannot be used: .*\. Nothing was created\.$/);
    expect(snapshot()).toEqual(before);
  });

  it("takes away everything this creation made (article notes, the note, new folders) and shows the error", async () => {
    await start({ "Inbox.md": "x\n" });
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).article(1, "https://a.example/one", "One").article(2, "https://a.example/two", "Two");
    const before = snapshot();
    const create = vault.mock.vault.create.bind(vault.mock.vault);
    jest.spyOn(vault.mock.vault, "create").mockImplementation(async (path: string, data: string) => {
      if (path === ANALYSIS) throw new Error("disk full");
      return create(path, data);
    });
    expect(await submit(form)).toBe(false);
    expect(form.formError()).toBe("The note could not be created: disk full. Nothing was kept.");
    expect(snapshot()).toEqual(before);
    // Still open, usable again.
    expect(vault.modals()).toHaveLength(1);
    expect(form.button("Create").disabled).toBe(false);
  });

  it("also when the second article note fails after the first was made", async () => {
    await start();
    await vault.clickRibbon("New use case analysis");
    const form = fill(openForm()).article(1, "https://a.example/one", "One").article(2, "https://a.example/two", "Two");
    const create = vault.mock.vault.create.bind(vault.mock.vault);
    jest.spyOn(vault.mock.vault, "create").mockImplementation(async (path: string, data: string) => {
      if (path === "Articles/Quillmart - Two.md") throw new Error("no space");
      return create(path, data);
    });
    expect(await submit(form)).toBe(false);
    expect(form.formError()).toBe("The note could not be created: no space. Nothing was kept.");
    expect(snapshot()).toEqual({});
  });
});

describe("a case study from an analysis", () => {
  const analysisText = [
    "---",
    "type: use-case-analysis  # mine",
    "category: Search and Retrieval",
    "industry: E-commerce and retail",
    "company: Quillmart",
    "year: 2024",
    "patterns:",
    "  - Hybrid Retrieval",
    "  - Multi-Stage Funnel",
    "articles:",
    '  - "[[Hybrid search at Quillmart]]"',
    '  - "[[Notes without a URL]]"',
    "---",
    "# Quillmart: Hybrid search at scale",
    "",
    "**Tech Stack Identified**:",
    "| Component | Technology/Tool | Purpose |",
    "|---|---|---|",
    "| Vector DB | Milvus | |",
    "| Feature Store | Feast, Redis | |",
    "| Cache | Redis | |",
    "",
    "**Design Patterns Observed**:",
    "- [x] **Hybrid Retrieval**",
    "- [x] **Multi-Stage Funnel**",
    "",
  ].join("\n");
  const files = {
    [ANALYSIS]: analysisText,
    "Articles/Hybrid search at Quillmart.md": "---\ntype: use-case-article\nurl: https://eng.quillmart.example/blog/hybrid-search\ntitle: Hybrid search at Quillmart\n---\n",
    "Articles/Notes without a URL.md": "just notes\n",
    "Inbox.md": "x\n",
  };
  const CASE_STUDY = "Case studies/Search and Retrieval/Quillmart - Hybrid search at scale (case study).md";

  it("is offered only when the active note is an analysis", async () => {
    await start(files);
    expect(await vault.runCommand("case-study-from-analysis")).toBe(false);
    await vault.openFile("Inbox.md");
    expect(await vault.runCommand("case-study-from-analysis")).toBe(false);
    await vault.openFile(ANALYSIS);
    expect(await vault.runCommand("case-study-from-analysis")).toBe(true);
  });

  it("prefills the form, links both ways (approved), and changes the analysis only by one property in one write", async () => {
    await start(files);
    await vault.openFile(ANALYSIS);
    await vault.runCommand("case-study-from-analysis");
    await until(() => vault.modals().length === 1);
    const form = openForm();
    expect(form.title).toBe("New case study from Quillmart - Hybrid search at scale");
    expect(["company", "title", "year", "category", "industry"].map((f) => form.field(f).value))
      .toEqual(["Quillmart", "Hybrid search at scale", "2024", "Search and Retrieval", "E-commerce and retail"]);
    expect(form.articleCount()).toBe(1);
    expect([form.articleInputs(1).url.value, form.articleInputs(1).title.value]).toEqual(["https://eng.quillmart.example/blog/hybrid-search", "Hybrid search at Quillmart"]);
    expect(form.root.querySelector(".uca-form-note")?.textContent).toBe("Not carried over (no article note with a web address): Notes without a URL.");
    expect(form.templateOptions()).toEqual([{ id: "case-study", label: "Case study (bundled)" }]);

    vault.writes.reset();
    expect(await submit(form)).toBe(true);
    const text = vault.text(CASE_STUDY);
    verify("created-case-study.approved.md", text);
    expect(readNote(text).frontmatter).toEqual({
      type: "case-study", category: "Search and Retrieval", industry: "E-commerce and retail", company: "Quillmart", year: 2024,
      // In template order, as the sync writes them: the new case study is in step from the start.
      patterns: ["Multi-Stage Funnel", "Hybrid Retrieval"], articles: ["[[Hybrid search at Quillmart]]"],
      // The case study has a name of its own, so a link by name is unambiguous both ways.
      analysis: "[[Quillmart - Hybrid search at scale]]",
      tags: ["use-case/category/search-and-retrieval", "use-case/industry/e-commerce-and-retail", "use-case/pattern/multi-stage-funnel", "use-case/pattern/hybrid-retrieval"],
    });
    expect(syncNote(text, { prefix: "use-case", patternGroups: DEFAULT_SETTINGS.patternGroups, knownPatterns: bundledTaxonomy().patterns }, null)).toMatchObject({ ok: true, changed: false });
    expect(text).toContain("| Stack | Milvus, Feast, Redis |");
    // The analysis is open: one change through its editor (no file write under it), saved by
    // the editor; the new property appended, every other byte kept.
    expect(vault.writes.count(ANALYSIS)).toBe(0);
    await vault.saveEditors();
    expect(vault.merges()).toEqual([]);
    const after = vault.text(ANALYSIS);
    const closing = analysisText.indexOf("\n---\n");
    expect(after).toBe(`${analysisText.slice(0, closing)}\ncase_studies:\n  - "[[Quillmart - Hybrid search at scale (case study)]]"${analysisText.slice(closing)}`);
    expect(vault.app.metadataCache.getFirstLinkpathDest("Quillmart - Hybrid search at scale (case study)", ANALYSIS)?.path).toBe(CASE_STUDY);
    expect(vault.app.metadataCache.getFirstLinkpathDest("Quillmart - Hybrid search at scale", CASE_STUDY)?.path).toBe(ANALYSIS);
    expect(vault.activeFile()?.path).toBe(CASE_STUDY);
    const view = vault.app.workspace.getActiveViewOfType(MarkdownView);
    const lines = text.split("\n");
    expect(view?.editor.getCursor().line).toBe(lines.indexOf("## TL;DR") + 2);
  });

  it("trashes the case study again when the analysis cannot be linked", async () => {
    await start(files);
    await vault.openFile(ANALYSIS);
    await vault.runCommand("case-study-from-analysis");
    await until(() => vault.modals().length === 1);
    const form = openForm();
    const before = snapshot();
    // The analysis is open: its link goes through the editor, which refuses here.
    jest.spyOn(vault.editor(ANALYSIS), "transaction").mockImplementation(() => { throw new Error("the file is locked"); });
    expect(await submit(form)).toBe(false);
    expect(form.formError()).toBe("The note could not be created: the file is locked. Nothing was kept.");
    expect(snapshot()).toEqual(before);
  });
});

/** Waits (macrotask by macrotask) until the condition holds; fails after 200 rounds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => window.setTimeout(resolve, 0));
  }
  throw new Error("condition never held");
}
