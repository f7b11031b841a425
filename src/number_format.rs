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
                let rounded: f64 = format!("{value:.*e}", digits.saturating_sub(1))
                    .parse()
                    .unwrap_or(value);
                rounded.to_string()
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
        let excel_nl = NumberStyle {
            decimal_comma: true,
            ..NumberStyle::MACHINE
        };
        assert_eq!(excel_nl.format(-6.1), "-6,1");
    }
}
