//! Normalization of every example payload in the five API doc pages (`/work/shared/seeds/`).
//! Fixtures live in `tests/fixtures/`; each test names the seed it comes from. See
//! `tests/fixtures/README.md` for which fixtures are verbatim and which are built from a
//! page's prose.

use serde_json::{json, Value};
use truedy_core::model::{CallDirection, CallStatus, LatencyBreakdown, TranscriptTurn};
use truedy_core::normalize::{
    normalize_call, normalize_page, normalize_transcript, normalize_turns,
};
use truedy_core::Error;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn turn(speaker: &str, text: &str, timestamp: Option<f64>) -> TranscriptTurn {
    TranscriptTurn {
        speaker: speaker.into(),
        text: text.into(),
        timestamp,
    }
}

fn map(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

// ---- seed 000 (Calls Overview) ------------------------------------------------------------

#[test]
fn seed000_completed_call_object() {
    let raw = fixture("seed000_completed_call.json");
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(call.id, "call_01hx3k9p2qw7v8n4m6j5r0y1tz");
    assert_eq!(call.status, CallStatus::Ended);
    assert_eq!(call.status_detail.as_deref(), Some("ended"));
    assert!(call.is_terminal);
    assert_eq!(call.direction, Some(CallDirection::Outbound));
    assert_eq!(call.call_type, None);
    assert_eq!(
        call.agent_id.as_deref(),
        Some("agent_01hx2a7b3cd4ef5gh6ij7kl8mn")
    );
    assert_eq!(call.phone_number.as_deref(), Some("+14155551234"));
    assert_eq!(call.from_number.as_deref(), Some("+18005559876"));
    assert_eq!(call.to_number, None);
    assert_eq!(call.duration_seconds, Some(183.0));
    assert_eq!(call.cost_usd, Some(0.92));
    assert_eq!(call.cost_credits, None);
    assert_eq!(call.outcome.as_deref(), Some("interested"));
    assert_eq!(call.failure_reason, None);
    assert_eq!(call.failure_message, None);
    // Seed 000's signed URL ends `&expires=1712620800`.
    assert_eq!(
        call.recording_expires_at.as_deref(),
        Some("2024-04-09T00:00:00.000Z")
    );
    assert_eq!(
        call.recording_url.as_deref(),
        Some("https://recordings.truedy.ai/call_01hx3k9p2qw7v8n4m6j5r0y1tz.mp3?token=eyJ...&expires=1712620800")
    );
    assert_eq!(call.started_at.as_deref(), Some("2024-04-05T14:22:01Z"));
    assert_eq!(call.ended_at.as_deref(), Some("2024-04-05T14:25:04Z"));
    assert_eq!(call.created_at.as_deref(), Some("2024-04-05T14:21:58Z"));
    assert_eq!(call.updated_at, None);
    assert_eq!(
        call.variables,
        Some(map(
            json!({"first_name": "Sarah", "appointment_date": "April 10th"})
        ))
    );
    assert_eq!(call.extracted_variables, None);
    assert_eq!(call.context, None);
    assert_eq!(call.latency, None);
    let turns = call.transcript.clone().unwrap();
    assert_eq!(turns.len(), 3);
    assert_eq!(turns[0].speaker, "agent");
    assert!(turns[0]
        .text
        .starts_with("Hi Sarah, this is Aria calling from Bright Dental."));
    assert_eq!(turns[0].timestamp, Some(1.2));
    assert_eq!(
        turns[1],
        turn(
            "contact",
            "Oh hi, yes I remember. Is everything still on?",
            Some(7.4)
        )
    );
    assert_eq!(turns[2].timestamp, Some(11.9));
    // `raw` is the object exactly as received.
    assert_eq!(call.raw, raw);
}

#[test]
fn seed000_call_serializes_camel_case_for_js() {
    let call = normalize_call(fixture("seed000_completed_call.json")).unwrap();
    let js = serde_json::to_value(&call).unwrap();
    assert_eq!(js["status"], "ended");
    assert_eq!(js["statusDetail"], "ended");
    assert_eq!(js["isTerminal"], true);
    assert_eq!(js["direction"], "outbound");
    assert_eq!(js["costUsd"], 0.92);
    assert_eq!(js["durationSeconds"], 183.0);
    assert_eq!(js["transcript"][1]["speaker"], "contact");
    assert_eq!(js["toNumber"], Value::Null);
}

// ---- seed 001 (Calls API reference) -------------------------------------------------------

#[test]
fn seed001_create_request_body_reads_as_a_call_without_id() {
    // The request body of "Create Call" is not a server call object, but normalizing it must
    // not fail, and the fields it shares with a call are read.
    let call = normalize_call(fixture("seed001_create_request.json")).unwrap();
    assert_eq!(call.id, "");
    assert_eq!(call.status, CallStatus::Unknown);
    assert_eq!(call.status_detail, None);
    assert!(!call.is_terminal);
    assert_eq!(
        call.agent_id.as_deref(),
        Some("1f4baf16-1540-4d91-9696-7f34b2f2cb77")
    );
    assert_eq!(call.phone_number.as_deref(), Some("+14155550123"));
    assert_eq!(call.variables.as_ref().map(|v| v.len()), Some(4));
    assert_eq!(
        call.variables.as_ref().unwrap()["appointment_time"],
        "2pm Thursday"
    );
}

#[test]
fn seed001_create_response_envelope() {
    let raw = fixture("seed001_create_response.json");
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(call.id, "44ec8f61-6d9a-4553-a6ca-777f5f5ef95b");
    assert_eq!(call.status, CallStatus::Queued);
    assert!(!call.is_terminal);
    assert_eq!(call.direction, Some(CallDirection::Outbound));
    assert_eq!(call.phone_number.as_deref(), Some("+14155550123"));
    assert_eq!(call.from_number, None);
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.cost_usd, None);
    assert_eq!(call.context, Some(serde_json::Map::new()));
    assert_eq!(call.variables.as_ref().unwrap()["company"], "Acme Inc");
    assert_eq!(
        call.created_at.as_deref(),
        Some("2026-04-05T09:59:58.120000Z")
    );
    // `raw` is the inner object, not the envelope.
    assert_eq!(call.raw, raw["data"]);
}

