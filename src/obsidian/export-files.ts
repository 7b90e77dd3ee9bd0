/**
 * Writes the comparison's exports into the vault: never over an existing file (a free name is
 * found by suffixing " 1", " 2", … as Obsidian does), folders created as needed.
 */
import { normalizePath, TFile, TFolder, type App } from "obsidian";

/** Characters Obsidian refuses in file names (and `/` `\` that would make a folder). */
const FORBIDDEN_IN_NAME = /[\\/:*?"<>|#^[\]]/g;

/** A file name typed by the user, made safe: forbidden characters become "-", no leading dots. */
export function safeFileBaseName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not valid in file names
  const cleaned = raw.replace(FORBIDDEN_IN_NAME, "-").replace(/[\u0000-\u001f]/g, "").trim().replace(/^\.+/, "");
  return cleaned;
}

/** `folder/base.ext`, or `folder/base 1.ext`, `folder/base 2.ext`, … — the first one that is free. */
export function freePath(app: App, folder: string, base: string, extension: string): string {
  const dir = folder === "" || folder === "/" ? "" : normalizePath(folder) + "/";
  const taken = (p: string): boolean => app.vault.getAbstractFileByPath(normalizePath(p)) !== null;
  let candidate = `${dir}${base}.${extension}`;
  for (let n = 1; taken(candidate); n++) candidate = `${dir}${base} ${n}.${extension}`;
  return normalizePath(candidate);
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
