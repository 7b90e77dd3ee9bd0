/**
 * The two stores of the creation flow (src/core/creation.ts) behave as one: the same request run
 * over the vault store (the in-memory Obsidian) and over the folder store (a temporary folder on
 * disk) seeded with the same notes gives the same outcome (paths, text, messages, refusals) and
 * leaves the same files and folders, byte for byte. Table-driven scenarios, then a property over
 * generated requests and vaults.
 */
import fc from "fast-check";
import { type CreationOutcome, type CreationRequest, createNotes, type NoteValues } from "../../src/core/creation";
import { type AtlasSettings, bundledTaxonomy, resolveSettings } from "../../src/core/settings";
import { folderStore } from "../../src/cli/note-store";
import { openVault } from "../../src/cli/vault";
import { vaultStore } from "../../src/obsidian/note-store";
import { numRuns } from "../support/fast-check";
import { writeNoteBytes } from "../support/obsidian-gaps";
import { createTestVault } from "../support/obsidian-env";
import { snapshot, tempVault } from "../support/temp-vault";

const NOW = new Date(2025, 2, 7, 9, 5, 3);
/** Latin-1 bytes: not UTF-8. */
const LATIN1 = Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xe9, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]);

type Files = Record<string, string | Uint8Array>;
type Tree = Record<string, string | null>;

interface Scenario {
  files: Files;
  values: NoteValues;
  settings?: Partial<AtlasSettings>;
  templatePath?: string | null;
  fromAnalysis?: string;
}

function request(s: Scenario): CreationRequest {
  return {
    values: s.values, templatePath: s.templatePath ?? null, fromAnalysis: s.fromAnalysis, settings: resolveSettings(s.settings ?? {}),
    knownPatterns: bundledTaxonomy().patterns, now: NOW,
  };
}

/** Every file (its bytes as latin1) and folder (null) of the in-memory vault. */
async function overTheVault(s: Scenario): Promise<{ outcome: CreationOutcome; tree: Tree }> {
  const texts = Object.fromEntries(Object.entries(s.files).map(([p, c]) => [p, typeof c === "string" ? c : ""]));
  const vault = createTestVault(texts);
  try {
    for (const [p, c] of Object.entries(s.files)) if (typeof c !== "string") writeNoteBytes(vault.mock, p, c);
    await vault.settle();
    const outcome = await createNotes(request(s), vaultStore(vault.app));
    await vault.settle();
    const tree: Tree = {};
    for (const f of vault.mock.vault.getAllLoadedFiles()) {
      if (f.path === "/" || f.path === "") continue;
      const seeded = s.files[f.path];
      tree[f.path] = !vault.files().includes(f.path) ? null
        : Buffer.from(seeded instanceof Uint8Array ? seeded : vault.text(f.path)).toString("latin1");
    }
    return { outcome, tree };
  } finally {
    vault.destroy();
  }
}

async function overTheFolder(s: Scenario): Promise<{ outcome: CreationOutcome; tree: Tree }> {
  const root = tempVault(s.files, "uca-stores-");
  const vault = await openVault(root, root);
  const outcome = await createNotes(request(s), folderStore(vault));
  return { outcome, tree: snapshot(root) };
}

async function bothStores(s: Scenario): Promise<{ outcome: CreationOutcome; tree: Tree }> {
  const inVault = await overTheVault(s);
  const onDisk = await overTheFolder(s);
  expect(onDisk.outcome).toEqual(inVault.outcome);
  expect(onDisk.tree).toEqual(inVault.tree);
  return inVault;
}

const DEEP_DIVE: NoteValues = {
  kind: "analysis", company: "Quillmart", title: "Hybrid search at scale", year: "2024", category: "search and retrieval", industry: "E-commerce and retail",
};
const ANALYSIS = "Use cases/Search and Retrieval/Quillmart - Hybrid search at scale.md";