#[test]
fn seed001_update_response_keeps_context() {
    let call = normalize_call(fixture("seed001_update_response.json")).unwrap();
    assert_eq!(call.status, CallStatus::InProgress);
    assert_eq!(call.status_detail.as_deref(), Some("in_progress"));
    assert_eq!(call.context, Some(map(json!({"priority": "high"}))));
    assert_eq!(call.updated_at.as_deref(), Some("2026-04-05T10:00:41Z"));
}

#[test]
fn seed001_list_with_pagination() {
    let page = normalize_page(fixture("seed001_list_response.json")).unwrap();
    assert_eq!(page.data.len(), 3);
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(3), Some(50), Some(0))
    );
    assert!(!page.has_more);
    assert_eq!(page.request_id.as_deref(), Some("req_5f6a7b8c"));

    let completed = &page.data[0];
    assert_eq!(completed.status, CallStatus::Ended);
    assert_eq!(completed.status_detail.as_deref(), Some("completed"));
    assert_eq!(completed.cost_usd, Some(0.31));
    assert_eq!(completed.duration_seconds, Some(182.0));

    // Seed 001: a failed call's provider error lives in `context.last_error`.
    let failed = &page.data[1];
    assert_eq!(failed.status, CallStatus::Failed);
    assert_eq!(failed.cost_usd, Some(0.0));
    assert_eq!(failed.started_at, None);
    assert_eq!(
        failed.context.as_ref().unwrap()["last_error"],
        "Telnyx: destination number is not reachable"
    );

    let voicemail = &page.data[2];
    assert_eq!(voicemail.status, CallStatus::Ended);
    assert_eq!(voicemail.status_detail.as_deref(), Some("voicemail"));
    assert_eq!(voicemail.direction, Some(CallDirection::Inbound));
    assert_eq!(voicemail.phone_number.as_deref(), Some("+14155550142"));
}

