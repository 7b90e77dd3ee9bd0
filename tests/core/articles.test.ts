import fc from "fast-check";
import {
  CITED_BY_END, CITED_BY_START, NOT_CITED_LINE, addArticleLink, addArticleProperty, articleBaseName, articleFacts,
  citedBySection, currentCitedBy, findUseCasesList, linkArticleInAnalysis, markdownText, nameFromText, newArticleNote, oneLine, originalUrlIn,
  removeArticleLink, removeArticleProperty, replaceCitedBy, unlinkArticleInAnalysis,
} from "../../src/core/articles";
import { MAX_NAME_LENGTH } from "../../src/core/filename";
import { readFrontmatter } from "../../src/core/frontmatter";
import { readNote } from "../../src/core/reader";

const URL_A = "https://eng.example.com/hybrid-search";
const LINK = { linkTarget: "Acme - Hybrid search", url: URL_A };
const LINE = `[[Acme - Hybrid search]] — <${URL_A}>`;

describe("addArticleLink: the Use Cases Analyzed list", () => {
  const cases: { name: string; before: string; after: string; alreadyLinked?: boolean; listFound?: boolean }[] = [
    {
      name: "the template's lone empty item is filled in place",
      before: "**Use Cases Analyzed** (List 3-5 with links):\n1. \n\n### 1.2 Problem\n",
      after: `**Use Cases Analyzed** (List 3-5 with links):\n1. ${LINE}\n\n### 1.2 Problem\n`,
    },
    {
      name: "an empty item without a trailing space is filled too",
      before: "**Use Cases Analyzed**:\n1.\n",
      after: `**Use Cases Analyzed**:\n1. ${LINE}\n`,
    },
    {
      name: "numbering continues after the user's own lines, which stay",
      before: "**Use Cases Analyzed**:\n1. [Uber blog](https://uber.com/x) my notes\n2. Something I read\n\nNext paragraph\n",
      after: `**Use Cases Analyzed**:\n1. [Uber blog](https://uber.com/x) my notes\n2. Something I read\n3. ${LINE}\n\nNext paragraph\n`,
    },
    {
      name: "numbering continues from the last number, not the count",
      before: "**Use Cases Analyzed**:\n4. four\n7) seven\n",
      after: `**Use Cases Analyzed**:\n4. four\n7) seven\n8) ${LINE}\n`,
    },
    {
      name: "continuation lines and nested items of the last item stay with it",
      before: "## Use cases analyzed\n1. first\n   - a nested note\n   more text\n2. second\n   lazy\n## Next\n",
      after: `## Use cases analyzed\n1. first\n   - a nested note\n   more text\n2. second\n   lazy\n3. ${LINE}\n## Next\n`,
    },
    {
      name: "a loose list (blank lines between items) is one list",
      before: "**Use Cases Analyzed**:\n\n1. one\n\n2. two\n\nAfter.\n",
      after: `**Use Cases Analyzed**:\n\n1. one\n\n2. two\n3. ${LINE}\n\nAfter.\n`,
    },
    {
      name: "a bullet list gets a bullet",
      before: "### 1.1 Use Cases Analyzed\n* one\n",
      after: `### 1.1 Use Cases Analyzed\n* one\n* ${LINE}\n`,
    },
    {
      name: "a label without a list gets one right under it",
      before: "**Use Cases Analyzed**:\n\n### 1.2 Problem\n",
      after: `**Use Cases Analyzed**:\n1. ${LINE}\n\n### 1.2 Problem\n`,
    },
    {
      name: "a paragraph right under the label is kept apart by a blank line",
      before: "**Use Cases Analyzed**:\nI have not read any yet.\n",
      after: `**Use Cases Analyzed**:\n1. ${LINE}\n\nI have not read any yet.\n`,
    },
    {
      name: "at the end of a note without a final newline",
      before: "**Use Cases Analyzed**:\n1. one",
      after: `**Use Cases Analyzed**:\n1. one\n2. ${LINE}`,
    },
    {
      name: "CRLF notes get CRLF lines",
      before: "---\r\ntype: use-case-analysis\r\n---\r\n**Use Cases Analyzed**:\r\n1. one\r\n\r\nEnd\r\n",
      after: `---\r\ntype: use-case-analysis\r\n---\r\n**Use Cases Analyzed**:\r\n1. one\r\n2. ${LINE}\r\n\r\nEnd\r\n`,
    },
    {
      name: "the label in a code block does not count",
      before: "```\n**Use Cases Analyzed**:\n```\n**Use Cases Analyzed**:\n1. \n",
      after: `\`\`\`\n**Use Cases Analyzed**:\n\`\`\`\n**Use Cases Analyzed**:\n1. ${LINE}\n`,
    },
    {
      name: "a horizontal rule ends the list",
      before: "**Use Cases Analyzed**:\n1. one\n---\nrest\n",
      after: `**Use Cases Analyzed**:\n1. one\n2. ${LINE}\n---\nrest\n`,
    },
    {
      name: "already linked by the same target: no second line",
      before: "**Use Cases Analyzed**:\n1. [[Acme - Hybrid search]] — <https://x.example>\n",
      after: "**Use Cases Analyzed**:\n1. [[Acme - Hybrid search]] — <https://x.example>\n",
      alreadyLinked: true,
    },
    {
      name: "already linked through an alias or a folder path, any case",
      before: "**Use Cases Analyzed**:\n1. see [[Articles/acme - hybrid SEARCH|the post]]\n",
      after: "**Use Cases Analyzed**:\n1. see [[Articles/acme - hybrid SEARCH|the post]]\n",
      alreadyLinked: true,
    },
    {
      name: "already linked by a URL with tracking parameters, a fragment and another host case",
      before: "**Use Cases Analyzed**:\n1. [post](HTTPS://ENG.example.com/hybrid-search/?utm_source=x#intro)\n",
      after: "**Use Cases Analyzed**:\n1. [post](HTTPS://ENG.example.com/hybrid-search/?utm_source=x#intro)\n",
      alreadyLinked: true,
    },
    {
      name: "no label: nothing changes",
      before: "# Notes\n1. one\n",
      after: "# Notes\n1. one\n",
      listFound: false,
    },
  ];
  test.each(cases)("$name", ({ before, after, alreadyLinked = false, listFound = true }) => {
    const r = addArticleLink(before, LINK);
    expect(r.text).toBe(after);
    expect(r.changed).toBe(before !== after);
    expect(r.alreadyLinked).toBe(alreadyLinked);
    expect(r.listFound).toBe(listFound);
  });

  test("adding twice adds one line", () => {
    const once = addArticleLink("**Use Cases Analyzed**:\n1. \n", LINK).text;
    const twice = addArticleLink(once, LINK);
    expect(twice.changed).toBe(false);
    expect(twice.alreadyLinked).toBe(true);
  });

  test("three articles in a row are numbered 1, 2, 3", () => {
    let text = "**Use Cases Analyzed** (List 3-5 with links):\n1. \n\n### 1.2 Problem Statement\n";
    for (const n of [1, 2, 3]) text = addArticleLink(text, { linkTarget: `A${n}`, url: `https://a.example/${n}` }).text;
    expect(text).toBe("**Use Cases Analyzed** (List 3-5 with links):\n1. [[A1]] — <https://a.example/1>\n"
      + "2. [[A2]] — <https://a.example/2>\n3. [[A3]] — <https://a.example/3>\n\n### 1.2 Problem Statement\n");
  });

  test("the bundled template's list, as the creation form leaves it, is found", () => {
    const list = findUseCasesList("**Tags**: x\n\n**Use Cases Analyzed** (List 3-5 with links):\n1. \n\n### 1.2 Problem Statement\n");
    expect(list).toMatchObject({ labelLine: 2, start: 3, end: 4 });
  });

  test("every line outside the added one is kept (generated notes)", () => {
    const line = fc.oneof(fc.constantFrom("1. one", "- two", "", "   nested", "text", "## H", "**Bold**:", "1. ", "> quote"), fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, "")));
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (before, after, eol) => {
      const text = [...before, "**Use Cases Analyzed**:", ...after].join(eol);
      const r = addArticleLink(text, LINK);
      const oldLines = text.split(eol);
      const newLines = r.text.split(eol);
      if (!r.changed) return r.text === text;
      // The result holds exactly one line linking the article, and every old line but at most one (the filled empty item).
      const linking = newLines.filter((l) => l.includes("[[Acme - Hybrid search]]"));
      const kept = oldLines.filter((l) => newLines.includes(l)).length;
      return linking.length === 1 + oldLines.filter((l) => l.includes("[[Acme - Hybrid search]]")).length
        && kept >= oldLines.length - 1 && !r.text.includes(eol === "\n" ? "\r\n" : "\u0000");
    }));
  });
});

