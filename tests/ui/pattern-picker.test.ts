/**
 * "Has all of these patterns" (src/ui/pattern-picker.ts) in jsdom, by mouse and by keyboard:
 * chips for what is chosen, a grouped list that filters as the user types, every change reported.
 */
import { PatternPicker, type PatternChoice } from "../../src/ui/pattern-picker";

const CHOICES: PatternChoice[] = [
  { label: "Real-Time Inference", group: "Deployment Pattern" },
  { label: "Batch Inference", group: "Deployment Pattern" },
  { label: "Multi-Stage Funnel", group: "Design Patterns Observed" },
  { label: "RAG Pipeline", group: "Design Patterns Observed" },
  { label: "Agentic Workflow", group: "Design Patterns Observed" },
  { label: "Canary Deployment", group: "Infrastructure Patterns" },
];

interface Made { picker: PatternPicker; input: HTMLInputElement; changes: string[][]; root: HTMLElement }

let root: HTMLElement | null = null;
afterEach(() => { root?.remove(); root = null; });

function make(chosen: string[] = []): Made {
  root = document.body.createDiv();
  const changes: string[][] = [];
  const picker = new PatternPicker(root, "Has all of these patterns", (c) => changes.push(c));
  picker.setChoices(CHOICES);
  picker.setChosen(chosen);
  const input = root.querySelector<HTMLInputElement>("input.uca-pattern-input")!;
  return { picker, input, changes, root };
}

function key(target: Element, k: string): KeyboardEvent {
  const evt = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true });
  target.dispatchEvent(evt);
  return evt;
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

const chips = (m: Made): string[] => Array.from(m.root.querySelectorAll(".uca-chip .uca-chip-label")).map((e) => e.textContent ?? "");
const list = (m: Made): HTMLElement => m.root.querySelector<HTMLElement>("[role=listbox]")!;
const isShown = (el: HTMLElement): boolean => el.style.display !== "none";
/** The list as shown: each group's name and its options, the active one marked with "*". */
const shownList = (m: Made): [string, string[]][] => Array.from(list(m).querySelectorAll<HTMLElement>("[role=group]")).map((g) => [
  g.querySelector(".uca-pattern-group-name")?.textContent ?? "",
  Array.from(g.querySelectorAll<HTMLElement>("[role=option]")).map((o) => (o.getAttribute("aria-selected") === "true" ? `*${o.textContent}` : o.textContent ?? "")),
]);

