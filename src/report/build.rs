//! Builds the report's [`Document`] from the assessment of the report year and, when there is
//! one, its comparison with the year before. The order of the chapters:
//!
//! 1. the cover: the report year, the data cut-off, the day made, the method, the plan's status;
//! 2. summary: the plan's status and how it is formed, the counts per status, one table of
//!    every indicator grouped by theme, with its series and peer areas indented under it;
//! 3. what changed since the previous report year (the content of `compare`);
//! 4. per theme (level 2) its goal and status, per indicator (level 3) its facts, its table of
//!    series and its chart;
//! 5. annex A: how to read a status, in plain words, with an example from the data;
//! 6. annex B: every value used, for people (titles, periods, values, sources);
//! 7. annex C: the technical account (formulas, thresholds, commands, input files).

use super::chart::{self, Chart, ChartPoint, ChartSeries, ChartTarget, ChartWords};
use super::{
    unbroken, words, Align, Block, Cell, Column, Cover, Document, Fact, Figure, Paragraph, Section,
    Table, TableRow, TextStyle,
};
use crate::assess::compare::{Comparison, ObservationChange, StatusChange};
use crate::assess::{Aggregate, Assessment, Row};
use crate::i18n::{self, Label, Lang};
use crate::model::Status;
use crate::render::{optional_number, subject_text, theme_text};

/// The report of `a` in `lang`; `previous` compares it with the year before, when that year has
/// data.
pub fn build(a: &Assessment, previous: Option<&Comparison>, lang: Lang) -> Document {
    let l = |label| i18n::label(lang, label);
    let title = format!(
        "{} — {} {}",
        a.header.monitor.title,
        l(Label::AnnualReport),
        a.year
    );
    let ix = Index::new(a);
    let mut chapters = vec![summary(a, &ix, lang)];
    if let Some(c) = previous {
        chapters.push(changes(c, lang));
    }
    chapters.push(themes(a, &ix, lang));
    chapters.push(words::method_annex(a, lang));
    chapters.push(data_annex(a, &ix, lang, ANNEX_VALUES));
    chapters.push(words::technical_annex(a, lang));
    Document {
        lang,
        title,
        subject: format!(
            "{} {}, {} {}",
            l(Label::AnnualReport),
            a.header.monitor.municipality,
            l(Label::ReportYear).to_lowercase(),
            a.year
        ),
        author: i18n::municipality_of(lang, &a.header.monitor.municipality),
        creator: format!("ontrack {}", a.header.version),
        keywords: vec![a.header.monitor.name.clone(), a.year.to_string()],
        generated: a.generated,
        footer: format!(
            "{} · {} · ontrack {}",
            i18n::municipality_of(lang, &a.header.monitor.municipality),
            unbroken(&i18n::day(lang, a.generated)),
            a.header.version
        ),
        page_words: (l(Label::Page).to_string(), l(Label::Of).to_string()),
        cover: cover(a, lang),
        chapters,
        illustrative: a.illustrative,
    }
}

fn cover(a: &Assessment, lang: Lang) -> Cover {
    let l = |label| i18n::label(lang, label);
    let plan = &a.aggregates.plan;
    Cover {
        kicker: i18n::municipality_of(lang, &a.header.monitor.municipality),
        title: format!("{} {}", l(Label::AnnualReport), a.year),
        subtitle: a.header.monitor.title.clone(),
        document: a.header.monitor.document.clone(),
        facts: vec![
            fact(l(Label::ReportYear), a.year.to_string()),
            fact(
                l(Label::DataCutoff),
                a.data_cutoff
                    .as_ref()
                    .map_or_else(|| "–".to_string(), |p| period(lang, p)),
            ),
            fact(l(Label::Generated), unbroken(&i18n::day(lang, a.generated))),
            fact(
                l(Label::Method),
                words::method_name(lang, a.method).to_string(),
            ),
            Fact {
                term: l(Label::PlanAggregate).to_string(),
                value: plan_words(a, lang),
                status: Some(plan.status),
            },
        ],
        warning: a.illustrative.then(|| {
            l(Label::IllustrativeNote)
                .trim_start_matches("* ")
                .to_string()
        }),
    }
}

