//! Fault injection: the spec language, the queue behind `POST /__faults`, and response mangling.

use crate::respond::{code_for, error};
use crate::time::{http_date, now_ms};
use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;
use std::sync::Mutex;
use std::time::Duration;

/// How long `hang` holds a request before finally answering 504.
pub const HANG: Duration = Duration::from_secs(600);

/// One parsed fault spec (`latency=200,status=429,retry_after=1`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Fault {
    pub latency_ms: u64,
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    pub retry_after_date: bool,
    pub retry_after_ms: Option<u64>,
    pub html: bool,
    pub truncate: bool,
    pub empty: bool,
    pub array: bool,
    pub hang: bool,
    /// Hostile: the body becomes `{"data": [[[...]]]}`, nested this deep.
    pub deep: Option<u64>,
    /// Hostile: a listing's `total` says this, and `has_more` says true.
    pub total: Option<u64>,
    /// Hostile: a listing's `data` is empty.
    pub empty_data: bool,
    /// Hostile: a listing ignores `offset` (always the first page).
    pub ignore_offset: bool,
    /// Hostile: a 401 whose message, details and request id echo the `Authorization` header.
    pub echo_auth: bool,
    /// Hostile: half the body, then a pause of this many ms, then the rest.
    pub slow_body_ms: Option<u64>,
    /// Hostile: the connection breaks off after the headers.
    pub reset: bool,
    /// API drift: every call object says an undocumented status word, direction word and
    /// field.
    pub drift: bool,
}

fn number(key: &str, v: Option<&str>) -> Result<u64, String> {
    v.and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("fault item `{key}` needs a whole number, as in {key}=100"))
}

/// Parse a comma-separated fault spec. Unknown items are an error.
pub fn parse(spec: &str) -> Result<Fault, String> {
    let mut f = Fault::default();
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (key, val) = match item.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v)),
            None => (item, None),
        };
        match key.to_ascii_lowercase().as_str() {
            "latency" => f.latency_ms = number(key, val)?,
            "status" => {
                let s = number(key, val)?;
                if !(200..=599).contains(&s) {
                    return Err(format!("fault status {s} is outside 200..=599"));
                }
                f.status = Some(s as u16);
            }
            "retry_after" => f.retry_after = Some(number(key, val)?),
            "retry_after_ms" => f.retry_after_ms = Some(number(key, val)?),
            "retry_after_date" => f.retry_after_date = true,
            "html" => f.html = true,
            "truncate" => f.truncate = true,
            "empty" => f.empty = true,
            "array" => f.array = true,
            "hang" => f.hang = true,
            "deep" => f.deep = Some(number(key, val)?.min(1_000_000)),
            "total" => f.total = Some(number(key, val)?),
            "empty_data" => f.empty_data = true,
            "ignore_offset" => f.ignore_offset = true,
            "echo_auth" => f.echo_auth = true,
            "slow_body" => f.slow_body_ms = Some(number(key, val)?),
            "reset" => f.reset = true,
            "drift" => f.drift = true,
            _ => {
                return Err(format!(
                    "unknown fault item `{item}`; known: latency=MS, status=CODE, retry_after=S, \
                     retry_after_date, retry_after_ms=MS, html, truncate, empty, array, hang, \
                     deep=LEVELS, total=N, empty_data, ignore_offset, echo_auth, slow_body=MS, reset, \
                     drift"
                ))
            }
        }
    }
    Ok(f)
}

/// A fault waiting for the next matching requests.
#[derive(Clone, Debug, Serialize)]
pub struct Queued {
    pub id: u64,
    pub path: Option<String>,
    pub method: Option<String>,
    /// Only requests whose query string or body contains this text.
    pub contains: Option<String>,
    pub fault: String,
    pub remaining: u64,
}

/// The queue of `POST /__faults`.
#[derive(Debug, Default)]
pub struct FaultQueue {
    inner: Mutex<(u64, Vec<Queued>)>,
}

impl FaultQueue {
    /// Queue a fault; the spec must already have been validated.
    pub fn push(
        &self,
        path: Option<String>,
        method: Option<String>,
        contains: Option<String>,
        fault: String,
        times: u64,
    ) -> Queued {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.0 += 1;
        let q = Queued {
            id: g.0,
            path,
            method: method.map(|m| m.to_ascii_uppercase()),
            contains,
            fault,
            remaining: times,
        };
        g.1.push(q.clone());
        q
    }

