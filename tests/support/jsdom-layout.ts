/**
 * What jsdom lacks for views that draw lazily: layout. Obsidian's `el.isShown()` is
 * `!!el.offsetParent`, always null in jsdom, so a view that paints only while shown would never
 * paint. Here a connected element counts as shown (a detached one does not), and a scroll box's
 * height can be given, as a window would give it.
 */

let patched = false;

/** `offsetParent` is the parent element while connected: `isShown()` then means "in the document". */
export function showWhenConnected(): void {
  if (patched) return;
  patched = true;
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement) { return this.isConnected ? this.parentElement : null; },
  });
}

/** Gives elements with `cls` a `clientHeight` (jsdom's is 0); returns the undo. */
export function giveHeight(cls: string, height: number): () => void {
  const proto = HTMLElement.prototype;
  const before = Object.getOwnPropertyDescriptor(Element.prototype, "clientHeight");
  Object.defineProperty(proto, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) { return this.classList.contains(cls) ? height : (before?.get?.call(this) as number | undefined) ?? 0; },
  });
  return () => { delete (proto as unknown as Record<string, unknown>).clientHeight; };
}

/** Waits for the next animation frame (jsdom runs them on a timer when it pretends to be visual). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => window.requestAnimationFrame(() => resolve()));
}
