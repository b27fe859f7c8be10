// Wires the dashboard together once the package has loaded (app.js imports this module).
import { config, connect, simulatorAgents } from "./api.js";
import { $ } from "./ui.js";
import { createTable } from "./table.js";
import { createDetail } from "./detail.js";
import { createPlaceCall } from "./place-call.js";
import { createExport } from "./export.js";
import { createAnalytics } from "./analytics.js";
import { createLive } from "./live.js";

const VIEWS = ["calls", "analytics", "live"];

export async function start() {
  $("api-url").textContent = config.baseUrl;
  $("key-warning").hidden = !config.apiKey;
  $("key-dismiss").addEventListener("click", () => { $("key-warning").hidden = true; });

  const [client, agents] = await Promise.all([connect(), simulatorAgents()]);
  const byId = new Map((agents ?? []).map((a) => [a.id, a]));
  const ctx = {
    client,
    agents,
    agentName: (id) => (id ? byId.get(id)?.name ?? (id.length > 12 ? `${id.slice(0, 8)}…` : id) : "—"),
  };
  $("env-badge").textContent = agents ? "simulator" : "API";
  $("env-badge").title = agents ? "truedy-mock: simulated calls, agents from /__agents" : "a real API endpoint";
  $("env-badge").classList.add(agents ? "sim" : "live");
  for (const node of document.querySelectorAll("[data-simulator-only]")) node.hidden = !agents;

  const detail = createDetail({ ...ctx, onClose: () => table.select(null) });
  const table = createTable(ctx, { onOpen: (id) => detail.open(id), onFilter: () => refreshView() });
  createPlaceCall(ctx, {
    onDone: async (call) => {
      table.select(call.id);
      detail.open(call);
      await table.load();
    },
  });
  createExport(ctx, { params: table.params, describe: table.describe, tag: table.tag });
  const analytics = createAnalytics(ctx, { params: table.params, describe: table.describe });
  const live = createLive(ctx, { params: table.params });

  // ---- views (tabs; the view is kept in the URL as ?view=) ----
  const asked = new URLSearchParams(location.search).get("view");
  let view = VIEWS.includes(asked) ? asked : "calls";
  const tabs = document.querySelectorAll('[role="tab"]');
  function show(next) {
    if (view === "live" && next !== "live") live.stop();
    if (view === "analytics" && next !== "analytics") analytics.stop();
    view = next;
    document.body.dataset.view = view;
    for (const tab of tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $(`view-${tab.dataset.view}`).hidden = !selected;
    }
    const url = new URL(location.href);
    if (view === "calls") url.searchParams.delete("view");
    else url.searchParams.set("view", view);
    history.replaceState(null, "", url);
    if (view === "analytics") analytics.load();
    if (view === "live") live.start();
  }
  /** The filters changed: the view shown follows them. */
  function refreshView() {
    if (view === "analytics") analytics.load();
    if (view === "live") live.restart();
  }
  for (const tab of tabs) {
    tab.addEventListener("click", () => show(tab.dataset.view));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length];
      show(next);
      document.getElementById(`tab-${next}`).focus();
    });
  }

  const opened = table.selected;
  show(view);
  await table.load();
  if (opened) detail.open(opened);
}
