//! The monitor as ontrack understands it once its files are loaded and checked: the policy, its
//! themes and indicators (from `indicators.toml`) and the observations (from `measurements/`).
//! Nothing here knows about files or formats; `load` builds these values and reports where an
//! input was wrong.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

/// `x` rounded to ten decimals, far below any measured precision: the result of arithmetic on
/// measured values without the noise of binary fractions (64.9 − 63.8 is 1.1, not
/// 1.1000000000000085; 0.87 × 100 is 87).
pub(crate) fn without_noise(x: f64) -> f64 {
    let rounded = (x * 1e10).round() / 1e10;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

/// A measurement period as the source gives it: a year (`2017`), a school year (`2016/2017`) or
/// a month (`2018-07`). Calculations use [`Period::year`], the (first) calendar year.
/// Ordered by year, then month, then school year ([`Period::order`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// Two bytes, so that an [`Observation`] holds a period in 20 bits (16 bytes in all). Every year a period
    /// is read with has four digits at most (a text year has exactly four, and the other ways
    /// in are checked against `valid_years`, which is itself within 0 to 9999), so it is held
    /// exactly; see [`Period::stored`].
    year: i16,
    /// 0 for a year or school year, 1-12 for a month; orders months within their year.
    month: u8,
    school_year: bool,
}

/// The years a period can hold: those of four digits at most (see [`Period`]).
pub const PERIOD_YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order().cmp(&other.order())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Period {
    /// The period's place in time as one number: year, month and school year in that order of
    /// weight, as comparing the three one after the other would order them. One comparison
    /// where that was three: series are sorted and searched by period (the periods of a
    /// national monitor's millions of values are compared while its series are checked).
    #[inline]
    fn order(&self) -> u32 {
        // The year shifted to be never negative, so that it orders as a number.
        let year = u32::from(self.year.cast_unsigned() ^ 0x8000);
        year << 16 | u32::from(self.month) << 8 | u32::from(self.school_year)
    }

    /// The period in the 20 bits an [`Observation`] keeps it in: the year's two bytes, then
    /// 13 for a school year or the month (0 for a year). Every period is held exactly.
    fn packed(self) -> u32 {
        let sub = if self.school_year {
            13
        } else {
            u32::from(self.month)
        };
        u32::from(self.year.cast_unsigned()) << 4 | sub
    }

    /// The period [`Self::packed`] made `bits` of.
    fn unpacked(bits: u32) -> Self {
        let sub = (bits & 0xF) as u8;
        Period {
            year: ((bits >> 4) as u16).cast_signed(),
            month: if sub == 13 { 0 } else { sub },
            school_year: sub == 13,
        }
    }

    pub(crate) fn year_only(year: i32) -> Self {
        Period {
            year: Period::stored(year),
            month: 0,
            school_year: false,
        }
    }

    /// `year` as held. The callers give years within [`PERIOD_YEARS`]; one beyond what two
    /// bytes hold would be kept as the nearest that fits, never wrapped round.
    fn stored(year: i32) -> i16 {
        i16::try_from(year).unwrap_or(if year < 0 { i16::MIN } else { i16::MAX })
    }

    /// Parses `2017`, `2016/2017` or `2018-07`. The error says what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bad = || {
            format!(
                "found period `{text}`, expected a year (2017), a school year (2016/2017) or a month (2018-07)"
            )
        };
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if looks_like_a_date(text) {
            return Err(format!(
                "found `{text}`, a date; expected a year (2017), a school year (2016/2017) or a month (2018-07): write the month as 2018-07 or the year as 2018"
            ));
        }
        if let Some((a, b)) = text.split_once('/') {
            let (first, second) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
            if second != first + 1 {
                return Err(format!(
                    "found school year `{text}`, expected two consecutive years such as {first}/{}",
                    first + 1
                ));
            }
            return Ok(Period {
                year: Period::stored(first),
                month: 0,
                school_year: true,
            });
        }
        if let Some((a, m)) = text.split_once('-') {
            let y = year(a).ok_or_else(bad)?;
            let month: u8 = (m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()))
                .then(|| m.parse().ok())
                .flatten()
                .ok_or_else(bad)?;
            if !(1..=12).contains(&month) {
                return Err(format!("found month `{m}` in `{text}`, expected 01 to 12"));
            }
            return Ok(Period {
                year: Period::stored(y),
                month,
                school_year: false,
            });
        }
        if let Some(y) = year(text) {
            return Ok(Period::year_only(y));
        }
        Err(bad())
    }

    /// [`Period::parse`], and also a month as Excel writes it in a measurement file
    /// (`jul-21`, `juli 2021`; see [`Period::month_as_written`]).
    pub(crate) fn parse_as_written(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if trimmed.starts_with(|c: char| c.is_alphabetic()) {
            if let Some(month) = Period::month_as_written(trimmed) {
                return Ok(month);
            }
        }
        Period::parse(text)
    }

    /// A month as Excel with a Dutch or English locale writes it: `jul-21`, `Jul-21`,
    /// `juli 2021`, `jul. 2021`, `July 2021`, `mrt-2020`. A two-digit year is of this century
    /// below 30 and of the last one from 30 on, as Excel reads it.
    fn month_as_written(text: &str) -> Option<Period> {
        let lower = text.to_lowercase();
        let (name, year) = lower.split_once(['-', ' ', '/'])?;
        let name = name.trim_end_matches('.');
        let year = year.trim();
        const MONTHS: [&[&str]; 12] = [
            &["jan", "januari", "january"],
            &["feb", "febr", "februari", "february"],
            &["mrt", "mar", "maart", "march"],
            &["apr", "april"],
            &["mei", "may"],
            &["jun", "juni", "june"],
            &["jul", "juli", "july"],
            &["aug", "augustus", "august"],
            &["sep", "sept", "september"],
            &["okt", "oct", "oktober", "october"],
            &["nov", "november"],
            &["dec", "december"],
        ];
        let month = MONTHS.iter().position(|names| names.contains(&name))? as u8 + 1;
        if !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = match year.len() {
            4 => year.parse().ok()?,
            2 => {
                let yy: i32 = year.parse().ok()?;
                if yy < 30 {
                    2000 + yy
                } else {
                    1900 + yy
                }
            }
            _ => return None,
        };
        Some(Period {
            year: Period::stored(year),
            month,
            school_year: false,
        })
    }

    /// A period taken from a date (an Excel date cell): its month where `like` is a month, its
    /// year where `like` is a year; None where `like` is a school year (a date does not say
    /// which school year it means).
    pub(crate) fn from_date(year: i32, month: u8, like: Option<&Period>) -> Option<Period> {
        match like {
            Some(p) if p.school_year => None,
            Some(p) if p.month > 0 => Some(Period {
                year: Period::stored(year),
                month,
                school_year: false,
            }),
            _ => Some(Period::year_only(year)),
        }
    }

    /// The calendar year the calculations use (the first year of a school year).
    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }

    /// Whether the period lies in calendar year `year` (a school year lies in both of its years).
    pub(crate) fn covers(&self, year: i32) -> bool {
        self.year() == year || (self.school_year && self.year() + 1 == year)
    }

    /// Whether both periods are of one kind: both years, both school years or both months.
    pub(crate) fn same_form(&self, other: &Period) -> bool {
        self.school_year == other.school_year && (self.month > 0) == (other.month > 0)
    }

    /// The month (1-12) of a monthly period.
    pub fn month(&self) -> Option<u8> {
        (self.month > 0).then_some(self.month)
    }
}

