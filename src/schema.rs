//! `ontrack schema`: a JSON Schema (draft-07, the draft editors support best) of
//! `indicators.toml`, so that editors which check TOML against a JSON Schema (Taplo, VS Code
//! "Even Better TOML") flag unknown keys and wrong types and complete keys and values as you
//! type. The loader stays the authority: it also checks what a schema cannot express (theme
//! and series references, one baseline per series and area, plausible values). A test keeps
//! the two in step: every key the loader accepts is in the schema, and no other.

use serde_json::{json, Value};

/// The schema as a JSON value.
pub fn schema() -> Value {
    let period = json!({
        "type": "string",
        "description": "A year (2017), a school year (2016/2017, two consecutive years) or a month (2018-07).",
        "pattern": "^[0-9]{4}(/[0-9]{4}|-(0[1-9]|1[0-2]))?$"
    });
    let auto_or = |values: &[&str], what: &str| {
        let mut all = vec!["auto"];
        all.extend_from_slice(values);
        json!({ "type": "string", "enum": all, "description": what })
    };
    let dialect_properties = json!({
        "decimal": auto_or(&["point", "comma"], "The decimal mark of the numbers; `auto` infers it from the file and refuses an ambiguous one."),
        "delimiter": auto_or(&["comma", "semicolon", "tab"], "The field separator; `auto` takes the one that splits the header into the required columns."),
        "encoding": auto_or(&crate::model::Encoding::ALL.map(crate::model::Encoding::code), "The text encoding; `auto` reads UTF-8, recognises Windows-1252 (Excel's Western European CSV) and UTF-16 by its byte-order mark (Excel's \"Unicode text\").")
    });
    let statuses: Vec<&str> = crate::model::Status::ALL.iter().map(|s| s.code()).collect();
    let kinds: Vec<&str> = crate::model::Kind::ALL.iter().map(|k| k.code()).collect();
    let indicator = indicator_schema(&period, &kinds, &statuses);
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://ontrack.invalid/schema/indicators.toml.json",
        "title": "ontrack indicators.toml",
        "description": "The indicators of a municipal policy plan with their baselines and targets, read by ontrack.",
        "type": "object",
        "additionalProperties": false,
        "required": ["monitor", "indicator"],
        "properties": {
            "monitor": {
                "type": "object",
                "description": "The policy plan as a whole.",
                "additionalProperties": false,
                "required": ["name", "title", "municipality"],
                "properties": {
                    "name": { "type": "string", "pattern": "^[^/\\\\.][^/\\\\]*$", "description": "A short name usable in a file name (letters, digits, -); the report is reports/<name>-<year>.pdf." },
                    "title": { "type": "string", "description": "The title of the plan." },
                    "municipality": { "type": "string", "description": "The municipality the plan is about; rows without an area are about it." },
                    "adopted": { "type": "string", "description": "When the plan was adopted (YYYY-MM-DD)." },
                    "document": { "type": "string", "description": "Where the plan is written down." },
                    "language": { "type": "string", "enum": ["nl", "en"], "description": "The language of labels in tables and the report." },
                    "method": { "type": "string", "enum": ["open-sdg", "linear"], "description": "The default status method." },
                    "valid_years": { "type": "array", "items": { "type": "integer", "minimum": crate::model::PERIOD_YEARS.start(), "maximum": crate::model::PERIOD_YEARS.end() }, "minItems": 2, "maxItems": 2, "description": "The first and last year a period may have, both of four digits at most; default [1900, 2200]. A year outside is a typo." },
                    "maintain_tolerance": { "type": "number", "minimum": 0, "maximum": 1, "description": "For `goal = \"maintain\"`: how much worse than the baseline, as a share of it, still counts as equal." },
                    "aggregation": { "type": "string", "enum": ["indicator", "theme"], "description": "What the plan-wide score is the mean of: every indicator weighing the same (default) or every theme weighing the same." },
                    "peers": { "type": "array", "items": { "type": "string" }, "description": "Areas every indicator is compared with." }
                }
            },
            "translation": {
                "type": "object",
                "description": "Per language (`nl`, `en`), the plan's own texts as that language writes them: each key is a text as this file writes it (an indicator title, a theme name or goal, a series label, a source, a unit, the plan's title), its value the translation. The report in that language (`--lang`) uses them; texts without one stay as written.",
                "propertyNames": { "enum": ["nl", "en"] },
                "additionalProperties": { "type": "object", "additionalProperties": { "type": "string" } }
            },
            "measurements": {
                "type": "object",
                "description": "How the measurement files are written, where that cannot or should not be detected.",
                "additionalProperties": false,
                "properties": {
                    "decimal": dialect_properties["decimal"],
                    "delimiter": dialect_properties["delimiter"],
                    "encoding": dialect_properties["encoding"],
                    "file": {
                        "type": "object",
                        "description": "Settings for single files, by file name within the measurements folder.",
                        "additionalProperties": {
                            "type": "object",
                            "additionalProperties": false,
                            "properties": dialect_properties
                        }
                    }
                }
            },
            "theme": {
                "type": "array",
                "description": "The themes (speerpunten); every indicator belongs to one.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "name"],
                    "properties": {
                        "id": { "type": "string", "description": "The id indicators use in `theme`." },
                        "number": { "type": "integer", "minimum": 0, "description": "The theme's number in the plan." },
                        "name": { "type": "string" },
                        "goal": { "type": "string", "description": "The theme's goal as the plan states it." }
                    }
                }
            },
            "indicator": {
                "type": "array",
                "minItems": 1,
                "description": "The indicators.",
                "items": indicator
            }
        }
    })
}

