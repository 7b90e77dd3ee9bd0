// The in-memory Obsidian needs a DOM; tests that run with `@jest-environment node`
// (the command-line tool, HTTP servers) do without it.
if (typeof document !== "undefined") require("obsidian-test-mocks/jest-setup");
// Obsidian (Electron) has TextEncoder / TextDecoder; jsdom's window does not: Node's are the same API.
if (typeof globalThis.TextDecoder === "undefined") globalThis.TextDecoder = require("util").TextDecoder;
if (typeof globalThis.TextEncoder === "undefined") globalThis.TextEncoder = require("util").TextEncoder;
// Property runs: one setting for every test (UCA_FC_RUNS multiplies them).
require("./fast-check.ts").configureFastCheck();
