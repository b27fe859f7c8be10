//! The Calls API, one function per endpoint: the request it sends (method, path, query,
//! body) and how a successful reply decodes. The transport sends a [`Request`] as it is and
//! hands the reply's text to [`Reply::decode`]; nothing here knows about fetch or wasm.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::json::{self, to_json};
use crate::model::{Call, CallPage};
use crate::normalize::{normalize_call_enveloped, normalize_page, normalize_transcript};
use crate::request::{
    call_path, BulkDeleteBody, CreateCallRequest, ListCallsParams, UpdateCallPatch,
};
use crate::response::{bulk_delete_result, recording_url, undecodable_body};

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One API request, checked and encoded, before any attempt is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// Path below the base URL, already encoded (`/calls/abc`).
    pub path: String,
    /// Encoded query string without `?`.
    pub query: String,
    /// JSON body.
    pub body: Option<String>,
    /// Sent as `X-Idempotency-Key` on every attempt.
    pub idempotency_key: Option<String>,
    /// What a successful reply holds.
    pub reply: Reply,
}

impl Request {
    fn new(method: Method, path: String, reply: Reply) -> Self {
        Request {
            method,
            path,
            query: String::new(),
            body: None,
            idempotency_key: None,
            reply,
        }
    }
}

/// What a successful reply holds, and so how it decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// A page of calls (`CallPage`).
    Page,
    /// One call (`Call`).
    Call,
    /// A transcript (`Transcript`).
    Transcript,
    /// A recording URL (`string | null`; a 404 is `null`).
    RecordingUrl,
    /// A bulk-delete result (`BulkDeleteResult`).
    BulkDelete,
    /// Nothing (`undefined`).
    Nothing,
}

/// A decoded reply, ready to cross to JavaScript.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// JSON text of the result, and where its `raw` objects are in the body.
    Json(String, RawAt),
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
}

/// Where the `raw` of a result's calls is in the response body, for the host to attach the
/// objects its own `JSON.parse` of the body made (the JSON text leaves `raw` out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawAt {
    /// The result has no calls.
    Nowhere,
    /// The body is the call.
    Body,
    /// The call is the body's `data`.
    BodyData,
    /// The page's calls are the objects among the body's items (`data`, or the body when it
    /// is an array), in order.
    PageItems,
}

/// `GET /calls`: one page of calls.
pub fn list_calls(params: &ListCallsParams) -> Result<Request> {
    let mut request = Request::new(Method::Get, "/calls".into(), Reply::Page);
    request.query = params.to_query()?;
    Ok(request)
}

/// `GET /calls` for one page of a walk, with its query already built.
pub fn list_page(query: String) -> Request {
    let mut request = Request::new(Method::Get, "/calls".into(), Reply::Page);
    request.query = query;
    request
}

/// `GET /calls/{id}`: one call.
pub fn get_call(id: &str) -> Result<Request> {
    Ok(Request::new(Method::Get, call_path(id, "")?, Reply::Call))
}

/// `GET /calls/{id}/transcript`: a call's transcript (404 until it is ready).
pub fn get_transcript(id: &str) -> Result<Request> {
    Ok(Request::new(
        Method::Get,
        call_path(id, "/transcript")?,
        Reply::Transcript,
    ))
}

/// `GET /calls/{id}/recording`: the signed recording URL (404: none).
pub fn get_recording_url(id: &str) -> Result<Request> {
    Ok(Request::new(
        Method::Get,
        call_path(id, "/recording")?,
        Reply::RecordingUrl,
    ))
}

/// `POST /calls`: places a call. Every attempt carries `idempotency_key`.
pub fn create_call(request: CreateCallRequest, idempotency_key: String) -> Result<Request> {
    if idempotency_key.trim().is_empty() || idempotency_key.len() > 255 {
        return Err(Error::invalid(
            "options.idempotencyKey must be 1 to 255 characters",
        ));
    }
    let mut out = Request::new(Method::Post, "/calls".into(), Reply::Call);
    out.body = Some(to_json(&request.into_body()?)?);
    out.idempotency_key = Some(idempotency_key);
    Ok(out)
}

