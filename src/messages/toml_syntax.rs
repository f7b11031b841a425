//! Dutch for the TOML reader's own syntax messages: what toml 0.9 says when indicators.toml
//! is not valid TOML (a missing comma, an unclosed string). The parser builds them as
//! `description, expected item, item, …` (or the description alone), each item a literal in
//! backticks (kept as it is), `newline`, `nothing`, or a few words from a short list. A
//! message is translated only when its description and every item are known, so that it is
//! never half Dutch; a test feeds the real parser broken files and holds it to that.

/// The parser's descriptions (toml_parser 1.1 and toml_datetime 1.1, as toml 0.9 uses them).
const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "missing comma between array elements",
        "komma ontbreekt tussen de elementen van de array",
    ),
    (
        "missing comma between key-value pairs",
        "komma ontbreekt tussen de sleutel-waardeparen",
    ),
    (
        "missing assignment between key-value pairs",
        "`=` ontbreekt tussen sleutel en waarde",
    ),
    (
        "extra assignment between key-value pairs",
        "`=` te veel tussen sleutel en waarde",
    ),
    ("extra `=`", "`=` te veel"),
    ("extra comma in array", "komma te veel in de array"),
    (
        "extra comma in inline table",
        "komma te veel in de inline tabel",
    ),
    ("unexpected `=` in array", "onverwachte `=` in de array"),
    ("key with no value", "sleutel zonder waarde"),
    ("missing value", "waarde ontbreekt"),
    ("missing value for key", "waarde ontbreekt bij de sleutel"),
    (
        "missing key for inline table element",
        "sleutel ontbreekt bij een element van de inline tabel",
    ),
    ("missing array opening", "het begin van de array ontbreekt"),
    (
        "missing inline table opening",
        "het begin van de inline tabel ontbreekt",
    ),
    ("missing table open", "het begin van de tabelkop ontbreekt"),
    (
        "missing comment start",
        "het begin van het commentaar ontbreekt",
    ),
    (
        "missing opening quote",
        "het aanhalingsteken aan het begin ontbreekt",
    ),
    (
        "missing escaped value",
        "ongeldig of ontbrekend teken na de backslash",
    ),
    ("unclosed array", "array niet afgesloten"),
    (
        "unclosed array table",
        "kop van de array-tabel niet afgesloten",
    ),
    ("unclosed inline table", "inline tabel niet afgesloten"),
    ("unclosed table", "tabelkop niet afgesloten"),
    (
        "string values must be quoted",
        "tekst moet tussen aanhalingstekens staan",
    ),
    (
        "invalid unquoted key",
        "ongeldige sleutel zonder aanhalingstekens",
    ),
    (
        "unquoted keys cannot be empty",
        "een sleutel zonder aanhalingstekens kan niet leeg zijn",
    ),
    (
        "keys cannot be multi-line basic strings",
        "een sleutel kan geen tekst over meerdere regels zijn",
    ),
    (
        "keys cannot be multi-line literal strings",
        "een sleutel kan geen tekst over meerdere regels zijn",
    ),
    ("invalid key-value pair", "ongeldig sleutel-waardepaar"),
    (
        "invalid inline table element",
        "ongeldig element van de inline tabel",
    ),
    ("invalid value", "ongeldige waarde"),
    (
        "invalid comment character",
        "ongeldig teken in het commentaar",
    ),
    ("unexpected content", "onverwachte inhoud"),
    (
        "unexpected content between comment and newline",
        "onverwachte inhoud tussen commentaar en regeleinde",
    ),
    ("unexpected key or value", "onverwachte sleutel of waarde"),
    (
        "carriage return must be followed by newline",
        "een CR moet gevolgd worden door een regeleinde",
    ),
    (
        "cannot recurse further; max recursion depth met",
        "te diep genest; de grootste diepte is bereikt",
    ),
    ("invalid string", "ongeldige tekst"),
    ("invalid basic string", "ongeldige tekst"),
    (
        "invalid multi-line basic string",
        "ongeldige tekst over meerdere regels",
    ),
    ("invalid literal string", "ongeldige letterlijke tekst"),
    (
        "invalid multi-line literal string",
        "ongeldige letterlijke tekst over meerdere regels",
    ),
    (
        "too few unicode value digits",
        "te weinig cijfers in de unicode-waarde",
    ),
    (
        "could not allocate for string",
        "geen geheugen voor de tekst",
    ),
    ("invalid boolean", "ongeldige waarheidswaarde"),
    ("invalid float", "ongeldig getal"),
    ("invalid fraction", "ongeldige decimalen"),
    ("invalid exponent", "ongeldige exponent"),
    ("invalid mantissa", "ongeldig getal voor de exponent"),
    ("invalid key", "ongeldige sleutel"),
    ("invalid table", "ongeldige tabelkop"),
    ("invalid integer number", "ongeldig geheel getal"),
    ("invalid hexadecimal number", "ongeldig hexadecimaal getal"),
    ("invalid octal number", "ongeldig octaal getal"),
    ("invalid binary number", "ongeldig binair getal"),
    ("unexpected leading zero", "onverwachte voorloopnul"),
    ("unexpected sign", "onverwacht plus- of minteken"),
    ("redundant numeric sign", "overbodig plus- of minteken"),
    (
        "redundant integer number prefix",
        "overbodig voorvoegsel van het getal",
    ),
    (
        "integers with a radix cannot be signed",
        "een getal met een grondtal (0x, 0o, 0b) kan geen plus- of minteken hebben",
    ),
    (
        "radix must be lowercase",
        "het grondtal moet in kleine letters (0x, 0o, 0b)",
    ),
    (
        "`_` may only go between digits",
        "`_` mag alleen tussen cijfers staan",
    ),
    ("invalid date-time", "ongeldige datum en tijd"),
    ("invalid datetime", "ongeldige datum en tijd"),
    ("invalid date", "ongeldige datum"),
    ("invalid time", "ongeldige tijd"),
    ("invalid offset", "ongeldige tijdzone"),
];

