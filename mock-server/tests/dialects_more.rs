//! Dialect 004, mixed, and how a dialect is chosen.

mod common;

use common::shapes::*;
use common::strict::STATUSES_004;
use common::{assert_error, cfg, start, API};
use serde_json::Value;
use std::collections::BTreeSet;
use truedy_mock::{Config, Shape};

#[tokio::test]
async fn shape_004_fields_units_and_lightweight_lists() {
    let m = big().await;
    let calls = all(&m, "004").await;
    let st = words(&calls, "status");
    assert_eq!(st, set(STATUSES_004));
    assert_eq!(words(&calls, "direction"), set(&["incoming", "outgoing"]));
    assert_eq!(words(&calls, "type"), set(&["phone_call", "web_call"]));
    for c in &calls {
        has_keys(
            c,
            &[
                "id",
                "type",
                "status",
                "agent_id",
                "account_id",
                "from_number",
                "to_number",
                "direction",
                "start_timestamp",
                "duration_ms",
                "latency",
                "cost",
            ],
        );
        // The page describes no creation, end or update time.
        lacks_keys(c, &["created_at", "end_timestamp", "updated_at"]);
        lacks_keys(
            c,
            &[
                "transcript",
                "summary",
                "recording_url",
                "detected_gender",
                "vars_provided",
                "vars_extracted",
            ],
        );
    }
    let web = first_with(&calls, |c| c["type"] == "web_call");
    assert_eq!(web["direction"], "incoming");
    assert!(web["from_number"].is_null() && web["to_number"].is_null());
    let done = first_with(&calls, |c| c["status"] == "agent_hangup");
    assert!(done["start_timestamp"].is_i64() && done["duration_ms"].is_i64());
    assert!(done["cost"]["total"].as_f64().is_some_and(|t| t > 0.0));
    let lat = done["latency"].as_object().expect("latency");
    for k in [
        "vad_delay_ms",
        "stt_finalize_ms",
        "llm_startup_ms",
        "llm_first_sentence_ms",
        "tts_synthesis_ms",
        "send_overhead_ms",
        "total_perceived_ms",
    ] {
        assert!(lat[k].is_u64(), "{k}");
    }

    let id = done["id"].as_str().unwrap_or("");
    let full = m.get_json(&format!("/calls/{id}?__shape=004")).await["data"].clone();
    has_keys(
        &full,
        &[
            "transcript",
            "summary",
            "recording_url",
            "detected_gender",
            "vars_provided",
            "vars_extracted",
        ],
    );
    if let Some(turn) = full["transcript"].get(0) {
        assert!(turn["role"] == "agent" || turn["role"] == "user");
        assert!(turn["content"].is_string() && turn["start"].is_number());
    }
    let tr = m
        .get_json(&format!("/calls/{id}/transcript?__shape=004"))
        .await;
    assert!(tr["data"]["transcript"]
        .as_array()
        .is_some_and(|t| t.iter().all(|x| x["role"].is_string())));
}

fn detect(c: &Value) -> &'static str {
    let o = c.as_object().expect("object");
    if o.contains_key("type") {
        "004"
    } else if o.contains_key("to_number") {
        "003"
    } else if o.contains_key("cost_usd") {
        "001"
    } else if o.contains_key("failure_reason") {
        "000"
    } else {
        "002"
    }
}

#[tokio::test]
async fn mixed_varies_per_call_and_stays_stable() {
    let m = start(Config {
        shape: Shape::Mixed,
        ..cfg()
    })
    .await;
    let page = m.get_json("/calls?limit=100").await;
    has_keys(&page, &["data", "pagination", "meta"]);
    let items = page["data"].as_array().expect("data");
    let kinds: BTreeSet<&str> = items.iter().map(detect).collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    for c in items.iter().take(30) {
        let id = c["id"].as_str().unwrap_or("");
        let one = m.get_json(&format!("/calls/{id}")).await;
        let kind = detect(&c.clone());
        let obj = if kind == "000" || kind == "002" {
            one
        } else {
            one["data"].clone()
        };
        assert_eq!(obj["id"], id);
        assert_eq!(detect(&obj), kind, "same dialect for the same call");
    }
}

#[tokio::test]
async fn shape_from_header_config_and_errors() {
    let m = start(cfg()).await;
    let r = m
        .req(
            "GET",
            &format!("{API}/calls?limit=1"),
            &[("X-Mock-Shape", "000")],
            None,
        )
        .await;
    assert!(r.json()["meta"]["total"].is_u64());
    let q = m
        .req(
            "GET",
            &format!("{API}/calls?limit=1&__shape=003"),
            &[("X-Mock-Shape", "000")],
            None,
        )
        .await;
    assert!(
        q.json()["pagination"].is_object(),
        "the query parameter wins"
    );
    assert_error(&m.get("/calls?__shape=9").await, 400, "validation_error");
    let m4 = start(Config {
        shape: Shape::S004,
        ..cfg()
    })
    .await;
    assert_eq!(
        detect(&m4.get_json("/calls?limit=1").await["data"][0]),
        "004"
    );
}
