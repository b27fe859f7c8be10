//! waitForCall against the simulator's lifecycle (scripts/test runs it with --tick-ms 100:
//! queued, ringing at 1T, in progress at 2T, terminal at 3T, transcript at 4T), and the
//! transcript endpoints. Scenarios run side by side (see `waits_that_resolve`), so timings
//! are bounds, never exact.
//!
//! The simulator never sends a status word the client does not know, so "`unknown` keeps
//! polling" is tested natively on the policy (`src/wait.rs`).

use js_sys::{Array, Function, Reflect};
use serde_json::{json, Value};
use truedy_core::model::{Call, CallPage, CallStatus, Transcript};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{AbortController, AbortSignal};

use super::support::*;

fn now() -> f64 {
    js_sys::Date::now()
}

/// A destination number ending in `tail` (the simulator's magic digits).
fn number(tail: &str) -> String {
    format!("+1415{}{tail}", &unique()[..3])
}

/// A number that completes normally: its last four digits are never 000x.
fn ordinary_number() -> String {
    number(&(1000 + (js_sys::Math::random() * 9000.0) as u32).to_string())
}

async fn place(number: &str) -> Call {
    let request = js(&json!({ "agentId": AGENT_ID, "phoneNumber": number }).to_string());
    ok(client().create_call(request, JsValue::UNDEFINED)).await
}

/// `waitForCall` options from JSON, plus a signal and an `onUpdate`.
fn options(numbers: Value, signal: Option<&AbortSignal>, on_update: Option<&JsValue>) -> JsValue {
    let options = js(&numbers.to_string());
    if let Some(signal) = signal {
        Reflect::set(&options, &"signal".into(), signal).expect("set signal");
    }
    if let Some(on_update) = on_update {
        Reflect::set(&options, &"onUpdate".into(), on_update).expect("set onUpdate");
    }
    options
}

/// A JS `onUpdate` that pushes every call it gets onto `seen`, then throws if `throws`.
fn recorder(seen: &Array, throws: bool) -> JsValue {
    let make = Function::new_with_args(
        "seen, throws",
        "return (call) => { seen.push(call); if (throws) throw new Error('onUpdate failed'); };",
    );
    make.call2(&JsValue::UNDEFINED, seen, &JsValue::from_bool(throws))
        .expect("recorder")
}

fn recorded(seen: &Array) -> Vec<Call> {
    from_js(seen.clone().into()).expect("calls")
}

fn rank(status: CallStatus) -> u8 {
    match status {
        CallStatus::Queued => 0,
        CallStatus::Ringing => 1,
        CallStatus::InProgress => 2,
        CallStatus::Ended | CallStatus::Failed | CallStatus::Cancelled => 3,
        CallStatus::Unknown => 9,
    }
}

/// The GETs the simulator saw for `/calls/{id}` (and below it).
async fn polls(id: &str) -> Vec<Value> {
    api_requests_to(&api_path(&format!("/calls/{id}")))
        .await
        .into_iter()
        .filter(|r| r["method"] == "GET")
        .collect()
}

/// Checks that nothing more reaches the simulator for `id` after a settled wait.
async fn assert_quiet_after(id: &str, settled_at: f64) {
    let before = polls(id).await;
    pause(400).await;
    let after = polls(id).await;
    assert_eq!(
        after.len(),
        before.len(),
        "a request was sent after the wait settled"
    );
    for request in &after {
        let at = request["at_ms"].as_f64().unwrap_or(f64::MAX);
        assert!(
            at <= settled_at + 5.0,
            "request at {at}, wait settled at {settled_at}"
        );
    }
}

// wasm-bindgen-test runs one test at a time: the scenarios that wait on the simulator's
// clock run together, each on its own call.

#[wasm_bindgen_test]
async fn waits_that_resolve() {
    join_all(vec![
        Box::pin(follows_a_created_call_to_ended_with_a_bounded_number_of_polls()),
        Box::pin(on_update_sees_each_status_once_in_lifecycle_order()),
        Box::pin(a_throwing_on_update_does_not_end_the_wait()),
        Box::pin(a_busy_number_resolves_failed_busy()),
        Box::pin(wait_for_transcript_resolves_with_the_transcript()),
        Box::pin(wait_for_transcript_does_not_wait_for_a_call_that_never_connected()),
        Box::pin(with_transcription_off_seed_001_cannot_say_the_transcript_will_never_come()),
        Box::pin(a_429_the_transport_gave_up_on_is_waited_out_as_the_server_asked()),
    ])
    .await;
}

