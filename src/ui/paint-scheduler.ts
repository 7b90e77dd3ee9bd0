/**
 * When the comparison view redraws, and how much: an index change or an option change only marks
 * the view stale; a paint runs at most once per animation frame and only while the view is shown
 * (as Dataview's refreshable views do). What is stale decides the work: the data (compute the tab
 * and draw it again) or only the matrix window (a scroll, a resize).
 */

/** The frame and timer functions of the window the view lives in. */
export type PaintClock = Pick<Window, "requestAnimationFrame" | "cancelAnimationFrame" | "setTimeout" | "clearTimeout">;

/** What the scheduler reads from its view. */
export interface PaintHost {
  /** The window the view lives in: frames and timers are its own. */
  clock(): PaintClock;
  /** False while the view is hidden: it stays stale until shown again. */
  isShown(): boolean;
  /** The study index's revision now. */
  revision(): number;
  /** True while the index reads the notes' text in bulk (more batches to come). */
  isReadingBodies(): boolean;
  /** Runs in the animation frame; calls `PaintScheduler.run` with its drawing. */
  paint(): void;
  /** Milliseconds on a monotonic clock (performance.now). */
  now(): number;
}

/** The two kinds of work a paint may do. */
export interface PaintWork {
  /** Compute the tab and draw it again. */
  data(): void;
  /** Draw the matrix rows the viewport shows now. */
  window(): void;
}

/**
 * While the index reads the notes' text in bulk (completeness, tech stacks: one change per batch,
 * hundreds of batches in a large vault), each redraw of the whole table is followed by a pause of
 * a few times its cost, so reading thousands of notes never takes the main thread from scrolling
 * and typing. Other changes (an edit, the last batch) and the user's own (filters, sort, tab, a
 * cell) draw at the next frame.
 */
export const LIVE_RENDER_SPACING = 3;
export const LIVE_RENDER_MIN_WAIT_MS = 100;
export const LIVE_RENDER_MAX_WAIT_MS = 1000;

export class PaintScheduler {
  private dataDirty = true;
  private windowDirty = false;
  private renderedRevision = -1;
  /** Earliest time (host.now) for the next redraw caused by the index alone. */
  private nextLiveRender = 0;
  private liveTimer: number | null = null;
  private frame: number | null = null;

  constructor(private readonly host: PaintHost) {}

  /** The data changed (options, a setting, the user's own edit): draw it at the next frame. */
  markDataDirty(): void {
    this.dataDirty = true;
    this.request();
  }

  /** The viewport moved or changed size: draw the matrix window at the next frame. */
  markWindowDirty(): void {
    this.windowDirty = true;
    this.request();
  }

  /** The window was drawn outside a paint (a keyboard move, a toggle): the frame need not. */
  windowDrawn(): void {
    this.windowDirty = false;
  }

  /** True when something is not drawn yet: the data, the window or the index's last change. */
  isStale(): boolean {
    return this.dataDirty || this.windowDirty || this.renderedRevision !== this.host.revision();
  }

  /** Asks for a paint at the next animation frame (once), unless the view is hidden. */
  request(): void {
    if (this.frame !== null || !this.host.isShown()) return;
    this.frame = this.host.clock().requestAnimationFrame(() => {
      this.frame = null;
      this.host.paint();
    });
  }

  /** Cancels the frame and the timer asked for (the view closes). */
  cancel(): void {
    const clock = this.host.clock();
    if (this.liveTimer !== null) {
      clock.clearTimeout(this.liveTimer);
      this.liveTimer = null;
    }
    if (this.frame === null) return;
    clock.cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  /** Does whatever is due: the data when it is dirty or the index moved (spaced, see above), else the window. */
  run(work: PaintWork): void {
    const indexMoved = this.renderedRevision !== this.host.revision();
    if (this.dataDirty || (indexMoved && this.liveRenderDue())) {
      this.dataDirty = false;
      this.windowDirty = false;
      this.renderedRevision = this.host.revision();
      const t0 = this.host.now();
      work.data();
      const cost = this.host.now() - t0;
      this.nextLiveRender = this.host.now() + Math.min(LIVE_RENDER_MAX_WAIT_MS, Math.max(LIVE_RENDER_MIN_WAIT_MS, cost * LIVE_RENDER_SPACING));
    } else if (this.windowDirty) {
      this.windowDirty = false;
      work.window();
    }
  }

  /**
   * True when an index-only redraw may run now; otherwise one is scheduled for when it may. Only
   * while the notes' text is read in bulk (more batches to come) are redraws spaced out.
   */
  private liveRenderDue(): boolean {
    if (!this.host.isReadingBodies()) return true;
    const wait = this.nextLiveRender - this.host.now();
    if (wait <= 0) return true;
    if (this.liveTimer === null) {
      this.liveTimer = this.host.clock().setTimeout(() => {
        this.liveTimer = null;
        this.request();
      }, wait);
    }
    return false;
  }
}
