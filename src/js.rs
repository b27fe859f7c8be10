//! Everything that crosses between Rust and JavaScript goes through here: the imports of
//! `js/runtime.js`, the `TruedyError` conversion, and promises.

use std::future::Future;

use js_sys::Promise;
use truedy_core::endpoint::{Decoded, RawAt};
use truedy_core::json::to_json;
use truedy_core::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = errorFromJson)]
    fn error_from_json(text: &str) -> JsValue;

    /// JSON text of an argument (`""` for `undefined`); throws a message string.
    #[wasm_bindgen(catch, js_name = argumentJson)]
    pub(crate) fn argument_json(value: &JsValue) -> Result<String, JsValue>;

    /// JSON text of payloads to normalize; throws a message string.
    #[wasm_bindgen(catch, js_name = payloadJson)]
    pub(crate) fn payload_json(value: &JsValue) -> Result<String, JsValue>;

    #[wasm_bindgen(js_name = resultFromJson)]
    fn result_from_json(text: &str, body: &JsValue, raw_at: u8) -> JsValue;

    /// The calls in `text` with the caller's own objects as their `raw`.
    #[wasm_bindgen(js_name = callsWithRaw)]
    pub(crate) fn calls_with_raw(
        text: &str,
        raws: &JsValue,
        enveloped: &[u8],
        single: bool,
    ) -> JsValue;

    /// `pages[picks[2k]][picks[2k + 1]]` for each k, as one array.
    #[wasm_bindgen(js_name = pickCalls)]
    pub(crate) fn pick_calls(pages: &js_sys::Array, picks: &[u32]) -> JsValue;

    /// Resolves after `ms`; rejects at once when `signal` aborts.
    pub(crate) fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Promise;

    /// A random UUID v4 for idempotency keys.
    pub(crate) fn uuid() -> String;
}

/// A core [`Error`] on its way to JavaScript, where it becomes a `TruedyError`: exports
/// return `Result<_, TruedyError>`, and `?` converts any core error.
#[derive(Debug)]
pub struct TruedyError(pub(crate) Error);

impl From<Error> for TruedyError {
    fn from(error: Error) -> Self {
        TruedyError(error)
    }
}

impl From<TruedyError> for JsValue {
    /// One crossing: the error's fields as JSON text, made into a `TruedyError` by the
    /// runtime. The fields never contain the API key (it only ever goes into a header).
    fn from(TruedyError(error): TruedyError) -> Self {
        let text = to_json(&error.fields()).unwrap_or_else(|_| {
            r#"{"kind":"decode","message":"an error could not be described","retryable":false}"#
                .to_owned()
        });
        error_from_json(&text)
    }
}

/// An argument's JSON text, for the core's readers; a message thrown by the host becomes an
/// `invalid_argument` error naming the argument.
pub(crate) fn json_argument(value: &JsValue, name: &str) -> Result<String, Error> {
    argument_json(value).map_err(|thrown| thrown_error(thrown, name))
}

/// `name` + the message a runtime helper threw, as an `invalid_argument` error.
pub(crate) fn thrown_error(thrown: JsValue, name: &str) -> Error {
    let message = thrown
        .as_string()
        .unwrap_or_else(|| " could not be read".to_owned());
    let space = if message.starts_with('[') { "" } else { " " };
    Error::invalid([name, space, &message].concat())
}

/// A decoded reply as its JavaScript value; `body` is the response body the calls' `raw`
/// come from.
pub(crate) fn decoded_value(decoded: Decoded, body: &JsValue) -> JsValue {
    match decoded {
        Decoded::Json(text, raw_at) => result_from_json(&text, body, raw_at_code(raw_at)),
        Decoded::Null => JsValue::NULL,
        Decoded::Undefined => JsValue::UNDEFINED,
    }
}

/// The codes `resultFromJson` knows.
fn raw_at_code(raw_at: RawAt) -> u8 {
    match raw_at {
        RawAt::Nowhere => 0,
        RawAt::Body => 1,
        RawAt::BodyData => 2,
        RawAt::PageItems => 3,
    }
}

/// A result written as JSON text and read by the host's `JSON.parse` (no calls in it).
pub(crate) fn json_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    Ok(result_from_json(&to_json(value)?, &JsValue::UNDEFINED, 0))
}

/// Runs `work` as a JS promise whose error is a `TruedyError`.
pub(crate) fn promise<F>(work: F) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    future_to_promise(async move { work.await.map_err(|e| TruedyError(e).into()) })
}