/// `PATCH /calls/{id}`: changes a call's `context` and/or `callSettings`.
pub fn update_call(id: &str, patch: UpdateCallPatch) -> Result<Request> {
    let mut request = Request::new(Method::Patch, call_path(id, "")?, Reply::Call);
    request.body = Some(to_json(&patch.into_body()?)?);
    Ok(request)
}

/// `DELETE /calls/{id}`.
pub fn delete_call(id: &str) -> Result<Request> {
    Ok(Request::new(
        Method::Delete,
        call_path(id, "")?,
        Reply::Nothing,
    ))
}

/// `POST /calls/bulk-delete`.
pub fn bulk_delete_calls(ids: Vec<String>) -> Result<Request> {
    let mut request = Request::new(Method::Post, "/calls/bulk-delete".into(), Reply::BulkDelete);
    request.body = Some(to_json(&BulkDeleteBody::new(ids)?)?);
    Ok(request)
}

impl Reply {
    /// Decodes a successful reply (`status`, body text) into its result.
    ///
    /// # Errors
    /// [`Error::Decode`] for an empty or non-JSON body where JSON is expected, or a payload
    /// that is not what the endpoint returns.
    pub fn decode(self, status: u16, body: &str) -> Result<Decoded> {
        if self == Reply::Nothing {
            return Ok(Decoded::Undefined);
        }
        let value = parse_body(status, body)?;
        Ok(match self {
            Reply::Page => {
                let mut page = normalize_page(value)?;
                Decoded::Json(page_json(&mut page)?, RawAt::PageItems)
            }
            Reply::Call => {
                let (mut call, enveloped) = normalize_call_enveloped(value)?;
                Decoded::Json(call_json(&mut call)?, raw_at(enveloped))
            }
            Reply::Transcript => {
                Decoded::Json(to_json(&normalize_transcript(value)?)?, RawAt::Nowhere)
            }
            Reply::RecordingUrl => match recording_url(&value)? {
                Some(url) => Decoded::Json(to_json(&url)?, RawAt::Nowhere),
                None => Decoded::Null,
            },
            Reply::BulkDelete => {
                Decoded::Json(to_json(&bulk_delete_result(&value)?)?, RawAt::Nowhere)
            }
            Reply::Nothing => Decoded::Undefined,
        })
    }

    /// What a failed request resolves to instead, when the failure is an answer: no
    /// recording (404) is `null`. Every other error stays an error.
    pub fn recover(self, error: Error) -> Result<Decoded> {
        match (self, error) {
            (Reply::RecordingUrl, Error::Http { status: 404, .. }) => Ok(Decoded::Null),
            (_, error) => Err(error),
        }
    }
}

/// Reads one call from a reply (for `waitForCall`, which looks at each poll).
pub fn read_call(status: u16, body: &str) -> Result<(Call, RawAt)> {
    let (call, enveloped) = normalize_call_enveloped(parse_body(status, body)?)?;
    Ok((call, raw_at(enveloped)))
}

/// Reads one page from a reply (for `listAllCalls`, which plans the walk from it).
pub fn read_page(status: u16, body: &str) -> Result<CallPage> {
    normalize_page(parse_body(status, body)?)
}

/// A call as JSON text, without its `raw`.
pub fn call_json(call: &mut Call) -> Result<String> {
    call.take_raw();
    to_json(call)
}

/// A page as JSON text, without the calls' `raw`.
pub fn page_json(page: &mut CallPage) -> Result<String> {
    for call in &mut page.data {
        call.take_raw();
    }
    to_json(page)
}

fn raw_at(enveloped: bool) -> RawAt {
    if enveloped {
        RawAt::BodyData
    } else {
        RawAt::Body
    }
}

