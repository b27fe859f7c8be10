//! CSV export of calls (RFC 4180, formula-injection safe).

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::format::number::{push_decimal, push_i64, push_u64};
use crate::format::{write_transcript, FormatOptions};
use crate::model::{Call, TranscriptTurn};
use crate::read::{FromJson, Members};
use crate::summary::{direction_word, status_word};
use crate::tree::Node;

/// Options of `callsToCsv`. Every field may be omitted.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct CsvOptions {
    /// The columns, in order, named by the `Call` field they show (`"id"`, `"costUsd"`,
    /// ...). When omitted: `id, status, statusDetail, direction, agentId, phoneNumber,
    /// fromNumber, toNumber, createdAt, startedAt, endedAt, durationSeconds, costUsd,
    /// costCredits, outcome, sentiment, failureReason, summary`. Also available:
    /// `isTerminal, callType, updatedAt, shortSummary, failureMessage, recordingUrl,
    /// recordingExpiresAt, transcriptUrl, transcript, variables, extractedVariables, context`.
    #[cfg_attr(
        feature = "ts",
        tsify(type = "readonly Exclude<keyof Call, \"latency\" | \"raw\">[]")
    )]
    pub columns: Option<Vec<String>>,
}

impl FromJson for CsvOptions {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        Ok(CsvOptions {
            columns: Members::of(value, name)?.get("columns")?,
        })
    }
}

/// What a column holds, which decides how it is written (and how the host packs it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string, written as text.
    Text,
    /// A number, written by the exporter.
    Number,
    /// `true` or `false`.
    Bool,
    /// Transcript turns, written as the plain transcript.
    Turns,
    /// A free-form object, written as `key=value; key=value`.
    Map,
}

/// The value of one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// An empty field.
    Missing,
    /// A string.
    Text(&'a str),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// Transcript turns.
    Turns(Cow<'a, [TranscriptTurn]>),
    /// A free-form object.
    Map(Cow<'a, Map<String, Value>>),
}

/// One row of the export: the value of each column.
pub trait Row {
    /// The value of `column` in this row.
    fn cell(&self, column: Column) -> Cell<'_>;
}

/// A column of the export, named by the `Call` field it shows (see [`COLUMNS`]).
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Status,
    StatusDetail,
    IsTerminal,
    Direction,
    CallType,
    AgentId,
    PhoneNumber,
    FromNumber,
    ToNumber,
    CreatedAt,
    StartedAt,
    EndedAt,
    UpdatedAt,
    DurationSeconds,
    CostUsd,
    CostCredits,
    Outcome,
    Sentiment,
    FailureReason,
    Summary,
    ShortSummary,
    FailureMessage,
    RecordingUrl,
    RecordingExpiresAt,
    TranscriptUrl,
    Transcript,
    Variables,
    ExtractedVariables,
    Context,
}

/// Every column by name; the first 18 (through `summary`) are the default set, in order.
pub const COLUMNS: &[(&str, Column)] = &[
    ("id", Column::Id),
    ("status", Column::Status),
    ("statusDetail", Column::StatusDetail),
    ("direction", Column::Direction),
    ("agentId", Column::AgentId),
    ("phoneNumber", Column::PhoneNumber),
    ("fromNumber", Column::FromNumber),
    ("toNumber", Column::ToNumber),
    ("createdAt", Column::CreatedAt),
    ("startedAt", Column::StartedAt),
    ("endedAt", Column::EndedAt),
    ("durationSeconds", Column::DurationSeconds),
    ("costUsd", Column::CostUsd),
    ("costCredits", Column::CostCredits),
    ("outcome", Column::Outcome),
    ("sentiment", Column::Sentiment),
    ("failureReason", Column::FailureReason),
    ("summary", Column::Summary),
    ("isTerminal", Column::IsTerminal),
    ("callType", Column::CallType),
    ("updatedAt", Column::UpdatedAt),
    ("shortSummary", Column::ShortSummary),
    ("failureMessage", Column::FailureMessage),
    ("recordingUrl", Column::RecordingUrl),
    ("recordingExpiresAt", Column::RecordingExpiresAt),
    ("transcriptUrl", Column::TranscriptUrl),
    ("transcript", Column::Transcript),
    ("variables", Column::Variables),
    ("extractedVariables", Column::ExtractedVariables),
    ("context", Column::Context),
];

/// How many entries of [`COLUMNS`] are the default set.
const DEFAULT_COLUMNS: usize = 18;

/// Decimals kept for numbers (trailing zeros trimmed): nanodollars, nanoseconds.
const DECIMALS: u32 = 9;

/// Exports calls as CSV text for spreadsheets.
///
/// RFC 4180: a header row of column names, then one row per call, every row ending in
/// CRLF. A field is quoted when it contains `,`, `"`, CR or LF (quotes doubled); a
/// missing value is an empty field. `status` and `direction` are the canonical words,
/// `isTerminal` is `true`/`false`, numbers are written with up to 9 decimals and no
/// trailing zeros (`0.92`, `183`), `transcript` is the plain transcript (`Agent: ...`
/// lines), and `variables` / `extractedVariables` / `context` are `key=value; key=value`
/// (strings as they are, numbers and booleans as text, `null` as nothing, nested
/// objects and arrays as `[object]` / `[array]`): for reading, not for parsing back.
///
/// Formula-injection safe (OWASP): a text field whose first character is `=`, `+`, `-`,
/// `@`, tab or CR gets a leading `'` so spreadsheets show it as text, except a sign
/// followed only by digits (an E.164 phone number like `+14155551234`, or `-1.5`), which a
/// spreadsheet reads as a number and which cannot hold a formula. The number columns
/// (`durationSeconds`, `costUsd`, `costCredits`) are written by the exporter itself, can
/// only hold a number, and are never prefixed. No byte-order mark is written; prepend
/// `"\uFEFF"` if an old Excel must detect UTF-8.
///
/// Throws a `TruedyError` of kind `invalid_argument` when a column name is unknown or
/// `columns` is empty.
///
/// @example
/// ```ts
/// const csv = callsToCsv(calls, { columns: ["id", "status", "durationSeconds", "costUsd"] });
/// const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
/// ```
// `Error` is large for every fallible function of the crate (its `Http` variant); that is
// error.rs's trade-off to make, not this function's.
pub fn calls_to_csv(calls: &[Call], options: &CsvOptions) -> Result<String> {
    let columns = resolve_columns(options.columns.as_deref())?;
    Ok(write_csv(&columns, calls))
}

/// Writes the header row and one row per item of `rows`, as [`calls_to_csv`] describes.
pub fn write_csv<R: Row>(columns: &[(&str, Column)], rows: impl IntoIterator<Item = R>) -> String {
    let rows = rows.into_iter();
    let per_row = columns.len().saturating_mul(20).saturating_add(2);
    let capacity = rows.size_hint().0.saturating_add(1).saturating_mul(per_row);
    let mut out = String::with_capacity(capacity);
    for (i, (name, _)) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_text_cell(&mut out, name);
    }
    out.push_str("\r\n");

    let mut scratch = String::new();
    for row in rows {
        for (i, &(_, column)) in columns.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, &mut scratch, row.cell(column));
        }
        out.push_str("\r\n");
    }
    out
}

