//! Transcript formatting: plain, timestamped, markdown, SRT, WebVTT and HTML.
//!
//! Everything here is plain Rust (no wasm, no web API) and never panics on any input.
//! Output is written into one `String` sized up front; numbers are written by
//! `number` (no `core::fmt` float formatting, which is large in wasm).

pub mod number;
mod styles;
mod text;

use std::borrow::Cow;

use crate::error::Result;
use crate::model::TranscriptTurn;
use crate::read::{one_of, FromJson, Members};
use crate::tree::Node;

/// One turn to format, borrowed from wherever the turns are: a [`TranscriptTurn`], or the
/// packed columns the host sends across the boundary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn<'a> {
    /// `agent`, `contact` or any other speaker word.
    pub speaker: &'a str,
    /// What was said.
    pub text: &'a str,
    /// Seconds from the start of the call, when known.
    pub timestamp: Option<f64>,
}

impl TranscriptTurn {
    /// The turn as [`format_turns`] reads it.
    pub fn as_turn(&self) -> Turn<'_> {
        Turn {
            speaker: &self.speaker,
            text: &self.text,
            timestamp: self.timestamp,
        }
    }
}

/// The output format of `formatTranscript`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(rename_all = "lowercase"))]
pub enum TranscriptStyle {
    /// `Agent: text`, one line per turn, joined by `\n` (no trailing newline). The default.
    #[default]
    Plain,
    /// `[1.2s] Agent: text`: the start time with one decimal, exactly as JavaScript's
    /// `toFixed(1)` writes it. A turn without a timestamp is written as in `plain`.
    Timestamped,
    /// `**Agent** (0:01): text` paragraphs separated by a blank line (`**Agent**: text`
    /// without a timestamp); times are whole seconds as `m:ss`, or `h:mm:ss` from an hour.
    /// Markdown syntax in caller text is backslash-escaped and line breaks become spaces.
    Markdown,
    /// SubRip subtitles: numbered cues `00:00:01,200 --> 00:00:05,800` then `Agent: text`.
    Srt,
    /// WebVTT: `WEBVTT`, then numbered cues `00:00:01.200 --> 00:00:05.800` with the
    /// speaker as a voice span, `<v Agent>text`; text escaped as WebVTT requires.
    Vtt,
    /// An HTML fragment, `<div class="truedy-transcript">` with one
    /// `<p class="turn turn-agent">` per turn; every caller-supplied string is escaped.
    Html,
}

const STYLES: [(&str, TranscriptStyle); 6] = [
    ("plain", TranscriptStyle::Plain),
    ("timestamped", TranscriptStyle::Timestamped),
    ("markdown", TranscriptStyle::Markdown),
    ("srt", TranscriptStyle::Srt),
    ("vtt", TranscriptStyle::Vtt),
    ("html", TranscriptStyle::Html),
];

impl FromJson for TranscriptStyle {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let words = STYLES.map(|(word, _)| word);
        let index = one_of(value, name, &words)?;
        Ok(STYLES
            .get(index)
            .map_or(TranscriptStyle::Plain, |&(_, style)| style))
    }
}

/// Display names for the two known speakers. Missing or blank names keep the defaults,
/// `Agent` and `Contact`; surrounding whitespace is trimmed.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct SpeakerLabels {
    /// Shown instead of `Agent` (for example the agent's name, `"Aria"`).
    pub agent: Option<String>,
    /// Shown instead of `Contact` (for example `"Customer"`).
    pub contact: Option<String>,
}

impl FromJson for SpeakerLabels {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(SpeakerLabels {
            agent: m.get("agent")?,
            contact: m.get("contact")?,
        })
    }
}

/// Options of `formatTranscript`. Every field may be omitted.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct FormatOptions {
    /// The output format; `"plain"` when omitted.
    pub style: Option<TranscriptStyle>,
    /// Display names for the agent and the contact.
    pub labels: Option<SpeakerLabels>,
    /// Join adjacent turns whose speaker label is the same into one turn: texts joined
    /// with a single space (each trimmed, empty ones skipped), the time of the first turn
    /// that has one. `false` when omitted.
    pub merge_consecutive: Option<bool>,
}

