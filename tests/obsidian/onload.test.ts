/**
 * Loading the plugin is registrations only (PRODUCT.md: evaluate main.js + onload ≤ 5 ms): the
 * taxonomy, which is read from the deep-dive template's text, is worked out at layout ready at
 * the earliest, not while Obsidian waits for `onload`. Alone in its file, so that no earlier test
 * has read the bundled template's taxonomy already (it is read once and kept).
 */
import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import * as taxonomy from "../../src/core/taxonomy";
import { createTestVault } from "../support/obsidian-env";

it("onload reads no template's taxonomy; layout ready does", async () => {
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
  // The spy sees the reads: the one the layout-ready reload of the taxonomy makes.
  expect(reads.mock.calls.length).toBeGreaterThan(0);
  vault.unloadPlugin(plugin);
  vault.destroy();
});
