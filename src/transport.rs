//! The one module that talks HTTP: the host's `fetch` through web-sys, per-attempt
//! timeouts, abort, retries with backoff, and one place where every non-2xx becomes an
//! [`Error`].
//!
//! Not gloo-net: its `send()` panics (`unreachable!`) when fetch rejects with something
//! other than an `Error`, such as the string a caller passed to `controller.abort(reason)`,
//! and a panic traps the module for the whole page.

use std::cell::Cell;

use js_sys::{Array, Promise};
use truedy_core::config::Config;
use truedy_core::endpoint::Packing;
use truedy_core::endpoint::Request;
use truedy_core::request::StatusVocabulary;
use truedy_core::response::{http_error, retry_after_hint_ms, retry_delay_ms};
use truedy_core::wait::MAX_SERVER_HINT_MS;
use truedy_core::{Error, Result};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, Response};

use crate::js::{sleep, Tape};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of a window, a worker or Node.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_request(request: &web_sys::Request) -> Promise;
}

/// A 2xx response: its status, its body text (the host's string: it is parsed and packed
/// by the host, never copied into Rust whole) and its request id header.
pub(crate) struct Reply {
    pub status: u16,
    pub body: JsValue,
    pub request_id: Option<String>,
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

/// Sends requests for one client; shared by `Rc` by all of them.
pub(crate) struct Transport {
    config: Config,
    /// The server's last `Retry-After` (on a 429 or 503), shared by every request of the
    /// client: see [`Backoff`].
    backoff: Cell<Backoff>,
}

/// A wait the server asked for, shared by every request of a client (the workers of
/// `listAllCalls` above all), instead of each request finding the limit on its own. While
/// it lasts, each attempt takes the next turn, the server's last wait apart: requests leave
/// at the pace the server asked for, not all at once when the wait ends.
#[derive(Clone, Copy, Default)]
struct Backoff {
    /// The next turn, in ms on the host's clock; past it, attempts go at once.
    next_turn_ms: f64,
    /// The server's last wait, in ms.
    pace_ms: f64,
}

impl Transport {
    pub fn new(config: Config) -> Self {
        Transport {
            config,
            backoff: Cell::new(Backoff::default()),
        }
    }

    /// How this client's server spells a status filter.
    pub fn status_vocabulary(&self) -> StatusVocabulary {
        self.config.status_vocabulary
    }

    /// `result` with the key redacted from its error: whatever a response put into an
    /// error (message, code, details, request id) may echo the `Authorization` header.
    pub fn redacted<T>(&self, result: Result<T>) -> Result<T> {
        result.map_err(|error| error.redacted(&self.config.secrets()))
    }

    /// Sends `request`, retrying what may succeed on a second try, until it succeeds,
    /// fails for good, or `signal` aborts (also during a backoff wait).
    pub async fn execute(&self, request: &Request, signal: Option<&AbortSignal>) -> Result<Reply> {
        self.execute_hinted(request, signal).await.0
    }

    /// [`Transport::execute`], also returning the longest wait the server asked for
    /// (`Retry-After`, `retry-after-ms`) on any attempt, so that a poller can slow down.
    pub async fn execute_hinted(
        &self,
        request: &Request,
        signal: Option<&AbortSignal>,
    ) -> (Result<Reply>, Option<f64>) {
        let mut retries = 0;
        let mut hint: Option<f64> = None;
        loop {
            if signal.is_some_and(AbortSignal::aborted) {
                return (Err(Error::Aborted), hint);
            }
            let wait = self.take_turn();
            if wait > 0.0 && JsFuture::from(sleep(wait, signal)).await.is_err() {
                return (Err(Error::Aborted), hint);
            }
            let failure = match self.attempt(request, signal).await {
                Ok(reply) => {
                    self.went_through();
                    return (Ok(reply), hint);
                }
                Err(failure) => failure,
            };
            hint = match (hint, failure.retry_hint_ms) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            let asked = failure
                .retry_hint_ms
                .filter(|ms| (0.0..=MAX_SERVER_HINT_MS).contains(ms));
            if let Some(ms) = asked {
                self.back_off(ms);
            }
            if retries >= self.config.max_retries || !failure.error.is_retryable() {
                return (Err(failure.error), hint);
            }
            retries += 1;
            // A wait the server asked for is taken at the top of the loop, in turn.
            if asked.is_none() {
                let delay = retry_delay_ms(retries, None, js_sys::Math::random());
                if JsFuture::from(sleep(delay, signal)).await.is_err() {
                    return (Err(Error::Aborted), hint);
                }
            }
        }
    }

    /// Records a wait the server asked for: no attempt before `ms` from now, then one per
    /// pace while attempts queue up. The pace starts at `ms`; an attempt refused while
    /// attempts are already paced means the pace is too quick for the server, so it grows by
    /// half (up to 60 s); each attempt that goes through quickens it by a tenth, so that it
    /// settles near what the server allows (bench/ratelimit.bench.mjs).
    fn back_off(&self, ms: f64) {
        let now = js_sys::Date::now();
        let backoff = self.backoff.get();
        // Not `f64::clamp`: its panic message formats floats (about 9 KB of wasm).
        #[allow(clippy::manual_clamp)]
        let pace_ms = if now < backoff.next_turn_ms {
            (backoff.pace_ms * 1.5)
                .max(ms)
                .max(1.0)
                .min(MAX_SERVER_HINT_MS)
        } else {
            ms
        };
        self.backoff.set(Backoff {
            next_turn_ms: backoff.next_turn_ms.max(now + ms),
            pace_ms,
        });
    }

