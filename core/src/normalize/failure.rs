//! Why a call failed, in one vocabulary whatever the dialect said, and when its recording
//! link expires.

use super::time::unix_ms_to_iso;
use super::view::Text;
use super::words::word_eq;
use crate::model::CallStatus;

/// The failure reasons the client knows, in their canonical spelling.
const REASONS: &[&str] = &[
    "no_answer",
    "busy",
    "invalid_number",
    "agent_error",
    "voicemail",
    "error",
];

/// The canonical spelling of a known reason (ignoring case and `-` vs `_`).
fn known_reason(word: &str) -> Option<&'static str> {
    let word = word.trim();
    REASONS.iter().copied().find(|known| word_eq(word, known))
}

/// The smallest `expires=` read as an instant (2001-09-09): below it, a lifetime.
const MIN_EXPIRY_SECONDS: i64 = 1_000_000_000;

/// `failureReason`, from the first source that says why:
/// 1. `failure_reason` (seeds 000/002: `no-answer`, `invalid-number`, ...);
/// 2. a status word that is itself a reason (seeds 001/004: `busy`, `no_answer`, `error`,
///    `voicemail`);
/// 3. `error` for a failed call that carries a provider message (seed 001's
///    `context.last_error`).
///
/// A known word comes out in its canonical spelling; any other `failure_reason` as sent.
pub(crate) fn failure_reason<'t, 'a>(
    sent: Option<Text<'t, 'a>>,
    status_word: Option<&Text<'t, 'a>>,
    status: CallStatus,
    has_message: bool,
) -> Option<Text<'t, 'a>> {
    if let Some(sent) = sent {
        return Some(match known_reason(sent.as_str()) {
            Some(word) if word != sent.as_str() => Text::Made(word.to_owned()),
            _ => sent,
        });
    }
    if let Some(word) = status_word.and_then(|w| known_reason(w.as_str())) {
        return Some(Text::Made(word.to_owned()));
    }
    (status == CallStatus::Failed && has_message).then(|| Text::Made("error".to_owned()))
}

/// When a signed URL stops working: its `expires=` query parameter, whole seconds since
/// 1970 (seed 000's recording links), as ISO 8601 UTC. `None` when the URL has no such
/// parameter, when it is not a plain number of seconds, or when it is too small to be a
/// time (before 2001: a lifetime such as `expires=3600`, not an instant).
pub(crate) fn url_expiry(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let seconds = query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.eq_ignore_ascii_case("expires").then_some(value)
    })?;
    if seconds.is_empty() || seconds.len() > 11 {
        return None;
    }
    // At most 11 digits: no overflow, in seconds or in milliseconds.
    let mut total: i64 = 0;
    for digit in seconds.bytes() {
        if !digit.is_ascii_digit() {
            return None;
        }
        total = total * 10 + i64::from(digit - b'0');
    }
    if total < MIN_EXPIRY_SECONDS {
        return None;
    }
    unix_ms_to_iso(total * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(word: &str) -> Option<Text<'static, 'static>> {
        Some(Text::Made(word.to_owned()))
    }

    fn reason(
        sent: Option<&str>,
        status: Option<&str>,
        canonical: CallStatus,
        message: bool,
    ) -> Option<String> {
        let status = status.and_then(made);
        failure_reason(sent.and_then(made), status.as_ref(), canonical, message)
            .map(|t| t.as_str().to_owned())
    }

    #[test]
    fn failure_reason_words_become_one_vocabulary() {
        let failed = CallStatus::Failed;
        assert_eq!(
            reason(Some("no-answer"), Some("failed"), failed, false).as_deref(),
            Some("no_answer")
        );
        assert_eq!(
            reason(Some("Invalid-Number"), None, failed, false).as_deref(),
            Some("invalid_number")
        );
        assert_eq!(
            reason(Some("carrier-blocked"), None, failed, false).as_deref(),
            Some("carrier-blocked")
        );
        assert_eq!(
            reason(None, Some("busy"), failed, false).as_deref(),
            Some("busy")
        );
        assert_eq!(
            reason(None, Some("no_answer"), failed, false).as_deref(),
            Some("no_answer")
        );
        assert_eq!(
            reason(None, Some("voicemail"), CallStatus::Ended, false).as_deref(),
            Some("voicemail")
        );
        assert_eq!(
            reason(None, Some("failed"), failed, true).as_deref(),
            Some("error")
        );
        assert_eq!(reason(None, Some("failed"), failed, false), None);
        assert_eq!(reason(None, Some("ended"), CallStatus::Ended, true), None);
    }

    #[test]
    fn expiry_is_read_from_the_signed_url() {
        let url = "https://recordings.truedy.ai/c.mp3?token=eyJ...&expires=1712620800";
        assert_eq!(url_expiry(url).as_deref(), Some("2024-04-09T00:00:00.000Z"));
        assert_eq!(
            url_expiry("https://r/c.mp3?Expires=1000000000#x").as_deref(),
            Some("2001-09-09T01:46:40.000Z")
        );
        for url in [
            "https://r/c.mp3",
            "https://r/c.mp3?expires=",
            "https://r/c.mp3?expires=-5",
            "https://r/c.mp3?expires=1e9",
            "https://r/c.mp3?x-expires=100",
            "https://r/c.mp3?expires=999999999999999999999",
            // Seed 004 says its links expire "in 1 hour": a lifetime, not an instant.
            "https://r/c.wav?expires=3600",
        ] {
            assert_eq!(url_expiry(url), None, "{url}");
        }
    }
}
