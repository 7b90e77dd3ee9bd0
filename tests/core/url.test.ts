import fc from "fast-check";
import { domainToUnicode } from "node:url";
import { canonicalUrl, urlHost } from "../../src/core/url";
import { numRuns } from "../support/fast-check";

/** Input → canonical URL. */
const canonical: [string, string][] = [
  // Scheme, host case, www, ports.
  ["https://example.com/post", "https://example.com/post"],
  ["http://example.com/post", "https://example.com/post"],
  ["HTTPS://EXAMPLE.COM/Post", "https://example.com/Post"],
  ["HtTp://Example.Com/post", "https://example.com/post"],
  ["https://www.uber.com/blog/michelangelo", "https://uber.com/blog/michelangelo"],
  ["http://WWW.Uber.com/blog/michelangelo/", "https://uber.com/blog/michelangelo"],
  ["https://www.com/post", "https://www.com/post"],
  ["https://www2.example.com/post", "https://www2.example.com/post"],
  ["https://blog.www.example.com/post", "https://blog.www.example.com/post"],
  ["https://example.com:443/post", "https://example.com/post"],
  ["http://example.com:80/post", "https://example.com/post"],
  ["http://example.com:443/post", "https://example.com/post"],
  ["https://example.com:8443/post", "https://example.com:8443/post"],
  ["http://localhost:3000/draft", "https://localhost:3000/draft"],
  ["http://127.0.0.1:8080/x/", "https://127.0.0.1:8080/x"],
  ["https://[::1]:8443/x", "https://[::1]:8443/x"],
  ["https://example.com./post", "https://example.com/post"],
  ["https://user:secret@example.com/post", "https://example.com/post"],
  // Path: trailing slash, root, percent-escapes.
  ["https://example.com/post/", "https://example.com/post"],
  ["https://example.com/post///", "https://example.com/post"],
  ["https://example.com/", "https://example.com"],
  ["https://example.com", "https://example.com"],
  ["https://example.com/?page=2", "https://example.com?page=2"],
  ["https://example.com/a/./b/../c", "https://example.com/a/c"],
  ["https://example.com/%7Euser/post", "https://example.com/~user/post"],
  ["https://example.com/%7euser/%2D%2e%5F", "https://example.com/~user/-._"],
  ["https://example.com/a%2fb", "https://example.com/a%2Fb"],
  ["https://example.com/100%25", "https://example.com/100%25"],
  ["https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"],
  ["https://example.com/café", "https://example.com/caf%C3%A9"],
  ["https://example.com/a b", "https://example.com/a%20b"],
  ["https://example.com/Case/Matters", "https://example.com/Case/Matters"],
  // Fragment.
  ["https://example.com/post#section-2", "https://example.com/post"],
  ["https://example.com/post/#", "https://example.com/post"],
  ["https://example.com/post?page=2#top", "https://example.com/post?page=2"],
  // Tracking parameters.
  ["https://example.com/post?utm_source=news&utm_medium=email", "https://example.com/post"],
  ["https://example.com/post?UTM_Campaign=x&Utm_Content=y&utm_term=z&utm_id=1", "https://example.com/post"],
  ["https://example.com/post?fbclid=abc", "https://example.com/post"],
  ["https://example.com/post?gclid=1&dclid=2&msclkid=3", "https://example.com/post"],
  ["https://example.com/post?mc_cid=1&mc_eid=2", "https://example.com/post"],
  ["https://example.com/post?_hsenc=1&_hsmi=2&mkt_tok=3", "https://example.com/post"],
  ["https://example.com/post?igshid=x&FBCLID=y", "https://example.com/post"],
  ["https://example.com/post?ref=homepage", "https://example.com/post"],
  ["https://example.com/post?ref_src=twsrc%5Etfw", "https://example.com/post"],
  ["https://example.com/post?source=rss", "https://example.com/post"],
  ["https://medium.com/@team/post-1a2b?source=post_page---", "https://medium.com/@team/post-1a2b"],
  ["https://example.com/post?utm_%73ource=x", "https://example.com/post"],
  ["https://example.com/post?referrer=x&sources=y&utm=z", "https://example.com/post?referrer=x&sources=y&utm=z"],
  // Other parameters: kept, sorted by key, equal keys in their order.
  ["https://example.com/post?b=2&a=1", "https://example.com/post?a=1&b=2"],
  ["https://example.com/post?b=2&utm_source=x&a=1", "https://example.com/post?a=1&b=2"],
  ["https://example.com/post?a=2&a=1", "https://example.com/post?a=2&a=1"],
  ["https://example.com/post?z=1&a=2&z=0&a=1", "https://example.com/post?a=2&a=1&z=1&z=0"],
  ["https://example.com/watch?v=Ab_C-d", "https://example.com/watch?v=Ab_C-d"],
  ["https://example.com/q?x=%41%42&y=%2f", "https://example.com/q?x=AB&y=%2F"],
  // A `%` that starts no escape is escaped, and keys sort as the canonical form writes them: made again, the form stays.
  ["https://example.com/%%341", "https://example.com/%2541"],
  ["https://example.com/100%", "https://example.com/100%25"],
  ["https://example.com?@=&%41%=", "https://example.com?@&A%25"],
  ["https://example.com/post?", "https://example.com/post"],
  ["https://example.com/post?&&", "https://example.com/post"],
  ["https://example.com/post?flag", "https://example.com/post?flag"],
  ["https://example.com/post?flag=", "https://example.com/post?flag"],
  // Internationalised hosts.
  ["https://bücher.example/artikel", "https://xn--bcher-kva.example/artikel"],
  ["https://BÜCHER.example/artikel", "https://xn--bcher-kva.example/artikel"],
  ["https://例え.jp/記事", "https://xn--r8jz45g.jp/%E8%A8%98%E4%BA%8B"],
  ["https://www.xn--bcher-kva.example/", "https://xn--bcher-kva.example"],
  // White space around the link.
  ["  https://example.com/post  ", "https://example.com/post"],
  ["\thttps://example.com/post\n", "https://example.com/post"],
];

