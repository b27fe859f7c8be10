// Finishes pkg/ from pkg-template/: package.json (version from Cargo.toml), the entry
// point that adds TruedyError to the generated exports, and the README; then minifies the
// JavaScript (esbuild), which every page that uses the package downloads.
import { readFileSync, writeFileSync, readdirSync, existsSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");
const template = join(root, "pkg-template");

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");

// wasm-bindgen copies js/runtime.js to pkg/snippets/<crate>-<hash>/js/runtime.js. The entry
// re-exports TruedyError from that very module so that `instanceof` holds.
const snippets = join(pkg, "snippets");
const runtime = readdirSync(snippets)
  .map((dir) => `./snippets/${dir}/js/runtime.js`)
  .filter((path) => existsSync(join(pkg, path)));
if (runtime.length !== 1) throw new Error(`expected one runtime.js snippet, found ${runtime.length}`);

const manifest = JSON.parse(readFileSync(join(template, "package.json"), "utf8"));
manifest.version = version;
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
for (const file of ["index.js", "index.d.ts"]) {
  const text = readFileSync(join(template, file), "utf8").replaceAll("__RUNTIME__", runtime[0]);
  writeFileSync(join(pkg, file), text);
}
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));

// Names are kept (keepNames) so that stack traces and `constructor.name` still read
// TruedyError and TruedyClient.
for (const file of ["truedy_client.js", "index.js", runtime[0]]) {
  const path = join(pkg, file);
  const { code } = await transform(readFileSync(path, "utf8"), {
    format: "esm", minify: true, keepNames: true, target: "es2022", legalComments: "none",
  });
  writeFileSync(path, code);
}
console.error(`pkg/ finished: truedy-client@${version}`);
