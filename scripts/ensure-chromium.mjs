// Runs before `npm test`: the browser tests drive Debian's Chromium (/usr/bin/chromium) with
// playwright-core; no test tool ever downloads a browser. On a fresh Debian machine where we are
// root, install the package; anywhere else, say exactly what is missing.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const CHROMIUM = "/usr/bin/chromium";
if (existsSync(CHROMIUM) || process.env.UCA_SKIP_BROWSER === "1") process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
let hasApt = false;
try { execSync("command -v apt-get", { stdio: "ignore" }); hasApt = true; } catch { /* no apt */ }
if (!isRoot || !hasApt) {
  console.error(`The browser tests need Debian's Chromium at ${CHROMIUM}.
Install it with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
(or run the other tests only with UCA_SKIP_BROWSER=1 npm test).`);
  process.exit(1);
}
console.log("Installing Debian's chromium for the browser tests (apt-get)…");
execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium",
  { stdio: "inherit", shell: "/bin/bash" });
