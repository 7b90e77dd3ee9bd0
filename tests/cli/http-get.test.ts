/** @jest-environment node */
/** The command-line tool's HttpGet and the title fetch against a real HTTP server on 127.0.0.1. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { clearTimeout, setTimeout } from "node:timers";
import { gzipSync } from "node:zlib";
import { MAX_BODY_BYTES, nodeHttpGet } from "../../src/cli/http-get";
import { fetchTitle, HttpTimeoutError } from "../../src/core/title";

let server: Server;
let base = "";
const sockets = new Set<Socket>();
const timers = new Set<ReturnType<typeof setTimeout>>();
/**
 * The budget for a page that does answer: far above what any request here takes, so that a
 * loaded machine (the first request of the file once took over 3 s) cannot turn a test about
 * titles, statuses or redirects into a timeout. The timeout itself is tested on /slow.
 */
const ANSWERED_MS = 20_000;
/** Resolves when the client hangs up on /slow: the timeout must close the connection, not leave it open. */
let slowClosed: Promise<void> = Promise.resolve();

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const page = (body: string | Buffer, type = "text/html; charset=utf-8", extra: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { "content-type": type, ...extra });
  res.end(body);
};
const redirect = (status: number, location: string): Handler => (_req, res) => {
  res.writeHead(status, { location });
  res.end();
};

const routes: Record<string, Handler> = {
  "/title": page("<html><head><title>Hybrid search at scale</title></head></html>"),
  "/og": page(`<meta property="og:title" content="Only og:title here">`),
  "/h1": page("<body><h1>Only a <em>heading</em></h1></body>"),
  "/moved": redirect(302, "/title"),
  "/absolute": (req, res) => redirect(301, `http://${req.headers.host ?? ""}/og`)(req, res),
  "/chain": redirect(301, "/chain2"),
  "/chain2": redirect(303, "/chain3"),
  "/chain3": redirect(307, "/chain4"),
  "/chain4": redirect(308, "/title"),
  "/loop": redirect(302, "/loop"),
  "/to-ftp": redirect(302, "ftp://example.com/file"),
  "/no-location": (_req, res) => { res.writeHead(302); res.end(); },
  "/pdf": page("%PDF-1.4", "application/pdf"),
  "/png": page(Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png"),
  "/no-title": page("<p>Nothing to call it</p>"),
  "/latin1": page(Buffer.from("<title>Caf\u00e9 \u0093quoted\u0094</title>", "latin1"), "text/html; charset=windows-1252"),
  "/meta-charset": page(Buffer.concat([Buffer.from(`<meta charset="shift_jis"><title>`), Buffer.from([0x82, 0xa0]), Buffer.from("</title>")]), "text/html"),
  "/gzip": page(gzipSync("<title>Compressed</title>"), "text/html", { "content-encoding": "gzip" }),
  "/headers": page("<title>x</title>", "text/html", { "X-Custom-Header": "Yes" }),
  "/slow": (req, res) => {
    slowClosed = new Promise((resolve) => req.socket.on("close", () => resolve()));
    const timer = setTimeout(() => page("<title>late</title>")(req, res), 2000);
    timers.add(timer);
  },
  "/endless": (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.write("<title>Endless</title>");
    const chunk = Buffer.alloc(64 * 1024, "x");
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk)) { /* until the socket is full */ }
      if (!res.destroyed) res.once("drain", pump);
    };
    pump();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes[req.url ?? ""];
    if (handler) { handler(req, res); return; }
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<title>Not found</title>");
  });
  server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const t of timers) clearTimeout(t);
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("fetchTitle over HTTP", () => {
  it.each([
    ["/title", "Hybrid search at scale"],
    ["/og", "Only og:title here"],
    ["/h1", "Only a heading"],
    ["/moved", "Hybrid search at scale"],
    ["/absolute", "Only og:title here"],
    ["/chain", "Hybrid search at scale"],
    ["/latin1", "Café “quoted”"],
    ["/meta-charset", "あ"],
    ["/gzip", "Compressed"],
  ])("%s", async (path, title) => {
    expect(await fetchTitle(base + path, nodeHttpGet, ANSWERED_MS)).toEqual({ ok: true, title });
  });

  it.each([
    ["/missing", "The page answered 404 (no such page) — type the title instead."],
    ["/pdf", "That link is a PDF, not a web page — type the title instead."],
    ["/png", "That link is an image, not a web page — type the title instead."],
    ["/no-title", "The page has no title — type the title instead."],
    ["/loop", "Could not reach the page (the page redirects more than 5 times) — type the title instead."],
    ["/to-ftp", "Could not reach the page (the page redirects to a ftp: link) — type the title instead."],
    ["/no-location", "The page answered 302 (a redirect that was not followed) — type the title instead."],
  ])("%s gives a clear message", async (path, message) => {
    expect(await fetchTitle(base + path, nodeHttpGet, ANSWERED_MS)).toEqual({ ok: false, message });
  });

  it("gives up on a slow page after the timeout and closes the connection", async () => {
    expect(await fetchTitle(`${base}/slow`, nodeHttpGet, 300)).toEqual({ ok: false, message: "No answer within 0.3 s — type the title instead." });
    await slowClosed; // hangs (and Jest fails on its own timeout) if the client left the socket open
  });

  it("says so when nothing listens on the port", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await fetchTitle(`http://127.0.0.1:${port}/`, nodeHttpGet, ANSWERED_MS)).toEqual({ ok: false, message: `127.0.0.1:${port} refused the connection — type the title instead.` });
  });
});

describe("nodeHttpGet", () => {
  it("answers error statuses instead of rejecting, with lower-case header names", async () => {
    const missing = await nodeHttpGet(`${base}/missing`, ANSWERED_MS);
    expect(missing.status).toBe(404);
    const r = await nodeHttpGet(`${base}/headers`, ANSWERED_MS);
    expect(r.headers["x-custom-header"]).toBe("Yes");
    expect(r.headers["content-type"]).toBe("text/html");
  });

  it("follows 5 redirects but not 6", async () => {
    expect((await nodeHttpGet(`${base}/chain`, ANSWERED_MS)).text).toContain("Hybrid search"); // 4 hops
    await expect(nodeHttpGet(`${base}/loop`, ANSWERED_MS)).rejects.toThrow("the page redirects more than 5 times");
  });

  it("rejects with HttpTimeoutError", async () => {
    await expect(nodeHttpGet(`${base}/slow`, 200)).rejects.toBeInstanceOf(HttpTimeoutError);
  });

  it("stops reading an endless page at the size cap", async () => {
    const r = await nodeHttpGet(`${base}/endless`, ANSWERED_MS);
    expect(r.text.startsWith("<title>Endless</title>")).toBe(true);
    expect(r.text.length).toBeGreaterThanOrEqual(MAX_BODY_BYTES);
    expect(r.text.length).toBeLessThan(MAX_BODY_BYTES + 256 * 1024);
  });

  it("rejects an address it cannot parse", async () => {
    await expect(nodeHttpGet("not a url", 1000)).rejects.toThrow();
  });
});
