import fc from "fast-check";
import { DEFAULT_TITLE_TIMEOUT_MS, extractTitle, fetchTitle, HttpTimeoutError, type HttpGet, type HttpResponse } from "../../src/core/title";
import { numRuns } from "../support/fast-check";

describe("extractTitle", () => {
  it.each<[string, string, string | null]>([
    // Which source wins.
    ["og:title only", `<meta property="og:title" content="Hybrid search at Instacart">`, "Hybrid search at Instacart"],
    ["og:title before <title>", `<head><title>Post | Eng Blog</title><meta property="og:title" content="The post"></head>`, "The post"],
    ["og:title before <h1>", `<meta property="og:title" content="Og"><h1>Heading</h1>`, "Og"],
    ["<title> before <h1>", "<title>Title</title><h1>Heading</h1>", "Title"],
    ["title only", "<html><head><title>Hybrid search at scale</title></head><body></body></html>", "Hybrid search at scale"],
    ["h1 only", "<body><h1>Feature stores</h1></body>", "Feature stores"],
    ["the first h1", "<h1>First</h1><h1>Second</h1>", "First"],
    // og:title spellings.
    ["attributes the other way round", `<meta content="Swapped" property="og:title">`, "Swapped"],
    ["single quotes", `<meta property='og:title' content='Single &amp; quoted'>`, "Single & quoted"],
    ["unquoted values", "<meta property=og:title content=Bare>", "Bare"],
    ["name= instead of property=", `<meta name="og:title" content="By name">`, "By name"],
    ["upper case", `<META PROPERTY="OG:TITLE" CONTENT="Loud">`, "Loud"],
    ["several properties", `<meta property="og:title twitter:title" content="Shared">`, "Shared"],
    ["a > inside the content", `<meta property="og:title" content="A > B: ranking"><title>Wrong</title>`, "A > B: ranking"],
    ["self-closing with other metas around", `<meta charset="utf-8"/><meta property="og:type" content="article"/><meta property="og:title" content="Right"/>`, "Right"],
    ["og:site_name is not og:title", `<meta property="og:site_name" content="Blog"><title>Post</title>`, "Post"],
    ["an empty og:title falls back", `<meta property="og:title" content=""><title>Fallback</title>`, "Fallback"],
    ["a blank og:title falls back", `<meta property="og:title" content=" &nbsp; "><title>Fallback</title>`, "Fallback"],
    ["og:title without content falls back", `<meta property="og:title"><title>Fallback</title>`, "Fallback"],
    // <title> and <h1> details.
    ["title with attributes", `<title data-rh="true">With attributes</title>`, "With attributes"],
    ["upper-case TITLE", "<TITLE>Upper</TITLE>", "Upper"],
    ["newlines and tabs collapsed", "<title>\n  Hybrid \t  search\r\n at scale </title>", "Hybrid search at scale"],
    ["an empty title falls back to h1", "<title> </title><h1>Heading</h1>", "Heading"],
    ["tags inside h1 stripped", `<h1 class="x">Big <em>news</em> <a href="/x">here</a></h1>`, "Big news here"],
    ["inline tags join words", "<h1>Open<b>AI</b></h1>", "OpenAI"],
    ["line breaks separate words", "<h1>Hybrid<br>search<br/>at scale</h1>", "Hybrid search at scale"],
    ["a > in an h1 attribute", `<h1 data-x="a>b">Heading</h1>`, "Heading"],
    ["an h1 with only an image", `<h1><img src="logo.png" alt="Logo"></h1>`, null],
    // Entities.
    ["named entities", "<title>Caf&eacute; &amp; R&amp;D &mdash; &ldquo;q&rdquo; &hellip;</title>", "Café & R&D — “q” …"],
    ["case of named entities", "<title>&Auml;&auml; &AMP; &Eacute;</title>", "Ää & É"],
    ["numeric entities", "<title>&#8220;q&#8221; &#x2014; &#X41;&#39;</title>", "“q” — A'"],
    ["windows-1252 references", "<title>It&#146;s &#147;fast&#148;</title>", "It’s “fast”"],
    ["invalid references", "<title>a&#0;b&#xD800;c</title>", "a\ufffdb\ufffdc"],
    ["unknown entities kept", "<title>&bogus; &amp</title>", "&bogus; &amp"],
    ["decoded once", "<title>&amp;amp; &amp;lt;</title>", "&amp; &lt;"],
    ["non-breaking spaces collapsed", "<title>A&nbsp;&nbsp; B\u00a0C</title>", "A B C"],
    ["entities in og:title", `<meta property="og:title" content="Tom &#38; Jerry&#x27;s &quot;AI&quot;">`, "Tom & Jerry's \"AI\""],
    // Characters that mean something in markdown or HTML stay as text.
    ["markdown characters", "<title>[[Not a link]] | *stars* _under_ #tag `code` ^block</title>", "[[Not a link]] | *stars* _under_ #tag `code` ^block"],
    ["escaped HTML", "<title>&lt;b&gt;bold&lt;/b&gt; tags</title>", "<b>bold</b> tags"],
    ["HTML inside <title> is text", "<title>Why <div> soup is bad</title>", "Why <div> soup is bad"],
    ["HTML inside og:title is text", `<meta property="og:title" content="Use <b> sparingly">`, "Use <b> sparingly"],
    ["leaked inline markup in <title> dropped", "<title>Ranking\n<i>fast</i> and <b><em>cheap</em></b> | [draft]</title>", "Ranking fast and cheap | [draft]"],
    ["leaked inline markup in og:title dropped", `<meta property="og:title" content="<span class='x'>Fast</span> search">`, "Fast search"],
    ["escaped markup stays text", "<title>&lt;i&gt;fast&lt;/i&gt;</title>", "<i>fast</i>"],
    ["an unpaired tag stays text", "<title>The <b> tag, and </i> alone</title>", "The <b> tag, and </i> alone"],
    // What a reader never sees.
    ["commented-out title", "<!-- <title>Old</title> --><title>New</title>", "New"],
    ["commented-out og:title", `<!--<meta property="og:title" content="Old">--><title>New</title>`, "New"],
    ["title text in a script", `<script>document.write("<title>x</title><h1>y</h1>")</script><title>Real</title>`, "Real"],
    ["an SVG icon's title", `<body><svg><title>Search icon</title></svg><h1>Post</h1></body>`, "Post"],
    ["control and zero-width characters", "<title>A\u200bB\u0007C\ufeff</title>", "ABC"],
    // Nothing usable.
    ["no title at all", "<html><body><p>no title</p></body></html>", null],
    ["an empty page", "", null],
    ["only white space", "<title>\n\t</title><h1> </h1>", null],
    ["plain text", "just some text", null],
    ["an unclosed title", "<title>Never closed", null],
  ])("%s", (_name, html, title) => {
    expect(extractTitle(html)).toBe(title);
  });

  it("gives one trimmed line or null for any text", () => {
    const html = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom("<title>", "</title>", "<h1>", "</h1>", `<meta property="og:title" content="`, `">`, "&amp;", "&#8220;", "&bogus;", "<b>", "\n", " ", "x", "<!--", "-->", "<script>"), { maxLength: 20 }).map((a) => a.join("")),
    );
    fc.assert(fc.property(html, (h) => {
      const t = extractTitle(h);
      if (t === null) return;
      expect(t).not.toBe("");
      expect(t).toBe(t.trim());
      expect(t).not.toMatch(/\s{2}|[\n\r\t]/);
    }), numRuns(2000));
  });
});

