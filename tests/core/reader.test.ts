import { checkboxLabel, readNote, tableCells } from "../../src/core/reader";

const boxes = (text: string): [number, string, string, string | null][] =>
  readNote(text).checkboxes.map((c) => [c.line, c.char, c.label, c.group]);

describe("checkboxes", () => {
  it.each<[string, string, [number, string, string, string | null][]]>([
    ["plain list under a bold label", "**Design Patterns Observed**:\n- [ ] **RAG Pipeline** (Retrieve)\n- [x] Batch Inference (offline)\n",
      [[1, " ", "RAG Pipeline", "Design Patterns Observed"], [2, "x", "Batch Inference", "Design Patterns Observed"]]],
    ["under a heading", "## Deployment\n* [/] Streaming\n", [[1, "/", "Streaming", "Deployment"]]],
    ["inside a callout", "**G**:\n> [!note]\n> - [x] A (b)\n>> - [ ] B\n", [[2, "x", "A", "G"], [3, " ", "B", "G"]]],
    ["nested and numbered", "# H\n1. [ ] One\n    - [x] Two\n2) [-] Three\n", [[1, " ", "One", "H"], [2, "x", "Two", "H"], [3, "-", "Three", "H"]]],
    ["not in fenced code, even in a list or callout", "# H\n```\n- [ ] no\n```\n> ~~~\n> - [ ] no\n> ~~~\n- [ ] yes\n", [[7, " ", "yes", "H"]]],
    ["not in comments", "<!--\n- [ ] no\n-->\n%%\n- [ ] no\n%%\n- [ ] yes\n", [[6, " ", "yes", null]]],
    ["not without a space after the bracket", "- [x]no\n- [ ]\n- [] no\n", [[1, " ", "", null]]],
    ["CRLF and BOM", "\uFEFF- [x] A\r\n- [ ] B\r\n", [[0, "x", "A", null], [1, " ", "B", null]]],
    ["frontmatter lines are counted", "---\na: 1\n---\n- [x] A\n", [[3, "x", "A", null]]],
    ["a heading resets the bold label group", "**G**:\n# H\n- [ ] A\n", [[2, " ", "A", "H"]]],
    ["unicode labels", "**Muster**:\n- [x] **Zwei-Türme** (x)\n", [[1, "x", "Zwei-Türme", "Muster"]]],
  ])("%s", (_name, text, expected) => {
    expect(boxes(text)).toEqual(expected);
  });

  it("gives each checkbox the offset of its task character", () => {
    const text = "\uFEFF- [x] A\r\n> - [ ] B\n";
    for (const c of readNote(text).checkboxes) expect(text[c.charOffset]).toBe(c.char);
  });

  it.each([
    ["**Multi-Stage Funnel** (Retrieval → Ranking)", "Multi-Stage Funnel"],
    ["Batch Inference (offline predictions stored in DB)", "Batch Inference"],
    ["Edge/On-Device (model runs on client)", "Edge/On-Device"],
    ["Plain label", "Plain label"],
    ["Label(no space) tail", "Label(no space) tail"],
  ])("label of %s is %s", (text, label) => {
    expect(checkboxLabel(text)).toBe(label);
  });
});

describe("frontmatter", () => {
  it("keeps dates as strings and reads YAML 1.2", () => {
    expect(readNote("---\nd: 2024-07-21\nb: yes\nn: 2024\n---\n").frontmatter).toEqual({ d: "2024-07-21", b: "yes", n: 2024 });
  });
  it("gives no frontmatter for an empty block", () => {
    const r = readNote("---\n---\nbody\n");
    expect(r.frontmatter).toBeNull();
    expect(r.frontmatterError).toBeNull();
  });
  it.each([
    ["duplicate keys", "---\na: 1\na: 2\n---\n"],
    ["bad indentation", "---\na: [1, 2\nb: 3\n---\n"],
    ["a list at the top", "---\n- a\n- b\n---\n"],
  ])("reports %s as an error value", (_n, text) => {
    const r = readNote(text);
    expect(r.frontmatter).toBeNull();
    expect(r.frontmatterError).toEqual(expect.any(String));
  });
  it("needs the fence on the very first line", () => {
    expect(readNote("\n---\na: 1\n---\n").frontmatter).toBeNull();
  });
});

describe("tables", () => {
  it("reads a §2.1-style table with its group", () => {
    const text = "**Tech Stack Identified**:\n| Component | Technology/Tool | Purpose |\n|---|---|---|\n| Feature Store | Feast | online |\n| Vector DB | `a|b` | x \\| y |\n\nafter\n";
    const [t] = readNote(text).tables;
    expect(t).toEqual({ line: 1, endLine: 4, header: ["Component", "Technology/Tool", "Purpose"], rows: [["Feature Store", "Feast", "online"], ["Vector DB", "`a|b`", "x | y"]], group: "Tech Stack Identified" });
  });
  it("splits cells", () => {
    expect(tableCells("| a | | c |")).toEqual(["a", "", "c"]);
  });
});
