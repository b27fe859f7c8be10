//! Reading fields out of a JSON object, and taking payloads out of their envelopes.

use super::view::Text;
use crate::error::{Error, Result};
use crate::tree::{Field, Fields, Node};

/// A string that is not blank, as sent.
pub(crate) fn non_blank<'t, 'a>(node: Node<'t, 'a>) -> Option<Node<'t, 'a>> {
    node.as_str()
        .is_some_and(|s| !s.trim().is_empty())
        .then_some(node)
}

/// The first non-blank string among `fields`, as sent.
pub(crate) fn text<'t, 'a>(m: &Fields<'t, 'a>, fields: &[Field]) -> Option<Text<'t, 'a>> {
    m.first(fields, non_blank).map(Text::Sent)
}

/// The first object among `fields`.
pub(crate) fn object<'t, 'a>(m: &Fields<'t, 'a>, fields: &[Field]) -> Option<Node<'t, 'a>> {
    m.first(fields, |node| node.is_object().then_some(node))
}

/// The request id of an enveloped response (`meta.request_id`), if any.
pub(crate) fn request_id(m: &Fields<'_, '_>) -> Option<String> {
    let id = m.get(Field::Meta)?.get("request_id")?;
    non_blank(id)?.as_str().map(str::to_owned)
}

/// A decode error carrying the payload's request id when it has one.
pub(crate) fn decode_error(message: String, payload: Option<&Fields<'_, '_>>) -> Error {
    Error::Decode {
        message,
        status: None,
        request_id: payload.and_then(request_id),
    }
}

/// `code: message` of an API error body (`{error: {code, message}}` or `{error: "..."}`).
pub(crate) fn api_error(m: &Fields<'_, '_>) -> Option<String> {
    let error = m.get(Field::Error)?;
    if let Some(s) = error.as_str() {
        return Some(s.to_owned());
    }
    if !error.is_object() {
        return None;
    }
    let part = |key: &str| error.get(key).and_then(non_blank).and_then(|n| n.as_str());
    Some(match (part("code"), part("message")) {
        (Some(c), Some(msg)) => [c, ": ", msg].concat(),
        (Some(only), None) | (None, Some(only)) => only.to_owned(),
        (None, None) => "no message".to_owned(),
    })
}

/// A non-object where `what` should be.
pub(crate) fn not_an_object(what: &str, got: Node<'_, '_>) -> Error {
    Error::decode(["expected ", what, ", got ", got.kind_name()].concat())
}

/// Takes the object out of a bare payload or a `{data: {...}, meta}` envelope.
///
/// An object is an envelope when it has none of `own` (`id` for a call) and its `data` is an
/// object; the inner object is returned, with `true` (an envelope was taken off).
/// Errors (`Error::Decode`):
/// - `node` is not an object;
/// - it is an API error body (`{error: {...}}` and no `data`);
/// - it has none of `own` and a `data` that is present but not an object.
pub(crate) fn unwrap_object<'t, 'a>(
    node: Node<'t, 'a>,
    what: &str,
    own: &[Field],
) -> Result<(Fields<'t, 'a>, bool)> {
    if !node.is_object() {
        return Err(not_an_object(what, node));
    }
    let m = Fields::of(node);
    if own.iter().any(|&field| m.get(field).is_some()) {
        return Ok((m, false));
    }
    match m.get(Field::Data) {
        Some(inner) if inner.is_object() => Ok((Fields::of(inner), true)),
        None => match api_error(&m) {
            Some(msg) => Err(decode_error(
                ["expected ", what, ", got an API error: ", &msg].concat(),
                Some(&m),
            )),
            None => Ok((m, false)),
        },
        Some(data) if data.is_null() => {
            let text = match api_error(&m) {
                Some(msg) => ["expected ", what, ", got an API error: ", &msg].concat(),
                None => ["expected ", what, " in `data`, got null"].concat(),
            };
            Err(decode_error(text, Some(&m)))
        }
        Some(other) => Err(decode_error(
            ["expected ", what, " in `data`, got ", other.kind_name()].concat(),
            Some(&m),
        )),
    }
}