fn fact(term: &str, value: String) -> Fact {
    Fact {
        term: term.to_string(),
        value,
        status: None,
    }
}

/// "Op koers (score 2,05; gemiddelde van 11 indicatoren)".
fn plan_words(a: &Assessment, lang: Lang) -> String {
    let plan = &a.aggregates.plan;
    format!(
        "{} ({} {}; {})",
        i18n::status(lang, plan.status),
        i18n::label(lang, Label::Score).to_lowercase(),
        score(lang, plan.score),
        i18n::plan_basis(lang, a.aggregates.plan_of, plan.scored)
    )
}

fn score(lang: Lang, value: Option<f64>) -> String {
    unbroken(&optional_number(lang, value, 2))
}

fn period(lang: Lang, p: &crate::model::Period) -> String {
    unbroken(&i18n::period(lang, p))
}

fn value(lang: Lang, v: f64, unit: &str) -> String {
    unbroken(&crate::render::value_text(lang, v, unit))
}

/// "6,1 % (juli 2018)": the value and its period, each unbroken.
fn dated(lang: Lang, v: f64, p: &crate::model::Period, unit: &str) -> String {
    format!("{} ({})", value(lang, v, unit), period(lang, p))
}

fn baseline_cell(lang: Lang, r: &Row) -> String {
    r.baseline.as_ref().map_or_else(
        || "–".to_string(),
        |b| dated(lang, b.value, &b.period, r.unit),
    )
}

fn latest_cell(lang: Lang, r: &Row) -> String {
    match &r.latest {
        Some(v) => {
            let mark = if v.illustrative { " *" } else { "" };
            format!("{}{mark}", dated(lang, v.value, &v.period, r.unit))
        }
        None => i18n::label(lang, Label::NoData).to_string(),
    }
}

fn target_cell(lang: Lang, r: &Row) -> String {
    r.target.as_ref().map_or_else(
        || "–".to_string(),
        |t| format!("{} ({})", value(lang, t.value, r.unit), t.year),
    )
}

fn change_cell(lang: Lang, r: &Row) -> String {
    unbroken(&crate::render::change_text(lang, r)).replacen("\u{a0}(", " (", 1)
}

fn status_cell(lang: Lang, status: Status, manual: bool) -> Cell {
    let mut text = format!("{}\u{a0}{}", status.symbol(), i18n::status(lang, status));
    if manual {
        text.push_str(&format!(" ({})", i18n::label(lang, Label::Manual)));
    }
    Cell {
        text,
        status: Some(status),
    }
}

/// The rows of each indicator, found once: a national monitor has hundreds of thousands of
/// rows, and searching them per indicator would cost indicators × rows.
struct Index<'a> {
    rows: std::collections::HashMap<&'a str, Vec<&'a Row>>,
}

impl<'a> Index<'a> {
    fn new(a: &'a Assessment) -> Self {
        let mut rows: std::collections::HashMap<&str, Vec<&Row>> = std::collections::HashMap::new();
        for r in &a.indicators {
            rows.entry(r.id).or_default().push(r);
        }
        Index { rows }
    }

    /// The rows of one indicator, own series first (as the assessment orders them).
    fn of(&self, id: &str) -> Vec<&'a Row> {
        self.rows.get(id).cloned().unwrap_or_default()
    }

    /// The indicators of a theme that have rows, in the monitor's order.
    fn indicators_of<'b>(&self, a: &'b Assessment, theme: &str) -> Vec<&'b Aggregate> {
        a.aggregates
            .indicators
            .iter()
            .filter(|agg| {
                self.rows
                    .get(agg.id.as_str())
                    .and_then(|rows| rows.first())
                    .is_some_and(|r| *r.theme == *theme)
            })
            .collect()
    }
}

/// The name of a row under its indicator: the series, the area, or the municipality.
pub(super) fn row_name_for(a: &Assessment, r: &Row) -> String {
    let subject = subject_text(r);
    if subject.is_empty() {
        a.header.monitor.municipality.clone()
    } else {
        subject
    }
}

