//! One writer per output style. Each writes straight into the caller's `String`.

use super::number::{push_clock, push_fixed1, push_timecode, push_u64};
use super::text::{
    push_class_name, push_cue_line, push_cue_text, push_html, push_markdown, CueEscape,
};
use super::{Segment, Speaker};

/// Whole seconds of a usable timestamp (floored).
fn whole_seconds(t: f64) -> u64 {
    t.floor() as u64
}

/// Milliseconds of a usable timestamp (rounded to the nearest).
fn millis(t: f64) -> u64 {
    (t * 1000.0 + 0.5).floor() as u64
}

/// `plain` and `timestamped`: `[1.2s] Agent: text` lines joined by `\n`.
pub(super) fn lines(out: &mut String, segments: &[Segment<'_>], timestamped: bool) {
    for (i, seg) in segments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if timestamped {
            if let Some(t) = seg.timestamp {
                out.push('[');
                push_fixed1(out, t);
                out.push_str("s] ");
            }
        }
        out.push_str(&seg.label);
        out.push_str(": ");
        seg.write_text(out, |out, s, _| out.push_str(s));
    }
}

/// `markdown`: `**Agent** (0:01): text` paragraphs separated by a blank line.
pub(super) fn markdown(out: &mut String, segments: &[Segment<'_>]) {
    for (i, seg) in segments.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str("**");
        push_markdown(out, &seg.label, false);
        out.push_str("**");
        if let Some(t) = seg.timestamp {
            out.push_str(" (");
            push_clock(out, whole_seconds(t));
            out.push(')');
        }
        out.push_str(": ");
        seg.write_text(out, push_markdown);
    }
}

/// The last cue (or one followed by a turn without a timestamp) lasts 0.4 s per word,
/// between 1 s and 10 s.
fn estimated_duration_ms(seg: &Segment<'_>) -> u64 {
    let words = u64::try_from(seg.word_count()).unwrap_or(u64::MAX);
    words.saturating_mul(400).clamp(1000, 10_000)
}

/// A cue whose next turn starts at or before it lasts 0.5 s.
const MIN_CUE_MS: u64 = 500;

/// `srt` and `vtt`: numbered cues, each ending where the next one starts.
pub(super) fn cues(out: &mut String, segments: &[Segment<'_>], vtt: bool) {
    let (sep, escape) = if vtt {
        ('.', CueEscape::Vtt)
    } else {
        (',', CueEscape::Srt)
    };
    if vtt {
        out.push_str("WEBVTT\n");
    }
    let mut prev_end = 0u64;
    for (i, seg) in segments.iter().enumerate() {
        let start = seg.timestamp.map_or(prev_end, |t| millis(t).max(prev_end));
        let next = segments.get(i + 1).and_then(|s| s.timestamp).map(millis);
        let end = match next {
            Some(t) if t > start => t,
            Some(_) => start.saturating_add(MIN_CUE_MS),
            None => start.saturating_add(estimated_duration_ms(seg)),
        };
        prev_end = end;

        if vtt || i > 0 {
            out.push('\n');
        }
        push_u64(out, u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1));
        out.push('\n');
        push_timecode(out, start, sep);
        out.push_str(" --> ");
        push_timecode(out, end, sep);
        out.push('\n');
        if vtt {
            out.push_str("<v ");
            push_voice(out, &seg.label);
            out.push('>');
        } else {
            push_cue_line(out, &seg.label, escape);
            out.push_str(": ");
        }
        seg.write_text(out, |out, s, _| {
            push_cue_text(out, s, escape);
        });
        out.push('\n');
    }
}

/// A WebVTT voice name: escaped as cue text, and a trailing run of `-` written as `‐`
/// (U+2010), since the `>` that closes the span would otherwise make `-->`, which ends the
/// cue's timing line for a parser and drops the turn's words.
fn push_voice(out: &mut String, label: &str) {
    let kept = label.trim_end_matches('-');
    push_cue_line(out, kept, CueEscape::Vtt);
    for _ in kept.len()..label.len() {
        out.push('‐');
    }
}

/// `html`: `<div class="truedy-transcript">` with one `<p>` per turn.
pub(super) fn html(out: &mut String, segments: &[Segment<'_>]) {
    out.push_str("<div class=\"truedy-transcript\">");
    for seg in segments {
        out.push_str("<p class=\"turn turn-");
        match seg.speaker {
            Speaker::Agent => out.push_str("agent"),
            Speaker::Contact => out.push_str("contact"),
            Speaker::Other(word) => push_class_name(out, word),
        }
        out.push_str("\"><span class=\"speaker\">");
        push_html(out, &seg.label, false);
        out.push_str("</span> ");
        if let Some(t) = seg.timestamp {
            out.push_str("<span class=\"time\">");
            push_clock(out, whole_seconds(t));
            out.push_str("</span> ");
        }
        out.push_str("<span class=\"text\">");
        seg.write_text(out, |out, s, _| push_html(out, s, true));
        out.push_str("</span></p>");
    }
    out.push_str("</div>");
}
