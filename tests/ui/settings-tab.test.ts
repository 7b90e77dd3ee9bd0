/**
 * The settings tab of the real plugin in the in-memory Obsidian: drawn from its declarative
 * definitions (as Obsidian 1.13+ does) and by display() (earlier versions); every control
 * changes the setting it names, refuses what fails its check, and the taxonomy and template
 * buttons do what they say in the vault.
 */
import UseCaseAtlasPlugin from "../../main";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE, type TemplateTaxonomy } from "../../src/core/taxonomy";
import { OPEN_COMPARISON_COMMAND } from "../../src/ui/comparison";
import { VIEW_TYPE_COMPARISON } from "../../src/ui/comparison-view";
import { AtlasSettingTab } from "../../src/ui/settings-tab";
import { showWhenConnected } from "../support/jsdom-layout";
import { createTestVault, type TestVault } from "../support/obsidian-env";

let vault: TestVault;
let plugin: UseCaseAtlasPlugin;
let tab: HTMLElement;

afterEach(() => vault.destroy());

async function start(files: Record<string, string> = {}, data?: unknown): Promise<void> {
  vault = createTestVault(files);
  plugin = await vault.loadPlugin(UseCaseAtlasPlugin, data === undefined ? {} : { data });
  tab = vault.openSettings();
}

function saved(): Record<string, unknown> {
  return ((plugin as unknown as { data__: { settings: Record<string, unknown> } }).data__).settings;
}

function activeTaxonomy(): TemplateTaxonomy {
  // (Worked out when first asked for, from the template read last.)
  return (plugin as unknown as { activeTaxonomy: () => TemplateTaxonomy }).activeTaxonomy();
}

/** The setting row with this name (its name element's text). */
function row(name: string, root: HTMLElement = tab): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>(".setting-item")].find((el) => el.querySelector(":scope > .setting-item-info > .setting-item-name")?.textContent === name);
  if (!found) throw new Error(`no setting "${name}"; have ${[...root.querySelectorAll(".setting-item-name")].map((e) => e.textContent).join(" | ")}`);
  return found;
}

function input(name: string): HTMLInputElement {
  const el = row(name).querySelector<HTMLInputElement>(":scope > .setting-item-control input");
  if (!el) throw new Error(`no input in "${name}"`);
  return el;
}

async function type(el: HTMLInputElement, value: string): Promise<void> {
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  await vault.settle();
}

function problem(name: string): string {
  return row(name).querySelector(".uca-setting-error")?.textContent ?? "";
}

async function click(el: Element | null | undefined): Promise<void> {
  if (!(el instanceof HTMLElement)) throw new Error("nothing to click");
  el.click();
  await vault.settle();
}

function button(root: Element, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll<HTMLButtonElement>("button")].find((b) => b.textContent === text);
}

function dialog(): HTMLElement {
  const modal = vault.topModal();
  if (!modal) throw new Error("no dialog open");
  return modal.modalEl;
}

async function answerText(value: string, submitText: string): Promise<void> {
  const field = dialog().querySelector<HTMLInputElement>("input");
  if (!field) throw new Error("no text field in the dialog");
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  await click(button(dialog(), submitText));
}

function listValues(kind: "category" | "industry"): string[] {
  return [...tab.querySelectorAll(`[data-list="${kind}"] .uca-list-row .setting-item-name`)].map((e) => e.textContent ?? "");
}

