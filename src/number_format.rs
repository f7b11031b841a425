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
        let mut text = match self.decimals {
            Decimals::Shortest => value.to_string(),
            Decimals::AtMost(places) => trimmed(format!("{value:.places$}")),
            Decimals::Significant(digits) if value.is_finite() && value != 0.0 => {
                let shortest = value.to_string();
                // Most values (as measured, 41.84) are short already: a shortest text of at
                // most `digits` significant digits is what rounding would give back, since an
                // f64 is within 10⁻¹⁵ of it, far less than half the last kept digit.
                if significant_digits(&shortest) <= digits {
                    shortest
                } else {
                    let rounded: f64 = format!("{value:.*e}", digits.saturating_sub(1))
                        .parse()
                        .unwrap_or(value);
                    rounded.to_string()
                }
            }
            Decimals::Significant(_) => value.to_string(),
        };
        if text == "-0" {
            text = "0".to_string();
        }
        if self.decimal_comma {
            text = text.replace('.', ",");
        }
        if self.typographic_minus {
            if let Some(rest) = text.strip_prefix('-') {
                text = format!("−{rest}");
            }
        }
        text
    }
}

/// How many significant digits a plain decimal text (`-0.00120`, `4200`) writes: its digits
/// without the leading zeros and, for a whole number, the trailing ones.
fn significant_digits(text: &str) -> usize {
    let digits = text.trim_start_matches('-');
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole.trim_start_matches('0');
    if whole.is_empty() {
        fraction.trim_start_matches('0').len()
    } else if fraction.is_empty() {
        whole.trim_end_matches('0').len()
    } else {
        whole.len() + fraction.len()
    }
}

/// Fixed-point text without trailing zeros (or a trailing point).
fn trimmed(mut text: String) -> String {
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
}

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

    /// The short way for values already short gives what rounding by text gives, for every
    /// kind of value: short and long, whole and fraction, tiny and huge, negative.
    #[test]
    fn significant_digits_short_way_agrees_with_rounding_by_text() {
        let by_text = |value: f64, digits: usize| -> String {
            let rounded: f64 = format!("{value:.*e}", digits - 1).parse().unwrap();
            rounded.to_string()
        };
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
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

    #[test]
    fn significant_digits_are_counted_as_written() {
        assert_eq!(significant_digits("41.84"), 4);
        assert_eq!(significant_digits("-0.00120"), 3);
        assert_eq!(significant_digits("4200"), 2);
        assert_eq!(significant_digits("0.5"), 1);
        assert_eq!(significant_digits("100.25"), 5);
    }
}
