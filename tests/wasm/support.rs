//! Helpers: a client pointed at the simulator, promise awaiting, the simulator's request log.

use js_sys::{Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

pub use wasm_bindgen::JsValue;

use crate::client::TruedyClient;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &JsValue) -> Promise;
}

/// A JS value read back into Rust through its JSON text (the model types are Deserialize).
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    if value.is_undefined() {
        return serde_json::from_str("null").map_err(|e| e.to_string());
    }
    let text = js_sys::JSON::stringify(&value)
        .map_err(|_| "not JSON".to_owned())?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Sends a request to the simulator with the host's fetch: (status, body text).
pub async fn http(method: &str, url: &str, body: Option<String>) -> (u16, String) {
    let init = Object::new();
    Reflect::set(&init, &"method".into(), &method.into()).expect("method");
    if let Some(body) = body {
        Reflect::set(&init, &"body".into(), &body.into()).expect("body");
        let headers = js(r#"{"Content-Type":"application/json"}"#);
        Reflect::set(&init, &"headers".into(), &headers).expect("headers");
    }
    let response: web_sys::Response = JsFuture::from(global_fetch(url, &init))
        .await
        .expect("simulator request")
        .into();
    let text = JsFuture::from(response.text().expect("body"))
        .await
        .expect("body text");
    (response.status(), text.as_string().unwrap_or_default())
}

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
    TruedyClient::new(js(&options.to_string())).expect("client options")
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
    let value = settle(promise)
        .await
        .unwrap_or_else(|e| panic!("rejected: {}", describe(&e)));
    from_js(value).expect("typed result")
}

/// Awaits a rejection and returns the `TruedyError` as JSON (with name and message).
pub async fn err(promise: Promise) -> Value {
    let error = match settle(promise).await {
        Ok(v) => panic!("expected a rejection, got {}", describe(&v)),
        Err(e) => e,
    };
    error_json(&error)
}

/// A thrown `TruedyError` as JSON, checking it is a real `Error`.
pub fn error_json(error: &JsValue) -> Value {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "not an Error: {error:?}"
    );
    let mut out = serde_json::Map::new();
    for key in [
        "name",
        "message",
        "kind",
        "status",
        "code",
        "requestId",
        "retryable",
    ] {
        let v = Reflect::get(error, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let v: Value = from_js(v).unwrap_or(Value::Null);
        out.insert(key.into(), v);
    }
    Value::Object(out)
}

fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        return "undefined".into();
    }
    js_sys::JSON::stringify(&error_json_or(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn error_json_or(value: &JsValue) -> JsValue {
    if value.is_instance_of::<js_sys::Error>() {
        js(&error_json(value).to_string())
    } else {
        value.clone()
    }
}

/// `{ signal }` for a request's options.
pub fn with_signal(signal: &web_sys::AbortSignal) -> JsValue {
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), signal).expect("set signal");
    options.into()
}

/// GETs a simulator control endpoint and returns its JSON.
pub async fn control_get(path: &str) -> Value {
    let (_, text) = http("GET", &format!("{ORIGIN}{path}"), None).await;
    serde_json::from_str(&text).expect("control JSON")
}

/// The requests the simulator saw whose path starts with `prefix`.
pub async fn requests_to(prefix: &str) -> Vec<Value> {
    let log = control_get(&format!(
        "/__requests?path_prefix={}",
        js_sys::encode_uri_component(prefix)
    ))
    .await;
    log["requests"].as_array().cloned().unwrap_or_default()
}

/// Queues a fault for the next `times` requests whose path starts with `path` (and whose
/// method is `method`, when given). `fault` is the simulator's spec, e.g. `status=503`.
/// Tests run concurrently: aim at a path only this test uses, or use [`queue_fault_on`].
pub async fn queue_fault(path: &str, method: Option<&str>, fault: &str, times: u32) {
    queue_fault_on(path, method, None, fault, times).await;
}

/// [`queue_fault`] for requests whose query string or body also contains `contains`.
pub async fn queue_fault_on(
    path: &str,
    method: Option<&str>,
    contains: Option<&str>,
    fault: &str,
    times: u32,
) {
    let mut body = serde_json::json!({ "path": path, "fault": fault, "times": times });
    if let Some(method) = method {
        body["method"] = method.into();
    }
    if let Some(contains) = contains {
        body["contains"] = contains.into();
    }
    let (status, _) = http(
        "POST",
        &format!("{ORIGIN}/__faults"),
        Some(body.to_string()),
    )
    .await;
    assert_eq!(status, 201, "queueing {fault} on {path}");
}

