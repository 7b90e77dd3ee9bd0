/**
 * Keeps every study note's pattern checkboxes and its `patterns` / tag properties in step while
 * the user works (PRODUCT.md, "Sync rules" and "How notes are written").
 *
 * The decisions are the core's (`syncNote`); this file only says when to make them and how to
 * write: a `changed` event from the metadata cache (editing mode, reading-mode checkbox clicks,
 * the Properties panel, other plugins) is debounced per note, then the note is read, and only if
 * the core says something must change is it written, with one `writeNote` (the open editor's
 * transaction, else one `Vault.process`) whose function runs the core again on the current text.
 * A note open in an editor is read from the editor: the file lags until Obsidian saves it. A note in step is never written, so our own write's
 * echo ends there. The record of each note's last synced state (which side the user changed)
 * is kept across restarts in the plugin's state.
 */
import { type App, type CachedMetadata, type FrontMatterCache, Notice, type Plugin, type TAbstractFile, TFile } from "obsidian";
import { isStudyType } from "../core/study";
import {
  decideSync, recordFromProperties, syncNote,
  type SyncOptions, type SyncRecord, type SyncReport,
} from "../core/sync";
import { mayBeStudyText, type RenameKind, togglePattern } from "../core/sync-actions";
import type { AtlasContext } from "./context";
import { fileAt } from "./vault-files";
import { vaultIndexFor } from "./vault-index";
import { previewRename, type RenameHost, type RenameReport, renameAcrossVault as renameInVault } from "./vault-rename";
import { currentText, NOT_UTF8, openEditorOf, writeNote } from "./write-note";

/** A note the sync could not handle; the user has to fix it. */
export interface NeedsAttention {
  path: string;
  /** What is wrong, as the user should read it. */
  problem: string;
}

export type SyncOutcome =
  | { kind: "written"; report: SyncReport }
  | { kind: "unchanged" }
  /** Not a study note (or no longer there): nothing to do. */
  | { kind: "skipped" }
  | { kind: "broken"; problem: string };

export interface SyncAllProgress {
  done: number;
  total: number;
}

export interface SyncAllReport {
  /** Study notes looked at. */
  synced: number;
  /** Of those, notes written. */
  changed: number;
  /** Notes that need attention (broken frontmatter). */
  needsAttention: number;
  /** Notes where both sides had changed and the union was kept. */
  conflicts: number;
  /** Study notes found in the vault; more than `synced` when cancelled. */
  total: number;
  cancelled: boolean;
}

export interface SyncServiceOptions {
  /** Quiet time after a note's last change before it is synced. */
  debounceMs?: number;
  /** Longest a note waits while changes keep coming (the promise: in step within 500 ms). */
  maxWaitMs?: number;
  /** Quiet time before the records are saved to the plugin's data. */
  saveDelayMs?: number;
  /** Save the records (false: a service borrowed for one job while none is running). */
  persist?: boolean;
}

const STATE_KEY = "syncRecords";
const PREFIX = "Use Case Atlas: ";

/** The sync's options for the current settings and template. */
export function syncOptionsOf(ctx: AtlasContext): SyncOptions {
  const settings = ctx.settings();
  return { prefix: settings.tagPrefix, formerPrefixes: settings.formerTagPrefixes, patternGroups: settings.patternGroups, knownPatterns: ctx.taxonomy().patterns };
}

/**
 * Whether a note the cache found no frontmatter in may still start with a frontmatter block:
 * one the YAML parser gave up on (Obsidian still marks the block as a `yaml` section, as it does
 * for an empty block), or a note not indexed yet.
 */
export function mayHoldFrontmatter(cache: CachedMetadata | null): boolean {
  return cache === null || cache.frontmatterPosition !== undefined || cache.sections?.[0]?.type === "yaml";
}

function isRecord(v: unknown): v is SyncRecord {
  const r = v as Partial<SyncRecord> | null;
  const strings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === "string");
  return typeof r === "object" && r !== null && strings(r.patterns) && strings(r.tags);
}

const services = new WeakMap<App, SyncService>();

/** The running sync of this app, if the plugin has started one. */
export function syncServiceFor(app: App): SyncService | null {
  return services.get(app) ?? null;
}

