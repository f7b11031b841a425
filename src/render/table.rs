//! The terminal view (comfy-table) of every document: the assessment as one line per
//! indicator × series × area with the status as a symbol and a word; a comparison as one line
//! per row with both years and the change; one indicator in full as its definition, its
//! observations and its computation. Coloured only when the style says so (a terminal, no
//! NO_COLOR, or `--color always`).

use super::{
    change_cells, change_header, change_summary, optional_number, row_cells, row_header, Renderer,
    Style,
};
use crate::assess::compare::{Comparison, StatusChange};
use crate::assess::detail::Detail;
use crate::assess::Assessment;
use crate::i18n::{self, Label};
use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement};
use std::io::Write;

pub struct Table(pub Style);

/// An empty table in the house style with a header row.
fn new_table<S: ToString>(
    style: &Style,
    header: impl IntoIterator<Item = S>,
) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    match style.width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(w);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let color = style.color;
    table.set_header(header.into_iter().map(|h| {
        let c = Cell::new(h);
        if color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    }));
    table
}

/// A row's title and id, with its series or area between them when `with_subject` (when that
/// has no column of its own).
fn title_cell(row: &crate::assess::Row, with_subject: bool) -> String {
    let subject = super::subject_text(row);
    if with_subject && !subject.is_empty() {
        format!("{}\n— {subject} [{}]", row.title, row.id)
    } else {
        format!("{}\n[{}]", row.title, row.id)
    }
}

/// The narrowest the assessment's title column is in a terminal `width` wide, padding included:
/// a quarter of the width, at least 24, and as wide as the longest `[id]`, so that an id is not
/// cut, where two fifths of the width allow it.
fn title_least(a: &Assessment, width: u16) -> u16 {
    let id_line = a
        .indicators
        .iter()
        .map(|r| r.id.chars().count() + 4)
        .max()
        .unwrap_or(0)
        .min(usize::from(width) * 2 / 5) as u16;
    (width / 4).max(24).max(id_line)
}

/// `text` with every word longer than `width` broken after its last hyphen or slash that keeps
/// the first part within `width` (again for the rest), so that an id or a file's path longer
/// than its column, `[discriminatie-meldingen]`, `measurements/2016.csv:5`, breaks where it
/// reads well rather than where the column ends. A word without either is left as it is.
fn break_long_words(text: &str, width: usize) -> String {
    if text
        .split(['\n', ' '])
        .all(|word| word.chars().count() <= width)
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        for (w, mut word) in line.split(' ').enumerate() {
            if w > 0 {
                out.push(' ');
            }
            while word.chars().count() > width {
                let cut = word
                    .char_indices()
                    .take(width)
                    .filter(|&(_, c)| c == '-' || c == '/')
                    .last()
                    .map(|(at, _)| at + 1);
                match cut {
                    Some(at) if at < word.len() => {
                        out.push_str(&word[..at]);
                        out.push('\n');
                        word = &word[at..];
                    }
                    _ => break,
                }
            }
            out.push_str(word);
        }
    }
    out
}

/// A value with its period under it ("12 per 1000 inwoners" / "(2021) *"), so that a column
/// of values stays narrow in a terminal.
fn period_under_value(text: &str) -> String {
    text.replacen(" (", "\n(", 1)
}

/// `text` in the 24-bit colour `(r, g, b)`, as comfy-table colours a cell.
fn painted(text: &str, (r, g, b): (u8, u8, u8)) -> String {
    format!("\x1b[38;2;{r};{g};{b}m{text}\x1b[0m")
}

/// `text` with its first `words` (as written, or broken over lines where `text` was wrapped)
/// painted, each line's part on its own so that no colour runs into an indent; as it is when
/// they are not in it.
fn painted_within(text: &str, words: &str, rgb: (u8, u8, u8)) -> String {
    let wanted: Vec<&str> = words.split(' ').collect();
    // Where the words begin and end in `text`, spaces and line breaks between them.
    let found = text.match_indices(wanted[0]).find_map(|(start, _)| {
        let mut end = start + wanted[0].len();
        for word in &wanted[1..] {
            let gap = text[end..].len() - text[end..].trim_start().len();
            if gap == 0 || !text[end + gap..].starts_with(word) {
                return None;
            }
            end += gap + word.len();
        }
        Some((start, end))
    });
    let Some((start, end)) = found else {
        return text.to_string();
    };
    let coloured: Vec<String> = text[start..end]
        .split('\n')
        .map(|line| {
            let part = line.trim_start();
            format!("{}{}", &line[..line.len() - part.len()], painted(part, rgb))
        })
        .collect();
    format!("{}{}{}", &text[..start], coloured.join("\n"), &text[end..])
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::Rgb { r, g, b }
}

