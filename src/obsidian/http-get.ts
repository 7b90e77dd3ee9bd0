/** The plugin's `HttpGet`: Obsidian's `requestUrl` (no CORS limits, works on mobile), raced against a timeout. */
import { requestUrl, type RequestUrlParam, type RequestUrlResponse } from "obsidian";
import type { HttpGet } from "../core/title";

type RequestUrl = (request: RequestUrlParam) => Promise<RequestUrlResponse>;

export function obsidianHttpGet(request: RequestUrl = requestUrl): HttpGet {
  return (url, timeoutMs) => new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    request({ url, method: "GET", throw: false }).then((r) => {
      window.clearTimeout(timer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
      let text = "";
      try { text = r.text; } catch { text = ""; }
      resolve({ status: r.status, headers, text });
    }, (e: unknown) => {
      window.clearTimeout(timer);
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}
