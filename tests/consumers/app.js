// The page of every browser consumer (copied to src/app.js of each app before it is built).
// It proves that the bundled package loads its .wasm where the bundler put it (`init()` with
// no argument), calls the real simulator (`listCalls`) and runs a wasm function
// (`normalizeStatus`). It reports into `window.__consumer` for check-page.mjs, and into the
// page for a person looking at it. The simulator's URL and key come in the query string.
import init, { TruedyClient, normalizeStatus } from "truedy-client";

async function main() {
  const query = new URLSearchParams(location.search);
  await init();
  const client = new TruedyClient({ baseUrl: query.get("api") ?? "", apiKey: query.get("key") ?? "" });
  const page = await client.listCalls({ limit: 3 });
  return { ids: page.data.map((call) => call.id), status: normalizeStatus("ongoing") };
}

main().then(
  (result) => report({ ok: true, ...result }),
  (error) => report({ ok: false, error: String(error?.stack ?? error) }),
);

function report(result) {
  window.__consumer = result;
  document.body.textContent = JSON.stringify(result, null, 2);
}
