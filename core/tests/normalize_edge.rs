//! Mixed and broken payloads: missing fields, nulls, wrong types, negative or absurd
//! numbers, empty strings, non-object inputs, and a page mixing every seed's shape.

use serde_json::{json, Value};
use truedy_core::model::CallStatus;
use truedy_core::normalize::{normalize_call, normalize_page, normalize_transcript};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn decode_message(result: Result<impl std::fmt::Debug, truedy_core::Error>) -> String {
    let err = result.unwrap_err();
    assert_eq!(err.kind(), "decode", "{err:?}");
    err.to_string()
}

// ---- non-object inputs ---------------------------------------------------------------------

#[test]
fn non_object_call_inputs_are_decode_errors() {
    for (input, got) in [
        (json!([{"id": "a"}]), "an array"),
        (json!("call_1"), "a string"),
        (json!(42), "a number"),
        (json!(true), "a boolean"),
        (Value::Null, "null"),
    ] {
        assert_eq!(
            decode_message(normalize_call(input)),
            format!("expected a call object, got {got}")
        );
    }
}

#[test]
fn envelope_with_unusable_data_is_a_decode_error() {
    assert_eq!(
        decode_message(normalize_call(
            json!({"data": null, "meta": {"request_id": "r"}})
        )),
        "expected a call object in `data`, got null"
    );
    assert_eq!(
        decode_message(normalize_call(json!({"data": [{"id": "a"}], "meta": {}}))),
        "expected a call object in `data`, got an array"
    );
    assert_eq!(
        decode_message(normalize_call(json!({"data": "x"}))),
        "expected a call object in `data`, got a string"
    );
}

#[test]
fn an_object_with_its_own_id_is_not_an_envelope() {
    let raw = json!({"id": "c1", "status": "ended", "data": {"id": "inner", "status": "queued"}});
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(call.id, "c1");
    assert_eq!(call.status, CallStatus::Ended);
    assert_eq!(call.raw, raw);
    // Same with a null id: the key is there, so the object is the call.
    let call = normalize_call(json!({"id": null, "data": {"id": "inner"}})).unwrap();
    assert_eq!(call.id, "");
}

#[test]
fn non_object_page_inputs_are_decode_errors() {
    for (input, message) in [
        (
            json!("page"),
            "expected a page object with a `data` array, got a string",
        ),
        (
            json!(1),
            "expected a page object with a `data` array, got a number",
        ),
        (
            Value::Null,
            "expected a page object with a `data` array, got null",
        ),
        (
            json!({}),
            "expected a page object with a `data` array, got no `data`",
        ),
        (
            json!({"data": null}),
            "expected a page object with a `data` array, got `data` as null",
        ),
        (
            json!({"data": {"id": "a"}}),
            "expected a page object with a `data` array, got `data` as an object",
        ),
        (
            json!({"data": "[]"}),
            "expected a page object with a `data` array, got `data` as a string",
        ),
        (
            json!({"error": "boom"}),
            "expected a page object with a `data` array, got an API error: boom",
        ),
    ] {
        assert_eq!(decode_message(normalize_page(input)), message);
    }
}

#[test]
fn non_object_transcript_inputs_are_decode_errors() {
    for (input, got) in [
        (json!(3), "a number"),
        (json!(false), "a boolean"),
        (Value::Null, "null"),
    ] {
        assert_eq!(
            decode_message(normalize_transcript(input)),
            format!("expected a transcript object, got {got}")
        );
    }
    assert_eq!(
        decode_message(normalize_transcript(json!({"data": 7}))),
        "expected a transcript object in `data`, got a number"
    );
}

// ---- missing fields, nulls, empty strings ---------------------------------------------------

#[test]
fn empty_object_is_an_empty_call() {
    let call = normalize_call(json!({})).unwrap();
    assert_eq!(call.id, "");
    assert_eq!(call.status, CallStatus::Unknown);
    assert_eq!(call.status_detail, None);
    assert!(!call.is_terminal);
    assert_eq!(call.direction, None);
    assert_eq!(call.phone_number, None);
    assert_eq!(call.created_at, None);
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.cost_usd, None);
    assert_eq!(call.transcript, None);
    assert_eq!(call.variables, None);
    assert_eq!(call.context, None);
    assert_eq!(call.latency, None);
    assert_eq!(call.raw, json!({}));
}

