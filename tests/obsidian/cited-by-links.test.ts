/**
 * Cited by reads the `articles` property's links as `check` does (src/core/links.ts): a markdown
 * link with an escaped name (`[Note](Folder/My%20Note.md)`) cites the note, as a wikilink does.
 */
import { citingAnalyses } from "../../src/obsidian/articles";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const ARTICLE = "---\ntype: use-case-article\nurl: https://acme.example/post\n---\n# Post\n";
const analysis = (entry: string): string => `---\ntype: use-case-analysis\narticles:\n  - ${JSON.stringify(entry)}\n---\n# Acme\n`;

let vault: TestVault;
afterEach(() => vault.destroy());

describe("Cited by and the articles property's links", () => {
  it.each([
    ["a markdown link with %20", "[Note](Folder/My%20Note.md)"],
    ["a markdown link in angle brackets", "[Note](<Folder/My Note.md>)"],
    ["a wikilink with an alias", "[[Folder/My Note|Note]]"],
  ])("%s cites the note", async (_what, entry) => {
    vault = createTestVault({ "Folder/My Note.md": ARTICLE, "Use cases/A.md": analysis(entry), "Use cases/B.md": analysis("[[Elsewhere]]") });
    await vault.settle();
    expect(citingAnalyses(vault.app, vault.file("Folder/My Note.md")).map((f) => f.path)).toEqual(["Use cases/A.md"]);
  });
});
