// watchCalls against one waitForCall loop per live call: requests per minute and the lag
// with which each end is noticed, side by side, in Chromium, over the same calls.
//
// The simulator runs a call center (`--live 50 --calls 0`: about 50 calls queued, ringing or
// in progress at all times, new ones starting as others end). After a warm-up that spreads
// the calls' lifecycles, every setting watches the same window of time at once:
//   baseline  50 concurrent waitForCall loops (the defaults, 1 s .. 10 s): one loop per call
//             in flight, a new loop for each new call. Finding the new calls takes a listing
//             too; those listings go through a separate client and are NOT counted, which
//             favours the baseline.
//   watch     watchCalls with the default statuses (queued, ringing, in progress): one
//             listing per status a tick plus one getCall per call that ends, all counted.
// Figures: requests per minute (every request the setting's client sent in the window), and
// the detection lag of each call that ended in the window: when the setting reported it
// ended minus the call's endedAt. The ideal is 0 ms. Each setting runs in a browser context
// of its own (its own connections: Chromium opens at most 6 per host). Not a test.
//
//   BENCH_TICKS=1000,5000 (the simulator's --tick-ms per scenario; calls talk 3 to 20 ticks)
//   BENCH_WINDOW_S=120    (seconds measured per scenario, after a warm-up of 30 ticks)
import { startMock, openPage } from "./harness.mjs";

const TICKS = (process.env.BENCH_TICKS ?? "1000,5000").split(",").map(Number);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 120);
const LIVE = 50;
const SETTINGS = [
  { name: "baseline: 50 waitForCall loops (defaults)", baseline: true },
  { name: "watchCalls (defaults: 1 s .. 10 s)", options: {} },
  { name: "watchCalls 2 s .. 10 s", options: { intervalMs: 2000 } },
  { name: "watchCalls every 5 s", options: { intervalMs: 5000, maxIntervalMs: 5000 } },
];

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** A page in a browser context of its own, with the package imported as `window.truedy`. */
async function isolatedPage(page) {
  const context = await page.context().browser().newContext();
  const isolated = await context.newPage();
  await isolated.goto(page.url());
  await isolated.evaluate(async () => {
    const m = await import("/pkg/index.js");
    await m.default();
    window.truedy = m;
  });
  return { page: isolated, close: () => context.close() };
}

/** One setting, in its page, over [start, start + windowMs): its requests and what it noticed. */
function measure({ apiUrl, setting, start, windowMs }) {
  const { TruedyClient } = window.truedy;
  const end = start + windowMs;
  let requests = 0, listings = 0;
  const fetch = (url, init) => {
    const now = Date.now();
    if (now >= start && now < end) {
      requests++;
      if (new URL(url).pathname.endsWith("/calls")) listings++;
    }
    return globalThis.fetch(url, init);
  };
  const client = new TruedyClient({ baseUrl: apiUrl, fetch });
  const stop = new AbortController();
  setTimeout(() => stop.abort(), end + 15000 - Date.now()); // the window's last ends get noticed
  const noticed = [];
  const notice = (call) => noticed.push({ endedAt: call.endedAt, at: Date.now() });
  const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

  const baseline = async () => {
    const finder = new TruedyClient({ baseUrl: apiUrl }); // not counted
    const followed = new Set();
    const loops = [];
    await sleep(start - Date.now());
    while (!stop.signal.aborted) {
      const inFlight = (await Promise.all(["queued", "ringing", "in_progress"].map((status) =>
        finder.listAllCalls({ status }, { signal: stop.signal }).catch(() => [])))).flat();
      for (const call of inFlight) {
        if (followed.has(call.id)) continue;
        followed.add(call.id);
        loops.push(client.waitForCall(call.id, { signal: stop.signal }).then(notice, () => {}));
      }
      await sleep(1000);
    }
    await Promise.all(loops);
    return followed.size;
  };
  const watch = async () => {
    await sleep(start - Date.now());
    await client.watchCalls(null, {
      ...setting.options, signal: stop.signal, onChange: ({ ended }) => ended.forEach(notice),
    }).catch(() => {});
    return null;
  };
  return (setting.baseline ? baseline() : watch()).then((loops) => ({
    requests, listings, loops,
    // Only the ends inside the window, so that every setting is judged on the same calls.
    lags: noticed.filter((n) => n.endedAt && Date.parse(n.endedAt) >= start && Date.parse(n.endedAt) < end)
      .map((n) => n.at - Date.parse(n.endedAt)),
  }));
}

async function runScenario(page, tick) {
  const mock = await startMock(["--calls", "0", "--live", String(LIVE), "--tick-ms", String(tick)]);
  const pages = await Promise.all(SETTINGS.map(() => isolatedPage(page)));
  try {
    const start = Date.now() + 30 * tick;
    return await Promise.all(SETTINGS.map((setting, i) => pages[i].page.evaluate(measure,
      { apiUrl: mock.apiUrl, setting, start, windowMs: WINDOW_S * 1000 })));
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    mock.stop();
  }
}

const { page, close } = await openPage();
try {
  for (const tick of TICKS) {
    const rows = await runScenario(page, tick);
    const base = rows[0];
    const perMinute = (r) => (r.requests * 60) / WINDOW_S;
    console.log(
      `\n--live ${LIVE} --tick-ms ${tick}: calls ring ${2 * tick / 1000} s and talk ${3 * tick / 1000} to ${20 * tick / 1000} s; ` +
        `${WINDOW_S} s measured after ${30 * tick / 1000} s of warm-up; baseline followed ${base.loops} calls`,
    );
    console.log(
      "setting".padEnd(44) + "req/min".padStart(9) + "(lists".padStart(8) + "+ gets)".padStart(8) + "ends".padStart(6) +
        "lag mean".padStart(10) + "lag p90".padStart(9) + "  fewer req than base" + "  lag x base",
    );
    for (const [i, r] of rows.entries()) {
      const lists = (r.listings * 60) / WINDOW_S;
      console.log(
        SETTINGS[i].name.padEnd(44) +
          perMinute(r).toFixed(0).padStart(9) +
          lists.toFixed(0).padStart(8) +
          (perMinute(r) - lists).toFixed(0).padStart(8) +
          String(r.lags.length).padStart(6) +
          `${mean(r.lags).toFixed(0)} ms`.padStart(10) +
          `${(pct(r.lags, 90) ?? NaN).toFixed(0)} ms`.padStart(9) +
          `${(perMinute(base) / perMinute(r)).toFixed(1)}x`.padStart(21) +
          (mean(r.lags) / mean(base.lags)).toFixed(2).padStart(12),
      );
    }
  }
} finally {
  await close();
}
