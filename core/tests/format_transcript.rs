//! formatTranscript: golden output from the API docs' own examples, subtitle structure,
//! escaping of hostile text, labels, merging and large inputs.

use truedy_core::format::{format_transcript, FormatOptions, SpeakerLabels, TranscriptStyle};
use truedy_core::model::TranscriptTurn;

/// Seed 002's "Example Transcript".
const SEED_002: &str = r#"[
  {"speaker": "agent", "text": "Hi Sarah, this is Aria calling from Bright Dental. How are you today?", "timestamp": 1.2},
  {"speaker": "contact", "text": "I'm good, thanks. What's this about?", "timestamp": 5.8},
  {"speaker": "agent", "text": "I'm calling to confirm your appointment on April 10th at 2 PM. Does that still work for you?", "timestamp": 9.1},
  {"speaker": "contact", "text": "Yes, that works perfectly.", "timestamp": 15.3}
]"#;

/// Seed 000's completed call object, its `transcript`.
const SEED_000: &str = r#"[
  {"speaker": "agent", "text": "Hi Sarah, this is Aria calling from Bright Dental. I'm reaching out about your appointment on April 10th.", "timestamp": 1.2},
  {"speaker": "contact", "text": "Oh hi, yes I remember. Is everything still on?", "timestamp": 7.4},
  {"speaker": "agent", "text": "Absolutely, everything is confirmed for 2pm. Just wanted to make sure you didn't have any questions.", "timestamp": 11.9}
]"#;

fn turns(json: &str) -> Vec<TranscriptTurn> {
    serde_json::from_str(json).expect("valid test transcript")
}

fn turn(speaker: &str, text: &str, timestamp: Option<f64>) -> TranscriptTurn {
    TranscriptTurn {
        speaker: speaker.to_owned(),
        text: text.to_owned(),
        timestamp,
    }
}

fn style(style: TranscriptStyle) -> FormatOptions {
    FormatOptions {
        style: Some(style),
        ..FormatOptions::default()
    }
}

fn labels(agent: Option<&str>, contact: Option<&str>) -> Option<SpeakerLabels> {
    Some(SpeakerLabels {
        agent: agent.map(str::to_owned),
        contact: contact.map(str::to_owned),
    })
}

const ALL_STYLES: [TranscriptStyle; 6] = [
    TranscriptStyle::Plain,
    TranscriptStyle::Timestamped,
    TranscriptStyle::Markdown,
    TranscriptStyle::Srt,
    TranscriptStyle::Vtt,
    TranscriptStyle::Html,
];

// ---------------------------------------------------------------- plain / timestamped

#[test]
fn plain_matches_seed_002_python_format_transcript() {
    // Output of seed 002's Python `format_transcript` on its Example Transcript.
    let expected = "Agent: Hi Sarah, this is Aria calling from Bright Dental. How are you today?\n\
                    Contact: I'm good, thanks. What's this about?\n\
                    Agent: I'm calling to confirm your appointment on April 10th at 2 PM. Does that still work for you?\n\
                    Contact: Yes, that works perfectly.";
    let t = turns(SEED_002);
    assert_eq!(format_transcript(&t, &FormatOptions::default()), expected);
    assert_eq!(
        format_transcript(&t, &style(TranscriptStyle::Plain)),
        expected
    );
}

#[test]
fn timestamped_matches_seed_002_javascript_get_transcript() {
    // Output of seed 002's JavaScript `getTranscript` formatting on its Example Transcript.
    let expected = "[1.2s] Agent: Hi Sarah, this is Aria calling from Bright Dental. How are you today?\n\
                    [5.8s] Contact: I'm good, thanks. What's this about?\n\
                    [9.1s] Agent: I'm calling to confirm your appointment on April 10th at 2 PM. Does that still work for you?\n\
                    [15.3s] Contact: Yes, that works perfectly.";
    assert_eq!(
        format_transcript(&turns(SEED_002), &style(TranscriptStyle::Timestamped)),
        expected
    );
}

