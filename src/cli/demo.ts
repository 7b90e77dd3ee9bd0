/**
 * `use-case-atlas demo DIR [--install-plugin REPO]`: writes a sample vault of fictional studies
 * through the same core the plugin's form uses (plan, render, in-place frontmatter, sync), leaves
 * a few notes wrong on purpose so `check` has something to say, optionally installs the built
 * plugin, and prints the comparison table.
 */
import { copyFile, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { DEMO_STUDIES } from "./demo-data";
import { buildDemoVault, DEMO_MARKER } from "./demo-vault";
import { type CliIo, UsageError } from "./io";
import { coverageMarkdown, readVaultLibrary } from "./library";
import { tableVerb } from "./table";
import { openVault } from "./vault";

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
  --force                replace DIR if it exists (only a folder this command wrote before)
  --help                 show this help
`;


export async function demoVerb(args: string[], io: CliIo): Promise<number> {
  let dir: string | undefined;
  let pluginRepo: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--install-plugin") pluginRepo = args[++i];
    else if (a === "--force") force = true;
    else if (a === "--help" || a === "-h") { io.out(DEMO_HELP); return 0; }
    else if (a.startsWith("-")) throw new UsageError(`demo: unknown option ${a}\n\n${DEMO_HELP}`);
    else dir = a;
  }
  if (!dir) throw new UsageError(`demo: give the folder to write the demo vault into\n\n${DEMO_HELP}`);
  const root = resolve(io.cwd, dir);
  if (await stat(root).catch(() => null)) {
    const ours = await stat(join(root, DEMO_MARKER)).catch(() => null);
    if (!ours) throw new UsageError(`demo: ${dir} exists and is not a demo vault this command wrote; choose another folder`);
    if (!force) throw new UsageError(`demo: ${dir} exists; add --force to write it again`);
    await rm(root, { recursive: true, force: true });
  }
  const files = buildDemoVault();
  for (const [path, text] of files) {
    const abs = join(root, ...path.split("/"));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text, "utf8");
  }
  if (pluginRepo) {
    const repo = resolve(io.cwd, pluginRepo);
    const target = join(root, ".obsidian", "plugins", "use-case-atlas");
    await mkdir(target, { recursive: true });
    for (const f of ["main.js", "manifest.json", "styles.css"]) {
      if (!(await stat(join(repo, f)).catch(() => null))) throw new UsageError(`demo: ${f} not found in ${pluginRepo}: run "npm run build" first`);
      await copyFile(join(repo, f), join(target, f));
    }
    await writeFile(join(root, ".obsidian", "community-plugins.json"), JSON.stringify(["use-case-atlas"], null, 2) + "\n");
  }
  io.err(`Wrote the demo vault (sample data) to ${dir}: ${files.size} notes${pluginRepo ? ", plugin installed and turned on" : ""}.\n`);
  io.err(`Open it in Obsidian to see the rest; "use-case-atlas check ${dir}" lists the ${FLAWED} notes left wrong on purpose.\n\n`);
  const code = await tableVerb([root], io);
  const { library, taxonomy } = readVaultLibrary(await openVault(root, io.cwd));
  const analysed = library.rows.filter((r) => r.analysedBy.length > 0).length;
  io.out(`\n## Coverage of the use-case collection (analysed/entries)\n\n${library.rows.length} entries, ${analysed} analysed.\n\n${coverageMarkdown(library.rows, taxonomy)}`);
  return code;
}