/// Whether `text` has the shape of a date (`1-7-2021`, `01/07/2021`, `2021-07-01`, `1.7.2021`).
fn looks_like_a_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.school_year {
            write!(f, "{}/{}", self.year, self.year() + 1)
        } else if self.month > 0 {
            write!(f, "{}-{:02}", self.year, self.month)
        } else {
            write!(f, "{}", self.year)
        }
    }
}

impl Period {
    /// The period's text, as [`fmt::Display`] writes it, appended to `out` without the
    /// formatting machinery: a national JSON writes some two million of them.
    pub(crate) fn push_text(&self, out: &mut Vec<u8>) {
        let mut digits = itoa::Buffer::new();
        out.extend_from_slice(digits.format(self.year).as_bytes());
        if self.school_year {
            out.push(b'/');
            out.extend_from_slice(digits.format(self.year() + 1).as_bytes());
        } else if self.month > 0 {
            out.extend_from_slice(&[b'-', b'0' + self.month / 10, b'0' + self.month % 10]);
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The language of labels and messages: Dutch (the default, for a Dutch municipality) or
/// English.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    /// The policy states no desired direction (e.g. a comparison with other municipalities).
    None,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::None => "none",
        }
    }

    /// d in the method's formulas: +1 for increase, -1 for decrease, none for no direction.
    pub fn sign(self) -> Option<f64> {
        match self {
            Direction::Increase => Some(1.0),
            Direction::Decrease => Some(-1.0),
            Direction::None => None,
        }
    }
}

/// What the policy asks of the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Move in the desired direction (towards the target where there is one).
    #[default]
    Improve,
    /// "Blijft minimaal gelijk": at least stay equal, i.e. not move against the direction.
    Maintain,
}

impl Goal {
    pub fn code(self) -> &'static str {
        match self {
            Goal::Improve => "improve",
            Goal::Maintain => "maintain",
        }
    }
}

/// The method that turns the numbers into a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, clap::ValueEnum)]
pub enum Method {
    /// The Open SDG / Statistics Canada progress measure (compound annual growth rates).
    #[default]
    #[serde(rename = "open-sdg")]
    OpenSdg,
    /// The straight path from baseline to target.
    #[serde(rename = "linear")]
    Linear,
}

impl Method {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "open-sdg" => Some(Method::OpenSdg),
            "linear" => Some(Method::Linear),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Method::OpenSdg => "open-sdg",
            Method::Linear => "linear",
        }
    }
}

/// What the plan-wide score is the mean of (`aggregation` in indicators.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The mean of the indicators' scores: every indicator weighs the same.
    #[default]
    Indicator,
    /// The mean of the themes' scores: every theme weighs the same, whatever its size.
    Theme,
}

impl Aggregation {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "indicator" => Some(Aggregation::Indicator),
            "theme" => Some(Aggregation::Theme),
            _ => None,
        }
    }
}

/// One status from the documented vocabulary (see `assess`).
/// The codes on the command line (`--fail-on`) are those of the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Status {
    TargetAchieved,
    /// The target year has passed (the latest value is of that year or later) and the target
    /// was not met.
    TargetNotAchieved,
    SubstantialProgress,
    ModerateProgress,
    LimitedProgress,
    Deterioration,
    NotAssessable,
    NoDirection,
}

