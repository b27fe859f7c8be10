//! Any tape, as the host could pack it (or a bug could): it reads as a tree or is refused,
//! and whatever tree it gives normalizes without a panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::normalize::{call_view, page_view, transcript_of};
use truedy_core::ops::Ops;
use truedy_core::tree::Tree;

#[derive(Arbitrary, Debug)]
struct Tape {
    tags: Vec<u8>,
    counts: Vec<u32>,
    numbers: Vec<f64>,
    text: String,
}

fuzz_target!(|tape: Tape| {
    // Mostly small tags and counts, as a real tape has, so that deep structures are reached.
    let tags: Vec<u8> = tape.tags.iter().map(|t| t % 11).collect();
    let counts: Vec<u32> = tape.counts.iter().map(|c| c % 80).collect();
    let Some(tree) = Tree::from_tape(&tags, &counts, &tape.numbers, &tape.text) else {
        return;
    };
    let root = tree.root();
    let mut ops = Ops::default();
    if let Ok(call) = call_view(root) {
        ops.call(&call);
    }
    if let Ok(page) = page_view(root) {
        ops.page(&page);
    }
    let _ = transcript_of(root);
    let _ = root.to_value();
});
