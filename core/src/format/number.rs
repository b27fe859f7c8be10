//! Number output without `core::fmt`.
//!
//! `format!("{:.1}", x)` drags core's float formatting (Grisu/Dragon tables and
//! friends) into the wasm binary. Everything the core prints is either an integer, a
//! one-decimal timestamp (`toFixed(1)`) or a short decimal for CSV, and all three are
//! computed exactly from the bits of the `f64` here, with integer arithmetic only.

/// Largest power of ten used for decimals: `10^9` (so `m * 10^d` fits in a `u128`).
const MAX_DECIMALS: u32 = 9;

/// Writes `n` in decimal, left-padded with zeros to at least `width` digits.
pub(crate) fn push_u64_padded(out: &mut String, mut n: u64, width: usize) {
    // u64::MAX has 20 digits.
    let mut buf = [0u8; 20];
    let mut len = 0;
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in len..width {
        out.push('0');
    }
    for &b in buf.iter().skip(buf.len() - len) {
        out.push(char::from(b));
    }
}

/// Writes `n` in decimal.
pub fn push_u64(out: &mut String, n: u64) {
    push_u64_padded(out, n, 0);
}

/// `n` in decimal, as a new string.
pub fn decimal(n: u32) -> String {
    let mut text = String::with_capacity(10);
    push_u64(&mut text, u64::from(n));
    text
}

/// Writes `n` in decimal, with a `-` when negative.
pub(crate) fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Writes `x` with exactly one decimal, as JavaScript's `x.toFixed(1)` does: the exact
/// value of the double rounded half-up (ties pick the larger magnitude), so `0.05` ->
/// `0.1`, `0.15` -> `0.1` (its double is below 0.15), `0.25` -> `0.3`, `-0.04` -> `-0.0`.
/// `NaN` and infinities are written as JavaScript writes them. Identical to `toFixed(1)`
/// for `|x| < 1e21`; above that JavaScript switches to exponent notation and this writes
/// the exact integer followed by `.0`.
pub(crate) fn push_fixed1(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("Infinity");
        return;
    }
    push_abs(out, x.abs(), 1, false);
}

/// Writes a finite `x` with at most `max_decimals` decimals (capped at 9), rounded half
/// away from zero on the exact value of the double, trailing zeros and a trailing `.`
/// trimmed: `0.92` -> `0.92`, `183.0` -> `183`, `0.1 + 0.2` -> `0.3`. For the values an
/// API sends (money, seconds) this matches JavaScript's `String(x)`. A value that rounds
/// to zero is written `0` (never `-0`). Non-finite values write nothing.
pub(crate) fn push_decimal(out: &mut String, x: f64, max_decimals: u32) {
    if !x.is_finite() {
        return;
    }
    let mark = out.len();
    if x < 0.0 {
        out.push('-');
    }
    push_abs(out, x.abs(), max_decimals.min(MAX_DECIMALS), true);
    if x < 0.0 && out.get(mark + 1..) == Some("0") {
        out.truncate(mark);
        out.push('0');
    }
}