/// The columns of [`row_header`] a terminal of `width` shows: every one when the output is not
/// a terminal (no width) or `--wide` asks; from 180 columns all but the theme number; from 110
/// title, latest value, target, change, score and status; below that title, latest value,
/// target and status.
fn visible_columns(width: Option<u16>, wide: bool) -> Vec<usize> {
    match width {
        None => (0..10).collect(),
        Some(_) if wide => (0..10).collect(),
        Some(w) if w >= 180 => (1..10).collect(),
        Some(w) if w >= 110 => vec![1, 4, 5, 6, 8, 9],
        Some(_) => vec![1, 4, 5, 9],
    }
}

impl Renderer<Assessment> for Table {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, .. } = self.0;
        let l = |label| i18n::label(lang, label);
        let columns = visible_columns(self.0.width, self.0.wide);
        // In a terminal a value's period goes under it, so that columns stay narrow.
        let narrow = self.0.width.is_some() && !self.0.wide;
        let header = row_header(lang);
        // Measured once: it looks at every row.
        let title_room = self
            .0
            .width
            .filter(|_| narrow)
            .map(|width| title_least(a, width));
        // In a terminal, the widest unbreakable piece of each column, padding included (the
        // title's is its room), to tell which columns fit.
        let mut least: Vec<u16> = columns
            .iter()
            .map(|&c| match title_room {
                Some(room) if c == 1 => room,
                _ => piece_and_line_widths([header[c]].into_iter(), (3..=8).contains(&c)).0 + 2,
            })
            .collect();
        let mut table = new_table(&self.0, columns.iter().map(|&c| header[c]));
        for row in &a.indicators {
            // Without its own column, the series or area goes under the title.
            let mut title = title_cell(row, !columns.contains(&2));
            if let Some(room) = title_room {
                // Where the title column cannot hold the longest id (a narrow terminal), an id
                // breaks after a hyphen rather than where the column ends.
                title = break_long_words(&title, usize::from(room - 2));
            }
            let mut cells = row_cells(a, lang, row, title);
            if narrow {
                // The period under its value: "12 per 1000 inwoners" / "(2021) *"; the relative
                // change under the absolute one.
                for c in [3, 4, 5, 6] {
                    cells[c] = period_under_value(&cells[c]);
                }
            }
            if title_room.is_some() {
                for (at, &c) in columns.iter().enumerate().filter(|&(_, &c)| c != 1) {
                    let piece = piece_and_line_widths(
                        [cells[c].as_str()].into_iter(),
                        (3..=8).contains(&c),
                    );
                    least[at] = least[at].max(piece.0 + 2);
                }
            }
            let line: Vec<Cell> = columns
                .iter()
                .map(|&c| {
                    let cell = Cell::new(&cells[c]);
                    match c {
                        6 | 8 => cell.set_alignment(CellAlignment::Right),
                        9 if color => cell.fg(rgb(row.status.terminal_rgb())),
                        _ => cell,
                    }
                })
                .collect();
            table.add_row(line);
        }
        // Narrower than the default columns need (a split pane): the target, then the latest
        // value, are hidden, never broken inside a word or a value.
        let mut shown = vec![true; columns.len()];
        let mut stacked = false;
        if let (Some(width), Some(_)) = (self.0.width, title_room) {
            let mut kept = columns.len();
            loop {
                let borders = kept as u16 + 1;
                let needed: u16 = (0..columns.len())
                    .filter(|&at| shown[at])
                    .map(|at| least[at])
                    .sum::<u16>()
                    + borders;
                if needed <= width || kept <= 2 {
                    stacked = needed > width;
                    break;
                }
                // The status (last) stays; the last column before it goes.
                shown[kept - 2] = false;
                kept -= 1;
            }
        }
        // Values and targets never wrap inside a value; the title keeps room to wrap at word
        // boundaries.
        if let Some(width) = self.0.width {
            use comfy_table::{ColumnConstraint, Width};
            // The status breaks between its words, never inside one ("▼ Verslechtering").
            let status_word = a
                .indicators
                .iter()
                .map(|r| {
                    let text = super::row_status_text(lang, r);
                    text.split(' ')
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                        + 2
                })
                .max()
                .unwrap_or(10) as u16;
            for (i, &c) in columns.iter().enumerate() {
                let constraint = match c {
                    _ if !shown[i] => ColumnConstraint::Hidden,
                    1 => ColumnConstraint::LowerBoundary(Width::Fixed(
                        title_room.unwrap_or_else(|| title_least(a, width)),
                    )),
                    9 => ColumnConstraint::LowerBoundary(Width::Fixed(status_word)),
                    2 => ColumnConstraint::ContentWidth,
                    3..=8 => ColumnConstraint::ContentWidth,
                    _ => continue,
                };
                if let Some(column) = table.column_mut(i) {
                    column.set_constraint(constraint);
                }
            }
        }
        match self.0.width {
            // Each row as a block: even the title and the status do not fit side by side.
            Some(width) if stacked => {
                let blocks: Vec<Block> = a
                    .indicators
                    .iter()
                    .map(|row| Block {
                        title: title_cell(row, true),
                        values: vec![(
                            header[9].to_string(),
                            super::marked_row_status(lang, row),
                            Some(row.status.terminal_rgb()),
                        )],
                    })
                    .collect();
                Block::write_all(&blocks, width, color, out)?;
            }
            _ => writeln!(out, "{table}")?,
        }
        if self.0.terminal {
            let summary = status_summary(a, lang);
            match self.0.width {
                Some(w) => writeln!(out, "{}", wrap_words(&summary, usize::from(w)))?,
                None => writeln!(out, "{summary}")?,
            }
        }
        let plan = &a.aggregates.plan;
        let mut footer = vec![format!(
            "{} {} — {} {}: {} {} ({} {}; {}), {}: {}",
            a.header.monitor.municipality,
            a.year,
            l(Label::Method),
            a.method.code(),
            l(Label::PlanAggregate),
            plan.status.symbol(),
            i18n::status(lang, plan.status).to_lowercase(),
            optional_number(lang, plan.score, 2),
            i18n::plan_basis(lang, a.aggregates.plan_of, plan.scored),
            l(Label::DataCutoff).to_lowercase(),
            a.data_cutoff
                .as_ref()
                .map_or_else(|| "–".to_string(), |p| i18n::period(lang, p))
        )];
        if a.illustrative {
            footer.push(l(Label::IllustrativeNote).to_string());
        }
        for line in footer {
            match self.0.width {
                Some(w) => writeln!(out, "{}", wrap_words(&line, usize::from(w)))?,
                None => writeln!(out, "{line}")?,
            }
        }
        Ok(())
    }
}

