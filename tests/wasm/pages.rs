//! listAllCalls against the simulator: order, duplicates, progress, `max`, both page envelopes,
//! bounded concurrency, abort, failures, and calls created during the walk. `iterCalls` and
//! `callsToNdjson` are plain JS in the package: tests/e2e/pages.test.mjs. Every simulator
//! dialect gives a total, so the walk without one (`hasMore` only) is tested natively in
//! src/paging.rs.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::client::TruedyClient;
use serde_json::{json, Value};
use truedy_core::model::{Call, CallPage};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

fn ids(calls: &[Call]) -> Vec<String> {
    calls.iter().map(|c| c.id.clone()).collect()
}

/// The listing's ids, walked with plain `listCalls`, `limit` calls a page.
async fn walked(c: &TruedyClient, params: &Value, limit: u32) -> Vec<String> {
    let mut out = Vec::new();
    let mut offset = params["offset"].as_u64().unwrap_or(0);
    loop {
        let mut p = params.clone();
        p["limit"] = limit.into();
        p["offset"] = offset.into();
        let page: CallPage = ok(c.list_calls(list_params(&p), JsValue::UNDEFINED)).await;
        out.extend(page.data.iter().map(|call| call.id.clone()));
        if !page.has_more {
            return out;
        }
        offset += u64::from(limit);
    }
}

async fn list_all(c: &TruedyClient, params: &Value, options: JsValue) -> Vec<Call> {
    ok(c.list_all_calls(list_params(params), options)).await
}

/// `(limit, offset)` of each logged request, sorted by offset.
fn pages_asked(requests: &[Value]) -> Vec<(u64, u64)> {
    let mut pages: Vec<(u64, u64)> = requests
        .iter()
        .map(|r| {
            let query = r["query"].as_str().unwrap_or_default();
            let number = |key: &str| {
                query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix(key))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(u64::MAX)
            };
            (number("limit="), number("offset="))
        })
        .collect();
    pages.sort_by_key(|&(_, offset)| offset);
    pages
}

fn assert_unique(ids: &[String]) {
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "duplicate ids in the result");
}

#[wasm_bindgen_test]
async fn every_page_comes_back_in_order_without_duplicates() {
    let c = client();
    let (params, marker) = seeded_scope(json!({}));
    let expected = walked(&c, &params, 30).await;
    assert!(
        expected.len() > 100,
        "the simulator has {} seeded calls",
        expected.len()
    );

    let (scoped, _) = seeded_scope(json!({ "limit": 30 }));
    let got = list_all(&c, &scoped, js_options(json!({ "concurrency": 4 }), &[])).await;
    assert_eq!(ids(&got), expected);
    assert_unique(&ids(&got));

    // Defaults: 100 calls a page, every page once.
    let calls: Vec<Call> = ok(c.list_all_calls(list_params(&params), JsValue::UNDEFINED)).await;
    assert_eq!(ids(&calls), expected);
    let asked = pages_asked(&marked_requests(&marker).await);
    let walk_pages = expected.len().div_ceil(30);
    let default_pages: Vec<(u64, u64)> = (0..expected.len().div_ceil(100) as u64)
        .map(|i| (100, i * 100))
        .collect();
    assert_eq!(asked.len(), walk_pages + default_pages.len(), "{asked:?}");
    assert!(default_pages.iter().all(|p| asked.contains(p)), "{asked:?}");
}

#[wasm_bindgen_test]
async fn progress_is_reported_after_every_page_with_the_total() {
    let (params, _) = seeded_scope(json!({ "limit": 50 }));
    let log = js_sys::Array::new();
    let on_progress = js_closure(
        "log",
        "return (loaded, total) => { log.push([loaded, total]); }",
        &log,
    );
    let options = js_options(json!({ "concurrency": 3 }), &[("onProgress", &on_progress)]);
    let calls = list_all(&client(), &params, options).await;

    let reports: Vec<(u64, Option<u64>)> = from_js(log.into()).expect("reports");
    let n = calls.len() as u64;
    assert_eq!(
        reports.len() as u64,
        n.div_ceil(50),
        "one report per page: {reports:?}"
    );
    assert_eq!(reports[0].0, 50);
    assert!(
        reports.windows(2).all(|w| w[0].0 < w[1].0),
        "loaded only grows: {reports:?}"
    );
    assert_eq!(
        reports.last().map(|r| r.0),
        Some(n),
        "the last report counts every call"
    );
    assert!(
        reports.iter().all(|r| r.1 == Some(n)),
        "total is the listing's total: {reports:?}"
    );
}

