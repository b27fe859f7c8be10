//! One call object, in any dialect -> `Call`.

use serde_json::{Map, Value};

use super::fields::{first, non_blank, object, string, unwrap_object, Object};
use super::num::{non_negative, number};
use super::time::normalize_time;
use super::transcript::normalize_turns;
use super::words::{is_terminal_status, normalize_direction, status_of, word_eq};
use crate::error::Result;
use crate::format::number::{push_i64, push_u64};
use crate::model::{Call, CallDirection, CallStatus, LatencyBreakdown};

/// Normalizes one call object, bare (seeds 000/002) or inside a `{data: {...}, meta}`
/// envelope (seeds 001/003), into the canonical `Call`. This is what `getCall`,
/// `createCall` and `updateCall` resolve to.
///
/// The input is an envelope when it is an object whose `data` is an object and that has no
/// `id` of its own; `raw` is then the inner object, exactly as received. Field by field:
/// - `id`: `id` (or `call_id`); a numeric id becomes its decimal string; missing or of
///   another type: `""`.
/// - `status`/`statusDetail`/`isTerminal`: see `normalizeStatus`; no status (or not a
///   string, or blank): `unknown`, `statusDetail: null`.
/// - `direction`: outbound/outgoing, inbound/incoming, webrtc/web_call/web, else `unknown`;
///   absent: `webrtc` when `type` is `web_call`, else `null`. `callType` is `type` as sent.
/// - numbers: `toNumber` = `to_number` ?? `to`; `fromNumber` = `from_number` ?? `from`;
///   `phoneNumber` = `phone_number` ?? (inbound ? `fromNumber` : `toNumber`).
/// - times: ISO strings or unix milliseconds (`start_timestamp`, `end_timestamp`) -> ISO UTC.
/// - `durationSeconds`: `duration_seconds`, else `duration_ms` / 1000.
/// - `costUsd`: `cost_usd`, else `cost_cents` / 100, else a `cost` breakdown's total (a
///   `total`/`total_usd`/`total_cost`/`combined_cost` field, else the sum of its top-level
///   numbers). `costCredits`: `cost_credits`.
/// - `variables`: `variables` ?? `vars_provided`; `extractedVariables`: `vars_extracted`;
///   `context`: `context` with `metadata`'s keys added (`context`'s own keys win).
/// - `transcript`: see `normalizeTurns`. `latency`: seed 004's breakdown object.
///
/// Throws a `TruedyError` of kind `decode` when the payload is not an object (e.g. "expected
/// a call object, got an array"), is an API error body, or is an envelope whose `data` is
/// not an object.
///
/// ```ts
/// const call = normalizeCall({ data: { id: "c1", status: "user_hangup", duration_ms: 1500 }, meta: {} });
/// call.status;          // "ended"
/// call.durationSeconds; // 1.5
/// ```
pub fn normalize_call(value: Value) -> Result<Call> {
    normalize_call_enveloped(value).map(|(call, _)| call)
}

/// [`normalize_call`], also telling whether the call came inside a `{data, meta}` envelope
/// (its `raw` is then the value's `data`).
pub fn normalize_call_enveloped(value: Value) -> Result<(Call, bool)> {
    unwrap_object(value, "a call object", &["id"])
        .map(|(object, enveloped)| (call_from_object(object), enveloped))
}

/// Builds the canonical call from an object; never fails (wrong types become `None`).
pub(crate) fn call_from_object(map: Object) -> Call {
    let m = &map;
    let status_word = string(m, &["status", "call_status"]);
    let status = status_word
        .as_deref()
        .map_or(CallStatus::Unknown, status_of);
    let call_type = string(m, &["type", "call_type"]);
    let direction = first(m, &["direction"], non_blank)
        .map(normalize_direction)
        .or_else(|| {
            call_type
                .as_deref()
                .filter(|t| word_eq(t.trim(), "web_call") || word_eq(t.trim(), "webrtc"))
                .map(|_| CallDirection::Webrtc)
        });
    let to_number = string(m, &["to_number", "to", "called_number"]);
    let from_number = string(m, &["from_number", "from", "caller_number"]);
    let phone_number = string(m, &["phone_number"]).or_else(|| match direction {
        Some(CallDirection::Inbound) => from_number.clone(),
        _ => to_number.clone(),
    });
    let context = merged_context(m);
    Call {
        id: first(m, &["id", "call_id"], id_string).unwrap_or_default(),
        status,
        status_detail: status_word,
        is_terminal: is_terminal_status(status),
        direction,
        call_type,
        agent_id: string(m, &["agent_id"]),
        phone_number,
        from_number,
        to_number,
        created_at: first(m, &["created_at"], normalize_time),
        started_at: first(
            m,
            &["started_at", "start_timestamp", "start_time"],
            normalize_time,
        ),
        ended_at: first(
            m,
            &["ended_at", "end_timestamp", "end_time"],
            normalize_time,
        ),
        updated_at: first(m, &["updated_at"], normalize_time),
        duration_seconds: first(m, &["duration_seconds"], non_negative)
            .or_else(|| first(m, &["duration_ms"], non_negative).map(|ms| ms / 1000.0)),
        cost_usd: cost_usd(m),
        cost_credits: first(m, &["cost_credits"], non_negative),
        outcome: string(m, &["outcome"]),
        summary: string(m, &["summary"]),
        short_summary: string(m, &["short_summary"]),
        sentiment: string(m, &["sentiment"]),
        failure_reason: string(m, &["failure_reason"]),
        recording_url: string(m, &["recording_url"]),
        transcript_url: string(m, &["transcript_url"]),
        transcript: first(m, &["transcript", "transcript_object"], normalize_turns),
        variables: object(m, &["variables", "vars_provided"]).cloned(),
        extracted_variables: object(m, &["vars_extracted", "extracted_variables"]).cloned(),
        context,
        latency: object(m, &["latency", "latency_breakdown"]).and_then(latency),
        raw: Value::Object(map),
    }
}

