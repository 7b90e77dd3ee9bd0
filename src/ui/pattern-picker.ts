/**
 * "Has all of these patterns": the chosen patterns as removable chips and an "Add pattern" field
 * whose list (grouped as in the template) filters as the user types. A combobox in the ARIA
 * sense: the focus stays in the field, the arrows move the active option, Enter or a click adds
 * it, Escape closes the list (a click or ArrowDown opens it), Backspace in the empty field removes the last chip, and each chip's
 * × (or Backspace/Delete on it) removes that one. Every change is reported at once.
 */

export interface PatternChoice {
  label: string;
  group: string;
}

let pickerCount = 0;

export class PatternPicker {
  readonly el: HTMLElement;
  private readonly chipsEl: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly listEl: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly id: string;
  private choices: readonly PatternChoice[] = [];
  private chosen: string[] = [];
  /** The options shown (not chosen, matching the typed text), in list order. */
  private shown: { choice: PatternChoice; el: HTMLElement }[] = [];
  private active = -1;

  /** `label` names the control for screen readers; `onChange` gets the chosen labels after each change. */
  constructor(parent: HTMLElement, label: string, private readonly onChange: (chosen: string[]) => void) {
    this.id = `uca-pattern-picker-${++pickerCount}`;
    this.el = parent.createDiv({ cls: "uca-pattern-picker" });
    this.chipsEl = this.el.createEl("ul", { cls: "uca-chips", attr: { "aria-label": `${label}: chosen` } });
    this.input = this.el.createEl("input", {
      cls: "uca-pattern-input",
      attr: {
        type: "text", placeholder: "Add pattern…", autocomplete: "off", spellcheck: "false",
        role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": `${this.id}-list`,
        "aria-label": `${label}: add pattern`,
      },
    });
    this.listEl = this.el.createDiv({ cls: "uca-pattern-list", attr: { role: "listbox", id: `${this.id}-list`, "aria-label": "Patterns" } });
    this.listEl.hide();
    this.statusEl = this.el.createDiv({ cls: "uca-visually-hidden", attr: { "aria-live": "polite" } });

    this.input.addEventListener("click", () => this.open());
    this.input.addEventListener("input", () => { this.open(); this.fill(); });
    this.input.addEventListener("keydown", (evt) => this.onKey(evt));
    this.input.addEventListener("blur", () => this.close());
    // A press on an option must not take the focus from the field (which would close the list first).
    this.listEl.addEventListener("mousedown", (evt) => evt.preventDefault());
    this.listEl.addEventListener("click", (evt) => {
      const option = (evt.target as HTMLElement).closest<HTMLElement>("[role=option]");
      const at = option ? this.shown.findIndex((s) => s.el === option) : -1;
      if (at >= 0) this.add(this.shown[at].choice.label);
    });
  }

  /** The patterns to choose from, grouped: each group's patterns together, groups in the order met. */
  setChoices(choices: readonly PatternChoice[]): void {
    this.choices = choices;
    if (this.isOpen()) this.fill();
  }

  /** Shows `chosen` (from the options) without reporting a change. */
  setChosen(chosen: readonly string[]): void {
    const same = chosen.length === this.chosen.length && chosen.every((c, i) => c === this.chosen[i]);
    if (same) return;
    this.chosen = [...chosen];
    this.renderChips();
    if (this.isOpen()) this.fill();
  }

  private isOpen(): boolean {
    return this.input.getAttribute("aria-expanded") === "true";
  }

  private open(): void {
    if (this.isOpen()) return;
    this.input.setAttribute("aria-expanded", "true");
    this.listEl.show();
    this.fill();
  }

  private close(): void {
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.listEl.hide();
    this.active = -1;
  }

  private isChosen(label: string): boolean {
    const key = label.toLowerCase();
    return this.chosen.some((c) => c.toLowerCase() === key);
  }

  /** Draws the options that are not chosen and contain the typed text, under their group names. */
  private fill(): void {
    const query = this.input.value.trim().toLowerCase();
    const wasActive = this.shown[this.active]?.choice.label;
    this.listEl.empty();
    this.shown = [];
    const groups = new Map<string, PatternChoice[]>();
    for (const c of this.choices) {
      if (this.isChosen(c.label) || (query !== "" && !c.label.toLowerCase().includes(query))) continue;
      const list = groups.get(c.group);
      if (list) list.push(c); else groups.set(c.group, [c]);
    }
    let g = 0;
    for (const [name, list] of groups) {
      const headId = `${this.id}-group-${g++}`;
      const group = this.listEl.createDiv({ cls: "uca-pattern-group", attr: { role: "group", "aria-labelledby": headId } });
      group.createDiv({ cls: "uca-pattern-group-name", text: name, attr: { id: headId, role: "presentation" } });
      for (const choice of list) {
        const el = group.createDiv({
          cls: "uca-pattern-option", text: choice.label,
          attr: { role: "option", id: `${this.id}-option-${this.shown.length}`, "aria-selected": "false" },
        });
        this.shown.push({ choice, el });
      }
    }
    if (this.shown.length === 0) {
      this.listEl.createDiv({ cls: "uca-pattern-none", text: query === "" ? "Every pattern is chosen." : "No pattern matches." });
    }
    const keep = this.shown.findIndex((s) => s.choice.label === wasActive);
    // While typing, the first match is the one Enter adds.
    this.setActive(keep >= 0 ? keep : query !== "" && this.shown.length > 0 ? 0 : -1);
  }

