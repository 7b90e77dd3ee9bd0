/** Test data for the comparison core: a study context from the bundled taxonomy and a study builder. */
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../../src/core/settings";
import type { Study, StudyContext } from "../../src/core/study";
import { baseName } from "../../src/core/links";

export const CTX: StudyContext = {
  patterns: bundledTaxonomy().patterns,
  patternGroups: DEFAULT_SETTINGS.patternGroups,
  checklistHeading: DEFAULT_SETTINGS.checklistHeading,
  categories: DEFAULT_SETTINGS.taxonomy.categories,
  industries: DEFAULT_SETTINGS.taxonomy.industries,
};

/** A study with only the facts a test is about; the rest blank. `path` defaults from `name`. */
export function study(fields: Partial<Study> & { name?: string }): Study {
  const path = fields.path ?? `Use cases/${fields.name ?? "Study"}.md`;
  return {
    path,
    type: "use-case-analysis",
    name: fields.name ?? baseName(path),
    company: null,
    category: null,
    industry: null,
    year: null,
    patterns: [],
    body: null,
    ...fields,
  };
}
