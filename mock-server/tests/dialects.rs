//! Every dialect writes the field names, status words and envelopes of its seed page.

mod common;

use common::shapes::*;

#[tokio::test]
async fn shape_000_and_002_bare_objects_legacy_words() {
    let m = big().await;
    for shape in ["000", "002"] {
        let calls = all(&m, shape).await;
        assert_eq!(
            words(&calls, "status"),
            set(&[
                "queued",
                "ringing",
                "in-progress",
                "ended",
                "failed",
                "cancelled"
            ])
        );
        assert_eq!(
            words(&calls, "direction"),
            set(&["outbound", "inbound", "webrtc"])
        );
        assert_eq!(
            words(&calls, "failure_reason"),
            set(&["busy", "no-answer", "agent-error"])
        );
        let outcomes = words(&calls, "outcome");
        assert!(outcomes.is_superset(&set(&[
            "interested",
            "not-interested",
            "voicemail",
            "callback-requested",
            "no-answer"
        ])));
        let keys = [
            "id",
            "status",
            "direction",
            "agent_id",
            "phone_number",
            "from_number",
            "duration_seconds",
            "cost_cents",
            "outcome",
            "variables",
            "transcript",
            "recording_url",
            "failure_reason",
            "started_at",
            "ended_at",
            "created_at",
        ];
        for c in &calls {
            has_keys(c, &keys);
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
        let web = first_with(&calls, |c| c["direction"] == "webrtc");
        assert!(web["phone_number"].is_null() && web["from_number"].is_null());

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
        if shape == "000" {
            assert_eq!(created.len(), 20, "{created}");
            lacks_keys(&one, &["summary"]);
        } else {
            assert_eq!(created.len(), 24, "{created}");
            has_keys(&one, &["summary", "updated_at"]);
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
            "cancelled"
        ])
    );
    for c in &calls {
        has_keys(
            c,
            &[
                "id",
                "agent_id",
                "phone_number",
                "from_number",
                "direction",
                "status",
                "started_at",
                "ended_at",
                "duration_seconds",
                "cost_usd",
                "summary",
                "recording_url",
                "context",
                "created_at",
                "updated_at",
            ],
        );
        lacks_keys(c, &["cost_cents", "cost_credits"]);
    }
    let failed = first_with(&calls, |c| c["status"] == "busy");
    assert!(failed["context"]["last_error"].is_string());
    let done = first_with(&calls, |c| c["status"] == "completed");
    assert!(done["cost_usd"].is_f64());
    let v = m
        .get_json(&format!("/calls/{}", done["id"].as_str().unwrap_or("")))
        .await;
    assert!(v["data"].is_object() && v["meta"]["request_id"].is_string());
}

#[tokio::test]
async fn shape_003_to_from_credits_metadata() {
    let m = big().await;
    let calls = all(&m, "003").await;
    assert_eq!(
        words(&calls, "status"),
        set(&[
            "queued",
            "ringing",
            "in_progress",
            "completed",
            "failed",
            "cancelled"
        ])
    );
    for c in &calls {
        has_keys(
            c,
            &[
                "id",
                "status",
                "direction",
                "agent_id",
                "to",
                "from",
                "duration_seconds",
                "recording_url",
                "transcript_url",
                "summary",
                "short_summary",
                "sentiment",
                "cost_credits",
                "metadata",
                "started_at",
                "ended_at",
                "created_at",
                "updated_at",
            ],
        );
        lacks_keys(c, &["phone_number", "cost_usd", "cost_cents", "context"]);
    }
    assert_eq!(
        words(&calls, "sentiment"),
        set(&["positive", "neutral", "negative"])
    );
    let done = first_with(&calls, |c| c["transcript"].is_string());
    assert!(done["transcript"]
        .as_str()
        .is_some_and(|t| t.starts_with("Agent: ") && t.contains("\nContact: ")));
    assert!(done["cost_credits"].is_u64());
    let url = done["transcript_url"].as_str().unwrap_or("");
    assert!(
        url.starts_with(&m.base()) && url.ends_with("/transcript"),
        "{url}"
    );
    let path = url.trim_start_matches(&m.base()).to_string();
    assert_eq!(m.req("GET", &path, &[], None).await.status, 200);
    let inbound = first_with(&calls, |c| c["direction"] == "inbound");
    assert!(
        inbound["to"]
            .as_str()
            .is_some_and(|t| t.starts_with("+1800")),
        "inbound calls are to the Truedy line"
    );
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