/// The API path (without origin) of a path below the API root: `/calls/x` -> `/api/public/v1/calls/x`.
pub fn api_path(path: &str) -> String {
    let root = API_URL.strip_prefix(ORIGIN).unwrap_or("/api/public/v1");
    format!("{root}{path}")
}

/// Requests (not preflights) the simulator saw whose path starts with `prefix`.
pub async fn api_requests_to(prefix: &str) -> Vec<Value> {
    requests_to(prefix)
        .await
        .into_iter()
        .filter(|r| r["method"] != "OPTIONS")
        .collect()
}

/// A unique suffix for ids and numbers, so tests sharing the simulator never collide.
pub fn unique() -> String {
    let n = (js_sys::Math::random() * 1e9) as u64;
    format!("{n:09}")
}

/// A promise that resolves after `ms`.
pub async fn pause(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let set_timeout = Reflect::get(&global, &"setTimeout".into()).expect("setTimeout");
        let set_timeout: js_sys::Function = set_timeout.into();
        set_timeout
            .call2(&global, &resolve, &JsValue::from(ms))
            .expect("setTimeout call");
    });
    JsFuture::from(promise).await.expect("pause");
}

/// The first seeded call matching `filter` (list params). Seeded calls were created before
/// the simulator's reference date and never change, unlike calls other tests place.
pub async fn seeded_call(mut filter: Value) -> truedy_core::model::Call {
    filter["createdBefore"] = "2026-11-01T00:00:00Z".into();
    filter["limit"] = filter.get("limit").cloned().unwrap_or(1.into());
    let page: truedy_core::model::CallPage =
        ok(client().list_calls(js(&filter.to_string()), JsValue::UNDEFINED)).await;
    page.data
        .into_iter()
        .next()
        .expect("a seeded call matching the filter")
}

/// The seeded agent every created test call uses.
pub const AGENT_ID: &str = "1f4baf16-1540-4d91-9696-7f34b2f2cb77";

/// List params scoped to the seeded calls (created before the simulator's reference instant,
/// 2026-11-01, and never changing), merged with `extra`, and the marker they carry: unique
/// digits in `createdBefore`'s fraction of a second. The listing stays the same whatever other
/// tests create, and the marker, which appears as is in the query string, finds this test's
/// requests in the log ([`marked_requests`]) and aims queued faults at them.
pub fn seeded_scope(extra: Value) -> (Value, String) {
    let marker = format!("000{}", unique());
    let mut params =
        serde_json::json!({ "createdBefore": format!("2026-11-01T00:00:00.{marker}Z") });
    if let (Some(target), Value::Object(extra)) = (params.as_object_mut(), extra) {
        target.extend(extra);
    }
    (params, marker)
}

/// List params as the typed argument of `listCalls` / `listAllCalls`.
pub fn list_params(params: &Value) -> JsValue {
    js(&params.to_string())
}

/// The `GET /calls` requests the simulator saw whose query string contains `marker`.
pub async fn marked_requests(marker: &str) -> Vec<Value> {
    api_requests_to(&api_path("/calls"))
        .await
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["query"].as_str().is_some_and(|q| q.contains(marker)))
        .collect()
}

/// A JS function built from source: `new Function(args, body)` called with `arg`, so `body`
/// can return a closure over it, e.g. `js_closure("log", "return (a, b) => log.push([a, b])", &array)`.
pub fn js_closure(args: &str, body: &str, arg: &JsValue) -> JsValue {
    js_sys::Function::new_with_args(args, body)
        .call1(&JsValue::NULL, arg)
        .expect("js_closure")
}

/// An options object from JSON plus JS values (functions, signals) set on it.
pub fn js_options(json: Value, values: &[(&str, &JsValue)]) -> JsValue {
    let options = js(&json.to_string());
    for (name, value) in values {
        Reflect::set(&options, &JsValue::from_str(name), value).expect("set option");
    }
    options
}

/// Runs `scenarios` concurrently on the calling test's task, so that a panic in any of them
/// fails that test. wasm-bindgen-test runs tests one at a time; scenarios that mostly wait
/// on the simulator's clock share the wait this way.
pub async fn join_all(scenarios: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>>) {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    struct JoinAll(Vec<Option<Pin<Box<dyn Future<Output = ()>>>>>);
    impl Future for JoinAll {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            let mut pending = false;
            for slot in self.0.iter_mut() {
                if let Some(future) = slot {
                    if future.as_mut().poll(cx).is_ready() {
                        *slot = None;
                    } else {
                        pending = true;
                    }
                }
            }
            if pending {
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }
    }
    JoinAll(scenarios.into_iter().map(Some).collect()).await
}
