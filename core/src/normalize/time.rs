//! Timestamps: ISO 8601 strings and unix milliseconds -> ISO 8601 UTC strings.
//!
//! No date library: the civil-date conversions are Howard Hinnant's `days_from_civil` /
//! `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>), a few lines
//! each, which keeps the wasm small.

use std::borrow::Cow;

use crate::tree::Node;

const MS_PER_DAY: i64 = 86_400_000;
/// 0000-01-01T00:00:00.000Z in unix milliseconds.
const MIN_MS: i64 = -62_167_219_200_000;
/// 9999-12-31T23:59:59.999Z in unix milliseconds.
const MAX_MS: i64 = 253_402_300_799_999;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = i64::from((month + 9) % 12); // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `(year, month, day)` of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Appends `n` zero-padded to `width` digits.
fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (buf.len() - i)..width {
        out.push('0');
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// `YYYY-MM-DDTHH:MM:SS` + `frac` (including its dot, or empty) + `Z`, for a year in
/// 0..=9999; `None` outside that range.
fn write_iso(days: i64, minute_of_day: i64, second: u32, frac: &str) -> Option<String> {
    let mut out = String::with_capacity(24 + frac.len());
    push_iso(&mut out, days, minute_of_day, second, frac).then_some(out)
}

/// Appends what [`write_iso`] writes; `false` (and nothing appended) outside years 0..=9999.
fn push_iso(out: &mut String, days: i64, minute_of_day: i64, second: u32, frac: &str) -> bool {
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return false;
    }
    push_padded(out, year as u64, 4);
    out.push('-');
    push_padded(out, u64::from(month), 2);
    out.push('-');
    push_padded(out, u64::from(day), 2);
    out.push('T');
    push_padded(out, (minute_of_day / 60) as u64, 2);
    out.push(':');
    push_padded(out, (minute_of_day % 60) as u64, 2);
    out.push(':');
    push_padded(out, u64::from(second), 2);
    out.push_str(frac);
    out.push('Z');
    true
}

/// Formats unix milliseconds as `YYYY-MM-DDTHH:MM:SS.sssZ` (the shape of JavaScript's
/// `Date.prototype.toISOString`). `None` outside years 0000..=9999.
pub fn unix_ms_to_iso(ms: i64) -> Option<String> {
    if !(MIN_MS..=MAX_MS).contains(&ms) {
        return None;
    }
    let days = ms.div_euclid(MS_PER_DAY);
    let ms_of_day = ms.rem_euclid(MS_PER_DAY);
    let mut frac = String::with_capacity(4);
    frac.push('.');
    push_padded(&mut frac, (ms_of_day % 1000) as u64, 3);
    let seconds = ms_of_day / 1000;
    write_iso(days, seconds / 60, (seconds % 60) as u32, &frac)
}

fn float_ms_to_iso(ms: f64) -> Option<String> {
    let ms = ms.floor();
    if ms.is_finite() && ms >= MIN_MS as f64 && ms <= MAX_MS as f64 {
        unix_ms_to_iso(ms as i64)
    } else {
        None
    }
}

/// A tiny byte cursor for the ISO parser.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }
    fn eat_any(&mut self, set: &[u8]) -> Option<u8> {
        let c = self.peek().filter(|c| set.contains(c))?;
        self.i += 1;
        Some(c)
    }
    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let c = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10 + u32::from(c - b'0');
            self.i += 1;
        }
        Some(v)
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
}

/// An ISO 8601 date-time, read.
struct Parsed<'a> {
    /// Minutes since 1970-01-01T00:00Z.
    minutes: i64,
    second: u32,
    /// The fraction with its separator (`.` or `,`), or empty.
    frac: &'a str,
    /// Already `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
    canonical: bool,
}