describe("the settings tab", () => {
  it("shows its sections under headings, first one without, in sentence case", async () => {
    await start();
    const names = [...tab.querySelectorAll(".setting-item-name")].map((e) => e.textContent).filter((n) => n !== "");
    expect(names.slice(0, 12)).toEqual([
      "Analyses folder", "Case studies folder", "Articles folder", "File name pattern", "Case study file name pattern",
      "Templates folder", "Deep dive template", "Case study template", "Install default templates",
      "Tag prefix", "Pattern groups", "Category list",
    ]);
    expect(tab.textContent).toContain("Templates");
    expect(tab.textContent).toContain("Tags and patterns");
    expect(tab.textContent).toContain("Industries");
  });

  it("saves the folders, normalised, and the file name pattern's preview follows them live", async () => {
    await start();
    expect(row("File name pattern").textContent).toContain("Example: Use cases/Search and Retrieval/Instacart - Hybrid search.md");
    expect(row("Case study file name pattern").textContent).toContain("Example: Case studies/Search and Retrieval/Instacart - Hybrid search (case study).md");
    expect(row("File name pattern").classList.contains("uca-wide-setting")).toBe(true);
    await type(input("Case study file name pattern"), "{{company}} - {{title}} (write-up)");
    expect(saved().caseStudyFileNamePattern).toBe("{{company}} - {{title}} (write-up)");
    expect(row("Case study file name pattern").textContent).toContain("Example: Case studies/Instacart - Hybrid search (write-up).md");
    await type(input("Analyses folder"), " Research//Studies/ ");
    expect(saved().analysesFolder).toBe("Research/Studies");
    expect(row("File name pattern").textContent).toContain("Example: Research/Studies/Search and Retrieval/Instacart - Hybrid search.md");
    await type(input("Articles folder"), "Sources");
    await type(input("Case studies folder"), "");
    expect(saved()).toMatchObject({ articlesFolder: "Sources", caseStudiesFolder: "" });
  });

  it("refuses a file name pattern that cannot work, says why, and keeps the last good one", async () => {
    await start();
    await type(input("File name pattern"), "{{autor}} - {{title}}");
    expect(problem("File name pattern")).toMatch(/Unknown placeholder \{\{autor\}\}/);
    expect(input("File name pattern").getAttribute("aria-invalid")).toBe("true");
    expect(plugin.settings.fileNamePattern).toBe("{{category}}/{{company}} - {{title}}");
    await type(input("File name pattern"), "{{year}}/{{company}} - {{title}}");
    expect(problem("File name pattern")).toBe("");
    expect(saved().fileNamePattern).toBe("{{year}}/{{company}} - {{title}}");
    expect(row("File name pattern").textContent).toContain("Example: Use cases/2024/Instacart - Hybrid search.md");
  });

  it.each([
    ["Analyses folder", "../Elsewhere", "analysesFolder", "Use cases"],
    ["Articles folder", "Notes/../../x", "articlesFolder", "Articles"],
    ["Templates folder", "C:/Templates", "templatesFolder", "Templates"],
    ["Deep dive template", "../Templates/Mine", "deepDiveTemplate", ""],
    ["File name pattern", "../{{company}} - {{title}}", "fileNamePattern", "{{category}}/{{company}} - {{title}}"],
  ])("refuses a %s that leads out of the vault (%j), says why, and keeps the last good one", async (name, value, key, kept) => {
    await start();
    await type(input(name), value);
    expect(problem(name)).toMatch(/vault/);
    expect(input(name).getAttribute("aria-invalid")).toBe("true");
    expect((plugin.settings as unknown as Record<string, unknown>)[key]).toBe(kept);
  });

  it("shows the tag prefix and changes it only as a rename (tests/obsidian/tag-prefix-rename.test.ts)", async () => {
    await start();
    expect(row("Tag prefix").querySelector(".uca-tag-prefix")?.textContent).toBe("use-case");
    expect(row("Tag prefix").querySelector("input")).toBeNull();
    await click(button(row("Tag prefix"), "Rename…"));
    expect(dialog().querySelector(".modal-title")?.textContent).toBe("Rename tag prefix \"use-case\"");
  });

  it("reads the taxonomy again from the deep-dive template it is given, and says when the note is missing", async () => {
    const mine = BUNDLED_DEEP_DIVE_TEMPLATE.replace("- [ ] **Cascade Model**", "- [ ] **Cascade Model**\n- [ ] **Mixture of Experts** (routing)");
    expect(mine).not.toBe(BUNDLED_DEEP_DIVE_TEMPLATE);
    await start({ "Templates/My deep dive.md": mine });
    expect(activeTaxonomy().patterns.map((p) => p.label)).not.toContain("Mixture of Experts");
    await type(input("Deep dive template"), "Templates/My deep dive.md");
    expect(saved().deepDiveTemplate).toBe("Templates/My deep dive.md");
    expect(activeTaxonomy().patterns.map((p) => p.label)).toContain("Mixture of Experts");
    expect(problem("Deep dive template")).toBe("");
    await type(input("Deep dive template"), "Templates/Nope");
    expect(problem("Deep dive template")).toBe('The template "Templates/Nope.md" was not found, so the bundled deep dive template was used. Check the template settings.');
    expect(activeTaxonomy().patterns.map((p) => p.label)).not.toContain("Mixture of Experts");
    await type(input("Case study template"), "Templates/Missing case");
    expect(problem("Case study template")).toBe('No note "Templates/Missing case.md": the bundled template is used until there is one.');
  });

  it("a pattern the new deep-dive template adds becomes a column of the open comparison, counted at once", async () => {
    const mine = BUNDLED_DEEP_DIVE_TEMPLATE.replace("- [ ] **Cascade Model**", "- [ ] **Cascade Model**\n- [ ] **Mixture of Experts** (routing)");
    const note = "---\ntype: use-case-analysis\ncompany: Uber\npatterns:\n  - mixture of experts\n---\n";
    showWhenConnected();
    await start({ "Templates/My deep dive.md": mine, "Use cases/Uber - ETA.md": note });
    await vault.runCommand(OPEN_COMPARISON_COMMAND);
    await vault.settle();
    const view = (): HTMLElement => vault.app.workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)[0].view.containerEl;
    const head = (): Element | null => view().querySelector('th[data-column="Mixture of Experts"] .uca-head-count');
    expect(head()).toBeNull();
    await type(input("Deep dive template"), "Templates/My deep dive.md");
    // No note changes: the view repaints by itself, within the paint scheduler's longest wait for a
    // live change (a second at most; frames here are jsdom's timers, slower on a busy machine).
    const until = Date.now() + 3000;
    while (head()?.textContent !== "1 · 100%" && Date.now() < until) { await new Promise((r) => window.requestAnimationFrame(r)); await vault.settle(); }
    expect(head()?.textContent).toBe("1 · 100%");
    expect(vault.text("Use cases/Uber - ETA.md")).toBe(note);
  });

  it("installs the default templates without ever overwriting, says what it wrote and skipped, and uses them", async () => {
    await start({ "Templates/Case study.md": "my own case study template\n" });
    await click(button(row("Install default templates"), "Install"));
    expect(vault.text("Templates/Use case deep dive.md")).toBe(BUNDLED_DEEP_DIVE_TEMPLATE);
    expect(vault.text("Templates/Case study.md")).toBe("my own case study template\n");
    expect(row("Install default templates").textContent).toContain("Written: Templates/Use case deep dive.md. Skipped (already there, not changed): Templates/Case study.md. Now used as the templates: Templates/Use case deep dive.md.");
    expect(saved()).toMatchObject({ deepDiveTemplate: "Templates/Use case deep dive.md", caseStudyTemplate: "" });
    expect(input("Deep dive template").value).toBe("Templates/Use case deep dive.md");
    expect(vault.notices().at(-1)).toMatch(/^Use Case Atlas: Written: Templates\/Use case deep dive.md\./);

    // Again: nothing written, nothing changed.
    vault.writes.reset();
    await vault.write("Templates/Use case deep dive.md", "edited by me\n");
    await click(button(row("Install default templates"), "Install"));
    expect(vault.writes.log).toEqual([]);
    expect(vault.text("Templates/Use case deep dive.md")).toBe("edited by me\n");
    expect(row("Install default templates").textContent).toContain("Skipped (already there, not changed): Templates/Use case deep dive.md, Templates/Case study.md.");
  });

  it("installs into a templates folder that does not exist yet", async () => {
    await start();
    await type(input("Templates folder"), "Meta/Templates");
    await click(button(row("Install default templates"), "Install"));
    expect(vault.files("Meta")).toEqual(["Meta/Templates/Case study.md", "Meta/Templates/Use case deep dive.md"]);
    expect(vault.text("Meta/Templates/Case study.md")).toBe(BUNDLED_CASE_STUDY_TEMPLATE);
  });

  it("edits the pattern groups: rename in place, remove, add (the taxonomy follows)", async () => {
    await start();
    const groups = (): HTMLInputElement[] => [...tab.querySelectorAll<HTMLInputElement>('[data-list="pattern-groups"] input')];
    expect(groups().map((g) => g.value)).toEqual(["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns"]);
    await type(groups()[1], "deployment pattern");
    expect(tab.querySelector('[data-list="pattern-groups"] .uca-setting-error')?.textContent).toMatch(/already in the list/);
    await type(groups()[0], "Deployment Patterns");
    expect(saved().patternGroups).toEqual(["Deployment Patterns", "Design Patterns Observed", "Infrastructure Patterns"]);
    // The template's heading is "Deployment Pattern": its checkboxes are no longer patterns.
    expect(activeTaxonomy().patterns.some((p) => p.label === "Batch")).toBe(false);

    await click(tab.querySelector('[data-list="pattern-groups"] [aria-label="Remove pattern group 3"]'));
    expect(saved().patternGroups).toEqual(["Deployment Patterns", "Design Patterns Observed"]);
    await click(button(tab.querySelector('[data-list="pattern-groups"]') as Element, "Add pattern group"));
    await answerText("Infrastructure Patterns", "Add");
    expect(saved().patternGroups).toEqual(["Deployment Patterns", "Design Patterns Observed", "Infrastructure Patterns"]);
    expect(groups()).toHaveLength(3);
  });
});

