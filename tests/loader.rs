//! The loader on hostile and real inputs: every malformed fixture, the bundled corpus,
//! `.jsonl`, directories, limits, and unknown fields surviving a round trip.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};

use frise::formats::{self, LoadOptions, Progress};
use frise::model::{Conflict, Corpus, EntityKind, Precision, Severity};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

fn load(paths: &[PathBuf]) -> Corpus {
    formats::load(paths, &LoadOptions::default(), &Progress::default())
}

/// Loads one bad fixture; returns the corpus and its diagnostics as printed lines.
fn load_bad(name: &str) -> (Corpus, Vec<String>) {
    let corpus = load(&[fixture(name)]);
    let lines = corpus.diagnostics.iter().map(ToString::to_string).collect();
    (corpus, lines)
}

fn assert_ok_event_loads(corpus: &Corpus) {
    assert!(
        corpus.events.iter().any(|e| e.id == "ok"),
        "the good event must still load: {:?}",
        corpus.events.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
}

fn only_error(lines: &[String], name: &str, needle: &str) {
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    assert!(line.contains(name), "names the file: {line}");
    assert!(line.contains(": error: "), "is an error: {line}");
    assert!(line.contains(needle), "says `{needle}`: {line}");
}

#[test]
fn truncated_json_names_line_and_column() {
    let (corpus, lines) = load_bad("01-truncated.json");
    only_error(&lines, "01-truncated.json:1:", "ends too early");
    assert!(corpus.articles.is_empty());
}

#[test]
fn invalid_utf8_names_the_byte() {
    let (_, lines) = load_bad("02-invalid-utf8.json");
    only_error(&lines, "02-invalid-utf8.json:1:43", "not valid UTF-8");
}

#[test]
fn empty_file() {
    let (_, lines) = load_bad("03-empty.json");
    only_error(&lines, "03-empty.json", "empty");
}

#[test]
fn out_of_range_offsets_are_reanchored_with_a_warning() {
    let (corpus, lines) = load_bad("04-span-out-of-range.json");
    assert_eq!(corpus.error_count(), 0, "{lines:?}");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("warning: event 'far'"), "{}", lines[0]);
    assert!(lines[0].contains("re-anchored"), "{}", lines[0]);
    assert_ok_event_loads(&corpus);
    let far = corpus.events.iter().find(|e| e.id == "far").unwrap();
    let text = &corpus.articles[0].text;
    assert_eq!(far.evidence[0].passage.quote(text), "ministres");
}

/// The event `id` of a loaded fixture: it loaded, with no placed passage and one unplaced.
fn unplaced_event(corpus: &Corpus, id: &str, quote: &str) {
    let event = corpus
        .events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("event '{id}' must load"));
    assert!(event.evidence.is_empty());
    assert_eq!(event.unplaced_quotes().collect::<Vec<_>>(), [quote]);
}

#[test]
fn quote_not_in_text_loads_the_event_with_its_passage_unplaced() {
    let (corpus, lines) = load_bad("05-quote-not-in-text.json");
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    assert!(line.contains("05-quote-not-in-text.json:22:5"), "{line}");
    assert!(line.contains(": warning: event 'ghost'"), "{line}");
    assert!(
        line.contains("unplaced") && line.contains("does not occur"),
        "{line}"
    );
    assert_eq!(corpus.error_count(), 0);
    assert_ok_event_loads(&corpus);
    unplaced_event(&corpus, "ghost", "une rencontre à Paris");
}

#[test]
fn an_unplaced_passage_is_written_back_where_it_was() {
    let (corpus, _) = load_bad("05-quote-not-in-text.json");
    let ghost = corpus.events.iter().position(|e| e.id == "ghost").unwrap();
    let written = formats::native::write_document(&corpus, frise::model::ArticleIx(0)).unwrap();
    let evidence = &written["events"][ghost]["evidence"];
    assert_eq!(
        evidence,
        &serde_json::json!([{"quote": "une rencontre à Paris"}])
    );
    // The private key that holds it in memory never reaches the file.
    assert!(!written.to_string().contains("unplaced"), "{written}");
}

#[test]
fn ambiguous_quote_says_how_to_fix_it() {
    let (corpus, lines) = load_bad("06-ambiguous-quote.json");
    only_error(&lines, "06-ambiguous-quote.json", "event 'amb'");
    assert!(lines[0].contains("occurs 2 times"), "{}", lines[0]);
    assert!(lines[0].contains("\"start\""), "{}", lines[0]);
    assert_ok_event_loads(&corpus);
    assert!(corpus.events.iter().any(|e| e.id == "amb"));
}

