//! Any calls (from any JSON array) and any column list: CSV or a clear error, never a panic,
//! and every row ends in CRLF.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::export::{calls_to_csv, CsvOptions, COLUMNS};
use truedy_core::normalize::normalize_call;

#[derive(Arbitrary, Debug)]
struct Input {
    payloads: Vec<String>,
    columns: Option<Vec<u8>>,
    odd_column: Option<String>,
}

fuzz_target!(|input: Input| {
    let calls: Vec<_> = input
        .payloads
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .filter_map(|value| normalize_call(value).ok())
        .collect();
    let mut columns: Option<Vec<String>> = input.columns.map(|picks| {
        picks
            .iter()
            .map(|&i| COLUMNS[usize::from(i) % COLUMNS.len()].0.to_owned())
            .collect()
    });
    if let (Some(list), Some(odd)) = (&mut columns, input.odd_column) {
        list.push(odd);
    }
    if let Ok(csv) = calls_to_csv(&calls, &CsvOptions { columns }) {
        assert!(csv.ends_with("\r\n"));
    }
});