/// The JSON body of a 2xx reply; an empty or non-JSON body is a decode error.
fn parse_body(status: u16, body: &str) -> Result<Value> {
    if body.trim().is_empty() {
        return Err(undecodable_body(status, body, None));
    }
    json::parse(body).map_err(|_| undecodable_body(status, body, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::CallSettings;

    #[test]
    fn requests_are_built_and_checked_before_sending() {
        let r = get_call("a/b").expect("an id");
        assert_eq!(
            (r.method, r.path.as_str(), r.reply),
            (Method::Get, "/calls/a%2Fb", Reply::Call)
        );
        assert!(get_call(" ").is_err());
        let r = get_transcript("c1").expect("an id");
        assert_eq!(r.path, "/calls/c1/transcript");
        let r = list_calls(&ListCallsParams {
            status: Some("ended".into()),
            limit: Some(5.0),
            ..Default::default()
        })
        .expect("valid params");
        assert_eq!(
            (r.path.as_str(), r.query.as_str()),
            ("/calls", "status=ended&limit=5")
        );
        let create = CreateCallRequest {
            agent_id: "agt".into(),
            phone_number: "+14155550123".into(),
            call_settings: Some(CallSettings {
                recording_enabled: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        };
        let r = create_call(create.clone(), "key-1".into()).expect("valid");
        assert_eq!(r.method, Method::Post);
        assert_eq!(r.idempotency_key.as_deref(), Some("key-1"));
        assert_eq!(
            r.body.as_deref(),
            Some(
                r#"{"agent_id":"agt","phone_number":"+14155550123","call_settings":{"recording_enabled":false}}"#
            )
        );
        assert!(create_call(create, String::new()).is_err());
        let r = bulk_delete_calls(vec!["a".into(), "b".into()]).expect("ids");
        assert_eq!(r.body.as_deref(), Some(r#"{"ids":["a","b"]}"#));
        assert!(update_call("c1", UpdateCallPatch::default()).is_err());
        assert_eq!(delete_call("c1").expect("an id").reply, Reply::Nothing);
    }

    #[test]
    fn replies_decode_to_json_without_raw() {
        let body = r#"{"data":{"id":"c1","status":"completed","duration_ms":1500},"meta":{}}"#;
        match Reply::Call.decode(200, body).expect("a call") {
            Decoded::Json(text, RawAt::BodyData) => {
                assert!(
                    text.starts_with(r#"{"id":"c1","status":"ended","#),
                    "{text}"
                );
                assert!(text.contains(r#""durationSeconds":1.5,"#), "{text}");
                assert!(!text.contains("raw"), "{text}");
            }
            other => panic!("{other:?}"),
        }
        let page = r#"{"data":[{"id":"a"},3,{"id":"b"}],"meta":{"total":3}}"#;
        match Reply::Page.decode(200, page).expect("a page") {
            Decoded::Json(text, RawAt::PageItems) => {
                assert!(text.contains(r#""total":3"#), "{text}");
                assert!(!text.contains("raw"), "{text}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Reply::Nothing.decode(204, "").expect("nothing"),
            Decoded::Undefined
        );
        assert_eq!(
            Reply::RecordingUrl
                .decode(200, r#"{"data":{"recording_url":null}}"#)
                .expect("none"),
            Decoded::Null
        );
        let e = Reply::Call.decode(200, "<html>").unwrap_err();
        assert_eq!(e.kind(), "decode");
        assert_eq!(Reply::Call.decode(200, "").unwrap_err().kind(), "decode");
        let not_found = Error::Http {
            status: 404,
            code: None,
            message: "gone".into(),
            request_id: None,
            details: None,
            retryable: false,
        };
        assert_eq!(
            Reply::RecordingUrl.recover(not_found.clone()),
            Ok(Decoded::Null)
        );
        assert_eq!(Reply::Call.recover(not_found.clone()), Err(not_found));
    }
}
