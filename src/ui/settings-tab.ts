/**
 * The settings tab: where notes go and how they are named, which templates make them, the tag
 * prefix and pattern groups, and the taxonomy lists. A value that fails its check is shown with
 * the reason and not saved; everything else is saved as the user types.
 */
import {
  type App, Notice, type Plugin, PluginSettingTab, Setting, type SettingDefinitionGroup, type SettingDefinitionItem, type TextComponent,
} from "obsidian";
import { rulesFromText, rulesToText } from "../core/library-rules";
import { type AtlasSettings, DEFAULT_SETTINGS } from "../core/settings";
import { checkFileNamePattern, checkListEntry, checkVaultPath } from "../core/settings-check";
import type { AtlasContext } from "../obsidian/context";
import type { RenameKind } from "../core/sync-actions";
import type { RenameReport } from "../obsidian/vault-rename";
import { notesUsing, type TaxonomyKind } from "../obsidian/taxonomy-usage";
import { DEFAULT_TEMPLATE_FILES, installDefaultTemplates } from "../obsidian/templates";
import { folderSetting } from "../obsidian/vault-files";
import { askText, confirm } from "./dialogs";
import { FolderSuggest, NoteSuggest } from "./suggest";
import { openTagPrefixRename } from "./sync-commands";
import { errorMessage } from "../core/errors";
import { plural } from "../core/plural";

export interface SettingsTabDeps {
  /**
   * Reads the active taxonomy again from the deep-dive template (after the template or the
   * pattern groups changed). Resolves to a problem to show (template missing, broken), or null.
   */
  reloadTaxonomy(): Promise<string | null>;
  /** Renames a value in every note that uses it (the sync feature provides it). */
  renameAcrossVault: (ctx: AtlasContext, kind: RenameKind, from: string, to: string) => Promise<RenameReport>;
}

export function registerSettingsTab(plugin: Plugin, ctx: AtlasContext, deps: SettingsTabDeps): void {
  plugin.addSettingTab(new AtlasSettingTab(plugin.app, plugin, ctx, deps));
}

type FolderKey = "analysesFolder" | "caseStudiesFolder" | "articlesFolder" | "templatesFolder" | "libraryFolder";
type TemplateKey = "deepDiveTemplate" | "caseStudyTemplate";
type PatternKey = "fileNamePattern" | "caseStudyFileNamePattern";

/** Each file name pattern's folder: the example under it starts there. */
const PATTERN_FOLDER: Record<PatternKey, FolderKey> = { fileNamePattern: "analysesFolder", caseStudyFileNamePattern: "caseStudiesFolder" };

let nextErrorId = 0;

const PLURAL: Record<TaxonomyKind, string> = { category: "categories", industry: "industries" };

/** One row of the tab: its name and description, and what draws its controls into a Setting. */
interface Row {
  name: string;
  desc: string;
  draw: (setting: Setting) => void;
}

interface Section {
  heading?: string;
  rows: Row[];
}

/**
 * The rows are described once and drawn two ways: as declarative setting definitions (Obsidian
 * 1.13 and later, where the settings search finds them) and by `display()` (earlier versions).
 */
export class AtlasSettingTab extends PluginSettingTab {
  private readonly patternPreviews: Partial<Record<PatternKey, HTMLElement>> = {};
  private readonly templateInputs: Partial<Record<TemplateKey, TextComponent>> = {};

  constructor(app: App, plugin: Plugin, private readonly ctx: AtlasContext, private readonly deps: SettingsTabDeps) {
    super(app, plugin);
  }

  private get settings(): AtlasSettings {
    return this.ctx.settings();
  }

  private async save(): Promise<void> {
    await this.ctx.saveSettings();
  }

