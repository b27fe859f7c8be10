//! The one error type of the client, grouped by where the failure came from.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::format::number::push_u64;

/// Every way a client call can fail. Crosses to JavaScript as a `TruedyError`.
///
/// `Display` (for native callers) and [`Error::message`] give the same text; the wasm build
/// only uses `message`, which needs no `core::fmt`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The API answered with a non-2xx status.
    #[error("{message}")]
    Http {
        /// HTTP status code.
        status: u16,
        /// The API's `error.code` (`validation_error`, `not_found`, ...).
        code: Option<String>,
        /// The API's `error.message`, or a description of the status.
        message: String,
        /// The request id from `meta.request_id` or the response headers.
        request_id: Option<String>,
        /// The API's `error.details` (boxed: it keeps every `Result` of the crate small).
        details: Option<Box<Value>>,
        /// Whether a retry may succeed: 408, 409, 429 and 5xx, unless the server said
        /// `x-should-retry: false` (or `true` for another status).
        retryable: bool,
    },
    /// The request never got an HTTP answer (DNS, connection refused, CORS, offline).
    #[error("network error: {0}")]
    Network(String),
    /// An attempt took longer than `timeoutMs`.
    #[error("request timed out after {0} ms")]
    Timeout(u32),
    /// The caller's `AbortSignal` fired.
    #[error("request aborted")]
    Aborted,
    /// The response arrived but is not what the API documents.
    #[error("{message}")]
    Decode {
        /// What was wrong.
        message: String,
        /// HTTP status of the response, when there was one.
        status: Option<u16>,
        /// The request id, when the response carried one.
        request_id: Option<String>,
    },
    /// The caller passed something the API would refuse; no request was sent.
    #[error("{0}")]
    InvalidArgument(String),
}

/// The fields of a JavaScript `TruedyError`, crossing as one JSON object.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TruedyErrorFields<'a> {
    /// Where the failure came from.
    #[cfg_attr(
        feature = "ts",
        tsify(
            type = "\"http\" | \"network\" | \"timeout\" | \"aborted\" | \"decode\" | \"invalid_argument\""
        )
    )]
    pub kind: &'static str,
    /// What went wrong, for people. Never contains the API key.
    pub message: Cow<'a, str>,
    /// HTTP status, for `http` errors (and `decode` errors of a received response).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The API's `error.code`, e.g. `validation_error`, `not_found`, `rate_limited`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'a str>,
    /// The API's request id (`meta.request_id` or `X-Request-Id`), for support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
    /// The API's `error.details`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "unknown"))]
    pub details: Option<&'a Value>,
    /// Whether the same request may succeed if sent again.
    pub retryable: bool,
}

impl Error {
    /// The error's `kind` as seen from JavaScript.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Http { .. } => "http",
            Error::Network(_) => "network",
            Error::Timeout(_) => "timeout",
            Error::Aborted => "aborted",
            Error::Decode { .. } => "decode",
            Error::InvalidArgument(_) => "invalid_argument",
        }
    }

    /// The message, as `Display` writes it.
    pub fn message(&self) -> Cow<'_, str> {
        match self {
            Error::Http { message, .. } | Error::Decode { message, .. } => Cow::Borrowed(message),
            Error::InvalidArgument(message) => Cow::Borrowed(message),
            Error::Network(cause) => Cow::Owned(["network error: ", cause].concat()),
            Error::Timeout(ms) => {
                let mut text = String::from("request timed out after ");
                push_u64(&mut text, u64::from(*ms));
                text.push_str(" ms");
                Cow::Owned(text)
            }
            Error::Aborted => Cow::Borrowed("request aborted"),
        }
    }

    /// Whether sending the same request again may succeed: see [`Error::Http`]'s
    /// `retryable`; network failures and timeouts always may.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Http { retryable, .. } => *retryable,
            Error::Network(_) | Error::Timeout(_) => true,
            _ => false,
        }
    }

    /// Everything a `TruedyError` carries.
    pub fn fields(&self) -> TruedyErrorFields<'_> {
        let (status, code, request_id, details) = match self {
            Error::Http {
                status,
                code,
                request_id,
                details,
                ..
            } => (
                Some(*status),
                code.as_deref(),
                request_id.as_deref(),
                details.as_deref(),
            ),
            Error::Decode {
                status, request_id, ..
            } => (*status, None, request_id.as_deref(), None),
            _ => (None, None, None, None),
        };
        TruedyErrorFields {
            kind: self.kind(),
            message: self.message(),
            status,
            code,
            request_id,
            details,
            retryable: self.is_retryable(),
        }
    }

    /// A decode error without a response status, for payloads that are not what they should be.
    pub fn decode(message: impl Into<String>) -> Self {
        Error::Decode {
            message: message.into(),
            status: None,
            request_id: None,
        }
    }

    /// The error with `request_id` filled in where a response error has none of its own.
    pub fn with_request_id(mut self, id: Option<String>) -> Self {
        if let Error::Http { request_id, .. } | Error::Decode { request_id, .. } = &mut self {
            if request_id.is_none() {
                *request_id = id;
            }
        }
        self
    }

    /// The error with every occurrence of each of `secrets` replaced by `[redacted]`, in
    /// everything a response could have put there (message, code, request id, details): a
    /// server or proxy that echoes the `Authorization` header must not put the key into an
    /// error.
    pub fn redacted(mut self, secrets: &[&str]) -> Self {
        let clean = |text: &mut String| {
            for secret in secrets {
                if let Some(clean) = replace_all(text, secret, "[redacted]") {
                    *text = clean;
                }
            }
        };
        match &mut self {
            Error::Http {
                message,
                code,
                request_id,
                details,
                ..
            } => {
                clean(message);
                code.iter_mut().chain(request_id.iter_mut()).for_each(clean);
                if let Some(details) = details {
                    redact_details(details, secrets);
                }
            }
            Error::Decode {
                message,
                request_id,
                ..
            } => {
                clean(message);
                request_id.iter_mut().for_each(clean);
            }
            Error::Network(message) | Error::InvalidArgument(message) => clean(message),
            Error::Timeout(_) | Error::Aborted => {}
        }
        self
    }

    /// An `invalid_argument` error.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidArgument(message.into())
    }
}

