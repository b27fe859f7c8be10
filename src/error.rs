//! The one error type of the client, grouped by where the failure came from.

use serde_json::Value;

/// Every way a client call can fail. Crosses to JavaScript as a `TruedyError`.
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

    /// Whether sending the same request again may succeed: see [`Error::Http`]'s
    /// `retryable`; network failures and timeouts always may.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Http { retryable, .. } => *retryable,
            Error::Network(_) | Error::Timeout(_) => true,
            _ => false,
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
}

/// Result type of the client.
pub type Result<T, E = Error> = std::result::Result<T, E>;
