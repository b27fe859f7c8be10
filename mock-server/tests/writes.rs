//! The write side of the Calls API over real HTTP: create, idempotency, patch, delete.

mod common;

use common::{assert_error, cfg, ids, start, total, API};
use serde_json::{json, Value};

const AGENT: &str = "1f4baf16-1540-4d91-9696-7f34b2f2cb77";

#[tokio::test]
async fn create_validates_input() {
    let m = start(cfg()).await;
    let cases = [
        (json!({ "phone_number": "+14155550123" }), "agent_id"),
        (
            json!({ "agent_id": "agt_unknown", "phone_number": "+14155550123" }),
            "agent_id",
        ),
        (json!({ "agent_id": AGENT }), "phone_number"),
        (
            json!({ "agent_id": AGENT, "phone_number": "4155550123" }),
            "phone_number",
        ),
        (
            json!({ "agent_id": AGENT, "phone_number": "+0123456789" }),
            "phone_number",
        ),
        (
            json!({ "agent_id": AGENT, "phone_number": "+1415555012345678" }),
            "phone_number",
        ),
        (
            json!({ "agent_id": AGENT, "phone_number": "+14155550123", "from_number": "555" }),
            "from_number",
        ),
        (
            json!({ "agentId": AGENT, "phone_number": "+14155550123" }),
            "agentId",
        ),
        (
            json!({ "agent_id": AGENT, "phone_number": "+14155550123", "call_settings": { "recordingEnabled": false } }),
            "call_settings.recordingEnabled",
        ),
        (
            json!({ "agent_id": AGENT, "phone_number": "+14155550123", "call_settings": { "recording_enabled": "no" } }),
            "call_settings.recording_enabled",
        ),
        (
            json!({ "agent_id": AGENT, "phone_number": "+14155550123", "variables": { "a": { "b": 1 } } }),
            "variables.a",
        ),
    ];
    for (body, field) in cases {
        let r = m.send("POST", "/calls", &body).await;
        assert_error(&r, 422, "validation_error");
        assert_eq!(r.json()["error"]["details"]["field"], field, "{body}");
    }
    let bad = m
        .req(
            "POST",
            &format!("{API}/calls"),
            &[],
            Some("{\"agent_id\": "),
        )
        .await;
    assert_error(&bad, 400, "validation_error");
    assert_error(
        &m.req("POST", &format!("{API}/calls"), &[], Some("[1,2]"))
            .await,
        422,
        "validation_error",
    );
    assert_error(
        &m.req("POST", &format!("{API}/calls"), &[], None).await,
        422,
        "validation_error",
    );
    assert_eq!(total(&m, "").await, 250, "nothing was created");
}

#[tokio::test]
async fn create_and_idempotency() {
    let m = start(cfg()).await;
    let body = json!({
        "agent_id": AGENT, "phone_number": "+14155550123",
        "variables": { "first_name": "Jane", "count": 3 },
        "call_settings": { "recording_enabled": true, "max_duration": "600s" },
    })
    .to_string();
    let key = [("X-Idempotency-Key", "8b7e6494-3839-49dc-9638-a1944fdd8cda")];
    let r1 = m
        .req("POST", &format!("{API}/calls"), &key, Some(&body))
        .await;
    assert_eq!(r1.status, 201, "{}", r1.text());
    let c1 = r1.json()["data"].clone();
    assert_eq!(c1["status"], "queued");
    assert_eq!(c1["direction"], "outbound");
    assert_eq!(c1["phone_number"], "+14155550123");
    assert_eq!(c1["from_number"], "+18005559876");
    // Seed 001's call object has no variables or call_settings; 000 shows the variables.
    assert!(c1.get("variables").is_none() && c1.get("call_settings").is_none());
    let id1 = c1["id"].as_str().unwrap_or("");
    assert_eq!(
        m.get_json(&format!("/calls/{id1}?__shape=000")).await["variables"],
        json!({ "count": "3", "first_name": "Jane" })
    );
    let r2 = m
        .req("POST", &format!("{API}/calls"), &key, Some(&body))
        .await;
    assert_eq!(r2.status, 201);
    assert_eq!(r2.json()["data"]["id"], c1["id"]);
    assert_eq!(total(&m, "").await, 251);
    assert_eq!(
        ids(&m, "").await[0],
        c1["id"].as_str().unwrap_or(""),
        "newest first"
    );
    let r3 = m
        .send(
            "POST",
            "/calls",
            &json!({ "agent_id": AGENT, "phone_number": "+14155550123" }),
        )
        .await;
    assert_ne!(r3.json()["data"]["id"], c1["id"]);
    assert_eq!(total(&m, "").await, 252);
}

