/**
 * Canonical article URLs: one article note per page, however the link was copied.
 *
 * Two links are the same article when they differ only in: scheme (http/https), host case,
 * a `www.` prefix, a default port, a trailing slash, a fragment, tracking parameters, the
 * order of the other query parameters, or the spelling of percent-escapes. Internationalised
 * hosts are written in punycode (the WHATWG URL parser does it; it is in browsers, Obsidian
 * mobile and Node alike, so this stays pure).
 */

export type UrlResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * Query parameters that only say where a click came from. `ref`, `ref_src` and `source` are
 * dropped on every host, not just known blogs: engineering blogs use them for newsletters and
 * feeds, and an article page never needs them to show the article.
 */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|igshid|ref|ref_src|source)$/i;

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes escapes of unreserved characters and upper-cases the hex digits of the rest. */
function normaliseEscapes(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

export function canonicalUrl(input: string): UrlResult {
  const raw = input.trim();
  if (raw === "") return { ok: false, message: "The article link is empty." };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https") {
    return { ok: false, message: `Only http and https links can be articles, not "${scheme}:" links.` };
  }
  if (!scheme) return { ok: false, message: `"${raw}" is not a full web address: start it with https://` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `"${raw}" is not a valid web address.` };
  }
  if (url.hostname === "") return { ok: false, message: `"${raw}" has no host name.` };

  const host = url.hostname.toLowerCase().replace(/^www\./, "").replace(/\.$/, "");
  const port = url.port === "" || url.port === "80" || url.port === "443" ? "" : `:${url.port}`;
  let path = normaliseEscapes(url.pathname).replace(/\/+$/, "");
  if (path === "/") path = "";

  const params = url.search.replace(/^\?/, "").split("&").filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      const key = eq < 0 ? p : p.slice(0, eq);
      // `a=` and `a` say the same: the bare key is the canonical form.
      return { key: decodeKey(key), text: normaliseEscapes(eq === p.length - 1 ? key : p) };
    })
    .filter((p) => p.text !== "" && !TRACKING.test(p.key));
  params.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)); // stable: equal keys keep their order
  const query = params.length > 0 ? `?${params.map((p) => p.text).join("&")}` : "";
  return { ok: true, url: `https://${host}${port}${path}${query}` };
}

/** The host to show a person: no scheme, no `www.`. */
export function urlHost(url: string): string {
  try {
    return new URL(url.trim()).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}
