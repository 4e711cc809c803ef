//! Writing the timeline: a new event from a selected passage, edits undone and redone, and
//! saves that lose nothing, driven through the window as a user would.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use frise::formats::{self, LoadOptions, Progress};
use frise::model::{ArticleIx, EventIx};
use frise::ui::FriseApp;
use frise::ui::source_panel::TextSelection;

/// The window on copies of the two seed articles in a temporary folder.
fn app_on_copies(dir: &Path) -> Harness<'static, FriseApp> {
    for name in [
        "moscou-rencontre-defense.json",
        "ministres-syriens-moscou.json",
    ] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/articles")
            .join(name);
        std::fs::copy(from, dir.join(name)).unwrap();
    }
    app_on(dir)
}

/// The window on the articles of a folder, once they are loaded.
fn app_on(dir: &Path) -> Harness<'static, FriseApp> {
    let paths = vec![dir.to_path_buf()];
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_max_steps(400)
        .build_eframe(move |cc| FriseApp::new(cc, paths.clone()));
    wait_for_load(&mut harness);
    harness
}

fn wait_for_load(harness: &mut Harness<'_, FriseApp>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}

fn has_label(harness: &Harness<'_, FriseApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Selects `quote` in the text of the article that holds event `event_id`, and that event.
fn select_quote(harness: &mut Harness<'_, FriseApp>, event_id: &str, quote: &str) -> ArticleIx {
    let corpus = harness.state().state.corpus().clone();
    let (ix, event) = corpus
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| e.id == event_id)
        .unwrap();
    let article = event.article;
    let text = &corpus.articles[article.0 as usize].text;
    let byte = text.find(quote).expect("the quote is in the text");
    let start = text[..byte].chars().count();
    let chars = start..start + quote.chars().count();
    harness
        .state_mut()
        .state
        .apply(frise::ui::state::Command::SelectEvent(EventIx(ix as u32)));
    harness.run();
    harness
        .state_mut()
        .select_text(TextSelection { article, chars });
    article
}

fn find(harness: &Harness<'_, FriseApp>, title: &str) -> Option<frise::model::Event> {
    harness
        .state()
        .state
        .corpus()
        .events
        .iter()
        .find(|e| e.title == title)
        .cloned()
}

#[test]
fn a_selected_passage_becomes_an_event_that_undo_takes_back_and_save_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on_copies(dir.path());
    let quote = "une rencontre à Moscou";
    let article = select_quote(&mut harness, "moscow-meeting-a", quote);
    let events_before = harness.state().state.corpus().events.len();

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    let created = find(&harness, quote).expect("Ctrl+N made an event titled by the selection");
    assert_eq!(
        harness.state().state.corpus().events.len(),
        events_before + 1
    );
    assert_eq!(created.article, article);
    let text = &harness.state().state.corpus().articles[article.0 as usize].text;
    assert_eq!(created.evidence.len(), 1);
    assert_eq!(
        created.evidence[0].passage.quote(text),
        quote,
        "the passage is its evidence"
    );
    assert_eq!(
        created.date.map(|d| d.to_string()).as_deref(),
        Some("2025-07-31"),
        "the date written next to the selection"
    );
    let editing = harness
        .state()
        .editing()
        .expect("the editor opens on the new event");
    assert_eq!(
        harness.state().state.corpus().events[editing.0 as usize].title,
        quote
    );
    assert_eq!(
        harness.state().state.undo_label(),
        Some(format!("add the event ‘{quote}’").as_str())
    );

    // Undo and redo, from the keyboard, across the edit.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(find(&harness, quote).is_none(), "undo removes it");
    assert_eq!(harness.state().state.corpus().events.len(), events_before);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert!(find(&harness, quote).is_some(), "redo brings it back");

    // Save, then read the file again as a new session would.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(harness.state().state.unsaved().is_empty(), "saved");
    let path: PathBuf = dir.path().join("moscou-rencontre-defense.json");
    let again = formats::load(
        std::slice::from_ref(&path),
        &LoadOptions::default(),
        &Progress::default(),
    );
    assert_eq!(again.error_count(), 0, "{:?}", again.diagnostics);
    let saved = again
        .events
        .iter()
        .find(|e| e.title == quote)
        .expect("saved");
    assert_eq!(
        saved.date.map(|d| d.to_string()).as_deref(),
        Some("2025-07-31")
    );
    let original = formats::load_bundled();
    let a = &original.articles[0];
    let b = &again.articles[0];
    assert_eq!(
        (&a.id, &a.title, &a.text),
        (&b.id, &b.title, &b.text),
        "nothing else lost"
    );
    assert_eq!(again.events.len(), a.events.len() + 1);
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_second_passage_joins_the_selected_event_and_delete_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on_copies(dir.path());
    select_quote(&mut harness, "moscow-meeting-a", "Le 31 juillet 2025");
    let before = find_by_id(&harness, "moscow-meeting-a").evidence.len();
    harness.state_mut().add_passage_from_selection().unwrap();
    harness.run();
    assert_eq!(
        find_by_id(&harness, "moscow-meeting-a").evidence.len(),
        before + 1
    );

    // Delete it from the Edit menu's command, then undo.
    let meeting = find_by_id(&harness, "moscow-meeting-a");
    let title = meeting.title.clone();
    harness
        .state_mut()
        .state
        .apply(frise::ui::state::Command::Edit {
            edit: frise::model::edit::Edit::PutEvent {
                article: meeting.article,
                id: "moscow-meeting-a".to_owned(),
                position: 0,
                fields: None,
            },
            label: "delete".to_owned(),
        });
    assert!(find(&harness, &title).is_none());
    harness
        .state_mut()
        .state
        .apply(frise::ui::state::Command::Undo);
    assert!(
        find(&harness, &title).is_some(),
        "undo restores a deleted event"
    );
    // The meeting is still one happening with two sources, its conflict intact.
    let corpus = harness.state().state.corpus().clone();
    let e = corpus
        .events
        .iter()
        .find(|e| e.id == "moscow-meeting-a")
        .unwrap();
    let h = &corpus.happenings[e.happening.0 as usize];
    assert_eq!(h.source_count, 2);
    assert!(!h.conflicts.is_empty());
}

