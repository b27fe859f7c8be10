//! The host's packed tape: what `packCalls`, `packBody` and `packValue` (js/runtime.js)
//! write, read here into a [`Tree`].

use super::keys::KEYS;
use super::{Entry, Key, Kind, Tree, MAX_DEPTH};

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

impl<'a> Tree<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Field;

    #[test]
    fn a_tape_reads_as_the_tree_it_describes() {
        // {"id": "c1", "duration_ms": 1500, "variables": <an object>} read as a call, with an
        // extra {"é": [null, true]} member written as a generic object.
        let tags = [
            tag::KNOWN,
            tag::STRING,
            tag::NUMBER,
            tag::OPAQUE_OBJECT,
            tag::OBJECT,
            tag::STRING,
            tag::ARRAY,
            tag::NULL,
            tag::TRUE,
        ];
        let (id, ms, vars, error) = (Field::Id, Field::DurationMs, Field::Variables, Field::Error);
        let counts = [
            4,
            id as u32,
            2,
            ms as u32,
            vars as u32,
            error as u32,
            1,
            1,
            2,
        ];
        let tree = Tree::from_tape(&tags, &counts, &[1500.0], "c1é").expect("a tree");
        let root = tree.root();
        assert_eq!(root.get("id").and_then(|n| n.as_str()), Some("c1"));
        assert_eq!(root.get("id").and_then(|n| n.key_index()), Some(id as u16));
        assert_eq!(
            root.get("duration_ms").and_then(|n| n.as_f64()),
            Some(1500.0)
        );
        let variables = root.get("variables").expect("variables");
        assert!(variables.is_object() && !variables.is_readable_object());
        let nested = root.get("error").and_then(|e| e.get("é")).expect("nested");
        assert_eq!(nested.items().count(), 2);
    }

    #[test]
    fn a_malformed_tape_is_refused_not_a_panic() {
        assert!(Tree::from_tape(&[], &[], &[], "").is_none());
        assert!(
            Tree::from_tape(&[tag::STRING], &[5], &[], "abc").is_none(),
            "text too short"
        );
        assert!(
            Tree::from_tape(&[tag::NUMBER], &[], &[], "").is_none(),
            "no number"
        );
        assert!(
            Tree::from_tape(&[tag::ARRAY], &[3], &[], "").is_none(),
            "missing items"
        );
        assert!(
            Tree::from_tape(&[tag::KNOWN, tag::NULL], &[1, 9999], &[], "").is_none(),
            "unknown key"
        );
        assert!(
            Tree::from_tape(&[42], &[], &[], "").is_none(),
            "unknown tag"
        );
        let deep = vec![tag::ARRAY; 200];
        assert!(
            Tree::from_tape(&deep, &vec![1; 200], &[], "").is_none(),
            "too deep"
        );
        // A string cut inside a multi-byte character: lengths count UTF-16 units.
        assert!(Tree::from_tape(&[tag::STRING], &[1], &[], "😀").is_none());
        let tree = Tree::from_tape(&[tag::STRING], &[2], &[], "😀").expect("one emoji");
        assert_eq!(tree.root().as_str(), Some("😀"));
    }
}
