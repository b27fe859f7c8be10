//! The call object of each dialect: exactly the fields its seed page documents, nothing more.
//! A value the simulator does not know (yet) is `null`; a field the page never names is absent.

use crate::dialect::{recording_url, turns, Shape, View};
use crate::model::{Call, Detail, Direction, State, Status, LATENCY_KEYS};
use crate::time::{iso, Frac};
use crate::vocab::{direction_word, status_word};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Render one call in dialect `d` (`Mixed` renders as 001; callers resolve it per call first).
pub fn render(d: Shape, c: &Call, v: &View) -> Value {
    match d {
        Shape::S000 => render_000(c, v),
        Shape::S001 | Shape::Mixed => render_001(c, v),
        Shape::S002 => render_002(c, v),
        Shape::S003 => render_003(c, v),
        Shape::S004 => render_004(c, v),
    }
}

/// ISO 8601 with the dialect's fractional seconds.
fn time(ms: Option<i64>, frac: Frac) -> Option<String> {
    ms.map(|ms| iso(ms, frac))
}

/// The transcript in `d`'s turn format once ready, else `null`.
fn transcript(d: Shape, c: &Call, st: &State) -> Value {
    if st.transcript_ready {
        turns(d, &c.transcript)
    } else {
        Value::Null
    }
}

/// The post-call outcome label, once the call is terminal.
fn outcome(c: &Call, st: &State) -> Option<&'static str> {
    c.outcome.filter(|_| st.status.is_terminal())
}

fn string_map(m: &BTreeMap<String, String>) -> Value {
    Value::Object(
        m.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// Seed 000 `failure_reason` (L62, L107): hyphenated, only when the status is `failed`.
fn failure_reason(st: &State) -> Option<&'static str> {
    match (st.status, st.detail) {
        (Status::Failed, Detail::Busy) => Some("busy"),
        (Status::Failed, Detail::NoAnswer) => Some("no-answer"),
        (Status::Failed, Detail::InvalidNumber) => Some("invalid-number"),
        (Status::Failed, _) => Some("agent-error"),
        _ => None,
    }
}

/// Seed 001 `context.last_error` (L215, L228): the provider's message, for `failed` calls.
fn last_error(st: &State) -> Option<&'static str> {
    if status_word(Shape::S001, st) != "failed" {
        return None;
    }
    Some(match st.detail {
        Detail::InvalidNumber => "Provider error: invalid destination number (SIP 484)",
        Detail::Cancelled => "Call cancelled before it was placed",
        _ => "Provider error: upstream returned 503",
    })
}

/// When the call last changed: an edit, or its last lifecycle step (a created call's record
/// changes as it connects and ends).
fn updated_ms(c: &Call, st: &State) -> i64 {
    c.updated_ms
        .max(st.started_ms.unwrap_or(0))
        .max(st.ended_ms.unwrap_or(0))
}

/// `(from, to)` as the parties see them: the caller and the callee.
fn from_to(c: &Call) -> (Option<String>, Option<String>) {
    match c.direction {
        Direction::Inbound => (c.contact_number.clone(), c.line_number.clone()),
        _ => (c.line_number.clone(), c.contact_number.clone()),
    }
}

/// Seed 000 "The Call Object" table (L93-110), in its order.
fn render_000(c: &Call, v: &View) -> Value {
    let (d, st) = (Shape::S000, &v.state);
    let t = |ms| time(ms, Frac::Secs);
    json!({
        "id": c.id,
        "status": status_word(d, st),
        "direction": direction_word(d, c.direction),
        "agent_id": c.agent_id,
        "phone_number": c.contact_number,
        "from_number": c.line_number,
        "duration_seconds": st.duration_s(),
        "transcript": transcript(d, c, st),
        "recording_url": recording_url(d, c, st, v.now_ms),
        "cost_cents": st.cost_cents(c),
        "outcome": outcome(c, st),
        "variables": string_map(&c.variables),
        "failure_reason": failure_reason(st),
        "started_at": t(st.started_ms),
        "ended_at": t(st.ended_ms),
        "created_at": t(Some(c.created_ms)),
    })
}

/// Seed 001 "Call Object" table (L189-205), in its order. No transcript: seed 001 serves it
/// from `GET /calls/{id}/transcript` only.
fn render_001(c: &Call, v: &View) -> Value {
    let (d, st) = (Shape::S001, &v.state);
    let t = |ms| time(ms, Frac::Millis);
    let mut context = c.context.clone();
    if let Some(e) = last_error(st) {
        context
            .entry("last_error")
            .or_insert_with(|| Value::String(e.to_string()));
    }
    json!({
        "id": c.id,
        "agent_id": c.agent_id,
        "phone_number": c.contact_number,
        "from_number": c.line_number,
        "direction": direction_word(d, c.direction),
        "status": status_word(d, st),
        "started_at": t(st.started_ms),
        "ended_at": t(st.ended_ms),
        "duration_seconds": st.duration_s(),
        "cost_usd": st.cost_cents(c).map(|cents| cents as f64 / 100.0),
        "summary": st.transcript_ready.then(|| c.summary.clone()),
        "recording_url": recording_url(d, c, st, v.now_ms),
        "context": context,
        "created_at": t(Some(c.created_ms)),
        "updated_at": t(Some(updated_ms(c, st))),
    })
}

