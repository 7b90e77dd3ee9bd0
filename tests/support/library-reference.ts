/**
 * The library index as first written, line by line with a map of Metadata values and no caches, and
 * paths split into their parts:
 * the simple reference the fast `readEntry`, `buildLibrary` and `coverage` of src/core/library.ts
 * must agree with (tests/core/library-fast.property.test.ts).
 */
import { oneLine } from "../../src/core/articles";
import type { CoverageCell, LibraryEntry, LibraryRow, LibraryTaxonomy, StudyCitations } from "../../src/core/library";
import { OTHERS } from "../../src/core/library";
import { folderNameToLabel } from "../../src/core/taxonomy";
import { canonicalUrl } from "../../src/core/url";

const CATEGORY_FOLDER = /^\d{2}_/;

export function referenceCollectionParts(path: string, folder: string): [string, string, string] | null {
  const prefix = folder === "" ? "" : `${folder}/`;
  if (!path.startsWith(prefix) || !/\.md$/i.test(path)) return null;
  const parts = path.slice(prefix.length).split("/");
  if (parts.length !== 3 || !CATEGORY_FOLDER.test(parts[0] ?? "")) return null;
  return parts as [string, string, string];
}

export function referenceDetectCollectionFolder(paths: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const parts = p.split("/");
    if (parts.length < 3 || !CATEGORY_FOLDER.test(parts[parts.length - 3] ?? "")) continue;
    const root = parts.slice(0, -3).join("/");
    counts.set(root, (counts.get(root) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [root, n] of counts) if (n > most) { best = root; most = n; }
  return best;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const META_LINE = /^\s*[-*+]\s+\*\*([^*]+?):?\*\*\s*:?\s*(.*)$/;
const MD_LINK = /\]\(\s*<?([^\s<>]+)>?\s*\)/;
const BARE_URL = /https?:\/\/[^\s<>)\]"'`]+/i;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

const inList = (value: string, list: readonly string[]): string | null => list.find((x) => x.toLowerCase() === value.trim().toLowerCase()) ?? null;

function industryOf(folderLabel: string, asWritten: string, taxonomy: LibraryTaxonomy): string {
  const known = inList(folderLabel, taxonomy.industries) ?? inList(asWritten, taxonomy.industries);
  if (known) return known;
  const map = taxonomy.industryMap ?? {};
  for (const key of [asWritten, folderLabel]) {
    const hit = Object.keys(map).find((k) => k.trim().toLowerCase() === key.toLowerCase());
    if (hit !== undefined) return inList(map[hit] ?? "", taxonomy.industries) ?? OTHERS;
  }
  return inList(OTHERS, taxonomy.industries) ?? OTHERS;
}

export function referenceReadEntry(path: string, text: string, folder: string, taxonomy: LibraryTaxonomy): LibraryEntry | null {
  const parts = referenceCollectionParts(path, folder);
  if (!parts) return null;
  const lines = text.split(/\r\n|\n|\r/);
  let title: string | null = null;
  let section = "";
  let sawMetadata = false;
  let sawLink = false;
  const meta = new Map<string, string>();
  const description: string[] = [];
  const link: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const h = HEADING.exec(line);
    if (h) {
      const text = (h[2] ?? "").trim();
      if ((h[1] ?? "").length === 1 && title === null) {
        const words = [text];
        const next = (): string | null => (i + 1 < lines.length && !HEADING.test(lines[i + 1] ?? "") ? lines[i + 1] ?? "" : null);
        if (text === "") while (next()?.trim() === "") i++;
        for (let more = next(); more !== null && more.trim() !== ""; more = next()) { words.push(more); i++; }
        title = words.join(" ");
        section = "";
        continue;
      }
      section = text.toLowerCase();
      if (section === "metadata") sawMetadata = true;
      if (section === "link") sawLink = true;
      continue;
    }
    if (RULE.test(line)) { section = ""; continue; }
    if (section === "metadata") {
      const m = META_LINE.exec(line);
      if (m) meta.set((m[1] ?? "").trim().toLowerCase(), m[2] ?? "");
    } else if (section === "short description") description.push(line);
    else if (section === "link") link.push(line);
  }
  if (!sawMetadata || !sawLink) return null;
  const linkText = link.join("\n");
  const url = (MD_LINK.exec(linkText)?.[1] ?? BARE_URL.exec(linkText)?.[0] ?? "").trim();
  const checked = url === "" ? null : canonicalUrl(url);
  const yearText = (meta.get("year") ?? "").trim() || (/^(\d{4})_/.exec(parts[2])?.[1] ?? "");
  const categoryLabel = folderNameToLabel(parts[0]);
  const industryLabel = folderNameToLabel(parts[1]);
  const industryAsWritten = oneLine(meta.get("industry") ?? "") || industryLabel;
  return {
    path,
    title: oneLine(title ?? ""),
    company: oneLine(meta.get("company") ?? ""),
    year: /^\d{4}$/.test(yearText) ? Number(yearText) : null,
    tags: (meta.get("tags") ?? "").split(",").map(oneLine).filter((t) => t !== ""),
    description: oneLine(description.join(" ")),
    url,
    canonical: checked?.ok ? checked.url : null,
    category: inList(categoryLabel, taxonomy.categories) ?? categoryLabel,
    industry: industryOf(industryLabel, industryAsWritten, taxonomy),
    industryAsWritten,
  };
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function referenceBuildLibrary(entries: readonly LibraryEntry[], citations: readonly StudyCitations[]): LibraryRow[] {
  return entries
    .map((e) => ({ ...e, analysedBy: [...new Set(citations.filter((c) => e.canonical !== null && c.urls.includes(e.canonical)).map((c) => c.path))].sort(byString) }))
    .sort((a, b) => byString(a.path, b.path));
}

export function referenceCoverage(rows: readonly LibraryRow[], taxonomy: LibraryTaxonomy): CoverageCell[] {
  const rank = (list: readonly string[], x: string): number => (list.includes(x) ? list.indexOf(x) : list.length);
  const keys = [...new Set(rows.map((r) => JSON.stringify([r.category, r.industry])))].map((k) => JSON.parse(k) as [string, string]);
  keys.sort((a, b) => rank(taxonomy.categories, a[0]) - rank(taxonomy.categories, b[0]) || byString(a[0], b[0])
    || rank(taxonomy.industries, a[1]) - rank(taxonomy.industries, b[1]) || byString(a[1], b[1]));
  return keys.map(([category, industry]) => {
    const inCell = rows.filter((r) => r.category === category && r.industry === industry);
    return { category, industry, entries: inCell.length, analysed: inCell.filter((r) => r.analysedBy.length > 0).length };
  });
}
