//! Tests of `TruedyClient` and the package functions through their JavaScript facade,
//! against truedy-mock: in Node, and in headless Chromium with the `browser-tests` feature
//! (`scripts/test` runs both). Without `run_in_browser`, `wasm-pack test --chrome` would
//! skip every test.

#[cfg(feature = "browser-tests")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod basics;
mod endpoints;
mod functions;
mod pages;
mod transport;
mod wait;
