//! Transcripts: arrays of turns in any dialect, or plain `Speaker: text` lines.

use serde_json::Value;

use super::fields::{first, not_an_object, string, unwrap_object, Object};
use super::num::{non_negative, parse_decimal};
use super::words::normalize_speaker;
use crate::error::Result;
use crate::model::{Transcript, TranscriptTurn};

/// Fields of a transcript payload that hold the turns.
const TURN_KEYS: &[&str] = &["transcript", "turns", "transcript_object"];

/// Normalizes a transcript value into turns.
///
/// - An array: each element that is an object with a string `text` (or `content`, or
///   `message`) becomes a turn; other elements are skipped. The speaker comes from `speaker`
///   (or `role`): agent/assistant/bot/ai -> `"agent"`, contact/user/customer/caller/human ->
///   `"contact"` (any case), other words kept as sent, missing -> `"unknown"`. The timestamp
///   is in **seconds** from `timestamp`, `start`, `time` or `start_time` (a number or a
///   decimal string), or in milliseconds from `timestamp_ms`, `start_ms` or `start_time_ms`
///   (divided by 1000); negative or missing -> `null`.
/// - A string: plain text, one turn per `Speaker: text` line (an optional `[1.2s]` or
///   `[0:01]` prefix gives the timestamp). A line without a `Speaker:` prefix continues the
///   previous turn (joined with a newline); text before the first prefix becomes an
///   `"unknown"` turn; blank lines are ignored. A prefix is at most three words (letters,
///   digits, `_`, `-`, `.`, `'`), starting with a letter.
/// - Anything else (null, a number, an object): `null`.
///
/// An empty array or an empty string gives `[]`.
///
/// ```ts
/// normalizeTurns("Agent: Hi!\nUser: Hello");
/// // [{ speaker: "agent", text: "Hi!", timestamp: null }, { speaker: "contact", text: "Hello", timestamp: null }]
/// ```
pub fn normalize_turns(value: &Value) -> Option<Vec<TranscriptTurn>> {
    match value {
        Value::Array(items) => Some(items.iter().filter_map(turn_from_value).collect()),
        Value::String(text) => Some(parse_plain(text)),
        _ => None,
    }
}

/// Normalizes the transcript endpoint's payload into `{ turns, summary }`.
///
/// Accepts `{data: {transcript, summary}, meta}` (seed 001), a bare `{transcript, summary}`,
/// a whole call object (bare or enveloped; its `transcript` and `summary` are used), a bare
/// array of turns, `{data: [turns...]}`, or a plain-text transcript string. The turns are read
/// as in `normalizeTurns`; a missing or unusable `transcript` gives `turns: []`.
///
/// Throws a `TruedyError` of kind `decode` for a number, boolean or null, for an API error
/// body, and for an envelope whose `data` is neither an object nor an array.
pub fn normalize_transcript(value: Value) -> Result<Transcript> {
    match value {
        Value::Array(_) | Value::String(_) => Ok(Transcript {
            turns: normalize_turns(&value).unwrap_or_default(),
            summary: None,
        }),
        Value::Object(mut map) => {
            let own = TURN_KEYS.iter().any(|k| map.contains_key(*k));
            if !own && map.get("data").is_some_and(Value::is_array) {
                let turns = map.remove("data").and_then(|d| normalize_turns(&d));
                return Ok(Transcript {
                    turns: turns.unwrap_or_default(),
                    summary: None,
                });
            }
            let (inner, _) = unwrap_object(Value::Object(map), "a transcript object", TURN_KEYS)?;
            Ok(transcript_from_object(&inner))
        }
        other => Err(not_an_object("a transcript object", &other)),
    }
}

fn transcript_from_object(m: &Object) -> Transcript {
    Transcript {
        turns: first(m, TURN_KEYS, normalize_turns).unwrap_or_default(),
        summary: string(m, &["summary"]),
    }
}

fn turn_from_value(v: &Value) -> Option<TranscriptTurn> {
    let m = v.as_object()?;
    let text = first(m, &["text", "content", "message"], Value::as_str)?;
    let speaker = first(m, &["speaker", "role"], |s| {
        s.as_str().filter(|s| !s.trim().is_empty())
    })
    .map_or_else(|| "unknown".to_owned(), normalize_speaker);
    let timestamp = first(
        m,
        &["timestamp", "start", "time", "start_time"],
        non_negative,
    )
    .or_else(|| {
        first(
            m,
            &["timestamp_ms", "start_ms", "start_time_ms"],
            non_negative,
        )
        .map(|ms| ms / 1000.0)
    });
    Some(TranscriptTurn {
        speaker,
        text: text.to_owned(),
        timestamp,
    })
}

fn parse_plain(text: &str) -> Vec<TranscriptTurn> {
    let mut turns: Vec<TranscriptTurn> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (timestamp, rest) = split_timestamp(line);
        if let Some((speaker, said)) = split_speaker(rest) {
            turns.push(TranscriptTurn {
                speaker: normalize_speaker(speaker),
                text: said.to_owned(),
                timestamp,
            });
        } else if let Some(last) = turns.last_mut() {
            if !last.text.is_empty() {
                last.text.push('\n');
            }
            last.text.push_str(line);
        } else {
            turns.push(TranscriptTurn {
                speaker: "unknown".to_owned(),
                text: line.to_owned(),
                timestamp: None,
            });
        }
    }
    turns
}

/// `[1.2s] rest`, `[1.2] rest`, `[0:01] rest` or `[1:02:03.5] rest` -> (seconds, rest).
fn split_timestamp(line: &str) -> (Option<f64>, &str) {
    let parsed = line.strip_prefix('[').and_then(|after| {
        let (inside, rest) = after.split_once(']')?;
        let inside = inside.trim();
        let inside = inside.strip_suffix('s').unwrap_or(inside);
        let mut seconds = 0.0;
        for (i, part) in inside.split(':').enumerate() {
            if i > 2 {
                return None;
            }
            seconds = seconds * 60.0 + parse_decimal(part).filter(|p| *p >= 0.0)?;
        }
        Some((seconds, rest.trim_start()))
    });
    match parsed {
        Some((seconds, rest)) => (Some(seconds), rest),
        None => (None, line),
    }
}

/// An ASCII letter, or any character beyond ASCII that is neither a control character nor
/// white space. Close enough to `char::is_alphabetic` for a speaker label, without its
/// Unicode tables in the wasm.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
}

/// `Speaker: text` -> (speaker, text), when the part before the first `:` looks like a name.
fn split_speaker(line: &str) -> Option<(&str, &str)> {
    let (label, said) = line.split_once(':')?;
    let label = label.trim();
    let starts_with_letter = label.chars().next().is_some_and(is_letter);
    let name_chars = label
        .chars()
        .all(|c| is_letter(c) || c.is_ascii_digit() || matches!(c, ' ' | '_' | '-' | '.' | '\''));
    let short = label.chars().count() <= 32 && label.split_whitespace().count() <= 3;
    if !starts_with_letter || !name_chars || !short || said.starts_with("//") {
        return None;
    }
    Some((label, said.trim()))
}
