/** The tech stack tab: component × technology over the studies' "Tech Stack Identified" tables. */
import { applyFilter, type EmptyInfo, lower } from "../compare-filter";
import { byText, mostCommon } from "../compare-columns";
import type { CompareOptions } from "../compare-options";
import type { Study } from "../study";
import { tidy } from "../study-read";
import type { TabDefinition, Table } from "./tab";

export interface StackTechnology {
  technology: string;
  /** Visible studies naming this technology for this component. */
  count: number;
  studies: string[];
}

export interface StackComponent {
  component: string;
  /** Visible studies with this component in their stack table. */
  count: number;
  technologies: StackTechnology[];
}

export interface StackResult extends EmptyInfo {
  kind: "stack";
  /** Components by study count (most first), technologies likewise. */
  components: StackComponent[];
  /** Every technology (display spelling), by study count. */
  technologies: string[];
  /** Visible studies whose body has been read (stack facts known). */
  studiesWithBody: number;
  options: CompareOptions;
}

// ---------------------------------------------------------------------------------------------
// Tech stack

interface Tally { spellings: Map<string, number>; studies: Set<string> }

function tally(map: Map<string, Tally>, display: string, path: string): Tally {
  const key = lower(display);
  let t = map.get(key);
  if (!t) { t = { spellings: new Map(), studies: new Set() }; map.set(key, t); }
  t.spellings.set(display, (t.spellings.get(display) ?? 0) + 1);
  t.studies.add(path);
  return t;
}

/**
 * Component × technology over the visible studies' "Tech Stack Identified" tables. Spellings
 * are grouped case-insensitively (white space already collapsed) and shown in their most common form.
 */
export function stackTable(studies: readonly Study[], options: CompareOptions): StackResult {
  const filtered = applyFilter(studies, options.filter);
  const components = new Map<string, Tally & { techs: Map<string, Tally> }>();
  const techs = new Map<string, Tally>();
  let studiesWithBody = 0;
  for (const s of filtered.studies) {
    if (!s.body) continue;
    studiesWithBody++;
    for (const e of s.body.stack) {
      const component = tidy(e.component);
      const technology = tidy(e.technology);
      if (component === "" || technology === "") continue;
      const key = lower(component);
      let c = components.get(key);
      if (!c) { c = { spellings: new Map(), studies: new Set(), techs: new Map() }; components.set(key, c); }
      c.spellings.set(component, (c.spellings.get(component) ?? 0) + 1);
      c.studies.add(s.path);
      tally(c.techs, technology, s.path);
      tally(techs, technology, s.path);
    }
  }
  const byCount = <T extends { count: number; name: string }>(a: T, b: T): number => b.count - a.count || byText(a.name, b.name);
  const techDisplay = new Map<string, string>();
  for (const [k, t] of techs) techDisplay.set(k, mostCommon(t.spellings));
  const result: StackComponent[] = [...components.values()]
    .map((c) => ({
      name: mostCommon(c.spellings),
      count: c.studies.size,
      technologies: [...c.techs.entries()]
        .map(([k, t]) => ({ name: techDisplay.get(k) ?? mostCommon(t.spellings), count: t.studies.size, studies: [...t.studies].sort() }))
        .sort(byCount)
        .map((t) => ({ technology: t.name, count: t.count, studies: t.studies })),
    }))
    .sort(byCount)
    .map((c) => ({ component: c.name, count: c.count, technologies: c.technologies }));
  const technologies = [...techs.entries()]
    .map(([k, t]) => ({ name: techDisplay.get(k) ?? "", count: t.studies.size }))
    .sort(byCount)
    .map((t) => t.name);
  return {
    kind: "stack", components: result, technologies, studiesWithBody, options,
    emptyReason: filtered.emptyReason, emptyFilters: filtered.emptyFilters,
    visibleCount: filtered.visibleCount, totalCount: filtered.totalCount,
  };
}

function stackTableOut(r: StackResult): Table {
  const rows: string[][] = [];
  for (const c of r.components) {
    for (const t of c.technologies) rows.push([c.component, t.technology, String(t.count)]);
  }
  return { header: ["Component", "Technology", "Studies"], rows };
}

export const STACK_TAB: TabDefinition<StackResult> = {
  id: "stack",
  label: "Tech stack",
  readsBody: { table: true, json: true },
  compute: (studies, _ctx, options) => stackTable(studies, options),
  toTable: stackTableOut,
  toJson: (r) => ({ components: r.components }),
};
