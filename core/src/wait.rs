//! The policy of `waitForCall`: its options, the wait between polls, which observations
//! `onUpdate` sees, when to stop, and the deadline. Plain Rust and tested natively; the
//! facade (`src/wasm/wait.rs`) only sends the requests, sleeps and calls back.
//!
//! - **Backoff.** The first poll goes out at once. The wait before the next one starts at
//!   `intervalMs` and grows ×1.5 per poll up to `maxIntervalMs`. It goes back to `intervalMs`
//!   after every observed change: a call that just moved is likely to move again soon
//!   (queued → ringing → in progress come seconds apart; the transcript follows the end).
//! - **Rate limits.** When the server asked for a wait (`Retry-After`, `retry-after-ms`) on
//!   any attempt of a poll, the next wait is at least that long (at most 60 s).
//! - **Changes.** An observation is a change when its canonical `status` or its
//!   `statusDetail` (the word as sent) differs from the previous one; the first observation
//!   always is.
//! - **Done.** When the call is terminal (`isTerminal`: ended, failed, cancelled; `unknown`
//!   never is), and, with `waitForTranscript`, when its transcript is settled (see
//!   `CallView::transcript_settled`). A call object without any transcript field (seed
//!   001) never settles by itself: its turns come from `GET /calls/{id}/transcript`.
//! - **Deadline.** `timeoutMs` from the start, whatever happens in between.

use crate::error::{Error, Result};
use crate::model::CallStatus;
use crate::normalize::view::{CallView, Text};
use crate::read::{FromJson, Members};
use crate::tree::Node;

/// Default first wait between polls, in milliseconds.
pub const DEFAULT_INTERVAL_MS: f64 = 1_000.0;
/// Default longest wait between polls, in milliseconds.
pub const DEFAULT_MAX_INTERVAL_MS: f64 = 10_000.0;
/// Default overall deadline: 30 minutes, longer than a long call plus its transcript.
pub const DEFAULT_TIMEOUT_MS: f64 = 1_800_000.0;
/// Growth of the wait per poll.
pub const BACKOFF_FACTOR: f64 = 1.5;
/// The longest delay a JavaScript timer can take (2^31 - 1 ms, about 24.8 days).
pub const MAX_DELAY_MS: f64 = 2_147_483_647.0;
/// The longest server-requested wait that is honoured, as for the transport's retries.
pub const MAX_SERVER_HINT_MS: f64 = 60_000.0;

/// The timing options of `waitForCall`. Bad values reject with a `TruedyError` of kind
/// `invalid_argument`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct WaitOptions {
    /// First wait between polls in ms (default 1000, or `maxIntervalMs` if that is smaller).
    /// The wait grows ×1.5 per poll and goes back to this after every status change.
    pub interval_ms: Option<f64>,
    /// Longest wait between polls in ms (default 10000, or `intervalMs` if that is larger).
    /// A server's `Retry-After` on a 429 may ask for a longer one, up to 60 s.
    pub max_interval_ms: Option<f64>,
    /// Overall deadline in ms (default 1800000, 30 minutes; at most 2147483647). When it
    /// passes, the wait rejects with kind `timeout`, cutting off a poll in flight.
    pub timeout_ms: Option<f64>,
    /// After the terminal status, keep polling (same backoff and deadline) until the call's
    /// `transcript` has turns, then resolve with it. When the API's call object carries no
    /// transcript field, `GET /calls/{id}/transcript` is polled instead (404 until ready)
    /// and its turns become the call's `transcript`. Resolves at once for a call that cannot
    /// have one: failed or cancelled without connecting, or with transcription turned off.
    pub wait_for_transcript: Option<bool>,
}

impl FromJson for WaitOptions {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(WaitOptions {
            interval_ms: m.get("intervalMs")?,
            max_interval_ms: m.get("maxIntervalMs")?,
            timeout_ms: m.get("timeoutMs")?,
            wait_for_transcript: m.get("waitForTranscript")?,
        })
    }
}

/// Checked options with defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WaitPolicy {
    /// First wait between polls, and the wait after every change.
    pub interval_ms: f64,
    /// Longest wait between polls (a server's `Retry-After` may ask for more).
    pub max_interval_ms: f64,
    /// Overall deadline in whole milliseconds.
    pub timeout_ms: u32,
    /// Keep waiting after the terminal status until the transcript is settled.
    pub wait_for_transcript: bool,
}