    /// Take one use of the first queued fault matching `method`, `path` and, when the fault
    /// has `contains`, the request's query or body.
    pub fn take(&self, method: &str, path: &str, query: &str, body: &[u8]) -> Option<String> {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let list = &mut g.1;
        let i = list.iter().position(|q| {
            q.path.as_deref().is_none_or(|p| path.starts_with(p))
                && q.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && q.contains.as_deref().is_none_or(|text| {
                    query.contains(text) || String::from_utf8_lossy(body).contains(text)
                })
        })?;
        list[i].remaining -= 1;
        let spec = list[i].fault.clone();
        if list[i].remaining == 0 {
            list.remove(i);
        }
        Some(spec)
    }

    /// The faults still waiting.
    pub fn pending(&self) -> Vec<Queued> {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .clone()
    }

    /// Drop every queued fault; returns how many there were.
    pub fn clear(&self) -> usize {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut g.1).len()
    }
}

const HTML_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>{S} Bad Gateway</title></head>\n\
<body><center><h1>{S} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

/// The response a fault answers with instead of running the handler, if any
/// (`status>=400`, `html`, or `echo_auth` with the request's `authorization`).
pub fn short_circuit(f: &Fault, meta: Value, authorization: &str) -> Option<Response> {
    if f.echo_auth {
        // A broken proxy that puts the credentials it got into its error.
        let mut meta = meta;
        meta["request_id"] = Value::from(authorization);
        let message = format!("token rejected: {authorization}");
        let details = serde_json::json!({ "authorization": authorization });
        let mut r = error(
            meta,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            &message,
            details,
        );
        if let Ok(v) = HeaderValue::from_str(authorization) {
            r.headers_mut()
                .insert(HeaderName::from_static("x-request-id"), v);
        }
        return Some(r);
    }
    if f.html {
        let code = f.status.unwrap_or(502);
        let mut r = Response::new(Body::from(HTML_PAGE.replace("{S}", &code.to_string())));
        *r.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_GATEWAY);
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return Some(r);
    }
    let code = f.status.filter(|s| *s >= 400)?;
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = format!("injected fault: HTTP {code}");
    Some(error(meta, status, code_for(code), &message, Value::Null))
}

