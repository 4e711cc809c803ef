//! `frise check` as a user (and outside checks) run it: output lines and exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::Path;
use std::process::Command;

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

#[test]
fn the_bundled_articles_check_clean() {
    let (code, out, _) = frise(&["check", "assets/articles"]);
    assert_eq!(code, 0, "{out}");
    let summary = out.lines().last().unwrap();
    assert!(summary.starts_with("2 articles, "), "{summary}");
    assert!(
        summary.ends_with(" events, 0 errors, 0 warnings"),
        "{summary}"
    );
}

#[test]
fn every_bad_fixture_is_reported_with_its_file() {
    let dir = Path::new("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 12);
    for name in names {
        let path = format!("tests/fixtures/bad/{name}");
        let (code, out, err) = frise(&["check", &path]);
        assert!(err.is_empty(), "{name}: nothing on stderr, no panic: {err}");
        let problems: Vec<&str> = out.lines().filter(|l| l.starts_with(&path)).collect();
        assert!(!problems.is_empty(), "{name}: {out}");
        for p in &problems {
            let rest = &p[path.len()..];
            // PATH[:LINE:COL]: error|warning: message
            let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit());
            assert!(
                rest.starts_with(" error: ") || rest.starts_with(" warning: "),
                "{name}: {p}"
            );
        }
        let has_error = out.contains(": error: ");
        assert_eq!(code, if has_error { 1 } else { 0 }, "{name}: {out}");
        // Only the re-anchored span and the passage whose quote is gone (kept unplaced, its
        // event loaded) are mere warnings.
        let warning_only = name.starts_with("04-") || name.starts_with("05-");
        assert_eq!(has_error, !warning_only, "{name}: {out}");
        let summary = out.lines().last().unwrap();
        assert!(
            summary.contains(" article") && summary.contains(" error"),
            "{name}: summary line {summary}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = frise(&["check"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = frise(&["check", "--no-such-flag", "x"]);
    assert_eq!(code, 2);
}

#[test]
fn help_explains_the_commands() {
    let (code, out, _) = frise(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("check"), "{out}");
}
