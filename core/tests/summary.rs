//! summarizeCalls: counts, totals, means and nearest-rank percentiles.

use std::collections::BTreeMap;

use serde_json::json;
use truedy_core::model::{Call, CallDirection, CallStatus};
use truedy_core::normalize::normalize_call;
use truedy_core::summary::{summarize_calls, CallSummary};

/// A call with only an id: every other field null, as the normalizer leaves what is not sent.
fn call(id: &str) -> Call {
    normalize_call(json!({ "id": id })).expect("a call object")
}

fn with_duration(d: f64) -> Call {
    Call {
        duration_seconds: Some(d),
        ..call("d")
    }
}

fn counts(pairs: &[(&str, u32)]) -> BTreeMap<String, u32> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[test]
fn empty_input() {
    let s = summarize_calls(&[]);
    assert_eq!(
        s,
        CallSummary {
            count: 0,
            by_status: BTreeMap::new(),
            by_outcome: BTreeMap::new(),
            by_direction: BTreeMap::new(),
            total_cost_usd: 0.0,
            mean_cost_usd: None,
            total_duration_seconds: 0.0,
            mean_duration_seconds: None,
            p50_duration_seconds: None,
            p90_duration_seconds: None,
            cost_credits_total: 0.0,
        }
    );
    assert_eq!(
        serde_json::to_value(&s).expect("serializes"),
        json!({
            "count": 0, "byStatus": {}, "byOutcome": {}, "byDirection": {},
            "totalCostUsd": 0.0, "meanCostUsd": null, "totalDurationSeconds": 0.0,
            "meanDurationSeconds": null, "p50DurationSeconds": null, "p90DurationSeconds": null,
            "costCreditsTotal": 0.0
        })
    );
}

#[test]
fn counts_by_status_outcome_and_direction() {
    let calls = [
        Call {
            status: CallStatus::Ended,
            direction: Some(CallDirection::Outbound),
            outcome: Some("interested".into()),
            ..call("1")
        },
        Call {
            status: CallStatus::Ended,
            direction: Some(CallDirection::Outbound),
            outcome: Some("voicemail".into()),
            ..call("2")
        },
        Call {
            status: CallStatus::Failed,
            direction: Some(CallDirection::Inbound),
            outcome: Some("interested".into()),
            ..call("3")
        },
        Call {
            status: CallStatus::InProgress,
            direction: Some(CallDirection::Webrtc),
            outcome: Some("  ".into()),
            ..call("4")
        },
        Call {
            status: CallStatus::Unknown,
            direction: Some(CallDirection::Unknown),
            ..call("5")
        },
        Call {
            status: CallStatus::Ended,
            direction: None,
            outcome: Some("no-answer".into()),
            ..call("6")
        },
    ];
    let s = summarize_calls(&calls);
    assert_eq!(s.count, 6);
    assert_eq!(
        s.by_status,
        counts(&[
            ("ended", 3),
            ("failed", 1),
            ("in_progress", 1),
            ("unknown", 1)
        ])
    );
    // Calls without an outcome (missing or blank) are left out of byOutcome.
    assert_eq!(
        s.by_outcome,
        counts(&[("interested", 2), ("no-answer", 1), ("voicemail", 1)])
    );
    assert_eq!(
        s.by_direction,
        counts(&[
            ("inbound", 1),
            ("outbound", 2),
            ("unknown", 2),
            ("webrtc", 1)
        ])
    );
}

#[test]
fn status_keys_are_the_serialized_status_words() {
    for status in [
        CallStatus::Queued,
        CallStatus::Ringing,
        CallStatus::InProgress,
        CallStatus::Ended,
        CallStatus::Failed,
        CallStatus::Cancelled,
        CallStatus::Unknown,
    ] {
        let word = serde_json::to_value(status).expect("serializes");
        let s = summarize_calls(&[Call {
            status,
            ..call("x")
        }]);
        assert_eq!(s.by_status.keys().next().map(String::as_str), word.as_str());
    }
    for direction in [
        CallDirection::Outbound,
        CallDirection::Inbound,
        CallDirection::Webrtc,
        CallDirection::Unknown,
    ] {
        let word = serde_json::to_value(direction).expect("serializes");
        let s = summarize_calls(&[Call {
            direction: Some(direction),
            ..call("x")
        }]);
        assert_eq!(
            s.by_direction.keys().next().map(String::as_str),
            word.as_str()
        );
    }
}