describe("the taxonomy lists", () => {
  const notes = {
    "Use cases/A.md": "---\ntype: use-case-analysis\ncategory: Specialized   # mine\ntags: [use-case/category/specialized, reading]\n---\nbody A\n",
    "Use cases/B.md": "---\ntype: case-study\ncategory: specialized\n---\n",
    "Use cases/C.md": "---\ntype: use-case-analysis\ncategory: Causal Inference\n---\n",
    "Other.md": "---\ncategory: Specialized\n---\nnot a study\n",
  };

  it("adds a category, refusing a duplicate in the dialog", async () => {
    await start();
    await click(button(tab.querySelector('[data-list="category"]') as Element, "Add category"));
    await answerText("search and retrieval", "Add");
    expect(dialog().textContent).toContain('"Search and Retrieval" is already in the list.');
    await answerText("Robotics", "Add");
    expect(vault.modals()).toEqual([]);
    expect(listValues("category").at(-1)).toBe("Robotics");
    expect((saved().taxonomy as { categories: string[] }).categories.at(-1)).toBe("Robotics");
  });

  it("renames a category and, when the user agrees, in the notes that use it (property and tag, nothing else)", async () => {
    await start(notes);
    await click(row("Specialized").querySelector('[aria-label="Rename Specialized"]'));
    await answerText("Specialised", "Rename");
    expect(listValues("category")).toContain("Specialised");
    expect(dialog().textContent).toContain('2 notes use "Specialized". Rename it to "Specialised" in those notes too (the category property and its tag)?');
    vault.writes.reset();
    await click(button(dialog(), "Rename in 2 notes"));
    expect(vault.text("Use cases/A.md")).toBe("---\ntype: use-case-analysis\ncategory: Specialised   # mine\ntags: [use-case/category/specialised, reading]\n---\nbody A\n");
    // Brought in step in the same write: the renamed category's tag is added.
    expect(vault.text("Use cases/B.md")).toBe("---\ntype: case-study\ncategory: Specialised\ntags:\n  - use-case/category/specialised\n---\n");
    expect(vault.text("Other.md")).toBe(notes["Other.md"]);
    expect(vault.writes.log.map((w) => [w.op, w.path])).toEqual([["process", "Use cases/A.md"], ["process", "Use cases/B.md"]]);
    expect(vault.notices().at(-1)).toBe('Use Case Atlas: renamed "Specialized" to "Specialised" in 2 notes.');
  });

  it("renames only in the list when the user says so", async () => {
    await start(notes);
    await click(row("Specialized").querySelector('[aria-label="Rename Specialized"]'));
    await answerText("Niche", "Rename");
    await click(button(dialog(), "Only in the list"));
    expect(listValues("category")).toContain("Niche");
    expect(vault.text("Use cases/A.md")).toBe(notes["Use cases/A.md"]);
  });

  it("asks before removing a category notes use; Cancel keeps it", async () => {
    await start(notes);
    await click(row("Causal Inference").querySelector('[aria-label="Remove Causal Inference"]'));
    expect(dialog().textContent).toContain('1 note uses "Causal Inference". It keeps the value, which will show as not in the taxonomy.');
    await click(button(dialog(), "Cancel"));
    expect(listValues("category")).toContain("Causal Inference");
    await click(row("Causal Inference").querySelector('[aria-label="Remove Causal Inference"]'));
    await click(button(dialog(), "Remove"));
    expect(listValues("category")).not.toContain("Causal Inference");
    expect(vault.text("Use cases/C.md")).toBe(notes["Use cases/C.md"]);
    // A value no note uses goes without asking.
    await click(row("Gaming").querySelector('[aria-label="Remove Gaming"]'));
    expect(vault.modals()).toEqual([]);
    expect(listValues("industry")).not.toContain("Gaming");
  });
});