#[test]
fn seed_000_transcript_plain_and_timestamped() {
    let t = turns(SEED_000);
    assert_eq!(
        format_transcript(&t, &FormatOptions::default()),
        "Agent: Hi Sarah, this is Aria calling from Bright Dental. I'm reaching out about your appointment on April 10th.\n\
         Contact: Oh hi, yes I remember. Is everything still on?\n\
         Agent: Absolutely, everything is confirmed for 2pm. Just wanted to make sure you didn't have any questions."
    );
    assert_eq!(
        format_transcript(&t, &style(TranscriptStyle::Timestamped)),
        "[1.2s] Agent: Hi Sarah, this is Aria calling from Bright Dental. I'm reaching out about your appointment on April 10th.\n\
         [7.4s] Contact: Oh hi, yes I remember. Is everything still on?\n\
         [11.9s] Agent: Absolutely, everything is confirmed for 2pm. Just wanted to make sure you didn't have any questions."
    );
}

#[test]
fn timestamps_match_javascript_to_fixed_1() {
    // Right-hand sides generated with node 20: `node -e 'console.log((x).toFixed(1))'`.
    let table: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (0.05, "0.1"),
        (0.15, "0.1"),
        (0.25, "0.3"),
        (0.35, "0.3"),
        (0.45, "0.5"),
        (0.95, "0.9"),
        (1.05, "1.1"),
        (1.45, "1.4"),
        (2.675, "2.7"),
        (1e-7, "0.0"),
        (123456.75, "123456.8"),
        (0.04999999999999999, "0.0"),
        (999999999.95, "1000000000.0"),
        (999999999.85, "999999999.9"),
        (59.95, "60.0"),
        (3599.95, "3599.9"),
        (8.25, "8.3"),
        (4.35, "4.3"),
        (1.2, "1.2"),
        (15.3, "15.3"),
        (0.30000000000000004, "0.3"),
        (1e9, "1000000000.0"),
        (5e-324, "0.0"),
        (999999999999999.5, "999999999999999.5"),
    ];
    for &(x, fixed) in table {
        let out = format_transcript(
            &[turn("agent", "hi", Some(x))],
            &style(TranscriptStyle::Timestamped),
        );
        assert_eq!(out, format!("[{fixed}s] Agent: hi"), "timestamp {x:e}");
    }
}

#[test]
fn unusable_timestamps_are_treated_as_missing() {
    for ts in [
        None,
        Some(-1.0),
        Some(-0.01),
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(1e15),
        Some(1e300),
    ] {
        let t = [turn("contact", "hello", ts)];
        assert_eq!(
            format_transcript(&t, &style(TranscriptStyle::Timestamped)),
            "Contact: hello",
            "{ts:?}"
        );
        assert_eq!(
            format_transcript(&t, &style(TranscriptStyle::Markdown)),
            "**Contact**: hello",
            "{ts:?}"
        );
    }
    let mixed = [
        turn("agent", "a", Some(0.0)),
        turn("contact", "b", None),
        turn("agent", "c", Some(2.0)),
    ];
    assert_eq!(
        format_transcript(&mixed, &style(TranscriptStyle::Timestamped)),
        "[0.0s] Agent: a\nContact: b\n[2.0s] Agent: c"
    );
}

#[test]
fn other_speakers_are_capitalized_unicode_safe() {
    let t = [
        turn("supervisor", "one", None),
        turn("élodie", "two", None),
        turn("ßtraße", "three", None),
        turn("", "four", None),
        turn("  AGENT ", "five", None),
        turn("Contact", "six", None),
        turn("日本", "seven", None),
        turn("bot\nname", "eight", None),
    ];
    assert_eq!(
        format_transcript(&t, &FormatOptions::default()),
        "Supervisor: one\nÉlodie: two\nSStraße: three\nUnknown: four\nAgent: five\nContact: six\n日本: seven\nBot name: eight"
    );
}

#[test]
fn labels_rename_agent_and_contact_only() {
    let mut t = turns(SEED_002);
    t.truncate(2);
    t.push(turn("supervisor", "Noted.", Some(20.0)));
    let opts = FormatOptions {
        labels: labels(Some("Aria"), Some("Sarah")),
        ..FormatOptions::default()
    };
    assert_eq!(
        format_transcript(&t, &opts),
        "Aria: Hi Sarah, this is Aria calling from Bright Dental. How are you today?\n\
         Sarah: I'm good, thanks. What's this about?\n\
         Supervisor: Noted."
    );
    // Blank labels keep the default, a missing one too; whitespace and line breaks are cleaned.
    let opts = FormatOptions {
        labels: labels(Some("  "), None),
        ..FormatOptions::default()
    };
    assert!(format_transcript(&t, &opts).starts_with("Agent: Hi"));
    let opts = FormatOptions {
        labels: labels(Some(" Aria\n(bot) "), Some("")),
        ..FormatOptions::default()
    };
    let out = format_transcript(&t, &opts);
    assert!(out.starts_with("Aria (bot): Hi"), "{out}");
    assert!(out.contains("\nContact: I'm good"), "{out}");
}

