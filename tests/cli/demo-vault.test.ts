/** @jest-environment node */
/**
 * The demo vault as data (src/cli/demo-vault.ts), which both `use-case-atlas demo` and the
 * browser playground's demo-vault page use: the verb writes exactly these notes, every time the
 * same bytes, and the article notes are the plugin's own kind (a "Cited by" list naming the
 * analyses that link them). That enabling the plugin over it writes nothing is checked in
 * Chromium (tests/browser/e2e-sync-articles.test.ts).
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative, sep } from "path";
import { currentCitedBy } from "../../src/core/articles";
import { readFrontmatter } from "../../src/core/frontmatter";
import { buildDemoVault, DEMO_MARKER } from "../../src/cli/demo-vault";
import { ANALYSIS_TYPE, ARTICLE_TYPE, CASE_STUDY_TYPE } from "../../src/core/study";
import { tempDir, writeFiles } from "../support/temp-vault";
import { cli } from "./run";


function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(root, abs).split(sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

function typeOf(text: string): unknown {
  const fm = readFrontmatter(text);
  return fm.kind === "ok" ? fm.data.type : null;
}

describe("the demo vault's notes", () => {
  const notes = buildDemoVault();

  it("are the same bytes on every build", () => {
    expect([...buildDemoVault()]).toEqual([...notes]);
  });

  it("hold 12 analyses, 4 case studies, their articles and the marker note", () => {
    const types = [...notes.values()].map(typeOf);
    expect(types.filter((t) => t === ANALYSIS_TYPE)).toHaveLength(12);
    expect(types.filter((t) => t === CASE_STUDY_TYPE)).toHaveLength(4);
    expect(types.filter((t) => t === ARTICLE_TYPE).length).toBeGreaterThanOrEqual(12);
    expect(notes.has(DEMO_MARKER)).toBe(true);
  });

  it("list under every article's \"Cited by\" exactly the analyses whose articles property links it", () => {
    const analyses = [...notes].filter(([, text]) => typeOf(text) === ANALYSIS_TYPE);
    const base = (p: string): string => p.replace(/^.*\//, "").replace(/\.md$/, "");
    // Obsidian's link text: the name, or the path when another note has the same name (a case study has its analysis' name).
    const linkText = (p: string): string => [...notes.keys()].filter((q) => base(q) === base(p)).length > 1 ? p.replace(/\.md$/, "") : base(p);
    for (const [path, text] of notes) {
      if (typeOf(text) !== ARTICLE_TYPE) continue;
      const name = path.replace(/^.*\//, "").replace(/\.md$/, "");
      const citing = analyses.filter(([, t]) => {
        const fm = readFrontmatter(t);
        return fm.kind === "ok" && Array.isArray(fm.data.articles) && fm.data.articles.includes(`[[${name}]]`);
      }).map(([p]) => linkText(p)).sort();
      const listed = (currentCitedBy(text) ?? []).map((l) => /\[\[([^\]]+)\]\]/.exec(l)?.[1]).filter((n) => n !== undefined);
      // (Their order is citedBySection's, tested with it.)
      expect({ path, listed: [...listed].sort() }).toEqual({ path, listed: citing });
      expect(citing.length).toBeGreaterThan(0);
    }
    // Case studies have names of their own ("… (case study)"), so no link needs a folder path.
    expect([...notes.values()].filter((t) => t.includes("[[Use cases/") || t.includes("[[Case studies/"))).toEqual([]);
  });

  it("are what `use-case-atlas demo` writes to disk, byte for byte", async () => {
    const root = tempDir("uca-demo-");
    const dir = join(root, "vault");
    const r = await cli(["demo", dir]);
    expect(r.code).toBe(0);
    expect(filesUnder(dir)).toEqual([...notes.keys()].sort());
    for (const [path, text] of notes) expect(readFileSync(join(dir, ...path.split("/")), "utf8")).toBe(text);
    // It says how many notes `check` will list, and `check` lists that many.
    const said = /lists the (\d+) notes left wrong on purpose/.exec(r.err)?.[1];
    const checked = await cli(["check", dir]);
    const listed = new Set(checked.out.split("\n").filter((l) => l !== "").map((l) => l.slice(0, l.indexOf(".md:") + 3)));
    expect({ said: Number(said), listed: listed.size }).toEqual({ said: listed.size, listed: listed.size });
    expect(listed.size).toBeGreaterThan(0);
  });
});

describe("use-case-atlas demo --force", () => {
  const notes = buildDemoVault();
  it("writes the demo's notes again and keeps every note the user added", async () => {
    const dir = join(tempDir("uca-demo-force-"), "vault");
    expect((await cli(["demo", dir])).code).toBe(0);
    writeFiles(dir, { "My own note.md": "mine\n", "Use cases/Mine too.md": "also mine\n", ".obsidian/app.json": "{}" });
    const demoNote = [...notes.keys()].find((p) => p.startsWith("Use cases/")) ?? "";
    writeFiles(dir, { [demoNote]: "changed by hand\n" });
    const r = await cli(["demo", dir, "--force"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Kept 2 notes the demo did not write: My own note.md, Use cases/Mine too.md.");
    expect(readFileSync(join(dir, "My own note.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, "Use cases/Mine too.md"), "utf8")).toBe("also mine\n");
    expect(readFileSync(join(dir, ".obsidian/app.json"), "utf8")).toBe("{}");
    expect(readFileSync(join(dir, ...demoNote.split("/")), "utf8")).toBe(notes.get(demoNote));
  });

  it.each([
    [["demo", "DIR", "--install-plugin"], /^demo: --install-plugin needs the plugin's folder/],
    [["demo", "DIR", "--install-plugin", "--force"], /^demo: --install-plugin needs the plugin's folder/],
    [["demo", "DIR", "--install-plugin", "/no/such/repo"], /^demo: main\.js not found in \/no\/such\/repo/],
  ])("%j: a usage message, exit 2, nothing written", async (argv, message) => {
    const parent = tempDir("uca-demo-bad-");
    const r = await cli(argv.map((a) => (a === "DIR" ? join(parent, "vault") : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(readdirSync(parent)).toEqual([]);
  });
});
