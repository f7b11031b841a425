//! The method's edge cases through the real binary: each test builds a small monitor (or edits
//! a copy of the bundled one) where real monitors go wrong, and checks the status, score and
//! figures in the JSON, and the message where the input is refused.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

const HEADER: &str = "[monitor]\nname = \"t\"\ntitle = \"Test\"\nmunicipality = \"Stad\"\nlanguage = \"en\"\nmaintain_tolerance = 0.02\n\n[[theme]]\nid = \"a\"\nname = \"A\"\n";

/// A monitor folder: the header, `indicators` (TOML tables) and measurement files.
fn monitor(indicators: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("indicators.toml"),
        format!("{HEADER}{indicators}"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("measurements").join(name), text).unwrap();
    }
    dir
}

/// One indicator `x` in theme `a` with the given extra keys and baseline.
fn indicator(unit: &str, direction: &str, extra: &str, baseline: Option<(f64, &str)>) -> String {
    let mut s = format!(
        "\n[[indicator]]\nid = \"x\"\ntheme = \"a\"\ntitle = \"X\"\nunit = \"{unit}\"\ndirection = \"{direction}\"\n{extra}\n"
    );
    if let Some((value, period)) = baseline {
        s.push_str(&format!(
            "[[indicator.baseline]]\nvalue = {value:?}\nperiod = \"{period}\"\n"
        ));
    }
    s
}

fn table_json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["table", "--format", "json"];
    args.extend_from_slice(extra);
    let out = ontrack(dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

fn row<'a>(j: &'a Value, id: &str, area: Option<&str>) -> &'a Value {
    j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id && area.is_none_or(|a| r["area"] == a))
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// Runs a command that must refuse the input: exit 1, and stderr containing every `needle`.
fn refused(dir: &Path, args: &[&str], needles: &[&str]) -> String {
    let out = ontrack(dir, args);
    // `check` lists its findings on standard output, the other commands on standard error.
    let err = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{err}");
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_target_of_zero_reached_from_below_is_achieved_under_both_methods() {
    let dir = monitor(
        &indicator(
            "saldo",
            "increase",
            "target = { value = 0, year = 2022 }",
            Some((-10.0, "2016")),
        ),
        &[("2020.csv", "indicator,period,value\nx,2020,0\n")],
    );
    for method in ["open-sdg", "linear"] {
        let j = table_json(dir.path(), &["--method", method]);
        let r = row(&j, "x", None);
        assert_eq!(r["status"], "target_achieved", "{method}: {r}");
        assert_eq!(r["score"], 5.0, "{method}");
    }
    let show = ontrack(dir.path(), &["show", "x"]);
    assert!(show.status.success());
    assert!(!stdout(&show).contains("NaN"), "{}", stdout(&show));
}

#[test]
fn a_base_and_a_target_of_opposite_sign_are_not_assessable_with_the_reason_never_nan() {
    // −10 towards 0 (the substitute 0.001 is positive) and towards +5: a growth rate cannot
    // cross zero.
    for target in ["0", "5"] {
        let dir = monitor(
            &indicator(
                "saldo",
                "increase",
                &format!("target = {{ value = {target}, year = 2022 }}"),
                Some((-10.0, "2016")),
            ),
            &[("2020.csv", "indicator,period,value\nx,2020,-5\n")],
        );
        let j = table_json(dir.path(), &[]);
        let r = row(&j, "x", None);
        assert_eq!(r["status"], "not_assessable", "target {target}: {r}");
        assert!(r["score"].is_null());
        assert!(
            r["reason"].as_str().unwrap().contains("opposite signs"),
            "{r}"
        );
        for format in ["table", "markdown", "csv"] {
            let out = ontrack(dir.path(), &["table", "--format", format]);
            assert!(!stdout(&out).contains("NaN"), "{format}: {}", stdout(&out));
        }
        let show = stdout(&ontrack(dir.path(), &["show", "x"]));
        assert!(!show.contains("NaN"), "{show}");
        assert!(show.contains("opposite signs"), "{show}");
    }
}

#[test]
fn an_observation_of_the_baseline_year_in_another_period_form_does_not_replace_the_baseline() {
    let dir = bundled_copy();
    let before = row(&table_json(dir.path(), &[]), "vsv", None).clone();
    edit(
        &dir.path().join("measurements/2016.csv"),
        "vsv,,,2016/2017,1.73,false,Cijfers DUO,baseline beleidsvisie\n",
        "vsv,,,2016/2017,1.73,false,Cijfers DUO,baseline beleidsvisie\nvsv,,,2016,1.60,false,,\n",
    );
    let j = table_json(dir.path(), &[]);
    let r = row(&j, "vsv", None);
    assert_eq!(r["status"], before["status"]);
    assert_eq!(r["status"], "target_achieved");
    assert_eq!(r["score"], 5.0);
    assert_eq!(r["inputs"]["base_value"], 1.73);
    let check = ontrack(dir.path(), &["check"]);
    let text = stdout(&check);
    let line = text
        .lines()
        .find(|l| l.contains("found 1.6 for `vsv` in 2016"))
        .unwrap_or_else(|| panic!("no warning for the 2016 value:\n{text}"));
    assert!(line.starts_with("measurements/2016.csv:3"), "{line}");
    assert!(line.contains("warning"), "{line}");
    assert!(
        line.contains("measured from the baseline 1.73 and this value is not used"),
        "{line}"
    );
    // The same holds for a month before a monthly baseline: the baseline is the base.
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2018.csv"),
        "jongeren-bijstand,,,2018-07,6.1,",
        "jongeren-bijstand,,,2018-03,9.9,true,,\njongeren-bijstand,,,2018-07,6.1,",
    );
    let j = table_json(dir.path(), &[]);
    let r = row(&j, "jongeren-bijstand", None);
    assert_eq!(r["inputs"]["base_value"], 6.1, "{r}");
    assert_eq!(r["inputs"]["base_year"], 2018);
}

