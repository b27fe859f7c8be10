// listAllCalls against a rate limit: 10,000 calls (100 pages of 100, 6 in flight) from a
// simulator that allows RATE requests a second and refuses the rest with 429 and Retry-After,
// in Chromium. How many requests are refused per 10,000 calls listed, and how long it takes:
//
//   baseline      the same walk in plain JS with fetch: six workers, each of which honours a
//                 Retry-After only for its own request (what every worker finding the limit on
//                 its own looks like, and what listAllCalls did before the shared backoff)
//   listAllCalls  the client: a Retry-After seen by one request holds back every request of
//                 the client until then (maxRetries 10, so that no page gives up)
//
// Medians of REPS runs, interleaved; the simulator's request log counts the 429s. Not a test:
// it prints figures and never fails on them.
import { startMock, openPage } from "./harness.mjs";

const CALLS = 10000;
const RATE = 40;
const REPS = 3;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const mock = await startMock(["--calls", String(CALLS), "--rate-limit", String(RATE)]);
const { page, close } = await openPage();
try {
  const runs = await page.evaluate(async ({ apiUrl, origin, reps }) => {
    const client = new window.truedy.TruedyClient({ baseUrl: apiUrl, maxRetries: 10 });
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

    // Six independent workers, each retrying its own page after the Retry-After it got.
    async function baseline() {
      const get = async (offset) => {
        for (;;) {
          const response = await fetch(`${apiUrl}/calls?limit=100&offset=${offset}`);
          if (response.status !== 429) return (await response.json());
          await sleep(Number(response.headers.get("retry-after-ms")) || 1000);
        }
      };
      const first = await get(0);
      const pages = [first.data];
      const offsets = [];
      for (let offset = 100; offset < first.pagination.total; offset += 100) offsets.push(offset);
      await Promise.all(Array.from({ length: 6 }, async () => {
        for (let offset = offsets.shift(); offset !== undefined; offset = offsets.shift()) {
          pages[offset / 100] = (await get(offset)).data;
        }
      }));
      return pages.flat();
    }

    const refusals = async () => {
      const log = await (await fetch(`${origin}/__requests?path_prefix=/api/public/v1/calls&method=GET`)).json();
      await fetch(`${origin}/__requests`, { method: "DELETE" });
      return log.requests.filter((r) => r.status === 429).length;
    };
    const measure = async (work) => {
      await sleep(1200); // a full bucket for each run
      await refusals();
      const start = performance.now();
      const calls = await work();
      return { ms: performance.now() - start, calls: calls.length, refused: await refusals() };
    };
    const results = { baseline: [], client: [] };
    for (let rep = 0; rep < reps; rep++) {
      results.baseline.push(await measure(baseline));
      results.client.push(await measure(() => client.listAllCalls({}, { concurrency: 6 })));
    }
    return results;
  }, { apiUrl: mock.apiUrl, origin: mock.origin, reps: REPS });

  console.log(`ratelimit: ${CALLS} calls, 100 pages of 100, 6 in flight, --rate-limit ${RATE}/s, Chromium, median of ${REPS} runs`);
  for (const [name, label] of [["baseline", "baseline (each worker backs off alone)"], ["client", "listAllCalls (shared backoff)"]]) {
    const rs = runs[name];
    console.log(
      `  ${label.padEnd(40)} ${String(median(rs.map((r) => r.refused))).padStart(5)} requests refused per ${CALLS} calls, ` +
        `${median(rs.map((r) => r.ms)).toFixed(0)} ms, calls listed: ${[...new Set(rs.map((r) => r.calls))].join(", ")}`,
    );
  }
  const ratio = median(runs.baseline.map((r) => r.refused)) / Math.max(1, median(runs.client.map((r) => r.refused)));
  console.log(`  refusals: the baseline draws ${ratio.toFixed(1)}x as many as listAllCalls`);
  console.log(`  runs: ${JSON.stringify(runs)}`);
} finally {
  await close();
  mock.stop();
}
