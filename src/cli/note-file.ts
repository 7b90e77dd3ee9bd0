/**
 * Reading and replacing one note on disk without losing anything:
 * - a note is read through no link, as bytes, and taken as text only when it is valid UTF-8;
 * - a note is replaced by a temporary file made beside it (created exclusively, never through a
 *   link, under a name nobody can guess) renamed over it, with the note's mode (and, when run as
 *   root, its owner) kept; the temporary file goes again on every failure;
 * - an edit another program makes while the note is being synced is never lost: a note that is
 *   no longer what was read is not replaced, and the caller decides again on its new text (see
 *   `replaceNoteFile` for an edit that lands during the replacement itself);
 * - a read-only note, and a note with several hard links (a new file would split it from its
 *   other names), are reported and not written.
 */
import { randomBytes } from "node:crypto";
import {
  accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, lstatSync, openSync, readSync, renameSync, unlinkSync,
  writeSync,
} from "node:fs";
import { sep } from "node:path";
import { decodeUtf8Strict } from "../core/utf8";

export interface NoteFile {
  /** The note's bytes on disk, and what identifies this version of it. */
  bytes: Buffer;
  size: number;
  mtimeNs: bigint;
  ino: bigint;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  /**
   * The text to decide on: the bytes as UTF-8, except after an edit raced a replacement (see
   * `replaceNoteFile`): then the edited text, which must still be written (`pending`).
   */
  text: string;
  pending: boolean;
}

export type ReadNoteResult =
  | { ok: true; note: NoteFile }
  /** `not-utf8`: read, but not text this tool may rewrite; `unreadable`: could not be read. */
  | { ok: false; kind: "unreadable" | "not-utf8"; message: string };

/** An error of the file system in a few words ("permission denied"), for a one-line report. */
export function fsProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case "EACCES": case "EPERM": return "permission denied";
    case "ENOENT": return "no longer there";
    case "ELOOP": return "it is a link";
    case "EISDIR": return "it is a folder";
    case "ENOSPC": return "the disk is full";
    case "EROFS": return "the file system is read-only";
    default: return e instanceof Error ? e.message : String(e);
  }
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function statOf(fd: number): { size: number; mtimeNs: bigint; ino: bigint; mode: number; nlink: number; uid: number; gid: number } {
  const info = fstatSync(fd, { bigint: true });
  return {
    size: Number(info.size), mtimeNs: info.mtimeNs, ino: info.ino, mode: Number(info.mode), nlink: Number(info.nlink),
    uid: Number(info.uid), gid: Number(info.gid),
  };
}

function readAll(fd: number, size: number): Buffer {
  // Read to the end, not to the size fstat gave: the file may be growing.
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.max(size - at, 0) + 4096);
    const n = readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    at += n;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** A note's bytes and what identifies this version of it. */
export function readNoteFile(abs: string): ReadNoteResult {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | NOFOLLOW);
  } catch (e) {
    return { ok: false, kind: "unreadable", message: `cannot be read (${fsProblem(e)})` };
  }
  try {
    const info = statOf(fd);
    const bytes = readAll(fd, info.size);
    const text = decodeUtf8Strict(bytes);
    if (text === null) return { ok: false, kind: "not-utf8", message: "not UTF-8" };
    return { ok: true, note: { ...info, size: bytes.length, bytes, text, pending: false } };
  } catch (e) {
    return { ok: false, kind: "unreadable", message: `cannot be read (${fsProblem(e)})` };
  } finally {
    closeSync(fd);
  }
}

export type ReplaceResult =
  | { kind: "written" }
  /** Not written, and why (read-only, hard links, a failed write: nothing was changed). */
  | { kind: "refused"; message: string }
  /** The note changed since it was read: nothing was written; this is it now. */
  | { kind: "changed"; now: ReadNoteResult };

function sameStat(a: { ino: bigint; size: number; mtimeNs: bigint }, b: { ino: bigint; size: number; mtimeNs: bigint }): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Why a note may not be replaced, or null. */
function writeRefusal(abs: string, note: NoteFile): string | null {
  if (note.nlink > 1) return `has ${note.nlink} hard links, not written (a new file would split it from its other names)`;
  // Root may write anything: a note nobody may write is read-only all the same.
  if ((note.mode & 0o222) === 0) return "read-only, not written";
  try {
    accessSync(abs, constants.W_OK);
  } catch {
    return "read-only, not written";
  }
  return null;
}

