//! Messages (diagnostics, errors, notes on standard error) in the monitor's language. They are
//! built in English where the problem is found; when printed they pass through [`message`],
//! which matches them against the templates below (`{}` is a part carried over, itself
//! translated where it matches a template) and writes the Dutch template. A message without a
//! template stays English rather than being half translated. JSON output keeps the English
//! text: it is the stable form scripts grep.
//!
//! The language is set once per run: `--lang`, else the `ONTRACK_MESSAGES` environment variable
//! (`en` or `nl`: for scripts that read messages whatever the monitor), else the monitor's
//! `language` as soon as indicators.toml is read; before that (no monitor yet) English.

use crate::i18n::Lang;
use std::sync::atomic::{AtomicU8, Ordering};

/// 0: not set (English), 1: Dutch, 2: English; +10 when fixed by `--lang`.
static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// `--lang` fixes the language of messages for the run.
pub(crate) fn fix_language(lang: Lang) {
    LANGUAGE.store(code(lang) + 10, Ordering::Relaxed);
}

/// The monitor's language, unless `--lang` fixed another.
pub(crate) fn monitor_language(lang: Lang) {
    let _ = LANGUAGE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |now| {
        (now < 10).then_some(code(lang))
    });
}

fn code(lang: Lang) -> u8 {
    match lang {
        Lang::Nl => 1,
        Lang::En => 2,
    }
}

/// The language messages are printed in.
pub fn language() -> Lang {
    match LANGUAGE.load(Ordering::Relaxed) % 10 {
        1 => Lang::Nl,
        _ => Lang::En,
    }
}