#[test]
fn saved_context_settles_an_ambiguous_quote_and_survives_edits_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    // The second "Moscou" is meant; the text was edited since (a sentence added in
    // front), so the offsets are stale, and the quote alone is ambiguous.
    let text = r#"{"frise":1,"article":{"id":"a","text":"Ajout. Le 31 juillet, rencontre à Moscou. Moscou a confirmé la rencontre."},
      "events":[{"id":"e","title":"Confirmation","evidence":[
        {"quote":"Moscou","start":35,"end":41,"prefix":"juillet, rencontre à Moscou. ","suffix":" a confirmé la rencontre."}]},
        {"id":"f","title":"Sans offsets","evidence":[
        {"quote":"Moscou","prefix":"rencontre à ","suffix":". Moscou a"}]}]}"#;
    std::fs::write(&path, text).unwrap();
    let c = load(&[path]);
    assert_eq!(c.error_count(), 0, "{:?}", c.diagnostics);
    let article = &c.articles[0].text;
    let e = &c.events[0].evidence[0].passage;
    assert_eq!(e.char_start, 42, "{:?}", c.diagnostics);
    assert_eq!(e.quote(article), "Moscou");
    let f = &c.events[1].evidence[0].passage;
    assert_eq!(f.char_start, 34);
    // Saved again, each passage carries its context.
    let written = formats::native::write_document(&c, frise::model::ArticleIx(0)).unwrap();
    let saved = &written["events"][0]["evidence"][0];
    assert_eq!(saved["start"], 42);
    assert_eq!(saved["prefix"], "31 juillet, rencontre à Moscou. ");
    assert_eq!(saved["suffix"], " a confirmé la rencontre.");
}

#[test]
fn invalid_date_names_the_event_and_the_month() {
    let (corpus, lines) = load_bad("07-invalid-date.json");
    only_error(&lines, "07-invalid-date.json:22:5", "event 'baddate'");
    assert!(lines[0].contains("month 13"), "{}", lines[0]);
    assert_ok_event_loads(&corpus);
}

#[test]
fn deep_nesting_neither_overflows_nor_loads() {
    let (corpus, lines) = load_bad("08-deep-nesting.json");
    only_error(&lines, "08-deep-nesting.json:1:1", "array");
    assert!(corpus.events.is_empty());
}

#[test]
fn deep_nesting_inside_events_is_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.json");
    let depth = 100_000;
    let events = format!(
        "[{{\"id\":\"ok\",\"title\":\"t\",\"evidence\":[]}}, {}{}]",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let text =
        format!("{{\"frise\":1,\"article\":{{\"id\":\"a\",\"text\":\"x\"}},\"events\":{events}}}");
    std::fs::write(&path, text).unwrap();
    let corpus = load(&[path]);
    assert!(corpus.error_count() >= 1, "{:?}", corpus.diagnostics);
    assert!(corpus.diagnostics[0].to_string().contains("deep.json:1:"));
}

#[test]
fn wrong_top_level_says_what_was_expected() {
    let (_, lines) = load_bad("09-wrong-top-level.json");
    only_error(
        &lines,
        "09-wrong-top-level.json:1:1",
        "neither a frise article",
    );
}

#[test]
fn duplicate_event_ids_keep_the_first() {
    let (corpus, lines) = load_bad("10-duplicate-event-ids.json");
    only_error(
        &lines,
        "10-duplicate-event-ids.json:22:5",
        "duplicate event id",
    );
    assert_eq!(corpus.events.len(), 1);
    assert_ok_event_loads(&corpus);
}

#[test]
fn unsupported_version_is_named() {
    let (_, lines) = load_bad("11-unsupported-version.json");
    only_error(&lines, "11-unsupported-version.json:2:12", "version 99");
}

