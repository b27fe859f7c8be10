// One meaning per field, against the strict simulator, through the built package (pkg/) in
// Chromium: the status filter in each server's vocabulary, directions, numbers and failure
// reasons per dialect (the seeds' own payloads, then every seeded call of each shape),
// waitForTranscript against seed 001's transcript endpoint, and onDrift.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, mockEnv } from "./harness.mjs";

const { mockApiUrl, mockOrigin, mockApiKey } = mockEnv();
// Seeded calls only (created before the simulator's reference instant): a stable listing.
const SEEDED = "2026-11-01T00:00:00Z";
// The dialects whose page documents a status filter, and the vocabulary that speaks it.
const FILTERED = [["000", "hyphenated"], ["001", "openapi"], ["002", "hyphenated"], ["003", "openapi"]];
// What each vocabulary sends for each canonical status it can express (README's table).
const WIRE = {
  openapi: { queued: "queued", ringing: "ringing", in_progress: "in_progress", ended: "completed", failed: "failed" },
  hyphenated: { queued: "queued", ringing: "ringing", in_progress: "in-progress", ended: "ended", failed: "failed", cancelled: "cancelled" },
};

let page, close;

before(async () => {
  ({ page, close } = await openPage());
  await page.evaluate(({ baseUrl, apiKey }) => {
    // A client of one strict shape (the simulator's `X-Mock-Shape`), with extra options.
    window.clientOf = (shape, options = {}) => new window.truedy.TruedyClient({
      apiKey, baseUrl, ...options, headers: { "X-Mock-Shape": shape, ...options.headers },
    });
    // The fields a test looks at, with raw's own words where they matter.
    window.brief = (c) => ({
      id: c.id, status: c.status, statusDetail: c.statusDetail, direction: c.direction, callType: c.callType,
      phoneNumber: c.phoneNumber, fromNumber: c.fromNumber, toNumber: c.toNumber,
      failureReason: c.failureReason, failureMessage: c.failureMessage, recordingExpiresAt: c.recordingExpiresAt,
      raw: { phone_number: c.raw.phone_number, direction: c.raw.direction, failure_reason: c.raw.failure_reason },
    });
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey });
});

after(async () => {
  await close?.();
});

for (const [shape, statusVocabulary] of FILTERED) {
  test(`shape ${shape}: listAllCalls({ status }) in the "${statusVocabulary}" vocabulary gives that status's calls`, async () => {
    const result = await page.evaluate(async ({ shape, statusVocabulary, wire, seeded }) => {
      const client = window.clientOf(shape, { statusVocabulary });
      const all = (await client.listAllCalls({ createdBefore: seeded })).map(window.brief);
      const byStatus = {};
      for (const status of Object.keys(wire)) {
        byStatus[status] = (await client.listAllCalls({ status, createdBefore: seeded })).map(window.brief);
      }
      return { all, byStatus };
    }, { shape, statusVocabulary, wire: WIRE[statusVocabulary], seeded: SEEDED });
    assert.ok(result.all.length > 100, `${result.all.length} seeded calls`);
    for (const [status, word] of Object.entries(WIRE[statusVocabulary])) {
      const got = result.byStatus[status];
      const ids = (calls) => calls.map((c) => c.id).sort();
      assert.ok(got.length > 0, `${shape} ${status}: the dataset has such calls`);
      assert.ok(got.every((c) => c.status === status), `${shape} ${status}: ${got.map((c) => c.statusDetail)}`);
      // The server matches the word it was sent.
      assert.deepEqual(ids(got), ids(result.all.filter((c) => c.statusDetail === word)), `${shape} ${status} -> ${word}`);
      if (shape === "001" && (status === "ended" || status === "failed")) {
        // Seed 001 files some ended and failed calls under words of their own (README).
        const others = result.all.filter((c) => c.status === status && c.statusDetail !== word);
        assert.deepEqual([...new Set(others.map((c) => c.statusDetail))].sort(),
          status === "ended" ? ["voicemail"] : ["busy", "no_answer"]);
      } else {
        assert.deepEqual(ids(got), ids(result.all.filter((c) => c.status === status)), `${shape} ${status}: exactly`);
      }
    }
  });
}