    /// An attempt went through: the pace quickens by a tenth (see [`Transport::back_off`]).
    fn went_through(&self) {
        let backoff = self.backoff.get();
        if backoff.pace_ms > 0.0 {
            self.backoff.set(Backoff {
                pace_ms: backoff.pace_ms * 0.9,
                ..backoff
            });
        }
    }

    /// How long this attempt waits: until the next turn while a wait is on (taking that turn),
    /// else not at all.
    fn take_turn(&self) -> f64 {
        let now = js_sys::Date::now();
        let backoff = self.backoff.get();
        if now >= backoff.next_turn_ms {
            return 0.0;
        }
        self.backoff.set(Backoff {
            next_turn_ms: backoff.next_turn_ms + backoff.pace_ms,
            ..backoff
        });
        backoff.next_turn_ms - now
    }

    async fn attempt(
        &self,
        request: &Request,
        signal: Option<&AbortSignal>,
    ) -> Result<Reply, Failure> {
        let timeout = AbortSignal::timeout_with_u32(self.config.timeout_ms);
        let combined = either_signal(signal, &timeout);
        let failed = |thrown: JsValue| -> Failure {
            if signal.is_some_and(AbortSignal::aborted) {
                Error::Aborted.into()
            } else if timeout.aborted() {
                Error::Timeout(self.config.timeout_ms).into()
            } else {
                Error::Network(message_of(&thrown)).into()
            }
        };
        let prepared = self.prepare(request, &combined).map_err(&failed)?;
        let response: Response = JsFuture::from(fetch_request(&prepared))
            .await
            .and_then(JsCast::dyn_into)
            .map_err(&failed)?;
        let body = match response.text() {
            Ok(text) => JsFuture::from(text).await.map_err(&failed)?,
            Err(thrown) => return Err(failed(thrown)),
        };
        read_response(&response, body)
    }

    /// The fetch `Request`: URL, method, headers, body and the attempt's signal.
    fn prepare(
        &self,
        request: &Request,
        signal: &AbortSignal,
    ) -> Result<web_sys::Request, JsValue> {
        let mut url = String::with_capacity(
            self.config.base_url.len() + request.path.len() + request.query.len() + 1,
        );
        url.push_str(&self.config.base_url);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        // Header names and values were checked when the client was built.
        let headers = Headers::new()?;
        headers.set("Accept", "application/json")?;
        for (name, value) in &self.config.headers {
            headers.set(name, value)?;
        }
        if let Some(key) = &request.idempotency_key {
            headers.set("X-Idempotency-Key", key)?;
        }
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_signal(Some(signal));
        if let Some(body) = &request.body {
            headers.set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        web_sys::Request::new_with_str_and_init(&url, &init)
    }
}

/// A non-2xx response becomes an [`Error::Http`] (with the server's retry hint).
fn read_response(response: &Response, body: JsValue) -> Result<Reply, Failure> {
    let status = response.status();
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let request_id = header("x-request-id");
    if !(200..300).contains(&status) {
        let should_retry = header("x-should-retry").map(|v| v.trim() == "true");
        let text = body.as_string().unwrap_or_default();
        let tape = Tape::of_body(&body, Packing::Value).ok().flatten();
        let tree = tape.as_ref().and_then(|tape| tape.tree().ok());
        let error = http_error(
            status,
            tree.as_ref().map(|t| t.root()),
            &text,
            request_id,
            should_retry,
        );
        let retry_after = header("retry-after");
        let hint = retry_after_hint_ms(header("retry-after-ms").as_deref(), retry_after.as_deref())
            .or_else(|| retry_after.as_deref().and_then(http_date_delay_ms));
        return Err(Failure {
            error,
            retry_hint_ms: hint,
        });
    }
    Ok(Reply {
        status,
        body,
        request_id,
    })
}

/// Milliseconds until an HTTP-date `Retry-After`, using the host's date parser.
fn http_date_delay_ms(value: &str) -> Option<f64> {
    let at = js_sys::Date::parse(value);
    (!at.is_nan()).then(|| (at - js_sys::Date::now()).max(0.0))
}

/// The message of what fetch threw: an `Error`'s message, a string as it is.
fn message_of(thrown: &JsValue) -> String {
    match thrown.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => thrown
            .as_string()
            .unwrap_or_else(|| "fetch failed".to_owned()),
    }
}

/// A signal that aborts when the caller's `user` signal (if any) or `other` does.
pub(crate) fn either_signal(user: Option<&AbortSignal>, other: &AbortSignal) -> AbortSignal {
    match user {
        Some(user) => AbortSignal::any(&Array::of2(user, other)),
        None => other.clone(),
    }
}
