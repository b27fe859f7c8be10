//! CORS for every response, and the answer to preflights.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

const DEFAULT_ALLOW_HEADERS: &str =
    "Authorization, Content-Type, Accept, X-Idempotency-Key, X-Mock-Fault, X-Mock-Shape, X-Request-Id";

/// The CORS-relevant request headers, captured before the request is handed on.
#[derive(Clone, Debug, Default)]
pub struct Cors {
    origin: Option<HeaderValue>,
    request_headers: Option<HeaderValue>,
    private_network: bool,
}

impl Cors {
    /// Capture from the request headers.
    pub fn from_request(h: &HeaderMap) -> Self {
        Cors {
            origin: h.get(header::ORIGIN).cloned(),
            request_headers: h.get(header::ACCESS_CONTROL_REQUEST_HEADERS).cloned(),
            private_network: h
                .get("access-control-request-private-network")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true")),
        }
    }

    /// Add the CORS headers: the origin echoed (or `*`), methods, the requested headers echoed
    /// (or a default list), and the exposed headers.
    pub fn apply(&self, h: &mut HeaderMap) {
        match &self.origin {
            Some(o) => {
                h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o.clone());
                h.insert(
                    header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                    HeaderValue::from_static("true"),
                );
                h.append(header::VARY, HeaderValue::from_static("Origin"));
            }
            None => {
                h.insert(
                    header::ACCESS_CONTROL_ALLOW_ORIGIN,
                    HeaderValue::from_static("*"),
                );
            }
        }
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PATCH, DELETE, OPTIONS"),
        );
        let allow = self
            .request_headers
            .clone()
            .unwrap_or(HeaderValue::from_static(DEFAULT_ALLOW_HEADERS));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow);
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(
                "X-Request-Id, Retry-After, retry-after-ms, x-should-retry, \
                 x-ratelimit-limit, x-ratelimit-remaining",
            ),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        if self.private_network {
            h.insert(
                HeaderName::from_static("access-control-allow-private-network"),
                HeaderValue::from_static("true"),
            );
        }
    }
}

/// `204 No Content` for any `OPTIONS` request (no auth, no faults).
pub fn preflight() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}