/** Input → a phrase its message must contain. */
const refused: [string, string][] = [
  ["", "The article link is empty."],
  ["   ", "The article link is empty."],
  ["javascript:alert(1)", "Only http and https links can be articles: \"javascript:alert(1)\""],
  ["JavaScript:alert(1)", "Only http and https links can be articles"],
  ["data:text/html,<b>x</b>", "Only http and https links can be articles: \"data:text/html,<b>x</b>\""],
  ["file:///etc/passwd", "Only http and https links can be articles: \"file:///etc/passwd\""],
  ["mailto:a@example.com", "Only http and https links can be articles"],
  ["ftp://example.com/x", "Only http and https links can be articles"],
  ["obsidian://open?vault=x", "Only http and https links can be articles"],
  ["/relative/path", "\"/relative/path\" is not a full web address: start it with https://"],
  ["../post", "start it with https://"],
  ["//example.com/post", "start it with https://"],
  ["example.com/post", "start it with https://"],
  ["example.com:8080/post", "start it with https://"],
  ["localhost:3000", "start it with https://"],
  ["just some words", "start it with https://"],
  ["https://", "\"https://\" is not a valid web address."],
  ["http://exa mple.com", "is not a valid web address."],
  ["https://exa mple.com/post", "\"https://exa mple.com/post\" is not a valid web address."],
  ["https://example.com\t/post", "is not a valid web address."],
  ["https://user name@example.com/", "is not a valid web address."],
  ["https://exa<mple.com/", "is not a valid web address."],
  ["http://[::1/", "is not a valid web address."],
  ["https://example.com:99999/", "is not a valid web address."],
  [`javascript:${"x".repeat(200)}`, `"javascript:${"x".repeat(48)}…"`],
];

