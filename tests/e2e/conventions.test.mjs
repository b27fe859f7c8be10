// The SDK conventions, through the built package (pkg/): a custom fetch, logLevel and
// logger, the response's headers and retryAfterMs on errors (in Chromium, against the
// simulator), and in Node: the package initializes itself, a use before init() is a
// TruedyError, and a path baseUrl is refused at construction.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openPage, startMock, mockEnv } from "./harness.mjs";

const { mockApiUrl, mockOrigin, mockApiKey } = mockEnv();
const pkg = new URL("../../pkg/", import.meta.url);

let page, close;

before(async () => {
  ({ page, close } = await openPage());
});

after(async () => {
  await close?.();
});

test("fetch: every request goes through the caller's fetch", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const seen = [];
    const client = new window.truedy.TruedyClient({
      apiKey, baseUrl,
      fetch: (url, init) => {
        seen.push({ url, method: init.method, accept: init.headers.Accept });
        return fetch(url, init);
      },
    });
    const page = await client.listCalls({ limit: 2 });
    const placed = await client.getCall(page.data[0].id);
    // Not a real Response: only status, headers.get() and text(), as the README allows.
    const minimal = new window.truedy.TruedyClient({
      baseUrl, maxRetries: 0,
      fetch: async () => ({ status: 404, headers: { get: () => null }, text: async () => '{"error":{"code":"not_found","message":"gone"}}' }),
    });
    let gone;
    try { await minimal.getCall("c1"); } catch (e) { gone = [e.kind, e.status, e.code, e.message, e.headers]; }
    return { seen, count: page.data.length, id: placed.id === page.data[0].id, gone };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.equal(result.count, 2);
  assert.ok(result.id);
  assert.deepEqual(result.seen.map((s) => [s.method, s.url.replace(mockApiUrl, "")]), [["GET", "/calls?limit=2"], ["GET", `/calls/${result.seen[1].url.split("/").at(-1)}`]]);
  assert.ok(result.seen.every((s) => s.accept === "application/json"));
  assert.deepEqual(result.gone, ["http", 404, "not_found", "gone", undefined]);
});

