//! `ontrack template`: the measurement file to fill in for one year. One row per expected
//! observation (indicator × series × area, the municipality first, then the peers), with the
//! period already in the form the series uses (a year, a school year or the month of its
//! latest measurement), the value empty, and guidance columns the reader ignores: the unit
//! and the last known value before that year (from the measurements or the baseline).
//!
//! Two dialects: `excel-nl` (`;`, decimal comma, UTF-8 with a byte-order mark so Excel reads
//! the accents, CRLF, Dutch column names), which Excel with Dutch settings opens as columns and
//! saves back the same way; and `plain` (`,`, decimal point, UTF-8, LF, English names), the
//! dialect of the bundled files. ontrack reads both back without settings.

use crate::load::Dataset;
use crate::model::{Monitor, Period, SeriesKey};
use std::io::Write;

/// The CSV dialect of a template (also `template --dialect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateDialect {
    /// `;`-separated, decimal comma, UTF-8 with BOM, CRLF: opens in Excel with Dutch settings.
    ExcelNl,
    /// `,`-separated, decimal point, UTF-8, LF: the bundled files' dialect.
    Plain,
}

impl TemplateDialect {
    /// The dialect a monitor's analysts most likely use: Dutch Excel for a Dutch monitor.
    pub(crate) fn for_monitor(monitor: &Monitor) -> Self {
        match monitor.language {
            crate::i18n::Lang::Nl => TemplateDialect::ExcelNl,
            crate::i18n::Lang::En => TemplateDialect::Plain,
        }
    }

    /// What the dialect is, in words, for the note after writing.
    pub fn describe(self) -> &'static str {
        match self {
            TemplateDialect::ExcelNl => {
                "excel-nl: `;`-separated, decimal comma, UTF-8 with BOM, Dutch column names"
            }
            TemplateDialect::Plain => "plain: `,`-separated, decimal point, UTF-8",
        }
    }

    fn delimiter(self) -> u8 {
        match self {
            TemplateDialect::ExcelNl => b';',
            TemplateDialect::Plain => b',',
        }
    }

    /// The columns the loader reads (its one table of names), then the guidance columns it
    /// ignores, in the dialect's language.
    fn header(self) -> Vec<&'static str> {
        const GUIDANCE: [(&str, &str); 3] = [
            ("unit", "eenheid"),
            ("last_value", "laatste_waarde"),
            ("last_period", "laatste_periode"),
        ];
        crate::load::measurements::COLUMNS
            .iter()
            .chain(&GUIDANCE)
            .map(|&(en, nl)| match self {
                TemplateDialect::ExcelNl => nl,
                TemplateDialect::Plain => en,
            })
            .collect()
    }

    fn number(self, v: f64) -> String {
        crate::number_format::NumberStyle {
            decimal_comma: self == TemplateDialect::ExcelNl,
            ..crate::number_format::NumberStyle::MACHINE
        }
        .format(v)
    }
}

/// One row to fill in.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateRow {
    pub indicator: String,
    pub series: String,
    pub area: String,
    pub period: Period,
    pub source: String,
    pub unit: String,
    pub last: Option<(f64, Period)>,
}

