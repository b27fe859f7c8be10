//! The canonical call record the simulator keeps; dialects render it on the way out.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Canonical status (the client's vocabulary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Queued,
    Ringing,
    InProgress,
    Ended,
    Failed,
    Cancelled,
}

impl Status {
    /// Queued, ringing and in-progress calls are active: they cannot be deleted.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Queued | Status::Ringing | Status::InProgress)
    }

    /// Ended, failed and cancelled never change again.
    pub fn is_terminal(self) -> bool {
        !self.is_active()
    }
}

/// Why a terminal call is terminal; `None` while active. Each dialect maps it onto the words
/// its page has (see `vocab::status_word`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    None,
    /// Ended: the agent hung up.
    AgentHangup,
    /// Ended: the contact hung up.
    UserHangup,
    /// Ended: timeout due to inactivity (seed 004 `inactivity`).
    Inactivity,
    /// Ended: error during inactivity handling (seed 004 `error_inactivity`).
    ErrorInactivity,
    /// Ended: the call went to voicemail.
    Voicemail,
    /// Failed: the line was busy.
    Busy,
    /// Failed: nobody answered.
    NoAnswer,
    /// Failed: a provider or agent error.
    Error,
    /// Failed: the destination is not a valid number (seed 000 `invalid-number`).
    InvalidNumber,
    /// Cancelled before it was dialled.
    Cancelled,
}

/// Who placed the call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Outbound,
    Inbound,
    Webrtc,
}

/// A transcript speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaker {
    Agent,
    Contact,
}

/// One transcript turn; `at_ms` is measured from the moment the call connected.
#[derive(Clone, Debug, PartialEq)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
    pub at_ms: u32,
}

/// What a call created through the API will do, chosen by the destination number's suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Ends normally; transcript one tick after the end.
    Complete,
    /// `...0002`: failed / busy.
    Busy,
    /// `...0003`: failed / no_answer (rings, never connects).
    NoAnswer,
    /// `...0004`: stays in progress forever.
    Forever,
    /// `...0005`: ends, but the transcript never becomes ready.
    NoTranscript,
    /// `...0006`: ends in voicemail.
    Voicemail,
    /// `...0007`: failed / error (provider error).
    Error,
    /// `...0008`: failed / invalid number (like `Error`: rings, never connects).
    InvalidNumber,
}

/// How a call's state is obtained: frozen (seeded data) or computed from its age (created calls).
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    Fixed {
        status: Status,
        detail: Detail,
        started_ms: Option<i64>,
        ended_ms: Option<i64>,
    },
    /// Computed from the call's age: its fate, and how many ticks it talks once connected.
    Live { fate: Fate, talk_ticks: i64 },
}

/// Per-turn latency averages (seed 004), in milliseconds, in the order of [`LATENCY_KEYS`].
pub type Latency = [u32; 7];

/// Field names of seed 004's latency breakdown.
pub const LATENCY_KEYS: [&str; 7] = [
    "vad_delay_ms",
    "stt_finalize_ms",
    "llm_startup_ms",
    "llm_first_sentence_ms",
    "tts_synthesis_ms",
    "send_overhead_ms",
    "total_perceived_ms",
];

/// The canonical call record.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub id: String,
    pub agent_id: String,
    pub account_id: String,
    pub direction: Direction,
    /// The other party's number (destination of outbound, caller of inbound); none for WebRTC.
    pub contact_number: Option<String>,
    /// The Truedy line used (caller ID of outbound, number dialled by inbound); none for WebRTC.
    pub line_number: Option<String>,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub plan: Plan,
    /// Billing rate, USD cents per started minute of talk.
    pub rate_cents_per_min: u32,
    pub outcome: Option<&'static str>,
    pub summary: String,
    pub short_summary: String,
    pub sentiment: &'static str,
    pub variables: BTreeMap<String, String>,
    pub extracted: BTreeMap<String, String>,
    pub context: Map<String, Value>,
    /// Other `call_settings` given at creation (`greeting`, `max_duration`, `join_timeout`).
    pub settings: Map<String, Value>,
    pub recording_enabled: bool,
    pub transcription_enabled: bool,
    pub transcript: Vec<Turn>,
    pub latency: Latency,
    pub gender: Option<&'static str>,
}

/// A call's state at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    pub detail: Detail,
    pub started_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub transcript_ready: bool,
}

impl State {
    /// Milliseconds of talk; `None` until the call ends or if it never connected.
    pub fn duration_ms(&self) -> Option<i64> {
        match (self.status, self.started_ms, self.ended_ms) {
            (Status::Ended, Some(s), Some(e)) => Some((e - s).max(0)),
            _ => None,
        }
    }

    /// Talk time in seconds, rounded up.
    pub fn duration_s(&self) -> Option<i64> {
        self.duration_ms().map(|ms| (ms + 999) / 1000)
    }

    /// A recording exists once the call ended with recording on.
    pub fn has_recording(&self, call: &Call) -> bool {
        self.status == Status::Ended && call.recording_enabled
    }

    /// Cost in USD cents: billed per started minute once ended, 0 for calls that never
    /// connected, `None` while active.
    pub fn cost_cents(&self, call: &Call) -> Option<i64> {
        match self.status {
            Status::Ended => {
                let secs = self.duration_s().unwrap_or(0);
                let rate = i64::from(call.rate_cents_per_min);
                Some((secs * rate + 59) / 60).map(|c| c.max(1))
            }
            Status::Failed | Status::Cancelled => Some(0),
            _ => None,
        }
    }
}
