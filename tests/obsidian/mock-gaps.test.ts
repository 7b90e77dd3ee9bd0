/**
 * The gaps of obsidian-test-mocks that tests/support/obsidian-gaps.ts fills, measured on the
 * raw mock (this file never loads our patches). Each test states what the mock does today; when
 * an upgrade fixes a gap its test fails here, and the patch for it can be deleted.
 */
import type { Editor as EditorOriginal } from "obsidian";
import { AbstractInputSuggest, App, Component, Editor, FuzzySuggestModal, MarkdownRenderer, MarkdownView, Modal, Notice, Plugin, requestUrl, Setting } from "obsidian-test-mocks/obsidian";

const manifest = { id: "probe", name: "Probe", version: "0.0.1", minAppVersion: "1.4.0", description: "", author: "", isDesktopOnly: false };

class Probe extends Plugin {}

function plugin(app: App): Probe {
  const p = new Probe(app, manifest);
  p.load();
  return p;
}

describe("obsidian-test-mocks v3 as it comes", () => {
  it("G26: a note's text and bytes are two stores: readBinary of a text note throws, read of a binary note throws", async () => {
    const app = App.createConfigured__({ files: { "A.md": "caf\u00e9" } });
    const a = app.vault.getFileByPath("A.md");
    if (!a) throw new Error("no A.md");
    await expect(app.vault.readBinary(a)).rejects.toThrow("File not found");
    const b = await app.vault.createBinary("B.md", Uint8Array.from([0x63, 0xe9]).buffer);
    await expect(app.vault.read(b)).rejects.toThrow("File not found");
  });

  it("G1: a ribbon icon is a detached div that stays after unload and does nothing on click", () => {
    const app = App.createConfigured__();
    const p = plugin(app);
    let clicked = 0;
    const el = p.addRibbonIcon("dice", "Roll", () => { clicked++; });
    el.click();
    expect(el.isConnected).toBe(false);
    expect(el.getAttribute("aria-label")).toBeNull();
    expect(clicked).toBe(0);
    p.unload();
    expect(p.ribbonActions__).toHaveLength(1);
  });

  it("G2: there is no app.commands and command ids are not prefixed", () => {
    const app = App.createConfigured__();
    const p = plugin(app);
    const cmd = p.addCommand({ id: "go", name: "Go", callback: () => undefined });
    expect(cmd.id).toBe("go");
    expect(() => (app as unknown as { commands: unknown }).commands).toThrow(/not mocked/);
  });

  it("G3: a modal never enters the document and closes itself on the next tick", async () => {
    const app = App.createConfigured__();
    const events: string[] = [];
    const modal = new (class extends Modal {
      override onOpen(): void { events.push("open"); }
      override onClose(): void { events.push("close"); }
    })(app);
    modal.open();
    expect(modal.containerEl.isConnected).toBe(false);
    await new Promise((r) => window.setTimeout(r, 0));
    expect(events).toEqual(["open", "close"]);
  });

  it("G4: a fuzzy suggest modal has no getSuggestions or renderSuggestion", () => {
    expect("getSuggestions" in FuzzySuggestModal.prototype).toBe(false);
    expect("renderSuggestion" in FuzzySuggestModal.prototype).toBe(false);
  });

  it("G5: an input suggest has no default selectSuggestion and shows nothing while typing", () => {
    expect("selectSuggestion" in AbstractInputSuggest.prototype).toBe(false);
    const input = document.body.createEl("input");
    // @ts-expect-error -- the mock's typings leave selectSuggestion abstract; this is about what it draws
    const suggest = new (class extends AbstractInputSuggest<string> {
      protected getSuggestions(): string[] { return ["red"]; }
      renderSuggestion(value: string, el: HTMLElement): void { el.setText(value); }
    })(App.createConfigured__(), input);
    input.value = "r";
    input.dispatchEvent(new Event("input"));
    expect(document.body.querySelector(".suggestion-item")).toBeNull();
    expect(suggest.isOpen__()).toBe(false);
    input.remove();
  });

  it("G6: a notice is not shown in the document", () => {
    const notice = new Notice("Hello");
    expect(notice.containerEl.isConnected).toBe(false);
  });

  it("G7: a status bar item is detached and stays after unload", () => {
    const app = App.createConfigured__();
    const p = plugin(app);
    const el = p.addStatusBarItem();
    p.unload();
    expect(el.isConnected).toBe(false);
    expect(p.statusBarItems__).toHaveLength(1);
  });

  it("G8: there is no app.setting to show a settings tab", () => {
    expect(() => (App.createConfigured__() as unknown as { setting: unknown }).setting).toThrow(/not mocked/);
  });

  it("G9: opening a note makes no view; the active view is always null", async () => {
    const app = App.createConfigured__({ files: { "a.md": "text" } });
    const leaf = app.workspace.getLeaf();
    await leaf.openFile(app.vault.getFileByPath("a.md")!);
    expect(app.workspace.getActiveFile()?.path).toBe("a.md");
    expect(leaf.view).toBeNull();
    expect(app.workspace.getActiveViewOfType(MarkdownView as never)).toBeNull();
  });

  it("G19: an editor transaction applies its changes one by one, one undo step each, cursor after the last", () => {
    const editor = new (Editor as unknown as new () => EditorOriginal)();
    editor.setValue("ab\ncd\n");
    editor.setCursor({ line: 1, ch: 1 });
    // Both changes are in the coordinates of "ab\ncd\n", as CodeMirror takes them.
    editor.transaction({ changes: [{ from: { line: 0, ch: 0 }, to: { line: 0, ch: 0 }, text: "X\n" }, { from: { line: 1, ch: 0 }, to: { line: 1, ch: 1 }, text: "C" }] });
    // CodeMirror: "X\nab\nCd\n", the cursor still after "C" ({ line: 2, ch: 1 }), one undo back to the start.
    expect(editor.getValue()).toBe("X\nCb\ncd\n");
    expect(editor.getCursor()).toEqual({ line: 1, ch: 1 });
    editor.undo();
    expect(editor.getValue()).toBe("X\nab\ncd\n");
  });

  it("G19: a popout window's leaf is one of the root leaves", () => {
    const app = App.createConfigured__({ files: {} });
    const popout = app.workspace.openPopoutLeaf();
    const roots: unknown[] = [];
    app.workspace.iterateRootLeaves((leaf) => { roots.push(leaf); });
    expect(roots).toContain(popout);
  });

  it("G20: the metadata cache fires no resolve event for a note", async () => {
    const app = App.createConfigured__({ files: { "a.md": "[[b]]" } });
    const heard: string[] = [];
    app.metadataCache.on("resolve", () => heard.push("resolve"));
    await app.vault.create("b.md", "text");
    await app.vault.modify(app.vault.getFileByPath("a.md")!, "[[b]] again");
    expect(heard).toEqual([]);
  });

  it("G10: the workspace element is an empty detached div", () => {
    const app = App.createConfigured__();
    expect(app.workspace.containerEl.childElementCount).toBe(0);
    expect(app.workspace.containerEl.isConnected).toBe(false);
  });

  it("G11: malformed YAML makes the vault throw, after writing the file and without a changed event", async () => {
    expect(() => App.createConfigured__({ files: { "bad.md": "---\na: [\n---\n" } })).toThrow(/YAML|Flow|sequence/i);
    const app = App.createConfigured__({ files: { "a.md": "---\nk: v\n---\n" } });
    const file = app.vault.getFileByPath("a.md")!;
    let changed = 0;
    app.metadataCache.on("changed", () => { changed++; });
    await expect(app.vault.modify(file, "---\nk: [\n---\n")).rejects.toThrow();
    expect(await app.vault.read(file)).toBe("---\nk: [\n---\n");
    expect(changed).toBe(0);
  });

  it("G11: a comment-only frontmatter block is a strict {} that throws on any key", () => {
    const app = App.createConfigured__({ files: { "a.md": "---\n# just a comment\n---\nbody\n" } });
    const fm = app.metadataCache.getCache("a.md")?.frontmatter as Record<string, unknown>;
    expect(() => fm.type).toThrow(/not mocked/);
  });

  it("G11: frontmatterPosition ends at the next line; frontmatterLinks lack displayText", () => {
    const app = App.createConfigured__({ files: { "a.md": "---\nup: \"[[Home]]\"\n---\nbody\n" } });
    const cache = app.metadataCache.getCache("a.md");
    // Obsidian: the end of the closing fence, { line: 2, col: 3, offset: 21 }.
    expect(cache?.frontmatterPosition?.end).toEqual({ line: 3, col: 0, offset: 23 });
    expect(cache?.frontmatterLinks).toEqual([{ key: "up", link: "Home", original: "[[Home]]" }]);
  });

  it("G12: rename and delete leave the cache behind and fire no deleted event", async () => {
    const app = App.createConfigured__({ files: { "a.md": "# A", "b.md": "# B" } });
    const deleted: string[] = [];
    app.metadataCache.on("deleted", (f) => { deleted.push((f as { path: string }).path); });
    await app.vault.rename(app.vault.getFileByPath("a.md")!, "c.md");
    expect(app.metadataCache.getCache("c.md")).toBeNull();
    expect(app.metadataCache.getCache("a.md")).not.toBeNull();
    await app.fileManager.trashFile(app.vault.getFileByPath("b.md")!);
    expect(app.metadataCache.getCache("b.md")).not.toBeNull();
    expect(deleted).toEqual([]);
  });

  it("G12: a folder rename leaves its notes' cache entries at their old paths", async () => {
    const app = App.createConfigured__({ files: { "d/x.md": "---\nn: 1\n---\n" } });
    await app.vault.rename(app.vault.getFolderByPath("d")!, "e");
    expect(app.vault.getFileByPath("e/x.md")).not.toBeNull();
    expect(app.metadataCache.getCache("e/x.md")).toBeNull();
    expect(app.metadataCache.getCache("d/x.md")).not.toBeNull();
  });

  it("G17: renaming a note through the file manager leaves the links to it unchanged", async () => {
    const app = App.createConfigured__({ files: { "a.md": "# A", "b.md": "see [[a]] and [[a#Top|the top]]" } });
    await app.fileManager.renameFile(app.vault.getFileByPath("a.md")!, "c.md");
    expect(await app.vault.read(app.vault.getFileByPath("b.md")!)).toBe("see [[a]] and [[a#Top|the top]]");
  });

  it("G13: the cache changes inside vault.modify, before the write's promise resolves", async () => {
    const app = App.createConfigured__({ files: { "a.md": "# A" } });
    const order: string[] = [];
    app.metadataCache.on("changed", () => { order.push("changed"); });
    const write = app.vault.modify(app.vault.getFileByPath("a.md")!, "# B").then(() => order.push("written"));
    await write;
    expect(order).toEqual(["changed", "written"]);
  });

  it("G14: a setting row has no Obsidian class names and puts the control first", () => {
    const host = createDiv();
    const setting = new Setting(host).setName("Name");
    expect(setting.settingEl.className).toBe("");
    expect(setting.settingEl.firstElementChild).toBe(setting.controlEl);
  });

  it("G16: clicking a button or typing in a text field reaches no callback", () => {
    const host = createDiv();
    const seen: string[] = [];
    let button: HTMLButtonElement | null = null;
    let input: HTMLInputElement | null = null;
    new Setting(host)
      .addText((t) => { input = t.inputEl; t.onChange((v) => seen.push(`typed ${v}`)); })
      .addButton((b) => { button = b.buttonEl; b.onClick(() => seen.push("clicked")); });
    input!.value = "x";
    input!.dispatchEvent(new Event("input"));
    button!.click();
    expect(seen).toEqual([]);
  });

  it("G15: there is no app.plugins", () => {
    expect(() => (App.createConfigured__() as unknown as { plugins: unknown }).plugins).toThrow(/not mocked/);
  });

  it("G24: saveData keeps the very object, so a change made after saving is in data.json too", async () => {
    const p = plugin(App.createConfigured__());
    const settings = { folder: "A" };
    await p.saveData({ settings });
    settings.folder = "B";
    const loaded = await p.loadData() as { settings: { folder: string } };
    expect(loaded.settings).toBe(settings);
    expect(loaded.settings.folder).toBe("B");
  });

  it("G25: saveLocalStorage keeps the object itself, and null is stored rather than removing the entry", () => {
    const app = App.createConfigured__();
    const records = { "A.md": { patterns: ["rag"] } };
    app.saveLocalStorage("records", records);
    expect(app.loadLocalStorage("records")).toBe(records);
    app.saveLocalStorage("records", null);
    expect((app as unknown as { localStorage: Map<string, unknown> }).localStorage.has("records")).toBe(true);
  });

  it("not filled: MarkdownRenderer draws nothing and requestUrl answers everything with an empty 200", async () => {
    const el = createDiv();
    const owner = Component.create__();
    await MarkdownRenderer.render(App.createConfigured__(), "# Title", el, "", owner);
    expect(el.childElementCount).toBe(0);
    const response = await requestUrl({ url: "https://example.invalid/" });
    expect({ status: response.status, text: response.text }).toEqual({ status: 200, text: "" });
  });
});
