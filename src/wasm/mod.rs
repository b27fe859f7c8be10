//! The `#[wasm_bindgen]` facade: every JS name and every conversion lives here.

mod client;
mod convert;
mod functions;

pub use client::TruedyClient;
pub use functions::{normalize_call, normalize_status};