impl Status {
    pub(crate) const ALL: [Status; 8] = [
        Status::TargetAchieved,
        Status::TargetNotAchieved,
        Status::SubstantialProgress,
        Status::ModerateProgress,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::NotAssessable,
        Status::NoDirection,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::TargetAchieved => "target_achieved",
            Status::TargetNotAchieved => "target_not_achieved",
            Status::SubstantialProgress => "substantial_progress",
            Status::ModerateProgress => "moderate_progress",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::NotAssessable => "not_assessable",
            Status::NoDirection => "no_direction",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A symbol that tells the status apart without colour.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Status::TargetAchieved => "✓",
            Status::TargetNotAchieved => "✗",
            Status::SubstantialProgress => "▲",
            Status::ModerateProgress => "↗",
            Status::LimitedProgress => "→",
            Status::Deterioration => "▼",
            Status::NotAssessable => "○",
            Status::NoDirection => "◇",
        }
    }

    /// The colour a status word is printed in: distinct hues (blue, green, ochre, orange, red,
    /// purple, grey), each dark enough for text on white (contrast ≥ 5:1, WCAG AA asks 4.5:1).
    /// The symbol and the word carry the status; the colour only helps.
    pub(crate) fn rgb(self) -> (u8, u8, u8) {
        match self {
            Status::TargetAchieved => (0, 95, 160),      // blue, 6.7:1
            Status::TargetNotAchieved => (163, 55, 120), // reddish purple, 6.2:1
            Status::SubstantialProgress => (0, 120, 86), // bluish green, 5.5:1
            Status::ModerateProgress => (128, 96, 0),    // ochre, 5.9:1
            Status::LimitedProgress => (176, 80, 0),     // orange, 5.3:1
            Status::Deterioration => (180, 40, 20),      // vermillion, 6.5:1
            Status::NotAssessable => (100, 100, 100),    // grey, 5.9:1
            Status::NoDirection => (100, 100, 100),      // grey, 5.9:1
        }
    }

    /// The colour on a terminal, where the background is as often dark as light: the lighter
    /// Okabe-Ito colours, readable on both.
    pub(crate) fn terminal_rgb(self) -> (u8, u8, u8) {
        match self {
            Status::TargetAchieved => (0, 114, 178),
            Status::TargetNotAchieved => (204, 121, 167),
            Status::SubstantialProgress => (0, 158, 115),
            Status::ModerateProgress => (86, 180, 233),
            Status::LimitedProgress => (230, 159, 0),
            Status::Deterioration => (213, 94, 0),
            Status::NotAssessable => (120, 120, 120),
            Status::NoDirection => (150, 150, 150),
        }
    }
}

/// The three progress thresholds of the method (high, med, low).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    pub high: f64,
    pub med: f64,
    pub low: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub value: f64,
    pub year: i32,
}

#[derive(Debug, Clone)]
pub struct Monitor {
    pub name: String,
    pub title: String,
    pub municipality: String,
    pub adopted: Option<String>,
    pub document: Option<String>,
    pub language: Lang,
    pub method: Method,
    /// Relative tolerance for "maintain" goals (share of the baseline value).
    pub maintain_tolerance: f64,
    /// What the plan-wide score is the mean of.
    pub aggregation: Aggregation,
    /// `[translation.<lang>]`: the plan's own texts as another language writes them, by the
    /// text as indicators.toml writes it.
    pub translations: BTreeMap<Lang, BTreeMap<String, String>>,
    /// The first and last year a period may have.
    pub valid_years: (i32, i32),
    /// How the measurement files are written, where that cannot or should not be detected.
    pub measurements: MeasurementSettings,
    pub themes: Vec<Theme>,
    pub indicators: Vec<Indicator>,
}

/// Settings from `[measurements]` in indicators.toml: a dialect for the whole folder and, under
/// `[measurements.file."NAME"]`, for single files. Unset parts are detected.
#[derive(Debug, Clone, Default)]
pub struct MeasurementSettings {
    pub folder: Dialect,
    /// By file name within the measurements folder, with the TOML line that names it.
    pub files: BTreeMap<String, (Dialect, u64)>,
}

impl MeasurementSettings {
    /// The dialect of the file called `name`: its own settings over the folder's.
    pub(crate) fn dialect_of(&self, name: &str) -> Dialect {
        match self.files.get(name) {
            Some((own, _)) => Dialect {
                decimal: own.decimal.or(self.folder.decimal),
                delimiter: own.delimiter.or(self.folder.delimiter),
                encoding: own.encoding.or(self.folder.encoding),
            },
            None => self.folder,
        }
    }
}

/// How one measurement file is written. `None` means: detect it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dialect {
    pub decimal: Option<DecimalMark>,
    pub delimiter: Option<u8>,
    pub encoding: Option<Encoding>,
}

/// The character that separates the whole and the fractional part of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `6.1` (and `1,234.5` with thousands separators).
    Point,
    /// `6,1` (and `1.234,5`), as Excel writes in a Dutch locale.
    Comma,
}

impl DecimalMark {
    pub fn code(self) -> &'static str {
        match self {
            DecimalMark::Point => "point",
            DecimalMark::Comma => "comma",
        }
    }
}

/// The day a document is made: today, or the day of SOURCE_DATE_EPOCH (reproducible builds).
/// Written as `YYYY-MM-DD` in machine formats; the views write it in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub time::Date);

impl Default for Day {
    fn default() -> Self {
        Day(time::Date::from_calendar_date(1970, time::Month::January, 1).expect("a valid date"))
    }
}

