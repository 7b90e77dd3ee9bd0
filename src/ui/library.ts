/**
 * The use-case library's registrations: its service (built when the view or the import first needs it), the view, the
 * command "Open use-case library" and its ribbon button.
 */
import { type Plugin, requireApiVersion } from "obsidian";
import type { AtlasContext } from "../obsidian/context";
import { type LibraryService, registerLibraryService } from "../obsidian/library-service";
import { registerLibraryImport } from "./library-import";
import { LIBRARY_ICON, LibraryView, type LibraryViewDeps, VIEW_TYPE_LIBRARY } from "./library-view";

export const OPEN_LIBRARY_COMMAND = "open-use-case-library";

export interface LibraryFeature {
  service: LibraryService;
  open(): Promise<LibraryView | null>;
}

/** Opens the library, reusing an open one. */
export async function openLibrary(plugin: Plugin): Promise<LibraryView | null> {
  const { workspace } = plugin.app;
  let leaf = workspace.getLeavesOfType(VIEW_TYPE_LIBRARY)[0];
  if (!leaf) {
    leaf = workspace.getLeaf("tab");
    await leaf.setViewState({ type: VIEW_TYPE_LIBRARY, active: true });
  }
  if (requireApiVersion("1.7.2")) await workspace.revealLeaf(leaf);
  else workspace.setActiveLeaf(leaf, { focus: true });
  return leaf.view instanceof LibraryView ? leaf.view : null;
}

export function registerLibrary(plugin: Plugin, ctx: AtlasContext, options: Pick<LibraryViewDeps, "openForm"> = {}): LibraryFeature {
  const service = registerLibraryService(plugin, ctx);
  plugin.registerView(VIEW_TYPE_LIBRARY, (leaf) => new LibraryView(leaf, { ctx, service, ...options }));
  const open = (): Promise<LibraryView | null> => openLibrary(plugin);
  plugin.addRibbonIcon(LIBRARY_ICON, "Open use-case library", () => { void open(); });
  plugin.addCommand({ id: OPEN_LIBRARY_COMMAND, name: "Open use-case library", callback: () => { void open(); } });
  registerLibraryImport(plugin, ctx, service);
  return { service, open };
}
