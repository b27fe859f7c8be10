// watchCalls from the built package, in Chromium (and its iterator in Node), against a
// simulator of its own keeping calls in flight (`--live`, no seeded calls, strict shape 001):
// the set it reports follows the server, each call that leaves is fetched once, ticks cost
// one listing per watched status, and stopping, errors and bad options behave as documented.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, startMock } from "./harness.mjs";
import { TruedyClient } from "../../pkg/node.js";

let page, close, mock;

before(async () => {
  mock = await startMock(["--calls", "0", "--live", "8", "--tick-ms", "150"]);
  ({ page, close } = await openPage());
  await page.evaluate(({ baseUrl, origin }) => {
    // A client whose requests are counted by kind.
    window.counted = (options = {}) => {
      const counts = { list: 0, get: 0, transcript: 0 };
      const fetched = []; // [id, when] of each getCall
      const fetch = (url, init) => {
        const path = new URL(url).pathname;
        if (path.endsWith("/calls")) counts.list++;
        else if (path.endsWith("/transcript")) counts.transcript++;
        else {
          counts.get++;
          fetched.push([decodeURIComponent(path.split("/").pop()), performance.now()]);
        }
        return globalThis.fetch(url, init);
      };
      return { client: new window.truedy.TruedyClient({ baseUrl, fetch, ...options }), counts, fetched };
    };
    window.sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    window.fault = (body) => globalThis.fetch(`${origin}/__faults`, { method: "POST", body: JSON.stringify(body) });
    // What the test asserts on: ids and words only.
    window.brief = (c) => ({ id: c.id, status: c.status, detail: c.statusDetail, terminal: c.isTerminal, turns: c.transcript?.length ?? null });
    window.briefChange = (c) => Object.fromEntries(["added", "changed", "ended", "left", "calls"].map((k) => [k, c[k].map(window.brief)]));
  }, { baseUrl: mock.apiUrl, origin: mock.origin });
});

after(async () => {
  await close?.();
  mock?.stop();
});

/** Replays the reports: each one must turn the previous set into its `calls`. */
function replay(changes) {
  let live = new Map();
  for (const [i, c] of changes.entries()) {
    for (const call of c.added) assert.ok(!live.has(call.id), `report ${i}: ${call.id} added twice`);
    for (const call of [...c.changed, ...c.ended, ...c.left]) assert.ok(live.has(call.id) || c.added.some((a) => a.id === call.id), `report ${i}: ${call.id} was not in the set`);
    for (const call of [...c.added, ...c.changed]) live.set(call.id, call);
    for (const call of [...c.ended, ...c.left]) live.delete(call.id);
    assert.deepEqual([...live.keys()].sort(), c.calls.map((x) => x.id).sort(), `report ${i}: calls is the set`);
  }
  return live;
}

