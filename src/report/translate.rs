//! The plan's own texts in the report's language: indicators.toml writes titles, theme names
//! and goals, series labels, sources and units in the monitor's language; its
//! `[translation.<lang>]` table gives them in another. The report is built from a copy of the
//! assessment with those texts replaced; numbers, ids and statuses are untouched, and a text
//! without a translation stays as written.

use crate::assess::compare::Comparison;
use crate::assess::{Assessment, Row};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Units the value texts treat as "no unit" keep their code; translating them would print them.
const UNITLESS: [&str; 4] = ["%", "score", "rapportcijfer", "factor"];

/// Replaces a text by its translation, when there is one.
struct Texts<'a>(&'a BTreeMap<String, String>);

impl Texts<'_> {
    fn tr(&self, s: &mut String) {
        if let Some(t) = self.0.get(s.as_str()) {
            s.clone_from(t);
        }
    }

    fn tr_opt(&self, s: &mut Option<String>) {
        if let Some(s) = s {
            self.tr(s);
        }
    }

    /// [`Texts::tr`] of a row's name.
    fn tr_shared(&self, s: &mut crate::model::Name) {
        if let Some(t) = self.0.get(*s) {
            *s = crate::model::name(t);
        }
    }

    fn tr_shared_opt(&self, s: &mut Option<crate::model::Name>) {
        if let Some(s) = s {
            self.tr_shared(s);
        }
    }

    fn row(&self, r: &mut Row) {
        self.tr_shared(&mut r.title);
        self.tr_shared_opt(&mut r.series);
        self.tr_shared_opt(&mut r.source);
        if !UNITLESS.contains(&r.unit) {
            self.tr_shared(&mut r.unit);
        }
        for o in &mut r.observations {
            if let Some(t) = o.source().and_then(|s| self.0.get(s)) {
                let note = o.remarks().and_then(|r| r.note.clone());
                let remarks = crate::model::Remarks::shared(Some(Arc::from(t.as_str())), note);
                // Past the room for provenances the value keeps its source untranslated.
                if let Some(translated) = crate::model::Provenance::in_sheet(
                    o.file(),
                    o.sheet(),
                    remarks,
                    o.illustrative(),
                ) {
                    o.set_provenance(translated);
                }
            }
        }
    }
}

/// `a` with every plan text that `texts` translates replaced by its translation.
pub fn translated(a: &Assessment, texts: &BTreeMap<String, String>) -> Assessment {
    let t = Texts(texts);
    let mut a = a.clone();
    let m = &mut a.header.monitor;
    t.tr(&mut m.title);
    t.tr_opt(&mut m.document);
    for theme in &mut m.themes {
        t.tr(&mut theme.name);
        t.tr_opt(&mut theme.goal);
    }
    for r in &mut a.indicators {
        t.row(r);
    }
    let aggs = &mut a.aggregates;
    for agg in aggs.indicators.iter_mut().chain(&mut aggs.themes) {
        t.tr(&mut agg.name);
    }
    t.tr(&mut aggs.plan.name);
    a
}

/// `c` with the plan texts of its rows translated, as [`translated`] does.
pub fn translated_comparison(mut c: Comparison, texts: &BTreeMap<String, String>) -> Comparison {
    let t = Texts(texts);
    for r in c.earlier.iter_mut().chain(&mut c.later) {
        t.row(r);
    }
    c
}

#[cfg(test)]
mod tests {
    #[test]
    fn unitless_units_are_never_translated() {
        assert!(super::UNITLESS.contains(&"rapportcijfer"));
    }
}
