/**
 * Use Case Atlas (main.ts) over a vault with a large use-case collection, for the library view:
 * open it after `node playground/build.mjs library --serve` at /library/, then click the ribbon's
 * "Open use-case library" (or `playground.vault.runCommand("open-use-case-library")`).
 *
 *   /library/               10,000 generated entries with every quirk of the real data
 *                           (tests/support/collection.ts) and 200 analyses citing some of them
 *   /library/?n=2000        any number of entries
 *   …&theme=dark            the dark theme
 */
import UseCaseAtlasPlugin from "../../main";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { collectionFiles, quirkyRows } from "../../tests/support/collection";
import { startPlayground } from "../entry";

const query = new URLSearchParams(window.location.search);
const n = Number(query.get("n") ?? "10000");
const count = Number.isInteger(n) && n >= 12 ? n : 10000;
const rows = quirkyRows(count + Math.ceil(count / 20), 11).filter((r) => Number(r.year) >= 2022).slice(0, count);

const files: Record<string, string> = {
  "Inbox.md": `A use-case collection of ${count.toLocaleString("en")} generated entries (invented companies and addresses).\n`,
  ...Object.fromEntries(collectionFiles(rows, "ML_LLM_Use_Cases_2022+")),
};
for (let i = 0; i < 200; i++) {
  const list = rows.slice(i * 10, i * 10 + 4).map((r, k) => `${k + 1}. ${r.company} — <${r.link.trim()}>`).join("\n");
  files[`Use cases/Analysis ${i}.md`] = `---\ntype: use-case-analysis\ncompany: Company ${i}\n---\n${BUNDLED_DEEP_DIVE_TEMPLATE.replace("{{articles}}", list)}`;
}

void startPlayground({
  plugin: UseCaseAtlasPlugin,
  files,
  open: "Inbox.md",
  // Obsidian's explorer is virtualised; a full list here would slow every frame of the page.
  fileListLimit: 200,
});