/// A string id as sent, or an integral numeric id as its decimal string.
fn id_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => {
            let mut text = String::new();
            if let Some(u) = n.as_u64() {
                push_u64(&mut text, u);
            } else if let Some(i) = n.as_i64() {
                push_i64(&mut text, i);
            } else {
                // A float id: only an integral one in the exactly representable range.
                let f = n.as_f64()?;
                if f.fract() != 0.0 || f.abs() > 9_007_199_254_740_992.0 {
                    return None;
                }
                push_i64(&mut text, f as i64);
            }
            Some(text)
        }
        _ => None,
    }
}

/// `cost_usd`, else `cost_cents` / 100, else a cost breakdown (`cost`, `cost_breakdown`,
/// `call_cost`): a number there is dollars, an object gives its total.
fn cost_usd(m: &Object) -> Option<f64> {
    first(m, &["cost_usd"], non_negative)
        .or_else(|| first(m, &["cost_cents"], non_negative).map(|c| c / 100.0))
        .or_else(|| {
            first(m, &["cost", "cost_breakdown", "call_cost"], |v| match v {
                Value::Object(b) => breakdown_total(b),
                other => non_negative(other),
            })
        })
}

/// The total of a cost breakdown: its `total`, `total_usd`, `total_cost` or `combined_cost`
/// (or `total_cents` / 100) when present, else the sum of its top-level numeric values
/// (nested objects and non-numbers are ignored). `None` when nothing numeric is there or the
/// result is negative.
fn breakdown_total(b: &Object) -> Option<f64> {
    if let Some(total) = first(
        b,
        &["total", "total_usd", "total_cost", "combined_cost"],
        number,
    )
    .or_else(|| first(b, &["total_cents"], number).map(|c| c / 100.0))
    {
        return Some(total).filter(|t| *t >= 0.0);
    }
    let mut sum = None;
    for v in b.values() {
        if let Value::Number(n) = v {
            if let Some(f) = n.as_f64() {
                sum = Some(sum.unwrap_or(0.0) + f);
            }
        }
    }
    sum.filter(|s: &f64| s.is_finite() && *s >= 0.0)
}

/// `context` with the keys of `metadata` added where `context` does not have them.
fn merged_context(m: &Object) -> Option<Map<String, Value>> {
    let context = object(m, &["context"]);
    let metadata = object(m, &["metadata"]);
    match (context, metadata) {
        (None, None) => None,
        (Some(c), None) => Some(c.clone()),
        (None, Some(md)) => Some(md.clone()),
        (Some(c), Some(md)) => {
            let mut merged = c.clone();
            for (k, v) in md {
                if !merged.contains_key(k) {
                    merged.insert(k.clone(), v.clone());
                }
            }
            Some(merged)
        }
    }
}

/// Seed 004's latency breakdown; `None` when the object has none of its fields as a
/// non-negative number.
fn latency(b: &Object) -> Option<LatencyBreakdown> {
    let f = |key: &str| b.get(key).and_then(non_negative);
    let l = LatencyBreakdown {
        vad_delay_ms: f("vad_delay_ms"),
        stt_finalize_ms: f("stt_finalize_ms"),
        llm_startup_ms: f("llm_startup_ms"),
        llm_first_sentence_ms: f("llm_first_sentence_ms"),
        tts_synthesis_ms: f("tts_synthesis_ms"),
        send_overhead_ms: f("send_overhead_ms"),
        total_perceived_ms: f("total_perceived_ms"),
    };
    (l != LatencyBreakdown::default()).then_some(l)
}