#[test]
fn costs_and_credits() {
    let calls = [
        Call {
            cost_usd: Some(0.5),
            cost_credits: Some(10.0),
            ..call("1")
        },
        Call {
            cost_usd: Some(1.5),
            ..call("2")
        },
        Call {
            cost_usd: None,
            cost_credits: Some(2.5),
            ..call("3")
        },
        Call {
            cost_usd: Some(f64::NAN),
            cost_credits: Some(f64::INFINITY),
            ..call("4")
        },
    ];
    let s = summarize_calls(&calls);
    assert_eq!(s.total_cost_usd, 2.0);
    assert_eq!(
        s.mean_cost_usd,
        Some(1.0),
        "mean over the two calls with a cost"
    );
    assert_eq!(s.cost_credits_total, 12.5);
    assert_eq!(s.mean_duration_seconds, None);
    assert_eq!(s.p50_duration_seconds, None);
}

#[test]
fn nearest_rank_percentiles() {
    // Unsorted input; nearest rank: p50 = rank ceil(0.5 * 4) = 2, p90 = rank ceil(0.9 * 4) = 4.
    let s = summarize_calls(&[
        with_duration(40.0),
        with_duration(10.0),
        with_duration(30.0),
        with_duration(20.0),
    ]);
    assert_eq!(s.p50_duration_seconds, Some(20.0));
    assert_eq!(s.p90_duration_seconds, Some(40.0));
    assert_eq!(s.total_duration_seconds, 100.0);
    assert_eq!(s.mean_duration_seconds, Some(25.0));

    // 1..=10: p50 = rank 5, p90 = rank 9.
    let ten: Vec<Call> = (1..=10)
        .rev()
        .map(|d| with_duration(f64::from(d)))
        .collect();
    let s = summarize_calls(&ten);
    assert_eq!(s.p50_duration_seconds, Some(5.0));
    assert_eq!(s.p90_duration_seconds, Some(9.0));

    // 1..=11: p50 = rank ceil(5.5) = 6, p90 = rank ceil(9.9) = 10.
    let eleven: Vec<Call> = (1..=11).map(|d| with_duration(f64::from(d))).collect();
    let s = summarize_calls(&eleven);
    assert_eq!(s.p50_duration_seconds, Some(6.0));
    assert_eq!(s.p90_duration_seconds, Some(10.0));

    // One duration: it is every percentile.
    let s = summarize_calls(&[with_duration(183.0)]);
    assert_eq!(
        (s.p50_duration_seconds, s.p90_duration_seconds),
        (Some(183.0), Some(183.0))
    );
}

#[test]
fn percentiles_ignore_calls_without_a_usable_duration() {
    let calls = [
        call("none"),
        with_duration(f64::NAN),
        with_duration(-5.0),
        with_duration(f64::INFINITY),
        with_duration(7.0),
        with_duration(3.0),
    ];
    let s = summarize_calls(&calls);
    assert_eq!(s.count, 6);
    assert_eq!(s.total_duration_seconds, 10.0);
    assert_eq!(s.mean_duration_seconds, Some(5.0));
    assert_eq!(s.p50_duration_seconds, Some(3.0));
    assert_eq!(s.p90_duration_seconds, Some(7.0));
}

#[test]
fn serializes_camel_case_for_javascript() {
    let calls = [Call {
        status: CallStatus::Ended,
        direction: Some(CallDirection::Outbound),
        duration_seconds: Some(183.0),
        cost_usd: Some(0.92),
        ..call("1")
    }];
    let v = serde_json::to_value(summarize_calls(&calls)).expect("serializes");
    assert_eq!(v["byStatus"], json!({"ended": 1}));
    assert_eq!(v["byDirection"], json!({"outbound": 1}));
    assert_eq!(v["byOutcome"], json!({}));
    assert_eq!(v["p90DurationSeconds"], json!(183.0));
    assert_eq!(v["meanCostUsd"], json!(0.92));
}

#[test]
fn many_calls() {
    let calls: Vec<Call> = (0..20_000)
        .map(|i| Call {
            status: CallStatus::Ended,
            ..with_duration(f64::from(i % 100))
        })
        .collect();
    let s = summarize_calls(&calls);
    assert_eq!(s.count, 20_000);
    assert_eq!(s.by_status, counts(&[("ended", 20_000)]));
    assert_eq!(s.p50_duration_seconds, Some(49.0));
    assert_eq!(s.p90_duration_seconds, Some(89.0));
}
