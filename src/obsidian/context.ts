/**
 * What the plugin's features share, passed down as a narrow interface instead of the plugin
 * itself (so nothing imports main.ts).
 */
import type { App } from "obsidian";
import type { AtlasSettings } from "../core/settings";
import type { StudyContext } from "../core/study";
import type { TemplateTaxonomy } from "../core/taxonomy";

export interface AtlasContext {
  app: App;
  /** The current settings (read them when needed, do not keep copies: the user may change them). */
  settings(): AtlasSettings;
  saveSettings(): Promise<void>;
  /**
   * Calls `listener` after the settings were saved, read again (another device changed them) or
   * the taxonomy was read again (anything
   * `studyContext()` depends on may have changed); returns the unsubscribe function.
   */
  onStudyContextChange(listener: () => void): () => void;
  /** Taxonomy of the active deep-dive template (the bundled one until the user's is read). */
  taxonomy(): TemplateTaxonomy;
  /** What reading studies needs: patterns, groups, checklist heading, categories, industries. */
  studyContext(): StudyContext;
  /**
   * Plugin state other than settings (the last-synced records), kept on this device only, never
   * in the synced data.json (see plugin-data.ts for why).
   */
  loadState<T>(key: string): T | undefined;
  saveState(key: string, value: unknown): Promise<void>;
}
