/** @jest-environment node */
/**
 * The unit project's test runner ends each worker process with `process.exit` once the worker is
 * idle (tests/support/test-runner.cjs): only then, never while something is still open.
 */
import { spawn } from "child_process";
import { EventEmitter } from "events";
import { resolve } from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the runner is CommonJS, loaded by Jest by path
const { exitWhenIdle } = require("./test-runner.cjs") as { exitWhenIdle: (proc: unknown) => void };
const RUNNER = resolve(__dirname, "test-runner.cjs");

/** A stand-in for `process`: events, and `send` when it has a channel to a parent. */
function fakeProcess(channel: boolean): EventEmitter & { exit: jest.Mock; send?: () => void } {
  const proc = Object.assign(new EventEmitter(), { exit: jest.fn() });
  return channel ? Object.assign(proc, { send: (): void => undefined }) : proc;
}

describe("exitWhenIdle", () => {
  it("exits a worker process when its event loop is empty, not before", () => {
    const proc = fakeProcess(true);
    exitWhenIdle(proc);
    expect(proc.exit).not.toHaveBeenCalled();
    proc.emit("beforeExit", 0);
    expect(proc.exit).toHaveBeenCalledTimes(1);
  });

  it("listens once, however often it is loaded", () => {
    const proc = fakeProcess(true);
    exitWhenIdle(proc);
    exitWhenIdle(proc);
    expect(proc.listenerCount("beforeExit")).toBe(1);
  });

  it("leaves a process without a channel to Jest alone (Jest run in band)", () => {
    const proc = fakeProcess(false);
    exitWhenIdle(proc);
    expect(proc.listenerCount("beforeExit")).toBe(0);
  });
});

/**
 * A process standing in for a Jest worker: it loads the runner, waits for Jest's "end" message
 * (then stops listening, as Jest's worker does), and says how it exited. With `server`, it still
 * has a server open when the message comes, and closes it a moment later.
 */
const WORKER = `
  const fs = require("fs");
  require(process.argv[1]);
  let closed = null;
  const server = process.argv[2] === "server" ? require("net").createServer() : null;
  if (server) server.listen(0, "127.0.0.1");
  const onEnd = () => {
    process.removeListener("message", onEnd);
    if (server) setTimeout(() => server.close(() => { closed = true; }), 100);
  };
  process.on("message", onEnd);
  process.on("exit", (code) => {
    const byExit = new Error().stack.split("\\n").some((l) => /\\bprocess\\.exit\\b/.test(l));
    fs.writeSync(1, JSON.stringify({ code, byExit, closed }));
  });
  process.send("ready");
`;

function worker(kind: "idle" | "server"): Promise<{ code: number; byExit: boolean; closed: boolean | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["-e", WORKER, RUNNER, kind], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => { out += b.toString("utf8"); });
    child.once("message", () => child.send("end"));
    child.once("error", fail);
    child.once("close", () => {
      try { done(JSON.parse(out) as { code: number; byExit: boolean; closed: boolean | null }); } catch (e) { fail(e instanceof Error ? e : new Error(String(e))); }
    });
  });
}

describe("a worker process that loaded the runner", () => {
  it("exits through process.exit once Jest has ended it and nothing is left open", async () => {
    expect(await worker("idle")).toEqual({ code: 0, byExit: true, closed: null });
  });

  it("waits for what is still open (a leak still keeps it, and Jest still warns)", async () => {
    expect(await worker("server")).toEqual({ code: 0, byExit: true, closed: true });
  });
});