/// English template → Dutch template. More specific templates come first.
const DUTCH: &[(&str, &str)] = &[
    // Severities, fields and summaries.
    ("error", "fout"),
    ("warning", "waarschuwing"),
    ("; did you mean `{}`?", "; bedoelde u `{}`?"),
    // Numbers.
    ("found `{}`, expected a number such as 6.1, 6,1 or 825 (or empty, `.` or `x` for no value)", "gevonden: `{}`, verwacht een getal zoals 6,1 of 825 (of leeg, `.` of `x` voor geen waarde)"),
    ("found `{}`, expected a number with a decimal comma, as the rest of this file has (6,1; a `.` may only group thousands: 4.200 = 4200)", "gevonden: `{}`, verwacht een getal met een decimale komma, zoals de rest van dit bestand (6,1; een `.` scheidt alleen duizendtallen: 4.200 = 4200)"),
    ("found `{}`, expected a number with a decimal point, as the rest of this file has (6.1; a `,` may only group thousands: 1,234 = 1234)", "gevonden: `{}`, verwacht een getal met een decimale punt, zoals de rest van dit bestand (6.1; een `,` scheidt alleen duizendtallen: 1,234 = 1234)"),
    ("found `{}` = {} with the file's decimal comma, expected {}", "gevonden: `{}` = {} met de decimale komma van het bestand, verwacht {}"),
    ("found `{}`{}, which reads as {} with a decimal point and as {} with a decimal comma, and no number in the file tells which; state it in indicators.toml: [measurements.file.\"{}\"] decimal = \"comma\" (or \"point\")", "gevonden: `{}`{}, dat als {} gelezen wordt met een decimale punt en als {} met een decimale komma, en geen getal in het bestand zegt welke; leg het vast in indicators.toml: [measurements.file.\"{}\"] decimal = \"comma\" (of \"point\")"),
    (" (and {} more like it)", " (en nog {} zoals deze)"),
    ("found `{}` in scientific notation with a decimal point, but the file's decimal mark is a comma; expected a number such as 6,1", "gevonden: `{}` in wetenschappelijke notatie met een decimale punt, maar het decimaalteken van het bestand is een komma; verwacht een getal zoals 6,1"),
    ("{}; indicators.toml states the decimal mark", "{}; indicators.toml legt het decimaalteken vast"),
    ("{}; line {} (`{}`) showed the file's decimal mark", "{}; regel {} (`{}`) toonde het decimaalteken van het bestand"),
    ("found `{}`, a number too small to store (it would be read as 0); expected a number from 10⁻³⁰⁰ up, or 0", "gevonden: `{}`, een getal te klein om op te slaan (het zou als 0 gelezen worden); verwacht een getal vanaf 10⁻³⁰⁰, of 0"),
    ("found `{}`, a percentage, but indicator `{}` is measured in `{}`; expected a plain number", "gevonden: `{}`, een percentage, maar indicator `{}` wordt gemeten in `{}`; verwacht een gewoon getal"),
    ("found `{}`, expected 1 or -1", "gevonden: `{}`, verwacht 1 of -1"),
    ("found the date {}; expected a number (in Excel: give the cell a number format)", "gevonden: de datum {}; verwacht een getal (in Excel: geef de cel een getalnotatie)"),
    ("found baseline {} for indicator `{}` ({}), expected {}", "nulmeting {} voor indicator `{}` ({}), verwacht {}"),
    ("found {} for indicator `{}` ({}), expected {}", "gevonden: {} voor indicator `{}` ({}), verwacht {}"),
    ("a share between 0 and 100", "een aandeel tussen 0 en 100"),
    ("a report mark from 1 to 10", "een rapportcijfer van 1 tot en met 10"),
    ("a count of 0 or more", "een aantal van 0 of meer"),
    ("a rate of 0 or more", "een verhoudingsgetal van 0 of meer"),
    ("found a text of {} characters; expected at most {}", "gevonden: een tekst van {} tekens; verwacht hoogstens {}"),
    // Names.
    ("unknown indicator `{}`, expected an id from indicators.toml{}", "onbekende indicator `{}`, verwacht een id uit indicators.toml{}"),
    ("found an empty indicator id, expected an id from indicators.toml", "lege indicator-id, verwacht een id uit indicators.toml"),
    ("found series `{}`, expected one of indicator `{}`'s series: {}", "gevonden: reeks `{}`, verwacht een van de reeksen van indicator `{}`: {}"),
    ("indicator `{}` has no series, found series `{}`; leave it empty", "indicator `{}` heeft geen reeksen, gevonden: reeks `{}`; laat het leeg"),
    ("found area `{}`, expected one of indicator `{}`'s areas: {} (or empty for {})", "gevonden: gebied `{}`, verwacht een van de gebieden van indicator `{}`: {} (of leeg voor {})"),
    ("found `{}`, expected one of {} (made up) or {} (a measurement), or empty", "gevonden: `{}`, verwacht een van {} (verzonnen) of {} (een meting), of leeg"),
    ("unknown indicator `{}`{}", "onbekende indicator `{}`{}"),
    ("unknown theme `{}`{}", "onbekend speerpunt `{}`{}"),
    // Periods.
    ("found year {}, expected a year from {} to {} (`valid_years` in [monitor] sets the range)", "gevonden: jaar {}, verwacht een jaar van {} tot en met {} (`valid_years` in [monitor] stelt het bereik in)"),
    ("found period {} in the file for {}; expected a period of {} (or an earlier one)", "gevonden: periode {} in het bestand voor {}; verwacht een periode van {} (of een eerdere)"),
    // Two templates, as a `{}` right after another could not be told from it.
    ("found period {} in the file for {} (and {} more row{} of other years); expected periods of {} in it", "gevonden: periode {} in het bestand voor {} (en nog {} regel{} van andere jaren); verwacht perioden van {}"),
    ("found period {} in the file for {}; expected periods of {} in it", "gevonden: periode {} in het bestand voor {}; verwacht perioden van {}"),
    ("found period `{}`, expected a year (2017), a school year (2016/2017) or a month (2018-07)", "gevonden: periode `{}`, verwacht een jaar (2017), een schooljaar (2016/2017) of een maand (2018-07)"),
    ("found `{}`, a date; expected a year (2017), a school year (2016/2017) or a month (2018-07): write the month as 2018-07 or the year as 2018", "gevonden: `{}`, een datum; verwacht een jaar (2017), een schooljaar (2016/2017) of een maand (2018-07): schrijf de maand als 2018-07 of het jaar als 2018"),
    ("found the date {}, but indicator `{}` is measured per school year; expected the school year as text, such as {}/{}", "gevonden: de datum {}, maar indicator `{}` wordt per schooljaar gemeten; verwacht het schooljaar als tekst, zoals {}/{}"),
    // Across files.
    ("1 observation in this file is marked illustrative: made-up data, not measurements", "1 waarneming in dit bestand is gemarkeerd als illustratief: verzonnen gegevens, geen metingen"),
    ("{} observations in this file are marked illustrative: made-up data, not measurements", "{} waarnemingen in dit bestand zijn gemarkeerd als illustratief: verzonnen gegevens, geen metingen"),
    ("{} baseline in this file is marked illustrative: made-up values, not measurements", "{} nulmeting in dit bestand is gemarkeerd als illustratief: verzonnen waarden, geen metingen"),
    ("{} baselines in this file are marked illustrative: made-up values, not measurements", "{} nulmetingen in dit bestand zijn gemarkeerd als illustratief: verzonnen waarden, geen metingen"),
    ("indicator `{}` has no observation in {} (data runs to {})", "indicator `{}` heeft geen waarneming in {} (gegevens lopen tot {})"),
    ("found {} for `{}`, older than its baseline ({}, {}:{}){}; it is shown, but progress is measured from the baseline", "gevonden: {} voor `{}`, ouder dan de nulmeting ({}, {}:{}){}; het wordt getoond, maar de voortgang wordt gemeten vanaf de nulmeting"),
    (" (and {} more)", " (en nog {})"),
    ("found {} for `{}` in {}, but {}:{} gives the baseline for that period as {}; expected the same value", "gevonden: {} voor `{}` in {}, maar {}:{} geeft als nulmeting voor die periode {}; verwacht dezelfde waarde"),
    ("found {} for `{}` in {}, the year of its baseline {} ({}:{}) written as another kind of period; progress is measured from the baseline {} and this value is not used", "gevonden: {} voor `{}` in {}, het jaar van de nulmeting {} ({}:{}) als ander soort periode geschreven; de voortgang wordt gemeten vanaf de nulmeting {} en deze waarde wordt niet gebruikt"),
    ("found {} for `{}` ({}) in {}, 100 times smaller than its other values (about {}): a fraction where a percentage is expected? If {} % is meant, write {}", "gevonden: {} voor `{}` ({}) in {}, 100 keer kleiner dan de andere waarden (ongeveer {}): een fractie waar een percentage verwacht wordt? Als {} % bedoeld is, schrijf {}"),
    ("`{}` {} is given twice with the same value {} (also at {}); one is enough{}", "`{}` {} staat twee keer met dezelfde waarde {} (ook op {}); één keer is genoeg{}"),
    (" ({} more repeats in this file)", " (nog {} herhalingen in dit bestand)"),
    (" (1 more repeat in this file)", " (nog 1 herhaling in dit bestand)"),
    ("found {} for the same indicator, series, area and period ({}) as {}, which says {}; expected one value", "gevonden: {} voor dezelfde indicator, reeks, gebied en periode ({}) als {}, waar {} staat; verwacht één waarde"),
    // The shape of a file.
    ("found {} fields, expected {} like the header (a `{}` inside a value must be quoted)", "gevonden: {} velden, verwacht {} zoals in de kopregel (een `{}` in een waarde moet tussen aanhalingstekens)"),
    ("{}; columns may be separated by `,`, `;` or tab", "{}; kolommen mogen gescheiden zijn door `,`, `;` of tab"),
    ("the header has no {} columns (found: {}); expected at least indicator, period, value", "de kopregel heeft geen kolommen {} (gevonden: {}); verwacht ten minste indicator, periode (period), waarde (value)"),
    ("the header has no {} column (found: {}); expected at least indicator, period, value", "de kopregel heeft geen kolom {} (gevonden: {}); verwacht ten minste indicator, periode (period), waarde (value)"),
    ("the file is empty; expected a header line (indicator, period, value, ...)", "het bestand is leeg; verwacht een kopregel (indicator, periode, waarde, ...)"),
    ("line {} is longer than {} MiB; expected one measurement per line", "regel {} is langer dan {} MiB; verwacht één meting per regel"),
    ("the quote `\"` opened on line {} is not closed: the field {}, taking every row after it; expected a closing `\"` on the same line (a `\"` inside a value is written `\"\"`)", "het aanhalingsteken `\"` op regel {} wordt niet gesloten: het veld {} en neemt alle regels erna mee; verwacht een sluitend `\"` op dezelfde regel (een `\"` in een waarde schrijf je `\"\"`)"),
    ("runs to the end of the file", "loopt tot het einde van het bestand"),
    ("runs past {} MiB", "loopt voorbij {} MiB"),
    ("stopped reading this file after {} errors", "na {} fouten is dit bestand niet verder gelezen"),
    ("not read: not a regular file (a FIFO, socket or device); expected a measurement file", "niet gelezen: geen gewoon bestand (een FIFO, socket of apparaat); verwacht een meetbestand"),
    ("not read: .{} files are not supported; save it as .xlsx or .csv", "niet gelezen: .{}-bestanden worden niet ondersteund; sla het op als .xlsx of .csv"),
    ("sheet not read: {}", "werkblad niet gelezen: {}"),
    ("no sheet has a header row with indicator, period and value columns", "geen werkblad heeft een kopregel met de kolommen indicator, periode en waarde"),
    // indicators.toml.
    ("the target year {} of `{}` is not after its baseline year {} ({}:{}); expected a later target year", "het doeljaar {} van `{}` ligt niet na het jaar van de nulmeting {} ({}:{}); verwacht een later doeljaar"),
    ("the target year {} of `{}` is not after its base_year {}; expected a later target year", "het doeljaar {} van `{}` ligt niet na het basisjaar {}; verwacht een later doeljaar"),
    ("found target {} for `{}`, expected a finite number", "gevonden: doel {} voor `{}`, verwacht een eindig getal"),
    ("found target {} for `{}` ({}), expected {}", "gevonden: doel {} voor `{}` ({}), verwacht {}"),
    ("found limit {} for `{}`, expected a finite number", "gevonden: grens {} voor `{}`, verwacht een eindig getal"),
    ("found limit {} for `{}` ({}), expected {}", "gevonden: grens {} voor `{}` ({}), verwacht {}"),
    ("the target {} of `{}` lies against its direction `{}` from the baseline {} ({}:{}): the baseline already meets it; expected a target the indicator must move towards, or `already_met = true` in the target for a bound to stay within", "het doel {} van `{}` ligt tegen de richting `{}` in vanaf de nulmeting {} ({}:{}): de nulmeting haalt het al; verwacht een doel waar de indicator naartoe moet, of `already_met = true` in het doel voor een grens om binnen te blijven"),
    ("indicator `{}` has a target but direction `none`; expected `increase` or `decrease` (which way the target lies)", "indicator `{}` heeft een doel maar richting `none`; verwacht `increase` of `decrease` (aan welke kant het doel ligt)"),
    ("found thresholds high = {}, med = {}, low = {} for `{}`, expected finite numbers with low < med < high", "gevonden: drempels high = {}, med = {}, low = {} voor `{}`, verwacht eindige getallen met low < med < high"),
    ("indicator `{}` names theme `{}`, which no [[theme]] defines{}", "indicator `{}` noemt speerpunt `{}`, dat geen [[theme]] definieert{}"),
    ("indicator `{}` is defined twice", "indicator `{}` is twee keer gedefinieerd"),
    // Notes.
    ("ontrack: wrote {}: {} rows to fill in for {} ({})", "ontrack: {} geschreven: {} regels in te vullen voor {} ({})"),
    ("ontrack: wrote {}", "ontrack: {} geschreven"),
    ("excel-nl: `;`-separated, decimal comma, UTF-8 with BOM, Dutch column names", "excel-nl: gescheiden door `;`, decimale komma, UTF-8 met BOM, Nederlandse kolomnamen"),
    ("plain: `,`-separated, decimal point, UTF-8", "plain: gescheiden door `,`, decimale punt, UTF-8"),
    ("ontrack: the template is made from the monitor as it reads; it writes nothing while the inputs have errors (fix these first; `ontrack check` lists every one):", "ontrack: het sjabloon wordt gemaakt uit de monitor zoals die gelezen wordt; zolang de invoer fouten heeft schrijft het niets (herstel die eerst; `ontrack check` somt ze allemaal op):"),
    ("{}: exists and is not an empty template ontrack can read; refusing to overwrite it (nothing written)", "{}: bestaat al en is geen leeg sjabloon dat ontrack kan lezen; wordt niet overschreven (niets geschreven)"),
    ("{}: is a file; expected a folder for the new monitor", "{}: is een bestand; verwacht een map voor de nieuwe monitor"),
    ("{}: is a file; expected a folder (nothing written)", "{}: is een bestand; verwacht een map (niets geschreven)"),
    ("{}: already holds {} value{}; refusing to overwrite it (nothing written); choose another --out", "{}: bevat al {} waarde{}; wordt niet overschreven (niets geschreven); kies een andere --out"),
    // indicators.toml as the TOML reader words it.
    ("unknown field `{}`, expected one of {}", "onbekend veld `{}`, verwacht een van {}"),
    ("unknown field `{}`, expected `{}`", "onbekend veld `{}`, verwacht `{}`"),
    ("missing field `{}`", "ontbrekend veld `{}`"),
    ("invalid type: {}, expected {}", "verkeerd type: {}, verwacht {}"),
    ("invalid value: {}, expected {}", "ongeldige waarde: {}, verwacht {}"),
    ("duplicate key `{}`, expected each key once in its table", "dubbele sleutel `{}`, verwacht elke sleutel één keer in zijn tabel"),
    ("duplicate key, expected each key once in its table", "dubbele sleutel, verwacht elke sleutel één keer in zijn tabel"),
    ("a number", "een getal"),
    ("a whole number", "een geheel getal"),
    ("a whole number from {} to {}", "een geheel getal van {} tot en met {}"),
    ("a whole number of 0 or more", "een geheel getal van 0 of meer"),
    ("a string", "een tekst"),
    ("a boolean", "true of false"),
    ("an array", "een lijst (array)"),
    ("a table", "een tabel"),
    ("the number {}", "het getal {}"),
    ("the whole number {}", "het gehele getal {}"),
    ("the text {}", "de tekst {}"),
    ("the boolean {}", "de waarde {}"),
    ("found language `{}`, expected `nl` or `en`", "gevonden: taal `{}`, verwacht `nl` of `en`"),
    ("found method `{}`, expected `open-sdg` or `linear`", "gevonden: methode `{}`, verwacht `open-sdg` of `linear`"),
    ("found direction `{}`, expected `increase`, `decrease` or `none`", "gevonden: richting `{}`, verwacht `increase`, `decrease` of `none`"),
    ("found goal `{}`, expected `improve` or `maintain`", "gevonden: doel `{}`, verwacht `improve` of `maintain`"),
    ("found kind `{}`, expected one of: {}", "gevonden: soort `{}`, verwacht een van: {}"),
    ("found status `{}`, expected one of: {}", "gevonden: status `{}`, verwacht een van: {}"),
    ("found period `{}`, expected a year (2017), a school year (2016/2017) or a month (2018-07)", "gevonden: periode `{}`, verwacht een jaar (2017), een schooljaar (2016/2017) of een maand (2018-07)"),
    ("found school year `{}`, expected two consecutive years such as {}", "gevonden: schooljaar `{}`, verwacht twee opeenvolgende jaren zoals {}"),
    ("found month `{}` in `{}`, expected 01 to 12", "gevonden: maand `{}` in `{}`, verwacht 01 tot en met 12"),
    ("found aggregation `{}`, expected `indicator` (the plan score is the mean of the indicators) or `theme` (the mean of the themes)", "gevonden: aggregation `{}`, verwacht `indicator` (de score van de beleidsvisie is het gemiddelde van de indicatoren) of `theme` (het gemiddelde van de speerpunten)"),
    ("found [translation.{}], expected a language: `nl` or `en`", "gevonden: [translation.{}], verwacht een taal: `nl` of `en`"),
    ("found maintain_tolerance {}, expected a share between 0 and 1 (0.02 = 2 %)", "gevonden: maintain_tolerance {}, verwacht een aandeel tussen 0 en 1 (0.02 = 2 %)"),
    ("baseline names series `{}`, which indicator `{}` does not define (it has: {})", "nulmeting noemt reeks `{}`, die indicator `{}` niet definieert (wel: {})"),
    ("baseline names area `{}`, expected `{}` or one of the indicator's peers", "nulmeting noemt gebied `{}`, verwacht `{}` of een van de vergelijkingsgebieden van de indicator"),
    ("indicator `{}` has two baselines for the same series and area", "indicator `{}` heeft twee nulmetingen voor dezelfde reeks en hetzelfde gebied"),
    ("peer area `{}` is listed twice (or is the municipality itself)", "vergelijkingsgebied `{}` staat er twee keer (of is de gemeente zelf)"),
    ("series `{}` is defined twice", "reeks `{}` is twee keer gedefinieerd"),
    ("theme `{}` is defined twice", "speerpunt `{}` is twee keer gedefinieerd"),
    ("no [[indicator]] tables found, expected at least one indicator", "geen [[indicator]]-tabellen gevonden, verwacht ten minste één indicator"),
    ("a manual status needs a reason, found an empty one", "een handmatige status heeft een reden nodig, gevonden: een lege"),
    ("the {} of `{}` is {} characters long; expected at most {}", "de {} van `{}` is {} tekens lang; verwacht hoogstens {}"),
    ("found {} `{}`, expected `auto` or one of: {}", "gevonden: {} `{}`, verwacht `auto` of een van: {}"),
    ("indicator `{}` has series ({}); this baseline names none, expected `series = \"...\"`", "indicator `{}` heeft reeksen ({}); deze nulmeting noemt er geen, verwacht `series = \"...\"`"),
    ("expected a finite number", "verwacht een eindig getal"),
    ("the label of series `{}` is {} characters long; expected at most {}", "het label van reeks `{}` is {} tekens lang; verwacht hoogstens {}"),
    ("the monitor title is {} characters long; expected at most {}", "de titel van de monitor is {} tekens lang; verwacht hoogstens {}"),
    ("the municipality is {} characters long; expected at most {}", "de naam van de gemeente is {} tekens lang; verwacht hoogstens {}"),
    ("the name of theme `{}` is {} characters long; expected at most {}", "de naam van speerpunt `{}` is {} tekens lang; verwacht hoogstens {}"),
    ("the goal of theme `{}` is {} characters long; expected at most {}", "het doel van speerpunt `{}` is {} tekens lang; verwacht hoogstens {}"),
    ("a peer area name is {} characters long; expected at most {}", "de naam van een vergelijkingsgebied is {} tekens lang; verwacht hoogstens {}"),
    // After the specific ones above: the thing that is too long in English, the rest Dutch.
    ("{} is {} characters long; expected at most {}", "{} is {} tekens lang; verwacht hoogstens {}"),
    ("this row's file, source, note and illustrative flag make one combination too many: the files may give at most {} distinct ones; expected a source and note shared by many rows (a note that differs on every row of a national file is too many)", "de combinatie van bestand, bron, opmerking en illustratief-vlag van deze rij is er één te veel: de bestanden mogen er hoogstens {} verschillende geven; verwacht een bron en opmerking die veel rijen delen (een opmerking die op elke rij van een landelijk bestand anders is, zijn er te veel)"),
    ("this is line {} of the file; expected at most {} lines in one file (split it, one file per year)", "dit is regel {} van het bestand; verwacht hoogstens {} regels in één bestand (splits het, één bestand per jaar)"),
    // Files that cannot be read as they are.
    ("the file is UTF-16 text; expected UTF-8 or Windows-1252 (in Excel: save as \"CSV UTF-8\")", "het bestand is UTF-16-tekst; verwacht UTF-8 of Windows-1252 (in Excel: opslaan als \"CSV UTF-8\")"),
    ("found a NUL byte at byte {}; expected a text file (CSV) or an .xlsx workbook", "gevonden: een NUL-byte op byte {}; verwacht een tekstbestand (CSV) of een .xlsx-werkmap"),
    ("found a NUL byte at byte {}; expected a TOML text file", "gevonden: een NUL-byte op byte {}; verwacht een TOML-tekstbestand"),
    ("the header line is longer than {} KiB; expected a short line of column names", "de kopregel is langer dan {} KiB; verwacht een korte regel met kolomnamen"),
    ("the header line is not valid {}; expected text as Excel saves \"Unicode text\"", "de kopregel is geen geldige {}; verwacht tekst zoals Excel die als \"Unicode-tekst\" opslaat"),
    ("the header line is not valid UTF-8; expected UTF-8 or Windows-1252 text (set `encoding` in [measurements] of indicators.toml)", "de kopregel is geen geldige UTF-8; verwacht UTF-8- of Windows-1252-tekst (stel `encoding` in bij [measurements] in indicators.toml)"),
    ("byte {} of this field is not valid UTF-8, though the start of the file is; expected the whole file in one encoding (or state `encoding` in [measurements] of indicators.toml)", "byte {} van dit veld is geen geldige UTF-8, het begin van het bestand wel; verwacht het hele bestand in één codering (of stel `encoding` in bij [measurements] in indicators.toml)"),
    ("the file is larger than {} MiB; expected a monitor definition", "het bestand is groter dan {} MiB; verwacht een monitordefinitie"),
    ("the file is not UTF-8 text; save it as UTF-8", "het bestand is geen UTF-8-tekst; sla het op als UTF-8"),
    ("cannot be read as an Excel workbook ({}); expected an .xlsx file saved by Excel", "is niet te lezen als Excel-werkmap ({}); verwacht een .xlsx-bestand opgeslagen door Excel"),
    ("the sheet cannot be read: {}", "het werkblad is niet te lezen: {}"),
    ("found a date before {}, the first day of this workbook's dates (serial number {}); expected a date from that day on, or the period as text such as 2018-07", "gevonden: een datum vóór {}, de eerste dag van de datums in deze werkmap (serienummer {}); verwacht een datum vanaf die dag, of de periode als tekst, zoals 2018-07"),
    ("found a time without a date (serial number {}); expected a date, or the period as text such as 2018-07", "gevonden: een tijd zonder datum (serienummer {}); verwacht een datum, of de periode als tekst, zoals 2018-07"),
    ("found a date after 9999-12-31, the last day a workbook holds (serial number {}); expected a date up to that day, or the period as text such as 2018-07", "gevonden: een datum na 9999-12-31, de laatste dag die een werkmap kent (serienummer {}); verwacht een datum tot en met die dag, of de periode als tekst, zoals 2018-07"),
    ("found the cell `{}` (a date or an error), expected text or a number; enter periods as text such as 2018-07", "gevonden: de cel `{}` (een datum of een fout), verwacht tekst of een getal; voer perioden in als tekst, zoals 2018-07"),
    ("is a folder; expected a measurement file", "is een map; verwacht een meetbestand"),
    ("is a folder; expected a file name", "is een map; verwacht een bestandsnaam"),
    ("{}: is a folder; expected a file name", "{}: is een map; verwacht een bestandsnaam"),
    ("is not a folder; expected the folder of measurement files", "is geen map; verwacht de map met meetbestanden"),
    ("no such folder; expected a folder of yearly measurement files", "map bestaat niet; verwacht een map met jaarlijkse meetbestanden"),
    ("is not a regular file (a folder, FIFO or device); expected the monitor definition", "is geen gewoon bestand (een map, FIFO of apparaat); verwacht de monitordefinitie"),
    ("no such file or folder", "bestand of map bestaat niet"),
    ("permission denied", "geen toegang"),
    ("cannot be read: {}", "is niet te lezen: {}"),
    ("found {} {} in this baseline of `{}`, expected a finite number of 0 or more", "gevonden: {} {} in deze nulmeting van `{}`, verwacht een eindig getal van 0 of meer"),
    ("found valid_years [{}, {}], expected the first year before the last, both from {} to {}, such as [1900, 2200]", "gevonden: valid_years [{}, {}], verwacht het eerste jaar voor het laatste, beide van {} tot en met {}, zoals [1900, 2200]"),
    ("--year: {}", "--year: {}"),
    ("found indicator id `{}`, expected letters, digits, `-`, `_` or `.` only", "gevonden: indicator-id `{}`, verwacht alleen letters, cijfers, `-`, `_` of `.`"),
    ("found monitor name `{}`, expected a short name usable in a file name (letters, digits, -)", "gevonden: monitornaam `{}`, verwacht een korte naam die in een bestandsnaam past (letters, cijfers, -)"),
    ("found an empty peer area name", "gevonden: een lege naam van een vergelijkingsgebied"),
    ("goal `maintain` needs a direction (`increase` or `decrease`) that says which side is worse", "doel `maintain` heeft een richting nodig (`increase` of `decrease`) die zegt welke kant slechter is"),
    ("target of `{}`: {}", "doel van `{}`: {}"),
    ("[measurements.file.\"{}\"] names no file in {}", "[measurements.file.\"{}\"] noemt geen bestand in {}"),
    ("title", "titel"),
    ("unit", "eenheid"),
    ("source", "bron"),
    ("note", "opmerking"),
    ("manual reason", "reden van de handmatige status"),
    // Runs.
    ("no observations for {}: there are no measurements and no baselines at all", "geen waarnemingen voor {}: er zijn helemaal geen metingen en geen nulmetingen"),
    ("no measurements and no baselines: nothing to report", "geen metingen en geen nulmetingen: niets om over te rapporteren"),
    ("indicator `{}` was not assessed", "indicator `{}` is niet beoordeeld"),
    ("ontrack: --fail-on: {} tripped `{}` ({} → {})", "ontrack: --fail-on: {} voldoet aan `{}` ({} → {})"),
    ("--from {} is not before --to {}; expected the earlier report year first", "--from {} ligt niet vóór --to {}; verwacht eerst het eerdere rapportjaar"),
    ("{}: cannot tell the format from the extension; give --format", "{}: het formaat is niet af te leiden uit de extensie; geef --format"),
    ("SOURCE_DATE_EPOCH is `{}`, expected a number of seconds since 1970-01-01", "SOURCE_DATE_EPOCH is `{}`, verwacht een aantal seconden sinds 1970-01-01"),
    ("no observations for {}; years with data (measurements or baselines): {}", "geen waarnemingen voor {}; jaren met gegevens (metingen of nulmetingen): {}"),
    ("{}: refusing to write over an input file; choose another --out", "{}: schrijft niet over een invoerbestand; kies een andere --out"),
    ("{}: is inside the measurements folder {}, where every file is read as measurements; choose another --out (reports/ is the place for outputs)", "{}: ligt in de map met metingen {}, waar elk bestand als meting gelezen wordt; kies een andere --out (reports/ is de plek voor uitvoer)"),
];

