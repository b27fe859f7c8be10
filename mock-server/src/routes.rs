//! The read side of `/api/public/v1`: list, get, recording, transcript; the 404 fallback.

use crate::dialect::{page, render, single, turns, View};
use crate::lifecycle::{
    parse_direction, parse_status_filter, snapshot, StatusFilter, STATUS_WORDS,
};
use crate::model::{Call, State as CallState};
use crate::mutate;
use crate::respond::{call_not_found, err, json_response, parse_query, ApiError, Ctx};
use crate::time::{now_ms, parse_iso};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};
use std::sync::Arc;

type S = State<Arc<AppState>>;
type Id = Result<Path<String>, PathRejection>;

/// Routes under `/api/public/v1`.
pub fn api() -> Router<Arc<AppState>> {
    Router::new()
        .route("/calls", get(list).post(mutate::create))
        .route("/calls/bulk-delete", post(mutate::bulk_delete))
        .route(
            "/calls/{id}",
            get(get_call).patch(mutate::patch).delete(mutate::delete),
        )
        .route("/calls/{id}/recording", get(recording))
        .route("/calls/{id}/transcript", get(transcript))
        .method_not_allowed_fallback(method_not_allowed)
}

/// The id from the path, or a 404 response.
pub fn path_id(ctx: &Ctx, id: Id) -> Result<String, Box<Response>> {
    id.map(|Path(id)| id)
        .map_err(|_| Box::new(err(ctx, 404, "not_found", "no such call", Value::Null)))
}

/// 404 for any unknown route.
pub async fn fallback(Extension(ctx): Extension<Ctx>) -> Response {
    err(&ctx, 404, "not_found", "no such route", Value::Null)
}

async fn method_not_allowed(Extension(ctx): Extension<Ctx>) -> Response {
    err(
        &ctx,
        405,
        "validation_error",
        "method not allowed on this route",
        Value::Null,
    )
}

#[derive(Default)]
struct Filter {
    status: Vec<StatusFilter>,
    direction: Option<crate::model::Direction>,
    agent_id: Option<String>,
    after: Option<i64>,
    before: Option<i64>,
}

impl Filter {
    fn keeps_static(&self, c: &Call) -> bool {
        self.direction.is_none_or(|d| c.direction == d)
            && self.agent_id.as_deref().is_none_or(|a| c.agent_id == a)
            && self.after.is_none_or(|t| c.created_ms >= t)
            && self.before.is_none_or(|t| c.created_ms < t)
    }

    fn keeps(&self, st: &CallState) -> bool {
        self.status.is_empty() || self.status.iter().any(|f| f.matches(st))
    }
}

fn int_param(name: &str, v: &str, lo: i64, hi: i64) -> Result<usize, ApiError> {
    match v.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n as usize),
        _ => {
            let msg = format!("`{name}` must be an integer in {lo}..={hi}, got `{v}`");
            Err(ApiError::new(
                422,
                "validation_error",
                msg,
                json!({ "field": name, "value": v, "min": lo, "max": hi }),
            ))
        }
    }
}

fn parse_filter(raw: Option<&str>) -> Result<(Filter, usize, usize), ApiError> {
    let (mut f, mut limit, mut offset) = (Filter::default(), 50, 0);
    for (k, v) in parse_query(raw) {
        if v.trim().is_empty() {
            continue;
        }
        match k.as_str() {
            "status" => {
                for word in v.split(',').filter(|w| !w.trim().is_empty()) {
                    let sf = parse_status_filter(word).ok_or_else(|| {
                        let msg = format!("unknown status `{word}`");
                        ApiError::new(
                            422,
                            "validation_error",
                            msg,
                            json!({ "field": "status", "allowed": STATUS_WORDS }),
                        )
                    })?;
                    f.status.push(sf);
                }
            }
            "direction" => {
                let d = parse_direction(&v).ok_or_else(|| {
                    ApiError::invalid("direction", "direction must be outbound, inbound or webrtc")
                })?;
                f.direction = Some(d);
            }
            "agent_id" => f.agent_id = Some(v),
            "created_after" | "created_before" => {
                let t = parse_iso(&v).ok_or_else(|| {
                    ApiError::invalid(&k, format!("`{k}` must be an ISO 8601 date-time"))
                })?;
                if k == "created_after" {
                    f.after = Some(t);
                } else {
                    f.before = Some(t);
                }
            }
            "limit" => limit = int_param("limit", &v, 1, 100)?,
            "offset" => offset = int_param("offset", &v, 0, i64::MAX)?,
            _ => {}
        }
    }
    Ok((f, limit, offset))
}