impl Day {
    /// The day of a number of seconds since 1970-01-01 (UTC); None outside time's range.
    pub fn from_unix_seconds(seconds: i64) -> Option<Day> {
        time::OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .map(|t| Day(t.date()))
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The character encoding of a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Excel's plain "CSV" save on Windows in Western Europe.
    Windows1252,
    /// Excel's "Unicode text" save (little-endian, with a byte-order mark, tab-separated).
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// The encodings indicators.toml can name, by their code.
    pub(crate) const ALL: [Encoding; 4] = [
        Encoding::Utf8,
        Encoding::Windows1252,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// What kind of quantity an indicator measures; decides which values are plausible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A percentage, 0 to 100.
    Share,
    /// A report mark ("rapportcijfer"), 1 to 10.
    Mark,
    /// A number of people or things, never negative.
    Count,
    /// A rate such as "per 1000 inwoners", never negative.
    Rate,
    /// Any other number (a score, an index, a factor): no range check.
    Number,
}

impl Kind {
    pub(crate) const ALL: [Kind; 5] = [
        Kind::Share,
        Kind::Mark,
        Kind::Count,
        Kind::Rate,
        Kind::Number,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Share => "share",
            Kind::Mark => "mark",
            Kind::Count => "count",
            Kind::Rate => "rate",
            Kind::Number => "number",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind a unit implies when `kind` is not given: `%` is a share, a unit naming a mark
    /// ("rapportcijfer", "cijfer", "mark", "grade") a mark, "per ..." a rate, a plain count of
    /// people or things ("inwoners", "personen", "aantal", ...) a count, anything else a number.
    pub(crate) fn from_unit(unit: &str) -> Self {
        let unit = unit.trim().to_lowercase();
        const COUNTS: [&str; 12] = [
            "aantal",
            "inwoners",
            "personen",
            "meldingen",
            "leerlingen",
            "huishoudens",
            "jongeren",
            "count",
            "people",
            "persons",
            "residents",
            "reports",
        ];
        if unit == "%" || unit == "procent" || unit == "percent" {
            Kind::Share
        } else if unit.contains("cijfer") || unit == "mark" || unit == "grade" {
            Kind::Mark
        } else if unit.starts_with("per ") || unit.contains(" per ") || unit.contains('‰') {
            Kind::Rate
        } else if COUNTS.contains(&unit.as_str()) {
            Kind::Count
        } else {
            Kind::Number
        }
    }

    /// Why `value` is implausible for this kind, if it is.
    #[inline]
    pub(crate) fn implausible(self, value: f64) -> Option<&'static str> {
        match self {
            Kind::Share if !(0.0..=100.0).contains(&value) => Some("a share between 0 and 100"),
            Kind::Mark if !(1.0..=10.0).contains(&value) => Some("a report mark from 1 to 10"),
            Kind::Count if value < 0.0 => Some("a count of 0 or more"),
            Kind::Rate if value < 0.0 => Some("a rate of 0 or more"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub number: Option<u32>,
    pub name: String,
    pub goal: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    /// Index into `Monitor::themes`.
    pub theme: usize,
    pub title: String,
    pub unit: String,
    pub kind: Kind,
    pub direction: Direction,
    pub goal: Goal,
    pub source: Option<String>,
    /// The line of indicators.toml that defines it.
    pub line: u64,
    /// The baseline cell of the policy's table, verbatim.
    pub baseline_as_written: Option<String>,
    pub note: Option<String>,
    pub series: Vec<SeriesDef>,
    /// Other municipalities the indicator is compared with.
    pub peers: std::sync::Arc<[String]>,
    pub baselines: Vec<Baseline>,
    pub target: Option<Target>,
    pub limit: Option<f64>,
    pub base_year: Option<i32>,
    pub thresholds: Option<Thresholds>,
    pub method: Option<Method>,
    pub manual: Option<ManualStatus>,
}

impl Indicator {
    /// The baselines by series and area, for finding many: a national monitor gives one per
    /// area and series, and a scan per series would take their square.
    pub(crate) fn baselines_by_key(&self) -> BaselinesByKey<'_> {
        let mut sorted: Vec<_> = self
            .baselines
            .iter()
            .map(|b| ((b.series, b.area), b))
            .collect();
        // Stable: where two share a key (indicators.toml refuses that), the first is found.
        sorted.sort_by_key(|(key, _)| *key);
        BaselinesByKey(sorted)
    }

    /// The name of area `area` (None: the municipality itself).
    pub(crate) fn area_name<'a>(&'a self, monitor: &'a Monitor, area: Option<usize>) -> &'a str {
        match area {
            None => &monitor.municipality,
            Some(i) => &self.peers[i],
        }
    }
}

/// An indicator's baselines in (series, area) order: see [`Indicator::baselines_by_key`].
pub(crate) struct BaselinesByKey<'a>(Vec<(SeriesAndArea, &'a Baseline)>);

/// A baseline's series and area (None: the indicator's only series; the municipality).
type SeriesAndArea = (Option<usize>, Option<usize>);

impl<'a> BaselinesByKey<'a> {
    /// The baseline of `series` in `area` (None: the municipality), if there is one.
    pub(crate) fn get(&self, series: Option<usize>, area: Option<usize>) -> Option<&'a Baseline> {
        let key = (series, area);
        let at = self.0.partition_point(|(k, _)| *k < key);
        self.0.get(at).filter(|(k, _)| *k == key).map(|(_, b)| *b)
    }
}

#[derive(Debug, Clone)]
pub struct SeriesDef {
    pub id: String,
    pub label: String,
    /// Series in one group are averaged first when the indicator's score is formed.
    pub group: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Baseline {
    pub series: Option<usize>,
    pub area: Option<usize>,
    pub value: f64,
    pub period: Period,
    /// A count given beside a share ("50 / 6.1 %").
    pub count: Option<f64>,
    /// The denominator of that count ("6/252").
    pub denominator: Option<f64>,
    /// A made-up value (an example, as in the `ontrack init` template), not a measurement.
    pub illustrative: bool,
    /// The line of indicators.toml that gives it.
    pub line: u64,
}

#[derive(Debug, Clone)]
pub struct ManualStatus {
    pub status: Status,
    pub reason: String,
}

/// One time series: an indicator, optionally one of its sub-series, in one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    pub indicator: usize,
    pub series: Option<usize>,
    /// None: the municipality; Some(i): `Indicator::peers[i]`.
    pub area: Option<usize>,
}

/// The name of a file values were read from, shared by all of them: a plain reference, as
/// millions of observations carry one and are copied on every core while they are assessed.
/// A counted pointer (`Arc`) made every copy and drop an atomic write to one count shared by
/// a whole file's values, which the cores then passed back and forth (an eighth of
/// `compare --format json` on the national set).
/// A name is kept once per process ([`FileName::new`]): a run reads one monitor's few files.
/// One pointer wide (a `String`'s, not a `str`'s two words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileName(&'static String);

impl FileName {
    /// The name `name`, the same reference every time it is asked for.
    pub fn new(name: &str) -> FileName {
        static KNOWN: Kept<String> = Kept::new();
        FileName(KNOWN.keep(name.to_string()))
    }

