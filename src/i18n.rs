//! The one translation table: every label a person reads, in the terminal table, Markdown and
//! the PDF, comes from here, in Dutch (the default) or English.

use crate::model::{Direction, Goal, Status};

pub use crate::model::Lang;

/// Every fixed text ontrack shows to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Theme,
    Indicator,
    Series,
    Baseline,
    Latest,
    Target,
    Change,
    Expected,
    Score,
    Status,
    Method,
    Source,
    Goal,
    Period,
    Value,
    Illustrative,
    IllustrativeNote,
    Summary,
    Annex,
    MethodAnnex,
    ObservationsAnnex,
    ReportYear,
    DataCutoff,
    Generated,
    Page,
    Of,
    Municipality,
    AnnualReport,
    PlanAggregate,
    Rank,
    Manual,
    NoData,
    File,
    Indicators,
    Direction,
    From,
    To,
    StatusChange,
    NewObservation,
    Difference,
    Computation,
    Observations,
    Definition,
    Comparison,
    Aggregates,
    Note,
}

pub fn label(lang: Lang, label: Label) -> &'static str {
    use Label::*;
    match (lang, label) {
        (Lang::Nl, Theme) => "Speerpunt",
        (Lang::En, Theme) => "Theme",
        (Lang::Nl, Indicator) => "Indicator",
        (Lang::En, Indicator) => "Indicator",
        (Lang::Nl, Series) => "Reeks",
        (Lang::En, Series) => "Series",
        (Lang::Nl, Baseline) => "Nulmeting",
        (Lang::En, Baseline) => "Baseline",
        (Lang::Nl, Latest) => "Laatste meting",
        (Lang::En, Latest) => "Latest",
        (Lang::Nl, Target) => "Doel",
        (Lang::En, Target) => "Target",
        (Lang::Nl, Change) => "Verandering",
        (Lang::En, Change) => "Change",
        (Lang::Nl, Expected) => "Verwacht (lineair)",
        (Lang::En, Expected) => "Expected (linear)",
        (Lang::Nl, Score) => "Score",
        (Lang::En, Score) => "Score",
        (Lang::Nl, Status) => "Status",
        (Lang::En, Status) => "Status",
        (Lang::Nl, Method) => "Methode",
        (Lang::En, Method) => "Method",
        (Lang::Nl, Source) => "Bron",
        (Lang::En, Source) => "Source",
        (Lang::Nl, Goal) => "Beleidsdoel",
        (Lang::En, Goal) => "Policy goal",
        (Lang::Nl, Period) => "Periode",
        (Lang::En, Period) => "Period",
        (Lang::Nl, Value) => "Waarde",
        (Lang::En, Value) => "Value",
        (Lang::Nl, Illustrative) => "illustratief",
        (Lang::En, Illustrative) => "illustrative",
        (Lang::Nl, IllustrativeNote) => {
            "* Illustratieve gegevens: verzonnen waarden ter demonstratie, geen echte metingen."
        }
        (Lang::En, IllustrativeNote) => {
            "* Illustrative data: made-up values for demonstration, not real measurements."
        }
        (Lang::Nl, Summary) => "Samenvatting",
        (Lang::En, Summary) => "Summary",
        (Lang::Nl, Annex) => "Bijlage",
        (Lang::En, Annex) => "Annex",
        (Lang::Nl, MethodAnnex) => "Hoe de status wordt bepaald",
        (Lang::En, MethodAnnex) => "How the status is determined",
        (Lang::Nl, ObservationsAnnex) => "Alle gebruikte metingen",
        (Lang::En, ObservationsAnnex) => "Every observation used",
        (Lang::Nl, ReportYear) => "Verslagjaar",
        (Lang::En, ReportYear) => "Report year",
        (Lang::Nl, DataCutoff) => "Gegevens tot en met",
        (Lang::En, DataCutoff) => "Data up to",
        (Lang::Nl, Generated) => "Gemaakt op",
        (Lang::En, Generated) => "Generated on",
        (Lang::Nl, Page) => "Pagina",
        (Lang::En, Page) => "Page",
        (Lang::Nl, Of) => "van",
        (Lang::En, Of) => "of",
        (Lang::Nl, Municipality) => "Gemeente",
        (Lang::En, Municipality) => "Municipality",
        (Lang::Nl, AnnualReport) => "Voortgangsrapportage",
        (Lang::En, AnnualReport) => "Annual progress report",
        (Lang::Nl, PlanAggregate) => "Hele beleidsvisie",
        (Lang::En, PlanAggregate) => "Whole plan",
        (Lang::Nl, Rank) => "Rang",
        (Lang::En, Rank) => "Rank",
        (Lang::Nl, Manual) => "handmatig vastgesteld",
        (Lang::En, Manual) => "set manually",
        (Lang::Nl, NoData) => "geen gegevens",
        (Lang::En, NoData) => "no data",
        (Lang::Nl, File) => "Bestand",
        (Lang::En, File) => "File",
        (Lang::Nl, Indicators) => "Indicatoren",
        (Lang::En, Indicators) => "Indicators",
        (Lang::Nl, Direction) => "Gewenste richting",
        (Lang::En, Direction) => "Desired direction",
        (Lang::Nl, From) => "Van",
        (Lang::En, From) => "From",
        (Lang::Nl, To) => "Naar",
        (Lang::En, To) => "To",
        (Lang::Nl, StatusChange) => "Verandering",
        (Lang::En, StatusChange) => "Status change",
        (Lang::Nl, NewObservation) => "Meting",
        (Lang::En, NewObservation) => "Observation",
        (Lang::Nl, Difference) => "Verschil",
        (Lang::En, Difference) => "Difference",
        (Lang::Nl, Computation) => "Berekening",
        (Lang::En, Computation) => "Computation",
        (Lang::Nl, Observations) => "Metingen",
        (Lang::En, Observations) => "Observations",
        (Lang::Nl, Definition) => "Definitie",
        (Lang::En, Definition) => "Definition",
        (Lang::Nl, Comparison) => "Vergelijking",
        (Lang::En, Comparison) => "Comparison",
        (Lang::Nl, Note) => "Opmerking",
        (Lang::En, Note) => "Note",
        (Lang::Nl, Aggregates) => "Samenvatting",
        (Lang::En, Aggregates) => "Aggregates",
    }
}