#[test]
fn start_after_end_points_at_the_right_offsets() {
    let (corpus, lines) = load_bad("12-start-after-end.json");
    only_error(&lines, "12-start-after-end.json:22:5", "event 'rev'");
    assert!(lines[0].contains("unplaced"), "{}", lines[0]);
    assert!(
        lines[0].contains("start (60) is after end (51)"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("55..64"), "{}", lines[0]);
    assert_ok_event_loads(&corpus);
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let mut paths = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")];
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles"));
    let corpus = load(&paths);
    assert!(corpus.events.iter().any(|e| e.id == "moscow-meeting-a"));
    // Every bad fixture with an error reports it, in path order (05 is a warning now: its
    // event loads with its passage unplaced).
    let errored: std::collections::BTreeSet<String> = corpus
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.rsplit('/').next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(errored.len(), 10, "{errored:?}");
    assert!(!errored.contains("05-quote-not-in-text.json"));
}

fn bundled() -> Corpus {
    formats::load_bundled()
}

#[test]
fn the_bundled_corpus_loads_cleanly() {
    let c = bundled();
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    assert_eq!(c.articles.len(), 2);
    assert!(c.events.len() >= 12, "{}", c.events.len());
    for a in &c.articles {
        assert_eq!(a.language, "fr");
        assert!(a.published.is_none(), "the seeds give no publication date");
        assert_eq!(a.text, a.text.trim_end());
    }
    // Every passage is exactly the quoted text, in code points.
    for e in &c.events {
        let text = &c.articles[e.article.index()].text;
        assert!(!e.evidence.is_empty(), "{} has evidence", e.id);
        for ev in &e.evidence {
            let by_chars: String = text
                .chars()
                .skip(ev.passage.char_start as usize)
                .take((ev.passage.char_end - ev.passage.char_start) as usize)
                .collect();
            assert_eq!(ev.passage.quote(text), by_chars);
        }
    }
}

#[test]
fn the_moscow_meeting_is_one_happening_with_an_attendance_conflict() {
    let c = bundled();
    let meeting = c
        .events
        .iter()
        .find(|e| e.id == "moscow-meeting-a")
        .unwrap();
    let h = &c.happenings[meeting.happening.index()];
    assert_eq!(h.source_count, 2);
    assert_eq!(h.date.unwrap().to_string(), "2025-07-31");
    let text = &c.articles[meeting.article.index()].text;
    assert!(
        meeting.evidence[0]
            .passage
            .quote(text)
            .starts_with("Le 31 juillet 2025, une rencontre à Moscou")
    );
    let actors = h
        .conflicts
        .iter()
        .find(|c| matches!(c, Conflict::Actors { .. }))
        .expect("attendees differ");
    let said = c.describe_conflict(actors, frise::model::Lang::En);
    for name in ["Faisal Mekdad", "Asaad al-Shaibani", "Murhaf Abu Qasra"] {
        assert!(said.contains(name), "{said}");
    }
}

#[test]
fn assad_exile_keeps_both_precisions_without_conflict() {
    let c = bundled();
    let story: Vec<_> = c
        .events
        .iter()
        .filter(|e| e.story.as_deref() == Some("assad-exile-2024-12"))
        .collect();
    assert_eq!(story.len(), 2);
    let precisions: Vec<Precision> = story.iter().map(|e| e.date.unwrap().precision()).collect();
    assert!(precisions.contains(&Precision::Month) && precisions.contains(&Precision::Year));
    let h = &c.happenings[story[0].happening.index()];
    assert!(h.conflicts.is_empty(), "2024 and 2024-12 agree");
    assert_eq!(h.date.unwrap().to_string(), "2024-12");
}

#[test]
fn undated_and_fuzzy_events_are_kept() {
    let c = bundled();
    let charaa = c
        .events
        .iter()
        .find(|e| e.title.contains("redefine"))
        .expect("al-Charaa's statement");
    assert!(charaa.date.is_none(), "«récemment» gives no date");
    let decade = c
        .events
        .iter()
        .find(|e| e.title.contains("decade"))
        .expect("a decade of conflict");
    let d = decade.date.unwrap();
    assert!(d.is_interval() && d.qualifier().approximate, "{d}");
    for (id, kind) in [
        ("tartous", EntityKind::Place),
        ("hmeimim", EntityKind::Place),
        ("sana", EntityKind::Organization),
        ("lavrov", EntityKind::Person),
    ] {
        let e = c
            .entity_by_id(id)
            .and_then(|ix| c.entity(ix))
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(e.kind, kind, "{id}");
    }
    let committees = c
        .events
        .iter()
        .find(|e| e.title.contains("ommittees"))
        .expect("committees");
    assert_eq!(committees.date.unwrap().to_string(), "2025-07-31");
    assert!(
        c.events.iter().any(|e| e.title.contains("sanctions")),
        "Lavrov on sanctions"
    );
}

#[test]
fn jsonl_lines_load_independently_with_their_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    let good = r#"{"frise":1,"article":{"id":"a","text":"Le café est à Paris."},"events":[{"id":"e","title":"Café","date":"2024","evidence":[{"quote":"café"}]}]}"#;
    let bad = r#"{"frise":1,"article":{"id":"b","text":"x"},"events":[{"id":"e","date":"2024-02-30","evidence":[]}]}"#;
    std::fs::write(&path, format!("{good}\n\n{bad}\n{good}\n")).unwrap();
    let c = load(&[path]);
    assert_eq!(c.articles.len(), 3);
    assert_eq!(c.events.len(), 2);
    assert_eq!(c.error_count(), 1);
    let line = c.diagnostics[0].to_string();
    assert!(line.contains("corpus.jsonl:3:"), "{line}");
    assert!(line.contains("day 30"), "{line}");
}

