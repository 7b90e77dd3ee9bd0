/**
 * The glue-test harness itself: every helper does what real Obsidian would let a user or a
 * plugin see. A small plugin written here exercises each part the way our features will.
 */
import {
  FuzzySuggestModal, ItemView, MarkdownView, Modal, Notice, Plugin, PluginSettingTab,
  Setting, type SettingDefinitionItem, type WorkspaceLeaf,
} from "obsidian";
import { AbstractInputSuggest as MockInputSuggest } from "obsidian-test-mocks/obsidian";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const VIEW_TYPE = "probe-view";

class ProbeView extends ItemView {
  getViewType(): string { return VIEW_TYPE; }
  getDisplayText(): string { return "Probe view"; }
  override async onOpen(): Promise<void> { this.contentEl.createDiv({ cls: "probe-view-body", text: "probe" }); }
}

class ProbeModal extends Modal {
  override onOpen(): void {
    this.setTitle("Probe");
    this.contentEl.createEl("p", { text: "Hello from the probe" });
  }
}

class PickFruit extends FuzzySuggestModal<string> {
  chosen: string[] = [];
  getItems(): string[] { return ["apple", "banana", "cherry"]; }
  getItemText(item: string): string { return item; }
  onChooseItem(item: string): void { this.chosen.push(item); }
}

// The mock's class: AbstractInputSuggest needs Obsidian 1.4.10, above our minAppVersion, so
// plugin code may not name it yet; the harness still covers it for when it does.
// @ts-expect-error -- the mock's typings leave selectSuggestion abstract; Obsidian's default hands the value to onSelect, which is what is checked
class ColourSuggest extends MockInputSuggest<string> {
  protected getSuggestions(query: string): string[] {
    return ["red", "green", "blue"].filter((c) => c.includes(query));
  }
  renderSuggestion(value: string, el: HTMLElement): void { el.setText(value); }
}

class ProbeSettings extends PluginSettingTab {
  // None: Obsidian 1.13 then draws the tab with display(), the path this checks.
  override getSettingDefinitions(): SettingDefinitionItem[] { return []; }

  override display(): void {
    this.containerEl.empty();
    new Setting(this.containerEl).setName("Probe folder").setDesc("Where probes go").addText((t) => t.setValue("Probes"));
  }
}

class ProbePlugin extends Plugin {
  events: string[] = [];
  picker: PickFruit | null = null;

  override onload(): void {
    this.addRibbonIcon("dice", "Open probe", () => new ProbeModal(this.app).open());
    this.addCommand({ id: "open-probe", name: "Open probe", callback: () => new ProbeModal(this.app).open() });
    this.addCommand({
      id: "only-with-note", name: "Only with a note",
      checkCallback: (checking) => {
        if (!this.app.workspace.getActiveFile()) return false;
        if (!checking) this.events.push("ran only-with-note");
        return true;
      },
    });
    this.addCommand({
      id: "shout", name: "Shout",
      editorCallback: (editor) => { this.events.push(`editor has ${editor.getValue().length} chars`); },
    });
    this.addCommand({ id: "pick", name: "Pick", callback: () => { this.picker = new PickFruit(this.app); this.picker.open(); } });
    this.addStatusBarItem().setText("Probe status");
    this.addSettingTab(new ProbeSettings(this.app, this));
    this.registerView(VIEW_TYPE, (leaf) => new ProbeView(leaf));
    this.registerEvent(this.app.metadataCache.on("changed", (file) => this.events.push(`changed ${file.path}`)));
    this.registerEvent(this.app.metadataCache.on("deleted", (file) => this.events.push(`deleted ${file.path}`)));
    this.registerEvent(this.app.workspace.on("file-open", (file) => this.events.push(`open ${file?.path ?? "none"}`)));
    this.registerMarkdownCodeBlockProcessor("probe", (source, el) => { el.createEl("pre", { text: source.toUpperCase() }); });
    this.app.workspace.onLayoutReady(() => this.events.push("layout ready"));
  }
}

let vault: TestVault;
afterEach(() => vault?.destroy());

const NOTE = "---\ntype: use-case-analysis\ntags: [a]\n---\n# Title\n- [ ] one\n";

