// Node, CommonJS, never calling init: the required package is ready to use.
const assert = require("node:assert/strict");
const { TruedyClient } = require("truedy-client");

const client = new TruedyClient({ baseUrl: process.env.MOCK_API_URL, apiKey: process.env.MOCK_API_KEY });
client.listCalls({ limit: 3 }).then((page) => {
  assert.equal(page.data.length, 3);
  console.log(`no-init.cjs: ok, ${page.data.length} calls`);
}, (error) => {
  console.error(error);
  process.exitCode = 1;
});
