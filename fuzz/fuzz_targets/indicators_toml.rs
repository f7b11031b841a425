//! Any text as indicators.toml: an error or a monitor, never a panic or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ontrack::load::indicators::parse(Path::new("indicators.toml"), text);
    }
});
