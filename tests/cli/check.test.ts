/** @jest-environment node */
import { readFileSync } from "fs";
import { join } from "path";
import { tempVault } from "../support/temp-vault";
import { cli } from "./run";

function vault(files: Record<string, string>): string {
  return tempVault(files, "uca-check-");
}

const GOOD = "---\ntype: use-case-analysis\ncategory: Search and Retrieval\nindustry: Tech\npatterns:\n  - RAG Pipeline\narticles:\n  - \"[[One]]\"\ntags:\n  - use-case/category/search-and-retrieval\n  - use-case/industry/tech\n  - use-case/pattern/rag-pipeline\n---\n**Design Patterns Observed**:\n- [x] **RAG Pipeline**\n";

describe("use-case-atlas check", () => {
  it("a clean vault: no output, exit 0, a summary on stderr", async () => {
    const root = vault({ "A.md": GOOD, "Articles/One.md": "---\ntype: use-case-article\nurl: https://x.example/1\n---\n" });
    const r = await cli(["check", root]);
    expect(r).toEqual({ code: 0, out: "", err: "2 notes checked, no problems\n" });
  });

  it("one line per problem, exit 1, nothing written", async () => {
    const files = {
      "A.md": GOOD.replace("[x] **RAG", "[ ] **RAG"),
      "B.md": GOOD.replace("industry: Tech", "industry: Space").replace("use-case/industry/tech", "use-case/industry/space"),
      "Broken.md": "---\ntype: case-study\ncompany: [\n---\n",
      "Articles/One.md": "---\ntype: use-case-article\nurl: https://x.example/1/\n---\n",
      "Articles/Dup.md": "---\ntype: use-case-article\nurl: https://X.example/1\n---\n",
      "C.md": GOOD.replace("[[One]]", "[[Gone|alias]]"),
      ".trash/Old.md": "---\ntype: case-study\ncompany: [\n---\n",
    };
    const root = vault(files);
    const r = await cli(["check", root]);
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter(Boolean)).toEqual([
      "A.md: patterns property out of sync with the checkboxes (in patterns but not checked: RAG Pipeline)",
      "A.md: tags out of sync (extra use-case/pattern/rag-pipeline)",
      "Articles/Dup.md: same article URL as Articles/One.md",
      "Articles/One.md: same article URL as Articles/Dup.md",
      "B.md: unknown industry \"Space\" (not in the taxonomy's industries)",
      expect.stringMatching(/^Broken\.md: broken YAML in the frontmatter: .+/) as unknown as string,
      "C.md: articles links to a missing note: [[Gone|alias]]",
    ]);
    expect(r.err).toBe("6 notes checked, 7 problems in 6 notes\n");
    for (const [p, text] of Object.entries(files)) expect(readFileSync(join(root, p), "utf8")).toBe(text);
  });

  it("uses the vault's taxonomy settings", async () => {
    const root = vault({
      "B.md": GOOD.replace("industry: Tech", "industry: Space").replace("use-case/industry/tech", "use-case/industry/space").replace("[[One]]", "[[B]]"),
      ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { taxonomy: { categories: ["Search and Retrieval"], industries: ["Space"] } } }),
    });
    expect(await cli(["check", root])).toMatchObject({ code: 0, out: "" });
  });

  it("--config-dir names another config folder", async () => {
    const root = vault({
      "B.md": GOOD.replace("industry: Tech", "industry: Space").replace("use-case/industry/tech", "use-case/industry/space").replace("[[One]]", "[[B]]"),
      "cfg/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { taxonomy: { industries: ["Space"] } } }),
    });
    expect((await cli(["check", root])).code).toBe(1);
    expect(await cli(["check", root, "--config-dir", "cfg"])).toMatchObject({ code: 0, out: "" });
  });

  it.each([
    [["check"], "exactly one vault folder"],
    [["check", "/no/such/vault"], "no such vault folder"],
    [["check", "x", "--fix"], "unknown option --fix"],
    [["check", "x", "--config-dir"], "--config-dir needs a folder name"],
  ])("%j exits 2", async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("--help", async () => {
    const r = await cli(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: use-case-atlas check VAULT");
  });
});
