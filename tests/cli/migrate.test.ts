/** @jest-environment node */
import { chmodSync, readFileSync, symlinkSync } from "fs";
import { join } from "path";
import { snapshot as snapshotOf, tempVault } from "../support/temp-vault";
import { cli } from "./run";

function vault(files: Record<string, string | Buffer>): string {
  return tempVault(files, "uca-migrate-");
}

/** Every file's bytes and modification time, and every folder and link: what "nothing was written" means. */
function snapshot(root: string): Record<string, string | null> {
  return snapshotOf(root, { times: true });
}

const SETTINGS = ".obsidian/plugins/use-case-atlas/data.json";
const TEMPLATE = "---\ntemplate-version: 2\n---\n## Deployment Pattern\n- [ ] Batch Inference (offline)\n- [ ] Real-Time Inference (API)\n\n## APPENDIX: ANALYSIS CHECKLIST\n**Scale**:\n- [ ] How do they handle 10x growth?\n";
const withTemplate = (files: Record<string, string | Buffer>): Record<string, string | Buffer> => ({
  [SETTINGS]: JSON.stringify({ settings: { deepDiveTemplate: "Templates/Deep dive" } }),
  "Templates/Deep dive.md": TEMPLATE,
  ...files,
});
const OLD = "---\ntype: use-case-analysis\n# mine\ncompany: Quillmart\n---\n## Deployment Pattern\n* [x] Batch Inference (offline)\n\n## APPENDIX: ANALYSIS CHECKLIST\n**Scale**:\n";
const NEW = "---\ntype: use-case-analysis\n# mine\ncompany: Quillmart\ntemplate-version: 2\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n* [x] Batch Inference (offline)\n* [ ] Real-Time Inference (API)\n\n## APPENDIX: ANALYSIS CHECKLIST\n**Scale**:\n* [ ] How do they handle 10x growth?\n";

