/**
 * Fills a note template's placeholders. Compatible with Obsidian's core Templates plugin
 * (`{{title}}`, `{{date}}`, `{{time}}`, `{{date:YYYY-MM-DD}}`) and blind to Templater's
 * `<% … %>`, which is left for Templater to run on the new file. A placeholder nobody knows is
 * left exactly as written and reported, so the user can fix the template.
 */

/** Placeholders the plugin fills; any other `{{name}}` is unknown. */
export const PLACEHOLDERS = [
  "company", "title", "year", "category", "industry", "tags", "articles", "analysis", "stack", "patterns", "date", "time",
] as const;

export interface RenderResult {
  text: string;
  /** Unknown placeholders as written, e.g. "{{autor}}", each once. */
  unknownPlaceholders: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*(?::([^}]*))?\}\}/g;

/**
 * Writes a date in a moment.js format. The plugin passes Obsidian's `moment`, so dates follow the
 * user's language as the core Templates plugin writes them; the core's own (`formatDate`, English)
 * is the command-line tool's.
 */
export type DateFormatter = (d: Date, format: string) => string;

/** Renders a template; `values` are inserted as they are (the caller decides any escaping). */
export function renderTemplate(text: string, values: Partial<Record<(typeof PLACEHOLDERS)[number], string>>, now: Date, format: DateFormatter = formatDate): RenderResult {
  const unknown = new Set<string>();
  const formatWith = format;
  const out = text.replace(PLACEHOLDER, (whole, rawName: string, dateFormat: string | undefined) => {
    const name = rawName.toLowerCase();
    if (name === "date") return formatWith(now, dateFormat?.trim() || "YYYY-MM-DD");
    if (name === "time") return formatWith(now, dateFormat?.trim() || "HH:mm");
    if ((PLACEHOLDERS as readonly string[]).includes(name) && dateFormat === undefined) {
      return values[name as keyof typeof values] ?? "";
    }
    unknown.add(whole);
    return whole;
  });
  return { text: out, unknownPlaceholders: [...unknown] };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The moment.js format tokens core Templates users write most, without moment (the CLI has none). */
export function formatDate(d: Date, format: string): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const tokens: Record<string, () => string> = {
    YYYY: () => String(d.getFullYear()), YY: () => pad(d.getFullYear() % 100),
    MMMM: () => MONTHS[d.getMonth()], MMM: () => MONTHS[d.getMonth()].slice(0, 3), MM: () => pad(d.getMonth() + 1), M: () => String(d.getMonth() + 1),
    DD: () => pad(d.getDate()), D: () => String(d.getDate()),
    dddd: () => DAYS[d.getDay()], ddd: () => DAYS[d.getDay()].slice(0, 3),
    HH: () => pad(d.getHours()), H: () => String(d.getHours()), hh: () => pad(h12), h: () => String(h12),
    mm: () => pad(d.getMinutes()), m: () => String(d.getMinutes()), ss: () => pad(d.getSeconds()), s: () => String(d.getSeconds()),
    A: () => (d.getHours() < 12 ? "AM" : "PM"), a: () => (d.getHours() < 12 ? "am" : "pm"),
  };
  return format.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a/g, (tok, literal: string | undefined) =>
    literal !== undefined ? literal : tokens[tok]());
}
