//! listCalls / getCall and the error contract, against the simulator's seeded data.

use serde_json::Value;
use truedy_core::model::{Call, CallPage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

#[wasm_bindgen_test]
async fn list_calls_returns_a_normalized_page() {
    let page: CallPage = ok(client().list_calls(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert!(!page.data.is_empty());
    assert!(page.total.unwrap_or(0) >= page.data.len() as u32);
    assert!(
        page.request_id.is_some(),
        "meta.request_id is carried into requestId"
    );
    for call in &page.data {
        assert!(!call.id.is_empty());
        assert_ne!(call.raw, Value::Null, "raw keeps the object as received");
    }
}

#[wasm_bindgen_test]
async fn get_call_returns_the_listed_call() {
    let first = &seeded_call(serde_json::json!({})).await;
    let call: Call = ok(client().get_call(first.id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(call.id, first.id);
    assert_eq!(call.status, first.status);
}

#[wasm_bindgen_test]
async fn a_404_rejects_with_a_truedy_error_carrying_status_and_code() {
    let e = err(client().get_call("call_does_not_exist".into(), JsValue::UNDEFINED)).await;
    assert_eq!(e["name"], "TruedyError");
    assert_eq!(e["kind"], "http");
    assert_eq!(e["status"], 404);
    assert_eq!(e["code"], "not_found");
    assert!(e["requestId"].is_string(), "request id: {e}");
    assert_eq!(e["retryable"], false);
}

#[wasm_bindgen_test]
async fn a_wrong_key_gets_401_and_the_key_never_appears() {
    let secret = "sk_live_never_show_me_123";
    let bad = client_with(serde_json::json!({ "apiKey": secret }));
    let error = settle(bad.list_calls(JsValue::UNDEFINED, JsValue::UNDEFINED))
        .await
        .expect_err("401");
    let e = error_json(&error);
    assert_eq!(e["status"], 401);
    assert_eq!(e["code"], "unauthorized");
    let text = format!("{e} {:?}", js_sys::JSON::stringify(&error));
    let shown: String = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| e.to_string().into())
        .unwrap_or_default();
    assert!(
        !text.contains(secret) && !shown.contains(secret),
        "key leaked: {text} {shown}"
    );
}

#[wasm_bindgen_test]
async fn bad_arguments_reject_without_a_request_and_the_client_stays_usable() {
    let c = client();
    let e = err(c.get_call("".into(), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument");
    let e = err(c.get_call(wasm_bindgen::JsValue::from_f64(42.0), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument");
    let page: CallPage = ok(c.list_calls(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert!(!page.data.is_empty(), "the next call still works");
}