describe("a test vault", () => {
  it("holds the given files and folders and reads them back", () => {
    vault = createTestVault({ "Use cases/A.md": NOTE, "b.md": "plain" });
    expect(vault.files()).toEqual(["Use cases/A.md", "b.md"]);
    expect(vault.files("Use cases")).toEqual(["Use cases/A.md"]);
    expect(vault.text("Use cases/A.md")).toBe(NOTE);
    expect(vault.exists("Use cases")).toBe(true);
    expect(vault.cache("Use cases/A.md")?.frontmatter).toEqual({ type: "use-case-analysis", tags: ["a"] });
    expect(() => vault.file("missing.md")).toThrow(/no file missing.md/);
  });

  it("accepts notes with malformed YAML and caches them without frontmatter", async () => {
    vault = createTestVault({ "bad.md": "---\ntitle: [unclosed\n---\n# Body\n" });
    expect(vault.cache("bad.md")?.frontmatter).toBeUndefined();
    expect(vault.cache("bad.md")?.headings?.map((h) => h.heading)).toEqual(["Body"]);
    await vault.write("bad.md", "---\ntitle: ok\n---\n");
    expect(vault.cache("bad.md")?.frontmatter).toEqual({ title: "ok" });
  });

  it("updates the metadata cache after a write, not inside it, and settles", async () => {
    vault = createTestVault({ "a.md": "---\nn: 1\n---\n" });
    await vault.mock.vault.modify(vault.mock.vault.getFileByPath("a.md")!, "---\nn: 2\n---\n");
    expect(vault.cache("a.md")?.frontmatter).toEqual({ n: 1 });
    await vault.settle();
    expect(vault.cache("a.md")?.frontmatter).toEqual({ n: 2 });
  });

  it("can keep the mock's synchronous cache", async () => {
    vault = createTestVault({ "a.md": "---\nn: 1\n---\n" }, { asyncMetadata: false });
    await vault.mock.vault.modify(vault.mock.vault.getFileByPath("a.md")!, "---\nn: 2\n---\n");
    expect(vault.cache("a.md")?.frontmatter).toEqual({ n: 2 });
  });

  it("counts writes per note and whether they changed it, not its own", async () => {
    vault = createTestVault({ "a.md": "x" });
    await vault.write("a.md", "set up by the test");
    expect(vault.writes.log).toEqual([]);
    const file = vault.file("a.md");
    await vault.app.vault.process(file, (t) => t);
    await vault.app.vault.process(file, (t) => `${t}!`);
    await vault.mock.fileManager.processFrontMatter(vault.mock.vault.getFileByPath("a.md")!, (fm: Record<string, unknown>) => { fm.k = 1; });
    expect(vault.writes.count("a.md")).toBe(3);
    expect(vault.writes.count("a.md", "process")).toBe(2);
    expect(vault.writes.changes("a.md")).toBe(2);
    expect(vault.writes.log.map((w) => w.op)).toEqual(["process", "process", "processFrontMatter"]);
    vault.writes.reset();
    expect(vault.writes.count("a.md")).toBe(0);
  });

  it("keeps the cache in step with renames and deletions", async () => {
    vault = createTestVault({ "a.md": "---\nk: v\n---\n", "b.md": "" });
    await vault.rename("a.md", "c.md");
    expect(vault.cache("a.md")).toBeNull();
    expect(vault.cache("c.md")?.frontmatter).toEqual({ k: "v" });
    const deleted: string[] = [];
    vault.app.metadataCache.on("deleted", (file) => deleted.push(file.path));
    await vault.remove("b.md");
    expect(vault.cache("b.md")).toBeNull();
    expect(deleted).toEqual(["b.md"]);
  });

  it("updates wiki links to a renamed note, in the body and the properties, keeping heading and alias (G17)", async () => {
    const vault = createTestVault({
      "Articles/Old name.md": "# Old\n",
      "Notes/A.md": "---\nsource: \"[[Old name]]\" # mine\nother: \"[[Old]]\"\n---\nSee [[Old name#Part|the part]], [[Articles/Old name]] and [[Elsewhere]].\n",
      "Notes/B.md": "No links here.\n",
    });
    vault.writes.reset();
    await vault.app.fileManager.renameFile(vault.file("Articles/Old name.md"), "Articles/New name.md");
    await vault.settle();
    expect(vault.text("Notes/A.md")).toBe("---\nsource: \"[[New name]]\" # mine\nother: \"[[Old]]\"\n---\nSee [[New name#Part|the part]], [[New name]] and [[Elsewhere]].\n");
    expect(vault.text("Notes/B.md")).toBe("No links here.\n");
    expect(vault.writes.count("Notes/A.md")).toBe(1);
    expect(vault.writes.count("Notes/B.md")).toBe(0);
    vault.destroy();
  });

  it("fails to settle when something keeps writing", async () => {
    vault = createTestVault({ "a.md": "0" });
    const file = vault.file("a.md");
    vault.app.metadataCache.on("changed", () => { void vault.app.vault.process(file, (t) => `${Number(t) + 1}`); });
    await vault.app.vault.modify(file, "1");
    await expect(vault.settle()).rejects.toThrow(/never settled/);
  });
});

