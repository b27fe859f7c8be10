// Node, CommonJS: require() of the ESM package (Node 20.19+ loads ES modules without top-level
// await synchronously), then as in ESM: init() with no argument and a request to the simulator.
const assert = require("node:assert/strict");
const { TruedyClient, default: init, normalizeStatus } = require("truedy-client");

(async () => {
  await init();
  const client = new TruedyClient({ baseUrl: process.env.MOCK_API_URL, apiKey: process.env.MOCK_API_KEY });
  const page = await client.listCalls({ limit: 3 });
  assert.equal(page.data.length, 3);
  assert.deepEqual(normalizeStatus("ongoing"), { status: "in_progress", detail: "ongoing", isTerminal: false });
  console.log(`main.cjs: ok, ${page.data.length} calls: ${page.data.map((c) => c.id).join(", ")}`);
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
