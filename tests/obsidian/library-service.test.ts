/**
 * The library service follows the vault through the plugin's vault index: at a cold start (the
 * layout ready before the metadata cache has read every note, tests/support/obsidian-gaps.ts G20)
 * an open library view reads nothing and builds nothing before the cache's first `resolved`, then
 * builds from the complete cache: a study's frontmatter read too early would look like no study.
 */
import UseCaseAtlasPlugin from "../../main";
import { LibraryView } from "../../src/ui/library-view";
import { type Row, collectionFiles } from "../support/collection";
import { createTestVault, type TestVault } from "../support/obsidian-env";
import { contextOf } from "../support/plugin-start";

const FOLDER = "ML_LLM_Use_Cases_2022+";
const ROWS: Row[] = [
  { company: "Quillmart", industry: "E-commerce and retail", description: "Ranks products", title: "Hybrid search at Quillmart", tag: "search", year: "2023", link: "https://quillmart.example/hybrid" },
  { company: "Shelfy", industry: "E-commerce and retail", description: "Query understanding", title: "Query rewriting", tag: "search", year: "2022", link: "https://shelfy.example/query" },
];
const STUDY = "---\ntype: use-case-analysis\ncompany: Quillmart\n---\n# Search\n\n**Use Cases Analyzed**:\n1. Quillmart — <https://quillmart.example/hybrid>\n";

let vault: TestVault;
afterEach(() => vault.destroy());

describe("the library service at a cold start", () => {
  it.each([3, 11, 29])("reads nothing before the cache is complete, then builds from it (fill order %i)", async (seed) => {
    const files: Record<string, string> = { ...Object.fromEntries(collectionFiles(ROWS, FOLDER)), "Use cases/Search.md": STUDY };
    for (let i = 0; i < 150; i++) files[`Notes/N${i}.md`] = `# Note ${i}\n`;
    vault = createTestVault(files, { coldCacheSeed: seed });
    // The view is opened while the cache is being filled: at its first `changed` event.
    const opening: { done: Promise<boolean> | null } = { done: null };
    const atResolved: { reads: number; rows: number; opened: boolean }[] = [];
    vault.app.metadataCache.on("changed", () => { opening.done ??= vault.runCommand("use-case-atlas:open-use-case-library"); });
    vault.app.metadataCache.on("resolved", () => {
      atResolved.push({ reads: vault.reads.log.length, rows: document.querySelectorAll(".uca-library-row").length, opened: opening.done !== null });
    });
    vault.reads.reset();
    await vault.loadPlugin(UseCaseAtlasPlugin, { data: {} });
    expect(await opening.done).toBe(true);
    const view = vault.mock.workspace.getLeavesOfType("use-case-atlas-library")[0]?.view;
    if (!(view instanceof LibraryView)) throw new Error("the library view is not open");
    for (let i = 0; i < 400 && view.contentEl.querySelectorAll(".uca-library-row").length === 0; i++) await new Promise((r) => window.setTimeout(r, 5));
    await vault.settle();
    expect(atResolved[0]).toEqual({ reads: 0, rows: 0, opened: true });
    const analysed = [...view.contentEl.querySelectorAll<HTMLElement>(".uca-library-row.is-analysed")].map((e) => e.dataset.path ?? "");
    expect(analysed).toHaveLength(1);
    expect(analysed[0]).toContain("Quillmart");
  });
});

describe("the library service and the settings", () => {
  it("reads the collection again when a setting it was read with changes, not for others", async () => {
    const files: Record<string, string> = { ...Object.fromEntries(collectionFiles(ROWS, FOLDER)), "Use cases/Search.md": STUDY };
    vault = createTestVault(files);
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: {} });
    const ctx = contextOf(plugin);
    // A change before the library was ever read reads nothing.
    ctx.settings().libraryIndustryMap = { Retail: "E-commerce and retail" };
    await ctx.saveSettings();
    await vault.settle();
    expect(vault.reads.log).toEqual([]);
    expect(await vault.runCommand("use-case-atlas:open-use-case-library")).toBe(true);
    const view = vault.mock.workspace.getLeavesOfType("use-case-atlas-library")[0]?.view;
    if (!(view instanceof LibraryView)) throw new Error("the library view is not open");
    const rows = (): number => view.contentEl.querySelectorAll(".uca-library-row").length;
    for (let i = 0; i < 400 && rows() === 0; i++) await new Promise((r) => window.setTimeout(r, 5));
    expect(rows()).toBe(2);
    // Another setting: nothing read again.
    vault.reads.reset();
    ctx.settings().articlesFolder = "Sources";
    await ctx.saveSettings();
    await vault.settle();
    expect(vault.reads.log).toEqual([]);
    // The collection's folder: read again, and the rows follow (no collection there).
    ctx.settings().libraryFolder = "Elsewhere";
    await ctx.saveSettings();
    for (let i = 0; i < 400 && rows() > 0; i++) await new Promise((r) => window.setTimeout(r, 5));
    expect(rows()).toBe(0);
  });
});
