//! Any bytes as a measurement file of the bundled monitor, under every decimal-mark setting:
//! diagnostics or observations, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ontrack::load::measurements::{read_bytes, Lookup};
use ontrack::model::{DecimalMark, Dialect, Monitor};
use std::path::Path;
use std::sync::OnceLock;

fn monitor() -> &'static Monitor {
    static MONITOR: OnceLock<Monitor> = OnceLock::new();
    MONITOR.get_or_init(|| {
        ontrack::load::indicators::parse(
            Path::new("indicators.toml"),
            include_str!("../../indicators.toml"),
        )
        .expect("the bundled monitor is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let lookup = Lookup::new(monitor());
    for decimal in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
        let dialect = Dialect {
            decimal,
            ..Dialect::default()
        };
        let read = read_bytes(Path::new("2020.csv"), data, &lookup, dialect);
        for (slot, obs) in &read.observations {
            assert!(*slot < lookup.slots());
            assert!(obs.value.is_finite());
        }
    }
});
