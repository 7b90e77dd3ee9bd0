import { StudyIndexService } from "../../src/obsidian/study-index-service";
import { allListeners, createTestVault, type TestVault } from "../support/obsidian-env";
import { atlasContext, studyNote } from "../ui/comparison-fixtures";

let current: TestVault | null = null;
afterEach(() => {
  current?.destroy();
  current = null;
  jest.restoreAllMocks();
});

/** A vault in a running app (layout ready, cache complete), unless `startingUp`. */
function vaultOf(files: Record<string, string>, startingUp = false): TestVault {
  current = createTestVault(files);
  if (!startingUp) current.mock.workspace.setLayoutReady__();
  return current;
}

function service(vault: TestVault, schedule?: (work: () => void) => void): StudyIndexService {
  const ctx = atlasContext({ app: vault.app } as never);
  return new StudyIndexService({ app: vault.app, studyContext: () => ctx.studyContext(), schedule });
}

const VAULT = {
  "Use cases/A.md": studyNote({ company: "Acme", category: "Search and Retrieval", year: 2024, patterns: ["Batch Inference"], checklistDone: 7 }),
  "Use cases/B.md": studyNote({ type: "case-study", company: "Beta", patterns: ["Hybrid Retrieval"] }),
  "Articles/X.md": "---\ntype: use-case-article\nurl: https://example.com\n---\n",
  "Plain.md": "# not a study\n",
};

describe("StudyIndexService: the study index kept in step with the vault", () => {
  it("builds from the metadata cache's frontmatter, studies only", () => {
    const s = service(vaultOf(VAULT));
    s.start();
    expect(s.isReady).toBe(true);
    expect(s.index.all().map((x) => x.path).sort()).toEqual(["Use cases/A.md", "Use cases/B.md"]);
    expect(s.index.get("Use cases/A.md")).toMatchObject({ company: "Acme", year: 2024, patterns: ["Batch Inference"], body: null });
    s.stop();
  });

  it("at startup, waits for the cache's first resolved event (no private flag read)", () => {
    const vault = vaultOf(VAULT, true);
    const s = service(vault);
    const ready = jest.fn();
    s.whenReady(ready);
    s.start();
    expect(s.isReady).toBe(false);
    expect(s.index.size).toBe(0);
    vault.mock.workspace.setLayoutReady__();
    expect(s.isReady).toBe(false);
    vault.app.metadataCache.trigger("resolved");
    expect(s.isReady).toBe(true);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(s.index.size).toBe(2);
    // Later `resolved` events (Obsidian sends one after every batch of changes) do not rebuild.
    const scans = jest.spyOn(vault.app.vault, "getMarkdownFiles");
    vault.app.metadataCache.trigger("resolved");
    expect(scans).not.toHaveBeenCalled();
    s.stop();
  });

  it("updates one note per change, never rescanning the vault", async () => {
    const vault = vaultOf(VAULT);
    const s = service(vault);
    s.start();
    const scans = jest.spyOn(vault.app.vault, "getMarkdownFiles");
    const revision = s.index.revision;

    await vault.write("Use cases/C.md", studyNote({ company: "Gamma", patterns: ["Edge/On-Device"] }));
    expect(s.index.get("Use cases/C.md")?.company).toBe("Gamma");

    await vault.write("Use cases/A.md", studyNote({ company: "Acme Corp", patterns: ["Batch Inference", "RAG Pipeline"] }));
    expect(s.index.get("Use cases/A.md")).toMatchObject({ company: "Acme Corp", patterns: ["Batch Inference", "RAG Pipeline"] });

    await vault.rename("Use cases/B.md", "Case studies/Beta story.md");
    expect(s.index.has("Use cases/B.md")).toBe(false);
    expect(s.index.get("Case studies/Beta story.md")).toMatchObject({ name: "Beta story", company: "Beta" });

    await vault.remove("Use cases/C.md");
    expect(s.index.has("Use cases/C.md")).toBe(false);

    // A note that stops being a study leaves; an edit to a non-study changes nothing.
    await vault.write("Use cases/A.md", "---\ntype: something-else\n---\n");
    expect(s.index.has("Use cases/A.md")).toBe(false);
    const before = s.index.revision;
    await vault.write("Plain.md", "# still not a study\n");
    expect(s.index.revision).toBe(before);

    expect(scans).not.toHaveBeenCalled();
    expect(s.index.revision).toBeGreaterThan(revision);
    s.stop();
  });

  it("reads body facts only when asked, in the background, and again when a note changes", async () => {
    const vault = vaultOf(VAULT);
    const reads = jest.spyOn(vault.app.vault, "cachedRead");
    const queued: (() => void)[] = [];
    const s = service(vault, (work) => queued.push(work));
    s.start();
    await vault.settle();
    expect(reads).not.toHaveBeenCalled();
    expect(s.index.get("Use cases/A.md")?.body).toBeNull();

    s.wantBodyFacts();
    expect(queued).toHaveLength(1);
    expect(reads).not.toHaveBeenCalled(); // nothing read until the scheduler runs the batch
    queued.shift()?.();
    await vault.settle();
    expect(reads).toHaveBeenCalledTimes(2);
    expect(s.index.get("Use cases/A.md")?.body?.checklist).toEqual({ done: 7, total: 10 });
    expect(s.index.get("Use cases/B.md")?.body?.checklist).toEqual({ done: 0, total: 0 });

    await vault.write("Use cases/A.md", studyNote({ company: "Acme", checklistDone: 9, stack: [["Feature store", "Feast"]] }));
    // The old facts stay visible until the re-read lands.
    expect(s.index.get("Use cases/A.md")?.body?.checklist).toEqual({ done: 7, total: 10 });
    queued.shift()?.();
    await vault.settle();
    expect(s.index.get("Use cases/A.md")?.body).toEqual({ checklist: { done: 9, total: 10 }, stack: [{ component: "Feature store", technology: "Feast" }] });
    expect(reads).toHaveBeenCalledTimes(3);
    s.stop();
  });

  it("reads bodies in batches of a bounded size", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 120; i++) files[`S/${i}.md`] = studyNote({ company: `C${i}`, checklistDone: i % 11 });
    const vault = vaultOf(files);
    const queued: (() => void)[] = [];
    const s = service(vault, (work) => queued.push(work));
    s.start();
    s.wantBodyFacts();
    let batches = 0;
    while (queued.length > 0) { batches++; queued.shift()?.(); await vault.settle(); }
    expect(batches).toBe(3); // 50 + 50 + 20
    expect(s.index.all().every((x) => x.body !== null)).toBe(true);
    s.stop();
  });

  it("stops listening when stopped", () => {
    const vault = vaultOf(VAULT);
    const before = allListeners(vault.app);
    const s = service(vault);
    s.start();
    expect(allListeners(vault.app)).toBeGreaterThan(before);
    s.stop();
    expect(allListeners(vault.app)).toBe(before);
  });
});