test("a canonical word in the wrong vocabulary is refused by the strict simulator, naming its words", async () => {
  const result = await page.evaluate(async () => {
    const failure = async (promise) => {
      try { await promise; return null; } catch (e) { return { status: e.status, code: e.code, message: e.message, isTruedyError: e instanceof window.truedy.TruedyError }; }
    };
    return {
      hyphenatedTo001: await failure(window.clientOf("001", { statusVocabulary: "hyphenated" }).listCalls({ status: "in_progress" })),
      openapiTo002: await failure(window.clientOf("002").listCalls({ status: "ended" })),
      asGiven: await failure(window.clientOf("001").listCalls({ status: "no_answer", limit: 5 })),
      badVocabulary: await failure((async () => window.clientOf("001", { statusVocabulary: "snake" }))()),
    };
  });
  assert.deepEqual(
    { ...result.hyphenatedTo001, message: undefined },
    { status: 422, code: "validation_error", message: undefined, isTruedyError: true },
  );
  assert.match(result.hyphenatedTo001.message, /in_progress, completed/);
  assert.equal(result.openapiTo002.status, 422, "002 has no `completed`");
  assert.match(result.openapiTo002.message, /in-progress, ended/);
  assert.equal(result.asGiven, null, "a word that is not canonical goes as given: 001 filters by no_answer");
  assert.equal(result.badVocabulary.message, 'statusVocabulary must be "openapi" or "hyphenated"');
});

test("the seeds' own payloads: directions, numbers, failure reasons, recording expiry", async () => {
  const result = await page.evaluate(async () => {
    const { normalizeCall, normalizeCalls } = window.truedy;
    const fixture = async (name) => (await fetch(`/core/tests/fixtures/${name}.json`)).json();
    const page = async (name) => normalizeCalls((await fixture(name)).data).map(window.brief);
    return {
      s000: window.brief(normalizeCall(await fixture("seed000_completed_call"))),
      s001: await page("seed001_list_response"),
      s002: await page("seed002_list_response"),
      s003: await page("seed003_list_response"),
      s004phone: window.brief(normalizeCall(await fixture("seed004_phone_call"))),
      s004web: window.brief(normalizeCall(await fixture("seed004_web_call"))),
      s004webIncoming: window.brief(normalizeCall({ ...(await fixture("seed004_web_call")), direction: "incoming" })),
    };
  });
  const pick = (c, ...keys) => Object.fromEntries(keys.map((k) => [k, c[k]]));
  // Seed 000: outbound, the contact in phone_number, the Truedy line in from_number.
  assert.deepEqual(pick(result.s000, "direction", "phoneNumber", "fromNumber", "toNumber", "failureReason", "recordingExpiresAt"),
    { direction: "outbound", phoneNumber: "+14155551234", fromNumber: "+18005559876", toNumber: null, failureReason: null, recordingExpiresAt: "2024-04-09T00:00:00.000Z" });
  // Seed 001: completed, failed with context.last_error, voicemail (inbound).
  assert.deepEqual(result.s001.map((c) => pick(c, "status", "direction", "phoneNumber", "failureReason", "failureMessage")), [
    { status: "ended", direction: "outbound", phoneNumber: "+14155550123", failureReason: null, failureMessage: null },
    { status: "failed", direction: "outbound", phoneNumber: "+14155550199", failureReason: "error", failureMessage: "Telnyx: destination number is not reachable" },
    { status: "ended", direction: "inbound", phoneNumber: "+14155550142", failureReason: "voicemail", failureMessage: null },
  ]);
  // Seed 002: a web call that failed with agent-error.
  assert.deepEqual(result.s002.map((c) => pick(c, "direction", "phoneNumber", "failureReason")), [
    { direction: "outbound", phoneNumber: "+14155551234", failureReason: null },
    { direction: "webrtc", phoneNumber: null, failureReason: "agent_error" },
  ]);
  // Seed 003's list example: `from`/`to`, outbound, so the contact is `to`.
  assert.deepEqual(result.s003.map((c) => pick(c, "direction", "phoneNumber", "fromNumber", "toNumber")), [
    { direction: "outbound", phoneNumber: "+12125551234", fromNumber: "+18005559876", toNumber: "+12125551234" },
    { direction: "outbound", phoneNumber: "+15559876543", fromNumber: "+18005559876", toNumber: "+15559876543" },
  ]);
  // Seed 004: an incoming phone call's contact is its caller; a web call is webrtc whatever
  // its direction says; `expires=3600` is a lifetime, not a date.
  assert.deepEqual(pick(result.s004phone, "direction", "phoneNumber", "fromNumber", "toNumber", "recordingExpiresAt"),
    { direction: "inbound", phoneNumber: "+14155551234", fromNumber: "+14155551234", toNumber: "+18005559876", recordingExpiresAt: null });
  assert.equal(result.s004web.direction, "webrtc");
  assert.equal(result.s004webIncoming.direction, "webrtc");
});

