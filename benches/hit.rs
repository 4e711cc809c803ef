//! Hover: what the window does when the pointer moves over the timeline, and the time index
//! queries behind a view.
//!
//! The window hit-tests through egui: each frame, every drawn item is an `interact` area
//! (and an AccessKit node), and egui finds what is under the pointer. So the hover cost is a
//! frame of the timeline view with its scene cached, as between two pointer moves: painting
//! the scene and interacting with its items, over the busiest month of the corpus.
//!
//! Target (README.md, Performance): hover hit-test < 0.1 ms; the frame as a whole stays well
//! within a 120 Hz frame.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::timeline::TimeWindow;
use frise::ui::state::{AppState, Command, Settings, Sources};
use frise::ui::timeline_view::TimelineView;

/// One frame of the timeline view at 1600×900 with the pointer at `pointer`.
fn frame(ctx: &egui::Context, view: &mut TimelineView, state: &AppState, pointer: egui::Pos2) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        events: vec![egui::Event::PointerMoved(pointer)],
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        black_box(view.ui(ui, state));
    });
    // Textures are uploaded by the window's renderer; here they are dropped.
    output.textures_delta.clear();
    black_box(output);
}

fn hit(c: &mut Criterion) {
    let corpus = common::corpus();
    let mut state = AppState::new(corpus, Sources::default(), Settings::default());
    let (t0, t1) = common::busiest_month(&state.prepared().all);
    state.apply(Command::SetWindow {
        window: TimeWindow::new(t0 as f64, t1 as f64),
        animate: false,
    });
    let ctx = egui::Context::default();
    let mut view = TimelineView::default();
    // The first frame builds and caches the scene, as the window's first frame does.
    frame(&ctx, &mut view, &state, egui::pos2(800.0, 450.0));
    let scene = view.last_scene().expect("a scene was drawn");
    let on_mark = scene.placed.first().map_or(egui::pos2(800.0, 450.0), |p| {
        let c = p.mark.center();
        egui::pos2(c.x, c.y)
    });
    let nowhere = egui::pos2(1.0, 899.0);
    eprintln!(
        "month {}: {} items in the scene",
        common::describe((t0, t1)),
        scene.items.len(),
    );

    let mut group = c.benchmark_group(format!("hit/{}ev", state.corpus().events.len()));
    // Alternate between two points so every frame sees the pointer move.
    let mut toggle = false;
    group.bench_function("window_frame/over_mark", |b| {
        b.iter(|| {
            toggle = !toggle;
            let p = if toggle {
                on_mark
            } else {
                on_mark + egui::vec2(1.0, 0.0)
            };
            frame(&ctx, &mut view, &state, p);
        })
    });
    group.bench_function("window_frame/over_empty_space", |b| {
        b.iter(|| {
            toggle = !toggle;
            let p = if toggle {
                nowhere
            } else {
                nowhere + egui::vec2(1.0, 0.0)
            };
            frame(&ctx, &mut view, &state, p);
        })
    });
    let all = &state.prepared().all;
    group.bench_function("index_overlapping/month", |b| {
        b.iter(|| black_box(all.overlapping(black_box(t0), black_box(t1))))
    });
    group.bench_function("index_count/month", |b| {
        b.iter(|| black_box(all.count(black_box(t0), black_box(t1))))
    });
    group.finish();
}

criterion_group!(benches, hit);
criterion_main!(benches);