/// `text` broken into lines of at most `width` characters at spaces.
fn wrap_words(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// One row of a table too narrow for even two columns side by side, written as a block: its
/// title (with its series or area and `[id]`), then each shown value under it, named and
/// indented, and a blank line. What a split pane of 40 columns shows, instead of lines the
/// terminal breaks across the table's borders.
struct Block {
    title: String,
    values: Vec<Named>,
}

/// A value's name, the value, and the colour it is shown in (if any).
type Named = (String, String, Option<(u8, u8, u8)>);

impl Block {
    /// Writes `blocks` in a terminal `width` wide; a value is coloured when `color` asks, each
    /// of its lines on its own, so that a wrapped status keeps its colour.
    fn write_all(
        blocks: &[Block],
        width: u16,
        color: bool,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let width = usize::from(width).max(1);
        // Each value beside its name where every value's widest piece fits there (a status
        // symbol stays with its word, "▼ Verslechtering"), else every value under its name.
        let beside = blocks
            .iter()
            .flat_map(|b| &b.values)
            .all(|(name, value, _)| {
                let piece = piece_and_line_widths([value.as_str()].into_iter(), false).0;
                2 + name.chars().count() + 2 + usize::from(piece) <= width
            });
        for block in blocks {
            for line in block.title.lines() {
                writeln!(out, "{}", break_long_words(&wrap_words(line, width), width))?;
            }
            for (name, value, paint) in &block.values {
                // "  Status: ▼ Verslechtering", its further lines under the value's start.
                let named = format!("{name}: ");
                let indent = 2 + named.chars().count();
                let room = if beside {
                    width - indent
                } else {
                    width.saturating_sub(4).max(1)
                };
                let wrapped = match value.split_once(' ') {
                    Some((symbol, rest)) if symbol.chars().count() == 1 => {
                        wrap_words(&format!("{symbol}\u{a0}{rest}"), room)
                            .replacen('\u{a0}', " ", 1)
                    }
                    _ => wrap_words(value, room),
                };
                let paint_line = |line: &str| match paint {
                    Some(p) if color => painted(line, *p),
                    _ => line.to_string(),
                };
                if !beside {
                    writeln!(out, "  {}", named.trim_end())?;
                    for line in wrapped.lines() {
                        writeln!(out, "    {}", paint_line(line))?;
                    }
                } else {
                    for (n, line) in wrapped.lines().enumerate() {
                        let lead = if n == 0 {
                            format!("  {named}")
                        } else {
                            " ".repeat(indent)
                        };
                        writeln!(out, "{lead}{}", paint_line(line))?;
                    }
                }
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// "12 indicatoren: 2 doel bereikt, 3 op koers, …": the indicators per status, as the summary
/// of the report counts them.
fn status_summary(a: &Assessment, lang: i18n::Lang) -> String {
    let total: usize = a.summary.iter().map(|c| c.indicators).sum();
    let parts: Vec<String> = a
        .summary
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c.indicators,
                c.status.symbol(),
                i18n::status(lang, c.status).to_lowercase()
            )
        })
        .collect();
    let word = match (lang, total) {
        (i18n::Lang::Nl, 1) => "indicator",
        (i18n::Lang::Nl, _) => "indicatoren",
        (i18n::Lang::En, 1) => "indicator",
        (i18n::Lang::En, _) => "indicators",
    };
    format!("{total} {word}: {}", parts.join(", "))
}

/// The colour a status change is shown in: that of progress when better, of deterioration
/// when worse.
fn paint_of(change: StatusChange) -> Option<(u8, u8, u8)> {
    match change {
        StatusChange::Better => Some(crate::model::Status::SubstantialProgress.terminal_rgb()),
        StatusChange::Worse => Some(crate::model::Status::Deterioration.terminal_rgb()),
        _ => None,
    }
}

/// The order in which a narrow terminal gives up the columns of [`change_header`]: the last
/// first (the first years' value, whether a value came in, the series, which then goes under
/// the title); the title and the later status stay.
const CHANGE_COLUMNS_KEPT_LONGEST: [usize; 9] = [0, 3, 2, 4, 7, 6, 5, 8, 1];

/// The narrowest title column before other columns are given up.
const TITLE_AT_LEAST: u16 = 24;

/// The widest unbreakable piece of `texts` (a word; a status symbol with the word after it,
/// "▼ Verslechtering"; with `whole_lines`, a line) and their longest line.
fn piece_and_line_widths<'a>(
    texts: impl Iterator<Item = &'a str>,
    whole_lines: bool,
) -> (u16, u16) {
    let chars = |t: &str| t.chars().count() as u16;
    let (mut piece, mut line) = (0, 0);
    for text in texts {
        for l in text.lines() {
            line = line.max(chars(l));
            if whole_lines {
                piece = piece.max(chars(l));
                continue;
            }
            let words: Vec<&str> = l.split(' ').collect();
            let mut at = 0;
            while at < words.len() {
                let word = words[at];
                let symbol = chars(word) == 1 && !word.chars().all(char::is_alphanumeric);
                let width = match words.get(at + 1) {
                    Some(next) if symbol => {
                        at += 1;
                        chars(word) + 1 + chars(next)
                    }
                    _ => chars(word),
                };
                piece = piece.max(width);
                at += 1;
            }
        }
    }
    (piece, line.max(piece))
}

impl Renderer<Comparison> for Table {
    fn render(&self, c: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, .. } = self.0;
        let header = change_header(lang, c.from, c.to);
        // In a terminal (not --wide) a value's period goes under it, and the columns are fitted
        // to the width: every column its widest unbreakable piece (a word of a status, a line of
        // a value) and the title the rest; where even that does not fit, columns are given up
        // (CHANGE_COLUMNS_KEPT_LONGEST), never broken inside a word or a value.
        let fit = self.0.width.filter(|_| !self.0.wide);
        let mut rows = Vec::with_capacity(c.changes.len());
        for change in c.changes() {
            // The title without the series or area (their column is measured apart).
            let mut cells = change_cells(lang, &change, title_cell(change.row, false));
            if fit.is_some() {
                for i in [5, 6] {
                    cells[i] = period_under_value(&cells[i]);
                }
            }
            rows.push((cells, change.status_change, change.row));
        }
        let mut columns: Vec<usize> = (0..9).collect();
        let mut widths = [0u16; 9];
        if let Some(width) = fit {
            // (narrowest, widest) of each column, padding included.
            let range: Vec<(u16, u16)> = (0..9)
                .map(|i| {
                    let texts = rows.iter().map(|(cells, _, _)| cells[i].as_str());
                    let (piece, line) =
                        piece_and_line_widths(texts.chain([header[i].as_str()]), i >= 5);
                    (piece + 2, line + 2)
                })
                .collect();
            let mut kept = CHANGE_COLUMNS_KEPT_LONGEST.len();
            loop {
                columns = CHANGE_COLUMNS_KEPT_LONGEST[..kept].to_vec();
                columns.sort_unstable();
                let borders = columns.len() as u16 + 1;
                let others = |pick: fn((u16, u16)) -> u16| -> u16 {
                    columns
                        .iter()
                        .filter(|&&i| i != 0)
                        .map(|&i| pick(range[i]))
                        .sum()
                };
                let room = |used: u16| width.saturating_sub(used + borders);
                let (widest, narrowest) = (others(|r| r.1), others(|r| r.0));
                // Each column as wide as its longest line if that leaves the title room, else
                // as narrow as its widest piece; else one column fewer.
                let as_wide = if room(widest) >= TITLE_AT_LEAST {
                    Some(true)
                } else if room(narrowest) >= TITLE_AT_LEAST || kept == 2 {
                    Some(false)
                } else {
                    None
                };
                if let Some(as_wide) = as_wide {
                    for &i in &columns {
                        widths[i] = if as_wide { range[i].1 } else { range[i].0 };
                    }
                    let used: u16 = columns
                        .iter()
                        .filter(|&&i| i != 0)
                        .map(|&i| widths[i])
                        .sum();
                    widths[0] = room(used).max(TITLE_AT_LEAST.min(width));
                    break;
                }
                kept -= 1;
            }
        }
        // Should even the title and the later status not fit side by side: each change as a
        // block.
        let stacked = fit.filter(|&width| {
            let used: u16 = columns.iter().map(|&i| widths[i]).sum();
            used + columns.len() as u16 + 1 > width
        });
        if let Some(width) = stacked {
            let blocks: Vec<Block> = rows
                .iter()
                .map(|(cells, status_change, row)| Block {
                    title: title_cell(row, true),
                    values: vec![
                        (header[3].clone(), cells[3].clone(), None),
                        (
                            header[4].clone(),
                            cells[4].clone(),
                            paint_of(*status_change),
                        ),
                    ],
                })
                .collect();
            Block::write_all(&blocks, width, color, out)?;
        } else {
            let series_shown = columns.contains(&1);
            let mut table = new_table(&self.0, columns.iter().map(|&i| &header[i]));
            for (cells, status_change, row) in &rows {
                let paint = paint_of(*status_change);
                let line: Vec<Cell> = columns
                    .iter()
                    .map(|&i| {
                        let text = match i {
                            // Without its own column, the series or area goes under the title; a
                            // long id breaks after a hyphen rather than where the column ends.
                            0 if fit.is_some() => break_long_words(
                                &title_cell(row, !series_shown),
                                usize::from(widths[0].saturating_sub(2)),
                            ),
                            0 => title_cell(row, !series_shown),
                            _ => cells[i].clone(),
                        };
                        let cell = Cell::new(text);
                        match (i, paint) {
                            (7, _) => cell.set_alignment(CellAlignment::Right),
                            (4, Some(p)) if color => cell.fg(rgb(p)),
                            _ => cell,
                        }
                    })
                    .collect();
                table.add_row(line);
            }
            if fit.is_some() {
                use comfy_table::{ColumnConstraint, Width};
                for (at, &i) in columns.iter().enumerate() {
                    if let Some(column) = table.column_mut(at) {
                        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(widths[i])));
                    }
                }
            }
            writeln!(out, "{table}")?;
        }
        let mut footer = vec![change_summary(lang, c)];
        if c.illustrative {
            footer.push(i18n::label(lang, Label::IllustrativeNote).to_string());
        }
        for line in footer {
            match fit {
                Some(w) => writeln!(out, "{}", wrap_words(&line, usize::from(w)))?,
                None => writeln!(out, "{line}")?,
            }
        }
        Ok(())
    }
}

