/** Work that waits until the browser has nothing better to do: not in the way of Obsidian's startup or the user's typing. */
import type { Plugin } from "obsidian";

/**
 * Runs `work` once, when the browser is next idle (at the latest after `timeoutMs`); mobile
 * WebViews without `requestIdleCallback` get a short timeout instead. Returns the cancel function.
 */
export function whenIdle(work: () => void, timeoutMs = 3000): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(work, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 500);
  return () => window.clearTimeout(id);
}

/** `whenIdle`, cancelled if the plugin unloads first. */
export function runWhenIdle(plugin: Plugin, work: () => void, timeoutMs = 3000): void {
  plugin.register(whenIdle(work, timeoutMs));
}
