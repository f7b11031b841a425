//! Compact JSON of the long lists — an assessment's rows, a comparison's changes — written
//! straight into a buffer: the bytes `serde_json::to_writer` writes for the same views (the
//! contract is still the serde derive of [`Row`] and its parts, which the indented output and
//! `show` use), without serde's per-key work. serde_json writes each key of a struct as any
//! string, looking at every byte for one to escape; here a key is a constant.
//!
//! A national `table --format json` writes 188,000 rows of some 29 keys (and 20 more in the
//! objects inside them); `compare` twice as many. The tests of [`super::json`] hold the two
//! writers to the same bytes for every kind of field: a field added to [`Row`] and not here
//! fails them.

use super::push_int;
use crate::assess::compare::Change;
use crate::assess::{BaselineValue, Inputs, Manual, Rank, Row, Value};
use crate::model::{Observation, Period, Target, Thresholds};

/// A buffer compact JSON is written into.
pub(crate) struct Out<'b>(pub &'b mut Vec<u8>);

impl Out<'_> {
    /// Text written as it is: punctuation and keys (`,"key":`), never data.
    fn raw(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    /// A string, escaped as serde_json escapes it (a quote, a backslash and control
    /// characters; nothing else).
    fn str(&mut self, text: &str) {
        if escaped(text) {
            self.serde(text);
        } else {
            self.0.push(b'"');
            self.0.extend_from_slice(text.as_bytes());
            self.0.push(b'"');
        }
    }

    fn opt_str(&mut self, text: Option<&str>) {
        match text {
            Some(t) => self.str(t),
            None => self.raw("null"),
        }
    }

    /// A code (a status, a direction): a constant identifier, with nothing to escape, so not
    /// looked through for it as a string is.
    fn code(&mut self, code: &'static str) {
        debug_assert!(!escaped(code), "{code}");
        self.0.push(b'"');
        self.0.extend_from_slice(code.as_bytes());
        self.0.push(b'"');
    }

    /// A number as serde_json writes it: the shortest text that reads back the same, from its
    /// digits when it has four decimals at most ([`few_decimals`]), else by the formatter
    /// serde_json uses (zmij), without going through a serializer and a writer for each (a
    /// national `compare` writes 3 million); `null` when not finite, as serde_json.
    fn f64(&mut self, value: f64) {
        if value.is_finite() {
            if !few_decimals(value, self.0) {
                self.0
                    .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
            }
        } else {
            self.raw("null");
        }
    }

    fn opt_f64(&mut self, value: Option<f64>) {
        match value {
            Some(v) => self.f64(v),
            None => self.raw("null"),
        }
    }

    fn int(&mut self, value: impl itoa::Integer) {
        push_int(self.0, value);
    }

    fn opt_int(&mut self, value: Option<i32>) {
        match value {
            Some(v) => self.int(v),
            None => self.raw("null"),
        }
    }

    fn bool(&mut self, value: bool) {
        self.raw(if value { "true" } else { "false" });
    }

    fn opt_bool(&mut self, value: Option<bool>) {
        match value {
            Some(v) => self.bool(v),
            None => self.raw("null"),
        }
    }

    /// Where an observation was read, `file:line` (`file[sheet]:line` in a workbook): the
    /// line's digits need no escaping.
    fn origin(&mut self, o: &Observation) {
        let file = o.file().as_str();
        if escaped(file) || o.sheet().is_some() {
            self.serde(&o.origin().to_string());
        } else {
            self.0.push(b'"');
            self.0.extend_from_slice(file.as_bytes());
            self.0.push(b':');
            push_int(self.0, o.line());
            self.0.push(b'"');
        }
    }

    /// A period as its text: digits, `/` and `-` only, nothing to escape.
    fn period(&mut self, period: Period) {
        self.0.push(b'"');
        period.push_text(self.0);
        self.0.push(b'"');
    }

    /// `value` as serde_json writes it.
    fn serde(&mut self, value: &(impl serde::Serialize + ?Sized)) {
        // Into a Vec, and of types that always serialize: cannot fail.
        let _ = serde_json::to_writer(&mut *self.0, value);
    }

    /// What `write` writes, for a part whose text is all of `bits` (a row's target, its
    /// thresholds): the text this thread last wrote for the same bits of the same `part`,
    /// copied. Rows come an indicator at a time, and those parts are the indicator's (a
    /// national range writes hundreds of rows with the same): a third of a row's numbers,
    /// formatted once per range rather than once per row.
    fn same_as_last(&mut self, part: Part, bits: [u64; 3], write: impl FnOnce(&mut Self)) {
        LAST.with_borrow_mut(|last| {
            let (kept_bits, text) = &mut last[part as usize];
            if *kept_bits == Some(bits) {
                self.0.extend_from_slice(text);
            } else {
                let start = self.0.len();
                write(self);
                text.clear();
                text.extend_from_slice(&self.0[start..]);
                *kept_bits = Some(bits);
            }
        });
    }

    /// `value` when there is one, else `null`.
    fn opt<T>(&mut self, value: Option<&T>, write: impl FnOnce(&mut Self, &T)) {
        match value {
            Some(v) => write(self, v),
            None => self.raw("null"),
        }
    }
}

