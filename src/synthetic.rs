//! A deterministic synthetic monitor at national scale, for benchmarks and scale tests: every
//! Dutch municipality (342 areas) × 500 indicators × 20 yearly files ≈ 3.4 million
//! observations at full size. All values are made up and every row is marked illustrative.
//!
//! The shape follows real monitors: a tenth of the indicators have two sub-series, a third
//! have a 2030 target, one in ten has no desired direction; units are shares, rates and scores;
//! about one value in eleven is missing (left empty).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// The size of a synthetic monitor.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub areas: usize,
    pub indicators: usize,
    pub years: usize,
}

impl Size {
    /// The national set: 342 municipalities, 500 indicators, 20 years.
    pub const NATIONAL: Size = Size {
        areas: 342,
        indicators: 500,
        years: 20,
    };

    /// The national set with areas and indicators scaled by `factor` (at least one each).
    pub fn scaled(factor: f64) -> Size {
        let scale = |n: usize| ((n as f64 * factor).round() as usize).max(1);
        Size {
            areas: scale(Self::NATIONAL.areas),
            indicators: scale(Self::NATIONAL.indicators),
            years: Self::NATIONAL.years,
        }
    }
}

/// The first year of the synthetic data.
pub(crate) const FIRST_YEAR: i32 = 2006;

/// A small linear congruential generator: the same numbers on every run and machine.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn area_name(a: usize) -> String {
    format!("gemeente-{:03}", a + 1)
}

/// Writes `indicators.toml` and `measurements/<year>.csv` into `dir`; returns the number of
/// observations written.
pub fn write(dir: &Path, size: Size) -> io::Result<u64> {
    let layout = crate::monitor_dir::MonitorDir::new(dir);
    for folder in layout.folders() {
        std::fs::create_dir_all(folder)?;
    }
    let mut toml = String::new();
    toml.push_str(
        "# A synthetic national monitor written by `ontrack`'s generator: all data is made up.\n",
    );
    toml.push_str("[monitor]\nname = \"national-synthetic\"\ntitle = \"Synthetic national monitor (illustrative)\"\n");
    let _ = writeln!(toml, "municipality = \"{}\"", area_name(0));
    toml.push_str("language = \"en\"\nmaintain_tolerance = 0.02\npeers = [");
    for a in 1..size.areas {
        let _ = write!(
            toml,
            "{}\"{}\"",
            if a > 1 { ", " } else { "" },
            area_name(a)
        );
    }
    toml.push_str("]\n");
    let themes = 10.min(size.indicators);
    for t in 0..themes {
        let _ = write!(
            toml,
            "\n[[theme]]\nid = \"t{t}\"\nnumber = {}\nname = \"Theme {t}\"\n",
            t + 1
        );
    }

    struct Def {
        series: usize,
        base: f64,
        trend: f64,
        kind: usize,
    }
    let mut numbers = Numbers(0x0005_eed0_2026);
    let mut defs = Vec::with_capacity(size.indicators);
    for i in 0..size.indicators {
        let kind = i % 3; // share, rate, score
        let (unit, base) = match kind {
            0 => ("%", 20.0 + 60.0 * numbers.next()),
            1 => ("per 1000 inwoners", 2.0 + 20.0 * numbers.next()),
            _ => ("score", 3.0 + 6.0 * numbers.next()),
        };
        let direction = if i % 10 == 9 {
            "none"
        } else if i % 2 == 0 {
            "increase"
        } else {
            "decrease"
        };
        let trend = (numbers.next() - 0.4) * 0.03;
        let series = if i % 10 == 0 { 2 } else { 1 };
        let _ = write!(
            toml,
            "\n[[indicator]]\nid = \"ind-{i:04}\"\ntheme = \"t{}\"\ntitle = \"Synthetic indicator {i}\"\nunit = \"{unit}\"\ndirection = \"{direction}\"\n",
            i % themes
        );
        if i % 3 == 0 && direction != "none" {
            let step = if direction == "increase" { 1.1 } else { 0.9 };
            let target = (base * step).min(if kind == 0 { 99.0 } else { f64::MAX });
            let _ = writeln!(toml, "target = {{ value = {target:.1}, year = 2030 }}");
        }
        if series == 2 {
            toml.push_str("[[indicator.series]]\nid = \"a\"\nlabel = \"Series a\"\n[[indicator.series]]\nid = \"b\"\nlabel = \"Series b\"\n");
        }
        defs.push(Def {
            series,
            base,
            trend,
            kind,
        });
    }
    std::fs::write(layout.indicators(), toml)?;

    let mut written = 0;
    let mut line = String::with_capacity(96);
    for y in 0..size.years {
        let year = FIRST_YEAR + y as i32;
        let file =
            std::fs::File::create(crate::monitor_dir::year_file(&layout.measurements(), year))?;
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        out.write_all(b"indicator,series,area,period,value,illustrative\n")?;
        for (i, d) in defs.iter().enumerate() {
            for s in 0..d.series {
                let series = if d.series == 2 { ["a", "b"][s] } else { "" };
                for a in 0..size.areas {
                    let noise = numbers.next();
                    let area = if a == 0 { String::new() } else { area_name(a) };
                    line.clear();
                    if noise < 0.09 {
                        let _ = writeln!(line, "ind-{i:04},{series},{area},{year},,true");
                    } else {
                        let wobble = 1.0 + (noise - 0.5) * 0.04 + (a % 17) as f64 * 0.002;
                        let mut v = d.base * wobble * (1.0 + d.trend).powi(y as i32);
                        if d.kind == 0 {
                            v = v.min(100.0);
                        }
                        let _ = writeln!(line, "ind-{i:04},{series},{area},{year},{v:.2},true");
                        written += 1;
                    }
                    out.write_all(line.as_bytes())?;
                }
            }
        }
        out.flush()?;
    }
    Ok(written)
}
