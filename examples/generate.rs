//! `cargo run --release --example generate -- DIR [INDICATORS] [YEARS]`: writes a deterministic
//! synthetic monitor (all data marked illustrative) with the given number of indicators
//! (default 500) over the given number of yearly files (default 6), for benchmarks and layout
//! tests. Directions, targets, sub-series and gaps are mixed in.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("generated", String::as_str));
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let years: i32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(6);
    let first = 2016;

    // A small linear congruential generator: the same numbers on every run.
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as f64 / f64::from(u32::MAX >> 1)
    };

    let mut toml = String::from(
        "[monitor]\nname = \"generated\"\ntitle = \"Generated monitor\"\nmunicipality = \"Stad\"\n",
    );
    for t in 0..10 {
        let _ = write!(toml, "\n[[theme]]\nid = \"t{t}\"\nnumber = {}\nname = \"Thema {t}\"\ngoal = \"Doel van thema {t}.\"\n", t + 1);
    }
    let mut files: Vec<String> = (0..years)
        .map(|_| String::from("indicator,series,period,value,illustrative\n"))
        .collect();
    for i in 0..count {
        let direction = ["increase", "decrease"][i % 2];
        let base = 20.0 + 60.0 * next();
        let _ = write!(
            toml,
            "\n[[indicator]]\nid = \"ind-{i:04}\"\ntheme = \"t{}\"\ntitle = \"Gegenereerde indicator {i} voor het meten van de voortgang\"\nunit = \"%\"\ndirection = \"{direction}\"\n",
            i % 10
        );
        if i % 3 == 0 {
            let step = if direction == "increase" { 10.0 } else { -10.0 };
            let _ = writeln!(
                toml,
                "target = {{ value = {:.1}, year = {} }}",
                base + step,
                first + years
            );
        }
        let series: &[&str] = if i % 5 == 0 { &["a", "b"] } else { &[""] };
        if !series[0].is_empty() {
            for s in series {
                let _ = write!(
                    toml,
                    "[[indicator.series]]\nid = \"{s}\"\nlabel = \"Reeks {s}\"\n"
                );
            }
        }
        for s in series {
            let series_key = if s.is_empty() {
                String::new()
            } else {
                format!("series = \"{s}\"\n")
            };
            let _ = write!(
                toml,
                "[[indicator.baseline]]\n{series_key}value = {base:.1}\nperiod = \"{first}\"\n"
            );
            let mut value = base;
            for (y, file) in files.iter_mut().enumerate() {
                if y > 0 {
                    value = (value + (next() - 0.45) * 3.0).clamp(1.0, 99.0);
                    if next() < 0.1 {
                        continue; // a gap
                    }
                }
                let value = if y == 0 { base } else { value };
                let _ = writeln!(
                    file,
                    "ind-{i:04},{s},{},{value:.1},{}",
                    first + y as i32,
                    y > 0
                );
            }
        }
    }
    std::fs::create_dir_all(dir.join("measurements"))?;
    std::fs::write(dir.join("indicators.toml"), toml)?;
    for (y, file) in files.iter().enumerate() {
        std::fs::write(
            dir.join("measurements")
                .join(format!("{}.csv", first + y as i32)),
            file,
        )?;
    }
    eprintln!(
        "wrote {count} indicators over {years} years to {}",
        dir.display()
    );
    Ok(())
}