/// Writes `value` as serde_json does when it has at most four decimals and is below 10^11 in
/// size, and says whether it did: most numbers of a monitor are measured values, gaps and
/// changes of one or two decimals, written here from an integer's digits, with less work than
/// the general formatter's search for the shortest digits (a national `compare` writes 3
/// million numbers, four in five of them such; the others, such as a progress value's
/// seventeen digits, are left to zmij).
///
/// Why it is the same text: `m = round(value × 10^4)` is below 10^15, so `m` and 10^4 are exact
/// doubles and `m / 10^4`, rounded once, is the double nearest to the decimal m·10^-4 — what
/// reading that decimal back gives. When it is `value`, that decimal is its text; and the
/// only one with at most four decimals, because they lie 10^-4 apart, several times the
/// distance between doubles below 10^11. A text with fewer decimals is one of them with its
/// trailing zeros dropped, so dropping them gives the shortest text, which is what serde_json
/// writes (`12.0` for a whole number, as it does). Zero is left to zmij (`-0.0`).
fn few_decimals(value: f64, out: &mut Vec<u8>) -> bool {
    const SCALE: f64 = 10_000.0;
    let scaled = value * SCALE;
    // Also false for a value too small to have a digit in four decimals (and for zero).
    if !(scaled.abs() < 1e15 && scaled.abs() >= 0.5) {
        return false;
    }
    // The whole number nearest to `scaled` (or, where adding the half rounds, the next one:
    // then the check below fails and zmij writes the value), by truncating: an instruction,
    // where `f64::round` is a call into the maths library. Any `m` that passes the check is
    // right, by the reasoning above.
    let m = (scaled + 0.5f64.copysign(scaled)) as i64;
    if m as f64 / SCALE != value {
        return false;
    }
    // Made in a buffer of a fixed size, copied whole and cut to its length: a copy of a length
    // known in advance is a few instructions, of any other length a call. At most
    // `-99999999999.9999`: 17 bytes.
    let mut text = [0u8; 24];
    let mut len = 0;
    if m < 0 {
        text[0] = b'-';
        len = 1;
    }
    let m = m.unsigned_abs();
    let (whole, mut fraction) = (m / 10_000, m % 10_000);
    // Below 10^11: at most 11 digits.
    let (mut digits, mut power) = (1, 10);
    while whole >= power {
        digits += 1;
        power *= 10;
    }
    let mut rest = whole;
    for place in (len..len + digits).rev() {
        text[place] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    len += digits;
    text[len] = b'.';
    len += 1;
    if fraction == 0 {
        text[len] = b'0';
        len += 1;
    } else {
        let mut decimals = 4;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            decimals -= 1;
        }
        for place in (len..len + decimals).rev() {
            text[place] = b'0' + (fraction % 10) as u8;
            fraction /= 10;
        }
        len += decimals;
    }
    let at = out.len();
    out.extend_from_slice(&text);
    out.truncate(at + len);
    true
}