mod toml_syntax;

/// `text` in the language of messages.
pub fn message(text: &str) -> String {
    match language() {
        Lang::En => text.to_string(),
        // The TOML reader's own messages, where no template of ontrack's is one.
        Lang::Nl => match translated(text, 0) {
            Some(dutch) => dutch,
            None => toml_syntax::dutch(text).unwrap_or_else(|| text.to_string()),
        },
    }
}

/// "field `value`" / "veld `waarde`".
pub fn field(name: &str) -> String {
    match language() {
        Lang::En => format!("field `{name}`"),
        Lang::Nl => format!("veld `{name}`"),
    }
}

fn translate(text: &str, depth: usize) -> String {
    translated(text, depth).unwrap_or_else(|| text.to_string())
}

/// [`translate`], or None where no template matches `text`.
fn translated(text: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    for (english, dutch) in DUTCH {
        if let Some(parts) = matches(english, text) {
            let mut out = String::new();
            let mut parts = parts.into_iter();
            let mut pieces = dutch.split("{}").peekable();
            while let Some(piece) = pieces.next() {
                out.push_str(piece);
                if pieces.peek().is_some() {
                    out.push_str(&translate(parts.next().unwrap_or_default(), depth + 1));
                }
            }
            return Some(out);
        }
    }
    None
}

