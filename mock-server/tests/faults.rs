//! Fault injection: per request (header or query) and queued (`/__faults`).

mod common;

use common::{assert_error, cfg, start, API};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const LIST: &str = "/api/public/v1/calls?limit=2";

#[tokio::test]
async fn status_faults_use_the_error_shape() {
    let m = start(cfg()).await;
    for (code, word) in [
        (500, "internal_error"),
        (502, "provider_error"),
        (503, "provider_error"),
        (429, "rate_limited"),
        (401, "unauthorized"),
        (404, "not_found"),
        (422, "validation_error"),
        (409, "call_active"),
    ] {
        let r = m
            .req(
                "GET",
                LIST,
                &[("X-Mock-Fault", &format!("status={code}"))],
                None,
            )
            .await;
        assert_error(&r, code, word);
    }
    let r = m
        .req(
            "GET",
            &format!("{LIST}&__fault=status%3D429%2Cretry_after%3D2"),
            &[],
            None,
        )
        .await;
    assert_error(&r, 429, "rate_limited");
    assert_eq!(r.header("retry-after"), Some("2"));
    let r = m
        .req(
            "GET",
            LIST,
            &[("X-Mock-Fault", "status=503,retry_after_ms=1500")],
            None,
        )
        .await;
    assert_eq!(r.header("retry-after-ms"), Some("1500"));
    let r = m
        .req(
            "GET",
            LIST,
            &[("X-Mock-Fault", "status=429,retry_after_date")],
            None,
        )
        .await;
    let date = r.header("retry-after").unwrap_or("");
    assert!(date.ends_with(" GMT") && date.len() == 29, "{date}");
    let r = m
        .req("GET", LIST, &[("X-Mock-Fault", "status=203")], None)
        .await;
    assert_eq!(r.status, 203, "a success status only replaces the code");
    assert!(r.json()["data"].is_array());
}

#[tokio::test]
async fn a_failed_create_creates_nothing() {
    let m = start(cfg()).await;
    let body = json!({ "agent_id": "1f4baf16-1540-4d91-9696-7f34b2f2cb77", "phone_number": "+14155550123" }).to_string();
    let r = m
        .req(
            "POST",
            &format!("{API}/calls"),
            &[("X-Mock-Fault", "status=500")],
            Some(&body),
        )
        .await;
    assert_error(&r, 500, "internal_error");
    assert_eq!(m.get_json("/calls").await["pagination"]["total"], 250);
}

#[tokio::test]
async fn body_faults() {
    let m = start(cfg()).await;
    let full = m.req("GET", LIST, &[], None).await;
    let r = m.req("GET", LIST, &[("X-Mock-Fault", "html")], None).await;
    assert_eq!(r.status, 502);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(r.text().contains("<html>"));
    let r = m
        .req("GET", LIST, &[("X-Mock-Fault", "status=503,html")], None)
        .await;
    assert_eq!(r.status, 503);
    assert!(r.text().contains("503"));

    let r = m
        .req("GET", LIST, &[("X-Mock-Fault", "truncate")], None)
        .await;
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
    assert!(
        serde_json::from_slice::<Value>(&r.body).is_err(),
        "truncated JSON must not parse"
    );
    assert!(r.body.len() < full.body.len() && r.body.len() >= full.body.len() / 2 - 100);
    assert!(r.body.starts_with(b"{\"data\""));

    let r = m.req("GET", LIST, &[("X-Mock-Fault", "empty")], None).await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());

    let r = m.req("GET", LIST, &[("X-Mock-Fault", "array")], None).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert!(v.is_array() && v[0]["data"].is_array());
}

#[tokio::test]
async fn latency_and_hang() {
    let m = start(cfg()).await;
    let t = Instant::now();
    let r = m
        .req("GET", LIST, &[("X-Mock-Fault", "latency=150")], None)
        .await;
    assert_eq!(r.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(150));
    let hung = m
        .try_req(
            "GET",
            LIST,
            &[("X-Mock-Fault", "hang")],
            None,
            Duration::from_millis(300),
        )
        .await;
    assert!(hung.is_none(), "a hung request never answers");
    assert_eq!(
        m.req("GET", LIST, &[], None).await.status,
        200,
        "the server still serves others"
    );

    let slow = start(truedy_mock::Config {
        latency_ms: 120,
        ..cfg()
    })
    .await;
    let t = Instant::now();
    assert_eq!(slow.req("GET", LIST, &[], None).await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(120));
    let t = Instant::now();
    assert_eq!(slow.req("GET", "/__health", &[], None).await.status, 200);
    assert!(t.elapsed() < Duration::from_millis(5000));
}

