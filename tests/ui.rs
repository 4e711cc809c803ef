//! The window, driven as a user would through its accessibility tree (no GPU needed).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use frise::ui::FriseApp;

fn app<'a>() -> Harness<'a, FriseApp> {
    Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_max_steps(400)
        .build_eframe(|cc| FriseApp::new(cc, Vec::new()))
}

/// Clicks the timeline mark (a button) whose accessible name contains `text`.
fn click_event(harness: &mut Harness<'_, FriseApp>, text: &str) {
    let node = harness
        .query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.contains(text)))
        .next()
        .unwrap_or_else(|| panic!("no event button contains {text:?}"));
    node.click();
    harness.run();
}

fn has_text(harness: &Harness<'_, FriseApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn selected_title(harness: &Harness<'_, FriseApp>) -> String {
    let state = &harness.state().state;
    state
        .view()
        .selected
        .and_then(|h| state.corpus().happening(h))
        .and_then(|h| state.corpus().lead(h))
        .map(|e| e.title.clone())
        .unwrap_or_default()
}

#[test]
fn clicking_the_moscow_meeting_shows_its_passages_sources_and_conflict() {
    let mut harness = app();
    harness.run();
    click_event(
        &mut harness,
        "Syrian and Russian defence ministers meet in Moscow",
    );
    assert_eq!(
        selected_title(&harness),
        "Syrian and Russian defence ministers meet in Moscow"
    );
    // The French passage, in the source panel.
    assert!(has_text(
        &harness,
        "Le 31 juillet 2025, une rencontre à Moscou"
    ));
    // Both sources, and what they disagree on.
    assert!(has_text(&harness, "reported by 2 sources"));
    // The seed texts came without outlet, link or publication date: their titles name
    // them, and the panel says what is unknown.
    assert!(has_text(
        &harness,
        "[1] Rencontre à Moscou entre les ministres syrien et russe de la Défense"
    ));
    assert!(has_text(
        &harness,
        "[2] Deux ministres syriens à Moscou pour renforcer la coopération militaire avec la Russie"
    ));
    assert!(has_text(&harness, "outlet unknown"));
    assert!(has_text(&harness, "publication date unknown"));
    assert!(!has_text(&harness, "Corpus frise"));
    let conflict = harness
        .query_all_by_label_contains("attendees differ")
        .next()
        .expect("the attendee conflict is spelled out");
    let node = conflict.accesskit_node();
    let said = format!(
        "{} {}",
        node.label().unwrap_or_default(),
        node.value().unwrap_or_default()
    );
    for name in ["Faisal Mekdad", "Asaad al-Shaibani", "Murhaf Abu Qasra"] {
        assert!(said.contains(name), "{said}");
    }
}

