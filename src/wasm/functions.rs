//! The package's free functions: normalization, transcript formatting, CSV and summaries.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::convert::{from_ts, string_arg, to_js_error, to_ts};
use crate::error::Error;
use crate::export::{self, CsvOptions};
use crate::format::{self, FormatOptions};
use crate::model::{Call, StatusInfo, TranscriptTurn};
use crate::normalize;
use crate::summary::{self, CallSummary};

/// Maps any status word the API uses (`in-progress`, `completed`, `user_hangup`,
/// `no_answer`, ...) to the canonical status. Unknown words give `unknown`, never an error.
///
/// @example
/// ```ts
/// normalizeStatus("user_hangup"); // { status: "ended", detail: "user_hangup", isTerminal: true }
/// ```
#[wasm_bindgen(js_name = normalizeStatus)]
pub fn normalize_status(
    #[wasm_bindgen(unchecked_param_type = "string")] raw: JsValue,
) -> Result<Ts<StatusInfo>, JsValue> {
    let raw = string_arg(&raw, "status").map_err(to_js_error)?;
    to_ts(&normalize::normalize_status(&raw)).map_err(to_js_error)
}

/// Normalizes a call object in any documented shape (bare or in a `{data, meta}` envelope)
/// to the canonical `Call`, exactly as the client does. Throws a `TruedyError` (kind
/// `decode`) when the value is not a call object.
///
/// @example
/// ```ts
/// const call = normalizeCall(await (await fetch(url)).json());
/// ```
#[wasm_bindgen(js_name = normalizeCall)]
pub fn normalize_call(
    #[wasm_bindgen(unchecked_param_type = "unknown")] raw: JsValue,
) -> Result<Ts<Call>, JsValue> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(raw)
        .map_err(|e| to_js_error(Error::decode(format!("not a JSON value: {e}"))))?;
    let call = normalize::normalize_call(value).map_err(to_js_error)?;
    to_ts(&call).map_err(to_js_error)
}

/// Formats transcript turns as text: `plain` (default, `Agent: text` lines), `timestamped`
/// (`[1.2s] Agent: text`), `markdown`, `srt`, `vtt` or `html` (every piece of text escaped).
/// `labels` rename the speakers; `mergeConsecutive` joins adjacent turns of one speaker.
///
/// @example
/// ```ts
/// const text = formatTranscript(call.transcript ?? [], { style: "timestamped" });
/// const vtt = formatTranscript(turns, { style: "vtt", labels: { agent: "Aria" } });
/// ```
#[wasm_bindgen(js_name = formatTranscript)]
pub fn format_transcript(
    #[wasm_bindgen(unchecked_param_type = "TranscriptTurn[]")] turns: JsValue,
    options: Option<Ts<FormatOptions>>,
) -> Result<String, JsValue> {
    let turns: Vec<TranscriptTurn> = list_arg(turns, "turns").map_err(to_js_error)?;
    let options = from_ts(options, "options").map_err(to_js_error)?;
    Ok(format::format_transcript(&turns, &options))
}

/// Writes calls as RFC 4180 CSV (CRLF rows, a header row). Cells a spreadsheet would run as
/// a formula are neutralized. `columns` picks and orders `Call` fields by name.
///
/// @example
/// ```ts
/// const csv = callsToCsv(calls, { columns: ["id", "status", "createdAt", "durationSeconds", "costUsd"] });
/// download(new Blob([csv], { type: "text/csv" }));
/// ```
#[wasm_bindgen(js_name = callsToCsv)]
pub fn calls_to_csv(
    #[wasm_bindgen(unchecked_param_type = "Call[]")] calls: JsValue,
    options: Option<Ts<CsvOptions>>,
) -> Result<String, JsValue> {
    let calls: Vec<Call> = list_arg(calls, "calls").map_err(to_js_error)?;
    let options = from_ts(options, "options").map_err(to_js_error)?;
    export::calls_to_csv(&calls, &options).map_err(to_js_error)
}

/// What a dashboard header shows: counts by status, outcome and direction, total and mean
/// cost (USD), total and mean duration, and p50/p90 duration (nearest rank).
///
/// @example
/// ```ts
/// const { count, byStatus, totalCostUsd, p90DurationSeconds } = summarizeCalls(page.data);
/// ```
#[wasm_bindgen(js_name = summarizeCalls)]
pub fn summarize_calls(
    #[wasm_bindgen(unchecked_param_type = "Call[]")] calls: JsValue,
) -> Result<Ts<CallSummary>, JsValue> {
    let calls: Vec<Call> = list_arg(calls, "calls").map_err(to_js_error)?;
    to_ts(&summary::summarize_calls(&calls)).map_err(to_js_error)
}

/// Reads an array argument of model objects.
fn list_arg<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<Vec<T>, Error> {
    if !js_sys::Array::is_array(&value) {
        return Err(Error::InvalidArgument(format!("{what} must be an array")));
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| Error::InvalidArgument(format!("{what}: {e}")))
}
