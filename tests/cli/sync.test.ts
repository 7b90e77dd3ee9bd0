/** @jest-environment node */
import { readFileSync, symlinkSync } from "fs";
import { join } from "path";
import { tempVault } from "../support/temp-vault";
import { listNotes } from "../../src/cli/vault";
import { cli } from "./run";

function vault(files: Record<string, string>): string {
  return tempVault(files, "uca-vault-");
}

const OUT_OF_SYNC = "---\ntype: use-case-analysis\n# keep me\ncompany: Quillmart\n---\n## Deployment Pattern\n- [x] Batch Inference\n";
const IN_SYNC = "---\ntype: use-case-analysis\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n";

describe("use-case-atlas sync", () => {
  it("brings properties in line with the checkboxes, keeping every other byte", async () => {
    const root = vault({ "Use cases/A.md": OUT_OF_SYNC, "Other.md": "---\ntype: recipe\n---\n- [x] Batch Inference\n" });
    const r = await cli(["sync", root]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("Use cases/A.md: updated patterns: [Batch Inference]\n");
    expect(readFileSync(join(root, "Use cases/A.md"), "utf8")).toBe(
      "---\ntype: use-case-analysis\n# keep me\ncompany: Quillmart\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n");
    expect(readFileSync(join(root, "Other.md"), "utf8")).toBe("---\ntype: recipe\n---\n- [x] Batch Inference\n");
    const again = await cli(["sync", root]);
    expect(again.out).toBe("");
    expect(again.err).toContain("0 changed");
  });

  it("--dry-run lists what would change and writes nothing", async () => {
    const root = vault({ "A.md": OUT_OF_SYNC, "B.md": IN_SYNC });
    const r = await cli(["sync", root, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("A.md: would update patterns: [Batch Inference]\n");
    expect(readFileSync(join(root, "A.md"), "utf8")).toBe(OUT_OF_SYNC);
  });

  it("after the plugin renamed the tag prefix, writes the old prefix's tags under the new one, in article notes too", async () => {
    const settings = { settings: { tagPrefix: "research", formerTagPrefixes: ["use-case"] } };
    const article = "---\ntype: use-case-article\nurl: https://a.example/x\ntags: [mine, use-case/article]\n---\n";
    const root = vault({ "B.md": IN_SYNC, "Articles/X.md": article, "Other.md": "---\ntags: [use-case/article]\n---\n", ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify(settings) });
    const dry = await cli(["sync", root, "--dry-run"]);
    expect(dry.out).toBe("Articles/X.md: would update tags (tag prefix \"research\")\nB.md: would update patterns: [Batch Inference]\n");
    const r = await cli(["sync", root]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "B.md"), "utf8")).toBe(IN_SYNC.replace("use-case/", "research/"));
    expect(readFileSync(join(root, "Articles/X.md"), "utf8")).toBe(article.replace("use-case/", "research/"));
    expect(readFileSync(join(root, "Other.md"), "utf8")).toBe("---\ntags: [use-case/article]\n---\n");
    expect((await cli(["check", root])).out).not.toContain("B.md");
  });

  it("reports broken YAML, never rewrites it, and exits 1", async () => {
    const broken = "---\ntype: use-case-analysis\ntype: x\n---\n- [x] Batch Inference\n";
    const root = vault({ "Broken.md": broken });
    const r = await cli(["sync", root]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Broken.md: not synced — broken frontmatter");
    expect(readFileSync(join(root, "Broken.md"), "utf8")).toBe(broken);
  });

  it.each([
    [["sync"], "exactly one vault"],
    [["sync", "/no/such/vault"], "no such vault folder"],
    [["sync", "--bogus", "x"], "unknown option --bogus"],
  ])("%j exits 2", async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("refuses a note given as the vault", async () => {
    const root = vault({ "A.md": IN_SYNC });
    const r = await cli(["sync", join(root, "A.md")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("not a folder");
  });
});

describe("the vault walker", () => {
  it("skips the config folder, .trash, dot-folders and non-markdown, and follows no link out", () => {
    const outside = vault({ "Secret.md": IN_SYNC });
    const root = vault({
      "A.md": IN_SYNC, "Sub/B.md": IN_SYNC, ".obsidian/plugins/x/README.md": "x", ".trash/Old.md": IN_SYNC,
      ".git/x.md": "x", "image.png": "png", "notes.txt": "t",
    });
    symlinkSync(outside, join(root, "Linked outside"));
    symlinkSync(join(root, "Sub"), join(root, "Sub again"));
    const paths = listNotes(root).map((n) => n.path);
    expect(paths).toEqual(["A.md", "Sub/B.md"]);
  });
});
