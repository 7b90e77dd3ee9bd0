// The in-memory Obsidian needs a DOM; tests that run with `@jest-environment node`
// (the command-line tool, HTTP servers) do without it.
if (typeof document !== "undefined") require("obsidian-test-mocks/jest-setup");
// Property runs: one setting for every test (UCA_FC_RUNS multiplies them).
require("./fast-check.ts").configureFastCheck();