impl WaitOptions {
    /// Checks the options: every number positive, finite and at most 2^31 - 1 ms (a
    /// timer's limit), and `intervalMs <= maxIntervalMs` when both are given. When only one
    /// of the two is given, the other's default adapts (`intervalMs: 20000` alone gives
    /// `maxIntervalMs: 20000`; `maxIntervalMs: 200` alone gives `intervalMs: 200`).
    pub fn into_policy(self) -> Result<WaitPolicy> {
        let interval = checked_ms(self.interval_ms, "intervalMs")?;
        let max_interval = checked_ms(self.max_interval_ms, "maxIntervalMs")?;
        let timeout = checked_ms(self.timeout_ms, "timeoutMs")?.unwrap_or(DEFAULT_TIMEOUT_MS);
        let (interval_ms, max_interval_ms) = match (interval, max_interval) {
            (Some(i), Some(m)) if i > m => {
                return Err(Error::InvalidArgument(
                    "options.intervalMs must not be greater than options.maxIntervalMs".into(),
                ))
            }
            (Some(i), Some(m)) => (i, m),
            (Some(i), None) => (i, i.max(DEFAULT_MAX_INTERVAL_MS)),
            (None, Some(m)) => (m.min(DEFAULT_INTERVAL_MS), m),
            (None, None) => (DEFAULT_INTERVAL_MS, DEFAULT_MAX_INTERVAL_MS),
        };
        Ok(WaitPolicy {
            interval_ms,
            max_interval_ms,
            // In range and positive: the cast cannot truncate.
            timeout_ms: timeout.ceil() as u32,
            wait_for_transcript: self.wait_for_transcript.unwrap_or(false),
        })
    }
}

fn checked_ms(value: Option<f64>, name: &str) -> Result<Option<f64>> {
    match value {
        None => Ok(None),
        Some(ms) if ms.is_finite() && ms > 0.0 && ms <= MAX_DELAY_MS => Ok(Some(ms)),
        Some(_) => Err(Error::invalid(
            [
                "options.",
                name,
                " must be a positive, finite number of milliseconds, at most 2147483647",
            ]
            .concat(),
        )),
    }
}

/// What one observation of the call means for the wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observed {
    /// The first observation, or a new status or status word: `onUpdate` fires.
    pub changed: bool,
    /// The wait is over: resolve with this call.
    pub done: bool,
    /// The call is terminal and its transcript is still to come, but the call object has no
    /// transcript field at all (seed 001): poll `GET /calls/{id}/transcript` instead (404
    /// until ready), with the same backoff and deadline, and resolve with this call and
    /// those turns.
    pub transcript_elsewhere: bool,
}

/// The state of one `waitForCall`: the last status seen and the next wait.
#[derive(Debug, Clone, PartialEq)]
pub struct Poller {
    policy: WaitPolicy,
    next_ms: f64,
    last: Option<(CallStatus, Option<String>)>,
}

impl Poller {
    /// A poller that has seen nothing yet.
    pub fn new(policy: WaitPolicy) -> Self {
        Poller {
            policy,
            next_ms: policy.interval_ms,
            last: None,
        }
    }

    /// Records one observation of the call.
    pub fn observe(&mut self, call: &CallView<'_, '_>) -> Observed {
        let detail = call.status_detail.as_ref().map(Text::as_str);
        let changed = match &self.last {
            Some((status, last)) => *status != call.status || last.as_deref() != detail,
            None => true,
        };
        if changed {
            self.last = Some((call.status, detail.map(str::to_owned)));
            self.next_ms = self.policy.interval_ms;
        }
        let terminal = call.is_terminal();
        let awaiting = self.policy.wait_for_transcript && !call.transcript_settled();
        Observed {
            changed,
            done: terminal && !awaiting,
            transcript_elsewhere: terminal && awaiting && !call.has_transcript_field(),
        }
    }

    /// The wait before the next poll, in milliseconds; grows the one after. `server_hint_ms`
    /// is the longest wait the server asked for during the last poll (0 to 60 s honoured).
    pub fn next_delay_ms(&mut self, server_hint_ms: Option<f64>) -> f64 {
        let hint = server_hint_ms
            .filter(|h| h.is_finite() && *h >= 0.0)
            .map_or(0.0, |h| h.min(MAX_SERVER_HINT_MS));
        let delay = self.next_ms.max(hint);
        self.next_ms = (self.next_ms * BACKOFF_FACTOR).min(self.policy.max_interval_ms);
        delay
    }
}

/// The instant, in milliseconds on the caller's clock, after which no poll is sent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deadline {
    at_ms: f64,
}

