//! Numbers from JSON values: JSON numbers, or strings holding a plain decimal.
//!
//! Decimal strings are parsed here rather than with `str::parse::<f64>`: the wasm build
//! then carries no general float parser, and the fast path below is exact for every value
//! with up to 15 significant digits (an exact integer divided by an exact power of ten
//! rounds once, correctly).

use crate::tree::Node;

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses `[+-]digits[.digits]` (surrounding whitespace allowed, no exponent). Digits past
/// the 19th significant one are dropped; fraction digits past the 22nd are ignored.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, body) = match (s.strip_prefix('-'), s.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (_, Some(rest)) => (false, rest),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut significant = 0u32;
    let mut frac_digits = 0usize;
    let mut int_dropped = 0usize;
    let mut any_digit = false;
    let mut seen_dot = false;
    for b in body.bytes() {
        match b {
            b'0'..=b'9' => {
                any_digit = true;
                let d = u64::from(b - b'0');
                if significant < 19 {
                    mantissa = mantissa * 10 + d;
                    if mantissa > 0 {
                        significant += 1;
                    }
                    if seen_dot {
                        frac_digits += 1;
                    }
                } else if !seen_dot {
                    // Too many integer digits to keep: remember the magnitude.
                    int_dropped += 1;
                }
                if seen_dot && frac_digits >= POW10.len() - 1 {
                    significant = 19;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    let mut value = mantissa as f64;
    if int_dropped > 0 {
        value *= POW10.get(int_dropped).copied()?;
    }
    if frac_digits > 0 {
        value /= POW10.get(frac_digits).copied()?;
    }
    if !value.is_finite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// A finite number from a JSON number or a decimal string.
pub(crate) fn number(node: Node<'_, '_>) -> Option<f64> {
    match node.as_str() {
        Some(s) => parse_decimal(s),
        None => node.as_f64().filter(|f| f.is_finite()),
    }
}

/// A finite, non-negative number (a `-0` becomes `0`).
pub(crate) fn non_negative(node: Node<'_, '_>) -> Option<f64> {
    number(node)
        .filter(|&f| f >= 0.0)
        .map(|f| if f == 0.0 { 0.0 } else { f })
}

/// A non-negative integer that fits a `u32`, from a JSON number (`50` or `50.0`).
pub(crate) fn as_u32(node: Node<'_, '_>) -> Option<u32> {
    let f = node.as_f64()?;
    (f >= 0.0 && f <= f64::from(u32::MAX) && f.fract() == 0.0).then_some(f as u32)
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("183"), Some(183.0));
        assert_eq!(parse_decimal(" 183.5 "), Some(183.5));
        assert_eq!(parse_decimal("0.1"), Some(0.1));
        assert_eq!(parse_decimal("0.92"), Some(0.92));
        assert_eq!(parse_decimal("-2.25"), Some(-2.25));
        assert_eq!(parse_decimal("+7"), Some(7.0));
        assert_eq!(parse_decimal(".5"), Some(0.5));
        assert_eq!(parse_decimal("5."), Some(5.0));
        assert_eq!(parse_decimal("000.000"), Some(0.0));
        let big = parse_decimal("12345678901234567890123").unwrap_or(0.0);
        assert!((big / 1.2345678901234568e22 - 1.0).abs() < 1e-15);
        assert_eq!(parse_decimal(&"9".repeat(60)), None);
        assert_eq!(parse_decimal("0.0000000000000000000000000001"), Some(0.0));
        for bad in [
            "", " ", "-", ".", "1e3", "1.2.3", "abc", "12a", "NaN", "inf", "1,5",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