interface Pending {
  /** When the first change of this burst arrived (Date.now()). */
  since: number;
  timer: number;
}

export class SyncService {
  /** Read from the device's storage when first needed, not while the plugin loads (a large vault's records take a while to parse). */
  private loadedRecords: Map<string, SyncRecord> | null = null;
  /**
   * A note that has no record yet gets one made from its properties as they were when the cache
   * became complete (see `startupProperties`), when it is first looked at: nothing is done per
   * note at startup. Until a note is first written its cache entry is still that one; when it is
   * written, the frontmatter the cache still holds is kept here (null: not a study then), before
   * the cache reads the note again (the cache makes a new object, so the one kept stays as it was).
   */
  private readonly startup = new Map<string, FrontMatterCache | null>();
  /** Notes created since the cache became complete: they had no properties at startup. */
  private readonly arrived = new WeakSet<TFile>();
  /** The tag prefixes at startup, which records made from startup properties are read with; null until the cache is complete. */
  private startupPrefixes: { prefix: string; former: readonly string[] } | null = null;
  /** Every study's startup record has been made (the first save makes them all), so none is made any more. */
  private allSeeded = false;
  private readonly pending = new Map<string, Pending>();
  private readonly attention = new Map<string, string>();
  /** Last broken-frontmatter problem the user was told about, per note (one notice per problem). */
  private readonly notified = new Map<string, string>();
  private readonly attentionListeners = new Set<() => void>();
  /** Per note, the tail of its queue of syncs: one at a time per note. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private saveTimer: number | null = null;
  private dirty = false;
  private stopped = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly saveDelayMs: number;
  private readonly persist: boolean;

  constructor(private readonly ctx: AtlasContext, options: SyncServiceOptions = {}) {
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 500;
    this.saveDelayMs = options.saveDelayMs ?? 2000;
    this.persist = options.persist ?? true;
  }

  private get records(): Map<string, SyncRecord> {
    if (this.loadedRecords === null) {
      this.loadedRecords = new Map();
      const saved = this.ctx.loadState<Record<string, unknown>>(STATE_KEY);
      if (saved && typeof saved === "object") {
        for (const [path, record] of Object.entries(saved)) if (isRecord(record)) this.loadedRecords.set(path, record);
      }
      if (this.startupPrefixes !== null) this.dropStaleRecords();
    }
    return this.loadedRecords;
  }

  /** The note's record: the saved or last synced one, else one made from its properties at startup. */
  private recordAt(path: string): SyncRecord | undefined {
    const known = this.records.get(path);
    if (known) return known;
    const made = this.startupRecord(path);
    if (!made) return undefined;
    this.startup.delete(path);
    this.records.set(path, made);
    return made;
  }

  /**
   * A study's frontmatter as the cache held it when it became complete: the one kept when the
   * note was first written since, else the cache's entry now (the same one). Null for a note that
   * was no study then, was created since, or before the cache is complete.
   */
  private startupProperties(path: string): FrontMatterCache | null {
    if (this.startupPrefixes === null || this.allSeeded) return null;
    const kept = this.startup.get(path);
    if (kept !== undefined) return kept;
    const file = fileAt(this.app, path);
    if (!file || this.arrived.has(file)) return null;
    const fm = this.app.metadataCache.getFileCache(file)?.frontmatter;
    return fm && isStudyType(fm.type) ? fm : null;
  }

  /** The record made from the note's startup properties, if it was a study then. */
  private startupRecord(path: string): SyncRecord | null {
    const prefixes = this.startupPrefixes;
    const fm = this.startupProperties(path);
    return prefixes && fm ? recordFromProperties(fm, prefixes.prefix, prefixes.former) : null;
  }

  /** Paths that have a record, saved or synced, or startup properties kept. */
  private recordPaths(): string[] {
    return [...this.records.keys(), ...this.startup.keys()];
  }

  private get app(): App {
    return this.ctx.app;
  }

