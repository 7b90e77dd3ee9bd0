/**
 * styles.css styles the plugin's own elements only: Obsidian loads every plugin's stylesheet into
 * one document, so a selector such as `input[aria-invalid="true"]` would restyle other plugins'
 * and Obsidian's own inputs. A selector is scoped when its subject is one of our elements (a
 * `.uca-` class), or sits inside one (only descendant or child combinators between them).
 */
import { readFileSync } from "fs";
import { resolve } from "path";

/** Every selector of a stylesheet with its line, `@media`/`@supports` blocks opened, `@keyframes` steps left out. */
export function selectorsOf(css: string): { selector: string; line: number }[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "));
  const out: { selector: string; line: number }[] = [];
  const lineAt = (i: number): number => text.slice(0, i).split("\n").length;
  const walk = (from: number, to: number): void => {
    let i = from;
    while (i < to) {
      const open = text.indexOf("{", i);
      if (open < 0 || open >= to) return;
      const prelude = text.slice(i, open).trim();
      // The block's end, nested blocks included.
      let depth = 1;
      let j = open + 1;
      for (; j < to && depth > 0; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}") depth--;
      }
      const start = i + text.slice(i, open).search(/\S/);
      if (prelude.startsWith("@")) {
        if (/^@(media|supports|container|layer)\b/.test(prelude)) walk(open + 1, j - 1);
      } else {
        for (const s of splitTop(prelude, ",")) out.push({ selector: s.trim(), line: lineAt(start) });
      }
      i = j;
    }
  };
  walk(0, text.length);
  return out;
}

/** Splits at `sep` outside brackets, parentheses and quotes. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = "";
  for (const ch of s) {
    if (quote) { if (ch === quote) quote = null; }
    else if (ch === "\"" || ch === "'") quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === sep && depth === 0) { parts.push(cur); cur = ""; continue; }
    cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Compound selectors and the combinators between them: `a > b c` → ["a", ">", "b", " ", "c"]. */
function compounds(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = "";
  const flush = (): void => { if (cur !== "") { out.push(cur); cur = ""; } };
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (quote) { cur += ch; if (ch === quote) quote = null; continue; }
    if (ch === "\"" || ch === "'") { quote = ch; cur += ch; continue; }
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth--;
    if (depth === 0 && (ch === ">" || ch === "+" || ch === "~" || /\s/.test(ch))) {
      flush();
      const last = out.at(-1);
      if (/\s/.test(ch)) { if (last !== undefined && ![" ", ">", "+", "~"].includes(last)) out.push(" "); }
      else if (last === " ") out[out.length - 1] = ch;
      else out.push(ch);
      continue;
    }
    cur += ch;
  }
  flush();
  if (out.at(-1) === " ") out.pop();
  return out;
}

const OURS = /\.uca-[\w-]/;

export function isScoped(selector: string): boolean {
  const parts = compounds(selector);
  // From the subject leftwards: ours, or inside ours through descendant / child steps only.
  for (let i = parts.length - 1; i >= 0; i -= 2) {
    const compound = parts[i] ?? "";
    // `:not(.uca-x)` does not make an element ours.
    if (OURS.test(compound.replace(/:not\([^)]*\)/g, ""))) return true;
    const combinator = parts[i - 1];
    if (combinator !== " " && combinator !== ">") return false;
  }
  return false;
}

describe("the scope check itself", () => {
  it.each([
    [".uca-table td", true],
    [".uca-comparison-view.view-content", true],
    ["th[aria-sort=\"ascending\"] .uca-sort-button::after", true],
    [".is-mobile .uca-tab", true],
    [".uca-new-note input[aria-invalid=\"true\"]", true],
    [".uca-dialog > .modal-button-container button", true],
    ["input[aria-invalid=\"true\"]", false],
    [".modal-button-container button", false],
    [".uca-row + tr", false],
    [".uca-row ~ .other", false],
    ["div:not(.uca-x)", false],
    ["body", false],
    [".theme-dark .setting-item", false],
  ])("%s → scoped %s", (selector, scoped) => {
    expect(isScoped(selector)).toBe(scoped);
  });

  it("reads selectors inside @media, and not the steps of @keyframes", () => {
    const css = "/* a { } */\n.uca-a, .b {}\n@media (x) {\n  .uca-c d { color: red; }\n}\n@keyframes uca-spin { to { transform: none; } }\n";
    expect(selectorsOf(css)).toEqual([
      { selector: ".uca-a", line: 2 }, { selector: ".b", line: 2 }, { selector: ".uca-c d", line: 4 },
    ]);
  });
});

describe("styles.css", () => {
  it("styles only the plugin's own elements", () => {
    const css = readFileSync(resolve(__dirname, "../../styles.css"), "utf8");
    const selectors = selectorsOf(css);
    expect(selectors.length).toBeGreaterThan(50);
    expect(selectors.filter((s) => !isScoped(s.selector)).map((s) => `line ${s.line}: ${s.selector}`)).toEqual([]);
  });
});
