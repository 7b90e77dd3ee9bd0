import fc from "fast-check";
import { FALLBACK_VIEWPORT_ROWS, maxWindowRows, rowWindow } from "../../src/ui/virtual-window";

describe("rowWindow: which rows of a long table are in the DOM", () => {
  it.each([
    // total, rowHeight, viewport, scrollTop, overscan → start, end
    [0, 20, 400, 0, 5, 0, 0],
    [10, 20, 400, 0, 5, 0, 10],
    [10_000, 20, 400, 0, 5, 0, 26],
    [10_000, 20, 400, 20 * 5000, 5, 4995, 5026],
    [10_000, 20, 400, 20 * 5000 + 7, 5, 4995, 5026],
    [10_000, 20, 400, 1e9, 5, 9974, 10_000],
    [10_000, 20, 400, -50, 5, 0, 26],
    [100, 28, 0, 0, 2, 0, FALLBACK_VIEWPORT_ROWS + 1 + 2],
  ])("total %i, row %ipx, viewport %ipx, scrolled %ipx, overscan %i → rows %i–%i", (total, rowHeight, viewportHeight, scrollTop, overscan, start, end) => {
    const w = rowWindow({ total, rowHeight, viewportHeight, scrollTop, overscan });
    expect([w.start, w.end]).toEqual([start, end]);
    expect(w.padTop).toBe(start * rowHeight);
    expect(w.padBottom).toBe((total - end) * rowHeight);
  });

  it("always covers the rows in view, never draws more than the bound, and keeps the scroll height", () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 200_000 }),
      fc.integer({ min: 8, max: 80 }),
      fc.integer({ min: 1, max: 3000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 20 }),
      (total, rowHeight, viewportHeight, at, overscan) => {
        const maxScroll = Math.max(0, total * rowHeight - viewportHeight);
        const scrollTop = Math.floor(at * maxScroll);
        const w = rowWindow({ total, rowHeight, viewportHeight, scrollTop, overscan });
        expect(w.end - w.start).toBeLessThanOrEqual(maxWindowRows(rowHeight, viewportHeight, overscan));
        expect(w.padTop + (w.end - w.start) * rowHeight + w.padBottom).toBe(total * rowHeight);
        const firstVisible = Math.min(total, Math.floor(scrollTop / rowHeight));
        const lastVisible = Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight));
        expect(w.start).toBeLessThanOrEqual(firstVisible);
        expect(w.end).toBeGreaterThanOrEqual(lastVisible);
      },
    ));
  });
});
