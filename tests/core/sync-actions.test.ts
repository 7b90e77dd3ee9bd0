import fc from "fast-check";
import { bundledTaxonomy, DEFAULT_SETTINGS } from "../../src/core/settings";
import { mayBeStudyText, renameProblem, togglePattern } from "../../src/core/sync-actions";
import { syncNote, type SyncOptions } from "../../src/core/sync";

const opts: SyncOptions = { prefix: DEFAULT_SETTINGS.tagPrefix, patternGroups: DEFAULT_SETTINGS.patternGroups, knownPatterns: bundledTaxonomy().patterns };
const BODY = "# Study\n\n**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (Retrieve → Generate)\n- [x] **Ensemble Model** (several)\n\n**Infrastructure Patterns**:\n- [ ] **Canary Deployment**\n";
const NOTE = `---\ntype: use-case-analysis\n# mine\ncompany: Quillmart\npatterns: [Ensemble Model]\ntags:\n  - reading\n  - use-case/pattern/ensemble-model\n---\n${BODY}`;

describe("mayBeStudyText", () => {
  it.each([
    ["broken YAML with our type", "---\ntype: use-case-analysis\ncompany: [unclosed\n---\n", true],
    ["quoted type, comment", "---\n'type': \"case-study\" # x\n---\n", true],
    ["another kind", "---\ntype: recipe\n---\n", false],
    ["our type in the body only", "text\ntype: case-study\n", false],
    ["an article note", "---\ntype: use-case-article\n---\n", false],
  ])("%s", (_name, text, expected) => {
    expect(mayBeStudyText(text)).toBe(expected);
  });
});

describe("renameProblem", () => {
  it.each([
    ["pattern", "RAG Pipeline", "Retrieval", null],
    ["pattern", "", "x", "Pick the pattern to rename."],
    ["category", "Search", "  ", "The new category name is empty."],
    ["industry", "Retail", "a\nb", "The new industry name must be one line."],
    ["pattern", "RAG Pipeline", " RAG Pipeline ", "The new pattern name is the same as the old one."],
    ["pattern", "RAG Pipeline", "RAG (v2)", "A pattern name cannot hold \" (\", \"**\" or \"__\": the checkbox would not read back as that name."],
    ["category", "Search", "!!!", "The new category name needs at least one letter or digit (it becomes a tag)."],
  ] as const)("%s %j → %j", (kind, from, to, expected) => {
    expect(renameProblem(kind, from, to)).toBe(expected);
  });
});

describe("togglePattern", () => {
  it("ticks a box and its property together; the user's other keys stay byte for byte", () => {
    const r = togglePattern(NOTE, opts, null, "RAG Pipeline", true);
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toBe(NOTE.replace("patterns: [Ensemble Model]", "patterns: [RAG Pipeline, Ensemble Model]")
      .replace("  - use-case/pattern/ensemble-model\n", "  - use-case/pattern/ensemble-model\n  - use-case/pattern/rag-pipeline\n")
      .replace("- [ ] **RAG", "- [x] **RAG"));
    // The record keeps names as the sync compares them.
    expect(r.record.patterns).toEqual(["ensemble model", "rag pipeline"]);
  });

  it.each([
    ["broken YAML", NOTE.replace("company: Quillmart", "company: [unclosed"), true],
    ["not a study", NOTE.replace("use-case-analysis", "recipe"), false],
  ])("refuses %s", (_name, text, broken) => {
    expect(togglePattern(text, opts, null, "RAG Pipeline", true)).toMatchObject({ ok: false, broken });
  });

  it("refuses a blank pattern name and changes nothing", () => {
    expect(togglePattern(NOTE, opts, null, "  ", true)).toEqual({ ok: false, message: "no pattern given", broken: false });
  });

  it("leaves the note in step with the pattern ticked or not, and ticking twice is ticking once", () => {
    const label = fc.constantFrom(...bundledTaxonomy().patterns.map((p) => p.label));
    fc.assert(fc.property(label, fc.boolean(), (l, checked) => {
      const r = togglePattern(NOTE, opts, null, l, checked);
      if (!r.ok) return false;
      const again = togglePattern(r.text, opts, r.record, l, checked);
      const check = syncNote(r.text, opts, r.record);
      return again.ok && again.text === r.text && check.ok && !check.skipped && !check.changed
        && r.record.patterns.includes(l.toLowerCase()) === checked;
    }));
  });
});