#[test]
fn seed001_transcript_endpoint_envelope() {
    let t = normalize_transcript(fixture("seed001_transcript_response.json")).unwrap();
    assert_eq!(
        t.summary.as_deref(),
        Some("Confirmed the appointment for Thursday at 2pm.")
    );
    assert_eq!(
        t.turns,
        vec![
            turn("agent", "Hi Jane, this is Aria from Acme Inc.", Some(0.9)),
            turn("contact", "Hi! Is this about Thursday?", Some(4.2)),
            turn("agent", "Yes, 2pm Thursday is confirmed.", Some(7.0)),
        ]
    );
}

#[test]
fn seed001_recording_envelope_as_call_reads_recording_url() {
    // `data: { recording_url }` is parsed by the transport's own helper; normalizing it as a
    // call must still not fail and reads the URL.
    let raw = fixture("seed001_recording_response.json");
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(
        call.recording_url.as_deref(),
        Some("https://recordings.truedy.ai/44ec8f61.mp3?token=eyJ&expires=1712620800")
    );
    assert_eq!(call.id, "");
    assert_eq!(call.raw, raw["data"]);
}

#[test]
fn seed001_bulk_delete_envelope_is_not_a_call_but_does_not_fail() {
    let raw = fixture("seed001_bulk_delete_response.json");
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(call.id, "");
    assert_eq!(call.status, CallStatus::Unknown);
    assert_eq!(call.raw, raw["data"]);
    // As a page it is rejected clearly: its `data` is an object.
    let err = normalize_page(raw).unwrap_err();
    assert_eq!(err.kind(), "decode");
    assert_eq!(
        err.to_string(),
        "expected a page object with a `data` array, got `data` as an object"
    );
}

// ---- seed 002 (Call Management guide) -----------------------------------------------------

#[test]
fn seed002_list_with_meta_totals() {
    let page = normalize_page(fixture("seed002_list_response.json")).unwrap();
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(847), Some(20), Some(0))
    );
    assert!(page.has_more, "0 + 2 < 847");
    assert_eq!(page.request_id, None);
    assert_eq!(page.data[0].cost_usd, Some(0.92));
    assert_eq!(page.data[0].transcript, None);
    let web = &page.data[1];
    assert_eq!(web.direction, Some(CallDirection::Webrtc));
    assert_eq!(web.phone_number, None);
    assert_eq!(web.failure_reason.as_deref(), Some("agent_error"));
    assert_eq!(web.outcome.as_deref(), Some("no-answer"));
    assert_eq!(web.cost_usd, Some(0.0));
}

#[test]
fn seed002_list_meta_has_more_from_offset_and_total() {
    let last = json!({"data": [{"id": "a"}, {"id": "b"}], "meta": {"total": 847, "limit": 20, "offset": 845}});
    assert!(!normalize_page(last).unwrap().has_more);
    let middle = json!({"data": [{"id": "a"}, {"id": "b"}], "meta": {"total": 847, "limit": 20, "offset": 840}});
    assert!(normalize_page(middle).unwrap().has_more);
}

#[test]
fn seed002_transcript_example_array() {
    let raw = fixture("seed002_transcript_example.json");
    let expected = vec![
        turn("agent", "Hi Sarah, this is Aria calling from Bright Dental. How are you today?", Some(1.2)),
        turn("contact", "I'm good, thanks. What's this about?", Some(5.8)),
        turn(
            "agent",
            "I'm calling to confirm your appointment on April 10th at 2 PM. Does that still work for you?",
            Some(9.1),
        ),
        turn("contact", "Yes, that works perfectly.", Some(15.3)),
    ];
    assert_eq!(normalize_turns(&raw), Some(expected.clone()));
    // The same array as the transcript endpoint's whole body.
    let t = normalize_transcript(raw).unwrap();
    assert_eq!(t.turns, expected);
    assert_eq!(t.summary, None);
}

