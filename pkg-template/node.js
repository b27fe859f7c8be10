// The entry Node resolves (the "node" export condition): the package, initialized at import
// from the .wasm file beside it, synchronously, so `await init()` is optional here and
// `require("truedy-client")` works (Node's require of ES modules refuses top-level await).
import { readFileSync } from "node:fs";
import { initSync } from "./truedy_client.js";

initSync({ module: readFileSync(new URL("./truedy-client/truedy_client_bg.wasm", import.meta.url)) });

export * from "./index.js";
export { default } from "./index.js";
