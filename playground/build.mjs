// Builds the browser playground: each page in playground/pages/<name>.ts becomes
// .playground-build/<name>/ (index.html, page.js, theme.css, styles.css), with `obsidian`
// aliased to the in-memory Obsidian (playground/obsidian-shim.ts → obsidian-test-mocks).
//
//   node playground/build.mjs                    build every page
//   node playground/build.mjs demo atlas         build these pages
//   node playground/build.mjs --serve [--port N] build, then serve on http://127.0.0.1:N/ (N=0: any free port)
//   node playground/build.mjs --out DIR …        build into DIR instead of .playground-build/
//                                                (browser tests that run at once each build into their own)
//
// The server listens on 127.0.0.1 only and prints "Serving http://127.0.0.1:<port>/" when ready.
import esbuild from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");

const args = process.argv.slice(2);
const serve = args.includes("--serve");
const portAt = args.indexOf("--port");
const port = portAt >= 0 ? Number(args[portAt + 1]) : 8765;
const outAt = args.indexOf("--out");
const OUT = outAt >= 0 ? resolve(ROOT, args[outAt + 1]) : join(ROOT, ".playground-build");
const valueAt = new Set([portAt, outAt].filter((i) => i >= 0).map((i) => i + 1));
const named = args.filter((a, i) => !a.startsWith("--") && !valueAt.has(i));
const allPages = readdirSync(join(HERE, "pages")).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
const pages = named.length > 0 ? named : allPages;
for (const page of pages) {
  if (!allPages.includes(page)) {
    console.error(`No page "${page}"; there are: ${allPages.join(", ")}`);
    process.exit(2);
  }
}

export async function buildPage(page) {
  const dir = join(OUT, page);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(HERE, "pages", `${page}.ts`)],
    outfile: join(dir, "page.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2021",
    alias: { obsidian: join(HERE, "obsidian-shim.ts") },
    loader: { ".md": "text" },
    sourcemap: "linked",
    logLevel: "warning",
  });
  copyFileSync(join(HERE, "index.html"), join(dir, "index.html"));
  copyFileSync(join(HERE, "theme.css"), join(dir, "theme.css"));
  // The plugin's own stylesheet, once there is one.
  const styles = join(ROOT, "styles.css");
  if (existsSync(styles)) copyFileSync(styles, join(dir, "styles.css"));
  else writeFileSync(join(dir, "styles.css"), "/* the plugin has no styles.css yet */\n");
}

for (const page of pages) await buildPage(page);
const built = readdirSync(OUT).filter((d) => existsSync(join(OUT, d, "page.js"))).sort();
writeFileSync(join(OUT, "index.html"), `<!doctype html><meta charset="utf-8"><title>Playground pages</title>
<ul>${built.map((p) => `<li><a href="${p}/">${p}</a> (<a href="${p}/?theme=dark">dark</a>)</li>`).join("")}</ul>\n`);
console.log(`Built ${pages.join(", ")} into ${OUT}`);

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".map": "application/json", ".png": "image/png", ".svg": "image/svg+xml",
};

if (serve) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = normalize(join(OUT, decodeURIComponent(url.pathname)));
    if (path !== OUT && !path.startsWith(OUT + sep)) { res.writeHead(403).end(); return; }
    if (url.pathname.endsWith("/")) path = join(path, "index.html");
    if (!existsSync(path)) { res.writeHead(404, { "content-type": "text/plain" }).end("not found"); return; }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(path));
  });
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/`;
    console.log(`Serving ${url}`);
    if (built.includes("demo-vault")) console.log(`Use Case Atlas over the demo vault: ${url}demo-vault/ (dark theme: ${url}demo-vault/?theme=dark)`);
  });
}
