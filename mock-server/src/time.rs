//! Time without a date crate: unix milliseconds, ISO 8601 rendering and parsing, HTTP dates.

use std::time::{SystemTime, UNIX_EPOCH};

/// 2026-11-01T00:00:00Z: the seeded dataset is laid out in the 90 days before this instant.
pub const REFERENCE_MS: i64 = 1_793_491_200_000;

/// Milliseconds in one hour.
pub const HOUR_MS: i64 = 3_600_000;

/// Milliseconds in one day.
pub const DAY_MS: i64 = 86_400_000;

/// The wall clock as unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Fractional-second precision of a rendered timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frac {
    /// `2026-04-05T10:00:00Z`
    Secs,
    /// `2026-04-05T10:00:00.123Z`
    Millis,
    /// `2026-04-05T10:00:00.123000Z`
    Micros,
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

struct Parts {
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    ms: i64,
    days: i64,
}

fn split(ms: i64) -> Parts {
    let days = ms.div_euclid(DAY_MS);
    let rem = ms.rem_euclid(DAY_MS);
    let (y, mo, d) = civil_from_days(days);
    Parts {
        y,
        mo,
        d,
        h: rem / 3_600_000,
        mi: rem / 60_000 % 60,
        s: rem / 1000 % 60,
        ms: rem % 1000,
        days,
    }
}

/// Render unix milliseconds as an ISO 8601 UTC string.
pub fn iso(ms: i64, frac: Frac) -> String {
    let p = split(ms);
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        p.y, p.mo, p.d, p.h, p.mi, p.s
    );
    match frac {
        Frac::Secs => format!("{base}Z"),
        Frac::Millis => format!("{base}.{:03}Z", p.ms),
        Frac::Micros => format!("{base}.{:03}000Z", p.ms),
    }
}

/// Render unix milliseconds as an RFC 9110 HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(ms: i64) -> String {
    const WD: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MO: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let p = split(ms);
    let wd = WD[(p.days + 4).rem_euclid(7) as usize];
    let mo = MO[(p.mo - 1) as usize];
    format!(
        "{wd}, {:02} {mo} {:04} {:02}:{:02}:{:02} GMT",
        p.d, p.y, p.h, p.mi, p.s
    )
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parse an ISO 8601 date or date-time into unix milliseconds.
///
/// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff...]]` with `Z`, `+HH:MM`, `+HHMM`, `-HH:MM`
/// or no zone (UTC). A space may replace `T`, and a space in place of `+` (a `+` decoded from
/// an unencoded query string) is accepted as a positive offset.
pub fn parse_iso(s: &str) -> Option<i64> {
    let s = s.trim();
    let date = s.get(..10)?;
    let mut dp = date.split('-');
    let (y, mo, d) = (num(dp.next()?)?, num(dp.next()?)?, num(dp.next()?)?);
    if dp.next().is_some() || date.len() != 10 || !(1..=12).contains(&mo) || !(1..=31).contains(&d)
    {
        return None;
    }
    let day_ms = days_from_civil(y, mo, d) * DAY_MS;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(day_ms);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let zone_at = rest.find(['Z', 'z', '+', '-', ' ']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(zone_at);
    let (hms, frac) = match clock.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (clock, None),
    };
    let mut cp = hms.split(':');
    let h = num(cp.next()?)?;
    let mi = num(cp.next()?)?;
    let sec = match cp.next() {
        Some(x) => num(x)?,
        None => 0,
    };
    if cp.next().is_some() || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let ms = match frac {
        Some(f) => {
            num(f)?;
            let digits: String = f.chars().chain("000".chars()).take(3).collect();
            num(&digits)?
        }
        None => 0,
    };
    let offset = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let z = zone[1..].replace(':', "");
            if z.len() != 4 || !z.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (zh, zm) = (num(&z[..2])?, num(&z[2..])?);
            sign * (zh * 3_600_000 + zm * 60_000)
        }
    };
    Some(day_ms + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_date() {
        assert_eq!(iso(REFERENCE_MS, Frac::Secs), "2026-11-01T00:00:00Z");
        assert_eq!(parse_iso("2026-11-01T00:00:00Z"), Some(REFERENCE_MS));
    }

    #[test]
    fn round_trips_and_zones() {
        let t = 1_712_327_001_234;
        assert_eq!(parse_iso(&iso(t, Frac::Millis)), Some(t));
        assert_eq!(parse_iso(&iso(t, Frac::Micros)), Some(t));
        assert_eq!(
            parse_iso("2024-04-01T02:00:00+02:00"),
            parse_iso("2024-04-01T00:00:00Z")
        );
        assert_eq!(
            parse_iso("2024-04-01T02:00:00 02:00"),
            parse_iso("2024-04-01")
        );
        assert_eq!(
            parse_iso("2024-03-31T19:00:00-0500"),
            parse_iso("2024-04-01T00:00Z")
        );
        assert_eq!(parse_iso("yesterday"), None);
        assert_eq!(parse_iso("2024-13-01"), None);
        assert_eq!(parse_iso("2024-04-01T00:00+aéb"), None);
        assert_eq!(parse_iso("2024-04-01T"), None);
        assert_eq!(parse_iso("2024-04-01Té"), None);
        assert_eq!(parse_iso("éééééééééééé"), None);
    }

    #[test]
    fn http_dates() {
        assert_eq!(http_date(784_111_777_000), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
