/**
 * How faithful is obsidian-test-mocks' metadata cache to the real Obsidian? Measured on every
 * captured note. The differences are pinned in tests/approved/mock-fidelity.approved.json so this
 * test fails when fidelity changes either way (then update the list and
 * docs/obsidian-mock-fidelity.md). Our own reader is the truth about markdown; glue tests must not
 * rely on the mock's cache where it differs.
 */
import { readFileSync, writeFileSync } from "fs";
import { resolve } from "path";
import { isDeepStrictEqual } from "util";
import { TFile } from "obsidian";
import { loadCaptured } from "../support/captured";
import { createApp } from "../support/obsidian-env";

const APPROVED = resolve(__dirname, "../approved/mock-fidelity.approved.json");

interface Fidelity { [field: string]: string[] }

async function measure(): Promise<{ differ: Fidelity; files: number }> {
  const notes = loadCaptured();
  const app = createApp(Object.fromEntries(notes.map((n) => [n.filePath, n.fileContents])));
  const differ: Fidelity = { frontmatter: [], tasks: [], headings: [], tags: [] };
  for (const note of notes) {
    const file = app.vault.getAbstractFileByPath(note.filePath);
    if (!(file instanceof TFile)) throw new Error(`mock vault lost ${note.filePath}`);
    const cache = app.metadataCache.getFileCache(file as never) ?? {};
    const real = note.cachedMetadata;
    if (!isDeepStrictEqual(cache.frontmatter, real.frontmatter)) differ.frontmatter.push(note.file);
    const tasks = (items: { task?: string; position: { start: { line: number } } }[] | undefined): string[] =>
      (items ?? []).filter((i) => i.task !== undefined).map((i) => `${i.position.start.line}:${i.task}`);
    if (tasks(cache.listItems).join() !== tasks(real.listItems).join()) differ.tasks.push(note.file);
    const heads = (hs: { heading: string; level: number }[] | undefined): string => (hs ?? []).map((h) => `${h.level}${h.heading}`).join("|");
    if (heads(cache.headings) !== heads(real.headings)) differ.headings.push(note.file);
    const tags = (ts: { tag: string }[] | undefined): string => (ts ?? []).map((t) => t.tag).join();
    if (tags(cache.tags) !== tags(real.tags)) differ.tags.push(note.file);
  }
  return { differ, files: notes.length };
}

describe("obsidian-test-mocks' metadata cache against the real Obsidian", () => {
  it("differs exactly where the approved list says", async () => {
    const { differ, files } = await measure();
    if (process.env.UPDATE_APPROVED === "1") writeFileSync(APPROVED, JSON.stringify({ files, differ }, null, 2) + "\n");
    const approved = JSON.parse(readFileSync(APPROVED, "utf8")) as { files: number; differ: Fidelity };
    expect({ files, differ }).toEqual(approved);
  });
});
