//! What the caller sends: parameters, request bodies, validation and URL encoding.
//! Everything here runs before a request leaves, so bad input never reaches the network.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::format::number::decimal;
use crate::read::{must_be, FromJson, Members};
use crate::tree::Node;

/// Filters and paging for `listCalls`. Sent as snake_case query parameters.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct ListCallsParams {
    /// A canonical status, sent in the client's `statusVocabulary` (`ended` goes out as
    /// `completed` in the default `"openapi"` one); any other word is sent as given.
    #[cfg_attr(feature = "ts", tsify(type = "CallStatus | (string & {})"))]
    pub status: Option<String>,
    /// `outbound`, `inbound` or `webrtc`.
    pub direction: Option<String>,
    /// Only calls handled by this agent.
    pub agent_id: Option<String>,
    /// ISO 8601 date-time: only calls created after it.
    pub created_after: Option<String>,
    /// ISO 8601 date-time: only calls created before it.
    pub created_before: Option<String>,
    /// Page size, 1 to 100.
    pub limit: Option<f64>,
    /// Calls to skip, 0 or more.
    pub offset: Option<f64>,
}

impl FromJson for ListCallsParams {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(ListCallsParams {
            status: m.get("status")?,
            direction: m.get("direction")?,
            agent_id: m.get("agentId")?,
            created_after: m.get("createdAfter")?,
            created_before: m.get("createdBefore")?,
            limit: m.get("limit")?,
            offset: m.get("offset")?,
        })
    }
}

/// How the server spells statuses in the list filter: the words of one page of the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusVocabulary {
    /// Seeds 001 and 003: `queued, ringing, in_progress, completed, failed`.
    #[default]
    OpenApi,
    /// Seed 002 (and 000): `in-progress, ended, cancelled`.
    Hyphenated,
}

impl StatusVocabulary {
    /// The word this vocabulary uses for a canonical status; any other word as given.
    pub fn wire_word(self, status: &str) -> &str {
        match (self, status) {
            (StatusVocabulary::OpenApi, "ended") => "completed",
            (StatusVocabulary::Hyphenated, "in_progress") => "in-progress",
            _ => status,
        }
    }
}

impl ListCallsParams {
    /// The same filters with a canonical `status` in the words of `vocabulary`.
    pub fn in_vocabulary(mut self, vocabulary: StatusVocabulary) -> Self {
        if let Some(status) = self.status.as_mut() {
            let word = vocabulary.wire_word(status);
            if word != status {
                *status = word.to_owned();
            }
        }
        self
    }

    /// Checks every parameter and returns the query string (without `?`), snake_case keys.
    pub fn to_query(&self) -> Result<String> {
        let mut query = String::new();
        let mut push = |key: &str, value: &str| {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(key);
            query.push('=');
            percent_encode_into(&mut query, value);
        };
        if let Some(status) = non_empty(&self.status, "status")? {
            push("status", status);
        }
        if let Some(direction) = non_empty(&self.direction, "direction")? {
            push("direction", direction);
        }
        if let Some(agent_id) = non_empty(&self.agent_id, "agentId")? {
            push("agent_id", agent_id);
        }
        for (key, name, value) in [
            ("created_after", "createdAfter", &self.created_after),
            ("created_before", "createdBefore", &self.created_before),
        ] {
            if let Some(date) = value {
                if !is_iso_datetime(date) {
                    return Err(Error::invalid(
                        [
                            name,
                            " must be an ISO 8601 date-time such as 2024-04-01T00:00:00Z, got \"",
                            &input_excerpt(date),
                            "\"",
                        ]
                        .concat(),
                    ));
                }
                push(key, date);
            }
        }
        if let Some(limit) = self.limit {
            let limit = whole_number(limit, "limit", 1, 100)?;
            push("limit", &decimal(limit));
        }
        if let Some(offset) = self.offset {
            let offset = whole_number(offset, "offset", 0, u32::MAX)?;
            push("offset", &decimal(offset));
        }
        Ok(query)
    }
}

/// Per-call overrides for `createCall` and `updateCall`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct CallSettings {
    /// Record the call (server default: true).
    pub recording_enabled: Option<bool>,
    /// Transcribe the call (server default: true).
    pub transcription_enabled: Option<bool>,
    /// Override the agent's greeting for this call.
    pub greeting: Option<String>,
    /// Maximum call length, e.g. `"3600s"`.
    pub max_duration: Option<String>,
    /// How long to wait for an answer, e.g. `"30s"`.
    pub join_timeout: Option<String>,
}

impl FromJson for CallSettings {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(CallSettings {
            recording_enabled: m.get("recordingEnabled")?,
            transcription_enabled: m.get("transcriptionEnabled")?,
            greeting: m.get("greeting")?,
            max_duration: m.get("maxDuration")?,
            join_timeout: m.get("joinTimeout")?,
        })
    }
}

