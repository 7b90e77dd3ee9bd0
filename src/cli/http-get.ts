/**
 * The command-line tool's `HttpGet`: node:http(s), up to 5 redirects, one deadline for the
 * whole chain, the body read as text in the page's own encoding.
 */
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
// Node's timers by name: this runs in Node, where there is no `window`.
import { clearTimeout, setTimeout } from "node:timers";
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { decodeHtml } from "../core/html-bytes";
import { HttpTimeoutError, type HttpGet, type HttpResponse } from "../core/title";

export const MAX_REDIRECTS = 5;
/** A title is in the page's head: 2 MiB is plenty, and an endless stream must not fill memory. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** The body without its transfer compression; a cut-off body (size cap) decodes as far as it goes. */
function decompress(body: Buffer, encoding: string): Buffer {
  const partial = { finishFlush: constants.Z_SYNC_FLUSH };
  switch (encoding.trim().toLowerCase()) {
    case "gzip": case "x-gzip": return gunzipSync(body, partial);
    case "deflate":
      try {
        return inflateSync(body, partial);
      } catch {
        return inflateRawSync(body, partial); // servers that send raw deflate under this name
      }
    case "br": return brotliDecompressSync(body, { finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default: return body;
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export const nodeHttpGet: HttpGet = (url, timeoutMs) => new Promise<HttpResponse>((resolve, reject) => {
  let settled = false;
  let current: ClientRequest | null = null;
  const settle = (done: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(deadline);
    done();
  };
  const fail = (e: unknown): void => settle(() => reject(asError(e)));
  const deadline = setTimeout(() => {
    settle(() => reject(new HttpTimeoutError(timeoutMs)));
    current?.destroy(); // closes the socket, so nothing is left waiting on a slow server
  }, timeoutMs);

  const read = (res: IncomingMessage, req: ClientRequest): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      if (settled) return;
      let text: string;
      try {
        const body = decompress(Buffer.concat(chunks), String(res.headers["content-encoding"] ?? ""));
        text = decodeHtml(body, String(res.headers["content-type"] ?? ""));
      } catch (e) {
        fail(new Error(`the page could not be decoded (${asError(e).message})`));
        return;
      }
      settle(() => resolve({ status: res.statusCode ?? 0, headers: lowerCaseHeaders(res.headers), text }));
    };
    res.on("data", (chunk: Buffer) => {
      if (settled) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_BODY_BYTES) {
        finish();
        req.destroy();
      }
    });
    res.on("end", finish);
    res.on("error", fail);
  };

  const open = (target: URL, redirectsLeft: number): void => {
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      fail(new Error(`the page redirects to a ${target.protocol} link`));
      return;
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const headers = { "user-agent": "Mozilla/5.0 (compatible; use-case-atlas)", accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" };
    const req = send(target, { method: "GET", headers }, (res) => {
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || location === undefined) {
        read(res, req);
        return;
      }
      res.resume(); // the redirect's own body is not needed
      if (redirectsLeft === 0) {
        fail(new Error(`the page redirects more than ${MAX_REDIRECTS} times`));
        return;
      }
      let next: URL;
      try {
        next = new URL(location, target);
      } catch {
        fail(new Error(`the page redirects to an invalid address`));
        return;
      }
      if (!settled) open(next, redirectsLeft - 1);
    });
    current = req;
    // Every request keeps an error listener for its whole life: an error after the promise
    // settled (a socket destroyed by the deadline) is then ignored instead of crashing Node.
    req.on("error", fail);
    req.end();
  };

  try {
    open(new URL(url), MAX_REDIRECTS);
  } catch (e) {
    fail(e);
  }
});
