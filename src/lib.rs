//! truedy-client: a typed, fetch-based client for the Truedy voice-AI Calls API, compiled to
//! WebAssembly.
//!
//! This crate is the edge around the plain-Rust core (`truedy-core`): the transport (fetch,
//! retries, timeouts, abort), the `#[wasm_bindgen]` facade, and the readers that take what
//! JavaScript passes in one piece. Each export reads its arguments, calls the core, and
//! starts the request; results cross back in one piece (a string, a JSON text, or codes the
//! host builds calls from).
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
mod drift;
#[cfg(target_arch = "wasm32")]
mod functions;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod options;
#[cfg(target_arch = "wasm32")]
mod packed;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod transport;
#[cfg(target_arch = "wasm32")]
mod wait;

/// A small allocator: about 3 KB of gzipped wasm less than Rust's default (dlmalloc).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

// The wasm-bindgen tests (`scripts/test`: Node, and headless Chromium with the
// `browser-tests` feature) are unit tests of this crate, since a cdylib has no rlib for
// integration tests to link.
#[cfg(all(test, target_arch = "wasm32"))]
#[path = "../tests/wasm/mod.rs"]
mod tests;
