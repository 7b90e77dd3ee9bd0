/** The command-line tool's `HttpGet`: node:http(s), up to 5 redirects, a hard timeout. */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { HttpGet, HttpResponse } from "../core/title";

export const nodeHttpGet: HttpGet = (url, timeoutMs) => get(url, timeoutMs, 5, Date.now() + timeoutMs);

function get(url: string, timeoutMs: number, redirects: number, deadline: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const left = Math.max(1, deadline - Date.now());
    const req = send(target, { method: "GET", headers: { "user-agent": "use-case-atlas", accept: "text/html,*/*" } }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        clearTimeout(timer);
        if (redirects <= 0) { reject(new Error("too many redirects")); return; }
        get(new URL(location, target).href, timeoutMs, redirects - 1, deadline).then(resolve, reject);
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ status, headers, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (e) => { clearTimeout(timer); reject(e); });
    });
    const timer = setTimeout(() => { req.destroy(new Error(`timed out after ${timeoutMs} ms`)); }, left);
    req.on("error", (e) => { clearTimeout(timer); reject(e); });
    req.end();
  });
}
