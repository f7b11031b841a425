//! The one way ontrack writes a number as text. Every output that shows a number (the views
//! for people, the trace of the method, the CSV, the template to fill in) picks a
//! [`NumberStyle`] here instead of formatting on its own, so that rounding, trailing zeros,
//! `-0` and the minus sign are decided in one place.

/// How many decimals a number keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decimals {
    /// The shortest text that reads back as the same `f64` (machine formats).
    Shortest,
    /// Rounded to at most this many places, trailing zeros dropped (views, the trace).
    AtMost(usize),
    /// Rounded to this many significant digits, then written shortest: computed ratios without
    /// binary-fraction noise (−0.12799999999999997 is −0.128).
    Significant(usize),
}

/// A style of writing numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberStyle {
    pub decimals: Decimals,
    /// `,` in Dutch text and Dutch Excel, `.` elsewhere.
    pub decimal_comma: bool,
    /// The typographic minus (U+2212) people read; machine formats keep `-`.
    pub typographic_minus: bool,
}

impl NumberStyle {
    /// What a machine reads back exactly: shortest, decimal point, ASCII minus.
    pub(crate) const MACHINE: NumberStyle = NumberStyle {
        decimals: Decimals::Shortest,
        decimal_comma: false,
        typographic_minus: false,
    };

    /// A view for people in a language that writes a decimal comma or not.
    pub const fn for_people(decimals: usize, decimal_comma: bool) -> Self {
        NumberStyle {
            decimals: Decimals::AtMost(decimals),
            decimal_comma,
            typographic_minus: true,
        }
    }

    /// `value` written in this style.
    pub fn format(self, value: f64) -> String {
        let mut text = String::new();
        self.write(value, &mut text);
        text
    }

    /// `value` written in this style at the end of `out`: a table of many numbers writes them
    /// all into one buffer, without a `String` each.
    pub fn write(self, value: f64, out: &mut String) {
        let start = out.len();
        if !decimal_digits(self.decimals, value, out) {
            by_fmt(self.decimals, value, out);
        }
        if &out[start..] == "-0" {
            out.truncate(start);
            out.push('0');
        }
        if self.decimal_comma {
            if let Some(point) = out[start..].find('.') {
                out.replace_range(start + point..start + point + 1, ",");
            }
        }
        if self.typographic_minus && out[start..].starts_with('-') {
            out.replace_range(start..start + 1, "−");
        }
    }
}

/// `value` in `decimals` by the standard formatting (before the `-0`, comma and minus rules).
fn by_fmt(decimals: Decimals, value: f64, out: &mut String) {
    use std::fmt::Write as _;
    let start = out.len();
    let _ = match decimals {
        Decimals::Shortest => write!(out, "{value}"),
        Decimals::AtMost(places) => {
            let written = write!(out, "{value:.places$}");
            if out[start..].contains('.') {
                let kept = out.trim_end_matches('0').trim_end_matches('.').len();
                out.truncate(kept);
            }
            written
        }
        Decimals::Significant(digits) if value.is_finite() && value != 0.0 => {
            write!(out, "{}", to_significant(value, digits))
        }
        Decimals::Significant(_) => write!(out, "{value}"),
    };
}

