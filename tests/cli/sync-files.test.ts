/**
 * @jest-environment node
 *
 * `sync` over real files, tried as a hostile user or an unlucky one would: a link planted where
 * the temporary file goes, notes that are not UTF-8, modes, read-only notes, hard links,
 * unreadable notes and folders, and another program writing notes while the sync runs.
 * Cases that root would hide (root writes read-only files) run the built tool as `nobody`.
 */
import { spawn } from "child_process";
import { chmodSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { readFrontmatter } from "../../src/core/frontmatter";
import { cliAsUser, giveToRunner, tempDir, tempVault } from "../support/temp-vault";
import { cli } from "./run";

const OUT_OF_SYNC = "---\ntype: use-case-analysis\ncompany: Quillmart\n---\n## Deployment Pattern\n- [x] Batch Inference\n";
const SYNCED = "---\ntype: use-case-analysis\ncompany: Quillmart\npatterns:\n  - Batch Inference\ntags:\n  - use-case/pattern/batch-inference\n---\n## Deployment Pattern\n- [x] Batch Inference\n";

describe("sync writes nothing outside the vault", () => {
  it("a link planted where a temporary file could go is never followed; the note stays a file", async () => {
    const outside = tempVault({ "victim.txt": "keep me" });
    const root = tempVault({ "A.md": OUT_OF_SYNC });
    // Today's names and a spread of others: none of them may be written through.
    for (const pid of [process.pid, process.pid + 1]) symlinkSync(join(outside, "victim.txt"), join(root, `A.md.uca-${pid}.tmp`));
    const r = await cli(["sync", root]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("keep me");
    expect(lstatSync(join(root, "A.md")).isFile()).toBe(true);
    expect(readFileSync(join(root, "A.md"), "utf8")).toBe(SYNCED);
    // No temporary file is left behind.
    expect(readdirSync(root).sort()).toEqual(["A.md", `A.md.uca-${process.pid + 1}.tmp`, `A.md.uca-${process.pid}.tmp`].sort());
  });
});

describe("sync loses nothing", () => {
  it.each([
    ["Latin-1", Buffer.from("---\ntype: use-case-analysis\ncompany: Caf\xe9\n---\n## Deployment Pattern\n- [x] Batch Inference\n", "latin1")],
    ["binary", Buffer.concat([Buffer.from("---\ntype: use-case-analysis\n---\n## Deployment Pattern\n- [x] Batch Inference\n"), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])])],
  ])("a %s note is reported, never written, and the others are synced", async (_name, bytes) => {
    const root = tempVault({ "Bad.md": bytes, "Good.md": OUT_OF_SYNC });
    const r = await cli(["sync", root]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Bad.md: not synced — not UTF-8\n");
    expect(readFileSync(join(root, "Bad.md")).equals(bytes)).toBe(true);
    expect(readFileSync(join(root, "Good.md"), "utf8")).toBe(SYNCED);
  });

  it("keeps a UTF-8 byte order mark and a note's mode", async () => {
    const root = tempVault({ "A.md": `\ufeff${OUT_OF_SYNC}`, "Private.md": OUT_OF_SYNC });
    chmodSync(join(root, "Private.md"), 0o600);
    chmodSync(join(root, "A.md"), 0o640);
    expect((await cli(["sync", root])).code).toBe(0);
    expect(statSync(join(root, "Private.md")).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, "A.md")).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(root, "A.md"), "utf8")).toBe(`\ufeff${SYNCED}`);
  });

  it("reports a note with several hard links and leaves both names one file", async () => {
    const root = tempVault({ "A.md": OUT_OF_SYNC });
    const elsewhere = tempDir();
    linkSync(join(root, "A.md"), join(elsewhere, "A copy.md"));
    const r = await cli(["sync", root]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("A.md: not synced — has 2 hard links, not written");
    expect(r.out).toBe("");
    expect(statSync(join(root, "A.md")).ino).toBe(statSync(join(elsewhere, "A copy.md")).ino);
    expect(readFileSync(join(root, "A.md"), "utf8")).toBe(OUT_OF_SYNC);
  });

  it("takes one label in composed and decomposed Unicode for one pattern, one entry, one tag", async () => {
    const composed = "Caf\u00e9 Pipeline";
    const decomposed = "Cafe\u0301 Pipeline";
    const root = tempVault({ "A.md": `---\ntype: use-case-analysis\npatterns: [${decomposed}]\n---\n## Deployment Pattern\n- [x] ${composed}\n- [x] ${decomposed}\n` });
    expect((await cli(["sync", root])).code).toBe(0);
    const text = readFileSync(join(root, "A.md"), "utf8");
    const fm = readFrontmatter(text);
    if (fm.kind !== "ok") throw new Error("no frontmatter");
    expect((fm.data.patterns as string[]).map((p) => p.normalize("NFC"))).toEqual([composed]);
    expect(fm.data.tags).toEqual(["use-case/pattern/caf\u00e9-pipeline"]);
    const again = await cli(["check", root]);
    expect(again.out).toBe("");
  });

  it.each([
    ["a flow list", `x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`],
    ["a block map", `x:\n${Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i + 1)}a:\n`).join("")}`],
  ])("frontmatter nested thousands deep (%s) is reported as too deeply nested, never written", async (_name, yaml) => {
    const text = `---\ntype: use-case-analysis\n${yaml}---\n## Deployment Pattern\n- [x] Batch Inference\n`;
    const root = tempVault({ "Deep.md": text });
    const r = await cli(["sync", root]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Deep.md: not synced — broken frontmatter: too deeply nested to read");
    expect(r.err).not.toContain("call stack");
    expect(readFileSync(join(root, "Deep.md"), "utf8")).toBe(text);
    const check = await cli(["check", root]);
    expect(check.out).toContain("Deep.md: broken YAML in the frontmatter: too deeply nested to read");
  });

  it("names a patterns entry it removes", async () => {
    const root = tempVault({ "A.md": "---\ntype: use-case-analysis\npatterns: [Batch Inference, Made Up]\n---\n## Deployment Pattern\n- [x] Batch Inference\n" });
    const r = await cli(["sync", root]);
    expect(r.out).toBe("A.md: updated patterns: [Batch Inference]; removed Made Up from patterns\n");
  });
});

