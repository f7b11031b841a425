//! Reading a number as an analyst's file writes it, without ever guessing.
//!
//! # Rules
//! - Surrounding spaces (also no-break spaces) are ignored. An empty cell and the CBS StatLine
//!   symbols `.` `..` `x` `X` `-` `–` `—` `?` mean "no value": missing, never zero.
//! - A trailing `%` (with or without a space: `6,1%`, `6.1 %`) marks a percentage; the number
//!   is the value in a percent unit.
//! - A leading `-`, `+` or `−` is the sign. `1.5e3` (Excel's scientific form) is read with a
//!   decimal point.
//! - With a known decimal mark (stated in indicators.toml, or already seen in the file), the
//!   other character may only group thousands: in a decimal-comma file `4.200` is 4200 and
//!   `1.234,5` is 1234.5, but `4.20` is an error; in a decimal-point file `1,234.5` is 1234.5
//!   and `6,1` is an error. Groups are three digits after a first group of one to three.
//! - With no known mark, a number tells its mark when only one reading is valid (`6,1`,
//!   `1.234,5` and `1.234.567` say comma; `6.1`, `0.200` and `1,234,567` say point). A number
//!   valid under both marks with different values (`4.200`, `1,234`) is ambiguous: the file's
//!   other numbers decide, and if none does the file is refused until its mark is stated.

use crate::model::DecimalMark;

/// A number as read, before the file's decimal mark is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The value under the known mark, or under a decimal point when none is known.
    pub value: f64,
    /// The text ended in `%`.
    pub percent: bool,
    /// The mark this text shows the file uses, when it tells.
    pub tells: Option<DecimalMark>,
    /// When the text is ambiguous: its value under a decimal comma.
    pub if_comma: Option<f64>,
}

/// Symbols that mean "no value" (CBS StatLine and common practice).
const MISSING: [&str; 8] = [".", "..", "x", "X", "-", "–", "—", "?"];

/// Reads `text` with decimal mark `mark` (None: not yet known). `Ok(None)` is a missing value.
///
/// Inline: the common cases (a plain decimal, an empty cell) are told where the row is read,
/// without a call; the rules are a call of their own.
#[inline(always)]
pub fn read(text: &str, mark: Option<DecimalMark>) -> Result<Option<Reading>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match plain_decimal(text, mark) {
        Some(reading) => Ok(Some(reading)),
        None => read_by_the_rules(text, mark),
    }
}

