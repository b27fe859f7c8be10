// The www-example dashboard's Analytics view and Live panel in Chromium, each against a
// simulator of its own: the charts show what summarizeCalls gives for the same calls (read
// here through the package in Node), and the Live panel shows calls appearing, changing
// status and ending as the server says. Screenshots go to artifacts/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { serveStatic, launchChromium, startMock } from "./harness.mjs";
import { TruedyClient, summarizeCalls } from "../../pkg/node.js";

const shots = new URL("../../artifacts/screenshots/", import.meta.url).pathname;
let site, browser;

before(async () => {
  await mkdir(shots, { recursive: true });
  site = await serveStatic();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh page on the dashboard with `query`; collects page errors. */
async function dashboard(query, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, timezoneId: "UTC", locale: "en-US" });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${site.url}/www-example/index.html?${new URLSearchParams(query)}`);
  return { page, errors, close: () => context.close() };
}

test("Analytics: calls per day by status, cost per agent and durations are summarizeCalls of the same calls", async () => {
  // Seed 002's shape: it documents the date filters and carries agent, direction, creation time and cost.
  const mock = await startMock(["--shape", "002", "--calls", "400"]);
  const { page, errors, close } = await dashboard({ api: mock.apiUrl, view: "analytics" });
  try {
    await page.waitForSelector('#view-analytics[aria-busy="false"] #analytics-charts figure');
    const shown = await page.evaluate(() => {
      const marks = (selector) => [...document.querySelectorAll(selector)].map((r) => ({ ...r.dataset, title: r.querySelector("title").textContent }));
      return {
        columns: marks("#analytics-charts figure:nth-of-type(1) rect[data-column]"),
        bars: marks("#analytics-charts rect[data-label]"),
        bins: marks("#analytics-charts rect[data-bin]"),
        count: document.getElementById("analytics-count").textContent,
        svgNames: [...document.querySelectorAll("#analytics-charts svg")].map((s) => s.getAttribute("aria-labelledby").split(" ").map((id) => document.getElementById(id)?.textContent)),
        tabSelected: document.getElementById("tab-analytics").getAttribute("aria-selected"),
      };
    });
    await page.screenshot({ path: `${shots}analytics.png`, fullPage: true });

    const calls = await new TruedyClient({ baseUrl: mock.apiUrl }).listAllCalls();
    const agents = (await (await fetch(`${mock.origin}/__agents`)).json()).agents;
    assert.equal(shown.tabSelected, "true");
    assert.equal(shown.count, calls.length.toLocaleString("en-US"));

    // Each column segment is that day's count of that status, and every one is drawn.
    const days = summarizeCalls(calls, { groupBy: "day", timeZone: "UTC" }).filter((g) => g.key !== null);
    const expected = days.flatMap((d) => Object.entries(d.summary.byStatus).map(([status, n]) => `${d.key} ${status} ${n}`));
    assert.deepEqual(shown.columns.map((c) => `${c.column} ${c.series} ${c.value}`).sort(), expected.sort());
    assert.ok(days.length > 10, "several days");

    // One bar per agent, its cost the group's totalCostUsd, the most expensive first.
    const byAgent = summarizeCalls(calls, { groupBy: "agent" });
    const name = (id) => agents.find((a) => a.id === id)?.name;
    assert.deepEqual(
      shown.bars.map((b) => [b.label, Number(b.value)]),
      byAgent.map((g) => [name(g.key), g.summary.totalCostUsd]).sort((a, b) => b[1] - a[1]),
    );
    // The histogram holds every call with a duration, once.
    const withDuration = calls.filter((c) => c.durationSeconds != null).length;
    assert.equal(shown.bins.reduce((s, b) => s + Number(b.value), 0), withDuration);
    // Titles: each chart is named and described; each mark says what it is.
    for (const [title, desc] of shown.svgNames) assert.ok(title && desc, `${title} / ${desc}`);
    assert.match(shown.columns[0].title, /^[A-Z][a-z]{2} \d+: \d+ [a-z ]+$/);

    // A filter reloads the view: only that agent's calls.
    const agent = agents[0];
    await page.selectOption("#agent-filter", agent.id);
    await page.waitForFunction((n) => document.getElementById("analytics-count").textContent === n,
      calls.filter((c) => c.agentId === agent.id).length.toLocaleString("en-US"));
    const bars = await page.$$eval("#analytics-charts rect[data-label]", (rs) => rs.map((r) => r.dataset.label));
    assert.deepEqual(bars, [agent.name]);
    assert.deepEqual(errors, []);
  } finally {
    await close();
    mock.stop();
  }
});

test("Live: calls appear, change status and end on screen as the server says; Pause stops the requests", async () => {
  const mock = await startMock(["--calls", "0", "--live", "10", "--tick-ms", "500"]);
  const { page, errors, close } = await dashboard({ api: mock.apiUrl, view: "live" });
  try {
    await page.waitForSelector("#live-calls tr[data-id]");
    // What the panel shows, every 100 ms, until a call has appeared, one has changed status
    // and two have ended (at most 15 s).
    const frames = await page.evaluate(async () => {
      const frames = [];
      const seen = { appeared: false, changed: false };
      for (let i = 0; i < 150; i++) {
        const frame = {
          rows: [...document.querySelectorAll("#live-calls tr")].map((tr) => [tr.dataset.id, tr.dataset.status]),
          ended: [...document.querySelectorAll("#live-ended li")].map((li) => [li.dataset.id, li.dataset.status]),
          count: document.getElementById("live-count").textContent,
        };
        frames.push(frame);
        const first = new Map(frames[0].rows);
        seen.appeared ||= frame.rows.some(([id]) => !first.has(id));
        seen.changed ||= frame.rows.some(([id, s]) => first.has(id) && first.get(id) !== s);
        if (seen.appeared && seen.changed && frame.ended.length >= 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return frames;
    });
    await page.screenshot({ path: `${shots}live.png`, fullPage: true });

    const first = new Map(frames[0].rows);
    const appeared = frames.some((f) => f.rows.some(([id]) => !first.has(id)));
    const changed = frames.some((f) => f.rows.some(([id, s]) => first.has(id) && first.get(id) !== s));
    assert.ok(appeared, "a new call appeared");
    assert.ok(changed, "a call changed status");
    for (const f of frames) {
      assert.equal(f.count, String(f.rows.length), "the count is the rows shown");
      for (const [, status] of f.rows) assert.ok(["queued", "ringing", "in_progress"].includes(status), status);
    }
    const ended = frames.at(-1).ended;
    assert.ok(ended.length >= 2, `ended: ${ended.length}`);
    const everShown = new Set(frames.flatMap((f) => f.rows.map(([id]) => id)));
    const client = new TruedyClient({ baseUrl: mock.apiUrl });
    for (const [id, status] of ended) {
      const call = await client.getCall(id);
      assert.equal(status, call.status, `${id} ended as the server says`);
      assert.ok(call.isTerminal);
      assert.ok(everShown.has(id) || frames[0].ended.some(([e]) => e === id), `${id} was in flight on screen`);
    }

    // Pause: no request afterwards.
    await page.click("#live-toggle");
    await page.waitForSelector('#live-toggle[aria-pressed="true"]');
    const count = async () => (await (await fetch(`${mock.origin}/__requests?path_prefix=/api/public/v1/calls`)).json()).requests.length;
    const atPause = await count();
    await page.waitForTimeout(1200);
    assert.equal(await count(), atPause, "paused: nothing is sent");
    assert.equal(await page.locator("#live-state").innerText(), "paused");
    assert.deepEqual(errors, []);
  } finally {
    await close();
    mock.stop();
  }
});
