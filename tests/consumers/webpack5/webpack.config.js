// As little configuration as a webpack 5 app needs for truedy-client: none beyond the entry
// and output. webpack turns the glue's `new URL("truedy_client_bg.wasm", import.meta.url)`
// into an asset/resource module by itself (emitted as dist/<hash>.wasm, URL rewritten).
const path = require("node:path");

module.exports = {
  mode: "production",
  entry: "./src/app.js",
  output: { path: path.resolve(__dirname, "dist"), filename: "main.js", clean: true },
};
