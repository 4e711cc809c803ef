//! Reviewing suggested events in the window: a raw article opens with its suggestions,
//! `Enter` accepts, `Delete` rejects, `→` goes to the next, and a save keeps both decisions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use frise::formats::{self, LoadOptions, Progress};
use frise::model::{EventIx, EventRole};
use frise::ui::FriseApp;
use frise::ui::review;
use frise::ui::state::Command;

fn open(paths: Vec<PathBuf>) -> Harness<'static, FriseApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_max_steps(400)
        .build_eframe(move |cc| FriseApp::new(cc, paths.clone()));
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    harness
}

fn seed_copy(dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/raw/moscou-rencontre-defense.txt");
    let to = dir.join("rencontre.txt");
    std::fs::copy(from, &to).unwrap();
    to
}

fn suggestions(harness: &Harness<'_, FriseApp>) -> Vec<EventIx> {
    review::shown_suggestions(&harness.state().state)
}

#[test]
fn a_text_file_opens_with_suggestions_that_enter_accepts_and_delete_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let txt = seed_copy(dir.path());
    let mut harness = open(vec![txt.clone()]);
    let found = suggestions(&harness);
    assert!(found.len() >= 2, "suggestions appear: {found:?}");
    assert_eq!(harness.state().state.suggested_shown(), found.len());

    // Select the first suggestion in time, accept it with Enter.
    let first = found[0];
    let (first_id, first_quote) = {
        let corpus = harness.state().state.corpus().clone();
        let e = corpus.event(first).unwrap();
        let text = &corpus.articles[e.article.0 as usize].text;
        (e.id.clone(), e.evidence[0].passage.quote(text).to_owned())
    };
    harness.state_mut().state.apply(Command::SelectEvent(first));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let corpus = harness.state().state.corpus().clone();
    let accepted = corpus.events.iter().find(|e| e.id == first_id).unwrap();
    assert_eq!(accepted.role, EventRole::Event, "Enter made it an event");
    let text = &corpus.articles[accepted.article.0 as usize].text;
    assert_eq!(
        accepted.evidence[0].passage.quote(text),
        first_quote,
        "with its passage"
    );
    assert_eq!(
        harness
            .state()
            .state
            .undo_label()
            .map(|l| l.starts_with("accept ‘")),
        Some(true)
    );

    // The review moved on to the next suggestion; → and ← walk them.
    let now = harness.state().state.focused_event().unwrap();
    assert!(
        review::is_suggestion(&corpus, now),
        "the next suggestion is selected"
    );
    let remaining = suggestions(&harness);
    if remaining.len() > 1 {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
        assert_eq!(harness.state().state.focused_event(), Some(remaining[1]));
        harness.key_press(egui::Key::ArrowLeft);
        harness.run();
        assert_eq!(harness.state().state.focused_event(), Some(remaining[0]));
    }

    // Reject the selected one with Delete.
    let rejected = harness.state().state.focused_event().unwrap();
    let rejected_id = corpus.event(rejected).unwrap().id.clone();
    let rejected_date = corpus.event(rejected).unwrap().date.unwrap().to_string();
    harness.key_press(egui::Key::Delete);
    harness.run();
    let corpus = harness.state().state.corpus().clone();
    assert!(
        corpus.events.iter().all(|e| e.id != rejected_id),
        "Delete removed it"
    );
    let left = suggestions(&harness).len();

    // Save: the text file is kept, the article is written beside it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&txt).unwrap(),
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/raw/moscou-rencontre-defense.txt")
        )
        .unwrap()
    );
    let saved = dir.path().join("rencontre.frise.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let rejected_list = json["article"]["rejected"]
        .as_array()
        .expect("rejections are saved");
    assert_eq!(rejected_list.len(), 1);
    assert_eq!(rejected_list[0]["date"], rejected_date.as_str());

    // Reopen the saved file: the accepted event is an event, the rejected one stays
    // rejected, the others are still suggestions.
    let reopened = formats::load(&[saved], &LoadOptions::default(), &Progress::default());
    assert_eq!(reopened.error_count(), 0, "{:?}", reopened.diagnostics);
    let again = reopened.events.iter().find(|e| e.id == first_id).unwrap();
    assert_eq!(again.role, EventRole::Event);
    assert!(reopened.events.iter().all(|e| e.id != rejected_id));
    assert_eq!(
        reopened
            .events
            .iter()
            .filter(|e| e.role == EventRole::Suggested)
            .count(),
        left
    );
    assert_eq!(frise::suggest::rejected(&reopened.articles[0]).len(), 1);

    // Undo brings the rejected suggestion back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .state
            .corpus()
            .events
            .iter()
            .any(|e| e.id == rejected_id && e.role == EventRole::Suggested)
    );
}

