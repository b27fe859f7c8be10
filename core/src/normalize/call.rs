//! One call object, in any dialect -> `Call`.

use std::borrow::Cow;

use serde_json::Value;

use super::failure::{failure_reason, url_expiry};
use super::fields::{non_blank, object, text, unwrap_object};
use super::num::{non_negative, number};
use super::time::time_of;
use super::transcript::turns_of;
use super::view::{CallView, Context, Text};
use super::words::{normalize_direction, status_of, word_eq};
use crate::error::Result;
use crate::format::number::push_u64;
use crate::model::{Call, CallDirection, CallStatus, LatencyBreakdown};
use crate::tree::{Field, Fields, Node, Tree};

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
/// - `direction`: `webrtc` when `type` is `web_call` (whatever `direction` says); else
///   outbound/outgoing, inbound/incoming, webrtc/web_call/web, other words `unknown`,
///   absent `null`. `callType` is `type` as sent.
/// - numbers: `toNumber` = `to_number` ?? `to`; `fromNumber` = `from_number` ?? `from`;
///   `phoneNumber` = `phone_number` ?? (inbound ? `fromNumber` : `toNumber`).
/// - times: ISO strings or unix milliseconds (`start_timestamp`, `end_timestamp`) -> ISO UTC.
/// - `durationSeconds`: `duration_seconds`, else `duration_ms` / 1000.
/// - `costUsd`: `cost_usd`, else `cost_cents` / 100, else a `cost` breakdown's total (a
///   `total`/`total_usd`/`total_cost`/`combined_cost` field, else the sum of its top-level
///   numbers). `costCredits`: `cost_credits`.
/// - `variables`: `variables` ?? `vars_provided`; `extractedVariables`: `vars_extracted`;
///   `context`: `context` with `metadata`'s keys added (`context`'s own keys win).
/// - `failureReason`: `failure_reason`, else a status word that names a reason (`busy`,
///   `no_answer`, `error`, `voicemail`), else `error` for a failed call with a
///   `context.last_error`; known words as `no_answer`, `busy`, `invalid_number`,
///   `agent_error`, `voicemail`, `error`, others as sent. `failureMessage`:
///   `context.last_error`. `recordingExpiresAt`: the recording URL's `expires=` (unix
///   seconds) as ISO UTC.
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
pub fn normalize_call_enveloped(mut value: Value) -> Result<(Call, bool)> {
    let (mut call, enveloped) = {
        let tree = Tree::from_value(&value);
        let view = call_view(tree.root())?;
        (view.to_call(), view.enveloped)
    };
    // `raw` is the value itself, not a copy made from the tree.
    call.raw = match enveloped {
        true => value.get_mut("data").map(Value::take).unwrap_or_default(),
        false => value,
    };
    Ok((call, enveloped))
}

/// [`normalize_call`] over a node: the call, bare or enveloped.
pub fn call_view<'t, 'a>(node: Node<'t, 'a>) -> Result<CallView<'t, 'a>> {
    let (fields, enveloped) = unwrap_object(node, "a call object", &[Field::Id])?;
    let mut view = view_of(&fields);
    view.enveloped = enveloped;
    Ok(view)
}