describe("sync as a user without privileges", () => {
  it("reports a read-only note and does not write it, and goes on past unreadable notes and folders", () => {
    const root = tempVault({ "Locked.md": OUT_OF_SYNC, "Secret.md": OUT_OF_SYNC, "Closed/B.md": OUT_OF_SYNC, "Open/C.md": OUT_OF_SYNC, "Z.md": OUT_OF_SYNC });
    giveToRunner(root);
    chmodSync(join(root, "Locked.md"), 0o444);
    chmodSync(join(root, "Secret.md"), 0o000);
    chmodSync(join(root, "Closed"), 0o000);
    try {
      const r = cliAsUser(["sync", root], root);
      expect(r.code).toBe(1);
      expect(r.err).toContain("Locked.md: not synced — read-only, not written\n");
      expect(r.err).toContain("Secret.md: not synced — cannot be read (permission denied)\n");
      expect(r.err).toContain("Closed: folder cannot be read (permission denied), its notes were skipped\n");
      expect(r.out).toBe("Open/C.md: updated patterns: [Batch Inference]\nZ.md: updated patterns: [Batch Inference]\n");
      expect(readFileSync(join(root, "Locked.md"), "utf8")).toBe(OUT_OF_SYNC);
      expect(statSync(join(root, "Locked.md")).mode & 0o777).toBe(0o444);
      expect(readFileSync(join(root, "Z.md"), "utf8")).toBe(SYNCED);
      const check = cliAsUser(["check", root], root);
      expect(check.code).toBe(1);
      expect(check.out).toContain("Closed: folder cannot be read");
      expect(check.out).toContain("Secret.md: cannot be read (permission denied), not checked");
      const table = cliAsUser(["table", root], root);
      expect(table.code).toBe(1);
      expect(table.err).toContain("Secret.md: skipped, cannot be read (permission denied)");
      expect(table.out).toContain("Z");
    } finally {
      chmodSync(join(root, "Closed"), 0o755);
    }
  });

  it("says \"updated\" only for a note it wrote: a note in a folder it may not write is reported", () => {
    const root = tempVault({ "Frozen/A.md": OUT_OF_SYNC });
    giveToRunner(root);
    chmodSync(join(root, "Frozen"), 0o555);
    try {
      const r = cliAsUser(["sync", root], root);
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toContain("Frozen/A.md: not synced — not written: cannot write in its folder (permission denied)");
      expect(readdirSync(join(root, "Frozen"))).toEqual(["A.md"]);
    } finally {
      chmodSync(join(root, "Frozen"), 0o755);
    }
  });
});

