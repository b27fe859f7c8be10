// The built package against a hostile server (hostile-cases.mjs), in Chromium and in Node:
// every outcome is a value or a TruedyError, nothing leaks the key, a lying total or an
// ignored offset stops the walk, and the module works afterwards. In Node an async callback
// that rejects must not become an unhandled rejection (which ends the process).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, mockEnv } from "./harness.mjs";
import { hostileCases } from "./hostile-cases.mjs";

const { mockApiUrl, mockOrigin, mockApiKey } = mockEnv();
const args = { baseUrl: mockApiUrl, apiKey: mockApiKey, origin: mockOrigin };

/** The package in this Node process, initialised from the .wasm bytes. */
async function nodePackage() {
  const truedy = await import("../../pkg/index.js");
  truedy.initSync({ module: await readFile(new URL("../../pkg/truedy-client/truedy_client_bg.wasm", import.meta.url)) });
  return truedy;
}

function check(seen) {
  for (const [fault, methods] of Object.entries({ ...seen.results })) {
    for (const [method, o] of Object.entries(methods)) {
      const where = `${method} against ${fault}: ${JSON.stringify(o)}`;
      if (!o.ok) {
        assert.equal(o.isTruedyError, true, where);
        assert.equal(o.leaksKey, false, where);
      }
    }
  }
  const r = seen.results;
  for (const method of ["listCalls", "getCall", "getTranscript", "waitForCall", "listAllCalls"]) {
    assert.equal(r["deep=3000"][method].kind, "decode", `deep nesting: ${method}`);
    assert.equal(r.truncate[method].kind, "decode", `truncated body: ${method}`);
  }
  for (const method of Object.keys(r.reset)) assert.equal(r.reset[method].kind, "network", `reset: ${method}`);
  for (const method of Object.keys(r.echo_auth)) {
    assert.equal(r.echo_auth[method].status, 401, `echoed key: ${method}`);
    assert.match(r.echo_auth[method].message, /\[redacted\]/, `echoed key: ${method}`);
  }
  assert.equal(seen.results.slow.getCall.kind, "timeout");
  for (const [call, o] of Object.entries(seen.results.ids)) assert.equal(o.kind, "invalid_argument", call);
  assert.equal(seen.arrows, 2, "only the two timing lines hold -->");
  for (const [name, o] of Object.entries(seen.results.payloads)) assert.equal(o.kind, "decode", `${name}: ${JSON.stringify(o)}`);
  for (const [fault, walk] of Object.entries(seen.walks)) {
    assert.equal(walk.result.kind, "decode", `${fault}: ${JSON.stringify(walk.result)}`);
    assert.match(walk.result.message, /^listAllCalls stopped: /, fault);
    assert.ok(walk.requests <= 6, `${fault}: ${walk.requests} requests`);
  }
  assert.deepEqual(seen.afterwards, { listCalls: 2, normalizeCall: "ended", constructs: true });
}

let page, close;
before(async () => ({ page, close } = await openPage()));
after(async () => close?.());

test("hostile server, in Chromium: typed errors, no key, bounded walks, a working module", async () => {
  check(await page.evaluate(hostileCases, args));
});

test("hostile server, in Node: the same, through the package as Node loads it", async () => {
  check(await hostileCases({ ...args, truedy: await nodePackage() }));
});

test("in Node, callbacks that reject or throw are ignored, never unhandled", async () => {
  const truedy = await nodePackage();
  const client = new truedy.TruedyClient({ apiKey: mockApiKey, baseUrl: mockApiUrl });
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(String(reason));
  process.on("unhandledRejection", onUnhandled);
  try {
    let progress = 0, updates = 0;
    const calls = await client.listAllCalls({ limit: 40 }, { max: 120, onProgress: async () => { progress++; throw new Error("progress bar broke"); } });
    const id = calls.find((c) => c.isTerminal)?.id;
    const call = await client.waitForCall(id, { onUpdate: async () => { updates++; throw new Error("render broke"); } });
    await client.listAllCalls({ limit: 40 }, { max: 40, onProgress: () => { throw new Error("sync throw"); } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(calls.length, 120);
    assert.equal(call.id, id);
    assert.ok(progress >= 3 && updates === 1, `${progress} progress, ${updates} updates`);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});

test("a Retry-After one request gets holds back the client's other requests", async () => {
  const result = await page.evaluate(async ({ baseUrl, apiKey, origin }) => {
    const { TruedyClient } = window.truedy;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const client = new TruedyClient({ apiKey, baseUrl, maxRetries: 2 });
    const id = (await client.listCalls({ limit: 1, createdBefore: "2026-11-01T00:00:00Z" })).data[0].id;
    await fetch(`${origin}/__faults`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: `/api/public/v1/calls/${id}`, method: "GET", fault: "status=429,retry_after_ms=600", times: 1 }),
    });
    const started = performance.now();
    const first = client.getCall(id); // refused, told to wait 600 ms, then served
    await sleep(150); // the refusal is in
    const other = performance.now();
    await client.listCalls({ limit: 1 }); // another request of the same client
    const otherDone = performance.now();
    const call = await first;
    return { waited: otherDone - other, sinceStart: otherDone - started, firstOk: call.id === id };
  }, { baseUrl: mockApiUrl, apiKey: mockApiKey, origin: mockOrigin });
  assert.equal(result.firstOk, true);
  assert.ok(result.sinceStart >= 550, `the other request went out before the wait was over: ${JSON.stringify(result)}`);
});
