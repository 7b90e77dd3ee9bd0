/**
 * The pattern sync in the in-memory Obsidian (the real plugin, main.ts): a change on either side
 * of a note reaches the other in exactly one write, a note in step is never written, renames and
 * deletions while a sync waits are safe, broken notes are reported and left alone, and the
 * commands (sync all, rename across vault, needs attention) do what they say.
 *
 * The harness' metadata cache takes frontmatter from our core reader; nothing here depends on
 * the mock's list items or tags (the sync reads checkboxes with the core reader).
 */
import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import { type SyncService, syncServiceFor } from "../../src/obsidian/sync-service";
import type { TestVault } from "../support/obsidian-env";
import { contextOf, quiet as allQuiet, startPlugin } from "../support/plugin-start";
import { commandRegistry, noteBytes, writeNoteBytes } from "../support/obsidian-gaps";
import { dataJson, localStorageText } from "../support/plugin-storage";

const A = "---\ntype: use-case-analysis\n";
const BODY = "# Study\n\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (Retrieve → Generate)\n- [ ] **Ensemble Model** (several)\n\n**Infrastructure Patterns**:\n- [ ] **Canary Deployment** (slowly)\n\nNotes.\n";
/** A note in step with nothing checked. */
const CLEAN = `${A}company: Quillmart\n# my comment\npatterns: []\n---\n${BODY}`;

function checked(text: string, label: string): string {
  return text.replace(`- [ ] **${label}**`, `- [x] **${label}**`);
}

let vault: TestVault;
let plugin: Plugin;
let sync: SyncService;

async function start(files: Record<string, string>, data?: unknown): Promise<void> {
  ({ vault, plugin, sync } = await startPlugin(files, data));
}

function quiet(): Promise<void> {
  return allQuiet({ vault, sync });
}


afterEach(() => vault.destroy());

describe("a change on one side reaches the other", () => {
  it("checking a box in the text: one write, with the properties following", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
    await quiet();
    expect(vault.writes.log).toEqual([{ op: "process", path: "Use cases/Q.md", changed: true }]);
    expect(vault.text("Use cases/Q.md")).toBe(`${A}company: Quillmart\n# my comment\npatterns: [RAG Pipeline]\ntags:\n  - use-case/pattern/rag-pipeline\n---\n${checked(BODY, "RAG Pipeline")}`);
    expect(vault.notices()).toEqual([]);
  });

  it("adding a pattern in the properties: the box gets checked (also on a note never synced before)", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", CLEAN.replace("patterns: []", "patterns: [Ensemble Model]"));
    await quiet();
    expect(vault.writes.count("Use cases/Q.md")).toBe(1);
    expect(vault.text("Use cases/Q.md")).toBe(`${A}company: Quillmart\n# my comment\npatterns: [Ensemble Model]\ntags:\n  - use-case/pattern/ensemble-model\n---\n${checked(BODY, "Ensemble Model")}`);
  });

  it("a pattern with no checkbox gets one under its group; removing its tag unchecks it", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", CLEAN.replace("patterns: []", "patterns: [Shadow Mode Deployment]"));
    await quiet();
    const added = vault.text("Use cases/Q.md");
    expect(added).toContain("- [ ] **Canary Deployment** (slowly)\n- [x] Shadow Mode Deployment\n");
    expect(added).toContain("tags:\n  - use-case/pattern/shadow-mode-deployment\n");
    await vault.write("Use cases/Q.md", added.replace("tags:\n  - use-case/pattern/shadow-mode-deployment\n", "tags: []\n"));
    await quiet();
    expect(vault.text("Use cases/Q.md")).toContain("patterns: []\ntags: []\n---\n");
    expect(vault.text("Use cases/Q.md")).toContain("- [ ] Shadow Mode Deployment\n");
    expect(vault.writes.count("Use cases/Q.md")).toBe(2);
  });

  it("a pattern whose group the note lacks goes under the first pattern group, with a notice", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", CLEAN.replace("patterns: []", "patterns: [Batch Inference]"));
    await quiet();
    expect(vault.text("Use cases/Q.md")).toContain("- [ ] **Ensemble Model** (several)\n- [x] Batch Inference\n");
    expect(vault.notices()).toEqual([expect.stringContaining("Use cases/Q.md: added a checkbox for \"Batch Inference\" under the first pattern group")]);
  });

  it("both sides changed since the last sync: the union is kept and the user is told", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline").replace("patterns: []", "patterns: [Canary Deployment]"));
    await quiet();
    const text = vault.text("Use cases/Q.md");
    expect(text).toContain("patterns: [RAG Pipeline, Canary Deployment]\n");
    expect(text).toContain("- [x] **RAG Pipeline**");
    expect(text).toContain("- [x] **Canary Deployment**");
    expect(vault.notices()).toEqual([expect.stringContaining("both the checkboxes and the patterns property changed")]);
    expect(vault.writes.count("Use cases/Q.md")).toBe(1);
  });

  it("category and industry drive their tags; user tags keep their place", async () => {
    await start({ "Use cases/Q.md": CLEAN.replace("company: Quillmart\n", "company: Quillmart\ntags: [mine]\n") });
    const text = vault.text("Use cases/Q.md");
    await vault.write("Use cases/Q.md", text.replace("company: Quillmart\n", "company: Quillmart\ncategory: Search and Retrieval\n"));
    await quiet();
    expect(vault.text("Use cases/Q.md")).toContain("tags: [mine, use-case/category/search-and-retrieval]\n");
  });
});

