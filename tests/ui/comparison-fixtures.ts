/**
 * Test data and a small host plugin for the comparison feature: notes built from the one fact a
 * test is about, and a plugin that registers only the comparison with test doubles for the
 * pattern toggler and the needs-attention list.
 */
import { Plugin, type TFile } from "obsidian";
import { resolveSettings } from "../../src/core/settings";
import { bundledTaxonomy } from "../../src/core/settings";
import type { StudyContext } from "../../src/core/study";
import type { AtlasContext } from "../../src/obsidian/context";
import { registerComparison, type ComparisonFeature } from "../../src/ui/comparison";
import type { AttentionItem, NeedsAttentionSource, PatternToggler } from "../../src/ui/comparison-ports";
import type { ComparisonLayout } from "../../src/ui/comparison-view";

export interface StudySpec {
  type?: string;
  company?: string;
  category?: string;
  industry?: string;
  year?: number;
  patterns?: string[];
  /** Checked items out of the ten of the analysis checklist. */
  checklistDone?: number;
  /** Rows of the "Tech Stack Identified" table: [component, technology]. */
  stack?: [string, string][];
}

const CHECKLIST = [
  "Identified all major system components", "Mapped data flow end-to-end", "Documented model architecture",
  "Identified deployment pattern", "Documented monitoring approach", "Noted retraining strategy",
  "Estimated scale metrics", "Identified bottlenecks", "Listed trade-offs made", "Noted alternatives considered",
];

/** A study note's text: frontmatter with the given facts, and a body with the checklist and stack when asked. */
export function studyNote(spec: StudySpec): string {
  const lines = ["---", `type: ${spec.type ?? "use-case-analysis"}`];
  if (spec.company !== undefined) lines.push(`company: ${JSON.stringify(spec.company)}`);
  if (spec.category !== undefined) lines.push(`category: ${spec.category}`);
  if (spec.industry !== undefined) lines.push(`industry: ${spec.industry}`);
  if (spec.year !== undefined) lines.push(`year: ${spec.year}`);
  if (spec.patterns && spec.patterns.length > 0) {
    lines.push("patterns:");
    for (const p of spec.patterns) lines.push(`  - ${p}`);
  }
  lines.push("---", "", "# Study", "");
  if (spec.stack) {
    lines.push("**Tech Stack Identified**:", "| Component | Technology | Purpose |", "|---|---|---|");
    for (const [c, t] of spec.stack) lines.push(`| ${c} | ${t} | |`);
    lines.push("");
  }
  if (spec.checklistDone !== undefined) {
    lines.push("## APPENDIX: ANALYSIS CHECKLIST", "");
    CHECKLIST.forEach((item, i) => lines.push(`- [${i < (spec.checklistDone ?? 0) ? "x" : " "}] ${item}`));
  }
  return lines.join("\n") + "\n";
}

export function atlasContext(plugin: Plugin): AtlasContext {
  const settings = resolveSettings(undefined);
  const state: Record<string, unknown> = {};
  return {
    app: plugin.app,
    settings: () => settings,
    saveSettings: async () => { /* nothing persisted in tests */ },
    onStudyContextChange: () => () => undefined,
    taxonomy: () => bundledTaxonomy(),
    studyContext: (): StudyContext => ({
      patterns: bundledTaxonomy().patterns,
      patternGroups: settings.patternGroups,
      checklistHeading: settings.checklistHeading,
      categories: settings.taxonomy.categories,
      industries: settings.taxonomy.industries,
    }),
    loadState: <T>(key: string): T | undefined => state[key] as T | undefined,
    saveState: async (key: string, value: unknown) => { state[key] = value; },
  };
}

/** Records calls; each call's promise is settled by the test (so "shows at once" is observable). */
export class FakeToggler implements PatternToggler {
  calls: { path: string; label: string; checked: boolean; resolve: () => void; reject: (e: Error) => void }[] = [];
  setPatternChecked(file: TFile, label: string, checked: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.calls.push({ path: file.path, label, checked, resolve: () => resolve(), reject });
    });
  }
}

export class FakeAttention implements NeedsAttentionSource {
  items: AttentionItem[] = [];
  private listeners: (() => void)[] = [];
  getNeedsAttention(): readonly AttentionItem[] { return this.items; }
  onNeedsAttentionChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => { this.listeners = this.listeners.filter((l) => l !== listener); };
  }
  set(items: AttentionItem[]): void {
    this.items = items;
    for (const l of this.listeners) l();
  }
}

export const TEST_LAYOUT: ComparisonLayout = { rowHeight: 20, overscan: 5 };

export interface HostOptions {
  toggler?: PatternToggler | null;
  attention?: NeedsAttentionSource | null;
  layout?: Partial<ComparisonLayout>;
  /** Stands in for note creation's form (the view's "Create your first use case analysis"). */
  onNewAnalysis?: () => void;
}

/** A plugin with only the comparison feature, wired to test doubles. */
export function comparisonPlugin(options: HostOptions = {}) {
  return class ComparisonTestPlugin extends Plugin {
    feature!: ComparisonFeature;
    override onload(): void {
      const ctx = atlasContext(this);
      const ports = { toggler: options.toggler ?? null, attention: options.attention ?? null, newAnalysis: options.onNewAnalysis };
      this.feature = registerComparison(this, ctx, ports, options.layout ?? TEST_LAYOUT);
    }
  };
}
