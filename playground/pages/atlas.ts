/**
 * Use Case Atlas itself (main.ts) over a small sample vault. Open it after
 * `node playground/build.mjs --serve` at /atlas/ (add ?theme=dark for the dark theme).
 */
import UseCaseAtlasPlugin from "../../main";
import { startPlayground } from "../entry";

const analysis = (company: string, title: string, category: string, industry: string, year: number, ticks: [string, boolean][]): string =>
  [
    "---",
    "type: use-case-analysis",
    `company: ${company}`,
    `title: ${title}`,
    `category: ${category}`,
    `industry: ${industry}`,
    `year: ${year}`,
    "---",
    `# ${company}: ${title}`,
    "",
    "**Design Patterns Observed**:",
    ...ticks.map(([label, on]) => `- [${on ? "x" : " "}] ${label}`),
    "",
  ].join("\n");

void startPlayground({
  plugin: UseCaseAtlasPlugin,
  files: {
    "Use cases/Search and Retrieval/Quillmart - Hybrid search.md": analysis("Quillmart", "Hybrid search", "Search and Retrieval", "E-commerce and retail", 2024,
      [["Hybrid Search", true], ["RAG Pipeline", false], ["Multi-Stage Funnel", true]]),
    "Use cases/AI Agents and LLMs/Chirply - RAG support bot.md": analysis("Chirply", "RAG support bot", "AI Agents and LLMs", "Social platforms", 2023,
      [["Hybrid Search", false], ["RAG Pipeline", true], ["Multi-Stage Funnel", false]]),
    "Articles/Hybrid search at scale.md": "---\ntype: use-case-article\nurl: https://engineering.quillmart.example/blog/hybrid-search-at-scale\n---\n# Hybrid search at scale\n",
    "Inbox.md": "Loose thoughts, not a study.\n",
  },
});