/// Seed 002 names no call object table; these are the call fields it uses: `id`, `status`,
/// `duration_seconds` (L120), `transcript` (L137, L208-214), `recording_url` (L264, L289),
/// the analytics fields `duration_seconds`, `cost_cents`, `outcome` (L337-341), and the
/// fields its list filters by (L15, L27-29, L390): `agent_id`, `direction`, `created_at`.
fn render_002(c: &Call, v: &View) -> Value {
    let (d, st) = (Shape::S002, &v.state);
    json!({
        "id": c.id,
        "agent_id": c.agent_id,
        "direction": direction_word(d, c.direction),
        "created_at": time(Some(c.created_ms), Frac::Secs),
        "status": status_word(d, st),
        "duration_seconds": st.duration_s(),
        "cost_cents": st.cost_cents(c),
        "outcome": outcome(c, st),
        "transcript": transcript(d, c, st),
        "recording_url": recording_url(d, c, st, v.now_ms),
    })
}

/// Seed 003 `CallResponse` schema (L185-309), in its order. The list example's `to`, `from`,
/// `transcript_url`, `cost_credits` and `metadata` (L125-134) are not in the schema the
/// response `$ref`s (L114), so they are not served.
fn render_003(c: &Call, v: &View) -> Value {
    let (d, st) = (Shape::S003, &v.state);
    let t = |ms| time(ms, Frac::Micros);
    let ready = st.transcript_ready;
    let (from, to) = from_to(c);
    json!({
        "id": c.id,
        "agent_id": c.agent_id,
        "phone_number": c.contact_number,
        "from_number": from,
        "to_number": to,
        "direction": direction_word(d, c.direction),
        "status": status_word(d, st),
        "duration_seconds": st.duration_s(),
        "cost_usd": st.cost_cents(c).map(|cents| cents as f64 / 100.0),
        "summary": ready.then(|| c.summary.clone()),
        "short_summary": ready.then(|| c.short_summary.clone()),
        "recording_url": recording_url(d, c, st, v.now_ms),
        "transcript": transcript(d, c, st),
        "sentiment": ready.then_some(c.sentiment),
        "started_at": t(st.started_ms),
        "ended_at": t(st.ended_ms),
        "created_at": t(Some(c.created_ms)),
        "updated_at": t(Some(updated_ms(c, st))),
    })
}

/// Seed 004's properties, in the page's order (L3-48): id, type, status, agent_id,
/// account_id, from_number (caller), to_number (called), direction, start_timestamp (ms),
/// duration_ms, transcript, latency, recording_url, summary, cost, vars_provided,
/// vars_extracted, plus `detected_gender` (named on L2). The page describes no creation,
/// end or update time, so there is none. A list item omits the six fields of L1-2.
fn render_004(c: &Call, v: &View) -> Value {
    let (d, st) = (Shape::S004, &v.state);
    let (from, to) = from_to(c);
    let kind = if c.direction == Direction::Webrtc {
        "web_call"
    } else {
        "phone_call"
    };
    let latency = st.started_ms.map(|_| {
        Value::Object(
            LATENCY_KEYS
                .iter()
                .zip(c.latency)
                .map(|(k, ms)| (k.to_string(), ms.into()))
                .collect::<Map<_, _>>(),
        )
    });
    let cost = st.cost_cents(c).map(|cents| {
        let usd = cents as f64 / 100.0;
        let part = |share: f64| (usd * share * 10_000.0).round() / 10_000.0;
        json!({ "telephony": part(0.4), "llm": part(0.3), "stt": part(0.15), "tts": part(0.15), "total": usd })
    });
    let ready = st.transcript_ready;
    let mut o = Map::new();
    let mut put = |k: &str, v: Value| {
        o.insert(k.to_string(), v);
    };
    put("id", json!(c.id));
    put("type", json!(kind));
    put("status", json!(status_word(d, st)));
    put("agent_id", json!(c.agent_id));
    put("account_id", json!(c.account_id));
    put("from_number", json!(from));
    put("to_number", json!(to));
    put("direction", json!(direction_word(d, c.direction)));
    put("start_timestamp", json!(st.started_ms));
    put("duration_ms", json!(st.duration_ms()));
    if !v.list_item {
        put("transcript", transcript(d, c, st));
    }
    put("latency", json!(latency));
    if !v.list_item {
        put("recording_url", json!(recording_url(d, c, st, v.now_ms)));
        put("summary", json!(ready.then(|| c.summary.clone())));
        put(
            "detected_gender",
            json!(c.gender.filter(|_| st.started_ms.is_some())),
        );
    }
    put("cost", json!(cost));
    if !v.list_item {
        put("vars_provided", string_map(&c.variables));
        put(
            "vars_extracted",
            if ready {
                string_map(&c.extracted)
            } else {
                json!({})
            },
        );
    }
    Value::Object(o)
}
