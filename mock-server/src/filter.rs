//! `GET /calls` query parameters: filters, `limit` and `offset`, checked by the rules of the
//! dialect asked for (see [`crate::vocab::ListRules`]).
//!
//! A single-page dialect accepts exactly the `status` and `direction` words its page documents
//! and matches calls whose word in that dialect is exactly the given one. `mixed` is lenient:
//! any dialect's word, any case, comma-separated lists, matched on the canonical state.

use crate::dialect::Shape;
use crate::model::{Call, Detail, Direction, State, Status};
use crate::respond::{parse_query, ApiError};
use crate::time::parse_iso;
use crate::vocab::{direction_word, status_word, ListRules, Words};
use serde_json::json;

/// What a lenient (`mixed`) `status=` word matches.
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

/// Every status word the lenient (`mixed`) filter accepts, for error details.
pub const LENIENT_STATUS_WORDS: [&str; 22] = [
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
    "invalid-number",
];

/// Parse a status word of any dialect (case, `-` and `_` are insignificant): `mixed` only.
pub fn parse_lenient_status(word: &str) -> Option<StatusFilter> {
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
        "inactivity" => D(Status::Ended, Detail::Inactivity),
        "error_inactivity" => D(Status::Ended, Detail::ErrorInactivity),
        "busy" => D(Status::Failed, Detail::Busy),
        "no_answer" => D(Status::Failed, Detail::NoAnswer),
        "error" | "agent_error" => D(Status::Failed, Detail::Error),
        "invalid_number" => D(Status::Failed, Detail::InvalidNumber),
        _ => return None,
    })
}

/// Parse a direction word of any dialect: `mixed` only.
pub fn parse_lenient_direction(word: &str) -> Option<Direction> {
    match word.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "outbound" | "outgoing" => Some(Direction::Outbound),
        "inbound" | "incoming" => Some(Direction::Inbound),
        "webrtc" | "web_call" | "web" => Some(Direction::Webrtc),
        _ => None,
    }
}

/// The `status` condition.
#[derive(Clone, Debug, PartialEq)]
enum StatusCond {
    /// Lenient: any of these.
    AnyOf(Vec<StatusFilter>),
    /// Strict: the dialect writes exactly this word.
    Word(&'static str),
}

/// The `direction` condition.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DirectionCond {
    /// Lenient: this canonical direction.
    Is(Direction),
    /// Strict: the dialect writes exactly this word.
    Word(&'static str),
}

/// A parsed `GET /calls` query.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    shape: Shape,
    status: Option<StatusCond>,
    direction: Option<DirectionCond>,
    agent_id: Option<String>,
    after: Option<i64>,
    before: Option<i64>,
    /// Page size.
    pub limit: usize,
    /// Calls skipped.
    pub offset: usize,
}

impl Filter {
    /// The conditions that do not depend on time (checked before a state is computed).
    pub fn keeps_static(&self, c: &Call) -> bool {
        let direction = match self.direction {
            None => true,
            Some(DirectionCond::Is(d)) => c.direction == d,
            Some(DirectionCond::Word(w)) => direction_word(self.shape, c.direction) == w,
        };
        direction
            && self.agent_id.as_deref().is_none_or(|a| c.agent_id == a)
            && self.after.is_none_or(|t| c.created_ms >= t)
            && self.before.is_none_or(|t| c.created_ms < t)
    }

    /// The status condition, on the call's state at the time of the request.
    pub fn keeps(&self, st: &State) -> bool {
        match &self.status {
            None => true,
            Some(StatusCond::AnyOf(fs)) => fs.iter().any(|f| f.matches(st)),
            Some(StatusCond::Word(w)) => status_word(self.shape, st) == *w,
        }
    }
}

fn int_param(name: &str, v: &str, lo: i64, hi: i64) -> Result<usize, ApiError> {
    match v.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => {
            usize::try_from(n).map_err(|_| int_error(name, v, lo, hi))
        }
        _ => Err(int_error(name, v, lo, hi)),
    }
}

fn int_error(name: &str, v: &str, lo: i64, hi: i64) -> ApiError {
    let msg = format!("`{name}` must be an integer in {lo}..={hi}, got `{v}`");
    ApiError::new(
        422,
        "validation_error",
        msg,
        json!({ "field": name, "value": v, "min": lo, "max": hi }),
    )
}

/// 422 for a word the dialect's filter does not accept; names the allowed words.
fn word_error(shape: Shape, field: &str, value: &str, allowed: &[&str]) -> ApiError {
    let msg = if allowed.is_empty() {
        format!(
            "shape {} documents no `{field}` filter for GET /calls; drop the parameter",
            shape.name()
        )
    } else {
        format!("{field} must be one of {}", allowed.join(", "))
    };
    ApiError::new(
        422,
        "validation_error",
        msg,
        json!({ "field": field, "value": value, "allowed": allowed, "shape": shape.name() }),
    )
}

/// The allowed word equal to `value`, or the 422 naming the allowed words.
fn strict_word(
    shape: Shape,
    field: &str,
    value: &str,
    allowed: &'static [&'static str],
) -> Result<&'static str, ApiError> {
    allowed
        .iter()
        .copied()
        .find(|w| *w == value)
        .ok_or_else(|| word_error(shape, field, value, allowed))
}