#[test]
fn arrow_keys_step_through_events_in_time() {
    let mut harness = app();
    harness.run();
    click_event(&mut harness, "Assad regime falls");
    let order: Vec<String> = {
        let s = &harness.state().state;
        s.prepared()
            .order
            .iter()
            .filter_map(|&h| s.corpus().happening(h))
            .filter_map(|h| s.corpus().lead(h))
            .map(|e| e.title.clone())
            .collect()
    };
    let at = order
        .iter()
        .position(|t| t.starts_with("Assad regime falls"))
        .unwrap();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(selected_title(&harness), order[at + 1]);
    assert!(
        order[at + 1].contains("Moscow"),
        "the meeting follows Assad's fall: {order:?}"
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(selected_title(&harness), order[at + 2]);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(selected_title(&harness), order[at + 1]);
    harness.key_press(egui::Key::ArrowLeft);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(
        selected_title(&harness),
        order[at - 1],
        "before Assad's fall: the decade of conflict"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(selected_title(&harness), "");
}

#[test]
fn searching_defense_without_accents_shrinks_the_list() {
    let mut harness = app();
    harness.run();
    assert!(has_text(&harness, "14 events"));
    let search = harness
        .query_all_by(|n| n.role() == Role::TextInput)
        .next()
        .expect("a search box");
    search.focus();
    search.type_text("defense");
    harness.run();
    let state = &harness.state().state;
    let shown = state.shown_event_count();
    assert!(shown > 0 && shown < 14, "{shown}");
    assert!(has_text(&harness, &format!("{shown} of 14 events")));
    // Every event shown says "défense" somewhere (title, passage or tag).
    for (i, e) in state.corpus().events.iter().enumerate() {
        if state.prepared().events_shown[i] {
            let text = &state.corpus().articles[e.article.index()].text;
            let said = e
                .evidence
                .iter()
                .map(|ev| ev.passage.quote(text).to_lowercase())
                .collect::<String>()
                + &e.title.to_lowercase()
                + &e.tags.join(" ");
            assert!(
                said.contains("défense") || said.contains("defence"),
                "{}",
                e.title
            );
        }
    }
}

#[test]
fn a_bad_file_beside_the_corpus_is_listed_while_the_seed_events_remain() {
    let mut harness = app();
    harness.run();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/07-invalid-date.json");
    let ctx = harness.ctx.clone();
    harness.state_mut().open(&ctx, vec![bad], true);
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    let state = &harness.state().state;
    assert!(
        state
            .corpus()
            .events
            .iter()
            .any(|e| e.id == "moscow-meeting-a"),
        "seed events remain"
    );
    assert!(
        state.corpus().events.iter().any(|e| e.id == "ok"),
        "the good event of the bad file loads"
    );
    assert!(
        has_text(&harness, "07-invalid-date.json:22:5"),
        "the problem is listed with its place"
    );
    assert!(has_text(&harness, "event 'baddate'"));
}

#[test]
fn lanes_by_actor_show_one_lane_per_actor() {
    let mut harness = app();
    harness.run();
    harness
        .state_mut()
        .state
        .apply(frise::ui::state::Command::SetLanes(
            frise::timeline::LaneMode::Actor,
        ));
    harness.run();
    for name in ["Sergueï Lavrov", "Faisal Mekdad"] {
        assert!(
            harness
                .query_all_by_label_contains(&format!("Lane {name}"))
                .next()
                .is_some(),
            "a lane for {name}"
        );
    }
    // Lavrov's lane holds the meeting too: an event with two actors is in both lanes.
    let buttons = harness
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l.starts_with("Syrian and Russian defence ministers"))
        })
        .count();
    assert!(buttons >= 2, "{buttons}");
}

#[test]
fn clicking_a_passage_in_the_text_selects_its_event() {
    let mut harness = app();
    harness.run();
    click_event(&mut harness, "Lavrov backs Syria");
    // The article text is one paragraph node; click on another event's passage in it.
    let state = &harness.state().state;
    let committees = state
        .corpus()
        .events
        .iter()
        .position(|e| e.title.contains("Committees"))
        .unwrap();
    let text_node = harness
        .query_all_by(|n| n.role() == Role::Paragraph)
        .next()
        .expect("the article text");
    let rect = text_node.rect();
    // Find the committees passage by moving the pointer over the text, then click it.
    let target = frise::model::EventIx(committees as u32);
    let mut found = false;
    'scan: for row in 0..80 {
        for col in 0..16 {
            let p = egui::pos2(
                rect.left() + 8.0 + col as f32 * (rect.width() - 16.0) / 15.0,
                rect.top() + 6.0 + row as f32 * 11.0,
            );
            if p.y > rect.bottom() {
                break 'scan;
            }
            harness.hover_at(p);
            harness.step();
            if harness.state().hovered_passage() == Some(target) {
                harness.get_by_role(Role::Paragraph).hover();
                harness.event(egui::Event::PointerMoved(p));
                harness.event(egui::Event::PointerButton {
                    pos: p,
                    button: egui::PointerButton::Primary,
                    pressed: true,
                    modifiers: Default::default(),
                });
                harness.event(egui::Event::PointerButton {
                    pos: p,
                    button: egui::PointerButton::Primary,
                    pressed: false,
                    modifiers: Default::default(),
                });
                harness.run();
                found = harness.state().state.focused_event() == Some(target);
                break 'scan;
            }
        }
    }
    assert!(found, "clicking the committees passage selected its event");
    assert!(selected_title(&harness).contains("Committees"));
}