  private sections(): Section[] {
    return [
      {
        rows: [
          this.folderRow("analysesFolder", "Analyses folder", "Where new analyses go (the file name pattern is relative to it)."),
          this.folderRow("caseStudiesFolder", "Case studies folder", "Where new case studies go."),
          this.folderRow("articlesFolder", "Articles folder", "Where new article notes go (one note per web address)."),
          {
            name: "File name pattern",
            desc: "Relative to the note's folder, without .md. Placeholders: {{company}}, {{title}}, {{category}}, {{industry}}, {{year}}; a / makes a subfolder.",
            draw: (s) => this.drawFileNamePattern(s, "fileNamePattern"),
          },
          {
            name: "Case study file name pattern",
            desc: "The same for case studies: a name of their own, so a case study made from an analysis is not named like it.",
            draw: (s) => this.drawFileNamePattern(s, "caseStudyFileNamePattern"),
          },
        ],
      },
      {
        heading: "Templates",
        rows: [
          this.folderRow("templatesFolder", "Templates folder", "Every note in it is offered as a template in the form."),
          this.templateRow("deepDiveTemplate", "Deep dive template", "The analysis template; its pattern checkboxes and lists are the taxonomy. Empty: the bundled template."),
          this.templateRow("caseStudyTemplate", "Case study template", "Empty: the bundled template."),
          {
            name: "Install default templates",
            desc: `Writes the bundled templates into the templates folder (${DEFAULT_TEMPLATE_FILES.map((f) => f.name.replace(/\.md$/, "")).join(", ")}) so you can edit them. Existing files are never overwritten.`,
            draw: (s) => this.drawInstallTemplates(s),
          },
        ],
      },
      {
        heading: "Tags and patterns",
        rows: [
          { name: "Tag prefix", desc: "The plugin's tags are <prefix>/category/…, <prefix>/industry/… and <prefix>/pattern/….", draw: (s) => this.drawTagPrefix(s) },
          {
            name: "Pattern groups",
            desc: "Names of the headings or bold label lines whose checkboxes are patterns. A checkbox added under one is a new pattern.",
            draw: (s) => this.drawPatternGroups(s),
          },
        ],
      },
      { heading: "Categories", rows: [this.taxonomyRow("category")] },
      { heading: "Industries", rows: [this.taxonomyRow("industry")] },
      {
        heading: "Use-case library",
        rows: [
          this.folderRow("libraryFolder", "Use-case collection folder", "The folder of the use-case collection (NN_Category/Industry/notes). Empty: found by its layout."),
          {
            name: "Industry map",
            desc: "One per line, \"As written: Industry\": an industry the taxonomy does not know (or that joins two), counted under a taxonomy industry instead of Others.",
            draw: (s) => this.drawIndustryMap(s),
          },
          {
            name: "Category rules",
            desc: "One per line, \"Category: tag, tag\": a CSV row goes to the first category whose tags meet its Tag cell; a line without tags takes every other row.",
            draw: (s) => this.drawCategoryRules(s),
          },
        ],
      },
    ];
  }

  override getSettingDefinitions(): SettingDefinitionItem[] {
    return this.sections().map((section): SettingDefinitionGroup => ({
      type: "group",
      ...(section.heading ? { heading: section.heading } : {}),
      items: section.rows.map((row) => ({ name: row.name, desc: row.desc, render: (setting: Setting) => row.draw(setting) })),
    }));
  }

  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    containerEl.addClass("uca-settings");
    for (const section of this.sections()) {
      if (section.heading) new Setting(containerEl).setName(section.heading).setHeading();
      for (const row of section.rows) row.draw(new Setting(containerEl).setName(row.name).setDesc(row.desc));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Shows a check's message under a setting (or clears it) and marks the field. */
  private showProblem(setting: Setting, input: HTMLInputElement | HTMLTextAreaElement | null, message: string | null): void {
    let el = setting.settingEl.querySelector<HTMLElement>(".uca-setting-error");
    if (!el) {
      el = setting.infoEl.createDiv({ cls: "uca-setting-error mod-warning" });
      el.id = `uca-setting-error-${++nextErrorId}`;
    }
    el.setText(message ?? "");
    if (!input) return;
    if (message === null) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    } else {
      input.setAttr("aria-invalid", "true");
      input.setAttr("aria-describedby", el.id);
    }
  }

  private folderRow(key: FolderKey, name: string, desc: string): Row {
    return {
      name, desc,
      draw: (setting) => {
        setting.addText((text) => {
          text.setPlaceholder("Vault root").setValue(this.settings[key]);
          new FolderSuggest(this.app, text.inputEl);
          text.onChange(async (value) => {
            const checked = checkVaultPath(value, name.toLowerCase());
            this.showProblem(setting, text.inputEl, checked.ok ? null : checked.message);
            if (!checked.ok) return;
            this.settings[key] = folderSetting(checked.value);
            await this.save();
            this.updatePatternPreviews();
          });
        });
      },
    };
  }

