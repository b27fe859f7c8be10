//! The canonical call object.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{CallStatus, TranscriptTurn};

/// Which way a call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CallDirection {
    /// Placed by the agent (`outbound`, `outgoing`).
    Outbound,
    /// Placed to the agent (`inbound`, `incoming`).
    Inbound,
    /// A browser widget call (`webrtc`, or `type: web_call` whatever `direction` says).
    Webrtc,
    /// A word the client does not know.
    Unknown,
}

/// Seed 004's per-call latency breakdown, in milliseconds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct LatencyBreakdown {
    /// Silence threshold wait time.
    pub vad_delay_ms: Option<f64>,
    /// Speech-to-text finalization.
    pub stt_finalize_ms: Option<f64>,
    /// Time to the LLM's first token.
    pub llm_startup_ms: Option<f64>,
    /// Time to the first sentence.
    pub llm_first_sentence_ms: Option<f64>,
    /// Audio synthesis time.
    pub tts_synthesis_ms: Option<f64>,
    /// Network send time.
    pub send_overhead_ms: Option<f64>,
    /// End-to-end latency as perceived by the contact.
    pub total_perceived_ms: Option<f64>,
}

/// A call in the canonical model: one shape whatever wording the server used.
/// Every field the server did not send (or sent with the wrong type) is `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct Call {
    /// The call's id.
    pub id: String,
    /// The canonical status.
    pub status: CallStatus,
    /// The status word exactly as sent (`user_hangup`, `no_answer`, ...).
    pub status_detail: Option<String>,
    /// True when the status is `ended`, `failed` or `cancelled`.
    pub is_terminal: bool,
    /// Which way the call went.
    pub direction: Option<CallDirection>,
    /// Seed 004's `type` (`phone_call`, `web_call`), as sent.
    pub call_type: Option<String>,
    /// The agent that handled the call.
    pub agent_id: Option<String>,
    /// The contact's number: the one dialled (outbound) or calling in (inbound).
    pub phone_number: Option<String>,
    /// The originating number.
    pub from_number: Option<String>,
    /// The destination number.
    pub to_number: Option<String>,
    /// When the call was created (ISO 8601, UTC).
    pub created_at: Option<String>,
    /// When the call connected (ISO 8601, UTC).
    pub started_at: Option<String>,
    /// When the call ended (ISO 8601, UTC).
    pub ended_at: Option<String>,
    /// When the record last changed (ISO 8601, UTC).
    pub updated_at: Option<String>,
    /// Length of the call in seconds.
    pub duration_seconds: Option<f64>,
    /// Cost in US dollars.
    pub cost_usd: Option<f64>,
    /// Cost in Truedy credits, when billed in credits.
    pub cost_credits: Option<f64>,
    /// Post-call analysis label (`interested`, `voicemail`, ...).
    pub outcome: Option<String>,
    /// AI-generated summary.
    pub summary: Option<String>,
    /// Short summary.
    pub short_summary: Option<String>,
    /// AI-classified sentiment.
    pub sentiment: Option<String>,
    /// Why the call failed or did not reach the contact, one word whatever the dialect:
    /// `no_answer`, `busy`, `invalid_number`, `agent_error`, `voicemail`, `error`, or the
    /// word as sent when it is none of these.
    pub failure_reason: Option<String>,
    /// The provider's error message (seed 001's `context.last_error`), as sent.
    pub failure_message: Option<String>,
    /// Signed recording URL (time-limited).
    pub recording_url: Option<String>,
    /// When the signed recording URL stops working (ISO 8601, UTC), read from its
    /// `expires=` parameter; `null` when the URL does not say.
    pub recording_expires_at: Option<String>,
    /// Where the transcript can be fetched.
    pub transcript_url: Option<String>,
    /// The conversation, when the server included it.
    pub transcript: Option<Vec<TranscriptTurn>>,
    /// Template variables passed at creation (`variables`, `vars_provided`).
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown> | null"))]
    pub variables: Option<Map<String, Value>>,
    /// Variables the agent extracted during the call (`vars_extracted`).
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown> | null"))]
    pub extracted_variables: Option<Map<String, Value>>,
    /// Metadata stored on the call (`context`, with `metadata` merged in).
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown> | null"))]
    pub context: Option<Map<String, Value>>,
    /// Seed 004's latency breakdown.
    pub latency: Option<LatencyBreakdown>,
    /// The object exactly as received. JavaScript gets the very object it passed (or the one
    /// `JSON.parse` made of the response); the JSON text that crosses the boundary leaves it
    /// out (see [`Call::take_raw`]).
    #[cfg_attr(feature = "ts", tsify(type = "unknown"))]
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub raw: Value,
}

impl Call {
    /// Takes `raw` out (leaving `null`), so that the call is written without it.
    pub fn take_raw(&mut self) -> Value {
        std::mem::take(&mut self.raw)
    }
}
