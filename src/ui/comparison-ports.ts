/**
 * What the comparison view needs from other features, as narrow interfaces: the view does not
 * import the sync service, it is handed these (main.ts wires the real ones).
 */
import type { TFile } from "obsidian";

/** Checks or unchecks one pattern in one note (the pattern sync's `setPatternChecked`). */
export interface PatternToggler {
  setPatternChecked(file: TFile, label: string, checked: boolean): Promise<void>;
}

/** A note the plugin could not read or write safely (broken frontmatter, say). */
export interface AttentionItem {
  path: string;
  /** What is wrong, in words the user understands. */
  problem: string;
}

/** Lists notes that need the user's attention (the pattern sync keeps this list). */
export interface NeedsAttentionSource {
  getNeedsAttention(): readonly AttentionItem[];
  /** Calls `listener` when the list changes; returns the unsubscribe function. */
  onNeedsAttentionChange?(listener: () => void): () => void;
}

export interface ComparisonPorts {
  toggler: PatternToggler | null;
  attention: NeedsAttentionSource | null;
  /** Opens the form for a new use case analysis (note creation's); the empty view offers it. */
  newAnalysis?: () => void;
}
