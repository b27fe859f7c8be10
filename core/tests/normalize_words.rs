//! Server-owned words, table-driven: every status word of every seed's vocabulary, every
//! direction word, every speaker word.

use serde_json::json;
use truedy_core::model::{CallDirection, CallStatus};
use truedy_core::normalize::{
    is_terminal_status, normalize_call, normalize_direction, normalize_speaker, normalize_status,
};

use CallStatus::*;

/// (seed the word is documented in, word as sent, canonical status)
const STATUS_TABLE: &[(&str, &str, CallStatus)] = &[
    // seed 000 (Calls Overview): lifecycle and status reference.
    ("000", "queued", Queued),
    ("000", "ringing", Ringing),
    ("000", "in-progress", InProgress),
    ("000", "ended", Ended),
    ("000", "failed", Failed),
    ("000", "cancelled", Cancelled),
    // seed 001 (Calls API): Call Statuses table.
    ("001", "queued", Queued),
    ("001", "ringing", Ringing),
    ("001", "in_progress", InProgress),
    ("001", "completed", Ended),
    ("001", "failed", Failed),
    ("001", "no_answer", Failed),
    ("001", "busy", Failed),
    ("001", "voicemail", Ended),
    // seed 002 (Call Management): the status filter.
    ("002", "queued", Queued),
    ("002", "ringing", Ringing),
    ("002", "in-progress", InProgress),
    ("002", "ended", Ended),
    ("002", "failed", Failed),
    ("002", "cancelled", Cancelled),
    // seed 003 (OpenAPI): CallResponse.status enum.
    ("003", "queued", Queued),
    ("003", "ringing", Ringing),
    ("003", "in_progress", InProgress),
    ("003", "completed", Ended),
    ("003", "failed", Failed),
    // seed 004 (call object reference): In Progress / Completed / Failed tables.
    ("004", "initiated", Queued),
    ("004", "ringing", Ringing),
    ("004", "ongoing", InProgress),
    ("004", "user_hangup", Ended),
    ("004", "agent_hangup", Ended),
    ("004", "inactivity", Ended),
    ("004", "error_inactivity", Ended),
    ("004", "busy", Failed),
    ("004", "no_answer", Failed),
    ("004", "error", Failed),
    ("004", "canceled", Cancelled),
    // DESIGN.md: the hyphenated spelling of no_answer (seed 000's failure_reason words).
    ("design", "no-answer", Failed),
];

#[test]
fn every_status_word_of_every_seed() {
    for &(seed, word, expected) in STATUS_TABLE {
        let info = normalize_status(word);
        assert_eq!(info.status, expected, "seed {seed}: {word}");
        assert_eq!(info.detail, word, "seed {seed}: detail keeps the word");
        assert_eq!(
            info.is_terminal,
            matches!(expected, Ended | Failed | Cancelled),
            "{word}"
        );
    }
}

#[test]
fn status_words_ignore_case_separators_and_whitespace() {
    for &(seed, word, expected) in STATUS_TABLE {
        let swapped: String = word
            .chars()
            .map(|c| match c {
                '-' => '_',
                '_' => '-',
                c => c,
            })
            .collect();
        for variant in [
            word.to_ascii_uppercase(),
            swapped.clone(),
            format!("  {}\t", swapped.to_ascii_uppercase()),
            word.char_indices()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect(),
        ] {
            let info = normalize_status(&variant);
            assert_eq!(info.status, expected, "seed {seed}: {variant:?}");
            assert_eq!(info.detail, variant, "detail is exactly what was sent");
        }
    }
    assert_eq!(
        normalize_status("In Progress").status,
        InProgress,
        "seed 004's heading"
    );
    assert_eq!(normalize_status("NO ANSWER").status, Failed);
}

#[test]
fn unknown_status_words_are_unknown_and_not_terminal() {
    for word in [
        "",
        "   ",
        "paused",
        "inprogress",
        "in__progress",
        "ended!",
        "endedx",
        "end",
        "cancel",
        "complete",
        "énded",
        "ｅｎｄｅｄ",
        "queued\u{0}",
        "null",
        "200",
        "in-progress-ish",
    ] {
        let info = normalize_status(word);
        assert_eq!(info.status, Unknown, "{word:?}");
        assert!(!info.is_terminal, "{word:?}");
        assert_eq!(info.detail, word);
    }
}