describe("removeArticleLink", () => {
  const cases: { name: string; before: string; after: string }[] = [
    {
      name: "the item goes, numbering stays 1, 2, 3",
      before: "**Use Cases Analyzed**:\n1. [[A]] — <https://a>\n2. [[B]] — <https://b>\n3. [[C]]\n",
      after: "**Use Cases Analyzed**:\n1. [[B]] — <https://b>\n2. [[C]]\n",
    },
    {
      name: "the last item",
      before: "**Use Cases Analyzed**:\n1. x\n2. [[A|alias]]",
      after: "**Use Cases Analyzed**:\n1. x",
    },
    {
      name: "nested notes under it stay; the user's numbering is not touched when it was not 1, 2, 3",
      before: "**Use Cases Analyzed**:\n1. x\n5. [[A]]\n   - my note\n9. z\n",
      after: "**Use Cases Analyzed**:\n1. x\n   - my note\n9. z\n",
    },
    {
      name: "not there: unchanged",
      before: "**Use Cases Analyzed**:\n1. [[B]]\n",
      after: "**Use Cases Analyzed**:\n1. [[B]]\n",
    },
    {
      name: "CRLF",
      before: "**Use Cases Analyzed**:\r\n1. [[A]]\r\n2. [[B]]\r\n",
      after: "**Use Cases Analyzed**:\r\n1. [[B]]\r\n",
    },
  ];
  test.each(cases)("$name", ({ before, after }) => {
    const r = removeArticleLink(before, "A");
    expect(r.text).toBe(after);
    expect(r.changed).toBe(before !== after);
  });

  test("add then remove gives the note back", () => {
    const text = "---\ntags: [x] # mine\n---\n**Use Cases Analyzed**:\n1. [[Mine]]\n\nEnd\n";
    const added = linkArticleInAnalysis(text, LINK);
    if (!added.ok) throw new Error(added.message);
    const removed = unlinkArticleInAnalysis(added.text, LINK.linkTarget);
    if (!removed.ok) throw new Error(removed.message);
    expect(removed.text).toBe("---\ntags: [x] # mine\narticles: []\n---\n**Use Cases Analyzed**:\n1. [[Mine]]\n\nEnd\n");
  });
});