/// The words an item of `expected` may be.
const ITEMS: &[(&str, &str)] = &[
    ("newline", "een regeleinde"),
    ("nothing", "niets"),
    ("key", "een sleutel"),
    ("value", "een waarde"),
    ("numbers", "cijfers"),
    ("digits", "cijfers"),
    ("letters", "letters"),
    ("characters", "tekens"),
    ("printable characters", "afdrukbare tekens"),
    (
        "literal string",
        "letterlijke tekst tussen enkele aanhalingstekens",
    ),
    ("basic string", "tekst tussen dubbele aanhalingstekens"),
    (
        "multi-line basic string",
        "tekst over meerdere regels tussen dubbele aanhalingstekens",
    ),
    (
        "multi-line literal string",
        "tekst over meerdere regels tussen enkele aanhalingstekens",
    ),
    ("unquoted string", "tekst zonder aanhalingstekens"),
    ("whitespace", "witruimte"),
    ("comment", "commentaar"),
    ("token", "een waarde"),
    ("end-of-input", "het einde van het bestand"),
    (
        "unicode hexadecimal value",
        "een hexadecimale unicode-waarde",
    ),
    (
        "non-single-quote characters",
        "tekens behalve een enkel aanhalingsteken",
    ),
    (
        "non-single-quote visible characters",
        "zichtbare tekens behalve een enkel aanhalingsteken",
    ),
    (
        "non-double-quote visible characters",
        "zichtbare tekens behalve een dubbel aanhalingsteken",
    ),
];

/// The parts of a date and time a range names: `month between 01 and 12`.
const UNITS: &[(&str, &str)] = &[
    ("month", "een maand"),
    ("day", "een dag"),
    ("hour", "een uur"),
    ("hours", "uren"),
    ("minute", "een minuut"),
    ("minutes", "minuten"),
    ("second", "een seconde"),
];

