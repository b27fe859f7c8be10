//! Transcripts (arrays in every dialect, plain text) and timestamps (ISO strings, unix ms).

use serde_json::{json, Value};
use truedy_core::model::TranscriptTurn;
use truedy_core::normalize::{
    normalize_call, normalize_time, normalize_transcript, normalize_turns, unix_ms_to_iso,
};

fn turn(speaker: &str, text: &str, timestamp: Option<f64>) -> TranscriptTurn {
    TranscriptTurn {
        speaker: speaker.into(),
        text: text.into(),
        timestamp,
    }
}

// ---- turn arrays ---------------------------------------------------------------------------

#[test]
fn turn_field_aliases_and_speaker_mapping() {
    let turns = normalize_turns(&json!([
        {"speaker": "Agent", "text": "a", "timestamp": 1},
        {"role": "USER", "content": "b", "start": 2.5},
        {"speaker": "bot", "message": "c", "time": "3.25"},
        {"role": "customer", "text": "d", "start_time": 4},
        {"speaker": "Sarah", "text": "e", "start_ms": 5500},
        {"speaker": "human", "text": "f", "timestamp_ms": "6000"},
        {"speaker": "caller", "text": "g", "start_time_ms": 7250},
        {"text": "h"},
        {"speaker": "", "text": "i", "timestamp": -1},
        {"speaker": 7, "text": "j", "timestamp": "2024-04-05T14:22:01Z"},
        {"speaker": "ai", "text": "", "timestamp": null}
    ]))
    .unwrap();
    assert_eq!(
        turns,
        vec![
            turn("agent", "a", Some(1.0)),
            turn("contact", "b", Some(2.5)),
            turn("agent", "c", Some(3.25)),
            turn("contact", "d", Some(4.0)),
            turn("Sarah", "e", Some(5.5)),
            turn("contact", "f", Some(6.0)),
            turn("contact", "g", Some(7.25)),
            turn("unknown", "h", None),
            turn("unknown", "i", None),
            turn("unknown", "j", None),
            turn("agent", "", None),
        ]
    );
}

#[test]
fn malformed_turns_are_skipped() {
    let turns = normalize_turns(&json!([
        "Agent: not an object", 5, null, [], {"speaker": "agent"}, {"speaker": "agent", "text": 5},
        {"speaker": "agent", "text": "kept"}
    ]))
    .unwrap();
    assert_eq!(turns, vec![turn("agent", "kept", None)]);
}

#[test]
fn empty_and_non_transcript_values() {
    assert_eq!(normalize_turns(&json!([])), Some(vec![]));
    assert_eq!(normalize_turns(&json!("")), Some(vec![]));
    assert_eq!(normalize_turns(&json!(" \n\n ")), Some(vec![]));
    assert_eq!(normalize_turns(&Value::Null), None);
    assert_eq!(normalize_turns(&json!(3)), None);
    assert_eq!(normalize_turns(&json!(true)), None);
    assert_eq!(
        normalize_turns(&json!({"speaker": "agent", "text": "x"})),
        None
    );
}

// ---- plain text ----------------------------------------------------------------------------

#[test]
fn plain_text_transcript_is_split_into_turns() {
    let text = "Agent: Hi Sarah, this is Aria.\r\nUser: Hi!\nI have a question.\n\n  Assistant:   Sure.  \nCustomer Service Rep: transferring\nSarah:ok";
    assert_eq!(
        normalize_turns(&json!(text)),
        Some(vec![
            turn("agent", "Hi Sarah, this is Aria.", None),
            turn("contact", "Hi!\nI have a question.", None),
            turn("agent", "Sure.", None),
            turn("Customer Service Rep", "transferring", None),
            turn("Sarah", "ok", None),
        ])
    );
}

#[test]
fn plain_text_edge_lines() {
    let text = "(call connected)\nAgent: see https://example.com/x: it works\nhttps://example.com/y\nThe appointment is at 2pm: Thursday ok\n: no label\n123: numbers\nAgent:";
    assert_eq!(
        normalize_turns(&json!(text)),
        Some(vec![
            turn("unknown", "(call connected)", None),
            turn(
                "agent",
                "see https://example.com/x: it works\nhttps://example.com/y\nThe appointment is at 2pm: Thursday ok\n: no label\n123: numbers",
                None
            ),
            turn("agent", "", None),
        ])
    );
}

#[test]
fn plain_text_with_timestamp_prefixes() {
    let text = "[1.2s] Agent: Hello\n[7.4s] Contact: Hi\n[0:11] Agent: a\n[1:02:03.5] User: b\n[soon] Agent: c";
    assert_eq!(
        normalize_turns(&json!(text)),
        Some(vec![
            turn("agent", "Hello", Some(1.2)),
            turn("contact", "Hi", Some(7.4)),
            turn("agent", "a", Some(11.0)),
            // an unreadable prefix makes the line a continuation
            turn("contact", "b\n[soon] Agent: c", Some(3723.5)),
        ])
    );
}