describe("the articles property", () => {
  const cases: { name: string; before: string; after: string }[] = [
    { name: "added as a new key", before: "---\ntype: use-case-analysis\n---\nBody\n", after: "---\ntype: use-case-analysis\narticles:\n  - \"[[T]]\"\n---\nBody\n" },
    { name: "appended to a block list", before: "---\narticles:\n  - \"[[A]]\" # first\n---\n", after: "---\narticles:\n  - \"[[A]]\" # first\n  - \"[[T]]\"\n---\n" },
    { name: "an empty value becomes a list", before: "---\narticles:\n---\n", after: "---\narticles:\n  - \"[[T]]\"\n---\n" },
    { name: "no duplicate (alias, case)", before: "---\narticles:\n  - \"[[t|The post]]\"\n---\n", after: "---\narticles:\n  - \"[[t|The post]]\"\n---\n" },
    { name: "a note without frontmatter gets some", before: "Body\n", after: "---\narticles:\n  - \"[[T]]\"\n---\nBody\n" },
  ];
  test.each(cases)("$name", ({ before, after }) => {
    const r = addArticleProperty(before, "T");
    expect(r).toEqual({ ok: true, text: after, changed: before !== after });
  });

  test("removal keeps the other entries and their comments", () => {
    const r = removeArticleProperty("---\narticles:\n  - \"[[A]]\" # keep me\n  - \"[[T]]\"\nz: 1\n---\n", "T");
    expect(r).toEqual({ ok: true, changed: true, text: "---\narticles:\n  - \"[[A]]\" # keep me\nz: 1\n---\n" });
  });

  test.each([
    ["a map", "---\narticles:\n  a: 1\n---\n"],
    ["a list of numbers", "---\narticles: [1, 2]\n---\n"],
  ])("%s is refused, nothing changes", (_name, text) => {
    const r = addArticleProperty(text, "T");
    expect(r.ok).toBe(false);
  });

  test("broken frontmatter: refused with a message, nothing changes", () => {
    const r = linkArticleInAnalysis("---\ntype: [unclosed\n---\n**Use Cases Analyzed**:\n1. \n", LINK);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^broken frontmatter/) as unknown });
  });

  test("list and property in one edit; a second time is 'already linked' and changes nothing", () => {
    const text = "---\ntype: use-case-analysis\n---\n**Use Cases Analyzed**:\n1. \n";
    const first = linkArticleInAnalysis(text, LINK);
    expect(first).toMatchObject({ ok: true, changed: true, alreadyLinked: false, listFound: true });
    if (!first.ok) return;
    expect(first.text).toBe(`---\ntype: use-case-analysis\narticles:\n  - "[[Acme - Hybrid search]]"\n---\n**Use Cases Analyzed**:\n1. ${LINE}\n`);
    const second = linkArticleInAnalysis(first.text, { ...LINK, url: "https://ENG.example.com/hybrid-search/?utm_campaign=z" });
    expect(second).toMatchObject({ ok: true, changed: false, alreadyLinked: true, text: first.text });
  });

  test("a list line written by hand gets its property entry", () => {
    const text = `---\ntype: use-case-analysis\n---\n**Use Cases Analyzed**:\n1. ${LINE}\n`;
    const r = linkArticleInAnalysis(text, LINK);
    expect(r).toMatchObject({ ok: true, changed: true, alreadyLinked: false });
  });
});

