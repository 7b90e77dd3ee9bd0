/**
 * The creation flow's store (src/core/creation.ts) over Obsidian's vault: names compared as the
 * file system compares them, article notes found by URL through the metadata cache, notes created
 * with `vault.create` (its text complete, so nothing that watches the vault sees a half-made
 * note), the analysis changed through `writeNote`, and what a failed creation made moved to the
 * trash as the user's "Deleted files" setting says.
 */
import { type App, TFile, TFolder, normalizePath } from "obsidian";
import { CreationRefused, fileInTheWay, type NoteStore, notUtf8Refusal } from "../core/creation";
import { findArticleByUrl, rememberCreatedArticle } from "./articles";
import { existingFolderCase, fileAt, pathTaken, undoCreations } from "./vault-files";
import { isUtf8, writeNote } from "./write-note";

/** Where Obsidian's decoder put bytes that are not UTF-8. */
const REPLACEMENT = "\uFFFD";

export function vaultStore(app: App): NoteStore {
  return {
    folderCase: (path) => Promise.resolve(existingFolderCase(app, normalizePath(path))),
    taken: (path) => Promise.resolve(pathTaken(app, path)),
    foldersToMake: (folder) => {
      const out: string[] = [];
      if (folder === "") return Promise.resolve(out);
      const parts = folder.split("/");
      for (let i = 1; i <= parts.length; i++) {
        const path = parts.slice(0, i).join("/");
        const there = app.vault.getAbstractFileByPath(path);
        if (there instanceof TFolder) continue;
        if (there) throw new CreationRefused(fileInTheWay(path));
        out.push(path);
      }
      return Promise.resolve(out);
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
