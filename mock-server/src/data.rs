//! The seeded dataset and the in-memory store of calls.

use crate::lifecycle::fate_for;
use crate::model::{Call, Detail, Direction, Fate, Latency, Plan, Status};
use crate::text::{self, Agent, Rng, AGENTS, AREA_CODES, COMPANIES, FIRST_NAMES, OUTCOMES};
use crate::time::{DAY_MS, REFERENCE_MS};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

const STREAM_SEEDED: u64 = 1;
const STREAM_CREATED: u64 = 2;

/// All calls, newest first, plus idempotency keys.
#[derive(Debug, Default)]
pub struct Store {
    pub calls: Vec<Call>,
    pub idempotency: HashMap<String, String>,
    seed: u64,
    created: u64,
}

impl Store {
    /// `n` seeded calls for `seed`, newest first.
    pub fn seeded(n: usize, seed: u64) -> Self {
        let mut calls: Vec<Call> = (0..n as u64).map(|i| seeded_call(seed, i)).collect();
        calls.sort_by(|a, b| {
            b.created_ms
                .cmp(&a.created_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        Store {
            calls,
            idempotency: HashMap::new(),
            seed,
            created: 0,
        }
    }

    /// Find a call by id.
    pub fn get(&self, id: &str) -> Option<&Call> {
        self.calls.iter().find(|c| c.id == id)
    }

    /// Find a call by id, mutably.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Call> {
        self.calls.iter_mut().find(|c| c.id == id)
    }

    /// Remove a call by id; returns whether it existed.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.calls.len();
        self.calls.retain(|c| c.id != id);
        before != self.calls.len()
    }

    /// Insert a call keeping newest-first order (a new call goes before older and equal ones).
    pub fn insert(&mut self, call: Call) {
        let at = self
            .calls
            .partition_point(|c| c.created_ms > call.created_ms);
        self.calls.insert(at, call);
    }

    /// A fresh id and generator for the next created call.
    pub fn next_created(&mut self) -> Rng {
        self.created += 1;
        Rng::for_item(self.seed, STREAM_CREATED, self.created)
    }
}

fn contact_number(r: &mut Rng) -> String {
    match r.range(0, 9) {
        0 => format!("+447700900{:03}", r.range(0, 999)),
        1 => format!("+61491570{:03}", r.range(0, 999)),
        _ => format!("+1{}555{:04}", r.pick(&AREA_CODES), r.range(100, 9999)),
    }
}

fn latency(r: &mut Rng) -> Latency {
    let vad = r.range(250, 600) as u32;
    let stt = r.range(40, 180) as u32;
    let llm_start = r.range(180, 550) as u32;
    let llm_first = llm_start + r.range(120, 400) as u32;
    let tts = r.range(70, 240) as u32;
    let send = r.range(8, 40) as u32;
    let total = vad + stt + llm_first + tts / 2 + send;
    [vad, stt, llm_start, llm_first, tts, send, total]
}

fn variables(r: &mut Rng, first: &str, outbound: bool) -> BTreeMap<String, String> {
    let mut v = BTreeMap::new();
    if outbound || r.chance(30) {
        v.insert("first_name".to_string(), first.to_string());
    }
    if outbound {
        v.insert("company".to_string(), r.pick(&COMPANIES).to_string());
        if r.chance(50) {
            v.insert(
                "appointment_time".to_string(),
                format!(
                    "{}pm {}",
                    r.range(1, 5),
                    r.pick(&["Monday", "Tuesday", "Thursday", "Friday"])
                ),
            );
        }
    }
    v
}

fn extracted(r: &mut Rng, outcome: Option<&str>) -> BTreeMap<String, String> {
    let mut v = BTreeMap::new();
    match outcome {
        Some("interested") => {
            v.insert(
                "interest_level".to_string(),
                r.pick(&["high", "medium"]).to_string(),
            );
            v.insert(
                "email_confirmed".to_string(),
                r.pick(&["true", "false"]).to_string(),
            );
        }
        Some("callback-requested") => {
            v.insert(
                "callback_time".to_string(),
                r.pick(&["tomorrow afternoon", "next week", "Friday 10am"])
                    .to_string(),
            );
        }
        Some("not-interested") => {
            v.insert("interest_level".to_string(), "none".to_string());
        }
        _ => {}
    }
    v
}

/// The kind of call the first indices always are, so every dataset of at least this many
/// calls holds each direction and each way of ending (each failure word of every dialect).
const COVERAGE: [(Direction, Status, Detail); 14] = [
    (Direction::Outbound, Status::Failed, Detail::Busy),
    (Direction::Outbound, Status::Failed, Detail::NoAnswer),
    (Direction::Outbound, Status::Failed, Detail::Error),
    (Direction::Outbound, Status::Failed, Detail::InvalidNumber),
    (Direction::Outbound, Status::Cancelled, Detail::Cancelled),
    (Direction::Outbound, Status::Ended, Detail::Voicemail),
    (Direction::Outbound, Status::Ended, Detail::AgentHangup),
    (Direction::Inbound, Status::Ended, Detail::UserHangup),
    (Direction::Inbound, Status::Ended, Detail::Inactivity),
    (Direction::Webrtc, Status::Ended, Detail::ErrorInactivity),
    (Direction::Webrtc, Status::Cancelled, Detail::Cancelled),
    (Direction::Inbound, Status::Queued, Detail::None),
    (Direction::Outbound, Status::Ringing, Detail::None),
    (Direction::Webrtc, Status::InProgress, Detail::None),
];

/// A random kind of call from three rolls (direction 0..=99, status 0..=999, detail 0..=99).
fn random_kind(dir_roll: i64, roll: i64, detail_roll: i64) -> (Direction, Status, Detail) {
    let direction = match dir_roll {
        0..=69 => Direction::Outbound,
        70..=89 => Direction::Inbound,
        _ => Direction::Webrtc,
    };
    let (status, detail) = match roll {
        0..=759 => (Status::Ended, Detail::AgentHangup),
        760..=809 => (Status::Failed, Detail::Busy),
        810..=869 => (Status::Failed, Detail::NoAnswer),
        870..=879 => (Status::Failed, Detail::Error),
        880..=889 => (Status::Failed, Detail::InvalidNumber),
        890..=929 => (Status::Cancelled, Detail::Cancelled),
        930..=959 => (Status::InProgress, Detail::None),
        960..=979 => (Status::Queued, Detail::None),
        _ => (Status::Ringing, Detail::None),
    };
    // WebRTC calls cannot be busy, unanswered or ringing: they end or were cancelled. An
    // inbound caller's number cannot be invalid: that failure is an error.
    let (status, detail) = match (direction, status, detail) {
        (Direction::Webrtc, Status::Failed, _) => (Status::Cancelled, Detail::Cancelled),
        (Direction::Webrtc, Status::Ringing, _) => (Status::InProgress, Detail::None),
        (Direction::Inbound, Status::Failed, Detail::InvalidNumber) => {
            (Status::Failed, Detail::Error)
        }
        _ => (status, detail),
    };
    let detail = match (status, direction, detail_roll) {
        (Status::Ended, Direction::Outbound, 0..=14) => Detail::Voicemail,
        (Status::Ended, _, 15..=49) => Detail::UserHangup,
        (Status::Ended, _, 50..=54) => Detail::Inactivity,
        (Status::Ended, _, 55..=57) => Detail::ErrorInactivity,
        _ => detail,
    };
    (direction, status, detail)
}

/// Call `index` of the dataset for `seed` (independent of the dataset's size).
pub fn seeded_call(seed: u64, index: u64) -> Call {
    let mut r = Rng::for_item(seed, STREAM_SEEDED, index);
    let id = r.uuid();
    let a: &Agent = r.pick(&AGENTS);
    let (dir_roll, roll, detail_roll) = (r.range(0, 99), r.range(0, 999), r.range(0, 99));
    let covered = usize::try_from(index)
        .ok()
        .and_then(|i| COVERAGE.get(i).copied());
    let (direction, status, detail) =
        covered.unwrap_or_else(|| random_kind(dir_roll, roll, detail_roll));
    let created_ms = if status.is_active() {
        REFERENCE_MS - r.range(5_000, 600_000)
    } else {
        REFERENCE_MS - r.range(600_000, 90 * DAY_MS)
    };
    let first = *r.pick(&FIRST_NAMES);
    let (contact, line) = match direction {
        Direction::Webrtc => (None, None),
        _ => (Some(contact_number(&mut r)), Some(a.line.to_string())),
    };
    let queue_ms = r.range(800, 6000);
    let ring_ms = if direction == Direction::Webrtc {
        0
    } else {
        r.range(2000, 18_000)
    };
    let connected = matches!(status, Status::Ended | Status::InProgress);
    let outcome = match (status, detail) {
        (Status::Ended, Detail::Voicemail) => Some("voicemail"),
        (Status::Ended, Detail::Inactivity | Detail::ErrorInactivity) => Some("not-interested"),
        (Status::Ended, _) => Some(OUTCOMES[[0, 0, 0, 1, 1, 1, 2, 2][r.range(0, 7) as usize]]),
        (Status::Failed, Detail::NoAnswer | Detail::Busy) => Some("no-answer"),
        _ => None,
    };
    let turns = r.range(2, 12) as usize;
    let inbound = direction != Direction::Outbound;
    let transcript = if status == Status::Ended {
        text::transcript(
            &mut r,
            a,
            first,
            outcome.unwrap_or("interested"),
            inbound,
            turns,
        )
    } else {
        Vec::new()
    };
    let talk_ms = text::talk_ms(&mut r, &transcript);
    let started_ms = connected.then_some(created_ms + queue_ms + ring_ms);
    let ended_ms = match status {
        Status::Ended => started_ms.map(|s| s + talk_ms),
        Status::Failed => Some(created_ms + queue_ms + ring_ms.max(25_000)),
        Status::Cancelled => Some(created_ms + queue_ms / 2),
        _ => None,
    };
    let (summary, short_summary, sentiment) = text::summary(outcome.unwrap_or(""), first, a);
    let mut context = Map::new();
    if direction == Direction::Outbound {
        context.insert(
            "campaign_id".to_string(),
            Value::String(format!("batch_{}", r.hex(8))),
        );
        context.insert(
            "contact_id".to_string(),
            Value::String(format!("cnt_{}", r.hex(8))),
        );
    }
    Call {
        id,
        agent_id: a.id.to_string(),
        account_id: text::ACCOUNT_ID.to_string(),
        direction,
        contact_number: contact,
        line_number: line,
        created_ms,
        updated_ms: ended_ms.or(started_ms).unwrap_or(created_ms),
        plan: Plan::Fixed {
            status,
            detail,
            started_ms,
            ended_ms,
        },
        rate_cents_per_min: r.range(9, 15) as u32,
        outcome,
        summary,
        short_summary,
        sentiment,
        variables: variables(&mut r, first, direction == Direction::Outbound),
        extracted: extracted(&mut r, outcome),
        context,
        settings: Map::new(),
        recording_enabled: r.chance(92),
        transcription_enabled: r.chance(95),
        transcript,
        latency: latency(&mut r),
        gender: if r.chance(10) {
            None
        } else {
            Some(*r.pick(&["female", "male"]))
        },
    }
}

/// What `POST /calls` asked for, already validated.
#[derive(Clone, Debug, Default)]
pub struct NewCall {
    pub agent_id: String,
    pub phone_number: String,
    pub from_number: Option<String>,
    pub variables: BTreeMap<String, String>,
    pub recording_enabled: bool,
    pub transcription_enabled: bool,
    pub settings: Map<String, Value>,
}

/// A call created through the API at `now_ms`. Everything the call will say is derived from
/// the destination number, so a test can rely on it.
pub fn created_call(store: &mut Store, req: NewCall, a: &Agent, now_ms: i64) -> Call {
    let mut r = store.next_created();
    let id = r.uuid();
    let fate = fate_for(&req.phone_number);
    let mut nr = Rng::new(text::hash(&req.phone_number));
    let first = req
        .variables
        .get("first_name")
        .cloned()
        .unwrap_or_else(|| nr.pick(&FIRST_NAMES).to_string());
    let outcome = match fate {
        Fate::Busy | Fate::NoAnswer => Some("no-answer"),
        Fate::Error | Fate::InvalidNumber | Fate::Forever => None,
        Fate::Voicemail => Some("voicemail"),
        Fate::Complete | Fate::NoTranscript => Some(*nr.pick(&OUTCOMES)),
    };
    let turns = nr.range(2, 12) as usize;
    let transcript = text::transcript(
        &mut nr,
        a,
        &first,
        outcome.unwrap_or("interested"),
        false,
        turns,
    );
    let (summary, short_summary, sentiment) = text::summary(outcome.unwrap_or(""), &first, a);
    Call {
        id,
        agent_id: a.id.to_string(),
        account_id: text::ACCOUNT_ID.to_string(),
        direction: Direction::Outbound,
        contact_number: Some(req.phone_number),
        line_number: Some(req.from_number.unwrap_or_else(|| a.line.to_string())),
        created_ms: now_ms,
        updated_ms: now_ms,
        plan: Plan::Live {
            fate,
            talk_ticks: 1,
        },
        rate_cents_per_min: 12,
        outcome,
        summary,
        short_summary,
        sentiment,
        variables: req.variables,
        extracted: extracted(&mut nr, outcome),
        context: Map::new(),
        settings: req.settings,
        recording_enabled: req.recording_enabled,
        transcription_enabled: req.transcription_enabled,
        transcript,
        latency: latency(&mut nr),
        gender: Some(*nr.pick(&["female", "male"])),
    }
}

/// A call of `--live`'s call center, started at `now_ms`: a random agent and contact, mostly
/// answered and talking 3 to 20 ticks, some busy, unanswered, in voicemail or failing (the
/// magic numbers' fates), a third of them inbound.
pub fn live_call(store: &mut Store, now_ms: i64) -> Call {
    let mut r = store.next_created();
    let a = r.pick(&AGENTS);
    let fate_tail = match r.range(0, 99) {
        0..=9 => "0002",
        10..=17 => "0003",
        18..=22 => "0006",
        23..=24 => "0007",
        _ => "",
    };
    let contact = format!("+1415{:07}", r.range(1_000_000, 9_999_999));
    let phone_number = match fate_tail {
        "" => contact,
        tail => format!(
            "{}{tail}",
            contact.get(..contact.len() - 4).unwrap_or("+1415555")
        ),
    };
    let talk_ticks = r.range(3, 20);
    let inbound = r.chance(33);
    let mut call = created_call(
        store,
        NewCall {
            agent_id: a.id.to_string(),
            phone_number,
            from_number: None,
            variables: BTreeMap::new(),
            recording_enabled: true,
            transcription_enabled: true,
            settings: Map::new(),
        },
        a,
        now_ms,
    );
    if let Plan::Live { fate, .. } = call.plan {
        call.plan = Plan::Live { fate, talk_ticks };
    }
    if inbound {
        call.direction = Direction::Inbound;
    }
    call
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_prefix_stable() {
        let a = Store::seeded(50, 42);
        let b = Store::seeded(50, 42);
        assert_eq!(a.calls, b.calls);
        assert_eq!(seeded_call(42, 7), seeded_call(42, 7));
        assert_ne!(seeded_call(42, 7).id, seeded_call(43, 7).id);
        assert!(a
            .calls
            .windows(2)
            .all(|w| w[0].created_ms >= w[1].created_ms));
    }

    #[test]
    fn the_first_calls_cover_every_kind() {
        for seed in [1, 42, 7] {
            let kinds: Vec<(Direction, Status, Detail)> = (0..COVERAGE.len() as u64)
                .map(|i| {
                    let c = seeded_call(seed, i);
                    match c.plan {
                        Plan::Fixed { status, detail, .. } => (c.direction, status, detail),
                        Plan::Live { .. } => panic!("seeded calls are fixed"),
                    }
                })
                .collect();
            assert_eq!(kinds, COVERAGE.to_vec());
        }
    }

    #[test]
    fn transcripts_have_2_to_12_turns() {
        let s = Store::seeded(300, 1);
        for c in s.calls.iter().filter(|c| !c.transcript.is_empty()) {
            assert!(
                (2..=12).contains(&c.transcript.len()),
                "{}",
                c.transcript.len()
            );
            assert!(c.transcript.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
        }
    }
}
