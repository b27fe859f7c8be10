//! A JSON value the normalizer reads, borrowed from where it came from: one arena of nodes
//! in document order, strings borrowed (no allocation per string or per object).
//!
//! It is built from the host's packed tape in the wasm build ([`Tree::from_tape`]: the
//! fields the core reads of each call, one crossing) or from a `serde_json::Value` (native
//! callers and the small single-object replies). A node also knows the key it sits under,
//! as an index into [`KEYS`] when it is a known field, so that a result can point back at
//! the caller's own value instead of copying it (see [`crate::ops`]).

use serde_json::Value;

/// Declares [`KEYS`] and the [`Field`] that names each by its index.
macro_rules! keys {
    ($($field:ident = $name:literal : $pack:ident,)*) => {
        /// The fields the core reads, and how the host packs each: the keys of a call, of a
        /// transcript turn, and of a page envelope. A key's index in this table (its
        /// [`Field`]) is how the tape and the results name it.
        pub const KEYS: &[(&str, Pack)] = &[$(($name, Pack::$pack),)*];

        /// A known key, by its index in [`KEYS`].
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        pub enum Field { $($field,)* }
    };
}

keys! {
    // A call.
    Id = "id": Value,
    CallId = "call_id": Value,
    Status = "status": Value,
    CallStatus = "call_status": Value,
    Type = "type": Value,
    CallType = "call_type": Value,
    Direction = "direction": Value,
    ToNumber = "to_number": Value,
    To = "to": Value,
    CalledNumber = "called_number": Value,
    FromNumber = "from_number": Value,
    From = "from": Value,
    CallerNumber = "caller_number": Value,
    PhoneNumber = "phone_number": Value,
    AgentId = "agent_id": Value,
    CreatedAt = "created_at": Value,
    StartedAt = "started_at": Value,
    StartTimestamp = "start_timestamp": Value,
    StartTime = "start_time": Value,
    EndedAt = "ended_at": Value,
    EndTimestamp = "end_timestamp": Value,
    EndTime = "end_time": Value,
    UpdatedAt = "updated_at": Value,
    DurationSeconds = "duration_seconds": Value,
    DurationMs = "duration_ms": Value,
    CostUsd = "cost_usd": Value,
    CostCents = "cost_cents": Value,
    Cost = "cost": Value,
    CostBreakdown = "cost_breakdown": Value,
    CallCost = "call_cost": Value,
    CostCredits = "cost_credits": Value,
    Outcome = "outcome": Value,
    Summary = "summary": Value,
    ShortSummary = "short_summary": Value,
    Sentiment = "sentiment": Value,
    FailureReason = "failure_reason": Value,
    RecordingUrl = "recording_url": Value,
    TranscriptUrl = "transcript_url": Value,
    Transcript = "transcript": Turns,
    TranscriptObject = "transcript_object": Turns,
    Variables = "variables": Opaque,
    VarsProvided = "vars_provided": Opaque,
    VarsExtracted = "vars_extracted": Opaque,
    ExtractedVariables = "extracted_variables": Opaque,
    Context = "context": Opaque,
    Metadata = "metadata": Opaque,
    Latency = "latency": Value,
    LatencyBreakdown = "latency_breakdown": Value,
    CallSettings = "call_settings": Value,
    Data = "data": Calls,
    Meta = "meta": Value,
    Error = "error": Value,
    // A transcript turn (and `start_time`, above).
    Speaker = "speaker": Value,
    Role = "role": Value,
    Text = "text": Value,
    Content = "content": Value,
    Message = "message": Value,
    Timestamp = "timestamp": Value,
    Start = "start": Value,
    Time = "time": Value,
    TimestampMs = "timestamp_ms": Value,
    StartMs = "start_ms": Value,
    StartTimeMs = "start_time_ms": Value,
    // A page (and `data`, `meta`, `error`, above).
    Pagination = "pagination": Value,
    // A transcript payload (and `transcript`, `transcript_object`, `summary`, `data`, `meta`,
    // `error`, above).
    Turns = "turns": Turns,
}

