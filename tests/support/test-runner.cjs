/**
 * The unit project's test runner: Jest's own (jest-circus), loaded once in each worker process,
 * which also ends that worker as soon as it has nothing left to do.
 *
 * Jest ends a run by asking each worker to stop and gives it 500 ms to exit on its own before
 * killing it ("A worker process has failed to exit gracefully"). A worker of this suite has
 * nothing left open by then, but exiting on its own is slow: Node first frees the engine's heap
 * (several hundred megabytes after a hundred test files) page by page, which on a busy two-core
 * machine took longer than the 500 ms. `process.exit` leaves the memory to the system instead.
 *
 * It only ever runs once the worker's event loop is empty ('beforeExit'): a worker that a test
 * left a server, child process, watcher or timer open in never gets there, and Jest still warns.
 */
const circus = require("jest-circus/runner");

/** In a worker process (a Node child with a channel to Jest), exit at once when idle. */
function exitWhenIdle(proc = process) {
  if (typeof proc.send !== "function" || proc.ucaExitWhenIdle) return;
  proc.ucaExitWhenIdle = true;
  proc.once("beforeExit", () => proc.exit());
}

exitWhenIdle();

module.exports = (...args) => circus(...args);
module.exports.exitWhenIdle = exitWhenIdle;
