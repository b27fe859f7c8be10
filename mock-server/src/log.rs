//! The request log behind `GET /__requests`.

use axum::http::HeaderMap;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;

/// At most this many entries are kept; older ones are dropped (seq keeps counting).
pub const MAX_ENTRIES: usize = 10_000;

/// One recorded request to `/api/public/v1`.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// The raw query string, `""` when there is none.
    pub query: String,
    /// Lower-cased names; repeated headers joined with `, `.
    pub headers: BTreeMap<String, String>,
    /// The body as text, `null` when empty.
    pub body: Option<String>,
    /// The response status; `null` while the request is still being answered (e.g. `hang`).
    pub status: Option<u16>,
    pub at_ms: i64,
}

/// The log itself.
#[derive(Debug, Default)]
pub struct RequestLog {
    inner: Mutex<(u64, VecDeque<Entry>)>,
}

impl RequestLog {
    /// Record a request; returns its sequence number.
    pub fn record(
        &self,
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
        at_ms: i64,
    ) -> u64 {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in headers {
            let v = String::from_utf8_lossy(value.as_bytes()).into_owned();
            map.entry(name.as_str().to_string())
                .and_modify(|old| {
                    old.push_str(", ");
                    old.push_str(&v);
                })
                .or_insert(v);
        }
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.0 += 1;
        let seq = g.0;
        if g.1.len() >= MAX_ENTRIES {
            g.1.pop_front();
        }
        g.1.push_back(Entry {
            seq,
            method: method.to_string(),
            path: path.to_string(),
            query: query.unwrap_or("").to_string(),
            headers: map,
            body: (!body.is_empty()).then(|| String::from_utf8_lossy(body).into_owned()),
            status: None,
            at_ms,
        });
        seq
    }

    /// Fill in the response status of entry `seq`.
    pub fn finish(&self, seq: u64, status: u16) {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = g.1.iter_mut().rev().find(|e| e.seq == seq) {
            e.status = Some(status);
        }
    }

    /// Entries in order, filtered by path prefix and method (case-insensitive).
    pub fn list(&self, path_prefix: Option<&str>, method: Option<&str>) -> Vec<Entry> {
        let g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.1.iter()
            .filter(|e| path_prefix.is_none_or(|p| e.path.starts_with(p)))
            .filter(|e| method.is_none_or(|m| e.method.eq_ignore_ascii_case(m)))
            .cloned()
            .collect()
    }

    /// Forget every entry (the sequence keeps counting); returns how many there were.
    pub fn clear(&self) -> usize {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut g.1).len()
    }
}