describe("canonicalUrl", () => {
  it.each(canonical)("%j → %s", (input, url) => {
    expect(canonicalUrl(input)).toEqual({ ok: true, url });
  });

  it.each(refused)("refuses %j", (input, phrase) => {
    const r = canonicalUrl(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(phrase);
  });

  it("has a table of at least 40 cases", () => {
    expect(canonical.length + refused.length).toBeGreaterThanOrEqual(40);
  });

  it("gives one canonical URL for the copies of one page", () => {
    const copies = [
      "https://www.uber.com/en-US/blog/michelangelo/?utm_source=twitter#intro",
      "http://uber.com/en-US/blog/michelangelo",
      "HTTPS://UBER.COM:443/en-US/blog/michelangelo/?ref=hn&fbclid=1",
      "https://uber.com/en%2DUS/blog/michelangelo",
    ];
    expect(new Set(copies.map((u) => JSON.stringify(canonicalUrl(u))))).toEqual(new Set([
      JSON.stringify({ ok: true, url: "https://uber.com/en-US/blog/michelangelo" }),
    ]));
  });
});

describe("canonicalUrl, generated links", () => {
  const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true });
  const trackingKey = fc.constantFrom("utm_source", "utm_medium", "UTM_Campaign", "fbclid", "gclid", "mc_eid", "_hsenc", "igshid", "ref", "ref_src", "source");
  /** The canonical form of `u`, with the test skipped (not failed) for the rare generated link the parser refuses. */
  const base = (u: string): string | null => {
    const r = canonicalUrl(u);
    return r.ok ? r.url : null;
  };
  const runs = numRuns(400);

  it("accepts every generated web address", () => {
    fc.assert(fc.property(webUrl, (u) => {
      expect(canonicalUrl(u).ok).toBe(true);
    }), runs);
  });

  it("is idempotent", () => {
    fc.assert(fc.property(webUrl, (u) => {
      const once = base(u);
      if (once === null) return;
      expect(canonicalUrl(once)).toEqual({ ok: true, url: once });
    }), numRuns(500));
  });

  it("is idempotent on hand-mangled links too", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@ -]{0,8}$/);
    fc.assert(fc.property(fc.array(segment, { maxLength: 4 }), fc.array(fc.tuple(segment, segment), { maxLength: 4 }), (path, query) => {
      const u = `https://example.com/${path.join("/")}?${query.map(([k, v]) => `${k}=${v}`).join("&")}`;
      const once = base(u);
      if (once === null) return;
      expect(canonicalUrl(once)).toEqual({ ok: true, url: once });
    }), numRuns(500));
  });

  it("always gives an https URL without fragment, tracking parameter or trailing slash", () => {
    fc.assert(fc.property(webUrl, (u) => {
      const once = base(u);
      if (once === null) return;
      const parsed = new URL(once);
      expect(parsed.protocol).toBe("https:");
      expect(once).not.toContain("#");
      expect(once.split("?")[0]).not.toMatch(/\/$/);
      expect(parsed.hostname).not.toMatch(/^www\.[^.]+\./);
      for (const key of parsed.searchParams.keys()) expect(key).not.toMatch(/^(utm_|fbclid$|gclid$|ref$|source$)/i);
    }), runs);
  });

  it("ignores added tracking parameters", () => {
    fc.assert(fc.property(webUrl, trackingKey, fc.string({ maxLength: 8 }), (u, key, value) => {
      const expected = base(u);
      if (expected === null) return;
      const url = new URL(u);
      // Appended as text: URLSearchParams would re-encode the existing parameters too.
      url.search = `${url.search}${url.search.length > 1 ? "&" : "?"}${key}=${encodeURIComponent(value)}`;
      expect(base(url.href)).toBe(expected);
    }), runs);
  });

  it("ignores a fragment", () => {
    fc.assert(fc.property(webUrl, fc.string({ maxLength: 12 }), (u, fragment) => {
      const expected = base(u);
      if (expected === null) return;
      const url = new URL(u);
      url.hash = fragment;
      expect(base(url.href)).toBe(expected);
    }), runs);
  });

  it("ignores a trailing slash", () => {
    fc.assert(fc.property(webUrl, (u) => {
      const expected = base(u);
      if (expected === null) return;
      const url = new URL(u);
      url.pathname = `${url.pathname}/`;
      expect(base(url.href)).toBe(expected);
    }), runs);
  });

  it("ignores the case of the host, a www. prefix, the scheme and a default port", () => {
    fc.assert(fc.property(webUrl, fc.boolean(), fc.constantFrom("http:", "https:"), fc.constantFrom("", "80", "443"), (u, www, scheme, port) => {
      const expected = base(u);
      if (expected === null) return;
      const url = new URL(u);
      if (url.port !== "") return; // a non-default port is part of the address
      url.hostname = `${www && !/^www\./i.test(url.hostname) ? "WWW." : ""}${url.hostname.toUpperCase()}`;
      url.protocol = scheme;
      url.port = port;
      expect(base(url.href)).toBe(expected);
    }), runs);
  });

  it("ignores the order of differently named parameters", () => {
    const key = fc.stringMatching(/^[a-z]{1,6}$/).filter((k) => !/^(ref|source)$/.test(k));
    const params = fc.uniqueArray(fc.tuple(key, fc.stringMatching(/^[a-z0-9]{0,4}$/)), { selector: ([k]) => k, maxLength: 6 });
    fc.assert(fc.property(params, fc.func(fc.integer()), (list, order) => {
      const text = (l: [string, string][]): string => `https://example.com/p?${l.map(([k, v]) => `${k}=${v}`).join("&")}`;
      const shuffled = [...list].sort((a, b) => order(a[0]) - order(b[0]));
      expect(base(text(shuffled))).toBe(base(text(list)));
    }), runs);
  });
});

describe("urlHost", () => {
  it.each([
    ["https://www.engineering.example.com/x", "engineering.example.com"],
    ["https://WWW.Uber.com:8443/blog", "uber.com"],
    ["http://www.com/", "www.com"],
    ["https://example.com./post", "example.com"],
    ["https://xn--bcher-kva.example/artikel", "bücher.example"],
    ["https://bücher.example/artikel", "bücher.example"],
    ["https://www.例え.jp/記事", "例え.jp"],
    ["https://xn--zz-zz.example/", ""], // invalid punycode: the URL parser refuses it
    ["  https://example.com  ", "example.com"],
    ["not a url", ""],
    ["", ""],
  ])("%j → %j", (url, host) => {
    expect(urlHost(url)).toBe(host);
  });

  it("decodes internationalised hosts as Node's own decoder does", () => {
    const label = fc.string({ unit: fc.constantFrom(..."abcxyz0129-äöüßéèçñåøæœ€ıİ日本語例えбдждщ中文한국어αβγ"), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(label, (l) => {
      let href: string;
      try {
        href = new URL(`https://${l}.example/`).href;
      } catch {
        return; // not a valid host label
      }
      const hostname = new URL(href).hostname;
      if (/^www\./.test(hostname)) return;
      expect(urlHost(href)).toBe(domainToUnicode(hostname));
    }), numRuns(500));
  });
});
