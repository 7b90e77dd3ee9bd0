/**
 * The use-case library with the real plugin in the in-memory Obsidian: the command opens the
 * view, browse counts, search and filters, selecting entries starts the prefilled form, the
 * created analysis marks them analysed and changes the coverage cell; the collection's notes are
 * never written, and the view follows vault changes.
 */
import UseCaseAtlasPlugin from "../../main";
import { bundledTaxonomy } from "../../src/core/settings";
import { LibraryView } from "../../src/ui/library-view";
import { NewNoteModal } from "../../src/ui/new-note-modal";
import { type Row, collectionFiles } from "../support/collection";
import { NewNoteForm } from "../support/new-note-form";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const FOLDER = "ML_LLM_Use_Cases_2022+";
const SEARCH = bundledTaxonomy().categories.find((c) => /search/i.test(c)) ?? "";

const ROWS: Row[] = [
  { company: "Quillmart", industry: "E-commerce and retail", description: "Ranks products", title: "Hybrid search at Quillmart", tag: "search", year: "2023", link: "https://quillmart.example/hybrid" },
  { company: "Quillmart", industry: "E-commerce and retail", description: "Classifies items", title: "Item taxonomy with LLM labels", tag: "item classification", year: "2024", link: "https://quillmart.example/items" },
  { company: "Shelfy", industry: "E-commerce and retail", description: "Query understanding", title: "Query rewriting", tag: "search", year: "2022", link: "https://shelfy.example/query" },
  { company: "Parcelly", industry: "Delivery and mobility", description: "Predict courier arrival times", title: "Route planning with graph transformers", tag: "ETA prediction", year: "2024", link: "https://eng.parcelly.example/blog/route-planning" },
  { company: "Tutorly", industry: "Education", description: "Search lessons", title: "Lesson search", tag: "search", year: "2023", link: "https://tutorly.example/search" },
];

let vault: TestVault;

afterEach(() => vault.destroy());

async function start(): Promise<{ plugin: UseCaseAtlasPlugin; view: LibraryView }> {
  vault = createTestVault(Object.fromEntries(collectionFiles(ROWS, FOLDER)));
  const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: {} });
  await vault.settle();
  expect(await vault.runCommand("use-case-atlas:open-use-case-library")).toBe(true);
  await vault.settle();
  const view = vault.mock.workspace.getLeavesOfType("use-case-atlas-library")[0]?.view;
  if (!(view instanceof LibraryView)) throw new Error("the library view is not open");
  await waitFor(() => view.contentEl.querySelectorAll(".uca-library-row").length > 0);
  return { plugin, view };
}

async function waitFor(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => window.setTimeout(r, 5));
  if (!test()) throw new Error("timed out");
}

const titles = (view: LibraryView): string[] => [...view.contentEl.querySelectorAll(".uca-library-title")].map((e) => e.textContent ?? "");

function click(el: Element | null | undefined): void {
  if (!(el instanceof HTMLElement)) throw new Error("nothing to click");
  el.click();
}

function cell(view: LibraryView, category: string, industry: string): HTMLButtonElement | null {
  return [...view.contentEl.querySelectorAll<HTMLButtonElement>(".uca-library-cell")].find((b) => b.dataset.category === category && b.dataset.industry === industry) ?? null;
}

