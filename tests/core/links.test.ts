/**
 * Links between notes: one reading of a link (src/core/links.ts), and every caller that reads
 * links — check, the case-study prefill, Cited by's `articles` property and "Use Cases Analyzed"
 * list, unlinking — agrees with it.
 */
import fc from "fast-check";
import { articlesProperty, listedLinkTargets, removeArticleProperty } from "../../src/core/articles";
import { prefillFromAnalysis } from "../../src/core/case-study-prefill";
import { checkVault, LinkResolver } from "../../src/core/check";
import { readFrontmatter } from "../../src/core/frontmatter";
import { baseName, linkIn, linkTarget, linkTargets, linkValue, sameLinkTarget } from "../../src/core/links";
import { DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { CTX } from "../support/studies";
import { numRuns } from "../support/fast-check";

describe("linkTarget", () => {
  it.each([
    ["[[Target]]", "Target"],
    ["[[Target|alias]]", "Target"],
    ["[[Target#Heading|alias]]", "Target"],
    ["[[Target^block]]", "Target"],
    ["![[Embedded]]", "Embedded"],
    ["  [[ Spaced ]]  ", "Spaced"],
    ["[[Folder/Note.md]]", "Folder/Note.md"],
    ["[text](Folder/My%20Note.md)", "Folder/My Note.md"],
    ["[text](<Folder/My Note.md#x>)", "Folder/My Note.md"],
    ["[text](bad%ZZ.md)", "bad%ZZ.md"],
    ["Plain name", "Plain name"],
    ["[[a]] and [[b]]", "[[a]] and [[b]]"],
  ])("%s → %s", (raw, target) => {
    expect(linkTarget(raw)).toBe(target);
  });

  it.each([["Plain name"], ["[[a]] and [[b]]"], [""], ["[[a]"]])("%j is not one link", (raw) => {
    expect(linkIn(raw)).toBeNull();
  });
});

describe("linkTargets", () => {
  it.each<[string, string[]]>([
    ["1. [[Acme - Search]] — <https://acme.example/s>", ["Acme - Search"]],
    ["[[A#h|x]], ![[B]] and [c](Folder/My%20Note.md)", ["A", "B", "Folder/My Note.md"]],
    ["[site](https://acme.example/) and [mail](mailto:a@b.example)", []],
    ["[[]] [](#heading) no links", []],
    ["[[a]b]]", []],
  ])("%s → %j", (text, targets) => {
    expect(linkTargets(text)).toEqual(targets);
  });
});

describe("baseName", () => {
  it.each([
    ["Folder/My Note.md", "My Note"],
    ["Note.MD", "Note"],
    ["a/b/c", "c"],
    ["a/.md", ".md"],
    ["Note.md.md", "Note.md"],
  ])("%s → %s", (path, name) => {
    expect(baseName(path)).toBe(name);
  });
});

describe("sameLinkTarget", () => {
  it.each<[string, string, boolean]>([
    ["Folder/My Note.md", "folder/my note", true],
    ["My Note", "Folder/My Note.md", true],
    ["A/My Note", "B/My Note", false],
    ["My Note", "Other", false],
  ])("%s ~ %s: %s", (a, b, same) => {
    expect(sameLinkTarget(a, b)).toBe(same);
  });
});

// ---------------------------------------------------------------------------------------------
// Every caller reads a link as linkTarget does

const ARTICLE_PATH = "Articles/Acme - My Note.md";
const name = fc.constantFrom("Acme - My Note", "acme - my note", "Articles/Acme - My Note", "Articles/Acme - My Note.md", "Acme - My Note.md");
const suffix = fc.constantFrom("", "#Heading", "^block", "|alias", "#Part|alias");
const space = fc.constantFrom("", " ", "  ");
/** Ways a note writes a link to the article: wikilinks, embeds, markdown links with escaped names. */
const linkToArticle = fc.oneof(
  fc.tuple(fc.boolean(), name, suffix, space).map(([embed, n, s, sp]) => `${sp}${embed ? "!" : ""}[[${sp}${n}${s}]]${sp}`),
  fc.tuple(name, fc.constantFrom("", "#Heading"), fc.boolean(), fc.constantFrom("text", "")).map(
    ([n, h, angle, text]) => angle ? `[${text}](<${n}${h}>)` : `[${text}](${encodeURI(n)}${h})`,
  ),
);

function analysisWith(value: string): string {
  return `---\ntype: use-case-analysis\narticles:\n  - ${JSON.stringify(value)}\n---\n# Acme\n\n**Use Cases Analyzed**:\n1. ${value.trim()} — <https://acme.example/post>\n`;
}

/** Unlinking the article by its name removes the property's entry. */
function unlinks(text: string): boolean {
  const removed = removeArticleProperty(text, baseName(ARTICLE_PATH));
  return removed.ok && removed.changed && articlesProperty(readFrontmatterData(removed.text)).length === 0;
}

function readFrontmatterData(text: string): Record<string, unknown> | null {
  const fm = readFrontmatter(text);
  return fm.kind === "ok" ? fm.data : null;
}

describe("callers agree with linkTarget", () => {
  it("property: Cited by, the prefill, check and unlinking read a link to the article as linkTarget does", () => {
    fc.assert(fc.property(linkToArticle, (value) => {
      const target = linkTarget(value);
      const text = analysisWith(value);
      const resolver = new LinkResolver([ARTICLE_PATH, "A.md"]);
      return linkIn(value) === target
        && sameLinkTarget(target, ARTICLE_PATH)
        && resolver.exists(target)
        && linkTargets(value).join("\n") === target
        // Cited by: the `articles` property and the "Use Cases Analyzed" list.
        && articlesProperty({ articles: [value] }).join("\n") === target
        && listedLinkTargets(text).join("\n") === target
        // The case-study prefill.
        && prefillFromAnalysis(text, "A", DEFAULT_PATTERN_GROUPS).articleTargets.join("\n") === target
        // check: the link leads to a note that exists.
        && !checkVault([{ path: "A.md", text }, { path: ARTICLE_PATH, text: "---\ntype: use-case-article\nurl: https://acme.example/post\n---\n" }], { ...CTX, tagPrefix: "use-case" })
          .some((p) => p.problem.includes("missing note"))
        // Unlinking the article removes the entry.
        && unlinks(text);
    }), numRuns(300));
  });

  it("property: a value's link as a property entry and in a line of text are the same link", () => {
    const anyTarget = fc.string({ unit: fc.constantFrom("a", "B", " ", "/", ".", "%", "#", "|", "^", "é", "(", "<"), maxLength: 12 });
    const anyLink = fc.oneof(
      anyTarget.map((t) => `[[${t}]]`),
      fc.tuple(anyTarget, anyTarget).map(([text, t]) => `[${text.replace(/[[\]]/g, "")}](${t})`),
    );
    fc.assert(fc.property(anyLink, (value) => {
      const one = linkIn(value);
      if (one === null || one === "" || /^[a-z][a-z0-9+.-]*:/i.test(one)) return true;
      return linkTargets(value).join("\n") === one && linkTarget(value) === one
        && articlesProperty({ articles: [value] }).join("\n") === one;
    }), numRuns(1000));
  });

  it("a markdown link with %20 is found by Cited by's reading of the articles property", () => {
    expect(articlesProperty({ articles: ["[Note](Folder/My%20Note.md)"] })).toEqual(["Folder/My Note.md"]);
    expect(linkValue("Folder/My Note")).toBe("[[Folder/My Note]]");
  });
});
