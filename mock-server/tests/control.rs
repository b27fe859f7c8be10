//! Auth, CORS, the request log, control endpoints, dataset size and the command line.

mod common;

use common::{assert_error, cfg, start, API};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;
use truedy_mock::Config;

const LIST: &str = "/api/public/v1/calls?limit=1";

#[tokio::test]
async fn auth_when_a_key_is_set() {
    let m = start(Config {
        api_key: Some("sk_test_123".into()),
        ..cfg()
    })
    .await;
    let r = m.req("GET", LIST, &[], None).await;
    assert_error(&r, 401, "unauthorized");
    assert_eq!(r.json()["error"]["details"], serde_json::Value::Null);
    assert!(!r.text().contains("sk_test_123"));
    assert_error(
        &m.req("GET", LIST, &[("Authorization", "Bearer wrong")], None)
            .await,
        401,
        "unauthorized",
    );
    assert_error(
        &m.req("GET", LIST, &[("Authorization", "sk_test_123")], None)
            .await,
        401,
        "unauthorized",
    );
    assert_eq!(
        m.req(
            "GET",
            LIST,
            &[("Authorization", "Bearer sk_test_123")],
            None
        )
        .await
        .status,
        200
    );
    assert_eq!(
        m.req(
            "GET",
            LIST,
            &[("authorization", "bearer sk_test_123")],
            None
        )
        .await
        .status,
        200
    );
    let pre = m
        .req(
            "OPTIONS",
            LIST,
            &[
                ("Origin", "http://localhost:5173"),
                ("Access-Control-Request-Method", "GET"),
            ],
            None,
        )
        .await;
    assert_eq!(pre.status, 204, "preflights need no auth");
    assert_eq!(m.req("GET", "/__health", &[], None).await.status, 200);
    assert_eq!(m.req("GET", "/__requests", &[], None).await.status, 200);
    let open = start(cfg()).await;
    assert_eq!(
        open.req("GET", LIST, &[], None).await.status,
        200,
        "no key, no check"
    );
}

