/**
 * The one way the plugin changes a note that exists (PRODUCT.md, "How notes are written").
 *
 * A note open in a markdown view — any pane, any window, reading or editing mode — is changed
 * through that view's editor, as one transaction of the smallest edits (`textChanges`): the
 * cursor, the selection and the scroll position stay where the user had them, one undo takes
 * back the whole change (body and properties together), and what the user typed and Obsidian
 * has not saved yet is part of the text the change is made on. Obsidian saves the editor as it
 * saves typing. Writing the file under an editor with unsaved text instead makes Obsidian merge
 * the two: the cursor jumps and keystrokes can be lost.
 *
 * A note open nowhere is changed with one `Vault.process` (atomic read-modify-write).
 *
 * A note whose bytes are not UTF-8 (a Latin-1 note, a binary file named `.md`) is never written:
 * Obsidian reads it leniently, each bad byte sequence becoming U+FFFD, and writing that text back
 * would replace the original bytes for good. Only a text holding U+FFFD can come from such bytes,
 * so only then are the note's bytes read (`readBinary`) and checked; when they are not UTF-8
 * nothing is written and the outcome says `notUtf8` (callers report "not UTF-8, not synced").
 *
 * Every writer calls `writeNote(app, file, (text) => newText | null)`; `edit` must be a pure
 * function of the text (it may run on the editor's text or the file's, and must not assume it
 * has seen the text before).
 */
import { type App, type Editor, MarkdownView, type TFile } from "obsidian";
import { textChanges } from "../core/text-diff";
import { decodeUtf8Strict } from "../core/utf8";

/** What callers report for a note `writeNote` left alone because its bytes are not UTF-8. */
export const NOT_UTF8 = "not UTF-8, not synced";

/** The note's new text, or null (or the same text) to leave it as it is. */
export type NoteEdit = (text: string) => string | null;

export interface NoteWritten {
  /** Whether the note's text changed. */
  changed: boolean;
  /** Where: its open editor (Obsidian saves it to the file as it saves typing), or the file. */
  via: "editor" | "file" | null;
  /** The note's bytes are not UTF-8: nothing was written (see above). */
  notUtf8?: true;
}

/** The replacement character Obsidian's decoder puts where bytes are not UTF-8. */
const REPLACEMENT = "\uFFFD";

/** Thrown inside `Vault.process` (so nothing is written) when the text may come from bad bytes. */
class MayNotBeUtf8 extends Error {}

/** Whether the note's bytes on disk are valid UTF-8. */
export async function isUtf8(app: App, file: TFile): Promise<boolean> {
  return decodeUtf8Strict(new Uint8Array(await app.vault.readBinary(file))) !== null;
}

/**
 * The editor of a markdown view showing `file`: the active view when it shows the note, else
 * the first in any pane or popout window (Obsidian keeps the views of one note in step, so one
 * is enough).
 */
export function openEditorOf(app: App, file: TFile): Editor | null {
  const active = app.workspace.getActiveViewOfType(MarkdownView);
  if (active?.file?.path === file.path) return active.editor;
  let found: Editor | null = null;
  app.workspace.iterateAllLeaves((leaf) => {
    const view = leaf.view;
    if (found === null && view instanceof MarkdownView && view.file?.path === file.path) found = view.editor;
  });
  return found;
}

/** The note's text as the user sees it: its open editor's (saved or not), else the file's. */
export async function currentText(app: App, file: TFile): Promise<string> {
  const editor = openEditorOf(app, file);
  return editor ? editor.getValue() : app.vault.cachedRead(file);
}

/** Changes the note as described above; `edit` runs once, on the current text. */
export async function writeNote(app: App, file: TFile, edit: NoteEdit): Promise<NoteWritten> {
  const editor = openEditorOf(app, file);
  if (editor) {
    const before = editor.getValue();
    // Obsidian saves the editor's text to the file: the same loss as writing it ourselves.
    if (before.includes(REPLACEMENT) && !(await isUtf8(app, file))) return { changed: false, via: null, notUtf8: true };
    const after = edit(before);
    if (after === null || after === before) return { changed: false, via: null };
    // All changes are in the coordinates of `before`, applied together: one undo step.
    editor.transaction({
      changes: textChanges(before, after).map((c) => ({ from: editor.offsetToPos(c.from), to: editor.offsetToPos(c.to), text: c.insert })),
    });
    return { changed: true, via: "editor" };
  }
  let changed = false;
  // The bytes are read only for a text with U+FFFD, and at most once: when they are UTF-8 (the
  // note holds a real U+FFFD) the edit runs on a second `process`.
  let bytesChecked = false;
  for (;;) {
    try {
      await app.vault.process(file, (text) => {
        if (!bytesChecked && text.includes(REPLACEMENT)) throw new MayNotBeUtf8();
        const after = edit(text);
        changed = after !== null && after !== text;
        return changed && after !== null ? after : text;
      });
      return { changed, via: changed ? "file" : null };
    } catch (error) {
      if (!(error instanceof MayNotBeUtf8)) throw error;
      if (!(await isUtf8(app, file))) return { changed: false, via: null, notUtf8: true };
      bytesChecked = true;
    }
  }
}
