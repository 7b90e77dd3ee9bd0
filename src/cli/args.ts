/**
 * A verb's arguments, read by Node's `util.parseArgs` (strict: an unknown option, or an option
 * missing its value, is a usage error with the verb's help, exit 2). `--help`/`-h` is every
 * verb's. A text option given twice is refused, an empty one too (unless it may be empty).
 */
import { parseArgs } from "node:util";
import { UsageError } from "./io";

export interface OptionSpec {
  type: "string" | "boolean";
  /** May be given more than once (a list). */
  multiple?: boolean;
  /** What the value is, for "--x needs …" (default "a value"). */
  needs?: string;
  /** An empty value (`--x=`) is taken as given. */
  mayBeEmpty?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  /** The text of a single text option, or undefined. */
  text(name: string): string | undefined;
  /** Every value of a text option, in order. */
  list(name: string): string[];
  /** Whether a yes/no option was given. */
  flag(name: string): boolean;
}

function flagIn(message: string): string {
  return /'(-[^' ]+)/.exec(message)?.[1] ?? "";
}

/** The parsed arguments, or "help" when `--help` or `-h` is among them. */
export function parseVerbArgs(verb: string, help: string, args: string[], options: Record<string, OptionSpec>): ParsedArgs | "help" {
  if (args.some((a) => a === "--help" || a === "-h")) return "help";
  const usage = (message: string): UsageError => new UsageError(`${verb}: ${message}\n\n${help}`);
  const config: Record<string, { type: "string" | "boolean"; multiple: boolean }> = {};
  // Every option as a list, so a text option given twice can be told apart from once.
  for (const [name, spec] of Object.entries(options)) config[name] = { type: spec.type, multiple: true };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    const flag = flagIn(message);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usage(`unknown option ${flag}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const spec = options[flag.replace(/^-+/, "")];
      throw usage(spec?.type === "boolean" ? `${flag} takes no value` : `${flag} needs ${spec?.needs ?? "a value"}`);
    }
    throw usage(message);
  }
  const values = parsed.values as Record<string, (string | boolean)[] | undefined>;
  for (const [name, spec] of Object.entries(options)) {
    const given = values[name] ?? [];
    if (spec.type === "string" && !spec.multiple && given.length > 1) throw usage(`--${name} is given twice`);
    if (spec.type === "string" && !spec.mayBeEmpty && given.some((v) => typeof v === "string" && v.trim() === "")) {
      throw usage(`--${name} needs ${spec.needs ?? "a value"}`);
    }
  }
  const strings = (name: string): string[] => (values[name] ?? []).filter((v): v is string => typeof v === "string");
  return {
    positionals: parsed.positionals,
    text: (name) => strings(name)[0],
    list: strings,
    flag: (name) => (values[name] ?? []).length > 0,
  };
}
