/**
 * @jest-environment node
 *
 * What every verb promises (issue 7, part 1): `--help`; unknown options and missing vaults get a
 * clear message and exit 2; the config folder, `.trash` and non-markdown files are skipped; no
 * link out of the vault is followed, and nothing is written outside it.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "fs";
import { join, relative } from "path";
import { VERBS } from "../../src/cli/cli";
import { tempVault } from "../support/temp-vault";
import { cli } from "./run";

function vault(files: Record<string, string> = {}): string {
  return tempVault(files, "uca-verbs-");
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[relative(root, p)] = `${readFileSync(p, "latin1")}@${statSync(p).mtimeMs}`;
      else out[relative(root, p)] = "link";
    }
  };
  walk(root);
  return out;
}

/** A study whose properties lag behind its checkboxes: `check` flags it, `sync` rewrites it. */
const STALE = (company: string): string => `---\ntype: use-case-analysis\ncompany: ${company}\ncategory: Search and Retrieval\n---\n## Deployment Pattern\n- [x] Batch Inference\n`;
const IN_SYNC = "---\ntype: use-case-analysis\ncompany: Inside\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n";

const VAULT_VERBS = ["table", "check", "sync", "new"];
const NEW_ARGS = ["--template", "deep-dive", "--company", "A", "--title", "B"];

