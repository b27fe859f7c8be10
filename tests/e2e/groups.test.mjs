// summarizeCalls(calls, { groupBy, timeZone }) from the built package, in Chromium and in
// Node, on the seeded calls of a simulator of its own: each group's summary is the flat
// summary of exactly the calls a plain-JavaScript oracle (Intl for the time zones) puts in
// it, in the documented order. The calls come in seed 000's shape, the one with outcomes,
// agents and costs all on the call object.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openPage, startMock } from "./harness.mjs";
import * as node from "../../pkg/node.js";

let page, close, mock;

before(async () => {
  mock = await startMock(["--shape", "000", "--calls", "500"]);
  ({ page, close } = await openPage());
});

after(async () => {
  await close?.();
  mock?.stop();
});

/**
 * The groups a plain-JavaScript reading of the docs gives, as [key, ids] in order; runs in
 * the page and in Node (it is passed as source).
 */
function oracle(calls, groupBy, timeZone) {
  const STATUSES = ["queued", "ringing", "in_progress", "ended", "failed", "cancelled", "unknown"];
  const DIRECTIONS = ["outbound", "inbound", "webrtc", "unknown"];
  const parts = (iso) => {
    const f = new Intl.DateTimeFormat("en-US", { timeZone: timeZone ?? "UTC", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", timeZoneName: "longOffset" });
    return Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  };
  const keyOf = (c) => {
    switch (groupBy) {
      case "agent": return c.agentId || null;
      case "outcome": return c.outcome?.trim() || null;
      case "status": return c.status;
      case "direction": return c.direction ?? "unknown";
      case "day": case "hour": {
        if (!c.createdAt) return null;
        const p = parts(c.createdAt);
        const day = `${p.year}-${p.month}-${p.day}`;
        if (groupBy === "day") return day;
        const offset = /^GMT([+-]00:00)?$/.test(p.timeZoneName) ? "Z" : p.timeZoneName.slice(3);
        return `${day}T${p.hour}:00:00${offset}`;
      }
    }
  };
  const groups = new Map();
  for (const c of calls) {
    const k = keyOf(c);
    if (!groups.has(k)) groups.set(k, { ids: [], first: Date.parse(c.createdAt) });
    const g = groups.get(k);
    g.ids.push(c.id);
    g.first = Math.min(g.first, Date.parse(c.createdAt));
  }
  const rank = (k, g) => groupBy === "status" ? STATUSES.indexOf(k) : groupBy === "direction" ? DIRECTIONS.indexOf(k)
    : groupBy === "day" ? k : groupBy === "hour" ? g.first : -g.ids.length;
  return [...groups].sort(([a, ga], [b, gb]) => {
    if ((a === null) !== (b === null)) return a === null ? 1 : -1;
    const [x, y] = [rank(a, ga), rank(b, gb)];
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  }).map(([k, g]) => [k, g.ids]);
}

const CASES = [
  ["agent"], ["outcome"], ["status"], ["direction"], ["day"], ["hour"],
  ["day", "America/New_York"], ["hour", "Asia/Kolkata"], ["hour", "Europe/Berlin"], ["day", "Pacific/Kiritimati"],
];

/** For each case: the package's groups, the oracle's, and the flat summary of each oracle group. */
async function run(truedy, baseUrl, oracleSource, cases) {
  const oracle = new Function(`return ${oracleSource}`)();
  const client = new truedy.TruedyClient({ baseUrl });
  const calls = await client.listAllCalls();
  const byId = new Map(calls.map((c) => [c.id, c]));
  return cases.map(([groupBy, timeZone]) => {
      const got = truedy.summarizeCalls(calls, { groupBy, timeZone });
      const want = oracle(calls, groupBy, timeZone);
      return {
        groupBy, timeZone, count: calls.length,
        got: got.map((g) => [g.key, g.summary]),
        want: want.map(([key, ids]) => [key, truedy.summarizeCalls(ids.map((id) => byId.get(id)))]),
      };
    });
}

function check(results) {
  assert.equal(results.length, CASES.length);
  for (const { groupBy, timeZone, count, got, want } of results) {
    const what = `${groupBy}${timeZone ? ` in ${timeZone}` : ""}`;
    assert.equal(count, 500, "every seeded call listed");
    assert.ok(want.length > 1, `${what}: several groups`);
    assert.deepEqual(got.map(([k]) => k), want.map(([k]) => k), `${what}: keys in order`);
    assert.deepEqual(got, want, `${what}: each summary is that group's flat summary`);
  }
}

test("summarizeCalls groups like a plain-JavaScript reading of the docs, in Chromium", async () => {
  const results = await page.evaluate(
    ({ baseUrl, source, run, cases }) => new Function(`return ${run}`)()(window.truedy, baseUrl, source, cases),
    { baseUrl: mock.apiUrl, source: oracle.toString(), run: run.toString(), cases: CASES },
  );
  check(results);
});

test("summarizeCalls groups the same in Node", async () => {
  check(await run(node, mock.apiUrl, oracle.toString(), CASES));
});

test("summarizeCalls refuses a bad groupBy or time zone with invalid_argument, and stays usable", async () => {
  const result = await page.evaluate(() => {
    const { summarizeCalls } = window.truedy;
    const calls = [{ status: "ended", createdAt: "2024-04-05T14:21:58Z", agentId: "a", durationSeconds: 10 }];
    const errors = [
      [calls, { groupBy: "week" }], [calls, { groupBy: "day", timeZone: "Mars/Olympus_Mons" }],
      [calls, { groupBy: "day", timeZone: 5 }], [calls, "day"], [{ length: 1 }, { groupBy: "agent" }],
    ].map(([c, o]) => { try { summarizeCalls(c, o); return "no error"; } catch (e) { return `${e.name} ${e.kind}: ${e.message}`; } });
    const after = summarizeCalls(calls, { groupBy: "hour", timeZone: "Asia/Kathmandu" });
    return { errors, after: after.map((g) => [g.key, g.summary.count]) };
  });
  assert.deepEqual(result.errors, [
    "TruedyError invalid_argument: options.groupBy must be one of agent, day, hour, status, direction, outcome",
    'TruedyError invalid_argument: options.timeZone must be an IANA time zone this runtime knows, such as "Europe/Paris" (got "Mars/Olympus_Mons")',
    "TruedyError invalid_argument: options.timeZone must be a string",
    "TruedyError invalid_argument: options must be an object",
    "TruedyError invalid_argument: calls must be an array",
  ]);
  // Kathmandu is UTC+05:45: 14:21:58Z is 20:06 there.
  assert.deepEqual(result.after, [["2024-04-05T20:00:00+05:45", 1]]);
});