  private drawFileNamePattern(setting: Setting, key: PatternKey): void {
    this.patternPreviews[key] = setting.descEl.createDiv({ cls: "uca-pattern-preview", attr: { "aria-live": "polite" } });
    // Wide enough to read a whole pattern: the control takes the row's width under its name.
    setting.settingEl.addClass("uca-wide-setting");
    setting.addText((text) => {
      text.setPlaceholder(DEFAULT_SETTINGS[key]).setValue(this.settings[key]);
      text.inputEl.addClass("uca-wide-input");
      text.onChange(async (value) => {
        const checked = checkFileNamePattern(value, this.settings[PATTERN_FOLDER[key]]);
        this.showProblem(setting, text.inputEl, checked.ok ? null : checked.message);
        if (!checked.ok) { this.patternPreviews[key]?.setText(""); return; }
        this.settings[key] = value.trim();
        this.updatePatternPreviews();
        await this.save();
      });
    });
    this.updatePatternPreviews();
  }

  private updatePatternPreviews(): void {
    for (const key of ["fileNamePattern", "caseStudyFileNamePattern"] as const) {
      const checked = checkFileNamePattern(this.settings[key], this.settings[PATTERN_FOLDER[key]]);
      this.patternPreviews[key]?.setText(checked.ok ? `Example: ${checked.value}` : "");
    }
  }

  private templateRow(key: TemplateKey, name: string, desc: string): Row {
    return {
      name, desc,
      draw: (setting) => {
        setting.addText((text) => {
          this.templateInputs[key] = text;
          text.setPlaceholder("Bundled").setValue(this.settings[key]);
          text.inputEl.addClass("uca-wide-input");
          new NoteSuggest(this.app, text.inputEl, () => folderSetting(this.settings.templatesFolder));
          text.onChange(async (value) => {
            const checked = checkVaultPath(value, name.toLowerCase());
            if (!checked.ok) { this.showProblem(setting, text.inputEl, checked.message); return; }
            this.settings[key] = value.trim();
            await this.save();
            if (key === "deepDiveTemplate") this.showProblem(setting, text.inputEl, await this.deps.reloadTaxonomy());
            else this.showProblem(setting, text.inputEl, this.missingTemplate(value));
          });
          this.showProblem(setting, text.inputEl, this.missingTemplate(this.settings[key]));
        });
      },
    };
  }

  private missingTemplate(raw: string): string | null {
    const path = raw.trim();
    if (path === "") return null;
    const withMd = path.toLowerCase().endsWith(".md") ? path : `${path}.md`;
    return this.app.vault.getAbstractFileByPath(folderSetting(withMd)) ? null : `No note "${withMd}": the bundled template is used until there is one.`;
  }

  private drawInstallTemplates(setting: Setting): void {
    const result = setting.descEl.createDiv({ cls: "uca-install-result", attr: { "aria-live": "polite" } });
    setting.addButton((button) => button.setButtonText("Install").onClick(async () => {
      button.setDisabled(true);
      try {
        const report = await installDefaultTemplates(this.app, this.settings);
        // An empty template setting now names the installed copy, so editing it has an effect.
        const adopted: string[] = [];
        const folder = folderSetting(this.settings.templatesFolder);
        for (const t of DEFAULT_TEMPLATE_FILES) {
          const key: TemplateKey = t.kind === "analysis" ? "deepDiveTemplate" : "caseStudyTemplate";
          const path = folder === "" ? t.name : `${folder}/${t.name}`;
          if (this.settings[key].trim() === "" && report.written.includes(path)) {
            this.settings[key] = path;
            this.templateInputs[key]?.setValue(path);
            adopted.push(path);
          }
        }
        if (adopted.length > 0) { await this.save(); await this.deps.reloadTaxonomy(); }
        const parts: string[] = [];
        if (report.written.length > 0) parts.push(`Written: ${report.written.join(", ")}.`);
        if (report.skipped.length > 0) parts.push(`Skipped (already there, not changed): ${report.skipped.join(", ")}.`);
        if (adopted.length > 0) parts.push(`Now used as the templates: ${adopted.join(", ")}.`);
        result.setText(parts.join(" "));
        new Notice(`Use Case Atlas: ${parts.join(" ")}`);
      } catch (e) {
        const message = `Could not install the templates: ${errorMessage(e)}`;
        result.setText(message);
        new Notice(`Use Case Atlas: ${message}`);
      } finally {
        button.setDisabled(false);
      }
    }));
  }

