// listAllCalls against seed 002's pagination loop: every call of a 10,000-call listing (100
// pages of 100) from a simulator that answers each request 40 ms late, in Chromium.
//
//   baseline        seed 002's "fetch all calls" loop, in plain JS with fetch: one page after
//                   the other until offset + limit >= meta.total (the simulator speaks 002)
//   listAllCalls c  the client, concurrency c (4 and 6; Chromium opens 6 connections per
//                   host over HTTP/1.1)
//
// The ideal for concurrency c: the first page alone, then the other 99 in ceil(99 / c) rounds,
// a round being one page's round trip over the network alone (plain fetch of one page of 100
// and reading its body as text, no parsing), measured in the same run:
// bound = (1 + ceil(99 / c)) x round trip, i.e. 26 rounds at 4 (at best 3.8x the baseline) and
// 18 at 6 (5.6x). Target: within 1.25x of the bound. Medians of REPS runs, interleaved. Not a
// test: it prints figures and never fails on them.
import { startMock, openPage } from "./harness.mjs";

const CALLS = 10000;
const LATENCY_MS = 40;
const REPS = 5;
const CONCURRENCY = [4, 6];
const TARGET = 1.25;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;

const mock = await startMock(["--calls", String(CALLS), "--latency-ms", String(LATENCY_MS), "--shape", "002"]);
const { page, close } = await openPage();
try {
  const runs = await page.evaluate(
    async ({ apiUrl, reps, concurrencies }) => {
      const { TruedyClient } = window.truedy;
      const client = new TruedyClient({ baseUrl: apiUrl });
      const timed = async (work) => {
        const start = performance.now();
        const value = await work();
        return { ms: performance.now() - start, count: value.length };
      };

      // Seed 002's loop, as its docs write it (Python there), in JS.
      async function fetchAllCalls() {
        const allCalls = [];
        let offset = 0;
        const limit = 100;
        while (true) {
          const response = await fetch(`${apiUrl}/calls?limit=${limit}&offset=${offset}`);
          const result = await response.json();
          allCalls.push(...result.data);
          if (offset + limit >= result.meta.total) break;
          offset += limit;
        }
        return allCalls;
      }

      // One page's round trip: the network alone (plain fetch, body read as text), and for
      // comparison through listCalls and listAllCalls (after a warm-up).
      await client.listAllCalls({}, { max: 100 });
      const roundTrips = { network: [], walk: [], listCalls: [] };
      for (let i = 0; i < 15; i++) {
        const offset = 100 * ((i * 7) % 100);
        roundTrips.network.push((await timed(async () => await (await fetch(`${apiUrl}/calls?limit=100&offset=${offset}`)).text())).ms);
        roundTrips.walk.push((await timed(() => client.listAllCalls({ offset }, { max: 100 }))).ms);
        roundTrips.listCalls.push((await timed(async () => (await client.listCalls({ limit: 100, offset })).data)).ms);
      }

      const results = { baseline: [] };
      for (const c of concurrencies) results[c] = [];
      for (let rep = 0; rep < reps; rep++) {
        results.baseline.push(await timed(fetchAllCalls));
        for (const c of concurrencies) results[c].push(await timed(() => client.listAllCalls({}, { concurrency: c })));
      }
      return { roundTrips, results };
    },
    { apiUrl: mock.apiUrl, reps: REPS, concurrencies: CONCURRENCY },
  );

  const roundTrip = median(runs.roundTrips.network);
  const counts = new Set(Object.values(runs.results).flat().map((r) => r.count));
  const baseline = median(runs.results.baseline.map((r) => r.ms));
  console.log(`pagination: ${CALLS} calls, 100 pages of 100, --latency-ms ${LATENCY_MS}, Chromium, median of ${REPS} runs`);
  console.log(`  calls listed by every run: ${[...counts].join(", ")}`);
  console.log(
    `  one page round trip: ${ms(roundTrip)} over the network alone (plain fetch + text: the round), ` +
      `${ms(median(runs.roundTrips.listCalls))} through listCalls, ${ms(median(runs.roundTrips.walk))} through listAllCalls`,
  );
  console.log(`  baseline (seed 002 loop, sequential fetch): ${ms(baseline)}`);
  for (const c of CONCURRENCY) {
    const time = median(runs.results[c].map((r) => r.ms));
    const rounds = 1 + Math.ceil(99 / c);
    const bound = rounds * roundTrip;
    const ratio = time / bound;
    console.log(
      `  listAllCalls concurrency ${c}: ${ms(time)}  ${(baseline / time).toFixed(2)}x the baseline ` +
        `(best possible ${(100 / rounds).toFixed(1)}x)  ${ratio.toFixed(2)}x the ideal bound ` +
        `(${rounds} round trips = ${ms(bound)}): ${ratio <= TARGET ? "meets" : "MISSES"} the ${TARGET}x target`,
    );
  }
  console.log(`  runs (ms): ${JSON.stringify(Object.fromEntries(Object.entries(runs.results).map(([k, v]) => [k, v.map((r) => Math.round(r.ms))])))}`);
} finally {
  await close();
  mock.stop();
}
