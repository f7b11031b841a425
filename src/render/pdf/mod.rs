//! The PDF annual progress report, A4: cover, summary (counts per status, the themes and one
//! table of all indicators), one section per theme with a block and a vector chart per
//! indicator, and an annex with the method as used and every observation used. Text is set in
//! DejaVu Sans, embedded as a subset. Every number printed comes from the [`Assessment`] and so
//! can be found in the JSON output.
//!
//! The output is deterministic: fonts have fixed ids, the dates come from the assessment
//! (SOURCE_DATE_EPOCH), and the file identifier is a hash of the content.

mod canvas;
mod chart;
pub mod fonts;

use super::{
    baseline_text, change_text, expected_text, latest_text, optional_number, subject_text,
    target_text, theme_text, value_text, Renderer,
};
use crate::assess::{Assessment, Row};
use crate::i18n::{self, Label, Lang};
use crate::model::{Method, Status};
use canvas::{Canvas, BLACK, CONTENT_W, GREY, MARGIN_X, PAGE_H, PAGE_W};
use fonts::Face;
use std::io::Write;

pub(crate) struct Pdf(pub Lang);

impl Renderer<Assessment> for Pdf {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let bytes = render_pdf(a, self.0).map_err(std::io::Error::other)?;
        out.write_all(&bytes)
    }
}

/// The whole report as PDF bytes.
pub(crate) fn render_pdf(a: &Assessment, lang: Lang) -> Result<Vec<u8>, String> {
    let l = |label| i18n::label(lang, label);
    let mut c = Canvas::new();
    cover(&mut c, a, lang);
    c.new_page();
    summary(&mut c, a, lang);
    for theme in &a.header.monitor.themes {
        let rows: Vec<&Row> = a
            .indicators
            .iter()
            .filter(|r| r.theme == theme.id)
            .collect();
        if rows.is_empty() {
            continue;
        }
        c.new_page();
        theme_section(&mut c, a, lang, &theme.id, &rows);
    }
    c.new_page();
    annex(&mut c, a, lang);

    // Running header and footer, now that the page count is known.
    let total = c.pages.len();
    let header = format!(
        "{} — {} {}",
        a.header.monitor.title,
        l(Label::AnnualReport),
        a.year
    );
    let header = canvas::wrap(&header, Face::Regular, 7.5, CONTENT_W).remove(0);
    for (i, page) in c.pages.iter_mut().enumerate() {
        let mut p = Canvas {
            pages: vec![std::mem::take(page)],
            y: 0.0,
        };
        if i > 0 {
            p.text(MARGIN_X, 34.0, 7.5, Face::Regular, GREY, &header);
            p.line(
                vec![(MARGIN_X, 40.0), (PAGE_W - MARGIN_X, 40.0)],
                0.4,
                GREY,
                None,
            );
        }
        let left = format!(
            "{} · {} · ontrack {}",
            a.header.monitor.municipality, a.generated, a.header.version
        );
        p.line(
            vec![
                (MARGIN_X, PAGE_H - 44.0),
                (PAGE_W - MARGIN_X, PAGE_H - 44.0),
            ],
            0.4,
            GREY,
            None,
        );
        p.text(MARGIN_X, PAGE_H - 32.0, 7.5, Face::Regular, GREY, &left);
        let number = format!("{} {} {} {}", l(Label::Page), i + 1, l(Label::Of), total);
        p.text(
            PAGE_W - MARGIN_X - Face::Regular.width(&number, 7.5),
            PAGE_H - 32.0,
            7.5,
            Face::Regular,
            GREY,
            &number,
        );
        *page = p.pages.pop().expect("one page");
    }

    let title = format!(
        "{} — {} {}",
        a.header.monitor.title,
        l(Label::AnnualReport),
        a.year
    );
    let mut doc = c.into_document(&title)?;
    let date = date_time(a.generated);
    let info = &mut doc.metadata.info;
    info.subject = format!(
        "{} {}, {} {}",
        l(Label::AnnualReport),
        a.header.monitor.municipality,
        l(Label::ReportYear).to_lowercase(),
        a.year
    );
    info.author = a.header.monitor.municipality.clone();
    info.creator = format!("ontrack {}", a.header.version);
    info.producer = format!("ontrack {} (printpdf)", a.header.version);
    info.keywords = vec![a.header.monitor.name.clone(), a.year.to_string()];
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let mut warnings = Vec::new();
    let bytes = doc.save(&printpdf::PdfSaveOptions::default(), &mut warnings);
    finish(bytes, lang)
}