test("every seeded call of every shape: one direction vocabulary, the contact's number, one failure vocabulary", async () => {
  const result = await page.evaluate(async (seeded) => {
    const out = {};
    for (const shape of ["000", "001", "002", "003", "004"]) {
      const calls = await window.clientOf(shape).listAllCalls({ createdBefore: seeded });
      out[shape] = calls.map(window.brief);
    }
    return out;
  }, SEEDED);
  const REASONS = ["no_answer", "busy", "invalid_number", "agent_error", "voicemail", "error"];
  for (const [shape, calls] of Object.entries(result)) {
    assert.ok(calls.length >= 40, `${shape}: ${calls.length}`);
    const directions = new Set(calls.map((c) => c.direction));
    const expected = { "000": ["inbound", "outbound", "webrtc"], "001": ["inbound", "outbound"], "002": ["inbound", "outbound", "webrtc"], "003": ["inbound", "outbound"], "004": ["inbound", "outbound", "webrtc"] }[shape];
    assert.deepEqual([...directions].sort(), expected, `${shape} directions`);
    for (const c of calls) {
      if (shape === "004") assert.equal(c.direction === "webrtc", c.callType === "web_call", `${shape} ${c.id}`);
      // The contact: phone_number where sent, else the caller inbound and the callee outbound.
      const contact = c.raw.phone_number ?? (c.direction === "inbound" ? c.fromNumber : c.direction === "outbound" ? c.toNumber : null);
      if (c.direction !== "webrtc") assert.equal(c.phoneNumber, contact, `${shape} ${c.id}`);
      if (c.failureReason !== null) assert.ok(REASONS.includes(c.failureReason), `${shape}: ${c.failureReason}`);
    }
    const failed = calls.filter((c) => c.status === "failed");
    const reasons = new Set(failed.map((c) => c.failureReason));
    if (shape === "000") assert.deepEqual([...reasons].sort(), ["agent_error", "busy", "invalid_number", "no_answer"]);
    if (shape === "001") {
      assert.deepEqual([...reasons].sort(), ["busy", "error", "no_answer"]);
      assert.ok(failed.filter((c) => c.failureReason === "error").every((c) => c.failureMessage?.length > 0), "last_error's text");
      assert.ok(calls.some((c) => c.failureReason === "voicemail" && c.status === "ended"));
    }
    if (shape === "004") assert.deepEqual([...reasons].filter(Boolean).sort(), ["busy", "error", "no_answer"]);
    if (shape === "002" || shape === "003") assert.deepEqual([...reasons], [null], `${shape} says no reason`);
  }
});

