//! Bulk arguments (`Call[]`, turns) in one crossing: the host's `packFields` reads the fields
//! a function needs from every item and hands over one string, its segment lengths and one
//! array of numbers. Walking the objects field by field from wasm would cost tens of
//! microseconds per call.

use truedy_core::{Error, Result};
use wasm_bindgen::prelude::*;

use crate::js::thrown_error;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    type Pack;

    #[wasm_bindgen(catch, js_name = packFields)]
    fn pack_fields(items: &JsValue, texts: &str, numbers: &str) -> Result<Pack, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Pack) -> String;
    #[wasm_bindgen(method, getter)]
    fn lengths(this: &Pack) -> Vec<u32>;
    #[wasm_bindgen(method, getter)]
    fn values(this: &Pack) -> Vec<f64>;
}

/// The length of a missing string.
const MISSING: u32 = u32::MAX;

/// The fields of every item, by row: string columns the `texts` fields, number columns the
/// `numbers` fields, in the order given.
pub(crate) struct Packed {
    text: String,
    /// Byte range of each string cell (`start == u32::MAX`: missing), row by row.
    spans: Vec<(u32, u32)>,
    values: Vec<f64>,
    strings: usize,
    numbers: usize,
}

impl Packed {
    /// Packs `items` (an argument called `name`); fields are comma-separated lists.
    pub(crate) fn read(items: &JsValue, name: &str, texts: &str, numbers: &str) -> Result<Self> {
        let count = |list: &str| {
            if list.is_empty() {
                0
            } else {
                list.split(',').count()
            }
        };
        let pack = pack_fields(items, texts, numbers).map_err(|e| thrown_error(e, name))?;
        let text = pack.text();
        let spans = spans(&text, &pack.lengths())
            .ok_or_else(|| Error::invalid([name, " could not be read"].concat()))?;
        Ok(Packed {
            text,
            spans,
            values: pack.values(),
            strings: count(texts),
            numbers: count(numbers),
        })
    }

    /// Number of items.
    pub(crate) fn rows(&self) -> usize {
        match (self.strings, self.numbers) {
            (0, 0) => 0,
            (0, n) => self.values.len() / n,
            (s, _) => self.spans.len() / s,
        }
    }

    /// String column `column` of row `row`, when it was a string.
    pub(crate) fn string(&self, row: usize, column: usize) -> Option<&str> {
        if column >= self.strings {
            return None;
        }
        let &(start, end) = self.spans.get(row * self.strings + column)?;
        if start == MISSING {
            return None;
        }
        self.text.get(start as usize..end as usize)
    }

    /// Number column `column` of row `row`, when it was a number.
    pub(crate) fn number(&self, row: usize, column: usize) -> Option<f64> {
        if column >= self.numbers {
            return None;
        }
        self.values
            .get(row * self.numbers + column)
            .copied()
            .filter(|x| !x.is_nan())
    }
}

/// Byte ranges of consecutive segments of `text` whose lengths are given in UTF-16 units
/// (what JavaScript's `length` counts); `None` when the lengths do not fit the text.
fn spans(text: &str, lengths: &[u32]) -> Option<Vec<(u32, u32)>> {
    let ascii = text.is_ascii();
    let mut spans = Vec::with_capacity(lengths.len());
    let mut at = 0usize;
    for &units in lengths {
        if units == MISSING {
            spans.push((MISSING, MISSING));
            continue;
        }
        let start = at;
        if ascii {
            at += units as usize;
        } else {
            let mut left = units as usize;
            while left > 0 {
                let c = text.get(at..)?.chars().next()?;
                left = left.checked_sub(c.len_utf16())?;
                at += c.len_utf8();
            }
        }
        if at > text.len() {
            return None;
        }
        spans.push((u32::try_from(start).ok()?, u32::try_from(at).ok()?));
    }
    Some(spans)
}
