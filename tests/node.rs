//! The client's wasm-bindgen tests, run in Node against truedy-mock (`scripts/test`).
#![cfg(target_arch = "wasm32")]

mod client;