async fn list(State(s): S, Extension(ctx): Extension<Ctx>, RawQuery(q): RawQuery) -> Response {
    let (filter, limit, offset) = match parse_filter(q.as_deref()) {
        Ok(x) => x,
        Err(e) => return e.respond(&ctx),
    };
    let (now, tick) = (now_ms(), s.config.tick_ms);
    let store = s.store();
    let mut total = 0;
    let mut items = Vec::with_capacity(limit);
    for c in store.calls.iter().filter(|c| filter.keeps_static(c)) {
        let st = snapshot(c, now, tick);
        if !filter.keeps(&st) {
            continue;
        }
        if total >= offset && items.len() < limit {
            let view = View {
                state: st,
                list_item: true,
                base: &ctx.base,
            };
            items.push(render(ctx.shape.for_call(&c.id), c, &view));
        }
        total += 1;
    }
    drop(store);
    json_response(
        StatusCode::OK,
        &page(ctx.shape, items, total, limit, offset, ctx.meta()),
    )
}

/// Render one call as `GET /calls/{id}` does (shared with create and patch).
pub fn one(s: &AppState, ctx: &Ctx, c: &Call, status: StatusCode) -> Response {
    let d = ctx.shape.for_call(&c.id);
    let view = View {
        state: snapshot(c, now_ms(), s.config.tick_ms),
        list_item: false,
        base: &ctx.base,
    };
    json_response(status, &single(d, render(d, c, &view), ctx.meta()))
}

async fn get_call(State(s): S, Extension(ctx): Extension<Ctx>, id: Id) -> Response {
    let id = match path_id(&ctx, id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let store = s.store();
    match store.get(&id) {
        Some(c) => one(&s, &ctx, c, StatusCode::OK),
        None => call_not_found(&ctx, &id),
    }
}

async fn recording(State(s): S, Extension(ctx): Extension<Ctx>, id: Id) -> Response {
    let id = match path_id(&ctx, id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let store = s.store();
    let Some(c) = store.get(&id) else {
        return call_not_found(&ctx, &id);
    };
    let st = snapshot(c, now_ms(), s.config.tick_ms);
    if !st.has_recording(c) {
        let reason = if c.recording_enabled {
            "call has not ended"
        } else {
            "recording disabled"
        };
        let msg = format!("no recording for call {id}: {reason}");
        return err(
            &ctx,
            404,
            "not_found",
            &msg,
            json!({ "resource": "recording", "id": id, "reason": reason }),
        );
    }
    let view = View {
        state: st,
        list_item: false,
        base: &ctx.base,
    };
    let url = render(crate::dialect::Shape::S001, c, &view)["recording_url"].clone();
    json_response(
        StatusCode::OK,
        &json!({ "data": { "recording_url": url }, "meta": ctx.meta() }),
    )
}

async fn transcript(State(s): S, Extension(ctx): Extension<Ctx>, id: Id) -> Response {
    let id = match path_id(&ctx, id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let store = s.store();
    let Some(c) = store.get(&id) else {
        return call_not_found(&ctx, &id);
    };
    let st = snapshot(c, now_ms(), s.config.tick_ms);
    if !st.transcript_ready {
        let reason = if !c.transcription_enabled {
            "transcription disabled"
        } else if st.status.is_active() {
            "call has not ended"
        } else if st.status != crate::model::Status::Ended {
            "call did not connect"
        } else {
            "transcript not available yet"
        };
        let msg = format!("no transcript for call {id}: {reason}");
        return err(
            &ctx,
            404,
            "not_found",
            &msg,
            json!({ "resource": "transcript", "id": id, "reason": reason }),
        );
    }
    let d = ctx.shape.for_call(&c.id);
    let data = json!({ "transcript": turns(d, &c.transcript), "summary": c.summary });
    json_response(StatusCode::OK, &json!({ "data": data, "meta": ctx.meta() }))
}
