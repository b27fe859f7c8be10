//! Transcript turns and the transcript endpoint's payload.

use serde::{Deserialize, Serialize};

/// One turn of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct TranscriptTurn {
    /// `agent` or `contact` after normalization; any other speaker word is kept as sent.
    #[cfg_attr(
        feature = "ts",
        tsify(type = "\"agent\" | \"contact\" | (string & {})")
    )]
    pub speaker: String,
    /// What was said.
    pub text: String,
    /// Seconds from the start of the call when the turn began, or `null` when not given.
    pub timestamp: Option<f64>,
}

/// A call's transcript as returned by `getTranscript`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct Transcript {
    /// The turns, in order.
    pub turns: Vec<TranscriptTurn>,
    /// The AI-generated summary, when the API sends one.
    pub summary: Option<String>,
}
