import {
  LIVE_RENDER_MAX_WAIT_MS, LIVE_RENDER_MIN_WAIT_MS, LIVE_RENDER_SPACING, type PaintClock, PaintScheduler,
} from "../../src/ui/paint-scheduler";

/**
 * The scheduler alone, on a hand-driven clock: animation frames run when the test says, timers
 * when the test's time reaches them, and each drawing costs what the test says it does.
 */
class World {
  now = 0;
  shown = true;
  revision = 0;
  readingBodies = false;
  /** What a data drawing costs, in ms of the clock. */
  drawCost = 10;
  readonly drawn: ("data" | "window")[] = [];
  private frames = new Map<number, FrameRequestCallback>();
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;
  readonly scheduler: PaintScheduler;

  constructor() {
    const clock: PaintClock = {
      requestAnimationFrame: (cb) => { const id = this.nextId++; this.frames.set(id, cb); return id; },
      cancelAnimationFrame: (id) => { this.frames.delete(id); },
      setTimeout: ((run: () => void, wait: number) => { const id = this.nextId++; this.timers.set(id, { at: this.now + wait, run }); return id; }) as PaintClock["setTimeout"],
      clearTimeout: (id) => { if (id !== undefined) this.timers.delete(id); },
    };
    this.scheduler = new PaintScheduler({
      clock: () => clock,
      isShown: () => this.shown,
      revision: () => this.revision,
      isReadingBodies: () => this.readingBodies,
      now: () => this.now,
      paint: () => this.scheduler.run({
        data: () => { this.now += this.drawCost; this.drawn.push("data"); },
        window: () => { this.drawn.push("window"); },
      }),
    });
  }

  get pendingFrames(): number {
    return this.frames.size;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Runs the frames asked for so far (those asked for while running wait for the next call). */
  frame(): void {
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const cb of due) cb(this.now);
  }

  /** Moves the clock on, running the timers it passes. */
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.now) {
        this.timers.delete(id);
        t.run();
      }
    }
  }

  /** Draws what was asked (the first frame of a fresh view draws the data). */
  drain(): ("data" | "window")[] {
    this.frame();
    return this.drawn.splice(0);
  }
}

describe("PaintScheduler: when the comparison view draws, and what", () => {
  it("draws the data once at the first frame, however many changes came before it", () => {
    const w = new World();
    w.scheduler.markDataDirty();
    w.scheduler.markDataDirty();
    w.scheduler.markWindowDirty();
    expect(w.pendingFrames).toBe(1);
    expect(w.drain()).toEqual(["data"]);
    expect(w.scheduler.isStale()).toBe(false);
    // Nothing asked since: a frame draws nothing.
    w.scheduler.request();
    expect(w.drain()).toEqual([]);
  });

  it("draws only the window after a scroll, and nothing when the window was drawn meanwhile", () => {
    const w = new World();
    w.scheduler.markDataDirty();
    w.drain();
    w.scheduler.markWindowDirty();
    expect(w.scheduler.isStale()).toBe(true);
    expect(w.drain()).toEqual(["window"]);
    w.scheduler.markWindowDirty();
    w.scheduler.windowDrawn();
    expect(w.drain()).toEqual([]);
  });

  it("asks for no frame while hidden, stays stale, and draws once asked again when shown", () => {
    const w = new World();
    w.scheduler.markDataDirty();
    w.drain();
    w.shown = false;
    w.revision++;
    w.scheduler.request();
    w.scheduler.markDataDirty();
    expect(w.pendingFrames).toBe(0);
    expect(w.scheduler.isStale()).toBe(true);
    w.shown = true;
    w.scheduler.request();
    expect(w.drain()).toEqual(["data"]);
    expect(w.scheduler.isStale()).toBe(false);
  });

  it("draws an index change at the next frame when the notes' text is not being read", () => {
    const w = new World();
    w.scheduler.markDataDirty();
    w.drain();
    for (let i = 0; i < 3; i++) {
      w.revision++;
      w.scheduler.request();
      expect(w.drain()).toEqual(["data"]);
    }
  });

  it.each([
    // draw cost → wait before the next index-only redraw
    [10, LIVE_RENDER_MIN_WAIT_MS],
    [100, 100 * LIVE_RENDER_SPACING],
    [900, LIVE_RENDER_MAX_WAIT_MS],
  ])("while the notes' text is read, a redraw costing %i ms holds the next index-only one back %i ms", (cost, wait) => {
    const w = new World();
    w.readingBodies = true;
    w.drawCost = cost;
    w.scheduler.markDataDirty();
    expect(w.drain()).toEqual(["data"]);
    // A batch lands at once: not drawn; a timer is set for when it may be.
    w.revision++;
    w.scheduler.request();
    expect(w.drain()).toEqual([]);
    expect(w.scheduler.isStale()).toBe(true);
    expect(w.pendingTimers).toBe(1);
    // More batches do not add timers.
    w.revision++;
    w.scheduler.request();
    expect(w.drain()).toEqual([]);
    expect(w.pendingTimers).toBe(1);
    w.advance(wait - 2);
    expect(w.pendingFrames).toBe(0);
    w.advance(2);
    expect(w.pendingTimers).toBe(0);
    expect(w.drain()).toEqual(["data"]);
    expect(w.scheduler.isStale()).toBe(false);
  });

  it("never holds back the user's own change while the notes' text is read", () => {
    const w = new World();
    w.readingBodies = true;
    w.scheduler.markDataDirty();
    w.drain();
    w.revision++;
    w.scheduler.markDataDirty();
    expect(w.drain()).toEqual(["data"]);
  });

  it("a held-back index change still lets a scroll draw the window", () => {
    const w = new World();
    w.readingBodies = true;
    w.scheduler.markDataDirty();
    w.drain();
    w.revision++;
    w.scheduler.markWindowDirty();
    expect(w.drain()).toEqual(["window"]);
  });

  it("cancels its frame and its timer on close", () => {
    const w = new World();
    w.readingBodies = true;
    w.scheduler.markDataDirty();
    w.drain();
    w.revision++;
    w.scheduler.request();
    w.drain();
    w.scheduler.markWindowDirty();
    expect([w.pendingFrames, w.pendingTimers]).toEqual([1, 1]);
    w.scheduler.cancel();
    expect([w.pendingFrames, w.pendingTimers]).toEqual([0, 0]);
    // Asked again after a cancel: a frame comes.
    w.scheduler.request();
    expect(w.pendingFrames).toBe(1);
  });
});