/// The body of `createCall`: an outbound call placed by an agent.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(rename_all = "camelCase"))]
pub struct CreateCallRequest {
    /// The agent that will handle the call.
    pub agent_id: String,
    /// Destination number in E.164 form, e.g. `+14155550123`.
    pub phone_number: String,
    /// Caller ID override (E.164); the server picks one when omitted.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub from_number: Option<String>,
    /// Template variables for the agent's prompt. Values are sent as given.
    #[cfg_attr(
        feature = "ts",
        tsify(optional, type = "Record<string, string | number | boolean>")
    )]
    pub variables: Option<Map<String, Value>>,
    /// Per-call overrides.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub call_settings: Option<CallSettings>,
}

impl FromJson for CreateCallRequest {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        if value.is_null() {
            return Err(must_be(name, "an object"));
        }
        let m = Members::of(value, name)?;
        Ok(CreateCallRequest {
            agent_id: m.require("agentId")?,
            phone_number: m.require("phoneNumber")?,
            from_number: m.get("fromNumber")?,
            variables: m.get("variables")?,
            call_settings: m.get("callSettings")?,
        })
    }
}

/// The snake_case wire body of a create request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreateCallBody {
    agent_id: String,
    phone_number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variables: Option<Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    call_settings: Option<CallSettingsBody>,
}

/// The snake_case wire form of [`CallSettings`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallSettingsBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transcription_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    greeting: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    join_timeout: Option<String>,
}

impl From<CallSettings> for CallSettingsBody {
    fn from(s: CallSettings) -> Self {
        CallSettingsBody {
            recording_enabled: s.recording_enabled,
            transcription_enabled: s.transcription_enabled,
            greeting: s.greeting,
            max_duration: s.max_duration,
            join_timeout: s.join_timeout,
        }
    }
}

impl CreateCallRequest {
    /// Validates the request and returns its wire body.
    pub fn into_body(self) -> Result<CreateCallBody> {
        if self.agent_id.trim().is_empty() {
            return Err(Error::InvalidArgument("agentId is required".into()));
        }
        check_e164(&self.phone_number, "phoneNumber")?;
        if let Some(from) = &self.from_number {
            check_e164(from, "fromNumber")?;
        }
        Ok(CreateCallBody {
            agent_id: self.agent_id,
            phone_number: self.phone_number,
            from_number: self.from_number,
            variables: self.variables,
            call_settings: self.call_settings.map(Into::into),
        })
    }
}

/// The body of `updateCall`. Seed 001 names what can change after creation: `context`,
/// and recording or transcription; any other member is refused before a request is sent.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct UpdateCallPatch {
    /// Key-value data to store on the call record (replaces the stored `context`).
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, unknown>"))]
    pub context: Option<Map<String, Value>>,
    /// Recording and transcription switches.
    pub call_settings: Option<UpdateCallSettings>,
}

/// What `updateCall` may switch in a call's settings.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct UpdateCallSettings {
    /// Record the rest of the call.
    pub recording_enabled: Option<bool>,
    /// Transcribe the rest of the call.
    pub transcription_enabled: Option<bool>,
}

/// What an update can change, for the message that refuses anything else.
const UPDATABLE: &str =
    "updateCall can change only context, callSettings.recordingEnabled and callSettings.transcriptionEnabled";

impl FromJson for UpdateCallPatch {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        if value.is_null() {
            return Err(must_be(name, "an object"));
        }
        let m = Members::of(value, name)?;
        m.only(&["context", "callSettings"], UPDATABLE)?;
        Ok(UpdateCallPatch {
            context: m.get("context")?,
            call_settings: m.get("callSettings")?,
        })
    }
}

impl FromJson for UpdateCallSettings {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        m.only(&["recordingEnabled", "transcriptionEnabled"], UPDATABLE)?;
        Ok(UpdateCallSettings {
            recording_enabled: m.get("recordingEnabled")?,
            transcription_enabled: m.get("transcriptionEnabled")?,
        })
    }
}

/// The snake_case wire body of an update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateCallBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    call_settings: Option<UpdateCallSettingsBody>,
}

/// The snake_case wire form of [`UpdateCallSettings`].
#[derive(Debug, Clone, PartialEq, Serialize)]
struct UpdateCallSettingsBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transcription_enabled: Option<bool>,
}

