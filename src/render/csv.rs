//! CSV and TSV: one line per indicator × series × area (for a comparison: per row of both
//! years), flat columns, `.` decimals, full precision, no colour. Text that a spreadsheet would
//! take for a formula is neutralised.

use super::Renderer;
use crate::assess::compare::{change_of, Change, Comparison, RowChange};
use crate::assess::{Assessment, Row};
use crate::model::Period;
use crate::number_format::{Decimals, NumberStyle};
use std::io::Write;

/// Delimited text with the given delimiter (`,` or tab).
pub(crate) struct Delimited(pub u8);

const HEADER: [&str; 30] = [
    "id",
    "title",
    "theme",
    "series",
    "area",
    "peer",
    "unit",
    "direction",
    "goal",
    "baseline_value",
    "baseline_period",
    "target_value",
    "target_year",
    "latest_value",
    "latest_period",
    "change_absolute",
    "change_relative",
    "improved",
    "progress",
    "gap",
    "expected",
    "method",
    "status",
    "manual_reason",
    "score",
    "progress_value",
    "rank",
    "illustrative",
    "reason",
    "source",
];

/// A measured number, exactly as read.
const MEASURED: Decimals = Decimals::Shortest;

/// A computed number (a ratio, a progress value, an expected value) without binary-fraction
/// noise: twelve significant digits, far beyond any measurement, then the shortest form
/// (−0.12799999999999997 is −0.128).
const COMPUTED: Decimals = Decimals::Significant(12);

/// A score as people read it: two decimals (JSON keeps every digit, for scripts and checks).
const SCORE: Decimals = Decimals::AtMost(2);

/// Prefixes text that begins like a spreadsheet formula with `'`, so that opening the file
/// never runs it. Numbers are written by [`Fields::number`] and never pass through here.
pub(crate) fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Records written field by field straight into the output buffer, by the csv crate's rules
/// for its default writer: fields between delimiters, a field quoted (its quotes doubled) only
/// when it holds the delimiter, a quote, CR or LF, a lone empty field as `""` (an empty line
/// would be no record), and `\n` after each record. A national table has 188,000 records of
/// 30 fields: neither a `String` per field nor a copy of each record on its way out.
struct Fields<'b> {
    out: &'b mut Vec<u8>,
    delimiter: u8,
    /// Fields written of the record at hand, and whether the last one was empty.
    written: usize,
    last_empty: bool,
    /// Where a number's field is made, kept from field to field.
    scratch: String,
}

impl<'b> Fields<'b> {
    fn new(out: &'b mut Vec<u8>, delimiter: u8) -> Self {
        Fields {
            out,
            delimiter,
            written: 0,
            last_empty: false,
            scratch: String::new(),
        }
    }

    /// One field's bytes, quoted where they must be.
    fn field(&mut self, bytes: &[u8]) {
        if !needs_quotes(bytes, self.delimiter) {
            self.bare(|out| out.extend_from_slice(bytes));
            return;
        }
        self.start();
        self.last_empty = false;
        self.out.push(b'"');
        for part in bytes.split_inclusive(|&b| b == b'"') {
            self.out.extend_from_slice(part);
            if part.ends_with(b"\"") {
                self.out.push(b'"');
            }
        }
        self.out.push(b'"');
    }

    /// The delimiter before a field, unless it is the record's first.
    fn start(&mut self) {
        if self.written > 0 {
            self.out.push(self.delimiter);
        }
        self.written += 1;
    }

    /// A field `make` writes straight into the output: one that never needs quotes (digits,
    /// punctuation, ontrack's own codes), so neither looked through nor copied on its way.
    fn bare(&mut self, make: impl FnOnce(&mut Vec<u8>)) {
        self.start();
        let at = self.out.len();
        make(self.out);
        self.last_empty = self.out.len() == at;
        debug_assert!(!needs_quotes(&self.out[at..], self.delimiter));
    }

    /// `true` or `false`, without going through `Display`.
    fn flag(&mut self, value: Option<bool>) {
        self.plain(match value {
            Some(true) => "true",
            Some(false) => "false",
            None => "",
        });
    }

