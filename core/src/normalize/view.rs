//! The normalizer's results before they become owned model types: every string is either
//! one the caller sent (a node of the input, so a result can point at it instead of
//! copying it) or one the core made. [`crate::ops`] writes them for the host;
//! [`CallView::to_call`] makes the owned [`Call`] native callers get.

use serde_json::{Map, Value};

use crate::model::{Call, CallDirection, CallPage, CallStatus, LatencyBreakdown, TranscriptTurn};
use crate::normalize::is_terminal_status;
use crate::tree::{Field, Node};

/// A string of a result.
#[derive(Debug, Clone)]
pub enum Text<'t, 'a> {
    /// A string member of the call object (or of the turn) itself, exactly as sent: the
    /// host is told its key, not its text. A string nested deeper is `Made`.
    Sent(Node<'t, 'a>),
    /// A string the core made (a canonical word, a time in UTC, a number as text).
    Made(String),
}

impl Text<'_, '_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Sent(node) => node.as_str().unwrap_or(""),
            Text::Made(text) => text,
        }
    }
}

/// A call's `context`: its own object, with `metadata`'s keys added where it has none.
#[derive(Debug, Clone, Copy)]
pub struct Context<'t, 'a> {
    /// The `context` object.
    pub context: Option<Node<'t, 'a>>,
    /// The `metadata` object.
    pub metadata: Option<Node<'t, 'a>>,
}

/// One turn of a transcript.
#[derive(Debug, Clone)]
pub struct TurnView<'t, 'a> {
    /// The turn object as sent, and its index among the array's items (`None` for a turn
    /// parsed out of plain text).
    pub sent: Option<(Node<'t, 'a>, u32)>,
    /// `agent`, `contact`, or the word as sent.
    pub speaker: Text<'t, 'a>,
    /// What was said.
    pub text: Text<'t, 'a>,
    /// Seconds from the start of the call.
    pub timestamp: Option<f64>,
}

/// A transcript: its turns, and the array they came from (`None` for plain text).
#[derive(Debug, Clone)]
pub struct TurnsView<'t, 'a> {
    /// The array of turn objects as sent (its key tells where it is in the call).
    pub array: Option<Node<'t, 'a>>,
    /// The turns, in order.
    pub turns: Vec<TurnView<'t, 'a>>,
}

/// A normalized call; see `normalizeCall` for the rules.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct CallView<'t, 'a> {
    /// The call object as sent.
    pub raw: Node<'t, 'a>,
    /// Whether it came inside a `{data, meta}` envelope (`raw` is then the `data`).
    pub enveloped: bool,
    pub id: Text<'t, 'a>,
    pub status: CallStatus,
    pub status_detail: Option<Text<'t, 'a>>,
    pub direction: Option<CallDirection>,
    pub call_type: Option<Text<'t, 'a>>,
    pub agent_id: Option<Text<'t, 'a>>,
    pub phone_number: Option<Text<'t, 'a>>,
    pub from_number: Option<Text<'t, 'a>>,
    pub to_number: Option<Text<'t, 'a>>,
    pub created_at: Option<Text<'t, 'a>>,
    pub started_at: Option<Text<'t, 'a>>,
    pub ended_at: Option<Text<'t, 'a>>,
    pub updated_at: Option<Text<'t, 'a>>,
    pub duration_seconds: Option<f64>,
    pub cost_usd: Option<f64>,
    pub cost_credits: Option<f64>,
    pub outcome: Option<Text<'t, 'a>>,
    pub summary: Option<Text<'t, 'a>>,
    pub short_summary: Option<Text<'t, 'a>>,
    pub sentiment: Option<Text<'t, 'a>>,
    pub failure_reason: Option<Text<'t, 'a>>,
    pub failure_message: Option<Text<'t, 'a>>,
    pub recording_url: Option<Text<'t, 'a>>,
    pub recording_expires_at: Option<Text<'t, 'a>>,
    pub transcript_url: Option<Text<'t, 'a>>,
    pub transcript: Option<TurnsView<'t, 'a>>,
    pub variables: Option<Node<'t, 'a>>,
    pub extracted_variables: Option<Node<'t, 'a>>,
    pub context: Option<Context<'t, 'a>>,
    pub latency: Option<LatencyBreakdown>,
}

/// A normalized page; see `normalizePage`.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct PageView<'t, 'a> {
    pub data: Vec<CallView<'t, 'a>>,
    pub total: Option<u32>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    pub has_more: bool,
    pub request_id: Option<String>,
}