    pub fn as_str(&self) -> &'static str {
        self.0.as_str()
    }
}

impl std::ops::Deref for FileName {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// A name the rows of an assessment carry (an indicator's id, title and unit, its theme's id, a
/// series' label and id, an area's name): a plain reference to the one copy kept per process
/// ([`name`]), for the reason a [`FileName`] is one. A national run makes hundreds of thousands
/// of rows with seven names each; counted pointers made each row's names 14 atomic writes
/// (about a fifth of `assess_indicator`'s own time in national `compare --format json`). A run
/// meets a monitor's names, and the few translations of the report, only.
pub type Name = &'static str;

/// The kept copy of `text` ([`Name`]), the same reference every time it is asked for.
pub fn name(text: &str) -> Name {
    static KNOWN: Kept<String> = Kept::new();
    KNOWN.keep(text.to_string()).as_str()
}

/// Where a value was read: a file (shared by all its values), its sheet in a workbook, and a
/// line. An observation keeps the line in 25 bits: a file of more lines is refused when it is
/// read ([`MAX_LINE`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: FileName,
    /// The worksheet, in a workbook: `file[sheet]:line`, as messages name the place.
    pub sheet: Option<Name>,
    pub line: u32,
}

/// The last line of a measurement file whose values can be told apart by their line: the most
/// an [`Observation`]'s 25 bits for it hold (33,554,431; a file of 33 million lines is some
/// 1.2 GB of CSV, where a national monitor's year is 0.2 million lines).
pub const MAX_LINE: u64 = (1 << Observation::LINE_BITS) - 1;

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sheet {
            Some(sheet) => write!(f, "{}[{sheet}]:{}", self.file, self.line),
            None => write!(f, "{}:{}", self.file, self.line),
        }
    }
}

/// The source and note a row gives its value, shared by the values given the same two (a
/// file mostly names one source for all its rows). Kept once per process, for the reason a
/// [`FileName`] is: an observation copied on every core must not write to a shared count.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Remarks {
    pub source: Option<Arc<str>>,
    pub note: Option<Arc<str>>,
}

impl Remarks {
    /// The one kept copy of these remarks, or None when there are none. The pairs a run
    /// meets are kept to its end (the rows that give them are): the files' distinct pairs,
    /// and the plan's own (an indicator's source with "baseline", a translated source).
    pub fn shared(source: Option<Arc<str>>, note: Option<Arc<str>>) -> Option<&'static Remarks> {
        static KNOWN: Kept<Remarks> = Kept::new();
        (source.is_some() || note.is_some()).then(|| KNOWN.keep(Remarks { source, note }))
    }
}

/// Values kept once per process, each handed out as a plain reference: what the provenances
/// of millions of observations point to (the [`FileName`] and [`Remarks`] in a
/// [`Provenance`]), copied on every core without touching a shared count. A run meets few distinct ones (a monitor's files, its source-and-note pairs),
/// and keeps them to its end.
struct Kept<T: 'static>(std::sync::Mutex<Option<std::collections::HashSet<&'static T>>>);

impl<T: std::hash::Hash + Eq + Sync> Kept<T> {
    const fn new() -> Self {
        Kept(std::sync::Mutex::new(None))
    }

    /// The kept value equal to `value`, kept now if there is none yet.
    fn keep(&self, value: T) -> &'static T {
        let mut known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let known = known.get_or_insert_with(Default::default);
        if let Some(&kept) = known.get(&value) {
            return kept;
        }
        let kept: &'static T = Box::leak(Box::new(value));
        known.insert(kept);
        kept
    }
}

/// What an observation carries about where it came from, but for its line: its file (and sheet,
/// in a workbook), its source and note, and whether it is made up. Shared by the values that
/// have the same (a file, or a sheet, mostly gives all its rows the same), and kept once per process for the reason a
/// [`FileName`] is. Each is numbered as it is kept, and an observation holds the number (18
/// bits) instead of three fields or a pointer: that keeps an observation at 16 bytes, and a
/// national monitor holds millions.
#[derive(Debug, PartialEq, Eq)]
pub struct Provenance {
    pub file: FileName,
    /// The worksheet, when the file is a workbook: rows of two sheets may share a number.
    pub sheet: Option<Name>,
    /// Its source and note, if the row gives either.
    pub remarks: Option<&'static Remarks>,
    /// Made-up data for demonstration, not a real measurement.
    pub illustrative: bool,
    /// Its number in the run, which an [`Observation`] keeps in place of a pointer.
    id: u32,
}

