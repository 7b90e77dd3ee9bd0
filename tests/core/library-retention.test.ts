/**
 * @jest-environment node
 *
 * What the library keeps of a note's text. A string cut out of a text (a slice, a pattern's match)
 * may keep the whole text alive in the JavaScript engine for as long as the cut string lives.
 * The library keeps what it reads of notes for as long as the vault is open (the plugin's index
 * of who cites what), or while it reads 10,000 more (the command line): nothing it keeps may hold
 * on to the text it was read from. Measured on the engine's heap, after a full collection: forty
 * notes of a megabyte each, the text given up once read.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readEntry, studyReferences } from "../../src/core/library";
import { bundledTaxonomy } from "../../src/core/settings";
import { BUNDLED_DEEP_DIVE_TEMPLATE } from "../../src/core/taxonomy";
import { collectionFiles, quirkyRows } from "../support/collection";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

const NOTES = 40;
const PAD = 1 << 20;

/** The heap's growth, in megabytes, while what `keep` returns for NOTES padded texts is alive (the texts are not). */
function growth(keep: (i: number) => unknown): { mb: number; kept: unknown[] } {
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < NOTES; i++) kept.push(keep(i));
  collect();
  collect();
  return { mb: (process.memoryUsage().heapUsed - before) / (1 << 20), kept };
}

/** A megabyte of prose, different for each note (no two texts share their characters). */
const prose = (i: number): string => `${`Note ${i}: `.padEnd(PAD, `lorem ipsum ${i} `)}\n`;

describe("nothing the library keeps holds on to a note's text", () => {
  it("a study's citations (the plugin keeps them while the vault is open)", () => {
    const { mb, kept } = growth((i) => studyReferences(
      `---\ntype: use-case-analysis\narticles:\n  - "[[Parcelly - Route planning ${i}]]"\n  - '[[Parcelly - Dispatch at scale ${i}]]'\n---\n` +
      BUNDLED_DEEP_DIVE_TEMPLATE.replace("{{articles}}", `1. Route planning — <https://eng.parcelly.example/blog/route-planning-${i}>\n2. [[Parcelly - ETA ${i}]]`) +
      prose(i),
    ));
    expect(kept[3]).toEqual({ urls: ["https://eng.parcelly.example/blog/route-planning-3"], targets: ["Parcelly - ETA 3", "Parcelly - Route planning 3", "Parcelly - Dispatch at scale 3"] });
    expect(mb).toBeLessThan(NOTES / 4);
  });

  it("an entry of the collection, and its listing", () => {
    const folder = "ML_LLM_Use_Cases_2022+";
    const taxonomy = { categories: bundledTaxonomy().categories, industries: bundledTaxonomy().industries };
    const files = [...collectionFiles(quirkyRows(NOTES * 3, 5), folder)].filter(([p]) => !p.endsWith("README.md")).slice(0, NOTES);
    expect(files).toHaveLength(NOTES);
    for (const details of [true, false]) {
      const { mb, kept } = growth((i) => {
        const [path, text] = files[i] ?? ["", ""];
        const padded = `${text}\n${prose(i)}`;
        return details ? readEntry(path, padded, folder, taxonomy) : readEntry(path, padded, folder, taxonomy, false);
      });
      expect(kept.every((e) => e !== null)).toBe(true);
      expect(mb).toBeLessThan(NOTES / 4);
    }
  });
});