#[tokio::test]
async fn cors_preflight_and_headers_everywhere() {
    let m = start(Config {
        api_key: Some("k".into()),
        ..cfg()
    })
    .await;
    let asked = "authorization,content-type,x-idempotency-key,x-mock-fault,x-mock-shape,x-custom";
    let pre = m
        .req(
            "OPTIONS",
            &format!("{API}/calls"),
            &[
                ("Origin", "http://127.0.0.1:9000"),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", asked),
            ],
            None,
        )
        .await;
    assert_eq!(pre.status, 204);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://127.0.0.1:9000")
    );
    assert_eq!(pre.header("access-control-allow-headers"), Some(asked));
    let methods = pre.header("access-control-allow-methods").unwrap_or("");
    for verb in ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.contains(verb), "{methods}");
    }
    let plain = m.req("OPTIONS", "/anything", &[], None).await;
    assert_eq!(plain.status, 204);
    let default_allow = plain.header("access-control-allow-headers").unwrap_or("");
    for h in [
        "Authorization",
        "Content-Type",
        "X-Idempotency-Key",
        "X-Mock-Fault",
        "X-Mock-Shape",
    ] {
        assert!(default_allow.contains(h), "{default_allow}");
    }
    assert_eq!(plain.header("access-control-allow-origin"), Some("*"));

    let origin = [("Origin", "http://localhost:5173")];
    for (method, path) in [
        ("GET", LIST.to_string()),
        ("GET", format!("{API}/calls/nope")),
        ("GET", "/__health".into()),
        ("GET", "/nope".into()),
    ] {
        let r = m.req(method, &path, &origin, None).await;
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("http://localhost:5173"),
            "{path}"
        );
        let expose = r.header("access-control-expose-headers").unwrap_or("");
        assert!(
            expose.contains("X-Request-Id")
                && expose.contains("Retry-After")
                && expose.contains("retry-after-ms")
        );
        assert!(r
            .header("x-request-id")
            .is_some_and(|v| v.starts_with("req_")));
    }
    let faulted = m
        .req(
            "GET",
            LIST,
            &[
                ("Origin", "http://a"),
                ("X-Mock-Fault", "status=429,retry_after=1"),
            ],
            None,
        )
        .await;
    assert_eq!(faulted.status, 429);
    assert_eq!(
        faulted.header("access-control-allow-origin"),
        Some("http://a")
    );
    let html = m.req("GET", LIST, &[("X-Mock-Fault", "html")], None).await;
    assert_eq!(html.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn request_log_records_api_requests() {
    let m = start(cfg()).await;
    m.req(
        "GET",
        &format!("{API}/calls?limit=3&status=completed"),
        &[("X-Custom", "yes")],
        None,
    )
    .await;
    let body = json!({ "agent_id": "nope", "phone_number": "+14155550123" }).to_string();
    m.req(
        "POST",
        &format!("{API}/calls"),
        &[("X-Idempotency-Key", "k1")],
        Some(&body),
    )
    .await;
    m.req(
        "OPTIONS",
        &format!("{API}/calls"),
        &[("Origin", "http://x")],
        None,
    )
    .await;
    m.req("GET", "/__health", &[], None).await;
    let log = m.req("GET", "/__requests", &[], None).await.json();
    let reqs = log["requests"].as_array().expect("requests");
    assert_eq!(reqs.len(), 3, "control endpoints are not logged: {log}");
    let get = &reqs[0];
    assert_eq!(get["method"], "GET");
    assert_eq!(get["path"], "/api/public/v1/calls");
    assert_eq!(get["query"], "limit=3&status=completed");
    assert_eq!(get["headers"]["x-custom"], "yes");
    assert!(get["headers"]["host"].is_string());
    assert_eq!(get["body"], serde_json::Value::Null);
    assert_eq!(get["status"], 200);
    assert!(get["at_ms"].as_i64().is_some_and(|t| t > 0));
    let post = &reqs[1];
    assert_eq!(post["body"], body.as_str());
    assert_eq!(post["status"], 422);
    assert_eq!(post["headers"]["x-idempotency-key"], "k1");
    assert_eq!(reqs[2]["method"], "OPTIONS");
    assert_eq!(reqs[2]["status"], 204);
    assert!(reqs
        .windows(2)
        .all(|w| w[0]["seq"].as_u64() < w[1]["seq"].as_u64()));

    let posts = m
        .req("GET", "/__requests?method=post", &[], None)
        .await
        .json();
    assert_eq!(posts["requests"].as_array().map(Vec::len), Some(1));
    let prefixed = m
        .req(
            "GET",
            "/__requests?path_prefix=/api/public/v1/calls/",
            &[],
            None,
        )
        .await
        .json();
    assert_eq!(prefixed["requests"].as_array().map(Vec::len), Some(0));
    assert_eq!(m.req("DELETE", "/__requests", &[], None).await.status, 200);
    assert_eq!(
        m.req("GET", "/__requests", &[], None).await.json()["requests"],
        json!([])
    );
}

#[tokio::test]
async fn health_agents_and_reset() {
    let m = start(cfg()).await;
    let h = m.req("GET", "/__health", &[], None).await;
    assert_eq!((h.status, h.text().as_str()), (200, "ok"));
    let agents = m.req("GET", "/__agents", &[], None).await.json();
    let list = agents["agents"].as_array().expect("agents");
    assert_eq!(list.len(), 5);
    let first = list[0]["id"].as_str().unwrap_or("");
    let created = m
        .send(
            "POST",
            "/calls",
            &json!({ "agent_id": first, "phone_number": "+4915112345678" }),
        )
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(m.get_json("/calls").await["pagination"]["total"], 251);
    assert_eq!(m.req("POST", "/__reset", &[], None).await.status, 200);
    assert_eq!(m.get_json("/calls").await["pagination"]["total"], 250);
}

#[tokio::test]
async fn ten_thousand_calls_load_and_serve() {
    let t = Instant::now();
    let m = start(Config {
        calls: 10_000,
        ..cfg()
    })
    .await;
    println!(
        "10,000 calls generated and server started in {:?}",
        t.elapsed()
    );
    let v = m.get_json("/calls?limit=100&offset=9950").await;
    assert_eq!(v["pagination"]["total"], 10_000);
    assert_eq!(v["data"].as_array().map(Vec::len), Some(50));
    let t = Instant::now();
    let ended = m.get_json("/calls?status=completed&limit=100").await;
    println!("filtered list over 10,000 calls in {:?}", t.elapsed());
    assert!(ended["pagination"]["total"]
        .as_u64()
        .is_some_and(|n| n > 6000));
}

#[test]
fn command_line_prints_the_address_and_help() {
    let exe = env!("CARGO_BIN_EXE_truedy-mock");
    let help = Command::new(exe)
        .arg("--help")
        .output()
        .expect("run --help");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success());
    for opt in [
        "--port",
        "--calls",
        "--seed",
        "--api-key",
        "--shape",
        "--tick-ms",
        "--latency-ms",
    ] {
        assert!(text.contains(opt), "{opt} documented");
    }
    let bad = Command::new(exe)
        .args(["--shape", "xyz"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));

    let mut child = Command::new(exe)
        .args(["--port", "0", "--calls", "5", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        BufReader::new(out)
            .read_line(&mut line)
            .expect("read first line");
    }
    let port: Option<u16> = line
        .trim()
        .strip_prefix("truedy-mock listening on http://127.0.0.1:")
        .and_then(|p| p.parse().ok());
    let alive = port.map(|p| std::net::TcpStream::connect(("127.0.0.1", p)).is_ok());
    let _ = child.kill();
    let _ = child.wait();
    assert!(port.is_some_and(|p| p > 0), "first line: {line:?}");
    assert_eq!(alive, Some(true));
}