#[test]
fn merge_consecutive_joins_runs_of_one_speaker() {
    let t = [
        turn("agent", "Hello.", Some(1.0)),
        turn("agent", "  Are you there? ", Some(2.5)),
        turn("contact", "Yes.", Some(4.0)),
        turn("agent", "", Some(5.0)),
        turn("agent", "Great.", Some(6.0)),
        turn("contact", "Bye.", None),
    ];
    let merged = FormatOptions {
        style: Some(TranscriptStyle::Timestamped),
        merge_consecutive: Some(true),
        ..FormatOptions::default()
    };
    assert_eq!(
        format_transcript(&t, &merged),
        "[1.0s] Agent: Hello. Are you there?\n[4.0s] Contact: Yes.\n[5.0s] Agent: Great.\nContact: Bye."
    );
    // Off by default.
    assert_eq!(
        format_transcript(&t, &style(TranscriptStyle::Plain))
            .lines()
            .count(),
        6
    );
    // Merging compares the labels shown: two speakers with one label become one turn.
    let same = FormatOptions {
        labels: labels(Some("Speaker"), Some("Speaker")),
        merge_consecutive: Some(true),
        ..FormatOptions::default()
    };
    assert_eq!(
        format_transcript(&t[..3], &same),
        "Speaker: Hello. Are you there? Yes."
    );
    // The first timestamp of the run counts, even if the first turn has none.
    let late = [turn("agent", "a", None), turn("agent", "b", Some(3.0))];
    let opts = FormatOptions {
        merge_consecutive: Some(true),
        ..style(TranscriptStyle::Timestamped)
    };
    assert_eq!(format_transcript(&late, &opts), "[3.0s] Agent: a b");
}

// ---------------------------------------------------------------- markdown

#[test]
fn markdown_paragraphs_with_clock_times() {
    let mut t = turns(SEED_002);
    t.truncate(2);
    t.push(turn("agent", "Still there?", Some(3725.9)));
    t.push(turn("contact", "Yes", None));
    assert_eq!(
        format_transcript(&t, &style(TranscriptStyle::Markdown)),
        "**Agent** (0:01): Hi Sarah, this is Aria calling from Bright Dental. How are you today?\n\n\
         **Contact** (0:05): I'm good, thanks. What's this about?\n\n\
         **Agent** (1:02:05): Still there?\n\n\
         **Contact**: Yes"
    );
}

#[test]
fn markdown_escapes_caller_text() {
    let t = [
        turn(
            "contact",
            "# not a heading *bold* _it_ `code` [link](x) <b>hi</b> a\\b & ~x~ |",
            Some(61.0),
        ),
        turn("agent", "line one\n\n# line two\r\n- item", None),
        turn("**evil**", "x", None),
    ];
    assert_eq!(
        format_transcript(&t, &style(TranscriptStyle::Markdown)),
        "**Contact** (1:01): \\# not a heading \\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\>hi\\</b\\> a\\\\b \\& \\~x\\~ \\|\n\n\
         **Agent**: line one # line two - item\n\n\
         **\\*\\*evil\\*\\***: x"
    );
}

// ---------------------------------------------------------------- SRT / WebVTT

/// One parsed cue: number, start and end in ms, text lines.
#[derive(Debug)]
struct Cue {
    number: u64,
    start: u64,
    end: u64,
    text: Vec<String>,
}

fn parse_time(s: &str, sep: char) -> u64 {
    let (hms, ms) = s.split_once(sep).expect("millisecond separator");
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().expect("number")).collect();
    assert_eq!(parts.len(), 3, "HH:MM:SS in {s}");
    assert_eq!(ms.len(), 3, "three-digit milliseconds in {s}");
    assert!(hms.len() >= 8, "two-digit fields in {s}");
    ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + ms.parse::<u64>().expect("ms")
}

