/**
 * A note's bytes as text, only when they are valid UTF-8. Decoding a Latin-1 note (or a binary
 * file named `.md`) leniently turns every bad byte into U+FFFD, and writing that text back would
 * destroy the original bytes: a note that is not UTF-8 is reported and never written.
 */

/** Strict, and a byte order mark kept as U+FEFF (so writing the text back keeps it). Made on first use. */
let strict: TextDecoder | null = null;

/** The text of UTF-8 bytes; null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  strict ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}
