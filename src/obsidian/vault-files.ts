/**
 * Small vault operations the creation flow needs: folders made on demand (and remembered, so a
 * failed creation can take them away again), names compared as the file system compares them,
 * and files moved to the trash the way the user chose in Obsidian's settings.
 */
import { type App, type TAbstractFile, TFile, TFolder, normalizePath } from "obsidian";
import { fileInTheWay } from "../core/creation";
import { errorMessage } from "../core/errors";

/** Re-exported for the glue that already imports its vault helpers from here. */
export { errorMessage };

/** The note at `path`, or null when there is none (or a folder is there). */
export function fileAt(app: App, path: string): TFile | null {
  const f = app.vault.getAbstractFileByPath(path);
  return f instanceof TFile ? f : null;
}

/** A folder setting as a vault path: normalised, "" for the vault's root. */
export function folderSetting(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === "") return "";
  const folder = normalizePath(trimmed);
  return folder === "/" ? "" : folder;
}

function parentPath(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

function folderAt(app: App, path: string): TFolder | null {
  const f = path === "" ? app.vault.getRoot() : app.vault.getAbstractFileByPath(path);
  return f instanceof TFolder ? f : null;
}

/**
 * Whether a file or folder already has this path, ignoring case: on Windows and macOS
 * `Name.md` and `name.md` are one file, and a vault may move between systems.
 */
export function pathTaken(app: App, path: string): boolean {
  if (app.vault.getAbstractFileByPath(path)) return true;
  const parent = folderAt(app, parentPath(path));
  if (!parent) return false;
  const lower = path.toLowerCase();
  return parent.children.some((c) => c.path.toLowerCase() === lower);
}

/**
 * The path with each existing folder spelled as the vault spells it ("use cases/x.md" when the
 * vault has "Use cases"), so no second folder differing only in case is made.
 */
export function existingFolderCase(app: App, path: string): string {
  const parts = path.split("/");
  let current = "";
  for (let i = 0; i < parts.length - 1; i++) {
    const want = parts[i] ?? "";
    const parent = folderAt(app, current);
    const match = parent?.children.find((c) => c instanceof TFolder && c.name.toLowerCase() === want.toLowerCase());
    const name = match ? match.name : want;
    current = current === "" ? name : `${current}/${name}`;
    if (!match) return [current, ...parts.slice(i + 1)].join("/");
  }
  return [current, parts[parts.length - 1] ?? ""].filter((s) => s !== "").join("/");
}

/** A problem creating folders or notes, with a message for the user. */
export class VaultWriteError extends Error {
  override name = "VaultWriteError";
}

/**
 * The folders of `folder`'s chain that do not exist yet, outermost first. Throws a
 * {@link VaultWriteError} when a file is where one of them should be.
 */
export function missingFolders(app: App, folder: string): string[] {
  if (folder === "") return [];
  const missing: string[] = [];
  const parts = folder.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    const there = app.vault.getAbstractFileByPath(path);
    if (there instanceof TFolder) continue;
    if (there) throw new VaultWriteError(fileInTheWay(path));
    missing.push(path);
  }
  return missing;
}

/**
 * Creates `folder` and its missing parents. Returns the folders it created, outermost first
 * (the caller trashes them, innermost first, if what follows fails).
 */
export async function ensureFolder(app: App, folder: string): Promise<string[]> {
  const created: string[] = [];
  for (const path of missingFolders(app, folder)) {
    await app.vault.createFolder(path);
    created.push(path);
  }
  return created;
}

/** Moves a file or folder to the trash as the user's "Deleted files" setting says. */
export async function trash(app: App, file: TAbstractFile): Promise<void> {
  await app.fileManager.trashFile(file);
}

/** Undoes creations: files first, then the folders made for them (innermost first, only when empty). */
export async function undoCreations(app: App, files: readonly TFile[], folders: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of [...files].reverse()) {
    try {
      if (app.vault.getAbstractFileByPath(file.path) === file) await trash(app, file);
    } catch (e) {
      problems.push(`${file.path}: ${errorMessage(e)}`);
    }
  }
  for (const path of [...folders].reverse()) {
    const folder = folderAt(app, path);
    if (!folder || folder.children.length > 0) continue;
    try {
      await trash(app, folder);
    } catch (e) {
      problems.push(`${path}: ${errorMessage(e)}`);
    }
  }
  return problems;
}

