//! `TruedyClient`: the Calls API as JavaScript methods. Each method reads its arguments,
//! asks the core's endpoint layer for the request, and starts it; the reply is decoded by the
//! core and crosses back in one piece (codes the host builds calls from, or one JSON text).

use std::rc::Rc;

use js_sys::Promise;
use truedy_core::endpoint::{self, Packing, Reply as Endpoint, Request};
use truedy_core::read::{self, FromJson};
use truedy_core::request::{CreateCallRequest, ListCallsParams, UpdateCallPatch};
use truedy_core::response::undecodable_body;
use truedy_core::Result;
use wasm_bindgen::prelude::*;

use crate::drift::{self, Drift};
use crate::js::{decoded_value, promise, uuid, Tape, TruedyError};
use crate::options::{core_options, ClientOptions, CreateCallOptions, RequestOptions};
use crate::transport::{Reply, Transport};

/// A client for the Truedy Calls API.
///
/// @example
/// ```ts
/// const client = new TruedyClient({ apiKey: process.env.TRUEDY_API_KEY });
/// const page = await client.listCalls({ status: "ended", limit: 20 });
/// ```
#[wasm_bindgen]
pub struct TruedyClient {
    pub(crate) transport: Rc<Transport>,
    /// The caller's `onDrift`, and what it has been told.
    pub(crate) drift: Option<Drift>,
}

#[wasm_bindgen]
impl TruedyClient {
    /// Creates a client. Throws a `TruedyError` (kind `invalid_argument`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<TruedyClient, TruedyError> {
        let options = ClientOptions::read(&options)?;
        let config = options.settings.into_config()?;

        Ok(TruedyClient {
            transport: Rc::new(Transport::new(config, options.fetch, options.logger)),
            drift: options.on_drift.map(Drift::new),
        })
    }

    /// Lists one page of calls, newest first.
    ///
    /// @example
    /// ```ts
    /// const page = await client.listCalls({ status: "ended", limit: 50, offset: 0 });
    /// console.log(page.total, page.hasMore, page.data[0]?.status);
    /// ```
    #[wasm_bindgen(js_name = listCalls, unchecked_return_type = "Promise<CallPage>")]
    pub fn list_calls(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListCallsParams | null")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let request = core_options::<ListCallsParams>(&params, "params")
            .and_then(|params| endpoint::list_calls(params, self.transport.status_vocabulary()));
        self.start(with_options(request, &options))
    }

    /// Fetches one call, with its transcript when the API includes it.
    ///
    /// @example
    /// ```ts
    /// const call = await client.getCall("call_01hx3k9p2qw7v8n4m6j5r0y1tz");
    /// if (call.isTerminal) console.log(call.status, call.durationSeconds);
    /// ```
    #[wasm_bindgen(js_name = getCall, unchecked_return_type = "Promise<Call>")]
    pub fn get_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.start(with_options(
            id_arg(&id).and_then(|id| endpoint::get_call(&id)),
            &options,
        ))
    }

    /// Fetches a call's transcript and summary. The API answers 404 (a `TruedyError` with
    /// `status` 404) until the transcript is ready, a little after the call ends.
    ///
    /// @example
    /// ```ts
    /// const { turns, summary } = await client.getTranscript(call.id);
    /// ```
    #[wasm_bindgen(js_name = getTranscript, unchecked_return_type = "Promise<Transcript>")]
    pub fn get_transcript(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.start(with_options(
            id_arg(&id).and_then(|id| endpoint::get_transcript(&id)),
            &options,
        ))
    }

    /// The call's recording URL (signed, time-limited), or `null` when there is none (404).
    ///
    /// @example
    /// ```ts
    /// const url = await client.getRecordingUrl(call.id);
    /// if (url) audio.src = url;
    /// ```
    #[wasm_bindgen(js_name = getRecordingUrl, unchecked_return_type = "Promise<string | null>")]
    pub fn get_recording_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.start(with_options(
            id_arg(&id).and_then(|id| endpoint::get_recording_url(&id)),
            &options,
        ))
    }

    /// Places an outbound call. Every attempt carries the same `X-Idempotency-Key`, so a
    /// retried create never places two calls.
    ///
    /// @example
    /// ```ts
    /// const call = await client.createCall(
    ///   { agentId, phoneNumber: "+14155550123", variables: { first_name: "Jane" } },
    ///   { idempotencyKey: crypto.randomUUID() },
    /// );
    /// ```
    #[wasm_bindgen(js_name = createCall, unchecked_return_type = "Promise<Call>")]
    pub fn create_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateCallRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CreateCallOptions")] options: JsValue,
    ) -> Promise {
        let prepared = object_arg::<CreateCallRequest>(&request, "request").and_then(|body| {
            let options = CreateCallOptions::read(&options)?;
            let key = options.idempotency_key.unwrap_or_else(uuid);
            Ok((endpoint::create_call(body, key)?, options.request))
        });
        self.start(prepared)
    }

    /// Updates a call's `context` and/or `callSettings`; returns the updated call.
    ///
    /// @example
    /// ```ts
    /// await client.updateCall(call.id, { context: { priority: "high" } });
    /// ```
    #[wasm_bindgen(js_name = updateCall, unchecked_return_type = "Promise<Call>")]
    pub fn update_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateCallPatch")] patch: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let prepared = id_arg(&id).and_then(|id| {
            endpoint::update_call(&id, object_arg::<UpdateCallPatch>(&patch, "patch")?)
        });
        self.start(with_options(prepared, &options))
    }

    /// Deletes a call. The API refuses active calls (queued, ringing, in progress): that
    /// rejects with a `TruedyError` carrying the API's status and code.
    ///
    /// @example
    /// ```ts
    /// await client.deleteCall(call.id);
    /// ```
    #[wasm_bindgen(js_name = deleteCall, unchecked_return_type = "Promise<void>")]
    pub fn delete_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.start(with_options(
            id_arg(&id).and_then(|id| endpoint::delete_call(&id)),
            &options,
        ))
    }

    /// Deletes several calls at once; active calls are skipped and reported in `failedIds`.
    ///
    /// @example
    /// ```ts
    /// const { deletedCount, failedIds } = await client.bulkDeleteCalls([a.id, b.id]);
    /// ```
    #[wasm_bindgen(js_name = bulkDeleteCalls, unchecked_return_type = "Promise<BulkDeleteResult>")]
    pub fn bulk_delete_calls(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly string[]")] ids: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let prepared =
            core_options::<Vec<String>>(&ids, "ids").and_then(endpoint::bulk_delete_calls);
        self.start(with_options(prepared, &options))
    }
}