describe("a plugin in the test vault", () => {
  let plugin: ProbePlugin;
  beforeEach(async () => {
    vault = createTestVault({ "Use cases/A.md": NOTE, "b.md": "plain" });
    plugin = await vault.loadPlugin(ProbePlugin);
  });

  it("loads with layout ready and is listed by app.plugins", () => {
    expect(plugin.events).toContain("layout ready");
    const plugins = (vault.app as unknown as { plugins: { getPlugin(id: string): unknown } }).plugins;
    expect(plugins.getPlugin(plugin.manifest.id)).toBe(plugin);
  });

  it("puts a labelled ribbon icon in the document whose click opens the modal into document.body", async () => {
    const icon = vault.ribbonIcon("Open probe");
    expect(icon?.isConnected).toBe(true);
    await vault.clickRibbon("Open probe");
    const modal = vault.topModal();
    expect(modal?.containerEl.isConnected).toBe(true);
    expect(document.body.querySelector(".modal-container .modal-title")?.textContent).toBe("Probe");
    expect(modal?.contentEl.textContent).toBe("Hello from the probe");
    (document.body.querySelector(".modal-close-button") as HTMLElement).click();
    expect(vault.modals()).toEqual([]);
    expect(document.body.querySelector(".modal-container")).toBeNull();
  });

  it("closes the top modal, and only it, on Escape", async () => {
    await vault.runCommand("open-probe");
    await vault.runCommand("pick");
    expect(vault.modals()).toHaveLength(2);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(vault.modals()).toHaveLength(1);
    expect(vault.topModal()?.titleEl.textContent).toBe("Probe");
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(vault.modals()).toHaveLength(0);
  });

  it("runs commands by id and honours checkCallback and editorCallback", async () => {
    expect(vault.commandIds()).toEqual(["use-case-atlas:only-with-note", "use-case-atlas:open-probe", "use-case-atlas:pick", "use-case-atlas:shout"]);
    expect(vault.app.workspace.getActiveFile()).toBeNull();
    expect(await vault.runCommand("only-with-note")).toBe(false);
    expect(await vault.runCommand("shout")).toBe(false);
    await vault.openFile("b.md");
    expect(await vault.runCommand("use-case-atlas:only-with-note")).toBe(true);
    expect(await vault.runCommand("shout")).toBe(true);
    expect(plugin.events).toEqual(expect.arrayContaining(["ran only-with-note", "editor has 5 chars"]));
    await expect(vault.runCommand("nope")).rejects.toThrow(/no command nope/);
  });

  it("opens notes in a markdown view: active leaf, active file, file-open, editor text", async () => {
    const leaf = await vault.openFile("Use cases/A.md");
    expect(vault.activeLeaf()).toBe(leaf);
    expect(vault.activeFile()?.path).toBe("Use cases/A.md");
    const view = vault.app.workspace.getActiveViewOfType(MarkdownView);
    expect(view?.editor.getValue()).toBe(NOTE);
    expect(plugin.events).toContain("open Use cases/A.md");
    expect(document.body.querySelector(".workspace-tab-header.is-active")?.textContent).toBe("A");
    expect((document.body.querySelector("textarea.mock-editor") as HTMLTextAreaElement).value).toBe(NOTE);
  });

  it("shows a note's new text in its open editor when the plugin rewrites it", async () => {
    await vault.openFile("b.md");
    await vault.app.vault.process(vault.file("b.md"), () => "rewritten");
    await vault.settle();
    expect((document.body.querySelector("textarea.mock-editor") as HTMLTextAreaElement).value).toBe("rewritten");
  });

  it("creates registered views in leaves and finds them by type", async () => {
    const leaf: WorkspaceLeaf = vault.app.workspace.getLeaf(true);
    await leaf.setViewState({ type: VIEW_TYPE, active: true });
    // toBe, not toEqual: the mock's strict proxies throw on Jest's deep-equality probes.
    const leaves = vault.app.workspace.getLeavesOfType(VIEW_TYPE);
    expect(leaves).toHaveLength(1);
    expect(leaves[0]).toBe(leaf);
    expect(leaf.view).toBeInstanceOf(ProbeView);
    expect(document.body.querySelector(".probe-view-body")?.isConnected).toBe(true);
    expect(vault.app.workspace.getActiveViewOfType(ProbeView)).toBe(leaf.view);
    leaf.detach();
    expect(document.body.querySelector(".probe-view-body")).toBeNull();
  });

  it("hands metadata events to the plugin after writes", async () => {
    await vault.write("Use cases/A.md", "---\ntype: x\n---\n");
    await vault.remove("b.md");
    expect(plugin.events).toEqual(expect.arrayContaining(["changed Use cases/A.md", "deleted b.md"]));
  });

  it("shows notices in the document and records them", () => {
    new Notice("Saved the note");
    expect(vault.notices()).toEqual(["Saved the note"]);
    expect(document.body.querySelector(".notice-container .notice")?.textContent).toBe("Saved the note");
  });

  it("draws fuzzy suggestions and chooses one by click", async () => {
    await vault.runCommand("pick");
    const items = (): string[] => Array.from(document.body.querySelectorAll(".prompt .suggestion-item")).map((el) => el.textContent ?? "");
    expect(items()).toEqual(["apple", "banana", "cherry"]);
    const input = document.body.querySelector<HTMLInputElement>(".prompt-input")!;
    input.value = "ch";
    input.dispatchEvent(new Event("input"));
    await vault.settle();
    expect(items()).toEqual(["cherry"]);
    (document.body.querySelector(".prompt .suggestion-item") as HTMLElement).click();
    expect(plugin.picker?.chosen).toEqual(["cherry"]);
    expect(vault.modals()).toEqual([]);
  });

  it("pops input suggestions under a text field and hands the choice to onSelect", async () => {
    const input = document.body.createEl("input");
    const picked: string[] = [];
    new ColourSuggest(vault.mock, input).onSelect((value) => picked.push(value));
    input.value = "re";
    input.dispatchEvent(new Event("input"));
    await vault.settle();
    const rows = Array.from(document.body.querySelectorAll(".suggestion-container .suggestion-item"));
    expect(rows.map((el) => el.textContent)).toEqual(["red", "green"]);
    rows[1].dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
    expect(picked).toEqual(["green"]);
    expect(document.body.querySelector(".suggestion-container")).toBeNull();
    input.remove();
  });

  it("shows the settings tab with Obsidian's setting layout", () => {
    const el = vault.openSettings();
    expect(el.querySelector(".setting-item > .setting-item-info > .setting-item-name")?.textContent).toBe("Probe folder");
    expect(el.querySelector(".setting-item > .setting-item-info + .setting-item-control input")).not.toBeNull();
  });

  it("passes clicks, typing, toggles and choices in a form to the plugin's callbacks", () => {
    const host = document.body.createDiv();
    const seen: string[] = [];
    new Setting(host)
      .addText((t) => t.onChange((v) => seen.push(`text ${v}`)))
      .addToggle((t) => t.onChange((v) => seen.push(`toggle ${String(v)}`)))
      .addDropdown((d) => d.addOptions({ a: "A", b: "B" }).onChange((v) => seen.push(`dropdown ${v}`)))
      .addButton((b) => b.setButtonText("Create").setCta().onClick(() => seen.push("button")));
    const input = host.querySelector("input")!;
    input.value = "Acme";
    input.dispatchEvent(new Event("input"));
    (host.querySelector(".checkbox-container") as HTMLElement).click();
    const select = host.querySelector("select")!;
    select.value = "b";
    select.dispatchEvent(new Event("change"));
    (host.querySelector("button.mod-cta") as HTMLButtonElement).click();
    expect(seen).toEqual(["text Acme", "toggle true", "dropdown b", "button"]);
    expect(host.querySelector(".checkbox-container")?.classList.contains("is-enabled")).toBe(true);
    host.remove();
  });

  it("runs code block processors", async () => {
    const block = await vault.renderCodeBlock("probe", "hello");
    expect(block.el.textContent).toBe("HELLO");
    block.unload();
  });

  it("takes everything it registered away on unload", () => {
    vault.unloadPlugin(plugin);
    expect(vault.ribbonIcon("Open probe")).toBeNull();
    expect(vault.commandIds()).toEqual([]);
    expect(document.body.querySelector(".status-bar-item")).toBeNull();
    expect(() => vault.openSettings(plugin.manifest.id)).toThrow(/no settings tab/);
  });
});