#[test]
fn call_transcript_as_string_or_object_variant() {
    let call = normalize_call(json!({"id": "c", "transcript": "Agent: hello\nUser: hi"})).unwrap();
    assert_eq!(
        call.transcript,
        Some(vec![
            turn("agent", "hello", None),
            turn("contact", "hi", None)
        ])
    );
    let call = normalize_call(json!({
        "id": "c", "transcript": null,
        "transcript_object": [{"role": "agent", "content": "x", "timestamp": 0.5}]
    }))
    .unwrap();
    assert_eq!(call.transcript, Some(vec![turn("agent", "x", Some(0.5))]));
    let call = normalize_call(json!({"id": "c", "transcript": []})).unwrap();
    assert_eq!(call.transcript, Some(vec![]));
}

// ---- transcript endpoint -------------------------------------------------------------------

#[test]
fn transcript_endpoint_shapes() {
    let expected = vec![turn("agent", "hi", Some(1.0))];
    let turns = json!([{"speaker": "agent", "text": "hi", "timestamp": 1}]);
    for body in [
        json!({"data": {"transcript": turns, "summary": "S"}, "meta": {"request_id": "r"}}),
        json!({"transcript": turns, "summary": "S"}),
        json!({"data": {"id": "call_1", "status": "ended", "transcript": turns, "summary": "S"}}),
        json!({"data": {"turns": turns, "summary": "S"}}),
    ] {
        let t = normalize_transcript(body.clone()).unwrap();
        assert_eq!(t.turns, expected, "{body}");
        assert_eq!(t.summary.as_deref(), Some("S"), "{body}");
    }
    let t = normalize_transcript(json!({"data": turns, "meta": {}})).unwrap();
    assert_eq!((t.turns, t.summary), (expected.clone(), None));
    let t = normalize_transcript(turns).unwrap();
    assert_eq!(t.turns, expected);
    let t = normalize_transcript(
        json!({"data": {"transcript": "Agent: hi\nUser: yo", "summary": null}}),
    )
    .unwrap();
    assert_eq!(
        t.turns,
        vec![turn("agent", "hi", None), turn("contact", "yo", None)]
    );
    assert_eq!(t.summary, None);
    let t = normalize_transcript(json!("Bot: plain body")).unwrap();
    assert_eq!(t.turns, vec![turn("agent", "plain body", None)]);
}

#[test]
fn transcript_endpoint_without_turns_is_empty() {
    for body in [
        json!({"data": {"transcript": null, "summary": "pending"}}),
        json!({"data": {"summary": "pending"}}),
        json!({"transcript": 42, "summary": "pending"}),
    ] {
        let t = normalize_transcript(body).unwrap();
        assert!(t.turns.is_empty());
        assert_eq!(t.summary.as_deref(), Some("pending"));
    }
    let js = serde_json::to_value(normalize_transcript(json!({})).unwrap()).unwrap();
    assert_eq!(js, json!({"turns": [], "summary": null}));
}

// ---- timestamps ----------------------------------------------------------------------------