#[test]
fn a_manual_status_sets_the_score_of_its_band_and_reaches_the_aggregates() {
    let dir = bundled_copy();
    let toml = dir.path().join("indicators.toml");
    let before = table_json(dir.path(), &[]);
    edit(
        &toml,
        "baseline_as_written = \"12.5% (2017)\"",
        "baseline_as_written = \"12.5% (2017)\"\nmanual = { status = \"deterioration\", reason = \"De meting is niet vergelijkbaar\" }",
    );
    let after = table_json(dir.path(), &[]);
    let r = row(&after, "vsv-westerse-migranten", None);
    assert_eq!(r["status"], "deterioration");
    assert_eq!(r["score"], -3.75);
    assert_eq!(r["manual"]["computed_status"], "substantial_progress");
    assert_eq!(r["manual"]["computed_score"], 5.0);
    let agg = |j: &Value, level: &str, id: &str| {
        j["aggregates"][level]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    let ind = agg(&after, "indicators", "vsv-westerse-migranten");
    assert_eq!(
        (ind["score"].as_f64(), ind["status"].as_str()),
        (Some(-3.75), Some("deterioration"))
    );
    // The theme's mean moves by (−3.75 − 5) / its 7 indicators.
    let (t0, t1) = (
        agg(&before, "themes", "perspectief")["score"]
            .as_f64()
            .unwrap(),
        agg(&after, "themes", "perspectief")["score"]
            .as_f64()
            .unwrap(),
    );
    assert!(((t1 - t0) - (-8.75 / 7.0)).abs() < 1e-9, "{t0} → {t1}");
    assert_ne!(
        before["aggregates"]["plan"]["score"],
        after["aggregates"]["plan"]["score"]
    );
    // Every output says the same.
    let md = stdout(&ontrack(dir.path(), &["table", "--format", "markdown"]));
    let line = md
        .lines()
        .find(|l| l.contains("westerse migranten neemt af"))
        .unwrap();
    assert!(line.contains("−3,75") || line.contains("-3,75"), "{line}");
    assert!(line.contains("Verslechtering"), "{line}");
    let csv = stdout(&ontrack(dir.path(), &["table", "--format", "csv"]));
    let line = csv
        .lines()
        .find(|l| l.starts_with("vsv-westerse-migranten,"))
        .unwrap();
    assert!(line.contains(",-3.75,"), "{line}");
    // A manual "not assessable" has no score and stays out of the aggregates.
    edit(
        &toml,
        "status = \"deterioration\", reason",
        "status = \"not_assessable\", reason",
    );
    let j = table_json(dir.path(), &[]);
    assert!(row(&j, "vsv-westerse-migranten", None)["score"].is_null());
    let theme = agg(&j, "themes", "perspectief");
    assert_eq!(
        (theme["scored"].as_u64(), theme["members"].as_u64()),
        (Some(6), Some(7))
    );
}

#[test]
fn a_target_year_not_after_the_baseline_year_is_refused_when_loading() {
    for year in ["2017", "2015"] {
        let dir = monitor(
            &indicator(
                "%",
                "increase",
                &format!("target = {{ value = 90, year = {year} }}"),
                Some((79.0, "2017")),
            ),
            &[("2018.csv", "indicator,period,value\nx,2018,80\n")],
        );
        for command in ["table", "check", "report"] {
            refused(
                dir.path(),
                &[command],
                &[
                    &format!("the target year {year} of `x` is not after its baseline year 2017"),
                    "indicators.toml:",
                ],
            );
        }
        assert!(!dir.path().join("reports").exists());
    }
}

#[test]
fn non_finite_and_contradictory_definitions_are_refused() {
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            "%",
            "increase",
            "target = { value = nan, year = 2021 }",
            "found target NaN for `x`, expected a finite number",
        ),
        (
            "%",
            "increase",
            "target = { value = inf, year = 2021 }",
            "found target inf for `x`, expected a finite number",
        ),
        (
            "%",
            "increase",
            "limit = nan",
            "found limit NaN for `x`, expected a finite number",
        ),
        (
            "%",
            "increase",
            "limit = 150",
            "found limit 150 for `x` (%), expected a share between 0 and 100",
        ),
        (
            "%",
            "increase",
            "thresholds = { high = 0.1, med = 0.5, low = 0.9 }",
            "expected finite numbers with low < med < high",
        ),
        (
            "%",
            "increase",
            "thresholds = { high = nan, med = 0.5, low = 0 }",
            "expected finite numbers with low < med < high",
        ),
        (
            "%",
            "increase",
            "target = { value = 150, year = 2021 }",
            "found target 150 for `x` (%), expected a share between 0 and 100",
        ),
        (
            "%",
            "increase",
            "target = { value = 70, year = 2021 }",
            "the target 70 of `x` lies against its direction `increase` from the baseline 79",
        ),
        (
            "%",
            "none",
            "target = { value = 90, year = 2021 }",
            "has a target but direction `none`",
        ),
    ];
    for (unit, direction, extra, message) in cases {
        let dir = monitor(
            &indicator(unit, direction, extra, Some((79.0, "2017"))),
            &[("2018.csv", "indicator,period,value\nx,2018,80\n")],
        );
        let err = refused(dir.path(), &["check"], &[message]);
        assert!(err.contains("indicators.toml:"), "{err}");
    }
    // A target the baseline already meets is a bound to stay within when it says so.
    let dir = monitor(
        &indicator(
            "%",
            "decrease",
            "target = { value = 25, year = 2030, already_met = true }",
            Some((3.68, "2015")),
        ),
        &[("2020.csv", "indicator,period,value\nx,2020,4\n")],
    );
    let j = table_json(dir.path(), &[]);
    assert_eq!(row(&j, "x", None)["status"], "target_achieved");
}