describe("the pattern picker", () => {
  it("is a labelled combobox whose list is closed until asked for", () => {
    const m = make();
    expect(m.input.getAttribute("role")).toBe("combobox");
    expect(m.input.getAttribute("aria-label")).toBe("Has all of these patterns: add pattern");
    expect(m.input.getAttribute("aria-expanded")).toBe("false");
    expect(m.input.getAttribute("aria-controls")).toBe(list(m).id);
    expect(isShown(list(m))).toBe(false);
    expect(chips(m)).toEqual([]);
  });

  it("by mouse: a click opens the list grouped as in the template, a click on an option adds it, × removes it", () => {
    const m = make();
    m.input.click();
    expect(m.input.getAttribute("aria-expanded")).toBe("true");
    expect(isShown(list(m))).toBe(true);
    expect(shownList(m)).toEqual([
      ["Deployment Pattern", ["Real-Time Inference", "Batch Inference"]],
      ["Design Patterns Observed", ["Multi-Stage Funnel", "RAG Pipeline", "Agentic Workflow"]],
      ["Infrastructure Patterns", ["Canary Deployment"]],
    ]);
    // A press on an option keeps the focus in the field (its default is cancelled).
    const rag = Array.from(list(m).querySelectorAll<HTMLElement>("[role=option]")).find((o) => o.textContent === "RAG Pipeline")!;
    const down = new MouseEvent("mousedown", { bubbles: true, cancelable: true });
    rag.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    rag.click();
    expect(chips(m)).toEqual(["RAG Pipeline"]);
    expect(m.changes).toEqual([["RAG Pipeline"]]);
    // A chosen pattern leaves the list.
    expect(shownList(m)[1]).toEqual(["Design Patterns Observed", ["Multi-Stage Funnel", "Agentic Workflow"]]);
    Array.from(list(m).querySelectorAll<HTMLElement>("[role=option]")).find((o) => o.textContent === "Canary Deployment")!.click();
    expect(chips(m)).toEqual(["RAG Pipeline", "Canary Deployment"]);
    const remove = m.root.querySelector<HTMLButtonElement>('button[aria-label="Remove RAG Pipeline"]')!;
    remove.click();
    expect(chips(m)).toEqual(["Canary Deployment"]);
    expect(m.changes).toEqual([["RAG Pipeline"], ["RAG Pipeline", "Canary Deployment"], ["Canary Deployment"]]);
    expect(m.root.querySelector("[aria-live]")?.textContent).toBe("RAG Pipeline removed. 1 pattern chosen.");
  });

  it("by keyboard: typing filters, the arrows move, Enter adds, Escape closes, Backspace removes the last", () => {
    const m = make();
    m.input.focus();
    type(m.input, "infer");
    expect(shownList(m)).toEqual([["Deployment Pattern", ["*Real-Time Inference", "Batch Inference"]]]);
    expect(m.input.getAttribute("aria-activedescendant")).toBe(list(m).querySelector('[aria-selected="true"]')?.id);
    key(m.input, "ArrowDown");
    expect(shownList(m)).toEqual([["Deployment Pattern", ["Real-Time Inference", "*Batch Inference"]]]);
    // Past the end: round to the first.
    key(m.input, "ArrowDown");
    key(m.input, "ArrowDown");
    const enter = key(m.input, "Enter");
    // Enter chose: it must not also submit anything around the field.
    expect(enter.defaultPrevented).toBe(true);
    expect(m.changes).toEqual([["Batch Inference"]]);
    expect(m.input.value).toBe("");
    // ArrowUp from nothing active goes to the last option.
    key(m.input, "ArrowUp");
    expect(shownList(m).at(-1)).toEqual(["Infrastructure Patterns", ["*Canary Deployment"]]);
    key(m.input, "Enter");
    expect(chips(m)).toEqual(["Batch Inference", "Canary Deployment"]);
    // Escape closes the list and goes no further (the pane around it stays open).
    const esc = key(m.input, "Escape");
    expect(esc.defaultPrevented).toBe(true);
    expect(m.input.getAttribute("aria-expanded")).toBe("false");
    expect(isShown(list(m))).toBe(false);
    // ArrowDown opens it again.
    key(m.input, "ArrowDown");
    expect(m.input.getAttribute("aria-expanded")).toBe("true");
    // Backspace in the empty field removes the last chip; with text in it, it edits the text.
    type(m.input, "x");
    expect(key(m.input, "Backspace").defaultPrevented).toBe(false);
    expect(chips(m)).toEqual(["Batch Inference", "Canary Deployment"]);
    type(m.input, "");
    key(m.input, "Backspace");
    expect(chips(m)).toEqual(["Batch Inference"]);
    expect(m.changes.at(-1)).toEqual(["Batch Inference"]);
  });

  it("a chip's button removes it on Backspace or Delete and hands the focus on", () => {
    const m = make(["RAG Pipeline", "Agentic Workflow"]);
    const first = m.root.querySelector<HTMLButtonElement>('button[aria-label="Remove RAG Pipeline"]')!;
    first.focus();
    key(first, "Delete");
    expect(chips(m)).toEqual(["Agentic Workflow"]);
    expect(document.activeElement).toBe(m.root.querySelector('button[aria-label="Remove Agentic Workflow"]'));
    key(document.activeElement!, "Backspace");
    expect(chips(m)).toEqual([]);
    expect(document.activeElement).toBe(m.input);
    expect(m.changes).toEqual([["Agentic Workflow"], []]);
  });

  it("says when nothing matches, and Enter then does nothing", () => {
    const m = make();
    m.input.focus();
    type(m.input, "zzz");
    expect(list(m).textContent).toBe("No pattern matches.");
    expect(key(m.input, "Enter").defaultPrevented).toBe(false);
    expect(m.changes).toEqual([]);
  });

  it("shows a saved choice without reporting it, in the taxonomy's spelling, and one unknown to the list as saved", () => {
    const m = make(["rag pipeline", "Gone Pattern"]);
    expect(chips(m)).toEqual(["RAG Pipeline", "Gone Pattern"]);
    expect(m.changes).toEqual([]);
    m.input.click();
    expect(list(m).textContent).not.toContain("RAG Pipeline");
  });
});