fn summary(a: &Assessment, ix: &Index, lang: Lang) -> Section {
    let l = |label| i18n::label(lang, label);
    let mut blocks = vec![paragraph(words::summary_lead(a, lang))];
    if let Some(text) = words::target_years_passed(a, lang) {
        blocks.push(paragraph(text));
    }
    let counted: usize = a.summary.iter().map(|s| s.indicators).sum();
    blocks.push(Block::Table(Table {
        caption: words::counts_caption(lang, counted),
        columns: vec![
            column(l(Label::Status), Align::Start),
            column(l(Label::Indicators), Align::End),
        ],
        rows: a
            .summary
            .iter()
            .map(|s| TableRow::Data {
                cells: vec![
                    status_cell(lang, s.status, false),
                    Cell::text(s.indicators.to_string()),
                ],
                indent: 0,
            })
            .collect(),
    }));
    let extra = a.indicators.len() - rows_with_indicator_line(a, ix);
    blocks.push(paragraph(words::summary_table_lead(lang, counted, extra)));

    let mut rows = Vec::new();
    for theme in &a.header.monitor.themes {
        let members = ix.indicators_of(a, &theme.id);
        if members.is_empty() {
            continue;
        }
        if let Some(t) = a.aggregates.themes.iter().find(|t| t.id == theme.id) {
            rows.push(TableRow::Group {
                text: format!(
                    "{} {} — {} ({} {})",
                    l(Label::Theme),
                    theme_text(a, &theme.id),
                    i18n::status(lang, t.status).to_lowercase(),
                    l(Label::Score).to_lowercase(),
                    score(lang, t.score)
                ),
                status: Some(t.status),
            });
        }
        for agg in members {
            let own: Vec<&Row> = ix.of(&agg.id);
            let single = own.iter().filter(|r| !r.peer).count() == 1;
            let manual = own.iter().any(|r| r.manual.is_some());
            if single {
                let r = own.iter().find(|r| !r.peer).expect("one own row");
                rows.push(TableRow::Data {
                    cells: vec![
                        Cell::text(r.title.to_string()),
                        Cell::text(baseline_cell(lang, r)),
                        Cell::text(latest_cell(lang, r)),
                        Cell::text(target_cell(lang, r)),
                        Cell::text(change_cell(lang, r)),
                        status_cell(lang, agg.status, manual),
                    ],
                    indent: 0,
                });
            } else {
                rows.push(TableRow::Data {
                    cells: vec![
                        Cell::text(agg.name.clone()),
                        Cell::text(""),
                        Cell::text(""),
                        Cell::text(""),
                        Cell::text(""),
                        status_cell(lang, agg.status, manual),
                    ],
                    indent: 0,
                });
            }
            for r in own.iter().filter(|r| r.peer || !single) {
                rows.push(TableRow::Data {
                    cells: vec![
                        Cell::text(row_name_for(a, r)),
                        Cell::text(baseline_cell(lang, r)),
                        Cell::text(latest_cell(lang, r)),
                        Cell::text(target_cell(lang, r)),
                        Cell::text(change_cell(lang, r)),
                        status_cell(lang, r.status, r.manual.is_some()),
                    ],
                    indent: 1,
                });
            }
        }
    }
    blocks.push(Block::Table(Table {
        caption: words::overview_caption(lang, a.year),
        columns: vec![
            column(l(Label::Indicator), Align::Start),
            column(l(Label::Baseline), Align::End),
            column(l(Label::Latest), Align::End),
            column(l(Label::Target), Align::End),
            column(l(Label::Change), Align::End),
            column(l(Label::Status), Align::Start),
        ],
        rows,
    }));
    if a.illustrative {
        blocks.push(small(l(Label::IllustrativeNote)));
    }
    Section {
        level: 1,
        id: "summary".into(),
        heading: l(Label::Summary).to_string(),
        blocks,
        sections: Vec::new(),
        keep_together: false,
    }
}

/// How many rows the overview shows on an indicator's own line (the others are indented).
fn rows_with_indicator_line(a: &Assessment, ix: &Index) -> usize {
    a.aggregates
        .indicators
        .iter()
        .filter(|agg| ix.of(&agg.id).iter().filter(|r| !r.peer).count() == 1)
        .count()
}

