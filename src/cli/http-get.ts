/**
 * The command-line tool's `HttpGet`: Node's `fetch`, up to 5 redirects, one deadline for the
 * whole chain, the body read as text in the page's own encoding.
 *
 * `fetch` does the request, the transfer compression (gzip, deflate, br) and the deadline
 * (`AbortSignal.timeout`, which also closes the socket). What it does not do, and the tests ask
 * for, stays here:
 * - redirects are followed by hand (`redirect: "manual"`): `fetch` follows 20 and says only
 *   "fetch failed", where the user is told "more than 5 times" or "to a ftp: link"; one signal
 *   for every hop keeps one deadline over the chain;
 * - the body is read as a stream and cut at `MAX_BODY_BYTES` (an endless page must not fill
 *   memory), then decoded in the page's charset (`decodeHtml`: header, then `<meta charset>`),
 *   which `Response.text()` (always UTF-8) would not;
 * - `fetch`'s "fetch failed" is replaced by its cause (ECONNREFUSED, ENOTFOUND, ...), which is
 *   what `fetchTitle` tells the user about.
 * (`fetch` also refuses the ports browsers block, such as 6000 or 6667: such a link fails with
 * "bad port".)
 */
import { decodeHtml } from "../core/html-bytes";
import { HttpTimeoutError, type HttpGet } from "../core/title";

export const MAX_REDIRECTS = 5;
/** A title is in the page's head: 2 MiB is plenty, and an endless stream must not fill memory. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HEADERS = { "user-agent": "Mozilla/5.0 (compatible; use-case-atlas)", accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" };

/**
 * `e` if it is an error. Tested by shape, not `instanceof`: `fetch`'s errors come from Node's own
 * realm, which is not the caller's in a sandbox (a Jest environment, a `vm` context).
 */
function asError(e: unknown): Error {
  return isError(e) ? e : new Error(String(e));
}

function isError(e: unknown): e is Error {
  return typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string";
}

/** The error to report: the deadline as `HttpTimeoutError`, "fetch failed" as its cause. */
function failure(e: unknown, signal: AbortSignal, timeoutMs: number): Error {
  if (signal.aborted) return new HttpTimeoutError(timeoutMs);
  const error = asError(e);
  const cause = (error as { cause?: unknown }).cause;
  return isError(cause) ? cause : error;
}

/** Header names in lower case (as `Headers` gives them), repeated headers joined with ", ". */
function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => { out[name] = value; });
  return out;
}

/** The body's bytes (already without transfer compression), up to `MAX_BODY_BYTES` or a little more. */
async function readCapped(response: Response): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel(); // closes the connection: the rest is never downloaded
      break;
    }
  }
  return Buffer.concat(chunks, size);
}

export const nodeHttpGet: HttpGet = async (url, timeoutMs) => {
  const signal = AbortSignal.timeout(timeoutMs);
  let target = new URL(url);
  for (let redirectsLeft = MAX_REDIRECTS; ; redirectsLeft--) {
    if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error(`the page redirects to a ${target.protocol} link`);
    let response: Response;
    try {
      response = await fetch(target, { headers: HEADERS, redirect: "manual", signal });
    } catch (e) {
      throw failure(e, signal, timeoutMs);
    }
    const location = response.headers.get("location");
    if (REDIRECTS.has(response.status) && location !== null) {
      await response.body?.cancel(); // the redirect's own body is not needed
      if (redirectsLeft === 0) throw new Error(`the page redirects more than ${MAX_REDIRECTS} times`);
      try {
        target = new URL(location, target);
      } catch {
        throw new Error(`the page redirects to an invalid address`);
      }
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(response);
    } catch (e) {
      const error = failure(e, signal, timeoutMs);
      // zlib's errors (Z_DATA_ERROR, ...) come out of the stream: the body was there but not decodable.
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && code.startsWith("Z_")) throw new Error(`the page could not be decoded (${error.message})`);
      throw error;
    }
    let text: string;
    try {
      text = decodeHtml(bytes, response.headers.get("content-type") ?? "");
    } catch (e) {
      throw new Error(`the page could not be decoded (${asError(e).message})`);
    }
    return { status: response.status, headers: headersOf(response), text };
  }
};