#[test]
fn a_report_year_before_the_baseline_has_no_expected_value_and_no_change() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2016.csv"),
        "vsv,,,2016/2017,1.73,",
        "vve-deelname,,,2016,76,true,,\nvsv,,,2016/2017,1.73,",
    );
    let j = table_json(dir.path(), &["--year", "2016"]);
    let r = row(&j, "vve-deelname", None);
    assert_eq!(r["latest"]["value"], 76.0);
    assert!(r["expected"].is_null(), "{r}");
    assert!(r["change"].is_null(), "{r}");
    assert!(r["progress"].is_null(), "{r}");
    assert!(r["improved"].is_null(), "{r}");
    assert_eq!(r["status"], "not_assessable");
    // In the baseline's own year and after, both are there.
    let j = table_json(dir.path(), &["--year", "2017"]);
    let r = row(&j, "vve-deelname", None);
    assert_eq!(r["expected"], 79.0);
    assert_eq!(r["change"]["absolute"], 0.0);
}

#[test]
fn equal_values_share_a_rank_and_older_periods_are_not_ranked() {
    let peers = "peers = [\"B\", \"C\", \"D\", \"E\"]";
    let dir = monitor(
        &indicator("per 1000 inwoners", "none", peers, None),
        &[(
            "2021.csv",
            "indicator,area,period,value\nx,,2021,100.0\nx,B,2021,100\nx,C,2021,90\nx,D,2021,100.0\nx,E,2020,1\n",
        )],
    );
    let j = table_json(dir.path(), &[]);
    let rank = |area: &str| row(&j, "x", Some(area))["rank"].clone();
    // Ascending (no direction): 90 is 1st, the three 100s share 2nd.
    assert_eq!(rank("C")["position"], 1);
    for area in ["Stad", "B", "D"] {
        assert_eq!(rank(area)["position"], 2, "{area}");
        assert_eq!(rank(area)["tied"], true, "{area}");
        assert_eq!(rank(area)["of"], 4, "{area}");
        assert_eq!(rank(area)["period"], "2021", "{area}");
    }
    assert_eq!(rank("C")["tied"], false);
    // E's latest value is of 2020: not set against the 2021 values.
    assert!(rank("E").is_null());
}