describe("what the sync leaves alone", () => {
  it("writes nothing for notes it does not own, notes in step, or a note opened and closed", async () => {
    const recipe = "---\ntype: recipe\ntags: food\n---\n**Design Patterns Observed**:\n- [x] RAG Pipeline\n";
    const plain = "**Design Patterns Observed**:\n- [x] RAG Pipeline\n";
    await start({ "Recipes/Soup.md": recipe, "Inbox.md": plain, "Use cases/Q.md": CLEAN });
    await vault.write("Recipes/Soup.md", `${recipe}more\n`);
    await vault.write("Inbox.md", `${plain}more\n`);
    await vault.write("Use cases/Q.md", `${CLEAN}A new paragraph.\n`);
    await vault.openFile("Use cases/Q.md");
    await quiet();
    expect(vault.writes.log).toEqual([]);
    expect(vault.text("Recipes/Soup.md")).toBe(`${recipe}more\n`);
  });

  it("broken YAML: no write, one notice per problem, listed as needing attention until fixed", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    const heard: number[] = [];
    sync.onNeedsAttentionChange(() => heard.push(sync.getNeedsAttention().length));
    const broken = checked(CLEAN, "RAG Pipeline").replace("company: Quillmart", "company: [unclosed");
    await vault.write("Use cases/Q.md", broken);
    await quiet();
    await vault.write("Use cases/Q.md", `${broken}More text.\n`);
    await quiet();
    expect(vault.writes.log).toEqual([]);
    expect(vault.text("Use cases/Q.md")).toBe(`${broken}More text.\n`);
    expect(vault.notices()).toHaveLength(1);
    expect(vault.notices()[0]).toMatch(/^Use Case Atlas: Use cases\/Q\.md has broken frontmatter \(.+\) — fix it and the note will sync again\.$/);
    expect(sync.getNeedsAttention()).toEqual([{ path: "Use cases/Q.md", problem: expect.any(String) as string }]);

    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
    await quiet();
    expect(sync.getNeedsAttention()).toEqual([]);
    expect(heard).toEqual([1, 0]);
    expect(vault.text("Use cases/Q.md")).toContain("patterns: [RAG Pipeline]");
  });

  it("a broken note of a kind we do not own gets no notice", async () => {
    await start({});
    await vault.write("Other.md", "---\ntype: recipe\nname: [unclosed\n---\n- [x] A\n");
    await quiet();
    expect(vault.notices()).toEqual([]);
    expect(sync.getNeedsAttention()).toEqual([]);
  });

  it("the needs-attention command lists the notes and opens the one chosen", async () => {
    await start({ "Use cases/Q.md": CLEAN, "Use cases/R.md": CLEAN });
    await vault.runCommand("show-notes-needing-attention");
    expect(vault.notices()).toEqual(["Use Case Atlas: no note needs attention."]);
    await vault.write("Use cases/R.md", CLEAN.replace("company: Quillmart", "company: [unclosed"));
    await quiet();
    await vault.runCommand("show-notes-needing-attention");
    const modal = vault.topModal();
    const items = Array.from(modal?.modalEl.querySelectorAll<HTMLElement>(".suggestion-item") ?? []);
    expect(items.map((el) => el.querySelector(".uca-attention-path")?.textContent)).toEqual(["Use cases/R.md"]);
    items[0]?.click();
    await vault.settle();
    expect(vault.activeFile()?.path).toBe("Use cases/R.md");
  });
});