#[test]
fn directories_are_read_recursively_and_other_files_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let doc = |id: &str| {
        format!(
            r#"{{"frise":1,"article":{{"id":"{id}","text":"Texte."}},"events":[{{"id":"e","title":"T","evidence":[{{"quote":"Texte"}}]}}]}}"#
        )
    };
    std::fs::write(dir.path().join("one.json"), doc("one")).unwrap();
    std::fs::write(nested.join("two.json"), doc("two")).unwrap();
    // Raw articles (.txt, .md, .html) are read from folders too; other files are not.
    std::fs::write(nested.join("photo.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(nested.join("notes.docx"), "not an article").unwrap();
    let c = load(&[dir.path().to_path_buf()]);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let mut ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["one", "two"]);
}

#[test]
fn files_over_the_size_limit_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, " ".repeat(10_000)).unwrap();
    let options = LoadOptions {
        max_file_bytes: 1000,
        ..LoadOptions::default()
    };
    let c = formats::load(&[path], &options, &Progress::default());
    assert_eq!(c.error_count(), 1);
    assert!(c.diagnostics[0].message.contains("too large"));
}

#[test]
fn missing_paths_are_reported() {
    let c = load(&[PathBuf::from("/no/such/frise/file.json")]);
    assert_eq!(c.error_count(), 1);
    assert!(
        c.diagnostics[0]
            .to_string()
            .starts_with("/no/such/frise/file.json: error: cannot read")
    );
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extra.json");
    let text = r#"{
  "frise": 1,
  "editor": {"name": "annotator", "version": 3},
  "article": {"id": "a", "text": "Le 31 juillet 2025, à Moscou.", "desk": "international"},
  "entities": [{"id": "moscou", "name": "Moscou", "kind": "place", "wikidata": "Q649"}],
  "events": [{
    "id": "e", "title": "Meeting", "date": "2025-07-31", "places": ["moscou"],
    "confidence": 0.8, "review": {"by": "ana", "ok": true},
    "evidence": [{"quote": "à Moscou", "start": 20, "end": 28, "note": "lieu"}]
  }]
}"#;
    std::fs::write(&path, text).unwrap();
    let c = load(&[path]);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let written = formats::native::write_document(&c, frise::model::ArticleIx(0)).unwrap();
    let original: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(written["editor"], original["editor"]);
    assert_eq!(written["article"]["desk"], "international");
    assert_eq!(written["entities"][0]["wikidata"], "Q649");
    assert_eq!(written["events"][0]["confidence"], 0.8);
    assert_eq!(
        written["events"][0]["review"],
        original["events"][0]["review"]
    );
    assert_eq!(written["events"][0]["evidence"][0]["note"], "lieu");
    assert_eq!(written["events"][0]["evidence"][0]["quote"], "à Moscou");
    // And the written document reads back to the same corpus.
    let again = dir.path().join("again.json");
    formats::write_atomic(
        &again,
        serde_json::to_string_pretty(&written).unwrap().as_bytes(),
    )
    .unwrap();
    let c2 = load(&[again]);
    assert!(c2.diagnostics.is_empty(), "{:?}", c2.diagnostics);
    let rewritten = formats::native::write_document(&c2, frise::model::ArticleIx(0)).unwrap();
    assert_eq!(rewritten, written);
}

#[test]
fn presentations_and_csv_exports_saved_beside_the_articles_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let article = r#"{"frise":1,"article":{"id":"a","text":"Texte."},"events":[{"id":"e","title":"T","evidence":[{"quote":"Texte"}]}]}"#;
    std::fs::write(dir.path().join("a.json"), article).unwrap();
    std::fs::write(
        dir.path().join("lesson.story.json"),
        r#"{"frise_story":1,"title":"Leçon","steps":[]}"#,
    )
    .unwrap();
    let c = load(&[dir.path().to_path_buf()]);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    assert_eq!(c.articles.len(), 1);
}

#[test]
fn loading_reports_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    let line = r#"{"frise":1,"article":{"id":"a","text":"Le café."},"events":[{"id":"e","title":"Café","evidence":[{"quote":"café"}]}]}"#;
    std::fs::write(&path, format!("{line}\n").repeat(50)).unwrap();
    let progress = Progress::default();
    let c = formats::load(
        std::slice::from_ref(&path),
        &LoadOptions::default(),
        &progress,
    );
    assert_eq!(c.articles.len(), 50);
    assert_eq!(
        progress.events.load(std::sync::atomic::Ordering::Relaxed),
        50
    );
    assert_eq!(
        progress
            .files_done
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
    let cancelled = Progress::default();
    cancelled.cancel();
    let c = formats::load(&[path], &LoadOptions::default(), &cancelled);
    assert!(c.articles.is_empty(), "a cancelled load stops");
}
