// The calls table: filters (kept in the page URL), one page of listCalls, the pager and the
// "this page" summary from summarizeCalls.
import { summarizeCalls } from "../pkg/index.js";
import { $, el, STATUSES, statusChip, statusLabel, count, money, cost, duration, timeEl, isAbort, showError, hideError } from "./ui.js";

const FILTER_KEYS = ["status", "direction", "agent", "from", "to"];
const DEFAULT_LIMIT = 25;

/** A date input's "YYYY-MM-DD" as the ISO UTC instant of that local midnight (+ days). */
function localMidnight(date, plusDays = 0) {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return Number.isNaN(day.getTime()) ? undefined : day.toISOString();
}

export function createTable(ctx, { onOpen, onFilter }) {
  const url = new URLSearchParams(location.search);
  const state = {
    filters: Object.fromEntries(FILTER_KEYS.map((key) => [key, url.get(key) ?? ""])),
    limit: Math.min(100, Math.max(1, Number(url.get("limit")) || DEFAULT_LIMIT)),
    offset: Math.max(0, Number(url.get("offset")) || 0),
    selected: url.get("call"),
    loaded: false,
  };
  let controller;

  /** The list parameters of the current filters (no paging): also what Export CSV walks. */
  function params() {
    const { status, direction, agent, from, to } = state.filters;
    const p = {};
    if (status) p.status = status;
    if (direction) p.direction = direction;
    if (agent) p.agentId = agent;
    if (from) p.createdAfter = localMidnight(from);
    if (to) p.createdBefore = localMidnight(to, 1); // "to" is inclusive: up to the next midnight
    for (const key of ["createdAfter", "createdBefore"]) if (!p[key]) delete p[key];
    return p;
  }

  function syncUrl() {
    const next = new URLSearchParams(location.search);
    for (const key of [...FILTER_KEYS, "limit", "offset", "call"]) next.delete(key);
    for (const key of FILTER_KEYS) if (state.filters[key]) next.set(key, state.filters[key]);
    if (state.limit !== DEFAULT_LIMIT) next.set("limit", state.limit);
    if (state.offset) next.set("offset", state.offset);
    if (state.selected) next.set("call", state.selected);
    history.replaceState(null, "", `?${next}`);
  }

  // ---- filters ----
  const form = $("filters");
  const chips = $("status-chips");
  for (const status of ["", ...STATUSES]) {
    chips.append(el("button", {
      type: "button", class: `filter-chip status-${status || "all"}`, dataset: { status },
      "aria-pressed": String(state.filters.status === status), text: status ? statusLabel(status) : "All",
      onclick: () => setFilter("status", status),
    }));
  }
  const agentSlot = $("agent-filter");
  if (ctx.agents) {
    agentSlot.replaceWith(el("select", { id: "agent-filter", name: "agent" },
      el("option", { value: "", text: "any agent" }),
      ctx.agents.map((a) => el("option", { value: a.id, text: `${a.name} · ${a.company}` }))));
  } else {
    agentSlot.placeholder = "agent id";
  }
  for (const key of ["direction", "agent", "from", "to"]) form.elements[key].value = state.filters[key];
  form.elements.limit.value = String(state.limit);

  form.addEventListener("change", (event) => {
    const { name, value } = event.target;
    if (FILTER_KEYS.includes(name)) setFilter(name, value.trim());
  });
  // The page size sits in the pager (form="filters"): its events do not bubble through the form.
  form.elements.limit.addEventListener("change", (event) => {
    state.limit = Number(event.target.value);
    state.offset = 0;
    load();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    for (const key of FILTER_KEYS) state.filters[key] = "";
    state.offset = 0;
    // The form's own reset of its fields happens after this event: load on the next tick,
    // and show the table as loading now.
    setBusy(true);
    setTimeout(() => { form.elements.limit.value = String(state.limit); load(); onFilter?.(); });
  });

  function setFilter(key, value) {
    state.filters[key] = value;
    state.offset = 0;
    load();
    onFilter?.();
  }

  // ---- paging ----
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); load(); });
  $("next").addEventListener("click", () => { state.offset += state.limit; load(); });

  // ---- loading one page ----
  function setBusy(busy) {
    $("calls-table").setAttribute("aria-busy", String(busy));
    $("table-card").classList.toggle("busy", busy);
    for (const button of chips.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.status === state.filters.status));
    }
    if (busy) $("prev").disabled = $("next").disabled = true;
  }

  function skeleton() {
    const columns = $("calls-table").tHead.rows[0].cells.length;
    $("calls").replaceChildren(...Array.from({ length: 8 }, () =>
      el("tr", { class: "skeleton-row", "aria-hidden": "true" },
        Array.from({ length: columns }, () => el("td", {}, el("span", { class: "skeleton" }))))));
  }

  async function load() {
    controller?.abort();
    const mine = (controller = new AbortController());
    syncUrl();
    setBusy(true);
    if (!state.loaded) skeleton();
    try {
      const page = await ctx.client.listCalls({ ...params(), limit: state.limit, offset: state.offset }, { signal: mine.signal });
      if (mine.signal.aborted) return;
      hideError();
      state.loaded = true;
      render(page);
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      if (!state.loaded) $("calls").replaceChildren();
      showEmpty("The calls could not be loaded.", true);
      $("page-info").textContent = "calls could not be loaded";
      showError("Could not load calls", error);
    } finally {
      if (controller === mine) setBusy(false);
    }
  }

  function showEmpty(message, failed) {
    $("empty").hidden = !message;
    $("empty-text").textContent = message ?? "";
    $("retry").hidden = !failed;
  }
  $("retry").addEventListener("click", () => load());

  function render(page) {
    $("calls").replaceChildren(...page.data.map(row));
    showEmpty(page.data.length ? null : "No calls match these filters.", false);
    const first = page.offset + 1;
    const last = page.offset + page.data.length;
    const total = page.total != null ? ` of ${count(page.total)}` : "";
    $("page-info").textContent = page.data.length ? `${count(first)}–${count(last)}${total}` : `0${total}`;
    $("prev").disabled = state.offset === 0;
    $("next").disabled = !page.hasMore;
    renderSummary(page.data);
  }

  function row(call) {
    const number = call.phoneNumber ?? call.toNumber ?? (call.direction === "webrtc" ? "Web call" : "—");
    const tr = el("tr", { dataset: { id: call.id }, class: call.id === state.selected ? "selected" : null },
      el("td", {}, el("button", { type: "button", class: "open" }, timeEl(call.createdAt), el("span", { class: "sr-only", text: " (open this call)" }))),
      el("td", { class: "status" }, statusChip(call.status, call.statusDetail)),
      el("td", { text: call.direction ?? "—" }),
      el("td", { class: "agent", text: ctx.agentName(call.agentId), title: call.agentId }),
      el("td", { class: "mono", text: number }),
      el("td", { class: "num", text: duration(call.durationSeconds) }),
      el("td", { class: "num", text: cost(call) }),
      el("td", { text: call.outcome ?? "—" }));
    tr.addEventListener("click", () => open(call.id));
    return tr;
  }

  function renderSummary(calls) {
    const s = summarizeCalls(calls);
    $("summary-count").textContent = count(s.count);
    $("summary-cost").replaceChildren(money(s.totalCostUsd),
      s.costCreditsTotal ? el("small", { text: ` + ${count(s.costCreditsTotal)} credits` }) : "");
    $("summary-p50").textContent = duration(s.p50DurationSeconds);
    $("summary-p90").textContent = duration(s.p90DurationSeconds);
    $("summary-status").replaceChildren(...STATUSES.concat("unknown").filter((k) => s.byStatus[k]).map((k) =>
      el("li", {}, statusChip(k), el("span", { class: "n", text: count(s.byStatus[k]) }))));
    if (!s.count) $("summary-status").append(el("li", { class: "muted", text: "no calls" }));
  }

  function open(id) {
    select(id);
    onOpen(id);
  }

  /** Marks a call as the one shown in the detail panel (and in the URL). */
  function select(id) {
    state.selected = id;
    for (const tr of $("calls").rows) tr.classList.toggle("selected", tr.dataset.id === id);
    syncUrl();
  }

  /** The current filters as a file name tag, e.g. "ended_Aria_to-2026-10-31". */
  function tag() {
    const { status, direction, agent, from, to } = state.filters;
    return [status, direction, agent && ctx.agentName(agent), from && `from-${from}`, to && `to-${to}`].filter(Boolean).join("_") || "all";
  }

  /** The current filters in words, e.g. "ended calls (outbound, Aria, from 2026-10-01)". */
  function describe() {
    const { status, direction, agent, from, to } = state.filters;
    const parts = [direction, agent && ctx.agentName(agent), from && `from ${from}`, to && `to ${to}`].filter(Boolean);
    return `${status ? `${statusLabel(status)} calls` : "all calls"}${parts.length ? ` (${parts.join(", ")})` : ""}`;
  }

  return { load, params, describe, tag, select, get selected() { return state.selected; } };
}
