// Every method of the built package against a hostile or broken server (truedy-mock's fault
// items, per request through the X-Mock-Fault header). Self-contained so that it runs as is
// in Node and, through page.evaluate, in Chromium: hostile.test.mjs runs it in both.
//
// For each (method, fault) the outcome must be a value or a TruedyError, and after all of
// them the module must still work. Returns what it saw for the tests to check.
export async function hostileCases({ baseUrl, apiKey, origin, truedy }) {
  const t = truedy ?? window.truedy;
  const { TruedyClient, TruedyError } = t;
  const KEY = apiKey;
  const outcome = async (work) => {
    try {
      const value = await work();
      return { ok: true, value: value === undefined ? "undefined" : typeof value };
    } catch (e) {
      const text = [e?.message, JSON.stringify(e), String(e?.stack), JSON.stringify(e?.details)].join(" ");
      return {
        ok: false, isTruedyError: e instanceof TruedyError, kind: e?.kind, message: e?.message,
        status: e?.status, leaksKey: text.includes(KEY),
      };
    }
  };
  const client = (fault, extra = {}) =>
    new TruedyClient({ apiKey: KEY, baseUrl, maxRetries: 0, headers: { "X-Mock-Fault": fault }, ...extra });
  const good = new TruedyClient({ apiKey: KEY, baseUrl });
  const seeded = (await good.listCalls({ limit: 1, createdBefore: "2026-11-01T00:00:00Z", status: "ended" })).data[0].id;
  const methods = {
    listCalls: (c) => c.listCalls({ limit: 5 }),
    getCall: (c) => c.getCall(seeded),
    getTranscript: (c) => c.getTranscript(seeded),
    getRecordingUrl: (c) => c.getRecordingUrl(seeded),
    createCall: (c) => c.createCall({ agentId: "1f4baf16-1540-4d91-9696-7f34b2f2cb77", phoneNumber: "+14155550100" }),
    updateCall: (c) => c.updateCall("no-such-call", { context: { a: 1 } }),
    deleteCall: (c) => c.deleteCall("no-such-call"),
    bulkDeleteCalls: (c) => c.bulkDeleteCalls(["no-such-call"]),
    waitForCall: (c) => c.waitForCall(seeded, { intervalMs: 20, timeoutMs: 2000 }),
    listAllCalls: (c) => c.listAllCalls({ limit: 50 }, { concurrency: 4, max: 500 }),
    iterCalls: async (c) => { for await (const call of c.iterCalls({ limit: 50 })) return call; },
  };
  const faults = ["deep=3000", "truncate", "empty", "array", "status=502,html", "reset", "echo_auth",
    "total=4294967295,empty_data", "ignore_offset,total=1000000000"];
  const results = {};
  for (const fault of faults) {
    results[fault] = {};
    for (const [name, run] of Object.entries(methods)) results[fault][name] = await outcome(() => run(client(fault)));
  }
  // A body that stalls past the attempt's time limit; a page that nests past any limit.
  const slow = client("slow_body=3000", { timeoutMs: 300 });
  results.slow = { getCall: await outcome(() => slow.getCall(seeded)), listCalls: await outcome(() => slow.listCalls()) };
  const deepPayload = JSON.parse("[".repeat(5000) + "{}" + "]".repeat(5000));
  results.payloads = {
    normalizeCall: await outcome(() => t.normalizeCall({ id: "d", transcript: deepPayload, latency: deepPayload })),
    normalizeCalls: await outcome(() => t.normalizeCalls([{ id: "d", cost: deepPayload }])),
    cycle: await outcome(() => { const o = { id: "c" }; o.call_settings = o; return t.normalizeCall(o); }),
  };
  // Ids a URL would resolve to another path are refused before any request.
  results.ids = {};
  for (const id of [".", ".."]) {
    results.ids[`getCall(${id})`] = await outcome(() => good.getCall(id));
    results.ids[`deleteCall(${id})`] = await outcome(() => good.deleteCall(id));
  }
  // No speaker or label can close a WebVTT timing line: only the real ones contain "-->".
  const vtt = t.formatTranscript(
    [{ speaker: "X--", text: "a --> b", timestamp: 1 }, { speaker: "agent", text: "ok", timestamp: 2 }],
    { style: "vtt", labels: { agent: "Bot--" } },
  );
  const arrows = vtt.split("-->").length - 1;
  // Requests a lying total draws: the walk must stop after a handful, not run on.
  const walks = {};
  for (const fault of ["total=4294967295,empty_data", "ignore_offset,total=1000000000", "total=5000,empty_data", "ignore_offset,total=5000"]) {
    const marker = String(Math.floor(Math.random() * 1e9)).padStart(9, "0");
    const params = { limit: 50, createdBefore: `2026-11-01T00:00:00.000${marker}Z` };
    const result = await outcome(() => client(fault).listAllCalls(params, { concurrency: 4 }));
    const log = await (await fetch(`${origin}/__requests?path_prefix=/api/public/v1/calls&method=GET`)).json();
    walks[fault] = { result, requests: log.requests.filter((r) => r.query.includes(marker)).length };
  }
  const afterwards = {
    listCalls: (await good.listCalls({ limit: 2 })).data.length,
    normalizeCall: t.normalizeCall({ id: "fine", status: "completed" }).status,
    constructs: new TruedyClient({ baseUrl }) instanceof TruedyClient,
  };
  return { results, walks, afterwards, arrows };
}