fn owned(text: &Option<Text<'_, '_>>) -> Option<String> {
    text.as_ref().map(|t| t.as_str().to_owned())
}

/// An object node as an owned map (an object packed without its members is empty).
fn map(node: Option<Node<'_, '_>>) -> Option<Map<String, Value>> {
    match node?.to_value() {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

impl CallView<'_, '_> {
    /// Whether the call will not change again.
    pub fn is_terminal(&self) -> bool {
        is_terminal_status(self.status)
    }

    /// Whether a terminal call's transcript is as complete as it will get:
    /// - it has at least one turn; or
    /// - the call cannot have one: it failed or was cancelled without ever connecting (no
    ///   `startedAt`), or transcription was turned off for it
    ///   (`call_settings.transcription_enabled: false` in the object as received).
    ///
    /// An `ended` call without turns is never settled: its transcript comes a little after
    /// the end (seed 002: "the `transcript` field may be `null` for a few seconds").
    pub fn transcript_settled(&self) -> bool {
        if self
            .transcript
            .as_ref()
            .is_some_and(|t| !t.turns.is_empty())
        {
            return true;
        }
        let never_connected = self.status != CallStatus::Ended && self.started_at.is_none();
        let transcription_off = crate::tree::Fields::of(self.raw)
            .get(Field::CallSettings)
            .and_then(|settings| settings.get("transcription_enabled"))
            .and_then(|enabled| enabled.as_bool())
            == Some(false);
        never_connected || transcription_off
    }

    /// Whether the call object has a transcript field at all (`transcript` or
    /// `transcript_object`, even `null`): seed 001's has none, its transcript has its own
    /// endpoint.
    pub fn has_transcript_field(&self) -> bool {
        let fields = crate::tree::Fields::of(self.raw);
        fields.get(Field::Transcript).is_some() || fields.get(Field::TranscriptObject).is_some()
    }

    /// The owned canonical call, `raw` included.
    pub fn to_call(&self) -> Call {
        Call {
            id: self.id.as_str().to_owned(),
            status: self.status,
            status_detail: owned(&self.status_detail),
            is_terminal: self.is_terminal(),
            direction: self.direction,
            call_type: owned(&self.call_type),
            agent_id: owned(&self.agent_id),
            phone_number: owned(&self.phone_number),
            from_number: owned(&self.from_number),
            to_number: owned(&self.to_number),
            created_at: owned(&self.created_at),
            started_at: owned(&self.started_at),
            ended_at: owned(&self.ended_at),
            updated_at: owned(&self.updated_at),
            duration_seconds: self.duration_seconds,
            cost_usd: self.cost_usd,
            cost_credits: self.cost_credits,
            outcome: owned(&self.outcome),
            summary: owned(&self.summary),
            short_summary: owned(&self.short_summary),
            sentiment: owned(&self.sentiment),
            failure_reason: owned(&self.failure_reason),
            failure_message: owned(&self.failure_message),
            recording_url: owned(&self.recording_url),
            recording_expires_at: owned(&self.recording_expires_at),
            transcript_url: owned(&self.transcript_url),
            transcript: self.transcript.as_ref().map(TurnsView::to_turns),
            variables: map(self.variables),
            extracted_variables: map(self.extracted_variables),
            context: self.context.and_then(|c| {
                let mut merged = map(c.context).unwrap_or_default();
                for (key, value) in map(c.metadata).unwrap_or_default() {
                    merged.entry(key).or_insert(value);
                }
                (c.context.is_some() || c.metadata.is_some()).then_some(merged)
            }),
            latency: self.latency.clone(),
            raw: self.raw.to_value(),
        }
    }
}

impl TurnsView<'_, '_> {
    /// The owned turns.
    pub fn to_turns(&self) -> Vec<TranscriptTurn> {
        self.turns
            .iter()
            .map(|turn| TranscriptTurn {
                speaker: turn.speaker.as_str().to_owned(),
                text: turn.text.as_str().to_owned(),
                timestamp: turn.timestamp,
            })
            .collect()
    }
}

impl PageView<'_, '_> {
    /// The owned page.
    pub fn to_page(&self) -> CallPage {
        CallPage {
            data: self.data.iter().map(CallView::to_call).collect(),
            total: self.total,
            limit: self.limit,
            offset: self.offset,
            has_more: self.has_more,
            request_id: self.request_id.clone(),
        }
    }
}
