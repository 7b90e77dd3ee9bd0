/**
 * Changing the tag prefix is a rename across the vault (the real plugin in the in-memory
 * Obsidian): the settings tab's "Rename…" previews the notes whose tags change, then one pass
 * writes each note once with the plugin's tags under the new prefix in their places; the old
 * prefix is remembered, so a note the pass did not reach (cancelled) follows at its next sync,
 * and a box ticked afterwards is never reported as both sides having changed.
 */
import type { Plugin } from "obsidian";
import type { SyncService } from "../../src/obsidian/sync-service";
import type { TestVault } from "../support/obsidian-env";
import { contextOf, quiet as allQuiet, startPlugin } from "../support/plugin-start";

const BODY = "# Study\n\n**Design Patterns Observed**:\n- [x] **RAG Pipeline** (Retrieve → Generate)\n- [ ] **Ensemble Model** (several)\n";
/** A note in step under the default prefix, with a user tag on each side of ours. */
const ANALYSIS = "---\ntype: use-case-analysis\ncategory: NLP and Text # mine\npatterns: [RAG Pipeline]\ntags:\n  - mine\n  - use-case/category/nlp-and-text\n  - use-case/pattern/rag-pipeline\n  - later\n---\n" + BODY;
const ARTICLE = "---\ntype: use-case-article\nurl: https://a.example/x\ntags: [use-case/article]\n---\nCited by\n";
const OTHER = "---\ntags: [use-case/pattern/rag-pipeline]\n---\nNot ours: not a study.\n";

let vault: TestVault;
let plugin: Plugin;
let sync: SyncService;

async function start(files: Record<string, string>): Promise<void> {
  ({ vault, plugin, sync } = await startPlugin(files));
}

function quiet(): Promise<void> {
  return allQuiet({ vault, sync });
}


function saved(): Record<string, unknown> {
  return ((plugin as unknown as { data__: { settings: Record<string, unknown> } }).data__).settings;
}

function buttonIn(root: Element, text: string): HTMLButtonElement {
  const b = [...root.querySelectorAll<HTMLButtonElement>("button")].find((x) => x.textContent === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

afterEach(() => vault.destroy());

describe("renaming the tag prefix", () => {
  it("from the settings tab: preview, a refusal for a bad prefix, then every note's tags in place, once each", async () => {
    await start({ "Use cases/A.md": ANALYSIS, "Articles/X.md": ARTICLE, "Other.md": OTHER, "Use cases/B.md": ANALYSIS.replace(/tags:\n(?: {2}- .*\n)+/, "") });
    const tab = vault.openSettings();
    const row = [...tab.querySelectorAll<HTMLElement>(".setting-item")].find((el) => el.querySelector(".setting-item-name")?.textContent === "Tag prefix");
    if (!row) throw new Error("no tag prefix row");
    expect(row.querySelector(".uca-tag-prefix")?.textContent).toBe("use-case");
    buttonIn(row, "Rename…").click();
    await quiet();

    const modal = vault.topModal();
    if (!modal) throw new Error("no rename dialog");
    expect(modal.titleEl.textContent).toBe("Rename tag prefix \"use-case\"");
    // B has no tags yet: a sync gives it some, the rename does not count it.
    expect([...modal.contentEl.querySelectorAll(".uca-rename-list li")].map((li) => li.textContent)).toEqual(["Articles/X.md", "Use cases/A.md"]);
    const input = modal.contentEl.querySelector<HTMLInputElement>("input");
    if (!input) throw new Error("no input");
    const rename = buttonIn(modal.contentEl, "Rename");
    input.value = "my tags";
    input.dispatchEvent(new Event("input"));
    expect(modal.contentEl.querySelector(".uca-rename-problem")?.textContent).toMatch(/can't start a tag/);
    expect(rename.disabled).toBe(true);
    input.value = "#research";
    input.dispatchEvent(new Event("input"));
    expect(rename.disabled).toBe(false);
    rename.click();
    await quiet();

    expect(vault.text("Use cases/A.md")).toBe(ANALYSIS.replace(/use-case\//g, "research/"));
    expect(vault.text("Articles/X.md")).toBe(ARTICLE.replace("use-case/article", "research/article"));
    expect(vault.text("Other.md")).toBe(OTHER);
    for (const path of ["Use cases/A.md", "Articles/X.md"]) expect({ path, writes: vault.writes.count(path) }).toEqual({ path, writes: 1 });
    expect(saved()).toMatchObject({ tagPrefix: "research", formerTagPrefixes: ["use-case"] });
    expect(row.querySelector(".uca-tag-prefix")?.textContent).toBe("research");
    expect(vault.notices().at(-1)).toBe("Use Case Atlas: Renamed \"use-case\" to \"research\" in 2 notes.");

    // The reported bug: one box ticked after the change was "both sides changed", and 14 tags remained.
    const before = vault.notices().length;
    await vault.write("Use cases/A.md", vault.text("Use cases/A.md").replace("- [ ] **Ensemble Model**", "- [x] **Ensemble Model**"));
    await quiet();
    expect(vault.notices().slice(before)).toEqual([]);
    expect(vault.text("Use cases/A.md")).toContain("tags:\n  - mine\n  - research/category/nlp-and-text\n  - research/pattern/rag-pipeline\n  - later\n  - research/pattern/ensemble-model\n---");
  });

  it("cancelled part way: the prefix has changed, and the notes not reached follow at their next sync, with no conflict", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`Use cases/N${String(i).padStart(2, "0")}.md`] = ANALYSIS;
    await start(files);
    let asked = 0;
    const report = await sync.renameAcrossVault("tag prefix", "use-case", "research", undefined, () => ++asked > 30);
    await quiet();
    expect(report).toMatchObject({ cancelled: true, failed: [] });
    expect(report.renamed).toHaveLength(30);
    expect(contextOf(plugin).settings()).toMatchObject({ tagPrefix: "research", formerTagPrefixes: ["use-case"] });
    const left = Object.keys(files).filter((p) => vault.text(p).includes("use-case/"));
    expect(left).toHaveLength(30);

    const all = await sync.syncAll();
    await quiet();
    expect(all).toMatchObject({ changed: 30, conflicts: 0 });
    for (const path of Object.keys(files)) expect(vault.text(path)).toBe(ANALYSIS.replace(/use-case\//g, "research/"));
  });

  it("refuses the same prefix, and changes nothing", async () => {
    await start({ "Use cases/A.md": ANALYSIS });
    await expect(sync.renameAcrossVault("tag prefix", "use-case", "Use-Case")).rejects.toThrow(/same as the old one/);
    expect(vault.writes.log).toEqual([]);
    expect(contextOf(plugin).settings().formerTagPrefixes).toEqual([]);
  });
});