  /** Starts listening; everything registered is undone when the plugin unloads. */
  register(plugin: Plugin): void {
    services.set(this.app, this);
    // Through the plugin's vault index: changes are heard, and records seeded, only once the
    // cache is complete (a note the cache has not read yet is not a note without frontmatter).
    plugin.register(vaultIndexFor(plugin).subscribe({
      ready: () => this.onReady(),
      modified: (file) => this.onModified(file),
      created: (file) => this.onCreated(file),
      changed: (file, data, cache) => this.onChanged(file, data, cache),
      renamed: (file, oldPath) => this.onRename(file, oldPath),
      deleted: (file) => this.onDelete(file),
    }));
    plugin.register(() => this.stop());
  }

  // -------------------------------------------------------------------------------------------
  // Events

  private onChanged(file: TFile, data: string, cache: CachedMetadata): void {
    if (this.stopped || !(file instanceof TFile) || file.extension !== "md") return;
    const path = file.path;
    const fm = cache.frontmatter;
    if (!isStudyType(fm?.type)) {
      // No frontmatter the cache could read may mean broken YAML in a note of ours.
      if (fm === undefined && (mayBeStudyText(data) || this.attention.has(path))) this.schedule(path);
      else this.forget(path);
      return;
    }
    // A note open in an editor whose text is not what the cache read (typed on since the save,
    // or changed by our own edit not saved yet): the full sync decides on the editor's text.
    const editor = openEditorOf(this.app, file);
    if (editor && editor.getValue() !== data) { this.schedule(path); return; }
    // Decide on the text the cache has just read, with its frontmatter (no YAML parse): most
    // changes (typing, our own write's echo) need no write and end here, without a timer.
    const quick = decideSync(data, this.syncOptions(), this.recordAt(path) ?? null, { frontmatter: fm });
    if (quick.ok && !quick.skipped && !quick.changed) {
      this.cancel(path);
      this.remember(path, quick.record);
      this.clearAttention(path);
      return;
    }
    this.schedule(path);
  }

  private onRename(file: TAbstractFile, oldPath: string): void {
    const moves: [string, string][] = [];
    let attentionMoved = false;
    if (file instanceof TFile) moves.push([oldPath, file.path]);
    else {
      // A folder: everything under it moved.
      const from = `${oldPath}/`;
      const to = `${file.path}/`;
      for (const path of new Set([...this.recordPaths(), ...this.pending.keys(), ...this.attention.keys()])) {
        if (path.startsWith(from)) moves.push([path, to + path.slice(from.length)]);
      }
    }
    for (const [from, to] of moves) {
      // A record at the new path is one of a note gone (nothing was there before the rename).
      if (this.records.delete(to)) this.markDirty();
      const record = this.records.get(from);
      if (record) { this.records.delete(from); this.records.set(to, record); this.markDirty(); }
      // Startup properties kept go along; the cache's entry (not kept yet) moves with the note.
      const kept = this.startup.get(from);
      this.startup.delete(to);
      if (kept !== undefined) { this.startup.delete(from); this.startup.set(to, kept); }
      const problem = this.attention.get(from);
      if (problem !== undefined) { this.attention.delete(from); this.attention.set(to, problem); attentionMoved = true; }
      const told = this.notified.get(from);
      if (told !== undefined) { this.notified.delete(from); this.notified.set(to, told); }
      const pending = this.pending.get(from);
      if (pending) {
        // The burst goes on under the new name (the TFile is looked up again when it fires).
        window.clearTimeout(pending.timer);
        this.pending.delete(from);
        this.pending.set(to, { since: pending.since, timer: window.setTimeout(() => this.fire(to), this.delayFor(pending.since)) });
      }
    }
    if (attentionMoved) this.emitAttention();
  }

  private onDelete(file: TAbstractFile): void {
    const paths = file instanceof TFile ? [file.path]
      : [...new Set([...this.recordPaths(), ...this.pending.keys(), ...this.attention.keys()])].filter((p) => p.startsWith(`${file.path}/`));
    for (const path of paths) this.forget(path);
  }