/// `value` in `decimals` by integer arithmetic where that gives the text [`by_fmt`] gives
/// (the standard formatting is most of the time a national CSV takes to write its numbers),
/// else nothing: false, and `out` as it was. Each case is a decimal `whole / 10^places` with
/// `whole` below 10¹⁵:
/// - shortest: `whole / 10^places`, computed in `f64` (both exact, so rounded once), is
///   `value`, for the first `places` that gives it. Parsing that decimal rounds it once too,
///   so it reads back as `value`; and it is the only decimal of 15 digits or fewer that does
///   (two such decimals are at least 10⁻¹⁵ of the value apart, the values that read back as
///   one `f64` within 2⁻⁵² of it): the shortest text.
/// - at most `places` decimals: `value · 10^places` rounded; below 10¹⁵ < 2⁵² every half is
///   an `f64`, and rounding the product keeps it on the side of a half the exact product is
///   on, or puts it on the half, where the formatter decides (not taken here).
/// - significant digits: the decimal [`by_arithmetic`] rounds to, when it is a fraction
///   (`whole / 10^shift`); the `f64` nearest it is written shortest, which is that decimal by
///   the argument of the first case.
fn decimal_digits(decimals: Decimals, value: f64, out: &mut String) -> bool {
    if !value.is_finite() || value == 0.0 {
        return false;
    }
    let magnitude = value.abs();
    let decimal = match decimals {
        Decimals::Shortest => (0..EXACT_POWERS_OF_TEN.len()).find_map(|places| {
            let power = EXACT_POWERS_OF_TEN[places];
            let whole = (magnitude * power).round();
            (whole < 1e15 && whole / power == magnitude).then_some((whole, places))
        }),
        Decimals::AtMost(places) => EXACT_POWERS_OF_TEN.get(places).and_then(|&power| {
            let scaled = magnitude * power;
            (scaled < 1e15 && scaled.fract() != 0.5).then_some((scaled.round(), places))
        }),
        Decimals::Significant(digits) => {
            by_arithmetic(magnitude, digits).and_then(|(whole, shift)| {
                (shift >= 0).then_some((whole, shift.unsigned_abs() as usize))
            })
        }
    };
    let Some((whole, places)) = decimal else {
        return false;
    };
    // Below 10¹⁵: a whole number a `u64` holds exactly.
    let whole = whole as u64;
    if value < 0.0 && whole > 0 {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(whole);
    if digits.len() > places {
        let (int, fraction) = digits.split_at(digits.len() - places);
        out.push_str(int);
        push_fraction(fraction, out);
    } else {
        out.push('0');
        let mut fraction = String::with_capacity(places);
        fraction.extend(std::iter::repeat_n('0', places - digits.len()));
        fraction.push_str(digits);
        push_fraction(&fraction, out);
    }
    true
}

/// `.` and the digits of `fraction` without its trailing zeros; nothing when none is left.
fn push_fraction(fraction: &str, out: &mut String) {
    let kept = fraction.trim_end_matches('0');
    if !kept.is_empty() {
        out.push('.');
        out.push_str(kept);
    }
}

/// `value` (finite, not zero) rounded to `digits` significant digits: the `f64` nearest to the
/// decimal that `format!("{value:.*e}", digits - 1)` writes, which is the exact binary value
/// rounded correctly.
///
/// Most values are rounded by arithmetic: `|value| · 10^shift` (one correct rounding of the
/// exact product) is rounded to a whole number `m` of `digits` digits, and `m / 10^shift` (both
/// exact, so one correct rounding) is the nearest `f64` to that decimal, as parsing its text
/// would give. When the product lands on a half, or a factor would not be exact, the text
/// decides.
fn to_significant(value: f64, digits: usize) -> f64 {
    by_arithmetic(value.abs(), digits)
        .map(|(whole, shift)| {
            let power = EXACT_POWERS_OF_TEN[shift.unsigned_abs() as usize];
            let rounded = if shift >= 0 {
                whole / power
            } else {
                whole * power
            };
            rounded.copysign(value)
        })
        .unwrap_or_else(|| {
            format!("{value:.*e}", digits.saturating_sub(1))
                .parse()
                .unwrap_or(value)
        })
}

/// The arithmetic way of [`to_significant`] for `magnitude` > 0, or `None` where it could err:
/// the rounded decimal as a whole number of `digits` digits and the power of ten it is divided
/// by (multiplied by, when negative).
fn by_arithmetic(magnitude: f64, digits: usize) -> Option<(f64, i32)> {
    if !(1..=15).contains(&digits) {
        return None;
    }
    let exponent = magnitude.log10().floor() as i32;
    let shift = digits as i32 - 1 - exponent;
    let power = *EXACT_POWERS_OF_TEN.get(shift.unsigned_abs() as usize)?;
    let scaled = if shift >= 0 {
        magnitude * power
    } else {
        magnitude / power
    };
    let (low, high) = (EXACT_POWERS_OF_TEN[digits - 1], EXACT_POWERS_OF_TEN[digits]);
    // The logarithm may misplace the exponent by one next to a power of ten.
    if !(low..high).contains(&scaled) {
        return None;
    }
    // Below 10¹⁵ < 2⁵² every half is an f64, and rounding the product keeps it on the side of
    // a half the exact product is on, or puts it on the half: only there the text decides
    // (which way the exact product lies, and how the text breaks a tie).
    if scaled.fract() == 0.5 {
        return None;
    }
    Some((scaled.round(), shift))
}

/// The powers of ten an `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_formatter_for_every_style() {
        let people_nl = NumberStyle::for_people(2, true);
        assert_eq!(people_nl.format(-0.0339), "−0,03");
        assert_eq!(people_nl.format(-0.001), "0");
        assert_eq!(people_nl.format(4200.0), "4200");
        let trace = NumberStyle {
            decimals: Decimals::AtMost(6),
            ..NumberStyle::MACHINE
        };
        assert_eq!(trace.format(1.0 / 3.0), "0.333333");
        assert_eq!(trace.format(-0.0000001), "0");
        assert_eq!(
            NumberStyle::MACHINE.format(0.1 + 0.2),
            "0.30000000000000004"
        );
        let computed = NumberStyle {
            decimals: Decimals::Significant(12),
            ..NumberStyle::MACHINE
        };
        assert_eq!(computed.format(-0.12799999999999997), "-0.128");
        assert_eq!(computed.format(0.0), "0");
        assert_eq!(computed.format(1e21), "1000000000000000000000");
        assert_eq!(computed.format(123456789012345.0), "123456789012000");
        assert_eq!(
            computed.format(-0.000001234567890123),
            "-0.00000123456789012"
        );
        let excel_nl = NumberStyle {
            decimal_comma: true,
            ..NumberStyle::MACHINE
        };
        assert_eq!(excel_nl.format(-6.1), "-6,1");
    }

    /// A repeatable stream of pseudo-random numbers from `state` (xorshift64).
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// The digits made by integer arithmetic are those of the standard formatting, for every
    /// kind of value (whole, short and long fractions, sums of short ones, tiny and huge,
    /// negative, halves of the last place and their neighbours) in every kind of decimals; and
    /// they are made for most values a table writes (read values, scores, computed ratios).
    #[test]
    fn decimal_digits_are_the_digits_the_standard_formatting_writes() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let mut values = vec![
            41.84,
            -6.1,
            50.8 - 41.84,
            0.1 + 0.2,
            1.0 / 3.0,
            4200.0,
            1e-7,
            1e-22,
            1e15,
            999_999_999_999_999.0,
            1e21,
            2.5e-300,
            -0.004,
            0.005,
            f64::MIN_POSITIVE,
            f64::MAX,
        ];
        for _ in 0..30_000 {
            let r = next();
            let sign = if r & (1 << 60) == 0 { 1.0 } else { -1.0 };
            let places = (r % 8) as i32;
            let clean = (next() % 10_000_000) as f64 / 10f64.powi(places);
            let other = (next() % 100_000) as f64 / 100.0;
            let magnitude = 10f64.powi((next() % 40) as i32 - 20);
            values.extend([
                sign * clean,
                sign * (clean - other),
                sign * clean / 7.0,
                sign * clean * magnitude,
                f64::from_bits(next() >> 2),
                // A half of the last place of two decimals, and its neighbours.
                sign * ((next() % 100_000) as f64 + 0.5) / 100.0,
                f64::from_bits((sign * ((next() % 1000) as f64 * 2.0 + 1.0) / 200.0).to_bits() + 1),
            ]);
        }
        let mut kinds = vec![Decimals::Shortest];
        kinds.extend((0..=8).map(Decimals::AtMost));
        kinds.extend([1, 2, 6, 12, 15].map(Decimals::Significant));
        let mut made = 0;
        for &decimals in &kinds {
            for &v in &values {
                let (mut fast, mut slow) = (String::new(), String::new());
                if decimal_digits(decimals, v, &mut fast) {
                    by_fmt(decimals, v, &mut slow);
                    let slow = if slow == "-0" { "0".to_string() } else { slow };
                    assert_eq!(fast, slow, "{v:e} in {decimals:?}");
                    made += 1;
                } else {
                    assert!(fast.is_empty());
                }
            }
        }
        assert!(made > values.len() * kinds.len() / 2, "{made} made");
        // What a national CSV writes: read values, scores, ratios to 12 digits.
        for (decimals, v) in [
            (Decimals::Shortest, 41.84),
            (Decimals::AtMost(2), -1.7338512637409742),
            (Decimals::Significant(12), -1.7338512637409742),
            (Decimals::Significant(12), 50.8 - 41.84),
        ] {
            assert!(
                decimal_digits(decimals, v, &mut String::new()),
                "{v} {decimals:?}"
            );
        }
    }

    /// Rounding by arithmetic gives what rounding by text gives, for every kind of value:
    /// short and long, whole and fraction, tiny and huge, negative, and next to a half of the
    /// last kept digit (written with one digit more, ending in 5), where the arithmetic must
    /// leave it to the text.
    #[test]
    fn rounding_to_significant_digits_agrees_with_rounding_by_text() {
        let by_text = |value: f64, digits: usize| -> String {
            let rounded: f64 = format!("{value:.*e}", digits - 1).parse().unwrap();
            rounded.to_string()
        };
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let mut values = vec![
            41.84,
            -6.1,
            0.1 + 0.2,
            1.0 / 3.0,
            4200.0,
            1e-7,
            1e21,
            2.5e-300,
        ];
        for _ in 0..20_000 {
            let r = next();
            let magnitude = 10f64.powi((r % 40) as i32 - 20);
            let mantissa = (next() % 1_000_000_000_000_000) as f64 / 1e15;
            let short = ((next() % 100_000) as f64 / 100.0) * magnitude;
            let sign = if r & (1 << 60) == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * magnitude);
            values.push(sign * short);
            values.push(sign * short / 3.0);
        }
        let mut near_halves = Vec::new();
        for digits in [1, 3, 6, 12, 15] {
            for _ in 0..4_000 {
                let r = next();
                let whole = (next() % 10u64.pow(digits)) * 10 + 5;
                let text = format!("{whole}e{}", (r % 60) as i32 - 30);
                let half: f64 = text.parse().unwrap();
                let sign = if r & (1 << 60) == 0 { 1.0 } else { -1.0 };
                near_halves.extend(
                    [
                        half,
                        f64::from_bits(half.to_bits() + 1),
                        f64::from_bits(half.to_bits() - 1),
                    ]
                    .map(|v| v * sign),
                );
            }
        }
        values.extend(near_halves);
        for digits in [1, 3, 6, 12, 15] {
            let style = NumberStyle {
                decimals: Decimals::Significant(digits),
                ..NumberStyle::MACHINE
            };
            for &v in values.iter().filter(|v| **v != 0.0) {
                let expected = match by_text(v, digits) {
                    t if t == "-0" => "0".to_string(),
                    t => t,
                };
                assert_eq!(style.format(v), expected, "{v:e} at {digits} digits");
            }
        }
    }
}