impl TruedyClient {
    /// Sends a prepared request and decodes the reply. All methods share this one future,
    /// so the wasm holds one async state machine instead of one per method. Argument
    /// errors reject the promise like any other error.
    fn start(&self, prepared: Result<(Request, RequestOptions)>) -> Promise {
        let transport = self.transport.clone();
        let drift = self.drift.clone();
        promise(async move {
            let (request, options) = prepared?;
            let result = match transport.execute(&request, options.signal.as_ref()).await {
                Ok(reply) => decode(request.reply, reply).inspect(|value| {
                    drift::report(drift.as_ref(), value);
                }),
                Err(error) => request
                    .reply
                    .recover(error)
                    .and_then(|decoded| decoded_value(decoded, &JsValue::UNDEFINED)),
            };
            transport.redacted(result)
        })
    }
}

/// A successful reply as its JavaScript result: the host parses and packs the body, the
/// core decodes it, the host builds the result.
pub(crate) fn decode(reply: Endpoint, received: Reply) -> Result<JsValue> {
    let Some(tape) = Tape::of_body(&received.body, reply.packing())? else {
        if reply.packing() == Packing::Nothing {
            return Ok(JsValue::UNDEFINED);
        }
        let text = received.body.as_string().unwrap_or_default();
        return Err(undecodable_body(
            received.status,
            &text,
            received.request_id,
        ));
    };
    let decoded = reply
        .decode(tape.tree()?.root())
        .map_err(|e| e.with_request_id(received.request_id))?;
    decoded_value(decoded, &tape.bases)
}

/// The request with the method's options, read now (before anything is awaited).
fn with_options(request: Result<Request>, options: &JsValue) -> Result<(Request, RequestOptions)> {
    Ok((request?, RequestOptions::read(options)?))
}

/// A call id argument: a string (the core checks the rest).
pub(crate) fn id_arg(value: &JsValue) -> Result<String> {
    value
        .as_string()
        .ok_or_else(|| read::must_be("id", "a string"))
}

/// A required object argument, read by the core.
fn object_arg<T: FromJson>(value: &JsValue, name: &str) -> Result<T> {
    if !value.is_object() {
        return Err(read::must_be(name, "an object"));
    }
    core_options(value, name)
}