  /**
   * The prefix is shown, not typed over: a new prefix is a rename of the plugin's tags in every
   * note (previewed, with progress and Cancel), never a second set of tags beside the old one.
   */
  private drawTagPrefix(setting: Setting): void {
    const current = setting.controlEl.createEl("code", { cls: "uca-tag-prefix", text: this.settings.tagPrefix });
    setting.addButton((button) => button.setButtonText("Rename…").setTooltip("Rename the tag prefix in every note").onClick(() => {
      openTagPrefixRename(this.ctx, () => current.setText(this.settings.tagPrefix));
    }));
  }

  private drawIndustryMap(setting: Setting): void {
    setting.addTextArea((area) => {
      area.setPlaceholder("Social networks: Social platforms").setValue(Object.entries(this.settings.libraryIndustryMap).map(([k, v]) => `${k}: ${v}`).join("\n"));
      area.inputEl.addClass("uca-library-settings-text");
      area.onChange(async (value) => {
        const industries = this.settings.taxonomy.industries;
        const map: Record<string, string> = {};
        let problem: string | null = null;
        for (const raw of value.split(/\r?\n/)) {
          const line = raw.trim();
          if (line === "") continue;
          const colon = line.lastIndexOf(":");
          const from = colon < 0 ? "" : line.slice(0, colon).trim();
          const to = colon < 0 ? "" : line.slice(colon + 1).trim();
          const known = industries.find((i) => i.toLowerCase() === to.toLowerCase());
          if (from === "" || to === "") { problem = `"${line}": write "As written: Industry".`; break; }
          if (!known) { problem = `"${to}" is not an industry of the taxonomy.`; break; }
          map[from] = known;
        }
        this.showProblem(setting, area.inputEl, problem);
        if (problem !== null) return;
        this.settings.libraryIndustryMap = map;
        await this.save();
      });
    });
  }

  private drawCategoryRules(setting: Setting): void {
    setting.addTextArea((area) => {
      area.setValue(rulesToText(this.settings.libraryCategoryRules));
      area.inputEl.addClass("uca-library-settings-text");
      area.onChange(async (value) => {
        const rules = rulesFromText(value);
        const categories = this.settings.taxonomy.categories;
        const unknown = rules.find((r) => !categories.some((c) => c.toLowerCase() === r.category.toLowerCase()));
        const problem = rules.length === 0 ? "Give at least one rule." : unknown ? `"${unknown.category}" is not a category of the taxonomy.` : null;
        this.showProblem(setting, area.inputEl, problem);
        if (problem !== null) return;
        this.settings.libraryCategoryRules = rules.map((r) => ({ ...r, category: categories.find((c) => c.toLowerCase() === r.category.toLowerCase()) ?? r.category }));
        await this.save();
      });
    });
  }

  /** A list editor under a row: one line per entry, drawn again after each change. */
  private listUnder(setting: Setting, key: string): HTMLElement {
    setting.settingEl.addClass("uca-list-setting");
    return setting.settingEl.createDiv({ cls: "uca-list-editor", attr: { "data-list": key } });
  }

  private drawPatternGroups(setting: Setting): void {
    const list = this.listUnder(setting, "pattern-groups");
    const draw = (): void => {
      list.empty();
      this.settings.patternGroups.forEach((group, i) => {
        const row = new Setting(list).setClass("uca-list-row");
        row.addText((text) => {
          text.setValue(group);
          text.inputEl.setAttr("aria-label", `Pattern group ${i + 1}`);
          text.onChange(async (value) => {
            const others = this.settings.patternGroups.filter((_, j) => j !== i);
            const checked = checkListEntry(value, others, "pattern group");
            this.showProblem(row, text.inputEl, checked.ok ? null : checked.message);
            if (!checked.ok) return;
            this.settings.patternGroups[i] = checked.value;
            await this.save();
            await this.deps.reloadTaxonomy();
          });
        });
        row.addExtraButton((b) => b.setIcon("trash").setTooltip(`Remove pattern group ${i + 1}`).onClick(async () => {
          this.settings.patternGroups.splice(i, 1);
          await this.save();
          await this.deps.reloadTaxonomy();
          draw();
        }));
      });
      new Setting(list).addButton((b) => b.setButtonText("Add pattern group").onClick(async () => {
        const name = await askText(this.app, {
          title: "Add pattern group", label: "Heading or bold label", value: "", submitText: "Add",
          validate: (v) => { const c = checkListEntry(v, this.settings.patternGroups, "pattern group"); return c.ok ? null : c.message; },
        });
        if (name === null) return;
        this.settings.patternGroups.push(name);
        await this.save();
        await this.deps.reloadTaxonomy();
        draw();
      }));
    };
    draw();
  }