impl Field {
    /// The key's index in [`KEYS`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The keys the host packs of an object read as a call: a call's fields, and the envelope's.
pub const CALL_FIELDS: std::ops::RangeInclusive<u16> = (Field::Id as u16)..=(Field::Error as u16);
/// The keys of an object read as a transcript turn.
pub const TURN_FIELDS: [Field; 12] = [
    Field::Speaker,
    Field::Role,
    Field::Text,
    Field::Content,
    Field::Message,
    Field::Timestamp,
    Field::Start,
    Field::Time,
    Field::StartTime,
    Field::TimestampMs,
    Field::StartMs,
    Field::StartTimeMs,
];
/// The keys the host packs of a reply body read as a page: the envelope's.
pub const PAGE_FIELDS: [Field; 4] = [Field::Data, Field::Pagination, Field::Meta, Field::Error];
/// How the host packs the value of a known key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    /// The whole value.
    Value,
    /// An object or array only as its kind: the core points at it, never reads it.
    Opaque,
    /// An object read as a call (its known keys only), or an array of such objects;
    /// anything else as a value.
    Calls,
    /// An array of turns (each object read as a turn); anything else as a value.
    Turns,
}

/// Tags of the packed tape, one per node in document order.
pub mod tag {
    /// `null` (also `undefined` in an array, as `JSON.stringify` writes it).
    pub const NULL: u8 = 0;
    /// `true`.
    pub const TRUE: u8 = 1;
    /// `false`.
    pub const FALSE: u8 = 2;
    /// A number: the next value of the numbers.
    pub const NUMBER: u8 = 3;
    /// A string: its UTF-16 length is the next count, its text the next segment.
    pub const STRING: u8 = 4;
    /// An array: its length is the next count; the items follow.
    pub const ARRAY: u8 = 5;
    /// An object: its number of members is the next count; each member is a STRING node
    /// (the key) followed by the value.
    pub const OBJECT: u8 = 6;
    /// An object of known keys: its number of members is the next count; each member is
    /// the key's index in `KEYS` (the next count) followed by the value.
    pub const KNOWN: u8 = 7;
    /// An object the core does not read.
    pub const OPAQUE_OBJECT: u8 = 8;
    /// An array the core does not read.
    pub const OPAQUE_ARRAY: u8 = 9;
}

