//! The words and list rules of each seed page: how a dialect spells statuses and directions,
//! which words its `GET /calls` filter accepts, and its default and largest `limit`.
//!
//! Every single-page dialect is strict: it only writes and accepts words its page documents.
//! `Mixed` is the lenient exception (see [`ListRules::lenient`]).

use crate::dialect::Shape;
use crate::model::{Detail, Direction, State, Status};

/// Seed 000 "Call Status Reference" table (L74-81) and seed 002 "Query Parameters", `status`
/// (L28): the same six words.
const STATUS_000_002: &[&str] = &[
    "queued",
    "ringing",
    "in-progress",
    "ended",
    "failed",
    "cancelled",
];

/// Seed 001 "Call Statuses" table (L209-218), which its list filter refers to (L23).
const STATUS_001: &[&str] = &[
    "queued",
    "ringing",
    "in_progress",
    "completed",
    "failed",
    "no_answer",
    "busy",
    "voicemail",
];

/// Seed 003 OpenAPI, the `status` query parameter's enum (L77-82).
const STATUS_003: &[&str] = &["queued", "ringing", "in_progress", "completed", "failed"];

/// Seed 002 "Query Parameters", `direction` (L29); seed 000 documents the same three (L97).
const DIRECTION_000_002: &[&str] = &["outbound", "inbound", "webrtc"];

/// Seed 001 "Query Parameters", `direction` (L24).
const DIRECTION_001: &[&str] = &["inbound", "outbound"];

/// What a dialect's list filter accepts for one parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// Exactly these words (case-sensitive, one word per request). An empty list means the
    /// page documents no such filter: any value is refused.
    Only(&'static [&'static str]),
    /// Any dialect's word, in any case, comma-separated lists allowed (`mixed` only).
    Lenient,
}

/// The list rules of one dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListRules {
    /// Words of the `status` filter.
    pub status: Words,
    /// Words of the `direction` filter.
    pub direction: Words,
    /// `limit` when none is given.
    pub default_limit: usize,
    /// Largest `limit` accepted.
    pub max_limit: usize,
}

impl ListRules {
    /// `mixed`: every vocabulary, default limit 50 (seed 001's), at most 100.
    pub const fn lenient() -> Self {
        ListRules {
            status: Words::Lenient,
            direction: Words::Lenient,
            default_limit: 50,
            max_limit: 100,
        }
    }

    /// The rules of `shape`.
    ///
    /// - 000: no list section of its own; it links to the "Call Management" guide (seed 002),
    ///   so it takes 002's filter words and limits (its own status table has the same words).
    /// - 001: "1–100. Default `50`" (L26).
    /// - 002: "Default: `20`. Maximum: `100`" (L32).
    /// - 003: `minimum: 1, maximum: 100, default: 50` (L89-91); no `direction` parameter.
    /// - 004: documents no list parameters at all: `status` and `direction` are refused; the
    ///   limit follows 001, whose list envelope 004 uses.
    pub const fn of(shape: Shape) -> Self {
        let (status, direction, default_limit) = match shape {
            Shape::S000 | Shape::S002 => (STATUS_000_002, DIRECTION_000_002, 20),
            Shape::S001 => (STATUS_001, DIRECTION_001, 50),
            Shape::S003 => (STATUS_003, &[] as &[&str], 50),
            Shape::S004 => (&[] as &[&str], &[] as &[&str], 50),
            Shape::Mixed => return Self::lenient(),
        };
        ListRules {
            status: Words::Only(status),
            direction: Words::Only(direction),
            default_limit,
            max_limit: 100,
        }
    }
}

/// Every status word a dialect's page documents for its call objects (a superset of its
/// filter words: seed 004's table has more words than any filter).
pub fn documented_statuses(shape: Shape) -> &'static [&'static str] {
    match shape {
        Shape::S000 | Shape::S002 => STATUS_000_002,
        Shape::S001 | Shape::Mixed => STATUS_001,
        Shape::S003 => STATUS_003,
        // Seed 004 status tables (L10-24).
        Shape::S004 => &[
            "initiated",
            "ringing",
            "ongoing",
            "user_hangup",
            "agent_hangup",
            "inactivity",
            "error_inactivity",
            "busy",
            "no_answer",
            "error",
            "canceled",
        ],
    }
}

