//! The Calls API, one function per endpoint: the request it sends (method, path, query,
//! body) and how a successful reply decodes. The transport sends a [`Request`] as it is;
//! the host parses the reply's body and packs it as [`Reply::packing`] says, and
//! [`Reply::decode`] turns that tree into the result. Nothing here knows about fetch or wasm.

use crate::error::{Error, Result};
use crate::json::to_json;
use crate::normalize::{call_view, page_view, transcript_of};
use crate::ops::Ops;
use crate::request::{
    call_path, BulkDeleteBody, CreateCallRequest, ListCallsParams, StatusVocabulary,
    UpdateCallPatch,
};
use crate::response::{bulk_delete_result, recording_url};
use crate::tree::Node;

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
    /// Calls or a page, for the host to build (see [`crate::ops`]).
    Ops(Ops),
    /// JSON text of the result.
    Json(String),
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
}

/// How the host packs a reply's body for the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// Nothing is read.
    Nothing,
    /// The whole value.
    Value,
    /// A call object (its known keys), bare or in an envelope.
    Call,
    /// A page: its envelope and each call of its `data` (or of the body, when an array).
    Page,
}

/// `GET /calls`: one page of calls, a canonical status filter in the words of `vocabulary`.
pub fn list_calls(params: ListCallsParams, vocabulary: StatusVocabulary) -> Result<Request> {
    let mut request = Request::new(Method::Get, "/calls".into(), Reply::Page);
    request.query = params.in_vocabulary(vocabulary).to_query()?;
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
    /// How the host packs this reply's body.
    pub fn packing(self) -> Packing {
        match self {
            Reply::Page => Packing::Page,
            Reply::Call => Packing::Call,
            Reply::Transcript | Reply::RecordingUrl | Reply::BulkDelete => Packing::Value,
            Reply::Nothing => Packing::Nothing,
        }
    }

    /// Decodes a successful reply's body, as the host packed it.
    ///
    /// # Errors
    /// [`Error::Decode`] for a payload that is not what the endpoint returns.
    pub fn decode(self, body: Node<'_, '_>) -> Result<Decoded> {
        let mut ops = Ops::default();
        Ok(match self {
            Reply::Page => {
                ops.page(&page_view(body)?);
                Decoded::Ops(ops)
            }
            Reply::Call => {
                ops.call(&call_view(body)?);
                Decoded::Ops(ops)
            }
            Reply::Transcript => Decoded::Json(to_json(&transcript_of(body)?)?),
            Reply::RecordingUrl => match recording_url(body)? {
                Some(url) => Decoded::Json(to_json(&url)?),
                None => Decoded::Null,
            },
            Reply::BulkDelete => Decoded::Json(to_json(&bulk_delete_result(body)?)?),
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
        let ended = ListCallsParams {
            status: Some("ended".into()),
            limit: Some(5.0),
            ..Default::default()
        };
        let r = list_calls(ended.clone(), StatusVocabulary::Hyphenated).expect("valid params");
        assert_eq!(
            (r.path.as_str(), r.query.as_str()),
            ("/calls", "status=ended&limit=5")
        );
        let r = list_calls(ended, StatusVocabulary::OpenApi).expect("valid params");
        assert_eq!(r.query, "status=completed&limit=5");
        // Canonical words only: anything else goes as typed, whatever the vocabulary.
        for (status, openapi, hyphenated) in [
            ("in_progress", "in_progress", "in-progress"),
            ("queued", "queued", "queued"),
            ("failed", "failed", "failed"),
            ("cancelled", "cancelled", "cancelled"),
            ("no_answer", "no_answer", "no_answer"),
            ("Ended", "Ended", "Ended"),
            ("completed", "completed", "completed"),
        ] {
            for (vocabulary, word) in [
                (StatusVocabulary::OpenApi, openapi),
                (StatusVocabulary::Hyphenated, hyphenated),
            ] {
                let params = ListCallsParams {
                    status: Some(status.into()),
                    ..Default::default()
                };
                let r = list_calls(params, vocabulary).expect("valid params");
                assert_eq!(
                    r.query,
                    ["status=", word].concat(),
                    "{status} {vocabulary:?}"
                );
            }
        }
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
    fn replies_decode_from_trees() {
        use crate::tree::Tree;
        use serde_json::json;
        let body = json!({ "data": { "id": "c1", "status": "completed" }, "meta": {} });
        let tree = Tree::from_value(&body);
        match Reply::Call.decode(tree.root()).expect("a call") {
            Decoded::Ops(ops) => assert_eq!(&ops.codes[..2], &[crate::ops::CALL, 1]),
            other => panic!("{other:?}"),
        }
        let page = json!({ "data": [{ "id": "a" }, 3], "meta": { "total": 2 } });
        let tree = Tree::from_value(&page);
        match Reply::Page.decode(tree.root()).expect("a page") {
            Decoded::Ops(ops) => assert_eq!(ops.codes[0], crate::ops::PAGE),
            other => panic!("{other:?}"),
        }
        let none = json!({ "data": { "recording_url": null } });
        let tree = Tree::from_value(&none);
        assert_eq!(
            Reply::RecordingUrl.decode(tree.root()).expect("none"),
            Decoded::Null
        );
        let array = json!([1]);
        let tree = Tree::from_value(&array);
        assert_eq!(
            Reply::Call.decode(tree.root()).unwrap_err().kind(),
            "decode"
        );
        assert_eq!(Reply::Nothing.packing(), Packing::Nothing);
        let not_found = Error::Http {
            status: 404,
            code: None,
            message: "gone".into(),
            request_id: None,
            details: None,
            retryable: false,
            headers: None,
            retry_after_ms: None,
        };
        assert_eq!(
            Reply::RecordingUrl.recover(not_found.clone()),
            Ok(Decoded::Null)
        );
        assert_eq!(Reply::Call.recover(not_found.clone()), Err(not_found));
    }
}
