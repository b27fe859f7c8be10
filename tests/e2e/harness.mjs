// Shared by the Playwright tests: serves the repository's files on 127.0.0.1 (so a page
// can import pkg/ as an npm user would) and launches Debian's Chromium headless.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("../..", import.meta.url).pathname;
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".png": "image/png" };

/** The simulator scripts/test started: { mockApiUrl, mockOrigin, mockApiKey }. */
export function mockEnv() {
  const { MOCK_API_URL: mockApiUrl, MOCK_ORIGIN: mockOrigin, MOCK_API_KEY: mockApiKey } = process.env;
  if (!mockApiUrl || !mockOrigin) throw new Error("MOCK_API_URL and MOCK_ORIGIN must be set (scripts/test does)");
  return { mockApiUrl, mockOrigin, mockApiKey };
}

/** Serves files under the repository root; resolves to { url, close }. */
export function serveStatic() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.includes("..")) return res.writeHead(400).end();
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}
