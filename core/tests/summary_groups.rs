//! summarizeCalls(calls, { groupBy }): keys, order, time zones, and each group's summary
//! equal to the flat summary of that group's calls.

use serde_json::json;
use truedy_core::model::{Call, CallDirection, CallStatus};
use truedy_core::normalize::normalize_call;
use truedy_core::read::from_value;
use truedy_core::summary::{summarize_calls, summarize_groups, CallGroup, GroupBy, SummaryOptions};

fn call(value: serde_json::Value) -> Call {
    normalize_call(value).expect("a call object")
}

/// Groups in UTC.
fn groups(calls: &[Call], by: GroupBy) -> Vec<CallGroup> {
    summarize_groups(calls.iter().map(|c| (c.facts(), 0)), by)
}

fn keys(groups: &[CallGroup]) -> Vec<Option<&str>> {
    groups.iter().map(|g| g.key.as_deref()).collect()
}

fn counts(groups: &[CallGroup]) -> Vec<u32> {
    groups.iter().map(|g| g.summary.count).collect()
}

/// A varied set of calls: three agents, statuses, directions, outcomes, days, durations.
fn sample() -> Vec<Call> {
    let rows = [
        (
            "a1",
            "completed",
            "outbound",
            Some("interested"),
            "2024-04-05T23:30:00Z",
            120,
            50,
        ),
        (
            "a2",
            "failed",
            "inbound",
            None,
            "2024-04-05T08:00:00Z",
            0,
            0,
        ),
        (
            "a1",
            "completed",
            "inbound",
            Some("voicemail"),
            "2024-04-06T00:10:00Z",
            30,
            10,
        ),
        (
            "a3",
            "in_progress",
            "outbound",
            None,
            "2024-04-04T12:00:00Z",
            15,
            5,
        ),
        (
            "a2",
            "completed",
            "outbound",
            Some("interested"),
            "2024-04-06T09:59:59Z",
            300,
            120,
        ),
        (
            "a1",
            "busy",
            "outbound",
            Some("  "),
            "2024-04-06T10:00:00Z",
            0,
            0,
        ),
        (
            "a2",
            "no_answer",
            "outbound",
            Some("voicemail"),
            "2024-04-05T23:59:59.999Z",
            0,
            0,
        ),
    ];
    let mut calls: Vec<Call> = rows
        .iter()
        .enumerate()
        .map(
            |(i, (agent, status, direction, outcome, created, duration, cents))| {
                call(json!({
                    "id": format!("c{i}"), "agent_id": agent, "status": status,
                    "direction": direction, "outcome": outcome, "created_at": created,
                    "duration_seconds": duration, "cost_cents": cents,
                }))
            },
        )
        .collect();
    // One call with neither agent, creation time, outcome nor direction.
    calls.push(call(json!({ "id": "bare", "status": "queued" })));
    calls
}

/// Each group's summary is the flat summary of exactly the calls `member` puts in it, and
/// every call is in one group.
fn assert_groups_partition(
    calls: &[Call],
    groups: &[CallGroup],
    member: impl Fn(&Call, Option<&str>) -> bool,
) {
    let total: u32 = counts(groups).iter().sum();
    assert_eq!(total as usize, calls.len(), "every call in one group");
    for group in groups {
        let subset: Vec<Call> = calls
            .iter()
            .filter(|c| member(c, group.key.as_deref()))
            .cloned()
            .collect();
        assert_eq!(
            group.summary,
            summarize_calls(&subset),
            "group {:?}",
            group.key
        );
    }
}

#[test]
fn by_status_in_lifecycle_order() {
    let calls = sample();
    let g = groups(&calls, GroupBy::Status);
    assert_eq!(
        keys(&g),
        [
            Some("queued"),
            Some("in_progress"),
            Some("ended"),
            Some("failed")
        ]
    );
    assert_eq!(counts(&g), [1, 1, 3, 3]);
    assert_groups_partition(&calls, &g, |c, key| {
        Some(
            serde_json::to_value(c.status)
                .expect("a word")
                .as_str()
                .unwrap_or(""),
        ) == key
    });
}

