//! Server-owned words: status, direction and speaker. Never an error, never an allocation
//! beyond the word that is kept.

use crate::model::{CallDirection, CallStatus, StatusInfo};

/// Every status word of every documented vocabulary (seeds 000-004), in the folded spelling
/// (`_` for `-`). Matching ignores ASCII case and treats `-`, `_` and a space alike.
const STATUS_WORDS: &[(&str, CallStatus)] = &[
    ("queued", CallStatus::Queued),
    ("initiated", CallStatus::Queued),
    ("ringing", CallStatus::Ringing),
    ("in_progress", CallStatus::InProgress),
    ("ongoing", CallStatus::InProgress),
    ("ended", CallStatus::Ended),
    ("completed", CallStatus::Ended),
    ("user_hangup", CallStatus::Ended),
    ("agent_hangup", CallStatus::Ended),
    ("inactivity", CallStatus::Ended),
    ("error_inactivity", CallStatus::Ended),
    ("voicemail", CallStatus::Ended),
    ("failed", CallStatus::Failed),
    ("busy", CallStatus::Failed),
    ("no_answer", CallStatus::Failed),
    ("error", CallStatus::Failed),
    ("cancelled", CallStatus::Cancelled),
    ("canceled", CallStatus::Cancelled),
];

const DIRECTION_WORDS: &[(&str, CallDirection)] = &[
    ("outbound", CallDirection::Outbound),
    ("outgoing", CallDirection::Outbound),
    ("inbound", CallDirection::Inbound),
    ("incoming", CallDirection::Inbound),
    ("webrtc", CallDirection::Webrtc),
    ("web_call", CallDirection::Webrtc),
    ("web", CallDirection::Webrtc),
];

const AGENT_WORDS: &[&str] = &["agent", "assistant", "bot", "ai"];
const CONTACT_WORDS: &[&str] = &["contact", "user", "customer", "caller", "human"];

#[inline]
fn fold(b: u8) -> u8 {
    match b {
        b'-' | b' ' => b'_',
        _ => b.to_ascii_lowercase(),
    }
}

/// True when `input` spells `known` up to ASCII case and `-`/`_`/space.
#[inline]
pub(crate) fn word_eq(input: &str, known: &str) -> bool {
    let (a, b) = (input.as_bytes(), known.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| fold(x) == fold(y))
}

fn lookup<T: Copy>(table: &[(&str, T)], raw: &str) -> Option<T> {
    let word = raw.trim();
    table
        .iter()
        .find(|(known, _)| word_eq(word, known))
        .map(|&(_, v)| v)
}

/// The canonical status for a status word (`unknown` for words the client does not know).
pub fn status_of(raw: &str) -> CallStatus {
    lookup(STATUS_WORDS, raw).unwrap_or(CallStatus::Unknown)
}

/// True for `ended`, `failed` and `cancelled`: a call in one of these will not change again.
/// `unknown` is never terminal.
pub fn is_terminal_status(status: CallStatus) -> bool {
    matches!(
        status,
        CallStatus::Ended | CallStatus::Failed | CallStatus::Cancelled
    )
}

/// Maps any status word of any documented vocabulary to the canonical status.
///
/// Case, surrounding whitespace and `-` vs `_` do not matter (`In-Progress`, `in_progress`
/// and `IN PROGRESS` are the same word). `detail` is the word exactly as given. Words the
/// client does not know map to `unknown`, which is not terminal; this never throws.
///
/// ```ts
/// normalizeStatus("user_hangup"); // { status: "ended", detail: "user_hangup", isTerminal: true }
/// normalizeStatus("no-answer");   // { status: "failed", detail: "no-answer", isTerminal: true }
/// normalizeStatus("paused");      // { status: "unknown", detail: "paused", isTerminal: false }
/// ```
pub fn normalize_status(raw: &str) -> StatusInfo {
    let status = status_of(raw);
    StatusInfo {
        status,
        detail: raw.to_owned(),
        is_terminal: is_terminal_status(status),
    }
}

/// Maps a direction word: `outbound`/`outgoing` -> `outbound`, `inbound`/`incoming` ->
/// `inbound`, `webrtc`/`web_call`/`web` -> `webrtc`, anything else -> `unknown`.
/// Case, surrounding whitespace and `-` vs `_` do not matter.
pub fn normalize_direction(raw: &str) -> CallDirection {
    lookup(DIRECTION_WORDS, raw).unwrap_or(CallDirection::Unknown)
}

/// What a transcript speaker word means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeakerWord {
    Agent,
    Contact,
    Other,
}

/// agent/assistant/bot/ai -> agent, contact/user/customer/caller/human -> contact (ignoring
/// case and surrounding whitespace), anything else -> other.
pub(crate) fn speaker_word(raw: &str) -> SpeakerWord {
    let word = raw.trim();
    if AGENT_WORDS.iter().any(|k| word.eq_ignore_ascii_case(k)) {
        SpeakerWord::Agent
    } else if CONTACT_WORDS.iter().any(|k| word.eq_ignore_ascii_case(k)) {
        SpeakerWord::Contact
    } else {
        SpeakerWord::Other
    }
}

/// Maps a transcript speaker word: agent/assistant/bot/ai -> `"agent"`,
/// contact/user/customer/caller/human -> `"contact"` (ignoring case and surrounding
/// whitespace); any other word is returned as sent.
pub fn normalize_speaker(raw: &str) -> String {
    match speaker_word(raw) {
        SpeakerWord::Agent => "agent".to_owned(),
        SpeakerWord::Contact => "contact".to_owned(),
        SpeakerWord::Other => raw.to_owned(),
    }
}
