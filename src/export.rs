//! CSV export of calls (RFC 4180, formula-injection safe).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;

use crate::error::Error;
use crate::format::number::{push_decimal, push_i64, push_u64};
use crate::format::{write_transcript, FormatOptions};
use crate::model::Call;
use crate::summary::{direction_word, status_word};

/// Options of `callsToCsv`. Every field may be omitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", default)]
pub struct CsvOptions {
    /// The columns, in order, named by the `Call` field they show (`"id"`, `"costUsd"`,
    /// ...). When omitted: `id, status, statusDetail, direction, agentId, phoneNumber,
    /// fromNumber, toNumber, createdAt, startedAt, endedAt, durationSeconds, costUsd,
    /// costCredits, outcome, sentiment, failureReason, summary`. Also available:
    /// `isTerminal, callType, updatedAt, shortSummary, recordingUrl, transcriptUrl,
    /// transcript, variables, extractedVariables, context`.
    pub columns: Option<Vec<String>>,
}

/// A column of the export.
#[derive(Clone, Copy)]
enum Column {
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
    RecordingUrl,
    TranscriptUrl,
    Transcript,
    Variables,
    ExtractedVariables,
    Context,
}

/// Every column by name; the first 18 (through `summary`) are the default set, in order.
const COLUMNS: &[(&str, Column)] = &[
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
    ("recordingUrl", Column::RecordingUrl),
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
pub fn calls_to_csv(calls: &[Call], options: &CsvOptions) -> Result<String, Error> {
    let columns = resolve_columns(options.columns.as_deref())?;

    let per_row = columns.len().saturating_mul(20).saturating_add(2);
    let mut out = String::with_capacity(calls.len().saturating_add(1).saturating_mul(per_row));
    for (i, (name, _)) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_text_cell(&mut out, name);
    }
    out.push_str("\r\n");

    let mut scratch = String::new();
    for call in calls {
        for (i, &(_, column)) in columns.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, &mut scratch, call, column);
        }
        out.push_str("\r\n");
    }
    Ok(out)
}

/// The requested columns, or the default set; an unknown name is an error.
fn resolve_columns(names: Option<&[String]>) -> Result<Vec<(&'static str, Column)>, Error> {
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

/// Writes one field of `call`.
fn push_cell(out: &mut String, scratch: &mut String, call: &Call, column: Column) {
    let text: Option<&str> = match column {
        Column::Id => Some(&call.id),
        Column::Status => Some(status_word(call.status)),
        Column::StatusDetail => call.status_detail.as_deref(),
        Column::IsTerminal => Some(if call.is_terminal { "true" } else { "false" }),
        Column::Direction => call.direction.map(direction_word),
        Column::CallType => call.call_type.as_deref(),
        Column::AgentId => call.agent_id.as_deref(),
        Column::PhoneNumber => call.phone_number.as_deref(),
        Column::FromNumber => call.from_number.as_deref(),
        Column::ToNumber => call.to_number.as_deref(),
        Column::CreatedAt => call.created_at.as_deref(),
        Column::StartedAt => call.started_at.as_deref(),
        Column::EndedAt => call.ended_at.as_deref(),
        Column::UpdatedAt => call.updated_at.as_deref(),
        Column::Outcome => call.outcome.as_deref(),
        Column::Sentiment => call.sentiment.as_deref(),
        Column::FailureReason => call.failure_reason.as_deref(),
        Column::Summary => call.summary.as_deref(),
        Column::ShortSummary => call.short_summary.as_deref(),
        Column::RecordingUrl => call.recording_url.as_deref(),
        Column::TranscriptUrl => call.transcript_url.as_deref(),
        // Numbers: only digits, `.` and `-` can come out, so no quoting and no prefix.
        Column::DurationSeconds => return push_number(out, call.duration_seconds),
        Column::CostUsd => return push_number(out, call.cost_usd),
        Column::CostCredits => return push_number(out, call.cost_credits),
        Column::Transcript => call.transcript.as_deref().map(|turns| {
            scratch.clear();
            write_transcript(scratch, turns, &FormatOptions::default());
            scratch.as_str()
        }),
        Column::Variables => map_text(scratch, call.variables.as_ref()),
        Column::ExtractedVariables => map_text(scratch, call.extracted_variables.as_ref()),
        Column::Context => map_text(scratch, call.context.as_ref()),
    };
    if let Some(text) = text {
        push_text_cell(out, text);
    }
}

fn push_number(out: &mut String, value: Option<f64>) {
    if let Some(x) = value {
        push_decimal(out, x, DECIMALS);
    }
}

/// Renders a free-form map as `key=value; key=value` into `scratch`.
fn map_text<'s>(scratch: &'s mut String, map: Option<&Map<String, Value>>) -> Option<&'s str> {
    let map = map?;
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
    Some(scratch.as_str())
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
