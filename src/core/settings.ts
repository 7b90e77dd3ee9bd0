/** The plugin's settings: plain data shared by the plugin, its tests and the command-line tool. */
import { type CategoryRule, DEFAULT_CATEGORY_RULES } from "./library-rules";
import { BUNDLED_DEEP_DIVE_TEMPLATE, taxonomyFromTemplate, type TemplateTaxonomy } from "./taxonomy";

export interface Taxonomy {
  categories: string[];
  industries: string[];
}

export interface AtlasSettings {
  /** Folder for analysis notes (vault-relative, `/`-separated, no trailing slash). */
  analysesFolder: string;
  /** Folder for case-study notes. */
  caseStudiesFolder: string;
  /** Folder for article notes. */
  articlesFolder: string;
  /**
   * File name pattern, relative to the note kind's folder, without `.md`. Placeholders:
   * `{{company}}`, `{{title}}`, `{{category}}`, `{{industry}}`, `{{year}}`.
   */
  fileNamePattern: string;
  /**
   * The same for case studies (same placeholders): a case study made from an analysis has the
   * analysis' company and title, and must not get its name (two tabs of one title, links that
   * need full paths).
   */
  caseStudyFileNamePattern: string;
  /** Folder holding the user's template notes. */
  templatesFolder: string;
  /** Vault path of the deep-dive template note; empty: the bundled one. */
  deepDiveTemplate: string;
  /** Vault path of the case-study template note; empty: the bundled one. */
  caseStudyTemplate: string;
  /** Tag prefix: tags are `<prefix>/category/…`, `<prefix>/industry/…`, `<prefix>/pattern/…`. */
  tagPrefix: string;
  /**
   * Prefixes used before the current one, most recent last. Tags under them are still the
   * plugin's: a sync (the plugin's or the command-line tool's) writes them under `tagPrefix`.
   */
  formerTagPrefixes: string[];
  /** Names of the headings / bold label lines whose checkboxes are patterns. */
  patternGroups: string[];
  /** Heading (or bold label) under which the analysis checklist's checkboxes sit. */
  checklistHeading: string;
  /** Categories and industries offered in the form and checked by `check`. */
  taxonomy: Taxonomy;
  /** The use-case collection's folder (vault path); empty: found by its layout. */
  libraryFolder: string;
  /** Collection industries the taxonomy does not know → the taxonomy industry they count as (keys compared without case). */
  libraryIndustryMap: Record<string, string>;
  /** How an import files a database row under a category folder. */
  libraryCategoryRules: CategoryRule[];
}

export const DEFAULT_PATTERN_GROUPS = ["Deployment Pattern", "Design Patterns Observed", "Infrastructure Patterns"];

export const DEFAULT_CHECKLIST_HEADING = "APPENDIX: ANALYSIS CHECKLIST";

let bundled: TemplateTaxonomy | null = null;

/**
 * The bundled deep-dive template's taxonomy: the defaults come from the template, not from code.
 * Read from the template when first asked for (once), not while the plugin's code loads.
 */
export function bundledTaxonomy(): TemplateTaxonomy {
  bundled ??= taxonomyFromTemplate(BUNDLED_DEEP_DIVE_TEMPLATE, DEFAULT_PATTERN_GROUPS, DEFAULT_CHECKLIST_HEADING);
  return bundled;
}

/** The default categories and industries, the bundled template's: a fresh copy. */
function defaultTaxonomy(): Taxonomy {
  const { categories, industries } = bundledTaxonomy();
  return { categories: [...categories], industries: [...industries] };
}

/**
 * Gives `settings` the bundled template's categories and industries, read from the template when
 * its `taxonomy` is first read (it is an ordinary property from then on, as it is at once when
 * something is assigned to it first). Obsidian's startup does not wait for the template: only
 * the first feature that looks at the taxonomy does.
 */
function defaultTaxonomyWhenRead(settings: AtlasSettings): void {
  const settle = (holder: object, value: Taxonomy): void => {
    Object.defineProperty(holder, "taxonomy", { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(settings, "taxonomy", {
    enumerable: true,
    configurable: true,
    get(this: object): Taxonomy { const value = defaultTaxonomy(); settle(this, value); return value; },
    set(this: object, value: Taxonomy) { settle(this, value); },
  });
}

export const DEFAULT_SETTINGS: AtlasSettings = {
  analysesFolder: "Use cases",
  caseStudiesFolder: "Case studies",
  articlesFolder: "Articles",
  fileNamePattern: "{{category}}/{{company}} - {{title}}",
  caseStudyFileNamePattern: "{{category}}/{{company}} - {{title}} (case study)",
  templatesFolder: "Templates",
  deepDiveTemplate: "",
  caseStudyTemplate: "",
  tagPrefix: "use-case",
  formerTagPrefixes: [],
  patternGroups: [...DEFAULT_PATTERN_GROUPS],
  checklistHeading: DEFAULT_CHECKLIST_HEADING,
  /** A fresh copy each time, read from the bundled template only when asked for. */
  get taxonomy(): Taxonomy { return defaultTaxonomy(); },
  libraryFolder: "",
  libraryIndustryMap: {},
  libraryCategoryRules: DEFAULT_CATEGORY_RULES.map((r) => ({ category: r.category, tags: [...r.tags] })),
};

/** A fresh, deep copy of the defaults merged with whatever was saved (unknown keys dropped). */
export function resolveSettings(saved: unknown): AtlasSettings {
  const s = (saved && typeof saved === "object" ? saved : {}) as Partial<Record<keyof AtlasSettings, unknown>>;
  const t = s.taxonomy as Partial<Taxonomy> | undefined;
  const categories = t && isStringArray(t.categories) ? [...t.categories] : null;
  const industries = t && isStringArray(t.industries) ? [...t.industries] : null;
  // The defaults' other keys are copied without running their `taxonomy` getter: the bundled
  // template is read only for a list the saved settings lack, and only when it is first looked at.
  const base = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) =>
    [k, k === "taxonomy" ? null : JSON.parse(JSON.stringify(DEFAULT_SETTINGS[k as keyof AtlasSettings])) as unknown])) as unknown as AtlasSettings;
  if (categories && industries) base.taxonomy = { categories, industries };
  else if (categories || industries) base.taxonomy = { ...defaultTaxonomy(), ...(categories ? { categories } : {}), ...(industries ? { industries } : {}) };
  else defaultTaxonomyWhenRead(base);
  const str = (k: keyof AtlasSettings): void => {
    if (typeof s[k] === "string") (base as unknown as Record<string, unknown>)[k] = s[k];
  };
  (["analysesFolder", "caseStudiesFolder", "articlesFolder", "fileNamePattern", "caseStudyFileNamePattern", "templatesFolder",
    "deepDiveTemplate", "caseStudyTemplate", "tagPrefix", "checklistHeading", "libraryFolder"] as const).forEach(str);
  if (isStringArray(s.patternGroups)) base.patternGroups = [...s.patternGroups];
  if (isStringArray(s.formerTagPrefixes)) base.formerTagPrefixes = [...s.formerTagPrefixes];
  const map = s.libraryIndustryMap;
  if (map && typeof map === "object" && !Array.isArray(map)) {
    base.libraryIndustryMap = Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === "string"));
  }
  const rules = s.libraryCategoryRules;
  if (Array.isArray(rules) && rules.every((r) => r && typeof r === "object" && typeof (r as CategoryRule).category === "string" && isStringArray((r as CategoryRule).tags))) {
    base.libraryCategoryRules = (rules as CategoryRule[]).map((r) => ({ category: r.category, tags: [...r.tags] }));
  }
  return base;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}
