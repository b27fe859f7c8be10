//! Every conversion between Rust and JavaScript values, and the mapping of [`Error`] to
//! a `TruedyError`, in one place.

use std::future::Future;

use js_sys::{Function, Promise, Reflect};
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use crate::error::Error;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        kind: &str,
        message: &str,
        status: Option<u16>,
        code: Option<String>,
        request_id: Option<String>,
        details: JsValue,
        retryable: bool,
    ) -> JsValue;
}

/// Builds the `TruedyError` for `error`. Messages never contain the API key: it is only
/// ever written into the `Authorization` header.
pub(crate) fn to_js_error(error: Error) -> JsValue {
    let message = error.to_string();
    let retryable = error.is_retryable();
    let kind = error.kind();
    match error {
        Error::Http {
            status,
            code,
            request_id,
            details,
            ..
        } => {
            let details = details.as_ref().map_or(JsValue::UNDEFINED, |d| {
                to_js(d).unwrap_or(JsValue::UNDEFINED)
            });
            make_error(
                kind,
                &message,
                Some(status),
                code,
                request_id,
                details,
                retryable,
            )
        }
        Error::Decode {
            status, request_id, ..
        } => make_error(
            kind,
            &message,
            status,
            None,
            request_id,
            JsValue::UNDEFINED,
            retryable,
        ),
        _ => make_error(
            kind,
            &message,
            None,
            None,
            None,
            JsValue::UNDEFINED,
            retryable,
        ),
    }
}

/// Converts a result for JavaScript: written as JSON text in Rust and read by the host's
/// `JSON.parse`. One string crosses the boundary instead of one per field, which makes a
/// page of calls several times cheaper than building the objects property by property.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::decode(format!("could not convert the result for JavaScript: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| Error::decode("could not convert the result for JavaScript"))
}

/// [`to_js`], typed for the .d.ts.
pub(crate) fn to_ts<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, Error> {
    to_js(value).map(Ts::new_unchecked)
}

/// Reads a typed argument; a value of the wrong shape is an `invalid_argument` error.
pub(crate) fn from_ts<T>(value: Option<Ts<T>>, what: &str) -> Result<T, Error>
where
    T: Tsify + serde::de::DeserializeOwned + Default,
    <T as Tsify>::JsType: Clone,
{
    match value
        .map(|v| v.js_value())
        .filter(|v| !v.is_undefined() && !v.is_null())
    {
        None => Ok(T::default()),
        Some(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| Error::InvalidArgument(format!("{what}: {e}"))),
    }
}

/// Reads a required string argument.
pub(crate) fn string_arg(value: &JsValue, what: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::InvalidArgument(format!("{what} must be a string")))
}

/// `options[name]`, or `None` when the options or the property are absent, `undefined` or
/// `null`.
pub(crate) fn option(options: &Option<JsValue>, name: &str) -> Option<JsValue> {
    let options = options.as_ref().filter(|o| o.is_object())?;
    let value = Reflect::get(options, &JsValue::from_str(name)).ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// Reads `options.signal`; anything there that is not an `AbortSignal` is an error.
pub(crate) fn signal_of(options: &Option<JsValue>) -> Result<Option<AbortSignal>, Error> {
    typed_option(options, "signal", "an AbortSignal", |v| {
        v.dyn_into::<AbortSignal>().ok()
    })
}

/// Reads an optional string property of an options object.
pub(crate) fn string_option(
    options: &Option<JsValue>,
    name: &str,
) -> Result<Option<String>, Error> {
    typed_option(options, name, "a string", |v| v.as_string())
}

/// Reads an optional number property of an options object.
pub(crate) fn number_option(options: &Option<JsValue>, name: &str) -> Result<Option<f64>, Error> {
    typed_option(options, name, "a number", |v| v.as_f64())
}

/// Reads an optional function property (a callback) of an options object.
pub(crate) fn function_option(
    options: &Option<JsValue>,
    name: &str,
) -> Result<Option<Function>, Error> {
    typed_option(options, name, "a function", |v| {
        v.dyn_into::<Function>().ok()
    })
}

/// `options[name]` converted by `read`; a value it refuses is `options.<name> must be <what>`.
pub(crate) fn typed_option<T>(
    options: &Option<JsValue>,
    name: &str,
    what: &str,
    read: impl FnOnce(JsValue) -> Option<T>,
) -> Result<Option<T>, Error> {
    option(options, name)
        .map(|v| {
            read(v).ok_or_else(|| Error::InvalidArgument(format!("options.{name} must be {what}")))
        })
        .transpose()
}

/// Runs `work` as a JS promise whose error is a `TruedyError`.
pub(crate) fn promise<F>(work: F) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    future_to_promise(async move { work.await.map_err(to_js_error) })
}
