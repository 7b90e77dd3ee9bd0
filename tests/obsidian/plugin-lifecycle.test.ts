/**
 * The real plugin (main.ts) enabled and disabled in the in-memory Obsidian. Written to stay
 * valid as features register more: whatever the plugin adds while enabled — event listeners on
 * vault, metadata cache and workspace, commands, ribbon icons, status bar items, settings tabs,
 * views, DOM elements and listeners, timers — must be gone once it is disabled, every time.
 */
import UseCaseAtlasPlugin from "../../main";
import { allListeners, createTestVault, type LeakReport, MANIFEST, type TestVault, watchLeaks } from "../support/obsidian-env";

const NOTES = {
  "Use cases/Search and Retrieval/Quillmart - Hybrid search.md":
    "---\ntype: use-case-analysis\ncompany: Quillmart\ncategory: Search and Retrieval\n---\n# Quillmart\n\n**Design Patterns Observed**:\n- [x] Hybrid Search\n- [ ] RAG Pipeline\n",
  "Articles/Hybrid search at scale.md": "---\ntype: use-case-article\nurl: https://engineering.quillmart.example/blog/hybrid-search-at-scale\n---\n",
  // The plugin must load with a note it cannot read in the vault.
  "Use cases/Broken.md": "---\ntype: use-case-analysis\ncompany: [unclosed\n---\n- [ ] A\n",
  "Inbox.md": "just text\n",
};

/** What a disabled plugin must leave exactly as it found it. */
interface Footprint {
  listeners: number;
  commands: string[];
  ribbon: number;
  statusBar: number;
  leaves: number;
  modals: number;
  /** document.body without notices (a notice may outlive the plugin that showed it, as in Obsidian). */
  body: string;
  bodyChildren: number;
}

function footprint(vault: TestVault): Footprint {
  const body = document.body.cloneNode(true) as HTMLElement;
  body.querySelectorAll(".notice-container").forEach((el) => el.remove());
  let leaves = 0;
  vault.app.workspace.iterateAllLeaves(() => { leaves++; });
  return {
    listeners: allListeners(vault.app),
    commands: vault.commandIds(),
    ribbon: document.body.querySelectorAll(".side-dock-ribbon > *").length,
    statusBar: document.body.querySelectorAll(".status-bar > *").length,
    leaves,
    modals: vault.modals().length,
    body: body.innerHTML,
    bodyChildren: body.childElementCount,
  };
}

describe("the plugin in the in-memory Obsidian", () => {
  let vault: TestVault;
  afterEach(() => vault.destroy());

  it("has the manifest the design card fixes", () => {
    vault = createTestVault();
    expect(MANIFEST).toMatchObject({ id: "use-case-atlas", name: "Use Case Atlas", isDesktopOnly: false });
  });

  it("enables and disables cleanly, twice, leaving no listener, timer, command, icon or element behind", async () => {
    vault = createTestVault(NOTES);
    const before = footprint(vault);
    const leaks = watchLeaks();
    const noLeaks: LeakReport = { intervals: 0, timeouts: 0, domListeners: [] };
    try {
      for (let round = 1; round <= 2; round++) {
        const plugin = await vault.loadPlugin(UseCaseAtlasPlugin);
        expect((plugin as unknown as { loaded__: boolean }).loaded__).toBe(true);
        // Enabling alone changes no note: writes happen when the user asks for them.
        expect({ round, writes: vault.writes.log }).toEqual({ round, writes: [] });

        vault.unloadPlugin(plugin);
        await vault.settle();
        expect({ round, ...footprint(vault) }).toEqual({ round, ...before });
        expect({ round, ...leaks.report() }).toEqual({ round, ...noLeaks });
      }
    } finally {
      leaks.stop();
    }
  });

  it("keeps saved settings and fills in defaults for the rest", async () => {
    vault = createTestVault();
    const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: { settings: { tagPrefix: "study", bogus: 1 } } });
    expect(plugin.settings.tagPrefix).toBe("study");
    expect(plugin.settings.analysesFolder).toBe("Use cases");
    expect(plugin.settings).not.toHaveProperty("bogus");
  });
});
