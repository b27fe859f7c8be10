//! Normalized calls written for the host to build, in one crossing: a list of codes, the
//! numbers, and the text of the strings the core made. A string or object the caller sent
//! is not copied back: the code names the key it sits under, and the host takes its own
//! value from the object it packed (`raw`). The host's `assembleCalls` / `assemblePage`
//! (js/runtime.js) read this format.
//!
//! Each value is one code and its arguments:
//! - [`NULL`], [`TRUE`], [`FALSE`];
//! - [`NUMBER`]: the next number;
//! - [`TEXT`] `len`: the next `len` UTF-16 units of the text;
//! - [`SENT`] `key`: `base[KEYS[key]]`, the object's own member;
//! - [`CONTEXT`] `context` `metadata`: a new object with `base[metadata]`'s members, then
//!   `base[context]`'s (keys are indices in [`KEYS`]);
//! - [`TURNS`] `key` `count`: `count` turns of the array `base[KEYS[key]]`, each its item
//!   index then three values (speaker, text, timestamp) read with that item as the base;
//! - [`PLAIN`] `count`: `count` turns of three values each;
//! - [`LATENCY`]: seven values, the fields of a `LatencyBreakdown`.
//!
//! A call is [`CALL`] `enveloped` (1 when its base is the packed object's `data`) and then
//! one value per name of [`CALL_FIELDS`]. A page is [`PAGE`], five values (`total`,
//! `limit`, `offset`, `hasMore`, `requestId`), the number of calls, and the calls.

use crate::model::LatencyBreakdown;
use crate::normalize::view::{CallView, PageView, Text, TurnsView};
use crate::summary::{direction_word, status_word};
use crate::tree::Node;

/// `null`.
pub const NULL: u32 = 0;
/// `true`.
pub const TRUE: u32 = 1;
/// `false`.
pub const FALSE: u32 = 2;
/// A number.
pub const NUMBER: u32 = 3;
/// A string the core made.
pub const TEXT: u32 = 4;
/// A member of the base object, as the caller sent it.
pub const SENT: u32 = 5;
/// `context` merged with `metadata`.
pub const CONTEXT: u32 = 6;
/// Turns of an array as sent.
pub const TURNS: u32 = 7;
/// Turns parsed from plain text.
pub const PLAIN: u32 = 8;
/// A latency breakdown.
pub const LATENCY: u32 = 9;
/// A call.
pub const CALL: u32 = 10;
/// A page.
pub const PAGE: u32 = 11;
/// No key.
const NONE: u32 = u32::MAX;

/// The members of a JavaScript `Call`, in the order a call's values are written.
pub const CALL_FIELDS: [&str; 31] = [
    "id",
    "status",
    "statusDetail",
    "isTerminal",
    "direction",
    "callType",
    "agentId",
    "phoneNumber",
    "fromNumber",
    "toNumber",
    "createdAt",
    "startedAt",
    "endedAt",
    "updatedAt",
    "durationSeconds",
    "costUsd",
    "costCredits",
    "outcome",
    "summary",
    "shortSummary",
    "sentiment",
    "failureReason",
    "failureMessage",
    "recordingUrl",
    "recordingExpiresAt",
    "transcriptUrl",
    "transcript",
    "variables",
    "extractedVariables",
    "context",
    "latency",
];

/// The members of a JavaScript `LatencyBreakdown`, in the order they are written.
pub const LATENCY_FIELDS: [&str; 7] = [
    "vadDelayMs",
    "sttFinalizeMs",
    "llmStartupMs",
    "llmFirstSentenceMs",
    "ttsSynthesisMs",
    "sendOverheadMs",
    "totalPerceivedMs",
];

/// Calls and pages written for the host.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Ops {
    /// Codes and their arguments.
    pub codes: Vec<u32>,
    /// The numbers, in order.
    pub numbers: Vec<f64>,
    /// The strings the core made, one after the other.
    pub text: String,
}

impl Ops {
    /// Writes a page and its calls.
    pub fn page(&mut self, page: &PageView<'_, '_>) {
        self.codes.push(PAGE);
        self.number(page.total.map(f64::from));
        self.number(page.limit.map(f64::from));
        self.number(page.offset.map(f64::from));
        self.bool(page.has_more);
        match &page.request_id {
            Some(id) => self.text(id),
            None => self.codes.push(NULL),
        }
        self.codes.push(count(page.data.len()));
        for call in &page.data {
            self.call(call);
        }
    }

