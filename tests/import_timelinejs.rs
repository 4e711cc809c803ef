//! TimelineJS3 timelines, JSON and spreadsheet CSV: the example files of the TimelineJS
//! project, small files made to break the reader, and the JSON writer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};
use std::sync::Arc;

use frise::formats::{self, LoadOptions, Progress, timelinejs};
use frise::model::{
    Corpus, Diagnostic, Document, Edtf, Event, EventRole, Lang, Precision, Severity,
};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(paths: &[PathBuf]) -> Corpus {
    formats::load(paths, &LoadOptions::default(), &Progress::default())
}

fn read(name: &str, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    formats::read_text(&Arc::from(name), text)
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn date(e: &Event) -> String {
    e.date.map(|d| d.to_string()).unwrap_or_default()
}

fn event<'c>(events: &'c [Event], id: &str) -> &'c Event {
    match events.iter().find(|e| e.id == id) {
        Some(e) => e,
        None => panic!("no event {id}"),
    }
}

/// Every evidence passage's quote is the text at its code-point offsets.
fn assert_passages_match(corpus: &Corpus) {
    let mut checked = 0;
    for e in &corpus.events {
        let text = &corpus.articles[e.article.index()].text;
        for ev in &e.evidence {
            let p = ev.passage;
            let by_chars: String = text
                .chars()
                .skip(p.char_start as usize)
                .take((p.char_end - p.char_start) as usize)
                .collect();
            assert_eq!(p.quote(text), by_chars, "event {}", e.id);
            assert!(!by_chars.is_empty(), "event {}", e.id);
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn every_example_timeline_loads_without_problems() {
    let corpus = load(&[fixture("timelinejs")]);
    for d in &corpus.diagnostics {
        eprintln!("{d}");
    }
    assert_eq!(corpus.error_count(), 0);
    assert_eq!(corpus.warning_count(), 0);
    assert_eq!(corpus.articles.len(), 4);
    assert_eq!(corpus.events.len(), 22 + 18 + 10 + 10);
    assert!(corpus.events.iter().all(|e| e.date.is_some()));
    assert_passages_match(&corpus);
    for a in &corpus.articles {
        assert!(!a.text.contains('<'), "{}: tags left in the text", a.id);
        assert!(!a.text.contains("&amp;"), "{}", a.id);
    }
}

#[test]
fn welcome_json_slides_titles_dates_and_media() {
    let corpus = load(&[fixture("timelinejs/welcome.json")]);
    assert_eq!(corpus.error_count(), 0);
    let article = &corpus.articles[0];
    assert_eq!(article.id, "welcome");
    // The title slide's headline, "Whitney Houston<br/> 1963 - 2012", without its tag.
    assert_eq!(article.title, "Whitney Houston 1963 - 2012");
    assert_eq!(article.source, "Whitney Houston 1963 - 2012");
    assert!(
        article
            .text
            .starts_with("Houston's voice caught the imagination")
    );
    assert_eq!(corpus.events.len(), 18);

    let first = event(&corpus.events, "slide-1");
    assert_eq!(first.title, "A Musical Heritage");
    assert_eq!(date(first), "1963-08-09");
    assert_eq!(first.date.map(|d| d.precision()), Some(Precision::Day));
    let year_only = event(&corpus.events, "slide-2");
    assert_eq!(date(year_only), "1978");
    assert_eq!(year_only.date.map(|d| d.precision()), Some(Precision::Year));
    // The evidence is the slide's own text, HTML removed.
    assert_eq!(
        year_only.evidence[0].passage.quote(&article.text),
        "At the age of 15 Houston was featured on Michael Zager's song, Life's a Party."
    );
    let italics = event(&corpus.events, "slide-3");
    assert!(
        italics.evidence[0]
            .passage
            .quote(&article.text)
            .contains("for the Bodyguard soundtrack")
    );
    // Media URLs are references (never fetched) and kept on the event.
    assert!(
        article
            .references
            .contains(&"https://youtu.be/fSrO91XO1Ck".to_owned())
    );
    assert!(
        article
            .references
            .contains(&"//www.flickr.com/photos/tm_10001/2310475988/".to_owned())
    );
    let media = year_only
        .extra
        .as_ref()
        .and_then(|x| x.get("media"))
        .and_then(|m| m.get("url"))
        .and_then(Value::as_str);
    assert_eq!(media, Some("https://youtu.be/fSrO91XO1Ck"));
}

#[test]
fn the_spreadsheet_and_the_json_of_one_timeline_agree() {
    let csv = load(&[fixture("timelinejs/women_in_computing.csv")]);
    let json = load(&[fixture("timelinejs/women_in_computing.json")]);
    assert_eq!(csv.error_count() + json.error_count(), 0);
    assert_eq!(csv.events.len(), 10);
    assert_eq!(json.events.len(), 10);
    let dates = |c: &Corpus| c.events.iter().map(date).collect::<Vec<_>>();
    assert_eq!(dates(&csv), dates(&json));
    let titles = |c: &Corpus| c.events.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&csv), titles(&json));
    assert_eq!(csv.articles[0].title, "Women in Computing");

    let ada = event(&csv.events, "slide-1");
    assert_eq!(date(ada), "1815-12-10/1852-11-27");
    let eniac = event(&csv.events, "slide-3");
    // A month start and a year end: each end keeps its own precision.
    assert_eq!(date(eniac), "1943-07/1946");
    // A slide whose text is empty and whose media is a quotation shows the quotation.
    let clarke = event(&csv.events, "slide-2");
    let text = &csv.articles[0].text;
    assert!(
        clarke.evidence[0]
            .passage
            .quote(text)
            .starts_with("There is no demand for women engineers")
    );
    // Links in slide text are references too.
    assert!(
        csv.articles[0]
            .references
            .contains(&"https://en.wikipedia.org/wiki/Ada_Lovelace".to_owned())
    );
    assert_passages_match(&csv);
}

const RICH: &str = r##"{
  "title": {"text": {"headline": "Rich &amp; <b>varied</b>", "text": "<p>Intro.</p>"}},
  "events": [
    {"unique_id": "launch", "start_date": {"year": 2020, "month": "3", "day": 14, "hour": "9", "minute": "30"},
     "display_date": "mid-March 2020", "group": "Space",
     "text": {"headline": "Launch", "text": "<p>Tom &amp; Jerry <a href='https://example.org/launch'>watched</a>.</p><p>Then left.</p>"},
     "media": {"url": "https://example.org/rocket.jpg", "caption": "A rocket"}},
    {"start_date": {"year": "1999", "month": "5"}, "text": {"headline": "A month"}},
    {"start_date": {"year": "2001", "month": "", "day": ""}, "end_date": {"year": "2003"},
     "text": {"text": "No headline here, only text that becomes the title."}},
    {"start_date": {"year": "-500"}, "text": {"headline": "Before the common era", "text": "Far back."}},
    {"start_date": {"year": "1999", "month": "13"}, "text": {"headline": "Bad month", "text": "Bad."}},
    {"unique_id": "launch", "start_date": {"year": "2021"}, "text": {"headline": "Same id", "text": "Again."}}
  ],
  "eras": [
    {"start_date": {"year": "1990"}, "end_date": {"year": "1999"}, "text": {"headline": "The nineties"}}
  ],
  "scale": "human"
}"##;

