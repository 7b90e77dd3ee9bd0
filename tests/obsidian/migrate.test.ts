/**
 * "Update notes to the template" in the in-memory Obsidian (the real plugin, main.ts): the
 * preview counts and lists what each note gains and what is left alone, writing nothing; the
 * confirmed pass writes each note once, in step with its properties (the sync has nothing left
 * to do); notes open with unsaved edits, broken notes and notes that cannot be written are left
 * alone; Cancel stops between notes.
 *
 * Unsaved edits: Obsidian saves an editor's text a moment after typing stops; until then the
 * editor holds text the file does not. The stand-in editor saves on every keystroke, so the
 * test puts text into the editor without saving, which is the state the real app is in.
 */
import { MarkdownView, type Plugin } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import { previewMigration, runMigration } from "../../src/obsidian/migrate-service";
import type { SyncService } from "../../src/obsidian/sync-service";
import { createTestVault, type TestVault } from "../support/obsidian-env";
import { contextOf, quiet as allQuiet, startPlugin } from "../support/plugin-start";

const TEMPLATE = "---\ntemplate-version: 2\n---\n## Deployment Pattern\n- [ ] Batch Inference (offline)\n- [ ] Real-Time Inference (API)\n\n## APPENDIX: ANALYSIS CHECKLIST\n**Scale**:\n- [ ] How do they handle 10x growth?\n";
const OLD = "---\ntype: use-case-analysis\ncompany: Quillmart\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference (offline)\n\n## APPENDIX: ANALYSIS CHECKLIST\n**Scale**:\n";
const NEW = "---\ntype: use-case-analysis\ncompany: Quillmart\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\ntemplate-version: 2\n---\n## Deployment Pattern\n- [x] Batch Inference (offline)\n- [ ] Real-Time Inference (API)\n\n## APPENDIX: ANALYSIS CHECKLIST\n**Scale**:\n- [ ] How do they handle 10x growth?\n";
const BROKEN = "---\ntype: use-case-analysis\ncompany: [unclosed\n---\n## Deployment Pattern\n";
const DATA = { settings: { deepDiveTemplate: "Templates/Deep dive.md" } };

let vault: TestVault;
let plugin: Plugin;
let sync: SyncService;

async function start(files: Record<string, string>): Promise<void> {
  ({ vault, plugin, sync } = await startPlugin({ "Templates/Deep dive.md": TEMPLATE, ...files }, DATA, { settle: true }));
}

function quiet(): Promise<void> {
  return allQuiet({ vault, sync });
}


/** Opens the command's preview and waits for it. */
async function openPreview(): Promise<HTMLElement> {
  expect(await vault.runCommand("update-notes-to-template")).toBe(true);
  for (let i = 0; i < 50 && !vault.topModal(); i++) await vault.settle();
  const modal = vault.topModal();
  if (!modal) throw new Error("no preview");
  return modal.contentEl;
}

function button(el: HTMLElement, text: RegExp): HTMLButtonElement {
  const b = [...el.querySelectorAll("button")].find((x) => text.test(x.textContent ?? ""));
  if (!b) throw new Error(`no button ${String(text)}`);
  return b;
}

afterEach(() => vault.destroy());