impl Column {
    /// What the column holds.
    pub fn kind(self) -> Kind {
        match self {
            Column::DurationSeconds | Column::CostUsd | Column::CostCredits => Kind::Number,
            Column::IsTerminal => Kind::Bool,
            Column::Transcript => Kind::Turns,
            Column::Variables | Column::ExtractedVariables | Column::Context => Kind::Map,
            _ => Kind::Text,
        }
    }
}

impl Row for &Call {
    fn cell(&self, column: Column) -> Cell<'_> {
        fn text(value: Option<&String>) -> Cell<'_> {
            value.map_or(Cell::Missing, |s| Cell::Text(s))
        }
        fn number(value: Option<f64>) -> Cell<'static> {
            value.map_or(Cell::Missing, Cell::Number)
        }
        fn map(value: Option<&Map<String, Value>>) -> Cell<'_> {
            value.map_or(Cell::Missing, |m| Cell::Map(Cow::Borrowed(m)))
        }
        let call = *self;
        match column {
            Column::Id => Cell::Text(&call.id),
            Column::Status => Cell::Text(status_word(call.status)),
            Column::StatusDetail => text(call.status_detail.as_ref()),
            Column::IsTerminal => Cell::Bool(call.is_terminal),
            Column::Direction => call
                .direction
                .map_or(Cell::Missing, |d| Cell::Text(direction_word(d))),
            Column::CallType => text(call.call_type.as_ref()),
            Column::AgentId => text(call.agent_id.as_ref()),
            Column::PhoneNumber => text(call.phone_number.as_ref()),
            Column::FromNumber => text(call.from_number.as_ref()),
            Column::ToNumber => text(call.to_number.as_ref()),
            Column::CreatedAt => text(call.created_at.as_ref()),
            Column::StartedAt => text(call.started_at.as_ref()),
            Column::EndedAt => text(call.ended_at.as_ref()),
            Column::UpdatedAt => text(call.updated_at.as_ref()),
            Column::DurationSeconds => number(call.duration_seconds),
            Column::CostUsd => number(call.cost_usd),
            Column::CostCredits => number(call.cost_credits),
            Column::Outcome => text(call.outcome.as_ref()),
            Column::Sentiment => text(call.sentiment.as_ref()),
            Column::FailureReason => text(call.failure_reason.as_ref()),
            Column::Summary => text(call.summary.as_ref()),
            Column::ShortSummary => text(call.short_summary.as_ref()),
            Column::FailureMessage => text(call.failure_message.as_ref()),
            Column::RecordingUrl => text(call.recording_url.as_ref()),
            Column::RecordingExpiresAt => text(call.recording_expires_at.as_ref()),
            Column::TranscriptUrl => text(call.transcript_url.as_ref()),
            Column::Transcript => call
                .transcript
                .as_deref()
                .map_or(Cell::Missing, |t| Cell::Turns(Cow::Borrowed(t))),
            Column::Variables => map(call.variables.as_ref()),
            Column::ExtractedVariables => map(call.extracted_variables.as_ref()),
            Column::Context => map(call.context.as_ref()),
        }
    }
}