#[wasm_bindgen_test]
async fn max_stops_early_and_asks_only_for_what_it_needs() {
    let c = client();
    let (all, _) = seeded_scope(json!({}));
    let expected = walked(&c, &all, 100).await;

    let (params, marker) = seeded_scope(json!({ "limit": 50 }));
    let log = js_sys::Array::new();
    let on_progress = js_closure(
        "log",
        "return (loaded, total) => { log.push([loaded, total]); }",
        &log,
    );
    let calls = list_all(
        &c,
        &params,
        js_options(json!({ "max": 130 }), &[("onProgress", &on_progress)]),
    )
    .await;
    assert_eq!(ids(&calls), expected[..130]);
    assert_eq!(
        pages_asked(&marked_requests(&marker).await),
        [(50, 0), (50, 50), (30, 100)]
    );
    let reports: Vec<(u64, Option<u64>)> = from_js(log.into()).expect("reports");
    assert!(
        reports.iter().all(|r| r.1 == Some(130)),
        "total is capped at max: {reports:?}"
    );

    let (params, marker) = seeded_scope(json!({}));
    let calls = list_all(&c, &params, js_options(json!({ "max": 7 }), &[])).await;
    assert_eq!(ids(&calls), expected[..7]);
    assert_eq!(
        pages_asked(&marked_requests(&marker).await),
        [(7, 0)],
        "one page of 7 calls"
    );
}

#[wasm_bindgen_test]
async fn every_page_envelope_gives_the_same_listing() {
    let (params, _) = seeded_scope(json!({}));
    let expected = walked(&client(), &params, 40).await;
    // 000: {data, meta: {total, limit, offset}}; 001: {data, pagination}; 003: both.
    for shape in ["000", "001", "003"] {
        let c = client_with(json!({ "headers": { "X-Mock-Shape": shape } }));
        let (params, marker) = seeded_scope(json!({ "limit": 40 }));
        let calls = list_all(&c, &params, js_options(json!({}), &[])).await;
        assert_eq!(ids(&calls), expected, "shape {shape}");
        let first = &calls[0];
        assert_eq!(
            first.raw["id"],
            first.id.as_str(),
            "raw is the object as received"
        );
        assert!(
            first.raw.get("status").is_some() && first.raw.get("data").is_none(),
            "{}",
            first.raw
        );
        let requests = marked_requests(&marker).await;
        assert_eq!(requests.len(), expected.len().div_ceil(40), "shape {shape}");
        assert!(requests
            .iter()
            .all(|r| r["headers"]["x-mock-shape"] == shape));
    }
}

#[wasm_bindgen_test]
async fn pages_in_flight_never_exceed_the_concurrency() {
    // Every request takes 200 ms at the simulator, so one worker's requests arrive at least
    // 200 ms apart: in any 150 ms window, at most `concurrency` requests can arrive.
    let c = client_with(json!({ "headers": { "X-Mock-Fault": "latency=200" } }));
    let (params, marker) = seeded_scope(json!({ "limit": 25 }));
    let calls = list_all(&c, &params, js_options(json!({ "concurrency": 3 }), &[])).await;
    let mut arrivals: Vec<u64> = marked_requests(&marker)
        .await
        .iter()
        .filter_map(|r| r["at_ms"].as_u64())
        .collect();
    arrivals.sort_unstable();
    assert_eq!(arrivals.len(), calls.len().div_ceil(25));
    let busiest = arrivals
        .iter()
        .map(|&at| {
            arrivals
                .iter()
                .filter(|&&other| other >= at && other < at + 150)
                .count()
        })
        .max();
    assert_eq!(busiest, Some(3), "arrivals (ms): {arrivals:?}");
}