/// Each row names its own area, whether indicators share a list of peers or each has its own,
/// with an area at a different place in each list; the own municipality by its name.
#[test]
fn every_row_names_its_area_whatever_list_of_peers_it_has() {
    let x = indicator("%", "increase", "peers = [\"B\", \"C\"]", None);
    let y = indicator("%", "increase", "peers = [\"C\", \"D\", \"E\"]", None)
        .replace("id = \"x\"", "id = \"y\"");
    let z = x.replace("id = \"x\"", "id = \"z\"");
    let dir = monitor(
        &format!("{x}{y}{z}"),
        &[(
            "2021.csv",
            "indicator,area,period,value\n\
             x,,2021,1\nx,B,2021,2\nx,C,2021,3\n\
             y,,2021,4\ny,C,2021,5\ny,D,2021,6\ny,E,2021,7\n\
             z,C,2021,8\nz,B,2021,9\n",
        )],
    );
    let j = table_json(dir.path(), &[]);
    let named: Vec<(String, String, f64)> = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["latest"].is_null())
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["area"].as_str().unwrap().to_string(),
                r["latest"]["value"].as_f64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("x", "Stad", 1.0),
        ("x", "B", 2.0),
        ("x", "C", 3.0),
        ("y", "Stad", 4.0),
        ("y", "C", 5.0),
        ("y", "D", 6.0),
        ("y", "E", 7.0),
        ("z", "B", 9.0),
        ("z", "C", 8.0),
    ]
    .map(|(id, area, value)| (id.to_string(), area.to_string(), value));
    assert_eq!(named, expected);
    // CSV names them alike.
    let csv = stdout(&ontrack(dir.path(), &["table", "--format", "csv"]));
    assert!(csv.contains("\ny,X,a,,E,true,"), "{csv}");
}

#[test]
fn exactly_at_the_maintain_tolerance_is_within_it() {
    let dir = monitor(
        &indicator("%", "decrease", "goal = \"maintain\"", Some((0.15, "2016"))),
        &[("2020.csv", "indicator,period,value\nx,2020,0.153\n")],
    );
    let j = table_json(dir.path(), &[]);
    assert_eq!(row(&j, "x", None)["status"], "target_achieved");
    let show = stdout(&ontrack(dir.path(), &["show", "x"]));
    assert!(
        show.contains("not worse by more than the tolerance"),
        "{show}"
    );
    // A hair beyond it is deterioration.
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator,period,value\nx,2020,0.1531\n",
    )
    .unwrap();
    let j = table_json(dir.path(), &[]);
    assert_eq!(row(&j, "x", None)["status"], "deterioration");
    // Every baseline from 0.01 to 19.99 exactly 2 % worse is within the tolerance.
    let mut indicators = String::new();
    let mut csv = String::from("indicator,period,value\n");
    for i in (1..2000).step_by(7) {
        let base = f64::from(i) / 100.0;
        let worse = format!("{:.4}", base * 1.02);
        let worse: f64 = worse.parse().unwrap();
        if (worse - base * 1.02).abs() > 1e-12 {
            continue; // not exactly 2 % in four decimals
        }
        indicators.push_str(
            &indicator("%", "decrease", "goal = \"maintain\"", Some((base, "2016")))
                .replace("id = \"x\"", &format!("id = \"x{i}\"")),
        );
        csv.push_str(&format!("x{i},2020,{worse}\n"));
    }
    let dir = monitor(&indicators, &[("2020.csv", &csv)]);
    let j = table_json(dir.path(), &[]);
    let rows = j["indicators"].as_array().unwrap();
    assert!(rows.len() > 100);
    for r in rows {
        assert_eq!(r["status"], "target_achieved", "{}", r["id"]);
    }
}

