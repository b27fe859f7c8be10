//! Everything that crosses between Rust and JavaScript goes through here: the imports of
//! `js/runtime.js`, the tape the host packs, the codes it builds results from, the
//! `TruedyError` conversion, and promises.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::Promise;
use truedy_core::endpoint::{Decoded, Packing};
use truedy_core::json::to_json;
use truedy_core::ops::{self, Ops};
use truedy_core::tree::Tree;
use truedy_core::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = errorFromJson)]
    fn error_from_json(text: &str) -> JsValue;

    #[wasm_bindgen(js_name = installSchema)]
    fn install_schema(text: &str);

    /// What the host packed: see `truedy_core::tree::tag`.
    pub(crate) type Packed;
    #[wasm_bindgen(method, getter)]
    fn tags(this: &Packed) -> Vec<u8>;
    #[wasm_bindgen(method, getter)]
    fn counts(this: &Packed) -> Vec<u32>;
    #[wasm_bindgen(method, getter)]
    fn numbers(this: &Packed) -> Vec<f64>;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Packed) -> String;
    #[wasm_bindgen(method, getter)]
    fn bases(this: &Packed) -> JsValue;

    #[wasm_bindgen(catch, js_name = packCalls)]
    fn pack_calls_js(raws: &JsValue) -> Result<Packed, JsValue>;
    #[wasm_bindgen(catch, js_name = packBody)]
    fn pack_body_js(text: &JsValue, packing: u8) -> Result<Option<Packed>, JsValue>;
    #[wasm_bindgen(catch, js_name = packValue)]
    fn pack_value_js(value: &JsValue) -> Result<Packed, JsValue>;
    #[wasm_bindgen(catch, js_name = packCells)]
    fn pack_cells_js(items: &JsValue, keys: &str) -> Result<Packed, JsValue>;

    fn assemble(
        codes: &[u32],
        numbers: &[f64],
        text: &str,
        bases: &JsValue,
        single: bool,
    ) -> JsValue;

    /// `pages[picks[2k]][picks[2k + 1]]` for each k, as one array.
    #[wasm_bindgen(js_name = pickCalls)]
    pub(crate) fn pick_calls(pages: &js_sys::Array, picks: &[u32]) -> JsValue;

    /// Calls a caller's callback; what it throws or rejects with is dropped.
    #[wasm_bindgen(js_name = callQuietly)]
    pub(crate) fn call_quietly(callback: &js_sys::Function, a: &JsValue, b: &JsValue);

    /// Tells `on_drift` what `result`'s calls hold that the client does not model, each
    /// thing once per `seen`.
    #[wasm_bindgen(js_name = reportDrift)]
    pub(crate) fn report_drift(on_drift: &js_sys::Function, seen: &js_sys::Set, result: &JsValue);

    /// Gives a call a transcript's turns, and its summary when the call has none.
    #[wasm_bindgen(js_name = attachTranscript)]
    pub(crate) fn attach_transcript(call: &JsValue, transcript: &JsValue) -> JsValue;

    /// One HTTP attempt through `fetch` (the global one when `None`); resolves with an
    /// array (see [`Sent`]), rejects as fetch does.
    pub(crate) fn send(
        fetch: Option<&js_sys::Function>,
        method: &str,
        url: &str,
        headers: &JsValue,
        idempotency_key: Option<&str>,
        body: Option<&str>,
        signal: &AbortSignal,
    ) -> Promise;

    /// Logs one step of a request (see js/runtime.js).
    #[wasm_bindgen(js_name = logRequest)]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn log_request(
        logger: Option<&JsValue>,
        level: u8,
        method: &str,
        path: &str,
        status: u16,
        code: Option<&str>,
        took_ms: f64,
        attempt: u32,
        retry_in_ms: f64,
    );

    /// Resolves after `ms`; rejects at once when `signal` aborts.
    pub(crate) fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Promise;

    /// A random UUID v4 for idempotency keys.
    pub(crate) fn uuid() -> String;

    /// The UTC offset in minutes of `time_zone` at each instant (unix ms; NaN stays NaN);
    /// throws a message for a zone the runtime does not know.
    #[wasm_bindgen(catch, js_name = zoneOffsets)]
    pub(crate) fn zone_offsets(instants: &[f64], time_zone: &str) -> Result<Vec<f64>, JsValue>;
}

/// A value the host packed, in Rust memory: read it with [`Tape::tree`]. `bases` are the
/// host's objects the result points back at.
pub(crate) struct Tape {
    tags: Vec<u8>,
    counts: Vec<u32>,
    numbers: Vec<f64>,
    text: String,
    pub bases: JsValue,
}

