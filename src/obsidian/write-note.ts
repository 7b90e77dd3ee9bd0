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
 * Every writer calls `writeNote(app, file, (text) => newText | null)`; `edit` must be a pure
 * function of the text (it may run on the editor's text or the file's, and must not assume it
 * has seen the text before).
 */
import { type App, type Editor, MarkdownView, type TFile } from "obsidian";
import { textChanges } from "../core/text-diff";

/** The note's new text, or null (or the same text) to leave it as it is. */
export type NoteEdit = (text: string) => string | null;

export interface NoteWritten {
  /** Whether the note's text changed. */
  changed: boolean;
  /** Where: its open editor (Obsidian saves it to the file as it saves typing), or the file. */
  via: "editor" | "file" | null;
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
    const after = edit(before);
    if (after === null || after === before) return { changed: false, via: null };
    // All changes are in the coordinates of `before`, applied together: one undo step.
    editor.transaction({
      changes: textChanges(before, after).map((c) => ({ from: editor.offsetToPos(c.from), to: editor.offsetToPos(c.to), text: c.insert })),
    });
    return { changed: true, via: "editor" };
  }
  let changed = false;
  await app.vault.process(file, (text) => {
    const after = edit(text);
    changed = after !== null && after !== text;
    return changed && after !== null ? after : text;
  });
  return { changed, via: changed ? "file" : null };
}