#[test]
fn small_values_keep_their_significant_digits_in_every_output() {
    let dir = monitor(
        &indicator(
            "per inwoner",
            "decrease",
            "target = { value = 0.0031, year = 2025 }",
            Some((0.0041, "2018")),
        ),
        &[("2021.csv", "indicator,period,value\nx,2021,0.0049\n")],
    );
    let md = stdout(&ontrack(dir.path(), &["table", "--format", "markdown"]));
    for text in [
        "0.0041 per inwoner",
        "0.0049 per inwoner",
        "0.0031 per inwoner",
        "+0.0008",
    ] {
        assert!(md.contains(text), "{text} in:\n{md}");
    }
    let term = stdout(&ontrack(dir.path(), &["table"]));
    assert!(term.contains("0.0049 per inwoner"), "{term}");
    assert!(!term.contains(" 0 per inwoner"), "{term}");
    let show = stdout(&ontrack(dir.path(), &["show", "x"]));
    assert!(show.contains("0.0041"), "{show}");
    let pdf = ontrack(dir.path(), &["report", "--out", "r.pdf"]);
    assert!(pdf.status.success(), "{}", stderr(&pdf));
    let text = std::process::Command::new("pdftotext")
        .args(["r.pdf", "-"])
        .current_dir(dir.path())
        .output();
    if let Ok(text) = text {
        let text = String::from_utf8_lossy(&text.stdout).to_string();
        assert!(text.contains("0.0049"), "{text}");
    }
}

