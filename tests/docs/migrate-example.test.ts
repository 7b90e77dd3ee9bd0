/** The manual's before/after example of "Update notes to the template" is what the code does. */
import { readFileSync } from "fs";
import { join } from "path";
import { migrateNote, planTemplate } from "../../src/core/migrate";
import { bundledTaxonomy, DEFAULT_CHECKLIST_HEADING, DEFAULT_PATTERN_GROUPS } from "../../src/core/settings";
import { decideSync, syncNote } from "../../src/core/sync";

/** The template the example describes in words. */
const TEMPLATE = [
  "---", "template-version: 3", "---",
  "**Design Patterns Observed**:",
  "- [ ] **RAG Pipeline** (Retrieve → Augment → Generate)",
  "- [ ] **Semantic Cache** (Reuse answers to similar prompts)",
  "- [ ] **Cascade Model** (Fast filter → Slow precise model)",
  "", "## APPENDIX: ANALYSIS CHECKLIST", "**Scale**:",
  "- [ ] What are the QPS (queries per second) or scale numbers?",
  "- [ ] How do they handle 10x growth?", "",
].join("\n");

it("the before/after example in docs/manual/migrate.md", () => {
  const page = readFileSync(join(__dirname, "../../docs/manual/migrate.md"), "utf8");
  const example = page.slice(page.indexOf("**Before and after.**"));
  const blocks = [...example.matchAll(/```markdown\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toHaveLength(2);
  const [before, marked] = blocks;
  const after = marked.replace(/ +⟵$/gm, "");
  const opts = { patternGroups: DEFAULT_PATTERN_GROUPS, checklistHeading: DEFAULT_CHECKLIST_HEADING };
  const plan = planTemplate(TEMPLATE, opts);
  if (!plan.ok) throw new Error(plan.message);
  const r = migrateNote(before, { "use-case-analysis": plan.plan }, opts);
  if (!r.ok || r.skipped) throw new Error("not migrated");
  const syncOpts = { prefix: "use-case", patternGroups: DEFAULT_PATTERN_GROUPS, knownPatterns: bundledTaxonomy().patterns };
  expect(decideSync(r.text, syncOpts, null, { frontmatter: r.frontmatter })).toMatchObject({ ok: true, changed: true });
  const synced = syncNote(r.text, syncOpts, null);
  expect(synced.ok && synced.text).toBe(after);
  // The marks are on exactly the added lines.
  const markedLines = marked.split("\n").filter((l) => l.endsWith("⟵")).length;
  expect(markedLines).toBe(after.split("\n").length - before.split("\n").length);
});
