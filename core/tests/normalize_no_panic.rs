//! Random JSON through every normalizer: never a panic, objects always give a call, and the
//! canonical invariants hold. A fixed-seed generator keeps the test deterministic.

use serde_json::{json, Map, Value};
use truedy_core::normalize::{
    is_terminal_status, normalize_call, normalize_page, normalize_status, normalize_time,
    normalize_transcript, normalize_turns,
};

/// xorshift64*: small, deterministic, good enough to shake the normalizers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const KEYS: &[&str] = &[
    "id",
    "call_id",
    "status",
    "direction",
    "type",
    "agent_id",
    "phone_number",
    "to",
    "from",
    "to_number",
    "from_number",
    "created_at",
    "started_at",
    "ended_at",
    "start_timestamp",
    "end_timestamp",
    "duration_seconds",
    "duration_ms",
    "cost_usd",
    "cost_cents",
    "cost_credits",
    "cost",
    "transcript",
    "speaker",
    "role",
    "text",
    "content",
    "timestamp",
    "variables",
    "vars_provided",
    "vars_extracted",
    "context",
    "metadata",
    "latency",
    "vad_delay_ms",
    "data",
    "meta",
    "pagination",
    "total",
    "limit",
    "offset",
    "has_more",
    "request_id",
    "error",
    "summary",
    "total_cost",
];

const STRINGS: &[&str] = &[
    "",
    " ",
    "ended",
    "In-Progress",
    "web_call",
    "incoming",
    "Agent: hi\nUser: yo\nmore",
    "[1.5s] Bot: x",
    "2024-04-05T14:22:01Z",
    "2024-04-05T14:22:01+02:00",
    "2024-02-30",
    "1712327001000",
    "-1",
    "183.5",
    "99999999999999999999",
    "é",
    "\u{0}",
    "::",
    "[",
    "]:",
    "9999-12-31T23:59:59-23:59",
];

fn value(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth > 3 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64 >> rng.below(64)),
        3 => json!(f64::from_bits(rng.next()).clamp(-1e300, 1e300)),
        4 | 5 => json!(rng.pick(STRINGS)),
        6 => Value::Array((0..rng.below(5)).map(|_| value(rng, depth + 1)).collect()),
        _ => object(rng, depth + 1),
    }
}

fn object(rng: &mut Rng, depth: u32) -> Value {
    let mut m = Map::new();
    for _ in 0..rng.below(10) {
        m.insert(rng.pick(KEYS).to_owned(), value(rng, depth + 1));
    }
    Value::Object(m)
}

#[test]
fn random_payloads_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let v = if rng.below(3) == 0 {
            value(&mut rng, 0)
        } else {
            object(&mut rng, 0)
        };
        if let Ok(call) = normalize_call(v.clone()) {
            assert_eq!(call.is_terminal, is_terminal_status(call.status));
            assert!(call
                .duration_seconds
                .map_or(true, |d| d >= 0.0 && d.is_finite()));
            assert!(call.cost_usd.map_or(true, |c| c >= 0.0 && c.is_finite()));
            if let Some(detail) = &call.status_detail {
                assert_eq!(normalize_status(detail).status, call.status);
            }
            for t in [
                &call.created_at,
                &call.started_at,
                &call.ended_at,
                &call.updated_at,
            ]
            .into_iter()
            .flatten()
            {
                assert!(t.ends_with('Z') && t.len() >= 20, "{t}");
                assert_eq!(
                    normalize_time(&json!(t)).as_deref(),
                    Some(t.as_str()),
                    "stable"
                );
            }
        } else {
            assert!(
                !v.is_object() || v.get("data").is_some() || v.get("error").is_some(),
                "{v}"
            );
        }
        let _ = normalize_page(v.clone());
        let _ = normalize_transcript(v.clone());
        let _ = normalize_turns(&v);
        let _ = normalize_time(&v);
        if let Value::String(s) = &v {
            let _ = normalize_status(s);
        }
    }
}

#[test]
fn every_object_without_data_or_error_is_a_call() {
    let mut rng = Rng(42);
    for _ in 0..5_000 {
        let mut v = object(&mut rng, 0);
        if let Some(m) = v.as_object_mut() {
            m.remove("data");
            m.remove("error");
        }
        let call = normalize_call(v.clone()).unwrap();
        assert_eq!(call.raw, v);
    }
}
