//! The PRNG, the fixed agents and the text templates the dataset is built from.

use crate::model::{Speaker, Turn};

/// splitmix64: small, fast, good enough for test data, identical on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A generator for item `index` of stream `seed` (independent of how many items exist).
    pub fn for_item(seed: u64, stream: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= index.wrapping_mul(0xE703_7ED1_A0B4_28DB);
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1).max(1) as u64)) as i64
    }

    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next_u64() % xs.len() as u64) as usize]
    }

    /// A random lowercase hex string of `n` digits.
    pub fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[(self.next_u64() % 16) as usize]))
            .collect()
    }

    /// A UUID-v4-looking string.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }
}

/// FNV-1a, for choices derived from a string (mixed dialect, outcome of created calls).
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A voice agent of the simulated account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agent {
    pub id: &'static str,
    pub name: &'static str,
    pub company: &'static str,
    /// The agent's Truedy number.
    pub line: &'static str,
    /// What its calls are about.
    pub topic: &'static str,
}

/// The five agents; fixed across seeds so tests can hard-code an id.
pub const AGENTS: [Agent; 5] = [
    Agent {
        id: "1f4baf16-1540-4d91-9696-7f34b2f2cb77",
        name: "Aria",
        company: "Bright Dental",
        line: "+18005559876",
        topic: "your appointment on Thursday at 2pm",
    },
    Agent {
        id: "5c0d8e2a-7b13-4f6e-9a41-2d9e6b3c8f10",
        name: "Max",
        company: "Acme Solar",
        line: "+18005550142",
        topic: "lowering your energy bill with solar",
    },
    Agent {
        id: "9a7e4b21-3c5d-4e8f-b1a2-6d4c3b2a1f09",
        name: "Nova",
        company: "Northwind Bank",
        line: "+18005550177",
        topic: "your recent support request",
    },
    Agent {
        id: "c3b2a1f0-9e8d-4c7b-a6f5-4e3d2c1b0a98",
        name: "Leo",
        company: "Summit Insurance",
        line: "+18005550188",
        topic: "your policy renewal",
    },
    Agent {
        id: "e8f7a6b5-c4d3-4e2f-9a1b-0c9d8e7f6a54",
        name: "Iris",
        company: "Cedar Health",
        line: "+18005550199",
        topic: "a short satisfaction survey",
    },
];

/// The account every call belongs to (seed 004's `account_id`).
pub const ACCOUNT_ID: &str = "acct_7d2f91c4e0b3";

/// Look an agent up by id.
pub fn agent(id: &str) -> Option<&'static Agent> {
    AGENTS.iter().find(|a| a.id == id)
}

pub const FIRST_NAMES: [&str; 16] = [
    "Sarah", "James", "Maria", "David", "Aisha", "Tom", "Elena", "Kenji", "Priya", "Lucas",
    "Grace", "Omar", "Hannah", "Diego", "Mei", "Noah",
];
pub const COMPANIES: [&str; 8] = [
    "Acme Inc",
    "Globex",
    "Initech",
    "Umbrella Co",
    "Stark Labs",
    "Wayne Foods",
    "Hooli",
    "Vandelay",
];
pub const AREA_CODES: [&str; 10] = [
    "212", "415", "646", "312", "617", "305", "512", "206", "303", "702",
];

/// Outcome labels of connected calls, by weight.
pub const OUTCOMES: [&str; 3] = ["interested", "not-interested", "callback-requested"];

const CONTACT_BY_OUTCOME: [[&str; 4]; 3] = [
    [
        "Sure, I have a few minutes.",
        "That sounds good, tell me more.",
        "Yes, that works for me.",
        "Can you send me the details by email?",
    ],
    [
        "I'm not really interested, sorry.",
        "We already have something in place.",
        "Please take me off your list.",
        "Not right now, thanks.",
    ],
    [
        "I'm driving right now, can you call back later?",
        "Could you try me tomorrow afternoon?",
        "Now isn't a good time.",
        "Maybe next week?",
    ],
];
const CONTACT_NEUTRAL: [&str; 4] = [
    "Okay.",
    "Hmm, go on.",
    "Who did you say this was?",
    "What's this about?",
];
const AGENT_MIDDLE: [&str; 6] = [
    "I'm calling about {topic}.",
    "That makes sense. Is there anything else I can help with?",
    "Perfect, I've noted that down.",
    "I completely understand.",
    "I can send a summary to your email.",
    "Would Thursday at 2pm work for you?",
];
const AGENT_CLOSING: [&str; 3] = [
    "Wonderful, you'll get a confirmation shortly. Have a great day!",
    "No problem at all, thanks for your time {first}.",
    "Of course, I'll call you back tomorrow afternoon. Goodbye!",
];

