/** @jest-environment node */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import { splitArticleArg } from "../../src/cli/new";
import { readNote } from "../../src/core/reader";
import { snapshot, tempVault } from "../support/temp-vault";
import { cli } from "./run";

const NOW = new Date(2025, 2, 7, 9, 5, 3);
function vault(files: Record<string, string> = {}): string {
  return tempVault(files, "uca-new-");
}

/** Every file and folder under a folder, with the files' bytes: what "unchanged" compares. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const { runCli } = await import("../../src/cli/cli");
  const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: process.cwd(), now: () => NOW });
  return { code, out, err };
}

const BASE = ["--template", "deep-dive", "--company", "Quillmart", "--title", "Hybrid search at scale", "--year", "2024",
  "--category", "search and retrieval", "--industry", "E-commerce and retail"];
const ANALYSIS = "Use cases/Search and Retrieval/Quillmart - Hybrid search at scale.md";

describe("use-case-atlas new: creating", () => {
  it("writes the note and its article notes, prints their paths", async () => {
    const root = vault({ "Inbox.md": "hello\n" });
    const r = await run(["new", root, ...BASE, "--tag", "search, #ranking",
      "--article", "https://eng.quillmart.example/blog/hybrid-search?utm_source=feed=Hybrid search at Quillmart",
      "--article", "https://eng.quillmart.example/blog/ranking/"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toBe(`${ANALYSIS}\nArticles/Quillmart - Hybrid search at Quillmart.md\nArticles/Quillmart - eng.quillmart.example blog ranking.md\n`);
    const text = readFileSync(join(root, ANALYSIS), "utf8");
    expect(readNote(text).frontmatter).toEqual({
      type: "use-case-analysis", category: "Search and Retrieval", industry: "E-commerce and retail", company: "Quillmart", year: 2024,
      patterns: [], articles: ["[[Quillmart - Hybrid search at Quillmart]]", "[[Quillmart - eng.quillmart.example blog ranking]]"],
      tags: ["search", "ranking", "use-case/category/search-and-retrieval", "use-case/industry/e-commerce-and-retail"],
    });
    expect(text).toContain("1. [[Quillmart - Hybrid search at Quillmart]] — <https://eng.quillmart.example/blog/hybrid-search?utm_source=feed>\n"
      + "2. [[Quillmart - eng.quillmart.example blog ranking]] — <https://eng.quillmart.example/blog/ranking/>\n");
    expect(readNote(readFileSync(join(root, "Articles/Quillmart - Hybrid search at Quillmart.md"), "utf8")).frontmatter).toEqual({
      type: "use-case-article", url: "https://eng.quillmart.example/blog/hybrid-search", title: "Hybrid search at Quillmart", company: "Quillmart",
      tags: ["use-case/article"],
    });
    expect(readFileSync(join(root, "Inbox.md"), "utf8")).toBe("hello\n");
  });

  it("makes a case study from the case-study template", async () => {
    const root = vault();
    const r = await run(["new", root, "--template", "case-study", "--company", "Quillmart", "--title", "Search"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("Case studies/Quillmart - Search (case study).md\n");
    expect(readNote(readFileSync(join(root, "Case studies/Quillmart - Search (case study).md"), "utf8")).frontmatter).toMatchObject({ type: "case-study", company: "Quillmart" });
  });

  it("never overwrites: a taken name, in any case, gets \" 2\", and an existing folder keeps its spelling", async () => {
    const existing = "use cases/search and retrieval/quillmart - hybrid search at scale.md";
    const root = vault({ [existing]: "mine\n" });
    const r = await run(["new", root, ...BASE]);
    expect(r.out).toBe("use cases/search and retrieval/Quillmart - Hybrid search at scale 2.md\n");
    expect(readFileSync(join(root, existing), "utf8")).toBe("mine\n");
    expect(readdirSync(root)).toEqual(["use cases"]);
    const again = await run(["new", root, ...BASE]);
    expect(again.out).toBe("use cases/search and retrieval/Quillmart - Hybrid search at scale 3.md\n");
  });

  it("reuses the article note of the same page (canonical URL) wherever it is", async () => {
    const article = "Reading/Some post.md";
    const articleText = "---\ntype: use-case-article\nurl: https://eng.quillmart.example/blog/hybrid-search\n---\n# Some post\n";
    const root = vault({ [article]: articleText });
    const r = await run(["new", root, ...BASE, "--article", "HTTPS://ENG.Quillmart.example/blog/hybrid-search/?utm_campaign=x#top"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${ANALYSIS}\n`);
    expect(r.err).toBe(`Linked the existing article note "${article}" (same page as https://eng.quillmart.example/blog/hybrid-search).\n`);
    expect(readFileSync(join(root, article), "utf8")).toBe(articleText);
    expect(readNote(readFileSync(join(root, ANALYSIS), "utf8")).frontmatter?.articles).toEqual(["[[Some post]]"]);
    expect(() => statSync(join(root, "Articles"))).toThrow();
  });

  it("two notes citing one article: one article note, cited by both", async () => {
    const root = vault();
    const url = "https://blog.example/post";
    await run(["new", root, ...BASE, "--article", url]);
    const second = await run(["new", root, "--template", "deep-dive", "--company", "Other", "--title", "T", "--article", `${url}/?utm_source=x`]);
    expect(second.out).toBe("Use cases/Other - T.md\n");
    expect(readdirSync(join(root, "Articles"))).toEqual(["Quillmart - blog.example post.md"]);
    expect(readNote(readFileSync(join(root, "Use cases/Other - T.md"), "utf8")).frontmatter?.articles).toEqual(["[[Quillmart - blog.example post]]"]);
  });

  it("links an article by its path when another note has the same name (Obsidian's shortest unambiguous link)", async () => {
    const root = vault({ "Elsewhere/Quillmart - blog.example post.md": "mine\n" });
    await run(["new", root, ...BASE, "--article", "https://blog.example/post"]);
    expect(readNote(readFileSync(join(root, ANALYSIS), "utf8")).frontmatter?.articles).toEqual(["[[Articles/Quillmart - blog.example post]]"]);
  });

  it("uses the vault's settings and its own template, and falls back to the bundled one with a message", async () => {
    const settings = { settings: { analysesFolder: "Studies", fileNamePattern: "{{year}}/{{title}} ({{company}})", deepDiveTemplate: "Templates/Mine", tagPrefix: "uca" } };
    const template = "---\nreviewed: false\n---\n# {{company}}: {{title}}\n\n## Deployment Pattern\n- [x] Batch Inference\n\n**Use Cases Analyzed**:\n{{articles}}\n";
    const root = vault({ ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify(settings), "Templates/Mine.md": template });
    const r = await run(["new", root, ...BASE]);
    expect(r).toMatchObject({ code: 0, err: "", out: "Studies/2024/Hybrid search at scale (Quillmart).md\n" });
    expect(readFileSync(join(root, "Studies/2024/Hybrid search at scale (Quillmart).md"), "utf8")).toBe(
      "---\nreviewed: false\ntype: use-case-analysis\ncategory: Search and Retrieval\nindustry: E-commerce and retail\ncompany: Quillmart\nyear: 2024\n"
      + "patterns:\n  - Batch Inference\narticles: []\ntags:\n  - uca/category/search-and-retrieval\n  - uca/industry/e-commerce-and-retail\n  - uca/pattern/batch-inference\n---\n"
      + "# Quillmart: Hybrid search at scale\n\n## Deployment Pattern\n- [x] Batch Inference\n\n**Use Cases Analyzed**:\n1. \n");

    rmSync(join(root, "Templates/Mine.md"));
    const fallback = await run(["new", root, ...BASE.map((a) => (a === "Hybrid search at scale" ? "Second" : a))]);
    expect(fallback.code).toBe(0);
    expect(fallback.err).toBe("The template \"Templates/Mine.md\" was not found, so the bundled deep dive template was used. Check the template settings.\n");
    expect(readFileSync(join(root, "Studies/2024/Second (Quillmart).md"), "utf8")).toContain("## Instructions for Use");
  });

  it("reads the settings from --config-dir", async () => {
    const root = vault({ "cfg/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { analysesFolder: "Elsewhere" } }) });
    const r = await run(["new", root, ...BASE, "--config-dir", "cfg"]);
    expect(r.out).toBe("Elsewhere/Search and Retrieval/Quillmart - Hybrid search at scale.md\n");
  });

  it("--dry-run prints the paths and writes nothing", async () => {
    const root = vault({ "A.md": "a\n" });
    const before = snapshot(root);
    const r = await run(["new", root, ...BASE, "--article", "https://blog.example/post", "--dry-run"]);
    expect(r).toEqual({ code: 0, out: `${ANALYSIS}\nArticles/Quillmart - blog.example post.md\n`, err: "Dry run: nothing was written.\n" });
    expect(snapshot(root)).toEqual(before);
  });

  it("replaces characters file names cannot hold, keeps them in the properties, and says so", async () => {
    const root = vault();
    const r = await run(["new", root, "--template", "deep-dive", "--company", "Acme/Co", "--title", "What: a #title?"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("Use cases/Acme Co - What a title.md\n");
    expect(r.err).toBe("File names cannot hold / — replaced in the file name made from the company.\nFile names cannot hold : # ? — replaced in the file name made from the title.\n");
    expect(readNote(readFileSync(join(root, "Use cases/Acme Co - What a title.md"), "utf8")).frontmatter?.company).toBe("Acme/Co");
  });

  it("shortens an over-long name to the limit and says so", async () => {
    const root = vault();
    const title = "word ".repeat(60).trim();
    const r = await run(["new", root, "--template", "deep-dive", "--company", "Quillmart", "--title", title]);
    expect(r.code).toBe(0);
    const name = r.out.trim().replace(/^Use cases\//, "").replace(/\.md$/, "");
    expect(name.length).toBeLessThanOrEqual(200);
    expect(r.err).toBe(`The title is longer than a file name may be (200 characters): the file name was shortened to "${name}".\n`);
    expect(readNote(readFileSync(join(root, r.out.trim()), "utf8")).frontmatter?.company).toBe("Quillmart");
  });
});

describe("use-case-atlas new: bad input changes nothing", () => {
  it.each<[string, string[], number, RegExp]>([
    ["an empty company", ["--company", "  "], 2, /^new: --company: Company is empty\.$/],
    ["an empty title", ["--title", ""], 2, /^new: --title: Title is empty\.$/],
    ["a name of illegal characters only", ["--title", ":?*"], 2, /^new: --title: Title has no characters a file name can use\.$/],
    ["a 2-digit year", ["--year", "24"], 2, /^new: --year: Year must be a 4-digit year, like 2024 \(not "24"\)\.$/],
    ["a year with letters", ["--year", "20x4"], 2, /4-digit year/],
    ["a non-http URL", ["--article", "ftp://files.example/x"], 2, /^new: --article ftp:\/\/files\.example\/x: .*http/],
    ["a javascript: URL", ["--article", "javascript:alert(1)"], 2, /^new: --article javascript:alert\(1\): /],
    ["six articles", ["--article", "https://a.example/1", "--article", "https://a.example/2", "--article", "https://a.example/3",
      "--article", "https://a.example/4", "--article", "https://a.example/5", "--article", "https://a.example/6"], 2, /^new: --article: At most 5 articles/],
    ["an unknown category", ["--category", "Robotics"], 2, /^new: --category "Robotics" is not in the taxonomy \(.*Search and Retrieval.*\); add --allow-new-category to use it as a new category$/],
    ["an unknown industry", ["--industry", "Space"], 2, /^new: --industry "Space" is not in the taxonomy .*--allow-new-industry/],
    ["a tag with spaces inside a word", ["--tag", "a.b"], 2, /^new: --tag: "a\.b" can't be a tag/],
    ["an unknown flag", ["--bogus"], 2, /^new: unknown option --bogus$/],
    ["an unknown template", ["--template", "essay"], 2, /^new: unknown --template "essay": use deep-dive or case-study$/],
    ["a flag without its value", ["--year"], 2, /^new: --year needs a value$/],
    ["a flag given twice", ["--company", "Other"], 2, /^new: --company is given twice$/],
    ["an empty --article", ["--article", ""], 2, /^new: --article needs an address: --article URL\[=TITLE\]$/],
    ["an --article of only \"=\"", ["--article", "="], 2, /^new: --article "=" has no address: --article URL\[=TITLE\]$/],
    ["an --article of only a title", ["--article", "=My title"], 2, /^new: --article "=My title" has no address/],
  ])("%s", async (_name, extra, code, message) => {
    const root = vault({ "Inbox.md": "hello\n" });
    const before = snapshot(root);
    // Flags that replace BASE's are given instead of it (a twice-given flag is the case that keeps both).
    const replaced = new Set(extra.filter((a) => a.startsWith("--")));
    const base: string[] = [];
    for (let i = 0; i < BASE.length; i += 2) if (!replaced.has(BASE[i]) || _name === "a flag given twice") base.push(BASE[i], BASE[i + 1]);
    const r = await run(["new", root, ...base, ...extra]);
    expect(r.code).toBe(code);
    expect(r.out).toBe("");
    expect(r.err.split("\n")[0]).toMatch(message);
    expect(snapshot(root)).toEqual(before);
  });

  it.each<[string, string[], RegExp]>([
    ["no vault", ["new", ...BASE], /^new: give the vault folder$/],
    ["a missing vault", ["new", "/no/such/vault", ...BASE], /^no such vault folder: \/no\/such\/vault$/],
    ["no template", ["new", "VAULT", "--company", "A", "--title", "B"], /^new: --template is required/],
    ["no company", ["new", "VAULT", "--template", "deep-dive", "--title", "B"], /^new: --company is required$/],
    ["no title", ["new", "VAULT", "--template", "deep-dive", "--company", "A"], /^new: --title is required$/],
  ])("%s: a usage message, exit 2", async (_n, argv, message) => {
    const root = vault();
    const r = await run(argv.map((a) => (a === "VAULT" ? root : a)));
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toMatch(message);
    expect(snapshot(root)).toEqual({});
  });

  it.each([
    [{ analysesFolder: "../Elsewhere" }, /The analyses folder "\.\.\/Elsewhere" leads out of the vault/],
    [{ articlesFolder: "../Elsewhere" }, /The articles folder "\.\.\/Elsewhere" leads out of the vault/],
    [{ caseStudiesFolder: "Notes/../../Elsewhere" }, /The case studies folder/],
    [{ deepDiveTemplate: "../Templates/Mine" }, /The deep dive template/],
    [{ fileNamePattern: "../../{{company}} - {{title}}" }, /File name pattern/],
    [{ tagPrefix: "a/../b" }, /Tag prefix "a\/\.\.\/b"/],
    [{ tagPrefix: "/use-case/" }, /Tag prefix/],
  ])("settings %j that lead out of the vault: refused, exit 2, nothing written anywhere", async (settings, message) => {
    const outer = vault();
    const root = join(outer, "vault");
    mkdirSync(join(root, ".obsidian/plugins/use-case-atlas"), { recursive: true });
    writeFileSync(join(root, ".obsidian/plugins/use-case-atlas/data.json"), JSON.stringify({ settings }));
    const before = snapshot(outer);
    const r = await run(["new", root, ...BASE, "--article", "https://eng.quillmart.example/blog/hybrid-search"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain("Nothing was created.");
    expect(snapshot(outer)).toEqual(before);
  });

  it("writes no credentials from an article address, in the note or the article note", async () => {
    const root = vault();
    const r = await run(["new", root, ...BASE, "--article", "https://reader:s3cret-pw@blog.example/post?id=7=A post"]);
    expect(r.code).toBe(0);
    const all = Object.values(snapshot(root)).filter((t): t is string => t !== null).join("\n");
    expect(all).toContain("https://blog.example/post?id=7");
    expect(all).not.toMatch(/s3cret-pw|reader@|reader:/);
  });

  it("a data.json holding null, or settings that are not an object, gets a clear message", async () => {
    for (const [data, message] of [["null", /settings must be an object/], ["[1]", /settings must be an object/], ['{"settings": 3}', /"settings" in .* must be an object/]] as const) {
      const root = vault({ ".obsidian/plugins/use-case-atlas/data.json": data });
      const r = await run(["new", root, ...BASE]);
      expect([r.code, r.err]).toEqual([2, expect.stringMatching(message)]);
      expect(r.err).not.toMatch(/not valid JSON/);
    }
  });

  it("a note given as the vault is refused", async () => {
    const root = vault({ "A.md": "a\n" });
    const r = await run(["new", join(root, "A.md"), ...BASE]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a folder/);
  });

  it("a template with broken frontmatter: exit 1, nothing written", async () => {
    const root = vault({
      ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { deepDiveTemplate: "T.md" } }),
      "T.md": "---\na: [\n---\n# {{title}}\n",
    });
    const before = snapshot(root);
    const r = await run(["new", root, ...BASE, "--article", "https://blog.example/x"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^new: The template "T\.md" cannot be used: its frontmatter is broken \(.*\)\. Nothing was created\.\n$/);
    expect(snapshot(root)).toEqual(before);
  });

  it("a file where the note's folder should be: exit 1, nothing written", async () => {
    const root = vault({ "Use cases": "a file\n" });
    const before = snapshot(root);
    const r = await run(["new", root, ...BASE, "--article", "https://blog.example/x"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("new: \"Use cases\" is a file, so it cannot hold the new note's folder. Rename it or change the folder in the settings. Nothing was created.\n");
    expect(snapshot(root)).toEqual(before);
  });

  it("an article note by the wanted name with broken frontmatter: exit 1, nothing written", async () => {
    const root = vault({ "Articles/Quillmart - blog.example x.md": "---\na: [\n---\n" });
    const before = snapshot(root);
    const r = await run(["new", root, ...BASE, "--article", "https://blog.example/x"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^new: "Articles\/Quillmart - blog\.example x\.md" has broken frontmatter/);
    expect(snapshot(root)).toEqual(before);
  });

  it("a write that fails half-way takes back the article notes and folders it made", async () => {
    const root = vault();
    // The note's own name is taken by a folder only the exclusive create can see (made after planning is impossible
    // to arrange from outside, so a read-only folder stands in): the article note is written, the note is not.
    mkdirSync(join(root, "Use cases/Search and Retrieval"), { recursive: true });
    const { chmodSync } = await import("fs");
    chmodSync(join(root, "Use cases/Search and Retrieval"), 0o500);
    try {
      const r = await run(["new", root, ...BASE, "--article", "https://blog.example/x"]);
      if (process.getuid?.() === 0) return; // root writes anyway: nothing to prove here
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^new: the note could not be created: .*EACCES.*\. Nothing was kept\.\n$/);
      expect(snapshot(root)).toEqual({ "Use cases": null, "Use cases/Search and Retrieval": null });
    } finally {
      chmodSync(join(root, "Use cases/Search and Retrieval"), 0o700);
    }
  });
});

describe("use-case-atlas new: links out of the vault", () => {
  it("refuses a note folder that is a link to a folder outside the vault", async () => {
    const outside = vault();
    const root = vault();
    symlinkSync(outside, join(root, "Use cases"));
    const before = snapshot(root);
    const r = await run(["new", root, ...BASE]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("new: \"Use cases\" is a link to a folder outside the vault; the note would be written there. Nothing was created.\n");
    expect(snapshot(root)).toEqual(before);
    expect(snapshot(outside)).toEqual({});
  });

  it("refuses an articles folder that leads outside, and reads no template through a link out", async () => {
    const outside = vault({ "T.md": "---\nstolen: true\n---\n# {{title}}\n" });
    const root = vault({ ".obsidian/plugins/use-case-atlas/data.json": JSON.stringify({ settings: { deepDiveTemplate: "Templates/T.md" } }) });
    symlinkSync(outside, join(root, "Templates"));
    symlinkSync(outside, join(root, "Articles"));
    const r = await run(["new", root, ...BASE, "--article", "https://blog.example/x"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"Articles" is a link to a folder outside the vault/);
    const noArticle = await run(["new", root, ...BASE]);
    expect(noArticle.code).toBe(0);
    expect(noArticle.err).toMatch(/^The template "Templates\/T\.md" was not found, so the bundled deep dive template was used/);
    expect(readFileSync(join(root, ANALYSIS), "utf8")).not.toContain("stolen");
    expect(snapshot(outside)).toEqual({ "T.md": "---\nstolen: true\n---\n# {{title}}\n" });
  });

  it("does not reuse an article note that is only reachable through a link out of the vault", async () => {
    const outside = vault({ "Post.md": "---\ntype: use-case-article\nurl: https://blog.example/x\n---\n" });
    const root = vault();
    symlinkSync(outside, join(root, "Linked"));
    const r = await run(["new", root, ...BASE, "--article", "https://blog.example/x"]);
    expect(r.out).toBe(`${ANALYSIS}\nArticles/Quillmart - blog.example x.md\n`);
  });
});

describe("splitArticleArg", () => {
  it.each<[string, { url: string; title?: string }]>([
    ["https://a.example/p", { url: "https://a.example/p" }],
    ["https://a.example/p=My title", { url: "https://a.example/p", title: "My title" }],
    ["https://a.example/p?id=7", { url: "https://a.example/p?id=7" }],
    ["https://a.example/p?id=7&x=y", { url: "https://a.example/p?id=7&x=y" }],
    ["https://a.example/p?id=7=A = B & C", { url: "https://a.example/p?id=7", title: "A = B & C" }],
    ["https://a.example/p?id=7&x=y=T", { url: "https://a.example/p?id=7&x=y", title: "T" }],
    ["https://a.example/p=", { url: "https://a.example/p" }],
  ])("%s", (arg, expected) => {
    expect(splitArticleArg(arg)).toEqual(expected);
  });

  it("gives back any URL without a title untouched, and any title after it", () => {
    // An "=" in the path, or a second one in a query parameter, is where a title starts (documented):
    // such URLs need that "=" written %3D.
    const plain = (u: string): boolean => !u.includes("#") && !u.split("?")[0].includes("=")
      && (u.includes("?") ? u.slice(u.indexOf("?") + 1) : "").split("&").every((pair) => pair.split("=").length <= 2);
    const url = fc.webUrl({ withQueryParameters: true }).filter(plain);
    const title = fc.string({ minLength: 1 }).filter((t) => t.trim() !== "");
    fc.assert(fc.property(url, title, (u, t) => {
      expect(splitArticleArg(u)).toEqual({ url: u });
      // A title needs a query parameter of its own to follow when the URL's last parameter has no "=".
      const lastPair = u.includes("?") ? u.slice(u.indexOf("?") + 1).split("&").pop() ?? "" : "";
      if (!u.includes("?") || lastPair.includes("=")) expect(splitArticleArg(`${u}=${t}`)).toEqual({ url: u, title: t.trim() });
    }));
  });
});

it("is listed in the main help and has its own", async () => {
  expect((await cli(["--help"])).out).toMatch(/\n {2}new {4}/);
  const help = await cli(["new", "--help"]);
  expect(help.code).toBe(0);
  for (const flag of ["--template", "--company", "--title", "--year", "--category", "--industry", "--allow-new-category", "--allow-new-industry", "--tag", "--article", "--dry-run", "--config-dir"]) {
    expect(help.out).toContain(flag);
  }
});
