//! Transcripts: arrays of turns in any dialect, or plain `Speaker: text` lines.

use serde_json::Value;

use super::fields::{not_an_object, text, unwrap_object};
use super::num::{non_negative, parse_decimal};
use super::view::{Text, TurnView, TurnsView};
use super::words::{speaker_word, SpeakerWord};
use crate::error::Result;
use crate::model::{Transcript, TranscriptTurn};
use crate::tree::{Field, Fields, Node, Tree};

/// Fields of a transcript payload that hold the turns.
const TURN_FIELDS: &[Field] = &[Field::Transcript, Field::Turns, Field::TranscriptObject];

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
    let tree = Tree::from_value(value);
    turns_of(tree.root()).map(|turns| turns.to_turns())
}

/// [`normalize_turns`] over a node.
pub fn turns_of<'t, 'a>(node: Node<'t, 'a>) -> Option<TurnsView<'t, 'a>> {
    if let Some(text) = node.as_str() {
        return Some(TurnsView {
            array: None,
            turns: parse_plain(text),
        });
    }
    if !node.is_array() {
        return None;
    }
    let turns = (0u32..)
        .zip(node.items())
        .filter_map(|(index, item)| turn_of(item, index))
        .collect();
    Some(TurnsView {
        array: Some(node),
        turns,
    })
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
    let tree = Tree::from_value(&value);
    transcript_of(tree.root())
}

/// [`normalize_transcript`] over a node.
pub fn transcript_of(node: Node<'_, '_>) -> Result<Transcript> {
    if node.as_str().is_some() || node.is_array() {
        return Ok(Transcript {
            turns: turns_of(node).map(|t| t.to_turns()).unwrap_or_default(),
            summary: None,
        });
    }
    if !node.is_object() {
        return Err(not_an_object("a transcript object", node));
    }
    let m = Fields::of(node);
    let own = TURN_FIELDS.iter().any(|&field| m.get(field).is_some());
    if let Some(data) = m.get(Field::Data).filter(|d| !own && d.is_array()) {
        return Ok(Transcript {
            turns: turns_of(data).map(|t| t.to_turns()).unwrap_or_default(),
            summary: None,
        });
    }
    let (inner, _) = unwrap_object(node, "a transcript object", TURN_FIELDS)?;
    Ok(Transcript {
        turns: inner
            .first(TURN_FIELDS, turns_of)
            .map(|t| t.to_turns())
            .unwrap_or_default(),
        summary: text(&inner, &[Field::Summary]).map(|t| t.as_str().to_owned()),
    })
}

fn turn_of<'t, 'a>(node: Node<'t, 'a>, index: u32) -> Option<TurnView<'t, 'a>> {
    let m = Fields::of(node);
    let said = m.first(&[Field::Text, Field::Content, Field::Message], |n| {
        n.as_str().is_some().then_some(n)
    })?;
    let speaker = m
        .first(&[Field::Speaker, Field::Role], |n| {
            n.as_str()
                .is_some_and(|s| !s.trim().is_empty())
                .then_some(n)
        })
        .map_or(Text::Made("unknown".to_owned()), |n| {
            match speaker_word(n.as_str().unwrap_or("")) {
                SpeakerWord::Agent => Text::Made("agent".to_owned()),
                SpeakerWord::Contact => Text::Made("contact".to_owned()),
                SpeakerWord::Other => Text::Sent(n),
            }
        });
    let timestamp = m
        .first(
            &[
                Field::Timestamp,
                Field::Start,
                Field::Time,
                Field::StartTime,
            ],
            non_negative,
        )
        .or_else(|| {
            m.first(
                &[Field::TimestampMs, Field::StartMs, Field::StartTimeMs],
                non_negative,
            )
            .map(|ms| ms / 1000.0)
        });
    Some(TurnView {
        sent: Some((node, index)),
        speaker,
        text: Text::Sent(said),
        timestamp,
    })
}

fn parse_plain<'t, 'a>(text: &str) -> Vec<TurnView<'t, 'a>> {
    let mut turns: Vec<TurnView<'t, 'a>> = Vec::new();
    let made = |s: &str| Text::Made(s.to_owned());
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (timestamp, rest) = split_timestamp(line);
        if let Some((speaker, said)) = split_speaker(rest) {
            turns.push(TurnView {
                sent: None,
                speaker: Text::Made(match speaker_word(speaker) {
                    SpeakerWord::Agent => "agent".to_owned(),
                    SpeakerWord::Contact => "contact".to_owned(),
                    SpeakerWord::Other => speaker.to_owned(),
                }),
                text: made(said),
                timestamp,
            });
        } else if let Some(TurnView {
            text: Text::Made(last),
            ..
        }) = turns.last_mut()
        {
            if !last.is_empty() {
                last.push('\n');
            }
            last.push_str(line);
        } else {
            turns.push(TurnView {
                sent: None,
                speaker: made("unknown"),
                text: made(line),
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