/// What tells provenances apart (all of one but its number).
type ProvenanceKey = (FileName, Option<Name>, Option<&'static Remarks>, bool);

/// The provenances by number, for [`Provenance::of_id`]: part `k` holds numbers `2^k − 1` to
/// `2^(k+1) − 2`, made when the first of them is given out, so that looking one up takes no
/// lock (millions of observations are looked up on every core).
static PROVENANCES: [OnceLock<Box<[OnceLock<&'static Provenance>]>>;
    Provenance::ID_BITS as usize + 1] =
    [const { OnceLock::new() }; Provenance::ID_BITS as usize + 1];

impl Provenance {
    /// The bits of a provenance's number in an [`Observation`].
    pub(crate) const ID_BITS: u32 = 18;
    /// The largest number.
    const MAX_ID: u32 = (1 << Self::ID_BITS) - 1;
    /// How many distinct provenances a run can hold: 262,144.
    pub const MAX_COUNT: usize = 1 << Self::ID_BITS;
    /// How many of them the rows of the measurement files may take ([`Self::of_rows`]): the
    /// rest is kept for the plan's own (an indicator's source with "baseline", a translated
    /// source), which are made after the files are read.
    pub const ROWS_COUNT: usize = Self::MAX_COUNT - (1 << 16);

    /// The one kept copy of these, for a file that is not a workbook; None when the run already
    /// holds [`Self::MAX_COUNT`] others.
    pub fn shared(
        file: FileName,
        remarks: Option<&'static Remarks>,
        illustrative: bool,
    ) -> Option<&'static Provenance> {
        Self::in_sheet(file, None, remarks, illustrative)
    }

    /// The one kept copy of these: [`Self::shared`] of a value read from `sheet` of a
    /// workbook.
    pub fn in_sheet(
        file: FileName,
        sheet: Option<Name>,
        remarks: Option<&'static Remarks>,
        illustrative: bool,
    ) -> Option<&'static Provenance> {
        Self::keep((file, sheet, remarks, illustrative), Self::MAX_COUNT)
    }

    /// [`Self::in_sheet`] for a row of a measurement file: None when the rows already have
    /// [`Self::ROWS_COUNT`] others.
    pub fn of_rows(
        file: FileName,
        sheet: Option<Name>,
        remarks: Option<&'static Remarks>,
        illustrative: bool,
    ) -> Option<&'static Provenance> {
        Self::keep((file, sheet, remarks, illustrative), Self::ROWS_COUNT)
    }

    /// The kept provenance of `key`, kept now (as one of the first `room`) if there is none.
    fn keep(key: ProvenanceKey, room: usize) -> Option<&'static Provenance> {
        static KNOWN: Mutex<Option<HashMap<ProvenanceKey, &'static Provenance>>> = Mutex::new(None);
        let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        let known = known.get_or_insert_with(HashMap::new);
        if let Some(&kept) = known.get(&key) {
            return Some(kept);
        }
        if known.len() >= room.min(Self::MAX_COUNT) {
            return None;
        }
        let id = known.len() as u32;
        let (file, sheet, remarks, illustrative) = key;
        let kept: &'static Provenance = Box::leak(Box::new(Provenance {
            file,
            sheet,
            remarks,
            illustrative,
            id,
        }));
        let (part, place) = Self::place_of(id);
        let part = PROVENANCES[part]
            .get_or_init(|| (0..1usize << part).map(|_| OnceLock::new()).collect());
        // Numbers are given out once each, under the lock: the place is empty.
        let _ = part[place].set(kept);
        known.insert(key, kept);
        Some(kept)
    }

    /// The part of [`PROVENANCES`] that holds number `id`, and its place there.
    fn place_of(id: u32) -> (usize, usize) {
        let n = id as usize + 1;
        let part = n.ilog2() as usize;
        (part, n - (1 << part))
    }

    /// The provenance numbered `id`. An observation holds only a number given out (it is made
    /// from the provenance itself), and a number is in its place before it is given out.
    fn of_id(id: u32) -> &'static Provenance {
        let (part, place) = Self::place_of(id);
        PROVENANCES[part]
            .get()
            .and_then(|p| p[place].get())
            .copied()
            .expect("an observation's provenance number was given out")
    }
}

/// One measured value of one series, with where it came from. Kept small (16 bytes): a
/// national data set holds millions of them, and every byte of theirs is written, faulted in,
/// merged and sorted (24 → 32 bytes made national `compare --format json` 11 % slower).
///
/// Besides the value, one 64-bit word holds, from its high bits down: the period (20 bits: its
/// year's two bytes, then 4 bits for a month 1–12, 13 for a school year, 0 for a year), whether
/// the value is illustrative (1 bit), the [`Provenance`]'s number (18 bits) and the line (25
/// bits, [`MAX_LINE`]).
#[derive(Clone)]
pub struct Observation {
    pub value: f64,
    word: u64,
}

impl Observation {
    /// The bits of the line, the lowest.
    pub(crate) const LINE_BITS: u32 = 25;
    const PROVENANCE_SHIFT: u32 = Self::LINE_BITS;
    const ILLUSTRATIVE_SHIFT: u32 = Self::PROVENANCE_SHIFT + Provenance::ID_BITS;
    const PERIOD_SHIFT: u32 = Self::ILLUSTRATIVE_SHIFT + 1;

    /// The value of `period` read at `line` (at most [`MAX_LINE`]: the readers refuse a line
    /// past it before they make an observation) with `provenance`.
    pub fn new(period: Period, value: f64, provenance: &'static Provenance, line: u32) -> Self {
        debug_assert!(u64::from(line) <= MAX_LINE, "line {line} past MAX_LINE");
        let line = u64::from(line).min(MAX_LINE);
        let word = u64::from(period.packed()) << Self::PERIOD_SHIFT
            | u64::from(provenance.illustrative) << Self::ILLUSTRATIVE_SHIFT
            | u64::from(provenance.id) << Self::PROVENANCE_SHIFT
            | line;
        Observation { value, word }
    }

    pub fn period(&self) -> Period {
        Period::unpacked((self.word >> Self::PERIOD_SHIFT) as u32)
    }

    /// The line it was read from, in [`Provenance::file`].
    pub fn line(&self) -> u32 {
        (self.word & MAX_LINE) as u32
    }

