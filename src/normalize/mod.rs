//! Wire payloads in every documented dialect -> the canonical model.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Call, CallPage, CallStatus, StatusInfo, Transcript};

/// Maps any status word of any documented vocabulary to the canonical status.
pub fn normalize_status(raw: &str) -> StatusInfo {
    StatusInfo { status: CallStatus::Unknown, detail: raw.to_owned(), is_terminal: false }
}

/// Normalizes one call object (bare or inside a `{data, meta}` envelope).
pub fn normalize_call(value: Value) -> Result<Call> {
    let _ = value;
    Err(Error::decode("not implemented"))
}

/// Normalizes one page of a listing, with either pagination envelope.
pub fn normalize_page(value: Value) -> Result<CallPage> {
    let _ = value;
    Err(Error::decode("not implemented"))
}

/// Normalizes the transcript endpoint's payload (or a call's embedded transcript).
pub fn normalize_transcript(value: Value) -> Result<Transcript> {
    let _ = value;
    Err(Error::decode("not implemented"))
}