#[wasm_bindgen_test]
async fn waits_that_reject_or_stretch() {
    join_all(vec![
        Box::pin(on_update_fires_per_change_not_per_request()),
        Box::pin(the_deadline_rejects_with_timeout_and_stops_polling()),
        Box::pin(the_deadline_cuts_off_a_poll_in_flight()),
        Box::pin(abort_while_sleeping_between_polls_rejects_at_once()),
        Box::pin(abort_cuts_off_a_poll_in_flight()),
        Box::pin(an_aborted_signal_sends_no_request()),
        Box::pin(wait_for_transcript_times_out_when_it_never_comes()),
        Box::pin(a_retry_after_stretches_the_next_poll_too()),
    ])
    .await;
}

async fn follows_a_created_call_to_ended_with_a_bounded_number_of_polls() {
    let call = place(&ordinary_number()).await;
    let start = now();
    let done: Call = ok(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 50, "maxIntervalMs": 200 }),
            None,
            None,
        ),
    ))
    .await;
    let elapsed = now() - start;
    assert_eq!(done.id, call.id);
    assert_eq!(done.status, CallStatus::Ended);
    assert!(done.is_terminal);
    let n = polls(&call.id).await.len() as f64;
    // Never faster than intervalMs, and far fewer than a request per 50 ms over a few ticks.
    assert!(
        n >= 1.0 && n <= 2.0 + elapsed / 50.0,
        "{n} polls in {elapsed} ms"
    );
    assert!(n < 25.0, "{n} polls for a 300 ms lifecycle");
    assert_quiet_after(&call.id, now()).await;
}

async fn on_update_sees_each_status_once_in_lifecycle_order() {
    let call = place(&ordinary_number()).await;
    let seen = Array::new();
    let done: Call = ok(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 30, "maxIntervalMs": 60 }),
            None,
            Some(&recorder(&seen, false)),
        ),
    ))
    .await;
    let updates = recorded(&seen);
    assert!(!updates.is_empty(), "the first observation is reported");
    let ranks: Vec<u8> = updates.iter().map(|c| rank(c.status)).collect();
    assert!(
        ranks.windows(2).all(|w| w[0] < w[1]),
        "lifecycle order, no repeats: {ranks:?}"
    );
    let last = updates.last().expect("an update");
    assert_eq!(
        (last.status, &last.status_detail),
        (done.status, &done.status_detail),
        "ends with the terminal call"
    );
    assert!(updates.iter().all(|c| c.id == call.id));
    assert!(updates.len() <= polls(&call.id).await.len());
}

async fn on_update_fires_per_change_not_per_request() {
    // ...0004 stays in progress forever: many polls, at most three statuses.
    let call = place(&number("0004")).await;
    let seen = Array::new();
    let e = err(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 50, "maxIntervalMs": 100, "timeoutMs": 800 }),
            None,
            Some(&recorder(&seen, false)),
        ),
    ))
    .await;
    assert_eq!(e["kind"], "timeout");
    let statuses: Vec<CallStatus> = recorded(&seen).iter().map(|c| c.status).collect();
    assert!(!statuses.is_empty() && statuses.len() <= 3, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&CallStatus::InProgress));
    let n = polls(&call.id).await.len();
    assert!(n > statuses.len(), "{n} polls, {} updates", statuses.len());
}

async fn a_throwing_on_update_does_not_end_the_wait() {
    let call = place(&ordinary_number()).await;
    let seen = Array::new();
    let done: Call = ok(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 40, "maxIntervalMs": 100 }),
            None,
            Some(&recorder(&seen, true)),
        ),
    ))
    .await;
    assert_eq!(done.status, CallStatus::Ended);
    assert!(
        recorded(&seen).last().is_some_and(|c| c.is_terminal),
        "called every time, up to the end"
    );
}

async fn a_busy_number_resolves_failed_busy() {
    let call = place(&number("0002")).await;
    let seen = Array::new();
    let done: Call = ok(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 50, "maxIntervalMs": 200 }),
            None,
            Some(&recorder(&seen, false)),
        ),
    ))
    .await;
    assert_eq!(done.status, CallStatus::Failed);
    assert_eq!(done.status_detail.as_deref(), Some("busy"));
    assert!(done.is_terminal);
    assert!(
        recorded(&seen)
            .iter()
            .all(|c| c.status != CallStatus::InProgress),
        "a busy call never connects"
    );
}

