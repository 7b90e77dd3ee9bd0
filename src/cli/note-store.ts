/**
 * The creation flow's store (src/core/creation.ts) over a vault folder on disk: nothing is read
 * or written through a link leading out of the vault, notes are created with O_EXCL (never
 * overwriting), a note is read as text only when it is UTF-8, and the analysis a case study is
 * made from is replaced with `replaceNoteFile`.
 */
import { lstat, mkdir, readdir, realpath, rmdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { articleFacts, isArticleNote } from "../core/articles";
import { CreationRefused, fileInTheWay, type NoteStore, notUtf8Refusal } from "../core/creation";
import { readFrontmatter } from "../core/frontmatter";
import { baseName } from "../core/links";
import { readNoteFile, replaceNoteFile } from "./note-file";
import { inside, type Vault } from "./vault";

function abs(vault: Vault, path: string): string {
  return path === "" ? vault.root : join(vault.root, ...path.split("/"));
}

/** Names in a folder on disk (none when it does not exist). */
async function namesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

export function folderStore(vault: Vault): NoteStore {
  /** A note's real path when it lies inside the vault, else null. */
  const realInside = async (path: string): Promise<string | null> => {
    const real = await realpath(abs(vault, path)).catch(() => null);
    return real !== null && inside(vault.root, real) ? real : null;
  };
  const read = async (path: string): Promise<string | null> => {
    const real = await realInside(path);
    if (real === null) return null;
    const r = readNoteFile(real);
    if (r.ok) return r.note.text;
    if (r.kind === "not-utf8") throw notUtf8Refusal(path);
    throw new Error(`"${path}" ${r.message}`);
  };
  /** Article notes by canonical URL (the first by path when two share one: `check` reports those), read once. */
  let byUrl: Promise<Map<string, string>> | null = null;
  const articleNotes = async (): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    for (const note of vault.notes) {
      const r = readNoteFile(note.abs);
      if (!r.ok) continue;
      const fm = readFrontmatter(r.note.text);
      if (fm.kind !== "ok" || !isArticleNote(fm.data)) continue;
      const url = articleFacts(fm.data).url;
      if (url && !out.has(url)) out.set(url, note.path);
    }
    return out;
  };
  return {
    folderCase: async (path) => {
      const parts = path.split("/");
      const out: string[] = [];
      for (let i = 0; i < parts.length - 1; i++) {
        const want = parts[i].toLowerCase();
        const match = (await namesIn(abs(vault, out.join("/")))).find((n) => n.toLowerCase() === want);
        if (!match) return [...out, ...parts.slice(i)].join("/");
        out.push(match);
      }
      return [...out, parts[parts.length - 1]].join("/");
    },
    taken: async (path) => {
      const at = path.lastIndexOf("/");
      const folder = at < 0 ? "" : path.slice(0, at);
      const name = path.slice(at + 1).toLowerCase();
      return (await namesIn(abs(vault, folder))).some((n) => n.toLowerCase() === name);
    },
    foldersToMake: async (folder) => {
      if (folder === "") return [];
      const parts = folder.split("/");
      for (let i = 1; i <= parts.length; i++) {
        const path = parts.slice(0, i).join("/");
        const info = await lstat(abs(vault, path)).catch(() => null);
        if (!info) return parts.slice(i - 1).map((_, j) => parts.slice(0, i + j).join("/"));
        const real = await realpath(abs(vault, path)).catch(() => null);
        if (info.isSymbolicLink() && (real === null || !inside(vault.root, real))) {
          throw new CreationRefused(`"${path}" is a link to a folder outside the vault; the note would be written there.`);
        }
        if (!(await lstat(real ?? "").catch(() => null))?.isDirectory()) {
          throw new CreationRefused(fileInTheWay(path));
        }
      }
      return [];
    },
    findArticle: async (url) => {
      byUrl ??= articleNotes();
      return (await byUrl).get(url) ?? null;
    },
    notesNamed: (name) => {
      const want = name.toLowerCase();
      return Promise.resolve(vault.notes.filter((n) => baseName(n.path).toLowerCase() === want).map((n) => n.path));
    },
    read,
    makeFolder: async (path) => { await mkdir(abs(vault, path)); },
    create: async (path, text) => { await writeFile(abs(vault, path), text, { encoding: "utf8", flag: "wx" }); },
    edit: async (path, edit) => {
      const real = await realInside(path);
      if (real === null) throw new Error(`"${path}" is no longer there`);
      const r = readNoteFile(real);
      if (!r.ok) throw r.kind === "not-utf8" ? notUtf8Refusal(path) : new Error(`"${path}" ${r.message}`);
      const written = replaceNoteFile(real, r.note, edit(r.note.text));
      if (written.kind === "refused") throw new Error(`"${path}": ${written.message}`);
      if (written.kind === "changed") throw new Error(`"${path}" changed while it was being linked`);
    },
    undo: async (files, folders) => {
      const left: string[] = [];
      for (const f of [...files].reverse()) await unlink(abs(vault, f)).catch(() => left.push(f));
      for (const d of [...folders].reverse()) await rmdir(abs(vault, d)).catch(() => left.push(d));
      return left;
    },
  };
}
