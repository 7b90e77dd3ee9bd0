/**
 * Keeps the study index in step with the vault, through the plugin's vault index: built once
 * from the cache's frontmatter when the cache is complete, then updated one note at a time.
 * Nothing is built until something (the view, a code block, the warm-up in idle time) subscribes
 * or waits for it: the plugin's startup does not pay for it.
 *
 * Body facts (checklist completeness, tech stack) are not in the cache; they are read lazily,
 * in small batches off the first paint, only once something (the view, a code block) asks.
 */
import { TFile, type App, type Plugin } from "obsidian";
import { readNote } from "../core/reader";
import type { BodyFacts, Study, StudyContext } from "../core/study";
import { bodyFacts } from "../core/study-read";
import { StudyIndex } from "../core/study-index";
import { followVault, VaultIndex, vaultIndexFor } from "./vault-index";

/** Files whose body is read per batch before yielding to the UI. */
const BODY_BATCH = 50;

export interface StudyIndexServiceOptions {
  app: App;
  studyContext: () => StudyContext;
  /** Schedules background work; defaults to a zero-delay timeout (no polling: one call per batch). */
  schedule?: (work: () => void) => void;
  /** The plugin's vault index (without one the service follows the cache itself). */
  vaultIndex?: VaultIndex;
}

export class StudyIndexService {
  readonly index = new StudyIndex();
  private readonly app: App;
  private readonly studyContext: () => StudyContext;
  private readonly schedule: (work: () => void) => void;
  private readonly vaultIndex: VaultIndex | null;
  private unsubscribe: (() => void) | null = null;
  private built = false;
  private started = false;
  private stopped = false;
  private bodiesWanted = false;
  private bodyQueue = new Set<string>();
  private bodyScheduled = false;
  private readyListeners: (() => void)[] = [];

  constructor(options: StudyIndexServiceOptions) {
    this.app = options.app;
    this.studyContext = options.studyContext;
    this.schedule = options.schedule ?? ((work) => { window.setTimeout(work, 0); });
    this.vaultIndex = options.vaultIndex ?? null;
  }

  /**
   * True while notes' text is being read in bulk and more batches are to come (after the first
   * paint, or a rebuild): listeners may hold back redraws until the last batch lands.
   */
  get isReadingBodies(): boolean {
    return this.bodyQueue.size > 0;
  }

  /** True once the first build from the metadata cache is done. */
  get isReady(): boolean {
    return this.built;
  }

