//! Wire payloads in every documented dialect -> the canonical model.
//!
//! The five API doc pages disagree on status words, field names, units and envelopes. This
//! module accepts all of them and produces one shape. Nothing here panics on input and
//! nothing server-owned (a status word, a direction, a speaker) fails a parse: unknown words
//! become `unknown` and the word as sent is kept. Only a payload that is not even the right
//! kind of JSON value (an array where a call should be, a page without a `data` array)
//! gives an error, always `Error::Decode`.
//!
//! General rules applied to every call field:
//! - A field of the wrong type (a number where a string is expected, ...) becomes `null`;
//!   the value is still in `raw`. When a field has several accepted names, the first name
//!   holding a usable value wins.
//! - An empty or whitespace-only string counts as absent (`null`).
//! - Negative or non-finite durations, costs and latencies become `null`.

// The public signatures return `crate::Result`; the size of `Error` is `error.rs`'s concern.

mod call;
mod failure;
mod fields;
mod num;
mod page;
mod time;
mod transcript;
pub mod view;
mod words;

pub use call::{call_view, normalize_call, normalize_call_enveloped};
pub use page::{normalize_page, page_view};
pub use time::{instant_ms, normalize_time, push_day_key, push_hour_key, unix_ms_to_iso};
pub use transcript::transcript_of;
pub use transcript::{normalize_transcript, normalize_turns, turns_of};
pub use words::{
    is_terminal_status, normalize_direction, normalize_speaker, normalize_status, status_of,
};
