//! JSON text in and out. Everything that crosses to JavaScript in bulk crosses as one JSON
//! text: the host's `JSON.stringify` makes the text of an argument, and `JSON.parse` reads
//! the text of a result. Both are far cheaper than walking values field by field across
//! the boundary.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::format::number::push_json_number;

/// Parses JSON text. serde_json refuses a `\u` escape of a lone surrogate, which
/// `JSON.parse` and `JSON.stringify` allow; such escapes are read as U+FFFD. Nesting is
/// limited to 128 levels (serde_json's limit), so no input can exhaust the stack.
pub fn parse(text: &str) -> serde_json::Result<Value> {
    match serde_json::from_str(text) {
        Err(error) if error.is_syntax() && text.contains("\\u") => {
            serde_json::from_str(&replace_lone_surrogates(text)).map_err(|_| error)
        }
        other => other,
    }
}

/// `text` with every `\u` escape of an unpaired surrogate replaced by `\ufffd`.
fn replace_lone_surrogates(text: &str) -> String {
    let bytes = text.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        hex[2..].iter().try_fold(0u16, |n, &b| {
            Some(n * 16 + char::from(b).to_digit(16)? as u16)
        })
    };
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(u) if is_high(u) && unit(i + 6).is_some_and(is_low) => i += 12,
            Some(u) if is_high(u) || is_low(u) => {
                out.push_str(&text[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            // Any other escape is two characters at least; skipping both keeps `\\u` whole.
            _ => i += 2,
        }
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// Writes `value` as compact JSON text. Numbers go through the project's own writer, which
/// `JSON.parse` reads back exactly, so no float formatting code is linked.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = Vec::with_capacity(256);
    value
        .serialize(&mut Serializer::with_formatter(&mut out, Numbers))
        .map_err(|_| Error::decode("could not write the result as JSON"))?;
    String::from_utf8(out).map_err(|_| Error::decode("could not write the result as JSON"))
}

/// serde_json's compact output with [`push_json_number`] for floats.
struct Numbers;

impl Formatter for Numbers {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        let mut text = String::with_capacity(24);
        push_json_number(&mut text, value);
        writer.write_all(text.as_bytes())
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters() {
        let v = parse(r#"{"a":"x\ud800y","b":"\udc00","c":"\ud83d\ude00","d":"\\ud800"}"#)
            .expect("parsed");
        assert_eq!(v["a"], "x\u{fffd}y");
        assert_eq!(v["b"], "\u{fffd}");
        assert_eq!(v["c"], "😀");
        assert_eq!(v["d"], "\\ud800");
        assert!(parse("[1,").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn floats_are_written_exactly() {
        let text = to_json(&serde_json::json!({ "a": 0.1, "b": [1, -2, 2.5], "c": "é\n" }))
            .expect("written");
        assert_eq!(
            text,
            r#"{"a":0.100000000000000006,"b":[1,-2,2.5],"c":"é\n"}"#
        );
    }
}
