//! The dialects (seeds 000..004 and `mixed`): choosing one, envelopes, transcript turns and
//! recording URLs. The call objects themselves are in `render`.

use crate::model::{Call, Speaker, State, Turn};
use crate::text::hash;
use crate::time::{DAY_MS, HOUR_MS};
use serde_json::{json, Value};

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

/// The five single-page dialects.
pub const CONCRETE: [Shape; 5] = [
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

/// Rendering context: the call's state at the time of the read, and whether the object is a
/// list item (seed 004 lists omit some fields).
pub struct View {
    pub state: State,
    pub list_item: bool,
    /// When the request is answered, unix ms (seed 004's recording URL expires an hour later).
    pub now_ms: i64,
}

/// The recording URL as dialect `d` writes it, if the call has a recording.
///
/// - 000 and 002: signed, `expires` 24 h after the call ends (seed 002 L267 and L430; seed
///   000 only says "time-limited" (L103) and links to 002's guide).
/// - 004: signed, `expires` 1 hour after this response ("Expires in 1 hour", seed 004 L44).
/// - 001 and 003 document no expiry: a plain URL, as in seed 003's example (L128).
pub fn recording_url(d: Shape, c: &Call, st: &State, now_ms: i64) -> Option<String> {
    if !st.has_recording(c) {
        return None;
    }
    let url = format!("https://recordings.truedy.ai/{}.mp3", c.id);
    let signed = |expires_ms: i64| {
        format!(
            "{url}?token={:016x}&expires={}",
            hash(&c.id),
            expires_ms / 1000
        )
    };
    Some(match d {
        Shape::S000 | Shape::S002 => signed(st.ended_ms.unwrap_or(c.created_ms) + DAY_MS),
        Shape::S004 => signed(now_ms + HOUR_MS),
        Shape::S001 | Shape::S003 | Shape::Mixed => url,
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
