//! The middleware every request passes through: request id, request log, CORS, preflights,
//! dialect choice, fault injection, latency and auth, in that order.

use crate::cors::{preflight, Cors};
use crate::dialect::Shape;
use crate::faults::{self, Fault, HANG};
use crate::respond::{err, parse_query, Ctx};
use crate::time::now_ms;
use crate::{AppState, API_PREFIX};
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Largest request body accepted.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// The middleware (see the module doc).
pub async fn pipeline(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let (mut parts, body) = req.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().map(str::to_string);
    let is_api = path == API_PREFIX || path.starts_with(&format!("{API_PREFIX}/"));
    let cors = Cors::from_request(&parts.headers);
    let ctx = Ctx {
        request_id: s.next_request_id(),
        shape: s.config.shape,
    };
    let request_id = ctx.request_id.clone();

    let (seq, mut resp) = match to_bytes(body, MAX_BODY).await {
        Err(_) => (
            None,
            err(
                &ctx,
                413,
                "validation_error",
                "request body too large or unreadable",
                Value::Null,
            ),
        ),
        Ok(bytes) => {
            let seq = is_api.then(|| {
                s.log.record(
                    method.as_str(),
                    &path,
                    query.as_deref(),
                    &parts.headers,
                    &bytes,
                    now_ms(),
                )
            });
            let resp = if method == Method::OPTIONS {
                preflight()
            } else if is_api {
                api(&s, ctx, parts, bytes, next).await
            } else {
                parts.extensions.insert(ctx);
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            };
            (seq, resp)
        }
    };

    cors.apply(resp.headers_mut());
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    let status = resp.status().as_u16();
    if let Some(seq) = seq {
        s.log.finish(seq, status);
    }
    if !s.config.quiet {
        let q = query.map(|q| format!("?{q}")).unwrap_or_default();
        eprintln!(
            "{method} {path}{q} {status} {}ms",
            started.elapsed().as_millis()
        );
    }
    resp
}

fn pick<'a>(
    query: &'a [(String, String)],
    key: &str,
    headers: &'a HeaderMap,
    header_name: &str,
) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .or_else(|| headers.get(header_name).and_then(|v| v.to_str().ok()))
}

fn authorized(h: &HeaderMap, key: &str) -> bool {
    let Some(v) = h.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    match v.trim().split_once(' ') {
        Some((scheme, token)) => scheme.eq_ignore_ascii_case("bearer") && token.trim() == key,
        None => false,
    }
}

async fn api(s: &AppState, mut ctx: Ctx, mut parts: Parts, bytes: Bytes, next: Next) -> Response {
    let query = parse_query(parts.uri.query());
    if let Some(word) = pick(&query, "__shape", &parts.headers, "x-mock-shape") {
        match Shape::parse(word) {
            Some(shape) => ctx.shape = shape,
            None => {
                let msg = format!("unknown shape `{word}`; use 000, 001, 002, 003, 004 or mixed");
                return err(
                    &ctx,
                    400,
                    "validation_error",
                    &msg,
                    json!({ "field": "__shape" }),
                );
            }
        }
    }
    let spec = match pick(&query, "__fault", &parts.headers, "x-mock-fault") {
        Some(spec) => Some(spec.to_string()),
        None => s.faults.take(
            parts.method.as_str(),
            parts.uri.path(),
            parts.uri.query().unwrap_or(""),
            &bytes,
        ),
    };
    let fault: Fault = match spec.as_deref().map(faults::parse).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            return err(
                &ctx,
                400,
                "validation_error",
                &e,
                json!({ "field": "X-Mock-Fault" }),
            )
        }
    };
    let tokens_left = match s.take_token() {
        Ok(left) => left,
        Err(wait) => return rate_limited(s, &ctx, wait),
    };
    let delay = s.config.latency_ms.saturating_add(fault.latency_ms);

    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if fault.hang {
        tokio::time::sleep(HANG).await;
        return err(
            &ctx,
            504,
            "internal_error",
            "injected hang: gave up",
            Value::Null,
        );
    }
    let authorization = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if let Some(resp) = faults::short_circuit(&fault, ctx.meta(), &authorization) {
        return faults::mangle(&fault, resp).await;
    }
    if let Some(key) = &s.config.api_key {
        if !authorized(&parts.headers, key) {
            let resp = err(
                &ctx,
                401,
                "unauthorized",
                "missing or invalid API key (send Authorization: Bearer <key>)",
                Value::Null,
            );
            return faults::mangle(&fault, resp).await;
        }
    }
    if fault.ignore_offset {
        drop_query_param(&mut parts, "offset");
    }
    parts.extensions.insert(ctx);
    let resp = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let mut resp = faults::mangle(&fault, resp).await;
    if let (Some(limit), Some(left)) = (s.config.rate_limit, tokens_left) {
        quota_headers(resp.headers_mut(), limit, left);
    }
    resp
}

/// `--rate-limit`'s 429: `Retry-After` in whole seconds (rounded up), `retry-after-ms`, and
/// the quota headers.
fn rate_limited(s: &AppState, ctx: &Ctx, wait: Duration) -> Response {
    let mut resp = err(
        ctx,
        429,
        "rate_limited",
        "too many requests: slow down (see Retry-After)",
        Value::Null,
    );
    let ms = wait.as_millis().max(1);
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let headers = resp.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    headers.insert("retry-after-ms", HeaderValue::from(ms as u64));
    quota_headers(headers, s.config.rate_limit.unwrap_or(0), 0);
    resp
}

/// `x-ratelimit-limit` (requests a second) and `x-ratelimit-remaining` (requests left now).
fn quota_headers(headers: &mut HeaderMap, limit: u32, left: u32) {
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(left));
}

/// Removes a query parameter from the request (the `ignore_offset` fault).
fn drop_query_param(parts: &mut Parts, name: &str) {
    let Some(query) = parts.uri.query() else {
        return;
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| pair.split('=').next() != Some(name))
        .collect();
    let path_and_query = if kept.is_empty() {
        parts.uri.path().to_owned()
    } else {
        format!("{}?{}", parts.uri.path(), kept.join("&"))
    };
    if let Ok(uri) = path_and_query.parse() {
        parts.uri = uri;
    }
}
