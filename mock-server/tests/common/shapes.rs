//! Helpers for the dialect tests.
#![allow(dead_code)]

use super::{cfg, start, Mock};
use serde_json::Value;
use std::collections::BTreeSet;
use truedy_mock::Config;
/// Every call of a 1,000-call dataset in `shape`, via pages of 100.
pub async fn all(m: &Mock, shape: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for offset in (0..1000).step_by(100) {
        let v = m
            .get_json(&format!("/calls?__shape={shape}&limit=100&offset={offset}"))
            .await;
        out.extend(v["data"].as_array().cloned().unwrap_or_default());
    }
    assert_eq!(out.len(), 1000);
    out
}

pub fn words(calls: &[Value], key: &str) -> BTreeSet<String> {
    calls
        .iter()
        .filter_map(|c| c[key].as_str().map(str::to_string))
        .collect()
}

pub fn set(xs: &[&str]) -> BTreeSet<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

pub fn has_keys(c: &Value, keys: &[&str]) {
    let o = c.as_object().expect("object");
    for k in keys {
        assert!(o.contains_key(*k), "missing `{k}` in {c}");
    }
}

pub fn lacks_keys(c: &Value, keys: &[&str]) {
    let o = c.as_object().expect("object");
    for k in keys {
        assert!(!o.contains_key(*k), "unexpected `{k}` in {c}");
    }
}

pub async fn big() -> Mock {
    start(Config {
        calls: 1000,
        ..cfg()
    })
    .await
}

pub fn first_with(calls: &[Value], pred: impl Fn(&Value) -> bool) -> &Value {
    calls.iter().find(|c| pred(c)).expect("a matching call")
}
