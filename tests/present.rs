//! Presentation mode, driven through keys as a teacher (or a clicker) would.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use frise::ui::FriseApp;
use frise::ui::state::Command;

fn app<'a>() -> Harness<'a, FriseApp> {
    Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_max_steps(400)
        .build_eframe(|cc| FriseApp::new(cc, Vec::new()))
}

fn press(h: &mut Harness<'_, FriseApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn has_text(h: &Harness<'_, FriseApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Title and first quote of the happening shown at presentation step `n` (1-based).
fn step_content(h: &Harness<'_, FriseApp>, n: usize) -> (String, String) {
    let app = h.state();
    let corpus = &app.state.corpus();
    let step = &app.presentation().expect("presenting").steps[n - 1];
    let e = corpus.event(step.events(corpus)[0]).unwrap();
    let happening = corpus.happening(e.happening).unwrap();
    let lead = corpus.lead(happening).unwrap();
    let text = &corpus.articles[lead.article.index()].text;
    (
        lead.title.clone(),
        lead.evidence[0].passage.quote(text).to_owned(),
    )
}

fn event_buttons(h: &Harness<'_, FriseApp>) -> usize {
    h.query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.contains(", ")))
        .count()
}

#[test]
fn stepping_through_the_chronology_and_back_out() {
    let mut h = app();
    h.run();
    let before = h.state().state.view().clone();
    press(&mut h, Key::F5);
    let p = h
        .state()
        .presentation()
        .expect("F5 starts the presentation");
    assert_eq!(p.current, 0, "the title slide comes first");
    let steps = p.step_count();
    assert!(steps >= 10, "one step per happening: {steps}");
    assert!(has_text(&h, "Esc: leave"), "the first slide shows the keys");
    assert!(has_text(&h, &format!("{steps} steps")));
    assert_eq!(event_buttons(&h), 0, "progressive reveal: nothing yet");

    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().presentation().unwrap().current, 3);
    let (title, quote) = step_content(&h, 3);
    assert!(
        has_text(&h, &title),
        "the caption names the third event: {title}"
    );
    assert!(
        has_text(&h, &quote),
        "and quotes its French source: {quote}"
    );
    assert!(has_text(&h, &format!("3 / {steps}")));
    // Progressive reveal: three events on the timeline, the later ones hidden.
    let reveal = h.state().state.view().reveal.clone().expect("reveal on");
    assert!(reveal.revealed.len() <= 3 && !reveal.revealed.is_empty());
    let (later, _) = step_content(&h, steps);
    assert!(
        h.query_all_by(
            |n| n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with(&later))
        )
        .next()
        .is_none(),
        "the last event is not shown yet: {later}"
    );

    press(&mut h, Key::PageUp);
    assert_eq!(
        h.state().presentation().unwrap().current,
        2,
        "a clicker's Page Up goes back"
    );
    let (title, _) = step_content(&h, 2);
    assert!(has_text(&h, &title));
    press(&mut h, Key::PageDown);
    press(&mut h, Key::Space);
    assert_eq!(h.state().presentation().unwrap().current, 4);
    press(&mut h, Key::End);
    assert_eq!(h.state().presentation().unwrap().current, steps);
    press(&mut h, Key::Home);
    assert_eq!(h.state().presentation().unwrap().current, 0);

    press(&mut h, Key::Escape);
    assert!(h.state().presentation().is_none(), "Esc leaves");
    let after = &h.state().state.view();
    assert_eq!(after.window, before.window, "back where the user was");
    assert_eq!(after.reveal, None);
    assert_eq!(after.font_px, before.font_px);
    assert_eq!(after.theme, before.theme);
    assert!(event_buttons(&h) >= 7, "every event is back");
}

#[test]
fn a_saved_presentation_reopens_with_the_same_steps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.story.json");
    let mut h = app();
    h.run();
    let (meeting, committees) = {
        let c = &h.state().state.corpus();
        let find = |id: &str| {
            frise::model::EventIx(c.events.iter().position(|e| e.id == id).unwrap() as u32)
        };
        (find("moscow-meeting-a"), find("defence-committees-a"))
    };
    for e in [meeting, committees] {
        h.state_mut().state.apply(Command::SelectEvent(e));
        h.run();
        h.state_mut().add_current_view_as_step();
    }
    h.state_mut()
        .state
        .apply(Command::SetLanes(frise::timeline::LaneMode::Actor));
    h.state_mut().add_current_view_as_step();
    assert_eq!(h.state().story().steps.len(), 3);
    h.state_mut().save_story(&path).unwrap();
    let saved = h.state().story().clone();

    let mut again = app();
    again.run();
    again.state_mut().open_story(&path).unwrap();
    assert_eq!(again.state().story(), &saved);
    assert_eq!(saved.steps[0].highlight[0].event, "moscow-meeting-a");
    assert_eq!(saved.steps[2].lanes, frise::timeline::LaneMode::Actor);

    // Presenting it walks those steps, with their lanes.
    press(&mut again, Key::F5);
    assert_eq!(again.state().presentation().unwrap().step_count(), 3);
    press(&mut again, Key::ArrowRight);
    assert!(has_text(
        &again,
        "Le 31 juillet 2025, une rencontre à Moscou"
    ));
    press(&mut again, Key::ArrowRight);
    press(&mut again, Key::ArrowRight);
    assert_eq!(
        again.state().state.settings().lanes,
        frise::timeline::LaneMode::Actor
    );
    press(&mut again, Key::Escape);
    assert_eq!(
        again.state().state.settings().lanes,
        frise::timeline::LaneMode::None,
        "lanes restored"
    );
}

#[test]
fn a_saved_presentation_exports_one_slide_per_step() {
    use frise::formats::story_file::save;
    use frise::timeline::story::{EventRef, Step, Story};
    let dir = tempfile::tempdir().unwrap();
    let story_path = dir.path().join("lesson.story.json");
    let step = |event: &str, caption: Option<&str>| Step {
        highlight: vec![EventRef {
            article: "moscou-rencontre-defense".into(),
            event: event.into(),
        }],
        caption: caption.map(str::to_owned),
        ..Step::default()
    };
    let story = Story {
        title: "Syrie et Russie".into(),
        steps: vec![
            step("assad-fall-a", None),
            step("moscow-meeting-a", Some("Une rencontre à Moscou")),
            Step {
                from: Some("2024-11-01T00:00".into()),
                to: Some("2025-09-01T00:00".into()),
                lanes: frise::timeline::LaneMode::Actor,
                ..step("defence-committees-a", None)
            },
        ],
        ..Story::default()
    };
    save(&story_path, &story).unwrap();
    let out = dir.path().join("slides");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_frise"))
        .args(["export", "--story"])
        .arg(&story_path)
        .args(["--width", "1280", "--height", "720", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["step-01.png", "step-02.png", "step-03.png"]);
    for name in names {
        let pixmap =
            resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(out.join(&name)).unwrap()).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (1280, 720), "{name}");
    }
}
