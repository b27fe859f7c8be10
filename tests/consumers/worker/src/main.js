// Starts the module Worker (Vite bundles it and its copy of the package) and reports what it
// posts back into `window.__consumer` for check-page.mjs.
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => report(data);
worker.onerror = (event) => report({ ok: false, error: `worker error: ${event.message}` });
worker.postMessage(Object.fromEntries(new URLSearchParams(location.search)));

function report(result) {
  window.__consumer = result;
  document.body.textContent = JSON.stringify(result, null, 2);
}
