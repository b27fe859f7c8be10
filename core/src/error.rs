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
        /// The response's headers as JSON text, an object with names in lowercase
        /// (`{"x-ratelimit-remaining":"0",...}`): kept as the host wrote it, it is only ever
        /// redacted and handed back.
        headers: Option<String>,
        /// The wait the server asked for (`retry-after-ms` or `Retry-After`), in ms.
        retry_after_ms: Option<f64>,
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
    /// The response's headers, for `http` errors, names in lowercase: rate limits
    /// (`x-ratelimit-remaining`, `retry-after`) and whatever else the server sent. (Crosses
    /// as JSON text, which the `TruedyError` constructor parses.)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, string>"))]
    pub headers: Option<&'a str>,
    /// The wait the server asked for before a retry (`retry-after-ms`, or `Retry-After` in
    /// seconds or as a date), in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<f64>,
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
        let mut fields = TruedyErrorFields {
            kind: self.kind(),
            message: self.message(),
            status: None,
            code: None,
            request_id: None,
            details: None,
            headers: None,
            retry_after_ms: None,
            retryable: self.is_retryable(),
        };
        match self {
            Error::Http {
                status,
                code,
                request_id,
                details,
                headers,
                retry_after_ms,
                ..
            } => {
                fields.status = Some(*status);
                fields.code = code.as_deref();
                fields.request_id = request_id.as_deref();
                fields.details = details.as_deref();
                fields.headers = headers.as_deref();
                fields.retry_after_ms = *retry_after_ms;
            }
            Error::Decode {
                status, request_id, ..
            } => {
                fields.status = *status;
                fields.request_id = request_id.as_deref();
            }
            _ => {}
        }
        fields
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

    /// An `http` error with the response's headers (as JSON text) and the wait it asked for.
    pub fn with_response(mut self, headers: Option<String>, retry_after: Option<f64>) -> Self {
        if let Error::Http {
            headers: slot,
            retry_after_ms,
            ..
        } = &mut self
        {
            *slot = headers;
            *retry_after_ms = retry_after;
        }
        self
    }

    /// An `invalid_argument` error.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidArgument(message.into())
    }
}

/// Result type of the client.
pub type Result<T, E = Error> = std::result::Result<T, E>;
