/**
 * fast-check generators for notes as users write them: frontmatter with comments, blank lines,
 * every quoting and list style, CRLF or LF, a BOM or not; bodies with pattern checkboxes in
 * plain lists, callouts, nested and numbered lists, and decoys in code blocks.
 */
import fc from "fast-check";

export const MANAGED_KEYS = ["type", "category", "industry", "company", "year", "patterns", "articles", "tags"] as const;
const OTHER_KEYS = ["title", "aliases", "cssclasses", "rating", "notes", "status", "x-custom", "created", "source"];

const word = fc.constantFrom("alpha", "Beta", "gamma delta", "Zürich", "C#", "a: b", "[[Link]]", "2024", "no", "#tag", "x'y", "q\"r", "", "-dash", "é", "1.5", "null", "true");

/** A scalar's YAML text in one of the ways people write it. */
const scalarText = word.chain((w) =>
  fc.constantFrom(
    JSON.stringify(w),
    `'${w.replace(/'/g, "''")}'`,
    /^[A-Za-zÀ-ÿ][\wÀ-ÿ ]*$/.test(w) ? w : JSON.stringify(w),
  ));

const listText = fc.tuple(fc.array(scalarText, { minLength: 0, maxLength: 4 }), fc.constantFrom("flow", "block0", "block2", "blockComment")).map(([items, style]) => {
  if (style === "flow" || items.length === 0) return ` [${items.join(", ")}]`;
  const indent = style === "block0" ? "" : "  ";
  return items.map((i, n) => `\n${indent}- ${i}${style === "blockComment" && n === 0 ? " # first" : ""}`).join("");
});

const valueText = fc.oneof(
  scalarText.map((s) => ` ${s}`),
  fc.integer({ min: 1990, max: 2030 }).map((n) => ` ${n}`),
  listText,
  fc.constant(""),
  fc.constant(" |\n  block one\n  block two"),
  fc.constant(" >\n  folded\n  text"),
  fc.constant(" true"),
);

export interface GeneratedNote { text: string; eol: string }

const entry = (key: string) => fc.tuple(valueText, fc.constantFrom("", " # c", ""), fc.constantFrom("", "# note above\n", "\n")).map(([v, c, before]) => {
  const inline = /\n/.test(v) || v === "" ? "" : c;
  return `${before}${key}:${v}${inline}\n`;
});

export const frontmatterText = fc.uniqueArray(fc.constantFrom(...MANAGED_KEYS, ...OTHER_KEYS), { minLength: 0, maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map(entry)).map((entries) => entries.join("")));

export const bodyText = fc.array(fc.constantFrom(
  "# Heading\n", "**Design Patterns Observed**:\n", "- [ ] **RAG Pipeline** (Retrieve → Generate)\n",
  "- [x] **Multi-Stage Funnel** (R → R)\n", "> - [ ] Batch Inference (offline)\n", "1. [x] Streaming Inference\n",
  // Indented four columns: a nested task under a list item; elsewhere indented code or a
  // paragraph's continuation, not a box — which a box the sync adds above it must not change.
  "- [ ] **RAG Pipeline** (Retrieve → Generate)\n    - [ ] **Two-Tower Architecture**\n", "    - [ ] **Two-Tower Architecture**\n",
  "text going on\n", "```\n- [ ] not a task\n```\n", "text with --- inside\n", "\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n", "---\n",
), { maxLength: 10 }).map((lines) => lines.join(""));

export const noteText = fc.tuple(frontmatterText, bodyText, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()).map(
  ([fm, body, crlf, bom, hasFm, trailingNewline]) => {
    let text = (hasFm ? `---\n${fm}---\n` : "") + body;
    if (!trailingNewline) text = text.replace(/\n$/, "");
    if (crlf) text = text.replace(/\n/g, "\r\n");
    return { text: (bom ? "\uFEFF" : "") + text, eol: crlf ? "\r\n" : "\n" } satisfies GeneratedNote;
  });

const label = fc.constantFrom("RAG Pipeline", "Multi-Stage Funnel", "Batch Inference", "Zwei-Türme", "Hybrid Retrieval");
export const managedValue = (key: (typeof MANAGED_KEYS)[number]): fc.Arbitrary<string | number | string[]> => {
  switch (key) {
    case "year": return fc.integer({ min: 1990, max: 2035 });
    case "patterns": return fc.uniqueArray(label, { maxLength: 4 });
    case "articles": return fc.uniqueArray(fc.constantFrom("[[A - B]]", "[[Quillmart - Hybrid search]]", "[[x|y]]"), { maxLength: 3 });
    case "tags": return fc.uniqueArray(fc.constantFrom("mine", "use-case/pattern/rag-pipeline", "use-case/category/nlp-and-text", "Zürich", "journal"), { maxLength: 4 });
    default: return fc.constantFrom("use-case-analysis", "case-study", "Search and Retrieval", "Fintech and banking", "Quillmart", "no", "a: b", "[[x]]");
  }
};

export const edits = fc.uniqueArray(fc.constantFrom(...MANAGED_KEYS), { maxLength: 5 }).chain((keys) =>
  fc.tuple(...keys.map((k) => fc.oneof(managedValue(k).map((v) => ({ k, v })), fc.constant({ k, v: undefined }))))).map((pairs) => {
  const set: Record<string, string | number | string[]> = {};
  const remove: string[] = [];
  for (const { k, v } of pairs) {
    if (v === undefined) remove.push(k);
    else set[k] = v;
  }
  return { set, remove };
});

/** An analysis note: `type: use-case-analysis` somewhere in generated frontmatter, and a generated body. */
export const analysisNoteText = fc.tuple(
  fc.uniqueArray(fc.constantFrom(...MANAGED_KEYS.filter((k) => k !== "type"), ...OTHER_KEYS), { maxLength: 7 }).chain((keys) => fc.tuple(...keys.map(entry))),
  fc.nat(), bodyText, fc.boolean(), fc.boolean(),
).map(([entries, at, body, crlf, bom]) => {
  const list = [...entries];
  list.splice(at % (list.length + 1), 0, "type: use-case-analysis\n");
  let text = `---\n${list.join("")}---\n${body}`;
  if (crlf) text = text.replace(/\n/g, "\r\n");
  return (bom ? "\uFEFF" : "") + text;
});
