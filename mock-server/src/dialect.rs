//! Rendering the canonical call in each documented dialect (seeds 000..004).

use crate::model::{Call, Detail, Direction, Speaker, State, Status, Turn, LATENCY_KEYS};
use crate::text::hash;
use crate::time::{iso, Frac, DAY_MS};
use serde_json::{json, Map, Value};

/// A payload dialect: one per seed page, or `Mixed` (chosen per call by a hash of its id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    S000,
    S001,
    S002,
    S003,
    S004,
    Mixed,
}

const CONCRETE: [Shape; 5] = [
    Shape::S000,
    Shape::S001,
    Shape::S002,
    Shape::S003,
    Shape::S004,
];

impl Shape {
    /// `000`..`004` (leading zeros optional) or `mixed`.
    pub fn parse(s: &str) -> Option<Shape> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mixed" => Some(Shape::Mixed),
            n => n
                .parse::<usize>()
                .ok()
                .and_then(|i| CONCRETE.get(i).copied())
                .filter(|_| n.len() <= 3),
        }
    }

    /// The name `--shape` takes.
    pub fn name(self) -> &'static str {
        match self {
            Shape::S000 => "000",
            Shape::S001 => "001",
            Shape::S002 => "002",
            Shape::S003 => "003",
            Shape::S004 => "004",
            Shape::Mixed => "mixed",
        }
    }

    /// The concrete dialect for one call.
    pub fn for_call(self, id: &str) -> Shape {
        match self {
            Shape::Mixed => CONCRETE[(hash(id) % 5) as usize],
            s => s,
        }
    }

    /// Seeds 000 and 002 return a single object bare, without `{data, meta}`.
    pub fn bare_single(self) -> bool {
        matches!(self, Shape::S000 | Shape::S002)
    }
}

/// Rendering context: the time of the read, the tick, whether the object is a list item.
pub struct View<'a> {
    pub state: State,
    pub list_item: bool,
    /// `http://host:port`, for URLs that point back at the simulator.
    pub base: &'a str,
}

fn status_word(d: Shape, st: &State) -> &'static str {
    use Detail as D;
    use Status as S;
    match (d, st.status, st.detail) {
        (_, S::Ringing, _) => "ringing",
        (Shape::S004, S::Queued, _) => "initiated",
        (_, S::Queued, _) => "queued",
        (Shape::S000 | Shape::S002, S::InProgress, _) => "in-progress",
        (Shape::S004, S::InProgress, _) => "ongoing",
        (_, S::InProgress, _) => "in_progress",
        (Shape::S000 | Shape::S002, S::Ended, _) => "ended",
        (Shape::S001, S::Ended, D::Voicemail) => "voicemail",
        (Shape::S004, S::Ended, D::UserHangup) => "user_hangup",
        (Shape::S004, S::Ended, D::Inactivity) => "inactivity",
        (Shape::S004, S::Ended, _) => "agent_hangup",
        (_, S::Ended, _) => "completed",
        (Shape::S001 | Shape::S004, S::Failed, D::Busy) => "busy",
        (Shape::S001 | Shape::S004, S::Failed, D::NoAnswer) => "no_answer",
        (Shape::S004, S::Failed, _) => "error",
        (_, S::Failed, _) => "failed",
        (Shape::S004, S::Cancelled, _) => "canceled",
        (_, S::Cancelled, _) => "cancelled",
    }
}

fn failure_reason(st: &State) -> Option<&'static str> {
    match (st.status, st.detail) {
        (Status::Failed, Detail::Busy) => Some("busy"),
        (Status::Failed, Detail::NoAnswer) => Some("no-answer"),
        (Status::Failed, _) => Some("agent-error"),
        _ => None,
    }
}

fn last_error(st: &State) -> Option<&'static str> {
    match (st.status, st.detail) {
        (Status::Failed, Detail::Busy) => Some("Destination busy (SIP 486)"),
        (Status::Failed, Detail::NoAnswer) => Some("No answer before join timeout (SIP 480)"),
        (Status::Failed, _) => Some("Provider error: upstream returned 503"),
        _ => None,
    }
}

fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::Outbound => "outbound",
        Direction::Inbound => "inbound",
        Direction::Webrtc => "webrtc",
    }
}