/**
 * Replaces the note at `abs`, read as `read`, by `text` (UTF-8).
 *
 * The note is opened first and kept open: a program that writes the note in place writes into
 * that file, so a write that lands between the last look and the rename (or through a file it had
 * open) is seen there afterwards, and its text is handed back to be decided on and written again
 * ("changed", `pending`). A program that replaces the note by a rename is seen by the last look.
 */
export function replaceNoteFile(abs: string, read: NoteFile, text: string): ReplaceResult {
  const refusal = writeRefusal(abs, read);
  if (refusal !== null) return { kind: "refused", message: refusal };
  let old: number;
  try {
    old = openSync(abs, constants.O_RDONLY | NOFOLLOW);
  } catch {
    return { kind: "changed", now: readNoteFile(abs) };
  }
  try {
    const before = statOf(old);
    if (!sameStat(before, read) || !readAll(old, before.size).equals(read.bytes)) return { kind: "changed", now: readNoteFile(abs) };
    const bytes = Buffer.from(text, "utf8");
    const written = writeBeside(abs, read, bytes);
    if (written.kind !== "written") return written;
    // Written in place into the old file after it was read: its text is the user's, decided on again.
    const after = statOf(old);
    if (sameStat(after, before)) return { kind: "written" };
    const edited = readAll(old, after.size);
    const now = readNoteFile(abs);
    if (!now.ok) return { kind: "changed", now };
    const editedText = decodeUtf8Strict(edited);
    if (editedText === null) {
      // Not text any more: put the edited bytes back as they are.
      const back = writeBeside(abs, now.note, edited);
      return back.kind === "written" ? { kind: "refused", message: "not UTF-8 after an edit made while syncing, left as edited" } : back;
    }
    return { kind: "changed", now: { ok: true, note: { ...now.note, text: editedText, pending: true } } };
  } catch (e) {
    return { kind: "refused", message: `not written (${fsProblem(e)}); the note is as it was` };
  } finally {
    closeSync(old);
  }
}

/** A temporary file beside the note, with its mode (and owner, as root), renamed over it. */
function writeBeside(abs: string, read: NoteFile, bytes: Buffer): { kind: "written" } | { kind: "refused"; message: string } | { kind: "changed"; now: ReadNoteResult } {
  const at = abs.lastIndexOf(sep);
  const tmp = `${abs.slice(0, at + 1)}.${abs.slice(at + 1)}.${randomBytes(9).toString("hex")}.uca-tmp`;
  let fd: number;
  try {
    // O_EXCL: a file or link already there (even a dangling link) makes this fail, never followed.
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  } catch (e) {
    return { kind: "refused", message: `not written: cannot write in its folder (${fsProblem(e)})` };
  }
  let renamed = false;
  try {
    try {
      fchmodSync(fd, read.mode & 0o7777);
      if (isRoot) fchownSync(fd, read.uid, read.gid);
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    } finally {
      closeSync(fd);
    }
    // The last look: a program that replaced the note by a rename meanwhile is not overwritten.
    const there = lstatSync(abs, { bigint: true });
    if (!there.isFile() || there.ino !== read.ino) return { kind: "changed", now: readNoteFile(abs) };
    renameSync(tmp, abs);
    renamed = true;
    return { kind: "written" };
  } catch (e) {
    return { kind: "refused", message: `not written (${fsProblem(e)}); the note is as it was` };
  } finally {
    if (!renamed) {
      try { unlinkSync(tmp); } catch { /* already gone */ }
    }
  }
}

/**
 * An edit that raced a replacement (`pending`) is on disk only in the replaced file: when the sync
 * cannot go on with it, it is written back as it is.
 */
export function keepEdit(abs: string, note: NoteFile): string | null {
  let current = note;
  for (;;) {
    const back = replaceNoteFile(abs, current, current.text);
    if (back.kind === "written") return null;
    if (back.kind === "refused") return back.message;
    if (!back.now.ok || !back.now.note.pending) return null;
    current = back.now.note;
  }
}
