//! `waitForCall`: polls a call until it reaches a terminal status. The policy (backoff,
//! changes, when to stop, deadline) is `crate::wait`; this file sends, sleeps and calls back.

use std::rc::Rc;

use gloo_net::http::Method;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::client::{id_request, json_body, TruedyClient};
use super::convert::{function_option, number_option, promise, signal_of, to_js, typed_option};
use crate::error::{Error, Result};
use crate::normalize::normalize_call;
use crate::transport::{either_signal, sleep, ApiRequest, Transport};
use crate::wait::{Deadline, Poller, WaitOptions, WaitPolicy};

#[wasm_bindgen(typescript_custom_section)]
const WAIT_FOR_CALL_OPTIONS: &str = r#"
/** Options of `waitForCall`. Bad values reject with a `TruedyError` of kind `invalid_argument`. */
export interface WaitForCallOptions extends RequestOptions {
  /** First wait between polls in ms (default 1000, or `maxIntervalMs` if that is smaller).
   *  The wait grows ×1.5 per poll and goes back to this after every status change. */
  intervalMs?: number;
  /** Longest wait between polls in ms (default 10000, or `intervalMs` if that is larger).
   *  A server's `Retry-After` on a 429 may ask for a longer one, up to 60 s. */
  maxIntervalMs?: number;
  /** Overall deadline in ms (default 1800000, 30 minutes; at most 2147483647). When it
   *  passes, the wait rejects with kind `timeout`, cutting off a poll in flight. */
  timeoutMs?: number;
  /** Called with the call on the first observation, then once per change of `status` or
   *  `statusDetail` (not per request), including the terminal one. Not awaited; if it
   *  throws, the error is ignored and the wait goes on. */
  onUpdate?: (call: Call) => void;
  /** After the terminal status, keep polling (same backoff and deadline) until the call's
   *  `transcript` has turns, then resolve with it. Resolves at once for a call that cannot
   *  have one: failed or cancelled without connecting, or with transcription turned off. */
  waitForTranscript?: boolean;
}
"#;

#[wasm_bindgen]
impl TruedyClient {
    /// Polls `GET /calls/{id}` until the call reaches a terminal status (`ended`, `failed`,
    /// `cancelled`; `unknown` never is) and resolves with that call. The first poll goes out
    /// at once; the wait between polls grows from `intervalMs` to `maxIntervalMs` and starts
    /// over after every status change. A 429 the transport gave up on does not end the wait:
    /// the next poll honours its `Retry-After`.
    ///
    /// Rejects with a `TruedyError`: kind `timeout` when `timeoutMs` passes, `aborted` at
    /// once when `signal` fires (also mid-request or between polls), `invalid_argument` for
    /// bad options, or the error of a poll that failed for good (e.g. 404). After a
    /// rejection, no further request is sent.
    ///
    /// @example
    /// ```ts
    /// const call = await client.createCall({ agentId, phoneNumber: "+14155550123" });
    /// const done = await client.waitForCall(call.id, {
    ///   onUpdate: (c) => console.log(c.status, c.statusDetail),
    ///   waitForTranscript: true,
    ///   timeoutMs: 15 * 60_000,
    ///   signal: controller.signal,
    /// });
    /// console.log(done.status, done.transcript?.length);
    /// ```
    #[wasm_bindgen(js_name = waitForCall, unchecked_return_type = "Promise<Call>")]
    pub fn wait_for_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitForCallOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        // Everything is read now, before the first await: a getter or a later change of the
        // options object cannot affect the wait.
        let prepared = (|| {
            let request = id_request(Method::GET, &id, "")?;
            if options
                .as_ref()
                .is_some_and(|o| !o.is_undefined() && !o.is_null() && !o.is_object())
            {
                return Err(Error::InvalidArgument("options must be an object".into()));
            }
            let signal = signal_of(&options)?;
            let on_update = function_option(&options, "onUpdate")?;
            let policy = WaitOptions {
                interval_ms: number_option(&options, "intervalMs")?,
                max_interval_ms: number_option(&options, "maxIntervalMs")?,
                timeout_ms: number_option(&options, "timeoutMs")?,
                wait_for_transcript: typed_option(
                    &options,
                    "waitForTranscript",
                    "a boolean",
                    |b| b.as_bool(),
                )?,
            }
            .into_policy()?;
            Ok((request, signal, on_update, policy))
        })();
        let transport = self.transport.clone();
        promise(async move {
            let (request, signal, on_update, policy) = prepared?;
            wait(transport, request, signal, on_update, policy).await
        })
    }
}

async fn wait(
    transport: Rc<Transport>,
    request: ApiRequest,
    user: Option<AbortSignal>,
    on_update: Option<Function>,
    policy: WaitPolicy,
) -> Result<JsValue> {
    if user.as_ref().is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    let deadline = Deadline::new(js_sys::Date::now(), policy.timeout_ms);
    // One signal for every poll and every sleep: the caller's, or the deadline's timer.
    let timer = AbortSignal::timeout_with_u32(policy.timeout_ms);
    let signal = either_signal(user.as_ref(), &timer);
    // Why the wait stopped: the caller's signal wins over the deadline.
    let stopped = || {
        if user.as_ref().is_some_and(AbortSignal::aborted) {
            Error::Aborted
        } else {
            Error::Timeout(policy.timeout_ms)
        }
    };
    let mut poller = Poller::new(policy);
    loop {
        if signal.aborted() || deadline.expired(js_sys::Date::now()) {
            return Err(stopped());
        }
        let (reply, hint) = transport.execute_hinted(&request, Some(&signal)).await;
        let call = reply.and_then(json_body).and_then(normalize_call);
        match call {
            Ok(call) => {
                let seen = poller.observe(&call);
                if seen.changed || seen.done {
                    let value = to_js(&call)?;
                    if let (true, Some(on_update)) = (seen.changed, &on_update) {
                        // A throwing callback must not end the wait: its error is dropped.
                        let _ = on_update.call1(&JsValue::UNDEFINED, &value);
                    }
                    if seen.done {
                        return Ok(value);
                    }
                }
            }
            Err(_) if signal.aborted() => return Err(stopped()),
            // Rate limited beyond the transport's retries: wait as the server asked, go on.
            Err(Error::Http { status: 429, .. }) => {}
            Err(error) => return Err(error),
        }
        if JsFuture::from(sleep(poller.next_delay_ms(hint), Some(&signal)))
            .await
            .is_err()
        {
            return Err(stopped());
        }
    }
}
