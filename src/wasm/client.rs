//! `TruedyClient`: the Calls API as JavaScript methods. Each method checks its arguments,
//! hands one request to the transport and normalizes the answer with the core.

use std::rc::Rc;

use gloo_net::http::Method;
use js_sys::Promise;
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::convert::{from_ts, promise, signal_of, string_arg, string_option, to_js, to_js_error};
use crate::config::ClientOptions;
use crate::error::{Error, Result};
use crate::normalize::{normalize_call, normalize_page, normalize_transcript};
use crate::request::{
    call_path, BulkDeleteBody, CreateCallRequest, ListCallsParams, UpdateCallPatch,
};
use crate::response::{bulk_delete_result, recording_url};
use crate::transport::{uuid, ApiRequest, Reply, Transport};

#[wasm_bindgen(typescript_custom_section)]
const REQUEST_OPTIONS: &str = r#"
/** Options every request method takes as its last argument. */
export interface RequestOptions {
  /** Cancels the request, including any wait between retries. */
  signal?: AbortSignal;
}

/** Options of `createCall`. */
export interface CreateCallOptions extends RequestOptions {
  /** Sent as `X-Idempotency-Key` on every attempt; generated when omitted. */
  idempotencyKey?: string;
}
"#;

/// A client for the Truedy Calls API.
///
/// @example
/// ```ts
/// const client = new TruedyClient({ apiKey: process.env.TRUEDY_API_KEY });
/// const page = await client.listCalls({ status: "ended", limit: 20 });
/// ```
#[wasm_bindgen]
pub struct TruedyClient {
    pub(super) transport: Rc<Transport>,
}

#[wasm_bindgen]
impl TruedyClient {
    /// Creates a client. Throws a `TruedyError` (kind `invalid_argument`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<ClientOptions>>) -> Result<TruedyClient, JsValue> {
        let config = from_ts(options, "options")
            .and_then(ClientOptions::into_config)
            .map_err(to_js_error)?;
        Ok(TruedyClient {
            transport: Rc::new(Transport::new(config)),
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
        #[wasm_bindgen(unchecked_optional_param_type = "ListCallsParams | null")] params: Option<
            Ts<ListCallsParams>,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = from_ts(params, "params")
            .and_then(|p| p.to_query())
            .map(|query| {
                let mut request = ApiRequest::new(Method::GET, "/calls".into());
                request.query = query;
                request
            });
        self.start(request, options, Decode::Page)
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
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.start(id_request(Method::GET, &id, ""), options, Decode::Call)
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
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.start(
            id_request(Method::GET, &id, "/transcript"),
            options,
            Decode::Transcript,
        )
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
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.start(
            id_request(Method::GET, &id, "/recording"),
            options,
            Decode::RecordingUrl,
        )
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
        #[wasm_bindgen(unchecked_optional_param_type = "CreateCallOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        let prepared = (|| {
            let body = required::<CreateCallRequest>(request, "request")?.into_body()?;
            let key = match string_option(&options, "idempotencyKey")? {
                Some(key) if key.trim().is_empty() || key.len() > 255 => {
                    return Err(Error::InvalidArgument(
                        "idempotencyKey must be 1 to 255 characters".into(),
                    ))
                }
                Some(key) => key,
                None => uuid(),
            };
            let mut request = ApiRequest::new(Method::POST, "/calls".into());
            request.body = Some(json_text(&body)?);
            request.idempotency_key = Some(key);
            Ok(request)
        })();
        self.start(prepared, options, Decode::Call)
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
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let prepared = id_request(Method::PATCH, &id, "").and_then(|mut request| {
            let body = required::<UpdateCallPatch>(patch, "patch")?.into_body()?;
            request.body = Some(json_text(&body)?);
            Ok(request)
        });
        self.start(prepared, options, Decode::Call)
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
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.start(
            id_request(Method::DELETE, &id, ""),
            options,
            Decode::Nothing,
        )
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
        #[wasm_bindgen(unchecked_param_type = "string[]")] ids: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let prepared = serde_wasm_bindgen::from_value::<Vec<String>>(ids)
            .map_err(|_| Error::InvalidArgument("ids must be an array of strings".into()))
            .and_then(BulkDeleteBody::new)
            .and_then(|body| {
                let mut request = ApiRequest::new(Method::POST, "/calls/bulk-delete".into());
                request.body = Some(json_text(&body)?);
                Ok(request)
            });
        self.start(prepared, options, Decode::BulkDelete)
    }
}

impl TruedyClient {
    /// Sends a prepared request and decodes the reply. All methods share this one future,
    /// so the wasm holds one async state machine instead of one per method. Argument
    /// errors reject the promise like any other error.
    pub(super) fn start(
        &self,
        request: Result<ApiRequest>,
        options: Option<JsValue>,
        decode: Decode,
    ) -> Promise {
        let transport = self.transport.clone();
        promise(async move {
            let request = request?;
            let signal = signal_of(&options)?;
            let reply = transport.execute(&request, signal.as_ref()).await;
            decode.apply(reply)
        })
    }
}

/// How a method turns the transport's reply into its JS result.
#[derive(Clone, Copy)]
pub(super) enum Decode {
    Page,
    Call,
    Transcript,
    RecordingUrl,
    BulkDelete,
    Nothing,
}

impl Decode {
    pub(super) fn apply(self, reply: Result<Reply>) -> Result<JsValue> {
        let reply = match (self, reply) {
            // No recording is an answer, not an error.
            (Decode::RecordingUrl, Err(Error::Http { status: 404, .. })) => {
                return Ok(JsValue::NULL)
            }
            (Decode::Nothing, Ok(_)) => return Ok(JsValue::UNDEFINED),
            (_, Err(error)) => return Err(error),
            (_, Ok(reply)) => reply,
        };
        let body = json_body(reply)?;
        match self {
            Decode::Page => to_js(&normalize_page(body)?),
            Decode::Call => to_js(&normalize_call(body)?),
            Decode::Transcript => to_js(&normalize_transcript(body)?),
            Decode::RecordingUrl => to_js(&recording_url(&body)?),
            Decode::BulkDelete => to_js(&bulk_delete_result(&body)?),
            Decode::Nothing => Ok(JsValue::UNDEFINED),
        }
    }
}

/// A request to `/calls/{id}{suffix}` with the id checked and encoded.
pub(super) fn id_request(method: Method, id: &JsValue, suffix: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::new(
        method,
        call_path(&string_arg(id, "id")?, suffix)?,
    ))
}

/// The JSON body of a reply that must have one.
pub(super) fn json_body(reply: Reply) -> Result<serde_json::Value> {
    reply.body.ok_or_else(|| Error::Decode {
        message: "the server sent an empty body where JSON was expected".into(),
        status: Some(reply.status),
        request_id: None,
    })
}

/// Reads a required object argument.
fn required<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T> {
    if !value.is_object() {
        return Err(Error::InvalidArgument(format!("{what} must be an object")));
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| Error::InvalidArgument(format!("{what}: {e}")))
}

/// A request body as JSON text, through the host's `JSON.stringify`.
fn json_text<T: Serialize>(body: &T) -> Result<String> {
    let value = to_js(body)?;
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Error::InvalidArgument("the request body could not be written as JSON".into())
        })
}
