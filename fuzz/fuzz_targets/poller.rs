//! waitForCall's policy fed any options, statuses and server hints: a checked policy, delays
//! within its bounds, and done only on a terminal status.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::normalize::call_view;
use truedy_core::tree::Tree;
use truedy_core::wait::{Poller, WaitOptions, MAX_SERVER_HINT_MS};

#[derive(Arbitrary, Debug)]
struct Input {
    interval_ms: Option<f64>,
    max_interval_ms: Option<f64>,
    timeout_ms: Option<f64>,
    wait_for_transcript: Option<bool>,
    polls: Vec<(String, Option<f64>, bool)>,
}

fuzz_target!(|input: Input| {
    let options = WaitOptions {
        interval_ms: input.interval_ms,
        max_interval_ms: input.max_interval_ms,
        timeout_ms: input.timeout_ms,
        wait_for_transcript: input.wait_for_transcript,
    };
    let Ok(policy) = options.into_policy() else {
        return;
    };
    assert!(policy.interval_ms > 0.0 && policy.interval_ms <= policy.max_interval_ms);
    let mut poller = Poller::new(policy);
    for (status, hint, transcript) in input.polls {
        let value = serde_json::json!({
            "id": "c", "status": status,
            "transcript": if transcript { serde_json::json!([{ "speaker": "agent", "text": "hi" }]) } else { serde_json::Value::Null },
        });
        let tree = Tree::from_value(&value);
        let Ok(call) = call_view(tree.root()) else {
            continue;
        };
        let seen = poller.observe(&call);
        assert!(!seen.done || call.is_terminal());
        let delay = poller.next_delay_ms(hint);
        assert!(delay.is_finite() && delay > 0.0);
        assert!(delay <= policy.max_interval_ms.max(MAX_SERVER_HINT_MS));
    }
});
