//! Control endpoints for tests (no auth, no faults, not in the request log).

use crate::data::Store;
use crate::faults;
use crate::respond::{json_response, parse_query, text_response};
use crate::text::AGENTS;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use std::sync::Arc;

type S = State<Arc<AppState>>;

/// `/__health`, `/__requests`, `/__faults`, `/__agents`, `/__reset`.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/__health", get(health))
        .route("/__requests", get(requests).delete(clear_requests))
        .route(
            "/__faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/__agents", get(agents))
        .route("/__reset", post(reset))
}

fn bad(message: String) -> Response {
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({ "error": { "code": "validation_error", "message": message, "details": null } }),
    )
}

async fn health() -> Response {
    text_response(StatusCode::OK, "ok", "text/plain; charset=utf-8")
}

async fn requests(State(s): S, RawQuery(q): RawQuery) -> Response {
    let params = parse_query(q.as_deref());
    let get = |k: &str| {
        params
            .iter()
            .find(|(n, v)| n == k && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };
    let list = s.log.list(get("path_prefix"), get("method"));
    json_response(StatusCode::OK, &json!({ "requests": list }))
}

async fn clear_requests(State(s): S) -> Response {
    json_response(StatusCode::OK, &json!({ "cleared": s.log.clear() }))
}

async fn list_faults(State(s): S) -> Response {
    json_response(StatusCode::OK, &json!({ "faults": s.faults.pending() }))
}

async fn clear_faults(State(s): S) -> Response {
    json_response(StatusCode::OK, &json!({ "cleared": s.faults.clear() }))
}

fn opt_string(m: &serde_json::Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

/// `POST /__faults {path?, method?, fault, times?}`.
async fn add_fault(State(s): S, body: Bytes) -> Response {
    let m = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return bad("body must be a JSON object {path?, method?, fault, times?}".into()),
        Err(e) => return bad(format!("malformed JSON body: {e}")),
    };
    let (path, method, fault) = match (
        opt_string(&m, "path"),
        opt_string(&m, "method"),
        opt_string(&m, "fault"),
    ) {
        (Ok(p), Ok(me), Ok(Some(f))) => (p, me, f),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return bad(e),
        (_, _, Ok(None)) => {
            return bad("`fault` is required, e.g. \"status=503,retry_after=1\"".into())
        }
    };
    if let Err(e) = faults::parse(&fault) {
        return bad(e);
    }
    let times = match m.get("times") {
        None | Some(Value::Null) => 1,
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => n,
            _ => return bad("`times` must be a positive integer".into()),
        },
    };
    let contains = match opt_string(&m, "contains") {
        Ok(c) => c,
        Err(e) => return bad(e),
    };
    let queued = s.faults.push(path, method, contains, fault, times);
    json_response(
        StatusCode::CREATED,
        &json!({ "queued": queued, "pending": s.faults.pending().len() }),
    )
}

async fn agents() -> Response {
    let list: Vec<Value> = AGENTS
        .iter()
        .map(|a| json!({ "id": a.id, "name": a.name, "company": a.company, "from_number": a.line }))
        .collect();
    json_response(StatusCode::OK, &json!({ "agents": list }))
}

/// `POST /__reset`: regenerate the seeded dataset, forget idempotency keys, queued faults and
/// the request log.
async fn reset(State(s): S) -> Response {
    *s.store() = Store::seeded(s.config.calls, s.config.seed);
    s.faults.clear();
    s.log.clear();
    json_response(
        StatusCode::OK,
        &json!({ "ok": true, "calls": s.config.calls }),
    )
}
