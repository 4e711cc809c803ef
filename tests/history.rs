//! All of history on one axis: dates before the common era, deep time, seconds and time
//! zones through every path (the bundled example, `frise check`, TimelineJS both ways,
//! export).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use frise::formats::{self, LoadOptions, Progress, timelinejs};
use frise::model::{Corpus, Edtf, Event, Lang, Severity};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(path: &Path) -> Corpus {
    formats::load(
        &[path.to_path_buf()],
        &LoadOptions::default(),
        &Progress::default(),
    )
}

fn frise(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frise"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("frise runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn dates(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| e.date.map(|d| d.to_string()).unwrap_or_default())
        .collect()
}

fn slides(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for key in ["events", "eras"] {
        if let Some(Value::Array(a)) = value.get(key) {
            out.extend(a.iter());
        }
    }
    out
}

/// The date members of every slide and era, as strings, in order.
fn date_fields(value: &Value) -> Vec<Vec<(String, String)>> {
    slides(value)
        .iter()
        .flat_map(|s| ["start_date", "end_date"].map(|k| s.get(k)))
        .flatten()
        .map(|d| {
            let mut fields: Vec<(String, String)> = d
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| k.as_str() != "display_date")
                .map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), text)
                })
                .collect();
            fields.sort();
            fields
        })
        .collect()
}

#[test]
fn the_writing_example_loads_cleanly_from_deep_time_to_the_web() {
    assert!(formats::example_names().any(|(name, _)| name == "writing"));
    assert!(formats::load_example("no-such-example").is_none());
    let corpus = formats::load_example("writing").expect("bundled example");
    for d in &corpus.diagnostics {
        eprintln!("{d}");
    }
    assert_eq!(corpus.error_count(), 0);
    assert_eq!(corpus.warning_count(), 0);
    assert_eq!(corpus.articles.len(), 1);
    assert!(corpus.events.len() >= 20);
    assert!(corpus.events.iter().all(|e| e.date.is_some()));
    let keys: Vec<i64> = corpus
        .events
        .iter()
        .filter_map(|e| e.date.map(|d| d.sort_key()))
        .collect();
    let year_s = 365.2425 * 86_400.0;
    let first = keys.iter().copied().min().unwrap_or(0) as f64 / year_s;
    let last = keys.iter().copied().max().unwrap_or(0) as f64 / year_s;
    assert!(
        first < -13e9,
        "the example starts with the universe: {first}"
    );
    assert!(last > 15.0, "and reaches the web: {last}");
    let human: Vec<String> = corpus
        .events
        .iter()
        .filter_map(|e| e.date.map(|d| d.human(Lang::En)))
        .collect();
    for expected in [
        "c. 13.8 billion years ago",
        "c. 66 million years ago",
        "c. 17,000 BC",
        "c. 3300 BC",
        "196 BC",
        "700 BC – 601 BC",
        "1450s",
        "autumn 1971?",
    ] {
        assert!(
            human.iter().any(|h| h == expected),
            "{expected} in {human:?}"
        );
    }
    // The seed articles stay the default.
    assert_eq!(formats::load_bundled().articles.len(), 2);
}

#[test]
fn check_reports_no_problem_in_the_examples() {
    let (code, out, err) = frise(&["check", "assets/examples"]);
    assert_eq!(code, 0, "{out}{err}");
    let summary = out.lines().last().unwrap_or("");
    assert!(summary.starts_with("1 article, "), "{summary}");
    assert!(summary.ends_with(" 0 errors, 0 warnings"), "{summary}");
}