describe("Update notes to the template", () => {
  it("previews counts and each note's added lines, writes nothing; Update writes each note once, in step", async () => {
    await start({ "Use cases/A.md": OLD, "Use cases/B.md": OLD, "Use cases/Broken.md": BROKEN, "Inbox.md": "## Deployment Pattern\n" });
    const el = await openPreview();
    expect(el.querySelector(".uca-migrate-count")?.textContent).toBe("2 notes will gain 4 checkboxes; 0 notes are up to date. Only lines are added; nothing you wrote changes.");
    const notes = [...el.querySelectorAll("details.uca-migrate-note")];
    expect(notes.map((d) => d.querySelector("summary")?.textContent)).toEqual([
      "Use cases/A.md — 3 lines: Real-Time Inference, How do they handle 10x growth?",
      "Use cases/B.md — 3 lines: Real-Time Inference, How do they handle 10x growth?",
    ]);
    expect(notes[0].querySelector("pre")?.textContent).toBe("+ template-version: 2\n+ - [ ] Real-Time Inference (API)\n+ - [ ] How do they handle 10x growth?");
    expect([...el.querySelectorAll(".uca-migrate-left-alone li")].map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Use cases\/Broken\.md: broken frontmatter: /) as string,
    ]);
    expect(vault.writes.log).toEqual([]);

    button(el, /^Update 2 notes$/).click();
    await quiet();
    expect(vault.text("Use cases/A.md")).toBe(NEW);
    expect(vault.text("Use cases/B.md")).toBe(NEW);
    expect(vault.text("Use cases/Broken.md")).toBe(BROKEN);
    expect(vault.writes.log.map((w) => [w.op, w.path])).toEqual([["process", "Use cases/A.md"], ["process", "Use cases/B.md"]]);
    expect(vault.notices().at(-1)).toBe("Use Case Atlas: Updated 2 notes.");

    // A second run finds nothing to do.
    const again = await openPreview();
    expect(again.querySelector(".uca-migrate-count")?.textContent).toBe("Every note is up to date with the template (3 notes looked at).");
    expect(button(again, /^Nothing to update$/).disabled).toBe(true);
  });

  it("Cancel in the preview writes nothing", async () => {
    await start({ "Use cases/A.md": OLD });
    const el = await openPreview();
    button(el, /^Cancel$/).click();
    await quiet();
    expect(vault.writes.log).toEqual([]);
    expect(vault.text("Use cases/A.md")).toBe(OLD);
  });

  it("a note open with unsaved edits is reported and left alone; the open note without is updated", async () => {
    await start({ "Use cases/A.md": OLD, "Use cases/B.md": OLD });
    const leaf = await vault.openFile("Use cases/A.md");
    const view = leaf.view;
    if (!(view instanceof MarkdownView)) throw new Error("no markdown view");
    await vault.openFile("Use cases/B.md", true);
    vault.type("Use cases/A.md", "typed, not saved yet\n", OLD.length);
    const preview = await previewMigration(contextOf(plugin));
    expect(preview.leftAlone).toEqual([{ path: "Use cases/A.md", problem: "open with unsaved edits" }]);
    expect(preview.notes.map((n) => n.path)).toEqual(["Use cases/B.md"]);
    // Saved meanwhile and typed into again before the pass: still left alone then.
    const withA = { ...preview, notes: [{ path: "Use cases/A.md", report: preview.notes[0].report, added: [] }, ...preview.notes] };
    const report = await runMigration(contextOf(plugin), withA);
    await quiet();
    expect(report).toMatchObject({ updated: ["Use cases/B.md"], leftAlone: [{ path: "Use cases/A.md", problem: "open with unsaved edits" }], cancelled: false });
    expect(vault.text("Use cases/A.md")).toBe(OLD);
    // B was changed through its open editor (one transaction); Obsidian saves it as it saves typing.
    expect(vault.editor("Use cases/B.md").getValue()).toBe(NEW);
    expect(vault.merges()).toEqual([]);
    await vault.saveEditors();
    expect(vault.text("Use cases/B.md")).toBe(NEW);
    expect(vault.text("Use cases/A.md")).toBe(`${OLD}typed, not saved yet\n`);
  });

  it("a note that cannot be written (read-only) is reported, the others are updated", async () => {
    await start({ "Use cases/A.md": OLD, "Use cases/Locked.md": OLD });
    const process = vault.app.vault.process.bind(vault.app.vault);
    vault.app.vault.process = (file, fn, options) => {
      if (file.path === "Use cases/Locked.md") return Promise.reject(new Error("EACCES: permission denied"));
      return process(file, fn, options);
    };
    const report = await runMigration(contextOf(plugin), await previewMigration(contextOf(plugin)));
    await quiet();
    expect(report).toMatchObject({ updated: ["Use cases/A.md"], leftAlone: [{ path: "Use cases/Locked.md", problem: "EACCES: permission denied" }] });
    expect(vault.text("Use cases/Locked.md")).toBe(OLD);
  });

  it("Cancel stops between notes: each note is either updated or untouched", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`Use cases/N${String(i).padStart(2, "0")}.md`] = OLD;
    await start(files);
    let done = 0;
    const report = await runMigration(contextOf(plugin), await previewMigration(contextOf(plugin)), (p) => { done = p.done; }, () => done >= 5);
    await quiet();
    expect(report).toMatchObject({ cancelled: true, total: 12 });
    expect(report.updated).toHaveLength(5);
    for (const path of vault.files("Use cases")) expect([path, vault.text(path)]).toEqual([path, report.updated.includes(path) ? NEW : OLD]);
  });

  it("a template the settings name but that is missing stops the command with a notice, nothing written", async () => {
    vault = createTestVault({ "Use cases/A.md": OLD });
    plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: DATA });
    await vault.settle();
    vault.writes.reset();
    expect(await vault.runCommand("update-notes-to-template")).toBe(true);
    for (let i = 0; i < 20; i++) await vault.settle();
    expect(vault.topModal()).toBeNull();
    expect(vault.notices().at(-1)).toBe("Use Case Atlas: The template \"Templates/Deep dive.md\" was not found. Nothing was changed.");
    expect(vault.writes.log).toEqual([]);
  });
});
