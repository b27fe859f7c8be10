// Entry point. The package is imported by main.js (and the modules it loads) as
// "../pkg/index.js", exactly as an npm user imports "truedy-client". Loading goes through a
// dynamic import so that a missing or broken build still gives a readable page, never a blank one.
import { $, showError, hideError } from "./ui.js";

$("error-dismiss").addEventListener("click", hideError);

try {
  const { start } = await import("./main.js");
  await start();
} catch (error) {
  showError("The dashboard could not start", error);
  const hint = /import|fetch|wasm|WebAssembly/i.test(String(error?.message))
    ? "Is the package built? Run scripts/build (or scripts/demo), then reload." : "";
  if (hint) $("error-meta").textContent = [$("error-meta").textContent, hint].filter(Boolean).join(" · ");
  $("error-meta").hidden = !$("error-meta").textContent;
  $("page-info").textContent = "";
  $("calls").replaceChildren();
  $("calls-table").setAttribute("aria-busy", "false");
} finally {
  document.body.classList.add("ready");
}