/// The common case without the general rules (a national monitor has millions of values):
/// ASCII digits with at most one `.` that has digits on both sides and not exactly three after
/// it, after an optional `-`. It reads as the rules read it (a test compares the two): an
/// integer is the same under either mark; a `.` not followed by three digits can only be a
/// decimal point. Anything else (and a decimal-comma file) goes the long way.
#[inline(always)]
fn plain_decimal(text: &str, mark: Option<DecimalMark>) -> Option<Reading> {
    let bytes = text.as_bytes();
    let (negative, number) = match bytes.first()? {
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    if number.is_empty() || number.len() > 30 {
        return None;
    }
    let mut point = None;
    // The digits as an integer, while it is exact (15 digits always are).
    let mut digits: u64 = 0;
    for (i, b) in number.bytes().enumerate() {
        match b {
            b'0'..=b'9' => digits = digits.wrapping_mul(10).wrapping_add(u64::from(b - b'0')),
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let tells = match point {
        None => None,
        Some(p) => {
            let after = number.len() - p - 1;
            if p == 0 || after == 0 || after == 3 || mark == Some(DecimalMark::Comma) {
                return None;
            }
            mark.is_none().then_some(DecimalMark::Point)
        }
    };
    let decimals = point.map_or(0, |p| number.len() - p - 1);
    let count = number.len() - usize::from(point.is_some());
    let value = if count <= 15 && decimals < POWERS_OF_TEN.len() {
        // Both the integer (below 2⁵³) and the power of ten are exact doubles, so the one
        // division is correctly rounded: the very double `parse` gives (a test compares them).
        digits as f64 / POWERS_OF_TEN[decimals]
    } else {
        number.parse::<f64>().ok().filter(|v| v.is_finite())?
    };
    Some(Reading {
        value: if negative { -value } else { value },
        percent: false,
        tells,
        if_comma: None,
    })
}

/// 10⁰ to 10²², the powers of ten a double holds exactly.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// [`read`] by the rules of the module documentation.
#[inline(never)]
fn read_by_the_rules(text: &str, mark: Option<DecimalMark>) -> Result<Option<Reading>, String> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    if t.is_empty() || MISSING.contains(&t) {
        return Ok(None);
    }
    let (t, percent) = match t.strip_suffix('%') {
        Some(rest) => (rest.trim_end_matches([' ', '\u{a0}']), true),
        None => (t, false),
    };
    let (negative, body) = match t.chars().next() {
        Some('-') | Some('−') | Some('+') => {
            let c = t.chars().next().expect("checked");
            (c != '+', &t[c.len_utf8()..])
        }
        _ => (false, t),
    };
    let signed = |v: f64| if negative { -v } else { v };
    let reading = |value: f64, tells, if_comma: Option<f64>| {
        Ok(Some(Reading {
            value: signed(value),
            percent,
            tells,
            if_comma: if_comma.map(signed),
        }))
    };

    if let Some(message) = underflows(text, body) {
        return Err(message);
    }
    if body.contains(['e', 'E']) {
        return match (scientific(body), mark) {
            (Some(v), Some(DecimalMark::Point) | None) => {
                reading(v, body.contains('.').then_some(DecimalMark::Point), None)
            }
            (Some(_), Some(DecimalMark::Comma)) => Err(format!(
                "found `{text}` in scientific notation with a decimal point, but the file's decimal mark is a comma; expected a number such as 6,1"
            )),
            (None, _) => Err(not_a_number(text)),
        };
    }
    match mark {
        Some(m) => match under(body, m) {
            Some(v) => reading(v, None, None),
            None if valid_somehow(body) => Err(wrong_mark(text, m)),
            None => Err(not_a_number(text)),
        },
        None => match (
            under(body, DecimalMark::Point),
            under(body, DecimalMark::Comma),
        ) {
            (Some(p), Some(c)) if p == c => reading(p, None, None),
            (Some(p), Some(c)) => reading(p, None, Some(c)),
            (Some(p), None) => reading(p, Some(DecimalMark::Point), None),
            (None, Some(c)) => reading(c, Some(DecimalMark::Comma), None),
            (None, None) => Err(not_a_number(text)),
        },
    }
}

/// Why `body` (no sign) is too small to store, if it is: a number with a non-zero digit that a
/// 64-bit float would hold as 0 or with lost precision (below 2.2·10⁻³⁰⁸).
fn underflows(text: &str, body: &str) -> Option<String> {
    let mantissa = body.split(['e', 'E']).next().unwrap_or(body);
    if !mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        return None;
    }
    // Only a number this small can underflow: more than 300 leading zeros, or an exponent.
    let zeros = mantissa.bytes().filter(|&b| b == b'0').count();
    if zeros < 300 && !body.contains(['e', 'E']) {
        return None;
    }
    let plain: String = body
        .chars()
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let v = plain.parse::<f64>().ok()?;
    (v == 0.0 || v.abs() < f64::MIN_POSITIVE).then(|| {
        format!("found `{text}`, a number too small to store (it would be read as 0); expected a number from 10⁻³⁰⁰ up, or 0")
    })
}

fn not_a_number(text: &str) -> String {
    format!("found `{text}`, expected a number such as 6.1, 6,1 or 825 (or empty, `.` or `x` for no value)")
}

/// The message for a number that is fine under the other decimal mark but not this one.
pub(crate) fn wrong_mark(text: &str, mark: DecimalMark) -> String {
    match mark {
        DecimalMark::Comma => format!(
            "found `{text}`, expected a number with a decimal comma, as the rest of this file has (6,1; a `.` may only group thousands: 4.200 = 4200)"
        ),
        DecimalMark::Point => format!(
            "found `{text}`, expected a number with a decimal point, as the rest of this file has (6.1; a `,` may only group thousands: 1,234 = 1234)"
        ),
    }
}

fn valid_somehow(body: &str) -> bool {
    under(body, DecimalMark::Point).is_some() || under(body, DecimalMark::Comma).is_some()
}

/// `body` (no sign) under decimal mark `mark`, with the other character grouping thousands.
fn under(body: &str, mark: DecimalMark) -> Option<f64> {
    let (decimal, group) = match mark {
        DecimalMark::Point => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    // The common case, a plain decimal-point number, without building a copy.
    if mark == DecimalMark::Point
        && !body.contains(group)
        && !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && body.bytes().filter(|&b| b == b'.').count() <= 1
        && !body.ends_with('.')
    {
        return body.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let (whole, fraction) = match body.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(f) = fraction {
        if !digits(f) {
            return None;
        }
    }
    let mut plain = String::with_capacity(body.len());
    if whole.contains(group) {
        let mut groups = whole.split(group);
        let first = groups.next().expect("split yields one");
        if !digits(first) || first.len() > 3 || first.starts_with('0') {
            return None;
        }
        plain.push_str(first);
        for g in groups {
            if g.len() != 3 || !digits(g) {
                return None;
            }
            plain.push_str(g);
        }
    } else if digits(whole) {
        plain.push_str(whole);
    } else if !(whole.is_empty() && fraction.is_some()) {
        return None;
    }
    if let Some(f) = fraction {
        plain.push('.');
        plain.push_str(f);
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn scientific(body: &str) -> Option<f64> {
    let ok = body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !ok || !body.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    body.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_case_reads_as_the_rules_read_it() {
        let alphabet = ['0', '1', '5', '9', '.', '-'];
        let mut taken = 0;
        for len in 1..=7u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let text: String = (0..len)
                    .map(|_| {
                        let c = alphabet[n % alphabet.len()];
                        n /= alphabet.len();
                        c
                    })
                    .collect();
                for mark in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
                    if let Some(fast) = plain_decimal(&text, mark) {
                        taken += 1;
                        let rules = read_by_the_rules(&text, mark).unwrap().unwrap();
                        assert_eq!(fast, rules, "{text:?} with {mark:?}");
                        assert_eq!(fast.value.to_bits(), rules.value.to_bits(), "{text:?}");
                    }
                }
            }
        }
        assert!(taken > 10_000, "the common case was taken {taken} times");
    }

    #[test]
    fn the_short_way_to_a_double_is_the_one_parse_takes() {
        // Digits from 1 to 20 long (the short way stops at 15), a point anywhere or none,
        // either sign: bit for bit what `parse` gives, around 2⁵³ and the exact powers of ten.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let mut short = 0;
        for _ in 0..200_000 {
            let len = 1 + next(20) as usize;
            let mut text: String = (0..len)
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            if len > 1 && next(4) > 0 {
                let at = 1 + next(len as u64 - 1) as usize;
                text.insert(at, '.');
            }
            if next(2) == 0 {
                text.insert(0, '-');
            }
            let Some(fast) = plain_decimal(&text, Some(Point)) else {
                continue;
            };
            let digits = text.bytes().filter(u8::is_ascii_digit).count();
            short += usize::from(digits <= 15);
            let parsed: f64 = text.parse().unwrap();
            assert_eq!(fast.value.to_bits(), parsed.to_bits(), "{text}");
        }
        assert!(short > 50_000, "the short way was taken {short} times");
    }

    use DecimalMark::{Comma, Point};

    fn value(text: &str, mark: Option<DecimalMark>) -> f64 {
        read(text, mark).unwrap().unwrap().value
    }

    #[test]
    fn missing_symbols_are_missing_not_zero() {
        for t in ["", " ", ".", "..", "x", "-", "–", "—", "?", "\u{a0}"] {
            assert_eq!(read(t, None), Ok(None), "{t:?}");
        }
    }

    #[test]
    fn percent_and_padding() {
        let r = read(" 6,1% ", None).unwrap().unwrap();
        assert_eq!((r.value, r.percent, r.tells), (6.1, true, Some(Comma)));
        let r = read("6.1 %", None).unwrap().unwrap();
        assert_eq!((r.value, r.percent, r.tells), (6.1, true, Some(Point)));
        assert_eq!(value("−2,5", None), -2.5);
    }

    #[test]
    fn known_marks_allow_thousands_groups_only() {
        assert_eq!(value("4.200", Some(Comma)), 4200.0);
        assert_eq!(value("1.234,5", Some(Comma)), 1234.5);
        assert_eq!(value("1,234.5", Some(Point)), 1234.5);
        assert!(read("4.20", Some(Comma))
            .unwrap_err()
            .contains("decimal comma"));
        assert!(read("6,1", Some(Point))
            .unwrap_err()
            .contains("decimal point"));
        assert!(read("1.2.3", Some(Comma)).is_err());
    }

    #[test]
    fn unknown_marks_tell_or_stay_ambiguous() {
        let tells = |t: &str| read(t, None).unwrap().unwrap().tells;
        assert_eq!(tells("6,1"), Some(Comma));
        assert_eq!(tells("1.234.567"), Some(Comma));
        assert_eq!(tells("0,200"), Some(Comma));
        assert_eq!(tells("6.1"), Some(Point));
        assert_eq!(tells("0.200"), Some(Point));
        assert_eq!(tells("825"), None);
        let r = read("4.200", None).unwrap().unwrap();
        assert_eq!((r.value, r.tells, r.if_comma), (4.2, None, Some(4200.0)));
    }

    #[test]
    fn nonsense_is_refused() {
        for t in [
            "abc", "6,1,2", "1..2", "inf", "NaN", "1e999", "12a", "--1", ",", "%",
        ] {
            assert!(read(t, None).is_err(), "{t:?}");
        }
    }
}
