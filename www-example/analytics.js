// The Analytics view: every call of the current filters through listAllCalls (a progress
// bar), then summarizeCalls by day (in the browser's time zone) and by agent, drawn as calls
// per day stacked by status, cost per agent, and a histogram of durations.
import { summarizeCalls } from "../pkg/index.js";
import { $, STATUSES, statusLabel, count, money, duration, isAbort, showError, hideError } from "./ui.js";
import { stackedColumns, horizontalBars, histogram } from "./charts.js";

/** The most calls one view loads (a dashboard, not an export). */
const MAX_CALLS = 20000;
/** A day key (a date in the view's time zone) as "Aug 3". */
const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const DURATION_BINS = [
  [0, 30, "< 30 s"], [30, 60, "30–60 s"], [60, 120, "1–2 min"], [120, 180, "2–3 min"],
  [180, 300, "3–5 min"], [300, 600, "5–10 min"], [600, Infinity, "10 min +"],
];

export function createAnalytics(ctx, { params, describe }) {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const bar = $("analytics-progress");
  let controller = null;

  function progress(loaded, total) {
    if (total == null) bar.removeAttribute("value");
    else {
      bar.max = Math.max(total, 1);
      bar.value = loaded;
    }
    $("analytics-status").textContent = total == null ? `${count(loaded)} calls…` : `${count(loaded)} of ${count(total)} calls`;
  }

  async function load() {
    controller?.abort();
    const mine = (controller = new AbortController());
    $("analytics-title").textContent = `Loading ${describe()}`;
    $("analytics-loading").hidden = false;
    $("view-analytics").setAttribute("aria-busy", "true");
    bar.max = 1;
    bar.value = 0;
    try {
      const calls = await ctx.client.listAllCalls({ ...params(), limit: 100 }, {
        concurrency: 4, max: MAX_CALLS, signal: mine.signal, onProgress: progress,
      });
      if (mine.signal.aborted) return;
      hideError();
      render(calls);
      $("analytics-title").textContent = `${describe()}: ${count(calls.length)} calls${calls.length === MAX_CALLS ? " (the newest; narrow the filters for more)" : ""}`;
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      $("analytics-title").textContent = "The calls could not be loaded";
      showError("Could not load the analytics", error);
    } finally {
      if (controller === mine) {
        $("analytics-loading").hidden = true;
        $("view-analytics").setAttribute("aria-busy", "false");
      }
    }
  }

  function render(calls) {
    const all = summarizeCalls(calls);
    $("analytics-count").textContent = count(all.count);
    $("analytics-cost").textContent = money(all.totalCostUsd);
    $("analytics-mean").textContent = duration(all.meanDurationSeconds);
    $("analytics-p90").textContent = duration(all.p90DurationSeconds);

    const days = summarizeCalls(calls, { groupBy: "day", timeZone }).filter((g) => g.key !== null);
    const series = [...STATUSES, "unknown"].filter((s) => days.some((d) => d.summary.byStatus[s]))
      .map((key) => ({ key, label: statusLabel(key).toLowerCase(), className: `status-${key}` }));
    const agents = summarizeCalls(calls, { groupBy: "agent" })
      .map((g) => ({ label: g.key === null ? "no agent" : ctx.agentName(g.key), value: g.summary.totalCostUsd, key: g.key }))
      .sort((a, b) => b.value - a.value);
    const durations = calls.map((c) => c.durationSeconds).filter((d) => typeof d === "number" && d >= 0);
    const bins = DURATION_BINS.map(([from, to, label]) => ({ label, count: durations.filter((d) => d >= from && d < to).length }));

    const columns = days.map((d) => ({ key: d.key, label: dayLabel.format(new Date(`${d.key}T12:00:00Z`)), values: d.summary.byStatus }));
    $("analytics-charts").replaceChildren(
      stackedColumns({ caption: `Calls per day by status (${timeZone})`, columns, series, format: count }),
      horizontalBars({ caption: "Cost per agent (USD)", bars: agents, format: money }),
      histogram({ caption: `Call durations (${count(durations.length)} calls with a duration)`, bins, format: count }),
    );
  }

  return { load, stop: () => controller?.abort() };
}
