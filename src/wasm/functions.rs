//! The package's free functions: the same normalization the client applies.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::convert::{string_arg, to_js_error, to_ts};
use crate::error::Error;
use crate::model::{Call, StatusInfo};
use crate::normalize;

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
pub fn normalize_call(#[wasm_bindgen(unchecked_param_type = "unknown")] raw: JsValue) -> Result<Ts<Call>, JsValue> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(raw)
        .map_err(|e| to_js_error(Error::decode(format!("not a JSON value: {e}"))))?;
    let call = normalize::normalize_call(value).map_err(to_js_error)?;
    to_ts(&call).map_err(to_js_error)
}
