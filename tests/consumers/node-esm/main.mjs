// Node, ESM, as the README shows it: `await init()` with no argument must find the package's
// own .wasm (Node's fetch cannot read file:// URLs, so the package has to read the file), and
// the client then calls the simulator with Node's global fetch.
import assert from "node:assert/strict";
import init, { TruedyClient, normalizeStatus } from "truedy-client";

await init();
const client = new TruedyClient({ baseUrl: process.env.MOCK_API_URL, apiKey: process.env.MOCK_API_KEY });
const page = await client.listCalls({ limit: 3 });
assert.equal(page.data.length, 3);
assert.ok(page.data.every((call) => typeof call.id === "string" && call.id.length > 0));
assert.deepEqual(normalizeStatus("ongoing"), { status: "in_progress", detail: "ongoing", isTerminal: false });
console.log(`main.mjs: ok, ${page.data.length} calls of ${page.total}: ${page.data.map((c) => c.id).join(", ")}`);