/// Parses SRT or (after its header) WebVTT the way a player does: blocks split on blank lines.
fn parse_cues(body: &str, sep: char) -> Vec<Cue> {
    assert!(
        body.ends_with('\n') || body.is_empty(),
        "ends with a newline"
    );
    body.split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .map(|block| {
            let mut lines = block.lines();
            let number = lines
                .next()
                .expect("cue number")
                .parse()
                .expect("numeric cue id");
            let timing = lines.next().expect("timing line");
            let (a, b) = timing.split_once(" --> ").expect("timing arrow");
            let text: Vec<String> = lines.map(str::to_owned).collect();
            assert!(!text.is_empty(), "cue has text: {block:?}");
            for line in &text {
                assert!(!line.contains("-->"), "no arrow in cue text: {line:?}");
                assert!(!line.trim().is_empty(), "no blank line in cue text");
            }
            Cue {
                number,
                start: parse_time(a, sep),
                end: parse_time(b, sep),
                text,
            }
        })
        .collect()
}

fn assert_cue_timing(cues: &[Cue]) {
    for (i, cue) in cues.iter().enumerate() {
        assert_eq!(cue.number, i as u64 + 1, "numbered from 1");
        assert!(
            cue.end > cue.start,
            "cue {} ends after it starts: {cue:?}",
            cue.number
        );
        if let Some(next) = cues.get(i + 1) {
            assert_eq!(
                cue.end, next.start,
                "cue {} ends where the next starts",
                cue.number
            );
        }
    }
}

#[test]
fn srt_from_seed_002() {
    let out = format_transcript(&turns(SEED_002), &style(TranscriptStyle::Srt));
    assert!(out.starts_with(
        "1\n00:00:01,200 --> 00:00:05,800\nAgent: Hi Sarah, this is Aria calling from Bright Dental. How are you today?\n\n\
         2\n00:00:05,800 --> 00:00:09,100\nContact: I'm good, thanks. What's this about?\n\n"
    ), "{out}");
    let cues = parse_cues(&out, ',');
    assert_eq!(cues.len(), 4);
    assert_cue_timing(&cues);
    let starts: Vec<u64> = cues.iter().map(|c| c.start).collect();
    assert_eq!(starts, [1200, 5800, 9100, 15300]);
    // Last cue: "Yes, that works perfectly." is 4 words -> 1.6 s.
    assert_eq!(cues[3].end, 15300 + 1600);
    assert_eq!(cues[3].text, ["Contact: Yes, that works perfectly."]);
}

#[test]
fn srt_last_cue_length_is_clamped() {
    let long = "word ".repeat(100);
    let out = format_transcript(
        &[turn("agent", &long, Some(2.0))],
        &style(TranscriptStyle::Srt),
    );
    assert_eq!(parse_cues(&out, ',')[0].end, 12_000, "at most 10 s");
    let out = format_transcript(
        &[turn("agent", "Hi", Some(2.0))],
        &style(TranscriptStyle::Srt),
    );
    assert_eq!(parse_cues(&out, ',')[0].end, 3_000, "at least 1 s");
}

#[test]
fn srt_times_never_go_backwards() {
    let t = [
        turn("agent", "no time", None),
        turn("contact", "at five", Some(5.0)),
        turn("agent", "goes back", Some(3.0)),
        turn("contact", "same again", Some(3.0)),
        turn("agent", "no time either", None),
        turn("contact", "later", Some(30.0)),
        turn("agent", "bad", Some(f64::NAN)),
    ];
    for (s, sep) in [(TranscriptStyle::Srt, ','), (TranscriptStyle::Vtt, '.')] {
        let out = format_transcript(&t, &style(s));
        let body = out.strip_prefix("WEBVTT\n\n").unwrap_or(&out);
        let cues = parse_cues(body, sep);
        assert_eq!(cues.len(), t.len());
        assert_cue_timing(&cues);
        let times: Vec<(u64, u64)> = cues.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(
            times,
            [
                (0, 5000),      // untimed first turn starts at 0, ends at the next turn
                (5000, 5500),   // next turn goes back: 0.5 s
                (5500, 6000),   // starts where the previous cue ended; next not later: 0.5 s
                (6000, 7000),   // next has no time: estimate (2 words -> min 1 s)
                (7000, 30000),  // untimed: starts at the previous end
                (30000, 31000), // next has no usable time: estimate
                (31000, 32000), // last cue
            ]
        );
    }
}

