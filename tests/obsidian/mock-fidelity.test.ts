/**
 * How faithful is the in-memory Obsidian's metadata cache to the real app? Every captured note
 * (tests/fixtures/obsidian-captured: what Obsidian's own getFileCache returned) goes into
 * a vault, and each field of the cache is compared with Obsidian's — for the raw mock and for
 * our harness (the mock with frontmatter from our core reader).
 *
 * tests/approved/mock-fidelity.approved.json lists, per field, the notes that differ. Every
 * other note must agree exactly, and every listed note must still differ: the test fails when
 * fidelity changes in either direction. Re-measure with
 *   UPDATE_APPROVED=1 npx jest tests/obsidian/mock-fidelity
 * then read the diff of the approved file and update docs/obsidian-mock-fidelity.md.
 */
import { readFileSync, writeFileSync } from "fs";
import { resolve } from "path";
import { isDeepStrictEqual } from "util";
import type { CachedMetadata } from "obsidian";
import { App } from "obsidian-test-mocks/obsidian";
import { type CapturedNote, loadCaptured } from "../support/captured";
import { createTestVault } from "../support/obsidian-env";

const APPROVED = resolve(__dirname, "../approved/mock-fidelity.approved.json");

type Field = (cache: CachedMetadata) => unknown;

/** What is compared: the parts of the cache glue code might read, each as plain data. */
const FIELDS: Record<string, Field> = {
  frontmatter: (c) => c.frontmatter,
  frontmatterPosition: (c) => c.frontmatterPosition,
  frontmatterLinks: (c) => c.frontmatterLinks,
  "listItems: line and task character": (c) => (c.listItems ?? []).map((i) => [i.position.start.line, i.task ?? null]),
  "listItems: positions and parents": (c) => (c.listItems ?? []).map((i) => ({ position: i.position, parent: i.parent })),
  "headings: level, text, position": (c) => (c.headings ?? []).map((h) => ({ level: h.level, heading: h.heading, position: h.position })),
  "tags: tag and position": (c) => (c.tags ?? []).map((t) => ({ tag: t.tag, position: t.position })),
};

type Mode = "mock" | "harness";

/** Each way of building the vault, returning every note's cache. */
const MODES: Record<Mode, (notes: CapturedNote[]) => (path: string) => CachedMetadata | null> = {
  mock: (notes) => {
    const app = App.createConfigured__({ files: Object.fromEntries(notes.map((n) => [n.filePath, n.fileContents])) });
    return (path) => app.metadataCache.getCache(path);
  },
  harness: (notes) => {
    const vault = createTestVault(Object.fromEntries(notes.map((n) => [n.filePath, n.fileContents])), { mount: null });
    return (path) => vault.cache(path);
  },
};

interface Approved {
  files: number;
  differ: Record<Mode, Record<string, string[]>>;
}

const notes = loadCaptured();

function measure(): Approved {
  const differ = {} as Approved["differ"];
  for (const [mode, build] of Object.entries(MODES) as [Mode, (typeof MODES)[Mode]][]) {
    const cacheOf = build(notes);
    differ[mode] = {};
    for (const [name, field] of Object.entries(FIELDS)) {
      differ[mode][name] = notes
        .filter((n) => !isDeepStrictEqual(field(cacheOf(n.filePath) ?? {}), field(n.cachedMetadata as CachedMetadata)))
        .map((n) => n.file);
    }
  }
  return { files: notes.length, differ };
}

if (process.env.UPDATE_APPROVED === "1") writeFileSync(APPROVED, `${JSON.stringify(measure(), null, 2)}\n`);
const approved = JSON.parse(readFileSync(APPROVED, "utf8")) as Approved;

describe("the in-memory Obsidian's metadata cache against the real Obsidian", () => {
  it("measures every captured note", () => {
    expect(notes.length).toBe(approved.files);
  });

  describe.each(Object.keys(MODES) as Mode[])("%s", (mode) => {
    const cacheOf = MODES[mode](notes);

    it.each(Object.keys(FIELDS))("%s: agrees exactly except on the approved notes, which still differ", (name) => {
      const field = FIELDS[name];
      const expectedToDiffer = new Set(approved.differ[mode][name]);
      const surprises: string[] = [];
      for (const note of notes) {
        const ours = field(cacheOf(note.filePath) ?? {});
        const obsidian = field(note.cachedMetadata as CachedMetadata);
        const same = isDeepStrictEqual(ours, obsidian);
        if (!same && !expectedToDiffer.has(note.file)) {
          surprises.push(`${note.file} now differs: ${JSON.stringify(ours)} ≠ Obsidian ${JSON.stringify(obsidian)}`);
        }
        if (same && expectedToDiffer.has(note.file)) surprises.push(`${note.file} now agrees (remove it from the approved list)`);
      }
      expect(surprises).toEqual([]);
    });
  });

  it("the harness agrees with Obsidian wherever the raw mock does", () => {
    for (const name of Object.keys(FIELDS)) {
      const harnessOnly = approved.differ.harness[name].filter((f) => !approved.differ.mock[name].includes(f));
      expect({ field: name, worseInHarness: harnessOnly }).toEqual({ field: name, worseInHarness: [] });
    }
  });
});