    /// Ends the record at hand.
    fn end(&mut self) {
        if self.written == 1 && self.last_empty {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.push(b'\n');
        self.written = 0;
    }

    /// Text as given, neutralised (see [`neutralise`]).
    fn text(&mut self, text: &str) {
        match neutralise(text) {
            std::borrow::Cow::Borrowed(t) => self.field(t.as_bytes()),
            std::borrow::Cow::Owned(t) => self.field(t.as_bytes()),
        }
    }

    /// A code of ontrack's own (a column name, a status), never formula-like and never quoted.
    fn plain(&mut self, text: &str) {
        self.bare(|out| out.extend_from_slice(text.as_bytes()));
    }

    /// A period, or an empty field.
    fn period(&mut self, period: Option<Period>) {
        self.bare(|out| {
            if let Some(p) = period {
                p.push_text(out);
            }
        });
    }

    /// A year, or an empty field.
    fn year(&mut self, year: Option<i32>) {
        self.bare(|out| {
            if let Some(y) = year {
                super::push_int(out, y);
            }
        });
    }

    /// A number in `decimals` (machine style otherwise: `.`, ASCII minus), or an empty field.
    fn number(&mut self, v: Option<f64>, decimals: Decimals) {
        let Some(v) = v else {
            return self.plain("");
        };
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let style = NumberStyle {
            decimals,
            ..NumberStyle::MACHINE
        };
        style.write(v, &mut scratch);
        self.plain(&scratch);
        self.scratch = scratch;
    }
}

/// Whether a field must be quoted: it holds `"`, CR, LF or `delimiter`. Eight bytes at a time
/// (a national table has 5.6 million fields): a byte equal to one of them is zero once they
/// are made equal by an exclusive or, and a zero byte leaves its top bit set in
/// `(x − 0x01…) & !x`, where no other byte does before the first zero.
fn needs_quotes(bytes: &[u8], delimiter: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & TOPS;
    let any_of = |x: u64| {
        zero_in(x ^ (ONES * u64::from(b'"')))
            | zero_in(x ^ (ONES * u64::from(b'\r')))
            | zero_in(x ^ (ONES * u64::from(b'\n')))
            | zero_in(x ^ (ONES * u64::from(delimiter)))
    };
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        if any_of(u64::from_le_bytes(eight)) != 0 {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| matches!(b, b'"' | b'\r' | b'\n') || b == delimiter)
}

/// The columns that name a row, first in both kinds of record: id, title, theme, series,
/// area, peer, unit.
fn names(row: &Row, f: &mut Fields) {
    f.text(row.id);
    f.text(row.title);
    f.text(row.theme);
    f.text(row.series.unwrap_or(""));
    f.text(row.area);
    f.flag(Some(row.peer));
    f.text(row.unit);
}

fn record(row: &Row, f: &mut Fields) {
    names(row, f);
    f.plain(row.direction.code());
    f.plain(row.goal.code());
    f.number(row.baseline.as_ref().map(|b| b.value), MEASURED);
    f.period(row.baseline.as_ref().map(|b| b.period));
    f.number(row.target.as_ref().map(|t| t.value), MEASURED);
    f.year(row.target.as_ref().map(|t| t.year));
    f.number(row.latest.as_ref().map(|l| l.value), MEASURED);
    f.period(row.latest.as_ref().map(|l| l.period));
    f.number(row.change.as_ref().map(|c| c.absolute), MEASURED);
    f.number(row.change.as_ref().and_then(|c| c.relative), COMPUTED);
    f.flag(row.improved);
    f.number(row.progress, COMPUTED);
    f.number(row.gap, MEASURED);
    f.number(row.expected, COMPUTED);
    f.plain(row.method.map(|m| m.code()).unwrap_or_default());
    f.plain(row.status.code());
    f.text(row.manual.as_ref().map(|m| m.reason.as_str()).unwrap_or(""));
    f.number(row.score, SCORE);
    f.number(row.progress_value, COMPUTED);
    match &row.rank {
        Some(r) => f.bare(|out| {
            super::push_int(out, r.position);
            out.push(b'/');
            super::push_int(out, r.of);
        }),
        None => f.plain(""),
    }
    f.flag(Some(row.illustrative));
    f.text(row.reason.as_deref().unwrap_or(""));
    f.text(row.source.unwrap_or(""));
}

impl Delimited {
    /// The header, then the records of `items` (made on every core, written in order).
    fn write<T: Sync, const N: usize>(
        &self,
        header: [&str; N],
        items: &[T],
        record: impl Fn(&T, &mut Fields) + Sync,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        self.header(header, out)?;
        super::in_parallel(items, out, |_, part, buffer| {
            self.records(part, &record, buffer)
        })
    }

    fn header<const N: usize>(
        &self,
        header: [&str; N],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut line = Vec::new();
        let mut fields = Fields::new(&mut line, self.0);
        for name in header {
            fields.plain(name);
        }
        fields.end();
        out.write_all(&line)
    }

    fn records<T>(
        &self,
        items: &[T],
        record: impl Fn(&T, &mut Fields),
        buffer: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        let mut fields = Fields::new(buffer, self.0);
        for item in items {
            record(item, &mut fields);
            fields.end();
        }
        Ok(())
    }

    /// The header of an assessment's rows, for rows written a range at a time
    /// ([`crate::assess::Streamed`]); then [`Self::rows`] for each range.
    pub(crate) fn rows_header(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.header(HEADER, out)
    }

