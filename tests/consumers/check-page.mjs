// Loads a consumer app in headless Chromium and checks what its page reported in
// `window.__consumer` (see app.js and worker/). Usage:
//   node check-page.mjs --url URL | --serve DIR   --expect page|worker   --api API_URL --key KEY
// --serve serves DIR (a static build) on 127.0.0.1 itself. On failure it prints the page's
// console, its errors and every failed request, and exits 1.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "../e2e/harness.mjs";

const { values: args } = parseArgs({
  options: { url: { type: "string" }, serve: { type: "string" }, expect: { type: "string" }, api: { type: "string" }, key: { type: "string" } },
});
if (!(args.url || args.serve) || !args.api || !["page", "worker"].includes(args.expect ?? "")) {
  throw new Error("usage: check-page.mjs --url URL | --serve DIR --expect page|worker --api API_URL [--key KEY]");
}

const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
function serve(dir) {
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const server = args.serve ? await serve(args.serve) : null;
const base = server ? `http://127.0.0.1:${server.address().port}/` : args.url;
const url = `${base}?${new URLSearchParams({ api: args.api, key: args.key ?? "" })}`;
const browser = await launchChromium();
const events = [];
let result;
try {
  const page = await browser.newPage();
  page.on("console", (m) => events.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => events.push(`page error: ${e.stack ?? e}`));
  page.on("requestfailed", (r) => events.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    const wasm = new URL(r.url()).pathname.endsWith(".wasm");
    if (r.status() >= 400 || wasm) events.push(`HTTP ${r.status()} ${r.headers()["content-type"] ?? "(no type)"}: ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__consumer, null, { timeout: 30_000 });
  result = await page.evaluate(() => window.__consumer);
  assert.equal(result.ok, true, `the page failed: ${result.error}`);
  assert.equal(result.ids.length, 3, "listCalls({ limit: 3 }) gave 3 calls");
  for (const id of result.ids) assert.match(id, /^\S+$/, "every call has an id");
  if (args.expect === "page") {
    assert.deepEqual(result.status, { status: "in_progress", detail: "ongoing", isTerminal: false });
  } else {
    const { id, status, statusDetail, isTerminal } = result.call;
    assert.deepEqual({ id, status, statusDetail, isTerminal }, { id: "x", status: "ended", statusDetail: "completed", isTerminal: true });
  }
  console.log(`${url}: ${JSON.stringify(result)}`);
} catch (error) {
  console.error(`FAILED at ${url}\n${error.message}`);
  if (result) console.error(`window.__consumer = ${JSON.stringify(result, null, 2)}`);
  console.error(events.length ? events.join("\n") : "(no console output, page error or failed request)");
  process.exitCode = 1;
} finally {
  await browser.close();
  server?.close();
}