#[test]
fn slides_keep_precision_display_dates_groups_and_eras() {
    let (docs, diags) = read("rich.json", RICH);
    for d in &diags {
        eprintln!("{d}");
    }
    let doc = &docs[0];
    assert_eq!(doc.article.title, "Rich & varied");
    let events = &doc.events;
    // Six slides and one era, minus the slide with month 13.
    assert_eq!(events.len(), 6);

    let launch = event(events, "launch");
    assert_eq!(date(launch), "2020-03-14T09:30");
    assert_eq!(launch.date.map(|d| d.precision()), Some(Precision::Minute));
    assert_eq!(launch.display_date.as_deref(), Some("mid-March 2020"));
    assert_eq!(launch.tags, vec!["Space".to_owned()]);
    let quote = launch.evidence[0].passage.quote(&doc.article.text);
    assert_eq!(quote, "Tom & Jerry watched.\nThen left.");
    assert!(
        doc.article
            .references
            .contains(&"https://example.org/launch".to_owned())
    );
    assert!(
        doc.article
            .references
            .contains(&"https://example.org/rocket.jpg".to_owned())
    );
    // The HTML is kept beside the plain text.
    let html = launch
        .extra
        .as_ref()
        .and_then(|x| x.get("text"))
        .and_then(|t| t.get("text"))
        .and_then(Value::as_str)
        .unwrap_or("");
    assert!(html.contains("<a href="));

    let month = event(events, "slide-2");
    assert_eq!(date(month), "1999-05");
    assert_eq!(month.date.map(|d| d.precision()), Some(Precision::Month));
    assert!(month.evidence.is_empty(), "no text, no passage");

    let untitled = event(events, "slide-3");
    assert_eq!(date(untitled), "2001/2003");
    assert_eq!(
        untitled.title,
        "No headline here, only text that becomes the title."
    );

    // A year before the common era is placed as TimelineJS shows it: -500 is "500 BCE",
    // frise's astronomical -0499.
    let bce = event(events, "slide-4");
    assert_eq!(date(bce), "-0499");
    assert!(
        !diags.iter().any(|d| d.event.as_deref() == Some("slide-4")),
        "{diags:?}"
    );

    // Month 13: that slide is skipped, with an error naming it and the place of the month.
    assert!(events.iter().all(|e| e.id != "slide-5"));
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].event.as_deref(), Some("slide-5"));
    assert!(errs[0].message.contains("month 13"), "{}", errs[0]);
    let month_line = RICH
        .lines()
        .position(|l| l.contains("\"13\""))
        .map(|i| i as u32 + 1);
    assert_eq!(errs[0].line_col.map(|(l, _)| l), month_line);

    // A second slide with the same unique_id is renamed, not lost.
    assert_eq!(date(event(events, "launch-2")), "2021");

    let era = event(events, "era-1");
    assert_eq!(era.role, EventRole::Period);
    assert_eq!(date(era), "1990/1999");

    // Unknown top-level members stay on the article.
    let kept = doc
        .article
        .extra
        .as_ref()
        .and_then(|x| x.get("timelinejs"))
        .and_then(|t| t.get("scale"));
    assert_eq!(kept, Some(&Value::from("human")));
}