fn fill(t: &str, first: &str, a: &Agent) -> String {
    t.replace("{first}", first)
        .replace("{agent}", a.name)
        .replace("{company}", a.company)
        .replace("{topic}", a.topic)
        .replace("{line}", a.line)
}

fn outcome_index(outcome: &str) -> usize {
    OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0)
}

/// A transcript of `turns` turns (2..=12), timed as if spoken.
pub fn transcript(
    rng: &mut Rng,
    a: &Agent,
    first: &str,
    outcome: &str,
    inbound: bool,
    turns: usize,
) -> Vec<Turn> {
    let mut lines: Vec<(Speaker, String)> = Vec::with_capacity(turns);
    if outcome == "voicemail" {
        lines.push((
            Speaker::Contact,
            format!("Hi, you've reached {first}. Leave a message after the tone."),
        ));
        lines.push((Speaker::Agent, fill("Hi {first}, this is {agent} from {company}, calling about {topic}. Please call us back at {line}. Thanks!", first, a)));
    } else {
        let greeting = if inbound {
            "Thanks for calling {company}, this is {agent}. How can I help you today?"
        } else {
            "Hi {first}, this is {agent} calling from {company}. Do you have a minute?"
        };
        lines.push((Speaker::Agent, fill(greeting, first, a)));
        let oi = outcome_index(outcome);
        for i in 1..turns {
            let last = i + 1 == turns;
            let line = if i % 2 == 1 {
                let pool: &[&str] = if last || rng.chance(60) {
                    &CONTACT_BY_OUTCOME[oi]
                } else {
                    &CONTACT_NEUTRAL
                };
                (Speaker::Contact, rng.pick(pool).to_string())
            } else if last {
                (Speaker::Agent, fill(AGENT_CLOSING[oi], first, a))
            } else {
                (
                    Speaker::Agent,
                    fill(rng.pick::<&str>(&AGENT_MIDDLE), first, a),
                )
            };
            lines.push(line);
        }
    }
    let mut at = rng.range(600, 2000);
    lines
        .into_iter()
        .map(|(speaker, text)| {
            let turn = Turn {
                speaker,
                text,
                at_ms: u32::try_from(at / 100 * 100).unwrap_or(0),
            };
            at += speaking_ms(&turn.text) + rng.range(300, 1800);
            turn
        })
        .collect()
}

/// Roughly how long a line takes to say (about 2.5 words a second).
pub fn speaking_ms(text: &str) -> i64 {
    text.split_whitespace().count() as i64 * 400
}

/// How long a call with this transcript lasted: the last turn's end plus some silence.
pub fn talk_ms(rng: &mut Rng, turns: &[Turn]) -> i64 {
    turns
        .last()
        .map_or(0, |t| i64::from(t.at_ms) + speaking_ms(&t.text))
        + rng.range(1500, 20_000)
}

/// `(summary, short_summary, sentiment)` for an outcome.
pub fn summary(outcome: &str, first: &str, a: &Agent) -> (String, String, &'static str) {
    let (long, short, sentiment) = match outcome {
        "interested" => (
            "{first} was interested in {topic}; {agent} sent a confirmation and follow-up details.",
            "Interested - follow-up sent",
            "positive",
        ),
        "not-interested" => (
            "{first} was not interested in {topic} and asked not to be contacted again.",
            "Not interested",
            "negative",
        ),
        "callback-requested" => (
            "{first} asked {agent} to call back at a better time about {topic}.",
            "Callback requested",
            "neutral",
        ),
        "voicemail" => (
            "Reached {first}'s voicemail; {agent} left a message about {topic}.",
            "Voicemail left",
            "neutral",
        ),
        _ => (
            "The call with {first} about {topic} ended without a clear outcome.",
            "No outcome",
            "neutral",
        ),
    };
    (fill(long, first, a), short.to_string(), sentiment)
}
