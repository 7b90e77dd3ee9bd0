/**
 * Obsidian calls `View.onResize()` when a view's pane changes size, which includes a tab being
 * shown again after it was hidden behind another; views that skip drawing while hidden (the
 * comparison view does) rely on it to catch up. The in-memory workspace shows and hides tabs
 * but never calls it, so a view brought back to the front stayed stale in the playground.
 * Here a ResizeObserver on every leaf's view calls `onResize()` whenever the view's box changes
 * to a non-zero size, as Obsidian does. (A candidate for tests/support/obsidian-gaps.ts, G9.)
 */
import type { View, WorkspaceLeaf } from "obsidian";
import type { Playground } from "./entry";

export function installViewResize(playground: Playground): void {
  const { workspace } = playground.vault.app;
  const observed = new WeakMap<Element, View>();
  const sizes = new WeakMap<Element, string>();
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const { width, height } = entry.contentRect;
      const size = `${width}x${height}`;
      if (sizes.get(entry.target) === size) continue;
      sizes.set(entry.target, size);
      const view = observed.get(entry.target);
      if (view && width > 0 && height > 0 && view.containerEl.isConnected) view.onResize();
    }
  });
  const observeLeaves = (): void => {
    workspace.iterateAllLeaves((leaf: WorkspaceLeaf) => {
      const view = leaf.view as View | null | undefined;
      if (!view || observed.has(view.containerEl)) return;
      observed.set(view.containerEl, view);
      // The size a view opens with is not a resize.
      sizes.set(view.containerEl, `${view.containerEl.clientWidth}x${view.containerEl.clientHeight}`);
      observer.observe(view.containerEl);
    });
  };
  workspace.on("layout-change", observeLeaves);
  workspace.on("active-leaf-change", observeLeaves);
  observeLeaves();
}
