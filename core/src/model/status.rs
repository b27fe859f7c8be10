//! Call status: the canonical words and the mapping from every vocabulary the API uses.

use serde::{Deserialize, Serialize};

/// The canonical status of a call. Words the client does not know become `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    /// Created, waiting to be dialled (`queued`, `initiated`).
    Queued,
    /// Dialling the recipient.
    Ringing,
    /// Connected and talking (`in-progress`, `in_progress`, `ongoing`).
    InProgress,
    /// Finished normally (`ended`, `completed`, hang-ups, inactivity, voicemail).
    Ended,
    /// Could not connect or broke off (`failed`, `busy`, `no_answer`, `error`).
    Failed,
    /// Cancelled before it was dialled (`cancelled`, `canceled`).
    Cancelled,
    /// A word the client does not know. Never terminal.
    Unknown,
}

/// The result of `normalizeStatus`: the canonical status and the word that was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct StatusInfo {
    /// The canonical status.
    pub status: CallStatus,
    /// The word exactly as the server sent it.
    pub detail: String,
    /// True for `ended`, `failed` and `cancelled`: the call will not change again.
    pub is_terminal: bool,
}
