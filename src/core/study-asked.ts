/**
 * "Not asked" against "not seen" (issue 16): a study whose body has pattern groups but no box for
 * a pattern was written from a template that did not ask about it, which is not the same as a
 * box left unticked. The comparison shows such a cell apart, and leaves the study out of that
 * pattern's share: the share is of the studies that were asked.
 */
import type { Study } from "./study";

export type PatternCell = "seen" | "not seen" | "not asked";

const lc = (s: string): string => s.trim().toLowerCase();

/** What a study says about a pattern: ticked, asked but not ticked, or not asked at all. */
export function patternCell(study: Study, label: string): PatternCell {
  const key = lc(label);
  if (study.patterns.some((p) => lc(p) === key)) return "seen";
  // A body not read yet, or one with every box: asked.
  const notAsked = study.body?.notAsked;
  if (notAsked && notAsked.some((p) => lc(p) === key)) return "not asked";
  return "not seen";
}

export interface PatternTally {
  seen: number;
  notSeen: number;
  notAsked: number;
  /** Studies that were asked (seen + not seen): the share's denominator. */
  asked: number;
  /** seen / asked; null when no study was asked (an empty cell, not 0). */
  share: number | null;
}

/** The pattern's counts over the studies, "not asked" left out of the denominator. */
export function tallyPattern(studies: readonly Study[], label: string): PatternTally {
  const t = { seen: 0, notSeen: 0, notAsked: 0 };
  for (const s of studies) {
    const cell = patternCell(s, label);
    if (cell === "seen") t.seen++;
    else if (cell === "not seen") t.notSeen++;
    else t.notAsked++;
  }
  const asked = t.seen + t.notSeen;
  return { ...t, asked, share: asked === 0 ? null : t.seen / asked };
}
