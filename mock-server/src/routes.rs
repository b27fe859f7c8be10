//! The read side of `/api/public/v1`: list, get, recording, transcript; the 404 fallback.
//! Every call object is rendered in the dialect asked for (see `render`).

use crate::dialect::{page, recording_url, turns, View};
use crate::filter::parse_filter;
use crate::lifecycle::snapshot;
use crate::mutate;
use crate::one_call::{one, path_id, Id};
use crate::render::render;
use crate::respond::{call_not_found, err, json_response, Ctx};
use crate::time::now_ms;
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};
use std::sync::Arc;

type S = State<Arc<AppState>>;

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

async fn list(State(s): S, Extension(ctx): Extension<Ctx>, RawQuery(q): RawQuery) -> Response {
    let filter = match parse_filter(ctx.shape, q.as_deref()) {
        Ok(f) => f,
        Err(e) => return e.respond(&ctx),
    };
    let (limit, offset) = (filter.limit, filter.offset);
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
                now_ms: now,
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
    let now = now_ms();
    let st = snapshot(c, now, s.config.tick_ms);
    let d = ctx.shape.for_call(&c.id);
    let Some(url) = recording_url(d, c, &st, now) else {
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
    };
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
