/** The command-line tool: a thin shell over the same core as the plugin. */
import { CHECK_HELP, checkVerb } from "./check";
import { inspectVerb, INSPECT_HELP } from "./inspect";
import { IMPORT_HELP, importVerb } from "./import";
import { LIBRARY_HELP, libraryVerb } from "./library";
import { MIGRATE_HELP, migrateVerb } from "./migrate";
import { DEMO_HELP, demoVerb } from "./demo";
import { type CliIo, UsageError, type Verb } from "./io";
import { NEW_HELP, newVerb } from "./new";
import { SYNC_HELP, syncVerb } from "./sync";
import { TABLE_HELP, tableVerb } from "./table";
import { errorMessage } from "../core/errors";

interface VerbEntry { run: Verb; summary: string; help: string }

export const VERBS: Record<string, VerbEntry> = {
  inspect: { run: inspectVerb, summary: "what the reader sees in one note", help: INSPECT_HELP },
  sync: { run: syncVerb, summary: "bring properties and tags in line with the checkboxes", help: SYNC_HELP },
  table: { run: tableVerb, summary: "the pattern comparison as Markdown, CSV or JSON", help: TABLE_HELP },
  migrate: { run: migrateVerb, summary: "add the template's new checkboxes to older notes (--dry-run shows a diff)", help: MIGRATE_HELP },
  check: { run: checkVerb, summary: "list notes with problems (exit 1 when any)", help: CHECK_HELP },
  new: { run: newVerb, summary: "create an analysis or case study, as the plugin's form does", help: NEW_HELP },
  library: { run: libraryVerb, summary: "the use-case collection: entries, which are analysed, coverage", help: LIBRARY_HELP },
  import: { run: importVerb, summary: "write the use-case collection's notes from the database's CSV", help: IMPORT_HELP },
  demo: { run: demoVerb, summary: "write a sample vault (fictional data) and print its table", help: DEMO_HELP },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(VERBS).map((v) => v.length));
  const verbs = Object.entries(VERBS).map(([name, v]) => `  ${name.padEnd(width)}  ${v.summary}`).join("\n");
  return `Usage: use-case-atlas <command> [options]

Commands:
${verbs}

Run "use-case-atlas <command> --help" for a command's options.
`;
}

/** Runs the tool; resolves to the exit code (0 ok, 1 problems found, 2 usage error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...args] = argv;
  if (verb === undefined || verb === "--help" || verb === "-h" || verb === "help") {
    io.out(mainHelp());
    return verb === undefined ? 2 : 0;
  }
  const entry = VERBS[verb];
  if (!entry) {
    io.err(`use-case-atlas: unknown command "${verb}"\n\n${mainHelp()}`);
    return 2;
  }
  try {
    return await entry.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message.endsWith("\n") ? e.message : e.message + "\n");
      return 2;
    }
    io.err(`use-case-atlas ${verb}: ${errorMessage(e)}\n`);
    return 1;
  }
}
