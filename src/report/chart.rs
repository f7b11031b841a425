//! The chart of one indicator, described once and drawn by the PDF and the HTML writers alike:
//! [`Chart`] is what it shows (series of dated values, baselines, the target and the straight
//! path to it), [`Chart::plot`] lays it out as [`Mark`]s in points on a plot of a given size.
//!
//! Time runs left to right in year bands: a yearly value sits in the middle of its year, a
//! monthly value in the middle of its month (July just before the middle), a school year as its
//! first year (as the method counts it). Two values more than one and a half years apart are
//! joined by a dotted line, so that a year without a measurement is never silently bridged.
//! Labels (the target's, the unit) are placed where they cross no line and no marker.

use crate::model::Period;

/// A colour as red, green, blue.
pub(crate) type Rgb8 = (u8, u8, u8);

/// Line colours for the series of one chart (Okabe-Ito: distinguishable with colour blindness;
/// each at least 3:1 against white, as WCAG asks of graphics that carry meaning).
pub(crate) const SERIES_COLORS: [Rgb8; 4] =
    [(0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167)];
pub(crate) const INK: Rgb8 = (0, 0, 0);
/// Axis labels and the expected path: 5.1:1 against white.
pub(crate) const MUTED: Rgb8 = (110, 110, 110);
pub(crate) const GRID: Rgb8 = (225, 225, 225);

/// Values further apart than this (in years) are not joined by a solid line.
const GAP_YEARS: f64 = 1.5;

/// What an indicator's chart shows.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The unit, as the axis title ("%", "per 1000 inwoners"); empty for none.
    pub unit: String,
    pub series: Vec<ChartSeries>,
    pub target: Option<ChartTarget>,
    /// The straight path from the baseline to the target: (x, value) at both ends.
    pub path: Option<((f64, f64), (f64, f64))>,
    /// The report year: the time axis reaches at least to its end.
    pub report_year: i32,
    pub words: ChartWords,
}

/// The words a chart shows, in the report's language.
#[derive(Debug, Clone)]
pub struct ChartWords {
    pub baseline: String,
    pub expected: String,
    pub illustrative: String,
    pub gap: String,
    pub no_data: String,
    pub lang_nl: bool,
}

#[derive(Debug, Clone)]
pub struct ChartSeries {
    pub name: String,
    pub points: Vec<ChartPoint>,
    /// The baseline: (x, value).
    pub baseline: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy)]
pub struct ChartPoint {
    pub x: f64,
    pub value: f64,
    pub illustrative: bool,
}

#[derive(Debug, Clone)]
pub struct ChartTarget {
    pub x: f64,
    pub value: f64,
    /// "doel 90 %".
    pub label: String,
}

/// Where a period sits on the time axis, in years: the middle of its year or month.
pub(crate) fn x_of(period: &Period) -> f64 {
    f64::from(period.year()) + period.month().map_or(0.5, |m| (f64::from(m) - 0.5) / 12.0)
}

/// The middle of a year on the time axis (where a yearly value and a target of that year sit).
pub(crate) fn x_of_year(year: i32) -> f64 {
    f64::from(year) + 0.5
}

/// One thing to draw, in points from the plot's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb8,
        /// On and off lengths of a dash pattern.
        dash: Option<(f32, f32)>,
    },
    /// A filled polygon.
    Fill {
        points: Vec<(f32, f32)>,
        color: Rgb8,
    },
    Text {
        x: f32,
        /// The baseline of the text.
        y: f32,
        size: f32,
        color: Rgb8,
        anchor: Anchor,
        text: String,
    },
}

/// Which point of a text `x` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A laid-out chart: its marks and its size.
#[derive(Debug, Clone)]
pub struct Plot {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// Measures text: the width of `text` at `size`, so that labels can be placed and wrapped.
pub trait Measure {
    fn width(&self, text: &str, size: f32) -> f32;
}

const LABEL: f32 = 7.0;
const LEGEND: f32 = 7.5;

/// An axis-aligned box: left, top, right, bottom.
type Box4 = (f32, f32, f32, f32);

impl Chart {
    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.series
            .iter()
            .all(|s| s.points.is_empty() && s.baseline.is_none())
    }

