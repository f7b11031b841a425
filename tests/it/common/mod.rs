//! Helpers for the integration tests: run the real `ontrack` binary on a monitor folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ontrack binary in `dir` with a fixed date, colour left to the run.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ontrack"));
    c.current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("NO_COLOR");
    c
}

/// Runs ontrack in `dir` with a fixed date and no colour, its messages in English (most tests
/// check what a message says; `ontrack_dutch` runs with the monitor's own language).
pub fn ontrack(dir: &Path, args: &[&str]) -> Output {
    command(dir, args)
        .env("ONTRACK_MESSAGES", "en")
        .output()
        .expect("the ontrack binary runs")
}

/// Runs ontrack like [`ontrack`], its messages in the monitor's language.
pub fn ontrack_dutch(dir: &Path, args: &[&str]) -> Output {
    command(dir, args)
        .env_remove("ONTRACK_MESSAGES")
        .output()
        .expect("the ontrack binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A temporary monitor folder with the bundled indicators.toml and an empty measurements/.
pub fn bundled_definitions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("indicators.toml"),
        dir.path().join("indicators.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    dir
}

/// A temporary copy of the bundled Maassluis monitor (indicators.toml and measurements/).
pub fn bundled_copy() -> tempfile::TempDir {
    let dir = bundled_definitions();
    for entry in std::fs::read_dir(repo().join("measurements")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path()
                .join("measurements")
                .join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

/// Replaces `from` by `to` in `file` (which must contain it).
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        file.display()
    );
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

/// The keys of the JSON object on standard output, in the order they are written (a
/// `serde_json::Value` sorts them).
pub fn keys_in_order(o: &Output) -> Vec<String> {
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visit;
            impl<'de> serde::de::Visitor<'de> for Visit {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<M: serde::de::MapAccess<'de>>(
                    self,
                    mut map: M,
                ) -> Result<Keys, M::Error> {
                    let mut keys = Vec::new();
                    while let Some(key) = map.next_key::<String>()? {
                        map.next_value::<serde::de::IgnoredAny>()?;
                        keys.push(key);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(Visit)
        }
    }
    let keys: Keys = serde_json::from_slice(&o.stdout).expect("stdout is a JSON object");
    keys.0
}

/// The row of indicator `id` (its first, the municipality's) in the JSON of `table`.
pub fn row_of<'a>(table: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    table["indicators"]
        .as_array()
        .expect("table JSON has indicators")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row of {id}"))
}

/// What poppler's `pdftotext` extracts from `pdf` with `args` (`-layout`, `-bbox`), as text.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}