impl Deadline {
    /// `timeout_ms` from `now_ms`.
    pub fn new(now_ms: f64, timeout_ms: u32) -> Self {
        Deadline {
            at_ms: now_ms + f64::from(timeout_ms),
        }
    }

    /// Milliseconds left at `now_ms` (0 once passed).
    pub fn remaining_ms(&self, now_ms: f64) -> f64 {
        (self.at_ms - now_ms).max(0.0)
    }

    /// Whether the deadline has passed at `now_ms`. A clock that jumps backwards only
    /// delays this; the facade's timer signal still ends the wait on time.
    pub fn expired(&self, now_ms: f64) -> bool {
        now_ms >= self.at_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::call_view;
    use crate::tree::Tree;
    use serde_json::json;

    fn policy(interval: f64, max: f64, transcript: bool) -> WaitPolicy {
        WaitOptions {
            interval_ms: Some(interval),
            max_interval_ms: Some(max),
            timeout_ms: None,
            wait_for_transcript: Some(transcript),
        }
        .into_policy()
        .expect("valid options")
    }

    /// Observes the call `value` normalizes to.
    fn observe(poller: &mut Poller, value: serde_json::Value) -> Observed {
        let tree = Tree::from_value(&value);
        poller.observe(&call_view(tree.root()).expect("a call object"))
    }

    fn settled(value: serde_json::Value) -> bool {
        let tree = Tree::from_value(&value);
        call_view(tree.root())
            .expect("a call object")
            .transcript_settled()
    }

    fn status(word: &str) -> serde_json::Value {
        json!({ "id": "c1", "status": word })
    }

    fn invalid(options: WaitOptions) -> String {
        match options.into_policy() {
            Err(Error::InvalidArgument(message)) => message,
            other => panic!("expected invalid_argument, got {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let p = WaitOptions::default().into_policy().expect("defaults");
        assert_eq!(
            p,
            WaitPolicy {
                interval_ms: 1_000.0,
                max_interval_ms: 10_000.0,
                timeout_ms: 1_800_000,
                wait_for_transcript: false
            }
        );
    }

    #[test]
    fn one_bound_given_adapts_the_other_default() {
        let p = WaitOptions {
            interval_ms: Some(20_000.0),
            ..Default::default()
        }
        .into_policy()
        .expect("ok");
        assert_eq!((p.interval_ms, p.max_interval_ms), (20_000.0, 20_000.0));
        let p = WaitOptions {
            max_interval_ms: Some(200.0),
            ..Default::default()
        }
        .into_policy()
        .expect("ok");
        assert_eq!((p.interval_ms, p.max_interval_ms), (200.0, 200.0));
        let p = WaitOptions {
            interval_ms: Some(50.0),
            ..Default::default()
        }
        .into_policy()
        .expect("ok");
        assert_eq!((p.interval_ms, p.max_interval_ms), (50.0, 10_000.0));
    }

    #[test]
    fn bad_numbers_are_invalid_arguments() {
        for bad in [
            0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2_147_483_648.0,
        ] {
            let m = invalid(WaitOptions {
                interval_ms: Some(bad),
                ..Default::default()
            });
            assert!(
                m.starts_with("options.intervalMs must be a positive"),
                "{m}"
            );
            let m = invalid(WaitOptions {
                max_interval_ms: Some(bad),
                ..Default::default()
            });
            assert!(m.starts_with("options.maxIntervalMs"), "{m}");
            let m = invalid(WaitOptions {
                timeout_ms: Some(bad),
                ..Default::default()
            });
            assert!(m.starts_with("options.timeoutMs"), "{m}");
        }
        let m = invalid(WaitOptions {
            interval_ms: Some(300.0),
            max_interval_ms: Some(200.0),
            ..Default::default()
        });
        assert_eq!(
            m,
            "options.intervalMs must not be greater than options.maxIntervalMs"
        );
        // Equal bounds are a fixed interval.
        assert!(WaitOptions {
            interval_ms: Some(200.0),
            max_interval_ms: Some(200.0),
            ..Default::default()
        }
        .into_policy()
        .is_ok());
    }

    #[test]
    fn timeout_is_rounded_up_to_whole_milliseconds() {
        let p = WaitOptions {
            timeout_ms: Some(0.2),
            ..Default::default()
        }
        .into_policy()
        .expect("ok");
        assert_eq!(p.timeout_ms, 1);
        let p = WaitOptions {
            timeout_ms: Some(MAX_DELAY_MS),
            ..Default::default()
        }
        .into_policy()
        .expect("ok");
        assert_eq!(p.timeout_ms, 2_147_483_647);
    }

    #[test]
    fn backoff_grows_by_half_up_to_the_maximum() {
        let mut poller = Poller::new(policy(100.0, 400.0, false));
        observe(&mut poller, status("queued"));
        let delays: Vec<f64> = (0..6).map(|_| poller.next_delay_ms(None)).collect();
        assert_eq!(delays, [100.0, 150.0, 225.0, 337.5, 400.0, 400.0]);
    }

    #[test]
    fn a_change_resets_the_interval() {
        let mut poller = Poller::new(policy(100.0, 1_000.0, false));
        observe(&mut poller, status("queued"));
        for _ in 0..5 {
            observe(&mut poller, status("queued"));
            poller.next_delay_ms(None);
        }
        assert!(poller.next_delay_ms(None) > 100.0);
        observe(&mut poller, status("ringing"));
        assert_eq!(poller.next_delay_ms(None), 100.0);
        assert_eq!(poller.next_delay_ms(None), 150.0);
    }

    #[test]
    fn server_hints_stretch_one_wait() {
        let mut poller = Poller::new(policy(100.0, 1_000.0, false));
        observe(&mut poller, status("queued"));
        assert_eq!(
            poller.next_delay_ms(Some(2_500.0)),
            2_500.0,
            "longer than maxIntervalMs is honoured"
        );
        assert_eq!(
            poller.next_delay_ms(None),
            150.0,
            "the backoff carries on underneath"
        );
        assert_eq!(
            poller.next_delay_ms(Some(10.0)),
            225.0,
            "a shorter hint changes nothing"
        );
        assert_eq!(
            poller.next_delay_ms(Some(3_600_000.0)),
            60_000.0,
            "capped at 60 s"
        );
        for bad in [f64::NAN, -5.0, f64::INFINITY] {
            assert!(poller.next_delay_ms(Some(bad)) <= 1_000.0);
        }
    }

    #[test]
    fn changes_are_status_or_detail_changes() {
        let mut poller = Poller::new(policy(100.0, 1_000.0, false));
        let seen: Vec<bool> = [
            "queued",
            "queued",
            "ringing",
            "ringing",
            "in-progress",
            "ongoing",
            "ongoing",
            "completed",
        ]
        .iter()
        .map(|word| observe(&mut poller, status(word)).changed)
        .collect();
        // `ongoing` after `in-progress`: the same status, another word: reported.
        assert_eq!(seen, [true, false, true, false, true, true, false, true]);
    }

    #[test]
    fn terminal_statuses_end_the_wait_and_unknown_never_does() {
        for word in [
            "completed",
            "ended",
            "user_hangup",
            "voicemail",
            "busy",
            "no_answer",
            "failed",
            "cancelled",
            "canceled",
        ] {
            let mut poller = Poller::new(policy(100.0, 1_000.0, false));
            assert!(observe(&mut poller, status(word)).done, "{word}");
        }
        for word in [
            "queued",
            "initiated",
            "ringing",
            "in_progress",
            "ongoing",
            "sideways",
            "",
            "COMPLETED_LATER",
        ] {
            let mut poller = Poller::new(policy(100.0, 1_000.0, false));
            assert!(!observe(&mut poller, status(word)).done, "{word:?}");
        }
        // No status at all, or one of the wrong type: unknown, keeps polling.
        let mut poller = Poller::new(policy(100.0, 1_000.0, false));
        assert!(!observe(&mut poller, json!({ "id": "c1" })).done);
        assert!(!observe(&mut poller, json!({ "id": "c1", "status": 3 })).done);
    }

    #[test]
    fn unknown_words_are_reported_as_changes_and_keep_polling() {
        let mut poller = Poller::new(policy(100.0, 1_000.0, false));
        let steps: Vec<Observed> = [
            "in_progress",
            "transferring",
            "transferring",
            "on_hold",
            "completed",
        ]
        .iter()
        .map(|word| observe(&mut poller, status(word)))
        .collect();
        let changed: Vec<bool> = steps.iter().map(|s| s.changed).collect();
        let done: Vec<bool> = steps.iter().map(|s| s.done).collect();
        assert_eq!(changed, [true, true, false, true, true]);
        assert_eq!(done, [false, false, false, false, true]);
    }

    #[test]
    fn waiting_for_the_transcript() {
        let turn = json!([{ "speaker": "agent", "text": "Hi", "timestamp": 1.2 }]);
        let mut poller = Poller::new(policy(100.0, 1_000.0, true));
        let ended = json!({ "id": "c1", "status": "completed", "started_at": "2026-11-21T10:00:00Z", "transcript": null });
        let step = observe(&mut poller, ended.clone());
        assert_eq!(
            step,
            Observed {
                changed: true,
                done: false,
                transcript_elsewhere: false,
            },
            "ended, no transcript yet"
        );
        let mut empty = ended.clone();
        empty["transcript"] = json!([]);
        assert!(
            !observe(&mut poller, empty).done,
            "an empty transcript is not there yet"
        );
        let mut ready = ended.clone();
        ready["transcript"] = turn.clone();
        assert_eq!(
            observe(&mut poller, ready),
            Observed {
                changed: false,
                done: true,
                transcript_elsewhere: false,
            }
        );
        // Seed 003's plain-text transcript counts as well.
        let mut plain = ended;
        plain["transcript"] = json!("Agent: Hi\nContact: Hello");
        assert!(observe(&mut Poller::new(policy(100.0, 1_000.0, true)), plain).done);
    }

    #[test]
    fn a_call_object_without_a_transcript_field_sends_the_wait_to_its_endpoint() {
        // Seed 001's call object has no transcript: `GET /calls/{id}/transcript` has it.
        let mut poller = Poller::new(policy(100.0, 1_000.0, true));
        let running =
            json!({ "id": "c1", "status": "in_progress", "started_at": "2026-11-21T10:00:00Z" });
        let step = observe(&mut poller, running.clone());
        assert!(!step.done && !step.transcript_elsewhere, "not terminal yet");
        let mut completed = running.clone();
        completed["status"] = json!("completed");
        let step = observe(&mut poller, completed.clone());
        assert!(!step.done && step.transcript_elsewhere);
        // Without waitForTranscript, the terminal call is the answer.
        let step = observe(&mut Poller::new(policy(100.0, 1_000.0, false)), completed);
        assert!(step.done && !step.transcript_elsewhere);
        // A call that cannot have a transcript is done either way.
        let mut busy = running;
        busy["status"] = json!("busy");
        busy.as_object_mut().map(|o| o.remove("started_at"));
        let step = observe(&mut Poller::new(policy(100.0, 1_000.0, true)), busy);
        assert!(step.done && !step.transcript_elsewhere);
    }

    #[test]
    fn calls_that_cannot_have_a_transcript_do_not_wait_for_one() {
        assert!(
            settled(json!({ "id": "c", "status": "busy" })),
            "never connected"
        );
        assert!(settled(json!({ "id": "c", "status": "cancelled" })));
        assert!(settled(
            json!({ "id": "c", "status": "failed", "failure_reason": "no-answer" })
        ));
        assert!(
            !settled(
                json!({ "id": "c", "status": "failed", "started_at": "2026-11-21T10:00:00Z" })
            ),
            "broke off mid-call"
        );
        assert!(!settled(json!({ "id": "c", "status": "completed" })));
        assert!(settled(
            json!({ "id": "c", "status": "completed", "call_settings": { "transcription_enabled": false } })
        ));
        assert!(!settled(
            json!({ "id": "c", "status": "completed", "call_settings": { "transcription_enabled": true } })
        ));
        assert!(!settled(
            json!({ "id": "c", "status": "completed", "call_settings": "off" })
        ));
        // Without waitForTranscript, an ended call without transcript is done.
        assert!(
            observe(
                &mut Poller::new(policy(100.0, 1_000.0, false)),
                status("completed")
            )
            .done
        );
    }

    #[test]
    fn a_turn_list_with_content_is_a_transcript() {
        let mut c = status("completed");
        c["transcript"] = json!([{ "speaker": "agent", "text": "Hi" }]);
        assert!(settled(c));
    }

    #[test]
    fn deadline_arithmetic() {
        let d = Deadline::new(1_000.0, 500);
        assert_eq!(d.remaining_ms(1_000.0), 500.0);
        assert_eq!(d.remaining_ms(1_400.0), 100.0);
        assert!(!d.expired(1_499.0));
        assert!(d.expired(1_500.0));
        assert_eq!(d.remaining_ms(9_000.0), 0.0);
        assert!(
            !d.expired(0.0),
            "a clock that went backwards does not expire it"
        );
        let far = Deadline::new(1.8e12, u32::MAX);
        assert!(!far.expired(1.8e12 + 4e9) && far.expired(1.8e12 + 5e9));
    }
}
