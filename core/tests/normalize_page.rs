//! Pages: both pagination envelopes, `hasMore` inference, u32 pagination numbers, and a page
//! mixing every seed's call shape with non-object items.

use serde_json::{json, Value};
use truedy_core::model::{CallDirection, CallStatus};
use truedy_core::normalize::normalize_page;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn page_mixing_all_five_seed_shapes() {
    let seed000 = fixture("seed000_completed_call.json");
    let seed001 = fixture("seed001_list_response.json")["data"][1].clone();
    let seed002 = fixture("seed002_list_response.json")["data"][1].clone();
    let seed003 = fixture("seed003_list_response.json")["data"][0].clone();
    let seed004 = fixture("seed004_phone_call.json");
    let raw = json!({
        "data": [seed000, 17, seed001, "call_x", seed002, null, seed003, [], seed004,
                 fixture("seed004_web_call.json"), {"data": {"id": "enveloped", "status": "busy"}}],
        "pagination": {"total": 40, "limit": 11, "offset": 0},
        "meta": {"request_id": "req_mix", "total": 9999}
    });
    let page = normalize_page(raw).unwrap();
    let ids: Vec<_> = page.data.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "call_01hx3k9p2qw7v8n4m6j5r0y1tz",
            "f89052b2-3467-4a34-b4e3-e5d1571cbb36",
            "call_01hx3m2b7c8d9e0f1g2h3j4k5m",
            "call_a1b2c3d4",
            "7d1c3f0e-2b4a-4c5d-9e8f-0a1b2c3d4e5f",
            "e3b0c442-98fc-4c14-9afb-f4c8996fb924",
            "",
        ],
        "non-objects dropped, order kept"
    );
    let statuses: Vec<_> = page.data.iter().map(|c| c.status).collect();
    {
        use CallStatus::*;
        assert_eq!(
            statuses,
            [Ended, Failed, Failed, Ended, Ended, InProgress, Unknown]
        );
    }
    let directions: Vec<_> = page.data.iter().map(|c| c.direction).collect();
    {
        use CallDirection::*;
        assert_eq!(
            directions,
            [
                Some(Outbound),
                Some(Outbound),
                Some(Webrtc),
                Some(Outbound),
                Some(Inbound),
                Some(Webrtc),
                None
            ]
        );
    }
    let costs: Vec<_> = page
        .data
        .iter()
        .map(|c| c.cost_usd.is_some() || c.cost_credits.is_some())
        .collect();
    assert_eq!(costs, [true, true, true, true, true, true, false]);
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(40), Some(11), Some(0))
    );
    assert!(page.has_more, "11 items sent (4 dropped): 0 + 11 < 40");
    assert_eq!(page.request_id.as_deref(), Some("req_mix"));
}

#[test]
fn has_more_rules() {
    let more = |raw: Value| normalize_page(raw).unwrap().has_more;
    let two = json!([{"id": "a"}, {"id": "b"}]);
    // explicit boolean wins, even against the arithmetic
    assert!(more(
        json!({"data": two, "pagination": {"has_more": true, "total": 2, "offset": 0}})
    ));
    assert!(!more(
        json!({"data": two, "pagination": {"has_more": false, "total": 99, "offset": 0}})
    ));
    assert!(more(json!({"data": two, "meta": {"has_more": true}})));
    // a non-boolean has_more is ignored
    assert!(more(
        json!({"data": two, "pagination": {"has_more": "false", "total": 99, "offset": 0}})
    ));
    // offset + n < total
    assert!(more(
        json!({"data": two, "meta": {"total": 5, "offset": 2}})
    ));
    assert!(!more(
        json!({"data": two, "meta": {"total": 4, "offset": 2}})
    ));
    // total without offset: fall back to the limit rule
    assert!(more(
        json!({"data": two, "meta": {"total": 50, "limit": 2}})
    ));
    assert!(!more(
        json!({"data": two, "meta": {"total": 50, "limit": 3}})
    ));
    // limit only
    assert!(more(json!({"data": two, "pagination": {"limit": 2}})));
    assert!(!more(json!({"data": two, "pagination": {"limit": 20}})));
    // nothing known
    assert!(!more(json!({"data": two})));
    assert!(!more(two.clone()));
    // an empty page never infers more
    assert!(!more(
        json!({"data": [], "meta": {"total": 847, "offset": 100, "limit": 0}})
    ));
    assert!(!more(json!({"data": [], "pagination": {"limit": 0}})));
}

#[test]
fn pagination_numbers_must_be_u32_integers() {
    let page = normalize_page(json!({
        "data": [],
        "pagination": {"total": -1, "limit": 2.5, "offset": "10"},
        "meta": {"total": 4294967296u64, "limit": 50.0, "offset": 7}
    }))
    .unwrap();
    assert_eq!(page.total, None, "negative, then too large");
    assert_eq!(
        page.limit,
        Some(50),
        "2.5 is not an integer; meta's 50.0 is"
    );
    assert_eq!(page.offset, Some(7), "a string is not a number here");
    let page = normalize_page(json!({"data": [], "pagination": {"total": 4294967295u64}})).unwrap();
    assert_eq!(page.total, Some(u32::MAX));
}

#[test]
fn pagination_wins_over_meta_and_meta_fills_gaps() {
    let page = normalize_page(json!({
        "data": [{"id": "a"}],
        "pagination": {"total": 10, "limit": null},
        "meta": {"total": 20, "limit": 5, "offset": 3, "request_id": 12}
    }))
    .unwrap();
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(10), Some(5), Some(3))
    );
    assert!(page.has_more, "3 + 1 < 10");
    assert_eq!(page.request_id, None, "a non-string request_id is ignored");
}

#[test]
fn page_items_with_broken_fields_still_normalize() {
    let page = normalize_page(json!({"data": [
        {"id": 1, "status": 5, "duration_seconds": "abc", "transcript": "Agent: hi"},
        {},
        {"data": null}
    ]}))
    .unwrap();
    assert_eq!(page.data.len(), 3);
    assert_eq!(page.data[0].id, "1");
    assert_eq!(page.data[0].transcript.as_ref().unwrap()[0].text, "hi");
    assert_eq!(
        page.data[2].raw,
        json!({"data": null}),
        "items are never unwrapped or rejected"
    );
}
