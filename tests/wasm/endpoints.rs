//! Every Calls endpoint of seed 001 through the client, against the simulator.

use serde_json::{json, Value};
use truedy_core::model::{Call, CallPage, CallStatus, Transcript};
use truedy_core::response::BulkDeleteResult;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

async fn place_call(suffix: &str) -> Call {
    let number = format!("+1415{}{suffix}", &unique()[..3]);
    let request = js(&json!({ "agentId": AGENT_ID, "phoneNumber": number, "variables": { "first_name": "Jane" } }).to_string());
    ok(client().create_call(request, JsValue::UNDEFINED)).await
}

#[wasm_bindgen_test]
async fn seed_001_serves_the_transcript_from_its_own_endpoint_only() {
    let ended = seeded_call(json!({ "status": "ended", "limit": 1 })).await;
    let call: Call = ok(client().get_call(ended.id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        call.transcript, None,
        "001's call object has no transcript field"
    );
    let transcript: Transcript =
        ok(client().get_transcript(ended.id.into(), JsValue::UNDEFINED)).await;
    assert!(!transcript.turns.is_empty());
    assert_eq!(transcript.summary, call.summary);
    assert!(transcript.summary.is_some());
}

#[wasm_bindgen_test]
async fn recording_url_or_null() {
    let ended = seeded_call(json!({ "status": "ended", "limit": 1 })).await;
    let url: Option<String> =
        ok(client().get_recording_url(ended.id.into(), JsValue::UNDEFINED)).await;
    assert!(url.is_some_and(|u| u.starts_with("http")));
    let fresh = place_call("0100").await;
    let none: Option<String> =
        ok(client().get_recording_url(fresh.id.into(), JsValue::UNDEFINED)).await;
    assert_eq!(none, None, "no recording yet: 404 becomes null");
}

#[wasm_bindgen_test]
async fn create_call_sends_snake_case_and_returns_the_queued_call() {
    let call = place_call("0101").await;
    assert_eq!(call.status, CallStatus::Queued);
    assert_eq!(call.agent_id.as_deref(), Some(AGENT_ID));
    let posts: Vec<Value> = api_requests_to(&api_path("/calls"))
        .await
        .into_iter()
        .filter(|r| {
            r["method"] == "POST"
                && r["body"]
                    .as_str()
                    .is_some_and(|b| b.contains(call.phone_number.as_deref().unwrap_or("?")))
        })
        .collect();
    let body: Value =
        serde_json::from_str(posts[0]["body"].as_str().unwrap_or("{}")).expect("JSON body");
    assert_eq!(
        body,
        json!({ "agent_id": AGENT_ID, "phone_number": call.phone_number, "variables": { "first_name": "Jane" } })
    );
    assert_eq!(posts[0]["headers"]["content-type"], "application/json");
}

#[wasm_bindgen_test]
async fn create_call_is_checked_before_sending_and_server_errors_keep_their_code() {
    let e = err(client().create_call(
        js(r#"{"agentId":"a","phoneNumber":"555-0123"}"#),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(e["kind"], "invalid_argument");
    let e = err(client().create_call(JsValue::from_str("not an object"), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument");
    let e = err(client().create_call(
        js(r#"{"agentId":"agt_unknown","phoneNumber":"+14155550199"}"#),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(
        (e["status"].clone(), e["code"].clone()),
        (json!(422), json!("validation_error"))
    );
}

#[wasm_bindgen_test]
async fn update_call_merges_context() {
    let call = place_call("0102").await;
    let patch = js(r#"{"context":{"priority":"high"},"callSettings":{"recordingEnabled":false}}"#);
    let updated: Call =
        ok(client().update_call(call.id.clone().into(), patch, JsValue::UNDEFINED)).await;
    assert_eq!(updated.id, call.id);
    assert_eq!(
        updated.context.as_ref().and_then(|c| c.get("priority")),
        Some(&json!("high"))
    );
    let e = err(client().update_call(call.id.into(), js("{}"), JsValue::UNDEFINED)).await;
    assert_eq!(
        e["kind"], "invalid_argument",
        "an empty patch is refused before sending"
    );
}

#[wasm_bindgen_test]
async fn delete_refuses_an_active_call_once_and_deletes_an_ended_one() {
    let active = place_call("0004").await; // ...0004 stays in progress
    let e = err(client().delete_call(active.id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        (
            e["status"].clone(),
            e["code"].clone(),
            e["retryable"].clone()
        ),
        (json!(409), json!("call_active"), json!(false))
    );
    let deletes = api_requests_to(&api_path(&format!("/calls/{}", active.id))).await;
    assert_eq!(
        deletes.iter().filter(|r| r["method"] == "DELETE").count(),
        1,
        "x-should-retry: false stops retries"
    );

    let ended = seeded_call(json!({ "status": "failed", "limit": 1 })).await;
    let done =
        super::support::settle(client().delete_call(ended.id.clone().into(), JsValue::UNDEFINED))
            .await
            .expect("deleted");
    assert!(done.is_undefined());
    let e = err(client().get_call(ended.id.into(), JsValue::UNDEFINED)).await;
    assert_eq!(e["status"], 404);
}

#[wasm_bindgen_test]
async fn bulk_delete_reports_what_was_skipped() {
    let ended = seeded_call(json!({ "status": "ended", "limit": 1, "offset": 5 })).await;
    let active = place_call("0004").await;
    let ids = js(&json!([ended.id, active.id]).to_string());
    let result: BulkDeleteResult = ok(client().bulk_delete_calls(ids, JsValue::UNDEFINED)).await;
    assert_eq!(result.deleted_ids, vec![ended.id]);
    assert_eq!(result.failed_ids, vec![active.id]);
    assert_eq!((result.deleted_count, result.failed_count), (1, 1));
    let e = err(client().bulk_delete_calls(js("[]"), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument");
    let e = err(client().bulk_delete_calls(js("[1, 2]"), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument");
}

#[wasm_bindgen_test]
async fn every_dialect_reads_as_the_same_model() {
    for shape in ["000", "001", "002", "003", "004", "mixed"] {
        let c = client_with(json!({ "headers": { "X-Mock-Shape": shape } }));
        let page: CallPage = ok(c.list_calls(js(r#"{"limit":20}"#), JsValue::UNDEFINED)).await;
        assert_eq!(page.data.len(), 20, "{shape}");
        assert!(
            page.total.is_some() && page.has_more,
            "{shape}: total and hasMore from either envelope"
        );
        for call in &page.data {
            // Seed 004 (the only dialect with a `type`) documents no creation time.
            assert_eq!(
                call.created_at.as_deref().is_some_and(|t| t.ends_with('Z')),
                call.call_type.is_none(),
                "{shape}: {:?}",
                call.created_at
            );
            assert_ne!(
                call.status,
                CallStatus::Unknown,
                "{shape}: {:?}",
                call.status_detail
            );
        }
        let one: Call = ok(c.get_call(page.data[0].id.clone().into(), JsValue::UNDEFINED)).await;
        assert_eq!(
            one.id, page.data[0].id,
            "{shape}: bare or enveloped single objects"
        );
    }
}