/// The parts of a row [`Out::same_as_last`] copies.
#[derive(Clone, Copy)]
enum Part {
    Target,
    Thresholds,
}

/// The bits of a part written last and its text.
type Written = (Option<[u64; 3]>, Vec<u8>);

thread_local! {
    /// Per part: what this thread wrote last.
    static LAST: std::cell::RefCell<[Written; 2]> =
        const { std::cell::RefCell::new([(None, Vec::new()), (None, Vec::new())]) };
}

/// Whether serde_json escapes a character of `text`: a quote, a backslash or a control
/// character (nothing else).
fn escaped(text: &str) -> bool {
    text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\')
}

/// A row, with its observations when `observations`: as `RowView` in [`super::json`].
pub(crate) fn row(out: &mut Out, row: &Row, observations: bool) {
    names(out, row);
    after_names(out, row, observations);
}

/// A row from its direction on: what [`row`] writes after [`names`].
fn after_names(out: &mut Out, row: &Row, observations: bool) {
    out.raw(",\"direction\":");
    out.code(row.direction.code());
    out.raw(",\"goal\":");
    out.code(row.goal.code());
    out.raw(",\"baseline\":");
    out.opt(row.baseline.as_ref(), baseline);
    out.raw(",\"target\":");
    out.opt(row.target.as_ref(), target);
    out.raw(",\"latest\":");
    out.opt(row.latest.as_ref(), value);
    out.raw(",\"change\":");
    out.opt(row.change.as_ref(), change);
    out.raw(",\"improved\":");
    out.opt_bool(row.improved);
    out.raw(",\"progress\":");
    out.opt_f64(row.progress);
    out.raw(",\"gap\":");
    out.opt_f64(row.gap);
    out.raw(",\"expected\":");
    out.opt_f64(row.expected);
    out.raw(",\"method\":");
    out.opt(row.method.as_ref(), |out, m| out.code(m.code()));
    out.raw(",\"status\":");
    out.code(row.status.code());
    out.raw(",\"manual\":");
    out.opt(row.manual.as_ref(), manual);
    out.raw(",\"score\":");
    out.opt_f64(row.score);
    out.raw(",\"progress_value\":");
    out.opt_f64(row.progress_value);
    out.raw(",\"inputs\":");
    out.opt(row.inputs.as_ref(), inputs);
    out.raw(",\"thresholds\":");
    out.opt(row.thresholds.as_ref(), thresholds);
    out.raw(",\"reason\":");
    out.opt_str(row.reason.as_deref());
    out.raw(",\"rank\":");
    out.opt(row.rank.as_ref(), rank);
    out.raw(",\"illustrative\":");
    out.bool(row.illustrative);
    out.raw(",\"source\":");
    out.opt_str(row.source);
    if observations {
        out.raw(",\"observations\":[");
        for (i, o) in row.observations.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            observation(out, o);
        }
        out.raw("]");
    }
    out.raw("}");
}

/// A change with its two rows: as `ChangeView` in [`super::json`].
pub(crate) fn change_view(out: &mut Out, c: &Change, observations: bool) {
    let r = c.row;
    let start = out.0.len();
    names(out, r);
    let named = start..out.0.len();
    out.raw(",\"status_change\":");
    out.code(c.status_change.code());
    out.raw(",\"observation\":");
    out.code(c.observation.code());
    out.raw(",\"value_change\":");
    out.opt_f64(c.value_change);
    out.raw(",\"score_change\":");
    out.opt_f64(c.score_change);
    // A year's row is named as its change is (the same series): those bytes are copied rather
    // than written (and scanned for escapes) twice more.
    let year_row = |out: &mut Out, year: &Row| {
        if same_names(year, r) {
            out.0.extend_from_within(named.clone());
            after_names(out, year, observations);
        } else {
            row(out, year, observations);
        }
    };
    out.raw(",\"from\":");
    out.opt(c.from, year_row);
    out.raw(",\"to\":");
    out.opt(c.to, year_row);
    out.raw("}");
}

