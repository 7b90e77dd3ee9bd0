/** `check` and template versions: a note recording an older version than its template's is "written for an older template". */
import { checkVault, type CheckContext } from "../../src/core/check";
import { CTX } from "../support/studies";

const IN_STEP = (version: string): string => `---\ntype: use-case-analysis\n${version}---\n`;

function check(notes: Record<string, string>, templateVersions: CheckContext["templateVersions"]): string[] {
  const ctx: CheckContext = { ...CTX, tagPrefix: "use-case", templateVersions };
  return checkVault(Object.entries(notes).map(([path, text]) => ({ path, text })), ctx).map((p) => `${p.path}: ${p.problem}`);
}

describe("check and template versions", () => {
  it.each([
    ["no version, the template at 2", "", { "use-case-analysis": 2 }, ["A.md: written for an older template (template-version missing, the template is at 2; run migrate)"]],
    ["version 1, the template at 2", "template-version: 1\n", { "use-case-analysis": 2 }, ["A.md: written for an older template (template-version 1, the template is at 2; run migrate)"]],
    ["version 1.9, the template at 1.10", "template-version: \"1.9\"\n", { "use-case-analysis": "1.10" }, ["A.md: written for an older template (template-version 1.9, the template is at 1.10; run migrate)"]],
    ["the same version", "template-version: 2\n", { "use-case-analysis": 2 }, []],
    ["a newer version", "template-version: 3\n", { "use-case-analysis": 2 }, []],
    ["a template without a version", "", { "use-case-analysis": null }, []],
    ["only the case-study template has one", "", { "case-study": 4 }, []],
    ["no versions given", "", undefined, []],
  ] as const)("%s", (_name, version, versions, want) => {
    expect(check({ "A.md": IN_STEP(version) }, versions)).toEqual(want);
  });
});
