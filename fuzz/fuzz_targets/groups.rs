//! Any calls, any time zone offsets and every grouping: summarizeCalls' groups never panic,
//! hold every call once, and list the keyless group last.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::model::Call;
use truedy_core::normalize::normalize_call;
use truedy_core::summary::{summarize_groups, GroupBy};

#[derive(Arbitrary, Debug)]
struct Input {
    payloads: Vec<String>,
    /// Creation times, agents and outcomes as strings of any shape.
    times: Vec<String>,
    offsets: Vec<i64>,
}

const GROUPINGS: [GroupBy; 6] = [
    GroupBy::Agent,
    GroupBy::Day,
    GroupBy::Hour,
    GroupBy::Status,
    GroupBy::Direction,
    GroupBy::Outcome,
];

fuzz_target!(|input: Input| {
    let mut calls: Vec<Call> = input
        .payloads
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .filter_map(|value| normalize_call(value).ok())
        .collect();
    for (call, time) in calls.iter_mut().zip(&input.times) {
        call.created_at = Some(time.clone());
        call.agent_id = Some(time.clone());
        call.outcome = Some(time.clone());
    }
    for by in GROUPINGS {
        let offset = |i: usize| input.offsets.get(i).copied().unwrap_or(0);
        let groups = summarize_groups(calls.iter().enumerate().map(|(i, c)| (c.facts(), offset(i))), by);
        let total: u64 = groups.iter().map(|g| u64::from(g.summary.count)).sum();
        assert_eq!(total, calls.len() as u64);
        if let Some(at) = groups.iter().position(|g| g.key.is_none()) {
            assert_eq!(at, groups.len() - 1);
        }
    }
});
