//! Strict single-page shapes: call objects carry only the fields, status words and direction
//! words their seed page documents (the lists are in `common/strict.rs`), and the dataset holds
//! every kind of call each page describes.

mod common;

use common::strict::*;
use common::{assert_error, cfg, start, Mock};
use serde_json::{json, Value};
use std::time::Duration;
use truedy_mock::Config;

const SHAPES: [&str; 5] = ["000", "001", "002", "003", "004"];
const AGENT: &str = "5c0d8e2a-7b13-4f6e-9a41-2d9e6b3c8f10";

fn id_of(c: &Value) -> String {
    c["id"].as_str().unwrap_or("").to_string()
}

#[tokio::test]
async fn list_items_carry_only_documented_keys_and_words() {
    let m = start(Config {
        calls: 1000,
        ..cfg()
    })
    .await;
    for shape in SHAPES {
        let calls = every_call(&m, shape, 1000).await;
        for c in &calls {
            keys_within(c, keys(shape), &format!("{shape} list item"));
            if shape == "004" {
                for k in LIST_OMITS_004 {
                    assert!(c.get(*k).is_none(), "004 lists omit {k}: {c}");
                }
            }
        }
        let st = values(&calls, "status");
        assert!(
            st.is_subset(&word_set(statuses(shape))),
            "{shape} statuses {st:?}"
        );
        if shape != "002" {
            assert_eq!(
                values(&calls, "direction"),
                word_set(directions(shape)),
                "{shape}"
            );
        }
    }
}

#[tokio::test]
async fn single_objects_carry_only_documented_keys() {
    let m = start(cfg()).await;
    let sample: Vec<String> = every_call(&m, "001", 250)
        .await
        .iter()
        .step_by(7)
        .map(id_of)
        .collect();
    for shape in SHAPES {
        for id in &sample {
            let one = single(
                shape,
                m.get_json(&format!("/calls/{id}?__shape={shape}")).await,
            );
            keys_within(&one, keys(shape), &format!("{shape} get"));
            assert_eq!(one["id"], id.as_str());
            if shape == "004" {
                for k in LIST_OMITS_004 {
                    assert!(one.get(*k).is_some(), "004 get has {k}: {one}");
                }
            }
        }
        let body = json!({
            "agent_id": AGENT, "phone_number": "+14155550123",
            "variables": { "first_name": "Jane" },
            "call_settings": { "recording_enabled": true, "max_duration": "600s" },
        });
        let created = m
            .send("POST", &format!("/calls?__shape={shape}"), &body)
            .await;
        assert_eq!(created.status, 201, "{}", created.text());
        let created = single(shape, created.json());
        keys_within(&created, keys(shape), &format!("{shape} create"));
        let patch = json!({ "context": { "priority": "high" } });
        let path = format!("/calls/{}?__shape={shape}", id_of(&created));
        let patched = m.send("PATCH", &path, &patch).await;
        assert_eq!(patched.status, 200, "{}", patched.text());
        keys_within(
            &single(shape, patched.json()),
            keys(shape),
            &format!("{shape} update"),
        );
    }
}