/// `(from, to)` as the parties see them: the caller and the callee.
fn from_to(c: &Call) -> (Option<String>, Option<String>) {
    match c.direction {
        Direction::Inbound => (c.contact_number.clone(), c.line_number.clone()),
        _ => (c.line_number.clone(), c.contact_number.clone()),
    }
}

fn recording_url(c: &Call, st: &State) -> Option<String> {
    st.has_recording(c).then(|| {
        let expires = (st.ended_ms.unwrap_or(c.created_ms) + DAY_MS) / 1000;
        format!(
            "https://recordings.truedy.ai/{}.mp3?token={:016x}&expires={expires}",
            c.id,
            hash(&c.id)
        )
    })
}

/// Transcript turns as a dialect writes them: `{speaker, text, timestamp}`, or seed 004's
/// `{role, content, start}`.
pub fn turns(d: Shape, ts: &[Turn]) -> Value {
    let secs = |t: &Turn| f64::from(t.at_ms) / 1000.0;
    Value::Array(
        ts.iter()
            .map(|t| match d {
                Shape::S004 => {
                    let role = if t.speaker == Speaker::Agent {
                        "agent"
                    } else {
                        "user"
                    };
                    json!({ "role": role, "content": t.text, "start": secs(t) })
                }
                _ => {
                    let speaker = if t.speaker == Speaker::Agent {
                        "agent"
                    } else {
                        "contact"
                    };
                    json!({ "speaker": speaker, "text": t.text, "timestamp": secs(t) })
                }
            })
            .collect(),
    )
}

fn plain_transcript(ts: &[Turn]) -> String {
    let line = |t: &Turn| {
        format!(
            "{}: {}",
            if t.speaker == Speaker::Agent {
                "Agent"
            } else {
                "Contact"
            },
            t.text
        )
    };
    ts.iter().map(line).collect::<Vec<_>>().join("\n")
}