describe("every verb", () => {
  it.each(Object.keys(VERBS))("%s --help prints its usage and exits 0", async (verb) => {
    const r = await cli([verb, "--help"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(new RegExp(`^Usage: use-case-atlas ${verb} `));
    expect((await cli([verb, "-h"])).out).toBe(r.out);
  });

  it.each(Object.keys(VERBS))("%s --bogus: a clear message, exit 2", async (verb) => {
    const root = vault({ "A.md": "a\n" });
    const r = await cli([verb, verb === "inspect" ? join(root, "A.md") : root, ...(verb === "new" ? NEW_ARGS : []), "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.split("\n")[0]).toBe(`${verb}: unknown option --bogus`);
  });

  it.each(VAULT_VERBS)("%s on a missing vault: a clear message, exit 2", async (verb) => {
    const r = await cli([verb, "/no/such/vault", ...(verb === "new" ? NEW_ARGS : [])]);
    expect(r).toEqual({ code: 2, out: "", err: "no such vault folder: /no/such/vault\n" });
  });

  it.each([...VAULT_VERBS, "inspect"])("%s without its folder or note: exit 2 with the usage", async (verb) => {
    const r = await cli([verb, ...(verb === "new" ? NEW_ARGS : [])]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Usage: use-case-atlas ${verb}`);
  });

  it.each(["table", "check", "sync"])("%s --config-dir without a folder name: exit 2", async (verb) => {
    const root = vault();
    const r = await cli([verb, root, "--config-dir"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toMatch(/--config-dir needs a/);
  });

  it("an unknown verb: exit 2 with the list of verbs", async () => {
    const r = await cli(["tabel"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^use-case-atlas: unknown command "tabel"\n/);
    for (const verb of Object.keys(VERBS)) expect(r.err).toContain(`  ${verb} `);
  });
});

describe("what the verbs read", () => {
  const files = {
    "Use cases/Inside.md": STALE("Inside"),
    ".obsidian/Hidden.md": STALE("Config"),
    "cfg/Custom config.md": STALE("Custom config"),
    ".trash/Deleted.md": STALE("Deleted"),
    "Notes/study.txt": STALE("Text"),
    "Notes/study.markdown": STALE("Markdown extension"),
  };

  it("table, check and sync skip the config folder (also one named by --config-dir), .trash and non-markdown files", async () => {
    const root = vault(files);
    const table = JSON.parse((await cli(["table", root, "--format", "json", "--config-dir", "cfg"])).out) as { studies: { company: string }[] };
    expect(table.studies.map((s) => s.company)).toEqual(["Inside"]);
    const check = await cli(["check", root, "--config-dir", "cfg"]);
    expect([...new Set(check.out.split("\n").filter((l) => l !== "").map((l) => l.split(":")[0]))]).toEqual(["Use cases/Inside.md"]);
    const before = snapshot(root);
    const sync = await cli(["sync", root, "--config-dir", "cfg"]);
    expect(sync.out).toBe("Use cases/Inside.md: updated patterns: [Batch Inference]\n");
    const after = snapshot(root);
    for (const path of Object.keys(before)) if (path !== join("Use cases", "Inside.md")) expect([path, after[path]]).toEqual([path, before[path]]);
  });
});

describe("links out of the vault", () => {
  /** A vault holding a link to a folder outside it and a link to a note outside it, each holding a stale study. */
  function linkedVault(): { root: string; outside: string } {
    const outside = vault({ "Outside folder/Secret.md": STALE("Secret"), "Lone.md": STALE("Lone") });
    const root = vault({ "Use cases/Inside.md": IN_SYNC });
    symlinkSync(join(outside, "Outside folder"), join(root, "Linked folder"));
    symlinkSync(join(outside, "Lone.md"), join(root, "Use cases", "Linked note.md"));
    // A link to a note inside the vault: the note is read once, under its own path.
    symlinkSync(join(root, "Use cases", "Inside.md"), join(root, "Alias.md"));
    return { root, outside };
  }

  it("table does not read through them", async () => {
    const { root } = linkedVault();
    const r = await cli(["table", root, "--format", "json"]);
    expect((JSON.parse(r.out) as { studies: { path: string }[] }).studies.map((s) => s.path)).toEqual(["Use cases/Inside.md"]);
  });

  it("check does not report what lies behind them", async () => {
    const { root } = linkedVault();
    const r = await cli(["check", root]);
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err).toBe("1 notes checked, no problems\n");
  });

  it("sync neither reads nor writes through them", async () => {
    const { root, outside } = linkedVault();
    const before = snapshot(outside);
    const r = await cli(["sync", root]);
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(snapshot(outside)).toEqual(before);
    expect(readFileSync(join(outside, "Lone.md"), "utf8")).toBe(STALE("Lone"));
  });

  it("new refuses to write through one (tested at length in new.test.ts)", async () => {
    const { root, outside } = linkedVault();
    const before = snapshot(outside);
    const r = await cli(["new", root, ...NEW_ARGS, "--category", "Search and Retrieval"], root);
    expect(r.code).toBe(0);
    expect(r.out).toBe("Use cases/Search and Retrieval/A - B.md\n");
    const settings = JSON.stringify({ settings: { analysesFolder: "Linked folder" } });
    mkdirSync(join(root, ".obsidian/plugins/use-case-atlas"), { recursive: true });
    writeFileSync(join(root, ".obsidian/plugins/use-case-atlas/data.json"), settings);
    const refused = await cli(["new", root, ...NEW_ARGS]);
    expect(refused).toEqual({ code: 1, out: "", err: "new: \"Linked folder\" is a link to a folder outside the vault; the note would be written there. Nothing was created.\n" });
    expect(snapshot(outside)).toEqual(before);
  });

  it("the deep-dive template named in the settings is not read through a link out of the vault", async () => {
    const outside = vault({ "T.md": "---\n---\n## Deployment Pattern\n- [ ] Secret Pattern\n" });
    const root = vault({
      ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { deepDiveTemplate: "Templates/T" } }),
      "Use cases/A.md": "---\ntype: use-case-analysis\n---\n",
    });
    symlinkSync(outside, join(root, "Templates"));
    const r = await cli(["table", root, "--format", "json"]);
    const labels = (JSON.parse(r.out) as { patterns: { label: string }[] }).patterns.map((p) => p.label);
    expect(labels).not.toContain("Secret Pattern");
    expect(labels).toContain("Batch Inference");
  });

  it("a deep-dive template inside the vault is found without its .md, as the plugin finds it", async () => {
    const root = vault({
      ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { deepDiveTemplate: "Templates/T" } }),
      "Templates/T.md": "---\n---\n## Deployment Pattern\n- [ ] My Pattern\n",
      "Use cases/A.md": "---\ntype: use-case-analysis\n---\n",
    });
    const r = await cli(["table", root, "--format", "json"]);
    expect((JSON.parse(r.out) as { patterns: { label: string }[] }).patterns.map((p) => p.label)).toEqual(["My Pattern"]);
  });
});

describe("table --format json", () => {
  it("has exactly the documented keys, in the documented order", async () => {
    const root = vault({
      "B.md": "---\ntype: case-study\ncompany: Beta\n---\n",
      "A.md": "---\ntype: use-case-analysis\ncompany: Alpha\ncategory: Search and Retrieval\nindustry: Tech\nyear: 2024\npatterns: [Batch Inference]\n---\n",
    });
    const r = await cli(["table", root, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { studies: Record<string, unknown>[]; patterns: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(["studies", "patterns"]);
    expect(json.studies.map((s) => Object.keys(s))).toEqual([
      ["path", "type", "company", "category", "industry", "year", "patterns"], ["path", "type", "company", "category", "industry", "year", "patterns"]]);
    expect(json.studies.map((s) => s.path)).toEqual(["A.md", "B.md"]);
    expect(json.studies[0]).toEqual({ path: "A.md", type: "use-case-analysis", company: "Alpha", category: "Search and Retrieval", industry: "Tech", year: 2024, patterns: ["Batch Inference"] });
    expect(json.studies[1]).toEqual({ path: "B.md", type: "case-study", company: "Beta", category: null, industry: null, year: null, patterns: [] });
    expect(json.patterns.every((p) => Object.keys(p).join() === "label,group,count")).toBe(true);
    expect(json.patterns[0]).toEqual({ label: "Batch Inference", group: "Deployment Pattern", count: 1 });
  });
});