#[tokio::test]
async fn created_calls_use_only_documented_words_through_their_lifecycle() {
    let m = start(Config {
        tick_ms: 20,
        calls: 0,
        ..cfg()
    })
    .await;
    let mut ids = Vec::new();
    for tail in ["0123", "0002", "0003", "0006", "0007", "0008"] {
        let body = json!({ "agent_id": AGENT, "phone_number": format!("+1415555{tail}") });
        let r = m.send("POST", "/calls", &body).await;
        ids.push(id_of(&r.json()["data"]));
    }
    for step in 0..6 {
        for shape in SHAPES {
            for id in &ids {
                let one = single(
                    shape,
                    m.get_json(&format!("/calls/{id}?__shape={shape}")).await,
                );
                keys_within(&one, keys(shape), shape);
                let word = one["status"].as_str().unwrap_or("?");
                assert!(
                    statuses(shape).contains(&word),
                    "{shape} step {step}: {word}"
                );
            }
        }
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
}

/// The default dataset (what client tests see) has each kind of call of every page.
#[tokio::test]
async fn the_default_dataset_has_every_failure_kind_per_shape() {
    let m = start(cfg()).await;

    // 000: failure_reason with hyphenated words, only when the status is failed (L62, L107).
    let calls = every_call(&m, "000", 250).await;
    assert_eq!(
        values(&calls, "failure_reason"),
        word_set(&["busy", "no-answer", "invalid-number", "agent-error"])
    );
    for c in &calls {
        assert_eq!(
            c["failure_reason"].is_string(),
            c["status"] == "failed",
            "{c}"
        );
    }
    assert_eq!(values(&calls, "status"), word_set(STATUSES_000_002));
    assert_eq!(values(&calls, "direction"), word_set(DIRECTIONS_000_002));
    let web = calls
        .iter()
        .find(|c| c["direction"] == "webrtc")
        .expect("a WebRTC call");
    assert!(web["phone_number"].is_null());

    // 001: failed (with context.last_error), no_answer, busy, voicemail (L209-218, L228).
    let calls = every_call(&m, "001", 250).await;
    assert_eq!(values(&calls, "status"), word_set(STATUSES_001));
    for c in &calls {
        let last_error = &c["context"]["last_error"];
        if c["status"] == "failed" {
            assert!(last_error.as_str().is_some_and(|e| !e.is_empty()), "{c}");
        } else {
            assert!(last_error.is_null(), "only failed calls: {c}");
        }
    }
    assert_eq!(values(&calls, "direction"), word_set(DIRECTIONS_001_003));

    // 002 and 003: every documented status word.
    let calls = every_call(&m, "002", 250).await;
    assert_eq!(values(&calls, "status"), word_set(STATUSES_000_002));
    let calls = every_call(&m, "003", 250).await;
    assert_eq!(values(&calls, "status"), word_set(STATUSES_003));
    assert_eq!(values(&calls, "direction"), word_set(DIRECTIONS_001_003));

    // 004: busy, no_answer, error, canceled (L21-24); web calls are incoming (L4-5, L30).
    let calls = every_call(&m, "004", 250).await;
    assert_eq!(values(&calls, "status"), word_set(STATUSES_004));
    assert_eq!(
        values(&calls, "type"),
        word_set(&["phone_call", "web_call"])
    );
    for c in calls.iter().filter(|c| c["type"] == "web_call") {
        assert_eq!(c["direction"], "incoming", "{c}");
    }
    assert_eq!(values(&calls, "direction"), word_set(DIRECTIONS_004));
}

async fn transcript_status(m: &Mock, id: &str) -> u16 {
    m.get(&format!("/calls/{id}/transcript")).await.status
}

#[tokio::test]
async fn shape_001_serves_the_transcript_only_from_its_endpoint() {
    const TICK: u64 = 40;
    let m = start(Config {
        tick_ms: TICK,
        ..cfg()
    })
    .await;
    let body = json!({ "agent_id": AGENT, "phone_number": "+14155550123" });
    let created = m.send("POST", "/calls", &body).await.json()["data"].clone();
    assert!(created.get("transcript").is_none());
    let id = id_of(&created);
    assert_error(
        &m.get(&format!("/calls/{id}/transcript")).await,
        404,
        "not_found",
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while transcript_status(&m, &id).await == 404 {
        let call = m.get_json(&format!("/calls/{id}")).await["data"].clone();
        assert!(call.get("transcript").is_none(), "{call}");
        assert!(
            tokio::time::Instant::now() < deadline,
            "no transcript: {call}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let tr = m.get_json(&format!("/calls/{id}/transcript")).await;
    assert!(tr["meta"]["request_id"].is_string());
    let turns = tr["data"]["transcript"].as_array().expect("turns");
    assert!((2..=12).contains(&turns.len()));
    assert!(turns
        .iter()
        .all(|t| t["speaker"].is_string() && t["text"].is_string() && t["timestamp"].is_f64()));
    let call = m.get_json(&format!("/calls/{id}")).await["data"].clone();
    assert!(call.get("transcript").is_none());
    assert_eq!(call["status"], "completed");
    assert_eq!(tr["data"]["summary"], call["summary"]);
}

fn expires(url: &str) -> Option<i64> {
    url.split("expires=").nth(1).and_then(|e| e.parse().ok())
}

#[tokio::test]
async fn recording_urls_expire_as_each_page_says() {
    let m = start(cfg()).await;
    let ended = every_call(&m, "000", 250).await;
    let with_rec = ended
        .iter()
        .find(|c| c["recording_url"].is_string())
        .expect("a recording");
    let id = id_of(with_rec);
    let v = m.get_json(&format!("/calls/{id}?__shape=000")).await;
    let full = m.get_json(&format!("/calls/{id}?__shape=004")).await["data"].clone();
    let end_ms =
        full["start_timestamp"].as_i64().unwrap_or(0) + full["duration_ms"].as_i64().unwrap_or(0);
    let url = v["recording_url"].as_str().unwrap_or("");
    // 002 L430: 24 hours after the call ends (000 shares it).
    assert_eq!(expires(url), Some((end_ms + 86_400_000) / 1000), "{url}");
    let u2 = m.get_json(&format!("/calls/{id}?__shape=002")).await["recording_url"].clone();
    assert_eq!(u2.as_str(), Some(url));
    // 004 L44: expires in 1 hour.
    let now_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let u4 = m.get_json(&format!("/calls/{id}?__shape=004")).await["data"]["recording_url"].clone();
    let exp4 = u4.as_str().and_then(expires).expect("a signed URL");
    assert!((exp4 - (now_s + 3600)).abs() <= 5, "{u4}");
    let rec4 = m
        .get_json(&format!("/calls/{id}/recording?__shape=004"))
        .await;
    assert!(rec4["data"]["recording_url"]
        .as_str()
        .and_then(expires)
        .is_some());
    // 001 and 003 document no expiry.
    for shape in ["001", "003"] {
        let u = m.get_json(&format!("/calls/{id}?__shape={shape}")).await["data"]["recording_url"]
            .clone();
        assert!(
            u.as_str()
                .is_some_and(|u| u.starts_with("https://") && expires(u).is_none()),
            "{shape}: {u}"
        );
    }
}
