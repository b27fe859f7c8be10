// Node, ESM, never calling init: under Node the package is ready once imported, so a
// server-side script can construct the client straight away.
import assert from "node:assert/strict";
import { TruedyClient, normalizeCall } from "truedy-client";

const client = new TruedyClient({ baseUrl: process.env.MOCK_API_URL, apiKey: process.env.MOCK_API_KEY });
const page = await client.listCalls({ limit: 3 });
assert.equal(page.data.length, 3);
assert.equal(normalizeCall({ id: "x", status: "completed" }).status, "ended");
console.log(`no-init.mjs: ok, ${page.data.length} calls`);