pub fn status(lang: Lang, status: Status) -> &'static str {
    match (lang, status) {
        (Lang::Nl, Status::TargetAchieved) => "Doel bereikt",
        (Lang::En, Status::TargetAchieved) => "Target achieved",
        (Lang::Nl, Status::TargetNotAchieved) => "Doel niet gehaald",
        (Lang::En, Status::TargetNotAchieved) => "Target not achieved",
        (Lang::Nl, Status::SubstantialProgress) => "Op koers",
        (Lang::En, Status::SubstantialProgress) => "On track",
        (Lang::Nl, Status::ModerateProgress) => "Vooruitgang, versnelling nodig",
        (Lang::En, Status::ModerateProgress) => "Progress, acceleration needed",
        (Lang::Nl, Status::LimitedProgress) => "Beperkte vooruitgang",
        (Lang::En, Status::LimitedProgress) => "Limited progress",
        (Lang::Nl, Status::Deterioration) => "Verslechtering",
        (Lang::En, Status::Deterioration) => "Deterioration",
        (Lang::Nl, Status::NotAssessable) => "Niet te beoordelen",
        (Lang::En, Status::NotAssessable) => "Not assessable",
        (Lang::Nl, Status::NoDirection) => "Geen gewenste richting",
        (Lang::En, Status::NoDirection) => "No desired direction",
    }
}

/// A status as people read it everywhere: its symbol and its word ("✓ Doel bereikt"), so that
/// it never depends on colour.
pub fn marked(lang: Lang, status: Status) -> String {
    format!("{} {}", status.symbol(), self::status(lang, status))
}