#[test]
fn by_direction_with_unknown_last() {
    let calls = sample();
    let g = groups(&calls, GroupBy::Direction);
    assert_eq!(
        keys(&g),
        [Some("outbound"), Some("inbound"), Some("unknown")]
    );
    assert_eq!(counts(&g), [5, 2, 1]);
    assert_groups_partition(&calls, &g, |c, key| {
        let word = match c.direction {
            Some(CallDirection::Outbound) => "outbound",
            Some(CallDirection::Inbound) => "inbound",
            Some(CallDirection::Webrtc) => "webrtc",
            _ => "unknown",
        };
        Some(word) == key
    });
}

#[test]
fn by_agent_most_calls_first_then_by_id_and_none_last() {
    let calls = sample();
    let g = groups(&calls, GroupBy::Agent);
    // a1 and a2 have three calls each: by id.
    assert_eq!(keys(&g), [Some("a1"), Some("a2"), Some("a3"), None]);
    assert_eq!(counts(&g), [3, 3, 1, 1]);
    assert_groups_partition(&calls, &g, |c, key| c.agent_id.as_deref() == key);
    let a2 = &g[1].summary;
    assert_eq!(a2.total_cost_usd, 1.2);
    assert_eq!(a2.by_status.get("failed"), Some(&2));
}

#[test]
fn by_outcome_leaves_blank_labels_in_the_null_group() {
    let calls = sample();
    let g = groups(&calls, GroupBy::Outcome);
    assert_eq!(keys(&g), [Some("interested"), Some("voicemail"), None]);
    assert_eq!(counts(&g), [2, 2, 4]);
    assert_groups_partition(&calls, &g, |c, key| {
        c.outcome
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            == key
    });
}

#[test]
fn by_day_and_hour_in_utc() {
    let calls = sample();
    let g = groups(&calls, GroupBy::Day);
    assert_eq!(
        keys(&g),
        [
            Some("2024-04-04"),
            Some("2024-04-05"),
            Some("2024-04-06"),
            None
        ]
    );
    assert_eq!(counts(&g), [1, 3, 3, 1]);
    assert_groups_partition(&calls, &g, |c, key| {
        c.created_at.as_deref().map(|t| &t[..10]) == key
    });
    let g = groups(&calls, GroupBy::Hour);
    assert_eq!(
        keys(&g),
        [
            Some("2024-04-04T12:00:00Z"),
            Some("2024-04-05T08:00:00Z"),
            Some("2024-04-05T23:00:00Z"),
            Some("2024-04-06T00:00:00Z"),
            Some("2024-04-06T09:00:00Z"),
            Some("2024-04-06T10:00:00Z"),
            None
        ]
    );
    assert_eq!(counts(&g), [1, 1, 2, 1, 1, 1, 1]);
}

#[test]
fn by_day_in_a_time_zone() {
    // At UTC+02:00, 23:30Z and 23:59:59.999Z on the 5th are on the 6th; 08:00Z stays.
    let calls = sample();
    let g = summarize_groups(calls.iter().map(|c| (c.facts(), 120)), GroupBy::Day);
    assert_eq!(
        keys(&g),
        [
            Some("2024-04-04"),
            Some("2024-04-05"),
            Some("2024-04-06"),
            None
        ]
    );
    assert_eq!(counts(&g), [1, 1, 5, 1]);
    // At UTC-10:00, 08:00Z on the 5th falls on the 4th, 00:10Z and 09:59:59Z on the 6th on
    // the 5th; 10:00Z on the 6th is local midnight, the 6th.
    let g = summarize_groups(calls.iter().map(|c| (c.facts(), -600)), GroupBy::Day);
    assert_eq!(counts(&g), [2, 4, 1, 1]);
    let g = summarize_groups(calls.iter().map(|c| (c.facts(), -600)), GroupBy::Hour);
    assert_eq!(g[0].key.as_deref(), Some("2024-04-04T02:00:00-10:00"));
}

