/** `use-case-atlas inspect NOTE.md [--json]`: what the reader sees in one note. */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { readNote } from "../core/reader";
import { parseVerbArgs } from "./args";
import { type CliIo, UsageError } from "./io";

export const INSPECT_HELP = `Usage: use-case-atlas inspect NOTE.md [--json]

Prints what Use Case Atlas reads in one note: its frontmatter (or the YAML error),
every checkbox with its line, task character, label and group, and the headings.

Options:
  --json    print JSON: {"frontmatter", "frontmatterError", "checkboxes", "headings"}
  --help    show this help
`;

export async function inspectVerb(args: string[], io: CliIo): Promise<number> {
  const parsed = parseVerbArgs("inspect", INSPECT_HELP, args, { json: { type: "boolean" } });
  if (parsed === "help") { io.out(INSPECT_HELP); return 0; }
  const json = parsed.flag("json");
  const paths = parsed.positionals;
  if (paths.length !== 1) throw new UsageError(`inspect: give exactly one note\n\n${INSPECT_HELP}`);
  const path = resolve(io.cwd, paths[0] ?? "");
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`inspect: no such file: ${paths[0]}`);
  if (!info.isFile()) throw new UsageError(`inspect: not a file: ${paths[0]} (give one note, e.g. "Use cases/Ramp - Agents.md")`);
  const note = readNote(await readFile(path, "utf8"));
  const result = {
    frontmatter: note.frontmatter,
    frontmatterError: note.frontmatterError,
    checkboxes: note.checkboxes.map((c) => ({ line: c.line, char: c.char, checked: c.checked, label: c.label, group: c.group })),
    headings: note.headings.map((h) => ({ line: h.line, level: h.level, text: h.text })),
  };
  if (json) {
    io.out(JSON.stringify(result, null, 2) + "\n");
    return 0;
  }
  const lines: string[] = [];
  if (note.frontmatterError) lines.push(`Frontmatter: broken YAML — ${note.frontmatterError}`);
  else lines.push(`Frontmatter: ${note.frontmatter ? Object.keys(note.frontmatter).join(", ") || "(empty)" : "(none)"}`);
  lines.push(`Checkboxes: ${note.checkboxes.length}`);
  for (const c of note.checkboxes) lines.push(`  ${c.line + 1}: [${c.char}] ${c.label}${c.group ? `  — ${c.group}` : ""}`);
  lines.push(`Headings: ${note.headings.length}`);
  for (const h of note.headings) lines.push(`  ${h.line + 1}: ${"#".repeat(h.level)} ${h.text}`);
  io.out(lines.join("\n") + "\n");
  return 0;
}
