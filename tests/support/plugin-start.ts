/**
 * The real plugin started in the in-memory Obsidian with its sync service, as the tests of the
 * vault-wide work (sync, migrate, tag prefix rename) need it: the vault, the plugin, its sync
 * service and context, and a wait until everything has gone quiet. Writes made while starting
 * are not counted.
 */
import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import type { AtlasContext } from "../../src/obsidian/context";
import { type SyncService, syncServiceFor } from "../../src/obsidian/sync-service";
import { createTestVault, type TestVault } from "./obsidian-env";

export interface StartedPlugin {
  vault: TestVault;
  plugin: Plugin;
  sync: SyncService;
}

/**
 * Starts the plugin over these notes with this saved data (none when undefined). With `settle`,
 * the metadata cache has read every note before the write count starts.
 */
export async function startPlugin(files: Record<string, string>, data?: unknown, { settle = false }: { settle?: boolean } = {}): Promise<StartedPlugin> {
  const vault = createTestVault(files);
  const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, data === undefined ? {} : { data });
  const sync = syncServiceFor(vault.app);
  if (!sync) throw new Error("the sync service did not start");
  if (settle) await vault.settle();
  vault.writes.reset();
  return { vault, plugin, sync };
}

/** The plugin's context (what its commands and services are given). */
export function contextOf(plugin: Plugin): AtlasContext {
  return (plugin as unknown as { context(): AtlasContext }).context();
}

/** Waits until the cache, the debounced syncs and their writes' echoes have all finished. */
export async function quiet({ vault, sync }: { vault: TestVault; sync: SyncService }): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await vault.settle();
    await sync.whenIdle();
    await vault.settle();
    if (sync.isIdle()) return;
  }
  throw new Error("the sync never went quiet");
}