/// Whether [`names`] writes the same for `a` and `b`.
fn same_names(a: &Row, b: &Row) -> bool {
    (
        a.id,
        a.title,
        a.theme,
        a.series,
        a.series_id,
        a.area,
        a.peer,
        a.unit,
    ) == (
        b.id,
        b.title,
        b.theme,
        b.series,
        b.series_id,
        b.area,
        b.peer,
        b.unit,
    )
}

/// The fields that name a row, first in a row and in a change alike: `{` and id to unit.
fn names(out: &mut Out, row: &Row) {
    out.raw("{\"id\":");
    out.str(row.id);
    out.raw(",\"title\":");
    out.str(row.title);
    out.raw(",\"theme\":");
    out.str(row.theme);
    out.raw(",\"series\":");
    out.opt_str(row.series);
    out.raw(",\"series_id\":");
    out.opt_str(row.series_id);
    out.raw(",\"area\":");
    out.str(row.area);
    out.raw(",\"peer\":");
    out.bool(row.peer);
    out.raw(",\"unit\":");
    out.str(row.unit);
}

fn baseline(out: &mut Out, b: &BaselineValue) {
    out.raw("{\"value\":");
    out.f64(b.value);
    out.raw(",\"period\":");
    out.period(b.period);
    out.raw(",\"count\":");
    out.opt_f64(b.count);
    out.raw(",\"denominator\":");
    out.opt_f64(b.denominator);
    out.raw(",\"as_written\":");
    out.opt_str(b.as_written.as_deref());
    out.raw("}");
}

fn target(out: &mut Out, t: &Target) {
    // A year is exactly a double: the bits are the whole of the text.
    let bits = [t.value.to_bits(), f64::from(t.year).to_bits(), 0];
    out.same_as_last(Part::Target, bits, |out| {
        out.raw("{\"value\":");
        out.f64(t.value);
        out.raw(",\"year\":");
        out.int(t.year);
        out.raw("}");
    });
}

fn value(out: &mut Out, v: &Value) {
    out.raw("{\"value\":");
    out.f64(v.value);
    out.raw(",\"period\":");
    out.period(v.period);
    out.raw(",\"illustrative\":");
    out.bool(v.illustrative);
    out.raw("}");
}

fn change(out: &mut Out, c: &crate::assess::Change) {
    out.raw("{\"absolute\":");
    out.f64(c.absolute);
    out.raw(",\"relative\":");
    out.opt_f64(c.relative);
    out.raw("}");
}

fn manual(out: &mut Out, m: &Manual) {
    out.raw("{\"reason\":");
    out.str(&m.reason);
    out.raw(",\"computed_status\":");
    out.code(m.computed_status.code());
    out.raw(",\"computed_score\":");
    out.opt_f64(m.computed_score);
    out.raw("}");
}

fn inputs(out: &mut Out, i: &Inputs) {
    out.raw("{\"base_year\":");
    out.int(i.base_year);
    out.raw(",\"base_value\":");
    out.f64(i.base_value);
    out.raw(",\"current_year\":");
    out.int(i.current_year);
    out.raw(",\"current_value\":");
    out.f64(i.current_value);
    out.raw(",\"target\":");
    out.opt_f64(i.target);
    out.raw(",\"target_year\":");
    out.opt_int(i.target_year);
    out.raw(",\"limit\":");
    out.opt_f64(i.limit);
    out.raw(",\"coefficient\":");
    out.opt_f64(i.coefficient);
    out.raw("}");
}

fn thresholds(out: &mut Out, t: &Thresholds) {
    let bits = [t.high, t.med, t.low].map(f64::to_bits);
    out.same_as_last(Part::Thresholds, bits, |out| thresholds_text(out, t));
}

fn thresholds_text(out: &mut Out, t: &Thresholds) {
    out.raw("{\"high\":");
    out.f64(t.high);
    out.raw(",\"med\":");
    out.f64(t.med);
    out.raw(",\"low\":");
    out.f64(t.low);
    out.raw("}");
}

fn rank(out: &mut Out, r: &Rank) {
    out.raw("{\"position\":");
    out.int(r.position);
    out.raw(",\"of\":");
    out.int(r.of);
    out.raw(",\"order\":");
    out.code(r.order.code());
    out.raw(",\"period\":");
    out.period(r.period);
    out.raw(",\"tied\":");
    out.bool(r.tied);
    out.raw("}");
}

