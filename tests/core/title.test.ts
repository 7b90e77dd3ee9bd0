import { extractTitle, fetchTitle, type HttpGet } from "../../src/core/title";
import { obsidianHttpGet } from "../../src/obsidian/http-get";

describe("extractTitle", () => {
  it.each([
    ["og:title first", `<head><title>Post | Blog</title><meta property="og:title" content="The post"></head>`, "The post"],
    ["og:title with attributes the other way round", `<meta content='Swapped &amp; quoted' property='og:title'>`, "Swapped & quoted"],
    ["title when there is no og:title", "<title>\n  Hybrid   search\n at scale </title>", "Hybrid search at scale"],
    ["the first h1 when there is neither", "<body><h1 class=x>Big <em>news</em></h1><h1>Second</h1>", "Big news"],
    ["entities", "<title>Caf&eacute; &#x2014; R&amp;D &#8220;q&#8221;</title>", "Café — R&D “q”"],
    ["markdown and HTML characters stay text", "<title>[[Not a link]] | *stars* &lt;b&gt;</title>", "[[Not a link]] | *stars* <b>"],
    ["nothing usable", "<html><body><p>no title</p></body></html>", null],
    ["an empty og:title falls back", `<meta property="og:title" content=""><title>Fallback</title>`, "Fallback"],
  ])("%s", (_n, html, title) => {
    expect(extractTitle(html)).toBe(title);
  });
});

const answer = (status: number, type: string, text: string): HttpGet => () => Promise.resolve({ status, headers: { "content-type": type }, text });

describe("fetchTitle", () => {
  it.each<[string, HttpGet, RegExp | string]>([
    ["a page with a title", answer(200, "text/html; charset=utf-8", "<title>T</title>"), "T"],
    ["a 404", answer(404, "text/html", "gone"), /answered 404/],
    ["a PDF", answer(200, "application/pdf", "%PDF"), /is a PDF, not a web page/],
    ["an image", answer(200, "image/png", ""), /image\/png, not a web page/],
    ["a page without a title", answer(200, "text/html", "<p>x</p>"), /has no title/],
    ["a timeout", () => Promise.reject(new Error("timed out after 300 ms")), /No answer within/],
    ["a network error", () => Promise.reject(new Error("ECONNREFUSED")), /Could not reach the page \(ECONNREFUSED\)/],
  ])("%s", async (_n, get, expected) => {
    const r = await fetchTitle("https://example.com/x", get, 300);
    if (typeof expected === "string") expect(r).toEqual({ ok: true, title: expected });
    else expect(!r.ok && r.message).toMatch(expected);
  });

  it("refuses a link that is not http(s) without fetching it", async () => {
    const get = jest.fn<ReturnType<HttpGet>, Parameters<HttpGet>>();
    const r = await fetchTitle("javascript:alert(1)", get);
    expect(r.ok).toBe(false);
    expect(get).not.toHaveBeenCalled();
  });
});

describe("the plugin's HttpGet over requestUrl", () => {
  it("lower-cases header names and does not throw on error statuses", async () => {
    const request = jest.fn().mockResolvedValue({ status: 404, headers: { "Content-Type": "text/html" }, text: "x" });
    const r = await obsidianHttpGet(request)("https://example.com", 1000);
    expect(r).toEqual({ status: 404, headers: { "content-type": "text/html" }, text: "x" });
    expect(request).toHaveBeenCalledWith({ url: "https://example.com", method: "GET", throw: false });
  });

  it("gives up after the timeout", async () => {
    const request = jest.fn().mockReturnValue(new Promise(() => undefined));
    await expect(obsidianHttpGet(request)("https://example.com", 20)).rejects.toThrow(/timed out/);
  });
});
