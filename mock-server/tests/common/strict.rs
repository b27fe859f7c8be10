//! What each seed page documents, written out by hand from /work/shared/seeds/00N_*.txt, for
//! the strictness tests. Line numbers are the seed file's.
#![allow(dead_code)]

use super::Mock;
use serde_json::Value;
use std::collections::BTreeSet;

/// Seed 000, "The Call Object" table (L93-110).
pub const KEYS_000: &[&str] = &[
    "id",
    "status",
    "direction",
    "agent_id",
    "phone_number",
    "from_number",
    "duration_seconds",
    "transcript",
    "recording_url",
    "cost_cents",
    "outcome",
    "variables",
    "failure_reason",
    "started_at",
    "ended_at",
    "created_at",
];

/// Seed 001, "Call Object" table (L189-205). No transcript, outcome, variables or
/// call_settings: those appear only as request fields (L55-71, L118).
pub const KEYS_001: &[&str] = &[
    "id",
    "agent_id",
    "phone_number",
    "from_number",
    "direction",
    "status",
    "started_at",
    "ended_at",
    "duration_seconds",
    "cost_usd",
    "summary",
    "recording_url",
    "context",
    "created_at",
    "updated_at",
];

/// Seed 002 has no call table; the call fields it uses: `call['id']`, `call['status']`,
/// `call['duration_seconds']` (L120), `call["transcript"]` (L137, L208), `recording_url`
/// (L264, L289), "Call Analytics Fields" `duration_seconds, cost_cents, outcome`
/// (L337-341), and what its list filters by (L15, L27-29, L390): `agent_id`, `direction`,
/// `created_at`.
pub const KEYS_002: &[&str] = &[
    "id",
    "agent_id",
    "direction",
    "created_at",
    "status",
    "duration_seconds",
    "transcript",
    "recording_url",
    "cost_cents",
    "outcome",
];

/// Seed 003, the `CallResponse` schema's properties (L191-309).
pub const KEYS_003: &[&str] = &[
    "id",
    "agent_id",
    "phone_number",
    "from_number",
    "to_number",
    "direction",
    "status",
    "duration_seconds",
    "cost_usd",
    "summary",
    "short_summary",
    "recording_url",
    "transcript",
    "sentiment",
    "started_at",
    "ended_at",
    "created_at",
    "updated_at",
];

/// Seed 004's full object: the six names of L1-2 and the properties described on L3-48 (the
/// page lost their names; the simulator's are id, type, status, agent_id, account_id,
/// from_number, to_number, direction, start_timestamp, duration_ms, latency, cost).
pub const KEYS_004: &[&str] = &[
    "id",
    "type",
    "status",
    "agent_id",
    "account_id",
    "from_number",
    "to_number",
    "direction",
    "start_timestamp",
    "duration_ms",
    "transcript",
    "latency",
    "recording_url",
    "summary",
    "cost",
    "vars_provided",
    "vars_extracted",
    "detected_gender",
];

/// Seed 004 L1-2: what its List Calls omits.
pub const LIST_OMITS_004: &[&str] = &[
    "transcript",
    "summary",
    "recording_url",
    "detected_gender",
    "vars_provided",
    "vars_extracted",
];

/// Seed 000 status table (L74-81); seed 002's filter (L28) has the same words.
pub const STATUSES_000_002: &[&str] = &[
    "queued",
    "ringing",
    "in-progress",
    "ended",
    "failed",
    "cancelled",
];

/// Seed 001 "Call Statuses" (L209-218).
pub const STATUSES_001: &[&str] = &[
    "queued",
    "ringing",
    "in_progress",
    "completed",
    "failed",
    "no_answer",
    "busy",
    "voicemail",
];

/// Seed 003 `status` enum (L77-82, L231-236).
pub const STATUSES_003: &[&str] = &["queued", "ringing", "in_progress", "completed", "failed"];

/// Seed 004 status tables (L10-24).
pub const STATUSES_004: &[&str] = &[
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
];

/// Seed 000 L97 and seed 002 L29.
pub const DIRECTIONS_000_002: &[&str] = &["outbound", "inbound", "webrtc"];
/// Seed 001 L24 and L195; seed 003's schema enum (L221-223).
pub const DIRECTIONS_001_003: &[&str] = &["inbound", "outbound"];
/// Seed 004 L30.
pub const DIRECTIONS_004: &[&str] = &["incoming", "outgoing"];

/// The documented call keys of a shape (004: the full object).
pub fn keys(shape: &str) -> &'static [&'static str] {
    match shape {
        "000" => KEYS_000,
        "001" => KEYS_001,
        "002" => KEYS_002,
        "003" => KEYS_003,
        _ => KEYS_004,
    }
}

/// The documented status words of a shape's call objects.
pub fn statuses(shape: &str) -> &'static [&'static str] {
    match shape {
        "000" | "002" => STATUSES_000_002,
        "001" => STATUSES_001,
        "003" => STATUSES_003,
        _ => STATUSES_004,
    }
}

/// The documented direction words of a shape (002 documents them for its filter only).
pub fn directions(shape: &str) -> &'static [&'static str] {
    match shape {
        "000" | "002" => DIRECTIONS_000_002,
        "001" | "003" => DIRECTIONS_001_003,
        _ => DIRECTIONS_004,
    }
}

/// Asserts that `obj`'s keys are all in `allowed`.
pub fn keys_within(obj: &Value, allowed: &[&str], what: &str) {
    let o = obj
        .as_object()
        .unwrap_or_else(|| panic!("{what}: not an object: {obj}"));
    let extra: Vec<&String> = o
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .collect();
    assert!(extra.is_empty(), "{what}: undocumented {extra:?} in {obj}");
}

/// The call object of a single-object response (bare in 000 and 002).
pub fn single(shape: &str, body: Value) -> Value {
    if shape == "000" || shape == "002" {
        body
    } else {
        body["data"].clone()
    }
}

/// `total` of a page in either envelope.
pub fn page_total(v: &Value) -> u64 {
    v["pagination"]["total"]
        .as_u64()
        .or_else(|| v["meta"]["total"].as_u64())
        .unwrap_or_else(|| panic!("no total in {v}"))
}

/// Every call of the dataset (`n` calls) in `shape`, via pages of 100.
pub async fn every_call(m: &Mock, shape: &str, n: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for offset in (0..n).step_by(100) {
        let v = m
            .get_json(&format!("/calls?__shape={shape}&limit=100&offset={offset}"))
            .await;
        out.extend(v["data"].as_array().cloned().unwrap_or_default());
    }
    assert_eq!(out.len(), n, "{shape}");
    out
}

/// The set of string values of `key` over `calls`.
pub fn values(calls: &[Value], key: &str) -> BTreeSet<String> {
    calls
        .iter()
        .filter_map(|c| c[key].as_str().map(str::to_string))
        .collect()
}

/// A set of words.
pub fn word_set(xs: &[&str]) -> BTreeSet<String> {
    xs.iter().map(|s| s.to_string()).collect()
}
