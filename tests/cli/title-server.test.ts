/** @jest-environment node */
/** The title fetch against a real HTTP server on 127.0.0.1. */
import { createServer, type Server } from "http";
import type { AddressInfo, Socket } from "net";
import { nodeHttpGet } from "../../src/cli/http-get";
import { fetchTitle } from "../../src/core/title";

let server: Server;
let base = "";
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const html = (body: string): void => { res.writeHead(200, { "content-type": "text/html; charset=utf-8" }); res.end(body); };
    switch (req.url) {
      case "/title": return html("<html><head><title>Hybrid search at scale</title></head></html>");
      case "/og": return html(`<meta property="og:title" content="Only og:title here">`);
      case "/moved": res.writeHead(302, { location: "/title" }); res.end(); return;
      case "/pdf": res.writeHead(200, { "content-type": "application/pdf" }); res.end("%PDF-1.4"); return;
      case "/slow": setTimeout(() => html("<title>late</title>"), 2000); return;
      default: res.writeHead(404, { "content-type": "text/html" }); res.end("<title>Not found</title>");
    }
  });
  server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("fetchTitle over HTTP", () => {
  it.each([
    ["/title", { ok: true, title: "Hybrid search at scale" }],
    ["/og", { ok: true, title: "Only og:title here" }],
    ["/moved", { ok: true, title: "Hybrid search at scale" }],
  ])("%s", async (path, expected) => {
    expect(await fetchTitle(base + path, nodeHttpGet, 3000)).toEqual(expected);
  });

  it.each([
    ["/missing", /answered 404/],
    ["/pdf", /is a PDF/],
    ["/slow", /No answer within/],
  ])("%s gives a clear message", async (path, message) => {
    const r = await fetchTitle(base + path, nodeHttpGet, 300);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});