describe("timing and safety", () => {
  it("a storm of changed events settles after at most one write per note", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`Use cases/N${i}.md`] = CLEAN;
    await start(files);
    const app = vault.app;
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 5; i++) {
        const file = vault.file(`Use cases/N${i}.md`);
        // The user's typing (several saves) and the cache firing again and again for them.
        await vault.mock.vault.modify(file as never, `${checked(CLEAN, "RAG Pipeline")}typing ${round}\n`);
        const cache = app.metadataCache.getFileCache(file);
        if (cache) app.metadataCache.trigger("changed", file, vault.text(file.path), cache);
      }
    }
    await quiet();
    for (let i = 0; i < 5; i++) {
      const path = `Use cases/N${i}.md`;
      expect({ path, writes: vault.writes.count(path, "process") }).toEqual({ path, writes: 1 });
      expect(vault.text(path)).toContain("patterns: [RAG Pipeline]\ntags:\n  - use-case/pattern/rag-pipeline\n");
      expect(vault.text(path).endsWith("typing 9\n")).toBe(true);
    }
    // And it stays quiet: another round of events for notes in step writes nothing.
    vault.writes.reset();
    for (let i = 0; i < 5; i++) {
      const file = vault.file(`Use cases/N${i}.md`);
      const cache = app.metadataCache.getFileCache(file);
      if (cache) app.metadataCache.trigger("changed", file, vault.text(file.path), cache);
    }
    await quiet();
    expect(vault.writes.log).toEqual([]);
  });

  it("a note renamed while its sync waits is synced under its new name", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
    // The debounce has not fired yet.
    await vault.rename("Use cases/Q.md", "Use cases/Renamed.md");
    await quiet();
    expect(vault.exists("Use cases/Q.md")).toBe(false);
    expect(vault.writes.log).toEqual([{ op: "process", path: "Use cases/Renamed.md", changed: true }]);
    expect(vault.text("Use cases/Renamed.md")).toContain("patterns: [RAG Pipeline]");
    expect(sync.recordOf("Use cases/Renamed.md")).toEqual({ patterns: ["rag pipeline"], tags: ["rag-pipeline"] });
    expect(sync.recordOf("Use cases/Q.md")).toBeNull();
  });

  it("a note deleted while its sync waits is not written, and nothing throws", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
    await vault.remove("Use cases/Q.md");
    await quiet();
    expect(vault.writes.log).toEqual([]);
    expect(vault.exists("Use cases/Q.md")).toBe(false);
    expect(sync.recordOf("Use cases/Q.md")).toBeNull();
  });

  it("a new note at a deleted note's path is synced as a new note", async () => {
    await start({ "Use cases/Q.md": checked(CLEAN, "RAG Pipeline").replace("patterns: []", "patterns: [RAG Pipeline]\ntags: [use-case/pattern/rag-pipeline]") });
    await vault.remove("Use cases/Q.md");
    await vault.write("Use cases/Q.md", CLEAN.replace("patterns: []", "patterns: [Ensemble Model]"));
    await quiet();
    // No record survives the deletion: the new note's body is the truth (nothing checked).
    expect(vault.text("Use cases/Q.md")).toBe(CLEAN);
    expect(vault.writes.count("Use cases/Q.md", "process")).toBe(1);
  });

  it("records survive a restart, and a change made meanwhile on the properties side wins", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
    await quiet();
    vault.unloadPlugin(plugin);
    await vault.settle(); // the records are saved as the plugin unloads
    // On this device only (the vault's local storage), not in the synced data.json.
    expect(JSON.parse(localStorageText(vault.app, "use-case-atlas:syncRecords") ?? "null")).toEqual({ "Use cases/Q.md": { patterns: ["rag pipeline"], tags: ["rag-pipeline"] } });
    expect(dataJson(vault.app, "use-case-atlas") ?? "").not.toContain("syncRecords");

    // While the plugin was off, someone removed the pattern from the properties only.
    const text = vault.text("Use cases/Q.md").replace("patterns: [RAG Pipeline]", "patterns: []");
    await vault.write("Use cases/Q.md", text);
    plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
    sync = syncServiceFor(vault.app) as SyncService;
    expect(sync.recordOf("Use cases/Q.md")).toEqual({ patterns: ["rag pipeline"], tags: ["rag-pipeline"] });
    await vault.write("Use cases/Q.md", `${text}Later.\n`);
    await quiet();
    expect(vault.text("Use cases/Q.md")).toContain("- [ ] **RAG Pipeline**");
    expect(vault.text("Use cases/Q.md")).toContain("patterns: []\ntags: []\n");
  });

  it("a study never touched gets its startup record saved too: a properties change made while the plugin was off wins", async () => {
    const R = CLEAN.replace("company: Quillmart", "company: Rovena");
    await start({ "Use cases/Q.md": CLEAN, "Use cases/R.md": R });
    await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
    await quiet();
    vault.unloadPlugin(plugin);
    await vault.settle();
    const saved = JSON.parse(localStorageText(vault.app, "use-case-atlas:syncRecords") ?? "null") as Record<string, unknown>;
    expect(saved["Use cases/R.md"]).toEqual({ patterns: [], tags: [] });

    // While the plugin was off, another device added a pattern to R's properties only.
    const text = R.replace("patterns: []", "patterns: [Ensemble Model]");
    await vault.write("Use cases/R.md", text);
    plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
    sync = syncServiceFor(vault.app) as SyncService;
    await vault.write("Use cases/R.md", `${text}Later.\n`);
    await quiet();
    expect(vault.text("Use cases/R.md")).toContain("- [x] **Ensemble Model**");
    expect(vault.text("Use cases/R.md")).toContain("patterns: [Ensemble Model]");
  });

  it("a note renamed, or moved with its folder, before its first edit keeps its startup properties as its record", async () => {
    await start({ "Use cases/Q.md": CLEAN, "Old/R.md": CLEAN });
    await vault.rename("Use cases/Q.md", "Use cases/Q2.md");
    const folder = vault.mock.vault.getFolderByPath("Old");
    if (!folder) throw new Error("no folder Old");
    await vault.mock.vault.rename(folder, "New");
    await quiet();
    for (const path of ["Use cases/Q2.md", "New/R.md"]) {
      // An edit in the properties panel is the change since startup: the box follows it.
      await vault.write(path, CLEAN.replace("patterns: []", "patterns: [Ensemble Model]"));
      await quiet();
      expect([path, vault.text(path)]).toEqual([path, expect.stringContaining("- [x] **Ensemble Model**")]);
    }
  });

  it("a note edited twice before the cache read it again: its startup properties are the record", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    await vault.write("Use cases/Q.md", CLEAN.replace("patterns: []", "patterns: [Ensemble Model]"));
    await vault.write("Use cases/Q.md", CLEAN.replace("patterns: []", "patterns: [Ensemble Model, RAG Pipeline]"));
    await quiet();
    expect(vault.text("Use cases/Q.md")).toContain("- [x] **Ensemble Model**");
    expect(vault.text("Use cases/Q.md")).toContain("- [x] **RAG Pipeline**");
  });

  it("unloading with a sync pending cancels it and leaves no timer", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    jest.useFakeTimers(); // the sync's timer is a fake one: 700 ms pass at once
    try {
      await vault.write("Use cases/Q.md", checked(CLEAN, "RAG Pipeline"));
      vault.unloadPlugin(plugin);
      jest.advanceTimersByTime(700);
      await vault.settle();
      expect(vault.writes.log).toEqual([]);
      expect(syncServiceFor(vault.app)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("Sync all use-case notes", () => {
  function outOfStep(n: number): Record<string, string> {
    const files: Record<string, string> = { "Inbox.md": "nothing\n", "Use cases/Broken.md": CLEAN.replace("company: Quillmart", "company: [unclosed") };
    for (let i = 0; i < n; i++) files[`Use cases/N${String(i).padStart(3, "0")}.md`] = i % 2 === 0 ? checked(CLEAN, "RAG Pipeline") : CLEAN;
    return files;
  }

  it("syncs every study note once and reports what changed", async () => {
    await start(outOfStep(30));
    await vault.runCommand("sync-all-notes");
    await quiet();
    expect(vault.notices().at(-1)).toBe("Use Case Atlas: Synced 31 notes: 15 changed, 1 needs attention.");
    expect(vault.writes.log.filter((w) => w.op === "process")).toHaveLength(15);
    expect(vault.writes.log.every((w) => w.changed)).toBe(true);
    expect(sync.getNeedsAttention().map((n) => n.path)).toEqual(["Use cases/Broken.md"]);
    // A second run finds nothing to do.
    vault.writes.reset();
    const again = await sync.syncAll();
    expect(again).toMatchObject({ synced: 31, changed: 0, needsAttention: 1, cancelled: false });
    expect(vault.writes.log).toEqual([]);
  });

  it("cancel stops between notes: each note is either fully synced or untouched", async () => {
    await start(outOfStep(60));
    let batches = 0;
    const report = await sync.syncAll(() => { batches++; }, () => batches >= 1, 10);
    expect(report).toMatchObject({ cancelled: true, synced: 10, total: 61 });
    await quiet();
    const synced = vault.files("Use cases").filter((p) => vault.text(p).includes("tags:"));
    expect(synced).toHaveLength(5);
    for (const path of vault.files("Use cases")) {
      const text = vault.text(path);
      if (text.includes("- [x] **RAG Pipeline**") && !synced.includes(path)) expect(text).toContain("patterns: []\n");
    }
  });

  it("the progress notice's Cancel button stops the run", async () => {
    await start(outOfStep(30));
    const registry = commandRegistry(vault.mock);
    registry.executeCommandById("use-case-atlas:sync-all-notes");
    const cancel = document.body.querySelector<HTMLButtonElement>(".notice-container .uca-progress-cancel");
    expect(cancel).not.toBeNull();
    cancel?.click();
    await quiet();
    expect(vault.notices().at(-1)).toBe("Use Case Atlas: Cancelled after 0 of 31 notes: 0 changed, 0 need attention.");
    expect(vault.writes.log).toEqual([]);
    expect(document.body.querySelector(".uca-progress-cancel")).toBeNull();
  });
});

describe("renames across the vault", () => {
  const uses = (text: string): string => text.replace("patterns: []", "patterns: [RAG Pipeline]\ntags: [mine, use-case/pattern/rag-pipeline]").replace("- [ ] **RAG Pipeline**", "- [x] **RAG Pipeline**");

  it("previews the notes, renames labels, entries and tags in each, and the template note", async () => {
    await start({
      "Use cases/A.md": uses(CLEAN),
      "Use cases/B.md": CLEAN, // has the (unchecked) checkbox
      "Use cases/C.md": "---\ntype: case-study\npatterns: [RAG Pipeline]\n---\n# Case\n",
      "Use cases/D.md": `${A}patterns: []\n---\nNo patterns here.\n`,
      "Templates/Deep dive.md": `# {{company}}\n\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (Retrieve → Generate)\n`,
      "Other.md": "**Design Patterns Observed**:\n- [ ] **RAG Pipeline**\n",
    }, { settings: { deepDiveTemplate: "Templates/Deep dive.md" } });

    await vault.runCommand("rename-pattern");
    const picker = vault.topModal() as unknown as { inputEl: HTMLInputElement; modalEl: HTMLElement };
    picker.inputEl.value = "RAG Pipe";
    picker.inputEl.dispatchEvent(new Event("input"));
    await vault.settle();
    const first = picker.modalEl.querySelector<HTMLElement>(".suggestion-item");
    expect(first?.textContent).toBe("RAG Pipeline");
    first?.click();
    await vault.settle();

    const modal = vault.topModal();
    if (!modal) throw new Error("no rename dialog");
    expect(modal.titleEl.textContent).toBe("Rename pattern \"RAG Pipeline\"");
    await quiet();
    expect(modal.contentEl.querySelector(".uca-rename-count")?.textContent).toBe("4 notes will change:");
    expect(Array.from(modal.contentEl.querySelectorAll(".uca-rename-list li")).map((li) => li.textContent))
      .toEqual(["Use cases/A.md", "Use cases/B.md", "Use cases/C.md", "Templates/Deep dive.md"]);
    const input = modal.contentEl.querySelector<HTMLInputElement>("input[type=text], input:not([type])");
    const button = Array.from(modal.contentEl.querySelectorAll("button")).find((b) => b.textContent === "Rename");
    if (!input || !button) throw new Error("no input or button");
    input.value = "RAG Pipeline";
    input.dispatchEvent(new Event("input"));
    expect(button.disabled).toBe(true);
    expect(modal.contentEl.querySelector(".uca-rename-problem")?.textContent).toBe("The new pattern name is the same as the old one.");
    input.value = "Retrieval-Augmented Generation";
    input.dispatchEvent(new Event("input"));
    expect(button.disabled).toBe(false);
    vault.writes.reset();
    button.click();
    await quiet();

    expect(vault.notices().at(-1)).toBe("Use Case Atlas: Renamed \"RAG Pipeline\" to \"Retrieval-Augmented Generation\" in 4 notes.");
    expect(vault.text("Use cases/A.md")).toBe(`${A}company: Quillmart\n# my comment\npatterns: [Retrieval-Augmented Generation]\ntags: [mine, use-case/pattern/retrieval-augmented-generation]\n---\n${BODY.replace("- [ ] **RAG Pipeline**", "- [x] **Retrieval-Augmented Generation**")}`);
    expect(vault.text("Use cases/B.md")).toBe(CLEAN.replace("**RAG Pipeline**", "**Retrieval-Augmented Generation**"));
    expect(vault.text("Use cases/C.md")).toBe("---\ntype: case-study\npatterns: [Retrieval-Augmented Generation]\ntags:\n  - use-case/pattern/retrieval-augmented-generation\n---\n# Case\n");
    expect(vault.text("Templates/Deep dive.md")).toContain("- [ ] **Retrieval-Augmented Generation** (Retrieve → Generate)\n");
    expect(vault.text("Other.md")).toBe("**Design Patterns Observed**:\n- [ ] **RAG Pipeline**\n");
    expect(vault.writes.count("Use cases/D.md")).toBe(0);
    // One write per renamed note, in step afterwards (C got its missing tag in the same write).
    for (const path of ["Use cases/A.md", "Use cases/B.md", "Use cases/C.md", "Templates/Deep dive.md"]) {
      expect({ path, writes: vault.writes.count(path) }).toEqual({ path, writes: 1 });
    }
    expect(sync.recordOf("Use cases/A.md")).toEqual({ patterns: ["retrieval-augmented generation"], tags: ["retrieval-augmented-generation"] });
  });

  it("renames a category in the notes, their tags and the settings' list", async () => {
    const withCategory = CLEAN.replace("company: Quillmart\n", "company: Quillmart\ncategory: NLP and Text\ntags: [use-case/category/nlp-and-text]\n");
    await start({ "Use cases/A.md": withCategory, "Use cases/B.md": CLEAN });
    const ctx = contextOf(plugin);
    expect(await sync.previewRename("category", "NLP and Text")).toEqual(["Use cases/A.md"]);
    const { renameAcrossVault } = await import("../../src/obsidian/sync-service");
    const report = await renameAcrossVault(ctx, "category", "NLP and Text", "Language");
    await quiet();
    expect(report).toEqual({ renamed: ["Use cases/A.md"], failed: [], cancelled: false });
    expect(vault.text("Use cases/A.md")).toContain("category: Language\ntags: [use-case/category/language]\n");
    expect(ctx.settings().taxonomy.categories).toContain("Language");
    expect(ctx.settings().taxonomy.categories).not.toContain("NLP and Text");
  });

  it("refuses a name that would not read back, and changes nothing", async () => {
    await start({ "Use cases/A.md": uses(CLEAN) });
    await expect(sync.renameAcrossVault("pattern", "RAG Pipeline", "RAG (new)")).rejects.toThrow(/cannot hold/);
    expect(vault.writes.log).toEqual([]);
  });
});

describe("setPatternChecked (for the comparison view)", () => {
  it("checks and unchecks in one write each, both sides, with no conflict afterwards", async () => {
    await start({ "Use cases/Q.md": CLEAN });
    const file = vault.file("Use cases/Q.md");
    await sync.setPatternChecked(file, "ensemble model", true);
    await quiet();
    expect(vault.text("Use cases/Q.md")).toBe(`${A}company: Quillmart\n# my comment\npatterns: [Ensemble Model]\ntags:\n  - use-case/pattern/ensemble-model\n---\n${checked(BODY, "Ensemble Model")}`);
    await sync.setPatternChecked(file, "Ensemble Model", false);
    await quiet();
    expect(vault.text("Use cases/Q.md")).toBe(`${A}company: Quillmart\n# my comment\npatterns: []\ntags: []\n---\n${BODY}`);
    expect(vault.writes.log).toEqual([
      { op: "process", path: "Use cases/Q.md", changed: true },
      { op: "process", path: "Use cases/Q.md", changed: true },
    ]);
    expect(vault.notices()).toEqual([]);
  });

  it("adds a missing checkbox under its group; edits a case study's property", async () => {
    await start({ "Use cases/Q.md": CLEAN, "Case studies/C.md": "---\ntype: case-study\n---\n# Case\n" });
    await sync.setPatternChecked(vault.file("Use cases/Q.md"), "Shadow Mode Deployment", true);
    await sync.setPatternChecked(vault.file("Case studies/C.md"), "RAG Pipeline", true);
    await quiet();
    expect(vault.text("Use cases/Q.md")).toContain("- [ ] **Canary Deployment** (slowly)\n- [x] Shadow Mode Deployment\n");
    expect(vault.text("Case studies/C.md")).toBe("---\ntype: case-study\npatterns:\n  - RAG Pipeline\ntags:\n  - use-case/pattern/rag-pipeline\n---\n# Case\n");
  });

  it("rejects for a broken note and writes nothing", async () => {
    await start({ "Use cases/Q.md": CLEAN.replace("company: Quillmart", "company: [unclosed") });
    await expect(sync.setPatternChecked(vault.file("Use cases/Q.md"), "RAG Pipeline", true)).rejects.toThrow(/Use cases\/Q\.md/);
    expect(vault.writes.log.filter((w) => w.changed)).toEqual([]);
    expect(sync.getNeedsAttention().map((n) => n.path)).toEqual(["Use cases/Q.md"]);
  });
});

describe("a note that is not UTF-8 (issue 13)", () => {
  /** Latin-1 bytes: "é" is the single byte 0xE9, which is not UTF-8. */
  function latin1(text: string): Uint8Array {
    return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
  }

  it("is never written: its bytes stay as they are, and it is listed as needing attention", async () => {
    const path = "Use cases/Caf\u00e9.md";
    const text = checked(CLEAN.replace("company: Quillmart", "company: Caf\u00e9 Quillmart"), "RAG Pipeline");
    const bytes = latin1(text);
    // As Obsidian reads it: the bad byte becomes U+FFFD.
    await start({ [path]: text.replace("\u00e9", "\ufffd") });
    writeNoteBytes(vault.mock, path, bytes);
    const outcome = await sync.syncFile(vault.file(path));
    await quiet();
    expect(outcome).toEqual({ kind: "broken", problem: "not UTF-8, not synced" });
    expect(await noteBytes(vault.mock, path)).toEqual(bytes);
    expect(vault.writes.log.filter((w) => w.changed)).toEqual([]);
    expect(sync.getNeedsAttention()).toEqual([{ path, problem: "not UTF-8, not synced" }]);
    expect(vault.notices().join("\n")).toContain("not UTF-8, not synced");
  });

  it("a UTF-8 note that holds a real U+FFFD is synced as any other", async () => {
    const path = "Use cases/Q.md";
    const text = checked(CLEAN.replace("company: Quillmart", "company: Quill\ufffdmart"), "RAG Pipeline");
    await start({ [path]: text });
    await sync.syncFile(vault.file(path));
    await quiet();
    expect(vault.text(path)).toContain("patterns: [RAG Pipeline]");
    expect(sync.getNeedsAttention()).toEqual([]);
  });
});