#[test]
fn malformed_timelines_give_clear_messages() {
    // No "events": read as TimelineJS (title and eras), with an error that says so.
    let (docs, diags) = read(
        "no-events.json",
        r#"{"title": {"text": {"headline": "T"}}, "eras": [{"start_date": {"year": "1990"}, "end_date": {"year": "1991"}}]}"#,
    );
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("no \"events\""), "{}", errs[0]);
    assert_eq!(docs[0].events.len(), 1);

    let (_, diags) = read("null-events.json", r#"{"title": {}, "events": null}"#);
    assert!(errors(&diags)[0].message.contains("no \"events\""));

    // Neither format: the message names both.
    let (docs, diags) = read("what.json", r#"{"title": "x", "items": []}"#);
    assert!(docs.is_empty());
    let m = &errors(&diags)[0].message;
    assert!(m.contains("frise") && m.contains("TimelineJS"), "{m}");

    let (_, diags) = read("array.json", r#"[1, 2]"#);
    let m = &errors(&diags)[0].message;
    assert!(m.contains("array") && m.contains("TimelineJS"), "{m}");

    // "events" that is not an array.
    let (_, diags) = read("bad-events.json", r#"{"events": {"a": 1}}"#);
    assert!(
        errors(&diags)[0]
            .message
            .contains("\"events\" must be an array")
    );

    // Truncated: a syntax error with its place.
    let (docs, diags) = read("cut.json", "{\"events\": [{\"start_date\": {\"year\": \"19");
    assert!(docs.is_empty());
    assert!(errors(&diags)[0].line_col.is_some());

    // A slide that is not an object is skipped; the next still loads.
    let (docs, diags) = read(
        "mixed.json",
        r#"{"events": ["oops", {"start_date": {"year": "2000"}, "text": {"headline": "ok", "text": "fine"}}]}"#,
    );
    assert_eq!(errors(&diags).len(), 1);
    assert_eq!(docs[0].events.len(), 1);
    assert_eq!(docs[0].events[0].id, "slide-2");

    // Day 31 in February, hour 25, letters for a year.
    for (bad, why) in [
        (r#"{"year": "2001", "month": "2", "day": "31"}"#, "day 31"),
        (
            r#"{"year": "2001", "month": "2", "day": "3", "hour": "25"}"#,
            "time",
        ),
        (r#"{"year": "20o1"}"#, "not a whole number"),
        (r#""2001""#, "must be an object"),
    ] {
        let text = format!(r#"{{"events": [{{"start_date": {bad}, "text": {{"text": "x"}}}}]}}"#);
        let (docs, diags) = read("bad-date.json", &text);
        assert_eq!(docs[0].events.len(), 0, "{bad}");
        let errs = errors(&diags);
        assert!(errs[0].message.contains(why), "{}", errs[0]);
        assert_eq!(errs[0].event.as_deref(), Some("slide-1"));
    }
}

#[test]
fn csv_files_must_be_timelinejs_spreadsheets() {
    let (docs, diags) = read("people.csv", "name,age\nAda,36\n");
    assert!(docs.is_empty());
    let m = &errors(&diags)[0].message;
    assert!(
        m.contains("not a TimelineJS3 spreadsheet") && m.contains("Year"),
        "{m}"
    );

    let sheet = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,Notes\n\
        ,,,,,,,,,My title,<p>About &lt;this&gt;</p>,,,,,title,,,\n\
        1999,13,1,,,,,,,Bad month,x,,,,,,,,\n\
        2001,9,11,8:46 AM,,,,,,Clock,<p>Text</p>,https://e.org/v,,,,,News,#ff0000,kept note\n\
        1990,,,,1999,,,,,Nineties,,,,,,era,,,\n";
    let (docs, diags) = read("sheet.csv", sheet);
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line_col.map(|(l, _)| l), Some(3));
    assert_eq!(errs[0].event.as_deref(), Some("slide-1"));
    assert!(errs[0].message.contains("month 13"));
    let doc = &docs[0];
    assert_eq!(doc.article.title, "My title");
    assert!(doc.article.text.starts_with("About <this>"));
    assert_eq!(doc.events.len(), 2);
    let clock = event(&doc.events, "slide-2");
    assert_eq!(date(clock), "2001-09-11T08:46");
    assert_eq!(clock.tags, vec!["News".to_owned()]);
    let extra = clock
        .extra
        .as_ref()
        .map(|x| x.as_ref().clone())
        .unwrap_or_default();
    assert_eq!(extra.get("Notes"), Some(&Value::from("kept note")));
    assert_eq!(
        extra.get("background").and_then(|b| b.get("color")),
        Some(&Value::from("#ff0000"))
    );
    let era = event(&doc.events, "era-1");
    assert_eq!(era.role, EventRole::Period);
    assert_eq!(date(era), "1990/1999");
}

fn slides(value: &Value) -> &Vec<Value> {
    match value.get("events") {
        Some(Value::Array(a)) => a,
        other => panic!("no events array: {other:?}"),
    }
}

#[test]
fn written_timelines_read_back_the_same() {
    for name in [
        "welcome.json",
        "women_in_computing.json",
        "women_in_computing.csv",
    ] {
        let corpus = load(&[fixture(&format!("timelinejs/{name}"))]);
        let out = timelinejs::to_timelinejs(&corpus, &[], |e| e.tags.first().cloned(), Lang::En);
        assert_eq!(out.skipped_undated, 0);
        let json = serde_json::to_string_pretty(&out.value).unwrap_or_default();
        let (docs, diags) = read("written.json", &json);
        assert!(errors(&diags).is_empty(), "{name}: {diags:?}");
        let back = &docs[0].events;
        assert_eq!(back.len(), corpus.events.len(), "{name}");
        let before: Vec<String> = corpus.events.iter().map(date).collect();
        let after: Vec<String> = back.iter().map(date).collect();
        assert_eq!(before, after, "{name}");
        let titles: Vec<&str> = back.iter().map(|e| e.title.as_str()).collect();
        let original: Vec<&str> = corpus.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, original, "{name}");
        assert_eq!(docs[0].article.title, corpus.articles[0].title);
    }
}

#[test]
fn the_seed_corpus_writes_dates_at_their_precision() {
    let corpus = formats::load_bundled();
    let shown = vec![true; corpus.events.len()];
    let out = timelinejs::to_timelinejs(&corpus, &shown, |_| None, Lang::Fr);
    let written = slides(&out.value);
    assert_eq!(written.len(), out.slides.len());
    assert_eq!(
        out.slides.len() + out.eras.len() + out.skipped_undated,
        corpus.events.len()
    );
    assert!(!written.is_empty());
    let mut precisions = Vec::new();
    for (slide, &ix) in written.iter().zip(&out.slides) {
        let event = &corpus.events[ix.index()];
        let Some(date) = event.date else {
            panic!("an undated event was written: {}", event.id);
        };
        let start = &slide["start_date"];
        let has = |k: &str| start.get(k).is_some();
        let precision = match date {
            Edtf::Point(p) => p.precision(),
            Edtf::Interval { .. } => date.precision(),
        };
        precisions.push(precision);
        assert!(has("year"), "{}", event.id);
        assert_eq!(has("month"), precision >= Precision::Month, "{}", event.id);
        assert_eq!(has("day"), precision >= Precision::Day, "{}", event.id);
        assert_eq!(has("hour"), precision >= Precision::Minute, "{}", event.id);
        assert_eq!(
            slide["display_date"].as_str(),
            Some(date.human(Lang::Fr).as_str())
        );
        assert!(
            slide["text"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("<p>"))
        );
    }
    assert!(
        precisions.contains(&Precision::Month),
        "the seeds have a month date"
    );
    assert!(precisions.contains(&Precision::Year));
    // Escaped text: no raw "<" from the articles.
    let json = out.value.to_string();
    assert!(!json.contains("<script"));

    // A filter leaves events out; a title can be set.
    let mut some = vec![false; corpus.events.len()];
    some[0] = true;
    let mut one = timelinejs::to_timelinejs(&corpus, &some, |_| None, Lang::En);
    assert!(slides(&one.value).len() <= 1);
    one.set_title("Brief <1>", "Line one\nLine two");
    assert_eq!(
        one.value["title"]["text"]["headline"].as_str(),
        Some("Brief &lt;1&gt;")
    );
    assert_eq!(
        one.value["title"]["text"]["text"].as_str(),
        Some("<p>Line one</p><p>Line two</p>")
    );
}

#[test]
fn open_ended_and_undated_events_in_the_writer() {
    let text = r#"{"frise": 1, "article": {"id": "a", "title": "A", "source": "S", "language": "en",
        "text": "Since 2024 things. Until 2025 others. Sometime maybe."},
      "events": [
        {"id": "since", "title": "Since", "date": "2024-12/..", "evidence": [{"quote": "Since 2024 things."}]},
        {"id": "until", "title": "Until", "date": "../2025-08-01", "evidence": [{"quote": "Until 2025 others."}]},
        {"id": "never", "title": "Never", "evidence": [{"quote": "Sometime maybe."}]}
      ]}"#;
    let (docs, diags) = read("native.json", text);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    let mut builder = frise::model::CorpusBuilder::new();
    for d in docs {
        builder.add(d);
    }
    let corpus = builder.finish();
    let out = timelinejs::to_timelinejs(&corpus, &[], |_| Some("lane".into()), Lang::En);
    assert_eq!(out.skipped_undated, 1);
    let written = slides(&out.value);
    assert_eq!(written.len(), 2);
    assert_eq!(written[0]["start_date"]["month"].as_str(), Some("12"));
    assert!(written[0].get("end_date").is_none());
    assert_eq!(written[0]["display_date"].as_str(), Some("since Dec 2024"));
    assert_eq!(written[1]["start_date"]["day"].as_str(), Some("1"));
    assert_eq!(
        written[1]["display_date"].as_str(),
        Some("until 1 August 2025")
    );
    assert_eq!(written[1]["group"].as_str(), Some("lane"));
    assert_eq!(
        written[0]["text"]["text"].as_str(),
        Some("<p>Since 2024 things.</p><p>— S, A</p>")
    );
}
