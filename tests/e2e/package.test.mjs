// The built package (pkg/) imported by a real page in Chromium, calling truedy-mock.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, mockEnv } from "./harness.mjs";

const { mockApiUrl, mockApiKey } = mockEnv();

let page, close;

before(async () => {
  ({ page, close } = await openPage());
});

after(async () => {
  await close?.();
});

test("listCalls and getCall return normalized calls in the page", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const client = new window.truedy.TruedyClient({ apiKey, baseUrl });
    const list = await client.listCalls({ limit: 5 });
    const one = await client.getCall(list.data[0].id);
    return { count: list.data.length, total: list.total, hasMore: list.hasMore, firstId: list.data[0].id, one };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.equal(result.count, 5);
  assert.ok(result.total > 5);
  assert.equal(result.hasMore, true);
  assert.equal(result.one.id, result.firstId);
  assert.ok(["queued", "ringing", "in_progress", "ended", "failed", "cancelled", "unknown"].includes(result.one.status));
  assert.equal(typeof result.one.isTerminal, "boolean");
  assert.equal(typeof result.one.raw, "object");
});

test("errors are TruedyError instances with status and code, without the key", async () => {
  const secret = "sk_live_page_secret_42";
  const result = await page.evaluate(async ({ baseUrl, apiKey, secret }) => {
    const { TruedyClient, TruedyError } = window.truedy;
    const describe = (e) => ({
      isTruedyError: e instanceof TruedyError, isError: e instanceof Error, name: e.name, kind: e.kind,
      status: e.status, code: e.code, message: e.message, text: String(e) + JSON.stringify(e) + e.stack,
    });
    const good = new TruedyClient({ apiKey, baseUrl });
    const missing = await good.getCall("no-such-call").catch(describe);
    const unauthorized = await new TruedyClient({ apiKey: secret, baseUrl }).listCalls().catch(describe);
    let badOptions;
    try { new TruedyClient({ maxRetries: -1 }); } catch (e) { badOptions = describe(e); }
    const after = await good.listCalls({ limit: 1 });
    return { missing, unauthorized, badOptions, stillWorks: after.data.length };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey, secret });
  assert.equal(result.missing.isTruedyError, true);
  assert.equal(result.missing.isError, true);
  assert.equal(result.missing.name, "TruedyError");
  assert.equal(result.missing.status, 404);
  assert.equal(result.missing.code, "not_found");
  assert.equal(result.unauthorized.status, 401);
  assert.ok(!result.unauthorized.text.includes(secret), "the API key must not appear in the error");
  assert.equal(result.badOptions.kind, "invalid_argument");
  assert.equal(result.stillWorks, 1);
});

test("formatTranscript, callsToCsv and summarizeCalls work on what the client returns", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const { TruedyClient, formatTranscript, callsToCsv, summarizeCalls, TruedyError } = window.truedy;
    const client = new TruedyClient({ apiKey, baseUrl });
    // Seeded calls only (created before 1 Nov 2026): calls other tests place may end without one.
    const list = await client.listCalls({ status: "ended", limit: 20, createdBefore: "2026-11-01T00:00:00Z" });
    const { turns } = await client.getTranscript(list.data[0].id);
    const hostile = [{ speaker: "<img src=x onerror=alert(1)>", text: "<script>alert(1)</script>", timestamp: 1.25 }];
    let badStyle;
    try { formatTranscript(turns, { style: "pdf" }); } catch (e) { badStyle = { isTruedyError: e instanceof TruedyError, kind: e.kind }; }
    return {
      turns: turns.length,
      plain: formatTranscript(turns),
      vtt: formatTranscript(turns, { style: "vtt" }),
      html: formatTranscript(hostile, { style: "html" }),
      csv: callsToCsv(list.data, { columns: ["id", "status"] }),
      summary: summarizeCalls(list.data),
      count: list.data.length,
      badStyle,
    };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.ok(result.turns > 0, "an ended seeded call has a transcript");
  assert.equal(result.plain.split("\n").length, result.turns);
  assert.match(result.plain, /^(Agent|Contact): /);
  assert.match(result.vtt, /^WEBVTT\n/);
  assert.ok(!result.html.includes("<script>") && !result.html.includes("<img"), result.html);
  const rows = result.csv.trimEnd().split("\r\n");
  assert.equal(rows[0], "id,status");
  assert.equal(rows.length, result.count + 1);
  assert.equal(result.summary.count, result.count);
  assert.equal(result.summary.byStatus.ended, result.count);
  assert.deepEqual(result.badStyle, { isTruedyError: true, kind: "invalid_argument" });
});

