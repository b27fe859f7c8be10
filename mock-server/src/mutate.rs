//! The write side of `/api/public/v1`: create, update, delete, bulk delete.

use crate::data::{created_call, NewCall};
use crate::lifecycle::{is_e164, snapshot};
use crate::model::Status;
use crate::one_call::{one, path_id, Id};
use crate::respond::{call_not_found, err, json_response, ApiError, Ctx};
use crate::text::{agent, AGENTS};
use crate::time::now_ms;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

type S = State<Arc<AppState>>;

/// The body as a JSON object: 400 for malformed JSON, 422 for anything but an object.
fn object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::invalid("body", "a JSON object body is required"));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ApiError::invalid("body", "the body must be a JSON object")),
        Err(e) => Err(ApiError::new(
            400,
            "validation_error",
            format!("malformed JSON body: {e}"),
            json!({ "field": "body" }),
        )),
    }
}

fn only_keys(m: &Map<String, Value>, allowed: &[&str], prefix: &str) -> Result<(), ApiError> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => {
            let msg = format!(
                "unknown field `{prefix}{k}`; allowed: {}",
                allowed.join(", ")
            );
            Err(ApiError::new(
                422,
                "validation_error",
                msg,
                json!({ "field": format!("{prefix}{k}"), "allowed": allowed }),
            ))
        }
        None => Ok(()),
    }
}

fn bool_field(m: &Map<String, Value>, key: &str) -> Result<Option<bool>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::invalid(
            &format!("call_settings.{key}"),
            format!("call_settings.{key} must be a boolean"),
        )),
    }
}

fn object_field<'a>(
    m: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(ApiError::invalid(key, format!("{key} must be an object"))),
    }
}

fn e164_field(
    m: &Map<String, Value>,
    key: &str,
    required: bool,
) -> Result<Option<String>, ApiError> {
    let bad = |msg: String, v: &Value| {
        ApiError::new(
            422,
            "validation_error",
            msg,
            json!({ "field": key, "value": v, "pattern": "^\\+[1-9]\\d{6,14}$" }),
        )
    };
    match m.get(key) {
        None | Some(Value::Null) if required => {
            Err(bad(format!("{key} is required"), &Value::Null))
        }
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if is_e164(s) => Ok(Some(s.clone())),
        Some(v) => Err(bad(
            format!("{key} must be an E.164 phone number such as +14155550123"),
            v,
        )),
    }
}

fn parse_new_call(m: &Map<String, Value>) -> Result<NewCall, ApiError> {
    only_keys(
        m,
        &[
            "agent_id",
            "phone_number",
            "from_number",
            "variables",
            "call_settings",
        ],
        "",
    )?;
    let agent_id = match m.get("agent_id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        None | Some(Value::Null) => {
            return Err(ApiError::invalid("agent_id", "agent_id is required"))
        }
        Some(_) => return Err(ApiError::invalid("agent_id", "agent_id must be a string")),
    };
    if agent(&agent_id).is_none() {
        let known: Vec<&str> = AGENTS.iter().map(|a| a.id).collect();
        let msg = format!("unknown agent_id `{agent_id}`");
        return Err(ApiError::new(
            422,
            "validation_error",
            msg,
            json!({ "field": "agent_id", "value": agent_id, "known": known }),
        ));
    }
    let phone_number = e164_field(m, "phone_number", true)?.unwrap_or_default();
    let from_number = e164_field(m, "from_number", false)?;
    let mut variables = BTreeMap::new();
    for (k, v) in object_field(m, "variables")?.into_iter().flatten() {
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Number(_) | Value::Bool(_) => v.to_string(),
            Value::Null => continue,
            _ => {
                return Err(ApiError::invalid(
                    &format!("variables.{k}"),
                    "variable values must be strings",
                ))
            }
        };
        variables.insert(k.clone(), s);
    }
    let mut nc = NewCall {
        agent_id,
        phone_number,
        from_number,
        variables,
        recording_enabled: true,
        transcription_enabled: true,
        settings: Map::new(),
    };
    if let Some(cs) = object_field(m, "call_settings")? {
        let allowed = [
            "recording_enabled",
            "transcription_enabled",
            "greeting",
            "max_duration",
            "join_timeout",
        ];
        only_keys(cs, &allowed, "call_settings.")?;
        nc.recording_enabled = bool_field(cs, "recording_enabled")?.unwrap_or(true);
        nc.transcription_enabled = bool_field(cs, "transcription_enabled")?.unwrap_or(true);
        for key in ["greeting", "max_duration", "join_timeout"] {
            match cs.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) => {
                    nc.settings
                        .insert(key.to_string(), Value::String(s.clone()));
                }
                Some(_) => {
                    return Err(ApiError::invalid(
                        &format!("call_settings.{key}"),
                        format!("call_settings.{key} must be a string"),
                    ))
                }
            }
        }
    }
    Ok(nc)
}

