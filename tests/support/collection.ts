/**
 * Generated use-case collections with every quirk of the real data: titles that begin with or
 * hold a line break, trailing spaces and line breaks in descriptions and links, curly quotes and
 * letters like 𝛽, industries the taxonomy lacks or that join two, one article filed under two
 * categories and two industries, and two rows with the same company, title and year.
 */
import { writeCsv } from "../../src/core/csv";
import { categoryFolder, categoryFor, entryFileName, entryNoteText, industryFolder } from "../../src/core/library-import";
import { DEFAULT_CATEGORY_RULES } from "../../src/core/library-rules";
import { bundledTaxonomy } from "../../src/core/settings";

export const HEADER = ["Company", "Industry", "Short Description (< 5 words)", "Title", "Tag", "Year", "Link"];

export interface Row {
  company: string;
  industry: string;
  description: string;
  title: string;
  tag: string;
  year: string;
  link: string;
}

const TAGS = ["LLM", "recommender system", "search", "CV", "NLP", "fraud detection", "ETA prediction", "product feature", "causality", "graph learning", "RAG,search", "ad ranking / targeting", "pricing,LLM"];
const INDUSTRIES = ["Delivery and mobility", "Tech", "E-commerce and retail", "Social platforms", "Fintech and banking", "Media and streaming", "Travel E-commerce and retail", "Gaming", "Education", "Manufacturing", "Social networks", "Delivery and mobility,Banking and finance"];
const COMPANIES = ["Parcelly", "Quillmart", "Ledgerline", "Nimbus Cloudworks", "Chirply", "Streamly", "Bétamax Labs", "O'Reilly Eats"];
const TITLES = ["Route planning with graph transformers", "“Smart” ranking at scale", "𝛽-VAE embeddings for ads", "How we search: part 2", "Fraud rules, learned", "Predicting ETAs (v2)"];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** `n` rows (n ≥ 12): the fixed quirks first, then random rows over the lists above. */
export function quirkyRows(n: number, seed = 1): Row[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const rows: Row[] = [
    { company: "Parcelly", industry: "Delivery and mobility", description: "Predict courier arrival times", title: "Route planning with graph transformers", tag: "recommender system,ETA prediction", year: "2024", link: "https://eng.parcelly.example/blog/route-planning" },
    { company: "Quillmart", industry: "E-commerce and retail", description: "Ranks products  \n", title: "\nHybrid search at Quillmart", tag: "search", year: "2023", link: "https://quillmart.example/hybrid \n" },
    { company: "Chirply", industry: "Social networks", description: "Moderates posts", title: "Spam filters\nthat learn", tag: "spam / content moderation", year: "2022", link: "  https://chirply.example/spam  " },
    { company: "Bétamax Labs", industry: "Education", description: "Tutors with LLMs", title: "“Tutor” agents with 𝛽-VAE", tag: "LLM,AI agents", year: "2025", link: "https://betamax.example/tutor" },
    { company: "Ledgerline", industry: "Delivery and mobility,Banking and finance", description: "Detects fraud", title: "Fraud at the door", tag: "fraud detection", year: "2024", link: "https://ledgerline.example/fraud" },
    // One article, two categories (search; LLM) and two industries.
    { company: "Streamly", industry: "Media and streaming", description: "Search for shows", title: "Semantic search", tag: "search", year: "2024", link: "https://streamly.example/semantic-search" },
    { company: "Streamly", industry: "Tech", description: "Search for shows", title: "Semantic search", tag: "LLM", year: "2024", link: "https://www.streamly.example/semantic-search/" },
    // Same company, title and year; two articles.
    { company: "Nimbus Cloudworks", industry: "Manufacturing", description: "Part one", title: "Predictive maintenance", tag: "predictive maintenance", year: "2023", link: "https://nimbus.example/pm-1" },
    { company: "Nimbus Cloudworks", industry: "Manufacturing", description: "Part two", title: "Predictive maintenance", tag: "predictive maintenance", year: "2023", link: "https://nimbus.example/pm-2" },
    // Before the collection's years.
    { company: "Oldco", industry: "Tech", description: "Old", title: "Early days", tag: "CV", year: "2019", link: "https://oldco.example/early" },
    { company: "Gamewell", industry: "Gaming", description: "Matchmaking, fairly", title: "Matchmaking", tag: "causality", year: "2022", link: "https://gamewell.example/match" },
    { company: "Causa", industry: "Fintech and banking", description: "Uplift", title: "Uplift models", tag: "graph learning", year: "2025", link: "https://causa.example/uplift" },
  ];
  for (let i = rows.length; i < n; i++) {
    const title = `${pick(TITLES)} ${i}`;
    rows.push({
      company: pick(COMPANIES), industry: pick(INDUSTRIES),
      description: r() < 0.2 ? "Trailing space " : "Short description",
      title: r() < 0.1 ? `\n${title}` : title,
      tag: pick(TAGS), year: String(2022 + Math.floor(r() * 4)),
      link: `https://blog${i % 50}.example/post/${i}${r() < 0.1 ? " \n" : ""}`,
    });
  }
  return rows;
}

export function rowsToCsv(rows: readonly Row[]): string {
  return writeCsv([HEADER, ...rows.map((x) => [x.company, x.industry, x.description, x.title, x.tag, x.year, x.link])], true);
}

/** A note as the collection's own generator wrote it: values as they are (line breaks and spaces kept). */
export function rawNote(row: Row): string {
  return entryNoteText({ ...row, year: Number(row.year) || 0, tags: row.tag }, true).replace(/- \*\*Year\*\*: 0\n/, "- **Year**: \n");
}

/** Path → text of a collection (rows from 2022 on) under `folder`, with the two README pages; duplicate names get " 2". */
export function collectionFiles(rows: readonly Row[], folder: string): Map<string, string> {
  const out = new Map<string, string>();
  out.set(`${folder}/README.md`, "# ML and LLM use cases (2022+)\n\nAn index of the collection.\n");
  out.set(`${folder}/01_AI_Agents_and_LLMs/README.md`, "# AI agents and LLMs\n\nUse cases in this category.\n");
  const options = { categories: bundledTaxonomy().categories, rules: DEFAULT_CATEGORY_RULES };
  for (const row of rows) {
    if (Number(row.year) < 2022) continue;
    const dir = `${folder}/${categoryFolder(categoryFor(row.tag, DEFAULT_CATEGORY_RULES), options)}/${industryFolder(row.industry)}`;
    let path = `${dir}/${entryFileName(Number(row.year), row.company, row.title)}.md`;
    for (let n = 2; out.has(path); n++) path = `${dir}/${entryFileName(Number(row.year), row.company, row.title)} ${n}.md`;
    out.set(path, rawNote(row));
  }
  return out;
}
