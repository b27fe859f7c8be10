//! Response helpers: the per-request context, `meta`, JSON bodies and the error shape.

use crate::dialect::Shape;
use crate::time::{iso, now_ms, Frac};
use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// What the pipeline tells the handlers about the request.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// `req_` + the request counter in hex; also sent as `X-Request-Id`.
    pub request_id: String,
    /// The dialect asked for (`__shape`, `X-Mock-Shape`, else `--shape`).
    pub shape: Shape,
}

impl Ctx {
    /// `{request_id, ts}`.
    pub fn meta(&self) -> Value {
        json!({ "request_id": self.request_id, "ts": iso(now_ms(), Frac::Millis) })
    }
}

/// A JSON response.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// A plain-text response.
pub fn text_response(status: StatusCode, body: &str, content_type: &'static str) -> Response {
    let mut r = Response::new(Body::from(body.to_string()));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// The error code that fits an HTTP status.
pub fn code_for(status: u16) -> &'static str {
    match status {
        401 | 403 => "unauthorized",
        404 | 410 => "not_found",
        409 => "call_active",
        429 => "rate_limited",
        502 | 503 => "provider_error",
        400..=499 => "validation_error",
        _ => "internal_error",
    }
}

/// `{"error":{"code","message","details"},"meta":{request_id, ts}}`.
pub fn error(
    ctx_meta: Value,
    status: StatusCode,
    code: &str,
    message: &str,
    details: Value,
) -> Response {
    let body = json!({
        "error": { "code": code, "message": message, "details": details },
        "meta": ctx_meta,
    });
    json_response(status, &body)
}

/// Shorthand for handlers.
pub fn err(ctx: &Ctx, status: u16, code: &str, message: &str, details: Value) -> Response {
    let s = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    error(ctx.meta(), s, code, message, details)
}

/// 404 `not_found` for a call id.
pub fn call_not_found(ctx: &Ctx, id: &str) -> Response {
    err(
        ctx,
        404,
        "not_found",
        &format!("call {id} not found"),
        json!({ "resource": "call", "id": id }),
    )
}

/// An error decided before a response is built (small, so `Result<_, ApiError>` stays cheap).
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub details: Value,
}

impl ApiError {
    /// Any error.
    pub fn new(
        status: u16,
        code: &'static str,
        message: impl Into<String>,
        details: Value,
    ) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details,
        }
    }

    /// 422 `validation_error` with `details: {field}`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::new(422, "validation_error", message, json!({ "field": field }))
    }

    /// The JSON error response.
    pub fn respond(self, ctx: &Ctx) -> Response {
        err(ctx, self.status, self.code, &self.message, self.details)
    }
}

/// Decode `application/x-www-form-urlencoded` (a raw query string) into pairs.
pub fn parse_query(raw: Option<&str>) -> Vec<(String, String)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decoding() {
        let q = parse_query(Some("a=1&b=x%2By+z&c&d=%zz&e=%41"));
        assert_eq!(q[0], ("a".into(), "1".into()));
        assert_eq!(q[1], ("b".into(), "x+y z".into()));
        assert_eq!(q[2], ("c".into(), "".into()));
        assert_eq!(q[3], ("d".into(), "%zz".into()));
        assert_eq!(q[4], ("e".into(), "A".into()));
    }
}