/// Reads an ISO 8601 / RFC 3339 date-time.
///
/// Accepted: `YYYY-MM-DD`, then optionally `T` (or `t` or a space) `HH:MM[:SS[.fff]]`, then
/// `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing. No zone means UTC (the API documents all
/// timestamps as UTC); a date alone means midnight UTC.
fn parse_iso(s: &str) -> Option<Parsed<'_>> {
    let mut c = Cursor {
        s: s.as_bytes(),
        i: 0,
    };
    let year = i64::from(c.digits(4)?);
    c.eat(b'-').then_some(())?;
    let month = c.digits(2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(2)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut frac) = (0u32, 0u32, 0u32, "");
    let mut canonical = false;
    let mut offset_minutes = 0i64;
    if !c.done() {
        let sep = c.eat_any(b"Tt ")?;
        hour = c.digits(2)?;
        c.eat(b':').then_some(())?;
        minute = c.digits(2)?;
        let has_seconds = c.eat(b':');
        if has_seconds {
            second = c.digits(2)?;
            if let Some(dot) = c.eat_any(b".,") {
                let start = c.i;
                while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                    c.i += 1;
                }
                if c.i == start {
                    return None;
                }
                // `start - 1` is the separator.
                frac = s.get(start - 1..c.i)?;
                canonical = dot == b'.';
            } else {
                canonical = true;
            }
        }
        canonical &= sep == b'T';
        match c.eat_any(b"Zz+-") {
            Some(b'Z') => {}
            Some(b'z') => canonical = false,
            Some(sign) => {
                canonical = false;
                let oh = c.digits(2)?;
                c.eat(b':');
                let om = if c.done() { 0 } else { c.digits(2)? };
                if oh > 23 || om > 59 {
                    return None;
                }
                let off = i64::from(oh * 60 + om);
                offset_minutes = if sign == b'-' { -off } else { off };
            }
            None => canonical = false,
        }
        if !c.done() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
    }
    Some(Parsed {
        minutes: days_from_civil(year, month, day) * 1440 + i64::from(hour * 60 + minute)
            - offset_minutes,
        second,
        frac,
        canonical,
    })
}

/// Re-emits an ISO 8601 date-time ([`parse_iso`]) in UTC with a `Z`. The fraction is kept
/// digit for digit; an offset shifts hours and minutes only, so seconds and fraction never
/// change. A string that is already `YYYY-MM-DDTHH:MM:SS[.fff]Z` is returned unchanged.
fn iso_to_utc(s: &str) -> Option<Cow<'_, str>> {
    let p = parse_iso(s)?;
    if p.canonical {
        return Some(Cow::Borrowed(s));
    }
    let mut frac_owned = String::new();
    let frac = match p.frac.strip_prefix(',') {
        Some(digits) => {
            frac_owned.push('.');
            frac_owned.push_str(digits);
            frac_owned.as_str()
        }
        None => p.frac,
    };
    write_iso(
        p.minutes.div_euclid(1440),
        p.minutes.rem_euclid(1440),
        p.second,
        frac,
    )
    .map(Cow::Owned)
}

/// Normalizes a timestamp field to an ISO 8601 UTC string.
///
/// - An ISO 8601 string is re-emitted in UTC (`Z`); see the accepted forms on the module.
///   An already-UTC `...Z` string comes back unchanged (fraction digits included).
/// - A number, or a string of digits only, is unix **milliseconds** (seed 004's
///   `start_timestamp`), formatted like `Date.prototype.toISOString()`.
/// - Anything else (garbage text, out-of-range dates or years outside 0000..=9999, booleans,
///   objects) gives `None`.
pub fn normalize_time(value: &serde_json::Value) -> Option<String> {
    let tree = crate::tree::Tree::from_value(value);
    time_of(tree.root()).map(Cow::into_owned)
}

/// [`normalize_time`] of a node; borrowed when the string is already canonical.
pub(crate) fn time_of<'a>(node: Node<'_, 'a>) -> Option<Cow<'a, str>> {
    if let Some(s) = node.as_str() {
        let t = s.trim();
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            // More than 15 digits cannot be a valid date in range anyway.
            return if t.len() > 15 {
                None
            } else {
                t.parse::<i64>()
                    .ok()
                    .and_then(unix_ms_to_iso)
                    .map(Cow::Owned)
            };
        }
        return iso_to_utc(t);
    }
    let ms = node.as_f64()?;
    let whole = ms.fract() == 0.0 && ms.abs() < 9_007_199_254_740_992.0;
    if whole {
        unix_ms_to_iso(ms as i64).map(Cow::Owned)
    } else {
        float_ms_to_iso(ms).map(Cow::Owned)
    }
}

/// Unix milliseconds of a timestamp string: any ISO 8601 form [`normalize_time`] accepts, or
/// digits of unix milliseconds. `None` for anything else.
pub fn instant_ms(s: &str) -> Option<i64> {
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        let ms = t.bytes().try_fold(0i64, |ms, b| {
            ms.checked_mul(10)?.checked_add(i64::from(b - b'0'))
        })?;
        return (ms <= MAX_MS).then_some(ms);
    }
    let p = parse_iso(t)?;
    let mut millis = 0;
    let mut scale = 100;
    for b in p.frac.bytes().skip(1).take(3) {
        millis += i64::from(b - b'0') * scale;
        scale /= 10;
    }
    Some((p.minutes * 60 + i64::from(p.second)) * 1000 + millis)
}

