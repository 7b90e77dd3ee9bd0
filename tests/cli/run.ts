/** Runs the CLI in-process and collects what it prints. */
import { runCli } from "../../src/cli/cli";

export interface CliRun { code: number; out: string; err: string }

export async function cli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd });
  return { code, out, err };
}
