// waitForCall: requests per call and detection lag, against a hand-written polling loop.
//
// For each lifecycle length (the simulator's --tick-ms T: terminal at 3T after creation,
// transcript at 4T), N calls are placed per setting and followed to the end in Chromium, all
// settings at once. The simulator ends every call exactly at 3T, so each wait starts at a
// different moment between T/2 and 5T/2 after creation (a dashboard opens the call page
// whenever), spread by a golden-ratio sequence so that the phases against a 1 s period are
// spread too; otherwise a fixed interval's lag would hang on one lucky or unlucky phase.
// Figures per setting:
//   requests/call  GETs of /calls/{id} in the simulator's request log
//   lag            when the wait resolved minus when the call really ended (createdAt + 3T;
//                  + 4T for waitForTranscript)
// The ideal is 1 request and 0 ms. The baseline is what a dashboard developer writes: a
// fixed 1 s setInterval around fetch, checking the raw status word. Not a test: no assertions.
import { startMock, openPage } from "./harness.mjs";

const N = 20;
// A 1.2 s lifecycle (the tests' pace) and a 1-minute call.
const TICKS = [400, 20000];
const SETTINGS = [
  { name: "baseline: setInterval 1 s", baseline: true },
  { name: "waitForCall defaults (1 s .. 10 s)", options: {} },
  { name: "waitForCall 250 ms .. 2 s", options: { intervalMs: 250, maxIntervalMs: 2000 } },
  { name: "waitForCall 100 ms .. 1 s", options: { intervalMs: 100, maxIntervalMs: 1000 } },
  { name: "waitForCall defaults + waitForTranscript", options: { waitForTranscript: true }, transcript: true },
];

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (x, digits = 0) => x.toFixed(digits);

async function runScenario(page, tick) {
  const mock = await startMock(["--tick-ms", String(tick)]);
  try {
    const results = await page.evaluate(
      async ({ apiUrl, n, settings, tick }) => {
        const { TruedyClient } = window.truedy;
        const client = new TruedyClient({ baseUrl: apiUrl });
        const agentId = "1f4baf16-1540-4d91-9696-7f34b2f2cb77";
        // Never ends in 000x: the simulator's magic numbers.
        const number = () => `+1415555${1000 + Math.floor(Math.random() * 9000)}`;

        // The baseline, as typically written for a dashboard.
        const TERMINAL = ["completed", "ended", "failed", "busy", "no_answer", "voicemail", "cancelled"];
        const pollEverySecond = (id) =>
          new Promise((resolve, reject) => {
            const timer = setInterval(async () => {
              try {
                const res = await fetch(`${apiUrl}/calls/${id}`);
                const { data } = await res.json();
                if (TERMINAL.includes(data.status)) {
                  clearInterval(timer);
                  resolve(data.status);
                }
              } catch (e) {
                clearInterval(timer);
                reject(e);
              }
            }, 1000);
          });

        return Promise.all(
          settings.map(async (setting) => {
            const calls = await Promise.all(
              Array.from({ length: n }, () => client.createCall({ agentId, phoneNumber: number() })),
            );
            return Promise.all(
              calls.map(async (call, i) => {
                const spread = (0.5 + i * 0.6180339887) % 1;
                const startAt = Date.parse(call.createdAt) + (0.5 + 2 * spread) * tick;
                await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
                const status = setting.baseline
                  ? await pollEverySecond(call.id)
                  : (await client.waitForCall(call.id, setting.options)).status;
                return { id: call.id, createdAt: call.createdAt, resolvedAt: Date.now(), status };
              }),
            );
          }),
        );
      },
      { apiUrl: mock.apiUrl, n: N, settings: SETTINGS, tick },
    );

    const rows = [];
    for (const [i, setting] of SETTINGS.entries()) {
      const requests = [];
      const lags = [];
      for (const r of results[i]) {
        const prefix = encodeURIComponent(`/api/public/v1/calls/${r.id}`);
        const log = await (await fetch(`${mock.origin}/__requests?path_prefix=${prefix}&method=GET`)).json();
        requests.push(log.requests.length);
        lags.push(r.resolvedAt - (Date.parse(r.createdAt) + (setting.transcript ? 4 : 3) * tick));
      }
      rows.push({ setting, requests, lags, statuses: [...new Set(results[i].map((r) => r.status))].join(",") });
    }
    return rows;
  } finally {
    mock.stop();
  }
}

const { page, close } = await openPage();
try {
  for (const tick of TICKS) {
    const rows = await runScenario(page, tick);
    const base = rows[0];
    console.log(
      `\n--tick-ms ${tick}: ${N} calls per setting, terminal at ${3 * tick} ms, transcript at ${4 * tick} ms, ` +
        `waits starting ${tick / 2}..${(5 * tick) / 2} ms after creation`,
    );
    console.log(`ideal: 1 request/call, 0 ms lag`);
    console.log(
      "setting".padEnd(42) + "req/call".padStart(9) + "  (min-max)" + "lag mean".padStart(10) + "lag p90".padStart(9) +
        "lag max".padStart(9) + "  req x base" + "  lag x base" + "  status",
    );
    for (const { setting, requests, lags, statuses } of rows) {
      console.log(
        setting.name.padEnd(42) +
          fmt(mean(requests), 1).padStart(9) +
          `  (${Math.min(...requests)}-${Math.max(...requests)})`.padEnd(11) +
          `${fmt(mean(lags))} ms`.padStart(10) +
          `${fmt(pct(lags, 90))} ms`.padStart(9) +
          `${fmt(Math.max(...lags))} ms`.padStart(9) +
          fmt(mean(requests) / mean(base.requests), 2).padStart(12) +
          fmt(mean(lags) / mean(base.lags), 2).padStart(12) +
          `  ${statuses}`,
      );
    }
  }
  console.log("\n(waitForTranscript's lag is measured from the transcript's readiness, createdAt + 4T.)");
} finally {
  await close();
}
