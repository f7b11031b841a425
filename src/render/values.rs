//! Values as people read them, shared by the people-facing formats (terminal table, Markdown,
//! PDF): a value with its unit and period, a baseline, a target, a change, a status with its
//! symbol. Numbers go through [`crate::i18n`] in the output's language.

use crate::assess::Row;
use crate::i18n::{self, Lang};

/// The word of a row's status in `lang`, with the manual mark where it was set by hand.
pub(crate) fn row_status_text(lang: Lang, row: &Row) -> String {
    let word = i18n::status(lang, row.status);
    match row.manual {
        Some(_) => format!("{word} ({})", i18n::label(lang, i18n::Label::Manual)),
        None => word.to_string(),
    }
}

/// A row's status with its symbol: "✓ Doel bereikt", "▼ Verslechtering (handmatig)".
pub(crate) fn marked_row_status(lang: Lang, row: &Row) -> String {
    format!("{} {}", row.status.symbol(), row_status_text(lang, row))
}

/// At most this many decimals in people-facing numbers (trailing zeros are dropped).
pub(crate) const DECIMALS: usize = 2;

/// "6,1 %" / "825 inwoners" / "5,9 score".
pub(crate) fn value_text(lang: Lang, value: f64, unit: &str) -> String {
    let n = i18n::measured(lang, value, DECIMALS);
    match unit {
        "%" => format!("{n} %"),
        "score" | "rapportcijfer" | "factor" => n,
        _ => format!("{n} {}", i18n::unit(lang, unit)),
    }
}

/// A value with its period: "6,1 % (juli 2018)".
pub(crate) fn dated_value_text(
    lang: Lang,
    value: f64,
    period: &crate::model::Period,
    unit: &str,
) -> String {
    format!(
        "{} ({})",
        value_text(lang, value, unit),
        i18n::period(lang, period)
    )
}

pub(crate) fn baseline_text(lang: Lang, row: &Row) -> String {
    match &row.baseline {
        Some(b) => {
            let mut text = dated_value_text(lang, b.value, &b.period, row.unit);
            match (b.count, b.denominator) {
                (Some(c), Some(n)) => {
                    text = format!(
                        "{}/{} = {text}",
                        i18n::number(lang, c, 0),
                        i18n::number(lang, n, 0)
                    )
                }
                (Some(c), None) => text = format!("{} / {text}", i18n::number(lang, c, 0)),
                _ => {}
            }
            text
        }
        None => "–".to_string(),
    }
}

pub(crate) fn latest_text(lang: Lang, row: &Row) -> String {
    match &row.latest {
        Some(l) => {
            let mark = if l.illustrative { " *" } else { "" };
            format!(
                "{}{mark}",
                dated_value_text(lang, l.value, &l.period, row.unit)
            )
        }
        None => i18n::label(lang, i18n::Label::NoData).to_string(),
    }
}

/// The value the straight path from baseline to target gives for the report year.
pub(crate) fn expected_text(lang: Lang, row: &Row) -> String {
    row.expected
        .map_or_else(|| "–".to_string(), |e| value_text(lang, e, row.unit))
}

pub(crate) fn target_text(lang: Lang, row: &Row) -> String {
    match &row.target {
        Some(t) => format!("{} ({})", value_text(lang, t.value, row.unit), t.year),
        None => "–".to_string(),
    }
}

/// The change since the baseline, labelled with its unit: a share changes in percentage points
/// ("−0,6 procentpunt"), a count or rate with its unit and, where it helps, the relative change
/// ("+20 inwoners (+2,4 %)"), a score or mark by itself ("+0,2").
pub(crate) fn change_text(lang: Lang, row: &Row) -> String {
    match &row.change {
        Some(c) => change_words(lang, c.absolute, c.relative, row.unit),
        None => "–".to_string(),
    }
}

/// [`change_text`] of an absolute and relative change in `unit`.
pub(crate) fn change_words(lang: Lang, absolute: f64, relative: Option<f64>, unit: &str) -> String {
    let abs = signed_measured(lang, absolute);
    match unit {
        "%" => {
            let points = match lang {
                Lang::Nl => "procentpunt",
                Lang::En if (absolute.abs() - 1.0).abs() < 1e-12 => "percentage point",
                Lang::En => "percentage points",
            };
            format!("{abs} {points}")
        }
        "score" | "rapportcijfer" | "factor" | "" => abs,
        _ => {
            let with_unit = format!("{abs} {}", i18n::unit(lang, unit));
            match relative {
                Some(r) => format!("{with_unit} ({} %)", signed(lang, r * 100.0, 1)),
                None => with_unit,
            }
        }
    }
}

pub(crate) fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    signed_text(i18n::number(lang, value, decimals))
}

/// `+` before a positive number; a negative one has its minus sign U+2212 already.
fn signed_text(text: String) -> String {
    if text.starts_with('−') || text == "0" {
        text
    } else {
        format!("+{text}")
    }
}

/// A signed difference of measured values, with at least three significant digits.
pub(crate) fn signed_measured(lang: Lang, value: f64) -> String {
    signed_text(i18n::measured(lang, value, DECIMALS))
}

pub(crate) fn optional_number(lang: Lang, value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "–".to_string(), |v| i18n::number(lang, v, decimals))
}