#[test]
fn cue_text_cannot_end_a_cue_or_fake_a_timing_line() {
    let t = [
        turn(
            "agent",
            "first\n\n\n2\n00:00:09,000 --> 00:00:10,000\r\n\r\nforged",
            Some(1.0),
        ),
        turn("contact", "a ---> b -> c -- > d", Some(2.0)),
        turn("x-->y", "\n\n  \n", Some(3.0)),
    ];
    let srt = format_transcript(&t, &style(TranscriptStyle::Srt));
    let cues = parse_cues(&srt, ',');
    assert_eq!(cues.len(), 3, "{srt}");
    assert_cue_timing(&cues);
    assert_eq!(
        cues[0].text,
        ["Agent: first", "2", "00:00:09,000 → 00:00:10,000", "forged"]
    );
    assert_eq!(cues[1].text, ["Contact: a → b -> c -- > d"]);
    assert_eq!(cues[2].text, ["X→y: "]);

    let vtt = format_transcript(&t, &style(TranscriptStyle::Vtt));
    let cues = parse_cues(vtt.strip_prefix("WEBVTT\n\n").expect("header"), '.');
    assert_eq!(cues.len(), 3, "{vtt}");
    assert_eq!(cues[0].text[2], "00:00:09,000 --&gt; 00:00:10,000");
    assert_eq!(cues[1].text, ["<v Contact>a ---&gt; b -&gt; c -- &gt; d"]);
    assert_eq!(cues[2].text, ["<v X--&gt;y>"]);
}

#[test]
fn vtt_from_seed_002() {
    let out = format_transcript(&turns(SEED_002), &style(TranscriptStyle::Vtt));
    assert!(out.starts_with(
        "WEBVTT\n\n1\n00:00:01.200 --> 00:00:05.800\n<v Agent>Hi Sarah, this is Aria calling from Bright Dental. How are you today?\n\n"
    ), "{out}");
    let body = out.strip_prefix("WEBVTT\n\n").expect("WEBVTT header");
    let cues = parse_cues(body, '.');
    assert_eq!(cues.len(), 4);
    assert_cue_timing(&cues);
    assert_eq!(
        cues[1].text,
        ["<v Contact>I'm good, thanks. What's this about?"]
    );
    assert_eq!(cues[3].start, 15300);
}

#[test]
fn vtt_escapes_text_and_voice() {
    let t = [turn("<b>&boss", "1 < 2 && 3 > 2 <c.red>x</c>", Some(0.5))];
    let opts = FormatOptions {
        labels: labels(Some("A&B"), None),
        ..style(TranscriptStyle::Vtt)
    };
    // 8 words: the last cue lasts 3.2 s.
    assert_eq!(
        format_transcript(&t, &opts),
        "WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.700\n<v &lt;b&gt;&amp;boss>1 &lt; 2 &amp;&amp; 3 &gt; 2 &lt;c.red&gt;x&lt;/c&gt;\n"
    );
    let agent = [turn("agent", "hi", Some(0.0))];
    assert!(format_transcript(&agent, &opts).contains("\n<v A&amp;B>hi\n"));
}

#[test]
fn no_speaker_or_label_can_write_an_arrow_into_a_cue() {
    // A voice ending in `--` would make `<v X-->`: a WebVTT parser reads `-->` as a timing
    // line and drops the turn. SRT writes `-->` in caller text as `→`.
    for (speaker, label) in [
        ("X--", None),
        ("agent", Some("Bot--")),
        ("a-->b", None),
        ("--", None),
    ] {
        let t = [
            turn(speaker, "hi -->there", Some(1.0)),
            turn("contact", "ok", Some(2.0)),
        ];
        for s in [TranscriptStyle::Vtt, TranscriptStyle::Srt] {
            let opts = FormatOptions {
                labels: labels(label, None),
                ..style(s)
            };
            let out = format_transcript(&t, &opts);
            let arrows = out.matches("-->").count();
            assert_eq!(
                arrows, 2,
                "{s:?} {speaker:?} {label:?}: only the two timing lines\n{out}"
            );
        }
    }
    let t = [turn("X--", "hi", Some(1.0))];
    assert!(format_transcript(&t, &style(TranscriptStyle::Vtt)).contains("<v X‐‐>hi"));
}

// ---------------------------------------------------------------- HTML