/**
 * Another program appends lines to random notes as fast as it can while `sync` rewrites every
 * note; every line it wrote must be in its note afterwards.
 */
describe("an edit made while sync runs", () => {
  const NOTES = 3000;
  const WRITER = `
    const fs = require("fs"), path = require("path");
    const [root, count, log, stop] = process.argv.slice(1);
    let n = 0;
    const done = [];
    const pause = new Int32Array(new SharedArrayBuffer(4));
    process.stdout.write("ready\\n");
    while (!fs.existsSync(stop)) {
      const i = Math.floor(Math.random() * Number(count));
      fs.appendFileSync(path.join(root, "n" + i + ".md"), "\\nedit " + n + "\\n");
      done.push(i + " " + n);
      n++;
      // A busy editor, not a spinning loop: about two writes a millisecond.
      if (n % 2 === 0) Atomics.wait(pause, 0, 0, 1);
    }
    fs.writeFileSync(log, done.join("\\n"));
  `;

  // A run that fails or times out must not leave its writer appending to notes for ever.
  const writers = new Set<ReturnType<typeof spawn>>();
  afterEach(() => {
    for (const w of writers) w.kill();
    writers.clear();
  });

  it.each([1, 2, 3])("run %i: no edit is lost", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < NOTES; i++) files[`n${i}.md`] = OUT_OF_SYNC;
    const root = tempVault(files);
    const scratch = tempDir();
    const log = join(scratch, "log");
    const stop = join(scratch, "stop");
    const writer = spawn(process.execPath, ["-e", WRITER, root, String(NOTES), log, stop], { stdio: ["ignore", "pipe", "inherit"] });
    writers.add(writer);
    const exited = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    await new Promise<void>((resolve) => writer.stdout.once("data", () => resolve()));
    const r = await cli(["sync", root]);
    writeFileSync(stop, "");
    expect(await exited).toBe(0);
    const edits = readFileSync(log, "utf8").split("\n").filter((l) => l !== "").map((l) => l.split(" "));
    expect(edits.length).toBeGreaterThan(100);
    const texts = new Map<string, string>();
    const text = (i: string): string => texts.get(i) ?? texts.set(i, readFileSync(join(root, `n${i}.md`), "utf8")).get(i) ?? "";
    const lost = edits.filter(([i, n]) => !text(i).includes(`\nedit ${n}\n`));
    expect(lost).toEqual([]);
    // And the sync did its work: what it could not finish it said so.
    const synced = Object.keys(files).filter((f) => readFileSync(join(root, f), "utf8").includes("patterns:\n  - Batch Inference\n")).length;
    expect(synced + (r.err.match(/: not synced — /g) ?? []).length).toBe(NOTES);
    expect(existsSync(stop)).toBe(true);
    // Well under 60 s on a quiet machine; 105–156 s a run on a loaded one (load average 20 on
    // two cores), where a run that timed out went on beside the next and slowed it too.
  }, 300_000);
});
