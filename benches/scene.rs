//! Building the Scene of one view: the per-frame cost of the timeline.
//!
//! Target (README.md, Performance): < 4 ms for any view of a 1,000,000-event corpus. Views: everything,
//! the busiest month, the busiest day; without lanes and with lanes by actor; 1600×900.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks stop on a broken setup

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use frise::model::Seconds;
use frise::timeline::scene::Rect;
use frise::timeline::{
    Filter, LaneMode, Prepared, TimeWindow, View, build_scene, kinds_by_frequency,
};

fn scene(c: &mut Criterion) {
    let corpus = common::corpus();
    let kinds = kinds_by_frequency(&corpus);
    let frame = Rect::from_min_size(0.0, 0.0, 1600.0, 900.0);
    let label = format!("{}ev", corpus.events.len());

    let mut group = c.benchmark_group(format!("scene/{label}"));
    group.sample_size(20);
    for lanes in [LaneMode::None, LaneMode::Actor] {
        let prepared = Prepared::new(&corpus, &Filter::default(), lanes);
        let (lo, hi) = prepared.extent().expect("a dated corpus");
        let month = common::busiest_month(&prepared.all);
        let day = common::busiest_day(&prepared.all);
        let windows: [(&str, (Seconds, Seconds)); 3] =
            [("all", (lo, hi)), ("month", month), ("day", day)];
        for (name, (a, b)) in windows {
            let window = if name == "all" {
                TimeWindow::fit(a as f64, b as f64, 0.02)
            } else {
                TimeWindow::new(a as f64, b as f64)
            };
            let view = View {
                window,
                ..View::default()
            };
            let built = build_scene(&corpus, &prepared, &view, &kinds, frame);
            eprintln!(
                "{} lanes, {name} ({}): {} in window, {} placed, {} clustered, {} shapes, {} items",
                lanes.name(),
                common::describe((a, b)),
                prepared.all.count(a, b),
                built.placed.len(),
                built.clustered,
                built.shapes.len(),
                built.items.len()
            );
            group.bench_function(format!("{}/{name}", lanes.name()), |bench| {
                bench.iter(|| {
                    black_box(build_scene(
                        &corpus,
                        &prepared,
                        black_box(&view),
                        &kinds,
                        frame,
                    ))
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, scene);
criterion_main!(benches);