    /// Its file, source and note, and whether it is illustrative.
    pub fn provenance(&self) -> &'static Provenance {
        let id = (self.word >> Self::PROVENANCE_SHIFT) as u32 & Provenance::MAX_ID;
        Provenance::of_id(id)
    }

    /// The same value with another provenance (a translated source).
    pub fn set_provenance(&mut self, provenance: &'static Provenance) {
        *self = Observation::new(self.period(), self.value, provenance, self.line());
    }

    /// Where it was read.
    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file(),
            sheet: self.sheet(),
            line: self.line(),
        }
    }

    /// The worksheet it was read from, when its file is a workbook.
    pub fn sheet(&self) -> Option<Name> {
        self.provenance().sheet
    }

    /// The file it was read from.
    pub fn file(&self) -> FileName {
        self.provenance().file
    }

    /// Made-up data for demonstration, not a real measurement.
    pub fn illustrative(&self) -> bool {
        self.word >> Self::ILLUSTRATIVE_SHIFT & 1 == 1
    }

    /// Its source and note, if the row gives either.
    pub fn remarks(&self) -> Option<&'static Remarks> {
        self.provenance().remarks
    }

    pub fn source(&self) -> Option<&str> {
        self.remarks().and_then(|r| r.source.as_deref())
    }

    pub fn note(&self) -> Option<&str> {
        self.remarks().and_then(|r| r.note.as_deref())
    }
}

impl fmt::Debug for Observation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observation")
            .field("period", &self.period())
            .field("value", &self.value)
            .field("provenance", self.provenance())
            .field("line", &self.line())
            .finish()
    }
}

/// In JSON an observation carries its origin as `from: "file:line"`.
impl Serialize for Observation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Observation", 6)?;
        o.serialize_field("period", &self.period())?;
        o.serialize_field("value", &self.value)?;
        o.serialize_field("illustrative", &self.illustrative())?;
        o.serialize_field("source", &self.source())?;
        o.serialize_field("note", &self.note())?;
        o.serialize_field("from", &DisplayAsStr(&self.origin()))?;
        o.end()
    }
}

struct DisplayAsStr<'a, T: fmt::Display>(&'a T);

impl<T: fmt::Display> Serialize for DisplayAsStr<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// All observations of one series, sorted by period.
#[derive(Debug, Clone)]
pub struct Series {
    pub key: SeriesKey,
    pub observations: Vec<Observation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Periods order by year, then month, then school year: as the three fields compared one
    /// after the other, negative years and the ends of the two-byte year included.
    #[test]
    fn periods_order_by_year_then_month_then_school_year() {
        let mut periods = Vec::new();
        for year in [i16::MIN, -3, -1, 0, 1, 2019, 2020, 9999, i16::MAX] {
            for month in [0, 1, 7, 12] {
                for school_year in [false, true] {
                    periods.push(Period {
                        year,
                        month,
                        school_year,
                    });
                }
            }
        }
        let fields = |p: &Period| (p.year, p.month, p.school_year);
        for a in &periods {
            for b in &periods {
                assert_eq!(a.cmp(b), fields(a).cmp(&fields(b)), "{a:?} {b:?}");
                assert_eq!(a.partial_cmp(b), Some(a.cmp(b)));
                assert_eq!(a == b, a.cmp(b).is_eq());
            }
        }
    }