/// Apply the body and header parts of a fault to the handler's response.
pub async fn mangle(f: &Fault, resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    if let Some(s) = f.status.filter(|s| *s < 400) {
        parts.status = StatusCode::from_u16(s).unwrap_or(parts.status);
    }
    if let Some(s) = f.retry_after {
        parts
            .headers
            .insert(header::RETRY_AFTER, HeaderValue::from(s));
    }
    if f.retry_after_date {
        if let Ok(v) = HeaderValue::from_str(&http_date(now_ms() + 1000)) {
            parts.headers.insert(header::RETRY_AFTER, v);
        }
    }
    if let Some(ms) = f.retry_after_ms {
        parts.headers.insert(
            HeaderName::from_static("retry-after-ms"),
            HeaderValue::from(ms),
        );
    }
    let rewrites = f.truncate || f.empty || f.array || f.deep.is_some();
    let lies = f.total.is_some() || f.empty_data;
    if !(rewrites || lies || f.drift || f.slow_body_ms.is_some() || f.reset) {
        return Response::from_parts(parts, body);
    }
    let mut bytes = to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default()
        .to_vec();
    if lies {
        bytes = lying_page(&bytes, f.total, f.empty_data);
    }
    if f.drift {
        bytes = drifted(&bytes);
    }
    if let Some(levels) = f.deep {
        let levels = levels as usize;
        bytes = [
            b"{\"data\":".as_slice(),
            &b"[".repeat(levels),
            &b"]".repeat(levels),
            b"}",
        ]
        .concat();
    } else if f.empty {
        parts.status = StatusCode::OK;
        bytes.clear();
    } else if f.array {
        bytes = [b"[".as_slice(), &bytes, b"]"].concat();
    } else if f.truncate {
        bytes.truncate(bytes.len() / 2);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = if f.reset {
        broken_body()
    } else if let Some(ms) = f.slow_body_ms {
        slow_body(bytes, Duration::from_millis(ms))
    } else {
        Body::from(bytes)
    };
    Response::from_parts(parts, body)
}

/// The body with every call object in it (the body, its `data`, or `data`'s items) saying
/// what no page documents: status `on_hold`, direction `sideways`, a `sentiment_score`.
fn drifted(bytes: &[u8]) -> Vec<u8> {
    let Ok(mut body) = serde_json::from_slice::<Value>(bytes) else {
        return bytes.to_vec();
    };
    let drift = |call: &mut Value| {
        if let Some(fields) = call.as_object_mut().filter(|f| f.contains_key("id")) {
            fields.insert("status".into(), Value::from("on_hold"));
            fields.insert("direction".into(), Value::from("sideways"));
            fields.insert("sentiment_score".into(), Value::from(0.5));
        }
    };
    match body.get_mut("data") {
        Some(Value::Array(items)) => items.iter_mut().for_each(drift),
        Some(data) => drift(data),
        None => drift(&mut body),
    }
    serde_json::to_vec(&body).unwrap_or_else(|_| bytes.to_vec())
}

/// A listing whose `total` (in `pagination` and `meta`) says `total` with `has_more: true`,
/// and whose `data` is empty when `empty_data`; any other body as it was.
fn lying_page(bytes: &[u8], total: Option<u64>, empty_data: bool) -> Vec<u8> {
    let Ok(mut page) = serde_json::from_slice::<Value>(bytes) else {
        return bytes.to_vec();
    };
    if empty_data && page.get("data").is_some_and(Value::is_array) {
        page["data"] = Value::Array(Vec::new());
    }
    if let Some(total) = total {
        for envelope in ["pagination", "meta"] {
            if let Some(Value::Object(fields)) = page.get_mut(envelope) {
                if fields.contains_key("total") {
                    fields.insert("total".into(), Value::from(total));
                }
                if fields.contains_key("has_more") {
                    fields.insert("has_more".into(), Value::Bool(true));
                }
            }
        }
    }
    serde_json::to_vec(&page).unwrap_or_else(|_| bytes.to_vec())
}

/// Half the body, a pause, then the rest.
fn slow_body(bytes: Vec<u8>, pause: Duration) -> Body {
    let half = bytes.len() / 2;
    let (first, rest) = (bytes[..half].to_vec(), bytes[half..].to_vec());
    let chunks = futures_util::stream::unfold(0u8, move |step| {
        let (first, rest) = (first.clone(), rest.clone());
        async move {
            match step {
                0 => Some((Ok::<_, std::io::Error>(first), 1)),
                1 => {
                    tokio::time::sleep(pause).await;
                    Some((Ok(rest), 2))
                }
                _ => None,
            }
        }
    });
    Body::from_stream(chunks)
}

/// A body that fails at once: the server breaks off the connection after the headers.
fn broken_body() -> Body {
    Body::from_stream(futures_util::stream::once(async {
        Err::<Vec<u8>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected reset",
        ))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_items() {
        let f = parse("latency=20, status=429,retry_after=2,retry_after_ms=1500,truncate")
            .unwrap_or_default();
        assert_eq!(f.latency_ms, 20);
        assert_eq!(f.status, Some(429));
        assert_eq!(f.retry_after, Some(2));
        assert_eq!(f.retry_after_ms, Some(1500));
        assert!(f.truncate && !f.hang);
        assert!(parse("status=abc").is_err());
        assert!(parse("explode").is_err());
        let h = parse(
            "deep=3000,total=4294967295,empty_data,ignore_offset,echo_auth,slow_body=50,reset,drift",
        )
        .unwrap_or_default();
        assert_eq!(
            (h.deep, h.total, h.slow_body_ms),
            (Some(3000), Some(4_294_967_295), Some(50))
        );
        assert!(h.empty_data && h.ignore_offset && h.echo_auth && h.reset && h.drift);
        assert_eq!(parse(""), Ok(Fault::default()));
    }

    #[test]
    fn queue_matches_prefix_and_method() {
        let q = FaultQueue::default();
        q.push(
            Some("/api/public/v1/calls/x".into()),
            Some("get".into()),
            None,
            "status=500".into(),
            2,
        );
        assert_eq!(q.take("POST", "/api/public/v1/calls/x", "", b""), None);
        assert_eq!(q.take("GET", "/api/public/v1/calls", "", b""), None);
        assert_eq!(
            q.take("GET", "/api/public/v1/calls/x/transcript", "", b"")
                .as_deref(),
            Some("status=500")
        );
        assert_eq!(
            q.take("GET", "/api/public/v1/calls/x", "", b"").as_deref(),
            Some("status=500")
        );
        assert_eq!(q.take("GET", "/api/public/v1/calls/x", "", b""), None);
    }

    #[test]
    fn queue_matches_query_or_body_text() {
        let q = FaultQueue::default();
        q.push(None, None, Some("agt_7".into()), "status=429".into(), 2);
        assert_eq!(
            q.take("GET", "/api/public/v1/calls", "agent_id=agt_1", b""),
            None
        );
        assert!(q
            .take("GET", "/api/public/v1/calls", "agent_id=agt_7", b"")
            .is_some());
        assert!(q
            .take(
                "POST",
                "/api/public/v1/calls",
                "",
                br#"{"agent_id":"agt_7"}"#
            )
            .is_some());
        assert_eq!(
            q.take("GET", "/api/public/v1/calls", "agent_id=agt_7", b""),
            None
        );
    }
}
