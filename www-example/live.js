// The Live panel: watchCalls keeps the queued, ringing and in-progress calls (of the agent
// and direction filters) with one listing per status a tick. Calls appear, change status and
// end on screen; the last ones that ended stay listed with how they ended.
import { $, el, statusChip, count, duration, timeEl, isAbort, showError, hideError } from "./ui.js";

const KEEP_ENDED = 12;
/** Rows shown at most (newest first); a big call center has more calls in flight. */
const SHOW_LIVE = 30;

export function createLive(ctx, { params }) {
  let controller = null;
  let endedCount = 0;
  const ended = [];

  function row(call, fresh) {
    const number = call.phoneNumber ?? (call.direction === "webrtc" ? "Web call" : "—");
    return el("tr", { dataset: { id: call.id, status: call.status }, class: fresh ? "fresh" : null },
      el("td", { class: "status" }, statusChip(call.status, call.statusDetail)),
      el("td", { text: call.direction ?? "—" }),
      el("td", { class: "agent", text: ctx.agentName(call.agentId), title: call.agentId }),
      el("td", { class: "mono", text: number }),
      el("td", {}, timeEl(call.createdAt)));
  }

  function endedItem(call) {
    const how = call.failureReason ?? call.statusDetail ?? call.status;
    return el("li", { dataset: { id: call.id, status: call.status } },
      statusChip(call.status, call.statusDetail),
      el("span", { class: "agent", text: ctx.agentName(call.agentId) }),
      el("span", { class: "muted", text: how }),
      el("span", { class: "num", text: duration(call.durationSeconds) }));
  }

  function render({ added, changed, ended: justEnded, calls }) {
    const fresh = new Set([...added, ...changed].map((c) => c.id));
    $("live-calls").replaceChildren(...calls.slice(0, SHOW_LIVE).map((c) => row(c, fresh.has(c.id))));
    $("live-more").textContent = calls.length > SHOW_LIVE ? `and ${count(calls.length - SHOW_LIVE)} older calls in flight` : "";
    $("live-empty").hidden = calls.length > 0;
    endedCount += justEnded.length;
    ended.unshift(...justEnded);
    ended.length = Math.min(ended.length, KEEP_ENDED);
    $("live-ended").replaceChildren(...ended.map(endedItem));
    $("live-count").textContent = count(calls.length);
    $("live-ended-count").textContent = count(endedCount);
    $("live-updated").replaceChildren("updated ", timeEl(new Date().toISOString()));
  }

  function setRunning(running) {
    $("live-toggle").textContent = running ? "Pause" : "Resume";
    $("live-toggle").setAttribute("aria-pressed", String(!running));
    $("live-state").textContent = running ? "watching" : "paused";
    $("live-state").classList.toggle("on", running);
  }

  function start() {
    if (controller) return;
    const mine = (controller = new AbortController());
    // The agent and direction filters apply; the status and dates do not (live calls are new).
    const { agentId, direction } = params();
    const filters = Object.fromEntries(Object.entries({ agentId, direction }).filter(([, v]) => v));
    setRunning(true);
    ctx.client.watchCalls(filters, {
      intervalMs: 1000, maxIntervalMs: 5000, signal: mine.signal,
      onChange: (changes) => {
        hideError();
        render(changes);
      },
    }).catch((error) => {
      if (!isAbort(error)) showError("The live view stopped", error);
    }).finally(() => {
      if (controller === mine) {
        controller = null;
        setRunning(false);
      }
    });
  }

  function stop() {
    controller?.abort();
    controller = null;
    setRunning(false);
  }

  $("live-toggle").addEventListener("click", () => (controller ? stop() : start()));
  return { start, stop, restart: () => { stop(); start(); } };
}