test("watchCalls follows the live calls: each report turns the set into the next, ended calls are terminal and fetched once", async () => {
  const result = await page.evaluate(async () => {
    const { client, counts, fetched } = window.counted();
    const changes = [];
    let lastReport = 0;
    const controller = new AbortController();
    const done = client.watchCalls(null, {
      intervalMs: 100, maxIntervalMs: 100, signal: controller.signal,
      onChange: (c) => {
        changes.push(window.briefChange(c));
        lastReport = performance.now();
      },
    });
    await window.sleep(3000);
    controller.abort();
    const error = await done.then(() => null, (e) => ({ name: e.name, kind: e.kind }));
    const atAbort = { ...counts };
    await window.sleep(400);
    // getCalls whose tick was cut off by the abort never made it into a report.
    const fetchedBeforeLastReport = fetched.filter(([, at]) => at < lastReport).map(([id]) => id);
    return { changes, error, atAbort, after: { ...counts }, fetched: fetched.map(([id]) => id), fetchedBeforeLastReport };
  });
  assert.deepEqual(result.error, { name: "TruedyError", kind: "aborted" });
  assert.ok(result.changes.length >= 5, `reports: ${result.changes.length}`);
  assert.ok(result.changes[0].added.length > 0, "the first report holds the calls in flight");
  replay(result.changes);
  const ended = result.changes.flatMap((c) => c.ended);
  const left = result.changes.flatMap((c) => c.left);
  assert.ok(ended.length >= 3, `ended: ${ended.length}`);
  for (const call of ended) assert.ok(call.terminal && ["ended", "failed"].includes(call.status), JSON.stringify(call));
  assert.equal(new Set(ended.map((c) => c.id)).size, ended.length, "each call ends once");
  // Every call reported gone was fetched once; every getCall is a call that left the set
  // (or one that moved between two listings of a tick and stayed, or a tick cut off by the abort).
  const gone = new Set([...ended, ...left].map((c) => c.id));
  const finalSet = new Set(result.changes.at(-1).calls.map((c) => c.id));
  for (const id of gone) assert.equal(result.fetched.filter((f) => f === id).length, 1, `${id} fetched once`);
  const unexplained = result.fetchedBeforeLastReport.filter((id) => !gone.has(id) && !finalSet.has(id));
  assert.deepEqual(unexplained, [], "no getCall but for calls that left the set");
  assert.ok(result.atAbort.get <= gone.size + finalSet.size);
  assert.equal(result.atAbort.list % 3, 0, "one listing per watched status a tick (queued, ringing, in_progress)");
  assert.deepEqual(result.after, result.atAbort, "no request after the abort");
  assert.equal(result.changes.flatMap((c) => c.changed).filter((c) => c.terminal).length, 0, "a call in the set is never terminal");
});

test("watchCalls reports how each call ended as the server says, with its transcript under waitForTranscript", async () => {
  const result = await page.evaluate(async ({ baseUrl }) => {
    const { client, counts } = window.counted();
    const ended = [];
    const controller = new AbortController();
    const done = client.watchCalls({ status: ["ringing", "in_progress"] }, {
      intervalMs: 100, maxIntervalMs: 150, signal: controller.signal, waitForTranscript: true,
      onChange: (c) => ended.push(...c.ended.map(window.brief)),
    });
    await window.sleep(3500);
    controller.abort();
    await done.catch(() => {});
    const other = new window.truedy.TruedyClient({ baseUrl });
    const truth = await Promise.all(ended.map(async (c) => {
      const call = await other.getCall(c.id);
      const turns = await other.getTranscript(c.id).then((t) => t.turns.length, () => null);
      return { status: call.status, detail: call.statusDetail, turns };
    }));
    return { ended, truth, counts };
  }, { baseUrl: mock.apiUrl });
  assert.ok(result.ended.length >= 3, `ended: ${result.ended.length}`);
  result.ended.forEach((call, i) => {
    const truth = result.truth[i];
    assert.equal(call.status, truth.status, call.id);
    assert.equal(call.detail, truth.detail, call.id);
    // Seed 001's call object has no transcript: the turns come from its own endpoint.
    if (truth.turns !== null) assert.equal(call.turns, truth.turns, `${call.id} (${call.detail}) came with its transcript`);
    else assert.equal(call.turns, null, `${call.id} (${call.detail}) has none`);
  });
  assert.ok(result.ended.some((c) => c.turns > 0), "some calls talked");
  assert.ok(result.counts.transcript > 0, "transcripts were polled");
});

test("watchCalls as an async iterator: ticks follow the loop, and break stops every request", async () => {
  const result = await page.evaluate(async () => {
    const { client, counts } = window.counted();
    const reports = [];
    for await (const change of client.watchCalls({ status: "in_progress" }, { intervalMs: 100, maxIntervalMs: 100 })) {
      reports.push(window.briefChange(change));
      if (reports.length === 3) break;
    }
    const atBreak = { ...counts };
    await window.sleep(500);
    return { reports, atBreak, after: { ...counts } };
  });
  assert.equal(result.reports.length, 3);
  replay(result.reports);
  for (const r of result.reports) for (const c of r.calls) assert.equal(c.status, "in_progress");
  assert.deepEqual(result.after, result.atBreak, "nothing is sent after break");
});

