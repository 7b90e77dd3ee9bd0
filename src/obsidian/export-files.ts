/**
 * Writes the comparison's exports into the vault: never over an existing file (a free name is
 * found by suffixing " 2", " 3", … as for new notes: `uniquePath`), folders created as needed.
 */
import { normalizePath, TFile, TFolder, type App } from "obsidian";
import { uniquePath } from "../core/filename";
import { pathTaken } from "./vault-files";

/** Characters Obsidian refuses in file names (and `/` `\` that would make a folder). */
const FORBIDDEN_IN_NAME = /[\\/:*?"<>|#^[\]]/g;

/** A file name typed by the user, made safe: forbidden characters become "-", no leading dots. */
export function safeFileBaseName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not valid in file names
  const cleaned = raw.replace(FORBIDDEN_IN_NAME, "-").replace(/[\u0000-\u001f]/g, "").trim().replace(/^\.+/, "");
  return cleaned;
}

/** `folder/base.ext`, or `folder/base 2.ext`, `folder/base 3.ext`, … — the first one that is free. */
export function freePath(app: App, folder: string, base: string, extension: string): string {
  const dir = folder === "" || folder === "/" ? "" : normalizePath(folder) + "/";
  return uniquePath(normalizePath(`${dir}${base}.${extension}`), (p) => pathTaken(app, p));
}

async function ensureFolder(app: App, folder: string): Promise<void> {
  if (folder === "" || folder === "/") return;
  const path = normalizePath(folder);
  const existing = app.vault.getAbstractFileByPath(path);
  if (existing instanceof TFolder) return;
  if (existing) throw new Error(`"${path}" is a file, not a folder.`);
  await app.vault.createFolder(path);
}

/** Creates a new file with `content` under `folder`, named `base.extension` or the first free variant. */
export async function createExportFile(app: App, folder: string, base: string, extension: string, content: string): Promise<TFile> {
  const safeBase = safeFileBaseName(base);
  if (safeBase === "") throw new Error("The file name is empty.");
  await ensureFolder(app, folder);
  const path = freePath(app, folder, safeBase, extension);
  return app.vault.create(path, content);
}
