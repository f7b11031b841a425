//! The indicator chart, drawn as vector graphics: measured values over the years (one labelled
//! line per sub-series or area, each with its own marker shape and colour), the baseline point,
//! the target at its year, the dashed straight path from baseline to target, axes with ticks
//! and the unit. Illustrative values are drawn as open markers.

use super::canvas::{Canvas, Rgb8, BLACK, GREY, LIGHT, MARGIN_X};
use super::fonts::Face;
use crate::assess::Row;
use crate::i18n::{self, Label, Lang};
use crate::model::Period;

/// Line colours for the series of one chart (Okabe-Ito: distinguishable with colour blindness).
const SERIES_COLORS: [Rgb8; 4] = [(0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167)];
const TARGET_COLOR: Rgb8 = (0, 0, 0);

pub(crate) const HEIGHT: f32 = 190.0;

/// Position of a period on the time axis (months within their year).
fn x_of(period: &Period) -> f32 {
    period.year() as f32 + period.month().map_or(0.0, |m| (f32::from(m) - 1.0) / 12.0)
}

/// Tick step and range covering [lo, hi] with about five ticks at round numbers.
fn ticks(lo: f32, hi: f32) -> (f32, f32, f32) {
    let span = (hi - lo).abs().max(1e-6);
    let raw = span / 5.0;
    let magnitude = 10f32.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

fn marker(c: &mut Canvas, shape: usize, x: f32, y: f32, color: Rgb8, filled: bool) {
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
        c.page()
            .items
            .push(super::canvas::Item::Fill { points, color });
    } else {
        let mut closed = points.clone();
        closed.push(points[0]);
        c.rect(x - 1.0, y - 1.0, 2.0, 2.0, (255, 255, 255));
        c.line(closed, 1.0, color, None);
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

/// Draws the chart of an indicator's `rows` at the cursor, full width, and moves the cursor.
pub(crate) fn draw(c: &mut Canvas, lang: Lang, rows: &[&Row], year: i32) {
    let top = c.y;
    let (left, right) = (MARGIN_X + 48.0, MARGIN_X + 330.0);
    let (plot_top, plot_bottom) = (top + 14.0, top + HEIGHT - 34.0);

    // Ranges over every value shown.
    let mut xs: Vec<f32> = Vec::new();
    let mut ys: Vec<f32> = Vec::new();
    for r in rows {
        for o in &r.observations {
            xs.push(x_of(&o.period));
            ys.push(o.value as f32);
        }
        if let Some(b) = &r.baseline {
            xs.push(x_of(&b.period));
            ys.push(b.value as f32);
        }
        if let Some(t) = &r.target {
            xs.push(t.year as f32);
            ys.push(t.value as f32);
        }
    }
    xs.push(year as f32);
    let x_lo = xs.iter().copied().fold(f32::INFINITY, f32::min).floor();
    let x_hi = xs
        .iter()
        .copied()
        .fold(f32::NEG_INFINITY, f32::max)
        .ceil()
        .max(x_lo + 1.0);
    let unit = rows.first().map_or("", |r| r.unit.as_str());
    if ys.is_empty() {
        c.text(
            left,
            plot_top + 40.0,
            9.0,
            Face::Regular,
            GREY,
            i18n::label(lang, Label::NoData),
        );
        c.y = top + HEIGHT;
        return;
    }
    let y_min = ys.iter().copied().fold(f32::INFINITY, f32::min);
    let y_max = ys.iter().copied().fold(f32::NEG_INFINITY, f32::max);
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
    let px = |x: f32| left + (x - x_lo) / (x_hi - x_lo) * (right - left);
    let py = |y: f32| plot_bottom - (y - y_lo) / (y_hi - y_lo) * (plot_bottom - plot_top);

    // Grid, axes and ticks.
    let mut v = y_lo;
    while v <= y_hi + step * 0.01 {
        c.line(vec![(left, py(v)), (right, py(v))], 0.3, LIGHT, None);
        // As many decimals as the step needs (a step of 0.0005 needs four).
        let decimals = (-(f64::from(step).log10().floor()) as i32 + 1).clamp(0, 8) as usize;
        let label = i18n::number(lang, f64::from(v), decimals.max(2));
        c.text(
            left - 4.0 - Face::Regular.width(&label, 7.0),
            py(v) + 2.5,
            7.0,
            Face::Regular,
            GREY,
            &label,
        );
        v += step;
    }
    c.line(
        vec![(left, plot_top), (left, plot_bottom), (right, plot_bottom)],
        0.8,
        BLACK,
        None,
    );
    let year_step = if x_hi - x_lo > 12.0 {
        5
    } else if x_hi - x_lo > 6.0 {
        2
    } else {
        1
    };
    let mut t = x_lo as i32;
    while t as f32 <= x_hi {
        if t % year_step == 0 {
            c.line(
                vec![
                    (px(t as f32), plot_bottom),
                    (px(t as f32), plot_bottom + 3.0),
                ],
                0.8,
                BLACK,
                None,
            );
            let label = t.to_string();
            c.text(
                px(t as f32) - Face::Regular.width(&label, 7.0) / 2.0,
                plot_bottom + 11.0,
                7.0,
                Face::Regular,
                GREY,
                &label,
            );
        }
        t += 1;
    }
    c.text(MARGIN_X, plot_top - 5.0, 7.0, Face::Regular, GREY, unit);

    // The straight path from baseline to target, and the target.
    let mut legend: Vec<(String, Rgb8, Option<usize>, bool)> = Vec::new();
    if let Some(r) = rows
        .iter()
        .find(|r| r.target.is_some() && r.baseline.is_some())
    {
        let (b, t) = (r.baseline.as_ref().unwrap(), r.target.as_ref().unwrap());
        let from = (px(x_of(&b.period)), py(b.value as f32));
        let to = (px(t.year as f32), py(t.value as f32));
        c.line(vec![from, to], 0.9, GREY, Some((3.0, 2.0)));
        let (x, y) = to;
        c.page().items.push(super::canvas::Item::Fill {
            points: vec![(x, y - 5.0), (x + 5.0, y), (x, y + 5.0), (x - 5.0, y)],
            color: TARGET_COLOR,
        });
        let label = format!(
            "{} {}",
            i18n::label(lang, Label::Target).to_lowercase(),
            i18n::measured(lang, t.value, 2)
        );
        c.text(
            x - Face::Regular.width(&label, 7.0) / 2.0,
            y - 8.0,
            7.0,
            Face::Regular,
            BLACK,
            &label,
        );
        legend.push((
            i18n::label(lang, Label::Expected).to_string(),
            GREY,
            None,
            false,
        ));
    }

    // One line per series / area, with its baseline ringed.
    for (i, r) in rows.iter().enumerate() {
        let color = SERIES_COLORS[i % SERIES_COLORS.len()];
        let points: Vec<(f32, f32)> = r
            .observations
            .iter()
            .map(|o| (px(x_of(&o.period)), py(o.value as f32)))
            .collect();
        if points.len() > 1 {
            c.line(points.clone(), 1.4, color, None);
        }
        for (o, p) in r.observations.iter().zip(&points) {
            marker(c, i, p.0, p.1, color, !o.illustrative);
        }
        if let Some(b) = &r.baseline {
            let (x, y) = (px(x_of(&b.period)), py(b.value as f32));
            c.line(ring(x, y, 6.0), 0.8, BLACK, None);
        }
        let name = super::super::subject_text(r);
        let name = if name.is_empty() {
            i18n::label(lang, Label::Value).to_string()
        } else {
            name
        };
        legend.push((name, color, Some(i), true));
    }

    // Legend to the right of the plot.
    let mut ly = plot_top + 4.0;
    let lx = right + 18.0;
    for (name, color, shape, line) in &legend {
        if *line {
            c.line(
                vec![(lx, ly - 2.5), (lx + 16.0, ly - 2.5)],
                1.4,
                *color,
                None,
            );
        } else {
            c.line(
                vec![(lx, ly - 2.5), (lx + 16.0, ly - 2.5)],
                0.9,
                *color,
                Some((3.0, 2.0)),
            );
        }
        if let Some(s) = shape {
            marker(c, *s, lx + 8.0, ly - 2.5, *color, true);
        }
        for (k, l) in super::canvas::wrap(name, Face::Regular, 7.5, 110.0)
            .iter()
            .enumerate()
        {
            c.text(lx + 22.0, ly + k as f32 * 9.0, 7.5, Face::Regular, BLACK, l);
            if k > 0 {
                ly += 9.0;
            }
        }
        ly += 12.0;
    }
    let baseline_label = i18n::label(lang, Label::Baseline);
    c.line(ring(lx + 8.0, ly - 2.5, 5.0), 0.8, BLACK, None);
    c.text(lx + 22.0, ly, 7.5, Face::Regular, BLACK, baseline_label);
    ly += 12.0;
    if rows.iter().any(|r| r.illustrative) {
        marker(c, 0, lx + 8.0, ly - 2.5, GREY, false);
        c.text(
            lx + 22.0,
            ly,
            7.5,
            Face::Regular,
            BLACK,
            &format!("{} *", i18n::label(lang, Label::Illustrative)),
        );
    }
    c.y = top + HEIGHT;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range_with_round_steps() {
        let (lo, hi, step) = ticks(5.3, 6.7);
        assert!(lo <= 5.3 && hi >= 6.7);
        assert!(
            [0.1, 0.2, 0.25, 0.5]
                .iter()
                .any(|s| (step - s).abs() < 1e-6),
            "{step}"
        );
        let (lo, hi, step) = ticks(4000.0, 4200.0);
        assert!(lo <= 4000.0 && hi >= 4200.0 && step >= 25.0);
    }

    #[test]
    fn months_sit_within_their_year() {
        let july = Period::parse("2018-07").unwrap();
        assert!((x_of(&july) - 2018.5).abs() < 1e-6);
        assert_eq!(x_of(&Period::parse("2016/2017").unwrap()), 2016.0);
    }
}
