// Finishes pkg/ from pkg-template/ and wasm-bindgen's output: package.json (version from
// Cargo.toml), the entries (index.js for browsers and bundlers, node.js for Node), the npm
// README, LICENSE and CHANGELOG; the .wasm moved where every bundler finds it, the bindings
// patched to say "init() first"; declarations a strict TypeScript codebase accepts (and a
// clear refusal for TypeScript < 5.2); then minifies the JavaScript (esbuild), which every
// page that uses the package downloads.
import { readFileSync, writeFileSync, readdirSync, existsSync, copyFileSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, transform } from "esbuild";

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
for (const file of ["index.js", "index.d.ts", "node.js", "watch.js"]) {
  const text = readFileSync(join(template, file), "utf8").replaceAll("__RUNTIME__", runtime[0]);
  writeFileSync(join(pkg, file), text);
}
for (const file of ["LICENSE", "CHANGELOG.md"]) copyFileSync(join(root, file), join(pkg, file));

// The npm page's README: the repository's, without its contributor commands at the top (they
// are under Development at the end), and with links that work outside the repository.
const repo = "https://github.com/truedy/truedy-client";
const readme = readFileSync(join(root, "README.md"), "utf8")
  .replace(/<!-- repository only[^]*?<!-- \/repository only -->\n*/, "")
  .replace(/(!?)\[([^\]]*)\]\((?!https?:|#|mailto:)([^)]+)\)/g, (_, image, text, path) =>
    `${image}[${text}](${image ? `${repo.replace("github.com", "raw.githubusercontent.com")}/main` : `${repo}/blob/main`}/${path})`);
if (readme.includes("scripts/demo   #")) throw new Error("README.md: the repository-only block was not found");
writeFileSync(join(pkg, "README.md"), readme);

// Before init() the bindings' `wasm` is the runtime's NOT_READY, so that any use before it
// throws a TruedyError saying to call init(), not a TypeError about `undefined`. The patterns
// are those of the pinned wasm-bindgen; a version that writes them differently fails here.
//
// The .wasm moves to truedy-client/truedy_client_bg.wasm and the glue asks for it by that
// path. Everywhere it is a plain relative URL; Vite 7's dev server, which serves the glue from
// its pre-bundled copy where no .wasm sits beside it, reads a path that does not start with
// "." as a package name and serves the file from this package: no config needed there.
const gluePath = join(pkg, "truedy_client.js");
const glue = patched(readFileSync(gluePath, "utf8"), "truedy_client.js", [
  ["let wasmModule, wasmInstance, wasm;", "let wasmModule, wasmInstance, wasm = NOT_READY;", 1],
  ["if (wasm !== undefined) return wasm;", "if (wasm !== NOT_READY) return wasm;", 2],
  ["new URL('truedy_client_bg.wasm', import.meta.url)", "new URL('truedy-client/truedy_client_bg.wasm', import.meta.url)", 1],
]);
// The imports object's `__wbg_x: function(...) {` members become methods `__wbg_x(...) {`:
// the same name (a method is named by its key, as the function expression was), but
// keepNames has nothing to wrap, which is 67 `_(function..., "__wbg_x")` calls less.
// wasm-bindgen only ever calls them, never with `new`.
const importMember = /^(\s+)((?:__wbg_|__wbindgen_)\w+): function\(/gm;
if ((glue.match(importMember) ?? []).length < 10) throw new Error("truedy_client.js: imports object not found");
writeFileSync(gluePath, `import { NOT_READY } from "${runtime[0]}";\n${glue.replace(importMember, "$1$2(")}`);
mkdirSync(join(pkg, "truedy-client"), { recursive: true });
renameSync(join(pkg, "truedy_client_bg.wasm"), join(pkg, "truedy-client", "truedy_client_bg.wasm"));

// Declarations a strict codebase accepts:
// - every optional member also takes `undefined` (`exactOptionalPropertyTypes`);
// - the init types need no DOM lib (a Node project has no RequestInfo, BufferSource or
//   WebAssembly types; the stand-ins merge with the DOM's where it is there);
// - CommonJS callers (`require`, TypeScript's node16) get .d.cts copies.
const dtsPath = join(pkg, "truedy_client.d.ts");
let dts = readFileSync(dtsPath, "utf8").replace(/^(\s+(?:readonly\s+)?[\w$]+\?: )(.+);$/gm, (line, head, type) =>
  /\|\s*undefined$/.test(type) ? line : `${head}${type.includes("=>") ? `(${type})` : type} | undefined;`);
dts = patched(dts, "truedy_client.d.ts", [
  ["export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;",
    "export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module;", 1],
  ["export type SyncInitInput = BufferSource | WebAssembly.Module;",
    "export type SyncInitInput = ArrayBuffer | ArrayBufferView | WebAssembly.Module;", 1],
]);
dts += `
declare global {
  /** What the init types name of WebAssembly, for projects without the DOM lib. */
  namespace WebAssembly {
    interface Module {}
    interface Memory {}
    interface Table {}
  }
}
`;
writeFileSync(dtsPath, dts);

// TypeScript older than 5.2 (no esnext.disposable) is sent to declarations in which every
// name the package exports is a type that says what to do: `new TruedyClient()` there fails
// with "Type 'TruedyClientNeedsTypeScript52OrNewer' has no construct signatures".
const exported = new Map();
for (const text of [dts, readFileSync(join(pkg, "index.d.ts"), "utf8")]) {
  for (const [, kind, name] of text.matchAll(/^export (?:declare )?(function|class|const|interface|type) (\w+)/gm)) {
    if (!exported.has(name) || kind === "class") exported.set(name, kind);
  }
}
writeFileSync(join(pkg, "ts-too-old.d.ts"), [
  "// truedy-client's declarations need TypeScript 5.2 or newer (Symbol.dispose, lib",
  "// esnext.disposable). The JavaScript itself needs nothing: upgrade TypeScript.",
  "/** truedy-client needs TypeScript 5.2 or newer. */",
  "export interface TruedyClientNeedsTypeScript52OrNewer { readonly upgradeTypeScript: never }",
  "type TypeScriptTooOld = TruedyClientNeedsTypeScript52OrNewer;",
  "declare const init: TypeScriptTooOld;",
  "export default init;",
  ...[...exported].map(([name, kind]) => (kind === "interface" || kind === "type")
    ? `export type ${name} = TypeScriptTooOld;`
    : `export declare const ${name}: TypeScriptTooOld;`),
  "",
].join("\n"));
writeFileSync(join(pkg, "truedy_client.d.cts"), dts);
writeFileSync(join(pkg, "index.d.cts"),
  readFileSync(join(pkg, "index.d.ts"), "utf8").replaceAll('"./truedy_client.js"', '"./truedy_client.cjs"'));

// The entry's own modules (watch.js) are bundled into it: one file less to fetch, and one
// gzip stream compresses them better than two. The bindings and the runtime stay separate
// modules (the runtime's TruedyError must be the one the bindings throw).
const entry = await build({
  entryPoints: [join(pkg, "index.js")], bundle: true, write: false, format: "esm", target: "es2022",
  plugins: [{
    name: "keep-bindings-apart",
    setup: (b) => b.onResolve({ filter: /^\.\/(truedy_client\.js|snippets\/)/ }, (args) => ({ path: args.path, external: true })),
  }],
});
writeFileSync(join(pkg, "index.js"), entry.outputFiles[0].text);
rmSync(join(pkg, "watch.js"));

// Names are kept (keepNames) so that stack traces and `constructor.name` still read
// TruedyError and TruedyClient.
for (const file of ["truedy_client.js", "index.js", "node.js", runtime[0]]) {
  const path = join(pkg, file);
  const { code } = await transform(readFileSync(path, "utf8"), {
    format: "esm", minify: true, keepNames: true, target: "es2022", legalComments: "none",
  });
  writeFileSync(path, code);
}
console.error(`pkg/ finished: truedy-client@${version}`);

/** `text` with each `[from, to, count]` replaced, failing unless `from` occurs `count` times. */
function patched(text, name, replacements) {
  for (const [from, to, count] of replacements) {
    const found = text.split(from).length - 1;
    if (found !== count) throw new Error(`${name}: expected ${count} of \`${from}\`, found ${found}`);
    text = text.replaceAll(from, to);
  }
  return text;
}
