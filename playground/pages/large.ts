/**
 * Use Case Atlas (main.ts) over a vault made for the pattern comparison view: open it after
 * `node playground/build.mjs large --serve` at /large/, then click the ribbon's "Open pattern
 * comparison" (or run the command from the console: `playground.vault.runCommand(...)`).
 *
 *   /large/                 10,000 synthetic analyses (playground/seed-studies.ts)
 *   /large/?n=100000        any number of them
 *   /large/?vault=demo      the command-line demo's fictional studies (filled-in templates)
 *   …&theme=dark            the dark theme
 */
import UseCaseAtlasPlugin from "../../main";
import { startPlayground } from "../entry";
import { demoVault, syntheticVault } from "../seed-studies";

const query = new URLSearchParams(window.location.search);
const demo = query.get("vault") === "demo";
const n = Number(query.get("n") ?? "10000");
const count = Number.isInteger(n) && n >= 0 ? n : 10000;

void startPlayground({
  plugin: UseCaseAtlasPlugin,
  files: {
    "Inbox.md": demo
      ? "Sample data: every company and study in this vault is invented.\n"
      : `${count.toLocaleString("en")} synthetic studies for the pattern comparison view.\n`,
    ...(demo ? demoVault() : syntheticVault(count)),
  },
  open: "Inbox.md",
  // Obsidian's explorer is virtualised; a full list here would slow every frame of the page.
  fileListLimit: 200,
});
