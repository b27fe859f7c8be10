//! Arguments and options, read from the JSON text of what the caller passed (the host's
//! `JSON.stringify`), with an `invalid_argument` error that names the member at fault:
//! `options.style must be one of plain, timestamped, markdown, srt, vtt, html`.
//!
//! Small hand-written readers rather than derived `Deserialize`: serde's derived
//! deserializers and their error messages (which format numbers) were the largest item of
//! the wasm build. `null` reads as absent everywhere, like a missing member.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::json;

/// A value read from a caller's JSON.
pub trait FromJson: Sized {
    /// Reads `value`; `name` is how the caller knows it (`options.labels`).
    fn from_json(value: &Value, name: &str) -> Result<Self>;
}

/// Parses the JSON text of an argument. An empty text (the host's `JSON.stringify` gave
/// `undefined`) is `null`.
pub fn argument(text: &str, name: &str) -> Result<Value> {
    if text.is_empty() {
        return Ok(Value::Null);
    }
    json::parse(text)
        .map_err(|_| Error::invalid([name, " could not be read (nested too deeply?)"].concat()))
}

/// `name must be <what>`.
pub fn must_be(name: &str, what: &str) -> Error {
    Error::invalid([name, " must be ", what].concat())
}

/// The members of an object argument, read one at a time.
pub struct Members<'a> {
    map: Option<&'a Map<String, Value>>,
    name: &'a str,
}

impl<'a> Members<'a> {
    /// `value` must be an object, or `null` (every member absent).
    pub fn of(value: &'a Value, name: &'a str) -> Result<Self> {
        match value {
            Value::Null => Ok(Members { map: None, name }),
            Value::Object(map) => Ok(Members {
                map: Some(map),
                name,
            }),
            _ => Err(must_be(name, "an object")),
        }
    }

    /// The member `key`, or `None` when it is absent or `null`.
    pub fn get<T: FromJson>(&self, key: &str) -> Result<Option<T>> {
        match self.map.and_then(|m| m.get(key)) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::from_json(value, &[self.name, ".", key].concat()).map(Some),
        }
    }

    /// The member `key`, which must be there.
    pub fn require<T: FromJson>(&self, key: &str) -> Result<T> {
        self.get(key)?
            .ok_or_else(|| Error::invalid([self.name, ".", key, " is required"].concat()))
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value, name: &str) -> Result<Self> {
        value.as_f64().ok_or_else(|| must_be(name, "a number"))
    }
}

impl FromJson for bool {
    fn from_json(value: &Value, name: &str) -> Result<Self> {
        value.as_bool().ok_or_else(|| must_be(name, "a boolean"))
    }
}

impl FromJson for String {
    fn from_json(value: &Value, name: &str) -> Result<Self> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| must_be(name, "a string"))
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(value: &Value, name: &str) -> Result<Self> {
        value
            .as_object()
            .cloned()
            .ok_or_else(|| must_be(name, "an object"))
    }
}

impl FromJson for Vec<String> {
    fn from_json(value: &Value, name: &str) -> Result<Self> {
        let items = value
            .as_array()
            .ok_or_else(|| must_be(name, "an array of strings"))?;
        items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| must_be(name, "an array of strings"))
    }
}

impl FromJson for BTreeMap<String, String> {
    fn from_json(value: &Value, name: &str) -> Result<Self> {
        let map = value
            .as_object()
            .ok_or_else(|| must_be(name, "an object of strings"))?;
        map.iter()
            .map(|(key, v)| {
                Ok((
                    key.clone(),
                    String::from_json(v, &[name, ".", key].concat())?,
                ))
            })
            .collect()
    }
}

/// A string member that must be one of `words`; gives the index of the word.
pub fn one_of(value: &Value, name: &str, words: &[&str]) -> Result<usize> {
    value
        .as_str()
        .and_then(|s| words.iter().position(|w| *w == s))
        .ok_or_else(|| must_be(name, &["one of ", &words.join(", ")].concat()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(e: Error) -> String {
        e.message().into_owned()
    }

    #[test]
    fn members_name_the_culprit() {
        let v = json!({ "limit": "10", "tags": ["a", 1], "h": { "X": 1 }, "n": null });
        let m = Members::of(&v, "params").expect("an object");
        assert_eq!(
            message(m.get::<f64>("limit").unwrap_err()),
            "params.limit must be a number"
        );
        assert_eq!(
            message(m.get::<Vec<String>>("tags").unwrap_err()),
            "params.tags must be an array of strings"
        );
        assert_eq!(
            message(m.get::<BTreeMap<String, String>>("h").unwrap_err()),
            "params.h.X must be a string"
        );
        assert_eq!(m.get::<f64>("n").expect("null is absent"), None);
        assert_eq!(m.get::<f64>("missing").expect("absent"), None);
        assert_eq!(
            message(m.require::<String>("id").unwrap_err()),
            "params.id is required"
        );
        assert_eq!(
            message(
                Members::of(&json!([1]), "options")
                    .err()
                    .expect("not an object")
            ),
            "options must be an object"
        );
        assert!(Members::of(&Value::Null, "options").is_ok());
    }

    #[test]
    fn arguments() {
        assert_eq!(argument("", "x").expect("undefined"), Value::Null);
        assert_eq!(
            argument("{\"a\":1}", "x").expect("object"),
            json!({ "a": 1 })
        );
        let deep = "[".repeat(500) + &"]".repeat(500);
        assert_eq!(
            message(argument(&deep, "options").unwrap_err()),
            "options could not be read (nested too deeply?)"
        );
        assert_eq!(
            one_of(&json!("srt"), "s", &["plain", "srt"]).expect("known"),
            1
        );
        assert_eq!(
            message(one_of(&json!("pdf"), "options.style", &["plain", "srt"]).unwrap_err()),
            "options.style must be one of plain, srt"
        );
    }
}
