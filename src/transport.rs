//! The one module that talks HTTP: fetch through gloo-net, per-attempt timeouts, abort,
//! retries with backoff, and one place where every non-2xx becomes an [`Error`].

use gloo_net::http::{Method, RequestBuilder, Response};
use js_sys::{Array, Promise};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::response::{http_error, retry_after_hint_ms, retry_delay_ms, undecodable_body};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// Resolves after `ms`; rejects at once when `signal` aborts.
    pub(crate) fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Promise;
    /// A random UUID v4 for idempotency keys.
    pub(crate) fn uuid() -> String;
}

/// One API request, before any attempt is made.
pub(crate) struct ApiRequest {
    pub method: Method,
    /// Path below the base URL, already encoded (`/calls/abc`).
    pub path: String,
    /// Encoded query string without `?`.
    pub query: String,
    /// JSON body.
    pub body: Option<String>,
    /// Sent as `X-Idempotency-Key` on every attempt.
    pub idempotency_key: Option<String>,
}

impl ApiRequest {
    pub fn new(method: Method, path: String) -> Self {
        ApiRequest {
            method,
            path,
            query: String::new(),
            body: None,
            idempotency_key: None,
        }
    }
}

/// A successful response: status and parsed JSON body (`None` when the body was empty).
pub(crate) struct Reply {
    pub status: u16,
    pub body: Option<Value>,
    /// The same body as the host's `JSON.parse` gave it (`undefined` when empty), for
    /// handing JavaScript objects exactly as received without converting them back.
    pub js: JsValue,
}

/// A failed attempt, with the server's hint of when to retry.
struct Failure {
    error: Error,
    retry_hint_ms: Option<f64>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            retry_hint_ms: None,
        }
    }
}

/// Sends requests for one client. Holds no mutable state: shared by `Rc`.
pub(crate) struct Transport {
    config: Config,
}

impl Transport {
    pub fn new(config: Config) -> Self {
        Transport { config }
    }

    /// Sends `request`, retrying what may succeed on a second try, until it succeeds,
    /// fails for good, or `signal` aborts (also during a backoff wait).
    pub async fn execute(
        &self,
        request: &ApiRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<Reply> {
        self.execute_hinted(request, signal).await.0
    }

    /// [`Transport::execute`], also returning the longest wait the server asked for
    /// (`Retry-After`, `retry-after-ms`) on any attempt, so that a poller can slow down.
    pub async fn execute_hinted(
        &self,
        request: &ApiRequest,
        signal: Option<&AbortSignal>,
    ) -> (Result<Reply>, Option<f64>) {
        let mut retries = 0;
        let mut hint: Option<f64> = None;
        loop {
            if signal.is_some_and(AbortSignal::aborted) {
                return (Err(Error::Aborted), hint);
            }
            let failure = match self.attempt(request, signal).await {
                Ok(reply) => return (Ok(reply), hint),
                Err(failure) => failure,
            };
            hint = match (hint, failure.retry_hint_ms) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            if retries >= self.config.max_retries || !failure.error.is_retryable() {
                return (Err(failure.error), hint);
            }
            retries += 1;
            let delay = retry_delay_ms(retries, failure.retry_hint_ms, js_sys::Math::random());
            if JsFuture::from(sleep(delay, signal)).await.is_err() {
                return (Err(Error::Aborted), hint);
            }
        }
    }

    async fn attempt(
        &self,
        request: &ApiRequest,
        signal: Option<&AbortSignal>,
    ) -> Result<Reply, Failure> {
        let timeout = AbortSignal::timeout_with_u32(self.config.timeout_ms);
        let combined = either_signal(signal, &timeout);
        let failed = |e: gloo_net::Error| -> Failure {
            if signal.is_some_and(AbortSignal::aborted) {
                Error::Aborted.into()
            } else if timeout.aborted() {
                Error::Timeout(self.config.timeout_ms).into()
            } else {
                Error::Network(network_message(&e)).into()
            }
        };

        let mut url = String::with_capacity(
            self.config.base_url.len() + request.path.len() + request.query.len() + 1,
        );
        url.push_str(&self.config.base_url);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        let mut builder = RequestBuilder::new(&url)
            .method(request.method.clone())
            .header("Accept", "application/json")
            .abort_signal(Some(&combined));
        // Header names and values were checked when the client was built.
        for (name, value) in &self.config.headers {
            builder = builder.header(name, value);
        }
        if let Some(key) = &request.idempotency_key {
            builder = builder.header("X-Idempotency-Key", key);
        }
        let built = match &request.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body.as_str()),
            None => builder.build(),
        };
        let response = built
            .map_err(|e| Failure::from(Error::Network(network_message(&e))))?
            .send()
            .await
            .map_err(&failed)?;
        let text = response.text().await.map_err(&failed)?;
        read_response(&response, &text)
    }
}

/// Reads a response body: parsed with the host's `JSON.parse`, then a non-2xx becomes
/// an [`Error::Http`] and a 2xx that is not JSON an [`Error::Decode`].
fn read_response(response: &Response, text: &str) -> Result<Reply, Failure> {
    let status = response.status();
    let headers = response.headers();
    let (js, body) = parse_json(text);
    if !(200..300).contains(&status) {
        let header_id = headers.get("x-request-id");
        let should_retry = headers.get("x-should-retry").map(|v| v.trim() == "true");
        let error = http_error(status, body.as_ref(), text, header_id, should_retry);
        let retry_after = headers.get("retry-after");
        let hint = retry_after_hint_ms(
            headers.get("retry-after-ms").as_deref(),
            retry_after.as_deref(),
        )
        .or_else(|| retry_after.as_deref().and_then(http_date_delay_ms));
        return Err(Failure {
            error,
            retry_hint_ms: hint,
        });
    }
    if text.trim().is_empty() {
        return Ok(Reply {
            status,
            body: None,
            js,
        });
    }
    match body {
        Some(body) => Ok(Reply {
            status,
            body: Some(body),
            js,
        }),
        None => {
            let request_id = headers.get("x-request-id");
            Err(undecodable_body(status, text, request_id).into())
        }
    }
}

/// Parses a body twice, each parser where it is fast: serde_json in Rust for the body the
/// client reads (no per-field crossing of the JS boundary, which dominated a page's cost),
/// and the host's `JSON.parse` for the objects handed to JS as `raw`. What serde_json
/// refuses but `JSON.parse` accepts (a lone surrogate escape) is read from the JS value.
/// The JS value is `undefined` for an empty or unparsable body.
fn parse_json(text: &str) -> (JsValue, Option<Value>) {
    if text.trim().is_empty() {
        return (JsValue::UNDEFINED, None);
    }
    let Ok(js) = js_sys::JSON::parse(text) else {
        return (JsValue::UNDEFINED, None);
    };
    let body = serde_json::from_str(text)
        .ok()
        .or_else(|| serde_wasm_bindgen::from_value(js.clone()).ok());
    (js, body)
}

/// Milliseconds until an HTTP-date `Retry-After`, using the host's date parser.
fn http_date_delay_ms(value: &str) -> Option<f64> {
    let at = js_sys::Date::parse(value);
    (!at.is_nan()).then(|| (at - js_sys::Date::now()).max(0.0))
}

fn network_message(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message.clone(),
        other => other.to_string(),
    }
}

/// A signal that aborts when the caller's `user` signal (if any) or `other` does.
pub(crate) fn either_signal(user: Option<&AbortSignal>, other: &AbortSignal) -> AbortSignal {
    match user {
        Some(user) => AbortSignal::any(&Array::of2(user, other)),
        None => other.clone(),
    }
}