/// Checks that the only markup in `html` is what the formatter itself writes, and that
/// every attribute value is a plain class list.
fn assert_only_our_markup(html: &str) {
    let allowed = [
        "<div class=\"",
        "</div>",
        "<p class=\"",
        "</p>",
        "<span class=\"",
        "</span>",
        "<br>",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag = allowed
            .iter()
            .find(|t| rest.starts_with(*t))
            .unwrap_or_else(|| panic!("unexpected markup at {rest:?}"));
        rest = &rest[tag.len()..];
        if tag.ends_with('"') {
            let end = rest.find('"').expect("closing quote");
            let value = &rest[..end];
            assert!(
                value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ' '),
                "class value {value:?}"
            );
            rest = &rest[end..];
            assert!(rest.starts_with("\">"), "one attribute only: {rest:?}");
        }
    }
    assert!(!html.contains('\''), "single quotes are escaped");
}

#[test]
fn html_fragment_structure() {
    let mut t = turns(SEED_002);
    t.truncate(2);
    t.push(turn("Supervisor Bob", "Line one\nline two\r\nthree", None));
    let out = format_transcript(&t, &style(TranscriptStyle::Html));
    assert_eq!(
        out,
        "<div class=\"truedy-transcript\">\
         <p class=\"turn turn-agent\"><span class=\"speaker\">Agent</span> <span class=\"time\">0:01</span> \
         <span class=\"text\">Hi Sarah, this is Aria calling from Bright Dental. How are you today?</span></p>\
         <p class=\"turn turn-contact\"><span class=\"speaker\">Contact</span> <span class=\"time\">0:05</span> \
         <span class=\"text\">I&#39;m good, thanks. What&#39;s this about?</span></p>\
         <p class=\"turn turn-supervisor-bob\"><span class=\"speaker\">Supervisor Bob</span> \
         <span class=\"text\">Line one<br>line two<br>three</span></p>\
         </div>"
    );
    assert_only_our_markup(&out);
}

#[test]
fn html_escapes_everything_the_caller_supplies() {
    let t = [
        turn("contact", "<script>alert(1)</script>", Some(1.0)),
        turn("agent", "\" onmouseover=\"x", Some(2.0)),
        turn("contact", "&amp; ' <", None),
        turn("<img src=x onerror=alert(1)>", "hi", None),
        turn("\"><script>x</script>", "q", None),
        turn("日本語!!", "r", None),
        turn("---", "s", None),
    ];
    let opts = FormatOptions {
        labels: labels(Some("<b onclick=\"x\">Aria</b>"), Some("O'Brien & co")),
        ..style(TranscriptStyle::Html)
    };
    let out = format_transcript(&t, &opts);
    assert_only_our_markup(&out);
    assert!(!out.contains("<script"));
    assert!(!out.contains("<img"));
    assert!(!out.contains("<b"));
    assert!(out.contains("<span class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"));
    assert!(out.contains("<span class=\"text\">&quot; onmouseover=&quot;x</span>"));
    assert!(out.contains("<span class=\"text\">&amp;amp; &#39; &lt;</span>"));
    assert!(out
        .contains("<span class=\"speaker\">&lt;b onclick=&quot;x&quot;&gt;Aria&lt;/b&gt;</span>"));
    assert!(out.contains("<span class=\"speaker\">O&#39;Brien &amp; co</span>"));
    assert!(out.contains(
        "<p class=\"turn turn-img-src-x-onerror-alert-1\"><span class=\"speaker\">&lt;img src=x onerror=alert(1)&gt;</span>"
    ));
    assert!(out.contains("<p class=\"turn turn-script-x-script\">"));
    assert!(out.contains("<p class=\"turn turn-other\"><span class=\"speaker\">日本語!!</span>"));
    assert!(out.contains("<p class=\"turn turn-other\"><span class=\"speaker\">---</span>"));
}

// ---------------------------------------------------------------- all styles

#[test]
fn empty_transcript() {
    let expected = [
        "",
        "",
        "",
        "",
        "WEBVTT\n",
        "<div class=\"truedy-transcript\"></div>",
    ];
    for (s, want) in ALL_STYLES.into_iter().zip(expected) {
        assert_eq!(format_transcript(&[], &style(s)), want, "{s:?}");
    }
}

