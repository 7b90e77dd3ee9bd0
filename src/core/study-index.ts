/**
 * The live set of studies, keyed by path. Built once (from the metadata cache or from files),
 * then changed one note at a time: every change is O(1) and bumps `revision` (Dataview's
 * `touch()`), so a view can tell "stale" with one number compare and re-render lazily.
 * `all()` is a cached array, rebuilt at most once per revision and only when someone asks.
 */
import type { Frontmatter } from "./frontmatter";
import type { BodyFacts, Study, StudyContext } from "./study";
import { baseName } from "./links";
import { studyFromFrontmatter } from "./study-read";

export type StudyIndexListener = (revision: number) => void;

export class StudyIndex {
  private readonly byPath = new Map<string, Study>();
  private cached: readonly Study[] | null = null;
  private listeners: StudyIndexListener[] = [];
  private rev = 0;
  /** >0 while inside `batch()`: changes bump once and notify once at the end. */
  private batchDepth = 0;
  private batchDirty = false;

  /** Bumped on every change; equal revisions mean equal contents. */
  get revision(): number {
    return this.rev;
  }

  get size(): number {
    return this.byPath.size;
  }

  /** Adds or replaces the study at `study.path`. */
  set(study: Study): void {
    this.byPath.set(study.path, study);
    this.touch();
  }

  /** Removes a study; false (and no revision bump) when the path held none. */
  delete(path: string): boolean {
    if (!this.byPath.delete(path)) return false;
    this.touch();
    return true;
  }

  /**
   * Sets or deletes the study of a note from its frontmatter: what the metadata cache's
   * `changed` event needs. A note that stops being a study leaves the index.
   * Body facts already known for the path are dropped (the text changed), unless `body` is given.
   */
  update(path: string, frontmatter: Frontmatter | null | undefined, ctx: StudyContext, body: BodyFacts | null = null): void {
    const study = studyFromFrontmatter(path, frontmatter, ctx);
    if (study) { study.body = body; this.set(study); } else this.delete(path);
  }

  /** Attaches body facts to an indexed study (read later than its frontmatter); false when not indexed. */
  setBody(path: string, body: BodyFacts | null): boolean {
    const s = this.byPath.get(path);
    if (!s) return false;
    this.byPath.set(path, { ...s, body });
    this.touch();
    return true;
  }

  /** Moves a study to a new path (its name follows the file name); nothing when `oldPath` held none. */
  rename(oldPath: string, newPath: string): void {
    const s = this.byPath.get(oldPath);
    if (!s) return;
    this.byPath.delete(oldPath);
    this.byPath.set(newPath, { ...s, path: newPath, name: baseName(newPath) });
    this.touch();
  }

  get(path: string): Study | undefined {
    return this.byPath.get(path);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Every study, in insertion order. The same array until the next change: do not mutate it. */
  all(): readonly Study[] {
    if (this.cached === null) this.cached = Object.freeze([...this.byPath.values()]);
    return this.cached;
  }

  /** Empties the index (e.g. when the taxonomy changes and every study must be read again). */
  clear(): void {
    if (this.byPath.size === 0) return;
    this.byPath.clear();
    this.touch();
  }

  /**
   * Runs `changes` as one change: one revision bump and one notification at the end, however
   * many studies it sets or deletes (the initial build, a settings change).
   */
  batch(changes: () => void): void {
    this.batchDepth++;
    try {
      changes();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.batchDirty) {
        this.batchDirty = false;
        this.touch();
      }
    }
  }

  /** Builds from (path, frontmatter) pairs in one batch; notes that are not studies are skipped. */
  addAll(entries: Iterable<{ path: string; frontmatter: Frontmatter | null | undefined }>, ctx: StudyContext): void {
    this.batch(() => {
      for (const e of entries) {
        const s = studyFromFrontmatter(e.path, e.frontmatter, ctx);
        if (s) this.byPath.set(s.path, s);
        else this.byPath.delete(e.path);
      }
      this.batchDirty = true;
    });
  }

  /** Calls `listener(revision)` after every change (once per batch); returns the unsubscribe function. */
  onChange(listener: StudyIndexListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private touch(): void {
    this.cached = null;
    if (this.batchDepth > 0) { this.batchDirty = true; return; }
    this.rev++;
    // `listeners` is replaced, never mutated, on (un)subscribe: a listener that unsubscribes
    // while being called does not make the loop skip the next one.
    for (const l of this.listeners) l(this.rev);
  }
}
