import { readFileSync } from "fs";
import { resolve } from "path";
import { BUNDLED_CASE_STUDY_TEMPLATE, BUNDLED_DEEP_DIVE_TEMPLATE, folderNameToLabel, taxonomyFromTemplate } from "../../src/core/taxonomy";
import { bundledTaxonomy, DEFAULT_PATTERN_GROUPS, DEFAULT_SETTINGS } from "../../src/core/settings";
import { readNote } from "../../src/core/reader";
import { SEEDS_DIR } from "../support/captured";

const SEEDS = SEEDS_DIR;
const seedDeepDive = readFileSync(resolve(SEEDS, "deep-dive-analysis-template.md"), "utf8");
const seedCaseStudy = readFileSync(resolve(SEEDS, "case-study-template.md"), "utf8");

describe("the default taxonomy is the seed template's", () => {
  it("is read from the bundled template when first needed: not as the module loads, nor for saved settings that have their lists", async () => {
    await jest.isolateModulesAsync(async () => {
      const taxonomy = await import("../../src/core/taxonomy");
      const read = jest.spyOn(taxonomy, "taxonomyFromTemplate");
      const settings = await import("../../src/core/settings");
      const saved = settings.resolveSettings({ taxonomy: { categories: ["Mine"], industries: ["Ours"] } });
      expect(saved.taxonomy).toEqual({ categories: ["Mine"], industries: ["Ours"] });
      expect(read).not.toHaveBeenCalled();
      const fresh = settings.resolveSettings(undefined);
      expect(Object.keys(fresh)).toEqual(Object.keys(DEFAULT_SETTINGS));
      expect(read).not.toHaveBeenCalled();
      // Read when first looked at, then an ordinary property.
      expect(fresh.taxonomy.categories).toEqual(bundledTaxonomy().categories);
      fresh.taxonomy.categories.push("Added");
      expect(fresh.taxonomy.categories.at(-1)).toBe("Added");
      expect((JSON.parse(JSON.stringify(fresh)) as typeof fresh).taxonomy.categories.at(-1)).toBe("Added");
      const assigned = settings.resolveSettings(undefined);
      assigned.taxonomy = { categories: ["Set"], industries: [] };
      expect(assigned.taxonomy.categories).toEqual(["Set"]);
      expect(settings.resolveSettings({ taxonomy: { categories: ["Mine"] } }).taxonomy.industries).toEqual(bundledTaxonomy().industries);
      expect(read).toHaveBeenCalledTimes(1);
    });
  });

  it("has the seed's ten categories, in order", () => {
    expect(bundledTaxonomy().categories).toEqual([
      "AI Agents and LLMs", "Recommendations and Personalization", "Search and Retrieval",
      "Computer Vision", "NLP and Text", "Operations and Infrastructure",
      "Prediction and Forecasting", "Product Features", "Causal Inference", "Specialized",
    ]);
    expect(DEFAULT_SETTINGS.taxonomy.categories).toEqual(bundledTaxonomy().categories);
  });

  it("has the seed's nine industries, in order", () => {
    expect(bundledTaxonomy().industries).toEqual([
      "Delivery and mobility", "Tech", "E-commerce and retail", "Social platforms",
      "Fintech and banking", "Media and streaming", "Travel E-commerce and retail", "Gaming", "Others",
    ]);
  });

  it("has the three pattern groups with their 17 patterns", () => {
    const byGroup = (g: string): string[] => bundledTaxonomy().patterns.filter((p) => p.group === g).map((p) => p.label);
    expect(bundledTaxonomy().patternGroups).toEqual(DEFAULT_PATTERN_GROUPS);
    expect(byGroup("Deployment Pattern")).toEqual(["Batch Inference", "Real-Time Inference", "Streaming Inference", "Edge/On-Device"]);
    expect(byGroup("Design Patterns Observed")).toEqual([
      "Multi-Stage Funnel", "Two-Tower Architecture", "Hybrid Retrieval", "Multi-Task Learning",
      "RAG Pipeline", "Agentic Workflow", "Ensemble Model", "Cascade Model",
    ]);
    expect(byGroup("Infrastructure Patterns")).toEqual([
      "Lambda Architecture", "Kappa Architecture", "Feature Store + Vector DB",
      "Shadow Mode Deployment", "Canary Deployment",
    ]);
    expect(bundledTaxonomy().patterns).toHaveLength(17);
    expect(bundledTaxonomy().patterns.find((p) => p.label === "Feature Store + Vector DB")?.slug).toBe("feature-store-vector-db");
  });

  it("has the ten-item analysis checklist", () => {
    expect(bundledTaxonomy().checklist).toHaveLength(10);
    expect(bundledTaxonomy().checklist[0]).toBe("Can you draw the end-to-end architecture from memory?");
  });

  it("reads the same taxonomy from the untouched seed as from the bundled template", () => {
    expect(taxonomyFromTemplate(seedDeepDive, DEFAULT_PATTERN_GROUPS, "APPENDIX: ANALYSIS CHECKLIST")).toEqual(bundledTaxonomy());
  });

  it("turns a user's extra pattern checkbox into an extra pattern", () => {
    const edited = BUNDLED_DEEP_DIVE_TEMPLATE.replace(
      "- [ ] **Cascade Model** (Fast filter → Slow precise model)",
      "- [ ] **Cascade Model** (Fast filter → Slow precise model)\n- [ ] **Mixture of Experts** (Routed sub-models)");
    const t = taxonomyFromTemplate(edited, DEFAULT_PATTERN_GROUPS, "APPENDIX: ANALYSIS CHECKLIST");
    expect(t.patterns).toHaveLength(18);
    expect(t.patterns.find((p) => p.label === "Mixture of Experts")).toEqual({ label: "Mixture of Experts", group: "Design Patterns Observed", slug: "mixture-of-experts" });
  });

  it.each([
    ["`01_AI_Agents_and_LLMs/`", "AI Agents and LLMs"],
    ["Travel_E-commerce_and_retail", "Travel E-commerce and retail"],
    ["`10_Specialized/`", "Specialized"],
  ])("folder name %s reads as %s", (raw, label) => {
    expect(folderNameToLabel(raw)).toBe(label);
  });
});

