/**
 * `requestUrl` for the browser playground. The page has no network access worth having (and a
 * browser page, unlike Obsidian, is bound by CORS), so answers come from canned responses the
 * page sets; anything else fails as an offline Obsidian would.
 */
import type { RequestUrlParam, RequestUrlResponse, RequestUrlResponsePromise } from "obsidian";

export interface CannedResponse {
  status?: number;
  text: string;
  headers?: Record<string, string>;
}

const canned = new Map<string, CannedResponse>();

/** Replaces the canned responses, keyed by exact URL. */
export function setCannedResponses(responses: Record<string, CannedResponse>): void {
  canned.clear();
  for (const [url, response] of Object.entries(responses)) canned.set(url, response);
}

/** URLs asked for so far, in order (for checks from the test driving the page). */
export const requestedUrls: string[] = [];

export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
  const param = typeof request === "string" ? { url: request } : request;
  requestedUrls.push(param.url);
  const answer = canned.get(param.url);
  const response: Promise<RequestUrlResponse> = answer
    ? Promise.resolve(toResponse(answer)).then((r) => {
      // Obsidian's requestUrl rejects on HTTP errors unless told not to.
      if (r.status >= 400 && param.throw !== false) throw new Error(`Request failed, status ${r.status}`);
      return r;
    })
    : Promise.reject(new Error(`net::ERR_INTERNET_DISCONNECTED (the playground is offline; no canned answer for ${param.url})`));
  const part = <T>(pick: (r: RequestUrlResponse) => T): Promise<T> => {
    const derived = response.then(pick);
    // Only the parts someone awaits should report a failure.
    derived.catch(() => undefined);
    return derived;
  };
  return Object.assign(response, {
    arrayBuffer: part((r) => r.arrayBuffer),
    json: part((r): unknown => r.json),
    text: part((r) => r.text),
  });
}

function toResponse(answer: CannedResponse): RequestUrlResponse {
  const text = answer.text;
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* not JSON: Obsidian would throw on .json; null here */ }
  return {
    status: answer.status ?? 200,
    headers: answer.headers ?? { "content-type": "text/html; charset=utf-8" },
    arrayBuffer: new TextEncoder().encode(text).buffer,
    json,
    text,
  };
}