describe("cited by", () => {
  test("lines are sorted by name and carry category and patterns", () => {
    expect(citedBySection([
      { name: "Zeta study", category: "Search and Retrieval", patterns: ["Hybrid Retrieval", "Multi-Stage Funnel"] },
      { name: "alpha study", category: null, patterns: [] },
      { name: "Mid", category: "AI Agents and LLMs", patterns: [] },
    ])).toEqual([
      "- [[alpha study]]",
      "- [[Mid]] — AI Agents and LLMs",
      "- [[Zeta study]] — Search and Retrieval · Hybrid Retrieval, Multi-Stage Funnel",
    ]);
    expect(citedBySection([])).toEqual([NOT_CITED_LINE]);
  });

  test("markup in a category or pattern is shown, not rendered", () => {
    expect(citedBySection([{ name: "A", category: "<b>x</b>\nnew", patterns: ["*p*"] }])).toEqual(["- [[A]] — \\<b\\>x\\</b\\> new · \\*p\\*"]);
  });

  const note = `---\ntype: use-case-article\n---\n# T\n\n## Cited by\n${CITED_BY_START}\n- [[Old]]\n${CITED_BY_END}\n\n## Notes\nMine, with ${CITED_BY_END} in a sentence.\n`;

  test("only the lines between the markers change", () => {
    const r = replaceCitedBy(note, ["- [[A]]", "- [[B]]"]);
    expect(r.text).toBe(note.replace("- [[Old]]\n", "- [[A]]\n- [[B]]\n"));
    expect(r).toMatchObject({ changed: true, found: true });
  });

  test("the same lines give the identical text", () => {
    const r = replaceCitedBy(note, ["- [[Old]]"]);
    expect(r.text).toBe(note);
    expect(r.changed).toBe(false);
  });

  test("CRLF is kept", () => {
    const crlf = note.replace(/\n/g, "\r\n");
    const r = replaceCitedBy(crlf, ["- [[A]]"]);
    expect(r.text).toBe(crlf.replace("- [[Old]]\r\n", "- [[A]]\r\n"));
  });

  test("no markers: nothing changes", () => {
    const r = replaceCitedBy("# T\nnotes\n", ["- [[A]]"]);
    expect(r).toEqual({ text: "# T\nnotes\n", changed: false, found: false });
  });

  test("every byte outside the markers is kept (generated notes)", () => {
    const text = fc.string({ maxLength: 40 }).filter((s) => !s.includes("<!--"));
    const lines = fc.array(fc.string({ maxLength: 15 }).map((s) => s.replace(/[\r\n]/g, "")), { maxLength: 5 });
    fc.assert(fc.property(text, lines, text, lines, (head, old, tail, fresh) => {
      const before = `${head}\n${CITED_BY_START}\n${old.map((l) => `${l}\n`).join("")}${CITED_BY_END}\n${tail}`;
      const r = replaceCitedBy(before, fresh);
      const again = replaceCitedBy(r.text, fresh);
      return r.text.startsWith(`${head}\n${CITED_BY_START}\n`) && r.text.endsWith(`${CITED_BY_END}\n${tail}`)
        && JSON.stringify(currentCitedBy(r.text)) === JSON.stringify(fresh) && again.text === r.text && !again.changed;
    }));
  });
});

