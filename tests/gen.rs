//! `frise gen`: determinism, validity, and the variety a stress corpus needs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use frise::cli::r#gen::{Layout, article_path, write_corpus};
use frise::formats::{self, LoadOptions, Progress};
use frise::model::{Conflict, Corpus, Edtf, Precision};
use frise::synthetic::{Generator, Params};

const EVENTS: u64 = 3_000;
const ARTICLES: u32 = 60;

fn generate(dir: &Path, layout: Layout) -> Corpus {
    let params = Params::new(11, EVENTS, ARTICLES).unwrap();
    let written = write_corpus(params, dir, layout, &mut |_| {}).unwrap();
    assert_eq!(written.articles, ARTICLES);
    assert_eq!(written.events, EVENTS);
    formats::load(
        &[dir.to_path_buf()],
        &LoadOptions::default(),
        &Progress::default(),
    )
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_library_generator_is_deterministic() {
    let params = Params::new(42, 5_000, 70).unwrap();
    let (a, b) = (Generator::new(params), Generator::new(params));
    for i in [0, 1, 23, 24, 25, 47, 69] {
        let x = serde_json::to_vec(&a.article(i).unwrap()).unwrap();
        let y = serde_json::to_vec(&b.article(i).unwrap()).unwrap();
        assert_eq!(x, y, "article {i}");
    }
    assert!(a.article(70).is_none());
    // Another seed gives another corpus.
    let other = Generator::new(Params::new(43, 5_000, 70).unwrap());
    assert_ne!(
        serde_json::to_vec(&a.article(0).unwrap()).unwrap(),
        serde_json::to_vec(&other.article(0).unwrap()).unwrap()
    );
}

#[test]
fn the_command_writes_identical_files_for_identical_arguments() {
    let run = |out: &Path, extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_frise"))
            .args([
                "gen",
                "--events",
                "1500",
                "--articles",
                "30",
                "--seed",
                "5",
                "--out",
            ])
            .arg(out)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let said = run(&a, &[]);
    assert!(said.contains("wrote 30 articles, 1500 events"), "{said}");
    run(&b, &[]);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), 30);
    assert!(fa.contains_key(&article_path(0)));
    assert!(fa == fb, "two runs with the same arguments differ");

    let (c, d) = (tmp.path().join("c"), tmp.path().join("d"));
    run(&c, &["--jsonl"]);
    run(&d, &["--jsonl"]);
    let (fc, fd) = (files(&c), files(&d));
    assert_eq!(fc.keys().collect::<Vec<_>>(), [Path::new("corpus.jsonl")]);
    assert!(fc == fd, "two --jsonl runs with the same arguments differ");
    // The same articles either way: one line per article file, in order.
    let lines: Vec<&[u8]> = fc
        .values()
        .next()
        .unwrap()
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let per_file: Vec<&[u8]> = fa.values().map(Vec::as_slice).collect();
    assert_eq!(lines, per_file);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_frise"))
            .arg("gen")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let dir = tmp.path().join("x");
    let dir = dir.to_str().unwrap();
    for args in [
        &["--events", "-1", "--articles", "2", "--out", dir][..],
        &["--events", "10", "--articles", "0", "--out", dir],
        &["--events", "ten", "--articles", "2", "--out", dir],
        &["--articles", "2", "--out", dir],
        &["--events", "10", "--articles", "2"],
        &["--events", "100000000", "--articles", "2", "--out", dir],
    ] {
        let (code, _) = run(args);
        assert_eq!(code, Some(2), "{args:?}");
    }
    assert!(
        !Path::new(dir).exists(),
        "nothing is written on a usage error"
    );

    // A folder that is not empty, or a file, is refused with a message.
    let file = tmp.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let (code, err) = run(&[
        "--events",
        "5",
        "--articles",
        "1",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("is a file"), "{err}");
    let (code, err) = run(&[
        "--events",
        "5",
        "--articles",
        "1",
        "--out",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not empty"), "{err}");
    // A folder that cannot be created.
    let below_file = file.join("sub");
    let (code, err) = run(&[
        "--events",
        "5",
        "--articles",
        "1",
        "--out",
        below_file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot create"), "{err}");
}

#[test]
fn zero_events_and_one_article_are_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let params = Params::new(1, 0, 3).unwrap();
    write_corpus(params, tmp.path(), Layout::Files, &mut |_| {}).unwrap();
    let corpus = formats::load(
        &[tmp.path().to_path_buf()],
        &LoadOptions::default(),
        &Progress::default(),
    );
    assert_eq!((corpus.articles.len(), corpus.events.len()), (3, 0));
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);

    let tmp = tempfile::tempdir().unwrap();
    let params = Params::new(1, 40, 1).unwrap();
    write_corpus(params, tmp.path(), Layout::Jsonl, &mut |_| {}).unwrap();
    let corpus = formats::load(
        &[tmp.path().to_path_buf()],
        &LoadOptions::default(),
        &Progress::default(),
    );
    assert_eq!((corpus.articles.len(), corpus.events.len()), (1, 40));
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
}

#[test]
fn a_generated_corpus_loads_cleanly_and_has_everything_a_real_one_has() {
    let tmp = tempfile::tempdir().unwrap();
    for layout in [Layout::Files, Layout::Jsonl] {
        let dir = tmp.path().join(format!("{layout:?}"));
        let corpus = generate(&dir, layout);
        let shown: Vec<String> = corpus
            .diagnostics
            .iter()
            .take(5)
            .map(|d| d.to_string())
            .collect();
        assert_eq!(corpus.error_count(), 0, "{shown:#?}");
        assert_eq!(corpus.warning_count(), 0, "{shown:#?}");
        assert_eq!(corpus.articles.len(), ARTICLES as usize);
        assert_eq!(corpus.events.len(), EVENTS as usize);
        check_variety(&corpus);
        check_passages(&corpus);
    }
}

fn check_variety(corpus: &Corpus) {
    let dates: Vec<&Edtf> = corpus
        .events
        .iter()
        .filter_map(|e| e.date.as_ref())
        .collect();
    let undated = corpus.events.len() - dates.len();
    assert!(
        undated > 0 && undated < corpus.events.len() / 10,
        "{undated} undated events"
    );
    let intervals = dates.iter().filter(|d| d.is_interval()).count();
    let open_end = dates
        .iter()
        .filter(|d| d.is_interval() && d.latest().is_none())
        .count();
    let open_start = dates
        .iter()
        .filter(|d| d.is_interval() && d.earliest().is_none())
        .count();
    assert!(intervals > open_end + open_start, "closed intervals");
    assert!(open_end > 0 && open_start > 0, "open ends");
    assert!(
        dates.iter().any(|d| d.qualifier().approximate),
        "approximate dates"
    );
    assert!(
        dates.iter().any(|d| d.qualifier().uncertain),
        "uncertain dates"
    );
    for precision in [
        Precision::Year,
        Precision::Month,
        Precision::Day,
        Precision::Minute,
    ] {
        assert!(
            dates.iter().any(|d| d.precision() == precision),
            "no date at {precision:?} precision"
        );
    }
    let years: std::collections::BTreeSet<i64> = dates
        .iter()
        .map(|d| d.sort_key().div_euclid(365 * 86_400))
        .collect();
    assert!(
        years.len() >= 15,
        "dates spread over {} years only",
        years.len()
    );

    let shared: Vec<_> = corpus
        .happenings
        .iter()
        .filter(|h| h.source_count >= 2)
        .collect();
    assert!(
        shared.len() >= 20,
        "{} stories with several sources",
        shared.len()
    );
    assert!(shared.iter().all(|h| h.source_count <= 5));
    let in_stories: usize = shared.iter().map(|h| h.events.len()).sum();
    let share = in_stories * 100 / corpus.events.len();
    assert!(
        (10..=35).contains(&share),
        "{share}% of events in shared stories"
    );
    let date_conflicts = shared
        .iter()
        .filter(|h| {
            h.conflicts
                .iter()
                .any(|c| matches!(c, Conflict::Dates { .. }))
        })
        .count();
    let actor_conflicts = shared
        .iter()
        .filter(|h| {
            h.conflicts
                .iter()
                .any(|c| matches!(c, Conflict::Actors { .. }))
        })
        .count();
    assert!(date_conflicts > 0, "no date conflict");
    assert!(actor_conflicts > 0, "no actor conflict");

    let languages: std::collections::BTreeSet<&str> = corpus
        .articles
        .iter()
        .map(|a| a.language.as_str())
        .collect();
    assert_eq!(languages.into_iter().collect::<Vec<_>>(), ["en", "fr"]);
    let all_text: String = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    for c in ['é', 'à', 'ç', '«', '»', '’', '\u{202f}'] {
        assert!(all_text.contains(c), "no {c:?} in the texts");
    }
    // Entities: a few hundred, with a Zipf-like head.
    assert!(
        corpus.entities.len() >= 100,
        "{} entities",
        corpus.entities.len()
    );
    let mut uses = vec![0usize; corpus.entities.len()];
    for e in &corpus.events {
        for a in e.actors.iter().chain(&e.places) {
            uses[a.index()] += 1;
        }
    }
    uses.sort_unstable_by(|a, b| b.cmp(a));
    assert!(
        uses[0] > 10 * uses[uses.len() / 2].max(1),
        "no frequent entities: {uses:?}"
    );
    let kinds: std::collections::BTreeSet<&str> = corpus
        .events
        .iter()
        .filter_map(|e| e.kind.as_deref())
        .collect();
    assert!(kinds.len() >= 8, "{kinds:?}");
    assert!(corpus.events.iter().any(|e| !e.tags.is_empty()));
    assert!(corpus.events.iter().any(|e| e.actors.is_empty()));
    assert!(corpus.events.iter().any(|e| e.evidence.len() > 1));
}

fn check_passages(corpus: &Corpus) {
    for e in &corpus.events {
        let article = corpus.article_of(e).unwrap();
        assert!(!e.evidence.is_empty());
        for ev in &e.evidence {
            let chars: String = article
                .text
                .chars()
                .skip(ev.passage.char_start as usize)
                .take((ev.passage.char_end - ev.passage.char_start) as usize)
                .collect();
            assert_eq!(chars, ev.passage.quote(&article.text));
            assert!(!chars.is_empty());
        }
    }
}

#[test]
fn written_quotes_sit_at_their_code_point_offsets() {
    // Checked on the raw JSON, not through the loader (which would re-anchor a wrong offset
    // with a warning).
    let g = Generator::new(Params::new(3, 2_000, 20).unwrap());
    let mut non_ascii = 0;
    for i in 0..20 {
        let value = serde_json::to_value(g.article(i).unwrap()).unwrap();
        let text: Vec<char> = value["article"]["text"].as_str().unwrap().chars().collect();
        for event in value["events"].as_array().unwrap() {
            for ev in event["evidence"].as_array().unwrap() {
                let (start, end) = (
                    ev["start"].as_u64().unwrap() as usize,
                    ev["end"].as_u64().unwrap() as usize,
                );
                let quote = ev["quote"].as_str().unwrap();
                let at: String = text[start..end].iter().collect();
                assert_eq!(at, quote);
                if !quote.is_ascii() {
                    non_ascii += 1;
                }
            }
        }
    }
    assert!(non_ascii > 100, "{non_ascii} non-ASCII quotes");
}
