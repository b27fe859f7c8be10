// The demo dashboard: imports the built package exactly as an npm user would.
import init, { TruedyClient, TruedyError } from "../pkg/index.js";

const params = new URLSearchParams(location.search);
const baseUrl = params.get("api") ?? "http://127.0.0.1:8787/api/public/v1";
const $ = (id) => document.getElementById(id);
const state = { offset: 0, limit: 25, filters: {}, hasMore: false, total: null };
let client;

function showError(error) {
  const box = $("error");
  box.hidden = false;
  box.textContent = error instanceof TruedyError
    ? `${error.message}${error.status ? ` (HTTP ${error.status}${error.code ? `, ${error.code}` : ""})` : ""}${error.requestId ? ` · request ${error.requestId}` : ""}`
    : String(error);
}

const money = (usd) => (usd == null ? "—" : `$${usd.toFixed(2)}`);
const duration = (s) => (s == null ? "—" : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, "0")}`);
const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function loadPage() {
  $("error").hidden = true;
  document.body.classList.add("loading");
  try {
    const page = await client.listCalls({ ...state.filters, limit: state.limit, offset: state.offset });
    state.hasMore = page.hasMore;
    state.total = page.total;
    const body = $("calls");
    body.replaceChildren();
    for (const call of page.data) {
      const row = body.insertRow();
      row.tabIndex = 0;
      row.addEventListener("click", () => showCall(call.id));
      cell(row, when(call.createdAt));
      cell(row, call.status.replace("_", " "), `chip status-${call.status}`).title = call.statusDetail ?? "";
      cell(row, call.direction ?? "—");
      cell(row, call.phoneNumber ?? "—", "mono");
      cell(row, duration(call.durationSeconds), "num");
      cell(row, money(call.costUsd), "num");
      cell(row, call.outcome ?? "—");
    }
    const last = state.offset + page.data.length;
    $("page-info").textContent = page.data.length
      ? `${state.offset + 1}–${last}${page.total != null ? ` of ${page.total}` : ""}`
      : "no calls match";
    $("prev").disabled = state.offset === 0;
    $("next").disabled = !page.hasMore;
  } catch (error) {
    showError(error);
  } finally {
    document.body.classList.remove("loading");
  }
}

async function showCall(id) {
  try {
    const call = await client.getCall(id);
    $("detail").hidden = false;
    $("detail-title").textContent = call.id;
    const fields = $("detail-fields");
    fields.replaceChildren();
    for (const [label, value] of [
      ["Status", `${call.status} (${call.statusDetail ?? "—"})`], ["Agent", call.agentId], ["From", call.fromNumber],
      ["To", call.toNumber ?? call.phoneNumber], ["Started", when(call.startedAt)], ["Duration", duration(call.durationSeconds)],
      ["Cost", money(call.costUsd)], ["Summary", call.summary],
    ]) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value ?? "—";
      fields.append(dt, dd);
    }
    const transcript = $("transcript");
    transcript.replaceChildren();
    for (const turn of call.transcript ?? []) {
      const p = document.createElement("p");
      p.className = `turn turn-${turn.speaker === "agent" ? "agent" : "contact"}`;
      const who = document.createElement("strong");
      who.textContent = turn.speaker === "agent" ? "Agent" : "Contact";
      p.append(who, ` ${turn.text}`);
      transcript.append(p);
    }
    if (!call.transcript?.length) transcript.textContent = call.isTerminal ? "No transcript yet." : "The call is still going.";
  } catch (error) {
    showError(error);
  }
}

$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  state.filters = {};
  for (const key of ["status", "direction"]) if (form.get(key)) state.filters[key] = form.get(key);
  state.limit = Number(form.get("limit"));
  state.offset = 0;
  loadPage();
});
$("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadPage(); });
$("next").addEventListener("click", () => { state.offset += state.limit; loadPage(); });

try {
  await init();
  client = new TruedyClient({ baseUrl, apiKey: params.get("key") ?? undefined });
  $("api-url").textContent = baseUrl;
  await loadPage();
} catch (error) {
  showError(error);
}
