/**
 * Settings travel with data.json (Obsidian Sync, iCloud, git); the sync records stay on the
 * device (src/obsidian/plugin-data.ts). The in-memory Obsidian here writes data.json as JSON and
 * lets a test rewrite it underneath the plugin, as a sync client does (gap G24), and keeps local
 * storage as JSON texts with an optional quota (G25): tests/support/plugin-storage.ts.
 */
import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import type { AtlasContext } from "../../src/obsidian/context";
import { nextFrame, showWhenConnected } from "../support/jsdom-layout";
import { createTestVault, type TestVault } from "../support/obsidian-env";
import { changeDataJsonExternally, dataJson, localStorageText, setLocalStorageQuota } from "../support/plugin-storage";

showWhenConnected();

const ID = "use-case-atlas";
const RECORDS_KEY = `${ID}:syncRecords`;
const NOTE = "Use cases/Q.md";
const BODY = "# Study\n\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (Retrieve → Generate)\n- [ ] **Ensemble Model** (several)\n";
const CLEAN = `---\ntype: use-case-analysis\ncompany: Quillmart\npatterns: []\n---\n${BODY}`;
const TEMPLATE = "---\ntype: use-case-analysis\n---\n# {{title}}\n\n**Design Patterns Observed**:\n- [ ] **Foo Pattern** (new)\n- [ ] **RAG Pipeline** (Retrieve → Generate)\n";

function ctxOf(plugin: Plugin): AtlasContext {
  return (plugin as unknown as { context(): AtlasContext }).context();
}

/** Ticks the RAG box as the user would, then waits for the sync and the records' save (made when the plugin unloads). */
async function tickAndUnload(vault: TestVault, plugin: Plugin): Promise<void> {
  await vault.write(NOTE, vault.text(NOTE).replace("- [ ] **RAG", "- [x] **RAG"));
  await new Promise((r) => window.setTimeout(r, 700));
  await vault.settle();
  expect(vault.text(NOTE)).toContain("patterns: [RAG Pipeline]");
  vault.unloadPlugin(plugin);
  await vault.settle();
}

describe("settings and sync records across devices", () => {
  let vault: TestVault;
  afterEach(() => vault.destroy());

  it("takes the settings a sync client wrote into data.json, and no later save of the plugin overwrites them", async () => {
    vault = createTestVault({ [NOTE]: CLEAN, "Templates/Deep dive.md": TEMPLATE });
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: { settings: { tagPrefix: "use-case", analysesFolder: "Mine" } } });
    expect(plugin.settings.analysesFolder).toBe("Mine");

    const fromOtherDevice = { settings: { tagPrefix: "use-case", analysesFolder: "Theirs", deepDiveTemplate: "Templates/Deep dive.md" }, theirNewKey: { kept: true } };
    await changeDataJsonExternally(plugin, fromOtherDevice);
    const written = dataJson(vault.app, ID);
    expect(plugin.settings.analysesFolder).toBe("Theirs");
    // The template the new settings name was read again.
    expect(ctxOf(plugin).taxonomy().patterns.map((p) => p.label)).toContain("Foo Pattern");

    // The sync's records are saved as the plugin works (here: as it unloads): data.json is not touched.
    await tickAndUnload(vault, plugin);
    expect(dataJson(vault.app, ID)).toBe(written);
    expect(localStorageText(vault.app, RECORDS_KEY)).toContain("rag pipeline");

    // A setting changed here later is saved on top of the other device's, their unknown key kept.
    const again = await vault.loadPlugin(UseCaseAtlasPlugin);
    expect(again.settings.analysesFolder).toBe("Theirs");
    again.settings.caseStudiesFolder = "Short ones";
    await ctxOf(again).saveSettings();
    const saved = JSON.parse(dataJson(vault.app, ID) ?? "{}") as { settings: Record<string, unknown>; theirNewKey?: unknown };
    expect(saved.settings).toMatchObject({ analysesFolder: "Theirs", caseStudiesFolder: "Short ones", deepDiveTemplate: "Templates/Deep dive.md" });
    expect(saved.theirNewKey).toEqual({ kept: true });
  });

  it("refreshes an open comparison view when the other device's settings change what a study is read with", async () => {
    vault = createTestVault({ [NOTE]: CLEAN, "Templates/Deep dive.md": TEMPLATE });
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
    await vault.runCommand("open-pattern-comparison");
    await nextFrame();
    const view = (): string => document.body.querySelector(".uca-comparison")?.textContent ?? "";
    expect(view()).not.toContain("Foo Pattern");
    await changeDataJsonExternally(plugin, { settings: { deepDiveTemplate: "Templates/Deep dive.md" } });
    await vault.settle();
    await nextFrame();
    expect(view()).toContain("Foo Pattern");
  });

  it("keeps one settings object, so whoever holds it sees the other device's values", async () => {
    vault = createTestVault();
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
    const held = ctxOf(plugin).settings();
    await changeDataJsonExternally(plugin, { settings: { tagPrefix: "study" } });
    expect(held.tagPrefix).toBe("study");
    expect(ctxOf(plugin).settings()).toBe(held);
  });

  it("moves the records an older version kept in data.json to this device, once, keeping the rest of data.json", async () => {
    vault = createTestVault({ [NOTE]: CLEAN });
    const records = { [NOTE]: { patterns: ["ensemble model"], tags: ["ensemble-model"] } };
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: { settings: { analysesFolder: "Mine" }, state: { syncRecords: records }, other: 1 } });
    expect(JSON.parse(localStorageText(vault.app, RECORDS_KEY) ?? "null")).toEqual(records);
    const data = JSON.parse(dataJson(vault.app, ID) ?? "{}") as Record<string, unknown>;
    expect(data).not.toHaveProperty("state");
    expect(data.other).toBe(1);
    expect((data.settings as { analysesFolder: string }).analysesFolder).toBe("Mine");

    // Another device still on the old version writes its records back: this device keeps its own.
    await changeDataJsonExternally(plugin, { settings: {}, state: { syncRecords: { [NOTE]: { patterns: [], tags: [] } } } });
    vault.unloadPlugin(plugin);
    await vault.settle();
    expect(JSON.parse(localStorageText(vault.app, RECORDS_KEY) ?? "null")).toEqual(records);
  });

  it("tells the user once when this device's local storage is full, and the sync goes on", async () => {
    vault = createTestVault({ [NOTE]: CLEAN });
    setLocalStorageQuota(vault.mock, 10);
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
    await tickAndUnload(vault, plugin);
    expect(localStorageText(vault.app, RECORDS_KEY)).toBeNull();
    expect(vault.notices().filter((n) => n.includes("local storage is full"))).toHaveLength(1);
  });
});