/// The requested columns, or the default set; an unknown name is an error.
pub fn resolve_columns(names: Option<&[String]>) -> Result<Vec<(&'static str, Column)>> {
    let Some(names) = names else {
        return Ok(COLUMNS.iter().take(DEFAULT_COLUMNS).copied().collect());
    };
    if names.is_empty() {
        return Err(Error::InvalidArgument(
            "columns must name at least one column".to_owned(),
        ));
    }
    names
        .iter()
        .map(|name| {
            COLUMNS
                .iter()
                .find(|(known, _)| *known == name.as_str())
                .copied()
                .ok_or_else(|| unknown_column(name))
        })
        .collect()
}

fn unknown_column(name: &str) -> Error {
    let mut message = String::with_capacity(name.len().saturating_add(480));
    message.push_str("unknown column \"");
    message.push_str(name);
    message.push_str("\"; known columns: ");
    for (i, (known, _)) in COLUMNS.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push_str(known);
    }
    Error::InvalidArgument(message)
}

/// Writes one field.
fn push_cell(out: &mut String, scratch: &mut String, cell: Cell<'_>) {
    let text: &str = match cell {
        Cell::Missing => return,
        Cell::Text(text) => text,
        Cell::Bool(b) => {
            if b {
                "true"
            } else {
                "false"
            }
        }
        // Numbers: only digits, `.` and `-` can come out, so no quoting and no prefix.
        Cell::Number(x) => return push_number(out, Some(x)),
        Cell::Turns(turns) => {
            scratch.clear();
            let turns: Vec<_> = turns.iter().map(TranscriptTurn::as_turn).collect();
            write_transcript(scratch, &turns, &FormatOptions::default());
            scratch.as_str()
        }
        Cell::Map(map) => map_text(scratch, &map),
    };
    push_text_cell(out, text);
}

fn push_number(out: &mut String, value: Option<f64>) {
    if let Some(x) = value {
        push_decimal(out, x, DECIMALS);
    }
}

/// Renders a free-form map as `key=value; key=value` into `scratch`.
fn map_text<'s>(scratch: &'s mut String, map: &Map<String, Value>) -> &'s str {
    scratch.clear();
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            scratch.push_str("; ");
        }
        scratch.push_str(key);
        scratch.push('=');
        match value {
            Value::Null => {}
            Value::Bool(b) => scratch.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    push_u64(scratch, u);
                } else if let Some(i) = n.as_i64() {
                    push_i64(scratch, i);
                } else if let Some(f) = n.as_f64() {
                    push_decimal(scratch, f, DECIMALS);
                }
            }
            Value::String(s) => scratch.push_str(s),
            Value::Array(_) => scratch.push_str("[array]"),
            Value::Object(_) => scratch.push_str("[object]"),
        }
    }
    scratch.as_str()
}

/// Writes a text field: a `'` first when it could start a formula, quoted when it
/// contains a delimiter, a quote or a line break.
fn push_text_cell(out: &mut String, text: &str) {
    let formula = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    ) && !is_signed_number(text);
    let quote = text
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quote {
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// `+` or `-` then only digits with at most one `.` (an E.164 number such as
/// `+14155551234`, or `-1.5`): a spreadsheet reads it as a number, it cannot be a formula,
/// so it is left without the `'` that would otherwise end up in every phone number.
fn is_signed_number(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(['+', '-']) else {
        return false;
    };
    let mut dots = 0;
    let mut digits = 0;
    for b in rest.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            _ => return false,
        }
    }
    digits > 0 && dots <= 1
}
