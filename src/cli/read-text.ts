/**
 * A note's text, for reading notes that are never written back (the `library` verb, the
 * collection as `import` and `new --use-case` look at it), through one buffer kept for the
 * process: open, one read, close. `readFileSync(path, "utf8")` reads once more to see the end and
 * copies the bytes once more; each system call costs microseconds on a virtual machine, and the
 * `library` verb reads 10,000 notes (bench/library.bench.ts). The text is decoded exactly as
 * `readFileSync` decodes it (UTF-8, a byte-order mark kept, bad bytes as U+FFFD). A read shorter
 * than asked is taken as the end of the file, as it is for a regular file; a note longer than the
 * buffer is read on, in a buffer of its own. A note that may be written back is read with
 * `readNoteFile` (note-file.ts): to its end, strict about UTF-8, with what identifies its version.
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
