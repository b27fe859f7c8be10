// Every page, export and summaries, from the built package (pkg/) in Chromium: iterCalls with
// `for await` (lazy, in order, early break), callsToNdjson, and listAllCalls + callsToCsv +
// summarizeCalls + callsToNdjson on 10,000 calls from a second simulator started here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, startMock, mockEnv } from "./harness.mjs";

const { mockApiUrl, mockOrigin, mockApiKey } = mockEnv();

let page, close;

before(async () => {
  ({ page, close } = await openPage());
  await page.evaluate(async ({ origin }) => {
    // Seeded calls only (created before the simulator's reference instant), with a unique
    // marker in the fraction of a second: a stable listing whose requests can be counted.
    window.scope = () => {
      const marker = `000${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
      return { createdBefore: `2026-11-01T00:00:00.${marker}Z`, marker };
    };
    window.requestsMarked = async (marker) => {
      const log = await (await fetch(`${origin}/__requests?path_prefix=/api/public/v1/calls&method=GET`)).json();
      return log.requests.filter((r) => r.query.includes(marker)).map((r) => r.query);
    };
  }, { origin: mockOrigin });
});

after(async () => {
  await close?.();
});

test("iterCalls yields every call once, in the order of listAllCalls, with for await", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const client = new window.truedy.TruedyClient({ apiKey, baseUrl });
    const { createdBefore, marker } = window.scope();
    const iterated = [];
    for await (const call of client.iterCalls({ createdBefore, limit: 40 })) iterated.push(call.id);
    const all = await client.listAllCalls({ createdBefore: window.scope().createdBefore });
    return { iterated, all: all.map((c) => c.id), pages: (await window.requestsMarked(marker)).length };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.ok(result.all.length > 100);
  assert.deepEqual(result.iterated, result.all);
  assert.equal(new Set(result.iterated).size, result.iterated.length, "no duplicates");
  assert.equal(result.pages, Math.ceil(result.all.length / 40), "one request per page, none after the last");
});

test("iterCalls fetches a page only when the loop needs it, and nothing after a break", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const client = new window.truedy.TruedyClient({ apiKey, baseUrl });
    const { createdBefore, marker } = window.scope();
    const requests = async () => (await window.requestsMarked(marker)).length;
    const seen = [];
    const iterator = client.iterCalls({ createdBefore, limit: 10 });
    await iterator.next();
    seen.push(await requests()); // first call: one page
    for (let i = 0; i < 9; i++) await iterator.next();
    seen.push(await requests()); // tenth call: still one page
    await iterator.next();
    seen.push(await requests()); // eleventh call: the second page

    const other = window.scope();
    let taken = 0;
    for await (const call of client.iterCalls({ createdBefore: other.createdBefore, limit: 10 })) {
      if (call && ++taken === 15) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { seen, taken, afterBreak: await window.requestsMarked(other.marker) };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.deepEqual(result.seen, [1, 1, 2]);
  assert.equal(result.taken, 15);
  assert.equal(result.afterBreak.length, 2, `requests after the break: ${result.afterBreak}`);
  assert.ok(result.afterBreak[1].endsWith("&limit=10&offset=10"), result.afterBreak[1]);
});

test("iterCalls rejects the loop with a TruedyError: bad params, abort", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const { TruedyClient, TruedyError } = window.truedy;
    const client = new TruedyClient({ apiKey, baseUrl });
    const failure = async (params, options) => {
      try {
        for await (const call of client.iterCalls(params, options)) void call;
        return "no error";
      } catch (e) {
        return { isTruedyError: e instanceof TruedyError, kind: e.kind };
      }
    };
    const controller = new AbortController();
    controller.abort();
    return {
      badLimit: await failure({ limit: 0 }),
      notAnObject: await failure("ended"),
      aborted: await failure(null, { signal: controller.signal }),
    };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.deepEqual(result.badLimit, { isTruedyError: true, kind: "invalid_argument" });
  assert.deepEqual(result.notAnObject, { isTruedyError: true, kind: "invalid_argument" });
  assert.deepEqual(result.aborted, { isTruedyError: true, kind: "aborted" });
});

test("callsToNdjson writes one JSON object per line", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const { TruedyClient, TruedyError, callsToNdjson } = window.truedy;
    // Seed 000's call objects carry their transcript.
    const client = new TruedyClient({ apiKey, baseUrl, statusVocabulary: "hyphenated", headers: { "X-Mock-Shape": "000" } });
    const { data } = await client.listCalls({ status: "ended", limit: 25 });
    const text = callsToNdjson(data);
    let notArray;
    try { callsToNdjson({ data }); } catch (e) { notArray = { isTruedyError: e instanceof TruedyError, kind: e.kind }; }
    return { data, text, empty: callsToNdjson([]), notArray };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.ok(result.text.endsWith("\n"));
  const lines = result.text.slice(0, -1).split("\n");
  assert.equal(lines.length, result.data.length);
  assert.deepEqual(lines.map((line) => JSON.parse(line)), result.data, "each line parses back to its call");
  assert.ok(result.data.some((c) => c.transcript?.length), "transcripts (multi-line text) stay on one line");
  assert.equal(result.empty, "");
  assert.deepEqual(result.notArray, { isTruedyError: true, kind: "invalid_argument" });
});

test("10,000 calls: listAllCalls, then callsToCsv, summarizeCalls and callsToNdjson", async (t) => {
  const mock = await startMock(["--calls", "10000"]);
  t.after(() => mock.stop());
  const result = await page.evaluate(async ({ baseUrl }) => {
    const { TruedyClient, callsToCsv, summarizeCalls, callsToNdjson } = window.truedy;
    const client = new TruedyClient({ baseUrl });
    const timed = (f) => { const start = performance.now(); const value = f(); return [value, Math.round(performance.now() - start)]; };
    let reports = 0;
    const start = performance.now();
    const calls = await client.listAllCalls({}, { concurrency: 6, onProgress: () => reports++ });
    const listMs = Math.round(performance.now() - start);
    const [csv, csvMs] = timed(() => callsToCsv(calls));
    const [summary, summaryMs] = timed(() => summarizeCalls(calls));
    const [ndjson, ndjsonMs] = timed(() => callsToNdjson(calls));
    return {
      count: calls.length,
      distinct: new Set(calls.map((c) => c.id)).size,
      reports,
      csvRows: csv.split("\r\n").length - 1,
      csvHeader: csv.slice(0, csv.indexOf("\r\n")),
      summary,
      ndjsonLines: ndjson.split("\n").length - 1,
      byStatus: calls.reduce((m, c) => ((m[c.status] = (m[c.status] ?? 0) + 1), m), {}),
      totalCost: calls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0),
      ms: { listMs, csvMs, summaryMs, ndjsonMs },
    };
  }, { baseUrl: mock.apiUrl });
  t.diagnostic(`10,000 calls in Chromium (ms): ${JSON.stringify(result.ms)}`);
  assert.equal(result.count, 10000);
  assert.equal(result.distinct, 10000);
  assert.equal(result.reports, 100, "one progress report per page of 100");
  assert.equal(result.csvRows, 10001, "a header and one row per call");
  assert.ok(result.csvHeader.startsWith("id,status,"), result.csvHeader);
  assert.equal(result.ndjsonLines, 10000);
  assert.equal(result.summary.count, 10000);
  assert.deepEqual(result.summary.byStatus, result.byStatus);
  assert.ok(Math.abs(result.summary.totalCostUsd - result.totalCost) < 1e-6);
  assert.ok(result.summary.p50DurationSeconds <= result.summary.p90DurationSeconds);
});
