/**
 * A vault folder as the command-line tool sees it: every markdown note under it, with
 * vault-relative `/` paths, skipping the config folder, `.trash` and other dot-folders, and never
 * following a link out of the vault. Plus the plugin's settings and taxonomy as saved in the vault.
 */
import { readdirSync } from "node:fs";
import { lstat, readFile, realpath, rename, stat, writeFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { resolveSettings, type AtlasSettings, BUNDLED_TAXONOMY } from "../core/settings";
import type { StudyContext } from "../core/study";
import { taxonomyFromTemplate, type TemplateTaxonomy } from "../core/taxonomy";
import { UsageError } from "./io";

export interface VaultNote {
  /** Vault-relative path with `/` separators. */
  path: string;
  /** Absolute path on disk. */
  abs: string;
}

export interface Vault {
  root: string;
  configDir: string;
  settings: AtlasSettings;
  taxonomy: TemplateTaxonomy;
  notes: VaultNote[];
}

/** Resolves and checks a vault folder argument (exit 2 on a missing folder or a file). */
export async function openVault(arg: string | undefined, cwd: string, configDir = ".obsidian"): Promise<Vault> {
  if (!arg) throw new UsageError("give the vault folder, e.g. use-case-atlas check ~/Notes");
  const root = await realpath(resolve(cwd, arg)).catch(() => null);
  if (!root) throw new UsageError(`no such vault folder: ${arg}`);
  if (!(await stat(root)).isDirectory()) throw new UsageError(`not a folder: ${arg} (give the vault's folder, not a note)`);
  const notes = await listNotes(root, configDir);
  const settings = await loadSettings(root, configDir);
  const taxonomy = await loadTaxonomy(root, settings);
  return { root, configDir, settings, taxonomy, notes };
}

/** Whether an absolute, real path is the vault's root or lies under it. */
export function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Every markdown note under the vault, path-sorted. Links (symbolic links, junctions) are never
 * followed: one leading out of the vault must not be, and one leading to a place inside it names
 * a note or folder the walk reaches under its own path anyway (following it would list the note
 * twice, and `sync` would write through the link).
 */
export async function listNotes(root: string, configDir = ".obsidian"): Promise<VaultNote[]> {
  const out: VaultNote[] = [];
  // Synchronous, and paths joined as strings: for a vault of 10,000 notes, `path.join` and
  // `path.relative` per note cost more than the directory reads (bench/cli-table.bench.ts).
  // Each folder's entries sorted by name, a folder's name with its "/": walking in that order gives
  // the notes in the order of their whole paths, without sorting 10,000 long paths at the end.
  function walk(dir: string, prefix: string): void {
    const entries: { key: string; name: string; folder: boolean }[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const name = e.name;
      if (name.charCodeAt(0) === 46 /* . */ || name === configDir || name === "node_modules") continue;
      if (e.isDirectory()) entries.push({ key: name + "/", name, folder: true });
      else if (e.isFile() && name.toLowerCase().endsWith(".md")) entries.push({ key: name, name, folder: false });
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { name, folder } of entries) {
      if (folder) walk(dir + sep + name, prefix + name + "/");
      else out.push({ path: prefix + name, abs: dir + sep + name });
    }
  }
  walk(root, "");
  return out;
}

async function loadSettings(root: string, configDir: string): Promise<AtlasSettings> {
  const file = join(root, configDir, "plugins", "use-case-atlas", "data.json");
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return resolveSettings(undefined);
  try {
    return resolveSettings((JSON.parse(text) as { settings?: unknown }).settings);
  } catch {
    throw new UsageError(`cannot read the plugin's settings: ${file} is not valid JSON`);
  }
}

/**
 * The text of the template note a setting names (a vault path, `.md` optional, as the plugin
 * names it), or null when the setting is empty or the note is missing, unreadable or (through a
 * link) outside the vault.
 */
export async function readTemplateNote(root: string, setting: string): Promise<string | null> {
  if (setting.trim() === "") return null;
  const named = setting.trim().replace(/\\/g, "/").replace(/^\/+/, "");
  const file = named.toLowerCase().endsWith(".md") ? named : `${named}.md`;
  const abs = await realpath(resolve(root, ...file.split("/"))).catch(() => null);
  if (abs === null || !inside(root, abs)) return null;
  return readFile(abs, "utf8").catch(() => null);
}

async function loadTaxonomy(root: string, settings: AtlasSettings): Promise<TemplateTaxonomy> {
  const text = await readTemplateNote(root, settings.deepDiveTemplate);
  if (text === null) return BUNDLED_TAXONOMY;
  const t = taxonomyFromTemplate(text, settings.patternGroups, settings.checklistHeading);
  return t.patterns.length > 0 ? t : BUNDLED_TAXONOMY;
}

export function studyContextOf(vault: Vault): StudyContext {
  return {
    patterns: vault.taxonomy.patterns,
    patternGroups: vault.settings.patternGroups,
    checklistHeading: vault.settings.checklistHeading,
    categories: vault.settings.taxonomy.categories,
    industries: vault.settings.taxonomy.industries,
  };
}

/** Writes a note atomically (a temporary file beside it, then a rename), only inside the vault. */
export async function writeNote(vault: Vault, path: string, text: string): Promise<void> {
  const abs = resolve(vault.root, ...path.split("/"));
  if (!inside(vault.root, abs)) throw new Error(`refusing to write outside the vault: ${path}`);
  const info = await lstat(abs).catch(() => null);
  if (info?.isSymbolicLink()) throw new Error(`refusing to write through a link: ${path}`);
  const tmp = `${abs}.uca-${process.pid}.tmp`;
  await writeFile(tmp, text, "utf8");
  await rename(tmp, abs);
}
