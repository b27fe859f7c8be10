//! The `#[wasm_bindgen]` facade: every JS name and every conversion lives here.

mod client;
mod convert;
mod functions;
mod pages;
mod wait;

pub use client::TruedyClient;
pub use functions::{
    calls_to_csv, format_transcript, normalize_call, normalize_status, summarize_calls,
};
