//! ISO-TimeML documents: the French TimeBank files, and small documents made to test
//! dating rules and to break the reader.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};
use std::sync::Arc;

use frise::formats::{self, LoadOptions, Progress};
use frise::model::{Corpus, Diagnostic, Document, Event, Precision, Severity};
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

/// The character data of `<TEXT>`, by a method independent of the reader: cut the raw
/// file between the tags and drop everything between `<` and `>`.
fn naive_text(xml: &str) -> String {
    let start = xml.find("<TEXT>").map_or(0, |i| i + "<TEXT>".len());
    let end = xml.find("</TEXT>").unwrap_or(xml.len());
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_french_timebank_loads_without_problems() {
    let corpus = load(&[fixture("fr-timebank")]);
    for d in &corpus.diagnostics {
        eprintln!("{d}");
    }
    assert_eq!(corpus.error_count(), 0);
    assert_eq!(corpus.warning_count(), 0);
    assert_eq!(corpus.articles.len(), 70);
    // 1,295 EVENT elements; 11 of them are empty second instances of an event.
    assert_eq!(corpus.events.len(), 1284);
    let dated = corpus.events.iter().filter(|e| e.date.is_some()).count();
    assert_eq!(dated, 392);
    let open = corpus
        .events
        .iter()
        .filter(|e| e.date.is_some_and(|d| d.is_interval()))
        .count();
    assert_eq!(open, 67);

    let mut passages = 0;
    for e in &corpus.events {
        let article = &corpus.articles[e.article.index()];
        let text = &article.text;
        assert!(!e.evidence.is_empty(), "{} {}", article.id, e.id);
        for ev in &e.evidence {
            let p = ev.passage;
            let by_chars: String = text
                .chars()
                .skip(p.char_start as usize)
                .take((p.char_end - p.char_start) as usize)
                .collect();
            assert_eq!(p.quote(text), by_chars, "{} {}", article.id, e.id);
            assert!(!by_chars.is_empty());
            passages += 1;
        }
        assert!(!e.title.is_empty());
        assert!(e.title.chars().count() <= 121, "{}", e.title);
    }
    assert!(passages > corpus.events.len());

    for a in &corpus.articles {
        let xml = std::fs::read_to_string(fixture(&format!("fr-timebank/{}.tml", a.id)))
            .unwrap_or_default();
        assert_eq!(a.text, naive_text(&xml), "{}", a.id);
        assert_eq!(a.language, "fr");
        assert_eq!(a.source, "Est Républicain/CNRTL");
        assert_eq!(a.published.map(|p| p.precision()), Some(Precision::Day));
        assert!(!a.title.is_empty() && !a.title.starts_with('-'), "{}", a.id);
    }
}

#[test]
fn one_article_in_detail() {
    let corpus = load(&[fixture("fr-timebank/1999-05-19-0489a.tml")]);
    assert_eq!(corpus.error_count(), 0);
    let a = &corpus.articles[0];
    assert_eq!(a.id, "1999-05-19-0489a");
    assert_eq!(a.title, "Grosse bronchite pour Eltsine.");
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("1999-05-19")
    );
    assert!(
        a.text
            .starts_with("\nGrosse bronchite pour Eltsine.\nLe président russe")
    );
    assert_eq!(corpus.events.len(), 14);

    // "annulé" IS_INCLUDED in t2 ("hier", 1999-05-18): dated, with "hier" as second passage.
    let cancelled = event(&corpus.events, "e1");
    assert_eq!(date(cancelled), "1999-05-18");
    assert_eq!(cancelled.date.map(|d| d.precision()), Some(Precision::Day));
    assert_eq!(cancelled.evidence[0].passage.quote(&a.text), "annulé");
    assert_eq!(cancelled.evidence[1].passage.quote(&a.text), "hier");
    let timex = cancelled.evidence[1].extra.as_ref();
    assert_eq!(
        timex.and_then(|x| x.get("timex_value")),
        Some(&Value::from("1999-05-18"))
    );
    assert_eq!(
        timex.and_then(|x| x.get("timex_type")),
        Some(&Value::from("DATE"))
    );
    assert!(
        cancelled
            .title
            .starts_with("annulé — Le président russe Boris Eltsine a annulé hier")
    );
    assert_eq!(cancelled.kind.as_deref(), Some("i_action"));

    // "affirmé" is only BEFORE the creation date.
    let said = event(&corpus.events, "e4");
    assert_eq!(date(said), "../1999-05-19");

    // "entretien" IDENTITY "rencontre"; neither is tied to a calendar date.
    assert_eq!(event(&corpus.events, "e7").date, None);
    // "montré" IS_INCLUDED in "Ces derniers jours" (PXD, a duration): undated.
    assert_eq!(event(&corpus.events, "e9").date, None);

    // Every TIMEX3 is listed on the article with its type and value.
    let timexes = a
        .extra
        .as_ref()
        .and_then(|x| x.get("timex3"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert_eq!(timexes.len(), 3);
    assert_eq!(timexes[2]["value"], Value::from("PXD"));
    assert_eq!(timexes[2]["quote"], Value::from("Ces derniers jours"));
}

#[test]
fn times_and_approximations_in_the_fixtures() {
    let corpus = load(&[fixture("fr-timebank/1999-05-21-0104.tml")]);
    // "hier vers 18 h": mod="APPROX", a time of day.
    let attacked = event(&corpus.events, "e1");
    assert_eq!(date(attacked), "1999-05-20T18:00~");
    assert_eq!(
        attacked.date.map(|d| d.precision()),
        Some(Precision::Minute)
    );
}

fn tml(body: &str, links: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<TimeML>\n<DOCID>t</DOCID>\n<DCT><TIMEX3 functionInDocument=\"CREATION_TIME\" tid=\"t0\" type=\"DATE\" value=\"2003-02-04\"/></DCT>\n<TEXT>{body}</TEXT>\n{links}\n</TimeML>\n"
    )
}

#[test]
fn only_calendar_values_date_events() {
    let body = "Il <EVENT eid=\"e1\" eiid=\"ei1\" class=\"OCCURRENCE\">part</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1999-W20\">cette semaine</TIMEX3>, \
        <EVENT eid=\"e2\" eiid=\"ei2\">vit</EVENT> <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"PRESENT_REF\">maintenant</TIMEX3>, \
        <EVENT eid=\"e3\" eiid=\"ei3\">dure</EVENT> <TIMEX3 tid=\"t3\" type=\"DURATION\" value=\"P3Y\">trois ans</TIMEX3> \
        et <EVENT eid=\"e4\" eiid=\"ei4\">revient</EVENT> <TIMEX3 tid=\"t4\" type=\"DATE\" value=\"XXXX-05-19\">un 19 mai</TIMEX3> \
        ou <EVENT eid=\"e5\" eiid=\"ei5\">chante</EVENT> <TIMEX3 tid=\"t5\" type=\"DATE\" value=\"1999-SU\">l'été</TIMEX3>. \
        Il <EVENT eid=\"e6\" eiid=\"ei6\">arrive</EVENT> <TIMEX3 tid=\"t6\" type=\"DATE\" value=\"2003-05\">en mai</TIMEX3>, \
        <EVENT eid=\"e7\" eiid=\"ei7\">repart</EVENT> ensuite et <EVENT eid=\"e8\" eiid=\"ei8\">reviendra</EVENT>. \
        La <EVENT eid=\"e9\" eiid=\"ei9\">visite</EVENT> <TIMEX3 tid=\"t9\" type=\"DATE\" value=\"2003\">cette année</TIMEX3> \
        est la même que le <EVENT eid=\"e10\" eiid=\"ei10\">séjour</EVENT>.";
    let links = "\
        <TLINK lid=\"l1\" eventInstanceID=\"ei1\" relatedToTime=\"t1\" relType=\"IS_INCLUDED\"/>\n\
        <TLINK lid=\"l2\" eventInstanceID=\"ei2\" relatedToTime=\"t2\" relType=\"INCLUDES\"/>\n\
        <TLINK lid=\"l3\" eventInstanceID=\"ei3\" relatedToTime=\"t3\" relType=\"DURING\"/>\n\
        <TLINK lid=\"l4\" eventInstanceID=\"ei4\" relatedToTime=\"t4\" relType=\"IS_INCLUDED\"/>\n\
        <TLINK lid=\"l5\" eventInstanceID=\"ei5\" relatedToTime=\"t5\" relType=\"IS_INCLUDED\"/>\n\
        <TLINK lid=\"l6\" timeID=\"t6\" relatedToEventInstance=\"ei6\" relType=\"INCLUDES\"/>\n\
        <TLINK lid=\"l7\" eventInstanceID=\"ei7\" relatedToTime=\"t0\" relType=\"BEFORE\"/>\n\
        <TLINK lid=\"l8\" timeID=\"t0\" relatedToEventInstance=\"ei8\" relType=\"BEFORE\"/>\n\
        <TLINK lid=\"l9\" eventInstanceID=\"ei9\" relatedToTime=\"t9\" relType=\"IS_INCLUDED\"/>\n\
        <TLINK lid=\"l10\" eventInstanceID=\"ei10\" relatedToEventInstance=\"ei9\" relType=\"IDENTITY\"/>";
    let (docs, diags) = read("rules.tml", &tml(body, links));
    assert!(diags.is_empty(), "{diags:?}");
    let doc = &docs[0];
    let events = &doc.events;
    for undated in ["e1", "e2", "e3", "e4", "e5"] {
        assert_eq!(event(events, undated).date, None, "{undated}");
    }
    // A TIMEX3 that INCLUDES the event, seen from the event: IS_INCLUDED in May 2003.
    assert_eq!(date(event(events, "e6")), "2003-05");
    // BEFORE the creation date, and the creation date BEFORE the event.
    assert_eq!(date(event(events, "e7")), "../2003-02-04");
    assert_eq!(date(event(events, "e8")), "2003-02-04/..");
    // Dated through one IDENTITY link, with the dating expression as its second passage.
    let stay = event(events, "e10");
    assert_eq!(date(stay), "2003");
    assert_eq!(
        stay.evidence[1].passage.quote(&doc.article.text),
        "cette année"
    );
    assert_eq!(doc.article.text, naive_text(&tml(body, links)));
    // No language is invented for a document that does not say.
    assert_eq!(doc.article.language, "");
    assert_eq!(doc.article.source, "rules.tml");
}

#[test]
fn malformed_documents_give_clear_messages() {
    // An unclosed tag: an error with its place, nothing loaded, no panic.
    let text = "<TimeML>\n<TEXT>Il <EVENT eid=\"e1\" eiid=\"ei1\">part</EVENT>.\n</TimeML>\n";
    let (docs, diags) = read("unclosed.tml", text);
    assert!(docs.is_empty());
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].message.contains("<TEXT> is not closed"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[0].line_col, Some((3, 1)), "where </TimeML> is found");

    let (docs, diags) = read("cut.tml", "<TimeML><TEXT>Il <EVENT eid=\"e1\"");
    assert!(docs.is_empty());
    assert_eq!(errors(&diags).len(), 1);

    // A TLINK to an unknown TIMEX3: that link is an error; the event still loads.
    let (docs, diags) = read(
        "dangling.tml",
        &tml(
            "Il <EVENT eid=\"e1\" eiid=\"ei1\">part</EVENT>.",
            "<TLINK lid=\"l1\" eventInstanceID=\"ei1\" relatedToTime=\"t99\" relType=\"IS_INCLUDED\"/>\n<TLINK lid=\"l2\" eventInstanceID=\"ei7\" relatedToTime=\"t0\" relType=\"BEFORE\"/>",
        ),
    );
    let errs = errors(&diags);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].message.contains("TLINK 'l1'") && errs[0].message.contains("'t99'"));
    assert!(errs[1].message.contains("'ei7'"));
    assert_eq!(errs[0].line_col.map(|(l, _)| l), Some(6));
    assert_eq!(docs[0].events.len(), 1);
    assert_eq!(docs[0].events[0].date, None);

    // Not TimeML at all.
    let (docs, diags) = read("page.tml", "<html><body>x</body></html>");
    assert!(docs.is_empty());
    assert!(errors(&diags)[0].message.contains("not a TimeML document"));

    // Entities it cannot know, and a billion laughs.
    let (_, diags) = read("nbsp.tml", "<TimeML><TEXT>a&nbsp;b</TEXT></TimeML>");
    assert!(errors(&diags)[0].message.contains("nbsp"));
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE TimeML [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n]>\n<TimeML><TEXT>&h;</TEXT></TimeML>";
    let (docs, diags) = read("laughs.tml", laughs);
    assert!(docs.is_empty());
    assert_eq!(errors(&diags).len(), 1);

    // Deep nesting neither overflows the stack nor hangs.
    let deep = format!(
        "<TimeML><TEXT>{}x{}</TEXT></TimeML>",
        "<s>".repeat(100_000),
        "</s>".repeat(100_000)
    );
    let (docs, diags) = read("deep.tml", &deep);
    assert!(docs.is_empty());
    let errs = errors(&diags);
    assert!(errs[0].message.contains("nested"), "{}", errs[0]);
    assert!(errs[0].line_col.is_some());
    // Nor does markup hidden in an entity.
    let (docs, diags) = read(
        "entity.tml",
        &format!(
            "<!DOCTYPE TimeML [<!ENTITY n \"{}\">]><TimeML><TEXT>&n;</TEXT></TimeML>",
            "<s>".repeat(100_000)
        ),
    );
    assert!(docs.is_empty());
    assert!(errors(&diags)[0].message.contains("entity"));
}