fn changes(c: &Comparison, lang: Lang) -> Section {
    let l = |label| i18n::label(lang, label);
    let mut blocks = vec![paragraph(words::changes_lead(c, lang))];
    let worse: Vec<String> = c
        .changes()
        .filter(|x| !x.row.peer && x.status_change == StatusChange::Worse)
        .map(|x| {
            let name = match &x.row.series {
                Some(s) => format!("{} ({s})", x.row.title),
                None => x.row.title.to_string(),
            };
            format!(
                "{name}: {} → {}",
                x.from.map_or("–", |r| i18n::status(lang, r.status)),
                x.to.map_or("–", |r| i18n::status(lang, r.status))
            )
        })
        .collect();
    if !worse.is_empty() {
        blocks.push(strong(words::worse_lead(lang, worse.len())));
        blocks.push(Block::List(worse));
    }
    let rows: Vec<TableRow> = c
        .changes()
        // A status that moved, a first value or a missing one; an ordinary new value is
        // counted in the lead, so that the chapter is as long as the change, not the monitor.
        .filter(|x| {
            x.status_change != StatusChange::Same
                || matches!(
                    x.observation,
                    ObservationChange::First | ObservationChange::Missing
                )
        })
        .map(|x| {
            let row = x.row;
            let name = match (&row.series, row.peer) {
                (Some(s), _) => format!("{} — {s}", row.title),
                (None, true) => format!("{} — {}", row.title, row.area),
                (None, false) => row.title.to_string(),
            };
            let status = |r: Option<&Row>| match r {
                Some(r) => status_cell(lang, r.status, r.manual.is_some()),
                None => Cell::text("–"),
            };
            let latest =
                x.to.map_or_else(|| "–".to_string(), |r| latest_cell(lang, r));
            TableRow::Data {
                cells: vec![
                    Cell::text(name),
                    status(x.from),
                    status(x.to),
                    Cell::text(i18n::status_change(lang, x.status_change)),
                    Cell::text(match x.observation {
                        ObservationChange::None => "–".to_string(),
                        ObservationChange::New => latest,
                        ObservationChange::First => format!(
                            "{}: {latest}",
                            i18n::observation_change(lang, x.observation)
                        ),
                        ObservationChange::Missing => {
                            i18n::observation_change(lang, x.observation).to_string()
                        }
                    }),
                ],
                indent: 0,
            }
        })
        .collect();
    if rows.is_empty() {
        blocks.push(paragraph(words::nothing_changed(lang)));
    } else {
        blocks.push(Block::Table(Table {
            caption: words::changes_caption(lang, c.from, c.to),
            columns: vec![
                column(l(Label::Indicator), Align::Start),
                column(&c.from.to_string(), Align::Start),
                column(&c.to.to_string(), Align::Start),
                column(l(Label::StatusChange), Align::Start),
                column(l(Label::NewObservation), Align::End),
            ],
            rows,
        }));
    }
    Section {
        level: 1,
        id: "changes".into(),
        heading: words::changes_heading(lang, c.from),
        blocks,
        sections: Vec::new(),
        keep_together: false,
    }
}

fn themes(a: &Assessment, ix: &Index, lang: Lang) -> Section {
    let l = |label| i18n::label(lang, label);
    let mut sections = Vec::new();
    for theme in &a.header.monitor.themes {
        let members = ix.indicators_of(a, &theme.id);
        if members.is_empty() {
            continue;
        }
        let mut blocks = Vec::new();
        if let Some(goal) = &theme.goal {
            blocks.push(Block::Facts(vec![fact(l(Label::Goal), goal.clone())]));
        }
        if let Some(t) = a.aggregates.themes.iter().find(|t| t.id == theme.id) {
            blocks.push(Block::Paragraph(Paragraph {
                text: words::theme_score(lang, t),
                style: TextStyle::Strong,
                status: Some(t.status),
            }));
        }
        let indicators = members
            .iter()
            .map(|agg| indicator_section(a, ix, lang, agg))
            .collect();
        sections.push(Section {
            level: 2,
            id: format!("theme-{}", theme.id),
            heading: format!("{} {}", l(Label::Theme), theme_text(a, &theme.id)),
            blocks,
            sections: indicators,
            keep_together: false,
        });
    }
    Section {
        level: 1,
        id: "themes".into(),
        heading: words::themes_heading(lang),
        blocks: vec![paragraph(words::themes_lead(lang))],
        sections,
        keep_together: false,
    }
}