test("logLevel and logger: one line per step at its level, never the key", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey, origin }) => {
    const { TruedyClient } = window.truedy;
    const lines = [];
    const logger = Object.fromEntries(["error", "warn", "info", "debug"].map((level) => [level, (line) => lines.push([level, line])]));
    // A 503 once, for this client's marked request only; then it goes through.
    const marker = `logs-${Math.random().toString(36).slice(2)}`;
    await fetch(`${origin}/__faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path: "/api/public/v1/calls", method: "GET", contains: marker, fault: "status=503", times: 1 }) });
    const debug = new TruedyClient({ apiKey, baseUrl, logLevel: "debug", logger });
    await debug.listCalls({ agentId: marker, limit: 1 });
    try { await debug.getCall("no-such-call"); } catch {}
    const atDebug = lines.splice(0);
    const quiet = new TruedyClient({ apiKey, baseUrl, logger }); // default "warn"
    await quiet.listCalls({ limit: 1 });
    try { await quiet.getCall("no-such-call"); } catch {}
    const atWarn = lines.splice(0);
    const off = new TruedyClient({ apiKey, baseUrl, logger, logLevel: "off" });
    try { await off.getCall("no-such-call"); } catch {}
    const atOff = lines.splice(0);
    let bad;
    try { new TruedyClient({ logLevel: "verbose" }); } catch (e) { bad = { kind: e.kind, message: e.message }; }
    return { atDebug, atWarn, atOff, bad, marker };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey, origin: mockOrigin });
  const list = `GET /calls?agent_id=${result.marker}&limit=1`;
  assert.deepEqual(result.atDebug.map(([level, line]) => [level, line.replace(/in \d+ ms/, "in N ms").replace(/retrying in \d+ ms/, "retrying in N ms")]), [
    ["debug", `truedy-client: ${list} sent (attempt 1)`],
    ["warn", `truedy-client: ${list} 503 provider_error in N ms (attempt 1); retrying in N ms`],
    ["debug", `truedy-client: ${list} sent (attempt 2)`],
    ["info", `truedy-client: ${list} 200 in N ms (attempt 2)`],
    ["debug", "truedy-client: GET /calls/no-such-call sent (attempt 1)"],
    ["error", "truedy-client: GET /calls/no-such-call failed: 404 not_found in N ms (attempt 1)"],
  ]);
  assert.deepEqual(result.atWarn.map(([level]) => level), ["error"], "warn: failures (and retries) only");
  assert.deepEqual(result.atOff, []);
  assert.ok(![...result.atDebug, ...result.atWarn].some(([, line]) => line.includes(mockApiKey) || /bearer/i.test(line)));
  assert.deepEqual(result.bad, { kind: "invalid_argument", message: "logLevel must be one of off, error, warn, info, debug" });
});

test("errors carry the response's headers and the wait the server asked for, without the key", async (t) => {
  const limited = await startMock(["--rate-limit", "2"]);
  t.after(() => limited.stop());
  const result = await page.evaluate(async ({ baseUrl, apiKey, limitedUrl }) => {
    const { TruedyClient } = window.truedy;
    const fail = async (promise) => { try { await promise; return null; } catch (e) { return { status: e.status, requestId: e.requestId, headers: e.headers, retryAfterMs: e.retryAfterMs }; } };
    const asked = await fail(new TruedyClient({ apiKey, baseUrl, maxRetries: 0, headers: { "X-Mock-Fault": "status=429,retry_after=2" } }).listCalls());
    const client = new TruedyClient({ baseUrl: limitedUrl, maxRetries: 0 });
    const answers = await Promise.all([1, 2, 3, 4].map(() => fail(client.listCalls({ limit: 1 }))));
    const echoed = await fail(new TruedyClient({ apiKey, baseUrl, maxRetries: 0, headers: { "X-Mock-Fault": "echo_auth" } }).listCalls());
    const notFound = await fail(new TruedyClient({ apiKey, baseUrl }).getCall("no-such-call"));
    return { asked, limited: answers.find((a) => a !== null), echoed: JSON.stringify(echoed), notFound };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey, limitedUrl: limited.apiUrl });
  assert.equal(result.asked.status, 429);
  assert.equal(result.asked.headers["retry-after"], "2");
  assert.equal(result.asked.retryAfterMs, 2000);
  assert.equal(result.asked.headers["x-request-id"], result.asked.requestId);
  assert.equal(result.limited.status, 429);
  assert.deepEqual([result.limited.headers["x-ratelimit-limit"], result.limited.headers["x-ratelimit-remaining"]], ["2", "0"]);
  assert.ok(result.limited.retryAfterMs > 0 && result.limited.retryAfterMs <= 1000, `${result.limited.retryAfterMs}`);
  assert.ok(!result.echoed.includes(mockApiKey), result.echoed);
  assert.equal(result.notFound.status, 404);
  assert.equal(result.notFound.retryAfterMs, undefined, "no wait asked");
  assert.equal(typeof result.notFound.headers["content-type"], "string");
});

test("Node: the package initializes itself, refuses a path baseUrl, and says to init() when a page has not", () => {
  const run = (code) => execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }).trim();
  // The "node" export condition: no init() needed; init() still works.
  const node = run(`
    const m = await import(${JSON.stringify(new URL("node.js", pkg).href)});
    const status = m.normalizeStatus("ongoing").status;
    await m.default();
    let path; try { new m.TruedyClient({ baseUrl: "/api/truedy" }); } catch (e) { path = [e instanceof m.TruedyError, e.kind, e.message]; }
    console.log(JSON.stringify({ status, path }));`);
  assert.deepEqual(JSON.parse(node), {
    status: "in_progress",
    path: [true, "invalid_argument", "baseUrl must be a full URL here: a path needs a page or a worker to resolve it"],
  });
  // The browser entry, not initialized: a TruedyError that says what to do.
  const early = run(`
    const m = await import(${JSON.stringify(new URL("index.js", pkg).href)});
    const caught = [];
    for (const use of [() => m.normalizeStatus("x"), () => new m.TruedyClient({ baseUrl: "https://x.test" })]) {
      try { use(); } catch (e) { caught.push([e instanceof m.TruedyError, e.kind, e.message]); }
    }
    console.log(JSON.stringify(caught));`);
  assert.deepEqual(JSON.parse(early), [
    [true, "invalid_argument", "truedy-client: `await init()` before using it"],
    [true, "invalid_argument", "truedy-client: `await init()` before using it"],
  ]);
});
