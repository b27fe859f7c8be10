//! Validation and encoding of what the caller sends (runs before any request).

use serde_json::json;
use truedy_core::request::{
    call_path, is_e164, is_iso_datetime, BulkDeleteBody, CreateCallRequest, ListCallsParams,
    UpdateCallPatch,
};
use truedy_core::Error;

fn params(value: serde_json::Value) -> ListCallsParams {
    truedy_core::read::from_value::<ListCallsParams>(&value, "params").expect("params")
}

#[test]
fn list_params_become_a_snake_case_query() {
    let q = params(json!({
        "status": "ended", "direction": "outbound", "agentId": "agt 1/2",
        "createdAfter": "2024-04-01T00:00:00Z", "createdBefore": "2024-04-08T00:00:00+02:00",
        "limit": 100, "offset": 0
    }))
    .to_query()
    .unwrap();
    assert_eq!(
        q,
        "status=ended&direction=outbound&agent_id=agt%201%2F2&created_after=2024-04-01T00%3A00%3A00Z\
         &created_before=2024-04-08T00%3A00%3A00%2B02%3A00&limit=100&offset=0"
    );
    assert_eq!(ListCallsParams::default().to_query().unwrap(), "");
}

#[test]
fn bad_list_params_are_refused_with_the_parameter_named() {
    for (bad, name) in [
        (json!({"limit": 0}), "limit"),
        (json!({"limit": 101}), "limit"),
        (json!({"limit": 2.5}), "limit"),
        (json!({"offset": -1}), "offset"),
        (json!({"createdAfter": "yesterday"}), "createdAfter"),
        (json!({"createdBefore": "2024-13-01"}), "createdBefore"),
        (json!({"status": " "}), "status"),
    ] {
        match params(bad.clone()).to_query() {
            Err(Error::InvalidArgument(message)) => {
                assert!(message.contains(name), "{bad}: {message}")
            }
            other => panic!("{bad}: expected invalid_argument, got {other:?}"),
        }
    }
}

#[test]
fn iso_datetimes_of_the_seeds_are_accepted_and_garbage_is_not() {
    for ok in [
        "2024-04-01T00:00:00Z",
        "2026-03-03T20:24:55.310278Z",
        "2024-04-05",
        "2024-04-05T14:22Z",
        "2024-04-05T14:22:01+02:00",
    ] {
        assert!(is_iso_datetime(ok), "{ok}");
    }
    for bad in [
        "",
        "2024",
        "2024-4-5",
        "2024-04-05T25:00Z",
        "2024-04-05T14:22:01X",
        "2024-04-05T14:22:01.Z",
        "2024-04-05T14:22:01+0200",
        "１２３４-04-05",
    ] {
        assert!(!is_iso_datetime(bad), "{bad}");
    }
}

