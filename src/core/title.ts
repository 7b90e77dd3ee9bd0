/**
 * A page's title for an article note: `og:title` first (what blogs set for sharing, without the
 * " | Company Blog" suffix `<title>` often carries), else `<title>`, else the first `<h1>`.
 * A small scanner, no DOM: the command-line tool uses it too. Fetching goes through an injected
 * `HttpGet` (Obsidian's `requestUrl` in the plugin, node:http in the CLI) and never throws.
 */
import { canonicalUrl } from "./url";

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
}

/** Fetches a URL (following redirects) or rejects; must give up after `timeoutMs`. */
export type HttpGet = (url: string, timeoutMs: number) => Promise<HttpResponse>;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " ", ndash: "–", mdash: "—", hellip: "…", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", copy: "©", reg: "®", trade: "™",
  eacute: "é", egrave: "è", aacute: "á", agrave: "à", iacute: "í", oacute: "ó", uacute: "ú", ntilde: "ñ", ccedil: "ç",
  auml: "ä", ouml: "ö", uuml: "ü", Auml: "Ä", Ouml: "Ö", Uuml: "Ü", szlig: "ß" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function clean(raw: string): string | null {
  const text = decodeEntities(raw.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

function metaContent(html: string, property: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const attrs: Record<string, string> = {};
    for (const m of tag.matchAll(/([a-z:_-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      attrs[m[1].toLowerCase()] = m[3] ?? m[4] ?? m[5] ?? "";
    }
    if ((attrs.property ?? attrs.name)?.toLowerCase() === property && attrs.content !== undefined) return attrs.content;
  }
  return null;
}

export function extractTitle(html: string): string | null {
  const og = metaContent(html, "og:title");
  if (og !== null && clean(og)) return clean(og);
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (title !== undefined && clean(title)) return clean(title);
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  return h1 !== undefined ? clean(h1) : null;
}

export type TitleResult = { ok: true; title: string } | { ok: false; message: string };

export async function fetchTitle(url: string, get: HttpGet, timeoutMs = 10000): Promise<TitleResult> {
  const canonical = canonicalUrl(url);
  if (!canonical.ok) return canonical;
  let response: HttpResponse;
  try {
    response = await get(url.trim(), timeoutMs);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/time/i.test(message)) return { ok: false, message: `No answer within ${Math.round(timeoutMs / 1000)} s — type the title instead.` };
    return { ok: false, message: `Could not reach the page (${message}) — type the title instead.` };
  }
  if (response.status < 200 || response.status >= 300) return { ok: false, message: `The page answered ${response.status} — type the title instead.` };
  const type = (response.headers["content-type"] ?? "").toLowerCase();
  if (type !== "" && !/html|xml/.test(type)) {
    const kind = /pdf/.test(type) ? "a PDF" : type.split(";")[0];
    return { ok: false, message: `That link is ${kind}, not a web page — type the title instead.` };
  }
  const title = extractTitle(response.text);
  return title ? { ok: true, title } : { ok: false, message: "The page has no title — type it instead." };
}
