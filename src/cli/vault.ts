/**
 * A vault folder as the command-line tool sees it: every markdown note under it, with
 * vault-relative `/` paths, skipping the config folder, `.trash` and other dot-folders, and never
 * following a link out of the vault. Plus the plugin's settings and taxonomy as saved in the vault.
 */
import { type Dirent, readdirSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { resolveSettings, type AtlasSettings, bundledTaxonomy } from "../core/settings";
import type { StudyContext } from "../core/study";
import { taxonomyFromTemplate, type TemplateTaxonomy } from "../core/taxonomy";
import { UsageError } from "./io";
import { fsProblem } from "./note-file";

export interface VaultNote {
  /** Vault-relative path with `/` separators. */
  readonly path: string;
  /** Absolute path on disk. */
  readonly abs: string;
}

/**
 * A note of the walk: its absolute path made when asked for, not kept. A verb that reads 10,000
 * notes holds the list while it reads them, and each kept string is copied by every collection of
 * young objects until it is old (bench/library.bench.ts).
 */
class WalkedNote implements VaultNote {
  constructor(private readonly root: string, readonly path: string) {}
  get abs(): string {
    return this.root + sep + (sep === "/" ? this.path : this.path.replaceAll("/", sep));
  }
}

export interface Vault {
  root: string;
  configDir: string;
  settings: AtlasSettings;
  taxonomy: TemplateTaxonomy;
  notes: VaultNote[];
  /** Folders that could not be listed, one line each: the walk went on past them. */
  unreadable: Unreadable[];
}

export interface Unreadable { path: string; message: string }

/** Resolves and checks a vault folder argument (exit 2 on a missing folder or a file). */
export async function openVault(arg: string | undefined, cwd: string, configDir = ".obsidian"): Promise<Vault> {
  if (!arg) throw new UsageError("give the vault folder, e.g. use-case-atlas check ~/Notes");
  const root = await realpath(resolve(cwd, arg)).catch(() => null);
  if (!root) throw new UsageError(`no such vault folder: ${arg}`);
  if (!(await stat(root)).isDirectory()) throw new UsageError(`not a folder: ${arg} (give the vault's folder, not a note)`);
  const unreadable: Unreadable[] = [];
  const notes = listNotes(root, configDir, unreadable);
  const settings = await loadSettings(root, configDir);
  const taxonomy = await loadTaxonomy(root, settings);
  return { root, configDir, settings, taxonomy, notes, unreadable };
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
export function listNotes(root: string, configDir = ".obsidian", unreadable: Unreadable[] = []): VaultNote[] {
  const out: VaultNote[] = [];
  // Synchronous, and paths joined as strings: for a vault of 10,000 notes, `path.join` and
  // `path.relative` per note cost more than the directory reads (bench/cli-table.bench.ts).
  // Each folder's entries sorted by name, a folder's name with its "/": walking in that order gives
  // the notes in the order of their whole paths, without sorting 10,000 long paths at the end.
  function walk(dir: string, prefix: string): void {
    const entries: { key: string; name: string; folder: boolean }[] = [];
    let listed: Dirent[];
    try {
      listed = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ path: prefix === "" ? "." : prefix.slice(0, -1), message: `folder cannot be read (${fsProblem(e)}), its notes were skipped` });
      return;
    }
    for (const e of listed) {
      const name = e.name;
      if (name.charCodeAt(0) === 46 /* . */ || name === configDir || name === "node_modules") continue;
      if (e.isDirectory()) entries.push({ key: name + "/", name, folder: true });
      else if (e.isFile() && name.toLowerCase().endsWith(".md")) entries.push({ key: name, name, folder: false });
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { name, folder } of entries) {
      if (folder) walk(dir + sep + name, prefix + name + "/");
      else out.push(new WalkedNote(root, prefix + name));
    }
  }
  walk(root, "");
  return out;
}

async function loadSettings(root: string, configDir: string): Promise<AtlasSettings> {
  const file = join(root, configDir, "plugins", "use-case-atlas", "data.json");
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return resolveSettings(undefined);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`cannot read the plugin's settings: ${file} is not valid JSON`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError(`cannot read the plugin's settings: ${file} holds ${data === null ? "null" : Array.isArray(data) ? "a list" : typeof data}; the settings must be an object`);
  }
  const settings = (data as { settings?: unknown }).settings;
  if (settings !== undefined && settings !== null && (typeof settings !== "object" || Array.isArray(settings))) {
    throw new UsageError(`cannot read the plugin's settings: "settings" in ${file} must be an object`);
  }
  return resolveSettings(settings);
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
  if (text === null) return bundledTaxonomy();
  const t = taxonomyFromTemplate(text, settings.patternGroups, settings.checklistHeading);
  return t.patterns.length > 0 ? t : bundledTaxonomy();
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
