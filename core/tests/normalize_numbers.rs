//! Numbers in calls: numeric strings, negative and absurd values, cost and latency
//! breakdowns.

use serde_json::{json, Value};
use truedy_core::model::LatencyBreakdown;
use truedy_core::normalize::normalize_call;

#[test]
fn numeric_strings_are_numbers() {
    let call = normalize_call(json!({
        "id": "c", "duration_seconds": "183", "cost_usd": " 0.42 ", "cost_credits": "24"
    }))
    .unwrap();
    assert_eq!(call.duration_seconds, Some(183.0));
    assert_eq!(call.cost_usd, Some(0.42));
    assert_eq!(call.cost_credits, Some(24.0));
    let call =
        normalize_call(json!({"id": "c", "duration_seconds": "12.5s", "duration_ms": "1500"}))
            .unwrap();
    assert_eq!(
        call.duration_seconds,
        Some(1.5),
        "an unparsable seconds string falls through"
    );
    let call = normalize_call(json!({"id": "c", "cost_cents": "92"})).unwrap();
    assert_eq!(call.cost_usd, Some(0.92));
}

#[test]
fn negative_durations_and_costs_are_null() {
    let call = normalize_call(json!({
        "id": "c", "duration_seconds": -5, "cost_usd": -0.5, "cost_cents": -3, "cost_credits": -1
    }))
    .unwrap();
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.cost_usd, None);
    assert_eq!(call.cost_credits, None);
    // A negative first source falls through to a valid second one.
    let call =
        normalize_call(json!({"id": "c", "duration_seconds": -5, "duration_ms": 2500})).unwrap();
    assert_eq!(call.duration_seconds, Some(2.5));
    let call =
        normalize_call(json!({"id": "c", "duration_ms": "-2500", "cost_usd": -0.0})).unwrap();
    assert_eq!(call.duration_seconds, None);
    assert_eq!(call.cost_usd, Some(0.0));
    assert!(
        call.cost_usd.unwrap().is_sign_positive(),
        "-0 is written as 0"
    );
}

#[test]
fn cost_breakdowns() {
    let cost = |v: Value| {
        normalize_call(json!({"id": "c", "cost": v}))
            .unwrap()
            .cost_usd
    };
    assert_eq!(cost(json!({"llm": 0.5, "total": 1.25})), Some(1.25));
    assert_eq!(cost(json!({"total_usd": "2.5"})), Some(2.5));
    assert_eq!(cost(json!({"total_cost": 3})), Some(3.0));
    assert_eq!(cost(json!({"combined_cost": 4})), Some(4.0));
    assert_eq!(cost(json!({"total_cents": 150})), Some(1.5));
    assert_eq!(
        cost(json!({"llm": 0.25, "tts": 0.5, "label": "x", "nested": {"a": 9}})),
        Some(0.75)
    );
    assert_eq!(
        cost(json!({"total": -1, "llm": 2})),
        None,
        "a negative total is not replaced"
    );
    assert_eq!(
        cost(json!({"llm": -2, "tts": 1})),
        None,
        "a negative sum is null"
    );
    assert_eq!(cost(json!({"currency": "usd"})), None);
    assert_eq!(cost(json!({})), None);
    assert_eq!(cost(json!(0.07)), Some(0.07), "a bare number is dollars");
    assert_eq!(cost(json!("0.07")), Some(0.07));
    assert_eq!(cost(json!([1, 2])), None);
    let call = normalize_call(json!({"id": "c", "cost_breakdown": {"total": 9}})).unwrap();
    assert_eq!(call.cost_usd, Some(9.0));
}

#[test]
fn latency_breakdown_fields() {
    let lat = |v: Value| {
        normalize_call(json!({"id": "c", "latency": v}))
            .unwrap()
            .latency
    };
    assert_eq!(
        lat(
            json!({"total_perceived_ms": 790, "vad_delay_ms": -3, "llm_startup_ms": "310", "extra": 1})
        ),
        Some(LatencyBreakdown {
            total_perceived_ms: Some(790.0),
            llm_startup_ms: Some(310.0),
            ..Default::default()
        })
    );
    assert_eq!(lat(json!({"p50": 800})), None, "no known field: null");
    assert_eq!(lat(json!({})), None);
    assert_eq!(lat(json!([{"vad_delay_ms": 1}])), None);
    let js = serde_json::to_value(lat(json!({"send_overhead_ms": 25.5}))).unwrap();
    assert_eq!(js["sendOverheadMs"], 25.5);
    assert_eq!(js["ttsSynthesisMs"], Value::Null);
}

#[test]
fn absurd_numbers() {
    let call = normalize_call(json!({
        "id": "c", "start_timestamp": 1e20, "end_timestamp": -1e20, "created_at": 253402300800000u64,
        "updated_at": 18446744073709551615u64, "duration_ms": 1e308, "cost_credits": 1e308
    }))
    .unwrap();
    assert_eq!(call.started_at, None);
    assert_eq!(call.ended_at, None);
    assert_eq!(call.created_at, None, "past 9999-12-31");
    assert_eq!(call.updated_at, None);
    // Huge but finite amounts are kept: the server said so, and `raw` agrees.
    assert_eq!(call.duration_seconds, Some(1e305));
    assert_eq!(call.cost_credits, Some(1e308));
}