describe("display(), for Obsidian before 1.13", () => {
  it("draws the same rows, with headings for the later sections", async () => {
    await start();
    const declarative = [...tab.querySelectorAll(".setting-item-name")].map((e) => e.textContent).filter((n) => n !== "");
    const settingTab = new AtlasSettingTab(vault.app, plugin, {
      app: vault.app, settings: () => plugin.settings, saveSettings: () => Promise.resolve(), onStudyContextChange: () => () => undefined, taxonomy: () => activeTaxonomy(),
      studyContext: () => { throw new Error("unused"); }, loadState: () => undefined, saveState: () => Promise.resolve(),
    }, { reloadTaxonomy: () => Promise.resolve(null), renameAcrossVault: () => Promise.resolve({ renamed: [], failed: [], cancelled: false }) });
    // What Obsidian before 1.13 calls (deprecated from 1.13 on, hence the plain type).
    (settingTab as { display(): void }).display();
    const el = settingTab.containerEl;
    const names = [...el.querySelectorAll(".setting-item-name")].map((e) => e.textContent).filter((n) => n !== "");
    const headings = [...el.querySelectorAll(".setting-item-heading .setting-item-name")].map((e) => e.textContent);
    expect(headings).toEqual(["Templates", "Tags and patterns", "Categories", "Industries", "Use-case library"]);
    expect(names.filter((n) => !headings.includes(n))).toEqual(declarative.filter((n) => !["Templates", "Tags and patterns", "Categories", "Industries", "Use-case library"].includes(n ?? "")));
  });
});