/// Writes `x` as a JSON number that `JSON.parse` reads back as exactly `x`, with integer
/// arithmetic only: integers as integers; other values with 17 or 18 significant digits,
/// correctly rounded, trailing zeros trimmed (`0.92` is written `0.92000000000000004`,
/// which parses to the same double); values below 1e-5 with 22 decimals. `-0` is written
/// `0` and a non-finite value `null`, as `JSON.stringify` does.
pub fn push_json_number(out: &mut String, x: f64) {
    if !x.is_finite() {
        out.push_str("null");
        return;
    }
    if x == 0.0 {
        out.push('0');
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    let a = x.abs();
    let (m, e) = decompose(a);
    if e >= 0 {
        push_abs(out, a, 0, true);
        return;
    }
    let k = e.unsigned_abs();
    let int = if k >= 64 { 0 } else { m >> k };
    if k < 64 && int << k == m {
        push_u64(out, int);
        return;
    }
    let decimals = if int > 0 {
        18 - decimal_digits(int)
    } else if a >= 1e-5 {
        // One decimal more than the leading zeros need: a threshold that is off by one in
        // its last bit can only add a digit.
        18 + [1e-1, 1e-2, 1e-3, 1e-4].iter().filter(|&&t| a < t).count() as u32
    } else {
        22
    };
    // x * 10^decimals, correctly rounded: below 10^18 in every case above, so it fits a u64.
    let scaled = u128::from(m) * 10u128.pow(decimals); // < 2^53 * 10^22 < 2^127
    let q = if k >= 128 {
        0
    } else {
        let q = scaled >> k;
        let rem = scaled - (q << k);
        let q = if rem >= (1u128 << (k - 1)) { q + 1 } else { q };
        u64::try_from(q).unwrap_or(u64::MAX)
    };
    // 10^decimals fits a u64 up to 19 decimals; with more, x is below 0.01 and q below 10^18,
    // so the integer part is 0. No u128 division is linked.
    let (int_part, mut frac) = match 10u64.checked_pow(decimals) {
        Some(pow) => (q / pow, q % pow),
        None => (0, q),
    };
    push_u64(out, int_part);
    if frac == 0 {
        return;
    }
    let mut digits = decimals as usize;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    out.push('.');
    push_u64_padded(out, frac, digits);
}

/// Decimal digits of `n` (1 for 0).
fn decimal_digits(mut n: u64) -> u32 {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

/// Splits a finite, non-negative double into `m * 2^e` with an integer `m < 2^53`.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// Writes a finite, non-negative `x` rounded half-up to `decimals` (<= 9) decimals,
/// trimming trailing zeros when `trim` is set.
fn push_abs(out: &mut String, x: f64, decimals: u32, trim: bool) {
    let (m, e) = decompose(x);
    if e >= 0 {
        // An integer; no fraction at all.
        if e <= 11 {
            push_u64(out, m << e);
        } else {
            push_big_integer(out, m, e.unsigned_abs());
        }
        if !trim && decimals > 0 {
            out.push('.');
            push_u64_padded(out, 0, decimals as usize);
        }
        return;
    }
    let k = e.unsigned_abs();
    let pow = 10u64.pow(decimals);
    let scaled = u128::from(m) * u128::from(pow); // < 2^83
    let q = if k >= 128 {
        // scaled < 2^83 < 2^(k-1): rounds to zero.
        0
    } else {
        let q = scaled >> k;
        let rem = scaled - (q << k);
        if rem >= (1u128 << (k - 1)) {
            q + 1
        } else {
            q
        }
    };
    let int_part = (q / u128::from(pow)) as u64; // x < 2^53 here, so this fits
    let mut frac = (q % u128::from(pow)) as u64;
    push_u64(out, int_part);
    if decimals == 0 {
        return;
    }
    let mut digits = decimals as usize;
    if trim {
        if frac == 0 {
            return;
        }
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
    }
    out.push('.');
    push_u64_padded(out, frac, digits);
}

/// Writes the integer `m * 2^e` exactly (for doubles of 2^64 and above), in base-1e9 limbs.
fn push_big_integer(out: &mut String, m: u64, mut e: u32) {
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = Vec::with_capacity(36);
    let mut rest = m;
    while rest > 0 {
        limbs.push(rest % BASE);
        rest /= BASE;
    }
    while e > 0 {
        // limb < 1e9 < 2^30 and carry < 2^29, so limb << 29 + carry < 2^60.
        let step = e.min(29);
        e -= step;
        let mut carry = 0u64;
        for limb in limbs.iter_mut() {
            let v = (*limb << step) + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut iter = limbs.iter().rev();
    match iter.next() {
        Some(&top) => push_u64(out, top),
        None => out.push('0'),
    }
    for &limb in iter {
        push_u64_padded(out, limb, 9);
    }
}

/// Writes `ms` milliseconds as a subtitle timecode `HH:MM:SS<sep>mmm` (hours grow past two
/// digits when they must).
pub(crate) fn push_timecode(out: &mut String, ms: u64, sep: char) {
    push_u64_padded(out, ms / 3_600_000, 2);
    out.push(':');
    push_u64_padded(out, ms / 60_000 % 60, 2);
    out.push(':');
    push_u64_padded(out, ms / 1000 % 60, 2);
    out.push(sep);
    push_u64_padded(out, ms % 1000, 3);
}

/// Writes whole seconds as a clock: `m:ss` under an hour, `h:mm:ss` from an hour on.
pub(crate) fn push_clock(out: &mut String, secs: u64) {
    if secs >= 3600 {
        push_u64(out, secs / 3600);
        out.push(':');
        push_u64_padded(out, secs / 60 % 60, 2);
    } else {
        push_u64(out, secs / 60);
    }
    out.push(':');
    push_u64_padded(out, secs % 60, 2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed1(x: f64) -> String {
        let mut s = String::new();
        push_fixed1(&mut s, x);
        s
    }

    fn decimal(x: f64, d: u32) -> String {
        let mut s = String::new();
        push_decimal(&mut s, x, d);
        s
    }

    #[test]
    fn fixed1_edges() {
        // From node: (x).toFixed(1)
        assert_eq!(fixed1(-0.04), "-0.0");
        assert_eq!(fixed1(-0.0), "0.0");
        assert_eq!(fixed1(f64::NAN), "NaN");
        assert_eq!(fixed1(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(fixed1(5e-324), "0.0");
        assert_eq!(fixed1(1e20), "100000000000000000000.0");
        assert_eq!(fixed1(4503599627370495.5), "4503599627370495.5");
    }

    #[test]
    fn decimal_edges() {
        assert_eq!(decimal(0.92, 9), "0.92");
        assert_eq!(decimal(183.0, 9), "183");
        assert_eq!(decimal(0.1 + 0.2, 9), "0.3");
        assert_eq!(decimal(-1.5, 9), "-1.5");
        assert_eq!(decimal(-1e-12, 9), "0");
        assert_eq!(decimal(1e-7, 9), "0.0000001");
        assert_eq!(decimal(2.5, 0), "3");
        assert_eq!(decimal(f64::NAN, 3), "");
        assert_eq!(decimal(1e21, 3), "1000000000000000000000");
        assert_eq!(decimal(2f64.powi(70), 3), "1180591620717411303424");
        assert_eq!(decimal(f64::MAX, 3).len(), 309);
        assert!(decimal(f64::MAX, 3).starts_with("17976931348623157"));
        assert_eq!(decimal(18446744073709551615.0, 0), "18446744073709551616");
    }

    fn json_number(x: f64) -> String {
        let mut s = String::new();
        push_json_number(&mut s, x);
        s
    }

    #[test]
    fn json_numbers_read_back_exactly() {
        assert_eq!(json_number(183.0), "183");
        assert_eq!(json_number(-2.5), "-2.5");
        assert_eq!(json_number(-0.0), "0");
        assert_eq!(json_number(f64::NAN), "null");
        assert_eq!(json_number(0.92), "0.92000000000000004");
        assert_eq!(json_number(1e21), "1000000000000000000000");
        let mut x = 1.0e-7_f64;
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Doubles across the ranges a call carries: cents, seconds, milliseconds.
            let value = f64::from_bits(seed).abs();
            for candidate in [value, (seed % 1_000_000) as f64 / 1000.0, x] {
                if candidate.is_finite() && (candidate == 0.0 || candidate >= 1e-5) {
                    let text = json_number(candidate);
                    let back: f64 = text.parse().expect("a number");
                    assert_eq!(
                        back.to_bits(),
                        candidate.to_bits(),
                        "{candidate:e} -> {text}"
                    );
                }
            }
            x *= 1.37;
            if x > 1e300 {
                x = 1.0e-5;
            }
        }
    }

    #[test]
    fn clocks() {
        let mut s = String::new();
        push_timecode(&mut s, 3_723_004, ',');
        assert_eq!(s, "01:02:03,004");
        s.clear();
        push_clock(&mut s, 61);
        assert_eq!(s, "1:01");
        s.clear();
        push_clock(&mut s, 3661);
        assert_eq!(s, "1:01:01");
    }
}
