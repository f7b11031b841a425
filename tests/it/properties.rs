//! Property tests (proptest) of the input layer, run in the normal suite so CI exercises them:
//! no input makes the loaders panic, and numbers written in either decimal convention read
//! back exactly.

use ontrack::load::measurements::{read_bytes, Lookup};
use ontrack::load::{indicators, number};
use ontrack::model::{DecimalMark, Dialect};
use proptest::prelude::*;
use std::path::Path;

fn bundled() -> ontrack::model::Monitor {
    indicators::parse(
        Path::new("indicators.toml"),
        include_str!("../../indicators.toml"),
    )
    .unwrap()
}

/// `whole` with thousands grouped by `group`, then `fraction` after `decimal`.
fn written(whole: u64, fraction: &str, decimal: char, group: char) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_reads_as_a_number_or_an_error(text in ".{0,24}") {
        for mark in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
            if let Ok(Some(r)) = number::read(&text, mark) {
                prop_assert!(r.value.is_finite());
            }
        }
    }

    #[test]
    fn numbers_read_back_under_their_stated_mark(whole in 0u64..10_000_000, fraction in "[0-9]{0,3}", negative: bool) {
        let expected: f64 = format!("{}{whole}.{}0", if negative { "-" } else { "" }, fraction).parse().unwrap();
        let sign = if negative { "-" } else { "" };
        let comma = format!("{sign}{}", written(whole, &fraction, ',', '.'));
        let point = format!("{sign}{}", written(whole, &fraction, '.', ','));
        prop_assert_eq!(number::read(&comma, Some(DecimalMark::Comma)).unwrap().unwrap().value, expected);
        prop_assert_eq!(number::read(&point, Some(DecimalMark::Point)).unwrap().unwrap().value, expected);
        // Without a stated mark a number is read right or held as ambiguous, never misread.
        let r = number::read(&comma, None).unwrap().unwrap();
        prop_assert!(r.value == expected || r.if_comma == Some(expected), "{comma}: {r:?}");
    }

    #[test]
    fn any_bytes_as_a_measurement_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let monitor = bundled();
        let lookup = Lookup::new(&monitor);
        let read = read_bytes(Path::new("2020.csv"), &bytes, &lookup, Dialect::default());
        for (slot, obs) in &read.observations {
            prop_assert!(*slot < lookup.slots());
            prop_assert!(obs.value.is_finite());
        }
    }

    #[test]
    fn rows_of_known_ids_with_any_cells_never_panic(
        rows in proptest::collection::vec(
            (prop::sample::select(vec!["vve-deelname", "startkwalificatie", "discriminatie-meldingen", "x"]),
             "[a-zA-Z ]{0,6}", "[0-9/\\-]{0,9}", "[0-9.,%x -]{0,8}"),
            0..20),
        delimiter in prop::sample::select(vec![',', ';', '\t']),
    ) {
        let monitor = bundled();
        let lookup = Lookup::new(&monitor);
        let d = delimiter;
        let mut text = format!("indicator{d}area{d}period{d}value\n");
        for (id, area, period, value) in rows {
            text.push_str(&format!("{id}{d}{area}{d}{period}{d}\"{value}\"\n"));
        }
        let read = read_bytes(Path::new("2020.csv"), text.as_bytes(), &lookup, Dialect::default());
        for (slot, _) in &read.observations {
            prop_assert!(*slot < lookup.slots());
        }
    }

    #[test]
    fn any_text_as_indicators_toml_never_panics(text in "(\\[\\[?[a-z]{0,8}\\]\\]?\n|[a-z_]{1,8} = (\"[^\"]{0,8}\"|[0-9.]{1,4}|\\[[^\\]]{0,8}\\])\n){0,12}") {
        let _ = indicators::parse(Path::new("indicators.toml"), &text);
    }
}

/// A series input with any mix of target, limit and thresholds.
fn series_input() -> impl Strategy<Value = ontrack::assess::progress::SeriesInput> {
    (
        (2000i32..2030, -50.0f64..500.0),
        (0i32..12, -50.0f64..500.0),
        prop_oneof![Just(1.0), Just(-1.0)],
        prop::option::of((-50.0f64..500.0, 1i32..15)),
        prop::option::of(0.0f64..600.0),
    )
        .prop_map(|((t0, y0), (gap, yi), d, target, limit)| {
            ontrack::assess::progress::SeriesInput {
                base_year: f64::from(t0),
                base_value: y0,
                current_year: f64::from(t0 + gap),
                current_value: yi,
                direction: d,
                target: target.map(|(v, after)| (v, f64::from(t0 + after))),
                limit,
                thresholds: None,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// The trace is what the method did: its concluding value is the score, its progress step
    /// the progress value, and recording changes nothing in the outcome.
    #[test]
    fn the_trace_arrives_at_the_outcome(input in series_input(), tolerance in 0.0f64..0.1) {
        use ontrack::assess::progress;
        use ontrack::assess::trace::final_value;
        type Traced<'a> = Box<dyn Fn(&mut Vec<ontrack::assess::trace::Step>) -> progress::SeriesOutcome + 'a>;
        let runs: [(progress::SeriesOutcome, Traced); 3] = [
            (progress::open_sdg(&input), Box::new(|rec| progress::open_sdg_traced(&input, rec))),
            (progress::linear(&input), Box::new(|rec| progress::linear_traced(&input, rec))),
            (progress::maintain(&input, tolerance), Box::new(|rec| progress::maintain_traced(&input, tolerance, rec))),
        ];
        for (untraced, traced) in runs {
            let mut steps = Vec::new();
            let outcome = traced(&mut steps);
            prop_assert_eq!(&outcome, &untraced);
            prop_assert_eq!(final_value(&steps), outcome.score, "{:?}", steps);
            let progress_step = steps
                .iter()
                .find(|s| ["P", "R", "Q"].contains(&s.name) && outcome.progress_value.is_some())
                .and_then(|s| s.value);
            if let Some(p) = outcome.progress_value {
                // maintain reports P as its progress value.
                prop_assert_eq!(progress_step, Some(p), "{:?}", steps);
            }
        }
    }
}