#[test]
fn ids_are_one_encoded_path_segment() {
    assert_eq!(
        call_path("call_01hx3k9p2qw7v8n4m6j5r0y1tz", "").unwrap(),
        "/calls/call_01hx3k9p2qw7v8n4m6j5r0y1tz"
    );
    assert_eq!(
        call_path("../agents/x", "/recording").unwrap(),
        "/calls/..%2Fagents%2Fx/recording"
    );
    assert_eq!(call_path("a?b#c d", "").unwrap(), "/calls/a%3Fb%23c%20d");
    assert_eq!(call_path("é", "").unwrap(), "/calls/%C3%A9");
    assert!(matches!(call_path("", ""), Err(Error::InvalidArgument(_))));
    assert!(matches!(
        call_path("  ", ""),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        call_path(&"x".repeat(300), ""),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn e164_numbers() {
    for ok in ["+14155550123", "+18005559876", "+442071838750", "+1234567"] {
        assert!(is_e164(ok), "{ok}");
    }
    for bad in [
        "14155550123",
        "+0155550123",
        "+1 415 555 0123",
        "+1415555012345678",
        "+",
        "",
        "+1-415-555",
    ] {
        assert!(!is_e164(bad), "{bad}");
    }
}

#[test]
fn create_request_from_seed_001_becomes_its_wire_body() {
    // Seed 001's create example, written the JS way (camelCase).
    let request = truedy_core::read::from_value::<CreateCallRequest>(&json!({
        "agentId": "1f4baf16-1540-4d91-9696-7f34b2f2cb77",
        "phoneNumber": "+14155550123",
        "variables": { "first_name": "Jane", "last_name": "Doe", "company": "Acme Inc", "appointment_time": "2pm Thursday" },
        "callSettings": { "recordingEnabled": true, "maxDuration": "600s" }
    }), "request")
    .unwrap();
    let body = serde_json::to_value(request.into_body().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "agent_id": "1f4baf16-1540-4d91-9696-7f34b2f2cb77",
            "phone_number": "+14155550123",
            "variables": { "first_name": "Jane", "last_name": "Doe", "company": "Acme Inc", "appointment_time": "2pm Thursday" },
            "call_settings": { "recording_enabled": true, "max_duration": "600s" }
        })
    );
}

#[test]
fn create_request_checks_agent_and_numbers() {
    let bad = |v: serde_json::Value| {
        truedy_core::read::from_value::<CreateCallRequest>(&v, "request")
            .unwrap()
            .into_body()
    };
    assert!(
        matches!(bad(json!({"agentId": "", "phoneNumber": "+14155550123"})), Err(Error::InvalidArgument(m)) if m.contains("agentId"))
    );
    assert!(
        matches!(bad(json!({"agentId": "a", "phoneNumber": "4155550123"})), Err(Error::InvalidArgument(m)) if m.contains("phoneNumber"))
    );
    assert!(
        matches!(bad(json!({"agentId": "a", "phoneNumber": "+14155550123", "fromNumber": "x"})), Err(Error::InvalidArgument(m)) if m.contains("fromNumber"))
    );
}

#[test]
fn update_patch_needs_a_field_and_is_sent_snake_case() {
    let patch = truedy_core::read::from_value::<UpdateCallPatch>(
        &json!({ "context": {"priority": "high"}, "callSettings": {"recordingEnabled": true} }),
        "patch",
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(patch.into_body().unwrap()).unwrap(),
        json!({ "context": {"priority": "high"}, "call_settings": {"recording_enabled": true} })
    );
    assert!(matches!(
        UpdateCallPatch::default().into_body(),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn update_patch_takes_only_what_seed_001_says_can_change() {
    let read = |patch| truedy_core::read::from_value::<UpdateCallPatch>(&patch, "patch");
    for (patch, culprit) in [
        (json!({ "status": "ended" }), "patch.status"),
        (json!({ "context": {}, "agentId": "a" }), "patch.agentId"),
        (
            json!({ "callSettings": { "greeting": "hi" } }),
            "patch.callSettings.greeting",
        ),
        (
            json!({ "callSettings": { "maxDuration": "60s" } }),
            "patch.callSettings.maxDuration",
        ),
        (
            json!({ "call_settings": { "recording_enabled": false } }),
            "patch.call_settings",
        ),
    ] {
        let message = read(patch.clone()).expect_err("refused").to_string();
        assert!(message.starts_with(&format!("{culprit} is not accepted: updateCall can change only context, callSettings.recordingEnabled and callSettings.transcriptionEnabled")), "{message}");
    }
    // `null` members read as absent; an empty callSettings changes nothing.
    let patch = read(json!({ "context": { "a": 1 }, "status": null })).unwrap();
    assert!(patch.into_body().is_ok());
    assert!(read(json!({ "callSettings": {} }))
        .unwrap()
        .into_body()
        .is_err());
    let body = read(json!({ "callSettings": { "transcriptionEnabled": false } }))
        .unwrap()
        .into_body()
        .unwrap();
    assert_eq!(
        serde_json::to_value(body).unwrap(),
        json!({ "call_settings": { "transcription_enabled": false } })
    );
}

#[test]
fn bulk_delete_ids_are_checked() {
    assert!(BulkDeleteBody::new(vec![]).is_err());
    assert!(BulkDeleteBody::new(vec!["a".into(), "".into()]).is_err());
    let body = BulkDeleteBody::new(vec!["44ec8f61-6d9a-4553-a6ca-777f5f5ef95b".into()]).unwrap();
    assert_eq!(
        serde_json::to_value(body).unwrap(),
        json!({"ids": ["44ec8f61-6d9a-4553-a6ca-777f5f5ef95b"]})
    );
}

#[test]
fn dot_segment_ids_are_refused() {
    for id in [".", ".."] {
        assert!(
            matches!(call_path(id, ""), Err(Error::InvalidArgument(m)) if m.contains("must not be")),
            "{id}"
        );
    }
    // Anything else stays one segment: dots are unreserved, `%` is encoded.
    assert_eq!(call_path("...", "").unwrap(), "/calls/...");
    assert_eq!(call_path("%2E%2E", "").unwrap(), "/calls/%252E%252E");
    assert_eq!(
        call_path("a.b", "/transcript").unwrap(),
        "/calls/a.b/transcript"
    );
}