#[test]
fn xml_files_are_read_only_when_they_are_timeml() {
    let (docs, diags) = read(
        "doc.xml",
        &tml("Il <EVENT eid=\"e1\" eiid=\"ei1\">part</EVENT>.", ""),
    );
    assert!(errors(&diags).is_empty());
    assert_eq!(docs.len(), 1);
    let (docs, diags) = read("feed.xml", "<rss><channel/></rss>");
    assert!(docs.is_empty());
    assert!(errors(&diags)[0].message.contains("TimeML"));
}

#[test]
fn the_check_command_accepts_both_fixture_folders() {
    let args = frise::cli::check::CheckArgs {
        paths: vec![fixture("fr-timebank"), fixture("timelinejs")],
    };
    let mut out = Vec::new();
    let code = frise::cli::check::run(&args, &mut out);
    let out = String::from_utf8_lossy(&out);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("74 articles, 1344 events, 0 errors, 0 warnings"),
        "{out}"
    );
}

#[test]
fn the_french_timebank_exports_to_timelinejs() {
    let corpus = load(&[fixture("fr-timebank")]);
    let out = frise::formats::timelinejs::to_timelinejs(
        &corpus,
        &[],
        |e| e.kind.clone(),
        frise::model::Lang::Fr,
    );
    assert_eq!(out.slides.len(), 392);
    assert_eq!(out.skipped_undated, 1284 - 392);
    let Some(Value::Array(slides)) = out.value.get("events") else {
        panic!("no events");
    };
    // Event ids repeat across articles ("e1"); unique_id must not.
    let mut ids: Vec<&str> = slides
        .iter()
        .filter_map(|s| s["unique_id"].as_str())
        .collect();
    assert_eq!(ids.len(), 392);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 392);
    // The title counts the articles the slides come from.
    let mut sources: Vec<_> = corpus
        .events
        .iter()
        .filter(|e| e.date.is_some())
        .map(|e| e.article)
        .collect();
    sources.dedup();
    assert_eq!(sources.len(), 69, "one article has no dated event");
    assert_eq!(
        out.value["title"]["text"]["headline"].as_str(),
        Some("69 articles")
    );
    // "../1999-05-19" is written as its known end, and said so.
    let before = slides
        .iter()
        .find(|s| s["unique_id"] == "1999-05-19-0489a-e4")
        .cloned()
        .unwrap_or_default();
    assert_eq!(before["start_date"]["day"].as_str(), Some("19"));
    assert_eq!(
        before["display_date"].as_str(),
        Some("jusqu’au 19 mai 1999")
    );
    let (docs, diags) = read("fr.json", &out.value.to_string());
    assert!(errors(&diags).is_empty());
    assert_eq!(docs[0].events.len(), 392);
}