impl FromJson for FormatOptions {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(FormatOptions {
            style: m.get("style")?,
            labels: m.get("labels")?,
            merge_consecutive: m.get("mergeConsecutive")?,
        })
    }
}

/// Formats a transcript as text for display, export or subtitles.
///
/// Speakers `agent` and `contact` are shown as `Agent` and `Contact` (or `labels`); any
/// other speaker word is shown as sent with its first letter upper-cased (`Unknown` when
/// empty); control characters in a label become spaces. A `timestamp` counts only when it
/// is a finite number, at least 0 and below 1e15 seconds; otherwise the turn is treated as
/// having none. Never throws.
///
/// SRT and WebVTT cues follow each other without gaps or overlaps, each ending where the
/// next one starts, and times never go backwards:
/// - a cue starts at its turn's timestamp, or where the previous cue ended (0 for the
///   first) when the turn has no timestamp or does not come after the previous turn;
/// - it ends at the next turn's timestamp when that is later; when the next turn is not
///   later it lasts 0.5 s; when the next turn has no timestamp, and for the last cue, it
///   lasts 0.4 s per word, at least 1 s and at most 10 s.
///
/// Cue text keeps its line breaks but drops blank lines (a blank line would end the cue).
/// In SRT, `-->` in caller text becomes `→`; in WebVTT, `&`, `<` and `>` are written as
/// `&amp;`, `&lt;` and `&gt;`. HTML escapes `& < > " '` in every caller-supplied string
/// (text, speaker, labels), turns line breaks into `<br>`, and builds the `turn-…` class
/// from `[a-z0-9-]` only (`turn-other` when nothing is left).
///
/// @example
/// ```ts
/// const text = formatTranscript(call.transcript ?? [], { style: "timestamped" });
/// // "[1.2s] Agent: Hi Sarah, ...\n[5.8s] Contact: I'm good, thanks. ..."
/// const vtt = formatTranscript(turns, { style: "vtt", labels: { agent: "Aria" } });
/// ```
pub fn format_transcript(turns: &[TranscriptTurn], options: &FormatOptions) -> String {
    let turns: Vec<Turn<'_>> = turns.iter().map(TranscriptTurn::as_turn).collect();
    format_turns(&turns, options)
}

/// [`format_transcript`] over borrowed turns.
pub fn format_turns(turns: &[Turn<'_>], options: &FormatOptions) -> String {
    let mut out = String::new();
    write_transcript(&mut out, turns, options);
    out
}

/// [`format_turns`] appending to `out` (so the CSV export can reuse one buffer).
pub(crate) fn write_transcript(out: &mut String, turns: &[Turn<'_>], options: &FormatOptions) {
    let style = options.style.unwrap_or_default();
    let labels = Labels::new(options.labels.as_ref());
    let segments = segments(turns, &labels, options.merge_consecutive.unwrap_or(false));
    out.reserve(estimate_capacity(turns, style, &labels));
    match style {
        TranscriptStyle::Plain => styles::lines(out, &segments, false),
        TranscriptStyle::Timestamped => styles::lines(out, &segments, true),
        TranscriptStyle::Markdown => styles::markdown(out, &segments),
        TranscriptStyle::Srt => styles::cues(out, &segments, false),
        TranscriptStyle::Vtt => styles::cues(out, &segments, true),
        TranscriptStyle::Html => styles::html(out, &segments),
    }
}

/// Timestamps from 1e15 s on (31 million years) are treated as missing, which keeps
/// millisecond arithmetic far from `u64` overflow.
const MAX_TIMESTAMP: f64 = 1e15;

/// The usable value of a turn's timestamp.
fn valid_timestamp(t: Option<f64>) -> Option<f64> {
    t.filter(|t| t.is_finite() && *t >= 0.0 && *t < MAX_TIMESTAMP)
}

/// Who spoke a turn, for the HTML class.
#[derive(Clone, Copy)]
enum Speaker<'a> {
    Agent,
    Contact,
    Other(&'a str),
}

/// The agent and contact labels, resolved once.
struct Labels<'o> {
    agent: Cow<'o, str>,
    contact: Cow<'o, str>,
}

impl<'o> Labels<'o> {
    fn new(labels: Option<&'o SpeakerLabels>) -> Self {
        fn pick<'o>(given: Option<&'o String>, default: &'static str) -> Cow<'o, str> {
            match given.map(|s| text::clean_label(s.trim())) {
                Some(Cow::Borrowed(s)) if !s.is_empty() => Cow::Borrowed(s),
                Some(Cow::Owned(s)) if !s.trim().is_empty() => Cow::Owned(s.trim().to_owned()),
                _ => Cow::Borrowed(default),
            }
        }
        Labels {
            agent: pick(labels.and_then(|l| l.agent.as_ref()), "Agent"),
            contact: pick(labels.and_then(|l| l.contact.as_ref()), "Contact"),
        }
    }
}

/// One output turn: a turn, or a run of merged turns of the same label.
struct Segment<'a> {
    turns: &'a [Turn<'a>],
    speaker: Speaker<'a>,
    label: Cow<'a, str>,
    /// The first usable timestamp of the run, in seconds.
    timestamp: Option<f64>,
}