/// `text` in Dutch, when it is a TOML syntax message whose every part is known.
pub(super) fn dutch(text: &str) -> Option<String> {
    let (description, expected) = match text.split_once(", expected ") {
        Some((description, expected)) => (description, Some(expected)),
        None => (text, None),
    };
    let description = known(DESCRIPTIONS, description)?;
    let Some(expected) = expected else {
        return Some(description.to_string());
    };
    let items = expected
        .split(", ")
        .map(item)
        .collect::<Option<Vec<String>>>()?;
    let list = match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} of {last}", rest.join(", ")),
        None => return None,
    };
    Some(format!("{description}, verwacht {list}"))
}

fn known(table: &[(&str, &'static str)], english: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == english).map(|(_, d)| *d)
}

/// One item of what the parser expected: a literal as it is, else its words in Dutch.
fn item(text: &str) -> Option<String> {
    let literal =
        text.len() >= 2 && ((text.starts_with('`') && text.ends_with('`')) || text == "'`'");
    if literal {
        return Some(text.to_string());
    }
    if let Some(words) = known(ITEMS, text) {
        return Some(words.to_string());
    }
    // `day between 01 and 31`
    let (unit, range) = text.split_once(" between ")?;
    let (from, to) = range.split_once(" and ")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(from) && digits(to))
        .then(|| known(UNITS, unit).map(|u| format!("{u} van {from} tot en met {to}")))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the parser says of broken TOML, each message in Dutch: a parser that words a
    /// message otherwise (a new toml) fails here rather than printing half a translation.
    #[test]
    fn the_parsers_messages_about_broken_files_are_all_dutch() {
        let broken = [
            "a = [1, 2\nb = 3",
            "a = [1,,2]",
            "a = \"abc",
            "a = \"a\\qb\"",
            "a 1",
            "a = 01",
            "[monitor",
            "[[a]\nb = 1",
            "a = tru",
            "a = 2021-13-01",
            "a = 2021-02-30",
            "a = 1979-05-27T25:32:00",
            "a = {b = 1 c = 2}",
            "a = {b = 1,,}",
            "a = 1 = 2",
            "a = +0x10",
            "a = 0X10",
            "a = 1__0",
            "a = \"\\u12\"",
            "= 1",
            "a = ",
            "a = b",
            "a = 1 # x\rb",
            "a = 'abc",
            "a = 1.",
            "a = 0b102",
        ];
        for text in broken {
            let message = toml::from_str::<toml::Table>(text)
                .expect_err(text)
                .message()
                .trim()
                .to_string();
            let dutch = dutch(&message);
            assert!(dutch.is_some(), "{text:?}: `{message}` has no Dutch");
            let dutch = dutch.unwrap_or_default();
            assert!(!dutch.contains("expected"), "{message} -> {dutch}");
        }
    }

    #[test]
    fn literals_are_kept_words_translated_and_the_last_item_joined_with_of() {
        assert_eq!(
            dutch("missing comma between array elements, expected `,`").as_deref(),
            Some("komma ontbreekt tussen de elementen van de array, verwacht `,`")
        );
        assert_eq!(
            dutch("missing escaped value, expected `b`, `e`, `n`").as_deref(),
            Some("ongeldig of ontbrekend teken na de backslash, verwacht `b`, `e` of `n`")
        );
        assert_eq!(
            dutch("invalid date, expected month between 01 and 12").as_deref(),
            Some("ongeldige datum, verwacht een maand van 01 tot en met 12")
        );
        assert_eq!(
            dutch("unclosed table").as_deref(),
            Some("tabelkop niet afgesloten")
        );
    }

    #[test]
    fn a_message_with_a_part_not_known_is_left_whole() {
        // An unknown description, an unknown item, a range of an unknown unit: none is Dutch.
        for text in [
            "something new, expected `,`",
            "missing value, expected something new",
            "invalid date, expected week between 01 and 53",
            "invalid date, expected month between 01 and",
            "unclosed table, expected ",
        ] {
            assert_eq!(dutch(text), None, "{text}");
        }
    }
}
