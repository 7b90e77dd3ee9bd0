/**
 * The creation flow's store (src/core/creation.ts) over Obsidian's vault: names compared as the
 * file system compares them, article notes found by URL through the metadata cache, notes created
 * with `vault.create` (its text complete, so nothing that watches the vault sees a half-made
 * note), the analysis changed through `writeNote`, and what a failed creation made moved to the
 * trash as the user's "Deleted files" setting says.
 */
import { type App, type TFile, normalizePath } from "obsidian";
import { CreationRefused, type NoteStore, notUtf8Refusal } from "../core/creation";
import { findArticleByUrl, rememberCreatedArticle } from "./articles";
import { existingFolderCase, fileAt, missingFolders, pathTaken, undoCreations, VaultWriteError } from "./vault-files";
import { isUtf8, writeNote } from "./write-note";

/** Where Obsidian's decoder put bytes that are not UTF-8. */
const REPLACEMENT = "\uFFFD";

export function vaultStore(app: App): NoteStore {
  return {
    folderCase: (path) => Promise.resolve(existingFolderCase(app, normalizePath(path))),
    taken: (path) => Promise.resolve(pathTaken(app, path)),
    foldersToMake: (folder) => {
      try {
        return Promise.resolve(missingFolders(app, folder));
      } catch (e) {
        throw e instanceof VaultWriteError ? new CreationRefused(e.message) : e;
      }
    },
    findArticle: (url) => Promise.resolve(findArticleByUrl(app, url)?.path ?? null),
    notesNamed: (name) => {
      const want = name.toLowerCase();
      return Promise.resolve(app.vault.getMarkdownFiles().filter((f) => f.basename.toLowerCase() === want).map((f) => f.path));
    },
    read: async (path) => {
      const file = fileAt(app, path);
      if (!file) return null;
      const text = await app.vault.read(file);
      if (text.includes(REPLACEMENT) && !(await isUtf8(app, file))) throw notUtf8Refusal(path);
      return text;
    },
    makeFolder: async (path) => { await app.vault.createFolder(path); },
    create: async (path, text, articleUrl) => {
      const file = await app.vault.create(path, text);
      if (articleUrl !== undefined) rememberCreatedArticle(app, articleUrl, file.path);
    },
    edit: async (path, edit) => {
      const file = fileAt(app, path);
      if (!file) throw new Error(`"${path}" is no longer there`);
      const written = await writeNote(app, file, edit);
      if (written.notUtf8) throw notUtf8Refusal(path);
    },
    undo: (files, folders) => undoCreations(app, files.map((p) => fileAt(app, p)).filter((f): f is TFile => f !== null), folders),
  };
}
