// "Export CSV": every page of the current filters through listAllCalls (4 pages in flight),
// a progress bar fed by onProgress, then callsToCsv as a download. Cancellable.
import { callsToCsv } from "../pkg/index.js";
import { $, count, isAbort, showError, hideError, download, fileSafe } from "./ui.js";

export function createExport(ctx, { params, describe, tag }) {
  const panel = $("export-panel");
  const bar = $("export-progress");
  const text = $("export-text");
  let controller = null;

  $("export-btn").addEventListener("click", run);
  $("export-cancel").addEventListener("click", () => controller?.abort());
  $("export-close").addEventListener("click", () => { panel.hidden = true; });

  function setRunning(running) {
    $("export-btn").disabled = running;
    $("export-cancel").hidden = !running;
    $("export-close").hidden = running;
    panel.classList.toggle("running", running);
  }

  function progress(loaded, total) {
    if (total == null) bar.removeAttribute("value"); // indeterminate: the server gives no total
    else {
      bar.max = Math.max(total, 1);
      bar.value = loaded;
    }
    text.textContent = total == null ? `${count(loaded)} calls…` : `${count(loaded)} of ${count(total)} calls`;
  }

  async function run() {
    controller = new AbortController();
    const filters = params();
    panel.hidden = false;
    $("export-title").textContent = `Exporting ${describe()}`;
    bar.max = 1;
    bar.value = 0;
    text.textContent = "Starting…";
    setRunning(true);
    hideError();
    try {
      const calls = await ctx.client.listAllCalls({ ...filters, limit: 100 }, {
        concurrency: 4, signal: controller.signal, onProgress: progress,
      });
      const name = `truedy-calls-${fileSafe(tag())}.csv`;
      download(name, callsToCsv(calls), "text/csv");
      progress(calls.length, calls.length);
      $("export-title").textContent = `Exported ${count(calls.length)} calls to ${name}`;
    } catch (error) {
      if (isAbort(error)) {
        $("export-title").textContent = "Export cancelled";
      } else {
        $("export-title").textContent = "Export failed";
        showError("Could not export calls", error);
      }
    } finally {
      controller = null;
      setRunning(false);
    }
  }
}