pub fn direction(lang: Lang, direction: Direction, goal: Goal) -> &'static str {
    match (lang, direction, goal) {
        (Lang::Nl, Direction::Increase, Goal::Improve) => "neemt toe",
        (Lang::En, Direction::Increase, Goal::Improve) => "increase",
        (Lang::Nl, Direction::Decrease, Goal::Improve) => "neemt af",
        (Lang::En, Direction::Decrease, Goal::Improve) => "decrease",
        (Lang::Nl, Direction::Increase, Goal::Maintain) => "blijft minimaal gelijk (niet lager)",
        (Lang::En, Direction::Increase, Goal::Maintain) => "at least stays equal (not lower)",
        (Lang::Nl, Direction::Decrease, Goal::Maintain) => "blijft minimaal gelijk (niet hoger)",
        (Lang::En, Direction::Decrease, Goal::Maintain) => "at least stays equal (not higher)",
        (Lang::Nl, Direction::None, _) => "geen richting genoemd",
        (Lang::En, Direction::None, _) => "no direction stated",
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A period as a reader writes it: "juli 2018" / "July 2018"; years and school years as is.
pub fn period(lang: Lang, period: &crate::model::Period) -> String {
    match period.month() {
        Some(m) => {
            let names = if lang == Lang::Nl {
                &MONTHS_NL
            } else {
                &MONTHS_EN
            };
            format!("{} {}", names[usize::from(m) - 1], period.year())
        }
        None => period.to_string(),
    }
}

/// A day as a reader writes it: "23 november 2026" / "23 November 2026".
pub(crate) fn day(lang: Lang, day: crate::model::Day) -> String {
    let names = if lang == Lang::Nl {
        &MONTHS_NL
    } else {
        &MONTHS_EN
    };
    let d = day.0;
    format!(
        "{} {} {}",
        d.day(),
        names[usize::from(u8::from(d.month())) - 1],
        d.year()
    )
}

/// The word for a status change (`compare`).
pub fn status_change(lang: Lang, change: crate::assess::compare::StatusChange) -> &'static str {
    use crate::assess::compare::StatusChange::*;
    match (lang, change) {
        (Lang::Nl, Better) => "beter",
        (Lang::En, Better) => "better",
        (Lang::Nl, Worse) => "slechter",
        (Lang::En, Worse) => "worse",
        (Lang::Nl, Same) => "gelijk",
        (Lang::En, Same) => "same",
        (Lang::Nl, Assessed) => "nu te beoordelen",
        (Lang::En, Assessed) => "now assessable",
        (Lang::Nl, Unassessed) => "niet meer te beoordelen",
        (Lang::En, Unassessed) => "no longer assessable",
    }
}

/// The word for whether a new observation came in (`compare`).
pub(crate) fn observation_change(
    lang: Lang,
    change: crate::assess::compare::ObservationChange,
) -> &'static str {
    use crate::assess::compare::ObservationChange::*;
    match (lang, change) {
        (Lang::Nl, New) => "nieuw",
        (Lang::En, New) => "new",
        (Lang::Nl, First) => "eerste",
        (Lang::En, First) => "first",
        (Lang::Nl, Missing) => "ontbrekend",
        (Lang::En, Missing) => "missing",
        (_, None) => "–",
    }
}

/// A number for people: `.` or `,` as the language writes decimals, at most `decimals` places,
/// trailing zeros dropped.
pub fn number(lang: Lang, value: f64, decimals: usize) -> String {
    crate::number_format::NumberStyle::for_people(decimals, lang == Lang::Nl).format(value)
}

/// What the plan score is the mean of: "gemiddelde van 12 indicatoren" / "mean of 4 themes".
pub(crate) fn plan_basis(lang: Lang, of: crate::model::Aggregation, members: usize) -> String {
    use crate::model::Aggregation::*;
    match (lang, of, members == 1) {
        (Lang::Nl, Indicator, true) => "gemiddelde van 1 indicator".to_string(),
        (Lang::Nl, Indicator, false) => format!("gemiddelde van {members} indicatoren"),
        (Lang::Nl, Theme, true) => "gemiddelde van 1 speerpunt".to_string(),
        (Lang::Nl, Theme, false) => format!("gemiddelde van {members} speerpunten"),
        (Lang::En, Indicator, true) => "mean of 1 indicator".to_string(),
        (Lang::En, Indicator, false) => format!("mean of {members} indicators"),
        (Lang::En, Theme, true) => "mean of 1 theme".to_string(),
        (Lang::En, Theme, false) => format!("mean of {members} themes"),
    }
}