fn status_cond(shape: Shape, words: Words, v: &str) -> Result<StatusCond, ApiError> {
    match words {
        Words::Only(allowed) => strict_word(shape, "status", v, allowed).map(StatusCond::Word),
        Words::Lenient => {
            let mut any = Vec::new();
            for word in v.split(',').filter(|w| !w.trim().is_empty()) {
                let f = parse_lenient_status(word).ok_or_else(|| {
                    ApiError::new(
                        422,
                        "validation_error",
                        format!(
                            "status must be one of {} (or a comma-separated list)",
                            LENIENT_STATUS_WORDS.join(", ")
                        ),
                        json!({ "field": "status", "value": word, "allowed": LENIENT_STATUS_WORDS }),
                    )
                })?;
                any.push(f);
            }
            Ok(StatusCond::AnyOf(any))
        }
    }
}

fn direction_cond(shape: Shape, words: Words, v: &str) -> Result<DirectionCond, ApiError> {
    match words {
        Words::Only(allowed) => {
            strict_word(shape, "direction", v, allowed).map(DirectionCond::Word)
        }
        Words::Lenient => parse_lenient_direction(v)
            .map(DirectionCond::Is)
            .ok_or_else(|| {
                let allowed = [
                    "outbound", "outgoing", "inbound", "incoming", "webrtc", "web_call",
                ];
                ApiError::new(
                    422,
                    "validation_error",
                    format!("direction must be one of {}", allowed.join(", ")),
                    json!({ "field": "direction", "value": v, "allowed": allowed }),
                )
            }),
    }
}

/// Parse the raw query of `GET /calls` for dialect `shape`. Empty values are ignored; unknown
/// parameters are ignored.
pub fn parse_filter(shape: Shape, raw: Option<&str>) -> Result<Filter, ApiError> {
    let rules = ListRules::of(shape);
    let mut f = Filter {
        shape,
        status: None,
        direction: None,
        agent_id: None,
        after: None,
        before: None,
        limit: rules.default_limit,
        offset: 0,
    };
    let max_limit = i64::try_from(rules.max_limit).unwrap_or(100);
    for (k, v) in parse_query(raw) {
        if v.trim().is_empty() {
            continue;
        }
        match k.as_str() {
            "status" => f.status = Some(status_cond(shape, rules.status, &v)?),
            "direction" => f.direction = Some(direction_cond(shape, rules.direction, &v)?),
            "agent_id" => f.agent_id = Some(v),
            "created_after" | "created_before" => {
                let t = parse_iso(&v).ok_or_else(|| {
                    ApiError::invalid(&k, format!("`{k}` must be an ISO 8601 date-time"))
                })?;
                if k == "created_after" {
                    f.after = Some(t);
                } else {
                    f.before = Some(t);
                }
            }
            "limit" => f.limit = int_param("limit", &v, 1, max_limit)?,
            "offset" => f.offset = int_param("offset", &v, 0, i64::MAX)?,
            _ => {}
        }
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_words() {
        let ended = Some(StatusFilter::Canon(Status::Ended));
        assert_eq!(parse_lenient_status("completed"), ended);
        assert_eq!(parse_lenient_status("ENDED"), ended);
        assert_eq!(
            parse_lenient_status("in-progress"),
            parse_lenient_status("ongoing")
        );
        assert_eq!(parse_lenient_status("sideways"), None);
    }

    #[test]
    fn strict_words_per_shape() {
        let ok = |s: Shape, q: &str| parse_filter(s, Some(q)).is_ok();
        assert!(ok(Shape::S001, "status=completed&direction=inbound"));
        assert!(!ok(Shape::S001, "status=ended"));
        assert!(!ok(Shape::S001, "status=COMPLETED"));
        assert!(!ok(Shape::S001, "status=completed,failed"));
        assert!(!ok(Shape::S001, "direction=webrtc"));
        assert!(ok(Shape::S002, "status=in-progress&direction=webrtc"));
        assert!(!ok(Shape::S002, "status=in_progress"));
        assert!(ok(Shape::S000, "status=cancelled"));
        assert!(!ok(Shape::S003, "status=cancelled"));
        assert!(!ok(Shape::S003, "direction=inbound"));
        assert!(!ok(Shape::S004, "status=ongoing"));
        assert!(!ok(Shape::S004, "direction=incoming"));
        assert!(
            ok(Shape::S004, "status=&direction="),
            "empty values are ignored"
        );
        assert!(ok(
            Shape::Mixed,
            "status=ENDED,no-answer&direction=web_call"
        ));
    }

    #[test]
    fn limits_per_shape() {
        let limit = |s: Shape| parse_filter(s, None).map(|f| f.limit);
        assert_eq!(limit(Shape::S000), Ok(20));
        assert_eq!(limit(Shape::S001), Ok(50));
        assert_eq!(limit(Shape::S002), Ok(20));
        assert_eq!(limit(Shape::S003), Ok(50));
        assert_eq!(limit(Shape::S004), Ok(50));
        assert_eq!(limit(Shape::Mixed), Ok(50));
        assert!(parse_filter(Shape::S002, Some("limit=101")).is_err());
        assert!(parse_filter(Shape::S002, Some("limit=100")).is_ok());
    }

    #[test]
    fn error_names_the_allowed_words() {
        let e = parse_filter(Shape::S002, Some("status=done")).err();
        assert_eq!(
            e.map(|e| e.message),
            Some(
                "status must be one of queued, ringing, in-progress, ended, failed, cancelled"
                    .into()
            )
        );
    }
}