    /// Lays the chart out on a `width` × `height` area.
    pub fn plot(&self, width: f32, height: f32, measure: &dyn Measure) -> Plot {
        let mut marks = Vec::new();
        if self.is_empty() {
            marks.push(Mark::Text {
                x: 48.0,
                y: 40.0,
                size: 9.0,
                color: MUTED,
                anchor: Anchor::Start,
                text: self.words.no_data.clone(),
            });
            return Plot {
                width,
                height,
                marks,
            };
        }
        let legend_w = 140.0_f32.min(width * 0.3);
        let (left, right) = (46.0, width - legend_w - 12.0);
        let (top, bottom) = (18.0, height - 20.0);

        // Ranges over every value shown.
        let mut xs: Vec<f64> = vec![x_of_year(self.report_year)];
        let mut ys: Vec<f64> = Vec::new();
        for s in &self.series {
            for p in &s.points {
                xs.push(p.x);
                ys.push(p.value);
            }
            if let Some((x, v)) = s.baseline {
                xs.push(x);
                ys.push(v);
            }
        }
        if let Some(t) = &self.target {
            xs.push(t.x);
            ys.push(t.value);
        }
        let x_lo = xs.iter().copied().fold(f64::INFINITY, f64::min).floor();
        let x_hi = xs
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max)
            .ceil()
            .max(x_lo + 1.0);
        let y_min = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let y_max = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Small values (a rate of 0.004) keep a scale of their own rather than one around 1.
        let pad = ((y_max - y_min) * 0.1)
            .max(y_max.abs().max(y_min.abs()) * 0.02)
            .max(1e-6);
        let lower = if y_min >= 0.0 {
            (y_min - pad).max(0.0)
        } else {
            y_min - pad
        };
        let (y_lo, y_hi, step) = ticks(lower, y_max + pad);
        let px = |x: f64| left + ((x - x_lo) / (x_hi - x_lo)) as f32 * (right - left);
        let py = |y: f64| bottom - ((y - y_lo) / (y_hi - y_lo)) as f32 * (bottom - top);

        // Grid and value labels.
        let decimals = (-(step.log10().floor()) as i32 + 1).clamp(0, 8) as usize;
        let mut v = y_lo;
        while v <= y_hi + step * 0.01 {
            marks.push(Mark::Line {
                points: vec![(left, py(v)), (right, py(v))],
                width: 0.3,
                color: GRID,
                dash: None,
            });
            marks.push(Mark::Text {
                x: left - 5.0,
                y: py(v) + 2.5,
                size: LABEL,
                color: MUTED,
                anchor: Anchor::End,
                text: crate::number_format::NumberStyle::for_people(
                    decimals.max(2),
                    self.words.lang_nl,
                )
                .format(v),
            });
            v += step;
        }
        // The unit above the value labels, clear of the top one.
        if !self.unit.is_empty() {
            marks.push(Mark::Text {
                x: 0.0,
                y: top - 9.0,
                size: LABEL,
                color: MUTED,
                anchor: Anchor::Start,
                text: self.unit.clone(),
            });
        }
        // Year bands: a tick at each boundary, the year's name in its middle.
        let years = (x_hi - x_lo).round() as i32;
        let label_every = if years > 16 {
            5
        } else if years > 8 {
            2
        } else {
            1
        };
        for k in 0..=years {
            let x = px(x_lo + f64::from(k));
            marks.push(Mark::Line {
                points: vec![(x, bottom), (x, bottom + 3.0)],
                width: 0.6,
                color: INK,
                dash: None,
            });
            let year = x_lo as i32 + k;
            if k < years && year % label_every == 0 {
                marks.push(Mark::Text {
                    x: px(f64::from(year) + 0.5),
                    y: bottom + 11.0,
                    size: LABEL,
                    color: MUTED,
                    anchor: Anchor::Middle,
                    text: year.to_string(),
                });
            }
        }
        marks.push(Mark::Line {
            points: vec![(left, top), (left, bottom), (right, bottom)],
            width: 0.8,
            color: INK,
            dash: None,
        });

        // Everything drawn inside the plot, for placing labels clear of it.
        let mut taken: Vec<Box4> = Vec::new();
        let mut segments: Vec<((f32, f32), (f32, f32))> = Vec::new();
        let mut legend: Vec<LegendEntry> = Vec::new();

