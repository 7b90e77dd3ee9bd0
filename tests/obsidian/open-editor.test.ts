/**
 * Notes open in an editor (issue: "a note that is open in an editor"). In Obsidian the editor
 * holds the text and saves it about 2 s after the first unsaved change; the metadata cache hears
 * of it only after that save; writing the file under an editor with unsaved text makes Obsidian
 * merge the two (the cursor jumps, keystrokes can be lost). The harness models all of it (G19 in
 * tests/support/obsidian-gaps.ts) and records every merge; here the plugin must cause none: its
 * changes to an open note go through the editor as one transaction.
 *
 * The save delay is shortened to keep the tests quick; nothing here depends on its length.
 */
import type { Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import type { AtlasContext } from "../../src/obsidian/context";
import { type SyncService, setPatternChecked, syncServiceFor } from "../../src/obsidian/sync-service";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const Q = "Use cases/Q.md";
const OTHER = "Inbox.md";
const BODY = "# Study\n\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (Retrieve → Generate)\n- [ ] **Ensemble Model** (several)\n\nNotes.\n";
const CLEAN = `---\ntype: use-case-analysis\ncompany: Quillmart\n# my comment\npatterns: []\n---\n${BODY}`;
const SAVE_MS = 150;

let vault: TestVault;
let plugin: Plugin;
let sync: SyncService;

async function start(files: Record<string, string>): Promise<void> {
  vault = createTestVault(files, { editorSaveDelayMs: SAVE_MS });
  plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: {} });
  const s = syncServiceFor(vault.app);
  if (!s) throw new Error("the sync service did not start");
  sync = s;
  vault.writes.reset();
}

function ctx(): AtlasContext {
  return (plugin as unknown as { context(): AtlasContext }).context();
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Saves the editors, then waits until the cache and the sync have nothing left to do. */
async function quiet(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await vault.saveEditors();
    await sync.whenIdle();
    await vault.settle();
    if (sync.isIdle() && vault.unsaved().length === 0) return;
  }
  throw new Error("never went quiet");
}

afterEach(() => vault.destroy());

describe("a note open in an editor", () => {
  it("type, tick a box, keep typing across the sync: no keystroke lost, no merge, properties follow", async () => {
    await start({ [Q]: CLEAN });
    await vault.openFile(Q);
    const box = CLEAN.indexOf("- [ ] **RAG") + 3;
    vault.type(Q, "x", box, 1);
    let typed = "";
    // Keep typing at the end of the note until the sync's change has reached the editor, and a bit after.
    for (let i = 0, after = 0; i < 200 && after < 5; i++) {
      const word = `w${i} `;
      vault.type(Q, word, vault.editor(Q).getValue().length);
      typed += word;
      if (vault.editor(Q).getValue().includes("use-case/pattern/rag-pipeline")) after++;
      await sleep(25);
    }
    expect(vault.editor(Q).getValue()).toContain("use-case/pattern/rag-pipeline");
    await quiet();
    const text = vault.text(Q);
    expect(text.endsWith(`Notes.\n${typed}`)).toBe(true);
    expect(text).toContain("patterns: [RAG Pipeline]\ntags:\n  - use-case/pattern/rag-pipeline\n---\n");
    expect(text).toContain("- [x] **RAG Pipeline**");
    expect(vault.merges()).toEqual([]);
    // The sync wrote through the editor: no file write of the plugin's at all.
    expect(vault.writes.log).toEqual([]);
  });

  it("a cell ticked in the comparison: one transaction, cursor and unsaved typing kept, one undo takes back body and properties", async () => {
    await start({ [Q]: CLEAN });
    await vault.openFile(Q);
    const notesAt = CLEAN.indexOf("Notes.");
    vault.type(Q, "My unsaved words. ", notesAt);
    const editor = vault.editor(Q);
    const beforeToggle = editor.getValue();
    const cursor = editor.getCursor();
    const rest = beforeToggle.slice(editor.posToOffset(cursor));
    await setPatternChecked(ctx(), vault.file(Q), "Ensemble Model", true);
    const after = editor.getValue();
    expect(after).toContain("- [x] **Ensemble Model**");
    expect(after).toContain("patterns: [Ensemble Model]\n");
    expect(after).toContain("My unsaved words. Notes.");
    // The cursor stays after the typed words, before the same text (on a later line: the tags came in above).
    expect(rest.startsWith("Notes.")).toBe(true);
    expect(after.slice(editor.posToOffset(editor.getCursor()))).toBe(rest.replace("- [ ] **Ensemble", "- [x] **Ensemble"));
    expect(editor.getCursor().line).toBeGreaterThan(cursor.line);
    editor.undo();
    expect(editor.getValue()).toBe(beforeToggle);
    editor.redo();
    await quiet();
    expect(vault.merges()).toEqual([]);
    expect(vault.text(Q)).toBe(after);
    expect(vault.writes.log).toEqual([]);
  });

  it("a note open in two panes, or only in a popout window that is not active, counts as open", async () => {
    await start({ [Q]: CLEAN, [OTHER]: "Inbox\n" });
    await vault.openFile(Q, "window");
    await vault.openFile(OTHER, true);
    expect(vault.activeFile()?.path).toBe(OTHER);
    vault.type(Q, "Popout words. ", CLEAN.indexOf("Notes."));
    await setPatternChecked(ctx(), vault.file(Q), "RAG Pipeline", true);
    expect(vault.editor(Q).getValue()).toContain("Popout words. Notes.");
    expect(vault.editor(Q).getValue()).toContain("patterns: [RAG Pipeline]\n");
    await vault.openFile(Q, true);
    await setPatternChecked(ctx(), vault.file(Q), "Ensemble Model", true);
    await quiet();
    expect(vault.merges()).toEqual([]);
    expect(vault.text(Q)).toContain("patterns: [RAG Pipeline, Ensemble Model]\n");
    expect(vault.text(Q)).toContain("Popout words. Notes.");
  });

  it("a change made through the editor is not lost when the note is closed before it was saved", async () => {
    await start({ [Q]: CLEAN });
    const leaf = await vault.openFile(Q);
    await setPatternChecked(ctx(), vault.file(Q), "RAG Pipeline", true);
    expect(vault.unsaved()).toEqual([Q]);
    leaf.detach();
    await quiet();
    expect(vault.text(Q)).toContain("- [x] **RAG Pipeline**");
    expect(vault.text(Q)).toContain("patterns: [RAG Pipeline]\n");
  });

  it("a box follows a property typed in the editor, through the editor", async () => {
    await start({ [Q]: CLEAN });
    await vault.openFile(Q);
    vault.type(Q, "[Ensemble Model]", CLEAN.indexOf("[]"), 2);
    for (let i = 0; i < 100 && !vault.editor(Q).getValue().includes("- [x] **Ensemble"); i++) {
      vault.type(Q, ".", vault.editor(Q).getValue().length);
      await sleep(25);
    }
    await quiet();
    expect(vault.text(Q)).toContain("- [x] **Ensemble Model**");
    expect(vault.merges()).toEqual([]);
    expect(vault.writes.log).toEqual([]);
  });

  it("a note open nowhere is written with one Vault.process", async () => {
    await start({ [Q]: CLEAN });
    await setPatternChecked(ctx(), vault.file(Q), "RAG Pipeline", true);
    await quiet();
    expect(vault.writes.log).toEqual([{ op: "process", path: Q, changed: true }]);
  });
});