const response = (status: number, headers: Record<string, string>, text = ""): HttpGet =>
  () => Promise.resolve({ status, headers, text });
const html = (text: string, status = 200, type = "text/html; charset=utf-8"): HttpGet => response(status, { "content-type": type }, text);
// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an HttpGet may reject with anything; fetchTitle must cope
const failing = (error: unknown): HttpGet => () => Promise.reject(error);
const errorWithCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe("fetchTitle", () => {
  const TYPE_IT = "type the title instead.";
  it.each<[string, HttpGet, string]>([
    ["a page with a title", html("<title>T</title>"), "T"],
    ["a page with og:title", html(`<meta property="og:title" content="Og">`), "Og"],
    ["a mixed-case content-type header", response(200, { "Content-Type": "text/html" }, "<title>T</title>"), "T"],
    ["no content type at all", response(200, {}, "<title>T</title>"), "T"],
    ["XHTML", html("<title>T</title>", 200, "application/xhtml+xml"), "T"],
    ["an HTML page labelled text/plain", html("<!DOCTYPE html><title>T</title>", 200, "text/plain"), "T"],
    ["201 is a success too", html("<title>T</title>", 201), "T"],
  ])("%s", async (_name, get, title) => {
    expect(await fetchTitle("https://example.com/x", get)).toEqual({ ok: true, title });
  });

  it.each<[string, HttpGet, string]>([
    ["a 404", html("<title>Not found</title>", 404), `The page answered 404 (no such page) — ${TYPE_IT}`],
    ["a 410", html("", 410), `The page answered 410 (no such page) — ${TYPE_IT}`],
    ["a 403", html("", 403), `The page answered 403 (the site refused: it may need a login) — ${TYPE_IT}`],
    ["a 429", html("", 429), `The page answered 429 (too many requests: try again later) — ${TYPE_IT}`],
    ["a 503", html("", 503), `The page answered 503 (a server error) — ${TYPE_IT}`],
    ["a redirect the HttpGet did not follow", html("", 302), `The page answered 302 (a redirect that was not followed) — ${TYPE_IT}`],
    ["a 204", html("", 204), `The page has no title — ${TYPE_IT}`],
    ["status 0", html("<title>T</title>", 0), `The page gave no valid answer — ${TYPE_IT}`],
    ["a PDF", html("%PDF-1.4", 200, "application/pdf"), `That link is a PDF, not a web page — ${TYPE_IT}`],
    ["a PDF with parameters", html("%PDF", 200, "Application/PDF; qs=0.1"), `That link is a PDF, not a web page — ${TYPE_IT}`],
    ["an image", html("", 200, "image/png"), `That link is an image, not a web page — ${TYPE_IT}`],
    ["a video", html("", 200, "video/mp4"), `That link is a video, not a web page — ${TYPE_IT}`],
    ["JSON", html("{}", 200, "application/json"), `That link is JSON data, not a web page — ${TYPE_IT}`],
    ["a feed", html("<title>Feed</title>", 200, "application/rss+xml"), `That link is a feed, not a web page — ${TYPE_IT}`],
    ["a download", html("", 200, "application/octet-stream"), `That link is a download, not a web page — ${TYPE_IT}`],
    ["plain text", html("<title>x</title> notes", 200, "text/plain"), `That link is a "text/plain" file, not a web page — ${TYPE_IT}`],
    ["a page without a title", html("<p>x</p>"), `The page has no title — ${TYPE_IT}`],
    ["our own timeout", failing(new HttpTimeoutError(10000)), `No answer within 10 s — ${TYPE_IT}`],
    ["a platform timeout", failing(Object.assign(new Error("signal timed out"), { name: "TimeoutError" })), `No answer within 10 s — ${TYPE_IT}`],
    ["a socket timeout", failing(errorWithCode("connect ETIMEDOUT 10.0.0.1:443", "ETIMEDOUT")), `No answer within 10 s — ${TYPE_IT}`],
    ["an unknown host (Node)", failing(errorWithCode("getaddrinfo ENOTFOUND example.com", "ENOTFOUND")), `Could not find the site example.com: check the link, or ${TYPE_IT}`],
    ["an unknown host (Obsidian)", failing(new Error("net::ERR_NAME_NOT_RESOLVED")), `Could not find the site example.com: check the link, or ${TYPE_IT}`],
    ["a refused connection", failing(errorWithCode("connect ECONNREFUSED 1.2.3.4:443", "ECONNREFUSED")), `example.com refused the connection — ${TYPE_IT}`],
    ["no network", failing(new Error("net::ERR_INTERNET_DISCONNECTED")), `No network connection — ${TYPE_IT}`],
    ["a bad certificate", failing(errorWithCode("certificate has expired", "CERT_HAS_EXPIRED")), `example.com has a security certificate that could not be trusted — ${TYPE_IT}`],
    ["any other error", failing(new Error("the page redirects more than 5 times")), `Could not reach the page (the page redirects more than 5 times) — ${TYPE_IT}`],
    ["a rejection that is not an Error", failing("boom"), `Could not reach the page (boom) — ${TYPE_IT}`],
    ["a rejection with nothing", failing(undefined), `Could not reach the page (undefined) — ${TYPE_IT}`],
    // Found by the property below (seed -415753872): String() throws on these.
    ["a rejection that cannot be made text", failing({ toString: "" }), `Could not reach the page — ${TYPE_IT}`],
    ["a rejection without a prototype", failing(Object.create(null)), `Could not reach the page — ${TYPE_IT}`],
    ["an HttpGet that throws", () => { throw new Error("sync"); }, `Could not reach the page (sync) — ${TYPE_IT}`],
    ["a response without headers or text", () => Promise.resolve({ status: 200 } as unknown as HttpResponse), `The page has no title — ${TYPE_IT}`],
    ["no response at all", () => Promise.resolve(undefined as unknown as HttpResponse), "Could not read the page"],
  ])("%s", async (_name, get, message) => {
    const r = await fetchTitle("https://example.com/x", get);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it.each([[300, "0.3 s"], [2500, "2.5 s"], [10000, "10 s"], [60000, "60 s"]])("says a %d ms timeout as %s", async (ms, said) => {
    const r = await fetchTitle("https://example.com", failing(new HttpTimeoutError(ms)), ms);
    expect(r).toEqual({ ok: false, message: `No answer within ${said} — ${TYPE_IT}` });
  });

  it("asks for the link as given, with the timeout, 10 s by default", async () => {
    const get = jest.fn<ReturnType<HttpGet>, Parameters<HttpGet>>().mockResolvedValue({ status: 200, headers: {}, text: "<title>T</title>" });
    await fetchTitle("  http://www.example.com/post?utm_source=x  ", get);
    await fetchTitle("https://example.com/b", get, 1234);
    expect(get.mock.calls).toEqual([["http://www.example.com/post?utm_source=x", DEFAULT_TITLE_TIMEOUT_MS], ["https://example.com/b", 1234]]);
    expect(DEFAULT_TITLE_TIMEOUT_MS).toBe(10000);
  });

  it.each(["javascript:alert(1)", "file:///etc/passwd", "", "example.com/post"])("refuses %j without fetching it", async (url) => {
    const get = jest.fn<ReturnType<HttpGet>, Parameters<HttpGet>>();
    const r = await fetchTitle(url, get);
    expect(r.ok).toBe(false);
    expect(get).not.toHaveBeenCalled();
  });

  it("never throws, whatever the HttpGet does", async () => {
    const anything = fc.oneof(fc.anything(), fc.string(), fc.constant(new Error("x")));
    const answer = fc.record({ status: fc.oneof(fc.integer({ min: -1, max: 700 }), anything), headers: fc.oneof(fc.dictionary(fc.constantFrom("content-type", "Content-Type", "x"), fc.string()), anything), text: fc.oneof(fc.string(), anything) });
    await fc.assert(fc.asyncProperty(fc.boolean(), answer, anything, async (resolves, res, error) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejections that are not Errors on purpose
      const get: HttpGet = () => (resolves ? Promise.resolve(res as HttpResponse) : Promise.reject(error));
      const r = await fetchTitle("https://example.com", get);
      expect(r.ok ? typeof r.title : typeof r.message).toBe("string");
    }), numRuns(500));
  });
});
