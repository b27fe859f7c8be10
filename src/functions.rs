//! The package's free functions: normalization, transcript formatting, CSV and summaries.
//! Each reads its bulk argument in one piece (the host's tape, or packed fields), calls the
//! core, and returns one string, one JSON text, or codes the host builds calls from.

use std::borrow::Cow;

use truedy_core::export::{self, Cell, Column, CsvOptions, Kind, Row};
use truedy_core::format::number::decimal;
use truedy_core::format::{self, FormatOptions, Turn};
use truedy_core::model::CallStatus;
use truedy_core::normalize::{self, call_view, instant_ms, normalize_direction, status_of};
use truedy_core::ops::Ops;
use truedy_core::summary::{self, CallFacts, SummaryOptions};
use truedy_core::tree::Node;
use truedy_core::{Error, Result};
use wasm_bindgen::prelude::*;

use crate::drift::Drift;
use crate::js::{built, json_value, thrown_error, zone_offsets, Tape, TruedyError};
use crate::options::{core_options, NormalizeOptions};
use crate::packed::Packed;

/// Maps any status word the API uses (`in-progress`, `completed`, `user_hangup`,
/// `no_answer`, ...) to the canonical status. Unknown words give `unknown`, never an error.
///
/// @example
/// ```ts
/// normalizeStatus("user_hangup"); // { status: "ended", detail: "user_hangup", isTerminal: true }
/// ```
#[wasm_bindgen(js_name = normalizeStatus, unchecked_return_type = "StatusInfo")]
pub fn normalize_status(
    #[wasm_bindgen(unchecked_param_type = "string")] raw: JsValue,
) -> Result<JsValue, TruedyError> {
    let word = raw
        .as_string()
        .ok_or_else(|| Error::invalid("status must be a string"))?;
    Ok(json_value(&normalize::normalize_status(&word))?)
}

/// Normalizes a call object in any documented shape (bare or in a `{data, meta}` envelope)
/// to the canonical `Call`, exactly as the client does. Its `raw` is the object you passed
/// (its `data` for an envelope). Throws a `TruedyError` (kind `decode`) when the value is not
/// a call object. `onDrift` hears of unknown words and undocumented fields, as the client's.
///
/// @example
/// ```ts
/// const call = normalizeCall(await (await fetch(url)).json(), { onDrift: console.warn });
/// ```
#[wasm_bindgen(js_name = normalizeCall, unchecked_return_type = "Call")]
pub fn normalize_call(
    #[wasm_bindgen(unchecked_param_type = "unknown")] raw: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "NormalizeOptions")] options: JsValue,
) -> Result<JsValue, TruedyError> {
    let options = NormalizeOptions::read(&options)?;
    let raws = js_sys::Array::of1(&raw);
    let tape = Tape::of_calls(&raws, "the payload")?;
    let tree = tape.tree()?;
    let mut ops = Ops::default();
    for item in tree.root().items() {
        ops.call(&call_view(item)?);
    }
    Ok(with_drift(built(&ops, &tape.bases, true), options))
}

/// Normalizes many call objects at once (webhook batches, stored payloads), as
/// `normalizeCall` does each: one crossing into wasm and one back for the whole array. Each
/// call's `raw` is the object you passed (its `data` for an envelope). `onDrift` hears of
/// each unknown word or undocumented field once for the whole array.
///
/// Throws a `TruedyError`: `invalid_argument` when `raws` is not an array, `decode` naming the
/// first item that is not a call object (`raws[3]: expected a call object, got an array`).
///
/// @example
/// ```ts
/// const calls = normalizeCalls(webhookBatch.map((event) => event.call));
/// ```
#[wasm_bindgen(js_name = normalizeCalls, unchecked_return_type = "Call[]")]
pub fn normalize_calls(
    #[wasm_bindgen(unchecked_param_type = "readonly unknown[]")] raws: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "NormalizeOptions")] options: JsValue,
) -> Result<JsValue, TruedyError> {
    if !js_sys::Array::is_array(&raws) {
        return Err(Error::invalid("raws must be an array").into());
    }
    let options = NormalizeOptions::read(&options)?;
    let tape = Tape::of_calls(&raws, "raws")?;
    let tree = tape.tree()?;
    let mut ops = Ops::default();
    for (index, item) in (0u32..).zip(tree.root().items()) {
        let call = call_view(item)
            .map_err(|e| Error::decode(["raws[", &decimal(index), "]: ", &e.message()].concat()))?;
        ops.call(&call);
    }
    Ok(with_drift(built(&ops, &tape.bases, false), options))
}