fn string_map(m: &std::collections::BTreeMap<String, String>) -> Value {
    Value::Object(
        m.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn context_with_error(c: &Call, st: &State) -> Value {
    let mut ctx = c.context.clone();
    if let Some(e) = last_error(st) {
        ctx.entry("last_error")
            .or_insert_with(|| Value::String(e.to_string()));
    }
    Value::Object(ctx)
}

/// Render one call in dialect `d` (a concrete dialect, not `Mixed`).
pub fn render(d: Shape, c: &Call, v: &View) -> Value {
    let st = &v.state;
    let frac = match d {
        Shape::S000 => Frac::Secs,
        Shape::S003 => Frac::Micros,
        _ => Frac::Millis,
    };
    let t = |ms: Option<i64>| ms.map(|ms| iso(ms, frac));
    let ready = st.transcript_ready;
    let summary = ready.then(|| c.summary.clone());
    let cents = st.cost_cents(c);
    let status = status_word(d, st);
    let dir = direction_word(c.direction);
    match d {
        Shape::S000 | Shape::S002 => {
            let mut o = json!({
                "id": c.id, "status": status, "direction": dir, "agent_id": c.agent_id,
                "phone_number": c.contact_number, "from_number": c.line_number,
                "duration_seconds": st.duration_s(), "cost_cents": cents,
                "outcome": c.outcome.filter(|_| st.status.is_terminal()),
                "variables": string_map(&c.variables),
                "transcript": if ready { turns(d, &c.transcript) } else { Value::Null },
                "recording_url": recording_url(c, st), "failure_reason": failure_reason(st),
                "started_at": t(st.started_ms), "ended_at": t(st.ended_ms), "created_at": t(Some(c.created_ms)),
            });
            if d == Shape::S002 {
                o["summary"] = json!(summary);
                o["updated_at"] = json!(t(Some(c.updated_ms)));
            }
            o
        }
        Shape::S001 | Shape::Mixed => {
            let mut settings = c.settings.clone();
            settings.insert("recording_enabled".into(), c.recording_enabled.into());
            settings.insert(
                "transcription_enabled".into(),
                c.transcription_enabled.into(),
            );
            json!({
                "id": c.id, "agent_id": c.agent_id, "phone_number": c.contact_number,
                "from_number": c.line_number, "direction": dir, "status": status,
                "started_at": t(st.started_ms), "ended_at": t(st.ended_ms),
                "duration_seconds": st.duration_s(), "cost_usd": cents.map(|c| c as f64 / 100.0),
                "outcome": c.outcome.filter(|_| st.status.is_terminal()), "summary": summary,
                "recording_url": recording_url(c, st),
                "transcript": if ready { turns(d, &c.transcript) } else { Value::Null },
                "variables": string_map(&c.variables), "context": context_with_error(c, st),
                "call_settings": settings,
                "created_at": t(Some(c.created_ms)), "updated_at": t(Some(c.updated_ms)),
            })
        }
        Shape::S003 => {
            let (from, to) = from_to(c);
            json!({
                "id": c.id, "status": status, "direction": dir, "agent_id": c.agent_id,
                "to": to, "from": from, "duration_seconds": st.duration_s(),
                "recording_url": recording_url(c, st),
                "transcript_url": ready.then(|| format!("{}/api/public/v1/calls/{}/transcript", v.base, c.id)),
                "transcript": ready.then(|| plain_transcript(&c.transcript)),
                "summary": summary, "short_summary": ready.then(|| c.short_summary.clone()),
                "sentiment": ready.then_some(c.sentiment), "cost_credits": cents,
                "metadata": context_with_error(c, st),
                "started_at": t(st.started_ms), "ended_at": t(st.ended_ms),
                "created_at": t(Some(c.created_ms)), "updated_at": t(Some(c.updated_ms)),
            })
        }
        Shape::S004 => render_004(c, v, status),
    }
}

fn render_004(c: &Call, v: &View, status: &str) -> Value {
    let st = &v.state;
    let (from, to) = from_to(c);
    let (kind, dir) = match c.direction {
        Direction::Webrtc => ("web_call", "incoming"),
        Direction::Inbound => ("phone_call", "incoming"),
        Direction::Outbound => ("phone_call", "outgoing"),
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
    let mut o = json!({
        "id": c.id, "type": kind, "status": status, "agent_id": c.agent_id, "account_id": c.account_id,
        "from_number": from, "to_number": to, "direction": dir, "created_at": c.created_ms,
        "start_timestamp": st.started_ms, "end_timestamp": st.ended_ms, "duration_ms": st.duration_ms(),
        "latency": latency, "cost": cost, "updated_at": c.updated_ms,
    });
    if !v.list_item {
        let ready = st.transcript_ready;
        o["transcript"] = if ready {
            turns(Shape::S004, &c.transcript)
        } else {
            Value::Null
        };
        o["recording_url"] = json!(recording_url(c, st));
        o["summary"] = json!(ready.then(|| c.summary.clone()));
        o["detected_gender"] = json!(c.gender.filter(|_| st.started_ms.is_some()));
        o["vars_provided"] = string_map(&c.variables);
        o["vars_extracted"] = if ready {
            string_map(&c.extracted)
        } else {
            json!({})
        };
    }
    o
}

/// Wrap a single object: bare in seeds 000/002, `{data, meta}` otherwise.
pub fn single(d: Shape, obj: Value, meta: Value) -> Value {
    if d.bare_single() {
        obj
    } else {
        json!({ "data": obj, "meta": meta })
    }
}

/// Wrap a page: `{data, meta:{total,limit,offset,..}}` in seeds 000/002, else
/// `{data, pagination:{total,limit,offset,has_more}, meta}`.
pub fn page(
    shape: Shape,
    items: Vec<Value>,
    total: usize,
    limit: usize,
    offset: usize,
    meta: Value,
) -> Value {
    if shape.bare_single() {
        let mut m = json!({ "total": total, "limit": limit, "offset": offset });
        if let (Some(m), Value::Object(extra)) = (m.as_object_mut(), meta) {
            m.extend(extra);
        }
        json!({ "data": items, "meta": m })
    } else {
        let has_more = offset + items.len() < total;
        let pagination =
            json!({ "total": total, "limit": limit, "offset": offset, "has_more": has_more });
        json!({ "data": items, "pagination": pagination, "meta": meta })
    }
}