#[test]
fn ctrl_e_opens_the_export_dialog_with_a_preview_and_ctrl_shift_c_copies_the_view() {
    let mut harness = app();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    assert!(
        has_text(&harness, "Preview of the exported page")
            || harness.query_by_label("Export…").is_some()
    );
    assert!(
        harness.query_by_label("Export…").is_some(),
        "the dialog's export button"
    );
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::C,
    );
    harness.run();
    assert!(has_text(&harness, "Copied the view as an image"));
    // What goes to the clipboard: the view at twice its size on screen, drawn.
    let image =
        frise::ui::export_dialog::clipboard_image(&harness.state().state, egui::vec2(800.0, 450.0))
            .unwrap();
    assert_eq!(image.size, [1600, 900]);
    let white = egui::Color32::WHITE;
    let drawn = image.pixels.iter().filter(|p| **p != white).count();
    assert!(drawn > 10_000, "not blank: {drawn}");
}

#[test]
fn file_examples_opens_the_history_of_writing() {
    let mut harness = app();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Examples").click();
    harness.run();
    harness
        .get_by_label("A history of writing, from deep time to the web")
        .click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.corpus().articles.len(), 1);
    assert!(state.corpus().events.len() > 20);
    // Deep time and this century on one axis: the fitted view spans billions of years.
    let span_years = state.target_window().span_s() / (365.25 * 86_400.0);
    assert!(span_years > 1e9, "{span_years}");
}

#[test]
fn the_reporting_lag_view_places_reports_and_a_click_selects_the_event() {
    let mut harness = app();
    harness.run();
    let timebank = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fr-timebank");
    let ctx = harness.ctx.clone();
    harness.state_mut().open(&ctx, vec![timebank], false);
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(harness.state().state.corpus().articles.len() > 5);
    // View → Reporting lag.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Reporting lag").click();
    harness.run();
    assert!(harness.state().state.lag_open());
    assert!(has_text(
        &harness,
        "Reporting lag: publication date against event date"
    ));
    assert!(has_text(&harness, "Histogram of the reporting lag"));
    // Each report is a point with a name: title, outlet, publication date, lag.
    // (The source panel's list of articles, "outlet — title (N events)", is not a point.)
    let points: Vec<_> = harness
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label().is_some_and(|l| {
                    l.contains(" — ") && !l.ends_with(" events)") && !l.ends_with(" event)")
                })
        })
        .collect();
    assert!(points.len() > 10, "{} points", points.len());
    // A point standing apart from the others, so the click is unambiguous.
    let centers: Vec<egui::Pos2> = points.iter().map(|p| p.rect().center()).collect();
    let point = points
        .iter()
        .zip(&centers)
        .find(|(_, c)| centers.iter().filter(|o| o.distance(**c) < 14.0).count() == 1)
        .map(|(p, _)| p)
        .expect("a point apart from the others");
    let label = point.accesskit_node().label().unwrap();
    point.click();
    harness.run();
    let state = &harness.state().state;
    let selected = state
        .view()
        .selected
        .expect("the click selected a happening");
    let happening = state.corpus().happening(selected).unwrap();
    assert!(
        happening
            .events
            .iter()
            .filter_map(|&e| state.corpus().event(e))
            .any(|e| label.starts_with(&format!("{} — ", e.title))),
        "{label:?} is a report of the selected happening"
    );
    let lag = frise::timeline::lag::Lag::new(state.corpus(), state.prepared());
    assert!(!lag.points.is_empty());
    assert_eq!(lag.unpublished_reports, 0, "TimeBank documents are dated");
    // Filters apply: a search that matches nothing leaves no point.
    harness
        .state_mut()
        .state
        .apply(frise::ui::state::Command::SetSearch("zzzqqq".to_owned()));
    harness.run();
    assert!(has_text(&harness, "No report to place"));
}
