//! The client's wasm-bindgen tests, run in headless Chromium against truedy-mock
//! (`scripts/test`). Without `run_in_browser`, `wasm-pack test --chrome` skips every test.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod client;
