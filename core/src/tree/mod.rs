//! A JSON value the normalizer reads, borrowed from where it came from: one arena of nodes
//! in document order, strings borrowed (no allocation per string or per object).
//!
//! It is built from the host's packed tape in the wasm build ([`Tree::from_tape`]: the
//! fields the core reads of each call, one crossing) or from a `serde_json::Value` (native
//! callers and tests). A node also knows the key it sits under,
//! as an index into [`KEYS`] when it is a known field, so that a result can point back at
//! the caller's own value instead of copying it (see [`crate::ops`]).

mod keys;
mod tape;

use serde_json::Value;

use keys::known_key;
pub use keys::{
    Field, Pack, CALL_FIELDS, CONTEXT_FIELDS, DOCUMENTED_UNREAD, KEYS, PAGE_FIELDS, TURN_FIELDS,
};
pub use tape::tag;

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
