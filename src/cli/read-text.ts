/**
 * A note's text for the read-only verbs, read through one buffer kept for the process: open, one
 * read, close. `readFileSync(path, "utf8")` also asks for the file's size and reads again to see
 * the end, and copies the bytes once more: for 10,000 small notes that is a sixth of the time
 * (bench/library.bench.ts). The text is decoded exactly as `readFileSync` decodes it (UTF-8, a
 * byte-order mark kept, bad bytes as U+FFFD). A read shorter than asked is the end of a regular
 * file; a note longer than the buffer is read on, in a buffer of its own.
 */
import { closeSync, openSync, readSync } from "node:fs";

const KEPT = 64 * 1024;
const kept = Buffer.allocUnsafe(KEPT);

export function readText(abs: string): string {
  const fd = openSync(abs, "r");
  try {
    let buffer = kept;
    let n = readSync(fd, buffer, 0, buffer.length, 0);
    while (n === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, n);
      buffer = bigger;
      const more = readSync(fd, buffer, n, buffer.length - n, n);
      if (more === 0) break;
      n += more;
    }
    return buffer.toString("utf8", 0, n);
  } finally {
    closeSync(fd);
  }
}
