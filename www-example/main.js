// Wires the dashboard together once the package has loaded (app.js imports this module).
import { config, connect, simulatorAgents } from "./api.js";
import { $ } from "./ui.js";
import { createTable } from "./table.js";
import { createDetail } from "./detail.js";
import { createPlaceCall } from "./place-call.js";
import { createExport } from "./export.js";

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
  const table = createTable(ctx, { onOpen: (id) => detail.open(id) });
  createPlaceCall(ctx, {
    onDone: async (call) => {
      table.select(call.id);
      detail.open(call);
      await table.load();
    },
  });
  createExport(ctx, { params: table.params, describe: table.describe, tag: table.tag });

  const opened = table.selected;
  await table.load();
  if (opened) detail.open(opened);
}