  private setActive(at: number): void {
    this.shown[this.active]?.el.removeClass("is-active");
    this.shown[this.active]?.el.setAttribute("aria-selected", "false");
    this.active = at;
    const now = this.shown[at];
    if (!now) { this.input.removeAttribute("aria-activedescendant"); return; }
    now.el.addClass("is-active");
    now.el.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", now.el.id);
    // Not in every DOM (jsdom has none).
    if (typeof now.el.scrollIntoView === "function") now.el.scrollIntoView({ block: "nearest" });
  }

  private onKey(evt: KeyboardEvent): void {
    switch (evt.key) {
      case "ArrowDown":
      case "ArrowUp": {
        evt.preventDefault();
        this.open();
        const count = this.shown.length;
        if (count === 0) return;
        const step = evt.key === "ArrowDown" ? 1 : -1;
        this.setActive(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
        return;
      }
      case "Home":
      case "End":
        if (!this.isOpen() || this.shown.length === 0 || this.input.value !== "") return;
        evt.preventDefault();
        this.setActive(evt.key === "Home" ? 0 : this.shown.length - 1);
        return;
      case "Enter": {
        const hit = this.isOpen() ? this.shown[this.active] : undefined;
        if (!hit) return;
        evt.preventDefault();
        this.add(hit.choice.label);
        return;
      }
      case "Escape":
        // The first Escape closes the list (and nothing else: not the pane, not a modal around it).
        if (this.isOpen()) { evt.preventDefault(); evt.stopPropagation(); this.close(); }
        else if (this.input.value !== "") { evt.preventDefault(); evt.stopPropagation(); this.input.value = ""; }
        return;
      case "Backspace":
        if (this.input.value === "" && this.chosen.length > 0) {
          evt.preventDefault();
          this.remove(this.chosen[this.chosen.length - 1]);
        }
        return;
    }
  }

  private add(label: string): void {
    if (this.isChosen(label)) return;
    this.chosen = [...this.chosen, label];
    this.input.value = "";
    this.renderChips();
    this.fill();
    this.announce(`${label} added.`);
    this.onChange([...this.chosen]);
  }

  private remove(label: string): void {
    this.chosen = this.chosen.filter((c) => c !== label);
    this.renderChips();
    if (this.isOpen()) this.fill();
    this.announce(`${label} removed.`);
    this.onChange([...this.chosen]);
  }

  private announce(what: string): void {
    const n = this.chosen.length;
    this.statusEl.setText(`${what} ${n === 0 ? "No pattern" : n === 1 ? "1 pattern" : `${n} patterns`} chosen.`);
  }

  private renderChips(): void {
    this.chipsEl.empty();
    this.chipsEl.toggleClass("is-empty", this.chosen.length === 0);
    // A chosen label in the taxonomy's spelling when it has one (a saved state may differ in case).
    const spelling = new Map(this.choices.map((c) => [c.label.toLowerCase(), c.label]));
    this.chosen.forEach((label, i) => {
      const chip = this.chipsEl.createEl("li", { cls: "uca-chip" });
      const text = spelling.get(label.toLowerCase()) ?? label;
      chip.createSpan({ cls: "uca-chip-label", text });
      const x = chip.createEl("button", { cls: "uca-chip-remove", text: "×", attr: { type: "button", "aria-label": `Remove ${text}` } });
      x.addEventListener("click", () => this.removeFromChip(label, i));
      x.addEventListener("keydown", (evt) => {
        if (evt.key !== "Backspace" && evt.key !== "Delete") return;
        evt.preventDefault();
        this.removeFromChip(label, i);
      });
    });
  }

  /** Removes a chip from its own button; the focus goes to the next chip's button, else to the field. */
  private removeFromChip(label: string, at: number): void {
    const hadFocus = this.chipsEl.contains(this.el.ownerDocument.activeElement);
    this.remove(label);
    if (!hadFocus) return;
    const buttons = this.chipsEl.querySelectorAll<HTMLButtonElement>("button.uca-chip-remove");
    const next = buttons[Math.min(at, buttons.length - 1)];
    if (next) next.focus(); else this.input.focus();
  }
}