async fn the_deadline_rejects_with_timeout_and_stops_polling() {
    let call = place(&number("0004")).await;
    let start = now();
    let e = err(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 50, "maxIntervalMs": 200, "timeoutMs": 500 }),
            None,
            None,
        ),
    ))
    .await;
    let settled = now();
    assert_eq!(e["name"], "TruedyError");
    assert_eq!(e["kind"], "timeout");
    assert!(
        settled - start >= 480.0 && settled - start < 3000.0,
        "{} ms",
        settled - start
    );
    assert!(polls(&call.id).await.len() >= 2);
    assert_quiet_after(&call.id, settled).await;
}

async fn the_deadline_cuts_off_a_poll_in_flight() {
    let call = place(&number("0004")).await;
    let path = api_path(&format!("/calls/{}", call.id));
    queue_fault(&path, Some("GET"), "latency=4000", 1).await;
    let start = now();
    let e = err(client().wait_for_call(
        call.id.clone().into(),
        options(json!({ "timeoutMs": 400 }), None, None),
    ))
    .await;
    let settled = now();
    assert_eq!(e["kind"], "timeout");
    assert!(
        settled - start < 2000.0,
        "not after the 4 s answer: {} ms",
        settled - start
    );
    assert_eq!(polls(&call.id).await.len(), 1);
    assert_quiet_after(&call.id, settled).await;
}

async fn abort_while_sleeping_between_polls_rejects_at_once() {
    let call = place(&number("0004")).await;
    let controller = AbortController::new().expect("controller");
    let pending = client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 5000 }),
            Some(&controller.signal()),
            None,
        ),
    );
    pause(300).await;
    assert_eq!(
        polls(&call.id).await.len(),
        1,
        "the first poll is done; the wait sleeps 5 s"
    );
    let start = now();
    controller.abort();
    let e = err(pending).await;
    let settled = now();
    assert_eq!(e["kind"], "aborted");
    assert!(settled - start < 500.0, "{} ms", settled - start);
    assert_quiet_after(&call.id, settled).await;
}

async fn abort_cuts_off_a_poll_in_flight() {
    let call = place(&number("0004")).await;
    let path = api_path(&format!("/calls/{}", call.id));
    queue_fault(&path, Some("GET"), "latency=4000", 1).await;
    let controller = AbortController::new().expect("controller");
    let pending = client().wait_for_call(
        call.id.clone().into(),
        options(json!({}), Some(&controller.signal()), None),
    );
    pause(300).await;
    let start = now();
    controller.abort();
    let e = err(pending).await;
    let settled = now();
    assert_eq!(e["kind"], "aborted");
    assert!(settled - start < 500.0, "{} ms", settled - start);
    assert_eq!(polls(&call.id).await.len(), 1);
    assert_quiet_after(&call.id, settled).await;
}

async fn an_aborted_signal_sends_no_request() {
    let id = format!("wait-preaborted-{}", unique());
    let controller = AbortController::new().expect("controller");
    controller.abort();
    let e = err(client().wait_for_call(
        id.clone().into(),
        options(json!({}), Some(&controller.signal()), None),
    ))
    .await;
    assert_eq!(e["kind"], "aborted");
    pause(100).await;
    assert!(polls(&id).await.is_empty());
}

