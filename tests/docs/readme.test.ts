/** @jest-environment node */
/**
 * The README is the user's short tour; the manual lives in docs/manual/, one page per feature,
 * listed in docs/manual/README.md. These tests keep the two honest: the README stays short, every
 * manual page is reachable from the index, and every image and local link in the README and in
 * docs/ points at a file of the repository (a heading anchor at a heading of that file).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";

const ROOT = resolve(__dirname, "../..");
const MANUAL = join(ROOT, "docs", "manual");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

/** Local link targets (images included) outside code, as written. */
export function localLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.+)$/.exec(line);
    if (m) out.add(m[1].toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").trim().replace(/\s/g, "-"));
  }
  return out;
}

const DOCS = [join(ROOT, "README.md"), ...markdownFiles(join(ROOT, "docs"))];

it("the README is a short tour (under 400 lines); the manual holds the rest", () => {
  expect(readFileSync(join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThan(400);
});

it.each(DOCS.map((f) => [relative(ROOT, f), f]))("every local link in %s points at a file and heading that exist", (_name, file) => {
  const text = readFileSync(file, "utf8");
  const broken = localLinks(text).filter((target) => {
    const [path, anchor] = target.split("#");
    const full = path === "" ? file : resolve(dirname(file), decodeURI(path));
    if (!existsSync(full)) return true;
    if (anchor === undefined || !full.endsWith(".md")) return false;
    return !anchors(readFileSync(full, "utf8")).has(anchor);
  });
  expect(broken).toEqual([]);
});

it("every manual page is listed in the manual's index, and the README links the index", () => {
  const index = readFileSync(join(MANUAL, "README.md"), "utf8");
  const listed = new Set(localLinks(index).map((t) => t.split("#")[0]));
  const pages = readdirSync(MANUAL).filter((f) => f.endsWith(".md") && f !== "README.md");
  expect(pages.filter((p) => !listed.has(p))).toEqual([]);
  expect(localLinks(readFileSync(join(ROOT, "README.md"), "utf8"))).toContain("docs/manual/README.md");
});

it("the link finder sees links and images, and skips code and web addresses", () => {
  expect(localLinks("[a](x.md) ![b](s/p.png) `[c](no.md)` [d](https://e.example) [e](#top)")).toEqual(["x.md", "s/p.png", "#top"]);
});