#[test]
fn a_share_written_as_a_fraction_is_flagged_on_its_line() {
    let dir = monitor(
        &indicator("%", "increase", "", Some((85.0, "2018"))),
        &[
            ("2019.csv", "indicator,period,value\nx,2019,86\n"),
            ("2020.csv", "indicator,period,value\nx,2020,0.87\n"),
        ],
    );
    let out = ontrack(dir.path(), &["check"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("0.87"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.starts_with("measurements/2020.csv:2"), "{line}");
    assert!(line.contains("warning"), "{line}");
    assert!(line.contains("If 87 % is meant, write 87"), "{line}");
    // A share that is really small throughout is not flagged.
    let dir = monitor(
        &indicator("%", "increase", "", Some((0.8, "2018"))),
        &[("2020.csv", "indicator,period,value\nx,2020,0.87\n")],
    );
    assert!(!stdout(&ontrack(dir.path(), &["check"])).contains("fraction"));
}

#[test]
fn the_gap_is_target_minus_latest_even_without_a_baseline() {
    let dir = monitor(
        &indicator(
            "%",
            "increase",
            "target = { value = 90, year = 2025 }",
            None,
        ),
        &[(
            "all.csv",
            "indicator,period,value\nx,2018,70\nx,2020,75.5\n",
        )],
    );
    let j = table_json(dir.path(), &[]);
    let r = row(&j, "x", None);
    assert_eq!(r["gap"], 14.5);
    assert!(r["baseline"].is_null());
}

#[test]
fn years_out_of_range_and_numbers_that_underflow_are_errors() {
    let zeros = "0".repeat(400);
    let cases = [
        (
            "x,0001,50\n",
            "found year 1, expected a year from 1900 to 2200",
            "period",
        ),
        ("x,2020,1e-400\n", "too small to store", "value"),
        (
            &*format!("x,2020,0.{zeros}1\n"),
            "too small to store",
            "value",
        ),
    ];
    for (line, message, field) in cases {
        let dir = monitor(
            &indicator("score", "increase", "", Some((5.0, "2018"))),
            &[("data.csv", &format!("indicator,period,value\n{line}"))],
        );
        let err = refused(dir.path(), &["table"], &[message, "nothing written"]);
        let check = stdout(&ontrack(dir.path(), &["check"]));
        assert!(
            check.contains("measurements/data.csv:2:") && check.contains(field),
            "{check}"
        );
        assert!(!err.contains("panicked"));
    }
    // The range can be set in [monitor].
    let dir = monitor(
        &indicator("score", "increase", "", Some((5.0, "1850"))),
        &[("data.csv", "indicator,period,value\nx,1860,6\n")],
    );
    refused(dir.path(), &["check"], &["found year 1850"]);
    let toml = dir.path().join("indicators.toml");
    edit(
        &toml,
        "maintain_tolerance = 0.02",
        "maintain_tolerance = 0.02\nvalid_years = [1800, 2100]",
    );
    let out = ontrack(dir.path(), &["table", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn years_beyond_four_digits_are_refused_in_valid_years_and_in_a_template() {
    // A period holds a year of four digits at most: a range reaching past them is refused, at
    // either end and at the first year past it; the widest range that fits is taken.
    let dir = bundled_copy();
    let toml = dir.path().join("indicators.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        !text.contains("valid_years"),
        "the bundled monitor keeps the default"
    );
    let at = text.find("[monitor]").expect("a [monitor] table") + "[monitor]".len();
    for (range, ok) in [
        ("[1900, 10000]", false),
        ("[-1, 2200]", false),
        ("[1900, 40000]", false),
        ("[0, 9999]", true),
    ] {
        let mut edited = text.clone();
        edited.insert_str(at, &format!("\nvalid_years = {range}"));
        std::fs::write(&toml, edited).unwrap();
        let out = ontrack(dir.path(), &["check"]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        if ok {
            assert_eq!(out.status.code(), Some(0), "{range}: {said}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{range}: {said}");
            assert!(
                said.contains("indicators.toml:") && said.contains("both from 0 to 9999"),
                "{range}: {said}"
            );
        }
    }
    std::fs::write(&toml, &text).unwrap();

    // A template for a year outside `valid_years` would be refused row by row when read back:
    // it is refused itself, and nothing is written. The range's last year is fine.
    for year in ["99999", "2201", "1899"] {
        let err = refused(
            dir.path(),
            &["template", "--year", year],
            &[
                "--year: found year",
                year,
                "expected a year from 1900 to 2200",
            ],
        );
        assert!(!err.contains("wrote"), "{err}");
        assert!(!dir.path().join(format!("measurements/{year}.csv")).exists());
    }
    let out = ontrack(dir.path(), &["template", "--year", "2200"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("measurements/2200.csv")).unwrap();
    assert!(written.lines().count() > 1, "{written}");
    // The filled-in template reads back: its years are held as written.
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn after_the_target_year_a_missed_target_is_target_not_achieved() {
    // The bundled vve-deelname: 90 % in 2021, 86 % measured in 2021.
    let j = table_json(&repo(), &[]);
    let r = row(&j, "vve-deelname", None);
    assert_eq!(r["status"], "target_not_achieved");
    assert!(r["score"].as_f64().is_some(), "the method's score stays");
    let ind = j["aggregates"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "vve-deelname")
        .unwrap();
    assert_eq!(ind["status"], "target_not_achieved");
    // Before the target year it was progress; under the linear method too.
    let r2020 = table_json(&repo(), &["--year", "2020"]);
    assert_eq!(
        row(&r2020, "vve-deelname", None)["status"],
        "moderate_progress"
    );
    let linear = table_json(&repo(), &["--method", "linear"]);
    assert_eq!(
        row(&linear, "vve-deelname", None)["status"],
        "target_not_achieved"
    );
    // Every output names it.
    let md = stdout(&ontrack(&repo(), &["table", "--format", "markdown"]));
    assert!(md.contains("✗ Doel niet gehaald"), "{md}");
    let en = stdout(&ontrack(&repo(), &["table", "--lang", "en"]));
    assert!(en.contains("Target not achieved"), "{en}");
    let csv = stdout(&ontrack(&repo(), &["table", "--format", "csv"]));
    assert!(csv
        .lines()
        .any(|l| l.starts_with("vve-deelname,") && l.contains("target_not_achieved")));
    // A target met in its year is achieved, and later data keep the verdict of the latest value.
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2021.csv"),
        "vve-deelname,,,2021,86,",
        "vve-deelname,,,2021,90,",
    );
    let j = table_json(dir.path(), &[]);
    assert_eq!(row(&j, "vve-deelname", None)["status"], "target_achieved");
    // The gate takes the new status.
    let gate = ontrack(
        &repo(),
        &["table", "--fail-on", "target_not_achieved", "-q"],
    );
    assert_eq!(gate.status.code(), Some(3));
}

#[test]
fn fail_on_looks_at_the_monitors_own_rows_and_names_them() {
    // A peer town deteriorates, Maassluis does not.
    let peers = "peers = [\"Buurdorp\"]";
    let dir = monitor(
        &indicator("score", "increase", peers, Some((5.0, "2018"))),
        &[(
            "2021.csv",
            "indicator,area,period,value\nx,,2021,6\nx,Buurdorp,2018,6\nx,Buurdorp,2021,3\n",
        )],
    );
    let j = table_json(dir.path(), &[]);
    assert_eq!(row(&j, "x", Some("Buurdorp"))["status"], "deterioration");
    assert_eq!(row(&j, "x", Some("Stad"))["status"], "substantial_progress");
    for command in ["table", "report"] {
        let out = ontrack(dir.path(), &[command, "--fail-on", "deterioration"]);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
    }
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator,area,period,value\nx,,2020,5.5\nx,Buurdorp,2020,6\n",
    )
    .unwrap();
    let compare = ontrack(
        dir.path(),
        &[
            "compare",
            "--from",
            "2020",
            "--to",
            "2021",
            "--fail-on",
            "worse",
        ],
    );
    assert_eq!(compare.status.code(), Some(0), "{}", stderr(&compare));
    // Its own deterioration trips the gate, and the row is named.
    edit(
        &dir.path().join("measurements/2021.csv"),
        "x,,2021,6",
        "x,,2021,4",
    );
    let out = ontrack(dir.path(), &["table", "--fail-on", "deterioration"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("ontrack: --fail-on: x is deterioration"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_period_after_the_files_year_is_an_error_and_never_the_report_year() {
    let dir = bundled_copy();
    std::fs::write(
        dir.path().join("measurements/2022.csv"),
        "indicator,series,area,period,value\nvve-deelname,,,2202,88\n",
    )
    .unwrap();
    refused(
        dir.path(),
        &["report"],
        &[
            "measurements/2022.csv:2",
            "found year 2202, expected a year from 1900 to 2200",
        ],
    );
    // Within the range, but after the file's year.
    std::fs::write(
        dir.path().join("measurements/2022.csv"),
        "indicator,series,area,period,value\nvve-deelname,,,2029,88\n",
    )
    .unwrap();
    refused(
        dir.path(),
        &["report"],
        &[
            "measurements/2022.csv:2",
            "found period 2029 in the file for 2022",
        ],
    );
    assert!(!dir.path().join("reports").exists());
    let check = ontrack(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    // An earlier year in a year's file stays a warning.
    std::fs::write(
        dir.path().join("measurements/2022.csv"),
        "indicator,series,area,period,value\nvve-deelname,,,2022,88\n",
    )
    .unwrap();
    let j = table_json(dir.path(), &[]);
    assert_eq!(j["year"], 2022);
}

#[test]
fn excel_cells_formatted_as_a_percentage_are_read_as_the_percentage_they_show() {
    // tests/fixtures/files/workbook-percent.xlsx: 0.815 shown as `82%` (format 0%), 0.74 as
    // `74.00%` (0.00%), 0.036 as `4%`, each in the value column of a share indicator.
    let dir = bundled_definitions();
    std::fs::copy(
        repo().join("tests/fixtures/files/workbook-percent.xlsx"),
        dir.path().join("measurements/2020.xlsx"),
    )
    .unwrap();
    let j = table_json(dir.path(), &[]);
    let latest = |id: &str, series: Option<&str>| {
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["id"] == id && r["series_id"].as_str() == series && !r["peer"].as_bool().unwrap()
            })
            .unwrap()["latest"]["value"]
            .as_f64()
    };
    assert_eq!(latest("vve-deelname", None), Some(81.5));
    assert_eq!(latest("startkwalificatie", Some("westers")), Some(74.0));
    assert_eq!(latest("jongeren-personeel", None), Some(3.6));
    // Read as percentages, they are not taken for fractions either.
    let check = stdout(&ontrack(dir.path(), &["check"]));
    assert!(!check.contains("fraction"), "{check}");
}

#[test]
fn the_plan_score_weighs_indicators_alike_unless_told_to_weigh_themes() {
    let dir = bundled_copy();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let scores = |t: &serde_json::Value, level: &str| -> Vec<f64> {
        t["aggregates"][level]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["score"].as_f64())
            .collect()
    };
    let by_indicator = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    assert_eq!(by_indicator["aggregates"]["plan_of"], "indicator");
    let plan = by_indicator["aggregates"]["plan"]["score"]
        .as_f64()
        .unwrap();
    assert!((plan - mean(&scores(&by_indicator, "indicators"))).abs() < 1e-12);
    // Theme 1 has seven indicators, theme 2 one: the two means differ on the bundled data.
    assert!((plan - mean(&scores(&by_indicator, "themes"))).abs() > 0.1);
    let table = stdout(&ontrack(dir.path(), &["table", "--color", "never"]));
    assert!(table.contains("gemiddelde van 11 indicatoren"), "{table}");

    let toml = std::fs::read_to_string(dir.path().join("indicators.toml")).unwrap();
    let themed = toml.replacen(
        "maintain_tolerance = 0.02",
        "maintain_tolerance = 0.02\naggregation = \"theme\"",
        1,
    );
    std::fs::write(dir.path().join("indicators.toml"), &themed).unwrap();
    let by_theme = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    assert_eq!(by_theme["aggregates"]["plan_of"], "theme");
    let plan = by_theme["aggregates"]["plan"]["score"].as_f64().unwrap();
    assert!((plan - mean(&scores(&by_theme, "themes"))).abs() < 1e-12);
    let md = stdout(&ontrack(dir.path(), &["table", "--format", "markdown"]));
    assert!(md.contains("gemiddelde van 3 speerpunten"), "{md}");

    std::fs::write(
        dir.path().join("indicators.toml"),
        toml.replacen(
            "maintain_tolerance = 0.02",
            "maintain_tolerance = 0.02\naggregation = \"themes\"",
            1,
        ),
    )
    .unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        said.contains("indicators.toml:25:") && said.contains("aggregation `themes`"),
        "{said}"
    );
}

/// Series in one group are averaged first, then with the series outside it: the indicator's
/// aggregate is mean(mean(g1, g2), alone), not the mean of the three, in the streamed JSON of
/// `table` and `compare` (made from outlines of the rows) and in the indented JSON (made from
/// the rows themselves).
#[test]
fn grouped_series_are_averaged_first_in_every_way_of_making_the_aggregates() {
    let mut toml = indicator("%", "increase", "", None);
    for (id, group) in [("g1", Some("g")), ("g2", Some("g")), ("alone", None)] {
        toml.push_str(&format!(
            "[[indicator.series]]\nid = \"{id}\"\nlabel = \"{id}\"\n"
        ));
        if let Some(g) = group {
            toml.push_str(&format!("group = \"{g}\"\n"));
        }
    }
    for id in ["g1", "g2", "alone"] {
        toml.push_str(&format!(
            "[[indicator.baseline]]\nseries = \"{id}\"\nvalue = 50.0\nperiod = \"2018\"\n"
        ));
    }
    // g1 rises, g2 falls, the lone series stays: three different scores.
    let year = |values: [f64; 3]| {
        let mut text = String::from("indicator,series,area,period,value\n");
        for (id, v) in ["g1", "g2", "alone"].iter().zip(values) {
            text.push_str(&format!("x,{id},,{{}},{v}\n"));
        }
        text
    };
    let y2020 = year([55.0, 47.0, 50.0]).replace("{}", "2020");
    let y2021 = year([60.0, 44.0, 50.5]).replace("{}", "2021");
    let dir = monitor(&toml, &[("2020.csv", &y2020), ("2021.csv", &y2021)]);
    let expected = |j: &Value| {
        let score = |id: &str| {
            j["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["series_id"] == id)
                .unwrap()["score"]
                .as_f64()
                .unwrap()
        };
        let (g1, g2, alone) = (score("g1"), score("g2"), score("alone"));
        assert!(g1 != g2 && (g1 + g2) / 2.0 != alone, "{g1} {g2} {alone}");
        ((g1 + g2) / 2.0 + alone) / 2.0
    };
    let aggregate = |j: &Value| j["aggregates"]["indicators"][0]["score"].as_f64().unwrap();
    for extra in [&[][..], &["--pretty"][..]] {
        let j = table_json(dir.path(), extra);
        let want = expected(&j);
        assert!(
            (aggregate(&j) - want).abs() < 1e-9,
            "{extra:?}: {} ≠ {want}",
            aggregate(&j)
        );
    }
    let out = ontrack(
        dir.path(),
        &[
            "compare", "--from", "2020", "--to", "2021", "--format", "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let compared = json(&out);
    let later = table_json(dir.path(), &["--year", "2021"]);
    let to = compared["aggregates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["level"] == "indicator")
        .unwrap()["to"]["score"]
        .as_f64()
        .unwrap();
    assert!((to - expected(&later)).abs() < 1e-9, "{to}");
}