        if let Some(((bx, bv), (tx, tv))) = self.path {
            let (from, to) = ((px(bx), py(bv)), (px(tx), py(tv)));
            marks.push(Mark::Line {
                points: vec![from, to],
                width: 0.9,
                color: MUTED,
                dash: Some((3.0, 2.0)),
            });
            segments.push((from, to));
            legend.push(LegendEntry::Dashed(self.words.expected.clone()));
        }
        let mut any_gap = false;
        let any_illustrative = self
            .series
            .iter()
            .any(|s| s.points.iter().any(|p| p.illustrative));
        for (i, s) in self.series.iter().enumerate() {
            let color = SERIES_COLORS[i % SERIES_COLORS.len()];
            let points: Vec<(f32, f32)> = s.points.iter().map(|p| (px(p.x), py(p.value))).collect();
            // Solid runs between values at most GAP_YEARS apart; dotted across a gap.
            let mut run: Vec<(f32, f32)> = Vec::new();
            for (k, p) in s.points.iter().enumerate() {
                if k > 0 && p.x - s.points[k - 1].x > GAP_YEARS {
                    any_gap = true;
                    flush_run(&mut marks, &mut run, color);
                    marks.push(Mark::Line {
                        points: vec![points[k - 1], points[k]],
                        width: 1.0,
                        color,
                        dash: Some((1.0, 2.5)),
                    });
                }
                run.push(points[k]);
                if k > 0 {
                    segments.push((points[k - 1], points[k]));
                }
            }
            flush_run(&mut marks, &mut run, color);
            for (p, &(x, y)) in s.points.iter().zip(&points) {
                marks.extend(marker(i, x, y, color, !p.illustrative));
                taken.push((x - 4.0, y - 4.0, x + 4.0, y + 4.0));
            }
            if let Some((x, v)) = s.baseline {
                let (x, y) = (px(x), py(v));
                marks.push(Mark::Line {
                    points: ring(x, y, 6.0),
                    width: 0.8,
                    color: INK,
                    dash: None,
                });
                taken.push((x - 7.0, y - 7.0, x + 7.0, y + 7.0));
            }
            legend.push(LegendEntry::Series(s.name.clone(), i));
        }
        if let Some(t) = &self.target {
            let (x, y) = (px(t.x), py(t.value));
            marks.push(Mark::Fill {
                points: vec![(x, y - 5.0), (x + 5.0, y), (x, y + 5.0), (x - 5.0, y)],
                color: INK,
            });
            taken.push((x - 6.0, y - 6.0, x + 6.0, y + 6.0));
            let w = measure.width(&t.label, LABEL);
            // Above, below, left, right of the diamond: the first that crosses nothing.
            let candidates = [
                (x - w / 2.0, y - 8.0, Anchor::Start),
                (x - w / 2.0, y + 14.0, Anchor::Start),
                (x - 8.0 - w, y + 2.5, Anchor::Start),
                (x + 8.0, y + 2.5, Anchor::Start),
                (x - w - 4.0, y - 8.0, Anchor::Start),
                (x + 4.0, y - 8.0, Anchor::Start),
                (x - w - 4.0, y + 14.0, Anchor::Start),
                (x + 4.0, y + 14.0, Anchor::Start),
            ];
            let fits = |&(lx, ly, _): &(f32, f32, Anchor)| {
                let b = (lx - 1.0, ly - LABEL, lx + w + 1.0, ly + 2.0);
                b.0 >= left + 1.0
                    && b.2 <= right + 10.0
                    && b.1 >= 0.0
                    && b.3 <= bottom - 1.0
                    && !taken.iter().any(|t| overlaps(&b, t))
                    && !segments.iter().any(|s| crosses(&b, s))
            };
            let (lx, ly, anchor) = candidates
                .iter()
                .copied()
                .find(fits)
                .unwrap_or(candidates[0]);
            marks.push(Mark::Text {
                x: lx,
                y: ly,
                size: LABEL,
                color: INK,
                anchor,
                text: t.label.clone(),
            });
        }