#[test]
fn ten_thousand_turns() {
    let t: Vec<TranscriptTurn> = (0..10_000)
        .map(|i| {
            let speaker = if i % 2 == 0 { "agent" } else { "contact" };
            turn(
                speaker,
                "Some words said in this turn, <maybe> & \"quoted\".",
                Some(f64::from(i) * 2.5),
            )
        })
        .collect();
    let plain = format_transcript(&t, &style(TranscriptStyle::Plain));
    assert_eq!(plain.lines().count(), 10_000);
    let ts = format_transcript(&t, &style(TranscriptStyle::Timestamped));
    assert_eq!(ts.lines().count(), 10_000);
    assert!(ts.ends_with("[24997.5s] Contact: Some words said in this turn, <maybe> & \"quoted\"."));
    let md = format_transcript(&t, &style(TranscriptStyle::Markdown));
    assert_eq!(md.split("\n\n").count(), 10_000);
    let srt = format_transcript(&t, &style(TranscriptStyle::Srt));
    let cues = parse_cues(&srt, ',');
    assert_eq!(cues.len(), 10_000);
    assert_cue_timing(&cues);
    let vtt = format_transcript(&t, &style(TranscriptStyle::Vtt));
    assert_eq!(
        parse_cues(vtt.strip_prefix("WEBVTT\n\n").expect("header"), '.').len(),
        10_000
    );
    let html = format_transcript(&t, &style(TranscriptStyle::Html));
    assert_eq!(html.matches("<p class=").count(), 10_000);
    assert_only_our_markup(&html);
    let merged = FormatOptions {
        merge_consecutive: Some(true),
        ..style(TranscriptStyle::Plain)
    };
    assert_eq!(format_transcript(&t, &merged).lines().count(), 10_000);
}

#[test]
fn odd_input_never_panics() {
    let t = [
        turn("", "", None),
        turn("\u{0}", "\u{0}\u{1F600}\r", Some(f64::MIN_POSITIVE)),
        turn("ǅ", "e\u{301}\n\r\n", Some(1e15 - 1.0)),
        turn("agent", "\\", Some(f64::MAX)),
        turn("contact", "-->", Some(-0.0)),
    ];
    for s in ALL_STYLES {
        for merge in [false, true] {
            let opts = FormatOptions {
                merge_consecutive: Some(merge),
                labels: labels(Some("\u{0}"), Some("é")),
                ..style(s)
            };
            let _ = format_transcript(&t, &opts);
        }
    }
}

#[test]
fn options_from_javascript_objects() {
    let read = |v: serde_json::Value| truedy_core::read::from_value::<FormatOptions>(&v, "options");
    assert_eq!(
        read(serde_json::json!({})).expect("empty options"),
        FormatOptions::default()
    );
    let opts = read(serde_json::json!({
        "style": "vtt", "labels": { "agent": "Aria" }, "mergeConsecutive": true
    }))
    .expect("options");
    assert_eq!(opts.style, Some(TranscriptStyle::Vtt));
    assert_eq!(opts.labels, labels(Some("Aria"), None));
    assert_eq!(opts.merge_consecutive, Some(true));
    let opts = read(serde_json::json!({ "style": null, "labels": null })).expect("nulls");
    assert_eq!(opts, FormatOptions::default());
    for (s, word) in
        ALL_STYLES
            .into_iter()
            .zip(["plain", "timestamped", "markdown", "srt", "vtt", "html"])
    {
        assert_eq!(
            read(serde_json::json!({ "style": word }))
                .expect("a style")
                .style,
            Some(s)
        );
    }
    let e = read(serde_json::json!({ "style": "pdf" })).unwrap_err();
    assert_eq!(
        e.message(),
        "options.style must be one of plain, timestamped, markdown, srt, vtt, html"
    );
    let e = read(serde_json::json!({ "labels": { "agent": 7 } })).unwrap_err();
    assert_eq!(e.message(), "options.labels.agent must be a string");
}

#[cfg(feature = "ts")]
#[test]
fn typescript_declarations() {
    use tsify::Tsify;
    assert_eq!(
        TranscriptStyle::DECL.lines().last(),
        Some(
            r#"export type TranscriptStyle = "plain" | "timestamped" | "markdown" | "srt" | "vtt" | "html";"#
        )
    );
    let decl = FormatOptions::DECL;
    assert!(
        decl.contains("style?: TranscriptStyle | undefined;"),
        "{decl}"
    );
    assert!(
        decl.contains("labels?: SpeakerLabels | undefined;"),
        "{decl}"
    );
    assert!(
        decl.contains("mergeConsecutive?: boolean | undefined;"),
        "{decl}"
    );
    assert!(SpeakerLabels::DECL.contains("agent?: string | undefined;"));
}
