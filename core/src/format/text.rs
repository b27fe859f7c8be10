//! Character-level writers: escaping for each output style and speaker-label clean-up.
//! All of them work char by char (never by byte index), so nothing can split a UTF-8
//! sequence, and none of them allocates.

use std::borrow::Cow;

/// Replaces control characters (newlines, tabs, ...) in a label with spaces: a speaker
/// label is one line in every style.
pub(crate) fn clean_label(label: &str) -> Cow<'_, str> {
    if label.chars().any(char::is_control) {
        Cow::Owned(
            label
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(label)
    }
}

/// The label of a speaker the client does not know: the word as sent with its first
/// letter upper-cased (see [`upper_first`]), or `Unknown` when the word is empty.
pub(crate) fn capitalized_label(word: &str) -> Cow<'_, str> {
    let mut chars = word.chars();
    match chars.next() {
        None => Cow::Borrowed("Unknown"),
        Some(first) => {
            let mut s = String::with_capacity(word.len() + 2);
            match first {
                'ß' => s.push_str("SS"),
                other => s.push(upper_first(other)),
            }
            s.push_str(chars.as_str());
            match clean_label(&s) {
                Cow::Borrowed(_) => Cow::Owned(s),
                Cow::Owned(cleaned) => Cow::Owned(cleaned),
            }
        }
    }
}

/// The capital of a letter of the Latin (Basic, Latin-1, Extended-A), Greek or Cyrillic
/// alphabets; any other character as it is. Arithmetic on the code point instead of
/// `char::to_uppercase`, whose Unicode tables would add about 14 KB to the wasm for the
/// first letter of an unusual speaker word.
pub(crate) fn upper_first(c: char) -> char {
    let n = u32::from(c);
    let upper = match n {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE | 0x3B1..=0x3C1 | 0x3C3..=0x3CB => n - 0x20,
        0x430..=0x44F => n - 0x20,
        0x450..=0x45F => n - 0x50,
        0xFF => 0x178,
        0x3C2 => 0x3A3,
        // Latin Extended-A pairs: upper case first, then lower case.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n % 2 == 1 => n - 1,
        0x139..=0x148 | 0x179..=0x17E if n % 2 == 0 => n - 1,
        _ => n,
    };
    char::from_u32(upper).unwrap_or(c)
}

/// HTML text and attribute escaping: `& < > " '`. With `breaks`, every line break (`\n`,
/// `\r\n` or a lone `\r`) becomes `<br>`.
pub(crate) fn push_html(out: &mut String, s: &str, breaks: bool) {
    let mut after_cr = false;
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' if breaks && after_cr => {}
            '\n' | '\r' if breaks => out.push_str("<br>"),
            _ => out.push(c),
        }
        after_cr = c == '\r';
    }
}

/// Writes `s` as an HTML class-name fragment using only `[a-z0-9-]`: ASCII letters are
/// lower-cased, every run of other characters becomes one `-`, and leading/trailing `-`
/// are dropped. Writes `other` when nothing is left.
pub(crate) fn push_class_name(out: &mut String, s: &str) {
    let start = out.len();
    let mut pending_dash = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && out.len() > start {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if out.len() == start {
        out.push_str("other");
    }
}

/// Markdown inline escaping. Backslash-escapes the characters that start emphasis, code,
/// links, autolinks, raw HTML, entities, strikethrough and table cells
/// (`\ * _ ` [ ] < > & ~ |`) and a `#` at the start, so caller text can neither close the
/// `**label**` nor open anything of its own. Every line break becomes a space: a turn is
/// one paragraph, and a line of its own could otherwise start a heading, list, quote,
/// fence or setext underline.
pub(crate) fn push_markdown(out: &mut String, s: &str, at_start: bool) {
    let mut first = at_start;
    let mut after_break = false;
    for c in s.chars() {
        match c {
            '\n' | '\r' => {
                if !after_break {
                    out.push(' ');
                }
                after_break = true;
                first = false;
                continue;
            }
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '|' => out.push('\\'),
            '#' if first => out.push('\\'),
            _ => {}
        }
        out.push(c);
        after_break = false;
        first = false;
    }
}

/// The characters a cue payload is written with.
#[derive(Clone, Copy)]
pub(crate) enum CueEscape {
    /// SRT: text as is, except `-->` (two or more dashes then `>`) becomes `→`.
    Srt,
    /// WebVTT: `&`, `<` and `>` as character references (so `-->` cannot appear either).
    Vtt,
}

/// Writes one line of cue text with the given escaping.
pub(crate) fn push_cue_line(out: &mut String, line: &str, escape: CueEscape) {
    match escape {
        CueEscape::Vtt => {
            for c in line.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    _ => out.push(c),
                }
            }
        }
        CueEscape::Srt => {
            let mut dashes = 0usize;
            for c in line.chars() {
                if c == '-' {
                    dashes += 1;
                    continue;
                }
                if c == '>' && dashes >= 2 {
                    out.push('→');
                } else {
                    for _ in 0..dashes {
                        out.push('-');
                    }
                    out.push(c);
                }
                dashes = 0;
            }
            for _ in 0..dashes {
                out.push('-');
            }
        }
    }
}

/// Writes cue text: line breaks kept, but blank (or whitespace-only) lines dropped, since a
/// blank line ends a cue in both SRT and WebVTT. Returns whether anything was written.
pub(crate) fn push_cue_text(out: &mut String, s: &str, escape: CueEscape) -> bool {
    let mut wrote = false;
    for line in s.split(['\n', '\r']) {
        if line.trim().is_empty() {
            continue;
        }
        if wrote {
            out.push('\n');
        }
        push_cue_line(out, line, escape);
        wrote = true;
    }
    wrote
}

#[cfg(test)]
mod tests {
    use super::upper_first;

    #[test]
    fn upper_first_agrees_with_unicode_where_it_acts() {
        let ranges = [0x20..0x250, 0x370..0x400, 0x400..0x460];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let ours = upper_first(c);
            if ours != c {
                let mut unicode = c.to_uppercase();
                assert_eq!(Some(ours), unicode.next(), "{c:?}");
                assert_eq!(unicode.next(), None, "{c:?}");
            }
        }
        for (lower, upper) in [
            ('a', 'A'),
            ('é', 'É'),
            ('ÿ', 'Ÿ'),
            ('ł', 'Ł'),
            ('ž', 'Ž'),
            ('ω', 'Ω'),
            ('ς', 'Σ'),
            ('ж', 'Ж'),
            ('ё', 'Ё'),
        ] {
            assert_eq!(upper_first(lower), upper);
        }
        for same in ['A', '1', '_', 'ß', 'ŉ', '中', '😀'] {
            assert_eq!(upper_first(same), same);
        }
    }
}