/// How dialect `shape` spells the status of a call in state `st`: always a word of
/// [`documented_statuses`].
///
/// Where a page lacks a word, the state maps onto the nearest word it has:
/// - 001 has no `cancelled`: a cancelled call "could not be placed", so it is `failed` (L215);
///   a provider or invalid-number error is `failed` too.
/// - 003 has only `completed` and `failed` for terminal calls.
/// - 004 has no voicemail word: voicemail ends as `agent_hangup`; an invalid number is `error`.
pub fn status_word(shape: Shape, st: &State) -> &'static str {
    use Detail as D;
    use Shape as S;
    match (shape, st.status, st.detail) {
        (_, Status::Ringing, _) => "ringing",
        (S::S004, Status::Queued, _) => "initiated",
        (_, Status::Queued, _) => "queued",
        (S::S000 | S::S002, Status::InProgress, _) => "in-progress",
        (S::S004, Status::InProgress, _) => "ongoing",
        (_, Status::InProgress, _) => "in_progress",
        (S::S000 | S::S002, Status::Ended, _) => "ended",
        (S::S004, Status::Ended, D::UserHangup) => "user_hangup",
        (S::S004, Status::Ended, D::Inactivity) => "inactivity",
        (S::S004, Status::Ended, D::ErrorInactivity) => "error_inactivity",
        (S::S004, Status::Ended, _) => "agent_hangup",
        (S::S001 | S::Mixed, Status::Ended, D::Voicemail) => "voicemail",
        (_, Status::Ended, _) => "completed",
        (S::S001 | S::Mixed | S::S004, Status::Failed, D::Busy) => "busy",
        (S::S001 | S::Mixed | S::S004, Status::Failed, D::NoAnswer) => "no_answer",
        (S::S004, Status::Failed, _) => "error",
        (_, Status::Failed, _) => "failed",
        (S::S000 | S::S002, Status::Cancelled, _) => "cancelled",
        (S::S004, Status::Cancelled, _) => "canceled",
        (_, Status::Cancelled, _) => "failed",
    }
}

/// How dialect `shape` spells a direction.
///
/// 000 and 002 have `webrtc`. 001 and 003 only have `inbound` and `outbound`; a web call is
/// started by the contact, so it is `inbound` (seed 004 L30 files web calls under incoming).
/// 004: `incoming` / `outgoing`.
pub fn direction_word(shape: Shape, d: Direction) -> &'static str {
    match (shape, d) {
        (Shape::S004, Direction::Outbound) => "outgoing",
        (Shape::S004, _) => "incoming",
        (_, Direction::Outbound) => "outbound",
        (Shape::S000 | Shape::S002, Direction::Webrtc) => "webrtc",
        (_, _) => "inbound",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONCRETE: [Shape; 5] = [
        Shape::S000,
        Shape::S001,
        Shape::S002,
        Shape::S003,
        Shape::S004,
    ];

    fn every_state() -> Vec<State> {
        use Detail as D;
        let kinds = [
            (Status::Queued, D::None),
            (Status::Ringing, D::None),
            (Status::InProgress, D::None),
            (Status::Ended, D::AgentHangup),
            (Status::Ended, D::UserHangup),
            (Status::Ended, D::Inactivity),
            (Status::Ended, D::ErrorInactivity),
            (Status::Ended, D::Voicemail),
            (Status::Failed, D::Busy),
            (Status::Failed, D::NoAnswer),
            (Status::Failed, D::Error),
            (Status::Failed, D::InvalidNumber),
            (Status::Cancelled, D::Cancelled),
        ];
        kinds
            .iter()
            .map(|&(status, detail)| State {
                status,
                detail,
                started_ms: None,
                ended_ms: None,
                transcript_ready: false,
            })
            .collect()
    }

    #[test]
    fn every_status_word_is_documented() {
        for shape in CONCRETE {
            for st in every_state() {
                let word = status_word(shape, &st);
                assert!(
                    documented_statuses(shape).contains(&word),
                    "{shape:?} {st:?}: {word}"
                );
            }
        }
    }

    #[test]
    fn filter_words_are_words_the_dialect_writes() {
        for shape in CONCRETE {
            let Words::Only(words) = ListRules::of(shape).status else {
                panic!("{shape:?} is strict");
            };
            let written: Vec<&str> = every_state()
                .iter()
                .map(|st| status_word(shape, st))
                .collect();
            for w in words {
                assert!(written.contains(w), "{shape:?} never writes {w}");
            }
        }
    }

    #[test]
    fn directions() {
        assert_eq!(direction_word(Shape::S001, Direction::Webrtc), "inbound");
        assert_eq!(direction_word(Shape::S002, Direction::Webrtc), "webrtc");
        assert_eq!(direction_word(Shape::S004, Direction::Webrtc), "incoming");
        assert_eq!(direction_word(Shape::S004, Direction::Outbound), "outgoing");
        assert_eq!(direction_word(Shape::S003, Direction::Inbound), "inbound");
    }
}
