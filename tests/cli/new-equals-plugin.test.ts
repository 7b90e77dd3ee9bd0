/**
 * The plugin's form and `use-case-atlas new` make the same request of the one creation flow: the
 * same input is typed into the real plugin's form in the in-memory Obsidian and given to the
 * command-line tool over a folder seeded with the same notes and the same saved settings; then
 * every note of both vaults (paths and bytes) is compared. (That the two stores carry a request
 * out alike is tests/cli/creation-stores.test.ts.)
 */
import UseCaseAtlasPlugin from "../../main";
import { runCli } from "../../src/cli/cli";
import { NewNoteModal } from "../../src/ui/new-note-modal";
import { NewNoteForm } from "../support/new-note-form";
import { createTestVault, type TestVault } from "../support/obsidian-env";
import { snapshot, tempVault } from "../support/temp-vault";

const NOW = new Date(2025, 2, 7, 9, 5, 3);
let vault: TestVault | null = null;

beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "requestAnimationFrame", "cancelAnimationFrame",
      "requestIdleCallback", "cancelIdleCallback", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"],
  });
});
afterEach(() => {
  vault?.destroy();
  vault = null;
  jest.useRealTimers();
});

interface Input {
  template: "deep-dive" | "case-study";
  company: string;
  title: string;
  year?: string;
  category?: string;
  newCategory?: boolean;
  industry?: string;
  tags?: string;
  articles?: { url: string; title?: string }[];
}

/** Every note of the in-memory vault after the plugin's form created one. */
async function throughThePlugin(files: Record<string, string>, settings: unknown, input: Input): Promise<Record<string, string>> {
  vault = createTestVault(files);
  await vault.loadPlugin(UseCaseAtlasPlugin, { data: { settings } });
  await vault.clickRibbon("New use case analysis");
  const modal = vault.topModal();
  if (!(modal instanceof NewNoteModal)) throw new Error("the form is not open");
  const form = new NewNoteForm(modal).chooseTemplate(input.template).type("company", input.company).type("title", input.title);
  if (input.year) form.type("year", input.year);
  if (input.category) form.type("category", input.category);
  if (input.newCategory) form.tick("new-category");
  if (input.industry) form.type("industry", input.industry);
  if (input.tags) form.type("tags", input.tags);
  (input.articles ?? []).forEach((a, i) => form.article(i + 1, a.url, a.title ?? ""));
  const created = await form.modal.submit();
  expect([created, form.errors()]).toEqual([true, {}]);
  await vault.settle();
  const out: Record<string, string> = {};
  for (const path of vault.files()) out[path] = vault.text(path);
  return out;
}

/** Every note of a folder after `use-case-atlas new` created one. */
async function throughTheCli(files: Record<string, string>, settings: unknown, input: Input): Promise<{ notes: Record<string, string>; out: string }> {
  const root = tempVault({ ...files, ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings }) }, "uca-new-same-");
  const argv = ["new", root, "--template", input.template, "--company", input.company, "--title", input.title];
  if (input.year) argv.push("--year", input.year);
  if (input.category) argv.push("--category", input.category);
  if (input.newCategory) argv.push("--allow-new-category");
  if (input.industry) argv.push("--industry", input.industry);
  if (input.tags) argv.push("--tag", input.tags);
  for (const a of input.articles ?? []) argv.push("--article", a.title ? `${a.url}=${a.title}` : a.url);
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: root, now: () => NOW });
  expect({ code, err }).toEqual({ code: 0, err: expect.any(String) as string });
  const notes: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(snapshot(root))) {
    if (bytes !== null && !path.startsWith(".obsidian/")) notes[path] = Buffer.from(bytes, "latin1").toString("utf8");
  }
  return { notes, out };
}

describe("use-case-atlas new makes the plugin's note", () => {
  it.each<[string, Record<string, string>, unknown, Input]>([
    ["a deep dive with the default settings, two new articles and tags", { "Inbox.md": "hello\n" }, {}, {
      template: "deep-dive", company: "Quillmart", title: "Hybrid search at scale", year: "2024", category: "search and retrieval",
      industry: "E-commerce and retail", tags: "search, #ranking",
      articles: [{ url: "https://eng.quillmart.example/blog/hybrid-search?utm_source=feed", title: "Hybrid search at Quillmart" }, { url: "https://eng.quillmart.example/blog/ranking/" }],
    }],
    ["an existing article note reused, another made, a name that is taken", {
      "Reading/Some post.md": "---\ntype: use-case-article\nurl: https://eng.quillmart.example/blog/hybrid-search\n---\n# Some post\n",
      "Use cases/Search and Retrieval/Quillmart - Hybrid search at scale.md": "mine\n",
    }, {}, {
      template: "deep-dive", company: "Quillmart", title: "Hybrid search at scale", category: "Search and Retrieval",
      articles: [{ url: "HTTPS://ENG.Quillmart.example/blog/hybrid-search/?utm_campaign=x#top" }, { url: "https://other.example/post", title: "A <b>bold</b> | claim" }],
    }],
    ["a new category, illegal characters, a case study", {}, {}, {
      template: "case-study", company: "Acme/Co", title: "What: a #title?", year: "2023", category: "Robotics", newCategory: true, industry: "tech",
    }],
    ["the vault's own settings and template", {
      "Templates/Mine.md": "---\nreviewed: false\ntags: [reading]\n---\n# {{company}}: {{title}} ({{year}})\nCreated {{date}}\n\n## Deployment Pattern\n- [x] Batch Inference\n- [ ] Real-Time Inference\n\n**Use Cases Analyzed**:\n{{articles}}\n<% tp.file.title %>\n",
    }, {
      analysesFolder: "Studies", articlesFolder: "Sources/Web", fileNamePattern: "{{industry}}/{{year}} {{title}} ({{company}})",
      deepDiveTemplate: "Templates/Mine", tagPrefix: "uca", taxonomy: { categories: ["Search"], industries: ["Retail"] },
    }, {
      template: "deep-dive", company: "Quillmart", title: "Search", year: "2022", category: "search", industry: "retail", tags: "one two",
      articles: [{ url: "https://blog.example/a", title: "First" }],
    }],
    ["an article address with a user name and password (written nowhere)", {}, {}, {
      template: "deep-dive", company: "Quillmart", title: "Private", articles: [{ url: "https://reader:s3cret-pw@blog.example/post", title: "Members only" }],
    }],
  ])("%s", async (_name, files, settings, input) => {
    const plugin = await throughThePlugin(files, settings, input);
    const cli = await throughTheCli(files, settings, input);
    expect(Object.values(plugin).join("\n")).not.toMatch(/s3cret-pw|reader@/);
    expect(Object.keys(cli.notes).sort()).toEqual(Object.keys(plugin).sort());
    for (const path of Object.keys(plugin)) expect([path, cli.notes[path]]).toEqual([path, plugin[path]]);
    // The new files are the ones the CLI printed.
    const made = Object.keys(plugin).filter((p) => !(p in files));
    expect(cli.out.trim().split("\n").sort()).toEqual(made.sort());
  });
});