#[test]
fn terminal_set_is_ended_failed_cancelled() {
    let all = [
        Queued, Ringing, InProgress, Ended, Failed, Cancelled, Unknown,
    ];
    let terminal: Vec<_> = all.into_iter().filter(|s| is_terminal_status(*s)).collect();
    assert_eq!(terminal, vec![Ended, Failed, Cancelled]);
}

#[test]
fn status_info_serializes_for_js() {
    let js = serde_json::to_value(normalize_status("In-Progress")).unwrap();
    assert_eq!(
        js,
        json!({"status": "in_progress", "detail": "In-Progress", "isTerminal": false})
    );
    let js = serde_json::to_value(normalize_status("canceled")).unwrap();
    assert_eq!(
        js,
        json!({"status": "cancelled", "detail": "canceled", "isTerminal": true})
    );
}

#[test]
fn call_status_field_missing_null_wrong_type_or_blank() {
    for raw in [
        json!({"id": "c"}),
        json!({"id": "c", "status": null}),
        json!({"id": "c", "status": 3}),
        json!({"id": "c", "status": ["ended"]}),
        json!({"id": "c", "status": {"value": "ended"}}),
        json!({"id": "c", "status": ""}),
        json!({"id": "c", "status": "  "}),
    ] {
        let call = normalize_call(raw.clone()).unwrap();
        assert_eq!(call.status, Unknown, "{raw}");
        assert_eq!(call.status_detail, None, "{raw}");
        assert!(!call.is_terminal);
    }
    let call = normalize_call(json!({"id": "c", "status": "Agent_Hangup"})).unwrap();
    assert_eq!(
        (call.status, call.status_detail.as_deref()),
        (Ended, Some("Agent_Hangup"))
    );
    let call = normalize_call(json!({"id": "c", "status": "warming_up"})).unwrap();
    assert_eq!(
        (call.status, call.status_detail.as_deref()),
        (Unknown, Some("warming_up"))
    );
}

#[test]
fn direction_words() {
    use CallDirection::*;
    for (word, expected) in [
        ("outbound", Outbound),
        ("outgoing", Outbound),
        ("inbound", Inbound),
        ("incoming", Inbound),
        ("webrtc", Webrtc),
        ("web_call", Webrtc),
        ("web-call", Webrtc),
        ("web", Webrtc),
        ("OUTBOUND", Outbound),
        (" Incoming ", Inbound),
        ("WebRTC", Webrtc),
        ("sideways", Unknown),
        ("out", Unknown),
        ("", Unknown),
    ] {
        assert_eq!(normalize_direction(word), expected, "{word:?}");
    }
}

#[test]
fn call_direction_field() {
    use CallDirection::*;
    let dir = |raw| normalize_call(raw).unwrap().direction;
    assert_eq!(dir(json!({"id": "c"})), None);
    assert_eq!(dir(json!({"id": "c", "direction": null})), None);
    assert_eq!(dir(json!({"id": "c", "direction": 1})), None);
    assert_eq!(dir(json!({"id": "c", "direction": ""})), None);
    assert_eq!(
        dir(json!({"id": "c", "direction": "diagonal"})),
        Some(Unknown)
    );
    assert_eq!(
        dir(json!({"id": "c", "direction": "Outgoing"})),
        Some(Outbound)
    );
    assert_eq!(dir(json!({"id": "c", "type": "web_call"})), Some(Webrtc));
    assert_eq!(
        dir(json!({"id": "c", "type": "WEB_CALL", "direction": null})),
        Some(Webrtc)
    );
    assert_eq!(dir(json!({"id": "c", "type": "phone_call"})), None);
    assert_eq!(
        dir(json!({"id": "c", "type": "web_call", "direction": "outgoing"})),
        Some(Webrtc)
    );
    assert_eq!(
        dir(json!({"id": "c", "type": "phone_call", "direction": "incoming"})),
        Some(Inbound)
    );
}

#[test]
fn speaker_words() {
    for (word, expected) in [
        ("agent", "agent"),
        ("assistant", "agent"),
        ("bot", "agent"),
        ("ai", "agent"),
        ("AI", "agent"),
        (" Assistant ", "agent"),
        ("contact", "contact"),
        ("user", "contact"),
        ("customer", "contact"),
        ("caller", "contact"),
        ("human", "contact"),
        ("USER", "contact"),
        ("Customer", "contact"),
        ("tool", "tool"),
        ("Sarah", "Sarah"),
        ("system", "system"),
        ("agents", "agents"),
    ] {
        assert_eq!(normalize_speaker(word), expected, "{word:?}");
    }
}