  /**
   * The cache is complete. A note first seen has no record, and with no record the body wins
   * (PRODUCT.md). Taking its properties as they stand at startup as the last synced state keeps
   * that rule for checkbox edits, and also lets a first edit in the Properties panel win instead
   * of being undone by the body. Nothing is read per note here: `recordAt` makes a note's record
   * from them when the note is first looked at, `onModified` keeps them before the cache changes.
   * (A note with a saved record keeps it.)
   */
  private onReady(): void {
    if (this.stopped) return;
    const { tagPrefix: prefix, formerTagPrefixes: former } = this.ctx.settings();
    this.startupPrefixes = { prefix, former: [...former] };
    // The saved records are read when first needed; the stale ones are dropped then.
    if (this.loadedRecords !== null) this.dropStaleRecords();
  }

  /** A note is written: the cache still holds its startup frontmatter, unless kept already or the note has a record. */
  private onModified(file: TAbstractFile): void {
    if (this.stopped || this.allSeeded || !(file instanceof TFile) || file.extension !== "md") return;
    if (this.startup.has(file.path) || this.loadedRecords?.has(file.path)) return;
    this.startup.set(file.path, this.startupProperties(file.path));
  }

  /** A note created since startup had no properties then; a record left at its path is one of a note gone. */
  private onCreated(file: TAbstractFile): void {
    if (this.stopped || !(file instanceof TFile) || file.extension !== "md") return;
    this.arrived.add(file);
    this.startup.delete(file.path);
    if (this.records.delete(file.path)) this.markDirty();
  }