#[test]
fn check_says_what_is_still_invalid() {
    let dir = std::env::temp_dir().join(format!("frise-history-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad-dates.json");
    let text = r#"{"frise": 1, "article": {"id": "a", "title": "Bad dates", "text": "One two three four five six."},
 "events": [
  {"id": "month", "title": "Month 13", "date": "2024-13", "evidence": [{"quote": "One"}]},
  {"id": "season", "title": "Season 25", "date": "2024-25", "evidence": [{"quote": "two"}]},
  {"id": "short-y", "title": "Short Y", "date": "Y12", "evidence": [{"quote": "three"}]},
  {"id": "zone", "title": "Zone", "date": "2025-07-31T14:30+25:00", "evidence": [{"quote": "four"}]},
  {"id": "long", "title": "Long year", "date": "-12000", "evidence": [{"quote": "five"}]},
  {"id": "fine", "title": "Marathon", "date": "~-0489", "evidence": [{"quote": "six"}]}
 ]}"#;
    std::fs::write(&path, text).unwrap();
    let path_text = path.to_string_lossy().into_owned();
    let (code, out, _) = frise(&["check", &path_text]);
    assert_eq!(code, 1, "{out}");
    for needle in [
        "month 13 does not exist",
        "month 25 does not exist (months are 01–12, seasons 21–24",
        "the Y form is for years of more than four digits",
        "time zone +25:00 does not exist",
        "`Y-12000`",
    ] {
        assert!(out.contains(needle), "{needle} in {out}");
    }
    assert!(!out.contains("'fine'"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn timelinejs_years_before_the_common_era_map_both_ways() {
    let path = fixture("timelinejs-history.json");
    let corpus = load(&path);
    for d in &corpus.diagnostics {
        eprintln!("{d}");
    }
    assert_eq!(corpus.error_count(), 0);
    assert_eq!(corpus.warning_count(), 0);
    // TimelineJS shows -490 as "490 BCE": frise's -0489 (astronomical, as EDTF).
    assert_eq!(
        dates(&corpus.events),
        vec![
            "-3299",
            "-0489-09",
            "-0043-03-15",
            "0000/0001",
            "0079-10-24T13:00:30",
            "-0508/-0026",
        ]
    );
    let marathon = corpus.events[1].date.unwrap();
    assert_eq!(marathon.human(Lang::En), "Sep 490 BC");
    // Written back, the slides carry the same date fields as the file.
    let out = timelinejs::to_timelinejs(&corpus, &[], |_| None, Lang::En);
    assert!(
        out.value.get("scale").is_none(),
        "the human scale is the default"
    );
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(date_fields(&out.value), date_fields(&original));
    let written = serde_json::to_string(&out.value).unwrap();
    let (docs, diags) = formats::read_text(&Arc::from("written.json"), &written);
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:?}"
    );
    assert_eq!(dates(&docs[0].events), dates(&corpus.events));
}

#[test]
fn timelinejs_cosmological_years_map_both_ways() {
    let path = fixture("timelinejs-cosmos.json");
    let corpus = load(&path);
    assert_eq!(corpus.error_count(), 0);
    assert_eq!(
        dates(&corpus.events),
        vec![
            "Y-13800000000",
            "Y-4540000000",
            "Y-66000000",
            "Y-300000",
            "Y-252000000/Y-66000000",
        ]
    );
    assert_eq!(
        corpus.events[0].date.unwrap().human(Lang::En),
        "13.8 billion years ago"
    );
    let out = timelinejs::to_timelinejs(&corpus, &[], |_| None, Lang::En);
    assert_eq!(out.value.get("scale"), Some(&Value::from("cosmological")));
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(date_fields(&out.value), date_fields(&original));
    // A cosmological year makes the whole timeline cosmological, as in TimelineJS: there a
    // human year is a plain number too, and comes back unchanged.
    let mixed = formats::read_text(
        &Arc::from("mixed.json"),
        r#"{"events": [
          {"start_date": {"year": "-66000000"}, "text": {"headline": "K–Pg"}},
          {"start_date": {"year": "-490"}, "text": {"headline": "Marathon"}}
        ]}"#,
    );
    assert_eq!(dates(&mixed.0[0].events), vec!["Y-66000000", "-0490"]);
}

#[test]
fn dates_across_zones_and_eras_are_ordered_and_compared_in_utc() {
    let p = |s: &str| Edtf::parse(s).unwrap();
    assert!(p("2025-07-31T14:30+03:00").compatible(&p("2025-07-31T11:30Z")));
    assert!(p("2025-07-31T14:30+03:00").sort_key() < p("2025-07-31T12:00Z").sort_key());
    let mut years = [p("0001"), p("0000"), p("-0489"), p("Y-66000000"), p("201X")];
    years.sort_by_key(Edtf::sort_key);
    let order: Vec<String> = years.iter().map(Edtf::to_string).collect();
    assert_eq!(order, vec!["Y-66000000", "-0489", "0000", "0001", "201X"]);
}

#[test]
fn the_example_exports_from_deep_time_and_zoomed_on_antiquity() {
    let dir = std::env::temp_dir().join(format!("frise-history-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("writing.svg");
    let svg_text = svg.to_string_lossy().into_owned();
    let (code, _, err) = frise(&["export", "assets/examples/writing.json", "--out", &svg_text]);
    assert_eq!(code, 0, "{err}");
    let fitted = std::fs::read_to_string(&svg).unwrap();
    assert!(
        fitted.contains("billion years ago"),
        "the axis names deep time"
    );
    let (code, _, err) = frise(&[
        "export",
        "assets/examples/writing.json",
        "--from",
        "-3500",
        "--to",
        "0500",
        "--out",
        &svg_text,
    ]);
    assert_eq!(code, 0, "{err}");
    let antiquity = std::fs::read_to_string(&svg).unwrap();
    assert!(antiquity.contains(" BC"), "the axis counts years BC");
    assert!(antiquity.contains("Phoenician"), "the alphabet is in view");
    assert!(!antiquity.contains("Gutenberg"), "the press is not");
    let csv = dir.join("writing.csv");
    let csv_text = csv.to_string_lossy().into_owned();
    let (code, _, err) = frise(&["export", "assets/examples/writing.json", "--out", &csv_text]);
    assert_eq!(code, 0, "{err}");
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert!(rows.contains("Y-13800000000~"), "EDTF as written");
    assert!(
        rows.contains("-0195-01-01"),
        "ISO bounds, astronomical years"
    );
    std::fs::remove_dir_all(&dir).ok();
}
