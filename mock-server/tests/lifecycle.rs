//! Created calls move through their lifecycle over time; the destination number picks the fate.
//! State is a pure function of the call's age, so these tests only wait, never race.

mod common;

use common::{assert_error, cfg, start, Mock};
use serde_json::{json, Value};
use std::time::Duration;
use truedy_mock::Config;

const AGENT: &str = "5c0d8e2a-7b13-4f6e-9a41-2d9e6b3c8f10";
const TICK: u64 = 30;

async fn create(m: &Mock, number: &str, settings: Value) -> String {
    let body = json!({ "agent_id": AGENT, "phone_number": number, "call_settings": settings });
    let r = m.send("POST", "/calls", &body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["data"]["id"].as_str().expect("id").to_string()
}

fn status(c: &Value) -> String {
    c["status"].as_str().unwrap_or("").to_string()
}

const WAIT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn normal_call_walks_queued_ringing_in_progress_completed() {
    let m = start(Config {
        tick_ms: TICK,
        ..cfg()
    })
    .await;
    let id = create(&m, "+14155550123", json!({})).await;
    let mut seen: Vec<String> = Vec::new();
    let end = m
        .wait_for(&id, WAIT, |c| {
            let s = status(c);
            if seen.last() != Some(&s) {
                seen.push(s.clone());
            }
            s == "completed"
        })
        .await;
    let order = ["queued", "ringing", "in_progress", "completed"];
    let idx: Vec<usize> = seen
        .iter()
        .map(|s| order.iter().position(|o| o == s).expect("known status"))
        .collect();
    assert!(
        idx.windows(2).all(|w| w[0] < w[1]),
        "statuses in order: {seen:?}"
    );
    assert!(end["started_at"].is_string() && end["ended_at"].is_string());
    assert!(end["duration_seconds"].as_u64().is_some());
    assert!(end["cost_usd"].as_f64().is_some_and(|c| c > 0.0));
    // Seed 001's call object has no transcript: the summary shows it is ready.
    let done = m.wait_for(&id, WAIT, |c| c["summary"].is_string()).await;
    assert!(done.get("transcript").is_none());
    let tr = m.get_json(&format!("/calls/{id}/transcript")).await;
    assert!((2..=12).contains(&tr["data"]["transcript"].as_array().map_or(0, Vec::len)));
    assert!(
        m.get_json(&format!("/calls/{id}/recording")).await["data"]["recording_url"].is_string()
    );
    let again = create(&m, "+14155550123", json!({})).await;
    let t1 = m.get_json(&format!("/calls/{id}/transcript")).await["data"]["transcript"].clone();
    m.wait_for(&again, WAIT, |c| c["summary"].is_string()).await;
    let t2 = m.get_json(&format!("/calls/{again}/transcript")).await["data"]["transcript"].clone();
    assert_eq!(
        t1, t2,
        "a created call's content is derived from the number"
    );
}

#[tokio::test]
async fn magic_numbers_pick_the_fate() {
    let m = start(Config {
        tick_ms: TICK,
        calls: 0,
        ..cfg()
    })
    .await;
    let busy = create(&m, "+14155550002", json!({})).await;
    let no_answer = create(&m, "+14155550003", json!({})).await;
    let forever = create(&m, "+14155550004", json!({})).await;
    let no_transcript = create(&m, "+14155550005", json!({})).await;
    let voicemail = create(&m, "+14155550006", json!({})).await;
    let error = create(&m, "+14155550007", json!({})).await;
    let invalid = create(&m, "+14155550008", json!({})).await;
    let b = m.wait_for(&busy, WAIT, |c| status(c) == "busy").await;
    assert!(b["started_at"].is_null() && b["duration_seconds"].is_null());
    assert!(
        b["context"].get("last_error").is_none(),
        "seed 001 keeps last_error for `failed`"
    );
    let n = m
        .wait_for(&no_answer, WAIT, |c| status(c) == "no_answer")
        .await;
    assert!(n["started_at"].is_null());
    m.wait_for(&voicemail, WAIT, |c| status(c) == "voicemail")
        .await;
    let e = m.wait_for(&error, WAIT, |c| status(c) == "failed").await;
    assert_eq!(
        e["context"]["last_error"],
        "Provider error: upstream returned 503"
    );
    let i = m.wait_for(&invalid, WAIT, |c| status(c) == "failed").await;
    assert!(i["context"]["last_error"]
        .as_str()
        .is_some_and(|t| t.contains("invalid")));
    m.wait_for(&no_transcript, WAIT, |c| status(c) == "completed")
        .await;
    // 20 ticks later: still in progress, still no transcript.
    tokio::time::sleep(Duration::from_millis(TICK * 20)).await;
    assert_eq!(
        status(&m.get_json(&format!("/calls/{forever}")).await["data"]),
        "in_progress"
    );
    assert_error(
        &m.get(&format!("/calls/{no_transcript}/transcript")).await,
        404,
        "not_found",
    );
    assert_eq!(
        m.get_json(&format!("/calls/{no_transcript}")).await["data"]["summary"],
        Value::Null
    );
    // The lenient (mixed) filter matches canonical states, in any vocabulary.
    let failed = m.get_json("/calls?__shape=mixed&status=failed").await;
    assert_eq!(failed["pagination"]["total"], 4);
    // Strict 001: `failed` is the error and the invalid number, not busy or no_answer.
    let failed = m.get_json("/calls?status=failed").await;
    assert_eq!(failed["pagination"]["total"], 2);
    let ongoing = m.get_json("/calls?__shape=mixed&status=ongoing").await;
    assert_eq!(ongoing["data"][0]["id"], forever.as_str());
    for (shape, word) in [
        ("000", "in-progress"),
        ("004", "ongoing"),
        ("003", "in_progress"),
    ] {
        let v = m
            .get_json(&format!("/calls/{forever}?__shape={shape}"))
            .await;
        let call = if shape == "000" { v } else { v["data"].clone() };
        assert_eq!(call["status"], word, "shape {shape}");
    }
    let v = m.get_json(&format!("/calls/{busy}?__shape=004")).await;
    assert_eq!(v["data"]["status"], "busy");
    let v = m.get_json(&format!("/calls/{error}?__shape=000")).await;
    assert_eq!(
        (v["status"].as_str(), v["failure_reason"].as_str()),
        (Some("failed"), Some("agent-error"))
    );
    let v = m.get_json(&format!("/calls/{invalid}?__shape=000")).await;
    assert_eq!(v["failure_reason"], "invalid-number");
    let v = m.get_json(&format!("/calls/{invalid}?__shape=004")).await;
    assert_eq!(v["data"]["status"], "error");
}

#[tokio::test]
async fn active_calls_have_no_transcript_and_cannot_be_deleted() {
    let m = start(Config {
        tick_ms: 60_000,
        ..cfg()
    })
    .await;
    let id = create(&m, "+14155550123", json!({})).await;
    assert_error(
        &m.get(&format!("/calls/{id}/transcript")).await,
        404,
        "not_found",
    );
    assert_error(
        &m.get(&format!("/calls/{id}/recording")).await,
        404,
        "not_found",
    );
    let r = m
        .req("DELETE", &format!("{}/calls/{id}", common::API), &[], None)
        .await;
    assert_error(&r, 409, "call_active");
    assert_eq!(r.json()["error"]["details"]["status"], "queued");
}

#[tokio::test]
async fn settings_turn_recording_and_transcript_off() {
    let m = start(Config {
        tick_ms: TICK,
        ..cfg()
    })
    .await;
    let id = create(
        &m,
        "+14155550123",
        json!({ "recording_enabled": false, "transcription_enabled": false }),
    )
    .await;
    m.wait_for(&id, WAIT, |c| status(c) == "completed").await;
    tokio::time::sleep(Duration::from_millis(TICK * 3)).await;
    assert_error(
        &m.get(&format!("/calls/{id}/recording")).await,
        404,
        "not_found",
    );
    assert_error(
        &m.get(&format!("/calls/{id}/transcript")).await,
        404,
        "not_found",
    );
    let r = m
        .req("DELETE", &format!("{}/calls/{id}", common::API), &[], None)
        .await;
    assert_eq!(r.status, 200, "terminal calls can be deleted: {}", r.text());
}
