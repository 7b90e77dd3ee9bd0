/**
 * The article features' commands, forms and the "Add article" button in reading view.
 * The work itself is src/obsidian/articles.ts.
 */
import {
  type App, type ButtonComponent, type FuzzyMatch, FuzzySuggestModal, type MarkdownPostProcessorContext, Modal, Notice,
  type Plugin, Setting, TFile, type TextComponent,
} from "obsidian";
import { type UseCasesList, findUseCasesList } from "../core/articles";
import type { HttpGet } from "../core/title";
import { canonicalUrl } from "../core/url";
import {
  type AddedArticle, type ArticleNoteInfo, ArticleError, addArticleToAnalysis, fetchTitleIntoNote,
  isAnalysisFile, isArticleFile, linkExistingArticle, linkedArticles, listArticleNotes, unlinkArticle,
} from "../obsidian/articles";
import { CitedByMaintainer } from "../obsidian/cited-by";
import type { AtlasContext } from "../obsidian/context";
import { obsidianHttpGet } from "../obsidian/http-get";
import { vaultIndexFor } from "../obsidian/vault-index";
import { errorMessage } from "../core/errors";
import { TitleFetch } from "./title-fetch";
import { plural } from "../core/plural";

export interface ArticleFeatureOptions {
  /** How pages are fetched for their title (tests pass a fake). */
  httpGet?: HttpGet;
  /** Give up fetching a title after this long (default: the core's). */
  titleTimeoutMs?: number;
  /** Quiet time after the last change before "Cited by" lists are rewritten. */
  citedByDelayMs?: number;
}

export const DEFAULT_CITED_BY_DELAY_MS = 500;

interface Services {
  ctx: AtlasContext;
  httpGet: HttpGet;
  titleTimeoutMs: number | undefined;
}

function fileAt(app: App, path: string): TFile | null {
  const file = app.vault.getAbstractFileByPath(path);
  return file instanceof TFile ? file : null;
}

function messageOf(e: unknown): string {
  if (e instanceof ArticleError) return e.message;
  console.error("Use Case Atlas:", e);
  return `Something went wrong: ${errorMessage(e)}`;
}

/** What the user is told after adding or linking an article. */
export function addedMessage(added: AddedArticle, analysis: TFile): string {
  const name = added.article.basename;
  if (added.alreadyLinked) return `"${name}" is already linked from ${analysis.basename}; nothing changed.`;
  let message = `Added "${name}" to ${analysis.basename}`;
  if (added.created) message += " (new article note).";
  else if (added.citedBy.length > 0) message += ` — already cited by ${plural(added.citedBy.length, "analysis", "analyses")}: ${added.citedBy.join(", ")}.`;
  else message += " (existing article note).";
  if (!added.listFound) message += " This analysis has no \"Use Cases Analyzed\" list, so the link is in its articles property only.";
  return message;
}

// ---------------------------------------------------------------------------------------------
// The "Add article" form

export interface AddArticleValues {
  url: string;
  title: string;
  company: string;
  year: number | null;
}

/**
 * URL, optional title (with "Fetch title", see ./title-fetch), company, year. Opens with the
 * caret in the address; Enter in any field adds; invalid input is explained in the form, which
 * stays open, and the explanation goes as soon as the user types again.
 */
export class AddArticleModal extends Modal {
  private values: AddArticleValues;
  private titleFetch: TitleFetch | null = null;
  private urlInput: HTMLInputElement | null = null;
  private submitButton: ButtonComponent | null = null;
  private working = false;
  private errorEl: HTMLElement | null = null;
  /** The year field as typed (validated on submit). */
  private yearText: string | null = null;

  constructor(
    app: App,
    private readonly services: Services,
    private readonly analysis: TFile,
    prefill: Partial<AddArticleValues>,
  ) {
    super(app);
    this.values = { url: prefill.url ?? "", title: prefill.title ?? "", company: prefill.company ?? "", year: prefill.year ?? null };
  }

