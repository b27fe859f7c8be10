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
    const list = await client.listCalls({ status: "ended", limit: 20 });
    const withTranscript = await client.getCall(list.data[0].id);
    const turns = withTranscript.transcript ?? [];
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
