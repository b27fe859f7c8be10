//! The plain-Rust core of truedy-client: everything the client knows about the Truedy Calls
//! API that does not need a browser. The wasm crate at the top of the workspace adds the
//! transport (fetch) and the JavaScript facade.
//!
//! - [`model`]: the canonical types handed to JavaScript.
//! - [`normalize`]: every documented payload dialect -> the model.
//! - [`endpoint`]: one function per API endpoint (method, path, query, body) and how its
//!   reply decodes; [`request`] and [`response`] hold the rules both sides need.
//! - [`read`]: arguments and options read from what the caller passed, with clear errors.
//! - [`tree`]: the borrowed JSON value the core reads (from the host's tape, or serde_json).
//! - [`ops`]: normalized calls written as codes the host builds its objects from.
//! - [`json`]: small results written as JSON text with the project's own number writer.
//! - [`format`], [`export`], [`summary`]: transcripts as text, CSV, dashboard summaries.
//! - [`paging`], [`wait`]: the plans of `listAllCalls` and `waitForCall`.
//!
//! Nothing here panics on input from the network or the caller, and nothing here uses
//! `core::fmt` in code the wasm build reaches: messages are built with `push_str`, numbers
//! with [`format::number`].
#![deny(missing_docs)]

pub mod config;
pub mod endpoint;
pub mod error;
pub mod export;
pub mod format;
pub mod json;
pub mod model;
pub mod normalize;
pub mod ops;
pub mod paging;
pub mod read;
mod redact;
pub mod request;
pub mod response;
pub mod summary;
pub mod tree;
pub mod wait;

pub use error::{Error, Result};