/// Appends `YYYY-MM-DD`, the calendar day of `local_ms` (unix milliseconds already shifted
/// to the wall clock of some zone); `false` (and nothing appended) outside years 0000..=9999.
pub fn push_day_key(out: &mut String, local_ms: i64) -> bool {
    let start = out.len();
    let pushed = (MIN_MS..=MAX_MS).contains(&local_ms)
        && push_iso(out, local_ms.div_euclid(MS_PER_DAY), 0, 0, "");
    out.truncate(start + if pushed { 10 } else { 0 });
    pushed
}

/// Appends `YYYY-MM-DDTHH:00:00` of the hour `local_ms` falls in, then the zone's offset:
/// `Z` when it is 0, else `+HH:MM` / `-HH:MM`; `false` outside years 0000..=9999.
pub fn push_hour_key(out: &mut String, local_ms: i64, offset_minutes: i64) -> bool {
    if !(MIN_MS..=MAX_MS).contains(&local_ms) {
        return false;
    }
    let hour = local_ms.rem_euclid(MS_PER_DAY) / 3_600_000;
    if !push_iso(out, local_ms.div_euclid(MS_PER_DAY), hour * 60, 0, "") {
        return false;
    }
    if offset_minutes != 0 {
        out.pop(); // the `Z`
        out.push(if offset_minutes < 0 { '-' } else { '+' });
        let minutes = offset_minutes.unsigned_abs();
        push_padded(out, minutes / 60, 2);
        out.push(':');
        push_padded(out, minutes % 60, 2);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in (-800_000..3_000_000).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(0, 1, 1) * MS_PER_DAY, MIN_MS);
    }

    #[test]
    fn padded() {
        let mut s = String::new();
        push_padded(&mut s, 7, 3);
        push_padded(&mut s, 12345, 2);
        push_padded(&mut s, 0, 1);
        assert_eq!(s, "007123450");
    }

    #[test]
    fn instants() {
        assert_eq!(instant_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant_ms("2024-04-05T14:21:58Z"), Some(1_712_326_918_000));
        assert_eq!(
            instant_ms("2024-04-05T14:21:58.123Z"),
            Some(1_712_326_918_123)
        );
        assert_eq!(
            instant_ms("2024-04-05T14:21:58.1239Z"),
            Some(1_712_326_918_123)
        );
        assert_eq!(
            instant_ms("2024-04-05T14:21:58.5Z"),
            Some(1_712_326_918_500)
        );
        assert_eq!(
            instant_ms("2024-04-05T16:21:58+02:00"),
            Some(1_712_326_918_000)
        );
        assert_eq!(instant_ms("2024-04-05"), Some(1_712_275_200_000));
        assert_eq!(instant_ms(" 1712326918000 "), Some(1_712_326_918_000));
        assert_eq!(instant_ms("1969-12-31T23:59:59.999Z"), Some(-1));
        for bad in [
            "",
            "soon",
            "2024-13-01",
            "2024-02-30T00:00:00Z",
            "99999999999999999",
        ] {
            assert_eq!(instant_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn calendar_keys() {
        let day = |ms| {
            let mut s = String::new();
            push_day_key(&mut s, ms).then_some(s)
        };
        let hour = |ms, offset| {
            let mut s = String::new();
            push_hour_key(&mut s, ms, offset).then_some(s)
        };
        let ms = 1_712_326_918_123; // 2024-04-05T14:21:58.123Z
        assert_eq!(day(ms).as_deref(), Some("2024-04-05"));
        assert_eq!(hour(ms, 0).as_deref(), Some("2024-04-05T14:00:00Z"));
        assert_eq!(
            hour(ms + 330 * 60_000, 330).as_deref(),
            Some("2024-04-05T19:00:00+05:30")
        );
        assert_eq!(
            hour(ms - 420 * 60_000, -420).as_deref(),
            Some("2024-04-05T07:00:00-07:00")
        );
        assert_eq!(day(-1).as_deref(), Some("1969-12-31"));
        assert_eq!(day(i64::MAX), None);
        assert_eq!(hour(i64::MIN, 0), None);
    }
}
