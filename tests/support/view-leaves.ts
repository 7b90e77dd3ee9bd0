/**
 * Workspace leaves that host real views, as Obsidian does (the in-memory Obsidian's
 * `setViewState` only records the state; it never creates the registered view):
 * - `setViewState({type, state})` creates the view from the plugin's `registerView` creator,
 *   mounts its container in the document, loads it, runs `onOpen`, then `setState(state)`;
 * - `getViewState()` returns the type and the view's `getState()`, as Obsidian saves layouts;
 * - `detach()` runs `onClose`, unloads the view and removes its container.
 * Views are visible (`isShown()`) while mounted, since jsdom has no layout to tell.
 */
import type { View, ViewCreator, ViewState } from "obsidian";
import { Plugin as MockPlugin, WorkspaceLeaf as MockLeaf } from "obsidian-test-mocks/obsidian";

const creators = new Map<string, ViewCreator>();
let patched = false;

interface LeafInternals {
  view: View | null;
  viewState: ViewState;
  app__: { workspace: { removeLeaf__(leaf: unknown): void } };
  trigger(name: string): void;
}

export function enableViews(): void {
  if (patched) return;
  patched = true;
  const pluginProto = MockPlugin.prototype as unknown as { registerView: (this: unknown, type: string, creator: ViewCreator) => void };
  const originalRegister = pluginProto.registerView;
  pluginProto.registerView = function (this: unknown, type: string, creator: ViewCreator): void {
    originalRegister.call(this, type, creator);
    creators.set(type, creator);
  };

  const leafProto = MockLeaf.prototype as unknown as {
    setViewState(this: LeafInternals, state: ViewState): Promise<void>;
    getViewState(this: LeafInternals): ViewState;
    detach(this: LeafInternals): void;
  };
  leafProto.setViewState = async function (this: LeafInternals, state: ViewState): Promise<void> {
    const creator = creators.get(state.type);
    if (this.view && this.viewState.type !== state.type) closeView(this);
    this.viewState = { ...state };
    if (creator && !this.view) {
      const view = creator(this as never);
      this.view = view;
      document.body.appendChild(view.containerEl);
      view.load();
      await (view as unknown as { onOpen(): Promise<void> }).onOpen();
    }
    if (this.view && state.state) await this.view.setState(state.state, { history: false });
    this.trigger("view-state-change");
  };
  leafProto.getViewState = function (this: LeafInternals): ViewState {
    if (this.view) return { type: this.viewState.type, state: this.view.getState() };
    return { ...this.viewState };
  };
  leafProto.detach = function (this: LeafInternals): void {
    closeView(this);
    this.app__.workspace.removeLeaf__(this);
  };

  // isShown() is `!!offsetParent`; jsdom has no layout, so a mounted element counts as shown.
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement) { return this.isConnected ? this.parentElement : null; },
  });
}

function closeView(leaf: LeafInternals): void {
  const view = leaf.view;
  if (!view) return;
  void (view as unknown as { onClose(): Promise<void> }).onClose();
  view.unload();
  view.containerEl.remove();
  leaf.view = null;
}

/** Waits for the next animation frame (jsdom runs them when it pretends to be visual). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => window.requestAnimationFrame(() => resolve()));
}
