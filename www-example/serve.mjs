// Serves the repository root on 127.0.0.1 so the demo page can import pkg/ as an npm user
// would. Usage: node www-example/serve.mjs [port]; prints the page URL.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path.includes("..") || !(path.startsWith("/pkg/") || path.startsWith("/www-example/"))) {
    res.writeHead(path === "/" ? 302 : 404, { location: "/www-example/" }).end();
    return;
  }
  try {
    const file = path.endsWith("/") ? join(root, path, "index.html") : join(root, path);
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
  } catch {
    res.writeHead(404).end("not found");
  }
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`demo page on http://127.0.0.1:${server.address().port}/www-example/`);
});
