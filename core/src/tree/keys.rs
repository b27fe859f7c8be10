//! The fields the core reads of a call, a transcript turn and a page envelope, and how the
//! host packs each. A key's index in [`KEYS`] is how the tape and the results name it.

/// Declares [`KEYS`] and the [`Field`] that names each by its index.
macro_rules! keys {
    ($($field:ident = $name:literal : $pack:ident,)*) => {
        /// The fields the core reads, and how the host packs each: the keys of a call, of a
        /// transcript turn, and of a page envelope. A key's index in this table (its
        /// [`Field`]) is how the tape and the results name it.
        pub const KEYS: &[(&str, Pack)] = &[$(($name, Pack::$pack),)*];

        /// A known key, by its index in [`KEYS`].
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        pub enum Field { $($field,)* }
    };
}

keys! {
    // A call.
    Id = "id": Value,
    CallId = "call_id": Value,
    Status = "status": Value,
    CallStatus = "call_status": Value,
    Type = "type": Value,
    CallType = "call_type": Value,
    Direction = "direction": Value,
    ToNumber = "to_number": Value,
    To = "to": Value,
    CalledNumber = "called_number": Value,
    FromNumber = "from_number": Value,
    From = "from": Value,
    CallerNumber = "caller_number": Value,
    PhoneNumber = "phone_number": Value,
    AgentId = "agent_id": Value,
    CreatedAt = "created_at": Value,
    StartedAt = "started_at": Value,
    StartTimestamp = "start_timestamp": Value,
    StartTime = "start_time": Value,
    EndedAt = "ended_at": Value,
    EndTimestamp = "end_timestamp": Value,
    EndTime = "end_time": Value,
    UpdatedAt = "updated_at": Value,
    DurationSeconds = "duration_seconds": Value,
    DurationMs = "duration_ms": Value,
    CostUsd = "cost_usd": Value,
    CostCents = "cost_cents": Value,
    Cost = "cost": Value,
    CostBreakdown = "cost_breakdown": Value,
    CallCost = "call_cost": Value,
    CostCredits = "cost_credits": Value,
    Outcome = "outcome": Value,
    Summary = "summary": Value,
    ShortSummary = "short_summary": Value,
    Sentiment = "sentiment": Value,
    FailureReason = "failure_reason": Value,
    RecordingUrl = "recording_url": Value,
    TranscriptUrl = "transcript_url": Value,
    Transcript = "transcript": Turns,
    TranscriptObject = "transcript_object": Turns,
    Variables = "variables": Opaque,
    VarsProvided = "vars_provided": Opaque,
    VarsExtracted = "vars_extracted": Opaque,
    ExtractedVariables = "extracted_variables": Opaque,
    Context = "context": Context,
    Metadata = "metadata": Opaque,
    Latency = "latency": Value,
    LatencyBreakdown = "latency_breakdown": Value,
    CallSettings = "call_settings": Value,
    Data = "data": Calls,
    Meta = "meta": Value,
    Error = "error": Value,
    // A transcript turn (and `start_time`, above).
    Speaker = "speaker": Value,
    Role = "role": Value,
    Text = "text": Value,
    Content = "content": Value,
    Message = "message": Value,
    Timestamp = "timestamp": Value,
    Start = "start": Value,
    Time = "time": Value,
    TimestampMs = "timestamp_ms": Value,
    StartMs = "start_ms": Value,
    StartTimeMs = "start_time_ms": Value,
    // A page (and `data`, `meta`, `error`, above).
    Pagination = "pagination": Value,
    // A transcript payload (and `transcript`, `transcript_object`, `summary`, `data`, `meta`,
    // `error`, above).
    Turns = "turns": Turns,
    // A call's `context`.
    LastError = "last_error": Value,
}

impl Field {
    /// The key's index in [`KEYS`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The keys the host packs of an object read as a call: a call's fields, and the envelope's.
pub const CALL_FIELDS: std::ops::RangeInclusive<u16> = (Field::Id as u16)..=(Field::Error as u16);
/// The keys of an object read as a transcript turn.
pub const TURN_FIELDS: [Field; 12] = [
    Field::Speaker,
    Field::Role,
    Field::Text,
    Field::Content,
    Field::Message,
    Field::Timestamp,
    Field::Start,
    Field::Time,
    Field::StartTime,
    Field::TimestampMs,
    Field::StartMs,
    Field::StartTimeMs,
];
/// The keys the host packs of a reply body read as a page: the envelope's.
pub const PAGE_FIELDS: [Field; 4] = [Field::Data, Field::Pagination, Field::Meta, Field::Error];
/// Call fields the docs define that the canonical model leaves in `raw` (seed 004's
/// `account_id` and `detected_gender`): not news for `onDrift`.
pub const DOCUMENTED_UNREAD: [&str; 2] = ["account_id", "detected_gender"];
/// The keys the host packs of a call's `context`.
pub const CONTEXT_FIELDS: [Field; 1] = [Field::LastError];
/// How the host packs the value of a known key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    /// The whole value.
    Value,
    /// An object or array only as its kind: the core points at it, never reads it.
    Opaque,
    /// An object read as a call (its known keys only), or an array of such objects;
    /// anything else as a value.
    Calls,
    /// An array of turns (each object read as a turn); anything else as a value.
    Turns,
    /// An object of which only [`CONTEXT_FIELDS`] are read (the core points at the rest);
    /// an array only as its kind; anything else as a value.
    Context,
}

/// The index in [`KEYS`] of a key, when it is one the core reads.
pub(super) fn known_key(name: &str) -> Option<u16> {
    KEYS.iter()
        .position(|(key, _)| *key == name)
        .and_then(|i| u16::try_from(i).ok())
}
