/** Node entry point of the command-line tool (bundled to dist/cli.cjs). */
import { runCli } from "./cli";

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
}).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`use-case-atlas: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