    /// Writes one call: [`CALL`], then its values in the order of [`CALL_FIELDS`].
    pub fn call(&mut self, call: &CallView<'_, '_>) {
        self.codes.push(CALL);
        self.codes.push(u32::from(call.enveloped));
        self.string(Some(&call.id));
        self.text(status_word(call.status));
        self.string(call.status_detail.as_ref());
        self.bool(call.is_terminal());
        match call.direction {
            Some(direction) => self.text(direction_word(direction)),
            None => self.codes.push(NULL),
        }
        for text in [
            &call.call_type,
            &call.agent_id,
            &call.phone_number,
            &call.from_number,
            &call.to_number,
            &call.created_at,
            &call.started_at,
            &call.ended_at,
            &call.updated_at,
        ] {
            self.string(text.as_ref());
        }
        self.number(call.duration_seconds);
        self.number(call.cost_usd);
        self.number(call.cost_credits);
        for text in [
            &call.outcome,
            &call.summary,
            &call.short_summary,
            &call.sentiment,
            &call.failure_reason,
            &call.failure_message,
            &call.recording_url,
            &call.recording_expires_at,
            &call.transcript_url,
        ] {
            self.string(text.as_ref());
        }
        self.turns(call.transcript.as_ref());
        self.sent(call.variables);
        self.sent(call.extracted_variables);
        match call.context {
            None => self.codes.push(NULL),
            Some(c) => match (c.context, c.metadata) {
                (Some(context), None) => self.sent(Some(context)),
                (context, metadata) => {
                    self.codes.push(CONTEXT);
                    self.codes.push(context.map_or(NONE, key_of));
                    self.codes.push(metadata.map_or(NONE, key_of));
                }
            },
        }
        self.latency(call.latency.as_ref());
    }

    fn turns(&mut self, turns: Option<&TurnsView<'_, '_>>) {
        let Some(turns) = turns else {
            self.codes.push(NULL);
            return;
        };
        match turns.array {
            Some(array) => {
                self.codes.push(TURNS);
                self.codes.push(key_of(array));
            }
            None => self.codes.push(PLAIN),
        }
        self.codes.push(count(turns.turns.len()));
        for turn in &turns.turns {
            if turns.array.is_some() {
                self.codes.push(turn.sent.map_or(0, |(_, index)| index));
            }
            self.string(Some(&turn.speaker));
            self.string(Some(&turn.text));
            self.number(turn.timestamp);
        }
    }

    fn latency(&mut self, latency: Option<&LatencyBreakdown>) {
        let Some(l) = latency else {
            self.codes.push(NULL);
            return;
        };
        self.codes.push(LATENCY);
        for value in [
            l.vad_delay_ms,
            l.stt_finalize_ms,
            l.llm_startup_ms,
            l.llm_first_sentence_ms,
            l.tts_synthesis_ms,
            l.send_overhead_ms,
            l.total_perceived_ms,
        ] {
            self.number(value);
        }
    }

    fn string(&mut self, text: Option<&Text<'_, '_>>) {
        match text {
            None => self.codes.push(NULL),
            Some(Text::Sent(node)) => match node.key_index() {
                Some(key) => {
                    self.codes.push(SENT);
                    self.codes.push(u32::from(key));
                }
                None => self.text(node.as_str().unwrap_or("")),
            },
            Some(Text::Made(text)) => self.text(text),
        }
    }

    /// A member of the base as sent; only nodes under a known key are ever given here.
    fn sent(&mut self, node: Option<Node<'_, '_>>) {
        match node {
            Some(node) => {
                self.codes.push(SENT);
                self.codes.push(key_of(node));
            }
            None => self.codes.push(NULL),
        }
    }

    fn text(&mut self, text: &str) {
        self.codes.push(TEXT);
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        };
        self.codes.push(count(units));
        self.text.push_str(text);
    }

    fn number(&mut self, value: Option<f64>) {
        match value {
            Some(x) => {
                self.codes.push(NUMBER);
                self.numbers.push(x);
            }
            None => self.codes.push(NULL),
        }
    }

    fn bool(&mut self, value: bool) {
        self.codes.push(if value { TRUE } else { FALSE });
    }
}