        // The legend, right of the plot.
        let lx = right + 16.0;
        let mut ly = top + 4.0;
        let text_w = width - lx - 22.0;
        for entry in &legend {
            let (name, sample) = match entry {
                LegendEntry::Dashed(name) => {
                    marks.push(Mark::Line {
                        points: vec![(lx, ly - 2.5), (lx + 16.0, ly - 2.5)],
                        width: 0.9,
                        color: MUTED,
                        dash: Some((3.0, 2.0)),
                    });
                    (name, None)
                }
                LegendEntry::Series(name, i) => (name, Some(*i)),
            };
            if let Some(i) = sample {
                let color = SERIES_COLORS[i % SERIES_COLORS.len()];
                marks.push(Mark::Line {
                    points: vec![(lx, ly - 2.5), (lx + 16.0, ly - 2.5)],
                    width: 1.4,
                    color,
                    dash: None,
                });
                marks.extend(marker(i, lx + 8.0, ly - 2.5, color, true));
            }
            for (k, line) in wrap_words(name, LEGEND, text_w, measure).iter().enumerate() {
                if k > 0 {
                    ly += 9.0;
                }
                marks.push(Mark::Text {
                    x: lx + 22.0,
                    y: ly,
                    size: LEGEND,
                    color: INK,
                    anchor: Anchor::Start,
                    text: line.clone(),
                });
            }
            ly += 12.0;
        }
        if self.series.iter().any(|s| s.baseline.is_some()) {
            marks.push(Mark::Line {
                points: ring(lx + 8.0, ly - 2.5, 5.0),
                width: 0.8,
                color: INK,
                dash: None,
            });
            marks.push(legend_text(lx, ly, &self.words.baseline));
            ly += 12.0;
        }
        if any_gap {
            marks.push(Mark::Line {
                points: vec![(lx, ly - 2.5), (lx + 16.0, ly - 2.5)],
                width: 1.0,
                color: INK,
                dash: Some((1.0, 2.5)),
            });
            marks.push(legend_text(lx, ly, &self.words.gap));
            ly += 12.0;
        }
        if any_illustrative {
            marks.extend(marker(0, lx + 8.0, ly - 2.5, MUTED, false));
            marks.push(legend_text(
                lx,
                ly,
                &format!("{} *", self.words.illustrative),
            ));
        }
        Plot {
            width,
            height,
            marks,
        }
    }
}

enum LegendEntry {
    Dashed(String),
    Series(String, usize),
}

fn legend_text(lx: f32, ly: f32, text: &str) -> Mark {
    Mark::Text {
        x: lx + 22.0,
        y: ly,
        size: LEGEND,
        color: INK,
        anchor: Anchor::Start,
        text: text.to_string(),
    }
}

fn flush_run(marks: &mut Vec<Mark>, run: &mut Vec<(f32, f32)>, color: Rgb8) {
    if run.len() > 1 {
        marks.push(Mark::Line {
            points: std::mem::take(run),
            width: 1.4,
            color,
            dash: None,
        });
    }
    run.clear();
}

/// Splits `text` into lines no wider than `width`, at spaces.
fn wrap_words(text: &str, size: f32, width: f32, measure: &dyn Measure) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || measure.width(&candidate, size) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    lines.push(line);
    lines
}