/// `POST /calls`: 201 with the new call; `X-Idempotency-Key` replays return the same call.
pub async fn create(
    State(s): S,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = match object(&body).and_then(|m| parse_new_call(&m)) {
        Ok(r) => r,
        Err(e) => return e.respond(&ctx),
    };
    let key = headers
        .get("x-idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let mut store = s.store();
    if let Some(id) = key.and_then(|k| store.idempotency.get(k)).cloned() {
        if let Some(c) = store.get(&id) {
            return one(&s, &ctx, c, StatusCode::CREATED);
        }
    }
    let Some(a) = agent(&req.agent_id) else {
        return ApiError::invalid("agent_id", "unknown agent_id").respond(&ctx);
    };
    let call = created_call(&mut store, req, a, now_ms());
    let resp = one(&s, &ctx, &call, StatusCode::CREATED);
    if let Some(k) = key {
        store.idempotency.insert(k.to_string(), call.id.clone());
    }
    store.insert(call);
    resp
}

/// `PATCH /calls/{id}`: merge `context` (a `null` value removes a key), set `call_settings`
/// `recording_enabled` / `transcription_enabled`.
pub async fn patch(State(s): S, Extension(ctx): Extension<Ctx>, id: Id, body: Bytes) -> Response {
    let id = match path_id(&ctx, id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let parsed = object(&body).and_then(|m| {
        only_keys(&m, &["context", "call_settings"], "")?;
        let context = object_field(&m, "context")?.cloned();
        let (mut rec, mut tr) = (None, None);
        if let Some(cs) = object_field(&m, "call_settings")? {
            only_keys(
                cs,
                &["recording_enabled", "transcription_enabled"],
                "call_settings.",
            )?;
            rec = bool_field(cs, "recording_enabled")?;
            tr = bool_field(cs, "transcription_enabled")?;
        }
        Ok((context, rec, tr))
    });
    let (context, rec, tr) = match parsed {
        Ok(p) => p,
        Err(e) => return e.respond(&ctx),
    };
    let mut store = s.store();
    let Some(c) = store.get_mut(&id) else {
        return call_not_found(&ctx, &id);
    };
    for (k, v) in context.into_iter().flatten() {
        if v.is_null() {
            c.context.remove(&k);
        } else {
            c.context.insert(k, v);
        }
    }
    c.recording_enabled = rec.unwrap_or(c.recording_enabled);
    c.transcription_enabled = tr.unwrap_or(c.transcription_enabled);
    c.updated_ms = now_ms();
    one(&s, &ctx, c, StatusCode::OK)
}

fn canonical_word(st: Status) -> &'static str {
    match st {
        Status::Queued => "queued",
        Status::Ringing => "ringing",
        Status::InProgress => "in_progress",
        Status::Ended => "ended",
        Status::Failed => "failed",
        Status::Cancelled => "cancelled",
    }
}

/// Why a call cannot be deleted, if it cannot: `Some(None)` unknown, `Some(Some(status))` active.
fn blocked(s: &AppState, store: &crate::data::Store, id: &str) -> Option<Option<Status>> {
    let Some(c) = store.get(id) else {
        return Some(None);
    };
    let st = snapshot(c, now_ms(), s.config.tick_ms).status;
    st.is_active().then_some(Some(st))
}

/// `DELETE /calls/{id}`: 200 `{data:{id, deleted:true}}`; 409 `call_active` for active calls.
pub async fn delete(State(s): S, Extension(ctx): Extension<Ctx>, id: Id) -> Response {
    let id = match path_id(&ctx, id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let mut store = s.store();
    match blocked(&s, &store, &id) {
        Some(None) => call_not_found(&ctx, &id),
        Some(Some(st)) => {
            let word = canonical_word(st);
            let msg = format!("call {id} is {word}; active calls (queued, ringing, in_progress) cannot be deleted");
            let mut response = err(
                &ctx,
                409,
                "call_active",
                &msg,
                json!({ "id": id, "status": word }),
            );
            // A 409 is retryable by default; this one cannot succeed until the call ends.
            response
                .headers_mut()
                .insert("x-should-retry", HeaderValue::from_static("false"));
            response
        }
        None => {
            store.remove(&id);
            json_response(
                StatusCode::OK,
                &json!({ "data": { "id": id, "deleted": true }, "meta": ctx.meta() }),
            )
        }
    }
}

/// `POST /calls/bulk-delete` with `{ids:[...]}`: active and unknown ids are reported as failed.
pub async fn bulk_delete(State(s): S, Extension(ctx): Extension<Ctx>, body: Bytes) -> Response {
    let ids = match object(&body) {
        Ok(m) => match m.get("ids") {
            Some(Value::Array(a)) if a.iter().all(Value::is_string) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>(),
            _ => {
                return ApiError::invalid("ids", "ids must be an array of call id strings")
                    .respond(&ctx)
            }
        },
        Err(e) => return e.respond(&ctx),
    };
    let mut store = s.store();
    let (mut deleted, mut failed) = (Vec::new(), Vec::new());
    for id in ids {
        if blocked(&s, &store, &id).is_none() {
            store.remove(&id);
            deleted.push(id);
        } else {
            failed.push(id);
        }
    }
    let data = json!({
        "deleted_count": deleted.len(), "failed_count": failed.len(),
        "deleted_ids": deleted, "failed_ids": failed,
    });
    json_response(StatusCode::OK, &json!({ "data": data, "meta": ctx.meta() }))
}
