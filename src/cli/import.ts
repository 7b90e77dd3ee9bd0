/**
 * `use-case-atlas import VAULT --csv FILE …`: files the public use-case database (CSV) as the
 * collection's notes, by the core's import plan. Only creates files (never overwrites: a name
 * that is taken gets " 2"); rows whose address the collection already has in that category are
 * reported and left alone, so a second import writes nothing.
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { inCollection, readEntry, type LibraryEntry } from "../core/library";
import { COLLECTION_SINCE, DEFAULT_COLLECTION_FOLDER, planImport, vaultFolderPath } from "../core/library-import";
import { type CliIo, UsageError } from "./io";
import { collectionFolder, libraryTaxonomy, verbArgs } from "./library";
import { readText } from "./read-text";
import { inside, openVault } from "./vault";

export const IMPORT_HELP = `Usage: use-case-atlas import VAULT --csv FILE [options]

Writes the use-case collection's notes from the public database's CSV (header
Company,Industry,Short Description (< 5 words),Title,Tag,Year,Link): one note per row at
FOLDER/NN_Category/Industry/YYYY_Company_Title.md, the category by the settings' category rules.
Never overwrites: a row whose address the collection already has in that category is reported
and left alone; a name that is taken gets " 2". A second import writes nothing.
Prints the path of each note written (or, with --dry-run, that would be written).

Options:
  --csv FILE        the database's CSV (UTF-8, with or without a byte-order mark); required
  --into FOLDER     the collection's folder in the vault (default: the settings' collection
                    folder, else the one found by its layout, else ${DEFAULT_COLLECTION_FOLDER})
  --since YEAR      only rows of YEAR and later (default ${COLLECTION_SINCE}, where the collection starts)
  --dry-run         list what would be written; write nothing
  --config-dir DIR  the vault's config folder (default .obsidian)
  --help            show this help

Exit code: 0 done, 1 some rows could not be filed (each reported with its line), 2 bad usage.
`;

function usage(message: string): UsageError {
  return new UsageError(`import: ${message}\n\n${IMPORT_HELP}`);
}

/** A vault folder argument: `/`-separated, no leading or trailing slash; null when it leads out of the vault. */
export async function importVerb(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = verbArgs("import", IMPORT_HELP, args, {
    csv: { type: "string" }, into: { type: "string" }, since: { type: "string" }, "dry-run": { type: "boolean" },
    "config-dir": { type: "string" }, help: { type: "boolean", short: "h" },
  });
  if (values.help) { io.out(IMPORT_HELP); return 0; }
  if (positionals.length !== 1) throw usage("give exactly one vault folder");
  if (values.csv === undefined || values.csv.trim() === "") throw usage("--csv FILE is required");
  const sinceText = values.since?.trim() ?? String(COLLECTION_SINCE);
  if (!/^\d{4}$/.test(sinceText)) throw usage(`--since must be a 4-digit year, like ${COLLECTION_SINCE} (not "${sinceText}")`);
  const vault = await openVault(positionals[0], io.cwd, values["config-dir"] ?? ".obsidian");
  let folder: string;
  if (values.into !== undefined) {
    const into = vaultFolderPath(values.into);
    if (into === null || !inside(vault.root, resolve(vault.root, into))) throw usage(`--into "${values.into}" leads out of the vault; give a folder inside it`);
    folder = into;
  } else {
    folder = collectionFolder(vault) ?? DEFAULT_COLLECTION_FOLDER;
  }

  let csv: string;
  try {
    csv = readFileSync(resolve(io.cwd, values.csv), "utf8");
  } catch (e) {
    throw new UsageError(`import: cannot read ${values.csv}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const taxonomy = libraryTaxonomy(vault);
  const entries: LibraryEntry[] = [];
  for (const note of vault.notes) {
    if (!inCollection(note.path, folder)) continue;
    const entry = readEntry(note.path, readText(note.abs), folder, taxonomy);
    if (entry) entries.push(entry);
  }
  const taken = new Set(vault.notes.map((n) => n.path.toLowerCase()));
  const planned = planImport(csv, { entries, taken: (p) => taken.has(p.toLowerCase()) }, {
    folder, since: Number(sinceText), rules: vault.settings.libraryCategoryRules, categories: vault.settings.taxonomy.categories,
  });
  if (!planned.ok) { io.err(`import: ${values.csv}: ${planned.message}. Nothing was written.\n`); return 1; }
  const plan = planned.plan;
  const report: string[] = [
    ...plan.bad.map((b) => `line ${b.line}: skipped: ${b.message}`),
    ...plan.present.map((p) => `line ${p.line}: already in the collection, left alone: ${p.path} (${p.url})`),
  ];

  const written: string[] = [];
  if (!values["dry-run"]) {
    for (const note of plan.notes) {
      const abs = join(vault.root, ...note.path.split("/"));
      try {
        await mkdir(join(vault.root, ...note.path.split("/").slice(0, -1)), { recursive: true });
        await writeFile(abs, note.text, { encoding: "utf8", flag: "wx" });
        written.push(note.path);
      } catch (e) {
        report.push(`line ${note.line}: could not write ${note.path}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  const listed = values["dry-run"] ? plan.notes.map((n) => n.path) : written;
  io.out(listed.map((p) => `${p}\n`).join(""));
  const where = folder === "" ? "the vault's root" : folder;
  const summary = values["dry-run"]
    ? `Dry run: would write ${plan.notes.length} note${plan.notes.length === 1 ? "" : "s"} into ${where}; nothing was written.`
    : `Wrote ${written.length} note${written.length === 1 ? "" : "s"} into ${where}.`;
  const counts = [
    plan.present.length > 0 ? `${plan.present.length} already there` : "",
    plan.older > 0 ? `${plan.older} before ${sinceText}` : "",
    plan.bad.length > 0 ? `${plan.bad.length} could not be filed` : "",
  ].filter((s) => s !== "");
  io.err(report.map((l) => `${l}\n`).join("") + `${summary}${counts.length > 0 ? ` Rows: ${counts.join(", ")}.` : ""}\n`);
  return plan.bad.length > 0 || written.length < plan.notes.length && !values["dry-run"] ? 1 : 0;
}
