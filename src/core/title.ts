/**
 * A page's title for an article note, and fetching it without ever throwing.
 *
 * Priority: `og:title` first — what blogs set for sharing, usually without the
 * " | Company Engineering Blog" suffix their `<title>` carries — else `<title>`, else the first
 * `<h1>`. A small scanner, no DOM: the command-line tool uses it too. Fetching goes through an
 * injected `HttpGet` (Obsidian's `requestUrl` in the plugin, node:http in the CLI).
 */
import { WINDOWS_1252_C1 } from "./html-bytes";
import { canonicalUrl } from "./url";

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
}

/** Fetches a URL (following redirects) or rejects; must give up after `timeoutMs`, rejecting with `HttpTimeoutError`. */
export type HttpGet = (url: string, timeoutMs: number) => Promise<HttpResponse>;

/** What an `HttpGet` rejects with when the page did not answer in time. */
export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${seconds(timeoutMs)}`);
    this.name = "HttpTimeoutError";
  }
}

export const DEFAULT_TITLE_TIMEOUT_MS = 10000;

// ---------------------------------------------------------------------------------------------
// Entities

/** Latin-1 names for U+00A0 … U+00FF, in order. */
const LATIN1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 " +
  "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig " +
  "Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave " +
  "Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave " +
  "iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml").split(" ");

const ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'",
  ndash: "–", mdash: "—", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„",
  hellip: "…", bull: "•", trade: "™", euro: "€", dagger: "†", Dagger: "‡", permil: "‰", lsaquo: "‹", rsaquo: "›",
  minus: "−", larr: "←", rarr: "→", harr: "↔", hearts: "♥", check: "✓", star: "☆",
  ensp: " ", emsp: " ", thinsp: " ", zwnj: "", zwj: "", lrm: "", rlm: "",
  OElig: "Œ", oelig: "œ", Scaron: "Š", scaron: "š", Yuml: "Ÿ", fnof: "ƒ", circ: "ˆ", tilde: "˜",
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", lambda: "λ", mu: "μ", pi: "π", sigma: "σ", Sigma: "Σ",
};
LATIN1.forEach((name, i) => { ENTITIES[name] = String.fromCharCode(0xa0 + i); });

function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,8}|#\d{1,9}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] !== "#") return ENTITIES[body] ?? ENTITIES[body.toLowerCase()] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // &#146; and friends: windows-1252 smart quotes, common on old blogs (HTML spec).
    if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80];
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
    return String.fromCodePoint(code);
  });
}

// ---------------------------------------------------------------------------------------------
// Scanning

/** One line of visible text: entities decoded, control and zero-width characters gone, white space collapsed. */
function clean(raw: string): string | null {
  const text = decodeEntities(raw)
    // eslint-disable-next-line no-control-regex -- control characters never belong in a title
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f\u200b\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text === "" ? null : text;
}

/**
 * The page without what a reader never sees as the page's title: comments, scripts, styles,
 * templates and inline SVG (whose `<title>` is an icon's tooltip).
 */
function visible(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/<(script|style|template|svg)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, " ");
}

/** Start tags, with quoted attribute values that may hold `>`. */
const META_TAG = /<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

function metaContent(html: string, property: string): string | null {
  for (const tag of html.match(META_TAG) ?? []) {
    const attrs = new Map<string, string>();
    for (const m of tag.slice(5).matchAll(ATTRIBUTE)) {
      const name = m[1].toLowerCase();
      if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? "");
    }
    // RDFa allows several space-separated properties: property="og:title twitter:title".
    const names = `${attrs.get("property") ?? ""} ${attrs.get("name") ?? ""}`.toLowerCase().split(/\s+/);
    const content = attrs.get("content");
    if (names.includes(property) && content !== undefined) return content;
  }
  return null;
}

const INLINE_PAIR = /<(i|em|b|strong|u|s|code|mark|small|sup|sub|span)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;

/**
 * `<title>` and attribute values are plain text in HTML: `Why <div> soup is bad` is a title
 * with those characters, and `&lt;b&gt;` is one with `<b>` in it. But CMSs leak a heading's
 * inline markup into `<title>` and `og:title` unescaped (`Ranking <i>fast</i>`), where the author
 * meant formatting: a PAIRED inline tag is dropped, keeping its text; anything else stays.
 */
function withoutInlinePairs(text: string): string {
  let out = text;
  for (let previous = ""; previous !== out;) {
    previous = out;
    out = out.replace(INLINE_PAIR, "$2");
  }
  return out;
}

/** Inline markup inside a heading joins its text; line breaks and blocks separate words. */
function headingText(inner: string): string {
  return inner
    .replace(/<(?:br|p|div|li|tr|td|th|h[1-6])\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, "");
}

/**
 * The page's title, or null when it has none. `og:title`, else `<title>` (plain text: in HTML a
 * `<b>` inside a title is literally those characters), else the first `<h1>` without its tags.
 */
export function extractTitle(html: string): string | null {
  const page = visible(html);
  const og = metaContent(page, "og:title");
  const fromOg = og === null ? null : clean(withoutInlinePairs(og));
  if (fromOg !== null) return fromOg;
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(page)?.[1];
  const fromTitle = title === undefined ? null : clean(withoutInlinePairs(title));
  if (fromTitle !== null) return fromTitle;
  const h1 = /<h1\b(?:[^>"']|"[^"]*"|'[^']*')*>([\s\S]*?)<\/h1\s*>/i.exec(page)?.[1];
  return h1 === undefined ? null : clean(headingText(h1));
}

// ---------------------------------------------------------------------------------------------
// Fetching

export type TitleResult = { ok: true; title: string } | { ok: false; message: string };

const TYPE_IT = "type the title instead.";

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}

function statusHint(status: number): string {
  if (status === 401 || status === 403) return " (the site refused: it may need a login)";
  if (status === 404 || status === 410) return " (no such page)";
  if (status === 429) return " (too many requests: try again later)";
  if (status >= 500) return " (a server error)";
  if (status >= 300 && status < 400) return " (a redirect that was not followed)";
  return "";
}

/** `a PDF`, `an image` … for a content type that is not a web page. */
function whatKind(mime: string): string {
  if (mime === "application/pdf") return "a PDF";
  if (mime.startsWith("image/")) return "an image";
  if (mime.startsWith("video/")) return "a video";
  if (mime.startsWith("audio/")) return "an audio file";
  if (mime === "application/json" || mime.endsWith("+json")) return "JSON data";
  if (/^application\/(rss|atom)\+xml$/.test(mime)) return "a feed";
  if (/zip|gzip|tar|octet-stream/.test(mime)) return "a download";
  return `a "${mime}" file`;
}

function isWebPage(mime: string, text: string): boolean {
  if (mime === "" || mime === "text/html" || mime === "application/xhtml+xml") return true;
  // Some servers label every page text/plain; trust the page when it says it is HTML.
  return mime === "text/plain" && /^\s*<(!doctype\s+html|html)\b/i.test(text);
}

function header(headers: Record<string, string> | undefined, name: string): string {
  if (!headers) return "";
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? "" : String(headers[key]);
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" ? `${e.message} ${code}` : e.message;
  }
  try {
    return String(e);
  } catch {
    return ""; // a rejection that cannot be made text: an object without a callable toString
  }
}

/** A person's words for why the page could not be reached. */
function failureMessage(e: unknown, host: string, timeoutMs: number): string {
  const text = errorText(e);
  const name = e instanceof Error ? e.name : "";
  if (e instanceof HttpTimeoutError || name === "TimeoutError" || /timed? ?out|ETIMEDOUT/i.test(text)) {
    return `No answer within ${seconds(timeoutMs)} — ${TYPE_IT}`;
  }
  if (/ENOTFOUND|EAI_AGAIN|NAME_NOT_RESOLVED/i.test(text)) return `Could not find the site ${host}: check the link, or ${TYPE_IT}`;
  if (/ECONNREFUSED|CONNECTION_REFUSED/i.test(text)) return `${host} refused the connection — ${TYPE_IT}`;
  if (/INTERNET_DISCONNECTED|ENETUNREACH|NETWORK_CHANGED/i.test(text)) return `No network connection — ${TYPE_IT}`;
  if (/CERT|SSL|TLS/i.test(text)) return `${host} has a security certificate that could not be trusted — ${TYPE_IT}`;
  const detail = text.trim().replace(/\s+/g, " ").slice(0, 120);
  return `Could not reach the page${detail === "" ? "" : ` (${detail})`} — ${TYPE_IT}`;
}

/**
 * The title of the page at `url`, or a message saying why there is none: a link that is not
 * http(s), no answer in time, an unreachable site, an error status, something that is not a web
 * page (a PDF, an image …), or a page without a title. Never throws.
 */
export async function fetchTitle(url: string, get: HttpGet, timeoutMs = DEFAULT_TITLE_TIMEOUT_MS): Promise<TitleResult> {
  const canonical = canonicalUrl(url);
  if (!canonical.ok) return canonical;
  const host = new URL(canonical.url).host;
  let response: HttpResponse;
  try {
    // The link as given (not the canonical form): a site that only speaks http must still answer.
    response = await get(url.trim(), timeoutMs);
  } catch (e) {
    return { ok: false, message: failureMessage(e, host, timeoutMs) };
  }
  try {
    const status = Number(response.status);
    if (!(status >= 100 && status < 600)) return { ok: false, message: `The page gave no valid answer — ${TYPE_IT}` };
    if (status < 200 || status >= 300) return { ok: false, message: `The page answered ${status}${statusHint(status)} — ${TYPE_IT}` };
    const text = typeof response.text === "string" ? response.text : "";
    const mime = header(response.headers, "content-type").split(";")[0].trim().toLowerCase();
    if (!isWebPage(mime, text)) return { ok: false, message: `That link is ${whatKind(mime)}, not a web page — ${TYPE_IT}` };
    const title = extractTitle(text);
    return title === null ? { ok: false, message: `The page has no title — ${TYPE_IT}` } : { ok: true, title };
  } catch (e) {
    // Only a broken HttpGet gets here (a response without the promised shape).
    return { ok: false, message: `Could not read the page (${errorText(e).trim()}) — ${TYPE_IT}` };
  }
}