describe("the vault store and the folder store make the same notes", () => {
  it.each<[string, Scenario, (r: { outcome: CreationOutcome; tree: Tree }) => void]>([
    ["a deep dive, two new articles and tags", {
      files: { "Inbox.md": "hello\n" },
      values: { ...DEEP_DIVE, tags: ["search", "#ranking"], articles: [
        { url: "https://eng.quillmart.example/blog/hybrid-search?utm_source=feed", title: "Hybrid search at Quillmart" }, { url: "https://eng.quillmart.example/blog/ranking/" }] },
    }, ({ outcome }) => expect(outcome).toMatchObject({ ok: true, path: ANALYSIS, articles: [{ created: true }, { created: true }] })],
    ["an existing article note reused, another made, a name that is taken in another case", {
      files: {
        "Reading/Some post.md": "---\ntype: use-case-article\nurl: https://eng.quillmart.example/blog/hybrid-search\n---\n# Some post\n",
        "Use cases/Search and Retrieval/quillmart - hybrid search at scale.md": "mine\n",
      },
      values: { ...DEEP_DIVE, articles: [{ url: "HTTPS://ENG.Quillmart.example/blog/hybrid-search/?utm_campaign=x#top" }, { url: "https://other.example/post", title: "A <b>bold</b> | claim" }] },
    }, ({ outcome }) => expect(outcome).toMatchObject({ ok: true, path: ANALYSIS.replace(".md", " 2.md"), articles: [{ path: "Reading/Some post.md", created: false }, { created: true }] })],
    ["a case study of a new category, with characters file names cannot hold", {
      files: {}, values: { kind: "case-study", company: "Acme/Co", title: "What: a #title?", year: "2023", category: "Robotics", allowNewCategory: true, industry: "tech" },
    }, ({ outcome }) => expect(outcome).toMatchObject({ ok: true, path: "Case studies/Robotics/Acme Co - What a title (case study).md" })],
    ["the vault's own settings and template, folders spelled as the vault has them", {
      files: {
        "Templates/Mine.md": "---\nreviewed: false\n---\n# {{company}}: {{title}} ({{year}})\n{{mystery}}\n\n## Deployment Pattern\n- [x] Batch Inference\n\n**Use Cases Analyzed**:\n{{articles}}\n",
        "studies/retail/keep.md": "x\n",
      },
      settings: { analysesFolder: "Studies", articlesFolder: "Sources/Web", fileNamePattern: "{{industry}}/{{year}} {{title}} ({{company}})", tagPrefix: "uca", taxonomy: { categories: ["Search"], industries: ["Retail"] } },
      templatePath: "Templates/Mine.md",
      values: { kind: "analysis", company: "Quillmart", title: "Search", year: "2022", category: "search", industry: "retail", tags: ["one"], articles: [{ url: "https://blog.example/a", title: "First" }] },
    }, ({ outcome }) => expect(outcome).toMatchObject({ ok: true, path: "studies/retail/2022 Search (Quillmart).md", messages: [expect.stringMatching(/placeholders .* \{\{mystery\}\}/)] })],
    ["a missing template: the bundled one, said so", { files: {}, templatePath: "Templates/Gone.md", values: DEEP_DIVE },
      ({ outcome }) => expect(outcome).toMatchObject({ ok: true, messages: ["The template \"Templates/Gone.md\" was not found, so the bundled deep dive template was used. Check the template settings."] })],
    ["an article address with a user name and password: written nowhere", {
      files: {}, values: { ...DEEP_DIVE, articles: [{ url: "https://reader:s3cret-pw@blog.example/post", title: "Members only" }] },
    }, ({ tree }) => expect(Object.values(tree).join("\n")).not.toMatch(/s3cret-pw|reader@/)],
    ["an article of another company and year (a library entry's)", {
      files: {}, values: { ...DEEP_DIVE, articles: [{ url: "https://blog.example/a", title: "Theirs", company: "Otherco", year: 2019 }] },
    }, ({ tree }) => expect(tree["Articles/Otherco - Theirs.md"]).toMatch(/^company: Otherco\nyear: 2019$/m)],
    ["a note elsewhere with the article note's name: the article is linked by its path", {
      files: { "Elsewhere/Quillmart - First.md": "x\n" }, values: { ...DEEP_DIVE, articles: [{ url: "https://blog.example/a", title: "First" }] },
    }, ({ outcome }) => expect(outcome.ok && outcome.text).toContain("[[Articles/Quillmart - First]]")],
    ["an article note named as the note itself: the article is linked by its path", {
      files: {}, values: { ...DEEP_DIVE, category: undefined, title: "First", articles: [{ url: "https://blog.example/a", title: "First" }] },
    }, ({ outcome }) => expect(outcome).toMatchObject({ ok: true, path: "Use cases/Quillmart - First.md", text: expect.stringContaining("[[Articles/Quillmart - First]]") as unknown })],
    ["a case study from an analysis: linked both ways", {
      files: { [ANALYSIS]: "---\ntype: use-case-analysis\ncompany: Quillmart\n---\n# Quillmart\n" },
      fromAnalysis: ANALYSIS, values: { ...DEEP_DIVE, kind: "case-study" },
    }, ({ tree }) => expect(tree[ANALYSIS]).toContain("case_studies:\n  - \"[[Quillmart - Hybrid search at scale (case study)]]\"")],
  ])("%s", async (_name, scenario, check) => {
    check(await bothStores(scenario));
  });

  it.each<[string, Scenario, Record<string, unknown>]>([
    ["a file where the note's folder should be", { files: { "Use cases": "a file\n" }, values: { ...DEEP_DIVE, articles: [{ url: "https://blog.example/x" }] } },
      { ok: false, why: "refused", message: "\"Use cases\" is a file, so it cannot hold the new note's folder. Rename it or change the folder in the settings." }],
    ["an article note by the wanted name with broken frontmatter", { files: { "Articles/Quillmart - blog.example x.md": "---\na: [\n---\n" }, values: { ...DEEP_DIVE, articles: [{ url: "https://blog.example/x" }] } },
      { ok: false, why: "refused", message: expect.stringMatching(/^"Articles\/Quillmart - blog\.example x\.md" has broken frontmatter/) as unknown }],
    ["an article note by the wanted name that is not UTF-8", { files: { "Articles/Quillmart - blog.example x.md": LATIN1 }, values: { ...DEEP_DIVE, articles: [{ url: "https://blog.example/x" }] } },
      { ok: false, why: "refused", message: "\"Articles/Quillmart - blog.example x.md\" is not UTF-8 text, so Use Case Atlas leaves it alone." }],
    ["a template with broken frontmatter", { files: { "T.md": "---\na: [\n---\n# {{title}}\n" }, templatePath: "T.md", values: DEEP_DIVE },
      { ok: false, why: "invalid", errors: [{ field: "template", message: expect.stringMatching(/^The template "T\.md" cannot be used: its frontmatter is broken/) as unknown }] }],
    ["a rendered template whose frontmatter breaks", { files: { "T.md": "---\nsource: {{company}}\n---\n" }, templatePath: "T.md", values: { ...DEEP_DIVE, company: "Acme: Labs" } },
      { ok: false, why: "refused", message: expect.stringMatching(/^The template "T\.md" cannot be used: /) as unknown }],
    ["settings that lead out of the vault", { files: {}, settings: { articlesFolder: "../Elsewhere" }, values: DEEP_DIVE },
      { ok: false, why: "settings", problems: [expect.stringMatching(/articles folder "\.\.\/Elsewhere" leads out of the vault/) as unknown] }],
    ["a value the form refuses", { files: {}, values: { ...DEEP_DIVE, year: "24" } },
      { ok: false, why: "invalid", errors: [{ field: "year", message: expect.stringMatching(/4-digit/) as unknown }] }],
  ])("refuses %s in both, writing nothing", async (_name, scenario, expected) => {
    const { outcome, tree } = await bothStores(scenario);
    expect(outcome).toEqual(expected);
    expect(tree).toEqual(snapshot(tempVault(scenario.files)));
  });
});

