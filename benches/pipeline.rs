//! Criterion benchmarks of the three stages on a synthetic monitor (a tenth of the national
//! set: 34 areas × 50 indicators × 20 years) and on the bundled Maassluis data: loading
//! (parse and check every file), assessing, comparing two years, and rendering each text format.
//! Also indicators.toml of 5000 indicators on its own. Run with `cargo bench --bench pipeline`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ontrack::assess::{assess, Options};
use ontrack::load::{load, Dataset};
use ontrack::render::{self, Format, Style};
use std::path::{Path, PathBuf};

fn synthetic() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ontrack-bench-{}", std::process::id()));
    ontrack::synthetic::write(&dir, ontrack::synthetic::Size::scaled(0.1)).unwrap();
    dir
}

fn loaded(dir: &Path) -> Dataset {
    load(&dir.join("indicators.toml"), &dir.join("measurements")).unwrap()
}

fn options() -> Options {
    Options {
        generated: ontrack::model::Day::from_unix_seconds(1_767_225_600).expect("2026-01-01"),
        ..Options::default()
    }
}

fn pipeline(c: &mut Criterion) {
    let national = synthetic();
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (name, dir) in [("bundled", &bundled), ("national-tenth", &national)] {
        let mut group = c.benchmark_group(name);
        group.sample_size(20);
        group.bench_function("load", |b| b.iter(|| loaded(dir)));
        let dataset = loaded(dir);
        group.bench_function("assess", |b| {
            b.iter_batched(
                || dataset.clone(),
                |mut d| assess(&mut d, &options()).unwrap(),
                BatchSize::LargeInput,
            )
        });
        // compare: the earlier year copied from the data, the later one taking it, paired.
        let years = ontrack::assess::years_with_data(&dataset);
        if let [.., earlier, later] = years[..] {
            group.bench_function("compare", |b| {
                b.iter_batched(
                    || dataset.clone(),
                    |mut d| {
                        let year = |y| Options {
                            year: Some(y),
                            drop_observations: true,
                            ..options()
                        };
                        let from = ontrack::assess::assess_borrowed(&d, &year(earlier)).unwrap();
                        let to = assess(&mut d, &year(later)).unwrap();
                        ontrack::assess::compare::compare(from, to)
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        let assessment = assess(&mut dataset.clone(), &options()).unwrap();
        for (label, format) in [
            ("render-json", Format::Json),
            ("render-csv", Format::Csv),
            ("render-markdown", Format::Markdown),
            ("render-table", Format::Table),
        ] {
            let renderer = render::renderer(format, Style::file(dataset.monitor.language))
                .expect("a text format");
            group.bench_function(label, |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(1 << 20);
                    renderer.render(&assessment, &mut out).unwrap();
                    out
                })
            });
        }
        group.finish();
    }
    let _ = std::fs::remove_dir_all(&national);
}

/// indicators.toml with 5000 indicators: parsing and resolving it, locations included, must stay
/// linear (a rescan of the text per indicator once made this 6 s).
fn definitions(c: &mut Criterion) {
    let mut text = String::from(
        "[monitor]\nname = \"t\"\ntitle = \"T\"\nmunicipality = \"Stad\"\n\n[[theme]]\nid = \"a\"\nname = \"A\"\n",
    );
    for i in 0..5000 {
        text.push_str(&format!(
            "\n[[indicator]]\nid = \"x{i}\"\ntheme = \"a\"\ntitle = \"X {i}\"\nunit = \"%\"\ndirection = \"increase\"\ntarget = {{ value = 60, year = 2030 }}\n[[indicator.baseline]]\nvalue = 50\nperiod = \"2017\"\n"
        ));
    }
    let mut group = c.benchmark_group("definitions");
    group.sample_size(10);
    group.bench_function("5000-indicators", |b| {
        b.iter(|| ontrack::load::indicators::parse(Path::new("indicators.toml"), &text).unwrap())
    });
    group.finish();
}

criterion_group!(benches, pipeline, definitions);
criterion_main!(benches);
