/**
 * Builds a browser playground page (playground/build.mjs) and serves it on a free port of
 * 127.0.0.1, for the benches that drive it in headless Chromium.
 */
import { type ChildProcess, spawn } from "node:child_process";

/** Starts the server for `page`; `out` builds into that folder instead of .playground-build/. */
export function servePlayground(page: string, out?: string): Promise<{ server: ChildProcess; base: string }> {
  return new Promise((done, fail) => {
    const args = ["playground/build.mjs", page, "--serve", "--port", "0", ...(out === undefined ? [] : ["--out", out])];
    const server = spawn(process.execPath, args, { cwd: process.cwd() });
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