#[tokio::test]
async fn patch_merges_context_and_settings() {
    let m = start(cfg()).await;
    let id = ids(&m, "status=completed&direction=outbound").await[0].clone();
    let before = m.get_json(&format!("/calls/{id}")).await["data"].clone();
    assert!(before["context"]["campaign_id"].is_string());
    let patch = json!({ "context": { "priority": "high", "campaign_id": null }, "call_settings": { "recording_enabled": false } });
    let r = m.send("PATCH", &format!("/calls/{id}"), &patch).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let after = r.json()["data"].clone();
    assert_eq!(after["context"]["priority"], "high");
    assert!(after["context"].get("campaign_id").is_none());
    assert_eq!(
        after["context"]["contact_id"],
        before["context"]["contact_id"]
    );
    assert_eq!(after["recording_url"], Value::Null, "recording turned off");
    assert_error(
        &m.get(&format!("/calls/{id}/recording")).await,
        404,
        "not_found",
    );
    let on = json!({ "call_settings": { "recording_enabled": true } });
    assert_eq!(
        m.send("PATCH", &format!("/calls/{id}"), &on).await.status,
        200
    );
    assert_eq!(m.get(&format!("/calls/{id}/recording")).await.status, 200);
    let r = m
        .send(
            "PATCH",
            &format!("/calls/{id}"),
            &json!({ "status": "ended" }),
        )
        .await;
    assert_error(&r, 422, "validation_error");
    assert_error(
        &m.send("PATCH", &format!("/calls/{id}"), &json!({ "context": "x" }))
            .await,
        422,
        "validation_error",
    );
    assert_error(
        &m.send("PATCH", "/calls/unknown", &json!({ "context": {} }))
            .await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn delete_refuses_active_calls() {
    let m = start(cfg()).await;
    for status in ["queued", "in_progress"] {
        let id = ids(&m, &format!("status={status}")).await[0].clone();
        let r = m
            .req("DELETE", &format!("{API}/calls/{id}"), &[], None)
            .await;
        assert_error(&r, 409, "call_active");
        assert_eq!(r.json()["error"]["details"]["status"], status);
        assert_eq!(r.header("x-should-retry"), Some("false"));
    }
    let id = ids(&m, "status=failed").await[0].clone();
    let r = m
        .req("DELETE", &format!("{API}/calls/{id}"), &[], None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["data"], json!({ "id": id, "deleted": true }));
    assert_error(&m.get(&format!("/calls/{id}")).await, 404, "not_found");
    assert_error(
        &m.req("DELETE", &format!("{API}/calls/{id}"), &[], None)
            .await,
        404,
        "not_found",
    );
    assert_eq!(total(&m, "").await, 249);
}

#[tokio::test]
async fn bulk_delete_reports_each_id() {
    let m = start(cfg()).await;
    let done = ids(&m, "status=completed").await;
    let active = ids(&m, "status=queued").await[0].clone();
    let body = json!({ "ids": [done[0], done[1], active, "nope"] });
    let r = m.send("POST", "/calls/bulk-delete", &body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(
        v["data"],
        json!({
            "deleted_count": 2, "failed_count": 2,
            "deleted_ids": [done[0], done[1]], "failed_ids": [active, "nope"],
        })
    );
    assert!(v["meta"]["request_id"].is_string());
    assert_eq!(total(&m, "").await, 248);
    assert_error(
        &m.send("POST", "/calls/bulk-delete", &json!({ "ids": "x" }))
            .await,
        422,
        "validation_error",
    );
    assert_error(
        &m.send("POST", "/calls/bulk-delete", &json!({})).await,
        422,
        "validation_error",
    );
}