#[test]
fn an_hour_that_happens_twice_is_two_groups_in_order() {
    // Europe/Berlin, 2024-10-27: 02:30 at +02:00 (00:30Z), then 02:30 at +01:00 (01:30Z).
    let at = |t: &str, offset: i64| (call(json!({ "id": t, "created_at": t })), offset);
    let calls = [
        at("2024-10-27T01:30:00Z", 60),
        at("2024-10-27T00:30:00Z", 120),
    ];
    let g = summarize_groups(calls.iter().map(|(c, o)| (c.facts(), *o)), GroupBy::Hour);
    assert_eq!(
        keys(&g),
        [
            Some("2024-10-27T02:00:00+02:00"),
            Some("2024-10-27T02:00:00+01:00")
        ]
    );
    let g = summarize_groups(calls.iter().map(|(c, o)| (c.facts(), *o)), GroupBy::Day);
    assert_eq!(keys(&g), [Some("2024-10-27")]);
}

#[test]
fn times_that_cannot_be_read_go_to_the_null_group() {
    let calls: Vec<Call> = ["2024-02-30T00:00:00Z", "yesterday", ""]
        .iter()
        .map(|t| Call {
            created_at: Some((*t).to_owned()),
            ..call(json!({ "id": t }))
        })
        .collect();
    let g = groups(&calls, GroupBy::Day);
    assert_eq!(keys(&g), [None]);
    assert_eq!(counts(&g), [3]);
    // An offset so large it leaves the calendar: the call has no day, nothing panics.
    let one = [call(
        json!({ "id": "x", "created_at": "9999-12-31T23:00:00Z" }),
    )];
    let g = summarize_groups(one.iter().map(|c| (c.facts(), 1_440)), GroupBy::Hour);
    assert_eq!(keys(&g), [None]);
    let g = summarize_groups(one.iter().map(|c| (c.facts(), i64::MAX)), GroupBy::Day);
    assert_eq!(keys(&g), [None]);
}

#[test]
fn no_calls_no_groups() {
    assert!(groups(&[], GroupBy::Agent).is_empty());
}

#[test]
fn many_groups_stay_ordered() {
    let calls: Vec<Call> = (0..5_000)
        .map(|i| Call {
            agent_id: Some(format!("agent_{:04}", i % 250)),
            status: if i % 3 == 0 {
                CallStatus::Failed
            } else {
                CallStatus::Ended
            },
            ..call(json!({ "id": i.to_string() }))
        })
        .collect();
    let g = groups(&calls, GroupBy::Agent);
    assert_eq!(g.len(), 250);
    assert!(g.iter().all(|g| g.summary.count == 20));
    let names: Vec<&str> = g.iter().filter_map(|g| g.key.as_deref()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "equal counts are ordered by key");
}

#[test]
fn serializes_key_and_summary() {
    let g = groups(&sample(), GroupBy::Direction);
    let v = serde_json::to_value(&g[2]).expect("serializes");
    assert_eq!(v["key"], json!("unknown"));
    assert_eq!(v["summary"]["count"], json!(1));
    assert_eq!(v["summary"]["byStatus"], json!({ "queued": 1 }));
}

#[test]
fn options_are_read_with_clear_errors() {
    let o: SummaryOptions = from_value(
        &json!({ "groupBy": "hour", "timeZone": "Europe/Paris" }),
        "options",
    )
    .expect("valid");
    assert_eq!(o.group_by, Some(GroupBy::Hour));
    assert_eq!(o.time_zone.as_deref(), Some("Europe/Paris"));
    let o: SummaryOptions = from_value(&json!(null), "options").expect("null is {}");
    assert_eq!(o, SummaryOptions::default());
    for (bad, message) in [
        (
            json!({ "groupBy": "week" }),
            "options.groupBy must be one of agent, day, hour, status, direction, outcome",
        ),
        (
            json!({ "timeZone": 2 }),
            "options.timeZone must be a string",
        ),
        (json!("day"), "options must be an object"),
    ] {
        let e = from_value::<SummaryOptions>(&bad, "options").expect_err("invalid");
        assert_eq!(e.message(), message);
    }
}
