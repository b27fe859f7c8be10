//! truedy-client: a typed, fetch-based client for the Truedy voice-AI Calls API,
//! compiled to WebAssembly.
//!
//! The core (model, normalization, formatting, summaries, CSV) is plain Rust with no web
//! dependency; the transport and the `#[wasm_bindgen]` facade sit at the edge and exist only
//! on wasm32.
#![deny(missing_docs)]

pub mod config;
pub mod error;
pub mod export;
pub mod format;
pub mod model;
pub mod normalize;
pub mod paging;
pub mod request;
pub mod response;
pub mod summary;
pub mod wait;

#[cfg(target_arch = "wasm32")]
mod transport;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Result};