#[wasm_bindgen_test]
async fn bad_options_reject_with_invalid_argument_and_send_nothing() {
    let id = format!("wait-invalid-{}", unique());
    let nan = || {
        let o = js("{}");
        Reflect::set(&o, &"intervalMs".into(), &JsValue::from_f64(f64::NAN)).expect("set");
        o
    };
    let infinite = || {
        let o = js("{}");
        Reflect::set(&o, &"timeoutMs".into(), &JsValue::from_f64(f64::INFINITY)).expect("set");
        o
    };
    let cases: Vec<(&str, JsValue)> = vec![
        (
            "intervalMs 0",
            options(json!({ "intervalMs": 0 }), None, None),
        ),
        (
            "intervalMs -1",
            options(json!({ "intervalMs": -1 }), None, None),
        ),
        ("intervalMs NaN", nan()),
        (
            "intervalMs string",
            options(json!({ "intervalMs": "100" }), None, None),
        ),
        (
            "maxIntervalMs 0",
            options(json!({ "maxIntervalMs": 0 }), None, None),
        ),
        (
            "interval > max",
            options(
                json!({ "intervalMs": 300, "maxIntervalMs": 200 }),
                None,
                None,
            ),
        ),
        ("timeoutMs Infinity", infinite()),
        (
            "timeoutMs too large",
            options(json!({ "timeoutMs": 3e9 }), None, None),
        ),
        (
            "onUpdate not a function",
            options(json!({ "onUpdate": "log" }), None, None),
        ),
        (
            "signal not a signal",
            options(json!({ "signal": {} }), None, None),
        ),
        (
            "waitForTranscript not a boolean",
            options(json!({ "waitForTranscript": "yes" }), None, None),
        ),
        ("options not an object", JsValue::from_f64(5.0)),
    ];
    let c = client();
    for (what, opts) in cases {
        let e = err(c.wait_for_call(id.clone().into(), opts)).await;
        assert_eq!(e["kind"], "invalid_argument", "{what}: {e}");
    }
    let e = err(c.wait_for_call("".into(), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument", "empty id");
    assert!(polls(&id).await.is_empty());
}

#[wasm_bindgen_test]
async fn an_unknown_call_rejects_with_the_404() {
    let id = format!("wait-missing-{}", unique());
    let e = err(client().wait_for_call(id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        (e["kind"].as_str(), e["status"].as_u64()),
        (Some("http"), Some(404))
    );
    assert_eq!(polls(&id).await.len(), 1, "a 404 is final");
}

async fn a_429_the_transport_gave_up_on_is_waited_out_as_the_server_asked() {
    let call = place(&ordinary_number()).await;
    let path = api_path(&format!("/calls/{}", call.id));
    queue_fault(&path, Some("GET"), "status=429,retry_after_ms=300", 2).await;
    let no_retries = client_with(json!({ "maxRetries": 0 }));
    let done: Call = ok(no_retries.wait_for_call(
        call.id.clone().into(),
        options(json!({ "intervalMs": 20, "maxIntervalMs": 50 }), None, None),
    ))
    .await;
    assert!(done.is_terminal);
    let log = polls(&call.id).await;
    let at: Vec<f64> = log
        .iter()
        .map(|r| r["at_ms"].as_f64().unwrap_or(0.0))
        .collect();
    assert!(log.len() >= 3);
    for i in 0..2 {
        assert_eq!(log[i]["status"], 429);
        assert!(
            at[i + 1] - at[i] >= 280.0,
            "poll {} came {} ms after a 429 asking for 300",
            i + 1,
            at[i + 1] - at[i]
        );
    }
}

async fn a_retry_after_stretches_the_next_poll_too() {
    // The transport retries the 429 after 400 ms; the poll after that waits as long.
    let call = place(&number("0004")).await;
    let path = api_path(&format!("/calls/{}", call.id));
    queue_fault(&path, Some("GET"), "status=429,retry_after_ms=400", 1).await;
    let e = err(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 20, "maxIntervalMs": 50, "timeoutMs": 1100 }),
            None,
            None,
        ),
    ))
    .await;
    assert_eq!(e["kind"], "timeout");
    let log = polls(&call.id).await;
    let at: Vec<f64> = log
        .iter()
        .map(|r| r["at_ms"].as_f64().unwrap_or(0.0))
        .collect();
    assert!(log.len() >= 3, "{log:?}");
    assert_eq!(log[0]["status"], 429);
    assert!(
        at[1] - at[0] >= 380.0,
        "the transport's retry: {}",
        at[1] - at[0]
    );
    assert!(at[2] - at[1] >= 380.0, "the next poll: {}", at[2] - at[1]);
}

async fn wait_for_transcript_resolves_with_the_transcript() {
    let call = place(&ordinary_number()).await;
    let e = err(client().get_transcript(call.id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(
        e["status"], 404,
        "a just-created call has no transcript yet"
    );
    let done: Call = ok(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 50, "maxIntervalMs": 200, "waitForTranscript": true }),
            None,
            None,
        ),
    ))
    .await;
    assert_eq!(done.status, CallStatus::Ended);
    let turns = done.transcript.clone().expect("a transcript");
    assert!(!turns.is_empty());
    assert!(done.summary.is_some(), "the summary comes with it");
    // Seed 001's call object has no transcript: the wait asked its endpoint until it was there.
    let asked = api_requests_to(&api_path(&format!("/calls/{}/transcript", call.id))).await;
    let statuses: Vec<&Value> = asked.iter().map(|r| &r["status"]).collect();
    assert!(statuses.len() >= 2, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&&json!(200)), "{statuses:?}");
    let transcript: Transcript =
        ok(client().get_transcript(call.id.clone().into(), JsValue::UNDEFINED)).await;
    assert_eq!(transcript.turns, turns, "the endpoint has the same turns");
}