#[wasm_bindgen_test]
async fn an_abort_cancels_every_page_in_flight_and_sends_no_more() {
    let c = client_with(json!({ "headers": { "X-Mock-Fault": "latency=1000" } }));
    let (params, marker) = seeded_scope(json!({ "limit": 20 }));
    let controller = web_sys::AbortController::new().expect("controller");
    // After the first page, three pages go out; 100 ms later, 900 ms before they could
    // answer, the signal fires.
    let ctx = js_options(json!({}), &[("controller", &controller)]);
    let on_progress = js_closure(
        "ctx",
        "return () => { if (ctx.timer) return; \
         ctx.timer = setTimeout(() => { ctx.at = Date.now(); ctx.controller.abort(); }, 100); }",
        &ctx,
    );
    let options = js_options(
        json!({ "concurrency": 3 }),
        &[
            ("onProgress", &on_progress),
            ("signal", &controller.signal()),
        ],
    );
    let e = err(c.list_all_calls(list_params(&params), options)).await;
    let aborted_at = js_sys::Reflect::get(&ctx, &"at".into())
        .ok()
        .and_then(|v| v.as_f64())
        .expect("aborted");
    let waited = js_sys::Date::now() - aborted_at;
    assert_eq!(
        (e["name"].as_str(), e["kind"].as_str()),
        (Some("TruedyError"), Some("aborted")),
        "{e}"
    );
    assert!(
        waited < 500.0,
        "rejected {waited} ms after the abort: the pages in flight were cancelled"
    );

    pause(300).await;
    let requests = marked_requests(&marker).await;
    assert_eq!(
        requests.len(),
        4,
        "the first page and the three in flight, none after the abort"
    );
    assert!(
        requests
            .iter()
            .all(|r| r["at_ms"].as_f64().is_some_and(|at| at <= aborted_at)),
        "{requests:?}"
    );
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    let (params, marker) = seeded_scope(json!({}));
    let controller = web_sys::AbortController::new().expect("controller");
    controller.abort();
    let e =
        err(client().list_all_calls(list_params(&params), with_signal(&controller.signal()))).await;
    assert_eq!(e["kind"], "aborted");
    assert!(marked_requests(&marker).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_failing_page_rejects_at_once_and_stops_the_other_pages() {
    let (params, marker) = seeded_scope(json!({ "limit": 20 }));
    let calls = api_path("/calls");
    let page = |offset: u32| format!("{marker}Z&limit=20&offset={offset}");
    queue_fault_on(&calls, Some("GET"), Some(&page(20)), "status=400", 1).await;
    queue_fault_on(&calls, Some("GET"), Some(&page(40)), "latency=1500", 1).await;
    let started = js_sys::Date::now();
    let e = err(client().list_all_calls(
        list_params(&params),
        js_options(json!({ "concurrency": 2 }), &[]),
    ))
    .await;
    let elapsed = js_sys::Date::now() - started;
    assert_eq!(
        (e["kind"].as_str(), e["status"].as_u64()),
        (Some("http"), Some(400)),
        "{e}"
    );
    assert!(
        elapsed < 1200.0,
        "the failure is reported at once, not after the slow page: {elapsed} ms"
    );
    pause(200).await;
    // Page 40 was in flight when page 20 failed; whether it reached the server before the
    // abort depends on connection timing. No page after it is ever asked for.
    let asked = pages_asked(&marked_requests(&marker).await);
    assert!(
        asked == [(20, 0), (20, 20)] || asked == [(20, 0), (20, 20), (20, 40)],
        "{asked:?}"
    );
}

#[wasm_bindgen_test]
async fn a_throwing_on_progress_is_ignored_and_the_walk_goes_on() {
    let (params, _) = seeded_scope(json!({ "limit": 50 }));
    let count = js_sys::Object::new();
    let on_progress = js_closure(
        "count",
        "return () => { count.n = (count.n || 0) + 1; throw new RangeError('progress bar broke'); }",
        &count,
    );
    let options = js_options(json!({}), &[("onProgress", &on_progress)]);
    let calls = list_all(&client(), &params, options).await;
    let reports = js_sys::Reflect::get(&count, &"n".into())
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0);
    assert_eq!(
        reports as usize,
        calls.len().div_ceil(50),
        "called after every page all the same"
    );
}

#[wasm_bindgen_test]
async fn bad_params_and_options_are_invalid_arguments_and_send_nothing() {
    let c = client();
    let (params, marker) = seeded_scope(json!({}));
    let bad = [
        json!({ "concurrency": 0 }),
        json!({ "concurrency": 17 }),
        json!({ "concurrency": 2.5 }),
        json!({ "concurrency": "4" }),
        json!({ "max": 0 }),
        json!({ "max": -1 }),
        json!({ "max": 1.5 }),
        json!({ "onProgress": "not a function" }),
        json!({ "signal": "not a signal" }),
    ];
    for options in bad {
        let e = err(c.list_all_calls(list_params(&params), js(&options.to_string()))).await;
        assert_eq!(e["kind"], "invalid_argument", "{options}");
    }
    let (zero, _) = seeded_scope(json!({ "limit": 0 }));
    let e = err(c.list_all_calls(list_params(&zero), JsValue::UNDEFINED)).await;
    assert_eq!(e["kind"], "invalid_argument");
    assert!(marked_requests(&marker).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_call_created_during_the_walk_loses_and_repeats_nothing() {
    // Newest first: a call created after the first page pushes every later call one offset
    // down, so the first call of each later page was already seen, and the oldest call moves
    // past the first page's total. createdAfter keeps the new call in the listing.
    let c = client();
    // The same listing under two markers: one for the reference walk, one for the walk tested.
    let scope = |marker: &str| format!("2026-08-01T00:00:00.{marker}Z");
    let reference = scope(&format!("000{}", unique()));
    let total = ok::<CallPage>(c.list_calls(
        list_params(&json!({ "createdAfter": reference, "limit": 1 })),
        JsValue::UNDEFINED,
    ))
    .await
    .total
    .expect("total") as u64;
    let start = total - 150;
    let expected = walked(
        &c,
        &json!({ "createdAfter": reference, "offset": start }),
        50,
    )
    .await;
    assert_eq!(expected.len(), 150);
    let marker = format!("000{}", unique());
    let params = json!({ "createdAfter": scope(&marker), "offset": start, "limit": 50 });

    // The three first pages wait 500 ms at the simulator before reading the listing; the call
    // is created as soon as the first page is in, long before the other two are read.
    queue_fault_on(
        &api_path("/calls"),
        Some("GET"),
        Some(&marker),
        "latency=500",
        3,
    )
    .await;
    let created: Rc<RefCell<Option<js_sys::Promise>>> = Rc::default();
    let slot = created.clone();
    let creator = client();
    let body = js(
        &json!({ "agentId": AGENT_ID, "phoneNumber": format!("+1415{}0123", &unique()[..3]) })
            .to_string(),
    );
    let on_progress = Closure::<dyn FnMut()>::new(move || {
        if slot.borrow().is_none() {
            *slot.borrow_mut() = Some(creator.create_call(body.clone(), JsValue::UNDEFINED));
        }
    });
    let options = js_options(
        json!({ "concurrency": 2 }),
        &[("onProgress", on_progress.as_ref())],
    );
    let calls = list_all(&c, &params, options).await;
    let promise = created.borrow_mut().take().expect("the call was created");
    let _: Call = ok(promise).await;

    assert_unique(&ids(&calls));
    assert_eq!(ids(&calls), expected, "every call once, in order");
    let offsets: Vec<u64> = pages_asked(&marked_requests(&marker).await)
        .iter()
        .map(|p| p.1)
        .collect();
    assert_eq!(
        offsets,
        [start, start + 50, start + 100, start + 150],
        "the grown total added a page"
    );
}