/// Builds the canonical call from an object; never fails (wrong types become `None`).
pub(crate) fn view_of<'t, 'a>(m: &Fields<'t, 'a>) -> CallView<'t, 'a> {
    let status_word = text(m, &[Field::Status, Field::CallStatus]);
    let status = status_word
        .as_ref()
        .map_or(CallStatus::Unknown, |word| status_of(word.as_str()));
    let call_type = text(m, &[Field::Type, Field::CallType]);
    // Seed 004 calls a web call `incoming`: the type says what it is.
    let web_call = call_type.as_ref().is_some_and(|t| {
        let t = t.as_str().trim();
        word_eq(t, "web_call") || word_eq(t, "webrtc")
    });
    let direction = match web_call {
        true => Some(CallDirection::Webrtc),
        false => m
            .first(&[Field::Direction], non_blank)
            .and_then(|n| n.as_str())
            .map(normalize_direction),
    };
    let to_number = text(m, &[Field::ToNumber, Field::To, Field::CalledNumber]);
    let from_number = text(m, &[Field::FromNumber, Field::From, Field::CallerNumber]);
    let phone_number = text(m, &[Field::PhoneNumber]).or_else(|| match direction {
        Some(CallDirection::Inbound) => from_number.clone(),
        _ => to_number.clone(),
    });
    let context = object(m, &[Field::Context]);
    let metadata = object(m, &[Field::Metadata]);
    // Made, not `Sent`: a sent text is written as its key in the call object, and
    // `last_error` is a key of `context`, not of the call.
    let failure_message = context
        .and_then(|c| Fields::of(c).first(&[Field::LastError], non_blank))
        .and_then(|n| n.as_str())
        .map(|message| Text::Made(message.to_owned()));
    let failure_reason = failure_reason(
        text(m, &[Field::FailureReason]),
        status_word.as_ref(),
        status,
        failure_message.is_some(),
    );
    let recording_url = text(m, &[Field::RecordingUrl]);
    let recording_expires_at = recording_url
        .as_ref()
        .and_then(|url| url_expiry(url.as_str()))
        .map(Text::Made);
    CallView {
        raw: m.node(),
        enveloped: false,
        id: m
            .first(&[Field::Id, Field::CallId], id_text)
            .unwrap_or(Text::Made(String::new())),
        status,
        status_detail: status_word,
        direction,
        call_type,
        agent_id: text(m, &[Field::AgentId]),
        phone_number,
        from_number,
        to_number,
        created_at: time(m, &[Field::CreatedAt]),
        started_at: time(
            m,
            &[Field::StartedAt, Field::StartTimestamp, Field::StartTime],
        ),
        ended_at: time(m, &[Field::EndedAt, Field::EndTimestamp, Field::EndTime]),
        updated_at: time(m, &[Field::UpdatedAt]),
        duration_seconds: m
            .first(&[Field::DurationSeconds], non_negative)
            .or_else(|| {
                m.first(&[Field::DurationMs], non_negative)
                    .map(|ms| ms / 1000.0)
            }),
        cost_usd: cost_usd(m),
        cost_credits: m.first(&[Field::CostCredits], non_negative),
        outcome: text(m, &[Field::Outcome]),
        summary: text(m, &[Field::Summary]),
        short_summary: text(m, &[Field::ShortSummary]),
        sentiment: text(m, &[Field::Sentiment]),
        failure_reason,
        failure_message,
        recording_url,
        recording_expires_at,
        transcript_url: text(m, &[Field::TranscriptUrl]),
        transcript: m.first(&[Field::Transcript, Field::TranscriptObject], turns_of),
        variables: object(m, &[Field::Variables, Field::VarsProvided]),
        extracted_variables: object(m, &[Field::VarsExtracted, Field::ExtractedVariables]),
        context: (context.is_some() || metadata.is_some()).then_some(Context { context, metadata }),
        latency: object(m, &[Field::Latency, Field::LatencyBreakdown]).and_then(latency),
    }
}

/// The first usable time among `fields`: as sent when it is already canonical.
fn time<'t, 'a>(m: &Fields<'t, 'a>, fields: &[Field]) -> Option<Text<'t, 'a>> {
    m.first(fields, |node| {
        Some(match time_of(node)? {
            Cow::Borrowed(same) if Some(same.len()) == node.as_str().map(str::len) => {
                Text::Sent(node)
            }
            other => Text::Made(other.into_owned()),
        })
    })
}

/// A string id as sent, or an integral numeric id as its decimal string.
fn id_text<'t, 'a>(node: Node<'t, 'a>) -> Option<Text<'t, 'a>> {
    if node.as_str().is_some() {
        return Some(Text::Sent(node));
    }
    let id = node.as_integer()?;
    let mut text = String::new();
    if id < 0 {
        text.push('-');
    }
    push_u64(&mut text, u64::try_from(id.unsigned_abs()).ok()?);
    Some(Text::Made(text))
}

/// `cost_usd`, else `cost_cents` / 100, else a cost breakdown (`cost`, `cost_breakdown`,
/// `call_cost`): a number there is dollars, an object gives its total.
fn cost_usd(m: &Fields<'_, '_>) -> Option<f64> {
    m.first(&[Field::CostUsd], non_negative)
        .or_else(|| {
            m.first(&[Field::CostCents], non_negative)
                .map(|c| c / 100.0)
        })
        .or_else(|| {
            m.first(
                &[Field::Cost, Field::CostBreakdown, Field::CallCost],
                |node| {
                    if node.is_object() {
                        breakdown_total(node)
                    } else {
                        non_negative(node)
                    }
                },
            )
        })
}

/// The total of a cost breakdown: its `total`, `total_usd`, `total_cost` or `combined_cost`
/// (or `total_cents` / 100) when present, else the sum of its top-level numeric values
/// (nested objects and non-numbers are ignored). `None` when nothing numeric is there or the
/// result is negative.
fn breakdown_total(b: Node<'_, '_>) -> Option<f64> {
    let total = ["total", "total_usd", "total_cost", "combined_cost"]
        .iter()
        .find_map(|key| b.get(key).and_then(number))
        .or_else(|| b.get("total_cents").and_then(number).map(|c| c / 100.0));
    if let Some(total) = total {
        return Some(total).filter(|t| *t >= 0.0);
    }
    let mut sum = None;
    for (_, value) in b.entries() {
        if let Some(f) = value.as_f64() {
            sum = Some(sum.unwrap_or(0.0) + f);
        }
    }
    sum.filter(|s: &f64| s.is_finite() && *s >= 0.0)
}

/// Seed 004's latency breakdown; `None` when the object has none of its fields as a
/// non-negative number.
fn latency(b: Node<'_, '_>) -> Option<LatencyBreakdown> {
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
