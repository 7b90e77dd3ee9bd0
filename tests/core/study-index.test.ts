import fc from "fast-check";
import { StudyIndex } from "../../src/core/study-index";
import { CTX, study } from "../support/studies";

describe("StudyIndex", () => {
  it("set, get, delete, rename bump the revision and notify", () => {
    const idx = new StudyIndex();
    const seen: number[] = [];
    idx.onChange((r) => seen.push(r));
    idx.set(study({ path: "a/One.md", company: "A" }));
    idx.set(study({ path: "b/Two.md" }));
    expect(idx.revision).toBe(2);
    expect(idx.get("a/One.md")?.company).toBe("A");
    idx.rename("a/One.md", "c/Renamed.md");
    expect(idx.get("a/One.md")).toBeUndefined();
    expect(idx.get("c/Renamed.md")).toMatchObject({ path: "c/Renamed.md", name: "Renamed", company: "A" });
    expect(idx.delete("b/Two.md")).toBe(true);
    expect(idx.delete("b/Two.md")).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(idx.all().map((s) => s.path)).toEqual(["c/Renamed.md"]);
  });

  it("renaming or deleting a path it does not hold changes nothing", () => {
    const idx = new StudyIndex();
    idx.rename("x.md", "y.md");
    idx.delete("x.md");
    expect(idx.revision).toBe(0);
  });

  it("all() is the same array until a change", () => {
    const idx = new StudyIndex();
    idx.set(study({ path: "a.md" }));
    const a = idx.all();
    expect(idx.all()).toBe(a);
    idx.set(study({ path: "b.md" }));
    expect(idx.all()).not.toBe(a);
    expect(idx.all()).toHaveLength(2);
  });

  it("update() reads frontmatter; a note that stops being a study leaves", () => {
    const idx = new StudyIndex();
    idx.update("n.md", { type: "case-study", company: "X" }, CTX);
    expect(idx.get("n.md")?.company).toBe("X");
    idx.update("n.md", { type: "use-case-article" }, CTX);
    expect(idx.has("n.md")).toBe(false);
    expect(idx.size).toBe(0);
  });

  it("setBody attaches body facts without touching the rest", () => {
    const idx = new StudyIndex();
    const s = study({ path: "n.md", company: "X" });
    idx.set(s);
    const body = { checklist: { done: 1, total: 2 }, stack: [] };
    expect(idx.setBody("n.md", body)).toBe(true);
    expect(idx.get("n.md")).toEqual({ ...s, body });
    expect(idx.get("n.md")).not.toBe(s); // a new value: caches keyed by study see the change
    expect(idx.setBody("missing.md", body)).toBe(false);
  });

  it("a batch (and addAll) is one revision and one notification", () => {
    const idx = new StudyIndex();
    const seen: number[] = [];
    idx.onChange((r) => seen.push(r));
    idx.addAll([
      { path: "a.md", frontmatter: { type: "use-case-analysis" } },
      { path: "b.md", frontmatter: { type: "use-case-article" } },
      { path: "c.md", frontmatter: { type: "case-study" } },
    ], CTX);
    expect(idx.all().map((s) => s.path)).toEqual(["a.md", "c.md"]);
    idx.batch(() => { idx.delete("a.md"); idx.delete("c.md"); });
    expect(seen).toEqual([1, 2]);
    idx.batch(() => undefined);
    expect(seen).toEqual([1, 2]);
  });

  it("an unsubscribed listener is not called; unsubscribing while notified does not skip others", () => {
    const idx = new StudyIndex();
    const calls: string[] = [];
    const offA = idx.onChange(() => { calls.push("a"); offA(); });
    idx.onChange(() => calls.push("b"));
    idx.set(study({ path: "x.md" }));
    idx.set(study({ path: "y.md" }));
    expect(calls).toEqual(["a", "b", "b"]);
  });

  it("property: after any sequence of operations it holds what a plain map would", () => {
    const path = fc.constantFrom("a.md", "b.md", "c/d.md", "e.md");
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), path, company: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant("delete" as const), path }),
      fc.record({ kind: fc.constant("rename" as const), path, to: path }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
      const idx = new StudyIndex();
      const model = new Map<string, string>();
      let expectedRevision = 0;
      for (const o of ops) {
        if (o.kind === "set") { idx.set(study({ path: o.path, company: o.company })); model.set(o.path, o.company); expectedRevision++; }
        if (o.kind === "delete") { if (model.delete(o.path)) expectedRevision++; idx.delete(o.path); }
        if (o.kind === "rename") {
          const v = model.get(o.path);
          if (v !== undefined) { model.delete(o.path); model.set(o.to, v); expectedRevision++; }
          idx.rename(o.path, o.to);
        }
      }
      expect(idx.revision).toBe(expectedRevision);
      expect(new Map(idx.all().map((s) => [s.path, s.company]))).toEqual(model);
      for (const s of idx.all()) expect(idx.get(s.path)).toBe(s);
    }));
  });
});
