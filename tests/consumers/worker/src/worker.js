// Proves the package works in a module Worker (no `window`, no `document`): `init()` finds the
// .wasm the bundler emitted, a wasm function runs (`normalizeCall`), and the client's fetch
// reaches the simulator from the worker's global scope (`listCalls`).
import init, { TruedyClient, normalizeCall } from "truedy-client";

self.onmessage = async ({ data: { api, key } }) => {
  try {
    await init();
    const call = normalizeCall({ id: "x", status: "completed" });
    const page = await new TruedyClient({ baseUrl: api, apiKey: key }).listCalls({ limit: 3 });
    self.postMessage({ ok: true, call: { ...call, raw: undefined }, ids: page.data.map((c) => c.id) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
};