#[tokio::test]
async fn bad_specs_are_rejected() {
    let m = start(cfg()).await;
    assert_error(
        &m.req("GET", LIST, &[("X-Mock-Fault", "explode")], None)
            .await,
        400,
        "validation_error",
    );
    assert_error(
        &m.req("GET", LIST, &[("X-Mock-Fault", "status=abc")], None)
            .await,
        400,
        "validation_error",
    );
    let r = m
        .req("POST", "/__faults", &[], Some(r#"{"fault":"bogus"}"#))
        .await;
    assert_eq!(r.status, 400);
    let r = m
        .req("POST", "/__faults", &[], Some(r#"{"path":"/x"}"#))
        .await;
    assert_eq!(r.status, 400);
    let r = m.req("POST", "/__faults", &[], Some("not json")).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn queued_faults_match_path_method_and_count() {
    let m = start(cfg()).await;
    let id = m.get_json("/calls?limit=1").await["data"][0]["id"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let spec = json!({ "path": format!("{API}/calls/{id}"), "method": "GET", "fault": "status=503,retry_after=1", "times": 2 });
    let r = m
        .req("POST", "/__faults", &[], Some(&spec.to_string()))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["queued"]["remaining"], 2);
    assert_eq!(
        m.get("/calls?limit=1").await.status,
        200,
        "other paths unaffected"
    );
    let patch = m
        .req("PATCH", &format!("{API}/calls/{id}"), &[], Some("{}"))
        .await;
    assert_eq!(patch.status, 200, "other methods unaffected");
    let pre = m
        .req(
            "OPTIONS",
            &format!("{API}/calls/{id}"),
            &[
                ("Origin", "http://x"),
                ("Access-Control-Request-Method", "GET"),
            ],
            None,
        )
        .await;
    assert_eq!(pre.status, 204, "preflights never take a fault");
    let a = m.get(&format!("/calls/{id}")).await;
    assert_error(&a, 503, "provider_error");
    assert_eq!(a.header("retry-after"), Some("1"));
    assert_eq!(
        m.get(&format!("/calls/{id}/transcript")).await.status,
        503,
        "prefix match"
    );
    assert_eq!(
        m.get(&format!("/calls/{id}")).await.status,
        200,
        "used up after 2"
    );

    let body = json!({ "fault": "status=500" }).to_string();
    m.req("POST", "/__faults", &[], Some(&body)).await;
    m.req("POST", "/__faults", &[], Some(&body)).await;
    assert_eq!(
        m.req("GET", "/__faults", &[], None).await.json()["faults"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        m.req("GET", "/__health", &[], None).await.status,
        200,
        "control endpoints take no faults"
    );
    assert_eq!(
        m.req("DELETE", "/__faults", &[], None).await.json()["cleared"],
        2
    );
    assert_eq!(m.get("/calls").await.status, 200);

    let per_request = json!({ "fault": "status=500" }).to_string();
    m.req("POST", "/__faults", &[], Some(&per_request)).await;
    let r = m
        .req("GET", LIST, &[("X-Mock-Fault", "status=429")], None)
        .await;
    assert_eq!(
        r.status, 429,
        "a per-request fault wins and leaves the queue alone"
    );
    assert_eq!(m.get("/calls").await.status, 500);
}

#[tokio::test]
async fn a_rate_limit_refuses_the_excess_with_retry_after() {
    let m = start(truedy_mock::Config {
        rate_limit: Some(3),
        ..cfg()
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(m.req("GET", LIST, &[], None).await);
    }
    let codes: Vec<u16> = statuses.iter().map(|r| r.status).collect();
    assert_eq!(&codes[..3], &[200, 200, 200], "a bucket of 3: {codes:?}");
    let quota: Vec<(Option<&str>, Option<&str>)> = statuses
        .iter()
        .map(|r| {
            (
                r.header("x-ratelimit-limit"),
                r.header("x-ratelimit-remaining"),
            )
        })
        .collect();
    assert_eq!(
        &quota[..4],
        &[
            (Some("3"), Some("2")),
            (Some("3"), Some("1")),
            (Some("3"), Some("0")),
            (Some("3"), Some("0"))
        ]
    );
    let refused = statuses
        .iter()
        .find(|r| r.status == 429)
        .expect("a refusal");
    assert_error(refused, 429, "rate_limited");
    let header = |name: &str| refused.header(name);
    assert_eq!(header("retry-after"), Some("1"));
    let ms: u64 = header("retry-after-ms")
        .and_then(|v| v.parse().ok())
        .expect("retry-after-ms");
    assert!((1..=334).contains(&ms), "{ms}");
    tokio::time::sleep(Duration::from_millis(ms + 20)).await;
    assert_eq!(
        m.req("GET", LIST, &[], None).await.status,
        200,
        "a token again"
    );
}
