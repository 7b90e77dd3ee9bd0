/**
 * The comparison feature's registrations: the study index (built when first needed), the view,
 * its ribbon button and command, page previews from it, and the `use-case-atlas` code block.
 */
import type { Plugin } from "obsidian";
import { compare, DEFAULT_COMPARE_OPTIONS } from "../core/compare";
import type { AtlasContext } from "../obsidian/context";
import { registerStudyIndex, type StudyIndexService } from "../obsidian/study-index-service";
import { runWhenIdle } from "../obsidian/idle";
import { setPatternChecked, syncServiceFor } from "../obsidian/sync-service";
import { vaultIndexFor } from "../obsidian/vault-index";
import { registerComparisonBlock } from "./comparison-block";
import type { ComparisonPorts } from "./comparison-ports";
import { openNewAnalysisForm } from "./create";
import { COMPARISON_ICON, ComparisonView, type ComparisonLayout, VIEW_TYPE_COMPARISON } from "./comparison-view";

export const OPEN_COMPARISON_COMMAND = "open-pattern-comparison";

export interface ComparisonFeature {
  service: StudyIndexService;
  open(): Promise<void>;
}

/** Opens the comparison, reusing an open one (a view is found through its leaves, never kept). */
export async function openComparison(plugin: Plugin): Promise<void> {
  const { workspace } = plugin.app;
  let leaf = workspace.getLeavesOfType(VIEW_TYPE_COMPARISON)[0];
  if (!leaf) {
    leaf = workspace.getLeaf("tab");
    await leaf.setViewState({ type: VIEW_TYPE_COMPARISON, active: true });
  }
  // Also uncollapses a sidebar holding the leaf.
  await workspace.revealLeaf(leaf);
}

/**
 * The pattern sync (and note creation's form) as the view needs them. Looked up at call time, so it does not matter which
 * feature main.ts registers first; without a running sync, toggling still edits the note
 * (`setPatternChecked` falls back to one `Vault.process`) and the attention list is empty.
 */
export function syncPorts(ctx: AtlasContext): ComparisonPorts {
  return {
    toggler: { setPatternChecked: (file, label, checked) => setPatternChecked(ctx, file, label, checked) },
    attention: {
      getNeedsAttention: () => syncServiceFor(ctx.app)?.getNeedsAttention() ?? [],
      onNeedsAttentionChange: (listener) => syncServiceFor(ctx.app)?.onNeedsAttentionChange(listener) ?? (() => undefined),
    },
    // Note creation's form itself, opened directly (not through the app's command registry).
    newAnalysis: () => openNewAnalysisForm(ctx),
  };
}

/** Registers the comparison; `ports` replaces the pattern sync (tests), `layout` the row metrics. */
export function registerComparison(
  plugin: Plugin,
  ctx: AtlasContext,
  ports: ComparisonPorts = syncPorts(ctx),
  layout?: Partial<ComparisonLayout>,
): ComparisonFeature {
  // Settings that change how notes are read (patterns, groups, categories…) rebuild the index;
  // a saved folder name or tag prefix does not. `readWith` is the context the index first read
  // notes with: noted then, not at registration, so that loading the plugin works out no
  // taxonomy (the bundled template's is read from its 20 KB of text). Before the index reads
  // anything, a change has nothing to rebuild: the index reads with the context of that time.
  let readWith: string | null = null;
  const service = registerStudyIndex(plugin, () => {
    const studyCtx = ctx.studyContext();
    readWith ??= JSON.stringify(studyCtx);
    return studyCtx;
  });
  plugin.register(ctx.onStudyContextChange(() => {
    if (readWith === null) return;
    const now = JSON.stringify(ctx.studyContext());
    if (now === readWith) return;
    readWith = now;
    service.rebuild();
  }));
  const allPorts: ComparisonPorts = { toggler: ports.toggler, attention: ports.attention, newAnalysis: ports.newAnalysis };
  plugin.registerView(VIEW_TYPE_COMPARISON, (leaf) => new ComparisonView(leaf, { ctx, service, ports: allPorts, layout }));
  plugin.registerHoverLinkSource(VIEW_TYPE_COMPARISON, { display: plugin.manifest.name, defaultMod: false });
  const open = (): Promise<void> => openComparison(plugin);
  plugin.addRibbonIcon(COMPARISON_ICON, "Open pattern comparison", () => { void open(); });
  plugin.addCommand({ id: OPEN_COMPARISON_COMMAND, name: "Open pattern comparison", callback: () => { void open(); } });
  registerComparisonBlock(plugin, ctx, service);
  warmUpWhenIdle(plugin, ctx, service);
  return { service, open };
}

/**
 * The first comparison over the vault's studies works out per-study keys (lower-cased names,
 * pattern columns) that every later one reuses; with 10,000 studies that is most of the time the
 * view takes to first show its rows. It is done once, when the browser is idle after the cache is
 * complete (the index is built then too, in an idle callback of its own, unless a view or code
 * block asked for it first), so that opening the view is quick and starting Obsidian does not
 * wait for either.
 */
function warmUpWhenIdle(plugin: Plugin, ctx: AtlasContext, service: StudyIndexService): void {
  const run = (): void => {
    if (service.index.size === 0) return;
    compare(service.index.all(), ctx.studyContext(), { ...DEFAULT_COMPARE_OPTIONS, filter: {} });
  };
  // Two idle callbacks, not one: the index is built in the first, the comparison made in the
  // next, so that neither holds the browser for long (each is over 50 ms at 10,000 studies).
  plugin.register(vaultIndexFor(plugin).subscribe({ ready: () => runWhenIdle(plugin, () => service.whenReady(() => runWhenIdle(plugin, run))) }));
}
