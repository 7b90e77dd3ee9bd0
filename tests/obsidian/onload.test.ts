/**
 * Loading the plugin is registrations only (PRODUCT.md: evaluate main.js + onload ≤ 5 ms): the
 * taxonomy, which is read from the deep-dive template's text, is worked out when a feature first
 * needs it, not while Obsidian waits for `onload` nor in the layout-ready work. Alone in its file, so that no earlier test
 * has read the bundled template's taxonomy already (it is read once and kept).
 */
import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import * as taxonomy from "../../src/core/taxonomy";
import { createTestVault } from "../support/obsidian-env";

it("neither onload nor the layout-ready work reads the template's taxonomy; the first feature that needs it does, once", async () => {
  const vault = createTestVault({ "A.md": "---\ntype: use-case-analysis\ncompany: Acme\n---\n" });
  const reads = jest.spyOn(taxonomy, "taxonomyFromTemplate");
  const onload = jest.spyOn(UseCaseAtlasPlugin.prototype, "onload");
  const original = onload.getMockImplementation() ?? ((): Promise<void> => Promise.reject(new Error("no onload")));
  let readsDuringOnload = -1;
  onload.mockImplementation(async function (this: UseCaseAtlasPlugin) {
    await original.call(this);
    readsDuringOnload = reads.mock.calls.length;
  });
  const plugin: Plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: {} });
  await vault.settle();
  expect(readsDuringOnload).toBe(0);
  expect(reads.mock.calls.length).toBe(0);
  // A feature asks (the comparison's index, built for a view): the taxonomy is worked out then, once.
  await plugin.app.workspace.getLeaf(true).setViewState({ type: "use-case-atlas-comparison" });
  await vault.settle();
  expect(reads.mock.calls.length).toBe(1);
  vault.unloadPlugin(plugin);
  vault.destroy();
});