fn key_of(node: Node<'_, '_>) -> u32 {
    node.key_index().map_or(NONE, u32::from)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The host's key table: every name of [`crate::tree::KEYS`], comma-separated, and the
/// packing of each (`v` value, `o` opaque, `c` calls, `t` turns, `x` context), then the
/// indices of the keys of a call, of a turn, of a page and of a context, the names of
/// [`CALL_FIELDS`] and [`LATENCY_FIELDS`], and the documented call fields the core does not
/// read ([`DOCUMENTED_UNREAD`]); groups are separated by `|`.
pub fn host_schema() -> String {
    use crate::tree::{
        Pack, CALL_FIELDS as CALL, CONTEXT_FIELDS, DOCUMENTED_UNREAD, KEYS, PAGE_FIELDS,
        TURN_FIELDS,
    };
    let names: Vec<&str> = KEYS.iter().map(|(name, _)| *name).collect();
    let packs: String = KEYS
        .iter()
        .map(|(_, pack)| match pack {
            Pack::Value => 'v',
            Pack::Opaque => 'o',
            Pack::Calls => 'c',
            Pack::Turns => 't',
            Pack::Context => 'x',
        })
        .collect();
    let list = |fields: &mut dyn Iterator<Item = u16>| -> String {
        let parts: Vec<String> = fields
            .map(|i| crate::format::number::decimal(u32::from(i)))
            .collect();
        parts.join(",")
    };
    [
        names.join(","),
        packs,
        list(&mut CALL.clone()),
        list(&mut TURN_FIELDS.iter().map(|f| *f as u16)),
        list(&mut PAGE_FIELDS.iter().map(|f| *f as u16)),
        list(&mut CONTEXT_FIELDS.iter().map(|f| *f as u16)),
        CALL_FIELDS.join(","),
        LATENCY_FIELDS.join(","),
        DOCUMENTED_UNREAD.join(","),
    ]
    .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::call_view;
    use crate::tree::{Field, Tree};
    use serde_json::json;

    #[test]
    fn call_fields_are_the_serialized_fields_of_call() {
        let call = crate::normalize::normalize_call(json!({ "id": "c" })).expect("a call");
        let value = serde_json::to_value(&call).expect("serializes");
        let keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "raw")
            .collect();
        assert_eq!(keys, CALL_FIELDS);
        let latency = serde_json::to_value(LatencyBreakdown::default()).expect("serializes");
        let keys: Vec<&str> = latency
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, LATENCY_FIELDS);
    }

    #[test]
    fn sent_strings_are_pointed_at_and_made_ones_written() {
        let value = json!({
            "id": "c1", "status": "completed", "created_at": "2024-04-05T14:21:58+02:00",
            "started_at": "2024-04-05T14:22:01Z", "variables": { "a": 1 }, "duration_ms": 1500,
            "transcript": [{ "role": "user", "content": "Hi" }, 5, { "speaker": "Nurse", "text": "Yes" }]
        });
        let tree = Tree::from_value(&value);
        let view = call_view(tree.root()).expect("a call");
        let mut ops = Ops::default();
        ops.call(&view);
        let key = |f: Field| f as u32;
        let codes = &ops.codes;
        assert_eq!(&codes[..4], &[CALL, 0, SENT, key(Field::Id)]);
        assert_eq!(&codes[4..8], &[TEXT, 5, SENT, key(Field::Status)]);
        assert!(
            ops.text.starts_with("ended2024-04-05T12:21:58Z"),
            "{}",
            ops.text
        );
        let turns = codes.iter().position(|&c| c == TURNS).expect("turns");
        assert_eq!(
            &codes[turns..turns + 12],
            &[
                TURNS,
                key(Field::Transcript),
                2,
                0,
                TEXT,
                7,
                SENT,
                key(Field::Content),
                NULL,
                2,
                SENT,
                key(Field::Speaker),
            ]
        );
        assert_eq!(ops.numbers, [1.5]);
        let variables = &codes[turns + 15..turns + 17];
        assert_eq!(variables, &[SENT, key(Field::Variables)]);
    }
}