#[test]
fn iso_strings() {
    let t = |s: &str| normalize_time(&json!(s));
    // already UTC with Z: unchanged, fraction digits included
    for kept in [
        "2024-04-05T14:22:01Z",
        "2026-03-03T20:25:00.000000Z",
        "2026-03-03T20:24:55.310278Z",
        "2024-02-29T00:00:00Z",
        "2016-12-31T23:59:60Z",
    ] {
        assert_eq!(t(kept).as_deref(), Some(kept));
    }
    assert_eq!(
        t("  2024-04-05T14:22:01Z ").as_deref(),
        Some("2024-04-05T14:22:01Z")
    );
    // offsets converted to Z
    assert_eq!(
        t("2024-04-05T16:22:01+02:00").as_deref(),
        Some("2024-04-05T14:22:01Z")
    );
    assert_eq!(
        t("2024-04-05T09:52:01.5-04:30").as_deref(),
        Some("2024-04-05T14:22:01.5Z")
    );
    assert_eq!(
        t("2024-04-05T14:22:01+0000").as_deref(),
        Some("2024-04-05T14:22:01Z")
    );
    assert_eq!(
        t("2024-04-05T14:22:01.123+00:00").as_deref(),
        Some("2024-04-05T14:22:01.123Z")
    );
    assert_eq!(
        t("2024-04-05T18:22:01+04").as_deref(),
        Some("2024-04-05T14:22:01Z")
    );
    assert_eq!(
        t("2024-12-31T23:30:00-01:00").as_deref(),
        Some("2025-01-01T00:30:00Z")
    );
    assert_eq!(
        t("2024-03-01T00:30:00+01:00").as_deref(),
        Some("2024-02-29T23:30:00Z")
    );
    assert_eq!(
        t("2016-12-31T23:59:60-01:00").as_deref(),
        Some("2017-01-01T00:59:60Z")
    );
    // other accepted spellings
    assert_eq!(
        t("2024-04-05 14:22:01").as_deref(),
        Some("2024-04-05T14:22:01Z"),
        "no zone: UTC"
    );
    assert_eq!(
        t("2024-04-05t14:22:01z").as_deref(),
        Some("2024-04-05T14:22:01Z")
    );
    assert_eq!(
        t("2024-04-05T14:22:01,25Z").as_deref(),
        Some("2024-04-05T14:22:01.25Z")
    );
    assert_eq!(
        t("2024-04-05T14:22Z").as_deref(),
        Some("2024-04-05T14:22:00Z")
    );
    assert_eq!(t("2024-04-05").as_deref(), Some("2024-04-05T00:00:00Z"));
    // garbage
    for bad in [
        "",
        "   ",
        "yesterday",
        "2024-13-01T00:00:00Z",
        "2024-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-04-05T24:00:00Z",
        "2024-04-05T14:60:00Z",
        "2024-04-05T14:22:61Z",
        "2024-04-05T14:22:01+24:00",
        "2024-04-05T14:22:01+02:60",
        "2024-04-05T14:22:01ZZ",
        "2024-04-05T14:22:01.Z",
        "2024-4-5T14:22:01Z",
        "24-04-05T14:22:01Z",
        "2024-04-05T14:22:01 Z",
        "2024-04-05T",
        "2024/04/05",
        "0000-01-01T00:30:00+01:00",
        "9999-12-31T23:30:00-01:00",
        "２０２４-04-05T14:22:01Z",
        "-2024-04-05T14:22:01Z",
        "1712327001000.5",
    ] {
        assert_eq!(t(bad), None, "{bad:?}");
    }
}

#[test]
fn unix_milliseconds() {
    let t = |v: Value| normalize_time(&v);
    assert_eq!(
        t(json!(1712327001000u64)).as_deref(),
        Some("2024-04-05T14:23:21.000Z")
    );
    assert_eq!(
        t(json!(1712327184250u64)).as_deref(),
        Some("2024-04-05T14:26:24.250Z")
    );
    assert_eq!(
        t(json!(1712327184250.9)).as_deref(),
        Some("2024-04-05T14:26:24.250Z"),
        "floored"
    );
    assert_eq!(
        t(json!("1712327001000")).as_deref(),
        Some("2024-04-05T14:23:21.000Z")
    );
    assert_eq!(
        t(json!(" 1712327001000 ")).as_deref(),
        Some("2024-04-05T14:23:21.000Z")
    );
    assert_eq!(t(json!(0)).as_deref(), Some("1970-01-01T00:00:00.000Z"));
    assert_eq!(t(json!(-1)).as_deref(), Some("1969-12-31T23:59:59.999Z"));
    assert_eq!(
        t(json!(951782400000u64)).as_deref(),
        Some("2000-02-29T00:00:00.000Z")
    );
    assert_eq!(
        t(json!(253402300799999u64)).as_deref(),
        Some("9999-12-31T23:59:59.999Z")
    );
    assert_eq!(
        t(json!(-62167219200000i64)).as_deref(),
        Some("0000-01-01T00:00:00.000Z")
    );
    assert_eq!(t(json!(253402300800000u64)), None);
    assert_eq!(t(json!(-62167219200001i64)), None);
    assert_eq!(t(json!(1e300)), None);
    assert_eq!(t(json!("99999999999999999999999")), None);
    assert_eq!(t(json!(true)), None);
    assert_eq!(t(json!({"ms": 1})), None);
    assert_eq!(t(Value::Null), None);
    assert_eq!(
        unix_ms_to_iso(1_000),
        Some("1970-01-01T00:00:01.000Z".into())
    );
    assert_eq!(unix_ms_to_iso(i64::MIN), None);
    assert_eq!(unix_ms_to_iso(i64::MAX), None);
}

#[test]
fn ms_conversion_agrees_with_the_iso_parser() {
    // Every day boundary for 30 years, plus a leap-century: ms -> ISO -> (offset form) -> ISO.
    let mut ms: i64 = 946_684_800_000 - 86_400_000 * 366; // 1999-01-01
    while ms < 1_893_456_000_000 {
        let iso = unix_ms_to_iso(ms + 45_296_789).unwrap(); // 12:34:56.789
        assert!(iso.ends_with("T12:34:56.789Z"), "{iso}");
        let shifted = iso.replace("T12:34", "T14:04").replace('Z', "+01:30");
        assert_eq!(
            normalize_time(&json!(shifted)).as_deref(),
            Some(iso.as_str())
        );
        ms += 86_400_000;
    }
}
