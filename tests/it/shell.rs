//! ontrack as a citizen of shells, editors and CI: completion scripts, man pages, the JSON
//! Schema of indicators.toml (checked against the loader), help texts, --quiet and colour.

use crate::common::*;
use serde_json::Value;
use std::process::Command;

const COMMANDS: [&str; 10] = [
    "init",
    "template",
    "check",
    "table",
    "show",
    "compare",
    "report",
    "schema",
    "completions",
    "man",
];

#[test]
fn completions_generate_for_every_shell_and_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = ontrack(&repo(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        assert!(script.contains("fail-on"), "{shell} lacks options");
    }
    let out = ontrack(&repo(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_bash_completion_loads_and_completes_commands() {
    let script = stdout(&ontrack(&repo(), &["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ontrack.bash");
    std::fs::write(&path, script).unwrap();
    // Source the script and ask it to complete `ontrack com`.
    let probe = format!(
        "source {}; COMP_WORDS=(ontrack com); COMP_CWORD=1; COMP_LINE='ontrack com'; COMP_POINT=11; _ontrack ontrack com ontrack; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let out = Command::new("bash").args(["-c", &probe]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let words = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = words.lines().collect();
    assert!(words.contains(&"compare"), "{words:?}");
    assert!(words.contains(&"completions"), "{words:?}");
    assert!(!words.contains(&"table"), "{words:?}");
}

#[test]
fn man_pages_generate_for_ontrack_and_each_command() {
    let out = ontrack(&repo(), &["man"]);
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.contains(".TH ontrack 1"));
    assert!(page.contains(".SH SYNOPSIS"));
    for command in COMMANDS {
        assert!(page.contains(command), "the page lacks {command}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = ontrack(
        &repo(),
        &["man", "--out-dir", dir.path().to_str().unwrap(), "-q"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for command in COMMANDS {
        let page =
            std::fs::read_to_string(dir.path().join(format!("ontrack-{command}.1"))).unwrap();
        assert!(page.contains(&format!(".TH ontrack-{command} 1")));
    }
    let compare = std::fs::read_to_string(dir.path().join("ontrack-compare.1")).unwrap();
    assert!(
        compare.contains("fail\\-on"),
        "options are on their command's page"
    );
    assert!(compare.contains("dir"), "global options too");
}

#[test]
fn every_command_has_help_with_examples() {
    for command in COMMANDS {
        let out = ontrack(&repo(), &[command, "--help"]);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(
            help.contains("Examples:"),
            "`{command} --help` has no examples"
        );
        assert!(help.contains(&format!("ontrack {command}")) || help.contains("ontrack -C"));
    }
}

// ---- schema

fn schema() -> Value {
    let out = ontrack(&repo(), &["schema"]);
    assert!(out.status.success());
    json(&out)
}

fn toml_as_json(text: &str) -> Value {
    toml::from_str::<Value>(text).expect("TOML")
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_bundled_monitor_and_the_init_template_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid JSON Schema");
    let bundled = std::fs::read_to_string(repo().join("indicators.toml")).unwrap();
    assert_eq!(
        errors(&validator, &toml_as_json(&bundled)),
        Vec::<String>::new()
    );

    let dir = tempfile::tempdir().unwrap();
    assert!(ontrack(dir.path(), &["init"]).status.success());
    let fresh = std::fs::read_to_string(dir.path().join("indicators.toml")).unwrap();
    assert_eq!(
        errors(&validator, &toml_as_json(&fresh)),
        Vec::<String>::new()
    );

    // `--out` writes the same schema to a file, but never over the file it describes.
    let out = ontrack(dir.path(), &["schema", "--out", "indicators.schema.json"]);
    assert!(out.status.success());
    let written: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("indicators.schema.json")).unwrap())
            .unwrap();
    assert_eq!(written, schema());
    let out = ontrack(dir.path(), &["schema", "--out", "indicators.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("indicators.toml")).unwrap(),
        fresh
    );
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let bundled = std::fs::read_to_string(repo().join("indicators.toml")).unwrap();
    for (from, to) in [
        ("direction = \"decrease\"", "direction = \"down\""),
        ("unit = \"%\"", "units = \"%\""),
        ("value = 6.1", "value = \"6.1\""),
        ("period = \"2018-07\"", "period = \"juli 2018\""),
        ("method = \"open-sdg\"", "method = \"sdg\""),
        ("maintain_tolerance = 0.02", "maintain_tolerance = 2"),
    ] {
        assert!(bundled.contains(from), "{from}");
        let broken = bundled.replacen(from, to, 1);
        assert!(
            !errors(&validator, &toml_as_json(&broken)).is_empty(),
            "the schema accepts {to}"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("indicators.toml"), &broken).unwrap();
        std::fs::create_dir(dir.path().join("measurements")).unwrap();
        let out = ontrack(dir.path(), &["check"]);
        assert_eq!(out.status.code(), Some(1), "the loader accepts {to}");
    }
}

/// The keys the loader accepts in one table, from its own message about an unknown key.
fn loader_keys(toml_text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("indicators.toml"), toml_text).unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    let out = ontrack(dir.path(), &["check"]);
    let text = stdout(&out);
    let expected = text
        .split("expected one of ")
        .nth(1)
        .unwrap_or_else(|| panic!("no list of keys in {text}"));
    let line = expected.lines().next().unwrap();
    let mut keys: Vec<String> = line
        .split(", ")
        .map(|k| k.trim().trim_matches('`').to_string())
        .collect();
    keys.sort();
    keys
}

fn schema_keys(node: &Value) -> Vec<String> {
    let mut keys: Vec<String> = node["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn the_schema_knows_exactly_the_keys_the_loader_knows() {
    let s = schema();
    let indicator = &s["properties"]["indicator"]["items"];
    let bundled = std::fs::read_to_string(repo().join("indicators.toml")).unwrap();
    let bogus = "zzz_unknown = 1\n";
    // Each table with an unknown key inserted.
    let cases: [(&str, String, &Value); 7] = [
        ("file", format!("{bogus}{bundled}"), &s),
        (
            "monitor",
            bundled.replacen("[monitor]\n", &format!("[monitor]\n{bogus}"), 1),
            &s["properties"]["monitor"],
        ),
        (
            "measurements",
            bundled.replacen(
                "[[theme]]",
                &format!("[measurements]\n{bogus}\n[[theme]]"),
                1,
            ),
            &s["properties"]["measurements"],
        ),
        (
            "theme",
            bundled.replacen("[[theme]]\n", &format!("[[theme]]\n{bogus}"), 1),
            &s["properties"]["theme"]["items"],
        ),
        (
            "indicator",
            bundled.replacen("[[indicator]]\n", &format!("[[indicator]]\n{bogus}"), 1),
            indicator,
        ),
        (
            "series",
            bundled.replacen(
                "[[indicator.series]]\n",
                &format!("[[indicator.series]]\n{bogus}"),
                1,
            ),
            &indicator["properties"]["series"]["items"],
        ),
        (
            "baseline",
            bundled.replacen(
                "[[indicator.baseline]]\n",
                &format!("[[indicator.baseline]]\n{bogus}"),
                1,
            ),
            &indicator["properties"]["baseline"]["items"],
        ),
    ];
    for (table, text, node) in cases {
        assert_eq!(loader_keys(&text), schema_keys(node), "keys of {table}");
    }
}

// ---- quiet and colour

#[test]
fn quiet_leaves_only_the_output() {
    let loud = ontrack(&repo(), &["table", "--format", "csv"]);
    assert!(stderr(&loud).contains("warnings in the inputs"));
    let quiet = ontrack(&repo(), &["table", "--format", "csv", "--quiet"]);
    assert_eq!(stderr(&quiet), "");
    assert_eq!(quiet.stdout, loud.stdout);
}

#[test]
fn colour_follows_the_flag_and_never_reaches_files_or_scripts() {
    let always = ontrack(&repo(), &["show", "vve-deelname", "--color", "always"]);
    assert!(stdout(&always).contains('\u{1b}'));
    // Off a terminal `auto` means no colour, whatever NO_COLOR says.
    let auto = ontrack(&repo(), &["show", "vve-deelname"]);
    assert!(!stdout(&auto).contains('\u{1b}'));
    let json = ontrack(&repo(), &["table", "--format", "json", "--color", "always"]);
    assert!(!stdout(&json).contains('\u{1b}'));
}

/// `--out -` is standard output for every command that writes text: the same bytes as
/// without `--out`, the format (when not given) chosen as for standard output, and no file
/// left behind.
#[test]
fn out_dash_is_standard_output_for_every_text_command() {
    let dir = bundled_copy();
    for args in [
        &["table"][..],
        &["table", "--format", "csv"],
        &["table", "--format", "json"],
        &["compare", "--from", "2020", "--to", "2021"],
        &[
            "compare", "--from", "2020", "--to", "2021", "--format", "tsv",
        ],
        &["show", "vve-deelname"],
        &["show", "vve-deelname", "--format", "json"],
    ] {
        let plain = ontrack(dir.path(), args);
        assert!(plain.status.success(), "{args:?}: {}", stderr(&plain));
        for out in ["-o", "--out"] {
            let dashed = ontrack(dir.path(), &[args, &[out, "-"]].concat());
            assert!(
                dashed.status.success(),
                "{args:?} {out} -: {}",
                stderr(&dashed)
            );
            assert_eq!(stdout(&dashed), stdout(&plain), "{args:?} {out} -");
            assert!(!stdout(&dashed).is_empty(), "{args:?}");
        }
    }
    assert!(
        !dir.path().join("-").exists(),
        "a file named `-` was written"
    );
}