impl Tape {
    fn from(packed: Packed) -> Self {
        Tape {
            tags: packed.tags(),
            counts: packed.counts(),
            numbers: packed.numbers(),
            text: packed.text(),
            bases: packed.bases(),
        }
    }

    /// The packed value as a tree.
    pub fn tree(&self) -> Result<Tree<'_>, Error> {
        Tree::from_tape(&self.tags, &self.counts, &self.numbers, &self.text)
            .ok_or_else(|| Error::decode("the packed value could not be read"))
    }

    /// Packs payloads to normalize (an array; its objects are read as calls). What the host
    /// cannot pack (nesting past 128 levels, a BigInt) is a `decode` error, as for a body.
    pub fn of_calls(raws: &JsValue, name: &str) -> Result<Self, Error> {
        schema();
        pack_calls_js(raws)
            .map(Tape::from)
            .map_err(|e| Error::decode(thrown_error(e, name).message()))
    }

    /// Parses and packs a reply body; `None` when it is not JSON.
    pub fn of_body(body: &JsValue, packing: Packing) -> Result<Option<Self>, Error> {
        schema();
        let code = match packing {
            Packing::Nothing => return Ok(None),
            Packing::Value => 1,
            Packing::Call => 2,
            Packing::Page => 3,
        };
        pack_body_js(body, code)
            .map(|packed| packed.map(Tape::from))
            .map_err(|e| Error::decode(thrown_error(e, "the response").message()))
    }

    /// Packs the `keys` fields (comma-separated) of each object of `items` as whole values.
    pub fn of_cells(items: &JsValue, keys: &str) -> Result<Self, Error> {
        schema();
        pack_cells_js(items, keys)
            .map(Tape::from)
            .map_err(|e| thrown_error(e, "calls"))
    }

    /// Packs an argument (`undefined` is `null`).
    pub fn of_value(value: &JsValue, name: &str) -> Result<Self, Error> {
        schema();
        pack_value_js(value)
            .map(Tape::from)
            .map_err(|e| thrown_error(e, name))
    }
}

/// Installs the core's key table in the host, once.
fn schema() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if !INSTALLED.swap(true, Ordering::Relaxed) {
        install_schema(&ops::host_schema());
    }
}

/// The JavaScript value of a decoded result; `bases` are the objects the host packed.
pub(crate) fn decoded_value(decoded: Decoded, bases: &JsValue) -> Result<JsValue, Error> {
    match decoded {
        Decoded::Ops(ops) => Ok(built(&ops, bases, true)),
        Decoded::Json(text) => parsed(&text),
        Decoded::Null => Ok(JsValue::NULL),
        Decoded::Undefined => Ok(JsValue::UNDEFINED),
    }
}

/// Calls or a page built by the host from `ops`: one call, or all of them as an array.
pub(crate) fn built(ops: &Ops, bases: &JsValue, single: bool) -> JsValue {
    assemble(&ops.codes, &ops.numbers, &ops.text, bases, single)
}

/// A result written as JSON text and read by the host's `JSON.parse`.
pub(crate) fn json_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    parsed(&to_json(value)?)
}

fn parsed(text: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(text).map_err(|_| Error::decode("a result could not be read"))
}

/// What `send` read of a response: `[status, text, headers as JSON text, x-request-id,
/// x-should-retry, retry-after, retry-after-ms]`, one array read here rather than a getter
/// import each.
pub(crate) struct Sent(pub js_sys::Array);

impl Sent {
    pub fn status(&self) -> u16 {
        self.0.get(0).as_f64().map_or(0, |s| s as u16)
    }

    /// The body: the host's string, kept as it is.
    pub fn text(&self) -> JsValue {
        self.0.get(1)
    }

    /// Every header, as the JSON text of an object (non-2xx responses only).
    pub fn headers(&self) -> Option<String> {
        self.0.get(2).as_string()
    }

    /// A header's value: 3 `x-request-id`, 4 `x-should-retry`, 5 `retry-after`,
    /// 6 `retry-after-ms`.
    pub fn header(&self, index: u32) -> Option<String> {
        self.0.get(index).as_string()
    }
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

/// `name` + the message a runtime helper threw, as an `invalid_argument` error.
pub(crate) fn thrown_error(thrown: JsValue, name: &str) -> Error {
    let message = thrown
        .as_string()
        .unwrap_or_else(|| " could not be read".to_owned());
    let space = if message.starts_with('[') { "" } else { " " };
    Error::invalid([name, space, &message].concat())
}

/// Runs `work` as a JS promise whose error is a `TruedyError`.
pub(crate) fn promise<F>(work: F) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    future_to_promise(async move { work.await.map_err(|e| TruedyError(e).into()) })
}
