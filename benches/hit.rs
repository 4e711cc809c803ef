//! Hover: `Scene::hit` under the pointer, and the time index queries behind a view.
//!
//! Target (DESIGN.md): hover hit-test < 0.1 ms.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::timeline::scene::{Pos, Rect};
use frise::timeline::{
    Filter, LaneMode, Prepared, TimeWindow, View, build_scene, kinds_by_frequency,
};

fn hit(c: &mut Criterion) {
    let corpus = common::corpus();
    let kinds = kinds_by_frequency(&corpus);
    let prepared = Prepared::new(&corpus, &Filter::default(), LaneMode::None);
    let (t0, t1) = common::busiest_month(&prepared.all);
    let view = View {
        window: TimeWindow::new(t0 as f64, t1 as f64),
        ..View::default()
    };
    let frame = Rect::from_min_size(0.0, 0.0, 1600.0, 900.0);
    let scene = build_scene(&corpus, &prepared, &view, &kinds, frame);
    // Over the first drawn happening (found early in the reverse scan or late, depending
    // on drawing order), and over empty space (the whole list is scanned).
    let on_mark = scene
        .placed
        .first()
        .map_or(Pos::new(800.0, 450.0), |p| p.mark.center());
    let nowhere = Pos::new(-10.0, -10.0);
    eprintln!(
        "month {}: {} items in the scene; hit on a mark: {:?}",
        common::describe((t0, t1)),
        scene.items.len(),
        scene.hit(on_mark).map(|i| &i.label)
    );

    let mut group = c.benchmark_group(format!("hit/{}ev", corpus.events.len()));
    group.bench_function("scene_hit/mark", |b| {
        b.iter(|| black_box(scene.hit(black_box(on_mark))))
    });
    group.bench_function("scene_hit/miss", |b| {
        b.iter(|| black_box(scene.hit(black_box(nowhere))))
    });
    group.bench_function("index_overlapping/month", |b| {
        b.iter(|| black_box(prepared.all.overlapping(black_box(t0), black_box(t1))))
    });
    group.bench_function("index_count/month", |b| {
        b.iter(|| black_box(prepared.all.count(black_box(t0), black_box(t1))))
    });
    group.finish();
}

criterion_group!(benches, hit);
criterion_main!(benches);