fn indicator_section(a: &Assessment, ix: &Index, lang: Lang, agg: &Aggregate) -> Section {
    let l = |label| i18n::label(lang, label);
    let rows = ix.of(&agg.id);
    let first = rows[0];
    let mut facts = vec![fact(
        l(Label::Direction),
        i18n::direction(lang, first.direction, first.goal).to_string(),
    )];
    let own: Vec<&&Row> = rows.iter().filter(|r| !r.peer).collect();
    if let [only] = own.as_slice() {
        if let Some(b) = &only.baseline {
            let mut text = dated(lang, b.value, &b.period, only.unit);
            match (b.count, b.denominator) {
                (Some(c), Some(n)) => text.push_str(&words::count_of(lang, c, n)),
                (Some(c), None) => text.push_str(&words::count(lang, c)),
                _ => {}
            }
            facts.push(fact(l(Label::Baseline), text));
        }
    }
    facts.push(fact(l(Label::Target), target_cell(lang, first)));
    facts.push(Fact {
        term: l(Label::Status).to_string(),
        value: match agg.score {
            Some(_) => format!(
                "{} · {} {}",
                i18n::status(lang, agg.status),
                l(Label::Score).to_lowercase(),
                score(lang, agg.score)
            ),
            None => i18n::status(lang, agg.status).to_string(),
        },
        status: Some(agg.status),
    });
    // An indicator that names its own method in indicators.toml is assessed with it, not with
    // the method the cover names for the report: say so where its status is.
    let method = own.iter().find_map(|r| r.method).filter(|m| *m != a.method);
    if let Some(m) = method {
        facts.push(fact(
            l(Label::Method),
            words::method_name(lang, m).to_string(),
        ));
    }
    if let Some(source) = first.source {
        facts.push(fact(l(Label::Source), source.to_string()));
    }
    let mut blocks = vec![Block::Facts(facts)];
    for r in &own {
        if let Some(text) = words::after_target_year(lang, r) {
            blocks.push(Block::Paragraph(Paragraph {
                text,
                style: TextStyle::Body,
                status: None,
            }));
        }
        if let Some(m) = &r.manual {
            blocks.push(small(&words::manual_note(lang, r, &m.reason)));
        }
    }
    let table_rows = rows
        .iter()
        .map(|r| {
            let mut status = status_cell(lang, r.status, r.manual.is_some());
            if let Some(rank) = &r.rank {
                status.text.push_str(&format!(
                    " ({} {}/{})",
                    l(Label::Rank).to_lowercase(),
                    rank.position,
                    rank.of
                ));
            }
            TableRow::Data {
                cells: vec![
                    Cell::text(row_name_for(a, r)),
                    Cell::text(baseline_cell(lang, r)),
                    Cell::text(latest_cell(lang, r)),
                    Cell::text(change_cell(lang, r)),
                    Cell::text(
                        r.expected
                            .map_or_else(|| "–".to_string(), |e| value(lang, e, r.unit)),
                    ),
                    Cell::text(score(lang, r.score)),
                    status,
                ],
                indent: 0,
            }
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: words::series_caption(lang),
        columns: vec![
            column(l(Label::Series), Align::Start),
            column(l(Label::Baseline), Align::End),
            column(l(Label::Latest), Align::End),
            column(l(Label::Change), Align::End),
            column(l(Label::Expected), Align::End),
            column(l(Label::Score), Align::End),
            column(l(Label::Status), Align::Start),
        ],
        rows: table_rows,
    }));
    blocks.push(Block::Figure(Box::new(figure(a, lang, &rows, agg))));
    Section {
        level: 3,
        id: format!("indicator-{}", agg.id),
        heading: first.title.to_string(),
        blocks,
        sections: Vec::new(),
        keep_together: true,
    }
}