impl Renderer<Detail> for Table {
    fn render(&self, d: &Detail, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, .. } = self.0;
        let l = |label| i18n::label(lang, label);
        let lines = super::definition_lines(lang, d);
        let width = lines
            .iter()
            .map(|(n, _)| n.chars().count())
            .max()
            .unwrap_or(0);
        // In a terminal a long text wraps between words, its further lines indented: a value
        // under itself, not under the names; a step of the computation under its first word.
        let fit = self.0.width.filter(|_| !self.0.wide).map(usize::from);
        let hanging = |text: &str, indent: usize| -> String {
            match fit {
                Some(w) => wrap_words(text, w.saturating_sub(indent).max(20))
                    .lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join(&format!("\n{:indent$}", "")),
                None => text.to_string(),
            }
        };
        // Too narrow for the values beside the names (under 20 columns left): each under its
        // name, indented.
        let beside = fit.is_none_or(|w| w >= width + 1 + 20);
        let indent = if beside { width + 1 } else { 2 };
        let named = |name: &str, value: &str| -> String {
            if beside {
                format!("{name:<width$} {value}")
            } else {
                format!("{name}\n  {value}")
            }
        };
        for (name, value) in lines {
            writeln!(out, "{}", named(&name, &hanging(&value, indent)))?;
        }
        let agg = &d.aggregate;
        let status = i18n::marked(lang, agg.status);
        // Wrapped before it is coloured, so that the colour's codes count for no width.
        let verdict = hanging(
            &format!(
                "{status} ({} {}, {} {})",
                l(Label::Score).to_lowercase(),
                optional_number(lang, agg.score, 2),
                l(Label::Method).to_lowercase(),
                // The indicator's own method where it names one: the one its rows were
                // assessed with, whatever the run's default.
                d.definition.method.unwrap_or(d.method).code()
            ),
            indent,
        );
        let verdict = match verdict.strip_prefix(status.as_str()) {
            Some(rest) if color => format!("{}{rest}", painted(&status, agg.status.terminal_rgb())),
            _ => verdict,
        };
        let name = format!("{} {}", l(Label::Status), d.year);
        writeln!(out, "{}", named(&name, &verdict))?;
        for detail_row in &d.indicators {
            let row = &detail_row.row;
            writeln!(out)?;
            let heading = hanging(&super::row_heading(lang, row), 3);
            let heading = match color {
                true => painted_within(
                    &heading,
                    &super::marked_row_status(lang, row),
                    row.status.terminal_rgb(),
                ),
                false => heading,
            };
            writeln!(out, "── {heading}")?;
            writeln!(out, "{}", observation_table(&self.0, row))?;
            writeln!(out, "{}:", l(Label::Computation))?;
            for step in &detail_row.computation {
                writeln!(
                    out,
                    "  {}",
                    hanging(&super::trace::step_text(lang, step), 4)
                )?;
            }
        }
        if d.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", hanging(l(Label::IllustrativeNote), 0))?;
        }
        Ok(())
    }
}