  override onOpen(): void {
    const { contentEl } = this;
    contentEl.addClass("uca-add-article-form");
    this.setTitle(`Add article to ${this.analysis.basename}`);

    new Setting(contentEl).setName("URL").setDesc("The article's web address.").addText((text) => {
      text.setPlaceholder("Paste the address").setValue(this.values.url).onChange((v) => { this.values.url = v; });
      text.inputEl.type = "url";
      this.urlInput = text.inputEl;
    });
    let titleInput: TextComponent | null = null;
    const titleSetting = new Setting(contentEl).setName("Title").setDesc("Optional: typed, fetched from the page, or left empty.")
      .addText((text) => {
        titleInput = text;
        text.setValue(this.values.title).onChange((v) => { this.values.title = v; });
      });
    const status = titleSetting.descEl.createDiv({ cls: "uca-fetch-status", attr: { "aria-live": "polite" } });
    titleSetting.addButton((button) => {
      this.titleFetch = new TitleFetch({
        button, status, url: () => this.values.url, httpGet: this.services.httpGet, timeoutMs: this.services.titleTimeoutMs,
        setTitle: (title) => { this.values.title = title; titleInput?.setValue(title); },
      });
    });
    new Setting(contentEl).setName("Company").addText((text) => {
      text.setValue(this.values.company).onChange((v) => { this.values.company = v; });
    });
    new Setting(contentEl).setName("Year").setDesc("Optional, four digits.").addText((text) => {
      text.setPlaceholder("2024").setValue(this.values.year === null ? "" : String(this.values.year))
        .onChange((v) => { this.yearText = v; });
      text.inputEl.inputMode = "numeric";
    });
    this.errorEl = contentEl.createDiv({ cls: "uca-form-error", attr: { role: "alert" } });
    new Setting(contentEl).addButton((button) => {
      this.submitButton = button;
      button.setButtonText("Add article").setCta().onClick(() => { void this.submit(); });
    });
    // A message about what was wrong goes once the user changes something.
    contentEl.addEventListener("input", () => this.showError(""));
    contentEl.addEventListener("keydown", (evt) => {
      if (evt.key !== "Enter" || evt.isComposing || evt.defaultPrevented || evt.shiftKey || evt.altKey || evt.ctrlKey || evt.metaKey) return;
      if (!(evt.target instanceof HTMLInputElement)) return;
      evt.preventDefault();
      void this.submit();
    });
    this.urlInput?.focus();
  }

  override onClose(): void {
    this.titleFetch?.detach();
    this.contentEl.empty();
  }

  private showError(message: string): void {
    this.errorEl?.setText(message);
  }

  /** Fetches the page's title without blocking the form; a second click while busy does nothing. */
  fetchTitle(): Promise<void> {
    return this.titleFetch?.run() ?? Promise.resolve();
  }