fn figure(a: &Assessment, lang: Lang, rows: &[&Row], agg: &Aggregate) -> Figure {
    let l = |label| i18n::label(lang, label);
    let series = rows
        .iter()
        .map(|r| ChartSeries {
            name: row_name_for(a, r),
            points: r
                .observations
                .iter()
                .map(|o| ChartPoint {
                    x: chart::x_of(&o.period()),
                    value: o.value,
                    illustrative: o.illustrative(),
                })
                .collect(),
            baseline: r
                .baseline
                .as_ref()
                .map(|b| (chart::x_of(&b.period), b.value)),
        })
        .collect();
    let with_target = rows
        .iter()
        .find(|r| r.target.is_some() && r.baseline.is_some());
    let target = with_target
        .and_then(|r| r.target.as_ref())
        .map(|t| ChartTarget {
            x: chart::x_of_year(t.year),
            value: t.value,
            label: unbroken(&format!(
                "{} {}",
                l(Label::Target).to_lowercase(),
                crate::render::value_text(lang, t.value, rows[0].unit)
            )),
        });
    let path = with_target.map(|r| {
        let (b, t) = (r.baseline.as_ref().unwrap(), r.target.as_ref().unwrap());
        (
            (chart::x_of(&b.period), b.value),
            (chart::x_of_year(t.year), t.value),
        )
    });
    let unit = rows.first().map_or("", |r| r.unit);
    let chart = Chart {
        unit: i18n::unit(lang, unit).into_owned(),
        series,
        target,
        path,
        report_year: a.year,
        words: ChartWords {
            baseline: l(Label::Baseline).to_string(),
            expected: l(Label::Expected).to_string(),
            illustrative: l(Label::Illustrative).to_string(),
            gap: words::gap_words(lang).to_string(),
            no_data: l(Label::NoData).to_string(),
            lang_nl: lang == Lang::Nl,
        },
    };
    let mut data_rows = Vec::new();
    for r in rows {
        if let Some(b) = &r.baseline {
            data_rows.push(TableRow::Data {
                cells: vec![
                    Cell::text(row_name_for(a, r)),
                    Cell::text(period(lang, &b.period)),
                    Cell::text(format!(
                        "{} ({})",
                        value(lang, b.value, r.unit),
                        l(Label::Baseline).to_lowercase()
                    )),
                ],
                indent: 0,
            });
        }
        for o in &r.observations {
            let mark = if o.illustrative() { " *" } else { "" };
            data_rows.push(TableRow::Data {
                cells: vec![
                    Cell::text(row_name_for(a, r)),
                    Cell::text(period(lang, &o.period())),
                    Cell::text(format!("{}{mark}", value(lang, o.value, r.unit))),
                ],
                indent: 0,
            });
        }
    }
    Figure {
        alt: words::chart_alt(a, lang, rows, agg),
        data: Table {
            caption: words::chart_data_caption(lang, rows[0].title),
            columns: vec![
                column(l(Label::Series), Align::Start),
                column(l(Label::Period), Align::Start),
                column(l(Label::Value), Align::End),
            ],
            rows: data_rows,
        },
        chart,
    }
}

/// The most values the data annex lists in full (some hundreds of pages); a larger monitor's
/// annex is summarised: first without the peer areas, then with only each series' ends.
const ANNEX_VALUES: usize = 20_000;