/// The calls, once `onDrift` (when given) has heard what they hold that is new.
fn with_drift(calls: JsValue, options: NormalizeOptions) -> JsValue {
    if let Some(on_drift) = options.on_drift {
        Drift::new(on_drift).report(&calls);
    }
    calls
}

/// Formats transcript turns as text: `plain` (default, `Agent: text` lines), `timestamped`
/// (`[1.2s] Agent: text`), `markdown`, `srt`, `vtt` or `html` (every piece of text escaped).
/// `labels` rename the speakers; `mergeConsecutive` joins adjacent turns of one speaker.
/// Odd turns never throw: a speaker or text that is not a string counts as empty, a
/// timestamp that is not a number as missing.
///
/// @example
/// ```ts
/// const text = formatTranscript(call.transcript ?? [], { style: "timestamped" });
/// const vtt = formatTranscript(turns, { style: "vtt", labels: { agent: "Aria" } });
/// ```
#[wasm_bindgen(js_name = formatTranscript)]
pub fn format_transcript(
    #[wasm_bindgen(unchecked_param_type = "readonly TranscriptTurn[]")] turns: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FormatOptions")] options: JsValue,
) -> Result<String, TruedyError> {
    let options = core_options::<FormatOptions>(&options, "options")?;
    let packed = Packed::read(&turns, "turns", "speaker,text", "timestamp")?;
    let turns: Vec<Turn<'_>> = (0..packed.rows())
        .map(|row| Turn {
            speaker: packed.string(row, 0).unwrap_or(""),
            text: packed.string(row, 1).unwrap_or(""),
            timestamp: packed.number(row, 0),
        })
        .collect();
    Ok(format::format_turns(&turns, &options))
}

/// Writes calls as RFC 4180 CSV (CRLF rows, a header row). Cells a spreadsheet would run as
/// a formula are neutralized. `columns` picks and orders `Call` fields by name.
///
/// @example
/// ```ts
/// const csv = callsToCsv(calls, { columns: ["id", "status", "createdAt", "durationSeconds", "costUsd"] });
/// download(new Blob([csv], { type: "text/csv" }));
/// ```
#[wasm_bindgen(js_name = callsToCsv)]
pub fn calls_to_csv(
    #[wasm_bindgen(unchecked_param_type = "readonly Call[]")] calls: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: JsValue,
) -> Result<String, TruedyError> {
    let options = core_options::<CsvOptions>(&options, "options")?;
    let columns = export::resolve_columns(options.columns.as_deref())?;
    let layout = CsvLayout::new(&columns);
    let packed = Packed::read(
        &calls,
        "calls",
        &layout.texts.join(","),
        &layout.numbers.join(","),
    )?;
    // Transcripts and free-form objects cross as whole values, only when asked for.
    let objects = match layout.objects.is_empty() {
        true => None,
        false => Some(Tape::of_cells(&calls, &layout.objects.join(","))?),
    };
    let objects = objects.as_ref().map(Tape::tree).transpose()?;
    let object_rows: Vec<Node<'_, '_>> = objects
        .as_ref()
        .map_or(Vec::new(), |tree| tree.root().items().collect());
    let rows = (0..packed.rows()).map(|row| PackedRow {
        packed: &packed,
        objects: object_rows.get(row).copied(),
        layout: &layout,
        row,
    });
    Ok(export::write_csv(&columns, rows))
}