describe("the bundled templates keep the seeds whole", () => {
  it("keeps every heading, table and checkbox of the deep-dive seed and drops the file:/// link", () => {
    const seed = readNote(seedDeepDive);
    const bundled = readNote(BUNDLED_DEEP_DIVE_TEMPLATE);
    expect(bundled.headings.slice(1).map((h) => h.text)).toEqual(seed.headings.slice(1).map((h) => h.text));
    expect(bundled.checkboxes.map((c) => c.text)).toEqual(seed.checkboxes.map((c) => c.text));
    expect(bundled.tables.map((t) => t.header)).toEqual(seed.tables.map((t) => t.header));
    expect(BUNDLED_DEEP_DIVE_TEMPLATE).not.toContain("file:///");
    for (const p of ["{{company}}", "{{title}}", "{{category}}", "{{industry}}", "{{year}}", "{{articles}}", "{{date}}"]) {
      expect(BUNDLED_DEEP_DIVE_TEMPLATE).toContain(p);
    }
  });

  it("keeps every section of the case-study seed as a heading", () => {
    const sections = ["TL;DR", "Quick Facts", "Problem", "Users & Stakeholders", "Solution Overview",
      "Architecture (high level)", "Data & Methods", "Evaluation & Benchmarks",
      "Reliability, Observability & Cost", "Impact & Results", "Next Steps", "Ethics, Safety & Privacy"];
    const headings = readNote(BUNDLED_CASE_STUDY_TEMPLATE).headings.map((h) => h.text);
    for (const s of sections) {
      expect(seedCaseStudy).toContain(s);
      expect(headings).toContain(s);
    }
    const facts = readNote(BUNDLED_CASE_STUDY_TEMPLATE).tables[0]?.rows.map((r) => r[0]);
    expect(facts).toEqual(expect.arrayContaining(["Role", "Timeline", "Stack", "Data", "Model", "SLOs", "Business Metric"]));
  });
});