/// Annex B, listing every value when there are at most `limit`, else summarised.
fn data_annex(a: &Assessment, ix: &Index, lang: Lang, limit: usize) -> Section {
    let l = |label| i18n::label(lang, label);
    // A row's observations hold its baseline too (from indicators.toml when no file gives it).
    let count = |rows: &mut dyn Iterator<Item = &Row>| -> usize {
        rows.map(|r| r.observations.len()).sum()
    };
    let values = count(&mut a.indicators.iter());
    let peers_left_out = values > limit;
    let ends_only = peers_left_out && count(&mut a.indicators.iter().filter(|r| !r.peer)) > limit;
    let mut rows = Vec::new();
    for agg in &a.aggregates.indicators {
        let mut own = ix.of(&agg.id);
        if peers_left_out {
            own.retain(|r| !r.peer);
        }
        if own.is_empty() {
            continue;
        }
        let unit = i18n::unit(lang, own[0].unit).into_owned();
        rows.push(TableRow::Group {
            text: if unit.is_empty() {
                agg.name.clone()
            } else {
                format!(
                    "{} ({}: {})",
                    agg.name,
                    words::unit_word(lang),
                    unbroken(&unit)
                )
            },
            status: None,
        });
        for r in own {
            let mut values = annex_values(lang, r);
            if ends_only && values.len() > 2 {
                values.drain(1..values.len() - 1);
                values.insert(1, "…".to_string());
            }
            let mut sources: Vec<&str> = r
                .observations
                .iter()
                .filter_map(|o| o.source())
                .chain(r.source)
                .collect();
            sources.sort_unstable();
            sources.dedup();
            rows.push(TableRow::Data {
                cells: vec![
                    Cell::text(row_name_for(a, r)),
                    Cell::text(if values.is_empty() {
                        l(Label::NoData).to_string()
                    } else {
                        values.join("; ")
                    }),
                    Cell::text(sources.join("; ")),
                ],
                indent: 0,
            });
        }
    }
    let mut blocks = vec![paragraph(words::data_lead(lang))];
    if peers_left_out {
        blocks.push(paragraph(words::data_summarised(
            lang,
            a.indicators.len(),
            values,
            peers_left_out,
            ends_only,
        )));
    }
    blocks.push(Block::Table(Table {
        caption: words::data_caption(lang),
        columns: vec![
            column(l(Label::Series), Align::Start),
            column(l(Label::Observations), Align::Start),
            column(l(Label::Source), Align::Start),
        ],
        rows,
    }));
    if a.illustrative {
        blocks.push(small(l(Label::IllustrativeNote)));
    }
    Section {
        level: 1,
        id: "data".into(),
        heading: words::data_heading(lang),
        blocks,
        sections: Vec::new(),
        keep_together: false,
    }
}

/// A series' values in time order for the data annex, numbers only (the unit is in the group
/// row): "2017: 79 (nulmeting); 2018: 81 *". A measurement of the baseline's period with the
/// baseline's value is the baseline, listed once.
fn annex_values(lang: Lang, r: &Row) -> Vec<String> {
    let number = |v: f64| i18n::measured(lang, v, crate::render::DECIMALS);
    let mut values: Vec<(f64, String)> = Vec::new();
    let baseline = r.baseline.as_ref();
    if let Some(b) = baseline {
        values.push((
            chart::x_of(&b.period),
            unbroken(&format!(
                "{}: {} ({})",
                i18n::period(lang, &b.period),
                number(b.value),
                i18n::label(lang, Label::Baseline).to_lowercase()
            )),
        ));
    }
    for o in &r.observations {
        if baseline.is_some_and(|b| b.period == o.period() && b.value == o.value) {
            continue;
        }
        let mark = if o.illustrative() { " *" } else { "" };
        values.push((
            chart::x_of(&o.period()),
            unbroken(&format!(
                "{}: {}{mark}",
                i18n::period(lang, &o.period()),
                number(o.value)
            )),
        ));
    }
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    values.into_iter().map(|(_, v)| v).collect()
}

fn column(header: &str, align: Align) -> Column {
    Column {
        header: header.to_string(),
        align,
    }
}

pub(super) fn paragraph(text: String) -> Block {
    Block::Paragraph(Paragraph {
        text,
        style: TextStyle::Body,
        status: None,
    })
}

pub(super) fn strong(text: String) -> Block {
    Block::Paragraph(Paragraph {
        text,
        style: TextStyle::Strong,
        status: None,
    })
}

pub(super) fn small(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        text: text.to_string(),
        style: TextStyle::Small,
        status: None,
    })
}