async fn wait_for_transcript_times_out_when_it_never_comes() {
    // ...0005 ends normally but its transcript never becomes ready.
    let call = place(&number("0005")).await;
    let seen = Array::new();
    let e = err(client().wait_for_call(
        call.id.clone().into(),
        options(
            json!({ "intervalMs": 50, "maxIntervalMs": 200, "timeoutMs": 700, "waitForTranscript": true }),
            None,
            Some(&recorder(&seen, false)),
        ),
    ))
    .await;
    let settled = now();
    assert_eq!(e["kind"], "timeout");
    assert!(
        recorded(&seen)
            .last()
            .is_some_and(|c| c.status == CallStatus::Ended),
        "it did end"
    );
    assert_quiet_after(&call.id, settled).await;
}

async fn wait_for_transcript_does_not_wait_for_a_call_that_never_connected() {
    let call = place(&number("0003")).await;
    let start = now();
    let done: Call = ok(client().wait_for_call(
        call.id.clone().into(),
        options(json!({ "intervalMs": 50, "maxIntervalMs": 200, "timeoutMs": 10000, "waitForTranscript": true }), None, None),
    ))
    .await;
    assert_eq!(
        (done.status, done.status_detail.as_deref()),
        (CallStatus::Failed, Some("no_answer"))
    );
    assert_eq!(done.transcript, None);
    assert!(
        now() - start < 5000.0,
        "resolved at the terminal status, not at the deadline"
    );
}

async fn with_transcription_off_seed_001_cannot_say_the_transcript_will_never_come() {
    // Seed 001's call object does not echo `call_settings`, and its transcript endpoint is
    // 404 until ready: "not yet" and "never" look the same, so the wait runs to its deadline
    // (the README says so). A server that sends `transcription_enabled: false` is answered
    // at once (core tests).
    let request = js(&json!({
        "agentId": AGENT_ID,
        "phoneNumber": ordinary_number(),
        "callSettings": { "transcriptionEnabled": false },
    })
    .to_string());
    let call: Call = ok(client().create_call(request, JsValue::UNDEFINED)).await;
    let e = err(client().wait_for_call(
        call.id.clone().into(),
        options(json!({ "intervalMs": 50, "maxIntervalMs": 200, "timeoutMs": 1500, "waitForTranscript": true }), None, None),
    ))
    .await;
    assert_eq!(e["kind"], "timeout");
    let asked = api_requests_to(&api_path(&format!("/calls/{}/transcript", call.id))).await;
    assert!(
        !asked.is_empty() && asked.iter().all(|r| r["status"] == 404),
        "{asked:?}"
    );
}

#[wasm_bindgen_test]
async fn embedded_and_endpoint_transcripts_agree_in_every_dialect() {
    let page: CallPage = ok(client().list_calls(
        js(r#"{"status":"ended","createdBefore":"2026-11-01T00:00:00Z","limit":8}"#),
        JsValue::UNDEFINED,
    ))
    .await;
    for shape in ["000", "001", "002", "003", "004"] {
        let c = client_with(json!({ "headers": { "X-Mock-Shape": shape } }));
        let mut compared = 0;
        for seeded in &page.data {
            let call: Call = ok(c.get_call(seeded.id.clone().into(), JsValue::UNDEFINED)).await;
            let Some(embedded) = call.transcript else {
                continue;
            };
            let endpoint: Transcript =
                ok(c.get_transcript(seeded.id.clone().into(), JsValue::UNDEFINED)).await;
            assert!(!embedded.is_empty(), "{shape}");
            assert_eq!(embedded, endpoint.turns, "{shape} {}", seeded.id);
            if shape != "000" && shape != "002" {
                // 000's and 002's call objects have no summary field.
                assert_eq!(call.summary, endpoint.summary, "{shape} {}", seeded.id);
            }
            compared += 1;
        }
        // Seed 001's call object has no transcript field: only its endpoint has one.
        let expected = if shape == "001" {
            0..=0
        } else {
            4..=usize::MAX
        };
        assert!(
            expected.contains(&compared),
            "{shape}: {compared} ended seeded calls with a transcript"
        );
    }
}