describe("the use-case library view", () => {
  it("has a ribbon button and lists every entry, not the README pages", async () => {
    const { view } = await start();
    expect(vault.ribbonIcon("Open use-case library")).not.toBeNull();
    expect(titles(view).sort()).toEqual(ROWS.map((r) => r.title).sort());
    expect(view.contentEl.querySelector(".uca-library-count")?.textContent).toBe("5 entries, 0 analysed");
  });

  it("browses category → industry with entries and analysed counts, search and the analysed filter", async () => {
    const { view } = await start();
    const category = view.contentEl.querySelector<HTMLElement>(`.uca-library-category[data-category="${SEARCH}"]`);
    expect(category?.querySelector(".uca-library-node-count")?.textContent).toBe("0/4");
    click(category);
    const industries = [...view.contentEl.querySelectorAll<HTMLElement>(".uca-library-industry")].map((e) => `${e.dataset.industry} ${e.querySelector(".uca-library-node-count")?.textContent}`);
    expect(industries).toEqual(["E-commerce and retail 0/3", "Others 0/1"]);
    click(view.contentEl.querySelector('.uca-library-industry[data-industry="Others"]'));
    expect(titles(view)).toEqual(["Lesson search"]);
    click(view.contentEl.querySelector(".uca-library-clear"));
    const search = view.contentEl.querySelector<HTMLInputElement>(".uca-library-search");
    if (!search) throw new Error("no search");
    search.value = "quillmart";
    search.dispatchEvent(new Event("input"));
    expect(titles(view).sort()).toEqual(["Hybrid search at Quillmart", "Item taxonomy with LLM labels"]);
    expect(document.activeElement).toBe(view.contentEl.querySelector(".uca-library-search"));
  });

  it("starts a deep dive from three selected entries; the note cites them and they show as analysed, also in the coverage", async () => {
    const { view } = await start();
    view.showTab("coverage");
    expect(cell(view, SEARCH, "E-commerce and retail")?.textContent).toBe("0/3");
    click(cell(view, SEARCH, "E-commerce and retail"));
    expect(titles(view).sort()).toEqual(["Hybrid search at Quillmart", "Item taxonomy with LLM labels", "Query rewriting"]);

    const startButton = (): HTMLButtonElement => [...view.contentEl.querySelectorAll<HTMLButtonElement>(".uca-library-start")].find((b) => b.textContent === "Start deep dive") as HTMLButtonElement;
    expect(startButton().disabled).toBe(true);
    for (const box of view.contentEl.querySelectorAll<HTMLInputElement>(".uca-library-row input[type=checkbox]")) box.click();
    expect(view.contentEl.querySelector(".uca-library-selection")?.textContent).toBe("3 entries selected");
    vault.writes.reset();
    click(startButton());

    const modal = vault.topModal();
    if (!(modal instanceof NewNoteModal)) throw new Error("the form is not open");
    const form = new NewNoteForm(modal);
    expect(form.field("category").value).toBe(SEARCH);
    expect(form.field("industry").value).toBe("E-commerce and retail");
    expect(form.field("company").value).toBe("");
    expect(form.field("year").value).toBe("2024");
    expect(form.articleCount()).toBe(3);
    expect(form.root.querySelector(".uca-form-note")).toBeNull();
    form.type("company", "Quillmart").type("title", "Search at Quillmart");
    expect(await modal.submit()).toBe(true);
    await vault.settle();

    const created = vault.files().find((p) => p.endsWith("Search at Quillmart.md"));
    if (!created) throw new Error("no note created");
    const text = vault.text(created);
    expect(text).toContain('Quillmart (2023). "Hybrid search at Quillmart". Link: https://quillmart.example/hybrid');
    expect(text).toContain('Shelfy (2022). "Query rewriting". Link: https://shelfy.example/query');
    const listed = text.slice(text.indexOf("**Use Cases Analyzed**")).split("\n").slice(1, 4).join("\n");
    for (const url of ["https://quillmart.example/hybrid", "https://quillmart.example/items", "https://shelfy.example/query"]) expect(listed).toMatch(new RegExp(`^\\d\\. \\[\\[.+\\]\\] — <${url}>$`, "m"));
    // Nothing in the collection was written.
    expect(vault.writes.log.filter((w) => w.path.startsWith(FOLDER))).toEqual([]);
    // Each new article note has its entry's own company, title and year, not the form's company.
    const shelfy = vault.files().find((p) => p.startsWith("Articles/") && vault.text(p).includes("url: https://shelfy.example/query"));
    expect(shelfy && /\ntitle: (.*)\ncompany: (.*)\nyear: (.*)\n/.exec(vault.text(shelfy))?.slice(1)).toEqual(["Query rewriting", "Shelfy", "2022"]);

    await waitFor(() => view.contentEl.querySelectorAll(".uca-library-row.is-analysed").length === 3);
    expect(view.contentEl.querySelector(".uca-library-analysed-by")?.textContent).toContain("Search at Quillmart");
    view.showTab("coverage");
    expect(cell(view, SEARCH, "E-commerce and retail")?.textContent).toBe("3/3");
    expect(cell(view, SEARCH, "Others")?.textContent).toBe("0/1");
  });

  it("says when the categories are mixed, and follows a collection note added and removed", async () => {
    const { view } = await start();
    for (const box of [...view.contentEl.querySelectorAll<HTMLInputElement>(".uca-library-row input[type=checkbox]")].slice(0, 5)) box.click();
    view.start("deep-dive");
    const modal = vault.topModal();
    if (!(modal instanceof NewNoteModal)) throw new Error("the form is not open");
    const form = new NewNoteForm(modal);
    expect(form.field("category").value).toBe(SEARCH);
    expect(form.root.querySelector(".uca-form-note")?.textContent).toMatch(/several categories: Search and Retrieval \(4\), .+ \(1\)/);
    expect(form.articleCount()).toBe(5);
    modal.close();

    const more = collectionFiles([{ ...ROWS[3], title: "Demand planning", link: "https://eng.parcelly.example/demand" }], FOLDER);
    const [path, text] = [...more].find(([p]) => p.includes("Demand")) ?? ["", ""];
    await vault.write(path, text);
    await waitFor(() => titles(view).includes("Demand planning"));
    await vault.remove(path);
    await waitFor(() => !titles(view).includes("Demand planning"));
    expect(titles(view)).toHaveLength(ROWS.length);
  });
});