  /**
   * Starts listening (through the plugin's vault index, else one of its own). Builds once the
   * cache is complete: at once when it is, else when the vault index says so.
   */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.unsubscribe = followVault(this.app, this.vaultIndex, {
      ready: () => this.build(),
      changed: (file) => this.onChanged(file),
      deleted: (file) => this.onDeleted(file.path),
      renamed: (file, oldPath) => { if (file instanceof TFile) this.onRenamed(file, oldPath); },
    });
  }

  /** Stops listening and drops pending work. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.bodyQueue.clear();
    this.readyListeners = [];
  }

  /** Calls `listener` after every index change (starting the service); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.start();
    return this.index.onChange(listener);
  }

  /** Runs `listener` once the first build is done (at once if it is), starting the service. */
  whenReady(listener: () => void): void {
    this.start();
    if (this.built) listener();
    else this.readyListeners.push(listener);
  }

  /**
   * Asks for body facts: every study's body is read once, in the background, then re-read
   * whenever its note changes. Idempotent.
   */
  wantBodyFacts(): void {
    if (this.bodiesWanted) return;
    this.bodiesWanted = true;
    this.start();
    if (this.built) this.queueBodies(this.index.all().map((s) => s.path));
  }

  /** Rebuilds from scratch: for settings that change how notes are read (pattern groups, taxonomy). */
  rebuild(): void {
    if (!this.started || this.stopped) return;
    this.build();
  }

  private build(): void {
    if (this.stopped) return;
    const ctx = this.studyContext();
    const seen = new Set<string>();
    // One batch: one revision bump and one notification for the whole vault.
    this.index.batch(() => {
      for (const file of this.app.vault.getMarkdownFiles()) {
        const frontmatter = this.app.metadataCache.getFileCache(file)?.frontmatter;
        // Body facts already read stay until the note's next change re-reads them.
        this.index.update(file.path, frontmatter, ctx, this.index.get(file.path)?.body ?? null);
        if (this.index.has(file.path)) seen.add(file.path);
      }
      for (const study of this.index.all()) if (!seen.has(study.path)) this.index.delete(study.path);
    });
    const first = !this.built;
    this.built = true;
    if (this.bodiesWanted) this.queueBodies([...seen]);
    if (first) {
      const listeners = this.readyListeners;
      this.readyListeners = [];
      for (const listener of listeners) listener();
    }
  }

  private onChanged(file: TFile): void {
    if (!this.built || this.stopped || file.extension !== "md") return;
    const frontmatter = this.app.metadataCache.getFileCache(file)?.frontmatter;
    const wasStudy = this.index.has(file.path);
    if (!wasStudy && !frontmatter) return; // Most notes are not studies: no index change, no revision bump.
    // Keep the body facts read last time until the re-read lands: no flicker to "unknown".
    this.index.update(file.path, frontmatter, this.studyContext(), this.index.get(file.path)?.body ?? null);
    if (this.bodiesWanted && this.index.has(file.path)) this.queueBodies([file.path]);
  }

  private onDeleted(path: string): void {
    if (!this.built || this.stopped) return;
    this.bodyQueue.delete(path);
    this.index.delete(path);
  }

  private onRenamed(file: TFile, oldPath: string): void {
    if (!this.built || this.stopped) return;
    if (this.bodyQueue.delete(oldPath)) this.bodyQueue.add(file.path);
    if (this.index.has(oldPath)) {
      this.index.rename(oldPath, file.path);
    } else if (file.extension === "md") {
      // A file renamed to `.md` (or a note moved into view) may be a study now.
      this.onChanged(file);
    }
  }

  private queueBodies(paths: string[]): void {
    for (const path of paths) this.bodyQueue.add(path);
    if (this.bodyScheduled || this.bodyQueue.size === 0) return;
    this.bodyScheduled = true;
    this.schedule(() => { void this.readBodyBatch(); });
  }

  private async readBodyBatch(): Promise<void> {
    this.bodyScheduled = false;
    if (this.stopped) return;
    const batch: string[] = [];
    for (const path of this.bodyQueue) {
      batch.push(path);
      if (batch.length >= BODY_BATCH) break;
    }
    for (const path of batch) this.bodyQueue.delete(path);
    const ctx = this.studyContext();
    const read = await Promise.all(batch.map((path) => this.readBody(path, ctx)));
    if (this.stopped) return;
    // One index change per batch, not one per note: a listener (the open view) redraws once.
    this.index.batch(() => {
      for (const facts of read) {
        // The note may have been renamed or stopped being a study while we read.
        const current = facts && this.index.get(facts.path);
        if (facts && current && !sameBody(current.body, facts.body)) this.index.setBody(facts.path, facts.body);
      }
    });
    if (this.bodyQueue.size > 0 && !this.bodyScheduled && !this.stopped) {
      this.bodyScheduled = true;
      this.schedule(() => { void this.readBodyBatch(); });
    }
  }

  private async readBody(path: string, ctx: StudyContext): Promise<{ path: string; body: BodyFacts } | null> {
    const file = this.app.vault.getAbstractFileByPath(path);
    if (!(file instanceof TFile)) return null;
    let text: string;
    try {
      text = await this.app.vault.cachedRead(file);
    } catch {
      return null; // Deleted or unreadable meanwhile; a later event brings it back if it returns.
    }
    if (this.stopped || !this.index.has(file.path)) return null;
    return { path: file.path, body: bodyFacts(readNote(text), ctx) };
  }
}

function sameBody(a: Study["body"], b: NonNullable<Study["body"]>): boolean {
  if (!a) return false;
  if (a.checklist.done !== b.checklist.done || a.checklist.total !== b.checklist.total) return false;
  if (a.stack.length !== b.stack.length) return false;
  return a.stack.every((e, i) => e.component === b.stack[i]?.component && e.technology === b.stack[i]?.technology);
}

/** Creates the service (started by its first subscriber) and stops it when the plugin unloads. */
export function registerStudyIndex(plugin: Plugin, studyContext: () => StudyContext): StudyIndexService {
  const service = new StudyIndexService({ app: plugin.app, studyContext, vaultIndex: vaultIndexFor(plugin) });
  plugin.register(() => service.stop());
  return service;
}
