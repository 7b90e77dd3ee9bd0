import type { Study } from "../../src/core/study";
import { PendingToggles } from "../../src/ui/pending-toggles";
import { createTestVault, type TestVault } from "../support/obsidian-env";
import { study } from "../support/studies";
import { FakeToggler } from "./comparison-fixtures";

let current: TestVault | null = null;

afterEach(() => {
  current?.destroy();
  current = null;
});

/** The toggles alone: an index that is a map the test moves, a toggler whose writes the test settles. */
function setup(toggler: FakeToggler | null = new FakeToggler()) {
  const vault = createTestVault({ "Use cases/Acme.md": "---\ntype: use-case-analysis\n---\n" });
  current = vault;
  const index = new Map<string, Study>();
  const acme = study({ name: "Acme", patterns: ["RAG Pipeline"] });
  index.set(acme.path, acme);
  const log: string[] = [];
  const state = { revision: 1 };
  const toggles = new PendingToggles({
    toggler,
    vault: vault.app.vault,
    revision: () => state.revision,
    study: (path) => index.get(path),
    redraw: () => log.push("redraw"),
    refresh: () => log.push("refresh"),
  });
  return { vault, index, acme, log, state, toggles, toggler };
}

/** Lets the toggler's settled promise reach the toggles. */
const flush = (): Promise<void> => new Promise((done) => setTimeout(done, 0));

describe("PendingToggles: a ticked cell shows at once and gives way to the index", () => {
  it("shows the flipped value at once, writes it, and asks for a redraw from the index once written", async () => {
    const { acme, log, state, toggles, toggler } = setup();
    const done = toggles.toggle(acme, "RAG Pipeline", true);
    expect(toggles.valueOf(acme.path, "rag pipeline")).toBe(false);
    expect(toggles.size).toBe(1);
    expect(log).toEqual(["redraw"]);
    expect(toggler?.calls.map((c) => [c.path, c.label, c.checked])).toEqual([[acme.path, "RAG Pipeline", false]]);
    state.revision = 2;
    toggler?.calls[0]?.resolve();
    await done;
    expect(log).toEqual(["redraw", "refresh"]);
    // Written at revision 2; the index has not caught up (still lists the pattern): kept.
    toggles.dropSettled();
    expect(toggles.valueOf(acme.path, "RAG Pipeline")).toBe(false);
  });

  it("drops the value once the index agrees, or once the index moved on past the write", async () => {
    const { acme, index, state, toggles, toggler } = setup();
    const first = toggles.toggle(acme, "RAG Pipeline", true);
    toggles.dropSettled();
    expect(toggles.size).toBe(1); // in flight: never dropped
    toggler?.calls[0]?.resolve();
    await first;
    index.set(acme.path, { ...acme, patterns: [] });
    toggles.dropSettled();
    expect(toggles.size).toBe(0);

    const second = toggles.toggle(acme, "Agentic Workflow", false);
    toggler?.calls[1]?.resolve();
    await second;
    toggles.dropSettled();
    expect(toggles.valueOf(acme.path, "Agentic Workflow")).toBe(true);
    state.revision++;
    toggles.dropSettled();
    expect(toggles.size).toBe(0);
  });

  it("a second tick before the first is written flips the shown value back, and only the last write settles", async () => {
    const { acme, log, toggles, toggler } = setup();
    const first = toggles.toggle(acme, "RAG Pipeline", true);
    const second = toggles.toggle(acme, "RAG Pipeline", true);
    expect(toggler?.calls.map((c) => c.checked)).toEqual([false, true]);
    expect(toggles.valueOf(acme.path, "RAG Pipeline")).toBe(true);
    toggler?.calls[0]?.resolve();
    await first;
    expect(log).toEqual(["redraw", "redraw"]);
    toggler?.calls[1]?.resolve();
    await second;
    expect(log).toEqual(["redraw", "redraw", "refresh"]);
  });

  it("puts the index's value back with a notice when the write fails", async () => {
    const { vault, acme, log, toggles, toggler } = setup();
    const done = toggles.toggle(acme, "RAG Pipeline", true);
    toggler?.calls[0]?.reject(new Error("The properties are not valid YAML."));
    await done;
    await flush();
    expect(toggles.size).toBe(0);
    expect(log).toEqual(["redraw", "redraw"]);
    expect(vault.notices()).toContain("Could not uncheck \"RAG Pipeline\" in \"Acme\": The properties are not valid YAML.");
  });

  it.each([
    ["no toggler is wired", null, "Acme", "Pattern editing is not available: the pattern sync is not loaded."],
    ["the note is gone", new FakeToggler(), "Gone", "\"Gone\" no longer exists."],
  ])("changes nothing, with a notice, when %s", async (_, toggler, name, notice) => {
    const { vault, log, toggles } = setup(toggler);
    await toggles.toggle(study({ name }), "RAG Pipeline", false);
    expect(toggles.size).toBe(0);
    expect(log).toEqual([]);
    expect(toggler?.calls ?? []).toEqual([]);
    expect(vault.notices()).toContain(notice);
  });
});