/// What a dashboard header shows: counts by status, outcome and direction, total and mean
/// cost (USD), total and mean duration, and p50/p90 duration (nearest rank). With
/// `groupBy`, the same summary for each agent, day, hour, status, direction or outcome, as
/// an ordered list of `{ key, summary }` (days and hours in UTC, or in `timeZone`). Throws a
/// `TruedyError` (kind `invalid_argument`) for a value that is not an array of calls, an
/// unknown `groupBy` or a time zone the runtime does not know.
///
/// @example
/// ```ts
/// const { count, byStatus, totalCostUsd, p90DurationSeconds } = summarizeCalls(page.data);
/// for (const { key, summary } of summarizeCalls(calls, { groupBy: "day", timeZone: "America/New_York" })) {
///   console.log(key, summary.count, summary.totalCostUsd);
/// }
/// ```
#[wasm_bindgen(js_name = summarizeCalls, unchecked_return_type = "CallSummary")]
pub fn summarize_calls(
    #[wasm_bindgen(unchecked_param_type = "readonly Call[]")] calls: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SummaryOptions")] options: JsValue,
) -> Result<JsValue, TruedyError> {
    let options = core_options::<SummaryOptions>(&options, "options")?;
    // Agent ids and creation times are only packed for groups.
    let texts = match options.group_by {
        None => "status,direction,outcome",
        Some(_) => "status,direction,outcome,agentId,createdAt",
    };
    let packed = Packed::read(
        &calls,
        "calls",
        texts,
        "costUsd,costCredits,durationSeconds",
    )?;
    let facts = (0..packed.rows()).map(|row| CallFacts {
        status: packed.string(row, 0).map_or(CallStatus::Unknown, status_of),
        direction: packed.string(row, 1).map(normalize_direction),
        outcome: packed.string(row, 2),
        cost_usd: packed.number(row, 0),
        cost_credits: packed.number(row, 1),
        duration_seconds: packed.number(row, 2),
        agent_id: packed.string(row, 3),
        created_ms: packed.string(row, 4).and_then(instant_ms),
    });
    let Some(by) = options.group_by else {
        return Ok(json_value(&summary::summarize(facts))?);
    };
    // Read once: the creation times go to the host for the zone's offsets, then to the core.
    let facts: Vec<CallFacts<'_>> = facts.collect();
    let offsets = match (&options.time_zone, by.is_by_time()) {
        (Some(zone), true) => {
            let instants: Vec<f64> = facts
                .iter()
                .map(|call| call.created_ms.map_or(f64::NAN, |ms| ms as f64))
                .collect();
            zone_offsets(&instants, zone).map_err(|e| thrown_error(e, "options.timeZone"))?
        }
        _ => Vec::new(),
    };
    // Offsets are whole minutes within a day; anything else counts as UTC.
    let offset = |row: usize| {
        offsets
            .get(row)
            .filter(|m| m.abs() <= 1_440.0)
            .map_or(0, |m| *m as i64)
    };
    let calls = facts
        .into_iter()
        .enumerate()
        .map(|(row, call)| (call, offset(row)));
    Ok(json_value(&summary::summarize_groups(calls, by))?)
}

/// Which packed field each CSV column is read from: its index among the string columns,
/// the number columns, or the object columns (transcripts and free-form objects).
struct CsvLayout {
    texts: Vec<&'static str>,
    numbers: Vec<&'static str>,
    objects: Vec<&'static str>,
    /// By `Column as usize`: where that column's value is.
    slots: Vec<usize>,
}

impl CsvLayout {
    fn new(columns: &[(&'static str, Column)]) -> Self {
        let mut layout = CsvLayout {
            texts: Vec::new(),
            numbers: Vec::new(),
            objects: Vec::new(),
            slots: vec![0; export::COLUMNS.len()],
        };
        for &(name, column) in columns {
            let list = match column.kind() {
                Kind::Text => &mut layout.texts,
                Kind::Number | Kind::Bool => &mut layout.numbers,
                Kind::Turns | Kind::Map => &mut layout.objects,
            };
            let index = list.iter().position(|n| *n == name).unwrap_or_else(|| {
                list.push(name);
                list.len() - 1
            });
            if let Some(slot) = layout.slots.get_mut(column as usize) {
                *slot = index;
            }
        }
        layout
    }

    fn slot(&self, column: Column) -> usize {
        self.slots.get(column as usize).copied().unwrap_or(0)
    }
}

/// One call of the packed argument, as a row of the export.
struct PackedRow<'a, 't, 'o> {
    packed: &'a Packed,
    /// The row's object columns, when any are asked for.
    objects: Option<Node<'t, 'o>>,
    layout: &'a CsvLayout,
    row: usize,
}

impl Row for PackedRow<'_, '_, '_> {
    fn cell(&self, column: Column) -> Cell<'_> {
        let slot = self.layout.slot(column);
        let object = || self.objects.and_then(|cells| cells.items().nth(slot));
        match column.kind() {
            Kind::Text => self
                .packed
                .string(self.row, slot)
                .map_or(Cell::Missing, Cell::Text),
            Kind::Number => self
                .packed
                .number(self.row, slot)
                .map_or(Cell::Missing, Cell::Number),
            Kind::Bool => self
                .packed
                .number(self.row, slot)
                .map_or(Cell::Missing, |x| Cell::Bool(x != 0.0)),
            Kind::Turns => object()
                .and_then(normalize::turns_of)
                .map_or(Cell::Missing, |turns| {
                    Cell::Turns(Cow::Owned(turns.to_turns()))
                }),
            Kind::Map => match object()
                .filter(|o| o.is_readable_object())
                .map(|o| o.to_value())
            {
                Some(serde_json::Value::Object(map)) => Cell::Map(Cow::Owned(map)),
                _ => Cell::Missing,
            },
        }
    }
}
