//! Any turns and options: every style writes text without a panic, and no caller text can
//! add a WebVTT or SRT timing line.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::format::{format_turns, FormatOptions, SpeakerLabels, TranscriptStyle, Turn};

#[derive(Arbitrary, Debug)]
struct Input {
    turns: Vec<(String, String, Option<f64>)>,
    agent: Option<String>,
    contact: Option<String>,
    merge: bool,
}

const STYLES: [TranscriptStyle; 6] = [
    TranscriptStyle::Plain,
    TranscriptStyle::Timestamped,
    TranscriptStyle::Markdown,
    TranscriptStyle::Srt,
    TranscriptStyle::Vtt,
    TranscriptStyle::Html,
];

fuzz_target!(|input: Input| {
    let turns: Vec<Turn<'_>> = input
        .turns
        .iter()
        .map(|(speaker, text, timestamp)| Turn {
            speaker,
            text,
            timestamp: *timestamp,
        })
        .collect();
    for style in STYLES {
        let options = FormatOptions {
            style: Some(style),
            labels: Some(SpeakerLabels {
                agent: input.agent.clone(),
                contact: input.contact.clone(),
            }),
            merge_consecutive: Some(input.merge),
        };
        let out = format_turns(&turns, &options);
        if matches!(style, TranscriptStyle::Srt | TranscriptStyle::Vtt) {
            // Each cue has exactly one timing line; caller text can never add another.
            let arrows = out.matches("-->").count();
            let cues = out.lines().filter(|l| is_timing_line(l)).count();
            assert!(
                arrows <= cues,
                "{style:?}: {arrows} arrows in {cues} cues\n{out}"
            );
        }
    }
});

/// `HH:MM:SS,mmm --> HH:MM:SS,mmm` (`.` in WebVTT; hours may have more digits).
fn is_timing_line(line: &str) -> bool {
    let timecode = |t: &str| {
        let Some((clock, millis)) = t.split_once([',', '.']) else {
            return false;
        };
        let parts: Vec<&str> = clock.split(':').collect();
        millis.len() == 3
            && millis.bytes().all(|b| b.is_ascii_digit())
            && parts.len() == 3
            && parts
                .iter()
                .all(|p| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(line.split_once(" --> "), Some((start, end)) if timecode(start) && timecode(end))
}
