#!/usr/bin/env node
// Entry point of the command-line tool; the code is bundled to dist/cli.cjs by `npm install` (prepare).
require("../dist/cli.cjs");
