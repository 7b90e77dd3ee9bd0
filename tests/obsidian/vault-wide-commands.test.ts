/**
 * Commands that work over the whole vault take what they can from the metadata cache instead of
 * reading notes: "Sync all use-case notes" reads only notes whose cache shows a frontmatter block
 * it could not parse, and the value picker of "Rename … across vault" gathers its values once per
 * opening, not on every keystroke.
 */
import UseCaseAtlasPlugin from "../../main";
import { mayHoldFrontmatter } from "../../src/obsidian/sync-service";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const STUDY = "---\ntype: use-case-analysis\ncompany: Quillmart\npatterns: [Hybrid Retrieval]\n---\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline**\n";
const BROKEN = "---\ntype: use-case-analysis\ncompany: [unclosed\n---\n- [ ] A\n";

function vaultOf(plain: number): Record<string, string> {
  const files: Record<string, string> = { "Use cases/Study.md": STUDY, "Use cases/Broken.md": BROKEN, "Other/Yaml.md": "---\ntitle: mine\n---\ntext\n" };
  for (let i = 0; i < plain; i++) files[`Journal/Day ${i}.md`] = `# Day ${i}\n\n- [ ] a task\n`;
  return files;
}

let vault: TestVault | undefined;
afterEach(() => { vault?.destroy(); vault = undefined; });

describe("telling study notes from the cache", () => {
  it.each([
    ["a note not indexed yet", null, true],
    ["a note with a frontmatter block the parser gave up on", { sections: [{ type: "yaml" }] }, true],
    ["a note with a frontmatter position", { frontmatterPosition: {} }, true],
    ["a note that starts with a heading", { sections: [{ type: "heading" }] }, false],
    ["an empty note", {}, false],
  ])("%s may hold frontmatter: %s", (_name, cache, expected) => {
    expect(mayHoldFrontmatter(cache as never)).toBe(expected);
  });

  it("Sync all reads only the notes whose frontmatter the cache could not read", async () => {
    const v = createTestVault(vaultOf(200));
    vault = v;
    await v.loadPlugin(UseCaseAtlasPlugin);
    const read = jest.spyOn(v.app.vault, "cachedRead");
    const readFully = jest.spyOn(v.app.vault, "read");
    await v.runCommand("sync-all-notes");
    await v.settle();
    const paths = [...read.mock.calls, ...readFully.mock.calls].map(([file]) => file.path);
    expect(paths.filter((p) => p.startsWith("Journal/"))).toEqual([]);
    expect(paths).toContain("Use cases/Broken.md");
    expect(v.notices().at(-1)).toMatch(/Synced 2 notes: .*1 needs attention/);
  });
});

describe("Rename across vault: the value picker", () => {
  it("gathers the values once per opening, however much the user types", async () => {
    const v = createTestVault(vaultOf(100));
    vault = v;
    await v.loadPlugin(UseCaseAtlasPlugin);
    const lookups = jest.spyOn(v.app.metadataCache, "getFileCache");
    await v.runCommand("rename-pattern");
    const afterOpen = lookups.mock.calls.length;
    expect(afterOpen).toBeGreaterThanOrEqual(100);
    const input = document.body.querySelector<HTMLInputElement>(".prompt-input");
    expect(input).not.toBeNull();
    for (const typed of ["h", "hy", "hyb", "hybr", "hybri"]) {
      input!.value = typed;
      input!.dispatchEvent(new Event("input"));
      await v.settle();
    }
    expect(lookups.mock.calls.length).toBe(afterOpen);
    const shown = Array.from(document.body.querySelectorAll(".prompt .suggestion-item")).map((el) => el.textContent);
    expect(shown).toContain("Hybrid Retrieval");
  });
});