    /// The records of `rows`: together with [`Self::rows_header`] the same bytes as rendering
    /// an assessment with these rows.
    pub(crate) fn rows(&self, rows: &[Row], buffer: &mut Vec<u8>) -> std::io::Result<()> {
        self.records(rows, record, buffer)
    }
}

impl Renderer<Assessment> for Delimited {
    fn render(&self, assessment: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        self.write(HEADER, &assessment.indicators, record, out)
    }
}

const CHANGE_HEADER: [&str; 20] = [
    "id",
    "title",
    "theme",
    "series",
    "area",
    "peer",
    "unit",
    "status_change",
    "observation",
    "from_status",
    "to_status",
    "from_score",
    "to_score",
    "score_change",
    "from_value",
    "from_period",
    "to_value",
    "to_period",
    "value_change",
    "illustrative",
];

fn change_record(c: &Change, f: &mut Fields) {
    let status = |r: Option<&Row>| r.map(|r| r.status.code()).unwrap_or_default();
    let score_of = |r: Option<&Row>| r.and_then(|r| r.score);
    fn latest(r: Option<&Row>) -> Option<&crate::assess::Value> {
        r.and_then(|r| r.latest.as_ref())
    }
    let illustrative = [c.from, c.to]
        .iter()
        .any(|r| r.is_some_and(|r| r.illustrative));
    let row = c.row;
    names(row, f);
    f.plain(c.status_change.code());
    f.plain(c.observation.code());
    f.plain(status(c.from));
    f.plain(status(c.to));
    f.number(score_of(c.from), SCORE);
    f.number(score_of(c.to), SCORE);
    f.number(c.score_change, SCORE);
    f.number(latest(c.from).map(|l| l.value), MEASURED);
    f.period(latest(c.from).map(|l| l.period));
    f.number(latest(c.to).map(|l| l.value), MEASURED);
    f.period(latest(c.to).map(|l| l.period));
    f.number(c.value_change, MEASURED);
    f.flag(Some(illustrative));
}

impl Delimited {
    /// The header of a comparison's changes, for changes written a range at a time; then
    /// [`Self::changes`] for each range.
    pub(crate) fn changes_header(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.header(CHANGE_HEADER, out)
    }

    /// The records of `changes` between `earlier` and `later` (the rows they name): with
    /// [`Self::changes_header`] the same bytes as rendering a comparison with these changes.
    pub(crate) fn changes(
        &self,
        (earlier, later): (&[Row], &[Row]),
        changes: &[RowChange],
        buffer: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        self.records(
            changes,
            |c, fields| change_record(&change_of(earlier, later, c), fields),
            buffer,
        )
    }
}

impl Renderer<Comparison> for Delimited {
    fn render(&self, comparison: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        self.write(
            CHANGE_HEADER,
            &comparison.changes,
            |c, fields| change_record(&comparison.change(c), fields),
            out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Records as the csv crate's default writer writes them, for comparing.
    fn by_csv_crate(delimiter: u8, records: &[Vec<String>]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_writer(Vec::new());
        for record in records {
            writer.write_record(record).unwrap();
        }
        writer.into_inner().unwrap()
    }

    fn by_fields(delimiter: u8, records: &[Vec<String>]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut fields = Fields::new(&mut out, delimiter);
        for record in records {
            for field in record {
                fields.field(field.as_bytes());
            }
            fields.end();
        }
        out
    }

    #[test]
    fn fields_are_quoted_where_they_must_be() {
        let records = vec![
            vec!["a,b".into(), "say \"hi\"".into(), "x\ty".into(), "".into()],
            vec![
                "line\nbreak".into(),
                "cr\rhere".into(),
                "\"".into(),
                "plain".into(),
            ],
            vec!["".into()],
            vec!["".into(), "".into()],
        ];
        let comma = by_fields(b',', &records);
        assert_eq!(
            String::from_utf8(comma.clone()).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",x\ty,\n\"line\nbreak\",\"cr\rhere\",\"\"\"\",plain\n\"\"\n,\n"
        );
        assert_eq!(comma, by_csv_crate(b',', &records));
        assert_eq!(by_fields(b'\t', &records), by_csv_crate(b'\t', &records));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any records, of fields made of the bytes that matter (delimiters, quotes, line ends,
        /// spaces, letters and a character outside ASCII), come out as the csv crate writes them.
        #[test]
        fn fields_are_written_as_the_csv_crate_writes_them(
            tab in any::<bool>(),
            records in prop::collection::vec(
                prop::collection::vec("[a,;\t\"\r\n é=-]{0,20}", 1..5),
                0..6,
            ),
        ) {
            let delimiter = if tab { b'\t' } else { b',' };
            prop_assert_eq!(by_fields(delimiter, &records), by_csv_crate(delimiter, &records));
        }
    }

    /// Each byte that must be quoted is found at every place of a field longer than a word of
    /// eight bytes, and the bytes next to them (and those of other characters) are not.
    #[test]
    fn a_field_needs_quotes_for_its_special_bytes_at_any_place_and_for_no_other() {
        for delimiter in [b',', b'\t'] {
            for special in [b'"', b'\r', b'\n', delimiter] {
                for at in 0..25 {
                    let mut field = vec![b'a'; 25];
                    field[at] = special;
                    assert!(needs_quotes(&field, delimiter), "{special} at {at}");
                    assert!(needs_quotes(&field[at..], delimiter), "{special} first");
                }
            }
            let others: Vec<u8> = (0..=255u8)
                .filter(|b| !matches!(b, b'"' | b'\r' | b'\n') && *b != delimiter)
                .collect();
            for start in 0..8 {
                assert!(!needs_quotes(&others[start..], delimiter));
            }
        }
    }

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("Cijfers SOW"), "Cijfers SOW");
    }
}
