import fc from "fast-check";
import { canonicalUrl, urlHost } from "../../src/core/url";

const ok: [string, string][] = [
  ["https://example.com/post", "https://example.com/post"],
  ["http://example.com/post", "https://example.com/post"],
  ["HTTPS://EXAMPLE.COM/Post", "https://example.com/Post"],
  ["https://www.example.com/post", "https://example.com/post"],
  ["https://WWW.Example.com/post", "https://example.com/post"],
  ["https://example.com:443/post", "https://example.com/post"],
  ["http://example.com:80/post", "https://example.com/post"],
  ["https://example.com:8443/post", "https://example.com:8443/post"],
  ["https://example.com/post/", "https://example.com/post"],
  ["https://example.com/post///", "https://example.com/post"],
  ["https://example.com/", "https://example.com"],
  ["https://example.com", "https://example.com"],
  ["https://example.com/post#section-2", "https://example.com/post"],
  ["https://example.com/post?utm_source=news&utm_medium=email", "https://example.com/post"],
  ["https://example.com/post?UTM_Campaign=x", "https://example.com/post"],
  ["https://example.com/post?fbclid=abc", "https://example.com/post"],
  ["https://example.com/post?gclid=1&dclid=2&msclkid=3", "https://example.com/post"],
  ["https://example.com/post?mc_cid=1&mc_eid=2", "https://example.com/post"],
  ["https://example.com/post?_hsenc=1&_hsmi=2&mkt_tok=3", "https://example.com/post"],
  ["https://example.com/post?igshid=x", "https://example.com/post"],
  ["https://example.com/post?ref=homepage", "https://example.com/post"],
  ["https://example.com/post?ref_src=twsrc", "https://example.com/post"],
  ["https://example.com/post?source=rss", "https://example.com/post"],
  ["https://example.com/post?b=2&a=1", "https://example.com/post?a=1&b=2"],
  ["https://example.com/post?b=2&utm_source=x&a=1", "https://example.com/post?a=1&b=2"],
  ["https://example.com/post?a=2&a=1", "https://example.com/post?a=2&a=1"],
  ["https://example.com/post?page=2#top", "https://example.com/post?page=2"],
  ["https://example.com/%7Euser/post", "https://example.com/~user/post"],
  ["https://example.com/a%2fb", "https://example.com/a%2Fb"],
  ["https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"],
  ["https://example.com/café", "https://example.com/caf%C3%A9"],
  ["https://example.com/q?x=%41%42", "https://example.com/q?x=AB"],
  ["https://bücher.example/artikel", "https://xn--bcher-kva.example/artikel"],
  ["https://例え.jp/記事", "https://xn--r8jz45g.jp/%E8%A8%98%E4%BA%8B"],
  ["  https://example.com/post  ", "https://example.com/post"],
  ["https://example.com./post", "https://example.com/post"],
  ["https://user:secret@example.com/post", "https://example.com/post"],
  ["https://eng.example.com/blog/2024/05/hybrid-search", "https://eng.example.com/blog/2024/05/hybrid-search"],
  ["https://medium.example/@team/post-1a2b?source=post_page", "https://medium.example/@team/post-1a2b"],
  ["https://example.com/post?", "https://example.com/post"],
  ["https://example.com/post?flag", "https://example.com/post?flag"],
];

const refused: [string, string][] = [
  ["", "empty"],
  ["   ", "empty"],
  ["javascript:alert(1)", "not \"javascript:\""],
  ["data:text/html,<b>x</b>", "not \"data:\""],
  ["file:///etc/passwd", "not \"file:\""],
  ["mailto:a@example.com", "not \"mailto:\""],
  ["ftp://example.com/x", "not \"ftp:\""],
  ["/relative/path", "start it with https://"],
  ["example.com/post", "start it with https://"],
  ["https://", "not a valid web address"],
  ["http://exa mple.com", "not a valid web address"],
];

describe("canonicalUrl", () => {
  it.each(ok)("%s → %s", (input, canonical) => {
    expect(canonicalUrl(input)).toEqual({ ok: true, url: canonical });
  });

  it.each(refused)("refuses %j (%s)", (input, message) => {
    const r = canonicalUrl(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it("has a table of at least 40 cases", () => {
    expect(ok.length + refused.length).toBeGreaterThanOrEqual(40);
  });

  const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true });

  it("is idempotent", () => {
    fc.assert(fc.property(webUrl, (u) => {
      const once = canonicalUrl(u);
      if (!once.ok) return;
      expect(canonicalUrl(once.url)).toEqual(once);
    }), { numRuns: 1000 });
  });

  it("ignores tracking parameters, fragments, trailing slashes, host case, www and http", () => {
    fc.assert(fc.property(webUrl, fc.string({ maxLength: 8 }), fc.constantFrom("utm_source", "fbclid", "ref"), (u, value, key) => {
      const base = canonicalUrl(u);
      if (!base.ok) return;
      const url = new URL(u);
      // Appended as text: URLSearchParams would re-encode the existing parameters too.
      url.search = `${url.search}${url.search.length > 1 ? "&" : "?"}${key}=${encodeURIComponent(value || "x")}`;
      url.hash = "frag";
      url.hostname = `WWW.${url.hostname.toUpperCase()}`;
      url.protocol = "http:";
      if (!url.pathname.endsWith("/")) url.pathname += "/";
      expect(canonicalUrl(url.href)).toEqual(base);
    }), { numRuns: 500 });
  });
});

describe("urlHost", () => {
  it("shows the host without www", () => {
    expect(urlHost("https://www.engineering.example.com/x")).toBe("engineering.example.com");
    expect(urlHost("not a url")).toBe("");
  });
});
