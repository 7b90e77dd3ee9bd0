import { Notice, Plugin } from "obsidian";
import { type AtlasSettings, bundledTaxonomy } from "./src/core/settings";
import type { StudyContext } from "./src/core/study";
import type { TemplateTaxonomy } from "./src/core/taxonomy";
import type { AtlasContext } from "./src/obsidian/context";
import { PluginData } from "./src/obsidian/plugin-data";
import { renameAcrossVault } from "./src/obsidian/sync-service";
import { loadActiveTaxonomy } from "./src/obsidian/templates";
import { registerCreate } from "./src/ui/create";
import { registerSettingsTab } from "./src/ui/settings-tab";
import { registerComparison } from "./src/ui/comparison";
import { registerSync } from "./src/ui/sync-commands";
import { registerArticles } from "./src/ui/articles";
import { registerMigrate } from "./src/ui/migrate-command";
import { registerLibrary } from "./src/ui/library";

export default class UseCaseAtlasPlugin extends Plugin {
  private readonly data = new PluginData(this);
  override settings: AtlasSettings = this.data.settings;
  /** The taxonomy of the deep-dive template the settings name, once read (until then, the bundled template's). */
  private activeTaxonomy: (() => TemplateTaxonomy) | null = null;
  private readonly contextListeners = new Set<() => void>();

  override async onload(): Promise<void> {
    await this.data.load();
    const ctx = this.context();
    // Feature registrations go here, one line each; heavy work waits for layout ready.
    this.app.workspace.onLayoutReady(() => { void this.reloadTaxonomy(true); });
    registerCreate(this, ctx);
    registerSettingsTab(this, ctx, { reloadTaxonomy: () => this.reloadTaxonomy(false), renameAcrossVault });
    registerSync(this, ctx);
    registerComparison(this, ctx);
    registerArticles(this, ctx);
    registerMigrate(this, ctx);
    registerLibrary(this, ctx);
  }

  /** A sync client rewrote data.json: take its settings, then read the template they name again. */
  override async onExternalSettingsChange(): Promise<void> {
    await this.data.reload();
    await this.reloadTaxonomy(false);
  }

  private context(): AtlasContext {
    return {
      app: this.app,
      settings: () => this.settings,
      saveSettings: async () => { await this.data.saveSettings(); this.contextChanged(); },
      onStudyContextChange: (listener) => {
        this.contextListeners.add(listener);
        return () => { this.contextListeners.delete(listener); };
      },
      taxonomy: () => this.activeTaxonomy?.() ?? bundledTaxonomy(),
      studyContext: (): StudyContext => ({
        patterns: (this.activeTaxonomy?.() ?? bundledTaxonomy()).patterns,
        patternGroups: this.settings.patternGroups,
        checklistHeading: this.settings.checklistHeading,
        categories: this.settings.taxonomy.categories,
        industries: this.settings.taxonomy.industries,
      }),
      loadState: (key) => this.data.loadState(key),
      saveState: (key, value) => this.data.saveState(key, value),
    };
  }

  /** Reads the taxonomy from the deep-dive template the settings name; a problem is returned (and shown at startup). */
  private async reloadTaxonomy(atStartup: boolean): Promise<string | null> {
    const { taxonomy, problem } = await loadActiveTaxonomy(this.app, this.settings);
    this.activeTaxonomy = taxonomy;
    this.contextChanged();
    if (problem !== null && atStartup) new Notice(`Use Case Atlas: ${problem}`);
    return problem;
  }

  private contextChanged(): void {
    for (const listener of [...this.contextListeners]) listener();
  }
}