impl Segment<'_> {
    /// Writes the text with `write`: a single turn's text as is; merged texts trimmed,
    /// empty ones skipped, joined by one space.
    fn write_text(&self, out: &mut String, mut write: impl FnMut(&mut String, &str, bool)) {
        if let [turn] = self.turns {
            write(out, turn.text, true);
            return;
        }
        let mut first = true;
        for turn in self.turns {
            let piece = turn.text.trim();
            if piece.is_empty() {
                continue;
            }
            if !first {
                out.push(' ');
            }
            write(out, piece, first);
            first = false;
        }
    }

    /// Words spoken, for the length of a last cue.
    fn word_count(&self) -> usize {
        self.turns
            .iter()
            .map(|t| t.text.split_whitespace().count())
            .sum()
    }
}

/// Resolves speakers and labels, merging runs when asked.
fn segments<'a>(turns: &'a [Turn<'a>], labels: &'a Labels<'_>, merge: bool) -> Vec<Segment<'a>> {
    let mut segments: Vec<Segment<'a>> = Vec::with_capacity(turns.len());
    for (i, turn) in turns.iter().enumerate() {
        let word = turn.speaker.trim();
        let (speaker, label) = if word.eq_ignore_ascii_case("agent") {
            (Speaker::Agent, Cow::Borrowed(&*labels.agent))
        } else if word.eq_ignore_ascii_case("contact") {
            (Speaker::Contact, Cow::Borrowed(&*labels.contact))
        } else {
            (Speaker::Other(word), text::capitalized_label(word))
        };
        let timestamp = valid_timestamp(turn.timestamp);
        if merge {
            if let Some(last) = segments.last_mut() {
                if last.label == label {
                    let start = i.saturating_sub(last.turns.len());
                    last.turns = turns.get(start..=i).unwrap_or(last.turns);
                    last.timestamp = last.timestamp.or(timestamp);
                    continue;
                }
            }
        }
        segments.push(Segment {
            turns: std::slice::from_ref(turn),
            speaker,
            label,
            timestamp,
        });
    }
    segments
}

/// Output size estimate: the text plus a per-turn overhead for the style.
fn estimate_capacity(turns: &[Turn<'_>], style: TranscriptStyle, labels: &Labels<'_>) -> usize {
    let text: usize = turns.iter().map(|t| t.text.len()).sum();
    let per_turn = match style {
        TranscriptStyle::Plain => 2,
        TranscriptStyle::Timestamped => 12,
        TranscriptStyle::Markdown => 20,
        TranscriptStyle::Srt => 44,
        TranscriptStyle::Vtt => 48,
        TranscriptStyle::Html => 110,
    } + labels.agent.len().max(labels.contact.len());
    let slack = match style {
        TranscriptStyle::Markdown | TranscriptStyle::Html | TranscriptStyle::Vtt => text / 16,
        _ => 0,
    };
    text.saturating_add(slack)
        .saturating_add(turns.len().saturating_mul(per_turn))
        .saturating_add(40)
}