test("normalizeCall and normalizeCalls: raw is the caller's own object, one call per payload", async () => {
  const result = await page.evaluate(() => {
    const { normalizeCall, normalizeCalls, TruedyError } = window.truedy;
    const bare = { id: "c1", status: "completed", duration_ms: 1500, variables: { first_name: "Jane" },
      transcript: [{ role: "assistant", content: "Hi" }, "noise", { speaker: "Nurse", text: "Yes", start_ms: 2500 }] };
    const inner = { id: "c2", status: "no-answer", created_at: "2024-04-05T14:21:58+02:00", metadata: { a: 1 }, context: { b: 2 } };
    const envelope = { data: inner, meta: { request_id: "r1" } };
    const one = normalizeCall(bare);
    const many = normalizeCalls([bare, envelope]);
    const failure = (f) => { try { f(); return "no error"; } catch (e) { return { isTruedyError: e instanceof TruedyError, kind: e.kind, message: e.message }; } };
    return {
      sameRaw: one.raw === bare && many[0].raw === bare && many[1].raw === inner,
      one: { ...one, raw: undefined },
      second: { ...many[1], raw: undefined },
      count: many.length,
      empty: normalizeCalls([]),
      notArray: failure(() => normalizeCalls({ data: [] })),
      badItem: failure(() => normalizeCalls([bare, [1, 2]])),
      deep: failure(() => normalizeCall(JSON.parse("[".repeat(5000) + "]".repeat(5000)))),
      stillWorks: normalizeCall({ id: "c3" }).id,
    };
  });
  assert.equal(result.sameRaw, true, "raw is the very object passed (its data for an envelope)");
  assert.equal(result.count, 2);
  assert.deepEqual(result.empty, []);
  assert.equal(result.one.status, "ended");
  assert.equal(result.one.durationSeconds, 1.5);
  assert.deepEqual(result.one.variables, { first_name: "Jane" });
  assert.deepEqual(result.one.transcript, [
    { speaker: "agent", text: "Hi", timestamp: null },
    { speaker: "Nurse", text: "Yes", timestamp: 2.5 },
  ]);
  assert.equal(result.second.status, "failed");
  assert.equal(result.second.statusDetail, "no-answer");
  assert.equal(result.second.createdAt, "2024-04-05T12:21:58Z");
  assert.deepEqual(result.second.context, { a: 1, b: 2 });
  assert.deepEqual(result.notArray, { isTruedyError: true, kind: "invalid_argument", message: "raws must be an array" });
  assert.deepEqual(result.badItem, { isTruedyError: true, kind: "decode", message: "raws[1]: expected a call object, got an array" });
  assert.equal(result.deep.isTruedyError, true);
  assert.equal(result.deep.kind, "decode");
  assert.equal(result.stillWorks, "c3", "the module works after every error");
});

test("a listed call's raw is the object the response body held, and is not copied twice", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey }) => {
    const client = new window.truedy.TruedyClient({ apiKey, baseUrl });
    const page = await client.listCalls({ limit: 3 });
    const call = await client.getCall(page.data[0].id);
    return {
      rawIsObject: page.data.every((c) => typeof c.raw === "object" && c.raw !== null && c.raw.id === c.id),
      variablesShared: page.data.every((c) => c.variables === null || c.variables === (c.raw.variables ?? c.raw.vars_provided)),
      oneRaw: call.raw && call.raw.id === call.id,
    };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
  assert.deepEqual(result, { rawIsObject: true, variablesShared: true, oneRaw: true });
});
