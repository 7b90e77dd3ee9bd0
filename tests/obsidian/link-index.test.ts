/**
 * Gap G18 (tests/support/obsidian-gaps.ts): the raw mock resolves a link named by its file name
 * by listing the whole vault, once per link, so reading a large test vault costs n². The harness
 * answers from an index by name kept in step with the vault's file map. These tests show the
 * raw mock's scan, and that the index gives the mock's own answers through creates, renames
 * (of files and folders) and deletes.
 */
import type { TFile } from "obsidian-test-mocks/obsidian";
import { App } from "obsidian-test-mocks/obsidian";
import { createTestVault } from "../support/obsidian-env";

interface Resolver { getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null }

/** The mock's own rule, written out: by path, by path + ".md", else the first file with that basename or name. */
function byScan(app: App, linkpath: string): string | null {
  const direct = app.vault.getFileByPath(linkpath) ?? app.vault.getFileByPath(`${linkpath}.md`);
  if (direct) return direct.path;
  return app.vault.getFiles().find((f) => f.basename === linkpath || f.name === linkpath)?.path ?? null;
}

const NAMES = ["A", "A.md", "B", "Notes/A", "Notes/A.md", "C", "c", "Deep/Notes/A", "x.png", "x", "Nope"];

function expectSameAnswers(app: App): void {
  const resolver = app.metadataCache as unknown as Resolver;
  for (const name of NAMES) expect([name, resolver.getFirstLinkpathDest(name, "")?.path ?? null]).toEqual([name, byScan(app, name)]);
}

describe("link targets by name (gap G18)", () => {
  it("the raw mock lists every file of the vault to resolve a link by name", () => {
    const app = App.createConfigured__({ files: { "Notes/A.md": "", "B.md": "" } });
    const listed = jest.spyOn(app.vault, "getFiles");
    (app.metadataCache as unknown as Resolver).getFirstLinkpathDest("A", "");
    expect(listed).toHaveBeenCalled();
  });

  it("the harness answers from its index without listing the vault", () => {
    const vault = createTestVault({ "Notes/A.md": "", "B.md": "" }, { mount: null });
    const listed = jest.spyOn(vault.mock.vault, "getFiles");
    expect((vault.mock.metadataCache as unknown as Resolver).getFirstLinkpathDest("A", "")?.path).toBe("Notes/A.md");
    expect((vault.mock.metadataCache as unknown as Resolver).getFirstLinkpathDest("Nope", "")).toBeNull();
    expect(listed).not.toHaveBeenCalled();
    vault.destroy();
  });

  it("gives the mock's answers through creates, renames and deletes", async () => {
    const vault = createTestVault({ "Notes/A.md": "[[B]]", "B.md": "", "Deep/Notes/C.md": "", "x.png": "" }, { mount: null });
    const app = vault.mock;
    expectSameAnswers(app);
    await vault.write("Other/A.md", "a second A");
    expectSameAnswers(app);
    await vault.rename("Notes/A.md", "Notes/Renamed.md");
    expectSameAnswers(app);
    await vault.rename("Other/A.md", "Other/c.md");
    expectSameAnswers(app);
    await app.vault.rename(app.vault.getFolderByPath("Deep")!, "Moved");
    expectSameAnswers(app);
    await vault.remove("B.md");
    expectSameAnswers(app);
    await vault.write("B.md", "back");
    expectSameAnswers(app);
    vault.destroy();
  });
});
