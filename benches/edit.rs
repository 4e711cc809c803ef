//! Editing: what one edit costs in the window, from the command to the next frame drawn.
//!
//! An edit goes through `AppState::apply`: the corpus is changed in place, the happenings
//! it touches are regrouped, and the prepared lanes, the event list and the overview
//! follow it; then the whole window (1600×900: menu, toolbar, event list, timeline,
//! source panel, overview) draws a frame. The benchmark changes the title of an event,
//! moves an event to another date, adds a new event then removes it, and joins an event to
//! the story of another article's event, each followed by
//! its undo, so every iteration starts from the same corpus. Each figure is two edits and
//! two frames.
//!
//! Target (README.md, Performance): an edit applied and redrawn in < 50 ms on the
//! 1,000,000-event corpus (`FRISE_BENCH_EVENTS=1000000 FRISE_BENCH_ARTICLES=10000`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::model::edit::{Edit, EventFields};
use frise::model::{Edtf, EventIx};
use frise::ui::app::FriseApp;
use frise::ui::state::{AppState, Command, Settings, Sources};

/// One frame of the whole window at 1600×900.
fn frame(ctx: &egui::Context, app: &mut FriseApp) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.window_ui(ui));
    // Textures are uploaded by the window's renderer; here they are dropped.
    output.textures_delta.clear();
    black_box(output);
}

fn edit(c: &mut Criterion) {
    let corpus = common::corpus();
    let state = AppState::new(corpus, Sources::default(), Settings::default());
    let middle = EventIx((state.corpus().events.len() / 2) as u32);
    let event = state.corpus().event(middle).expect("an event").clone();
    let mut app = FriseApp::from_state(state);
    let ctx = egui::Context::default();
    frame(&ctx, &mut app);
    frame(&ctx, &mut app);
    let put = |fields: Option<EventFields>, id: &str| Command::Edit {
        edit: Edit::PutEvent {
            article: event.article,
            id: id.to_owned(),
            position: 1,
            fields: fields.map(Box::new),
        },
        label: "edit".to_owned(),
    };
    let mut renamed = EventFields::of(&event);
    renamed.title = "Renamed".to_owned();
    let mut moved = EventFields::of(&event);
    moved.date = Edtf::parse("1999-01-01").ok();
    let mut added = EventFields::of(&event);
    added.title = "A new event".to_owned();
    added.story = None;

    // Join the story of an event of another article (as "Same happening as…" does).
    let story = state_story(&app, &event);
    let mut joined = EventFields::of(&event);
    joined.story = Some(story);

    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    let mut pair = |name: &str, command: Command, app: &mut FriseApp| {
        group.bench_function(name, |b| {
            b.iter(|| {
                app.apply(command.clone());
                frame(&ctx, app);
                app.apply(Command::Undo);
                frame(&ctx, app);
                assert!(app.state().edit_error().is_none());
                black_box(app.state().generation())
            })
        });
    };
    pair(
        "change a title, then undo",
        put(Some(renamed), &event.id),
        &mut app,
    );
    pair(
        "change a date, then undo",
        put(Some(moved), &event.id),
        &mut app,
    );
    pair(
        "add an event, then undo",
        put(Some(added), "bench-new"),
        &mut app,
    );
    pair(
        "join a story, then undo",
        put(Some(joined), &event.id),
        &mut app,
    );
    group.finish();
}

/// A story of another article than `event`'s, or a new story key when there is none.
fn state_story(app: &FriseApp, event: &frise::model::Event) -> String {
    app.state()
        .corpus()
        .events
        .iter()
        .filter(|e| e.article != event.article)
        .find_map(|e| e.story.clone().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "bench-story".to_owned())
}

criterion_group!(benches, edit);
criterion_main!(benches);
