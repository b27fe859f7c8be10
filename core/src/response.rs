//! What comes back: error bodies, the small endpoint payloads, and the retry policy.
//! Plain Rust, so every rule is tested natively; the transport only feeds it.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::format::number::decimal;
use crate::tree::Node;

/// The result of `bulkDeleteCalls`. Active calls are skipped by the API and land in `failedIds`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct BulkDeleteResult {
    /// How many calls were deleted.
    pub deleted_count: u32,
    /// How many could not be deleted.
    pub failed_count: u32,
    /// The ids deleted.
    pub deleted_ids: Vec<String>,
    /// The ids not deleted (active or unknown).
    pub failed_ids: Vec<String>,
}

/// The object inside a `{data, meta}` envelope, or the value itself when it has none.
pub fn unwrap_data<'t, 'a>(value: Node<'t, 'a>) -> Node<'t, 'a> {
    match value.get("data") {
        Some(inner) if inner.is_object() && value.get("id").is_none() => inner,
        _ => value,
    }
}

/// `meta.request_id` of a response body, if any.
pub fn request_id_of(value: Node<'_, '_>) -> Option<String> {
    value
        .get("meta")?
        .get("request_id")?
        .as_str()
        .map(str::to_owned)
}

/// Reads `data.recording_url` (or a bare `recording_url`).
pub fn recording_url(value: Node<'_, '_>) -> Result<Option<String>> {
    let data = unwrap_data(value);
    if !data.is_object() {
        return Err(Error::decode(
            "expected a recording object with recording_url",
        ));
    }
    Ok(["recording_url", "url"]
        .iter()
        .find_map(|key| data.get(key).and_then(|v| v.as_str()))
        .map(str::to_owned))
}

/// Reads the bulk-delete result; counts fall back to the lengths of the id lists.
pub fn bulk_delete_result(value: Node<'_, '_>) -> Result<BulkDeleteResult> {
    let data = unwrap_data(value);
    if !data.is_object() {
        return Err(Error::decode("expected a bulk-delete result object"));
    }
    let ids = |key: &str| -> Vec<String> {
        data.get(key)
            .map(|list| {
                list.items()
                    .filter_map(|item| item.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let deleted_ids = ids("deleted_ids");
    let failed_ids = ids("failed_ids");
    let count = |key: &str, fallback: usize| {
        data.get(key)
            .and_then(|n| n.as_integer())
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(u32::try_from(fallback).unwrap_or(u32::MAX))
    };
    Ok(BulkDeleteResult {
        deleted_count: count("deleted_count", deleted_ids.len()),
        failed_count: count("failed_count", failed_ids.len()),
        deleted_ids,
        failed_ids,
    })
}

/// Turns a non-2xx response into an [`Error::Http`], whatever its body (`None` when it is
/// not JSON): the API's `{error:{code,message,details}}`, a bare `{code,message}`,
/// `{detail}`, an HTML page or nothing. `text` is the body as received, for an excerpt.
/// `should_retry` is the server's `x-should-retry` header, which overrides the status rule.
pub fn http_error(
    status: u16,
    body: Option<Node<'_, '_>>,
    text: &str,
    header_request_id: Option<String>,
    should_retry: Option<bool>,
) -> Error {
    let error = body.and_then(|b| b.get("error"));
    let field = |name: &str| -> Option<String> {
        let from_error = error.and_then(|e| e.get(name)).and_then(|v| v.as_str());
        let top = body.and_then(|b| b.get(name)).and_then(|v| v.as_str());
        from_error
            .or(top)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    // `{"error": "text"}` and FastAPI's `{"detail": "text"}` carry the message alone.
    let plain_message = error
        .and_then(|e| e.as_str())
        .or_else(|| body.and_then(|b| b.get("detail")).and_then(|v| v.as_str()))
        .map(str::to_owned);
    let message = field("message").or(plain_message).unwrap_or_else(|| {
        let head = [
            "HTTP ",
            &decimal(u32::from(status)),
            " ",
            status_reason(status),
        ]
        .concat();
        if body.is_some() || text.trim().is_empty() {
            head
        } else {
            [head.as_str(), ": ", &excerpt(text)].concat()
        }
    });
    let details = error
        .and_then(|e| e.get("details"))
        .filter(|d| !d.is_null())
        .map(|d| Box::new(d.to_value()));
    Error::Http {
        status,
        code: field("code"),
        message,
        request_id: body.and_then(request_id_of).or(header_request_id),
        details,
        retryable: should_retry.unwrap_or(matches!(status, 408 | 409 | 429 | 500..=599)),
        headers: None,
        retry_after_ms: None,
    }
}

/// A decode error for a 2xx body that is not JSON, with a short excerpt of what came.
pub fn undecodable_body(status: u16, text: &str, request_id: Option<String>) -> Error {
    let status_text = decimal(u32::from(status));
    let message = if text.trim().is_empty() {
        [
            "the server sent an empty body (HTTP ",
            &status_text,
            ") where JSON was expected",
        ]
        .concat()
    } else {
        [
            "the server sent a body that is not valid JSON (HTTP ",
            &status_text,
            "): ",
            &excerpt(text),
        ]
        .concat()
    };
    Error::Decode {
        message,
        status: Some(status),
        request_id,
    }
}

/// At most 120 characters of a body, whitespace collapsed, markup tags dropped.
pub fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(128));
    let mut in_tag = false;
    let mut last_space = true;
    let mut count = 0;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                    count += 1;
                    last_space = true;
                }
            }
            c => {
                out.push(c);
                count += 1;
                last_space = false;
            }
        }
        if count >= 120 {
            out.push('…');
            break;
        }
    }
    out.trim_end().to_owned()
}

fn status_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}

/// How long to wait before retry number `attempt` (1 for the first retry), in milliseconds.
///
/// A server hint (`retry-after-ms`, or `Retry-After` in seconds or as a date, already turned
/// into milliseconds from now) wins when it is between 0 and 60 s. Otherwise exponential
/// backoff from 500 ms, capped at 8 s, with up to 25 % jitter taken off (`random` in 0..1).
pub fn retry_delay_ms(attempt: u32, server_hint_ms: Option<f64>, random: f64) -> f64 {
    if let Some(hint) = server_hint_ms.filter(|h| h.is_finite() && (0.0..=60_000.0).contains(h)) {
        return hint;
    }
    let exponent = attempt.saturating_sub(1).min(4);
    let base = (500.0 * f64::from(1u32 << exponent)).min(8_000.0);
    let jitter = 1.0 - 0.25 * random.clamp(0.0, 1.0);
    base * jitter
}

/// Parses `retry-after-ms`, or `Retry-After` given in seconds. HTTP dates are left to the
/// caller, which knows the clock.
pub fn retry_after_hint_ms(retry_after_ms: Option<&str>, retry_after: Option<&str>) -> Option<f64> {
    // Whole units only (a fraction is dropped): no float parser in the wasm build.
    let parse = |s: &str| {
        let whole = s.trim().split('.').next()?;
        whole.parse::<u32>().ok().map(f64::from)
    };
    retry_after_ms
        .and_then(parse)
        .or_else(|| retry_after.and_then(parse).map(|seconds| seconds * 1000.0))
}
