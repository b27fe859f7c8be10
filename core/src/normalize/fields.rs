//! Reading fields out of a JSON object, and taking payloads out of their envelopes.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The object type of `serde_json`.
pub(crate) type Object = Map<String, Value>;

/// "an array", "a string", ...: what a value is, for error messages.
pub(crate) fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first of `keys` for which `f` gives a value: the first *usable* field wins, so a
/// field of the wrong type falls through to the next accepted name.
pub(crate) fn first<'a, T>(
    m: &'a Object,
    keys: &[&str],
    f: impl Fn(&'a Value) -> Option<T>,
) -> Option<T> {
    keys.iter().find_map(|k| m.get(*k).and_then(&f))
}

/// A string that is not blank, as sent.
pub(crate) fn non_blank(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| !s.trim().is_empty())
}

/// The first non-blank string among `keys`, as sent.
pub(crate) fn string(m: &Object, keys: &[&str]) -> Option<String> {
    first(m, keys, non_blank).map(str::to_owned)
}

/// The first object among `keys`.
pub(crate) fn object<'a>(m: &'a Object, keys: &[&str]) -> Option<&'a Object> {
    first(m, keys, Value::as_object)
}

/// The request id of an enveloped response (`meta.request_id`), if any.
pub(crate) fn request_id(m: &Object) -> Option<String> {
    m.get("meta")
        .and_then(Value::as_object)
        .and_then(|meta| string(meta, &["request_id"]))
}

/// A decode error carrying the payload's request id when it has one.
pub(crate) fn decode_error(message: String, payload: Option<&Object>) -> Error {
    Error::Decode {
        message,
        status: None,
        request_id: payload.and_then(request_id),
    }
}

/// `code: message` of an API error body (`{error: {code, message}}` or `{error: "..."}`).
pub(crate) fn api_error(m: &Object) -> Option<String> {
    match m.get("error")? {
        Value::String(s) => Some(s.clone()),
        Value::Object(e) => {
            let code = string(e, &["code"]);
            let message = string(e, &["message"]);
            match (code, message) {
                (Some(c), Some(msg)) => Some(c + ": " + &msg),
                (Some(only), None) | (None, Some(only)) => Some(only),
                (None, None) => Some("no message".to_owned()),
            }
        }
        _ => None,
    }
}

/// A non-object where `what` should be.
pub(crate) fn not_an_object(what: &str, got: &Value) -> Error {
    Error::decode(["expected ", what, ", got ", kind_name(got)].concat())
}

/// Takes the object out of a bare payload or a `{data: {...}, meta}` envelope.
///
/// An object is an envelope when it has none of `own_keys` (`id` for a call) and its `data`
/// is an object; the inner object is returned, with `true` (an envelope was taken off).
/// Errors (`Error::Decode`):
/// - `value` is not an object;
/// - it is an API error body (`{error: {...}}` and no `data`);
/// - it has none of `own_keys` and a `data` that is present but not an object.
pub(crate) fn unwrap_object(value: Value, what: &str, own_keys: &[&str]) -> Result<(Object, bool)> {
    let mut map = match value {
        Value::Object(m) => m,
        other => return Err(not_an_object(what, &other)),
    };
    if own_keys.iter().any(|k| map.contains_key(*k)) {
        return Ok((map, false));
    }
    match map.get("data") {
        None | Some(Value::Null) => {
            if let Some(msg) = api_error(&map) {
                let text = ["expected ", what, ", got an API error: ", &msg].concat();
                return Err(decode_error(text, Some(&map)));
            }
            match map.get("data") {
                Some(null) => {
                    let text = ["expected ", what, " in `data`, got ", kind_name(null)].concat();
                    Err(decode_error(text, Some(&map)))
                }
                None => Ok((map, false)),
            }
        }
        Some(Value::Object(_)) => match map.remove("data") {
            Some(Value::Object(inner)) => Ok((inner, true)),
            _ => Err(Error::decode(["expected ", what].concat())),
        },
        Some(other) => {
            let text = ["expected ", what, " in `data`, got ", kind_name(other)].concat();
            Err(decode_error(text, Some(&map)))
        }
    }
}