/// The observations of `row`, one line each. In a terminal (not `--wide`) every column is at
/// least as wide as its widest word, so that no word is cut: the illustrative mark goes after
/// the value, as in the table (`6 per 1000 inwoners *`), rather than under a header wider than
/// the mark; where the columns do not fit, the note and then the source are given up, and the
/// file's path breaks after a `/`.
fn observation_table(style: &Style, row: &crate::assess::Row) -> comfy_table::Table {
    let lang = style.lang;
    let mut header = super::observation_header(lang).to_vec();
    let mut lines: Vec<Vec<String>> = row
        .observations
        .iter()
        .map(|o| super::observation_cells(lang, o, row.unit).to_vec())
        .collect();
    let fit = style.width.filter(|_| !style.wide);
    let mut least = Vec::new();
    if let Some(width) = fit {
        const ILLUSTRATIVE: usize = 2;
        header.remove(ILLUSTRATIVE);
        for cells in &mut lines {
            let mark = cells.remove(ILLUSTRATIVE);
            if !mark.is_empty() {
                cells[1] = format!("{} {mark}", cells[1]);
            }
        }
        least = (0..header.len())
            .map(|c| {
                let texts = lines.iter().map(|cells| cells[c].as_str());
                piece_and_line_widths(texts.chain([header[c].as_str()]), false).0 + 2
            })
            .collect();
        // The file's path may break after a `/`: its narrowest is its longest such part.
        let file = header.len() - 1;
        let whole_path = least[file];
        let broken_path = lines
            .iter()
            .flat_map(|cells| cells[file].split_inclusive('/'))
            .map(|part| part.chars().count() as u16 + 2)
            .chain([header[file].chars().count() as u16 + 2])
            .max()
            .unwrap_or(0);
        least[file] = broken_path;
        let borders = |columns: usize| columns as u16 + 1;
        // Given up where even their widest words do not fit: the note, then the source.
        for column in [3, 2] {
            if least.iter().sum::<u16>() + borders(least.len()) > width {
                header.remove(column);
                least.remove(column);
                for cells in &mut lines {
                    cells.remove(column);
                }
            }
        }
        // The path whole where the other columns leave room for it, else broken to the room.
        let file = header.len() - 1;
        let others: u16 = least[..file].iter().sum();
        let room = width.saturating_sub(others + borders(least.len()));
        least[file] = whole_path.min(room).max(least[file]);
        if least[file] < whole_path {
            for cells in &mut lines {
                cells[file] = break_long_words(&cells[file], usize::from(least[file] - 2));
            }
        }
    }
    let mut table = new_table(style, header);
    for cells in lines {
        table.add_row(cells);
    }
    for (at, &width) in least.iter().enumerate() {
        use comfy_table::{ColumnConstraint, Width};
        if let Some(column) = table.column_mut(at) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::break_long_words;

    #[test]
    fn a_long_word_breaks_after_its_last_hyphen_that_fits_and_only_there() {
        // Longer than the width: after the last hyphen within it, again for the rest.
        assert_eq!(
            break_long_words("— Maassluis [discriminatie-meldingen]", 24),
            "— Maassluis [discriminatie-\nmeldingen]"
        );
        assert_eq!(break_long_words("[a-b-c-d-e-f]", 6), "[a-b-\nc-d-e-\nf]");
        // At the width exactly, or shorter: as it is; so are other lines.
        assert_eq!(
            break_long_words("[vsv-westerse]\nab-cd", 14),
            "[vsv-westerse]\nab-cd"
        );
        // No hyphen within the width (or only at the end): left for the table to break.
        assert_eq!(
            break_long_words("[startkwalificatie]", 10),
            "[startkwalificatie]"
        );
        assert_eq!(break_long_words("abcdefghij-", 5), "abcdefghij-");
        // A path breaks after a slash.
        assert_eq!(
            break_long_words("measurements/2016.csv:5", 16),
            "measurements/\n2016.csv:5"
        );
        // Characters, not bytes, count.
        assert_eq!(break_long_words("ééé-ééé", 4), "ééé-\nééé");
    }
}
