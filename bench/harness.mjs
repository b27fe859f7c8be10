// Shared by the benchmarks: a truedy-mock of their own (release build), the static server
// and Chromium of the Playwright tests, and a page with the built package loaded.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { serveStatic, launchChromium } from "../tests/e2e/harness.mjs";

const root = new URL("..", import.meta.url).pathname;

/** Starts target/release/truedy-mock with `args` on a free port: { origin, apiUrl, stop }. */
export function startMock(args = []) {
  const child = spawn(`${root}target/release/truedy-mock`, ["--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
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