test("a 429 the retries cannot get past does not end a watch; another error does, with that error", async () => {
  const result = await page.evaluate(async () => {
    const { client } = window.counted({ maxRetries: 0 });
    const reports = [];
    // The first tick's three listings are refused; the watch waits as asked and goes on.
    await window.fault({ path: "/api/public/v1/calls", method: "GET", contains: "status=", fault: "status=429,retry_after_ms=200", times: 3 });
    const controller = new AbortController();
    const watching = client.watchCalls(null, { intervalMs: 100, signal: controller.signal, onChange: (c) => reports.push(c.calls.length) });
    await window.sleep(800);
    const afterLimit = reports.length;
    await window.fault({ path: "/api/public/v1/calls", method: "GET", contains: "status=ringing", fault: "status=500", times: 1 });
    const error = await Promise.race([watching.then(() => "resolved", (e) => ({ kind: e.kind, status: e.status, code: e.code })), window.sleep(3000).then(() => "still running")]);
    controller.abort();
    return { afterLimit, error };
  });
  assert.ok(result.afterLimit >= 1, "reports came after the 429s");
  assert.deepEqual(result.error, { kind: "http", status: 500, code: "internal_error" });
});

test("watchCalls stops at timeoutMs with kind timeout", async () => {
  const error = await page.evaluate(async () => {
    const { client } = window.counted();
    const started = Date.now();
    const e = await client.watchCalls(null, { intervalMs: 100, timeoutMs: 400, onChange: () => {} }).catch((e) => e);
    return { kind: e.kind, message: e.message, tookMs: Date.now() - started };
  });
  assert.equal(error.kind, "timeout");
  assert.equal(error.message, "request timed out after 400 ms");
  assert.ok(error.tookMs >= 390 && error.tookMs < 1500, `${error.tookMs} ms`);
});

test("bad params and options reject with invalid_argument before any request", async () => {
  const result = await page.evaluate(async () => {
    const { client, counts } = window.counted();
    const cases = [
      [{ status: "ended" }, {}],
      [{ status: "completed" }, {}],
      [{ status: [] }, {}],
      [{ status: ["in_progress", 3] }, {}],
      ["in_progress", {}],
      [null, { intervalMs: 0 }],
      [null, { intervalMs: 500, maxIntervalMs: 100 }],
      [null, { timeoutMs: Infinity }],
      [null, { signal: "stop" }],
      [null, { waitForTranscript: "yes" }],
      [null, { onChange: "render" }],
    ];
    const messages = [];
    for (const [params, options] of cases) {
      const e = await client.watchCalls(params, { ...options, onChange: options.onChange ?? (() => {}) }).catch((e) => e);
      messages.push(`${e.kind}: ${e.message}`);
      if (options.onChange === undefined) {
        const e2 = await client.watchCalls(params, options).next().catch((e) => e);
        messages.push(`${e2.kind}: ${e2.message}`);
      }
    }
    await window.sleep(100);
    return { messages, counts };
  });
  assert.deepEqual(result.counts, { list: 0, get: 0, transcript: 0 });
  for (const m of result.messages) assert.match(m, /^invalid_argument: (params|options)/);
  assert.ok(result.messages.includes('invalid_argument: params.status "ended" is terminal: watchCalls watches calls that can still change'));
  assert.ok(result.messages.includes("invalid_argument: options.intervalMs must not be greater than options.maxIntervalMs"));
  assert.ok(result.messages.includes("invalid_argument: options.onChange must be a function"));
});

test("watchCalls in Node: the iterator against the same simulator", async () => {
  const client = new TruedyClient({ baseUrl: mock.apiUrl });
  const reports = [];
  for await (const change of client.watchCalls(null, { intervalMs: 100, maxIntervalMs: 100 })) {
    reports.push(change);
    if (reports.flatMap((r) => r.ended).length >= 2) break;
  }
  replay(reports);
  for (const call of reports.flatMap((r) => r.ended)) assert.ok(call.isTerminal);
  assert.ok(reports[0].calls.every((c) => ["queued", "ringing", "in_progress"].includes(c.status)));
});
