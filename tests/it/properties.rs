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