  /** Drops the records of notes not in the vault when the cache became complete (deleted while the plugin was off). */
  private dropStaleRecords(): void {
    const records = this.loadedRecords;
    if (records === null) return;
    // Called once the cache is complete: a note gone since then was forgotten as it went (`onDelete`).
    for (const path of [...records.keys()]) {
      if (!fileAt(this.app, path)) { records.delete(path); this.markDirty(); }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Scheduling

  private delayFor(since: number): number {
    return Math.max(0, Math.min(this.debounceMs, since + this.maxWaitMs - Date.now()));
  }

  private schedule(path: string): void {
    if (this.stopped) return;
    const existing = this.pending.get(path);
    if (existing) window.clearTimeout(existing.timer);
    const since = existing?.since ?? Date.now();
    this.pending.set(path, { since, timer: window.setTimeout(() => this.fire(path), this.delayFor(since)) });
  }

  private cancel(path: string): void {
    const p = this.pending.get(path);
    if (!p) return;
    window.clearTimeout(p.timer);
    this.pending.delete(path);
    this.checkIdle();
  }

  private fire(path: string): void {
    this.pending.delete(path);
    if (this.stopped) { this.checkIdle(); return; }
    this.enqueue(path, () => this.syncPath(path, true)).catch((error: unknown) => {
      // A note deleted or locked between the read and the write: nothing was written; the next change retries.
      console.error(`Use Case Atlas: could not sync ${path}`, error);
    });
  }

  /** Runs `job` after whatever is already queued for this note. */
  private enqueue<T>(path: string, job: () => Promise<T>): Promise<T> {
    this.active++;
    const previous = this.queues.get(path) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.catch(() => undefined).finally(() => {
      this.active--;
      if (this.queues.get(path) === tail) this.queues.delete(path);
      this.checkIdle();
    });
    this.queues.set(path, tail);
    return run;
  }

  private checkIdle(): void {
    if (this.pending.size > 0 || this.active > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** True when no note is waiting for or going through a sync. */
  isIdle(): boolean {
    return this.pending.size === 0 && this.active === 0;
  }

  /** Resolves when no note is waiting for or going through a sync. */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Syncs the notes waiting for their debounce now, and resolves when all are done. */
  async flushPending(): Promise<void> {
    for (const [path, p] of [...this.pending]) {
      window.clearTimeout(p.timer);
      this.fire(path);
    }
    await this.whenIdle();
  }

  private stop(): void {
    this.stopped = true;
    for (const p of this.pending.values()) window.clearTimeout(p.timer);
    this.pending.clear();
    if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.dirty) void this.saveRecords();
    this.attentionListeners.clear();
    if (services.get(this.app) === this) services.delete(this.app);
    this.checkIdle();
  }

  // -------------------------------------------------------------------------------------------
  // Syncing one note

  private syncOptions(): SyncOptions {
    return syncOptionsOf(this.ctx);
  }

  /** Syncs one note now (after any sync of it already under way). */
  syncFile(file: TFile): Promise<SyncOutcome> {
    return this.enqueue(file.path, () => this.syncPath(file.path, true));
  }

  /**
   * Reads the note, and writes it only if the core says something must change: one
   * `Vault.process` whose function decides again on the text as it is at that moment (unless it
   * is still the text read).
   */
  private async syncPath(path: string, tell: boolean): Promise<SyncOutcome> {
    // Looked up by path when the sync runs: a note renamed or deleted meanwhile is not written
    // under its old name.
    const file = fileAt(this.app, path);
    if (!file || this.stopped) return { kind: "skipped" };
    const options = this.syncOptions();
    const record = this.recordAt(path) ?? null;
    // Decided on the text as read, the new text made at once: the write below reuses it when the
    // note is still that text (Sync all over notes out of step decides once per note, not twice).
    const read = await currentText(this.app, file);
    const pre = syncNote(read, options, record);
    if (!pre.ok) return this.broken(path, pre.message, tell);
    if (pre.skipped) { this.forget(path); return { kind: "skipped" }; }
    if (!pre.changed) {
      this.remember(path, pre.record);
      this.clearAttention(path);
      return { kind: "unchanged" };
    }
    if (fileAt(this.app, file.path) !== file) return { kind: "skipped" };
    let result: ReturnType<typeof syncNote> | null = null;
    const written = await writeNote(this.app, file, (current) => {
      result = current === read ? pre : syncNote(current, options, record);
      return result.ok && !result.skipped && result.changed ? result.text : null;
    });
    const r = result as ReturnType<typeof syncNote> | null;
    const now = file.path;
    if (written.notUtf8) return this.needsAttention(now, NOT_UTF8, `${PREFIX}${now} is ${NOT_UTF8}: its bytes are kept as they are. Save it as UTF-8 and it will sync again.`, tell);
    if (!r) return { kind: "skipped" };
    if (!r.ok) return this.broken(now, r.message, tell);
    if (r.skipped) { this.forget(now); return { kind: "skipped" }; }
    this.remember(now, r.record);
    this.clearAttention(now);
    if (tell) this.tell(now, r.report);
    return r.changed ? { kind: "written", report: r.report } : { kind: "unchanged" };
  }

  private tell(path: string, report: SyncReport): void {
    if (report.conflict) {
      new Notice(`${PREFIX}${path}: both the checkboxes and the patterns property changed since the last sync; kept both (union).`);
    }
    if (report.placedUnderFirstGroup.length > 0) {
      const labels = report.placedUnderFirstGroup.map((l) => `"${l}"`).join(", ");
      new Notice(`${PREFIX}${path}: added a checkbox for ${labels} under the first pattern group, as the template does not say where it belongs.`);
    }
  }

  private broken(path: string, message: string, tell: boolean): SyncOutcome {
    const problem = message.replace(/^broken frontmatter: /, "");
    return this.needsAttention(path, problem, `${PREFIX}${path} has broken frontmatter (${problem}) — fix it and the note will sync again.`, tell);
  }

  /** Lists the note as needing attention for `problem`; `notice` is shown once per problem. */
  private needsAttention(path: string, problem: string, notice: string, tell: boolean): SyncOutcome {
    const was = this.attention.get(path);
    this.attention.set(path, problem);
    if (was !== problem) this.emitAttention();
    if (this.notified.get(path) !== problem) {
      this.notified.set(path, problem);
      if (tell) new Notice(notice);
    }
    return { kind: "broken", problem };
  }

  // -------------------------------------------------------------------------------------------
  // Records and the needs-attention list

  /** The note's last synced state, if known. */
  recordOf(path: string): SyncRecord | null {
    return this.recordAt(path) ?? null;
  }

  /** Sets a note's last synced state (after a write made elsewhere, say). */
  remember(path: string, record: SyncRecord): void {
    const old = this.recordAt(path);
    if (old && sameList(old.patterns, record.patterns) && sameList(old.tags, record.tags)) return;
    this.records.set(path, record);
    this.markDirty();
  }

  private forget(path: string): void {
    this.cancel(path);
    // No record is made from its startup properties any more (it stopped being a study, or went).
    if (this.startupPrefixes !== null && !this.allSeeded) this.startup.set(path, null);
    if (this.records.delete(path)) this.markDirty();
    this.notified.delete(path);
    this.clearAttention(path);
  }

  private clearAttention(path: string): void {
    this.notified.delete(path);
    if (this.attention.delete(path)) this.emitAttention();
  }

  /** Notes the sync could not handle, by path. */
  getNeedsAttention(): NeedsAttention[] {
    return [...this.attention].map(([path, problem]) => ({ path, problem })).sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Calls `listener` whenever the needs-attention list changes; returns the unsubscribe. */
  onNeedsAttentionChange(listener: () => void): () => void {
    this.attentionListeners.add(listener);
    return () => { this.attentionListeners.delete(listener); };
  }

  private emitAttention(): void {
    for (const listener of [...this.attentionListeners]) {
      try { listener(); } catch (error) { console.error("Use Case Atlas: a needs-attention listener failed", error); }
    }
  }

  private markDirty(): void {
    if (!this.persist) return;
    this.dirty = true;
    if (this.stopped || this.saveTimer !== null) return;
    this.saveTimer = window.setTimeout(() => { this.saveTimer = null; void this.saveRecords(); }, this.saveDelayMs);
  }

  private async saveRecords(): Promise<void> {
    this.dirty = false;
    this.seedAll();
    await this.ctx.saveState(STATE_KEY, Object.fromEntries(this.records));
  }

  /**
   * Makes the record of every study that has none from its startup properties, so that they are
   * saved: on the next start, a change made meanwhile on another device is judged against them.
   */
  private seedAll(): void {
    if (this.startupPrefixes === null || this.allSeeded) return;
    const records = this.records;
    for (const file of this.app.vault.getMarkdownFiles()) {
      if (records.has(file.path)) continue;
      const made = this.startupRecord(file.path);
      if (made) records.set(file.path, made);
    }
    this.allSeeded = true;
    this.startup.clear();
  }

  // -------------------------------------------------------------------------------------------
  // The whole vault

  /**
   * Markdown files that are, or may be (broken YAML), study notes. Told from the metadata cache:
   * only a note whose cache shows a frontmatter block it could not read (or that is not indexed
   * yet) is read, to look for a `type:` line of ours.
   */
  private async studyFiles(): Promise<TFile[]> {
    const files: TFile[] = [];
    for (const file of this.app.vault.getMarkdownFiles()) {
      const cache = this.app.metadataCache.getFileCache(file);
      const fm = cache?.frontmatter;
      if (isStudyType(fm?.type)) files.push(file);
      else if (fm === undefined && (this.attention.has(file.path) || (mayHoldFrontmatter(cache) && mayBeStudyText(await this.app.vault.cachedRead(file))))) files.push(file);
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }

  /**
   * Syncs every study note, one at a time (each write is one atomic `Vault.process`, so a
   * cancel between notes leaves no note half done). Per-note notices are left out; the caller
   * reports the totals.
   */
  async syncAll(progress?: (p: SyncAllProgress) => void, shouldCancel?: () => boolean, every = 25): Promise<SyncAllReport> {
    const files = await this.studyFiles();
    const report: SyncAllReport = { synced: 0, changed: 0, needsAttention: 0, conflicts: 0, total: files.length, cancelled: false };
    for (const file of files) {
      if (shouldCancel?.() || this.stopped) { report.cancelled = true; break; }
      const outcome = await this.enqueue(file.path, () => this.syncPath(file.path, false));
      if (outcome.kind === "skipped") continue;
      report.synced++;
      if (outcome.kind === "written") { report.changed++; if (outcome.report.conflict) report.conflicts++; }
      if (outcome.kind === "broken") report.needsAttention++;
      if (report.synced % every === 0) {
        progress?.({ done: report.synced, total: files.length });
        // Let the app breathe (and a Cancel click land) between batches.
        await new Promise((resolve) => window.setTimeout(resolve, 0));
      }
    }
    progress?.({ done: report.synced, total: files.length });
    return report;
  }

  // -------------------------------------------------------------------------------------------
  // Edits made for the user

  /**
   * Checks or unchecks one pattern in one note, with one write (`writeNote`: the open editor's
   * transaction, else one `Vault.process`) that edits both the checkbox (added under its group
   * when the note has none) and the properties, and records the result so the next sync does
   * not see a conflict. In an open editor one undo takes back both. Rejects with a readable
   * Error when the note's frontmatter is broken or the note is not a study.
   *
   * Written through the editor, the file stays as it was until Obsidian saves; a `changed` for
   * that older text is not taken for the user's edit (`onChanged` decides on the editor's text).
   */
  async setPatternChecked(file: TFile, label: string, checked: boolean): Promise<void> {
    await this.enqueue(file.path, async () => {
      const path = file.path;
      const options = this.syncOptions();
      let outcome: ReturnType<typeof togglePattern> | null = null;
      const written = await writeNote(this.app, file, (current) => {
        outcome = togglePattern(current, options, this.recordAt(path) ?? null, label, checked);
        return outcome.ok ? outcome.text : null;
      });
      if (written.notUtf8) {
        this.needsAttention(path, NOT_UTF8, `${PREFIX}${path} is ${NOT_UTF8}.`, false);
        throw new Error(`${path}: ${NOT_UTF8}`);
      }
      const r = outcome as ReturnType<typeof togglePattern> | null;
      if (!r) return;
      if (!r.ok) {
        if (r.broken) this.broken(file.path, r.message, true);
        throw new Error(`${file.path}: ${r.message}`);
      }
      this.remember(file.path, r.record);
      this.clearAttention(file.path);
      this.tell(file.path, r.report);
    });
  }

  /** Notes (and the deep-dive template note) a rename of `from` would change: see `vault-rename.ts`. */
  previewRename(kind: RenameKind, from: string, to?: string): Promise<string[]> {
    return previewRename(this.renameHost(), kind, from, to);
  }

  /** Renames a pattern, category, industry or the tag prefix across the vault: see `vault-rename.ts`. */
  renameAcrossVault(kind: RenameKind, from: string, to: string, progress?: (p: SyncAllProgress) => void, shouldCancel?: () => boolean): Promise<RenameReport> {
    return renameInVault(this.renameHost(), kind, from, to, progress, shouldCancel);
  }

  /** What the vault-wide rename borrows from the running sync: its queue per note, its records, its list of study notes. */
  private renameHost(): RenameHost {
    return {
      ctx: this.ctx,
      stopped: () => this.stopped,
      studyFiles: () => this.studyFiles(),
      syncOptions: () => this.syncOptions(),
      enqueue: (path, job) => this.enqueue(path, job),
      recordOf: (path) => this.recordOf(path),
      remember: (path, record) => this.remember(path, record),
    };
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Starts the sync service for the plugin (listening, records, needs-attention list). */
export function startSyncService(plugin: Plugin, ctx: AtlasContext, options: SyncServiceOptions = {}): SyncService {
  const service = new SyncService(ctx, options);
  service.register(plugin);
  return service;
}

/** For the comparison view: see `SyncService.setPatternChecked`. Works without a running service too. */
export async function setPatternChecked(ctx: AtlasContext, file: TFile, label: string, checked: boolean): Promise<void> {
  const service = syncServiceFor(ctx.app);
  if (service) return service.setPatternChecked(file, label, checked);
  let failure: string | null = null;
  const written = await writeNote(ctx.app, file, (current) => {
    const r = togglePattern(current, syncOptionsOf(ctx), null, label, checked);
    if (!r.ok) { failure = r.message; return null; }
    return r.text;
  });
  if (written.notUtf8) failure = NOT_UTF8;
  if (failure !== null) throw new Error(`${file.path}: ${String(failure)}`);
}

/** For the settings tab: `renameAcrossVault` of `vault-rename.ts` over the running sync (or one borrowed for this job). */
export async function renameAcrossVault(ctx: AtlasContext, kind: RenameKind, from: string, to: string): Promise<RenameReport> {
  const service = syncServiceFor(ctx.app) ?? new SyncService(ctx, { persist: false });
  return service.renameAcrossVault(kind, from, to);
}