#[test]
fn nulls_everywhere() {
    let keys = [
        "id",
        "status",
        "direction",
        "type",
        "agent_id",
        "phone_number",
        "from_number",
        "to_number",
        "from",
        "to",
        "created_at",
        "started_at",
        "ended_at",
        "updated_at",
        "start_timestamp",
        "end_timestamp",
        "duration_seconds",
        "duration_ms",
        "cost_usd",
        "cost_cents",
        "cost_credits",
        "cost",
        "outcome",
        "summary",
        "short_summary",
        "sentiment",
        "failure_reason",
        "recording_url",
        "transcript_url",
        "transcript",
        "variables",
        "vars_provided",
        "vars_extracted",
        "context",
        "metadata",
        "latency",
    ];
    let raw = Value::Object(keys.iter().map(|k| (k.to_string(), Value::Null)).collect());
    let call = normalize_call(raw.clone()).unwrap();
    let js = serde_json::to_value(&call).unwrap();
    for (k, v) in js.as_object().unwrap() {
        match k.as_str() {
            "id" => assert_eq!(v, ""),
            "status" => assert_eq!(v, "unknown"),
            "isTerminal" => assert_eq!(v, false),
            "raw" => assert_eq!(v, &raw),
            _ => assert_eq!(v, &Value::Null, "{k}"),
        }
    }
}

#[test]
fn empty_and_blank_strings_are_absent() {
    let call = normalize_call(json!({
        "id": "", "status": "", "direction": " ", "agent_id": "", "phone_number": "",
        "to_number": "+15550001111", "from_number": "", "from": "+15550002222",
        "summary": "   ", "recording_url": "", "outcome": "", "created_at": "",
        "duration_seconds": "", "cost_usd": ""
    }))
    .unwrap();
    assert_eq!(call.id, "", "an empty id stays the empty string");
    assert_eq!(call.status_detail, None);
    assert_eq!(call.direction, None);
    assert_eq!(call.agent_id, None);
    assert_eq!(
        call.phone_number.as_deref(),
        Some("+15550001111"),
        "falls back to toNumber"
    );
    assert_eq!(
        call.from_number.as_deref(),
        Some("+15550002222"),
        "falls back to `from`"
    );
    assert_eq!(call.summary, None);
    assert_eq!(call.recording_url, None);
    assert_eq!(call.outcome, None);
    assert_eq!(call.created_at, None);
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.cost_usd, None);
}

// ---- wrong types ---------------------------------------------------------------------------

#[test]
fn ids_of_other_types() {
    let id = |v: Value| normalize_call(json!({"id": v})).unwrap().id;
    assert_eq!(id(json!(42)), "42");
    assert_eq!(id(json!(-7)), "-7");
    assert_eq!(id(json!(18446744073709551615u64)), "18446744073709551615");
    assert_eq!(id(json!(3.0)), "3");
    assert_eq!(id(json!(3.5)), "");
    assert_eq!(id(json!(1e300)), "");
    assert_eq!(id(json!(true)), "");
    assert_eq!(id(json!({"uuid": "x"})), "");
    assert_eq!(id(json!(["x"])), "");
    assert_eq!(
        normalize_call(json!({"call_id": "seed4"})).unwrap().id,
        "seed4"
    );
}

#[test]
fn wrong_types_become_null_and_stay_in_raw() {
    let raw = json!({
        "id": "c", "agent_id": 12, "phone_number": 14155551234u64, "outcome": ["x"],
        "summary": {"text": "s"}, "recording_url": false, "created_at": true,
        "duration_seconds": true, "cost_usd": {"amount": 1}, "cost_credits": "lots",
        "variables": "first_name=Sarah", "context": ["a"], "metadata": 5,
        "vars_extracted": [], "transcript": 5, "latency": "fast", "type": 3
    });
    let call = normalize_call(raw.clone()).unwrap();
    assert_eq!(call.agent_id, None);
    assert_eq!(call.phone_number, None);
    assert_eq!(call.outcome, None);
    assert_eq!(call.summary, None);
    assert_eq!(call.recording_url, None);
    assert_eq!(call.created_at, None);
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.cost_usd, None);
    assert_eq!(call.cost_credits, None);
    assert_eq!(call.variables, None);
    assert_eq!(call.context, None);
    assert_eq!(call.extracted_variables, None);
    assert_eq!(call.transcript, None);
    assert_eq!(call.latency, None);
    assert_eq!(call.call_type, None);
    assert_eq!(call.raw, raw);
}