fn overlaps(a: &Box4, b: &Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// True when the segment from `p` to `q` passes through the box.
fn crosses(b: &Box4, &(p, q): &((f32, f32), (f32, f32))) -> bool {
    // Sample the segment finely: boxes are labels a few points high, segments at most a page.
    let n = 64;
    (0..=n).any(|k| {
        let t = k as f32 / n as f32;
        let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        x >= b.0 && x <= b.2 && y >= b.1 && y <= b.3
    })
}

/// Tick step and range covering [lo, hi] with about five ticks at round numbers.
pub(crate) fn ticks(lo: f64, hi: f64) -> (f64, f64, f64) {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

/// A series marker: circle, square or triangle by series, filled for a measurement and open for
/// an illustrative value.
fn marker(shape: usize, x: f32, y: f32, color: Rgb8, filled: bool) -> Vec<Mark> {
    let r = 3.0;
    let points: Vec<(f32, f32)> = match shape % 3 {
        0 => (0..12)
            .map(|i| {
                let a = i as f32 / 12.0 * std::f32::consts::TAU;
                (x + r * a.cos(), y + r * a.sin())
            })
            .collect(),
        1 => vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        _ => vec![(x, y - r - 0.6), (x + r + 0.6, y + r), (x - r - 0.6, y + r)],
    };
    if filled {
        vec![Mark::Fill { points, color }]
    } else {
        let mut closed = points.clone();
        closed.push(points[0]);
        vec![
            Mark::Fill {
                points,
                color: (255, 255, 255),
            },
            Mark::Line {
                points: closed,
                width: 1.0,
                color,
                dash: None,
            },
        ]
    }
}

/// A closed circle of radius `r` around (x, y), as a polyline.
fn ring(x: f32, y: f32, r: f32) -> Vec<(f32, f32)> {
    (0..=16)
        .map(|k| {
            let a = k as f32 / 16.0 * std::f32::consts::TAU;
            (x + r * a.cos(), y + r * a.sin())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Measure for Fixed {
        fn width(&self, text: &str, size: f32) -> f32 {
            text.chars().count() as f32 * size * 0.55
        }
    }

    fn words() -> ChartWords {
        ChartWords {
            baseline: "Nulmeting".into(),
            expected: "Verwacht".into(),
            illustrative: "illustratief".into(),
            gap: "geen meting".into(),
            no_data: "geen gegevens".into(),
            lang_nl: true,
        }
    }

    fn point(x: f64, value: f64) -> ChartPoint {
        ChartPoint {
            x,
            value,
            illustrative: false,
        }
    }

    #[test]
    fn ticks_cover_the_range_with_round_steps() {
        let (lo, hi, step) = ticks(5.3, 6.7);
        assert!(lo <= 5.3 && hi >= 6.7);
        assert!([0.1, 0.2, 0.25, 0.5]
            .iter()
            .any(|s| (step - s).abs() < 1e-9));
        let (lo, hi, step) = ticks(4000.0, 4200.0);
        assert!(lo <= 4000.0 && hi >= 4200.0 && step >= 25.0);
    }

    #[test]
    fn periods_sit_in_the_middle_of_their_year_or_month() {
        assert!((x_of(&Period::parse("2018-07").unwrap()) - (2018.0 + 6.5 / 12.0)).abs() < 1e-9);
        assert!((x_of(&Period::parse("2018").unwrap()) - 2018.5).abs() < 1e-9);
        assert!((x_of(&Period::parse("2016/2017").unwrap()) - 2016.5).abs() < 1e-9);
    }

    fn chart(points: Vec<ChartPoint>, target: Option<(f64, f64)>) -> Chart {
        Chart {
            unit: "%".into(),
            series: vec![ChartSeries {
                name: "Maassluis".into(),
                baseline: points.first().map(|p| (p.x, p.value)),
                points,
            }],
            target: target.map(|(x, value)| ChartTarget {
                x,
                value,
                label: "doel 90 %".into(),
            }),
            path: None,
            report_year: 2021,
            words: words(),
        }
    }

    fn dotted(plot: &Plot) -> usize {
        plot.marks
            .iter()
            .filter(|m| matches!(m, Mark::Line { dash: Some((on, _)), .. } if *on == 1.0))
            .count()
    }

    #[test]
    fn a_missing_year_is_drawn_dotted_and_named_in_the_legend() {
        let c = chart(
            vec![point(2016.5, 1.0), point(2017.5, 2.0), point(2019.5, 3.0)],
            None,
        );
        let plot = c.plot(495.0, 160.0, &Fixed);
        // The gap and its legend sample.
        assert_eq!(dotted(&plot), 2);
        assert!(plot
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Text { text, .. } if text == "geen meting")));
        let yearly = chart(vec![point(2016.5, 1.0), point(2017.5, 2.0)], None);
        assert_eq!(dotted(&yearly.plot(495.0, 160.0, &Fixed)), 0);
    }

    #[test]
    fn the_target_label_crosses_no_line() {
        // A line rising through the target's position from below and leaving above it.
        let c = chart(
            vec![
                point(2018.5, 80.0),
                point(2019.5, 85.0),
                point(2020.5, 90.0),
                point(2021.5, 95.0),
            ],
            Some((2020.5, 90.0)),
        );
        let plot = c.plot(495.0, 160.0, &Fixed);
        let label = plot
            .marks
            .iter()
            .find_map(|m| match m {
                Mark::Text { x, y, text, .. } if text == "doel 90 %" => Some((*x, *y)),
                _ => None,
            })
            .unwrap();
        let w = Fixed.width("doel 90 %", LABEL);
        let b = (label.0, label.1 - LABEL, label.0 + w, label.1 + 2.0);
        for m in &plot.marks {
            if let Mark::Line { points, width, .. } = m {
                if *width >= 1.0 {
                    for s in points.windows(2) {
                        assert!(!crosses(&b, &(s[0], s[1])), "label {b:?} crosses {s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_unit_sits_above_the_top_value_label() {
        let c = chart(vec![point(2016.5, 1.0), point(2017.5, 2.0)], None);
        let plot = c.plot(495.0, 160.0, &Fixed);
        let texts: Vec<(f32, &str)> = plot
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text {
                    y, text, anchor, ..
                } if *anchor == Anchor::End => Some((*y, text.as_str())),
                _ => None,
            })
            .collect();
        let top_label = texts.iter().map(|t| t.0).fold(f32::INFINITY, f32::min);
        let unit_y = plot
            .marks
            .iter()
            .find_map(|m| match m {
                Mark::Text { y, text, .. } if text == "%" => Some(*y),
                _ => None,
            })
            .unwrap();
        // The unit's baseline is above the top label's top (its baseline minus its size).
        assert!(unit_y < top_label - LABEL, "{unit_y} vs {top_label}");
    }
}
