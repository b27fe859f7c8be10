//! JSON text out: the small results (a summary, a transcript, an error's fields) cross to
//! JavaScript as one JSON text that the host's `JSON.parse` reads, far cheaper than
//! building the object field by field across the boundary.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use crate::error::{Error, Result};
use crate::format::number::push_json_number;

/// Writes `value` as compact JSON text. Numbers go through the project's own writer, which
/// `JSON.parse` reads back exactly, so no float formatting code is linked.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = Vec::with_capacity(256);
    value
        .serialize(&mut Serializer::with_formatter(&mut out, Numbers))
        .map_err(|_| Error::decode("could not write the result as JSON"))?;
    // SAFETY: serde_json writes UTF-8 only: the `str`s it is given, its own ASCII escapes
    // and punctuation, and the ASCII digits of `Numbers` (serde_json::to_string relies on the
    // same). Checking it again would link a UTF-8 validator for nothing.
    Ok(unsafe { String::from_utf8_unchecked(out) })
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
    fn floats_are_written_exactly() {
        let text = to_json(&serde_json::json!({ "a": 0.1, "b": [1, -2, 2.5], "c": "é\n" }))
            .expect("written");
        assert_eq!(
            text,
            r#"{"a":0.100000000000000006,"b":[1,-2,2.5],"c":"é\n"}"#
        );
    }
}
