//! Draws a laid-out chart ([`crate::report::chart::Plot`]) on the page as vector graphics.

use super::canvas::{Canvas, Item};
use super::fonts::Face;
use crate::report::chart::{Anchor, Chart, Mark, Measure};

/// The height of a chart in the report.
pub(crate) const HEIGHT: f32 = 150.0;

/// Glyph widths of the report's regular face, for placing the chart's labels.
pub(crate) struct Regular;

impl Measure for Regular {
    fn width(&self, text: &str, size: f32) -> f32 {
        Face::Regular.width(text, size)
    }
}

/// Draws `chart` at the cursor, `width` wide, and moves the cursor below it.
pub(crate) fn draw(c: &mut Canvas, chart: &Chart, x0: f32, width: f32) {
    let top = c.y;
    let plot = chart.plot(width, HEIGHT, &Regular);
    let at = |(x, y): (f32, f32)| (x0 + x, top + y);
    for mark in plot.marks {
        match mark {
            Mark::Line {
                points,
                width,
                color,
                dash,
            } => c.line(points.into_iter().map(at).collect(), width, color, dash),
            Mark::Fill { points, color } => c.push(Item::Fill {
                points: points.into_iter().map(at).collect(),
                color,
            }),
            Mark::Text {
                x,
                y,
                size,
                color,
                anchor,
                text,
            } => {
                let w = Face::Regular.width(&text, size);
                let x = match anchor {
                    Anchor::Start => x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                let (x, y) = at((x, y));
                c.text(x, y, size, Face::Regular, color, &text);
            }
        }
    }
    c.y = top + HEIGHT;
}