/// The start of `day` (UTC), as the PDF's dates are written.
fn date_time(day: crate::model::Day) -> printpdf::OffsetDateTime {
    let seconds = day.0.midnight().assume_utc().unix_timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .expect("the epoch is a valid date")
}

/// Sets the document language and replaces printpdf's per-process file identifier by a hash of
/// the content, so that the same input always gives the same bytes.
fn finish(bytes: Vec<u8>, lang: Lang) -> Result<Vec<u8>, String> {
    use lopdf::{Object, StringFormat};
    let mut doc =
        lopdf::Document::load_mem(&bytes).map_err(|e| format!("reading back the PDF: {e}"))?;
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    if let Ok(catalog) = doc.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set(
            "Lang",
            Object::String(lang.code().as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    // Name the embedded fonts as the subsets they are (a six-letter tag, then the family).
    for object in doc.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            for key in [&b"BaseFont"[..], &b"FontName"[..]] {
                let renamed = match dict.get(key).and_then(Object::as_name) {
                    Ok(b"F1") => Some(&b"ONTRKA+DejaVuSans"[..]),
                    Ok(b"F2") => Some(&b"ONTRKB+DejaVuSans-Bold"[..]),
                    _ => None,
                };
                if let Some(name) = renamed {
                    dict.set(key, Object::Name(name.to_vec()));
                }
            }
        }
    }
    // printpdf labels every file PDF/X; this report makes no such claim.
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(dict) = doc.get_object_mut(info).and_then(Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    doc.trailer.remove(b"ID");
    let mut unidentified = Vec::new();
    doc.save_to(&mut unidentified).map_err(|e| e.to_string())?;
    let id = format!(
        "{:016x}{:016x}",
        fnv1a(&unidentified, 0xcbf2_9ce4_8422_2325),
        fnv1a(&unidentified, 0x8422_2325_cbf2_9ce4)
    );
    let id = Object::String(id.into_bytes(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn heading(c: &mut Canvas, text: &str, size: f32) {
    c.ensure(size * 3.0);
    for line in canvas::wrap(text, Face::Bold, size, CONTENT_W) {
        c.text(MARGIN_X, c.y + size, size, Face::Bold, BLACK, &line);
        c.y += size * 1.3;
    }
    c.y += size * 0.4;
}

fn status_words(lang: Lang, status: Status) -> String {
    i18n::marked(lang, status)
}

fn cover(c: &mut Canvas, a: &Assessment, lang: Lang) {
    let l = |label| i18n::label(lang, label);
    c.y = 180.0;
    c.text(
        MARGIN_X,
        c.y,
        13.0,
        Face::Regular,
        GREY,
        &i18n::municipality_of(lang, &a.header.monitor.municipality),
    );
    c.y += 30.0;
    c.paragraph(
        MARGIN_X,
        CONTENT_W,
        26.0,
        Face::Bold,
        BLACK,
        &format!("{} {}", l(Label::AnnualReport), a.year),
    );
    c.y += 6.0;
    c.paragraph(
        MARGIN_X,
        CONTENT_W,
        15.0,
        Face::Regular,
        BLACK,
        &a.header.monitor.title,
    );
    if let Some(doc) = &a.header.monitor.document {
        c.paragraph(MARGIN_X, CONTENT_W, 10.0, Face::Regular, GREY, doc);
    }
    c.y += 30.0;
    let facts = [
        (l(Label::ReportYear), a.year.to_string()),
        (
            l(Label::DataCutoff),
            a.data_cutoff
                .as_ref()
                .map_or_else(|| "–".to_string(), |p| i18n::period(lang, p)),
        ),
        (l(Label::Generated), a.generated.to_string()),
        (l(Label::Method), method_name(lang, a.method).to_string()),
        (
            l(Label::PlanAggregate),
            format!(
                "{} ({} {})",
                status_words(lang, a.aggregates.plan.status),
                l(Label::Score).to_lowercase(),
                optional_number(lang, a.aggregates.plan.score, 2)
            ),
        ),
    ];
    for (k, v) in facts {
        c.text(MARGIN_X, c.y, 11.0, Face::Bold, BLACK, k);
        c.text(MARGIN_X + 150.0, c.y, 11.0, Face::Regular, BLACK, &v);
        c.y += 18.0;
    }
    if a.illustrative {
        c.y += 24.0;
        let note = l(Label::IllustrativeNote);
        let lines = canvas::wrap(note, Face::Bold, 10.0, CONTENT_W - 20.0);
        let h = lines.len() as f32 * 13.5 + 14.0;
        c.rect(MARGIN_X, c.y, CONTENT_W, h, (253, 236, 206));
        c.y += 7.0;
        c.paragraph(
            MARGIN_X + 10.0,
            CONTENT_W - 20.0,
            10.0,
            Face::Bold,
            (150, 70, 0),
            note,
        );
    }
}

fn method_name(lang: Lang, method: Method) -> &'static str {
    match (lang, method) {
        (Lang::Nl, Method::OpenSdg) => "Open SDG / Statistics Canada voortgangsmethode",
        (Lang::En, Method::OpenSdg) => "Open SDG / Statistics Canada progress methodology",
        (Lang::Nl, Method::Linear) => "Lineair pad van nulmeting naar doel",
        (Lang::En, Method::Linear) => "Straight path from baseline to target",
    }
}

fn summary(c: &mut Canvas, a: &Assessment, lang: Lang) {
    let l = |label| i18n::label(lang, label);
    heading(c, l(Label::Summary), 16.0);
    // Counts per status (per indicator).
    for s in &a.summary {
        c.ensure(16.0);
        let (r, g, b) = s.status.rgb();
        c.text(
            MARGIN_X,
            c.y + 10.0,
            10.0,
            Face::Bold,
            (r, g, b),
            s.status.symbol(),
        );
        c.text(
            MARGIN_X + 16.0,
            c.y + 10.0,
            10.0,
            Face::Regular,
            BLACK,
            i18n::status(lang, s.status),
        );
        c.text(
            MARGIN_X + 220.0,
            c.y + 10.0,
            10.0,
            Face::Bold,
            BLACK,
            &s.indicators.to_string(),
        );
        c.y += 15.0;
    }
    c.y += 10.0;
    let header: Vec<String> = [l(Label::Theme), l(Label::Score), l(Label::Status)]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut rows = Vec::new();
    let mut colors = Vec::new();
    for t in &a.aggregates.themes {
        rows.push(vec![
            theme_text(a, &t.id),
            optional_number(lang, t.score, 2),
            status_words(lang, t.status),
        ]);
        colors.push(Some(t.status.rgb()));
    }
    let plan = &a.aggregates.plan;
    rows.push(vec![
        l(Label::PlanAggregate).to_string(),
        optional_number(lang, plan.score, 2),
        status_words(lang, plan.status),
    ]);
    colors.push(Some(plan.status.rgb()));
    c.table(
        &[300.0, 60.0, CONTENT_W - 360.0],
        &header,
        &rows,
        &colors,
        9.0,
    );
    c.y += 18.0;

    heading(c, l(Label::Indicators), 12.0);
    let header: Vec<String> = [
        l(Label::Indicator),
        l(Label::Baseline),
        l(Label::Latest),
        l(Label::Target),
        l(Label::Change),
        l(Label::Status),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = Vec::new();
    let mut colors = Vec::new();
    for r in &a.indicators {
        let subject = subject_text(r);
        let title = if subject.is_empty() {
            r.title.clone()
        } else {
            format!("{} — {subject}", r.title)
        };
        rows.push(vec![
            title,
            baseline_text(lang, r),
            latest_text(lang, r),
            target_text(lang, r),
            change_text(lang, r),
            super::marked_row_status(lang, r),
        ]);
        colors.push(Some(r.status.rgb()));
    }
    c.table(
        &[165.0, 72.0, 72.0, 50.0, 62.0, CONTENT_W - 421.0],
        &header,
        &rows,
        &colors,
        7.5,
    );
    if a.illustrative {
        c.y += 6.0;
        c.paragraph(
            MARGIN_X,
            CONTENT_W,
            7.5,
            Face::Regular,
            GREY,
            l(Label::IllustrativeNote),
        );
    }
}

fn theme_section(c: &mut Canvas, a: &Assessment, lang: Lang, theme_id: &str, rows: &[&Row]) {
    let l = |label| i18n::label(lang, label);
    heading(
        c,
        &format!("{} {}", l(Label::Theme), theme_text(a, theme_id)),
        15.0,
    );
    if let Some(goal) = a
        .header
        .monitor
        .themes
        .iter()
        .find(|t| t.id == theme_id)
        .and_then(|t| t.goal.as_ref())
    {
        c.paragraph(MARGIN_X, CONTENT_W, 9.0, Face::Bold, BLACK, l(Label::Goal));
        c.paragraph(MARGIN_X, CONTENT_W, 9.0, Face::Regular, BLACK, goal);
    }
    if let Some(t) = a.aggregates.themes.iter().find(|t| t.id == theme_id) {
        c.y += 4.0;
        c.text(
            MARGIN_X,
            c.y + 9.0,
            9.0,
            Face::Bold,
            t.status.rgb(),
            &status_words(lang, t.status),
        );
        let score = format!(
            "{} {} ({} / {} {})",
            l(Label::Score).to_lowercase(),
            optional_number(lang, t.score, 2),
            t.scored,
            t.members,
            l(Label::Indicators).to_lowercase()
        );
        c.text(
            MARGIN_X + 200.0,
            c.y + 9.0,
            9.0,
            Face::Regular,
            BLACK,
            &score,
        );
        c.y += 20.0;
    }
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    ids.dedup();
    for id in ids {
        let indicator_rows: Vec<&Row> = rows.iter().copied().filter(|r| r.id == id).collect();
        indicator_block(c, a, lang, &indicator_rows);
    }
}

fn indicator_block(c: &mut Canvas, a: &Assessment, lang: Lang, rows: &[&Row]) {
    let l = |label| i18n::label(lang, label);
    let first = rows[0];
    let title_lines = canvas::wrap(&first.title, Face::Bold, 11.0, CONTENT_W);
    // Keep the title, the facts and the chart together.
    c.ensure(title_lines.len() as f32 * 14.0 + 110.0 + rows.len() as f32 * 22.0 + chart::HEIGHT);
    c.y += 6.0;
    c.line(
        vec![(MARGIN_X, c.y), (MARGIN_X + CONTENT_W, c.y)],
        0.6,
        GREY,
        None,
    );
    c.y += 4.0;
    for line in &title_lines {
        c.text(MARGIN_X, c.y + 11.0, 11.0, Face::Bold, BLACK, line);
        c.y += 14.0;
    }
    c.y += 2.0;
    let agg = a.aggregates.indicators.iter().find(|x| x.id == first.id);
    let direction = i18n::direction(lang, first.direction, first.goal);
    let mut facts: Vec<(String, String)> =
        vec![(l(Label::Direction).to_string(), direction.to_string())];
    if let Some(as_written) = first.baseline.as_ref().and_then(|b| b.as_written.clone()) {
        facts.push((l(Label::Baseline).to_string(), as_written));
    }
    facts.push((l(Label::Target).to_string(), target_text(lang, first)));
    if let Some(agg) = agg {
        facts.push((
            l(Label::Status).to_string(),
            format!(
                "{} · {} {} · {} {}",
                status_words(lang, agg.status),
                l(Label::Score).to_lowercase(),
                optional_number(lang, agg.score, 2),
                l(Label::Method).to_lowercase(),
                first.method.map_or("–", |m| m.code())
            ),
        ));
    }
    if let Some(source) = &first.source {
        facts.push((l(Label::Source).to_string(), source.clone()));
    }
    for (k, v) in facts {
        let lines = canvas::wrap(&v, Face::Regular, 8.5, CONTENT_W - 95.0);
        c.text(MARGIN_X, c.y + 8.5, 8.5, Face::Bold, BLACK, &k);
        for line in lines {
            c.text(MARGIN_X + 95.0, c.y + 8.5, 8.5, Face::Regular, BLACK, &line);
            c.y += 11.5;
        }
    }
    c.y += 4.0;
    let header: Vec<String> = [
        l(Label::Series),
        l(Label::Baseline),
        l(Label::Latest),
        l(Label::Change),
        l(Label::Expected),
        l(Label::Score),
        l(Label::Status),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut table = Vec::new();
    let mut colors = Vec::new();
    for r in rows {
        let mut status = super::marked_row_status(lang, r);
        if let Some(rank) = &r.rank {
            status.push_str(&format!(
                " ({} {}/{})",
                l(Label::Rank).to_lowercase(),
                rank.position,
                rank.of
            ));
        }
        let subject = subject_text(r);
        table.push(vec![
            if subject.is_empty() {
                a.header.monitor.municipality.clone()
            } else {
                subject
            },
            baseline_text(lang, r),
            latest_text(lang, r),
            change_text(lang, r),
            expected_text(lang, r),
            optional_number(lang, r.score, 2),
            status,
        ]);
        colors.push(Some(r.status.rgb()));
    }
    c.table(
        &[70.0, 78.0, 80.0, 66.0, 58.0, 34.0, CONTENT_W - 386.0],
        &header,
        &table,
        &colors,
        7.5,
    );
    c.y += 6.0;
    c.ensure(chart::HEIGHT);
    chart::draw(c, lang, rows, a.year);
    if rows.iter().any(|r| r.illustrative) {
        c.paragraph(
            MARGIN_X,
            CONTENT_W,
            7.5,
            Face::Regular,
            (150, 70, 0),
            l(Label::IllustrativeNote),
        );
    }
    c.y += 8.0;
}

fn annex(c: &mut Canvas, a: &Assessment, lang: Lang) {
    let l = |label| i18n::label(lang, label);
    heading(
        c,
        &format!("{} — {}", l(Label::Annex), l(Label::MethodAnnex)),
        15.0,
    );
    for paragraph in method_text(lang, a) {
        c.paragraph(MARGIN_X, CONTENT_W, 8.5, Face::Regular, BLACK, &paragraph);
        c.y += 4.0;
    }
    c.y += 10.0;
    heading(
        c,
        &format!("{} — {}", l(Label::Annex), l(Label::ObservationsAnnex)),
        15.0,
    );
    let header: Vec<String> = [
        l(Label::Indicator),
        l(Label::Series),
        l(Label::Period),
        l(Label::Value),
        l(Label::Source),
        l(Label::File),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = Vec::new();
    for r in &a.indicators {
        for o in &r.observations {
            let mark = if o.illustrative {
                format!(" ({})", l(Label::Illustrative))
            } else {
                String::new()
            };
            rows.push(vec![
                r.id.clone(),
                subject_text(r),
                i18n::period(lang, &o.period),
                format!("{}{mark}", value_text(lang, o.value, &r.unit)),
                o.source.as_deref().unwrap_or_default().to_string(),
                o.origin.to_string(),
            ]);
        }
    }
    c.table(
        &[95.0, 62.0, 55.0, 90.0, 113.0, CONTENT_W - 415.0],
        &header,
        &rows,
        &[],
        7.0,
    );
}

/// The method in plain words, with the thresholds as used.
fn method_text(lang: Lang, a: &Assessment) -> Vec<String> {
    let tol = i18n::number(lang, a.maintain_tolerance * 100.0, 2);
    let used = method_name(lang, a.method);
    match lang {
        Lang::Nl => vec![
            format!("Gebruikte methode: {used}. Per reeks wordt de laatste meting tot en met {} vergeleken met de nulmeting (het basisjaar). Een schooljaar zoals 2016/2017 telt als zijn eerste jaar.", a.year),
            "Zonder getalsmatig doel: de gemiddelde jaarlijkse groei sinds het basisjaar, CAGR = (laatste / basis)^(1 / jaren) − 1, in de gewenste richting. Op koers bij ≥ 1,5 % per jaar; vooruitgang, versnelling nodig bij ≥ 0,5 %; beperkte vooruitgang bij ≥ 0 %; daaronder verslechtering. Bij een natuurlijke grens (zoals 100 % voor een aandeel) worden de drempels kleiner naarmate de basiswaarde dichter bij de grens ligt: C = 1 − (basis / grens)^4,44.".to_string(),
            "Met een doel: de waargenomen jaarlijkse groei gedeeld door de groei die nodig is om het doel op tijd te halen (R). Op koers bij R ≥ 0,95; vooruitgang, versnelling nodig bij R ≥ 0,6; beperkte vooruitgang bij R ≥ 0; daaronder verslechtering. Doel bereikt zodra de laatste meting het doel in de gewenste richting heeft gehaald. Doel niet gehaald: er is een meting van het doeljaar (of later) en het doel is niet gehaald; de score blijft die van de methode.".to_string(),
            format!("Score van −5 tot 5: een lineaire schaal op dezelfde drempels (≥ 2,5 op koers, ≥ 0 vooruitgang, ≥ −2,5 beperkt, daaronder verslechtering; doel bereikt = 5). Een met de hand vastgestelde status telt mee met het midden van zijn band (op koers 3,75; vooruitgang 1,25; beperkt −1,25; verslechtering en doel niet gehaald −3,75). De score van een indicator is het gemiddelde van zijn reeksen in {}, die van een speerpunt het gemiddelde van zijn indicatoren, die van de hele beleidsvisie het gemiddelde van de speerpunten.", a.header.monitor.municipality),
            "Lineaire methode (--method linear): de afgelegde afstand gedeeld door de afstand die het rechte pad van nulmeting naar doel tot de laatste meting verwacht, met dezelfde drempels (op koers = minstens 95 % van de verwachte afstand). De verwachte waarde op dat rechte pad in het verslagjaar staat bij elke indicator, onder elke methode.".to_string(),
            format!("'Blijft minimaal gelijk': doel bereikt zolang de laatste meting niet meer dan {tol} % van de nulmeting slechter is; anders verslechtering."),
            "Zonder gewenste richting: geen oordeel; de verandering en de rang tussen de gemeenten (1 = laagste waarde) worden getoond. Gelijke waarden delen een rang; alleen waarden van dezelfde periode worden gerangschikt. Niet te beoordelen: geen meting na het basisjaar, minder dan een jaar ertussen, of basis en laatste meting (of basis en doel) met een verschillend teken.".to_string(),
        ],
        Lang::En => vec![
            format!("Method used: {used}. For each series the latest value up to {} is compared with the baseline (the base year). A school year such as 2016/2017 counts as its first year.", a.year),
            "Without a numeric target: the compound annual growth since the base year, CAGR = (latest / base)^(1 / years) − 1, in the desired direction. On track at ≥ 1.5 % a year; progress, acceleration needed at ≥ 0.5 %; limited progress at ≥ 0 %; below that deterioration. With a natural limit (such as 100 % for a share) the thresholds shrink as the base value nears the limit: C = 1 − (base / limit)^4.44.".to_string(),
            "With a target: the observed annual growth divided by the growth needed to reach the target in time (R). On track at R ≥ 0.95; progress, acceleration needed at R ≥ 0.6; limited progress at R ≥ 0; below that deterioration. Target achieved once the latest value has reached the target in the desired direction. Target not achieved: a value of the target year (or later) is in and the target was not reached; the score stays the method's.".to_string(),
            format!("Score from −5 to 5: a linear scale on the same thresholds (≥ 2.5 on track, ≥ 0 progress, ≥ −2.5 limited, below deterioration; target achieved = 5). A status set by hand counts with the middle of its band (on track 3.75, progress 1.25, limited −1.25, deterioration and target not achieved −3.75). An indicator's score is the mean of its series in {}, a theme's the mean of its indicators, the plan's the mean of its themes.", a.header.monitor.municipality),
            "Linear method (--method linear): the distance covered divided by the distance the straight path from baseline to target expects by the latest value, with the same thresholds (on track = at least 95 % of the expected distance). The value expected on that straight path in the report year is shown for every indicator, under every method.".to_string(),
            format!("'At least stays equal': target achieved while the latest value is no more than {tol} % of the baseline worse; otherwise deterioration."),
            "Without a desired direction: not judged; the change and the rank among the areas (1 = lowest value) are shown. Equal values share a rank; only values of the same period are ranked. Not assessable: no value after the base year, less than one year between, or base and latest value (or base and target) of opposite sign.".to_string(),
        ],
    }
}