pub(super) fn code(text: String) -> Block {
    Block::Paragraph(Paragraph {
        text,
        style: TextStyle::Code,
        status: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Block;

    fn bundled(lang: Lang) -> Document {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut data = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        let a = crate::assess::assess(&mut data, &crate::assess::Options::default()).unwrap();
        build(&a, None, lang)
    }

    /// Below its limit the data annex lists every value of every series and area; above it,
    /// only the own series; far above it, only their first and latest value, and says so.
    #[test]
    fn the_data_annex_is_summarised_past_its_limit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut data = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        let a = crate::assess::assess(&mut data, &crate::assess::Options::default()).unwrap();
        let ix = Index::new(&a);
        let lines = |s: &Section| -> Vec<Vec<String>> {
            tables(s)[0]
                .rows
                .iter()
                .filter_map(|r| match r {
                    TableRow::Data { cells, .. } => {
                        Some(cells.iter().map(|c| c.text.clone()).collect())
                    }
                    TableRow::Group { .. } => None,
                })
                .collect()
        };
        let said = |s: &Section| {
            s.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(p) if p.text.starts_with("This monitor has")))
        };
        let values_of = |peers: bool| -> usize {
            a.indicators
                .iter()
                .filter(|r| peers || !r.peer)
                .map(|r| r.observations.len())
                .sum()
        };
        let (values, own_values) = (values_of(true), values_of(false));
        let own = a.indicators.iter().filter(|r| !r.peer).count();
        assert!(own < a.indicators.len() && own_values < values, "peer rows");
        let whole = data_annex(&a, &ix, Lang::En, values);
        assert_eq!(lines(&whole).len(), a.indicators.len());
        assert!(!said(&whole));
        let no_peers = data_annex(&a, &ix, Lang::En, values - 1);
        assert_eq!(lines(&no_peers).len(), own);
        assert!(said(&no_peers));
        assert!(lines(&no_peers).iter().all(|l| !l[1].contains('…')));
        let ends = data_annex(&a, &ix, Lang::En, own_values - 1);
        assert_eq!(lines(&ends).len(), own);
        let mut shortened = 0;
        for (short, full) in lines(&ends).iter().zip(lines(&no_peers).iter()) {
            let full: Vec<&str> = full[1].split("; ").collect();
            if full.len() > 2 {
                shortened += 1;
                assert_eq!(
                    short[1],
                    format!("{}; …; {}", full[0], full[full.len() - 1])
                );
            } else {
                assert_eq!(short[1], full.join("; "));
            }
        }
        assert!(shortened > 0);
    }

    fn tables(s: &Section) -> Vec<&Table> {
        s.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_summary_counts_what_its_table_shows() {
        for lang in [Lang::Nl, Lang::En] {
            let doc = bundled(lang);
            let summary = &doc.chapters[0];
            let [counts, overview] = tables(summary)[..] else {
                panic!("two tables in the summary")
            };
            let counted: usize = counts
                .rows
                .iter()
                .map(|r| match r {
                    TableRow::Data { cells, .. } => cells[1].text.parse::<usize>().unwrap(),
                    TableRow::Group { .. } => 0,
                })
                .sum();
            // Lines of indicators: data rows not indented under another.
            let indicator_lines = overview
                .rows
                .iter()
                .filter(|r| matches!(r, TableRow::Data { indent: 0, .. }))
                .count();
            assert_eq!(counted, indicator_lines);
            assert_eq!(counted, 12);
            // The statuses agree too: each count is the number of indicator lines with it.
            for row in &counts.rows {
                let TableRow::Data { cells, .. } = row else {
                    continue;
                };
                let status = cells[0].status.unwrap();
                let lines = overview
                    .rows
                    .iter()
                    .filter(|r| {
                        matches!(r, TableRow::Data { indent: 0, cells } if cells.last().unwrap().status == Some(status))
                    })
                    .count();
                assert_eq!(cells[1].text, lines.to_string(), "{status:?}");
            }
            // Grouped by theme: one group row per theme, before its indicators.
            let groups = overview
                .rows
                .iter()
                .filter(|r| matches!(r, TableRow::Group { .. }))
                .count();
            assert_eq!(groups, 4);
            assert!(matches!(overview.rows[0], TableRow::Group { .. }));
        }
    }

    #[test]
    fn headings_nest_without_skipping_and_every_figure_is_described() {
        let doc = bundled(Lang::Nl);
        for s in doc.sections() {
            for sub in &s.sections {
                assert_eq!(
                    sub.level,
                    s.level + 1,
                    "{} under {}",
                    sub.heading,
                    s.heading
                );
            }
        }
        let themes = doc.sections().iter().filter(|s| s.level == 2).count();
        assert_eq!(themes, 4);
        let mut figures = 0;
        for s in doc.sections() {
            for b in &s.blocks {
                if let Block::Figure(f) = b {
                    figures += 1;
                    assert!(f.alt.starts_with("Grafiek van ") && f.alt.contains("Status: "));
                    assert!(!f.data.rows.is_empty());
                }
                if let Block::Table(t) = b {
                    assert!(!t.caption.is_empty() && !t.columns.is_empty());
                }
            }
        }
        assert_eq!(figures, 12);
    }
}