/// The parts of `text` that fill the `{}` of `template`, if it matches: each part is as short as
/// lets the rest match (the literal after it is found at its first place).
fn matches<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let literals: Vec<&str> = template.split("{}").collect();
    let rest = text.strip_prefix(literals[0])?;
    if literals.len() == 1 {
        return rest.is_empty().then(Vec::new);
    }
    let mut parts = Vec::new();
    let mut rest = rest;
    for (i, literal) in literals.iter().enumerate().skip(1) {
        let last = i == literals.len() - 1;
        if last {
            let part = rest.strip_suffix(literal)?;
            parts.push(part);
        } else if literal.is_empty() {
            return None; // two `{}` in a row cannot be split
        } else {
            let at = rest.find(literal)?;
            parts.push(&rest[..at]);
            rest = &rest[at + literal.len()..];
        }
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_and_nest() {
        assert_eq!(
            translate(
                "the title of `x` is 600 characters long; expected at most 500",
                0
            ),
            "de titel van `x` is 600 tekens lang; verwacht hoogstens 500"
        );
        assert_eq!(
            translate("unknown indicator `vve`, expected an id from indicators.toml; did you mean `vve-deelname`?", 0),
            "onbekende indicator `vve`, verwacht een id uit indicators.toml; bedoelde u `vve-deelname`?"
        );
        assert_eq!(
            translate("found 181.5 for indicator `vve-deelname` (%), expected a share between 0 and 100", 0),
            "gevonden: 181.5 voor indicator `vve-deelname` (%), verwacht een aandeel tussen 0 en 100"
        );
        assert_eq!(translate("no template for this", 0), "no template for this");
        assert_eq!(matches("a {} b {} c", "a 1 b 2 c"), Some(vec!["1", "2"]));
        assert_eq!(matches("a {} b", "a 1 c"), None);
    }

    /// A `{}` right after another cannot be told from it ([`matches`] gives up): such a
    /// template would never match, and its messages would stay English.
    #[test]
    fn no_template_has_two_parts_side_by_side() {
        for (english, _) in DUTCH {
            assert!(!english.contains("{}{}"), "{english}");
        }
    }

    /// Every message the program words as "found …" or "expected …" has a Dutch template: a
    /// finding added without one would reach a Dutch analyst in English, half translated
    /// around its severity and field. The messages are the string literals of the sources
    /// outside their tests, each `{…}` taken as a part.
    #[test]
    fn every_message_that_finds_or_expects_has_a_dutch_template() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut untranslated = Vec::new();
        for file in rust_files(&src) {
            // The templates themselves (and the TOML reader's words, `messages/`); the help
            // (English, as the man page); the documents' own words (`i18n`, `report`) and what
            // renders them; the reasons a row is not assessable, which are data (CSV and JSON
            // keep them in English, as scripts read them).
            let not_messages = [
                "messages.rs",
                "messages",
                "cli.rs",
                "render",
                "report",
                "progress.rs",
            ];
            if file
                .strip_prefix(&src)
                .unwrap()
                .components()
                .any(|c| not_messages.iter().any(|n| c.as_os_str() == *n))
            {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]\nmod ").next().unwrap_or_default();
            for literal in string_literals(code) {
                let words = literal.contains("found ") || literal.contains("expected ");
                if !words || literal.contains('\n') {
                    continue;
                }
                let message = as_template(&literal);
                // A piece a message is put together with (", expected "), not a message.
                let piece = message
                    .split(|c: char| !c.is_alphabetic())
                    .all(|w| w.is_empty() || w == "found" || w == "expected");
                if piece {
                    continue;
                }
                if !DUTCH
                    .iter()
                    .any(|(english, _)| matches(english, &message).is_some())
                {
                    untranslated.push(format!("{}: {message}", file.display()));
                }
            }
        }
        assert!(untranslated.is_empty(), "{untranslated:#?}");
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files.sort();
        files
    }

    /// The texts of the plain string literals in `code` (escapes resolved as far as a message
    /// needs), passing over comments, raw strings and character literals.
    fn string_literals(code: &str) -> Vec<String> {
        let chars: Vec<char> = code.chars().collect();
        let mut literals = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '/' if chars.get(i + 1) == Some(&'/') => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                'r' if matches!(chars.get(i + 1), Some('"' | '#')) => {
                    let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                    let end: String = std::iter::once('"')
                        .chain("#".repeat(hashes).chars())
                        .collect();
                    let rest: String = chars[i + 2 + hashes..].iter().collect();
                    i += 2
                        + hashes
                        + rest
                            .find(&end)
                            .map_or(rest.len(), |at| rest[..at].chars().count() + end.len());
                }
                '\'' => {
                    // A character literal ('"', '\'') or a lifetime ('a).
                    if chars.get(i + 1) == Some(&'\\') {
                        i += 2;
                        while i < chars.len() && chars[i] != '\'' {
                            i += 1;
                        }
                    } else if chars.get(i + 2) == Some(&'\'') {
                        i += 2;
                    }
                    i += 1;
                }
                '"' => {
                    let mut text = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' {
                            i += 1;
                            match chars.get(i) {
                                Some('n') => text.push('\n'),
                                Some('\n') => {
                                    // A line continuation: the next line's indent is not text.
                                    while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                                        i += 1;
                                    }
                                }
                                Some(c) => text.push(*c),
                                None => {}
                            }
                        } else {
                            text.push(chars[i]);
                        }
                        i += 1;
                    }
                    literals.push(text);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        literals
    }

    /// A format string with each `{…}` as a bare `{}`, as the templates write parts.
    fn as_template(literal: &str) -> String {
        let mut out = String::new();
        let mut part = false;
        for c in literal.chars() {
            match c {
                '{' => {
                    part = true;
                    out.push_str("{}");
                }
                '}' if part => part = false,
                _ if part => {}
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn every_dutch_template_keeps_the_parts() {
        for (english, dutch) in DUTCH {
            assert_eq!(
                english.matches("{}").count(),
                dutch.matches("{}").count(),
                "{english}"
            );
        }
    }
}
