//! One page of a listing, with either pagination envelope -> `CallPage`.

use serde_json::Value;

use super::call::call_from_object;
use super::fields::{
    api_error, decode_error, kind_name, not_an_object, object, request_id, Object,
};
use super::num::as_u32;
use crate::error::Result;
use crate::model::CallPage;

/// Normalizes one page of a listing into a `CallPage`. This is what `listCalls` resolves to.
///
/// Accepts `{data: [...], pagination: {total, limit, offset, has_more}, meta: {request_id}}`
/// (seeds 001/003), `{data: [...], meta: {total, limit, offset}}` (seed 002), and a bare
/// array of calls (no pagination known).
///
/// - Each object in `data` is normalized as in `normalizeCall`, taken as it is (list items
///   are never unwrapped as envelopes); an item never fails the page, its fields of the wrong
///   type become `null`. An item that is not an object is **dropped** from `data`.
/// - `total`, `limit`, `offset`: from `pagination`, else from `meta`; only non-negative
///   integers that fit a u32, else `null`.
/// - `hasMore`: `pagination.has_more` (or `meta.has_more`) when it is a boolean; else
///   `offset + n < total` when both are known; else `n == limit` when the limit is known;
///   else `false`. `n` counts every item the server sent, dropped ones included, so the
///   arithmetic matches the server's offsets. An inferred `hasMore` is always `false` for
///   an empty page, so a page loop cannot spin on an empty page.
/// - `requestId`: `meta.request_id`.
///
/// Throws a `TruedyError` of kind `decode` when the payload is neither an object nor an
/// array, is an API error body, or has no `data` array.
pub fn normalize_page(value: Value) -> Result<CallPage> {
    let mut map = match value {
        Value::Array(items) => return Ok(page_from_items(items, None)),
        Value::Object(m) => m,
        other => return Err(not_an_object("a page object with a `data` array", &other)),
    };
    match map.remove("data") {
        Some(Value::Array(items)) => Ok(page_from_items(items, Some(&map))),
        found => {
            let got = match (&found, api_error(&map)) {
                (None | Some(Value::Null), Some(message)) => ["an API error: ", &message].concat(),
                (None, None) => "no `data`".to_owned(),
                (Some(v), _) => ["`data` as ", kind_name(v)].concat(),
            };
            let text = ["expected a page object with a `data` array, got ", &got].concat();
            Err(decode_error(text, Some(&map)))
        }
    }
}

fn page_from_items(items: Vec<Value>, envelope: Option<&Object>) -> CallPage {
    let sent = items.len();
    let data: Vec<_> = items
        .into_iter()
        .filter_map(|item| match item {
            Value::Object(m) => Some(call_from_object(m)),
            _ => None,
        })
        .collect();
    let (pagination, meta) = match envelope {
        Some(m) => (object(m, &["pagination"]), object(m, &["meta"])),
        None => (None, None),
    };
    let read = |key: &str| {
        pagination
            .and_then(|p| p.get(key))
            .and_then(as_u32)
            .or_else(|| meta.and_then(|m| m.get(key)).and_then(as_u32))
    };
    let (total, limit, offset) = (read("total"), read("limit"), read("offset"));
    let explicit = pagination
        .and_then(|p| p.get("has_more"))
        .and_then(Value::as_bool)
        .or_else(|| {
            meta.and_then(|m| m.get("has_more"))
                .and_then(Value::as_bool)
        });
    let has_more = explicit.unwrap_or_else(|| {
        let n = u64::try_from(sent).unwrap_or(u64::MAX);
        sent > 0
            && match (offset, total, limit) {
                (Some(o), Some(t), _) => u64::from(o).saturating_add(n) < u64::from(t),
                (_, _, Some(l)) => n == u64::from(l),
                _ => false,
            }
    });
    CallPage {
        data,
        total,
        limit,
        offset,
        has_more,
        request_id: envelope.and_then(request_id),
    }
}
