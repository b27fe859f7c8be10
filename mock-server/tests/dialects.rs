//! Every dialect writes the field names, status words, units and envelopes of its seed page.
//! (That nothing undocumented is written is checked in strict_fields.rs.)

mod common;

use common::shapes::*;
use common::strict::{KEYS_000, KEYS_001, KEYS_002, KEYS_003, STATUSES_000_002};

#[tokio::test]
async fn shape_000_and_002_bare_objects_legacy_words() {
    let m = big().await;
    for shape in ["000", "002"] {
        let calls = all(&m, shape).await;
        assert_eq!(words(&calls, "status"), set(STATUSES_000_002));
        let outcomes = words(&calls, "outcome");
        assert!(outcomes.is_superset(&set(&[
            "interested",
            "not-interested",
            "voicemail",
            "callback-requested",
            "no-answer"
        ])));
        let keys = if shape == "000" { KEYS_000 } else { KEYS_002 };
        for c in &calls {
            has_keys(c, keys);
            lacks_keys(c, &["cost_usd", "to", "type"]);
        }
        let ended = first_with(&calls, |c| {
            c["status"] == "ended" && c["transcript"].is_array()
        });
        let turn = &ended["transcript"][0];
        assert!(
            turn["speaker"].is_string()
                && turn["text"].is_string()
                && turn["timestamp"].is_number()
        );
        assert!(ended["cost_cents"].is_u64() && ended["duration_seconds"].is_u64());

        let page = m
            .get_json(&format!("/calls?__shape={shape}&limit=7&offset=3"))
            .await;
        assert!(page.get("pagination").is_none());
        assert_eq!(
            (
                page["meta"]["total"].as_u64(),
                page["meta"]["limit"].as_u64(),
                page["meta"]["offset"].as_u64()
            ),
            (Some(1000), Some(7), Some(3))
        );
        let id = ended["id"].as_str().unwrap_or("");
        let one = m.get_json(&format!("/calls/{id}?__shape={shape}")).await;
        assert_eq!(one["id"], id, "bare object");
        assert!(one.get("data").is_none());
        let created = one["created_at"].as_str().unwrap_or("");
        assert_eq!(created.len(), 20, "{created}");
        assert_eq!(
            words(&calls, "direction"),
            set(&["outbound", "inbound", "webrtc"])
        );
        if shape == "000" {
            assert_eq!(
                words(&calls, "failure_reason"),
                set(&["busy", "no-answer", "invalid-number", "agent-error"])
            );
            let web = first_with(&calls, |c| c["direction"] == "webrtc");
            assert!(web["phone_number"].is_null() && web["from_number"].is_null());
        } else {
            lacks_keys(
                &one,
                &["summary", "updated_at", "phone_number", "failure_reason"],
            );
        }
    }
}

#[tokio::test]
async fn shape_001_envelopes_and_words() {
    let m = big().await;
    let calls = all(&m, "001").await;
    assert_eq!(
        words(&calls, "status"),
        set(&[
            "queued",
            "ringing",
            "in_progress",
            "completed",
            "voicemail",
            "failed",
            "busy",
            "no_answer",
        ])
    );
    assert_eq!(words(&calls, "direction"), set(&["inbound", "outbound"]));
    for c in &calls {
        has_keys(c, KEYS_001);
        lacks_keys(
            c,
            &[
                "cost_cents",
                "cost_credits",
                "transcript",
                "outcome",
                "variables",
                "call_settings",
            ],
        );
    }
    let failed = first_with(&calls, |c| c["status"] == "failed");
    assert!(failed["context"]["last_error"].is_string());
    let busy = first_with(&calls, |c| c["status"] == "busy");
    assert!(busy["context"].get("last_error").is_none());
    let done = first_with(&calls, |c| c["status"] == "completed");
    assert!(done["cost_usd"].is_f64());
    let v = m
        .get_json(&format!("/calls/{}", done["id"].as_str().unwrap_or("")))
        .await;
    assert!(v["data"].is_object() && v["meta"]["request_id"].is_string());
}

#[tokio::test]
async fn shape_003_follows_its_schema() {
    let m = big().await;
    let calls = all(&m, "003").await;
    assert_eq!(
        words(&calls, "status"),
        set(&["queued", "ringing", "in_progress", "completed", "failed"])
    );
    for c in &calls {
        has_keys(c, KEYS_003);
        lacks_keys(
            c,
            &[
                "to",
                "from",
                "transcript_url",
                "cost_credits",
                "metadata",
                "cost_cents",
                "context",
            ],
        );
    }
    assert_eq!(
        words(&calls, "sentiment"),
        set(&["positive", "neutral", "negative"])
    );
    let done = first_with(&calls, |c| c["transcript"].is_array());
    assert!(done["transcript"][0]["speaker"].is_string());
    assert!(done["cost_usd"].is_f64());
    let inbound = first_with(&calls, |c| {
        c["direction"] == "inbound" && c["phone_number"].is_string()
    });
    assert!(
        inbound["to_number"]
            .as_str()
            .is_some_and(|t| t.starts_with("+1800")),
        "inbound calls are to the Truedy line"
    );
    assert_eq!(inbound["from_number"], inbound["phone_number"]);
    let outbound = first_with(&calls, |c| c["direction"] == "outbound");
    assert_eq!(outbound["to_number"], outbound["phone_number"]);
    let created = done["created_at"].as_str().unwrap_or("");
    assert_eq!(created.len(), 27, "microseconds: {created}");
    let page = m.get_json("/calls?__shape=003&limit=2").await;
    has_keys(&page, &["data", "meta", "pagination"]);
    let one = m
        .get_json(&format!(
            "/calls/{}?__shape=003",
            done["id"].as_str().unwrap_or("")
        ))
        .await;
    has_keys(&one, &["data", "meta"]);
}