describe("the use-case library settings", () => {
  function area(name: string): HTMLTextAreaElement {
    const el = row(name).querySelector<HTMLTextAreaElement>(":scope > .setting-item-control textarea");
    if (!el) throw new Error(`no text area in "${name}"`);
    return el;
  }

  it("collection folder, industry map and category rules change their settings; what fails its check is refused and said", async () => {
    await start();
    await type(input("Use-case collection folder"), "/Research/ML_LLM_Use_Cases_2022+/");
    expect(saved().libraryFolder).toBe("Research/ML_LLM_Use_Cases_2022+");

    const map = area("Industry map");
    await type(map as unknown as HTMLInputElement, "Social networks: social platforms\nManufacturing: Nowhere");
    expect(problem("Industry map")).toBe('"Nowhere" is not an industry of the taxonomy.');
    expect(map.getAttribute("aria-invalid")).toBe("true");
    expect(saved().libraryIndustryMap ?? {}).toEqual({});
    await type(map as unknown as HTMLInputElement, "Social networks: social platforms\n\nEducation: Tech");
    expect(problem("Industry map")).toBe("");
    expect(saved().libraryIndustryMap).toEqual({ "Social networks": "Social platforms", Education: "Tech" });

    const rules = area("Category rules");
    expect(rules.value.split("\n")[0]).toBe("AI Agents and LLMs: LLM, generative AI, RAG, AI agents, chatbot");
    await type(rules as unknown as HTMLInputElement, "Made up: x");
    expect(problem("Category rules")).toBe('"Made up" is not a category of the taxonomy.');
    await type(rules as unknown as HTMLInputElement, "computer vision: CV, images\nSpecialized");
    expect(saved().libraryCategoryRules).toEqual([{ category: "Computer Vision", tags: ["CV", "images"] }, { category: "Specialized", tags: [] }]);
  });
});