  /** Validates, adds, closes with a notice; on a problem the form stays open and says what it is. */
  async submit(): Promise<void> {
    if (this.working) return;
    const canonical = canonicalUrl(this.values.url);
    if (!canonical.ok) { this.showError(canonical.message); return; }
    const yearText = (this.yearText ?? (this.values.year === null ? "" : String(this.values.year))).trim();
    if (yearText !== "" && !/^\d{4}$/.test(yearText)) { this.showError("The year must be four digits, like 2024."); return; }
    this.values.year = yearText === "" ? null : Number(yearText);
    this.showError("");
    this.working = true;
    this.submitButton?.setDisabled(true);
    try {
      const added = await addArticleToAnalysis(this.services.ctx, this.analysis, {
        url: this.values.url.trim(), title: this.values.title, company: this.values.company, year: this.values.year,
      });
      new Notice(addedMessage(added, this.analysis));
      this.close();
    } catch (e) {
      this.showError(messageOf(e));
    } finally {
      this.working = false;
      this.submitButton?.setDisabled(false);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Suggesters

/** Fuzzy search over the vault's article notes by title, company and host. */
export class ArticlePickerModal extends FuzzySuggestModal<ArticleNoteInfo> {
  constructor(app: App, private readonly items: ArticleNoteInfo[], private readonly choose: (item: ArticleNoteInfo) => void) {
    super(app);
    this.setPlaceholder("Find an article by title, company or website");
    this.emptyStateText = "No article notes yet. Add one with \"Add article to this analysis\".";
  }

  getItems(): ArticleNoteInfo[] {
    return this.items;
  }

  getItemText(item: ArticleNoteInfo): string {
    return [item.facts.title ?? item.file.basename, item.facts.company, item.facts.host].filter((s) => s).join(" ");
  }

  override renderSuggestion(match: FuzzyMatch<ArticleNoteInfo>, el: HTMLElement): void {
    const { facts, file } = match.item;
    el.addClass("uca-article-suggestion");
    el.createDiv({ cls: "uca-article-suggestion-title", text: facts.title ?? file.basename });
    const details = [facts.company, facts.year === null ? null : String(facts.year), facts.host].filter((s): s is string => Boolean(s));
    if (details.length > 0) el.createEl("small", { cls: "uca-article-suggestion-details", text: details.join(" · ") });
  }

  onChooseItem(item: ArticleNoteInfo): void {
    this.choose(item);
  }
}

/** The analysis' linked articles, to pick one to unlink. */
export class LinkedArticleModal extends FuzzySuggestModal<TFile> {
  constructor(app: App, private readonly items: TFile[], private readonly choose: (file: TFile) => void) {
    super(app);
    this.setPlaceholder("Article to unlink from this analysis");
  }

  getItems(): TFile[] {
    return this.items;
  }

  getItemText(file: TFile): string {
    return file.basename;
  }

  onChooseItem(file: TFile): void {
    this.choose(file);
  }
}

// ---------------------------------------------------------------------------------------------
// Registration

function activeFile(app: App): TFile | null {
  return app.workspace.getActiveFile();
}

function openAddArticle(services: Services, analysis: TFile): void {
  const { app } = services.ctx;
  // The analysis' company is usually the article's; its year often is not (articles span years).
  const fm = app.metadataCache.getFileCache(analysis)?.frontmatter;
  const company = typeof fm?.company === "string" ? fm.company : "";
  new AddArticleModal(app, services, analysis, { company }).open();
}

async function linkChosen(ctx: AtlasContext, analysis: TFile, article: TFile): Promise<void> {
  try {
    const added = await linkExistingArticle(ctx, analysis, article);
    new Notice(addedMessage(added, analysis));
  } catch (e) {
    new Notice(messageOf(e));
  }
}

async function unlinkChosen(ctx: AtlasContext, analysis: TFile, article: TFile): Promise<void> {
  try {
    const result = await unlinkArticle(ctx, analysis, article);
    new Notice(result.changed ? `Unlinked "${article.basename}" from ${analysis.basename}. The article note stays.`
      : `"${article.basename}" was not linked from ${analysis.basename}; nothing changed.`);
  } catch (e) {
    new Notice(messageOf(e));
  }
}

async function openUnlink(ctx: AtlasContext, analysis: TFile): Promise<void> {
  const linked = await linkedArticles(ctx.app, analysis);
  if (linked.length === 0) { new Notice(`${analysis.basename} links no articles.`); return; }
  new LinkedArticleModal(ctx.app, linked, (file) => { void unlinkChosen(ctx, analysis, file); }).open();
}

async function fetchIntoActive(services: Services, article: TFile): Promise<void> {
  const notice = new Notice("Fetching the page title…", 0);
  try {
    const title = await fetchTitleIntoNote(services.ctx.app, article, services.httpGet, services.titleTimeoutMs);
    notice.hide();
    new Notice(`Title of ${article.basename} set to "${title}".`);
  } catch (e) {
    notice.hide();
    new Notice(messageOf(e));
  }
}

/** Remembers the last note text's list, since reading view asks once per rendered block. */
function listFinder(): (text: string) => UseCasesList | null {
  let lastText: string | null = null;
  let lastList: UseCasesList | null = null;
  return (text) => {
    if (text !== lastText) { lastText = text; lastList = findUseCasesList(text); }
    return lastList;
  };
}

/**
 * In reading view, an "Add article" button under an analysis' "Use Cases Analyzed" list (or
 * under its label when it has no list yet). Blocks whose position Obsidian cannot tell
 * (embeds, exports) get none.
 */
function addArticleButtons(services: Services): (el: HTMLElement, mdCtx: MarkdownPostProcessorContext) => void {
  const find = listFinder();
  return (el, mdCtx) => {
    const { app } = services.ctx;
    const file = fileAt(app, mdCtx.sourcePath);
    if (!file || !isAnalysisFile(app, file)) return;
    const info = mdCtx.getSectionInfo(el);
    if (!info) return;
    const list = find(info.text);
    if (!list) return;
    const lastLine = list.start >= 0 ? list.end - 1 : list.labelLine;
    if (lastLine < info.lineStart || lastLine > info.lineEnd) return;
    const bar = el.createDiv({ cls: "uca-add-article-bar" });
    const button = bar.createEl("button", { text: "Add article", cls: "uca-add-article-button", attr: { type: "button", "aria-label": `Add article to ${file.basename}` } });
    button.addEventListener("click", (evt) => {
      evt.preventDefault();
      openAddArticle(services, file);
    });
  };
}

/**
 * Registers the article commands, the reading-view button and the "Cited by" upkeep (started
 * when the layout is ready). Returns the upkeep so a caller (or a test) can wait for it.
 */
export function registerArticles(plugin: Plugin, ctx: AtlasContext, options: ArticleFeatureOptions = {}): CitedByMaintainer {
  const { app } = ctx;
  const services: Services = { ctx, httpGet: options.httpGet ?? obsidianHttpGet(), titleTimeoutMs: options.titleTimeoutMs };

  plugin.addCommand({
    id: "add-article",
    name: "Add article to this analysis",
    checkCallback: (checking) => {
      const file = activeFile(app);
      if (!file || !isAnalysisFile(app, file)) return false;
      if (!checking) openAddArticle(services, file);
      return true;
    },
  });
  plugin.addCommand({
    id: "link-existing-article",
    name: "Link existing article to this analysis",
    checkCallback: (checking) => {
      const file = activeFile(app);
      if (!file || !isAnalysisFile(app, file)) return false;
      if (!checking) {
        new ArticlePickerModal(app, listArticleNotes(app), (item) => { void linkChosen(ctx, file, item.file); }).open();
      }
      return true;
    },
  });
  plugin.addCommand({
    id: "unlink-article",
    name: "Unlink article from this analysis",
    checkCallback: (checking) => {
      const file = activeFile(app);
      if (!file || !isAnalysisFile(app, file)) return false;
      if (!checking) void openUnlink(ctx, file);
      return true;
    },
  });
  plugin.addCommand({
    id: "fetch-article-title",
    name: "Fetch title of this article",
    checkCallback: (checking) => {
      const file = activeFile(app);
      if (!file || !isArticleFile(app, file)) return false;
      if (!checking) void fetchIntoActive(services, file);
      return true;
    },
  });

  plugin.registerMarkdownPostProcessor(addArticleButtons(services));

  const maintainer = new CitedByMaintainer(app, { delayMs: options.citedByDelayMs ?? DEFAULT_CITED_BY_DELAY_MS });
  plugin.register(maintainer.follow(vaultIndexFor(plugin)));
  plugin.register(() => maintainer.stop());
  return maintainer;
}
