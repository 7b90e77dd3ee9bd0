/**
 * How the use-case collection files a row of the public database: the first category whose tags
 * meet the row's `Tag` cell, else the catch-all (a rule without tags). These are the collection's
 * own rules and the default of the "Category rules" setting; users may edit them.
 */

export interface CategoryRule {
  /** A category as the taxonomy spells it. */
  category: string;
  /** Tags of the database's `Tag` cell, compared without case; none: the rule takes every row. */
  tags: string[];
}

export const DEFAULT_CATEGORY_RULES: readonly CategoryRule[] = [
  { category: "AI Agents and LLMs", tags: ["LLM", "generative AI", "RAG", "AI agents", "chatbot"] },
  { category: "Recommendations and Personalization", tags: ["recommender system", "content personalization", "ad ranking / targeting"] },
  { category: "Search and Retrieval", tags: ["search", "item classification"] },
  { category: "Computer Vision", tags: ["CV"] },
  { category: "NLP and Text", tags: ["NLP", "spam / content moderation"] },
  { category: "Operations and Infrastructure", tags: ["ops", "fraud detection", "customer support", "predictive maintenance"] },
  { category: "Prediction and Forecasting", tags: ["demand forecasting", "ETA prediction", "pricing", "lead scoring", "propensity to buy", "churn prediction"] },
  { category: "Product Features", tags: ["product feature"] },
  { category: "Causal Inference", tags: ["causality"] },
  { category: "Specialized", tags: [] },
];

/** `Category: tag, tag` per line, as the settings tab shows the rules. */
export function rulesToText(rules: readonly CategoryRule[]): string {
  return rules.map((r) => `${r.category}: ${r.tags.join(", ")}`.trimEnd()).join("\n");
}

/** Reads the settings tab's text back; a line without a colon is a catch-all category. Blank lines are skipped. */
export function rulesFromText(text: string): CategoryRule[] {
  const out: CategoryRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const colon = line.indexOf(":");
    const category = (colon < 0 ? line : line.slice(0, colon)).trim();
    const tags = colon < 0 ? [] : line.slice(colon + 1).split(",").map((t) => t.trim()).filter((t) => t !== "");
    if (category !== "") out.push({ category, tags });
  }
  return out;
}