/// One `[[indicator]]` table.
fn indicator_schema(period: &Value, kinds: &[&str], statuses: &[&str]) -> Value {
    let baseline = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["value", "period"],
        "properties": {
            "series": { "type": "string", "description": "The series id (required when the indicator has series)." },
            "area": { "type": "string", "description": "A peer area; left out for the municipality." },
            "value": { "type": "number" },
            "period": period,
            "count": { "type": "number", "description": "A count given beside the value (50 of ...)." },
            "denominator": { "type": "number", "description": "The denominator of that count (... of 252)." },
            "illustrative": { "type": "boolean", "description": "A made-up value, not a measurement; every output marks it." }
        }
    });
    let mut item = json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "theme", "title", "unit", "direction"],
                    "properties": {
                        "id": { "type": "string", "minLength": 1, "description": "The id used in measurement files and on the command line: letters, digits, -, _ or . only." },
                        "theme": { "type": "string", "description": "The id of its theme." },
                        "title": { "type": "string", "description": "The indicator as the plan writes it." },
                        "unit": { "type": "string", "description": "The unit as people read it (%, inwoners, per 1000 inwoners, rapportcijfer, ...)." },
                        "kind": { "type": "string", "enum": kinds, "description": "What is measured, which decides the plausible values: share 0-100, mark 1-10, count and rate 0 or more, number anything. Inferred from the unit when left out." },
                        "direction": { "type": "string", "enum": ["increase", "decrease", "none"], "description": "Which way the indicator should move; `none`: reported and ranked, never scored." },
                        "goal": { "type": "string", "enum": ["improve", "maintain"], "description": "`maintain`: at least stays equal (not moving against the direction is the goal)." },
                        "source": { "type": "string" },
                        "baseline_as_written": { "type": "string", "description": "The baseline cell as the plan writes it." },
                        "note": { "type": "string" },
                        "series": {
                            "type": "array",
                            "description": "Sub-series (sub-groups) of the indicator.",
                            "items": {
                                "type": "object",
                                "additionalProperties": false,
                                "required": ["id", "label"],
                                "properties": {
                                    "id": { "type": "string" },
                                    "label": { "type": "string" },
                                    "group": { "type": "string", "description": "Series in one group are averaged first when the indicator's score is formed." }
                                }
                            }
                        },
                        "peers": { "type": "array", "items": { "type": "string" }, "description": "Other municipalities this indicator is compared with." },
                        "baseline": {
                            "type": "array",
                            "description": "The last measurement before the plan, one per series and area.",
                            "items": {}
                        },
                        "target": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["value", "year"],
                            "properties": {
                                "value": { "type": "number", "description": "The value to reach: on the desired side of the baseline, plausible for the indicator's kind." },
                                "year": { "type": "integer", "description": "The year it is to be reached: after the baseline's year. Once data of that year is in, a missed target is `target_not_achieved`." },
                                "already_met": { "type": "boolean", "description": "The baseline already meets the target: a bound to stay within rather than a level to reach (otherwise such a target is refused)." }
                            }
                        },
                        "limit": { "type": "number", "description": "A natural limit (100 for a share): near it the progress thresholds shrink." },
                        "base_year": { "type": "integer", "description": "Measure from this year on instead of the baseline's year." },
                        "thresholds": {
                            "type": "object",
                            "description": "The method's thresholds, over its defaults.",
                            "additionalProperties": false,
                            "required": ["high", "med", "low"],
                            "properties": {
                                "high": { "type": "number" },
                                "med": { "type": "number" },
                                "low": { "type": "number" }
                            }
                        },
                        "method": { "type": "string", "enum": ["open-sdg", "linear"], "description": "This indicator's status method, over the monitor's." },
                        "manual": {
                            "type": "object",
                            "description": "A status set by hand, with the reason; the computed one stays visible.",
                            "additionalProperties": false,
                            "required": ["status", "reason"],
                            "properties": {
                                "status": { "type": "string", "enum": statuses },
                                "reason": { "type": "string", "minLength": 1 }
                            }
                        }
                    }
    });
    item["properties"]["baseline"]["items"] = baseline;
    item
}
