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
/// letter upper-cased (Unicode-aware), or `Unknown` when the word is empty.
pub(crate) fn capitalized_label(word: &str) -> Cow<'_, str> {
    let mut chars = word.chars();
    match chars.next() {
        None => Cow::Borrowed("Unknown"),
        Some(first) => {
            let mut s = String::with_capacity(word.len() + 2);
            s.extend(first.to_uppercase());
            s.push_str(chars.as_str());
            match clean_label(&s) {
                Cow::Borrowed(_) => Cow::Owned(s),
                Cow::Owned(cleaned) => Cow::Owned(cleaned),
            }
        }
    }
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
