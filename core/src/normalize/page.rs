//! One page of a listing, with either pagination envelope -> `CallPage`.

use serde_json::Value;

use super::call::view_of;
use super::fields::{api_error, decode_error, not_an_object, object, request_id};
use super::num::as_u32;
use super::view::PageView;
use crate::error::Result;
use crate::model::CallPage;
use crate::tree::{Field, Fields, Node, Tree};

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
pub fn normalize_page(mut value: Value) -> Result<CallPage> {
    let mut page = {
        let tree = Tree::from_value(&value);
        page_view(tree.root())?.to_page()
    };
    // Each call's `raw` is the item itself, not a copy made from the tree.
    let items = match &mut value {
        Value::Array(items) => items,
        other => match other.get_mut("data") {
            Some(Value::Array(items)) => items,
            _ => return Ok(page),
        },
    };
    let objects = items.iter_mut().filter(|item| item.is_object());
    for (call, item) in page.data.iter_mut().zip(objects) {
        call.raw = item.take();
    }
    Ok(page)
}

/// [`normalize_page`] over a node.
pub fn page_view<'t, 'a>(node: Node<'t, 'a>) -> Result<PageView<'t, 'a>> {
    if node.is_array() {
        return Ok(page_from_items(node, None));
    }
    if !node.is_object() {
        return Err(not_an_object("a page object with a `data` array", node));
    }
    let m = Fields::of(node);
    match m.get(Field::Data) {
        Some(items) if items.is_array() => Ok(page_from_items(items, Some(&m))),
        found => {
            let got = match (found.filter(|d| !d.is_null()), api_error(&m)) {
                (None, Some(message)) => ["an API error: ", &message].concat(),
                (None, None) if found.is_none() => "no `data`".to_owned(),
                (None, None) => "`data` as null".to_owned(),
                (Some(v), _) => ["`data` as ", v.kind_name()].concat(),
            };
            let text = ["expected a page object with a `data` array, got ", &got].concat();
            Err(decode_error(text, Some(&m)))
        }
    }
}

fn page_from_items<'t, 'a>(
    items: Node<'t, 'a>,
    envelope: Option<&Fields<'t, 'a>>,
) -> PageView<'t, 'a> {
    let mut sent = 0usize;
    let data: Vec<_> = items
        .items()
        .inspect(|_| sent += 1)
        .filter(|item| item.is_object())
        .map(|item| view_of(&Fields::of(item)))
        .collect();
    let (pagination, meta) = match envelope {
        Some(m) => (object(m, &[Field::Pagination]), object(m, &[Field::Meta])),
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
        .and_then(|v| v.as_bool())
        .or_else(|| {
            meta.and_then(|m| m.get("has_more"))
                .and_then(|v| v.as_bool())
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
    PageView {
        data,
        total,
        limit,
        offset,
        has_more,
        request_id: envelope.and_then(request_id),
    }
}
