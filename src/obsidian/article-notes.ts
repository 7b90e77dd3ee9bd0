/**
 * One article note per web address, as note creation needs it. Same signature as the article
 * feature's `ensureArticleNote` (src/obsidian/articles.ts on branch `articles`); until that lands
 * this finds an existing note by its canonical `url` property and otherwise creates one in the
 * articles folder. When it lands, creation imports that one and this file goes.
 */
import { type App, TFile } from "obsidian";
import { checkName, uniquePath } from "../core/filename";
import { ARTICLE_TYPE } from "../core/study";
import { canonicalUrl } from "../core/url";
import { editFrontmatter, type ManagedValue } from "../core/yaml-edit";
import type { AtlasContext } from "./context";
import { ensureFolder, folderSetting, pathTaken } from "./vault-files";

export interface ArticleRequest {
  url: string;
  title?: string | null;
  company?: string | null;
  year?: number | null;
}

export interface EnsuredArticle {
  file: TFile;
  /** False when a note for the same canonical URL was already there. */
  created: boolean;
  /** Names of the analyses citing it (not tracked here: always empty). */
  citedBy: string[];
}

/** Notes made in this session whose frontmatter the metadata cache may not have read yet. */
const recentlyCreated = new WeakMap<App, Map<string, string>>();

function articleUrlOf(app: App, file: TFile): string | null {
  const fm = app.metadataCache.getFileCache(file)?.frontmatter;
  if (fm?.type !== ARTICLE_TYPE || typeof fm.url !== "string") return null;
  const c = canonicalUrl(fm.url);
  return c.ok ? c.url : null;
}

export function findArticleNote(app: App, canonical: string): TFile | null {
  for (const file of app.vault.getMarkdownFiles()) if (articleUrlOf(app, file) === canonical) return file;
  const path = recentlyCreated.get(app)?.get(canonical);
  const recent = path ? app.vault.getAbstractFileByPath(path) : null;
  return recent instanceof TFile ? recent : null;
}

/** The name of a new article note: its title, else the address without the scheme. */
function articleName(request: ArticleRequest, canonical: string): string {
  const title = request.title?.trim() ?? "";
  const fromUrl = canonical.replace(/^https?:\/\//, "").replace(/\/$/, "");
  const named = checkName(title !== "" ? title : fromUrl, "article title");
  return named.ok ? named.name : "Article";
}

export async function ensureArticleNote(ctx: AtlasContext, request: ArticleRequest): Promise<EnsuredArticle> {
  const { app } = ctx;
  const canonical = canonicalUrl(request.url);
  if (!canonical.ok) throw new Error(canonical.message);
  const existing = findArticleNote(app, canonical.url);
  if (existing) return { file: existing, created: false, citedBy: [] };

  const set: Record<string, ManagedValue> = { type: ARTICLE_TYPE, url: canonical.url };
  const title = request.title?.trim();
  if (title) set.title = title;
  const company = request.company?.trim();
  if (company) set.company = company;
  if (typeof request.year === "number") set.year = request.year;
  const body = `# ${title || canonical.url}\n\n<${canonical.url}>\n`;
  const edited = editFrontmatter(body, { set });
  if (!edited.ok) throw new Error(edited.message);

  const folder = folderSetting(ctx.settings().articlesFolder);
  const name = articleName(request, canonical.url);
  await ensureFolder(app, folder);
  const path = uniquePath(folder === "" ? `${name}.md` : `${folder}/${name}.md`, (p) => pathTaken(app, p));
  const file = await app.vault.create(path, edited.text);
  let recent = recentlyCreated.get(app);
  if (!recent) { recent = new Map(); recentlyCreated.set(app, recent); }
  recent.set(canonical.url, file.path);
  return { file, created: true, citedBy: [] };
}