#[test]
fn seed002_speaker_text_timestamp_table() {
    // The table: speaker is "agent" or "contact", text the words, timestamp seconds (number).
    let turns = normalize_turns(&json!([
        {"speaker": "agent", "text": "a", "timestamp": 0},
        {"speaker": "contact", "text": "b", "timestamp": 2.5}
    ]))
    .unwrap();
    assert_eq!(
        turns,
        vec![
            turn("agent", "a", Some(0.0)),
            turn("contact", "b", Some(2.5))
        ]
    );
}

// ---- seed 003 (OpenAPI: List Calls) -------------------------------------------------------

#[test]
fn seed003_list_example_with_pagination_and_meta() {
    let raw = fixture("seed003_list_response.json");
    let page = normalize_page(raw.clone()).unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(24), Some(50), Some(0))
    );
    assert!(!page.has_more, "explicit has_more: false wins");
    assert_eq!(page.request_id.as_deref(), Some("req_32e7531c"));

    let a = &page.data[0];
    assert_eq!(a.id, "call_a1b2c3d4");
    assert_eq!(a.status, CallStatus::Ended);
    assert_eq!(a.status_detail.as_deref(), Some("completed"));
    assert_eq!(a.to_number.as_deref(), Some("+12125551234"));
    assert_eq!(a.from_number.as_deref(), Some("+18005559876"));
    assert_eq!(
        a.phone_number.as_deref(),
        Some("+12125551234"),
        "outbound: the `to` number"
    );
    assert_eq!(a.cost_credits, Some(24.0));
    assert_eq!(a.cost_usd, None);
    assert_eq!(a.duration_seconds, Some(142.0));
    assert_eq!(
        a.transcript_url.as_deref(),
        Some("https://api.truedy.ai/calls/call_a1b2c3d4/transcript")
    );
    assert_eq!(
        a.summary.as_deref(),
        Some("Customer inquired about refund policy. Issue resolved.")
    );
    assert_eq!(
        a.context,
        Some(map(
            json!({"campaign_id": "batch_c3d4e5f6", "contact_id": "cnt_d4e5f6a7"})
        ))
    );
    assert_eq!(a.updated_at.as_deref(), Some("2026-04-05T10:02:22Z"));
    assert_eq!(a.raw, raw["data"][0]);

    let b = &page.data[1];
    assert_eq!(b.status, CallStatus::Failed);
    assert!(b.is_terminal);
    assert_eq!(b.to_number.as_deref(), Some("+15559876543"));
}

#[test]
fn seed003_call_response_field_examples() {
    let call = normalize_call(fixture("seed003_call_response_examples.json")).unwrap();
    assert_eq!(call.status, CallStatus::Ended);
    assert_eq!(call.cost_usd, Some(0.42));
    assert_eq!(call.duration_seconds, Some(247.0));
    assert_eq!(
        call.short_summary.as_deref(),
        Some("Billing inquiry - resolved")
    );
    assert_eq!(call.sentiment.as_deref(), Some("positive"));
    assert_eq!(call.phone_number.as_deref(), Some("+15551234567"));
    assert_eq!(call.to_number.as_deref(), Some("+15551234567"));
    assert_eq!(call.from_number.as_deref(), Some("+15559876543"));
    // `transcript: []` (structure varies) is an empty transcript, not a missing one.
    assert_eq!(call.transcript, Some(vec![]));
    // Microsecond UTC timestamps are kept as sent.
    assert_eq!(
        call.started_at.as_deref(),
        Some("2026-03-03T20:25:00.000000Z")
    );
    assert_eq!(
        call.created_at.as_deref(),
        Some("2026-03-03T20:24:55.310278Z")
    );
}

#[test]
fn seed003_error_response_is_a_decode_error_everywhere() {
    let raw = fixture("seed003_error_response.json");
    for err in [
        normalize_call(raw.clone()).unwrap_err(),
        normalize_transcript(raw.clone()).unwrap_err(),
    ] {
        assert_eq!(err.kind(), "decode");
        assert!(
            err.to_string()
                .ends_with("got an API error: not_found: The requested resource does not exist"),
            "{err}"
        );
    }
    let err = normalize_page(raw).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a page object with a `data` array, got an API error: not_found: The requested resource does not exist"
    );
}