impl UpdateCallPatch {
    /// Validates the patch (at least one field) and returns its wire body.
    pub fn into_body(self) -> Result<UpdateCallBody> {
        let settings = self
            .call_settings
            .filter(|s| s.recording_enabled.is_some() || s.transcription_enabled.is_some());
        if self.context.is_none() && settings.is_none() {
            return Err(Error::InvalidArgument(
                "updateCall needs context, callSettings.recordingEnabled or callSettings.transcriptionEnabled".into(),
            ));
        }
        Ok(UpdateCallBody {
            context: self.context,
            call_settings: settings.map(|s| UpdateCallSettingsBody {
                recording_enabled: s.recording_enabled,
                transcription_enabled: s.transcription_enabled,
            }),
        })
    }
}

/// The body of `bulkDeleteCalls`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulkDeleteBody {
    ids: Vec<String>,
}

impl BulkDeleteBody {
    /// Validates the ids (1 to 1000, each non-empty).
    pub fn new(ids: Vec<String>) -> Result<Self> {
        if ids.is_empty() {
            return Err(Error::InvalidArgument(
                "bulkDeleteCalls needs at least one id".into(),
            ));
        }
        if ids.len() > 1000 {
            return Err(Error::InvalidArgument(
                "bulkDeleteCalls takes at most 1000 ids".into(),
            ));
        }
        if ids.iter().any(|id| id.trim().is_empty()) {
            return Err(Error::InvalidArgument(
                "call ids must be non-empty strings".into(),
            ));
        }
        Ok(BulkDeleteBody { ids })
    }
}

/// Encodes a call id as one URL path segment: it can never escape to another endpoint. The
/// ids `.` and `..`, which a URL would resolve away, are refused.
pub fn call_path(id: &str, suffix: &str) -> Result<String> {
    if id.trim().is_empty() {
        return Err(Error::InvalidArgument(
            "call id must be a non-empty string".into(),
        ));
    }
    if id.len() > 256 {
        return Err(Error::InvalidArgument(
            "call id is longer than 256 characters".into(),
        ));
    }
    // A URL parser resolves `.` and `..` segments (encoded or not): `/calls/..` is `/`.
    if id == "." || id == ".." {
        return Err(Error::invalid(
            "call id must not be \".\" or \"..\" (a URL would resolve it to another path)",
        ));
    }
    let mut path = String::with_capacity(7 + id.len() + suffix.len());
    path.push_str("/calls/");
    percent_encode_into(&mut path, id);
    path.push_str(suffix);
    Ok(path)
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
}

/// True for an E.164 number: `+`, a non-zero digit, 7 to 15 digits in all.
pub fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

fn check_e164(number: &str, name: &str) -> Result<()> {
    if is_e164(number) {
        Ok(())
    } else {
        Err(Error::invalid(
            [
                name,
                " must be an E.164 number such as +14155550123, got \"",
                &input_excerpt(number),
                "\"",
            ]
            .concat(),
        ))
    }
}

/// True for an ISO 8601 date (`2024-04-01`) or date-time with optional seconds, fraction
/// and zone (`Z` or `+02:00`).
pub fn is_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| !d.is_empty() && d.iter().all(u8::is_ascii_digit))
    };
    let date_ok = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (1..=12).contains(&two_digits(b, 5))
        && (1..=31).contains(&two_digits(b, 8));
    if !date_ok {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !matches!(b[10], b'T' | b't' | b' ')
        || b.len() < 16
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || two_digits(b, 11) > 23
        || two_digits(b, 14) > 59
    {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !digits(i + 1..i + 3) || two_digits(b, i + 1) > 60 {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            b.len() == i + 6 && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6)
        }
        _ => false,
    }
}

fn two_digits(b: &[u8], at: usize) -> u8 {
    match (b.get(at), b.get(at + 1)) {
        (Some(h), Some(l)) => (h.wrapping_sub(b'0'))
            .wrapping_mul(10)
            .wrapping_add(l.wrapping_sub(b'0')),
        _ => u8::MAX,
    }
}

fn non_empty<'a>(value: &'a Option<String>, name: &str) -> Result<Option<&'a str>> {
    match value.as_deref() {
        None => Ok(None),
        Some(v) if v.trim().is_empty() => Err(Error::invalid(
            [name, " must not be an empty string"].concat(),
        )),
        Some(v) => Ok(Some(v)),
    }
}

fn whole_number(value: f64, name: &str, min: u32, max: u32) -> Result<u32> {
    if value.fract() == 0.0 && value >= f64::from(min) && value <= f64::from(max) {
        // In range and whole, so the cast is exact.
        Ok(value as u32)
    } else if max == u32::MAX {
        Err(Error::invalid(
            [name, " must be a whole number >= ", &decimal(min)].concat(),
        ))
    } else {
        Err(Error::invalid(
            [
                name,
                " must be a whole number from ",
                &decimal(min),
                " to ",
                &decimal(max),
            ]
            .concat(),
        ))
    }
}

/// The first 40 characters of caller input, for error messages.
pub(crate) fn input_excerpt(s: &str) -> String {
    s.chars().take(40).collect()
}
