// Shared by the Playwright tests: serves the repository's files on 127.0.0.1 (so a page
// can import pkg/ as an npm user would) and launches Debian's Chromium headless.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { createInterface } from "node:readline";
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

/** A Chromium page with pkg/ imported and initialised as `window.truedy`: { page, close }. */
export async function openPage() {
  const site = await serveStatic();
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${site.url}/tests/e2e/blank.html`);
  await page.evaluate(async () => {
    const m = await import("/pkg/index.js");
    await m.default();
    window.truedy = m;
  });
  return { page, close: async () => { await browser.close(); await site.close(); } };
}

/**
 * Starts a truedy-mock of its own with `args` on a free port: { origin, apiUrl, stop }.
 * `build` picks target/<build>/truedy-mock (TRUEDY_MOCK_BIN overrides).
 */
export function startMock(args = [], build = "debug") {
  const binary = process.env.TRUEDY_MOCK_BIN ?? `${root}target/${build}/truedy-mock`;
  if (!existsSync(binary)) throw new Error(`no ${binary}: run \`cargo build${build === "release" ? " --release" : ""} -p truedy-mock\``);
  const child = spawn(binary, ["--port", "0", "--quiet", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`truedy-mock exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      const origin = line.match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
      if (!origin) return reject(new Error(`unexpected first line: ${line}`));
      resolve({ origin, apiUrl: `${origin}/api/public/v1`, stop: () => child.kill() });
    });
  });
}
