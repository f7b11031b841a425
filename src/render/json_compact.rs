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

    /// A number as serde_json writes it: the shortest text that reads back the same, by the
    /// formatter serde_json uses (zmij), without going through a serializer and a writer for
    /// each (a national `compare` writes 3 million); `null` when not finite, as serde_json.
    fn f64(&mut self, value: f64) {
        if value.is_finite() {
            self.0
                .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
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
        super::push_int(self.0, value);
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
            super::push_int(self.0, o.line);
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
    out.period(o.period);
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