#[test]
fn first_usable_name_wins() {
    let call = normalize_call(json!({
        "id": "c", "to_number": 5, "to": "+15550003333", "from_number": null, "from": "+15550004444",
        "variables": null, "vars_provided": {"a": "1"},
        "started_at": "not a date", "start_timestamp": 0,
        "duration_seconds": 10, "duration_ms": 99000,
        "cost_usd": 1.5, "cost_cents": 900
    }))
    .unwrap();
    assert_eq!(call.to_number.as_deref(), Some("+15550003333"));
    assert_eq!(call.from_number.as_deref(), Some("+15550004444"));
    assert_eq!(call.phone_number.as_deref(), Some("+15550003333"));
    assert_eq!(call.variables.unwrap()["a"], "1");
    assert_eq!(call.started_at.as_deref(), Some("1970-01-01T00:00:00.000Z"));
    assert_eq!(call.duration_seconds, Some(10.0));
    assert_eq!(call.cost_usd, Some(1.5));
}

#[test]
fn phone_number_falls_back_by_direction() {
    let phone = |raw: Value| normalize_call(raw).unwrap().phone_number;
    let numbers = json!({"from": "+1000", "to": "+2000"});
    let with = |extra: Value| {
        let mut m = numbers.as_object().unwrap().clone();
        m.extend(extra.as_object().unwrap().clone());
        Value::Object(m)
    };
    assert_eq!(
        phone(with(json!({"direction": "inbound"}))).as_deref(),
        Some("+1000")
    );
    assert_eq!(
        phone(with(json!({"direction": "incoming"}))).as_deref(),
        Some("+1000")
    );
    assert_eq!(
        phone(with(json!({"direction": "outbound"}))).as_deref(),
        Some("+2000")
    );
    assert_eq!(phone(with(json!({}))).as_deref(), Some("+2000"));
    assert_eq!(
        phone(with(json!({"direction": "sideways"}))).as_deref(),
        Some("+2000")
    );
    assert_eq!(
        phone(with(
            json!({"phone_number": "+3000", "direction": "inbound"})
        ))
        .as_deref(),
        Some("+3000")
    );
    assert_eq!(phone(json!({"type": "web_call"})), None);
}

// ---- variables and context -----------------------------------------------------------------

#[test]
fn metadata_merges_into_context_and_context_wins() {
    let call = normalize_call(json!({
        "id": "c",
        "context": {"priority": "high", "campaign_id": "from_context"},
        "metadata": {"campaign_id": "from_metadata", "contact_id": "cnt_1"}
    }))
    .unwrap();
    let context = call.context.unwrap();
    assert_eq!(context["priority"], "high");
    assert_eq!(context["campaign_id"], "from_context");
    assert_eq!(context["contact_id"], "cnt_1");
    assert_eq!(context.len(), 3);
    let keys: Vec<_> = context.keys().cloned().collect();
    assert_eq!(
        keys,
        ["priority", "campaign_id", "contact_id"],
        "context's keys first, in order"
    );

    let only_meta = normalize_call(json!({"id": "c", "metadata": {"a": 1}})).unwrap();
    assert_eq!(only_meta.context.unwrap()["a"], 1);
    let only_ctx =
        normalize_call(json!({"id": "c", "context": {"b": 2}, "metadata": "x"})).unwrap();
    assert_eq!(only_ctx.context.unwrap().len(), 1);
}

#[test]
fn variable_values_are_kept_as_sent() {
    let call = normalize_call(json!({
        "id": "c", "variables": {"n": 1, "s": "x", "nested": {"a": [1]}},
        "vars_extracted": {"ok": true}
    }))
    .unwrap();
    assert_eq!(call.variables.unwrap()["nested"], json!({"a": [1]}));
    assert_eq!(call.extracted_variables.unwrap()["ok"], true);
}

#[test]
fn raw_keeps_key_order_and_every_field() {
    let text = r#"{"zeta":1,"id":"c","alpha":{"b":2,"a":1},"status":"ended","extra":[null,true]}"#;
    let raw: Value = serde_json::from_str(text).unwrap();
    let call = normalize_call(raw).unwrap();
    assert_eq!(serde_json::to_string(&call.raw).unwrap(), text);
}

#[test]
fn call_round_trips_through_serde() {
    let call = normalize_call(fixture("seed004_phone_call.json")).unwrap();
    let js = serde_json::to_string(&call).unwrap();
    let back: truedy_core::model::Call = serde_json::from_str(&js).unwrap();
    assert_eq!(back, call);
}