fn find_by_id(harness: &Harness<'_, FriseApp>, id: &str) -> frise::model::Event {
    harness
        .state()
        .state
        .corpus()
        .events
        .iter()
        .find(|e| e.id == id)
        .cloned()
        .unwrap()
}

#[test]
fn unsaved_work_is_journaled_after_each_edit_and_restored_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let journal = tempfile::tempdir().unwrap();
    let mut harness = app_on_copies(dir.path());
    harness
        .state_mut()
        .set_recovery_dir(journal.path().to_path_buf());
    let quote = "une rencontre à Moscou";
    select_quote(&mut harness, "moscow-meeting-a", quote);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    assert!(find(&harness, quote).is_some());
    let journal_file = journal.path().join(formats::recovery::FILE_NAME);
    assert!(journal_file.exists(), "the edit is journaled at once");
    // The window goes away without saving, as in a crash.
    drop(harness);
    let on_disk =
        std::fs::read_to_string(dir.path().join("moscou-rencontre-defense.json")).unwrap();
    assert!(
        !on_disk.contains(&format!("\"title\": \"{quote}\"")),
        "nothing was saved"
    );

    let mut again = app_on(dir.path());
    again
        .state_mut()
        .set_recovery_dir(journal.path().to_path_buf());
    again.run();
    assert!(again.state().restore_offer().is_some());
    assert!(
        has_label(&again, "Restore unsaved work?"),
        "the offer is shown"
    );
    assert!(
        find(&again, quote).is_none(),
        "the disk has the old article"
    );
    again.get_by_label("Restore").click();
    wait_for_load(&mut again);
    let restored = find(&again, quote).expect("the unsaved event is back");
    let text = &again.state().state.corpus().articles[restored.article.0 as usize].text;
    assert_eq!(restored.evidence[0].passage.quote(text), quote);
    assert_eq!(again.state().state.unsaved().len(), 1, "and still unsaved");
    assert!(again.state().restore_offer().is_none());

    // Saving it ends the journal.
    again.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    again.run();
    assert!(again.state().state.unsaved().is_empty());
    assert!(!journal_file.exists(), "saved work needs no journal");
}

#[test]
fn opening_other_files_or_closing_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on_copies(dir.path());
    let quote = "une rencontre à Moscou";
    select_quote(&mut harness, "moscow-meeting-a", quote);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();

    // Opening the folder again would replace the edit with what is on disk: it asks.
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .open(&ctx, vec![dir.path().to_path_buf()], false);
    harness.run();
    assert!(harness.state().is_confirming());
    assert!(has_label(&harness, "Save your changes?"));
    assert!(
        !harness.state().is_loading(),
        "nothing is loaded before the answer"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_confirming());
    assert!(find(&harness, quote).is_some(), "cancel keeps the edit");

    // Closing the window asks too; "Save" saves, then closes.
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert!(
        harness.state().is_confirming(),
        "closing with unsaved changes asks"
    );
    harness.get_by_label("Save").click();
    harness.run();
    assert!(
        harness.state().state.unsaved().is_empty(),
        "saved before closing"
    );
    let saved = std::fs::read_to_string(dir.path().join("moscou-rencontre-defense.json")).unwrap();
    assert!(saved.contains(quote));

    // Once everything is saved, opening goes ahead without a question.
    harness
        .state_mut()
        .open(&ctx, vec![dir.path().to_path_buf()], false);
    harness.run();
    assert!(!harness.state().is_confirming());
}

#[test]
fn an_article_without_events_can_be_read_and_given_its_first_event() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("vide.json"),
        r#"{"frise":1,"article":{"id":"vide","title":"Conseil à Genève","language":"fr","published":"2024-03-04",
            "text":"Le 3 mars 2024, le conseil s’est réuni à Genève. Rien d’autre."},"events":[]}"#,
    )
    .unwrap();
    let mut harness = app_on(dir.path());
    assert!(harness.state().state.corpus().events.is_empty());
    harness
        .get_all_by_label_contains("Conseil à Genève (0 events)")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert!(
        has_label(&harness, "← All articles"),
        "the article is open for reading"
    );
    assert!(
        has_label(&harness, "le conseil s’est réuni à Genève"),
        "its text is shown"
    );
    let quote = "le conseil s’est réuni à Genève";
    let text = &harness.state().state.corpus().articles[0].text;
    let start = text[..text.find(quote).unwrap()].chars().count();
    harness.state_mut().select_text(TextSelection {
        article: ArticleIx(0),
        chars: start..start + quote.chars().count(),
    });
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    let created = find(&harness, quote).expect("the first event of the article");
    assert_eq!(
        created.date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-03")
    );
}
