//! listAllCalls's plan driven by any sequence of pages a server could answer with: it always
//! ends (no page asked for twice, never more than its ceiling) and never panics.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::paging::{PageInfo, Walk, MAX_PAGES};
use truedy_core::request::ListCallsParams;

#[derive(Arbitrary, Debug)]
struct Page {
    total: Option<u32>,
    limit: Option<u32>,
    has_more: bool,
    /// Ids on the page, from a small pool so that repeats happen.
    ids: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    limit: u8,
    offset: u16,
    max: Option<u16>,
    pages: Vec<Page>,
}

const IDS: [&str; 16] = [
    "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13", "c14",
    "c15",
];

fuzz_target!(|input: Input| {
    let params = ListCallsParams {
        limit: Some(f64::from(input.limit % 100 + 1)),
        offset: Some(f64::from(input.offset)),
        ..Default::default()
    };
    let Ok(mut walk) = Walk::<u8>::new(&params, input.max.map(|m| u32::from(m) + 1)) else {
        return;
    };
    let mut asked = std::collections::BTreeSet::new();
    // Enough answers to run far past any page list a fuzzer writes, few enough to stay fast.
    let mut answers = input.pages.iter().cycle().take(300);
    let mut requests = 0u32;
    while let Some(request) = walk.next_page() {
        requests += 1;
        assert!(requests <= MAX_PAGES + 1, "the walk did not end");
        assert!(
            asked.insert(request.offset),
            "offset {} asked for twice",
            request.offset
        );
        let Some(page) = answers.next() else { return };
        let calls = page
            .ids
            .iter()
            .map(|id| (IDS[usize::from(id % 16)].to_owned(), *id))
            .collect();
        let info = PageInfo {
            total: page.total,
            limit: page.limit,
            has_more: page.has_more,
        };
        if walk.record(request.offset, info, calls).is_err() {
            return;
        }
    }
    let _ = walk.finish();
});
