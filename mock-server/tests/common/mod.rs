//! A tiny HTTP/1.1 client over a tokio TcpStream, and a helper to start the simulator.
#![allow(dead_code)]

pub mod shapes;
pub mod strict;

use serde_json::Value;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use truedy_mock::{serve, Config};

pub const API: &str = "/api/public/v1";

/// A received response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    /// First header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (panics with the body on failure).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// A running simulator.
pub struct Mock {
    pub addr: SocketAddr,
}

/// Defaults for tests: port 0, quiet.
pub fn cfg() -> Config {
    Config {
        port: 0,
        quiet: true,
        ..Config::default()
    }
}

/// Start a simulator on a free port.
pub async fn start(config: Config) -> Mock {
    let (addr, _handle) = serve(Config { port: 0, ..config })
        .await
        .expect("bind 127.0.0.1:0");
    Mock { addr }
}

fn decode_chunked(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(nl) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_line = String::from_utf8_lossy(&b[..nl]);
        let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        b = &b[nl + 2..];
        if size == 0 || b.len() < size {
            out.extend_from_slice(&b[..size.min(b.len())]);
            return out;
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
}

fn parse(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no header end in response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let body = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        decode_chunked(body)
    } else {
        body.to_vec()
    };
    Resp {
        status,
        headers,
        body,
    }
}

impl Mock {
    /// `http://127.0.0.1:PORT`
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Send a request; `None` if no complete answer came within `timeout`.
    pub async fn try_req(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
        timeout: Duration,
    ) -> Option<Resp> {
        let mut s = TcpStream::connect(self.addr).await.expect("connect");
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        let body = body.unwrap_or("");
        if !body.is_empty() || matches!(method, "POST" | "PATCH" | "PUT") {
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                req.push_str("Content-Type: application/json\r\n");
            }
            req.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        req.push_str(body);
        s.write_all(req.as_bytes()).await.expect("write");
        let mut raw = Vec::new();
        match tokio::time::timeout(timeout, s.read_to_end(&mut raw)).await {
            Ok(Ok(_)) => Some(parse(&raw)),
            Ok(Err(e)) => panic!("read error: {e}"),
            Err(_) => None,
        }
    }

    /// Send a request (10 s timeout).
    pub async fn req(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        self.try_req(method, path, headers, body, Duration::from_secs(10))
            .await
            .unwrap_or_else(|| panic!("{method} {path}: no answer within 10 s"))
    }

    /// `GET` an API path (`/calls...`, prefixed with /api/public/v1).
    pub async fn get(&self, api_path: &str) -> Resp {
        self.req("GET", &format!("{API}{api_path}"), &[], None)
            .await
    }

    /// `GET` an API path, JSON body expected.
    pub async fn get_json(&self, api_path: &str) -> Value {
        let r = self.get(api_path).await;
        assert!(r.status < 300, "GET {api_path}: {} {}", r.status, r.text());
        r.json()
    }

    /// Send JSON to an API path.
    pub async fn send(&self, method: &str, api_path: &str, body: &Value) -> Resp {
        self.req(
            method,
            &format!("{API}{api_path}"),
            &[],
            Some(&body.to_string()),
        )
        .await
    }

    /// Poll `GET /calls/{id}` (shape 001) until `pred` holds for the call object.
    pub async fn wait_for(
        &self,
        id: &str,
        within: Duration,
        mut pred: impl FnMut(&Value) -> bool,
    ) -> Value {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let call = self.get_json(&format!("/calls/{id}?__shape=001")).await["data"].clone();
            if pred(&call) {
                return call;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "condition not reached in {within:?}; last: {call}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Assert the error shape `{"error":{"code","message","details"},"meta":{request_id, ts}}`.
pub fn assert_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "body: {}", r.text());
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "body: {v}");
    assert!(v["error"]["message"].is_string(), "body: {v}");
    assert!(
        v["error"]
            .as_object()
            .is_some_and(|e| e.contains_key("details")),
        "body: {v}"
    );
    assert!(
        v["meta"]["request_id"]
            .as_str()
            .is_some_and(|s| s.starts_with("req_")),
        "body: {v}"
    );
    assert!(v["meta"]["ts"].is_string(), "body: {v}");
    assert_eq!(r.header("x-request-id"), v["meta"]["request_id"].as_str());
}

/// Ids of the first 100 calls matching `query` (shape 001).
pub async fn ids(m: &Mock, query: &str) -> Vec<String> {
    let v = m.get_json(&format!("/calls?limit=100&{query}")).await;
    v["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|c| c["id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// `pagination.total` for `query` (shape 001).
pub async fn total(m: &Mock, query: &str) -> u64 {
    m.get_json(&format!("/calls?{query}")).await["pagination"]["total"]
        .as_u64()
        .expect("total")
}