/// A key as a tree holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Key<'a> {
    None,
    Known(u16),
    Text(&'a str),
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind<'a> {
    Null,
    Bool(bool),
    Number(f64),
    /// An integer of a `serde_json::Value` beyond what an `f64` holds exactly.
    Integer(i128),
    Str(&'a str),
    Array,
    Object,
    Opaque {
        array: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Entry<'a> {
    key: Key<'a>,
    kind: Kind<'a>,
    /// The index just past this node's subtree.
    end: u32,
}

/// A JSON value: its nodes in document order.
#[derive(Debug, Clone, Default)]
pub struct Tree<'a> {
    nodes: Vec<Entry<'a>>,
}

/// One node of a [`Tree`].
#[derive(Debug, Clone, Copy)]
pub struct Node<'t, 'a> {
    tree: &'t Tree<'a>,
    at: usize,
}

/// The largest integer an `f64` holds exactly (2^53).
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_992;

/// Nesting deeper than this is refused, as serde_json and the host's packer refuse it.
pub const MAX_DEPTH: usize = 128;

impl<'a> Tree<'a> {
    /// The tree of a `serde_json::Value`, borrowing its strings. Its known keys are found in
    /// [`KEYS`], so that results can point back at them; every object is read in full.
    pub fn from_value(value: &'a Value) -> Self {
        let mut tree = Tree::default();
        tree.push_value(Key::None, value);
        tree
    }

    fn push_value(&mut self, key: Key<'a>, value: &'a Value) {
        let at = self.nodes.len();
        let kind = match value {
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(n) => match n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)) {
                Some(i) if i.unsigned_abs() > MAX_SAFE_INTEGER as u128 => Kind::Integer(i),
                _ => Kind::Number(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Kind::Str(s),
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        };
        self.nodes.push(Entry { key, kind, end: 0 });
        match value {
            Value::Array(items) => items
                .iter()
                .for_each(|item| self.push_value(Key::None, item)),
            Value::Object(members) => {
                for (name, member) in members {
                    let key = match known_key(name) {
                        Some(index) => Key::Known(index),
                        None => Key::Text(name),
                    };
                    self.push_value(key, member);
                }
            }
            _ => {}
        }
        self.close(at);
    }

    fn close(&mut self, at: usize) {
        let end = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        if let Some(entry) = self.nodes.get_mut(at) {
            entry.end = end;
        }
    }

    /// The tree of the host's tape (see [`tag`]): `text` holds the strings one after the
    /// other, `counts` their UTF-16 lengths and the sizes of arrays and objects (and known
    /// keys' indices), `numbers` the numbers. `None` when the tape is malformed.
    pub fn from_tape(tags: &[u8], counts: &[u32], numbers: &[f64], text: &'a str) -> Option<Self> {
        let mut reader = Tape {
            tags,
            counts,
            numbers,
            text,
            ascii: text.is_ascii(),
            tag: 0,
            count: 0,
            number: 0,
            byte: 0,
        };
        let mut tree = Tree {
            nodes: Vec::with_capacity(tags.len()),
        };
        tree.push_tape(&mut reader, Key::None, 0)?;
        Some(tree)
    }

    fn push_tape(&mut self, tape: &mut Tape<'_, 'a>, key: Key<'a>, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let at = self.nodes.len();
        let tag = tape.next_tag()?;
        let kind = match tag {
            tag::NULL => Kind::Null,
            tag::TRUE => Kind::Bool(true),
            tag::FALSE => Kind::Bool(false),
            tag::NUMBER => Kind::Number(tape.next_number()?),
            tag::STRING => Kind::Str(tape.next_text()?),
            tag::ARRAY => Kind::Array,
            tag::OBJECT | tag::KNOWN => Kind::Object,
            tag::OPAQUE_OBJECT => Kind::Opaque { array: false },
            tag::OPAQUE_ARRAY => Kind::Opaque { array: true },
            _ => return None,
        };
        self.nodes.push(Entry { key, kind, end: 0 });
        if matches!(tag, tag::ARRAY | tag::OBJECT | tag::KNOWN) {
            for _ in 0..tape.next_count()? {
                let key = match tag {
                    tag::ARRAY => Key::None,
                    tag::OBJECT => match tape.next_tag()? {
                        tag::STRING => Key::Text(tape.next_text()?),
                        _ => return None,
                    },
                    _ => {
                        let index = u16::try_from(tape.next_count()?).ok()?;
                        KEYS.get(usize::from(index))?;
                        Key::Known(index)
                    }
                };
                self.push_tape(tape, key, depth + 1)?;
            }
        }
        self.close(at);
        Some(())
    }

    /// The root node (`null` for an empty tree).
    pub fn root(&self) -> Node<'_, 'a> {
        Node { tree: self, at: 0 }
    }
}

/// An integer as a JSON number (`i64` or `u64`, whichever holds it).
fn integer_value(i: i128) -> Value {
    match (i64::try_from(i), u64::try_from(i)) {
        (Ok(n), _) => Value::from(n),
        (_, Ok(n)) => Value::from(n),
        _ => Value::Null,
    }
}

/// The index in [`KEYS`] of a key, when it is one the core reads.
fn known_key(name: &str) -> Option<u16> {
    KEYS.iter()
        .position(|(key, _)| *key == name)
        .and_then(|i| u16::try_from(i).ok())
}

/// Reads the host's tape in order.
struct Tape<'t, 'a> {
    tags: &'t [u8],
    counts: &'t [u32],
    numbers: &'t [f64],
    text: &'a str,
    ascii: bool,
    tag: usize,
    count: usize,
    number: usize,
    byte: usize,
}

impl<'a> Tape<'_, 'a> {
    fn next_tag(&mut self) -> Option<u8> {
        let tag = *self.tags.get(self.tag)?;
        self.tag += 1;
        Some(tag)
    }

    fn next_count(&mut self) -> Option<u32> {
        let count = *self.counts.get(self.count)?;
        self.count += 1;
        Some(count)
    }

    fn next_number(&mut self) -> Option<f64> {
        let number = *self.numbers.get(self.number)?;
        self.number += 1;
        Some(number)
    }

    /// The next string: its length counts UTF-16 units, as JavaScript's `length` does.
    fn next_text(&mut self) -> Option<&'a str> {
        let units = self.next_count()? as usize;
        let start = self.byte;
        if self.ascii {
            self.byte = start.checked_add(units)?;
        } else {
            let mut left = units;
            while left > 0 {
                let c = self.text.get(self.byte..)?.chars().next()?;
                left = left.checked_sub(c.len_utf16())?;
                self.byte += c.len_utf8();
            }
        }
        self.text.get(start..self.byte)
    }
}

impl<'t, 'a> Node<'t, 'a> {
    fn entry(&self) -> Entry<'a> {
        self.tree.nodes.get(self.at).copied().unwrap_or(Entry {
            key: Key::None,
            kind: Kind::Null,
            end: 0,
        })
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<Node<'t, 'a>> {
        self.entries()
            .find(|(name, _)| *name == key)
            .map(|(_, node)| node)
    }

