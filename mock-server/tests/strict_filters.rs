//! Strict list filters: each single-page shape accepts exactly the `status` / `direction` words
//! its page documents for `GET /calls`, and follows the page's default and largest `limit`.

mod common;

use common::strict::*;
use common::{assert_error, cfg, start, Mock};
use serde_json::Value;
use truedy_mock::Config;

/// Seed 001 L24: `inbound` or `outbound` (its list filter); 003 has no direction parameter.
const FILTER_DIRECTIONS_001: &[&str] = &["inbound", "outbound"];

/// The filter words of each shape, from the pages: `(shape, status words, direction words)`.
/// 000 has no list section and takes 002's words; 004 documents no list parameters.
const FILTERS: [(&str, &[&str], &[&str]); 5] = [
    ("000", STATUSES_000_002, DIRECTIONS_000_002),
    ("001", STATUSES_001, FILTER_DIRECTIONS_001),
    ("002", STATUSES_000_002, DIRECTIONS_000_002),
    ("003", STATUSES_003, &[]),
    ("004", &[], &[]),
];

async fn big() -> Mock {
    start(Config {
        calls: 1000,
        ..cfg()
    })
    .await
}

fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["id"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn a_wrong_word_is_422_naming_the_allowed_words() {
    let m = start(cfg()).await;
    for (shape, status_words, direction_words) in FILTERS {
        for (param, allowed) in [("status", status_words), ("direction", direction_words)] {
            let mut bad = vec!["sideways", "Queued", "queued,ringing"];
            // Words of other pages.
            bad.extend([
                "ended",
                "completed",
                "in-progress",
                "in_progress",
                "cancelled",
            ]);
            bad.extend(["canceled", "ongoing", "webrtc", "incoming", "inbound"]);
            for word in bad.into_iter().filter(|w| !allowed.contains(w)) {
                let q = format!("/calls?__shape={shape}&{param}={word}");
                let r = m.get(&q).await;
                assert_error(&r, 422, "validation_error");
                let e = r.json()["error"].clone();
                let msg = e["message"].as_str().unwrap_or("");
                if allowed.is_empty() {
                    assert!(msg.contains("documents no"), "{q}: {msg}");
                } else {
                    assert_eq!(
                        msg,
                        format!("{param} must be one of {}", allowed.join(", ")),
                        "{q}"
                    );
                }
                assert_eq!(e["details"]["field"], param);
                assert_eq!(e["details"]["allowed"], serde_json::json!(allowed), "{q}");
            }
        }
    }
    // The example from the brief of seed 002.
    let r = m.get("/calls?__shape=002&status=completed").await;
    assert_eq!(
        r.json()["error"]["message"],
        "status must be one of queued, ringing, in-progress, ended, failed, cancelled"
    );
}

#[tokio::test]
async fn each_allowed_word_returns_only_calls_with_that_word() {
    let m = big().await;
    for (shape, status_words, direction_words) in FILTERS {
        let all = page_total(&m.get_json(&format!("/calls?__shape={shape}")).await);
        for (param, words) in [("status", status_words), ("direction", direction_words)] {
            if words.is_empty() {
                continue;
            }
            let mut sum = 0;
            for word in words {
                let q = format!("/calls?__shape={shape}&{param}={word}&limit=100");
                let page = m.get_json(&q).await;
                let total = page_total(&page);
                assert!(total > 0, "{q}: no call");
                sum += total;
                let items = page["data"].as_array().expect("data");
                if shape == "002" && param == "direction" {
                    // 002 documents no direction field: the same calls as 000's filter.
                    let same = m
                        .get_json(&format!("/calls?__shape=000&direction={word}&limit=100"))
                        .await;
                    assert_eq!(ids(&page), ids(&same), "{q}");
                    continue;
                }
                for c in items {
                    assert_eq!(c[param].as_str(), Some(*word), "{q}: {c}");
                }
            }
            assert_eq!(sum, all, "{shape} {param}: the words partition the calls");
        }
    }
}

#[tokio::test]
async fn limits_follow_each_page() {
    let m = start(cfg()).await;
    // 000 as 002 (L32: default 20, max 100); 001 L26 and 003 L86-91: default 50, 1..100;
    // 004 documents none and uses 001's; mixed as 001.
    for (shape, default) in [
        ("000", 20),
        ("001", 50),
        ("002", 20),
        ("003", 50),
        ("004", 50),
        ("mixed", 50),
    ] {
        let page = m.get_json(&format!("/calls?__shape={shape}")).await;
        assert_eq!(
            page["data"].as_array().map(Vec::len),
            Some(default),
            "{shape}"
        );
        let limit = page["pagination"]["limit"]
            .as_u64()
            .or_else(|| page["meta"]["limit"].as_u64());
        assert_eq!(limit, Some(default as u64), "{shape}");
        let full = m
            .get_json(&format!("/calls?__shape={shape}&limit=100"))
            .await;
        assert_eq!(full["data"].as_array().map(Vec::len), Some(100), "{shape}");
        for bad in ["0", "101"] {
            let r = m.get(&format!("/calls?__shape={shape}&limit={bad}")).await;
            assert_error(&r, 422, "validation_error");
            assert_eq!(r.json()["error"]["details"]["max"], 100);
        }
    }
}

#[tokio::test]
async fn mixed_stays_lenient() {
    let m = start(cfg()).await;
    let q = |s: &str| format!("/calls?__shape=mixed&{s}");
    let ended = page_total(&m.get_json(&q("status=ended")).await);
    assert_eq!(page_total(&m.get_json(&q("status=COMPLETED")).await), ended);
    let failed = page_total(&m.get_json(&q("status=failed")).await);
    assert_eq!(
        page_total(&m.get_json(&q("status=ended,failed")).await),
        ended + failed
    );
    assert!(page_total(&m.get_json(&q("direction=web_call")).await) > 0);
    assert_error(&m.get(&q("status=sideways")).await, 422, "validation_error");
}
