/** @jest-environment node */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { readNote } from "../../src/core/reader";
import { loadCaptured, SEEDS_DIR } from "../support/captured";
import { tempDir } from "../support/temp-vault";
import { cli } from "./run";

const SEEDS = SEEDS_DIR;


describe("use-case-atlas inspect", () => {
  it("prints the reader's view of the deep-dive seed as JSON", async () => {
    const r = await cli(["inspect", join(SEEDS, "deep-dive-analysis-template.md"), "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { frontmatter: unknown; frontmatterError: unknown; checkboxes: { line: number; char: string; checked: boolean; label: string; group: string }[]; headings: unknown[] };
    expect(Object.keys(json)).toEqual(["frontmatter", "frontmatterError", "checkboxes", "headings"]);
    expect(json.frontmatter).toBeNull();
    expect(json.frontmatterError).toBeNull();
    expect(json.checkboxes).toHaveLength(27);
    expect(json.checkboxes[0]).toEqual({ line: 210, char: " ", checked: false, label: "Batch Inference", group: "Deployment Pattern" });
  });

  it("works on the case-study seed", async () => {
    const r = await cli(["inspect", join(SEEDS, "case-study-template.md"), "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ frontmatter: null, checkboxes: [] });
  });

  it("agrees with the reader on every captured note's contents", async () => {
    const dir = tempDir("uca-inspect-");
    for (const note of loadCaptured()) {
      const file = join(dir, note.file.replace(/\.json$/, ".md"));
      writeFileSync(file, note.fileContents);
      const r = await cli(["inspect", file, "--json"]);
      expect(r.code).toBe(0);
      const parsed = readNote(note.fileContents);
      const json = JSON.parse(r.out) as { frontmatter: unknown; checkboxes: { line: number; char: string }[] };
      expect(json.frontmatter).toEqual(parsed.frontmatter);
      expect(json.checkboxes.map((c) => [c.line, c.char])).toEqual(parsed.checkboxes.map((c) => [c.line, c.char]));
    }
  });

  it("reports broken YAML as a value", async () => {
    const dir = tempDir("uca-inspect-");
    writeFileSync(join(dir, "bad.md"), "---\na: 1\na: 2\n---\n- [x] A\n");
    const r = await cli(["inspect", "bad.md", "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { frontmatter: unknown; frontmatterError: string };
    expect(json.frontmatter).toBeNull();
    expect(json.frontmatterError).toContain("unique");
  });

  it.each([
    [["inspect", "missing.md"], "no such file"],
    [["inspect", "."], "not a file"],
    [["inspect"], "exactly one note"],
    [["inspect", "a.md", "--yaml"], "unknown option --yaml"],
    [["nope"], "unknown command"],
  ])("%j exits 2 with a clear message", async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("runs as the installed bin", () => {
    const bin = resolve(__dirname, "../../bin/use-case-atlas.cjs");
    if (!existsSync(resolve(__dirname, "../../dist/cli.cjs"))) execFileSync("node", ["esbuild.config.mjs", "cli"], { cwd: resolve(__dirname, "../..") });
    const ok = spawnSync("node", [bin, "inspect", join(SEEDS, "deep-dive-analysis-template.md"), "--json"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { checkboxes: unknown[] }).checkboxes).toHaveLength(27);
    const missing = spawnSync("node", [bin, "inspect", "/nonexistent/x.md"], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file");
  });
});
