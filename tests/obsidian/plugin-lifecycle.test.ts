import UseCaseAtlasPlugin from "../../main";
import { allListeners, createApp, loadPlugin, MANIFEST, unloadPlugin } from "../support/obsidian-env";

describe("the plugin in the in-memory Obsidian", () => {
  it("has the manifest the design card fixes", () => {
    expect(MANIFEST).toMatchObject({ id: "use-case-atlas", name: "Use Case Atlas", isDesktopOnly: false });
  });

  it("enables and disables cleanly, leaving no listeners, timers or DOM behind", async () => {
    const app = createApp({ "Use cases/A.md": "---\ntype: use-case-analysis\n---\n- [x] A\n" });
    const listenersBefore = allListeners(app);
    const bodyBefore = document.body.innerHTML.length;
    const timers = jest.spyOn(window, "setTimeout");
    const intervals = jest.spyOn(window, "setInterval");

    const plugin = await loadPlugin(app, UseCaseAtlasPlugin);
    expect((plugin as unknown as { loaded__: boolean }).loaded__).toBe(true);
    unloadPlugin(plugin);

    expect(allListeners(app)).toBe(listenersBefore);
    expect(document.body.innerHTML.length).toBe(bodyBefore);
    expect(intervals).not.toHaveBeenCalled();
    timers.mockRestore();
    intervals.mockRestore();
  });

  it("keeps saved settings and fills in defaults for the rest", async () => {
    const app = createApp();
    const plugin = await loadPlugin(app, UseCaseAtlasPlugin, { settings: { tagPrefix: "study", bogus: 1 } });
    expect(plugin.settings.tagPrefix).toBe("study");
    expect(plugin.settings.analysesFolder).toBe("Use cases");
    expect(plugin.settings).not.toHaveProperty("bogus");
    unloadPlugin(plugin);
  });
});