    /// The members of an object as (key, value), in order; nothing for anything else.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, Node<'t, 'a>)> + 't {
        self.children()
            .filter_map(|node| node.key().map(|key| (key, node)))
    }

    /// The items of an array, in order; nothing for anything else.
    pub fn items(&self) -> impl Iterator<Item = Node<'t, 'a>> + 't {
        let array = matches!(self.entry().kind, Kind::Array);
        self.children().filter(move |_| array)
    }

    fn children(&self) -> impl Iterator<Item = Node<'t, 'a>> + 't {
        let entry = self.entry();
        let tree = self.tree;
        let end = match entry.kind {
            Kind::Array | Kind::Object => entry.end as usize,
            _ => self.at + 1,
        };
        let mut next = self.at + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let node = Node { tree, at: next };
            next = (node.entry().end as usize).max(next + 1);
            Some(node)
        })
    }

    /// The key this node sits under in its object.
    pub fn key(&self) -> Option<&'a str> {
        match self.entry().key {
            Key::None => None,
            Key::Known(i) => KEYS.get(usize::from(i)).map(|(key, _)| *key),
            Key::Text(key) => Some(key),
        }
    }

    /// The key's index in [`KEYS`], when it is one the core reads.
    pub fn key_index(&self) -> Option<u16> {
        match self.entry().key {
            Key::Known(i) => Some(i),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.entry().kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self.entry().kind {
            Kind::Number(n) => Some(n),
            Kind::Integer(i) => Some(i as f64),
            _ => None,
        }
    }

    /// The number, if this is an integer (exactly, also beyond 2^53).
    pub fn as_integer(&self) -> Option<i128> {
        match self.entry().kind {
            Kind::Integer(i) => Some(i),
            Kind::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER as f64 => {
                Some(n as i128)
            }
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.entry().kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.entry().kind, Kind::Null)
    }

    /// Whether this is an object (read, or packed without its members).
    pub fn is_object(&self) -> bool {
        matches!(
            self.entry().kind,
            Kind::Object | Kind::Opaque { array: false }
        )
    }

    /// Whether this is an array (read, or packed without its items).
    pub fn is_array(&self) -> bool {
        matches!(
            self.entry().kind,
            Kind::Array | Kind::Opaque { array: true }
        )
    }

    /// Whether this object's members were read (not only its kind).
    pub fn is_readable_object(&self) -> bool {
        matches!(self.entry().kind, Kind::Object)
    }

    /// "an array", "a string", ...: what the value is, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self.entry().kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) | Kind::Integer(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Array | Kind::Opaque { array: true } => "an array",
            Kind::Object | Kind::Opaque { array: false } => "an object",
        }
    }

    /// The value as a `serde_json::Value` (an object packed without its members is `{}`).
    pub fn to_value(&self) -> Value {
        match self.entry().kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(b),
            Kind::Integer(i) => integer_value(i),
            Kind::Number(n) => match self.as_integer() {
                Some(i) => integer_value(i),
                None => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
            },
            Kind::Str(s) => Value::String(s.to_owned()),
            Kind::Array => Value::Array(self.items().map(|item| item.to_value()).collect()),
            Kind::Object => Value::Object(
                self.entries()
                    .map(|(key, value)| (key.to_owned(), value.to_value()))
                    .collect(),
            ),
            Kind::Opaque { array: true } => Value::Array(Vec::new()),
            Kind::Opaque { array: false } => Value::Object(serde_json::Map::new()),
        }
    }
}

/// The known fields of an object, found in one pass over its members.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'t, 'a> {
    node: Node<'t, 'a>,
    slots: [u32; KEYS.len()],
}

impl<'t, 'a> Fields<'t, 'a> {
    /// The known fields of `node` (none when it is not an object whose members were read).
    pub fn of(node: Node<'t, 'a>) -> Self {
        let mut slots = [u32::MAX; KEYS.len()];
        for member in node.children() {
            let index = match member.entry().key {
                Key::Known(i) => Some(usize::from(i)),
                Key::Text(name) => known_key(name).map(usize::from),
                Key::None => None,
            };
            if let Some(slot) = index.and_then(|i| slots.get_mut(i)) {
                *slot = u32::try_from(member.at).unwrap_or(u32::MAX);
            }
        }
        Fields { node, slots }
    }

    /// The value of `field`, when the object has it.
    pub fn get(&self, field: Field) -> Option<Node<'t, 'a>> {
        let at = *self.slots.get(field.index())?;
        (at != u32::MAX).then_some(Node {
            tree: self.node.tree,
            at: at as usize,
        })
    }

    /// The first of `fields` for which `f` gives a value: the first *usable* field wins,
    /// so a field of the wrong type falls through to the next accepted name.
    pub fn first<T>(&self, fields: &[Field], f: impl Fn(Node<'t, 'a>) -> Option<T>) -> Option<T> {
        fields
            .iter()
            .find_map(|&field| self.get(field).and_then(&f))
    }

    /// The object itself.
    pub fn node(&self) -> Node<'t, 'a> {
        self.node
    }
}