fn observation(out: &mut Out, o: &Observation) {
    out.raw("{\"period\":");
    out.period(o.period());
    out.raw(",\"value\":");
    out.f64(o.value);
    out.raw(",\"illustrative\":");
    out.bool(o.illustrative());
    out.raw(",\"source\":");
    out.opt_str(o.source());
    out.raw(",\"note\":");
    out.opt_str(o.note());
    out.raw(",\"from\":");
    out.origin(o);
    out.raw("}");
}

#[cfg(test)]
mod tests {
    use super::few_decimals;

    /// zmij's text of `value`, which serde_json writes.
    fn general(value: f64) -> String {
        zmij::Buffer::new().format_finite(value).to_string()
    }

    /// The text [`few_decimals`] writes for `value`, if it takes it.
    fn fast(value: f64) -> Option<String> {
        let mut out = Vec::new();
        few_decimals(value, &mut out).then(|| String::from_utf8(out).expect("ASCII"))
    }

    /// A small deterministic generator (xorshift64*), so that a failure can be replayed.
    struct Draws(u64);

    impl Draws {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    /// Every number the shortcut writes is written as zmij writes it, and it takes the numbers
    /// it is for: decimals of up to four places, read from text as a measurement file gives
    /// them, of every size up to its limit, and sums and differences of them.
    #[test]
    fn few_decimals_are_written_as_serde_json_writes_them() {
        let mut draws = Draws(0x9e37_79b9_7f4a_7c15);
        let mut taken = 0;
        let mut checked = 0;
        let mut check = |value: f64| {
            checked += 1;
            if let Some(text) = fast(value) {
                assert_eq!(text, general(value), "bits {:#x}", value.to_bits());
                taken += 1;
            }
        };
        for _ in 0..400_000 {
            // A decimal of 1 to 15 digits with 0 to 6 decimals, as text, read back.
            let digits = 1 + draws.next() % 15;
            let mantissa = draws.next() % 10u64.pow(digits as u32);
            let decimals = draws.next() % 7;
            let sign = if draws.next().is_multiple_of(2) {
                ""
            } else {
                "-"
            };
            let value: f64 = format!("{sign}{mantissa}e-{decimals}")
                .parse()
                .expect("a number");
            check(value);
            if decimals <= 4 && value.abs() < 1e11 && value != 0.0 {
                // What the shortcut is for: it must take it.
                assert!(fast(value).is_some(), "{value}");
            }
            // What arithmetic on such values gives (a gap, a change, a mean).
            let other: f64 = format!("{}e-2", draws.next() % 100_000)
                .parse()
                .expect("a number");
            check(value - other);
            check(value + other);
            check((value + other) / 2.0);
            check(value * 1.1);
            // Any double at all.
            check(f64::from_bits(draws.next()));
        }
        for value in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.1,
            0.2,
            0.3,
            0.1 + 0.2,
            41.84 - 42.0,
            1e-4,
            -1e-4,
            0.00015,
            5e-5,
            4.9999e-5,
            0.0001,
            0.9999,
            99_999_999_999.999_9,
            99_999_999_999.999,
            1e11,
            1e11 - 0.0001,
            1e10,
            12_345_678_901.234_5,
            1e15,
            1e16,
            1e21,
            1e-7,
            123.456,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::EPSILON,
            2f64.powi(53),
        ] {
            check(value);
        }
        // A third of the values checked is taken (random doubles and long fractions are not).
        assert!(taken * 3 > checked, "{taken} of {checked} taken");
        for (value, text) in [
            (41.84, "41.84"),
            (-0.16, "-0.16"),
            (42.0, "42.0"),
            (0.05, "0.05"),
        ] {
            assert_eq!(fast(value).as_deref(), Some(text));
        }
        for value in [0.0, -0.0, 1.7834069283124536, 1e-5, 1e11, f64::MAX] {
            assert_eq!(fast(value), None, "{value}");
        }
    }
}