/// The rows to fill in for `year`.
pub fn rows(ds: &Dataset, year: i32) -> Vec<TemplateRow> {
    let monitor = &ds.monitor;
    let series_of = |key: &SeriesKey| {
        ds.series
            .binary_search_by(|s| s.key.cmp(key))
            .ok()
            .map(|i| &ds.series[i])
    };
    let mut rows = Vec::new();
    for (index, ind) in monitor.indicators.iter().enumerate() {
        let series: Vec<Option<usize>> = if ind.series.is_empty() {
            vec![None]
        } else {
            (0..ind.series.len()).map(Some).collect()
        };
        let areas: Vec<Option<usize>> = std::iter::once(None)
            .chain((0..ind.peers.len()).map(Some))
            .collect();
        // The shape of the indicator's periods, from any of its values, for series without one.
        let mut any_period = None;
        let mut known = Vec::new();
        for &s in &series {
            for &a in &areas {
                let key = SeriesKey {
                    indicator: index,
                    series: s,
                    area: a,
                };
                let mut values: Vec<(f64, Period)> = series_of(&key)
                    .map(|s| {
                        s.observations
                            .iter()
                            .map(|o| (o.value, o.period()))
                            .collect()
                    })
                    .unwrap_or_default();
                values.extend(
                    ind.baselines
                        .iter()
                        .filter(|b| b.series == s && b.area == a)
                        .map(|b| (b.value, b.period)),
                );
                let latest_shape = values.iter().map(|v| v.1).max();
                any_period = any_period.or(latest_shape);
                known.push((s, a, latest_shape, values));
            }
        }
        for (s, a, shape, values) in known {
            let period = period_like(shape.or(any_period), year);
            // The last value before the one asked for.
            let last = values
                .into_iter()
                .filter(|v| v.1 < period)
                .max_by_key(|v| v.1);
            rows.push(TemplateRow {
                indicator: ind.id.clone(),
                series: s.map(|s| ind.series[s].id.clone()).unwrap_or_default(),
                area: match a {
                    Some(p) => ind.peers[p].clone(),
                    None => String::new(),
                },
                period,
                source: ind.source.clone().unwrap_or_default(),
                unit: ind.unit.clone(),
                last,
            });
        }
    }
    rows
}

/// A period of `year` in the form of `like`: a year, the school year that ends in `year` (the
/// 2022 template asks for 2021/2022, so each school year is asked once, in the year it ends),
/// or the same month.
fn period_like(like: Option<Period>, year: i32) -> Period {
    let text = match like {
        Some(p) if p.month().is_some() => format!("{year}-{:02}", p.month().unwrap_or(1)),
        Some(p) if p.to_string().contains('/') => format!("{}/{year}", year - 1),
        _ => year.to_string(),
    };
    Period::parse(&text).unwrap_or_else(|_| Period::year_only(year))
}

/// Writes `rows` as a CSV file in `dialect`.
pub fn write(
    rows: &[TemplateRow],
    dialect: TemplateDialect,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if dialect == TemplateDialect::ExcelNl {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let terminator = match dialect {
        TemplateDialect::ExcelNl => csv::Terminator::CRLF,
        TemplateDialect::Plain => csv::Terminator::Any(b'\n'),
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter())
        .terminator(terminator)
        .from_writer(out);
    writer.write_record(dialect.header())?;
    let text = |s: &str| crate::render::csv::neutralise(s).into_owned();
    for r in rows {
        writer.write_record([
            text(&r.indicator),
            text(&r.series),
            text(&r.area),
            r.period.to_string(),
            String::new(),
            String::new(),
            text(&r.source),
            String::new(),
            text(&r.unit),
            r.last.map(|l| dialect.number(l.0)).unwrap_or_default(),
            r.last.map(|l| l.1.to_string()).unwrap_or_default(),
        ])?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_keep_the_shape_of_the_series() {
        let p = |t: &str| Some(Period::parse(t).unwrap());
        assert_eq!(period_like(p("2018-07"), 2022).to_string(), "2022-07");
        assert_eq!(period_like(p("2016/2017"), 2022).to_string(), "2021/2022");
        assert_eq!(period_like(p("2017"), 2022).to_string(), "2022");
        assert_eq!(period_like(None, 2022).to_string(), "2022");
    }

    #[test]
    fn excel_nl_writes_commas_semicolons_and_a_bom() {
        let row = TemplateRow {
            indicator: "vsv".into(),
            series: String::new(),
            area: String::new(),
            period: Period::parse("2021/2022").unwrap(),
            source: "Cijfers DUO".into(),
            unit: "%".into(),
            last: Some((1.71, Period::parse("2020/2021").unwrap())),
        };
        let mut out = Vec::new();
        write(&[row], TemplateDialect::ExcelNl, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\u{feff}indicator;reeks;"));
        assert!(text.ends_with("vsv;;;2021/2022;;;Cijfers DUO;;%;1,71;2020/2021\r\n"));
    }
}
