/**
 * `use-case-atlas demo DIR [--install-plugin REPO]`: writes a sample vault of fictional studies
 * through the same core the plugin's form uses (plan, render, in-place frontmatter, sync), leaves
 * a few notes wrong on purpose so `check` has something to say, optionally installs the built
 * plugin, and prints the comparison table.
 */
import { copyFile, lstat, mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { DEMO_STUDIES } from "./demo-data";
import { buildDemoVault, DEMO_MARKER } from "./demo-vault";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";
import { coverageMarkdown, readVaultLibrary } from "./library";
import { tableVerb } from "./table";
import { listNotes, openVault } from "./vault";

/** The notes `check` reports in the demo vault: those its data leaves wrong on purpose. */
const FLAWED = DEMO_STUDIES.filter((s) => s.flaw !== undefined).length;

export const DEMO_HELP = `Usage: use-case-atlas demo DIR [--install-plugin REPO] [--force]

Writes a sample vault of 12 fictional analyses, 4 case studies, their article notes and a small
use-case collection into DIR (sample data: every company and link is invented), then prints the
comparison table and the collection's coverage.
${FLAWED} notes are left wrong on purpose: try "use-case-atlas check DIR".

Options:
  --install-plugin REPO  copy REPO's built main.js, manifest.json and styles.css into the vault's
                         plugins folder and turn the plugin on
  --force                write DIR again if this command wrote it before: the demo's own notes
                         are replaced, every other note in it stays
  --help                 show this help
`;


const PLUGIN_FILES = ["main.js", "manifest.json", "styles.css"];

export async function demoVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseVerbArgs("demo", DEMO_HELP, args, {
    "install-plugin": { type: "string", needs: "the plugin's folder (where main.js, manifest.json and styles.css are)" },
    force: { type: "boolean" },
  });
  if (parsed === "help") { io.out(DEMO_HELP); return 0; }
  if (parsed.positionals.length !== 1) throw new UsageError(`demo: give the folder to write the demo vault into\n\n${DEMO_HELP}`);
  const dir = parsed.positionals[0];
  const pluginRepo = parsed.text("install-plugin");
  const root = resolve(io.cwd, dir);
  const files = buildDemoVault();
  let kept: string[] = [];
  if (await stat(root).catch(() => null)) {
    const ours = await stat(join(root, DEMO_MARKER)).catch(() => null);
    if (!ours) throw new UsageError(`demo: ${dir} exists and is not a demo vault this command wrote; choose another folder`);
    if (!parsed.flag("force")) throw new UsageError(`demo: ${dir} exists; add --force to write it again`);
    // Only the demo's own notes are written again: whatever else is in the folder stays.
    kept = notesBesides(root, files);
    for (const path of files.keys()) {
      const info = await lstat(join(root, ...path.split("/"))).catch(() => null);
      if (info && !info.isFile()) throw new UsageError(`demo: "${path}" in ${dir} is not a file the demo wrote (a folder or a link); move it, then try again. Nothing was written.`);
    }
  }
  if (pluginRepo !== undefined) {
    // Checked before anything is written.
    for (const f of PLUGIN_FILES) {
      if (!(await stat(join(resolve(io.cwd, pluginRepo), f)).catch(() => null))) throw new UsageError(`demo: ${f} not found in ${pluginRepo}: run "npm run build" first`);
    }
  }
  for (const [path, text] of files) {
    const abs = join(root, ...path.split("/"));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text, "utf8");
  }
  if (pluginRepo) {
    const repo = resolve(io.cwd, pluginRepo);
    const target = join(root, ".obsidian", "plugins", "use-case-atlas");
    await mkdir(target, { recursive: true });
    for (const f of PLUGIN_FILES) await copyFile(join(repo, f), join(target, f));
    await writeFile(join(root, ".obsidian", "community-plugins.json"), JSON.stringify(["use-case-atlas"], null, 2) + "\n");
  }
  io.err(`Wrote the demo vault (sample data) to ${dir}: ${files.size} notes${pluginRepo ? ", plugin installed and turned on" : ""}.\n`);
  if (kept.length > 0) io.err(`Kept ${kept.length} note${kept.length === 1 ? "" : "s"} the demo did not write: ${kept.join(", ")}.\n`);
  io.err(`Open it in Obsidian to see the rest; "use-case-atlas check ${dir}" lists the ${FLAWED} notes left wrong on purpose.\n\n`);
  const code = await tableVerb([root], io);
  const { library, taxonomy } = readVaultLibrary(await openVault(root, io.cwd));
  const analysed = library.rows.filter((r) => r.analysedBy.length > 0).length;
  io.out(`\n## Coverage of the use-case collection (analysed/entries)\n\n${library.rows.length} entries, ${analysed} analysed.\n\n${coverageMarkdown(library.rows, taxonomy)}`);
  return code;
}

/** The notes in the folder that are not the demo's (vault paths). */
function notesBesides(root: string, files: ReadonlyMap<string, string>): string[] {
  return listNotes(root).map((n) => n.path).filter((p) => !files.has(p));
}
