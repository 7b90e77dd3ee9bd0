/**
 * Canonical article URLs: one article note per page, however the link was copied.
 *
 * Two links are the same article when they differ only in: scheme (http/https), host case,
 * a `www.` prefix, a default port, a trailing slash, a fragment, tracking parameters, the
 * order of the other query parameters, or the spelling of percent-escapes. Internationalised
 * hosts are written in punycode (the WHATWG `URL` parser does it; it is in browsers, Obsidian
 * mobile and Node alike, so this stays pure).
 */

export type UrlResult = { ok: true; url: string } | { ok: false; message: string };

/**
 * Query parameters that only say where a click came from.
 *
 * `ref`, `ref_src` and `source` are dropped on EVERY host, not only on known blog hosts: the
 * articles this plugin files are blog posts and write-ups, where these names carry the referrer
 * (`?ref=hn`, `?source=rss`, Medium's `?source=post_page---…`). A per-host list would miss
 * every self-hosted engineering blog, and the same post would then get two article notes.
 * The cost — a site that really selects content with `?source=` — is accepted: such a page is
 * not an article.
 */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|igshid|ref|ref_src|source)$/i;

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** A scheme before the first `:`, unless what follows is a port (`localhost:3000`, `example.com:8080/x`). */
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))/i;

/**
 * Decodes escapes of unreserved characters and upper-cases the hex digits of the rest; a `%` that
 * starts no escape is escaped itself (`%25`), as RFC 3986 writes it. Left as it was, it could start
 * an escape once the characters after it are decoded (`%%341` → `%41` → `A`): the canonical form
 * would change when made again.
 */
function normaliseEscapes(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})?/g, (_m, hex: string | undefined) => {
    if (hex === undefined) return "%25";
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

/** A query key as a form would read it, for matching tracking names and sorting. */
function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** The input as it may appear inside a message: one line, at most 60 characters. */
function quoted(raw: string): string {
  const line = raw.replace(/\s+/g, " ");
  return `"${line.length > 60 ? `${line.slice(0, 59)}…` : line}"`;
}

/**
 * Drops a leading `www.` when a real domain remains (`www.uber.com` → `uber.com`, but
 * `www.com` stays) and the trailing dot of a fully qualified name.
 */
function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "").replace(/^www\.(?=[^.]+\.)/, "");
}

/**
 * A link the URL parser would leave as it is but for case, `www.` and trailing slashes: http(s),
 * a host of plain ASCII labels (not a number, which the parser reads as an IPv4 address, nor
 * punycode, which it checks), a path of segments made of unreserved characters (no `.` or `..`
 * segment, no escape), nothing after. Most links are like this; they skip the parser (the use-case
 * library canonicalises 10,000 of them at once). Anything else takes the full way below.
 */
const SIMPLE = /^https?:\/\/((?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?)((?:\/[A-Za-z0-9\-_~]+(?:\.[A-Za-z0-9\-_~]*)*)*)\/*$/;
const NUMERIC_OR_PUNY_LABEL = /(?:^|\.)(?:xn--[^.]*|[0-9]+|0x[0-9a-f]*)\.?$|(?:^|\.)xn--/i;
/**
 * Such a link already in its canonical form (https, a lower-case host without a `www.` to drop or
 * a trailing dot, no trailing slash): its canonical form is itself, nothing to cut or join.
 */
const CANONICAL_ALREADY = /^https:\/\/(?!www\.[^.]+\.)(?:[a-z0-9-]+\.)*[a-z0-9-]+(?:\/[A-Za-z0-9\-_~]+(?:\.[A-Za-z0-9\-_~]*)*)*$/;

export function canonicalUrl(input: string): UrlResult {
  const raw = input.trim();
  if (raw === "") return { ok: false, message: "The article link is empty." };
  if (CANONICAL_ALREADY.test(raw)) {
    const hostEnd = raw.indexOf("/", 8);
    if (!NUMERIC_OR_PUNY_LABEL.test(hostEnd < 0 ? raw.slice(8) : raw.slice(8, hostEnd))) return { ok: true, url: raw };
  }
  const simple = SIMPLE.exec(raw);
  if (simple && !NUMERIC_OR_PUNY_LABEL.test(simple[1] ?? "")) {
    return { ok: true, url: `https://${bareHost(simple[1] ?? "")}${simple[2] ?? ""}` };
  }
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return { ok: false, message: `${quoted(raw)} is not a full web address: start it with https://` };
  }
  if (scheme !== "http" && scheme !== "https") {
    return { ok: false, message: `Only http and https links can be articles: ${quoted(raw)}` };
  }
  // A space in the host name is refused here, not left to the parser: Chromium's (Obsidian's)
  // makes `exa%20mple.com` of it where Node's refuses. One in a path is %20, as both do.
  if (/\s/.test(/^[^:]*:\/*([^/?#]*)/.exec(raw)?.[1] ?? "")) return { ok: false, message: `${quoted(raw)} is not a valid web address.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `${quoted(raw)} is not a valid web address.` };
  }
  const host = bareHost(url.hostname);
  if (host === "") return { ok: false, message: `${quoted(raw)} has no host name.` };

  // http and https of a page are one article, so 80 and 443 both mean "the default port"
  // whichever scheme the link was written with; any other port is a different server.
  const port = url.port === "" || url.port === "80" || url.port === "443" ? "" : `:${url.port}`;
  // The user name and password of `https://user:pass@host/` are dropped: never keep them in a note.
  let path = normaliseEscapes(url.pathname).replace(/\/+$/, "");
  if (path === "/") path = "";

  const params = url.search.replace(/^\?/, "").split("&").filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      const key = eq < 0 ? p : p.slice(0, eq);
      // `a=` and `a` say the same: the bare key is the canonical form. Sorted by the key as it is
      // written in the canonical form, so that making it again keeps the order.
      return { key: decodeKey(normaliseEscapes(key)), text: normaliseEscapes(eq === p.length - 1 ? key : p) };
    })
    .filter((p) => p.text !== "" && !TRACKING.test(p.key));
  // Array.prototype.sort is stable: parameters with equal keys keep their order (`a=2&a=1` is a list).
  params.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const query = params.length > 0 ? `?${params.map((p) => p.text).join("&")}` : "";
  return { ok: true, url: `https://${host}${port}${path}${query}` };
}

/**
 * The host to show a person: no scheme, no `www.`, no port, internationalised names in their
 * own script (`xn--bcher-kva.example` → `bücher.example`). "" when `url` is not a web address.
 */
export function urlHost(url: string): string {
  let hostname: string;
  try {
    hostname = new URL(url.trim()).hostname;
  } catch {
    return "";
  }
  return bareHost(hostname).split(".").map((label) => {
    if (!/^xn--/i.test(label)) return label;
    return decodePunycode(label.slice(4).toLowerCase()) ?? label;
  }).join(".");
}

// Punycode (RFC 3492) decoding, only for showing hosts; the URL parser does the encoding.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adaptBias(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0-9 → 26-35
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z → 0-25
  return BASE;
}

/** The Unicode label for a punycode label (without `xn--`), or null when it is not valid punycode. */
function decodePunycode(input: string): string | null {
  const delimiter = input.lastIndexOf("-");
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) output.push(input.charCodeAt(j));
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length;) {
    const before = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = digitValue(input.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(w)) return null;
    }
    const length = output.length + 1;
    bias = adaptBias(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
