//! What every route about one call shares: the id from the path, and the reply with one
//! call in the request's dialect.

use crate::dialect::{single, View};
use crate::lifecycle::snapshot;
use crate::model::Call;
use crate::render::render;
use crate::respond::{err, json_response, Ctx};
use crate::time::now_ms;
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

/// The `{id}` of a route's path, as axum extracts it.
pub type Id = Result<Path<String>, PathRejection>;

/// The id from the path, or a 404 response.
pub fn path_id(ctx: &Ctx, id: Id) -> Result<String, Box<Response>> {
    id.map(|Path(id)| id)
        .map_err(|_| Box::new(err(ctx, 404, "not_found", "no such call", Value::Null)))
}

/// Render one call as `GET /calls/{id}` does (shared with create and patch).
pub fn one(s: &AppState, ctx: &Ctx, c: &Call, status: StatusCode) -> Response {
    let d = ctx.shape.for_call(&c.id);
    let now = now_ms();
    let view = View {
        state: snapshot(c, now, s.config.tick_ms),
        list_item: false,
        now_ms: now,
    };
    json_response(status, &single(d, render(d, c, &view), ctx.meta()))
}
