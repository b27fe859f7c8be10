//! The transport seen from JS: retries, Retry-After, timeouts, abort, idempotency, bad
//! bodies, encoding. Asserts what the simulator saw, from its request log.

use serde_json::{json, Value};
use truedy_core::model::{Call, CallPage};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

use super::support::*;

fn now() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn retries_5xx_then_gives_the_final_answer() {
    let id = format!("retry-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "status=503,retry_after_ms=20", 2).await;
    let e = err(client().get_call(id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        e["status"], 404,
        "after two 503s the real answer (404) comes through: {e}"
    );
    assert_eq!(
        api_requests_to(&path).await.len(),
        3,
        "one attempt and two retries"
    );
}

#[wasm_bindgen_test]
async fn stops_after_max_retries_and_says_it_is_retryable() {
    let id = format!("giveup-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "status=502,retry_after_ms=10", 5).await;
    let e =
        err(client_with(json!({ "maxRetries": 1 })).get_call(id.into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        (
            e["kind"].clone(),
            e["status"].clone(),
            e["retryable"].clone()
        ),
        (json!("http"), json!(502), json!(true))
    );
    assert_eq!(api_requests_to(&path).await.len(), 2);
}

#[wasm_bindgen_test]
async fn client_errors_are_not_retried() {
    let id = format!("noretry-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "status=422", 1).await;
    let e = err(client().get_call(id.into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        (e["status"].clone(), e["code"].clone()),
        (json!(422), json!("validation_error"))
    );
    assert_eq!(api_requests_to(&path).await.len(), 1);
}

#[wasm_bindgen_test]
async fn backs_off_exponentially_without_a_hint() {
    let id = format!("backoff-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "status=500", 2).await;
    let start = now();
    let _ = err(client().get_call(id.into(), JsValue::UNDEFINED)).await;
    let elapsed = now() - start;
    // 500 ms then 1000 ms, each with at most 25 % jitter taken off.
    assert!(elapsed >= 1100.0, "waited {elapsed} ms");
    assert_eq!(api_requests_to(&path).await.len(), 3);
}

#[wasm_bindgen_test]
async fn honours_retry_after_in_seconds_on_429() {
    let path = api_path("/calls");
    let agent = format!("agt-429-{}", unique());
    queue_fault_on(
        &path,
        Some("GET"),
        Some(&agent),
        "status=429,retry_after=1",
        1,
    )
    .await;
    let start = now();
    let page: CallPage =
        ok(client().list_calls(params(json!({ "agentId": agent })), JsValue::UNDEFINED)).await;
    let elapsed = now() - start;
    assert!(page.data.is_empty());
    assert!(
        elapsed >= 950.0,
        "Retry-After: 1 means a second, waited {elapsed} ms"
    );
    let seen: Vec<Value> = api_requests_to(&path)
        .await
        .into_iter()
        .filter(|r| r["query"].as_str().is_some_and(|q| q.contains(&agent)))
        .collect();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0]["status"], 429);
}

#[wasm_bindgen_test]
async fn honours_retry_after_as_an_http_date() {
    let id = format!("date-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "status=429,retry_after_date", 1).await;
    let e = err(client().get_call(id.into(), JsValue::UNDEFINED)).await;
    assert_eq!(e["status"], 404);
    assert_eq!(api_requests_to(&path).await.len(), 2);
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error() {
    let c = client_with(json!({ "baseUrl": "http://127.0.0.1:9/api/public/v1", "maxRetries": 0 }));
    let e = err(c.list_calls(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        (e["kind"].clone(), e["retryable"].clone()),
        (json!("network"), json!(true))
    );
    assert!(e["status"].is_null());
}

#[wasm_bindgen_test]
async fn a_hanging_server_times_out_per_attempt() {
    let id = format!("hang-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "hang", 2).await;
    let start = now();
    let e = err(client_with(json!({ "timeoutMs": 200, "maxRetries": 1 }))
        .get_call(id.into(), JsValue::UNDEFINED))
    .await;
    let elapsed = now() - start;
    assert_eq!(e["kind"], "timeout");
    assert!(
        e["message"].as_str().is_some_and(|m| m.contains("200 ms")),
        "{e}"
    );
    assert!(
        (400.0..5000.0).contains(&elapsed),
        "two attempts of 200 ms plus a backoff: {elapsed}"
    );
    assert_eq!(
        api_requests_to(&path).await.len(),
        2,
        "a timeout is retried"
    );
}

#[wasm_bindgen_test]
async fn abort_ends_a_request_in_flight_at_once() {
    let id = format!("abort-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "hang", 1).await;
    let controller = AbortController::new().expect("controller");
    let pending = client().get_call(id.into(), with_signal(&controller.signal()));
    pause(100).await;
    let start = now();
    controller.abort();
    let e = err(pending).await;
    assert_eq!(e["kind"], "aborted");
    assert!(now() - start < 500.0);
    assert_eq!(
        api_requests_to(&path).await.len(),
        1,
        "an abort is never retried"
    );
}

#[wasm_bindgen_test]
async fn abort_during_the_backoff_wait_ends_it_at_once() {
    let id = format!("abortwait-{}", unique());
    let path = api_path(&format!("/calls/{id}"));
    queue_fault(&path, None, "status=503,retry_after=5", 1).await;
    let controller = AbortController::new().expect("controller");
    let pending = client().get_call(id.into(), with_signal(&controller.signal()));
    pause(300).await;
    let start = now();
    controller.abort();
    let e = err(pending).await;
    assert_eq!(e["kind"], "aborted");
    assert!(now() - start < 500.0, "not after the 5 s Retry-After");
    pause(100).await;
    assert_eq!(
        api_requests_to(&path).await.len(),
        1,
        "no retry after the abort"
    );
}

#[wasm_bindgen_test]
async fn an_aborted_signal_sends_nothing() {
    let id = format!("preaborted-{}", unique());
    let controller = AbortController::new().expect("controller");
    controller.abort();
    let e = err(client().get_call(id.clone().into(), with_signal(&controller.signal()))).await;
    assert_eq!(e["kind"], "aborted");
    assert!(api_requests_to(&api_path(&format!("/calls/{id}")))
        .await
        .is_empty());
}

#[wasm_bindgen_test]
async fn a_retried_create_reuses_its_idempotency_key_and_places_one_call() {
    let number = format!("+1415{}", &unique()[..7]);
    queue_fault_on(
        &api_path("/calls"),
        Some("POST"),
        Some(&number),
        "status=503,retry_after_ms=20",
        1,
    )
    .await;
    let request = js(&json!({ "agentId": AGENT_ID, "phoneNumber": number }).to_string());
    let call: Call = ok(client().create_call(request, JsValue::UNDEFINED)).await;
    let posts: Vec<Value> = api_requests_to(&api_path("/calls"))
        .await
        .into_iter()
        .filter(|r| {
            r["method"] == "POST" && r["body"].as_str().is_some_and(|b| b.contains(&number))
        })
        .collect();
    assert_eq!(posts.len(), 2, "one 503 and one retry");
    let key = posts[0]["headers"]["x-idempotency-key"]
        .as_str()
        .expect("generated key")
        .to_owned();
    assert_eq!(key.len(), 36, "a UUID: {key}");
    assert_eq!(
        posts[1]["headers"]["x-idempotency-key"],
        key.as_str(),
        "the same key on the retry"
    );
    assert_eq!(call.phone_number.as_deref(), Some(number.as_str()));

    // The same key again: the server answers with the same call, nothing new is placed.
    let options = js(&json!({ "idempotencyKey": key }).to_string());
    let again: Call = ok(client().create_call(
        js(&json!({ "agentId": AGENT_ID, "phoneNumber": number }).to_string()),
        options,
    ))
    .await;
    assert_eq!(again.id, call.id);
}

#[wasm_bindgen_test]
async fn bad_bodies_are_clear_errors_and_the_next_call_works() {
    let id = seeded_call(json!({})).await.id;
    let c = client_with(json!({ "maxRetries": 0 }));
    for (fault, kind, needle) in [
        ("status=502,html", "http", "HTTP 502 Bad Gateway"),
        ("truncate", "decode", "not valid JSON"),
        ("empty", "decode", "empty body"),
        ("array", "decode", "array"),
    ] {
        // A per-request fault: a queued one on this shared id could hit another test.
        let faulty = client_with(json!({ "maxRetries": 0, "headers": { "X-Mock-Fault": fault } }));
        let e = err(faulty.get_call(id.clone().into(), JsValue::UNDEFINED)).await;
        assert_eq!(e["kind"], kind, "{fault}: {e}");
        assert!(
            e["message"].as_str().is_some_and(|m| m.contains(needle)),
            "{fault}: {e}"
        );
        let call: Call = ok(c.get_call(id.clone().into(), JsValue::UNDEFINED)).await;
        assert_eq!(call.id, id, "after {fault} the next call works");
    }
}

#[wasm_bindgen_test]
async fn ids_cannot_escape_their_path_segment() {
    let tag = unique();
    let id = format!("../agents?x={tag}#frag");
    let e = err(client().get_call(id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        (e["status"].clone(), e["code"].clone()),
        (json!(404), json!("not_found"))
    );
    let seen = api_requests_to(&api_path(&format!("/calls/..%2Fagents%3Fx%3D{tag}%23frag"))).await;
    assert_eq!(seen.len(), 1, "the whole id went into one encoded segment");
    assert_eq!(seen[0]["query"], "");
}

#[wasm_bindgen_test]
async fn list_params_reach_the_server_as_a_snake_case_query() {
    let agent = format!("agt-q-{}", unique());
    let p = params(json!({
        "status": "ended", "direction": "outbound", "agentId": agent,
        "createdAfter": "2026-10-01T00:00:00Z", "createdBefore": "2026-11-01T00:00:00Z", "limit": 7, "offset": 3
    }));
    let _: CallPage = ok(client().list_calls(p, JsValue::UNDEFINED)).await;
    let seen: Vec<Value> = api_requests_to(&api_path("/calls"))
        .await
        .into_iter()
        .filter(|r| r["query"].as_str().is_some_and(|q| q.contains(&agent)))
        .collect();
    assert_eq!(seen.len(), 1);
    // `ended` goes out in the default ("openapi") vocabulary's word.
    assert_eq!(
        seen[0]["query"],
        format!("status=completed&direction=outbound&agent_id={agent}&created_after=2026-10-01T00%3A00%3A00Z&created_before=2026-11-01T00%3A00%3A00Z&limit=7&offset=3")
    );
}

#[wasm_bindgen_test]
async fn invalid_params_send_nothing() {
    for bad in [
        json!({ "limit": 0 }),
        json!({ "limit": 101 }),
        json!({ "offset": -5 }),
        json!({ "createdAfter": "last week" }),
    ] {
        let e = err(client().list_calls(params(bad.clone()), JsValue::UNDEFINED)).await;
        assert_eq!(e["kind"], "invalid_argument", "{bad}");
    }
}

#[wasm_bindgen_test]
async fn extra_headers_and_the_key_are_sent() {
    let team = format!("ops-{}", unique());
    let id = format!("hdr-{}", unique());
    let _ = err(client_with(json!({ "headers": { "X-Team": team } }))
        .get_call(id.clone().into(), JsValue::UNDEFINED))
    .await;
    let seen = api_requests_to(&api_path(&format!("/calls/{id}"))).await;
    assert_eq!(seen[0]["headers"]["x-team"], team.as_str());
    assert_eq!(
        seen[0]["headers"]["authorization"],
        format!("Bearer {API_KEY}")
    );
}

fn params(value: Value) -> JsValue {
    js(&value.to_string())
}
