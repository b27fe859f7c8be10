//! Helpers: a client pointed at the simulator, promise awaiting, the simulator's request log.

use js_sys::{Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use truedy_client::wasm::TruedyClient;

/// The simulator's API root and key, fixed at compile time by `scripts/test`.
pub const API_URL: &str = match option_env!("MOCK_API_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8787/api/public/v1",
};
pub const ORIGIN: &str = match option_env!("MOCK_ORIGIN") {
    Some(url) => url,
    None => "http://127.0.0.1:8787",
};
pub const API_KEY: &str = match option_env!("MOCK_API_KEY") {
    Some(key) => key,
    None => "sk_test_local",
};

/// A JS object from JSON text.
pub fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

/// A client for the simulator; `extra` is merged into the options.
pub fn client_with(extra: Value) -> TruedyClient {
    let mut options = serde_json::json!({ "apiKey": API_KEY, "baseUrl": API_URL });
    if let (Some(target), Value::Object(extra)) = (options.as_object_mut(), extra) {
        target.extend(extra);
    }
    TruedyClient::new(Some(Ts::new_unchecked(js(&options.to_string())))).expect("client options")
}

pub fn client() -> TruedyClient {
    client_with(serde_json::json!({}))
}

/// Awaits a promise the client returned: Ok(value) or Err(the rejection).
pub async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// Awaits and converts a fulfilled value into a Rust type (the model types are Deserialize).
pub async fn ok<T: DeserializeOwned>(promise: Promise) -> T {
    let value = settle(promise).await.unwrap_or_else(|e| panic!("rejected: {}", describe(&e)));
    serde_wasm_bindgen::from_value(value).expect("typed result")
}

/// Awaits a rejection and returns the `TruedyError` as JSON (with name and message).
pub async fn err(promise: Promise) -> Value {
    let error = match settle(promise).await {
        Ok(v) => panic!("expected a rejection, got {:?}", js_sys::JSON::stringify(&v)),
        Err(e) => e,
    };
    error_json(&error)
}

/// A thrown `TruedyError` as JSON, checking it is a real `Error`.
pub fn error_json(error: &JsValue) -> Value {
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error: {error:?}");
    let mut out = serde_json::Map::new();
    for key in ["name", "message", "kind", "status", "code", "requestId", "retryable"] {
        let v = Reflect::get(error, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let v: Value = serde_wasm_bindgen::from_value(v).unwrap_or(Value::Null);
        out.insert(key.into(), v);
    }
    Value::Object(out)
}

fn describe(value: &JsValue) -> String {
    js_sys::JSON::stringify(&error_json_or(value)).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

fn error_json_or(value: &JsValue) -> JsValue {
    if value.is_instance_of::<js_sys::Error>() {
        serde_wasm_bindgen::to_value(&error_json(value)).unwrap_or(JsValue::NULL)
    } else {
        value.clone()
    }
}

/// `{ signal }` for a request's options.
pub fn with_signal(signal: &web_sys::AbortSignal) -> Option<JsValue> {
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), signal).expect("set signal");
    Some(options.into())
}

/// GETs a simulator control endpoint and returns its JSON.
pub async fn control_get(path: &str) -> Value {
    let text = gloo_net::http::Request::get(&format!("{ORIGIN}{path}"))
        .send()
        .await
        .expect("control request")
        .text()
        .await
        .expect("control body");
    serde_json::from_str(&text).expect("control JSON")
}

/// The requests the simulator saw whose path starts with `prefix`.
pub async fn requests_to(prefix: &str) -> Vec<Value> {
    let log = control_get(&format!("/__requests?path_prefix={}", js_sys::encode_uri_component(prefix))).await;
    log["requests"].as_array().cloned().unwrap_or_default()
}
