//! `waitForCall`: polls a call until it reaches a terminal status (and, when asked, until
//! its transcript is there, from the call or from its own endpoint). The policy (backoff,
//! changes, when to stop, deadline) is the core's `wait`; this file sends, sleeps and calls
//! back.

use js_sys::{Function, Promise};
use truedy_core::endpoint::{self, Packing};
use truedy_core::normalize::call_view;
use truedy_core::ops::Ops;
use truedy_core::response::undecodable_body;
use truedy_core::wait::{Deadline, Poller, WaitPolicy};
use truedy_core::{Error, Result};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::client::{decode, id_arg, TruedyClient};
use crate::drift::{self, Drift};
use crate::js::{attach_transcript, built, call_quietly, promise, sleep, Tape};
use crate::options::WaitForCallOptions;
use crate::transport::{either_signal, Reply, Transport};

#[wasm_bindgen]
impl TruedyClient {
    /// Polls `GET /calls/{id}` until the call reaches a terminal status (`ended`, `failed`,
    /// `cancelled`; `unknown` never is) and resolves with that call. The first poll goes out
    /// at once; the wait between polls grows from `intervalMs` to `maxIntervalMs` and starts
    /// over after every status change. A 429 the transport gave up on does not end the wait:
    /// the next poll honours its `Retry-After`. With `waitForTranscript`, it goes on until the
    /// transcript is there: in the call object, or, where the API's call object has no
    /// transcript field (seed 001), from `GET /calls/{id}/transcript` (404 until ready).
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
        #[wasm_bindgen(unchecked_optional_param_type = "WaitForCallOptions")] options: JsValue,
    ) -> Promise {
        // Everything is read now, before the first await: a getter or a later change of the
        // options object cannot affect the wait.
        let prepared = (|| {
            let id = id_arg(&id)?;
            endpoint::get_call(&id)?;
            let options = WaitForCallOptions::read(&options)?;
            let policy = options.timing.into_policy()?;
            Ok((id, options, policy))
        })();
        let transport = self.transport.clone();
        let drift = self.drift.clone();
        promise(async move {
            let (id, options, policy) = prepared?;
            let result = wait(&transport, drift.as_ref(), id, options, policy).await;
            transport.redacted(result)
        })
    }
}

async fn wait(
    transport: &Transport,
    drift: Option<&Drift>,
    id: String,
    options: WaitForCallOptions,
    policy: WaitPolicy,
) -> Result<JsValue> {
    let user = options.request.signal;
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
    let mut request = endpoint::get_call(&id)?;
    // The terminal call, once its transcript is to come from its own endpoint.
    let mut terminal: Option<JsValue> = None;
    loop {
        if signal.aborted() || deadline.expired(js_sys::Date::now()) {
            return Err(stopped());
        }
        let (reply, hint) = transport.execute_hinted(&request, Some(&signal)).await;
        match (reply, &terminal) {
            (Ok(reply), None) => {
                match look(&reply, &mut poller, options.on_update.as_ref(), drift)? {
                    Seen::Done(call) => return Ok(call),
                    Seen::TranscriptElsewhere(call) => {
                        terminal = Some(call);
                        request = endpoint::get_transcript(&id)?;
                        continue;
                    }
                    Seen::Polling => {}
                }
            }
            (Ok(reply), Some(call)) => return with_transcript(call, reply),
            (Err(_), _) if signal.aborted() => return Err(stopped()),
            // Rate limited beyond the transport's retries: wait as the server asked, go on.
            (Err(Error::Http { status: 429, .. }), _) => {}
            // Seed 001: the transcript is 404 until it is ready.
            (Err(Error::Http { status: 404, .. }), Some(_)) => {}
            (Err(error), _) => return Err(error),
        }
        if JsFuture::from(sleep(poller.next_delay_ms(hint), Some(&signal)))
            .await
            .is_err()
        {
            return Err(stopped());
        }
    }
}

/// What one poll of the call showed.
enum Seen {
    /// Not over yet.
    Polling,
    /// The wait is over: this call.
    Done(JsValue),
    /// Terminal, but the transcript comes from its own endpoint.
    TranscriptElsewhere(JsValue),
}

/// Looks at one poll's call: reports a change to `onUpdate` (what it throws or rejects with
/// is dropped: a failing callback must not end the wait) and tells whether the wait is
/// over. The call is built for JavaScript only when someone will see it.
fn look(
    reply: &Reply,
    poller: &mut Poller,
    on_update: Option<&Function>,
    drift: Option<&Drift>,
) -> Result<Seen> {
    let Some(tape) = Tape::of_body(&reply.body, Packing::Call)? else {
        let text = reply.body.as_string().unwrap_or_default();
        return Err(undecodable_body(
            reply.status,
            &text,
            reply.request_id.clone(),
        ));
    };
    let tree = tape.tree()?;
    let call = call_view(tree.root()).map_err(|e| e.with_request_id(reply.request_id.clone()))?;
    let seen = poller.observe(&call);
    if !seen.changed && !seen.done && !seen.transcript_elsewhere {
        return Ok(Seen::Polling);
    }
    let mut ops = Ops::default();
    ops.call(&call);
    let value = built(&ops, &tape.bases, true);
    drift::report(drift, &value);
    if let (true, Some(callback)) = (seen.changed, on_update) {
        call_quietly(callback, &value, &JsValue::UNDEFINED);
    }
    Ok(match (seen.done, seen.transcript_elsewhere) {
        (true, _) => Seen::Done(value),
        (false, true) => Seen::TranscriptElsewhere(value),
        (false, false) => Seen::Polling,
    })
}

/// The terminal call with its transcript endpoint's turns as `transcript`, and its summary
/// as `summary` when the call had none (seed 001 writes both when the transcript is ready).
fn with_transcript(call: &JsValue, reply: Reply) -> Result<JsValue> {
    let transcript = decode(endpoint::Reply::Transcript, reply)?;
    Ok(attach_transcript(call, &transcript))
}
