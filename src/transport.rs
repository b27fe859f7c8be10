//! The one module that talks HTTP: the client's `fetch` (the host's by default) through the
//! runtime's `send`, per-attempt timeouts, abort, retries with backoff, logging, and one place
//! where every non-2xx becomes an [`Error`].
//!
//! Not gloo-net: its `send()` panics (`unreachable!`) when fetch rejects with something
//! other than an `Error`, such as the string a caller passed to `controller.abort(reason)`,
//! and a panic traps the module for the whole page.

use std::cell::Cell;

use js_sys::{Array, Function, Object, Reflect};
use truedy_core::config::{Config, LogLevel};
use truedy_core::endpoint::Packing;
use truedy_core::endpoint::Request;
use truedy_core::request::StatusVocabulary;
use truedy_core::response::{http_error, retry_after_hint_ms, retry_delay_ms};
use truedy_core::wait::MAX_SERVER_HINT_MS;
use truedy_core::{Error, Result};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::js::{log_request, send, sleep, Sent, Tape};

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
    /// The caller's `fetch`, else the global one.
    fetch: Option<Function>,
    /// The caller's `logger`, else `console`.
    logger: Option<JsValue>,
    /// The headers of every request, as the plain object `send` copies.
    headers: JsValue,
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
    pub fn new(config: Config, fetch: Option<Function>, logger: Option<JsValue>) -> Self {
        // Header names and values were checked when the client was built.
        let headers = Object::new();
        let _ = Reflect::set(&headers, &"Accept".into(), &"application/json".into());
        for (name, value) in &config.headers {
            let _ = Reflect::set(&headers, &name.into(), &value.into());
        }
        Transport {
            config,
            fetch,
            logger,
            headers: headers.into(),
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
            let attempt = retries + 1;
            self.log(LogLevel::Debug, request, attempt, None, -1.0, 0.0);
            let start = js_sys::Date::now();
            let result = self.attempt(request, signal).await;
            let took = js_sys::Date::now() - start;
            let failure = match result {
                Ok(reply) => {
                    self.went_through();
                    self.log(
                        LogLevel::Info,
                        request,
                        attempt,
                        Some(&Ok(reply.status)),
                        took,
                        0.0,
                    );
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
            let outcome = Some(&Err(&failure.error));
            if retries >= self.config.max_retries || !failure.error.is_retryable() {
                self.log(LogLevel::Error, request, attempt, outcome, took, 0.0);
                return (Err(failure.error), hint);
            }
            retries += 1;
            let delay =
                asked.unwrap_or_else(|| retry_delay_ms(retries, None, js_sys::Math::random()));
            self.log(LogLevel::Warn, request, attempt, outcome, took, delay);
            // A wait the server asked for is taken at the top of the loop, in turn.
            if asked.is_none() && JsFuture::from(sleep(delay, signal)).await.is_err() {
                return (Err(Error::Aborted), hint);
            }
        }
    }

    /// Logs a step of `request` when the client's `logLevel` covers `level`: its method,
    /// path and query, its status or error code, the attempt, the time it took (negative:
    /// not known yet) and the wait before a retry. Nothing that could carry the key.
    fn log(
        &self,
        level: LogLevel,
        request: &Request,
        attempt: u32,
        outcome: Option<&Result<u16, &Error>>,
        took_ms: f64,
        retry_in_ms: f64,
    ) {
        if level > self.config.log_level {
            return;
        }
        let (status, code) = match outcome {
            Some(Ok(status)) => (*status, None),
            Some(Err(Error::Http { status, code, .. })) => (*status, code.as_deref()),
            Some(Err(error)) => (0, Some(error.kind())),
            None => (0, None),
        };
        let mut path = request.path.clone();
        if !request.query.is_empty() {
            path.push('?');
            path.push_str(&request.query);
        }
        log_request(
            self.logger.as_ref(),
            level as u8,
            request.method.as_str(),
            &path,
            status,
            code,
            took_ms,
            attempt,
            retry_in_ms,
        );
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
        let mut url = String::with_capacity(
            self.config.base_url.len() + request.path.len() + request.query.len() + 1,
        );
        url.push_str(&self.config.base_url);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        let sent = send(
            self.fetch.as_ref(),
            request.method.as_str(),
            &url,
            &self.headers,
            request.idempotency_key.as_deref(),
            request.body.as_deref(),
            &combined,
        );
        let sent = Sent(
            JsFuture::from(sent)
                .await
                .map_err(&failed)?
                .unchecked_into(),
        );
        read_response(sent)
    }
}

/// A non-2xx response becomes an [`Error::Http`] (with the server's retry hint, and the
/// response's headers).
fn read_response(sent: Sent) -> Result<Reply, Failure> {
    let status = sent.status();
    let body = sent.text();
    let request_id = sent.header(3);
    if !(200..300).contains(&status) {
        let should_retry = sent.header(4).map(|v| v.trim() == "true");
        let text = body.as_string().unwrap_or_default();
        let tape = Tape::of_body(&body, Packing::Value).ok().flatten();
        let tree = tape.as_ref().and_then(|tape| tape.tree().ok());
        let retry_after = sent.header(5);
        let hint = retry_after_hint_ms(sent.header(6).as_deref(), retry_after.as_deref())
            .or_else(|| retry_after.as_deref().and_then(http_date_delay_ms));
        let error = http_error(
            status,
            tree.as_ref().map(|t| t.root()),
            &text,
            request_id,
            should_retry,
        )
        .with_response(sent.headers(), hint);
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
