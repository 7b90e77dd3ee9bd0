/** The browser playground's /large/ page served on a free port, for the Chromium benches. */
import { type ChildProcess, spawn } from "node:child_process";

export function startServer(): Promise<{ server: ChildProcess; base: string }> {
  return new Promise((done, fail) => {
    const server = spawn(process.execPath, ["playground/build.mjs", "large", "--serve", "--port", "0"], { cwd: process.cwd() });
    let output = "";
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) done({ server, base: m[1] });
    };
    server.stdout?.on("data", read);
    server.stderr?.on("data", read);
    server.on("exit", (code) => fail(new Error(`the playground server exited (${String(code)}):\n${output}`)));
  });
}
