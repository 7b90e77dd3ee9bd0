/**
 * The plugin's `HttpGet`: Obsidian's `requestUrl` (no CORS limits, works on mobile, follows
 * redirects itself), raced against a timeout. `requestUrl` cannot be cancelled: after the
 * timeout its answer is simply ignored.
 */
import { requestUrl, type RequestUrlParam, type RequestUrlResponse } from "obsidian";
import { decodeHtml } from "../core/html-bytes";
import { HttpTimeoutError, type HttpGet, type HttpResponse } from "../core/title";

/** The part of `requestUrl` used here; tests pass a fake. */
export type RequestUrl = (request: RequestUrlParam) => Promise<RequestUrlResponse>;

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** Header names come lower- or mixed-case depending on the platform: lower-case them all. */
function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${String(value)}` : String(value);
  }
  return out;
}

/**
 * The body as text in the page's own encoding (`requestUrl`'s `text` is always read as UTF-8);
 * its `text` when the bytes are not there. Both are getters that may throw on odd bodies.
 */
function bodyText(response: RequestUrlResponse, contentType: string): string {
  try {
    const bytes = response.arrayBuffer as ArrayBuffer | undefined;
    if (bytes && typeof bytes.byteLength === "number" && typeof TextDecoder !== "undefined") {
      return decodeHtml(new Uint8Array(bytes), contentType);
    }
  } catch {
    // fall back to requestUrl's own decoding
  }
  try {
    return typeof response.text === "string" ? response.text : "";
  } catch {
    return "";
  }
}

export function obsidianHttpGet(request: RequestUrl = requestUrl): HttpGet {
  return (url, timeoutMs) => new Promise<HttpResponse>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new HttpTimeoutError(timeoutMs)), timeoutMs);
    let pending: Promise<RequestUrlResponse>;
    try {
      // throw: false — a 404 is an answer to report, not an exception.
      pending = request({ url, method: "GET", throw: false });
    } catch (e) {
      window.clearTimeout(timer);
      reject(asError(e));
      return;
    }
    pending.then((response) => {
      window.clearTimeout(timer);
      const headers = lowerCaseHeaders(response.headers);
      resolve({ status: response.status, headers, text: bodyText(response, headers["content-type"] ?? "") });
    }, (e: unknown) => {
      window.clearTimeout(timer);
      reject(asError(e));
    });
  });
}