describe("a new article note", () => {
  test("frontmatter, heading, original URL, cited by, notes", () => {
    const r = newArticleNote({ url: "https://Eng.Example.com/hybrid-search/?utm_source=x", title: "Hybrid search", company: "Acme", year: 2024 }, "use-case");
    expect(r).toEqual({
      ok: true,
      url: "https://eng.example.com/hybrid-search",
      name: "Acme - Hybrid search",
      text: [
        "---",
        "type: use-case-article",
        "url: https://eng.example.com/hybrid-search",
        "title: Hybrid search",
        "company: Acme",
        "year: 2024",
        "tags:",
        "  - use-case/article",
        "---",
        "# Hybrid search",
        "",
        "<https://eng.example.com/hybrid-search/?utm_source=x>",
        "",
        "## Cited by",
        CITED_BY_START,
        NOT_CITED_LINE,
        CITED_BY_END,
        "",
        "## Notes",
        "",
        "",
      ].join("\n"),
    });
    if (!r.ok) return;
    // It reads back as an article note, and its "Cited by" can be rewritten.
    const fm = readFrontmatter(r.text);
    expect(fm.kind === "ok" && articleFacts(fm.data)).toMatchObject({ url: "https://eng.example.com/hybrid-search", title: "Hybrid search", company: "Acme", year: 2024 });
    expect(currentCitedBy(r.text)).toEqual([NOT_CITED_LINE]);
  });

  test("without title or company: host and path name it; no empty properties", () => {
    const r = newArticleNote({ url: "https://blog.example.org/posts/2024/search" }, "uc");
    expect(r.ok && r.name).toBe("blog.example.org posts 2024 search");
    expect(r.ok && r.text).toMatch(/^---\ntype: use-case-article\nurl: https:\/\/blog\.example\.org\/posts\/2024\/search\ntags:\n {2}- uc\/article\n---\n# blog\.example\.org posts 2024 search\n/);
  });

  test.each([
    ["javascript:alert(1)"],
    ["data:text/html,hi"],
    ["file:///etc/passwd"],
    ["/relative/path"],
    ["not a url"],
  ])("%s is refused", (url) => {
    const r = newArticleNote({ url, title: "x" }, "uc");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBeTruthy();
  });

  test("a hostile title: the YAML reads back exactly, the heading shows the characters, the name is safe", () => {
    const title = "Scaling: <script>alert('x')</script> *fast* [[links]] | #tag ^block\nsecond line";
    const r = newArticleNote({ url: URL_A, title, company: "Acme/Corp" }, "uc");
    if (!r.ok) throw new Error(r.message);
    const fm = readFrontmatter(r.text);
    expect(fm.kind === "ok" && fm.data.title).toBe("Scaling: <script>alert('x')</script> *fast* [[links]] | #tag ^block second line");
    const heading = readNote(r.text).headings[0]?.text ?? "";
    expect(heading).toBe(String.raw`Scaling: \<script\>alert('x')\</script\> \*fast\* \[\[links\]\] \| \#tag \^block second line`);
    expect(r.name).toBe("Acme Corp - Scaling script alert('x') script fast links tag block second line");
    expect(r.name).not.toMatch(/[\\/:*?"<>|#^[\]\n]/);
  });
});

describe("names and markdown text from hostile titles", () => {
  const cases: [string, string][] = [
    ["A title\nwith newlines\r\nand tabs\t", "A title with newlines and tabs"],
    ["Why 1/3 of queries: fail?", "Why 1 3 of queries fail"],
    ["[[Wiki]] #tag ^ref | pipe", "Wiki tag ref pipe"],
    ["<img src=x onerror=alert(1)>", "img src=x onerror=alert(1)"],
    ["...hidden", "hidden"],
    ["trailing dots...", "trailing dots"],
    ["   ", ""],
    ["a".repeat(300), "a".repeat(MAX_NAME_LENGTH)],
    [`${"word ".repeat(40)}end`, "word ".repeat(40).trim()],
  ];
  test.each(cases)("%j → %j", (raw, name) => {
    expect(nameFromText(raw)).toBe(name);
  });

  test("names never hold characters that break files or links (generated)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 30 }), (title, company) => {
      const r = articleBaseName({ url: URL_A, title, company });
      if (!r.ok) return true;
      return !/[\\/:*?"<>|#^[\]\r\n\t]/.test(r.name) && r.name === r.name.trim() && !r.name.startsWith(".") && r.name.length > 0 && r.name.length <= 250;
    }));
  });

  test("markdown text shows every character as typed (generated)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => {
      const md = markdownText(s);
      // Unescaping gives the one-line text back, and no markup character is left bare.
      return !/[\r\n]/.test(md) && md.replace(/\\(.)/g, "$1") === oneLine(s)
        && !/(?<!\\)[<>[\]*_`|#]/.test(md.replace(/\\\\/g, ""));
    }));
  });

  test("an empty title and no company fall back to the URL", () => {
    expect(articleBaseName({ url: "https://x.example/a/b", title: " \n ", company: "" })).toEqual({ ok: true, name: "x.example a b" });
  });
});

describe("the URL as first given", () => {
  const note = "---\nurl: https://eng.example.com/a\nsource: http://www.eng.example.com/a\n---\n# A\n\nSee also https://other.example/x\n<http://www.Eng.example.com/a/?utm_source=feed>\n";
  test("the body's link to the same page, not the frontmatter's nor another page's", () => {
    expect(originalUrlIn(note, "https://eng.example.com/a")).toBe("http://www.Eng.example.com/a/?utm_source=feed");
  });
  test("none in the body: the canonical URL", () => {
    expect(originalUrlIn("---\nurl: https://eng.example.com/a\n---\n# A\n", "https://eng.example.com/a")).toBe("https://eng.example.com/a");
  });
});