#[test]
fn seed003_error_response_keeps_request_id() {
    let raw = json!({"error": {"code": "rate_limited", "message": "Slow down"}, "meta": {"request_id": "req_1"}});
    match normalize_call(raw).unwrap_err() {
        Error::Decode {
            request_id,
            message,
            ..
        } => {
            assert_eq!(request_id.as_deref(), Some("req_1"));
            assert_eq!(
                message,
                "expected a call object, got an API error: rate_limited: Slow down"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

// ---- seed 004 (call object reference, milliseconds dialect) -------------------------------

#[test]
fn seed004_phone_call_incoming() {
    let raw = fixture("seed004_phone_call.json");
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(call.call_type.as_deref(), Some("phone_call"));
    assert_eq!(call.direction, Some(CallDirection::Inbound));
    assert_eq!(call.status, CallStatus::Ended);
    assert_eq!(call.status_detail.as_deref(), Some("user_hangup"));
    assert_eq!(call.from_number.as_deref(), Some("+14155551234"));
    assert_eq!(call.to_number.as_deref(), Some("+18005559876"));
    assert_eq!(
        call.phone_number.as_deref(),
        Some("+14155551234"),
        "inbound: the caller"
    );
    assert_eq!(call.started_at.as_deref(), Some("2024-04-05T14:23:21.000Z"));
    assert_eq!(call.ended_at.as_deref(), Some("2024-04-05T14:26:24.250Z"));
    assert_eq!(call.duration_seconds, Some(183.25));
    assert_eq!(call.cost_usd, Some(0.044), "the breakdown's total");
    assert_eq!(
        call.variables,
        Some(map(json!({"clinic": "Bright Dental"})))
    );
    assert_eq!(
        call.extracted_variables,
        Some(map(json!({"new_date": "April 12th"})))
    );
    assert_eq!(
        call.latency,
        Some(LatencyBreakdown {
            vad_delay_ms: Some(200.0),
            stt_finalize_ms: Some(85.0),
            llm_startup_ms: Some(310.0),
            llm_first_sentence_ms: Some(420.0),
            tts_synthesis_ms: Some(140.0),
            send_overhead_ms: Some(25.0),
            total_perceived_ms: Some(790.0),
        })
    );
    assert_eq!(
        call.transcript,
        Some(vec![
            turn(
                "agent",
                "Thanks for calling Bright Dental, this is Aria.",
                Some(0.8)
            ),
            turn("contact", "Hi, I need to move my appointment.", Some(4.1)),
            turn(
                "agent",
                "Of course. Which day works better for you?",
                Some(7.35)
            ),
        ])
    );
    assert_eq!(call.raw["detected_gender"], "female");
    assert_eq!(call.raw, raw);
}

#[test]
fn seed004_web_call_without_direction_is_webrtc() {
    let call = normalize_call(fixture("seed004_web_call.json")).unwrap();
    assert_eq!(call.call_type.as_deref(), Some("web_call"));
    assert_eq!(call.direction, Some(CallDirection::Webrtc));
    assert_eq!(call.status, CallStatus::InProgress);
    assert_eq!(call.status_detail.as_deref(), Some("ongoing"));
    assert!(!call.is_terminal);
    assert_eq!(call.phone_number, None);
    assert_eq!(call.started_at.as_deref(), Some("2026-04-05T10:00:00.000Z"));
    assert_eq!(call.ended_at, None);
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.transcript, None);
    assert_eq!(call.latency, None);
    // No total in the breakdown: the sum of its numeric components (0.003 + 0.002 + 0.001).
    let cost = call.cost_usd.unwrap();
    assert!((cost - 0.006).abs() < 1e-12, "{cost}");
    assert_eq!(call.extracted_variables, Some(serde_json::Map::new()));
}

#[test]
fn seed004_web_call_is_webrtc_whatever_its_direction_says() {
    // Seed 004: `incoming` covers "inbound calls, web calls"; the type tells them apart.
    let call =
        normalize_call(json!({"id": "w", "type": "web_call", "direction": "incoming"})).unwrap();
    assert_eq!(call.direction, Some(CallDirection::Webrtc));
    assert_eq!(call.call_type.as_deref(), Some("web_call"));
}

#[test]
fn seed004_outgoing_call_with_every_dialect_field() {
    let call = normalize_call(json!({
        "id": "o1", "type": "phone_call", "direction": "outgoing", "status": "no_answer",
        "from_number": "+18005559876", "to_number": "+14155550000",
        "start_timestamp": 1712327001000u64, "end_timestamp": 1712327031000u64, "duration_ms": 30000,
        "transcript": [], "vars_provided": {"a": "1"}, "vars_extracted": null,
        "cost": {"total": 0.0}
    }))
    .unwrap();
    assert_eq!(call.direction, Some(CallDirection::Outbound));
    assert_eq!(call.status, CallStatus::Failed);
    assert_eq!(
        call.phone_number.as_deref(),
        Some("+14155550000"),
        "outbound: the called number"
    );
    assert_eq!(call.duration_seconds, Some(30.0));
    assert_eq!(call.ended_at.as_deref(), Some("2024-04-05T14:23:51.000Z"));
    assert_eq!(call.transcript, Some(vec![]));
    assert_eq!(call.extracted_variables, None);
    assert_eq!(call.cost_usd, Some(0.0));
}

#[test]
fn seed004_role_content_transcript() {
    let turns = normalize_turns(&json!([
        {"role": "assistant", "content": "Hello!"},
        {"role": "user", "content": "Hi.", "timestamp": 1.5},
        {"role": "tool", "content": "{\"ok\":true}"},
        {"role": "agent", "tool_calls": []}
    ]))
    .unwrap();
    assert_eq!(
        turns,
        vec![
            turn("agent", "Hello!", None),
            turn("contact", "Hi.", Some(1.5)),
            turn("tool", "{\"ok\":true}", None),
        ]
    );
}

#[test]
fn seed001_failed_call_says_why_through_context_last_error() {
    // Seed 001: "The provider error message is stored in `context.last_error`."
    let mut raw = fixture("seed001_create_response.json");
    raw["data"]["status"] = json!("failed");
    raw["data"]["context"] = json!({"last_error": "Number is not reachable", "priority": "high"});
    let call = normalize_call(raw).unwrap();
    assert_eq!(call.status, CallStatus::Failed);
    assert_eq!(call.failure_reason.as_deref(), Some("error"));
    assert_eq!(
        call.failure_message.as_deref(),
        Some("Number is not reachable")
    );
    assert_eq!(
        call.context.unwrap()["last_error"],
        "Number is not reachable"
    );
}

#[test]
fn seed001_and_004_status_words_are_failure_reasons() {
    for (word, status, reason) in [
        ("no_answer", CallStatus::Failed, Some("no_answer")),
        ("busy", CallStatus::Failed, Some("busy")),
        ("error", CallStatus::Failed, Some("error")),
        ("voicemail", CallStatus::Ended, Some("voicemail")),
        ("failed", CallStatus::Failed, None),
        ("completed", CallStatus::Ended, None),
        ("user_hangup", CallStatus::Ended, None),
    ] {
        let call = normalize_call(json!({"id": "c", "status": word})).unwrap();
        assert_eq!(
            (call.status, call.failure_reason.as_deref()),
            (status, reason),
            "{word}"
        );
        assert_eq!(call.failure_message, None);
    }
}

#[test]
fn seed000_failure_reasons_come_out_snake_case() {
    for (sent, reason) in [
        ("no-answer", "no_answer"),
        ("busy", "busy"),
        ("invalid-number", "invalid_number"),
        ("agent-error", "agent_error"),
        ("sip-403", "sip-403"),
    ] {
        let call =
            normalize_call(json!({"id": "c", "status": "failed", "failure_reason": sent})).unwrap();
        assert_eq!(call.failure_reason.as_deref(), Some(reason));
    }
}
