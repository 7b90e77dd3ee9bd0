/**
 * Ticking a pattern cell in the comparison matrix: the new value shows at once (optimistic, marked
 * pending) while the note is written, and gives way to the index's value once the index has caught
 * up with the write (or a later change superseded it). A failed write puts the old value back.
 */
import { Notice, TFile, type Vault } from "obsidian";
import { errorMessage } from "../core/errors";
import type { Study } from "../core/study";
import type { PatternToggler } from "./comparison-ports";

interface PendingToggle {
  checked: boolean;
  /** Index revision when the write finished; null while it is in flight. */
  settledAt: number | null;
}

/** What the toggles read and tell. */
export interface PendingTogglesHost {
  /** Writes the pattern into the note; null when the pattern sync is not loaded. */
  toggler: PatternToggler | null;
  vault: Pick<Vault, "getAbstractFileByPath">;
  /** The study index's revision now. */
  revision(): number;
  /** The study at `path` as the index has it now. */
  study(path: string): Study | undefined;
  /** Shows the optimistic values now (the matrix window, drawn again). */
  redraw(): void;
  /** A write finished: draw from the index at the next frame (which drops the settled values). */
  refresh(): void;
}

function pendingKey(path: string, label: string): string {
  return `${path}\u0000${label.toLowerCase()}`;
}

export class PendingToggles {
  private readonly pending = new Map<string, PendingToggle>();

  constructor(private readonly host: PendingTogglesHost) {}

  /** How many values are shown ahead of the index. */
  get size(): number {
    return this.pending.size;
  }

  /** The value shown ahead of the index for this study's pattern, if any. */
  valueOf(path: string, label: string): boolean | undefined {
    return this.pending.get(pendingKey(path, label))?.checked;
  }

  /** Drops optimistic values the index has caught up with (or that a later change superseded). */
  dropSettled(): void {
    const revision = this.host.revision();
    for (const [key, p] of this.pending) {
      if (p.settledAt === null) continue;
      const [path, label] = key.split("\u0000") as [string, string];
      // The index caught up (its change arrived during the write) or moved on since.
      if (revision > p.settledAt || this.indexAgrees(path, label, p.checked)) this.pending.delete(key);
    }
  }

  /**
   * Checks or unchecks `label` in the study's note, flipping what is shown: a pending value, else
   * `indexValue` (the index's). Failures are told in a notice; nothing else changes then.
   */
  async toggle(study: Study, label: string, indexValue: boolean): Promise<void> {
    const toggler = this.host.toggler;
    if (!toggler) {
      new Notice("Pattern editing is not available: the pattern sync is not loaded.");
      return;
    }
    const file = this.host.vault.getAbstractFileByPath(study.path);
    if (!(file instanceof TFile)) {
      new Notice(`"${study.name}" no longer exists.`);
      return;
    }
    const key = pendingKey(study.path, label);
    const shown = this.pending.get(key)?.checked ?? indexValue;
    const checked = !shown;
    const entry: PendingToggle = { checked, settledAt: null };
    this.pending.set(key, entry);
    this.host.redraw();
    try {
      await toggler.setPatternChecked(file, label, checked);
      if (this.pending.get(key) === entry) {
        entry.settledAt = this.host.revision();
        // The user's own change: redraw from the index at the next frame (never held back like
        // live updates), which also drops this optimistic value once the index agrees.
        this.host.refresh();
      }
    } catch (e) {
      if (this.pending.get(key) === entry) this.pending.delete(key);
      this.host.redraw();
      new Notice(`Could not ${checked ? "check" : "uncheck"} "${label}" in "${study.name}": ${errorMessage(e)}`);
    }
  }

  private indexAgrees(path: string, label: string, checked: boolean): boolean {
    const study = this.host.study(path);
    if (!study) return false;
    const has = study.patterns.some((p) => p.toLowerCase() === label.toLowerCase());
    return has === checked;
  }
}