#[test]
fn accept_all_shown_takes_the_filtered_suggestions_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let txt = seed_copy(dir.path());
    let mut harness = open(vec![txt]);
    let n = suggestions(&harness).len();
    assert!(n > 0);
    let command = review::accept_all_shown(&harness.state().state).unwrap();
    harness.state_mut().state.apply(command);
    harness.run();
    assert!(suggestions(&harness).is_empty());
    assert_eq!(harness.state().state.suggested_shown(), 0);
    harness.state_mut().state.apply(Command::Undo);
    assert_eq!(suggestions(&harness).len(), n);
}

#[test]
fn a_pasted_paragraph_becomes_an_article_with_suggestions() {
    let mut harness = open(Vec::new());
    let articles = harness.state().state.corpus().articles.len();
    let paragraph = "Le 8 décembre 2024, Bachar al-Assad a quitté Damas pour Moscou. Depuis, Ahmed al-Charaa dirige la Syrie.";
    harness.event(egui::Event::Paste(paragraph.to_owned()));
    harness.run();
    harness.get_by_label("Create the article").click();
    harness.run();
    let corpus = harness.state().state.corpus().clone();
    assert_eq!(corpus.articles.len(), articles + 1, "a new article");
    let article = frise::model::ArticleIx(articles as u32);
    assert_eq!(corpus.articles[articles].text, paragraph);
    assert_eq!(corpus.articles[articles].language, "fr");
    let suggested: Vec<_> = corpus.events_of(article).map(|(_, e)| e.clone()).collect();
    assert_eq!(suggested.len(), 1, "{suggested:?}");
    let s = &suggested[0];
    assert_eq!(s.role, EventRole::Suggested);
    assert_eq!(s.date.unwrap().to_string(), "2024-12-08");
    let names = corpus.entity_names(&s.actors) + ", " + &corpus.entity_names(&s.places);
    assert!(
        names.contains("Bachar al-Assad") && names.contains("Damas"),
        "known names: {names}"
    );
    // The suggestion is selected, ready for review; undo takes the whole article back.
    assert_eq!(
        harness
            .state()
            .state
            .focused_event()
            .and_then(|e| corpus.event(e))
            .map(|e| e.id.clone()),
        Some(s.id.clone())
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().state.corpus().articles.len(), articles);

    // An empty paste says so and adds nothing.
    harness.event(egui::Event::Paste("  \n ".to_owned()));
    harness.run();
    assert_eq!(harness.state().state.corpus().articles.len(), articles);
}

#[test]
fn an_accepted_event_is_offered_the_happening_another_article_reports() {
    let dir = tempfile::tempdir().unwrap();
    let txt = seed_copy(dir.path());
    let bundled =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/ministres-syriens-moscou.json");
    let copy = dir.path().join("b.json");
    std::fs::copy(bundled, &copy).unwrap();
    let other =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/moscou-rencontre-defense.json");
    let a_copy = dir.path().join("a.json");
    std::fs::copy(other, &a_copy).unwrap();
    let mut harness = open(vec![txt, a_copy, copy]);
    let corpus = harness.state().state.corpus().clone();
    let meeting = review::shown_suggestions(&harness.state().state)
        .into_iter()
        .find(|&e| corpus.event(e).unwrap().date.unwrap().to_string() == "2025-07-31")
        .unwrap();
    harness
        .state_mut()
        .state
        .apply(Command::SelectEvent(meeting));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let corpus = harness.state().state.corpus().clone();
    let (other, join) = review::story_offer(&corpus, meeting).expect("a happening to join");
    let other = corpus.event(other).unwrap().clone();
    assert_eq!(other.date.unwrap().to_string(), "2025-07-31");
    assert!(
        other
            .places
            .iter()
            .any(|p| corpus.entity(*p).unwrap().id == "moscou")
    );
    harness.state_mut().state.apply(join);
    let corpus = harness.state().state.corpus().clone();
    let joined = corpus.event(meeting).unwrap();
    assert_eq!(joined.story, other.story.clone().or(joined.story.clone()));
    assert!(corpus.happening(joined.happening).unwrap().source_count >= 2);
}
