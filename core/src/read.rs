//! Arguments and options, read from what the caller passed (packed by the host in one
//! crossing, see [`crate::tree`]), with an `invalid_argument` error that names the member
//! at fault: `options.style must be one of plain, timestamped, markdown, srt, vtt, html`.
//!
//! Small hand-written readers rather than derived `Deserialize`: serde's derived
//! deserializers and their error messages (which format numbers) were the largest item of
//! the wasm build. `null` reads as absent everywhere, like a missing member.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::tree::Node;

/// A value read from what a caller passed.
pub trait FromJson: Sized {
    /// Reads `value`; `name` is how the caller knows it (`options.labels`).
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self>;
}

/// Reads a `T` from a `serde_json::Value` (native callers and tests).
pub fn from_value<T: FromJson>(value: &Value, name: &str) -> Result<T> {
    T::from_json(crate::tree::Tree::from_value(value).root(), name)
}

/// `name must be <what>`.
pub fn must_be(name: &str, what: &str) -> Error {
    Error::invalid([name, " must be ", what].concat())
}

/// The members of an object argument, read one at a time.
pub struct Members<'n, 't, 'a> {
    object: Option<Node<'t, 'a>>,
    name: &'n str,
}

impl<'n, 't, 'a> Members<'n, 't, 'a> {
    /// `value` must be an object, or `null` (every member absent).
    pub fn of(value: Node<'t, 'a>, name: &'n str) -> Result<Self> {
        if value.is_null() {
            Ok(Members { object: None, name })
        } else if value.is_readable_object() {
            Ok(Members {
                object: Some(value),
                name,
            })
        } else {
            Err(must_be(name, "an object"))
        }
    }

    /// The member `key`, or `None` when it is absent or `null`.
    pub fn get<T: FromJson>(&self, key: &str) -> Result<Option<T>> {
        match self.object.and_then(|o| o.get(key)) {
            None => Ok(None),
            Some(value) if value.is_null() => Ok(None),
            Some(value) => T::from_json(value, &[self.name, ".", key].concat()).map(Some),
        }
    }

    /// Refuses a member (other than `null`) outside `keys`: `<name>.<key> is not accepted:
    /// <why>`.
    pub fn only(&self, keys: &[&str], why: &str) -> Result<()> {
        let Some(object) = self.object else {
            return Ok(());
        };
        match object
            .entries()
            .find(|(key, value)| !value.is_null() && !keys.contains(key))
        {
            Some((key, _)) => Err(Error::invalid(
                [self.name, ".", key, " is not accepted: ", why].concat(),
            )),
            None => Ok(()),
        }
    }

    /// The member `key`, which must be there.
    pub fn require<T: FromJson>(&self, key: &str) -> Result<T> {
        self.get(key)?
            .ok_or_else(|| Error::invalid([self.name, ".", key, " is required"].concat()))
    }
}

impl FromJson for f64 {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        value.as_f64().ok_or_else(|| must_be(name, "a number"))
    }
}

impl FromJson for bool {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        value.as_bool().ok_or_else(|| must_be(name, "a boolean"))
    }
}

impl FromJson for String {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| must_be(name, "a string"))
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        match value.is_readable_object().then(|| value.to_value()) {
            Some(Value::Object(map)) => Ok(map),
            _ => Err(must_be(name, "an object")),
        }
    }
}

impl FromJson for Vec<String> {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        if !value.is_array() {
            return Err(must_be(name, "an array of strings"));
        }
        value
            .items()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| must_be(name, "an array of strings"))
    }
}

impl FromJson for Vec<(String, String)> {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        if !value.is_readable_object() {
            return Err(must_be(name, "an object of strings"));
        }
        value
            .entries()
            .map(|(key, v)| {
                Ok((
                    key.to_owned(),
                    String::from_json(v, &[name, ".", key].concat())?,
                ))
            })
            .collect()
    }
}

/// A string member that must be one of `words`; gives the index of the word.
pub fn one_of(value: Node<'_, '_>, name: &str, words: &[&str]) -> Result<usize> {
    value
        .as_str()
        .and_then(|s| words.iter().position(|w| *w == s))
        .ok_or_else(|| must_be(name, &["one of ", &words.join(", ")].concat()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Tree;
    use serde_json::json;

    fn message(e: Error) -> String {
        e.message().into_owned()
    }

    #[test]
    fn members_name_the_culprit() {
        let v = json!({ "limit": "10", "tags": ["a", 1], "h": { "X": 1 }, "n": null });
        let tree = Tree::from_value(&v);
        let m = Members::of(tree.root(), "params").expect("an object");
        assert_eq!(
            message(m.get::<f64>("limit").unwrap_err()),
            "params.limit must be a number"
        );
        assert_eq!(
            message(m.get::<Vec<String>>("tags").unwrap_err()),
            "params.tags must be an array of strings"
        );
        assert_eq!(
            message(m.get::<Vec<(String, String)>>("h").unwrap_err()),
            "params.h.X must be a string"
        );
        assert_eq!(m.get::<f64>("n").expect("null is absent"), None);
        assert_eq!(m.get::<f64>("missing").expect("absent"), None);
        assert_eq!(
            message(m.require::<String>("id").unwrap_err()),
            "params.id is required"
        );
        let array = json!([1]);
        let tree = Tree::from_value(&array);
        assert_eq!(
            message(
                Members::of(tree.root(), "options")
                    .err()
                    .expect("not an object")
            ),
            "options must be an object"
        );
        let null = Value::Null;
        assert!(Members::of(Tree::from_value(&null).root(), "options").is_ok());
    }

    #[test]
    fn one_of_names_the_words() {
        let srt = json!("srt");
        assert_eq!(
            one_of(Tree::from_value(&srt).root(), "s", &["plain", "srt"]).expect("known"),
            1
        );
        let pdf = json!("pdf");
        assert_eq!(
            message(
                one_of(
                    Tree::from_value(&pdf).root(),
                    "options.style",
                    &["plain", "srt"]
                )
                .unwrap_err()
            ),
            "options.style must be one of plain, srt"
        );
    }
}
