//! Call state over time (computed lazily from the creation time) and the status vocabularies.

use crate::model::{Call, Detail, Direction, Fate, Plan, State, Status};

/// The fate of a created call, from the last four digits of its destination number.
pub fn fate_for(number: &str) -> Fate {
    let tail = number.get(number.len().saturating_sub(4)..).unwrap_or("");
    match tail {
        "0002" => Fate::Busy,
        "0003" => Fate::NoAnswer,
        "0004" => Fate::Forever,
        "0005" => Fate::NoTranscript,
        "0006" => Fate::Voicemail,
        "0007" => Fate::Error,
        _ => Fate::Complete,
    }
}

/// The state of `call` at `now_ms`, with `tick_ms` per lifecycle step.
///
/// Created calls: queued for one tick, ringing for one tick (WebRTC would skip it; created
/// calls are outbound), in progress for one tick, terminal from tick 3, transcript from tick 4.
/// Busy / no-answer / error calls ring until tick 3 and fail without connecting.
pub fn snapshot(call: &Call, now_ms: i64, tick_ms: u64) -> State {
    match call.plan {
        Plan::Fixed {
            status,
            detail,
            started_ms,
            ended_ms,
        } => State {
            status,
            detail,
            started_ms,
            ended_ms,
            transcript_ready: status == Status::Ended
                && call.transcription_enabled
                && !call.transcript.is_empty(),
        },
        Plan::Live(fate) => live(call, fate, now_ms, tick_ms.max(1) as i64),
    }
}

fn live(call: &Call, fate: Fate, now_ms: i64, t: i64) -> State {
    let c = call.created_ms;
    let age = now_ms - c;
    let mut st = State {
        status: Status::Queued,
        detail: Detail::None,
        started_ms: None,
        ended_ms: None,
        transcript_ready: false,
    };
    if age < t {
        return st;
    }
    let ring_ticks = if call.direction == Direction::Webrtc {
        1
    } else {
        2
    };
    let connects = !matches!(fate, Fate::Busy | Fate::NoAnswer | Fate::Error);
    if connects && age >= ring_ticks * t {
        st.status = Status::InProgress;
        st.started_ms = Some(c + ring_ticks * t);
    } else {
        st.status = Status::Ringing;
    }
    if age < 3 * t || fate == Fate::Forever {
        return st;
    }
    st.ended_ms = Some(c + 3 * t);
    let (status, detail) = match fate {
        Fate::Busy => (Status::Failed, Detail::Busy),
        Fate::NoAnswer => (Status::Failed, Detail::NoAnswer),
        Fate::Error => (Status::Failed, Detail::Error),
        Fate::Voicemail => (Status::Ended, Detail::Voicemail),
        _ => (Status::Ended, Detail::AgentHangup),
    };
    st.status = status;
    st.detail = detail;
    st.transcript_ready = status == Status::Ended
        && fate != Fate::NoTranscript
        && call.transcription_enabled
        && !call.transcript.is_empty()
        && age >= 4 * t;
    st
}

/// What a `status=` filter matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    /// A general status word of any dialect: matches on the canonical status.
    Canon(Status),
    /// A word that names one way of ending: matches that exact detail.
    Detail(Status, Detail),
}

impl StatusFilter {
    /// Does a call in state `st` match?
    pub fn matches(self, st: &State) -> bool {
        match self {
            StatusFilter::Canon(s) => st.status == s,
            StatusFilter::Detail(s, d) => st.status == s && st.detail == d,
        }
    }
}

/// Every status word the filter accepts, for error details.
pub const STATUS_WORDS: [&str; 21] = [
    "queued",
    "initiated",
    "ringing",
    "in_progress",
    "in-progress",
    "ongoing",
    "ended",
    "completed",
    "failed",
    "cancelled",
    "canceled",
    "voicemail",
    "user_hangup",
    "agent_hangup",
    "inactivity",
    "error_inactivity",
    "busy",
    "no_answer",
    "no-answer",
    "error",
    "agent-error",
];

/// Parse a status word of any dialect (case, `-` and `_` are insignificant).
pub fn parse_status_filter(word: &str) -> Option<StatusFilter> {
    use StatusFilter::{Canon, Detail as D};
    let w = word.trim().to_ascii_lowercase().replace('-', "_");
    Some(match w.as_str() {
        "queued" | "initiated" => Canon(Status::Queued),
        "ringing" => Canon(Status::Ringing),
        "in_progress" | "inprogress" | "ongoing" => Canon(Status::InProgress),
        "ended" | "completed" => Canon(Status::Ended),
        "failed" => Canon(Status::Failed),
        "cancelled" | "canceled" => Canon(Status::Cancelled),
        "voicemail" => D(Status::Ended, Detail::Voicemail),
        "user_hangup" => D(Status::Ended, Detail::UserHangup),
        "agent_hangup" => D(Status::Ended, Detail::AgentHangup),
        "inactivity" | "error_inactivity" => D(Status::Ended, Detail::Inactivity),
        "busy" => D(Status::Failed, Detail::Busy),
        "no_answer" => D(Status::Failed, Detail::NoAnswer),
        "error" | "agent_error" => D(Status::Failed, Detail::Error),
        _ => return None,
    })
}

/// Parse a direction word of any dialect.
pub fn parse_direction(word: &str) -> Option<Direction> {
    match word.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "outbound" | "outgoing" => Some(Direction::Outbound),
        "inbound" | "incoming" => Some(Direction::Inbound),
        "webrtc" | "web_call" | "web" => Some(Direction::Webrtc),
        _ => None,
    }
}

/// `^\+[1-9]\d{6,14}$`
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    let b = digits.as_bytes();
    (7..=15).contains(&b.len()) && b[0] != b'0' && b.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164() {
        assert!(is_e164("+14155550123"));
        assert!(is_e164("+1234567"));
        assert!(!is_e164("+0123456789"));
        assert!(!is_e164("14155550123"));
        assert!(!is_e164("+1415555012a"));
        assert!(!is_e164("+123456"));
        assert!(!is_e164("+1234567890123456"));
    }

    #[test]
    fn words() {
        let ended = Some(StatusFilter::Canon(Status::Ended));
        assert_eq!(parse_status_filter("completed"), ended);
        assert_eq!(parse_status_filter("ENDED"), ended);
        assert_eq!(
            parse_status_filter("in-progress"),
            parse_status_filter("ongoing")
        );
        assert_eq!(parse_status_filter("sideways"), None);
        assert_eq!(fate_for("+14155550002"), Fate::Busy);
        assert_eq!(fate_for("+14155550123"), Fate::Complete);
    }
}
