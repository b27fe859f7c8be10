//! Call state over time (computed lazily from the creation time), magic numbers, E.164.

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
        "0008" => Fate::InvalidNumber,
        _ => Fate::Complete,
    }
}

/// The state of `call` at `now_ms`, with `tick_ms` per lifecycle step.
///
/// Created calls: queued for one tick, ringing for one tick (WebRTC would skip it; created
/// calls are outbound), in progress for `talk_ticks` (1 for calls created through the API,
/// several for `--live` calls), terminal after that, transcript a tick later.
/// Busy / no-answer / error / invalid-number calls ring until tick 3 and fail without
/// connecting.
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
        Plan::Live { fate, talk_ticks } => {
            live(call, fate, talk_ticks, now_ms, tick_ms.max(1) as i64)
        }
    }
}

/// Whether a call is still queued, ringing or in progress at `now_ms`.
pub fn in_flight(call: &Call, now_ms: i64, tick_ms: u64) -> bool {
    !snapshot(call, now_ms, tick_ms).status.is_terminal()
}

fn live(call: &Call, fate: Fate, talk_ticks: i64, now_ms: i64, t: i64) -> State {
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
    let connects = !matches!(
        fate,
        Fate::Busy | Fate::NoAnswer | Fate::Error | Fate::InvalidNumber
    );
    if connects && age >= ring_ticks * t {
        st.status = Status::InProgress;
        st.started_ms = Some(c + ring_ticks * t);
    } else {
        st.status = Status::Ringing;
    }
    // A call that connects talks `talk_ticks` (1 for calls created through the API); one that
    // does not rings until tick 3.
    let end = if connects { 2 + talk_ticks.max(1) } else { 3 };
    if age < end * t || fate == Fate::Forever {
        return st;
    }
    st.ended_ms = Some(c + end * t);
    let (status, detail) = match fate {
        Fate::Busy => (Status::Failed, Detail::Busy),
        Fate::NoAnswer => (Status::Failed, Detail::NoAnswer),
        Fate::Error => (Status::Failed, Detail::Error),
        Fate::InvalidNumber => (Status::Failed, Detail::InvalidNumber),
        Fate::Voicemail => (Status::Ended, Detail::Voicemail),
        _ => (Status::Ended, Detail::AgentHangup),
    };
    st.status = status;
    st.detail = detail;
    st.transcript_ready = status == Status::Ended
        && fate != Fate::NoTranscript
        && call.transcription_enabled
        && !call.transcript.is_empty()
        && age >= (end + 1) * t;
    st
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
    fn fates() {
        assert_eq!(fate_for("+14155550002"), Fate::Busy);
        assert_eq!(fate_for("+14155550008"), Fate::InvalidNumber);
        assert_eq!(fate_for("+14155550123"), Fate::Complete);
    }
}
