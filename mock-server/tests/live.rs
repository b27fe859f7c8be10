//! `--live N`: a call center that keeps about N calls in flight as others end.

mod common;

use common::{cfg, start};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;

/// The ids of the calls in flight (queued, ringing or in progress), and of every call created
/// after the seeded data.
async fn flying(m: &common::Mock) -> (BTreeSet<String>, BTreeSet<String>) {
    let page = m
        .get_json("/calls?limit=100&created_after=2026-11-02T00:00:00Z")
        .await;
    let calls = page["data"].as_array().cloned().unwrap_or_default();
    let ids = |keep: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        calls
            .iter()
            .filter(|c| keep(c))
            .filter_map(|c| c["id"].as_str().map(str::to_owned))
            .collect()
    };
    let in_flight = ids(&|c: &Value| {
        matches!(
            c["status"].as_str(),
            Some("queued" | "ringing" | "in_progress")
        )
    });
    (in_flight, ids(&|_| true))
}

#[tokio::test]
async fn about_n_calls_stay_in_flight_as_others_end() {
    let m = start(truedy_mock::Config {
        live: 6,
        tick_ms: 20,
        ..cfg()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (first, _) = flying(&m).await;
    assert!((4..=8).contains(&first.len()), "{} in flight", first.len());
    // Live calls talk 3 to 20 ticks: well within 40 ticks, the first ones have all ended.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let (later, all) = flying(&m).await;
    assert!((4..=8).contains(&later.len()), "{} in flight", later.len());
    assert!(
        first.is_disjoint(&later),
        "the first calls ended, new ones started"
    );
    assert!(
        all.len() > first.len() + later.len() / 2,
        "{} created",
        all.len()
    );
}

#[tokio::test]
async fn without_live_no_call_starts_by_itself() {
    let m = start(truedy_mock::Config {
        tick_ms: 20,
        ..cfg()
    })
    .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (_, all) = flying(&m).await;
    assert!(all.is_empty(), "{all:?}");
}