test("waitForTranscript finishes against seed 001, whose call object has no transcript", async () => {
  const result = await page.evaluate(async (origin) => {
    const client = window.clientOf("001");
    const agents = await (await fetch(`${origin}/__agents`)).json();
    const agentId = (agents.agents ?? agents.data)[0].id;
    const placed = await client.createCall({ agentId, phoneNumber: `+1415555${String(1000 + Math.floor(Math.random() * 8000))}` });
    const done = await client.waitForCall(placed.id, { intervalMs: 50, maxIntervalMs: 200, timeoutMs: 20000, waitForTranscript: true });
    const log = await (await fetch(`${origin}/__requests?path_prefix=/api/public/v1/calls/${placed.id}/transcript&method=GET`)).json();
    return { status: done.status, turns: done.transcript?.length ?? 0, summary: done.summary, raw: "transcript" in done.raw, asked: log.requests.map((r) => r.status) };
  }, mockOrigin);
  assert.equal(result.status, "ended");
  assert.ok(result.turns > 0, "the turns of GET /calls/{id}/transcript");
  assert.ok(result.summary, "and its summary");
  assert.equal(result.raw, false, "raw stays the call object the server sent");
  assert.equal(result.asked.at(-1), 200);
});

test("onDrift: once per new word or field, never for documented ones", async () => {
  const result = await page.evaluate(async (seeded) => {
    const { normalizeCalls } = window.truedy;
    const events = [];
    const onDrift = (event) => events.push(event);
    // Every strict shape speaks only documented words and fields.
    for (const shape of ["000", "001", "002", "003", "004"]) {
      const client = window.clientOf(shape, { onDrift });
      const calls = await client.listAllCalls({ createdBefore: seeded });
      await client.getCall(calls[0].id);
    }
    const documented = events.splice(0);
    const fixtures = [];
    for (const name of ["seed000_completed_call", "seed004_phone_call", "seed004_web_call"]) {
      fixtures.push(await (await fetch(`/core/tests/fixtures/${name}.json`)).json());
    }
    for (const name of ["seed001_list_response", "seed002_list_response", "seed003_list_response"]) {
      fixtures.push(...(await (await fetch(`/core/tests/fixtures/${name}.json`)).json()).data);
    }
    normalizeCalls(fixtures, { onDrift });
    const fromSeeds = events.splice(0);
    normalizeCalls([
      { id: "a", status: "on_hold", direction: "sideways", sentiment_score: 1 },
      { id: "b", status: "on_hold", direction: "Sideways", sentiment_score: 2, queue: "vip" },
      { id: "c", status: "in-progress", direction: "outgoing" },
    ], { onDrift });
    const batch = events.splice(0);
    // A server that drifts (the simulator's `drift` fault on every response of this client):
    // each word once per client, across requests.
    const drifting = window.clientOf("001", { onDrift, headers: { "X-Mock-Fault": "drift" } });
    const page = await drifting.listCalls({ createdBefore: seeded, limit: 5 });
    await drifting.getCall(page.data[0].id);
    const fromServer = events.splice(0);
    const throwing = window.clientOf("001", { onDrift: () => { throw new Error("a logger that fails"); }, headers: { "X-Mock-Fault": "drift" } });
    const stillWorks = (await throwing.listCalls({ createdBefore: seeded, limit: 2 })).data.map((c) => c.status);
    return { documented, fromSeeds, batch, fromServer, firstId: page.data[0].id, stillWorks };
  }, SEEDED);
  assert.deepEqual(result.documented, [], "documented words and fields are not drift");
  assert.deepEqual(result.fromSeeds, []);
  assert.deepEqual(result.batch, [
    { kind: "status", value: "on_hold", callId: "a" },
    { kind: "direction", value: "sideways", callId: "a" },
    { kind: "field", value: "sentiment_score", callId: "a" },
    { kind: "direction", value: "Sideways", callId: "b" },
    { kind: "field", value: "queue", callId: "b" },
  ]);
  assert.deepEqual(result.fromServer, [
    { kind: "status", value: "on_hold", callId: result.firstId },
    { kind: "direction", value: "sideways", callId: result.firstId },
    { kind: "field", value: "sentiment_score", callId: result.firstId },
  ]);
  assert.deepEqual(result.stillWorks, ["unknown", "unknown"], "a throwing onDrift changes nothing");
});