    /// Rows carry names as plain references: equal texts are one kept copy, whoever asks.
    #[test]
    fn a_name_is_kept_once_and_told_from_others() {
        let first = name("gemeente-006");
        let again = name(&String::from("gemeente-006"));
        assert!(std::ptr::eq(first, again), "one copy of a name");
        assert_eq!(first, "gemeente-006");
        let other = name("gemeente-007");
        assert!(!std::ptr::eq(first, other));
        assert_eq!(other, "gemeente-007");
        let from_threads: Vec<Name> = std::thread::scope(|scope| {
            let asks: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| name("Synthetic indicator 0")))
                .collect();
            asks.into_iter().map(|a| a.join().unwrap()).collect()
        });
        assert!(from_threads
            .iter()
            .all(|n| std::ptr::eq(*n, from_threads[0])));
    }

    #[test]
    fn a_file_name_is_kept_once_and_an_observation_stays_small() {
        let a = FileName::new("2020.csv");
        let b = FileName::new(&String::from("2020.csv"));
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "one copy per name");
        assert_ne!(a, FileName::new("2021.csv"));
        assert!(a < FileName::new("2021.csv"), "ordered by the name");
        assert_eq!(format!("{a}:7"), "2020.csv:7");
        // Millions of observations are held: the name is one pointer, the period four bytes,
        // the whole 24 bytes.
        assert_eq!(std::mem::size_of::<FileName>(), 8);
        assert_eq!(std::mem::size_of::<Period>(), 4);
        assert_eq!(std::mem::size_of::<Observation>(), 16);
    }

    #[test]
    fn every_four_digit_year_is_held_exactly_and_periods_keep_their_order() {
        // The year is held in two bytes: every year a period can be read with comes back as
        // it was written, in each of the three forms, and periods order as (year, month).
        let mut last: Option<Period> = None;
        for year in PERIOD_YEARS {
            let forms = [
                Period::year_only(year),
                Period::parse(&format!("{year:04}")).unwrap(),
                Period::parse(&format!("{year:04}-12")).unwrap(),
            ];
            for p in forms {
                assert_eq!(p.year(), year);
                assert!(p.covers(year));
            }
            assert_eq!(forms[0], forms[1]);
            assert_eq!(forms[2].to_string(), format!("{year}-12"));
            if year < 9999 {
                let school = Period::parse(&format!("{year:04}/{:04}", year + 1)).unwrap();
                assert_eq!(school.year(), year);
                assert!(school.covers(year + 1));
            }
            if let Some(before) = last {
                assert!(before < forms[0] && forms[0] < forms[2]);
            }
            last = Some(forms[2]);
        }
        // Past what two bytes hold, the nearest year that fits, never one wrapped round.
        assert_eq!(Period::year_only(40_000).year(), i32::from(i16::MAX));
        assert_eq!(Period::year_only(-40_000).year(), i32::from(i16::MIN));
    }

    #[test]
    fn remarks_are_kept_once_per_pair() {
        let text = |t: &str| Some(Arc::<str>::from(t));
        let a = Remarks::shared(text("CBS"), None).unwrap();
        let b = Remarks::shared(text("CBS"), None).unwrap();
        assert!(std::ptr::eq(a, b), "the same pair, the same copy");
        let c = Remarks::shared(text("CBS"), text("baseline")).unwrap();
        assert!(!std::ptr::eq(a, c));
        assert_eq!(
            (c.source.as_deref(), c.note.as_deref()),
            (Some("CBS"), Some("baseline"))
        );
        assert!(Remarks::shared(None, None).is_none());
    }

    #[test]
    fn an_observation_gives_back_every_period_flag_provenance_and_line_it_was_made_with() {
        let file = FileName::new("2020.csv");
        let plain = Provenance::shared(file, None, false).unwrap();
        let made_up = Provenance::shared(file, None, true).unwrap();
        // Every year two bytes hold, in each form, at both ends of the line's bits, with
        // either flag: nothing spills into a neighbour's bits.
        for year in (i32::from(i16::MIN)..=i32::from(i16::MAX))
            .step_by(7)
            .chain([-1, 0, 9999])
        {
            let forms = [
                Period::year_only(year),
                Period {
                    month: 12,
                    ..Period::year_only(year)
                },
                Period {
                    school_year: true,
                    ..Period::year_only(year)
                },
            ];
            for period in forms {
                for (provenance, line) in [(plain, 0), (made_up, 1), (plain, MAX_LINE as u32)] {
                    let o = Observation::new(period, -0.5, provenance, line);
                    assert_eq!(o.period(), period);
                    assert_eq!(o.line(), line);
                    assert!(std::ptr::eq(o.provenance(), provenance));
                    assert_eq!(o.illustrative(), provenance.illustrative);
                    assert_eq!(o.value, -0.5);
                }
            }
        }
        // Every number a provenance can have has a place of its own.
        let mut seen = std::collections::HashSet::new();
        for id in 0..Provenance::MAX_COUNT as u32 {
            let (part, place) = Provenance::place_of(id);
            assert!(place < 1 << part && part < PROVENANCES.len(), "{id}");
            assert!(seen.insert((part, place)), "{id}");
        }
    }

    #[test]
    fn a_provenance_is_kept_once_per_file_remarks_and_flag() {
        let file = FileName::new("2020.csv");
        let remarks = Remarks::shared(Some(Arc::from("CBS")), None);
        let a = Provenance::shared(file, remarks, false).unwrap();
        assert!(std::ptr::eq(
            a,
            Provenance::shared(file, remarks, false).unwrap()
        ));
        // Each of the three tells provenances apart.
        assert!(!std::ptr::eq(
            a,
            Provenance::shared(file, remarks, true).unwrap()
        ));
        assert!(!std::ptr::eq(
            a,
            Provenance::shared(file, None, false).unwrap()
        ));
        let other = Provenance::shared(FileName::new("2021.csv"), remarks, false).unwrap();
        assert!(!std::ptr::eq(a, other));
        let o = Observation::new(
            Period::year_only(2020),
            1.5,
            crate::model::Provenance::shared(file, remarks, true).unwrap(),
            7,
        );
        assert_eq!((o.file().as_str(), o.line()), ("2020.csv", 7));
        assert!(o.illustrative());
        assert_eq!((o.source(), o.note()), (Some("CBS"), None));
        assert_eq!(o.origin().to_string(), "2020.csv:7");
    }

    #[test]
    fn periods_parse_and_print_as_written() {
        for text in ["2017", "2016/2017", "2018-07"] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Period::parse("2016/2017").unwrap().year(), 2016);
        assert_eq!(Period::parse("2018-07").unwrap().month(), Some(7));
    }

    #[test]
    fn bad_periods_say_what_was_expected() {
        assert!(Period::parse("2016/2018")
            .unwrap_err()
            .contains("consecutive"));
        assert!(Period::parse("2018-13").unwrap_err().contains("01 to 12"));
        assert!(Period::parse("juli")
            .unwrap_err()
            .contains("expected a year"));
    }

    #[test]
    fn months_as_excel_writes_them() {
        for text in [
            "jul-21",
            "Jul-21",
            "juli 2021",
            "jul. 2021",
            "July 2021",
            "JUL-2021",
        ] {
            let p = Period::parse_as_written(text).unwrap();
            assert_eq!(p.to_string(), "2021-07", "{text}");
            assert!(
                Period::parse(text).is_err(),
                "indicators.toml keeps one form"
            );
        }
        assert_eq!(
            Period::parse_as_written("mrt-99").unwrap().to_string(),
            "1999-03"
        );
        assert_eq!(
            Period::parse_as_written("okt 2020").unwrap().to_string(),
            "2020-10"
        );
        assert!(Period::parse("1-7-2021").unwrap_err().contains("a date"));
        assert!(Period::parse("01/07/2021").unwrap_err().contains("2018-07"));
        assert!(Period::parse_as_written("julius 2021").is_err());
    }

    #[test]
    fn months_order_within_their_year() {
        let july = Period::parse("2018-07").unwrap();
        assert!(Period::parse("2018").unwrap() < july);
        assert!(july < Period::parse("2019").unwrap());
    }
}
