//! Any text, as the transport receives a body: every reading of it (call, page, transcript,
//! the small payloads, an error body) gives a value or an error, never a panic, and the
//! results can be written for the host.
#![no_main]

use libfuzzer_sys::fuzz_target;
use truedy_core::endpoint::Reply;
use truedy_core::normalize::{self, call_view, page_view};
use truedy_core::ops::Ops;
use truedy_core::response::http_error;
use truedy_core::tree::Tree;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        let _ = http_error(502, None, &text, None, None);
        return;
    };
    let tree = Tree::from_value(&value);
    let root = tree.root();
    let mut ops = Ops::default();
    if let Ok(call) = call_view(root) {
        ops.call(&call);
        let _ = call.to_call();
        let _ = call.transcript_settled();
    }
    if let Ok(page) = page_view(root) {
        ops.page(&page);
        let _ = page.to_page();
    }
    for reply in [
        Reply::Transcript,
        Reply::RecordingUrl,
        Reply::BulkDelete,
        Reply::Call,
        Reply::Page,
    ] {
        let _ = reply.decode(root);
    }
    let _ = http_error(400, Some(root), &text, None, None);
    let _ = normalize::normalize_call(value.clone());
    let _ = normalize::normalize_page(value.clone());
    let _ = normalize::normalize_transcript(value.clone());
    let _ = normalize::normalize_turns(&value);
    let _ = normalize::normalize_time(&value);
});