describe("the same request on both stores gives the same files", () => {
  const URLS = ["https://blog.example/a", "https://blog.example/b/", "https://news.example/p?id=7", "https://blog.example/A"];
  const EXISTING: Files[] = [
    {},
    { "Reading/Post.md": `---\ntype: use-case-article\nurl: ${URLS[0]}\n---\n` },
    // Names taken in another case (Windows and macOS compare so).
    { "Use cases/Search and Retrieval/quillmart - search.md": "taken\n", "Use cases/quillmart - search.md": "taken\n", "Articles/quillmart - first.md": "x\n" },
    { "case studies/quillmart - search (case study).md": "taken\n", "Case studies/Search and Retrieval/QUILLMART - SEARCH (case study).md": "x\n" },
    { "Articles/Quillmart - blog.example b.md": "not an article\n", "Notes/Quillmart - First.md": "x\n" },
    { "Use cases": "a file\n" },
  ];
  const values = fc.record({
    kind: fc.constantFrom<NoteValues["kind"]>("analysis", "case-study"),
    company: fc.oneof({ arbitrary: fc.constant("Quillmart"), weight: 4 }, fc.constantFrom("Acme/Co", " Beta  Labs ", "x".repeat(230))),
    title: fc.oneof({ arbitrary: fc.constant("Search"), weight: 3 }, fc.constantFrom("What: a #title?", "First", "Über Suche")),
    year: fc.constantFrom(undefined, "2024", "19"),
    category: fc.constantFrom(undefined, "search and retrieval", "Robotics"),
    allowNewCategory: fc.boolean(),
    articles: fc.array(fc.record({ url: fc.constantFrom(...URLS), title: fc.option(fc.constantFrom("First", "Second"), { nil: undefined }) }, { requiredKeys: ["url"] }), { maxLength: 3 }),
  });

  it("for generated requests and vaults", async () => {
    await fc.assert(fc.asyncProperty(values, fc.constantFrom(...EXISTING), async (v, files) => {
      await bothStores({ files, values: v });
    }), numRuns(30));
  });
});