  // ---------------------------------------------------------------------------------------------
  // Taxonomy lists

  private list(kind: TaxonomyKind): string[] {
    return kind === "category" ? this.settings.taxonomy.categories : this.settings.taxonomy.industries;
  }

  private taxonomyRow(kind: TaxonomyKind): Row {
    return {
      name: kind === "category" ? "Category list" : "Industry list",
      desc: `The ${PLURAL[kind]} the form suggests and the vault check accepts. Renaming one can rename it in your notes too.`,
      draw: (setting) => {
        const listEl = this.listUnder(setting, kind);
        const draw = (): void => {
          listEl.empty();
          this.list(kind).forEach((value) => {
            new Setting(listEl).setName(value).setClass("uca-list-row")
              .addExtraButton((b) => b.setIcon("pencil").setTooltip(`Rename ${value}`).onClick(() => { void this.rename(kind, value, draw); }))
              .addExtraButton((b) => b.setIcon("trash").setTooltip(`Remove ${value}`).onClick(() => { void this.remove(kind, value, draw); }));
          });
          new Setting(listEl).addButton((b) => b.setButtonText(`Add ${kind}`).onClick(async () => {
            const name = await askText(this.app, {
              title: `Add ${kind}`, label: "Name", value: "", submitText: "Add",
              validate: (v) => { const c = checkListEntry(v, this.list(kind), kind); return c.ok ? null : c.message; },
            });
            if (name === null) return;
            this.list(kind).push(name);
            await this.save();
            draw();
          }));
        };
        draw();
      },
    };
  }

  /** Renames in the list; when notes use the old name, offers to rename it in them too. */
  async rename(kind: TaxonomyKind, from: string, redraw: () => void): Promise<void> {
    const to = await askText(this.app, {
      title: `Rename ${kind}`, label: "New name", value: from, submitText: "Rename",
      validate: (v) => { const c = checkListEntry(v, this.list(kind), kind, from); return c.ok ? null : c.message; },
    });
    if (to === null || to === from) return;
    const list = this.list(kind);
    const at = list.indexOf(from);
    if (at < 0) return;
    list[at] = to;
    await this.save();
    redraw();
    const using = notesUsing(this.app, kind, from).length;
    if (using === 0) return;
    const yes = await confirm(this.app, {
      title: `Rename "${from}" in notes?`,
      message: `${using} ${using === 1 ? "note uses" : "notes use"} "${from}". Rename it to "${to}" in ${using === 1 ? "that note" : "those notes"} too (the ${kind} property and its tag)?`,
      confirmText: `Rename in ${using === 1 ? "1 note" : `${using} notes`}`,
      cancelText: "Only in the list",
    });
    if (!yes) return;
    try {
      const report = await this.deps.renameAcrossVault(this.ctx, kind, from, to);
      const failed = report.failed.length > 0 ? ` Not changed: ${report.failed.map((f) => `${f.path} (${f.problem})`).join("; ")}.` : "";
      new Notice(`Use Case Atlas: renamed "${from}" to "${to}" in ${plural(report.renamed.length, "note")}.${failed}`);
    } catch (e) {
      new Notice(`Use Case Atlas: could not rename "${from}" in the notes: ${errorMessage(e)}`);
    }
  }

  /** Removes from the list; asks first when notes use it (they keep their value). */
  async remove(kind: TaxonomyKind, value: string, redraw: () => void): Promise<void> {
    const using = notesUsing(this.app, kind, value).length;
    if (using > 0) {
      const yes = await confirm(this.app, {
        title: `Remove "${value}"?`,
        message: `${using} ${using === 1 ? "note uses" : "notes use"} "${value}". ${using === 1 ? "It keeps" : "They keep"} the value, which will show as not in the taxonomy.`,
        confirmText: "Remove", cancelText: "Cancel", warning: true,
      });
      if (!yes) return;
    }
    const list = this.list(kind);
    const at = list.indexOf(value);
    if (at < 0) return;
    list.splice(at, 1);
    await this.save();
    redraw();
  }
}