/// "Gemeente Maassluis" / "Municipality of Maassluis".
pub(crate) fn municipality_of(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nl => format!("Gemeente {name}"),
        Lang::En => format!("Municipality of {name}"),
    }
}

/// A unit as `lang` writes it. indicators.toml gives units in the monitor's language; the Dutch
/// words of common units are translated for English output ("per 1000 inwoners" → "per 1000
/// residents"), anything else is kept as written.
pub fn unit(lang: Lang, unit: &str) -> std::borrow::Cow<'_, str> {
    const DUTCH: [(&str, &str); 8] = [
        ("inwoners", "residents"),
        ("personen", "people"),
        ("werknemers", "employees"),
        ("leerlingen", "pupils"),
        ("huishoudens", "households"),
        ("jongeren", "young people"),
        ("meldingen", "reports"),
        ("rapportcijfer", "report mark"),
    ];
    if lang == Lang::Nl || !DUTCH.iter().any(|(nl, _)| unit.contains(nl)) {
        return std::borrow::Cow::Borrowed(unit);
    }
    let translated = unit
        .split(' ')
        .map(|w| {
            DUTCH
                .iter()
                .find(|(nl, _)| *nl == w)
                .map_or(w, |(_, en)| en)
        })
        .collect::<Vec<_>>()
        .join(" ");
    std::borrow::Cow::Owned(translated)
}

/// A measured value for people: at most `decimals` places, but never fewer than three
/// significant digits, so a small value (a rate of 0.0041) is never shown as 0.
pub fn measured(lang: Lang, value: f64, decimals: usize) -> String {
    number(lang, value, decimals.max(significant_decimals(value, 3)))
}

/// The decimals `value` needs to show `digits` significant digits (at most 12).
fn significant_decimals(value: f64, digits: i32) -> usize {
    if value == 0.0 || !value.is_finite() {
        return 0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    (digits - 1 - magnitude).clamp(0, 12) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    #[test]
    fn months_are_written_out() {
        let p = Period::parse("2018-07").unwrap();
        assert_eq!(period(Lang::Nl, &p), "juli 2018");
        assert_eq!(period(Lang::En, &p), "July 2018");
    }

    #[test]
    fn small_measured_values_keep_three_significant_digits() {
        assert_eq!(measured(Lang::En, 0.0041, 2), "0.0041");
        assert_eq!(measured(Lang::Nl, 0.00487654, 2), "0,00488");
        assert_eq!(measured(Lang::En, 0.153, 2), "0.153");
        assert_eq!(measured(Lang::En, 1.73, 2), "1.73");
        assert_eq!(measured(Lang::En, 4200.0, 2), "4200");
        assert_eq!(measured(Lang::En, -0.0008, 2), "−0.0008");
        assert_eq!(measured(Lang::En, 0.0, 2), "0");
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(Lang::Nl, 6.1, 2), "6,1");
        assert_eq!(number(Lang::En, 6.1, 2), "6.1");
        assert_eq!(number(Lang::En, 825.0, 2), "825");
        assert_eq!(number(Lang::En, -0.001, 2), "0");
        assert_eq!(number(Lang::Nl, -3.5, 2), "−3,5");
        assert_eq!(unit(Lang::En, "per 1000 inwoners"), "per 1000 residents");
        assert_eq!(unit(Lang::Nl, "per 1000 inwoners"), "per 1000 inwoners");
        assert_eq!(unit(Lang::En, "factor"), "factor");
        assert_eq!(
            municipality_of(Lang::En, "Maassluis"),
            "Municipality of Maassluis"
        );
    }

    #[test]
    fn status_labels_use_the_agreed_wording() {
        let nl: Vec<_> = Status::ALL.iter().map(|s| status(Lang::Nl, *s)).collect();
        assert_eq!(
            nl[..7],
            [
                "Doel bereikt",
                "Doel niet gehaald",
                "Op koers",
                "Vooruitgang, versnelling nodig",
                "Beperkte vooruitgang",
                "Verslechtering",
                "Niet te beoordelen"
            ]
        );
        assert_eq!(status(Lang::En, Status::SubstantialProgress), "On track");
    }
}