describe("use-case-atlas migrate", () => {
  it("adds what the template has and the note lacks, records the version, syncs the properties; a second run changes nothing", async () => {
    const root = vault(withTemplate({ "Use cases/A.md": OLD, "Other.md": "---\ntype: recipe\n---\n## Deployment Pattern\n" }));
    const r = await cli(["migrate", root]);
    expect(r).toEqual({
      code: 0,
      out: "Use cases/A.md: added Real-Time Inference, How do they handle 10x growth?; template version 2\n",
      err: "1 studies, 1 updated, 0 left alone\n",
    });
    expect(readFileSync(join(root, "Use cases/A.md"), "utf8")).toBe(NEW);
    expect(readFileSync(join(root, "Other.md"), "utf8")).toBe("---\ntype: recipe\n---\n## Deployment Pattern\n");
    const before = snapshot(root);
    const again = await cli(["migrate", root]);
    expect(again).toEqual({ code: 0, out: "", err: "1 studies, 0 updated, 0 left alone\n" });
    expect(snapshot(root)).toEqual(before);
  });

  it("check says a note was written for an older template until migrate brings it up to it", async () => {
    const root = vault(withTemplate({ "A.md": OLD }));
    const before = await cli(["check", root]);
    expect(before.code).toBe(1);
    expect(before.out).toContain("A.md: written for an older template (template-version missing, the template is at 2; run migrate)\n");
    expect((await cli(["migrate", root])).code).toBe(0);
    expect(await cli(["check", root])).toMatchObject({ code: 0, out: "" });
  });

  it("--dry-run prints a unified diff and writes nothing", async () => {
    const root = vault(withTemplate({ "A.md": OLD }));
    const before = snapshot(root);
    const r = await cli(["migrate", root, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      "--- a/A.md", "+++ b/A.md", "@@ -2,9 +2,16 @@", " type: use-case-analysis", " # mine", " company: Quillmart",
      "+template-version: 2", "+patterns:", "+  - Batch Inference", "+tags:", "+  - use-case/pattern/batch-inference",
      " ---", " ## Deployment Pattern", " * [x] Batch Inference (offline)", "+* [ ] Real-Time Inference (API)", " ",
      " ## APPENDIX: ANALYSIS CHECKLIST", " **Scale**:", "+* [ ] How do they handle 10x growth?", "",
    ].join("\n"));
    expect(r.err).toBe("1 studies, 1 would change, 0 left alone (dry run: nothing written)\n");
    expect(snapshot(root)).toEqual(before);
  });

  it("a hostile vault: broken YAML, not UTF-8, read-only and linked-out notes are left alone and listed (exit 1); the rest is updated, CRLF and BOM kept", async () => {
    const outside = vault({ "Secret.md": OLD });
    const broken = "---\ntype: use-case-analysis\ntype: again\n---\n## Deployment Pattern\n";
    const latin1 = Buffer.concat([Buffer.from(OLD), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]);
    const root = vault(withTemplate({
      "Broken.md": broken, "Latin1.md": latin1, "Locked.md": OLD, "Crlf.md": OLD.replace(/\n/g, "\r\n"), "Bom.md": `\uFEFF${OLD}`,
      ".trash/Old.md": OLD, "Notes/table.md": "| a | b |\n|---|---|\n",
    }));
    chmodSync(join(root, "Locked.md"), 0o444);
    symlinkSync(join(outside, "Secret.md"), join(root, "Linked.md"));
    const outsideBefore = snapshot(outside);
    const r = await cli(["migrate", root]);
    expect(r.code).toBe(1);
    expect(r.out).toBe([
      "Bom.md: added Real-Time Inference, How do they handle 10x growth?; template version 2",
      "Crlf.md: added Real-Time Inference, How do they handle 10x growth?; template version 2", "",
    ].join("\n"));
    expect(r.err.split("\n")).toEqual([
      expect.stringMatching(/^Broken\.md: left alone — broken frontmatter: /) as string,
      "Latin1.md: left alone — not UTF-8 text",
      "Locked.md: left alone — read-only, not written",
      "3 studies, 2 updated, 3 left alone", "",
    ]);
    expect(readFileSync(join(root, "Broken.md"), "utf8")).toBe(broken);
    expect(readFileSync(join(root, "Latin1.md"))).toEqual(latin1);
    expect(readFileSync(join(root, "Locked.md"), "utf8")).toBe(OLD);
    expect(readFileSync(join(root, ".trash/Old.md"), "utf8")).toBe(OLD);
    expect(readFileSync(join(root, "Crlf.md"), "utf8")).toBe(NEW.replace(/\n/g, "\r\n"));
    expect(readFileSync(join(root, "Bom.md"), "utf8")).toBe(`\uFEFF${NEW}`);
    expect(snapshot(outside)).toEqual(outsideBefore);
  });

  it("--template case-study brings only case studies up to the case-study template", async () => {
    const caseTemplate = "## Links\n\n## APPENDIX: ANALYSIS CHECKLIST\n- [ ] Numbers checked\n";
    const root = vault({
      [SETTINGS]: JSON.stringify({ settings: { caseStudyTemplate: "T/Case" } }), "T/Case.md": caseTemplate,
      "A.md": OLD, "C.md": "---\ntype: case-study\n---\n## Links\nmine\n",
    });
    const r = await cli(["migrate", root, "--template", "case-study"]);
    expect(r).toMatchObject({ code: 0, out: "C.md: added Numbers checked; with group APPENDIX: ANALYSIS CHECKLIST\n" });
    expect(readFileSync(join(root, "C.md"), "utf8")).toBe("---\ntype: case-study\n---\n## Links\nmine\n\n## APPENDIX: ANALYSIS CHECKLIST\n- [ ] Numbers checked\n");
    expect(readFileSync(join(root, "A.md"), "utf8")).toBe(OLD);
  });

  it.each([
    [["migrate", "--template", "memo", "."], "--template is deep-dive or case-study, not \"memo\""],
    [["migrate", ".", "--template"], "--template needs deep-dive or case-study"],
    [["migrate", ".", "--config-dir"], "--config-dir needs a folder name"],
    [["migrate"], "give exactly one vault folder"],
    [["migrate", "/no/such/vault"], "no such vault folder"],
  ])("%j: a clear message, exit 2", async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("a template the settings name but that is missing: exit 2, nothing written", async () => {
    const root = vault({ [SETTINGS]: JSON.stringify({ settings: { deepDiveTemplate: "Gone" } }), "A.md": OLD });
    const before = snapshot(root);
    const r = await cli(["migrate", root]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe("migrate: cannot read the deep-dive template \"Gone\" the plugin's settings name");
    expect(snapshot(root)).toEqual(before);
  });
});