/// `text` with every occurrence of `pattern` replaced by `with`; `None` when there is none
/// (or `pattern` is empty). A byte-by-byte search: a UTF-8 pattern can only match at
/// character boundaries, and a general substring searcher would add kilobytes to the wasm.
fn replace_all(text: &str, pattern: &str, with: &str) -> Option<String> {
    let (haystack, needle) = (text.as_bytes(), pattern.as_bytes());
    if needle.is_empty() {
        return None;
    }
    let mut out = String::new();
    let (mut copied, mut at) = (0, 0);
    while let Some(window) = haystack.get(at..at + needle.len()) {
        if window == needle {
            out.push_str(text.get(copied..at)?);
            out.push_str(with);
            at += needle.len();
            copied = at;
        } else {
            at += 1;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

/// Redacts `secrets` from `details` as written in JSON (so that keys, values and escaped
/// forms are all covered): when any was there, `details` becomes that JSON text with them
/// replaced.
fn redact_details(details: &mut Value, secrets: &[&str]) {
    let Ok(mut text) = crate::json::to_json(&*details) else {
        return;
    };
    let mut changed = false;
    for secret in secrets {
        let escaped = crate::json::to_json(secret).unwrap_or_default();
        let escaped = escaped
            .get(1..escaped.len().saturating_sub(1))
            .unwrap_or("");
        for form in [*secret, escaped] {
            if let Some(clean) = replace_all(&text, form, "[redacted]") {
                text = clean;
                changed = true;
            }
        }
    }
    if changed {
        *details = Value::String(text);
    }
}

/// Result type of the client.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_echoed_key_is_redacted_everywhere_a_response_reaches() {
        let key = "sk_live_secret";
        let error = Error::Http {
            status: 401,
            code: Some(["bad ", key].concat()),
            message: ["invalid key Bearer ", key].concat(),
            request_id: Some(key.to_owned()),
            details: Some(Box::new(
                json!({ "authorization": "Bearer sk_live_secret", "sk_live_secret": [key] }),
            )),
            retryable: false,
        }
        .redacted(&["Bearer sk_live_secret", key]);
        let text = serde_json::to_string(&error.fields()).expect("fields");
        assert!(!text.contains("secret"), "{text}");
        assert!(
            text.contains(
                r#""details":"{\"authorization\":\"[redacted]\",\"[redacted]\":[\"[redacted]\"]}""#
            ),
            "{text}"
        );
        assert!(text.contains("invalid key [redacted]"), "{text}");
        let decode = Error::Decode {
            message: ["not JSON: ", key].concat(),
            status: Some(200),
            request_id: None,
        }
        .redacted(&[key]);
        assert_eq!(decode.message(), "not JSON: [redacted]");
        assert_eq!(replace_all("aXbXX", "X", "-").as_deref(), Some("a-b--"));
        assert_eq!(
            replace_all("é€ key é", "key", "[k]").as_deref(),
            Some("é€ [k] é")
        );
        assert_eq!(replace_all("none", "key", "[k]"), None);
        assert_eq!(replace_all("anything", "", "[k]"), None);
    }
}
